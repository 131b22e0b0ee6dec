"""The countries cartera knows: one record per country, the one table every country rule comes from.

Messages, the call script, the screen summary, the report's number formats,
typed dates and amounts, the paper size and the holidays all read the
country here, so they cannot disagree.  What Babel (CLDR) already knows for a
locale — currency symbols, separators, month names — is not repeated: a
``Pais`` names its locale and only records what CLDR does not say or where
everyday usage differs from it.

Unknown or blank codes get :data:`OTRO` (generic Spanish, day first, A4, no
calling code), keeping the code itself for the holidays lookup, so a country
the ``holidays`` package knows still has its holidays.

How a workbook shows its country is here too: currency signs (:data:`SIGNOS`,
:func:`moneda_escrita`), tax ids, Windows locale ids (``lectura.evidencia``).
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType
from typing import NamedTuple

# --- Enumerations ---------------------------------------------------------------
DIA_MES = "DD/MM/AAAA"
"""Day first: 24/11/2026 (as the workbook and the messages say it to the user)."""
MES_DIA = "MM/DD/AAAA"
"""Month first: 11/24/2026 (Estados Unidos)."""
ORDENES_FECHA = (DIA_MES, MES_DIA)

CARTA = "Carta"
"""US Letter (8.5 × 11 in), usual in most of the Americas."""
A4 = "A4"
"""ISO A4 (210 × 297 mm)."""
PAPELES = (CARTA, A4)

PATRON_ESPACIADO = "¤ #,##0.00"
"""CLDR-style currency pattern with a space after the symbol (``$ 1.250.000,00``)."""

DECIMALES_OTRA_MONEDA = 2
"""Decimals shown for a currency that is no country's default here (amounts are held in centavos)."""


class Pais(NamedTuple):
    """One country's rules.

    ``codigo``: ISO 3166-1 alpha-2 (``""`` in :data:`OTRO`).  ``nombre``: in
    Spanish.  ``locale``: the Babel locale of a business there (symbols,
    separators, month names).  ``moneda``: ISO 4217 default currency;
    ``decimales``: its ISO 4217 minor units, shown on every amount in that
    currency (messages, call script, summary and report alike).
    ``orden_fecha``: :data:`DIA_MES` or :data:`MES_DIA`, for every short date
    shown and for typed dates.  ``prefijo``: international calling code
    (digits, ``""`` unknown); ``largo_telefono``: digits of a national number
    without the trunk 0 (0 unknown).  ``papel``: :data:`CARTA` or :data:`A4`.
    ``festivos``: code for ``holidays.country_holidays`` (``""``: none).
    ``patron_moneda``: the currency pattern when everyday usage differs from
    CLDR's (``""``: CLDR's).  ``notas``: short legal notes for the owner
    (Spanish), with the rule cited.
    """

    codigo: str
    nombre: str
    locale: str
    moneda: str
    decimales: int
    orden_fecha: str
    prefijo: str
    largo_telefono: int
    papel: str
    festivos: str
    patron_moneda: str = ""
    notas: tuple[str, ...] = ()


_USURA = ("Colombia: el interés de mora no puede pasar la tasa de usura que certifica cada mes la "
          "Superintendencia Financiera (art. 884 del Código de Comercio; art. 305 del Código Penal).")
_LEY_3_2004 = ("España, Ley 3/2004 de lucha contra la morosidad: 40 € de compensación por costes de cobro por "
               "cada factura vencida (art. 8) e interés de demora del tipo del BCE más 8 puntos (art. 7).")

