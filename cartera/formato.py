"""Money, dates and lists as the customer's country writes them (core, pure).

The country's rules come from :mod:`cartera.paises` and Babel supplies the
locale data (symbols, separators, month names).  An amount is always shown
with its currency's decimals (``$ 1.250.000,00``), a symbol that is a code is
separated from the number (``USD 1,250.50``), the minus sign goes first
(``-$ 1.250.000,00``), and every non-breaking space becomes a plain one so
the same text reads the same in a subject line, a plain-text body, a
spreadsheet or a test.  :func:`forma_dinero` is the one description of how
an amount looks: the messages, the call script and the screen summary
render it here, and the report turns it into an Excel number format, so
the same amount reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent, get_currency_symbol

from cartera import paises
from cartera.dinero import a_pesos, redondear

NBSP = "\xa0"
"""Non-breaking space (``junto=True``): keeps ``$`` and the number on one line in HTML."""

_PATRON = re.compile(r"([^#0,.]*)([#0,.]+)([^#0,.]*)")
_FECHAS = {paises.DIA_MES: "{d:02d}/{m:02d}/{a:04d}", paises.MES_DIA: "{m:02d}/{d:02d}/{a:04d}"}


class FormaDinero(NamedTuple):
    """How an amount of one currency looks in one country: ``prefijo`` + number + ``sufijo``.

    ``prefijo``/``sufijo``: literal text with plain spaces (``"$ "``, ``" €"``,
    ``"USD "``, or ``""``); ``decimales``: digits after the decimal separator;
    ``locale``: the Babel locale whose separators the number uses.
    """

    prefijo: str
    sufijo: str
    decimales: int
    locale: str


def locale_de(pais: str) -> str:
    """Babel locale for an ISO country code: ``"CO"`` → ``"es_CO"``; unknown → ``"es"``."""
    return paises.pais(pais).locale


def _sin_duros(texto: str) -> str:
    return texto.replace(NBSP, " ").replace("\u202f", " ")


@functools.lru_cache(maxsize=512)
def forma_dinero(moneda: str, pais: str) -> FormaDinero:
    """How ``moneda`` is written in ``pais``: COP in CO → ``FormaDinero("$ ", "", 2, "es_CO")``.

    The pattern is the country's (``Pais.patron_moneda``) or CLDR's for its
    locale; the symbol is Babel's for that locale; a symbol ending (or
    starting) in a letter is kept apart from the number by a space.
    """
    datos = paises.pais(pais)
    moneda = (moneda or "").strip().upper()
    patron = datos.patron_moneda or Locale.parse(datos.locale).currency_formats["standard"].pattern
    antes, _, despues = _PATRON.fullmatch(patron.split(";")[0]).groups()
    simbolo = get_currency_symbol(moneda, locale=datos.locale) if moneda else ""
    prefijo = _sin_duros(antes.replace("¤", simbolo))
    sufijo = _sin_duros(despues.replace("¤", simbolo))
    if prefijo[-1:].isalpha():
        prefijo += " "
    if sufijo[:1].isalpha():
        sufijo = " " + sufijo
    return FormaDinero(prefijo, sufijo, paises.decimales(moneda), datos.locale)


def dinero(centavos: int, moneda: str, pais: str, *, junto: bool = False) -> str:
    """An amount of integer centavos as the country writes it (``junto``: spaces are ``NBSP``).

    Rounded half up to the currency's decimals (only currencies without
    decimals, such as CLP, ever round).

    >>> dinero(125_000_000, "COP", "CO")
    '$ 1.250.000,00'
    >>> dinero(125_000_050, "COP", "CO")
    '$ 1.250.000,50'
    >>> dinero(125_050, "EUR", "ES")
    '1.250,50 €'
    >>> dinero(125_050, "USD", "CO")
    'US$ 1.250,50'
    """
    forma = forma_dinero(moneda, pais)
    centavos = int(centavos)
    valor = redondear(a_pesos(abs(centavos)), forma.decimales)
    patron = "#,##0" + ("." + "0" * forma.decimales if forma.decimales else "")
    numero = _sin_duros(format_decimal(valor, patron, locale=forma.locale, decimal_quantization=False))
    texto = ("-" if centavos < 0 else "") + forma.prefijo + numero + forma.sufijo
    return texto.replace(" ", NBSP) if junto else texto


def fecha(d: dt.date, pais: str) -> str:
    """Short date in the country's order: ``24/11/2026`` (``11/24/2026`` in Estados Unidos)."""
    return _FECHAS[paises.pais(pais).orden_fecha].format(d=d.day, m=d.month, a=d.year)


def fecha_larga(d: dt.date, pais: str) -> str:
    """Long date in words: ``24 de noviembre de 2026``."""
    return format_date(d, "d 'de' MMMM 'de' y", locale=locale_de(pais))


def lineas(texto: str, separadores: str = "\n") -> list[str]:
    """Non-empty trimmed pieces of a workbook cell split at any of ``separadores`` (the signature's lines; the
    ``Medios de pago`` at new lines and semicolons): the one reading of these cells for messages and statements.

    >>> lineas("Transferencia ; Nequi\\n\\n Efectivo", "\\n;")
    ['Transferencia', 'Nequi', 'Efectivo']
    """
    trozos = re.split("|".join(re.escape(s) for s in separadores), texto or "")
    return [t.strip() for t in trozos if t.strip()]


def lista(partes: Iterable[str]) -> str:
    """Spanish enumeration: ``A``, ``A y B``, ``A, B y C`` (empty → ``""``)."""
    elementos = [str(p) for p in partes]
    if len(elementos) <= 1:
        return "".join(elementos)
    return ", ".join(elementos[:-1]) + " y " + elementos[-1]


def porcentaje(fraccion: float, pais: str) -> str:
    """0.435 → "43,5 %" (in the country's format, one decimal)."""
    return format_percent(fraccion, format="#,##0.0 %", locale=locale_de(pais)).replace(NBSP, " ")
