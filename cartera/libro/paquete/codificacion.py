"""Cell values as SpreadsheetML: column letters, number/date/text encoding, one ``<c>`` element.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from typing import NamedTuple

import pandas as pd

_EPOCA = {False: dt.datetime(1899, 12, 30), True: dt.datetime(1904, 1, 1)}


def letras(col: int) -> str:
    """Letters of the 1-based column ``col``: 1 → "A", 28 → "AB".

    The same rule as the core's ``lectura.tabla.letras_columna``; this copy
    exists only because the package editor may import nothing of cartera.
    """
    texto = ""
    while col:
        col, resto = divmod(col - 1, 26)
        texto = chr(65 + resto) + texto
    return texto


@functools.lru_cache(maxsize=4096)
def numero_columna(texto: str | bytes) -> int:
    """"AB" → 28."""
    if isinstance(texto, bytes):
        texto = texto.decode("ascii")
    n = 0
    for ch in texto:
        n = n * 26 + ord(ch) - 64
    return n

class Estilos(NamedTuple):
    """cellXfs indexes for what we write (None = write without a style), by kind of value (``clase``).

    ``texto`` (texts and booleans) and ``numero`` (plain numbers) are None in cartera's own styles; a row
    appended under the owner's rows gets the owner's style there (``libro.paquete.estilos.de_columnas``).
    """

    encabezado: int | None = None
    dinero: int | None = None
    fecha: int | None = None
    fecha_hora: int | None = None
    texto: int | None = None
    numero: int | None = None


def clase(valor: object, dinero: bool) -> str | None:
    """The kind of value, as named by ``Estilos``' fields: "texto", "numero", "dinero", "fecha",
    "fecha_hora"; None when empty (the same choice ``contenido_celda`` makes)."""
    if es_vacio(valor):
        return None
    if isinstance(valor, bool | str):
        return "texto"
    if isinstance(valor, dt.date):
        return "fecha_hora" if isinstance(valor, dt.datetime) and valor.time() != dt.time(0) else "fecha"
    return "dinero" if dinero else "numero"


_PROHIBIDOS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def es_vacio(valor: object) -> bool:
    """None, NaN, NaT, pd.NA or an empty string."""
    if valor is None or valor is pd.NA or valor is pd.NaT or valor == "":
        return True
    return isinstance(valor, float) and valor != valor


def _unidades(centavos: int) -> bytes:
    signo = "-" if centavos < 0 else ""
    entero, cent = divmod(abs(centavos), 100)
    return f"{signo}{entero}.{cent:02d}".encode()


def _serial(valor: dt.date, es1904: bool) -> bytes:
    if not isinstance(valor, dt.datetime):
        valor = dt.datetime(valor.year, valor.month, valor.day)
    delta = valor.replace(tzinfo=None) - _EPOCA[es1904]
    dias = delta.days + delta.seconds / 86400
    return repr(dias).removesuffix(".0").encode()


def _texto(valor: str) -> bytes:
    limpio = _PROHIBIDOS.sub("", valor)[:32767]
    limpio = limpio.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return limpio.encode("utf-8", "replace")


def contenido_celda(valor: object, dinero: bool, estilos: Estilos, es1904: bool) -> tuple[bytes, int | None, bytes] | None:
    """(type attribute, default style, inner XML) for a value; None when it is empty (memoised for
    repeated texts and dates).

    ``dinero``: integers (and integral floats) are centavos, written as units.
    """
    if type(valor) is int and not dinero:
        return b"", estilos.numero, b"<v>%d</v>" % valor
    if type(valor) is int:
        return b"", estilos.dinero, b"<v>" + _unidades(valor) + b"</v>"
    if isinstance(valor, str | dt.date) and not es_vacio(valor):
        return _contenido_memo(valor, type(valor), dinero, estilos, es1904)
    return _contenido(valor, dinero, estilos, es1904)


@functools.lru_cache(maxsize=4096)
def _contenido_memo(valor: object, _tipo: type, dinero: bool, estilos: Estilos, es1904: bool) -> tuple[bytes, int | None, bytes] | None:
    return _contenido(valor, dinero, estilos, es1904)


def _contenido(valor: object, dinero: bool, estilos: Estilos, es1904: bool) -> tuple[bytes, int | None, bytes] | None:
    if es_vacio(valor):
        return None
    if isinstance(valor, bool):
        return b' t="b"', estilos.texto, b"<v>%d</v>" % valor
    if isinstance(valor, dt.date):
        tiene_hora = isinstance(valor, dt.datetime) and valor.time() != dt.time(0)
        estilo = estilos.fecha_hora if tiene_hora else estilos.fecha
        return b"", estilo, b"<v>" + _serial(valor, es1904) + b"</v>"
    if isinstance(valor, str):
        return b' t="inlineStr"', estilos.texto, b'<is><t xml:space="preserve">' + _texto(valor) + b"</t></is>"
    if isinstance(valor, Decimal):
        return b"", estilos.dinero if dinero else estilos.numero, b"<v>" + str(valor).encode() + b"</v>"
    numero = valor.item() if hasattr(valor, "item") else valor
    if dinero:
        return b"", estilos.dinero, b"<v>" + _unidades(int(round(numero))) + b"</v>"
    texto = str(numero) if isinstance(numero, int) else repr(float(numero)).removesuffix(".0")
    return b"", estilos.numero, b"<v>" + texto.encode() + b"</v>"


def celda(ref: bytes, valor: object, dinero: bool, s_previo: bytes | None, estilos: Estilos, es1904: bool) -> bytes:
    """The ``<c>`` element for ``valor`` at ``ref``; an existing style ``s_previo`` is kept."""
    partes = contenido_celda(valor, dinero, estilos, es1904)
    if partes is None:
        return b'<c r="%s" s="%s"/>' % (ref, s_previo) if s_previo else b""
    tipo, estilo, interior = partes
    s = s_previo if s_previo is not None else (str(estilo).encode() if estilo else None)
    atributo_s = b' s="%s"' % s if s else b""
    return b'<c r="%s"%s%s>%s</c>' % (ref, atributo_s, tipo, interior)

