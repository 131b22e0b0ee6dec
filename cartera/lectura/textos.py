"""Parsers for values typed as text: dates, amounts, percentages, e-mail addresses.

Pure functions of (text, país).  Each returns the value or an
:class:`Invalido` carrying a Spanish reason that says what to fix; none
raises on bad input.

Number formats by country follow the decimal separator of the country's
locale (``cartera.paises``, the same one the messages write): México,
Estados Unidos, Centroamérica, Perú … write ``$1,250.50``; Colombia,
España, Argentina, Chile, Uruguay, Venezuela, Ecuador … write
``$ 1.250,50``.  A single separator followed by exactly three digits is read
as the country's thousands separator; when it is the country's *decimal*
separator (``1,250`` in Colombia, ``1.250`` in México) the text is ambiguous
and rejected.  Dates follow the country's ``orden_fecha`` (day first
everywhere except Estados Unidos); ISO ``2026-11-24`` is always accepted.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from babel.numbers import get_decimal_symbol

from cartera import formato, paises
from cartera.dinero import a_centavos


class Invalido(NamedTuple):
    """A value that could not be read; ``motivo`` is Spanish and says what to fix."""

    motivo: str


ANIO_MINIMO, ANIO_MAXIMO = 1900, 2199
EJEMPLO_FECHA = dt.date(2026, 11, 24)

_MESES = {
    "ene": 1, "enero": 1, "feb": 2, "febrero": 2, "mar": 3, "marzo": 3, "abr": 4, "abril": 4,
    "may": 5, "mayo": 5, "jun": 6, "junio": 6, "jul": 7, "julio": 7, "ago": 8, "agosto": 8,
    "sep": 9, "sept": 9, "set": 9, "septiembre": 9, "setiembre": 9, "oct": 10, "octubre": 10,
    "nov": 11, "noviembre": 11, "dic": 12, "diciembre": 12,
}
_HORA = r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?\s*m\.?)?)?"
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _HORA)
_NUMERICA = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})" + _HORA)
_CON_MES = re.compile(r"(\d{1,2})(?:\s+de\s+|[\s\-/.]+)([a-z]+)\.?(?:\s+de\s+|[\s\-/.,]+)(\d{4}|\d{2})" + _HORA)


def _sin_acentos(texto: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c))


def fecha_esperada(pais: str) -> str:
    """How a date is written in ``pais``, for messages: ``DD/MM/AAAA`` or ``MM/DD/AAAA``."""
    return paises.pais(pais).orden_fecha


def _mes_primero(pais: str) -> bool:
    return paises.pais(pais).orden_fecha == paises.MES_DIA


def _fecha(anio: int, mes: int, dia: int) -> dt.date | Invalido:
    if anio < 100:
        anio += 2000
    if not ANIO_MINIMO <= anio <= ANIO_MAXIMO:
        return Invalido(f"El año {anio} está fuera de rango: revise la fecha.")
    try:
        return dt.date(anio, mes, dia)
    except ValueError:
        return Invalido(f"La fecha no existe (día {dia}, mes {mes}, año {anio}): revise el día y el mes.")


def texto_a_fecha(texto: str, pais: str) -> dt.date | Invalido:
    """A date typed as text: ``24/11/2026``, ``24-11-2026``, ``24 de noviembre de 2026``, ``2026-11-24``.

    Day first, except where the country writes the month first (``11/24/2026``).  Two-digit
    years are 20xx.  A time after the date is ignored.
    """
    limpio = _sin_acentos(str(texto).strip().casefold())
    if m := _ISO.fullmatch(limpio):
        return _fecha(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERICA.fullmatch(limpio):
        primero, segundo = int(m[1]), int(m[2])
        if _mes_primero(pais):
            primero, segundo = segundo, primero
        return _fecha(int(m[3]), segundo, primero)
    if (m := _CON_MES.fullmatch(limpio)) and m[2] in _MESES:
        return _fecha(int(m[3]), _MESES[m[2]], int(m[1]))
    ejemplo = formato.fecha(EJEMPLO_FECHA, pais)
    return Invalido(f"No es una fecha reconocible: escríbala como {fecha_esperada(pais)} (por ejemplo {ejemplo}) "
                    "o use una celda con formato de fecha.")


# --- Montos ---------------------------------------------------------------------
_SIMBOLOS = ("US$", "U$S", "RD$", "S/.", "S/", "Bs.S", "Bs.", "Bs", "$", "€", "£", "¥", "₡", "₲", "₱", "₹")
_PALABRAS = re.compile(r"^(?:pesos|euros|dolares|soles|[a-z]{1,3})\.?|(?:pesos|euros|dolares|soles|[a-z]{1,3})\.?$")
_ESPACIOS = re.compile(r"[\s\u00a0\u202f\u2009]+")
_MILES_CON_ESPACIO = re.compile(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?")
_NUMERO = re.compile(r"\d[\d.,]*|[.,]\d+")
_GRUPOS = re.compile(r"[1-9]\d{0,2}")


@functools.lru_cache(maxsize=64)
def _separadores(pais: str) -> tuple[str, str]:
    """(decimal, miles) of ``pais``: its locale's decimal separator, and the other of ``.`` and ``,``."""
    return (".", ",") if get_decimal_symbol(paises.pais(pais).locale) == "." else (",", ".")