PAISES: tuple[Pais, ...] = (
    Pais("AR", "Argentina", "es_AR", "ARS", 2, DIA_MES, "54", 10, A4, "AR", PATRON_ESPACIADO),
    Pais("BO", "Bolivia", "es_BO", "BOB", 2, DIA_MES, "591", 8, A4, "BO"),
    Pais("CL", "Chile", "es_CL", "CLP", 0, DIA_MES, "56", 9, CARTA, "CL", PATRON_ESPACIADO),
    Pais("CO", "Colombia", "es_CO", "COP", 2, DIA_MES, "57", 10, CARTA, "CO", PATRON_ESPACIADO, (_USURA,)),
    Pais("CR", "Costa Rica", "es_CR", "CRC", 2, DIA_MES, "506", 8, CARTA, "CR"),
    Pais("DO", "República Dominicana", "es_DO", "DOP", 2, DIA_MES, "1", 10, CARTA, "DO"),
    Pais("EC", "Ecuador", "es_EC", "USD", 2, DIA_MES, "593", 9, A4, "EC"),
    Pais("ES", "España", "es_ES", "EUR", 2, DIA_MES, "34", 9, A4, "ES", "", (_LEY_3_2004,)),
    Pais("GT", "Guatemala", "es_GT", "GTQ", 2, DIA_MES, "502", 8, CARTA, "GT"),
    Pais("HN", "Honduras", "es_HN", "HNL", 2, DIA_MES, "504", 8, CARTA, "HN"),
    Pais("MX", "México", "es_MX", "MXN", 2, DIA_MES, "52", 10, CARTA, "MX"),
    Pais("NI", "Nicaragua", "es_NI", "NIO", 2, DIA_MES, "505", 8, CARTA, "NI"),
    Pais("PA", "Panamá", "es_PA", "USD", 2, DIA_MES, "507", 8, CARTA, "PA"),
    Pais("PE", "Perú", "es_PE", "PEN", 2, DIA_MES, "51", 9, A4, "PE"),
    Pais("PR", "Puerto Rico", "es_PR", "USD", 2, DIA_MES, "1", 10, CARTA, "PR"),
    Pais("PY", "Paraguay", "es_PY", "PYG", 0, DIA_MES, "595", 9, A4, "PY"),
    Pais("SV", "El Salvador", "es_SV", "USD", 2, DIA_MES, "503", 8, CARTA, "SV"),
    Pais("US", "Estados Unidos", "es_US", "USD", 2, MES_DIA, "1", 10, CARTA, "US"),
    Pais("UY", "Uruguay", "es_UY", "UYU", 2, DIA_MES, "598", 8, A4, "UY"),
    Pais("VE", "Venezuela", "es_VE", "VES", 2, DIA_MES, "58", 10, CARTA, "VE"),
)
"""Spanish-speaking countries and the United States, by ISO code.

Colombia, Argentina and Chile write a space after the currency symbol
(``$ 1.250.000,00``), which CLDR does not.  Panamá and Puerto Rico keep day
first although CLDR has month first there: that is how cartera always read
and wrote them.
"""

OTRO = Pais("", "Otro país", "es", "", DECIMALES_OTRA_MONEDA, DIA_MES, "", 0, A4, "")
"""The fallback for a code not in :data:`PAISES`: generic Spanish (``1.250,50 US$``), day first, A4."""

_POR_CODIGO = MappingProxyType({p.codigo: p for p in PAISES})
_DECIMALES = MappingProxyType({p.moneda: p.decimales for p in PAISES})


def pais(codigo: str) -> Pais:
    """The record of an ISO code (any case, spaces ignored); unknown or blank → :data:`OTRO` with that code.

    >>> pais(" co ").locale
    'es_CO'
    >>> pais("FR").locale, pais("FR").festivos
    ('es', 'FR')
    """
    limpio = (codigo or "").strip().upper()
    return _POR_CODIGO.get(limpio) or OTRO._replace(codigo=limpio, festivos=limpio)


def decimales(moneda: str) -> int:
    """Decimals shown for ``moneda``: its ISO 4217 minor units when it is a country's default here, else 2.

    >>> decimales("COP"), decimales("CLP"), decimales("GBP")
    (2, 0, 2)
    """
    return _DECIMALES.get((moneda or "").strip().upper(), DECIMALES_OTRA_MONEDA)


