"""Streaming a worksheet part: split it into head, chunks of whole ``<row>`` elements and tail.

A sheet of 1,000,000 rows is read ``TROZO`` bytes at a time; the regular
expressions here find rows, cells and their attributes without parsing XML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO, NamedTuple

from cartera.libro.paquete import PaqueteInvalido
from cartera.libro.paquete.codificacion import numero_columna

TROZO = 1 << 22


SHEETDATA = re.compile(rb"<([\w.-]+:)?sheetData\b[^>]*?(/?)>")


class Cabeza(NamedTuple):
    """Everything up to and including the ``<sheetData>`` start tag."""

    datos: bytes
    prefijo: bytes
    vacia: bool  # <sheetData/>


def secciones(src: BinaryIO) -> Iterator[tuple[str, object]]:
    """Split a sheet stream: ("cabeza", Cabeza), ("filas", bytes of whole rows)…, ("cierre", b""), ("cola", bytes)…"""
    buf = b""
    while (m := SHEETDATA.search(buf)) is None:
        trozo = src.read(TROZO)
        if not trozo:
            raise PaqueteInvalido("Una hoja del libro está dañada (no tiene datos de celdas).")
        buf += trozo
    prefijo, vacia = m.group(1) or b"", m.group(2) == b"/"
    yield "cabeza", Cabeza(buf[: m.end()], prefijo, vacia)
    buf = buf[m.end():]
    if not vacia:
        cierre, fin_fila = b"</" + prefijo + b"sheetData>", b"</" + prefijo + b"row>"
        while (k := buf.find(cierre)) < 0:
            j = buf.rfind(fin_fila)
            if j >= 0:
                yield "filas", buf[: j + len(fin_fila)]
                buf = buf[j + len(fin_fila):]
            trozo = src.read(TROZO)
            if not trozo:
                raise PaqueteInvalido("Una hoja del libro está incompleta o dañada.")
            buf += trozo
        yield "filas", buf[:k]
        buf = buf[k:]
    yield "cierre", b""
    while buf:
        yield "cola", buf
        buf = src.read(TROZO)


FILA = re.compile(rb"<(?:[\w.-]+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?row>)", re.S)
CELDA = re.compile(rb"<(?:[\w.-]+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?c>)", re.S)
ATR_R = re.compile(rb'\br="([A-Z]{1,3})?(\d+)?"')
ATR_S = re.compile(rb'\bs="(\d+)"')
ATR_T = re.compile(rb'\bt="(\w+)"')
ATR_SPANS = re.compile(rb'\bspans="([\d: ]+)"')
MINIGRAFICO = re.compile(rb"<(?:[\w.-]+:)?sparkline>.*?<(?:[\w.-]+:)?sqref>\$?([A-Z]{1,3})\$?\d", re.S)
"""The column of each sparkline's cell (in the sheet's ``<extLst>``, after ``sheetData``)."""
COMBINADA = re.compile(rb'<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref="([^"]+)"')
"""Each merged range's ``ref`` (in the sheet's ``<mergeCells>``, after ``sheetData``)."""
DIMENSION = re.compile(rb'(<(?:[\w.-]+:)?dimension\b[^>]*?\bref=")([^"]*)(")')


def columna_de(atributos: bytes, previa: int) -> int:
    """Column of a cell from its ``r`` attribute (previous + 1 when it has none)."""
    m = ATR_R.search(atributos)
    return numero_columna(m.group(1)) if m and m.group(1) else previa + 1


def fila_de(atributos: bytes, previa: int) -> int:
    """Row number from a ``<row>``'s attributes (previous + 1 when it has no ``r``)."""
    m = ATR_R.search(atributos)
    return int(m.group(2)) if m and m.group(2) else previa + 1


def combinadas(cola: bytes) -> tuple[tuple[int, int, int, int], ...]:
    """The merged ranges named in a piece of the sheet's tail, as ``rango`` gives them."""
    return tuple(r for m in COMBINADA.findall(cola) if (r := rango(m.decode("ascii", "replace"))) is not None)


def rango(ref: str) -> tuple[int, int, int, int] | None:
    """"B2:H90" → (2, 2, 8, 90) as (col1, row1, col2, row2); None when unreadable."""
    m = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?", ref.strip().upper())
    if not m:
        return None
    c1, f1 = numero_columna(m.group(1)), int(m.group(2))
    return (c1, f1, numero_columna(m.group(3)), int(m.group(4))) if m.group(3) else (c1, f1, c1, f1)