def _signo(limpio: str) -> tuple[int, str]:
    """Sign and digits: ``(1.250)`` and ``-1.250`` and ``1.250-`` are negative."""
    if limpio.startswith("(") and limpio.endswith(")"):
        signo, resto = _signo(limpio[1:-1])
        return -signo, resto
    if limpio[:1] in ("+", "-") and limpio:
        return (-1 if limpio[0] == "-" else 1), limpio[1:]
    if limpio.endswith("-"):
        return -1, limpio[:-1]
    return 1, limpio


def _limpiar_monto(texto: str) -> tuple[int, str] | Invalido:
    """Strip currency and sign: ``"-$ 1.250,50"`` → (-1, ``"1.250,50"``)."""
    limpio = str(texto).strip().replace("−", "-")
    for simbolo in _SIMBOLOS:
        limpio = limpio.replace(simbolo, " ")
    limpio = _PALABRAS.sub(" ", _sin_acentos(limpio.casefold()).strip()).strip()
    if _MILES_CON_ESPACIO.fullmatch(limpio):
        limpio = limpio.replace(" ", "")
    if _ESPACIOS.sub("", limpio) in ("-", "--", "—", "–"):  # accounting's dash for zero: «$ -», «- €»
        return 1, "0"
    signo, limpio = _signo(_ESPACIOS.sub("", limpio))
    if not _NUMERO.fullmatch(limpio):
        return Invalido("No es un monto: escriba solo la cifra, por ejemplo 1250000 o $ 1.250.000,50.")
    return signo, limpio


def _miles_validos(entero: str, miles: str) -> bool:
    grupos = entero.split(miles)
    return bool(_GRUPOS.fullmatch(grupos[0])) and all(len(g) == 3 and g.isdigit() for g in grupos[1:])


def _ambiguo(cifra: str, pais: str) -> Invalido:
    decimal, miles = _separadores(pais)
    entero, _, fraccion = cifra.partition(decimal)
    return Invalido(
        f"Monto ambiguo: «{cifra}» puede ser {entero}{fraccion} o {entero}{decimal}{fraccion}. "
        f"Escríbalo sin separador de miles ({entero}{fraccion}) o con dos decimales "
        f"({entero}{miles}{fraccion}{decimal}00)."
    )


def _partir(cifra: str, pais: str) -> tuple[str, str] | Invalido:
    """Integer and fraction digits of ``cifra`` (digits, dots and commas)."""
    decimal, miles = _separadores(pais)
    presentes = {c for c in cifra if c in ".,"}
    mal = Invalido("Los separadores de miles y decimales no tienen sentido: revise la cifra.")
    if not presentes:
        return cifra, ""
    if len(presentes) == 2:
        sep = cifra[max(cifra.rfind("."), cifra.rfind(","))]
        entero, _, fraccion = cifra.rpartition(sep)
        otro = "," if sep == "." else "."
        return (entero.replace(otro, ""), fraccion) if fraccion and _miles_validos(entero, otro) else mal
    sep = presentes.pop()
    partes = cifra.split(sep)
    if len(partes) > 2:
        return (cifra.replace(sep, ""), "") if _miles_validos(cifra, sep) else mal
    entero, fraccion = partes
    if not fraccion:
        return mal
    if len(fraccion) == 3 and _miles_validos(cifra, sep):
        return (entero + fraccion, "") if sep == miles else _ambiguo(cifra, pais)
    return entero or "0", fraccion


