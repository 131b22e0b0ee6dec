"""What a bank line's free text names: invoice numbers (FV-102, FV102, «Fra. 102», 102) and clients (tax id, name).

A bank writes whatever the payer typed, cut and upper-cased: «TRANSF FERRETERIA TORNILLO FRA FV 102 NIT
900.123.456-7».  The text is cut into tokens (casefolded, accents dropped, dots and dashes inside a number or
code joined: ``FV-102`` → ``fv102``, ``900.123.456`` → ``900123456``), and each pair of neighbours is joined
too (``FV 102`` → ``fv102``).  An invoice is named by its number without separators
(``lectura.textos.sin_adornos``) — the way ``disposicion.ensamblado`` reads a payment that names its invoice
another way — or by its trailing digits alone when exactly one invoice ends in them and the digits are not
a date's (three digits or more, or right after «fra», «factura», «fv», «no.»…).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from cartera.lectura.textos import digitos_finales, sin_adornos

PALABRAS_FACTURA = frozenset({"fra", "fact", "factura", "facturas", "fac", "fv", "fe", "f", "no", "nro", "num", "n",
                              "numero", "inv", "invoice", "doc", "documento"})
"""Words after which a short number is an invoice's («Fra. 12», «No 45»)."""
_FECHA = re.compile(r"\b\d{1,4}[/-]\d{1,2}[/-]\d{1,4}\b")
_UNIR = re.compile(r"(?<=[a-z0-9])[.\-](?=[a-z0-9])")
_SUFIJOS = frozenset({"sas", "sa", "s", "a", "sl", "slu", "ltda", "ltd", "cv", "de", "rl", "srl", "sc", "eirl", "y", "cia",
                      "e", "hijos", "el", "la", "los", "las", "del", "compania", "sociedad", "limitada", "anonima"})


def _plano(texto: str) -> str:
    sin = "".join(c for c in unicodedata.normalize("NFKD", str(texto)) if not unicodedata.combining(c))
    return sin.casefold()


def fichas(texto: str) -> tuple[str, ...]:
    """The tokens of a bank line's text, in order, dates left out, dots and dashes inside a code joined.

    >>> fichas("Pago FV-102 del 05/11/2026 NIT 900.123.456-7")
    ('pago', 'fv102', 'del', 'nit', '9001234567')
    """
    return tuple(re.findall(r"[a-z0-9]+", _UNIR.sub("", _FECHA.sub(" ", _plano(texto)))))


def palabras(texto: str) -> tuple[str, ...]:
    """The words of a text split at every separator («fv-102» → «fv», «102»): for names."""
    return tuple(re.findall(r"[a-z0-9]+", _plano(texto)))


def _digitos(juntas: tuple[str, ...]) -> list[tuple[str, str]]:
    """(previous word, digits) of every number token; «fra102» reads as («fra», «102»)."""
    pares = []
    for previa, ficha in zip(("", *juntas), juntas, strict=False):
        if ficha.isdigit():
            pares.append((previa, ficha.lstrip("0")))
        elif (hallado := re.fullmatch(r"([a-z]+)(\d+)", ficha)) and hallado[1] in PALABRAS_FACTURA:
            pares.append((hallado[1], hallado[2].lstrip("0")))
    return pares


class Indice(NamedTuple):
    """Invoice numbers by their comparable forms: ``por_clave`` (sin_adornos) and ``por_digitos``."""

    por_clave: dict[str, tuple[str, ...]]
    por_digitos: dict[str, tuple[str, ...]]


def indice(numeros: Iterable[str]) -> Indice:
    """The look-up tables of a list of invoice numbers (open ones, usually)."""
    por_clave: dict[str, list[str]] = {}
    por_digitos: dict[str, list[str]] = {}
    for numero in numeros:
        por_clave.setdefault(sin_adornos(numero), []).append(numero)
        if digitos := digitos_finales(numero):
            por_digitos.setdefault(digitos, []).append(numero)
    return Indice({k: tuple(v) for k, v in por_clave.items()}, {k: tuple(v) for k, v in por_digitos.items()})


def facturas_nombradas(texto: str, tabla: Indice) -> tuple[str, ...]:
    """The invoices a text names, in the order it names them, each once.

    >>> t = indice(["FV-102", "FV-103", "A-7", "B-7"])
    >>> facturas_nombradas("PAGO FRA FV 102 Y FV103", t), facturas_nombradas("abono fra 102", t), facturas_nombradas("fra 7", t)
    (('FV-102', 'FV-103'), ('FV-102',), ())
    """
    juntas = fichas(texto)
    candidatas = [c for a, b in zip(juntas, (*juntas[1:], ""), strict=False) for c in (a, a + b) if b or c == a]
    halladas = [n for c in candidatas for n in tabla.por_clave.get(c, ()) if len(tabla.por_clave[c]) == 1]
    for previa, digitos in _digitos(juntas):
        unicas = tabla.por_digitos.get(digitos, ())
        if digitos and len(unicas) == 1 and (len(digitos) >= 3 or previa in PALABRAS_FACTURA):
            halladas.append(unicas[0])
    return tuple(dict.fromkeys(halladas))


def formas_nit(nit: str) -> tuple[str, ...]:
    """The forms a tax id takes in a bank's text: «900.123.456-7» → ("9001234567", "900123456"); a Spanish NIF
    «B-12345678» → ("b12345678",).  Too short (fewer than 6 characters) → none."""
    limpio = sin_adornos(nit)
    if len(limpio) < 6:
        return ()
    formas = [limpio]
    if "-" in nit and limpio.isdigit():
        formas.append(limpio[:-1])
    return tuple(formas)


def nombre_significativo(nombre: str) -> tuple[str, ...]:
    """A client's name without legal forms and little words: «Ferretería El Tornillo S.A.S.» → ("ferreteria",
    "tornillo")."""
    return tuple(p for p in re.findall(r"[a-z0-9]+", _plano(nombre)) if p not in _SUFIJOS and len(p) > 1)


def nombra_nit(texto: str, formas: tuple[str, ...]) -> bool:
    """True when a tax id appears in the text (as one token, dots and dashes joined)."""
    todas = set(fichas(texto)) | set(palabras(texto))
    return any(f in todas for f in formas)


def nombra_cliente(texto: str, nombre: tuple[str, ...]) -> bool:
    """True when every significant word of a client's name (at least one of four letters) is in the text."""
    if not nombre or max(map(len, nombre)) < 4:
        return False
    return set(nombre) <= set(palabras(texto))
