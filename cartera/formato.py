"""Money, dates and lists as the customer's country writes them (core, pure).

Babel supplies the locale data (symbols, separators, month names); this
module only fixes the few places where everyday usage differs from CLDR:
Colombia, Argentina and Chile write a space after the symbol (``$ 1.250.000``),
pesos without centavos are shown without decimals (``COP``, ``CLP``), a
currency shown by its code is separated from the number (``USD 1,250.50``),
and every non-breaking space becomes a plain one so the same text reads
the same in a subject line, a plain-text body, a spreadsheet or a test.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_percent

from cartera.dinero import a_pesos

LOCALES: dict[str, str] = {
    "CO": "es_CO",
    "MX": "es_MX",
    "ES": "es_ES",
    "AR": "es_AR",
    "CL": "es_CL",
    "PE": "es_PE",
}
"""ISO country → Babel locale; any other country uses plain ``es``."""

PATRONES: dict[str, str] = {
    "es_CO": "¤ #,##0.00",
    "es_AR": "¤ #,##0.00",
    "es_CL": "¤ #,##0.00",
}
"""Currency patterns that differ from CLDR's (a space after the symbol)."""

SIN_CENTAVOS = frozenset({"COP", "CLP"})
"""Currencies customarily written without decimals when the centavos are zero."""

NBSP = "\xa0"
"""Non-breaking space (``junto=True``): keeps ``$`` and the number on one line in HTML."""

_CODIGO_PEGADO = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


def locale_de(pais: str) -> str:
    """Babel locale for an ISO country code: ``"CO"`` → ``"es_CO"``; unknown → ``"es"``."""
    return LOCALES.get((pais or "").strip().upper(), "es")


def _patron(locale: str, moneda: str, centavos: int) -> str:
    """The positive currency pattern for ``locale``, without decimals for whole pesos."""
    patron = PATRONES.get(locale) or Locale.parse(locale).currency_formats["standard"].pattern
    patron = patron.split(";")[0]
    if moneda.upper() in SIN_CENTAVOS and centavos % 100 == 0:
        patron = patron.replace("#,##0.00", "#,##0")
    return patron


def dinero(centavos: int, moneda: str, pais: str, *, junto: bool = False) -> str:
    """An amount of integer centavos as the country writes it (``junto``: spaces are ``NBSP``).

    >>> dinero(125_000_000, "COP", "CO")
    '$ 1.250.000'
    >>> dinero(125_000_050, "COP", "CO")
    '$ 1.250.000,50'
    >>> dinero(125_050, "EUR", "ES")
    '1.250,50 €'
    >>> dinero(125_050, "USD", "CO")
    'US$ 1.250,50'
    """
    locale = locale_de(pais)
    centavos = int(centavos)
    moneda = (moneda or "").strip().upper()
    texto = format_currency(
        a_pesos(centavos), moneda, _patron(locale, moneda, centavos), locale=locale, currency_digits=False
    )
    texto = _CODIGO_PEGADO.sub(" ", texto.replace(NBSP, " ").replace("\u202f", " "))
    return texto.replace(" ", NBSP) if junto else texto


def fecha(d: dt.date) -> str:
    """Short date, day first: ``24/11/2026``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def fecha_larga(d: dt.date, pais: str) -> str:
    """Long date in words: ``24 de noviembre de 2026``."""
    return format_date(d, "d 'de' MMMM 'de' y", locale=locale_de(pais))


def lista(partes: Iterable[str]) -> str:
    """Spanish enumeration: ``A``, ``A y B``, ``A, B y C`` (empty → ``""``)."""
    elementos = [str(p) for p in partes]
    if len(elementos) <= 1:
        return "".join(elementos)
    return ", ".join(elementos[:-1]) + " y " + elementos[-1]


def porcentaje(fraccion: float, pais: str) -> str:
    """0.435 → "43,5 %" (in the country's format, one decimal)."""
    return format_percent(fraccion, format="#,##0.0 %", locale=locale_de(pais)).replace(NBSP, " ")
