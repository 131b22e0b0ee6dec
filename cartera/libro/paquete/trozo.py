"""The sheet editor's fast path: a whole chunk of rows edited at once, without a Python step per cell.

It applies when the chunk is plain — every row has an ``r`` attribute first
and a closing tag, every cell an ``r`` attribute first, no ``<extLst>``, and
no cell at or right of the first owned column — so that each row of the plan
only needs its pre-rendered owned cells appended before ``</row>``.  Any
other chunk goes through the row-by-row editor (``libro.paquete.hoja``), which gives
the same bytes.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable

import numpy as np

from cartera.libro.paquete.codificacion import letras

_SPANS = re.compile(rb'\bspans="([\d: ]+)"')


def _iguales_o_mayores(texto: str) -> str:
    """Regex of the column letter strings as long as ``texto`` that sort at or after it."""
    primera, resto = texto[0], texto[1:]
    opciones = [f"[{chr(ord(primera) + 1)}-Z][A-Z]{{{len(resto)}}}"] if primera < "Z" else []
    opciones.append(primera + (f"(?:{_iguales_o_mayores(resto)})" if resto else ""))
    return "|".join(opciones)


def patron_desde(col: int, prefijo: bytes) -> re.Pattern:
    """A cell (``<c r="…``) in column ``col`` or any column right of it."""
    texto = letras(col)
    largas = [f"[A-Z]{{{len(texto) + 1},3}}"] if len(texto) < 3 else []
    opciones = "|".join([*largas, _iguales_o_mayores(texto)])
    return re.compile(rb'<%sc r="(?:%s)\d' % (re.escape(prefijo), opciones.encode()))


@functools.lru_cache(maxsize=8)
def _numeros_de_fila(prefijo: bytes) -> re.Pattern:
    return re.compile(rb'<%srow r="(\d+)"' % re.escape(prefijo))


def es_simple(datos: bytes, p: bytes, ajenas: re.Pattern) -> bool:
    """Rows and cells written the common way, and nothing at or right of the owned columns."""
    abren = datos.count(b"<" + p + b"row ") + datos.count(b"<" + p + b"row>")
    if abren == 0 or datos.count(b"</" + p + b"row>") != abren or b"extLst" in datos:
        return False
    celdas = datos.count(b"<" + p + b"c ") + datos.count(b"<" + p + b"c>")
    return celdas == datos.count(b"<" + p + b'c r="') and ajenas.search(datos) is None


def editar_trozo(datos: bytes, p: bytes, previa: int, objetivos: np.ndarray, i: int, bloques: np.ndarray,
                 ajenas: re.Pattern, spans: Callable[[bytes], bytes]) -> tuple[bytes, int, int] | None:
    """(edited chunk, next plan index, last row) — None when the chunk needs the row-by-row editor.

    ``objetivos``: the plan's rows, sorted; ``bloques``: their owned cells; ``i``: the first plan row
    not yet written; ``spans``: widens a row's ``spans`` attribute value.
    """
    if not es_simple(datos, p, ajenas):
        return None
    numeros = _numeros_de_fila(p).findall(datos)
    if len(numeros) != datos.count(b"</" + p + b"row>"):
        return None
    filas = np.array(numeros).astype(np.int64)
    if filas[0] <= previa or (len(filas) > 1 and (np.diff(filas) <= 0).any()):
        return None
    j = int(np.searchsorted(objetivos, filas[-1], side="right"))
    pos = np.minimum(np.searchsorted(objetivos, filas), len(objetivos) - 1) if len(objetivos) else np.zeros(len(filas), int)
    esta = (objetivos[pos] == filas) if len(objetivos) else np.zeros(len(filas), bool)
    if int(esta.sum()) != j - i:
        return None  # a plan row missing from the sheet: it must be inserted in order
    extras = np.full(len(filas), b"", dtype=object)
    extras[esta] = bloques[pos[esta]]
    cierre = b"</" + p + b"row>"
    partes = datos.split(cierre)
    if b' spans="' in datos:
        for k in np.flatnonzero(esta).tolist():
            if extras[k]:
                partes[k] = _con_spans(partes[k], spans)
    editado = b"".join(itertools.chain.from_iterable(zip(partes, extras.tolist(), itertools.repeat(cierre, len(filas)), strict=False))) + partes[-1]
    return editado, j, int(filas[-1])


def _con_spans(parte: bytes, spans: Callable[[bytes], bytes]) -> bytes:
    fin = parte.find(b">")
    m = _SPANS.search(parte, 0, fin)
    if m is None:
        return parte
    return parte[: m.start(1)] + spans(m.group(1)) + parte[m.end(1):]
