"""First pass over a worksheet: its header row (texts, shared strings resolved) and its extent."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from typing import NamedTuple

from cartera.libro.paquete.codificacion import numero_columna
from cartera.libro.paquete.flujo import (
    ATR_S,
    ATR_T,
    CELDA,
    DIMENSION,
    FILA,
    MINIGRAFICO,
    columna_de,
    combinadas,
    fila_de,
    rango,
    secciones,
)


def _local(etiqueta: str) -> str:
    return etiqueta.rsplit("}", 1)[-1]


class Exploracion(NamedTuple):
    """What a first pass learns about a sheet.

    ``fila_encabezado``: the row asked for (``explorar(fila=…)``) when it
    holds a non-empty cell, else the first row with one (None: blank sheet,
    or the row asked for is empty).
    ``encabezado``: column → header text of that row.  ``dimension``: the
    ``<dimension>`` range as (col1, row1, col2, row2), None when absent.
    ``ultima_fila``/``ultima_columna``: the largest seen (the whole sheet only
    when scanned ``completo``; else ``ultima_columna`` comes from the dimension).
    Only when scanned ``completo``: ``usadas``, the columns holding a cell on
    the header row or below it (or a sparkline anywhere); ``combinadas``, the
    merged ranges as (col1, row1, col2, row2); ``estilos_ultima``, column → the
    ``s`` attribute (None: no style) of each cell of the last row below the header
    that holds a value — the look a row appended after it should take.
    """

    fila_encabezado: int | None
    encabezado: dict[int, str]
    dimension: tuple[int, int, int, int] | None
    ultima_fila: int
    ultima_columna: int
    usadas: frozenset[int] = frozenset()
    combinadas: tuple[tuple[int, int, int, int], ...] = ()
    estilos_ultima: dict[int, bytes | None] = {}  # noqa: RUF012 - never mutated


_T = re.compile(rb"<(?:[\w.-]+:)?t\b[^>]*>(.*?)</(?:[\w.-]+:)?t>", re.S)
_V = re.compile(rb"<(?:[\w.-]+:)?v\b[^>]*>(.*?)</(?:[\w.-]+:)?v>", re.S)
_INICIO_FILA = re.compile(rb"<(?:[\w.-]+:)?row\b([^>]*)")
_VALOR = re.compile(rb"<(?:[\w.-]+:)?(?:v|is|f)\b")
_COL_R = re.compile(rb'<(?:[\w.-]+:)?c\b[^>]*?\br="([A-Z]{1,3})')


def _desescapar(texto: bytes) -> str:
    import html
    return html.unescape(texto.decode("utf-8", "replace"))


def _celdas_crudas(contenido: bytes) -> dict[int, tuple[bytes, str]]:
    """Non-empty cells of a row: column → (type, raw text or shared-string index)."""
    salida, previa = {}, 0
    for m in CELDA.finditer(contenido):
        col = previa = columna_de(m.group(1), previa)
        interior = m.group(2) or b""
        t = ATR_T.search(m.group(1))
        tipo = t.group(1) if t else b"n"
        textos = _T.findall(interior) if tipo == b"inlineStr" else _V.findall(interior)[:1]
        texto = "".join(_desescapar(x) for x in textos)
        if texto.strip():
            salida[col] = (tipo, texto)
    return salida


def compartidas(zf: zipfile.ZipFile, indices: set[int]) -> dict[int, str]:
    """The shared strings at ``indices`` (reads sharedStrings.xml only as far as needed)."""
    nombre = next((n for n in zf.NameToInfo if n.lower().endswith("sharedstrings.xml")), None)
    if not indices or nombre is None:
        return {}
    salida, i, tope = {}, 0, max(indices)
    with zf.open(nombre) as f:
        for _, nodo in ET.iterparse(f, events=("end",)):
            if _local(nodo.tag) != "si":
                continue
            if i in indices:
                salida[i] = "".join(t.text or "" for t in nodo.iter() if _local(t.tag) == "t" and not _en_rph(nodo, t))
            nodo.clear()
            i += 1
            if i > tope:
                break
    return salida


def _en_rph(si: ET.Element, t: ET.Element) -> bool:
    return any(_local(h.tag) == "rPh" and t in list(h.iter()) for h in si)


def _buscar_encabezado(datos: bytes, previa: int, fila: int | None) -> tuple[int | None, dict, int, int]:
    """The header row in ``datos`` — row ``fila`` when given, else the first row with a non-empty
    cell: (row, its raw cells, last row seen, where the row starts in ``datos``); row None when
    ``datos`` does not hold it."""
    for m in FILA.finditer(datos):
        previa = fila_de(m.group(1), previa)
        if fila is not None and previa != fila:
            if previa > fila:
                break
            continue
        crudas = _celdas_crudas(m.group(2) or b"")
        if crudas:
            return previa, crudas, previa, m.start()
    return None, {}, previa, len(datos)


def explorar(zf: zipfile.ZipFile, parte: str, *, completo: bool, fila: int | None = None) -> Exploracion:
    """First pass over a sheet: header row and its texts; the whole sheet when ``completo``.

    ``fila``: the header's row number when the caller knows it (a title line
    may sit above the header); None = the first row with a non-empty cell.
    """
    dimension, encabezado, fila_enc, ultima, cols, abajo, merges, previa = None, {}, None, 0, set(), set(), [], 0
    ultima_estilos: dict[int, bytes | None] = {}
    with zf.open(parte) as src:
        for tipo, datos in secciones(src):
            if tipo == "cabeza":
                m = DIMENSION.search(datos.datos)
                dimension = rango(m.group(2).decode()) if m else None
            elif tipo == "filas":
                desde = -1
                if fila_enc is None:
                    fila_enc, encabezado, previa, desde = _buscar_encabezado(datos, previa, fila)
                if not completo and fila_enc is not None:
                    break
                for atributos in _INICIO_FILA.findall(datos):
                    ultima = fila_de(atributos, ultima)
                estilos = _estilos_ultima(datos, desde) if fila_enc is not None else None
                ultima_estilos = estilos if estilos is not None else ultima_estilos
                cols.update(_COL_R.findall(datos))
                abajo.update(_COL_R.findall(datos, max(desde, 0)))
            elif tipo == "cola" and completo:
                minigraficos = MINIGRAFICO.findall(datos)  # a sparkline's cell is taken though it holds no <c>
                cols.update(minigraficos)
                abajo.update(minigraficos)
                merges.extend(combinadas(datos))
            elif tipo == "cola":
                break
    textos = _textos_encabezado(zf, encabezado)
    ultima_col = max((numero_columna(c) for c in cols), default=0) if completo else (dimension[2] if dimension else 0)
    usadas = frozenset(numero_columna(c) for c in abajo) | frozenset(textos)
    return Exploracion(fila_enc, textos, dimension, ultima, max(ultima_col, max(textos, default=0)), usadas,
                       tuple(merges), ultima_estilos if fila_enc is not None else {})


def _estilos_ultima(datos: bytes, desde: int) -> dict[int, bytes | None] | None:
    """Column → ``s`` of the cells of the last row of ``datos`` starting after ``desde`` that holds a cell
    (looked for in the chunk's last 64 KiB first: no pass over every row)."""
    for inicio in dict.fromkeys((max(desde + 1, len(datos) - (1 << 16)), desde + 1)):
        for m in reversed([m.start() for m in _INICIO_FILA.finditer(datos, inicio)]):
            if salida := _estilos_de(FILA.match(datos, m)):
                return salida
    return None


def _estilos_de(fila: re.Match | None, *, con_valor: bool = True) -> dict[int, bytes | None]:
    """Column → ``s`` of a row's cells; {} when none of them holds a value (``con_valor``: a row of empty,
    formatted cells is not a data row)."""
    salida, previa, valor = {}, 0, not con_valor
    for c in CELDA.finditer(fila.group(2) or b"") if fila else ():
        previa = columna_de(c.group(1), previa)
        s = ATR_S.search(c.group(1))
        salida[previa] = s.group(1) if s else None
        valor = valor or _VALOR.search(c.group(2) or b"") is not None
    return salida if valor else {}


def _textos_encabezado(zf: zipfile.ZipFile, crudas: dict[int, tuple[bytes, str]]) -> dict[int, str]:
    indices = {int(t) for tipo, t in crudas.values() if tipo == b"s" and t.strip().isdigit()}
    sst = compartidas(zf, indices)
    return {c: (sst.get(int(t), "") if tipo == b"s" else t) for c, (tipo, t) in crudas.items()}


def estilos_de_fila(zf: zipfile.ZipFile, parte: str, fila: int) -> dict[int, bytes | None]:
    """Column → ``s`` of the cells of row ``fila`` (as ``Exploracion.estilos_ultima``; {} when it has none)."""
    previa = 0
    with zf.open(parte) as src:
        for tipo, datos in secciones(src):
            if tipo == "cola":
                break
            for m in FILA.finditer(datos) if tipo == "filas" else ():
                previa = fila_de(m.group(1), previa)
                if previa >= fila:
                    return _estilos_de(m, con_valor=False) if previa == fila else {}
    return {}