# --- How a workbook shows its country (``lectura.evidencia``) -------------------------------------------
LCID: dict[int, str] = {  # Windows locale ids in «[$…-XXXX]» → country; en-US (0x0409) alone is weak
    0x0C0A: "ES", 0x040A: "ES", 0x080A: "MX", 0x240A: "CO", 0x2C0A: "AR", 0x340A: "CL", 0x280A: "PE", 0x200A: "VE",
    0x300A: "EC", 0x100A: "GT", 0x140A: "CR", 0x180A: "PA", 0x1C0A: "DO", 0x3C0A: "PY", 0x400A: "BO", 0x440A: "SV",
    0x480A: "HN", 0x4C0A: "NI", 0x500A: "PR", 0x380A: "UY", 0x540A: "US", 0x0409: "US",
}
IDENTIFICACIONES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    ("NIT", ("nit",), ("CO", "GT", "BO", "SV"), ((r"\d{3}\.?\d{3}\.?\d{3,4}-\d", ("CO",)),)),
    ("RFC", ("rfc",), ("MX",), ((r"[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}", ("MX",)),)),
    ("NIF/CIF", ("nif", "cif", "nie"), ("ES",),
                        ((r"[A-HJ-NP-SUVW]\d{7}[0-9A-J]|\d{8}[A-Z]|[XYZ]\d{7}[A-Z]", ("ES",)),)),
    ("RUT", ("rut",), ("CL", "UY"), ((r"\d{1,2}\.\d{3}\.\d{3}-[\dK]", ("CL",)),
                                                        (r"\d{7,8}-[\dK]", ("CL",)), (r"\d{12}", ("UY",)))),
    ("CUIT", ("cuit", "cuil"), ("AR",), ((r"(?:20|23|24|27|30|33|34)-\d{8}-\d", ("AR",)),)),
    ("RUC", ("ruc",), ("PE", "EC", "PY", "PA"),
                        ((r"(?:10|15|17|20)\d{9}", ("PE",)), (r"\d{10}001", ("EC",)), (r"\d{5,8}-\d", ("PY",)))),
    ("RTN", ("rtn",), ("HN",), ()), ("RNC", ("rnc",), ("DO",), ()),
    ("RIF", ("rif",), ("VE",), ((r"[VEJPG]-?\d{8}-?\d", ("VE",)),)),
    ("EIN", ("ein", "tax id"), ("US",), ((r"\d{2}-\d{7}", ("US",)),)),
)
"""(tax id, header words, countries the word suggests (medium), (whole-value pattern, countries it proves))."""
NOMBRES_EN_INGLES = {"spain": "ES", "mexico": "MX", "united states": "US", "dominican republic": "DO", "peru": "PE"}
"""English names of countries in a Windows locale string (``Spanish_Mexico`` is named in English)."""


# --- Currency signs ---------------------------------------------------------------------------------
_DOLAR = ("AR", "CL", "CO", "MX", "US", "EC", "PA", "PR", "SV", "UY", "DO")  # where «$» alone is usual
SIGNOS: tuple[tuple[str, str, tuple[str, ...]], ...] = (  # (sign, ISO 4217 or "", countries), longest first
    ("USD$", "USD", ()), ("US$", "USD", ()), ("U$S", "USD", ()), ("RD$", "DOP", ("DO",)), ("COL$", "COP", ("CO",)),
    ("MX$", "MXN", ("MX",)), ("C$", "NIO", ("NI",)), ("$U", "UYU", ("UY",)), ("B/.", "", ("PA",)), ("S/.", "PEN", ("PE",)),
    ("S/", "PEN", ("PE",)), ("€", "EUR", ("ES",)), ("₡", "CRC", ("CR",)), ("₲", "PYG", ("PY",)), ("Gs", "PYG", ("PY",)),
    ("Bs", "", ("BO", "VE")), ("Q", "GTQ", ("GT",)), ("L", "HNL", ("HN",)), ("$", "", _DOLAR),
)
"""The one table of currency signs: in amounts typed as text and number formats (``lectura.evidencia``) and in
Moneda cells (:func:`moneda_escrita`)."""
_PALABRAS = {"dolar": "USD", "dolares": "USD", "euro": "EUR", "euros": "EUR", "sol": "PEN", "soles": "PEN"}
_POR_SIGNO = MappingProxyType({signo.casefold(): (signo, moneda, donde) for signo, moneda, donde in SIGNOS})


def moneda_escrita(texto: str, predeterminada: str = "") -> str | None:
    """The currency a ``Moneda`` cell states: an ISO code (``cop``), a sign (``S/.``, ``US$``, ``€``, ``Bs.``) or a
    word (``dólares``); a sign several currencies use (``$``, ``Bs``) is ``predeterminada`` when it can be that one.
    ``""``: such a sign ``predeterminada`` does not settle; None: not a currency.

    >>> moneda_escrita("usd"), moneda_escrita("S/."), moneda_escrita("$", "MXN"), moneda_escrita("$"), moneda_escrita("B/.")
    ('USD', 'PEN', 'MXN', '', 'USD')
    """
    limpio = texto.strip()
    if re.fullmatch(r"[A-Za-z]{3}", limpio):
        return limpio.upper()
    if not (hallado := _POR_SIGNO.get(limpio.casefold()) or _POR_SIGNO.get(limpio.rstrip(".").casefold())):
        return _PALABRAS.get("".join(c for c in unicodedata.normalize("NFKD", limpio.casefold()) if c.isalpha()))
    signo, moneda, donde = hallado
    posibles = {pais(p).moneda for p in donde}
    if moneda or (len(posibles) == 1 and signo != "$"):
        return moneda or posibles.pop()
    return predeterminada if predeterminada and (signo == "$" or predeterminada in posibles) else ""