def texto_a_centavos(texto: str, pais: str) -> int | Invalido:
    """An amount typed as text → integer centavos (exact to 2 decimals, half up beyond).

    Currency symbols and codes (``$``, ``€``, ``US$``, ``COP``, ``MXN`` …),
    spaces and a sign (``-``, parentheses) are accepted:
    ``texto_a_centavos("$ 1.250.000,50", "CO")`` → 125000050;
    ``texto_a_centavos("$1,250.50", "MX")`` → 125050.
    """
    limpio = _limpiar_monto(texto)
    if isinstance(limpio, Invalido):
        return limpio
    signo, cifra = limpio
    partes = _partir(cifra, pais)
    if isinstance(partes, Invalido):
        return partes
    entero, fraccion = partes
    return signo * a_centavos(Decimal(f"{entero}.{fraccion or '0'}"))


# --- Porcentajes -------------------------------------------------------------
def texto_a_porcentaje(texto: str, pais: str) -> Decimal | Invalido:
    """A percentage typed as text: ``5 %``, ``5%``, ``5``, ``2,5 %`` → Decimal percent (5, 2.5).

    Text is read as written: ``0,05`` is 0.05 %, not 5 %.  Negative values are rejected.
    """
    limpio = _ESPACIOS.sub("", str(texto)).removesuffix("%")
    if limpio.count(",") + limpio.count(".") > 1 or not re.fullmatch(r"\d+(?:[.,]\d+)?", limpio):
        return Invalido("No es un porcentaje: escriba por ejemplo 5 % o 2,5 %.")
    return Decimal(limpio.replace(",", "."))


def numero_a_porcentaje(numero: float) -> Decimal | Invalido:
    """A numeric cell as a percentage.

    Excel stores a cell formatted as percentage as a fraction (5 % → 0.05),
    so a number below 1 is read as a fraction and multiplied by 100; 1 or
    more is taken as percent already (5 → 5 %).  Hence a %-formatted 100 %
    (stored as 1) reads as 1 %: write such rare values as text (``100 %``).
    """
    try:
        valor = Decimal(repr(float(numero)))
    except (InvalidOperation, ValueError):
        return Invalido("No es un porcentaje.")
    if valor < 0 or not valor.is_finite():
        return Invalido("El porcentaje no puede ser negativo.")
    return _sin_ceros(valor * 100 if valor < 1 else valor)


def _sin_ceros(valor: Decimal) -> Decimal:
    """Drop trailing zeros without scientific notation: 10.0 → 10, 2.50 → 2.5."""
    return valor.quantize(Decimal(1)) if valor == valor.to_integral_value() else valor.normalize()


# --- Correos -------------------------------------------------------------------
_DOMINIO = re.compile(r"[^\s@.]+(?:\.[^\s@.]+)+")
_PROHIBIDOS = set('<>()[]\\",:;')


def correo_valido(direccion: str) -> bool:
    """True for a plausible address: no spaces or line breaks, exactly one ``@``, a dotted domain."""
    if any(c.isspace() or c in _PROHIBIDOS or ord(c) < 32 for c in direccion) or direccion.count("@") != 1:
        return False
    local, dominio = direccion.split("@")
    return bool(local) and bool(_DOMINIO.fullmatch(dominio))


# --- Números de factura ----------------------------------------------------------
def sin_adornos(numero: str) -> str:
    """An invoice number without case, spaces or separators, to compare numbers written two ways:
    ``sin_adornos("FV-102")`` == ``sin_adornos("fv 102")`` == "fv102"."""
    return re.sub(r"[^0-9a-z]", "", _sin_acentos(str(numero)).casefold())


def digitos_finales(numero: str) -> str:
    """The trailing digits of an invoice number without leading zeros: «FV-0102» → "102" ("" when none)."""
    hallado = re.search(r"(\d+)$", sin_adornos(numero))
    return hallado[1].lstrip("0") if hallado else ""
