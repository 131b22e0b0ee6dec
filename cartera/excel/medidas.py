"""Column widths and row heights of the rendered report (shell, part of ``excel``).

Widths come from a sample of each sheet's rows; heights from the lines a
wrapped text takes (estimated word wrap) and the fixed heights of titles.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence

from cartera import paises
from cartera.excel.apariencia import Clase
from cartera.informe import celdas as c

MUESTRA_ANCHOS = 4000
ANCHO_MINIMO, ANCHO_MAXIMO, ANCHO_LARGO = 6, 60, 48
SIN_ANCHO = frozenset({c.TITULO, c.SUBTITULO, c.SECCION, c.NOTA, c.AVISO})
"""Classes that may overflow into empty neighbours and do not widen their column."""
ALTO_LINEA = 13.5


@functools.lru_cache(maxsize=4096)
def clase_de(texto: str) -> Clase:
    """``Clase.de`` remembered: a sheet of a million cells has a few dozen distinct classes."""
    return Clase.de(texto)


# --- Column widths ------------------------------------------------------------------
def _muestra(filas: Sequence[c.Fila]) -> list[c.Fila]:
    """All rows of a small sheet; the first rows and an even spread of the rest of a large one."""
    n = len(filas)
    if n <= MUESTRA_ANCHOS:
        return list(filas)
    paso = max(1, n // (MUESTRA_ANCHOS // 2))
    indices = [*range(MUESTRA_ANCHOS // 2), *range(MUESTRA_ANCHOS // 2, n, paso)]
    if isinstance(filas, c.FilasPerezosas):
        return filas.tomar(indices)
    return [filas[i] for i in indices]


def _ancho_texto(valor, clase: Clase) -> int:
    """Characters a cell needs to show in full."""
    if valor is None:
        return 0
    if clase.moneda is not None:
        signo = paises.decimales(clase.moneda) + 6  # decimal separator and decimals, sign and symbol
        return len(f"{abs(int(valor)) // 100:,}") + signo + (7 if c.TOPADO in clase.fichas else 0)
    if isinstance(valor, dt.datetime):
        return 16
    if isinstance(valor, dt.date):
        return 10
    if c.PORCENTAJE in clase.fichas:
        return 7
    texto = str(valor)
    if c.ENCABEZADO in clase.fichas:
        return max(max((len(p) for p in texto.split()), default=0) + 2, (len(texto) + 1) // 2 + 3)  # ≤ 2 lines
    return max((len(linea) for linea in texto.split("\n")), default=0) + 1


def anchos(filas: Sequence[c.Fila]) -> list[float]:
    """Width of each column from a sample of its rows (long text capped, wrapped)."""
    medidas: list[float] = []
    for fila in _muestra(filas):
        for col, celda in enumerate(fila.celdas):
            clase = clase_de(celda.clase)
            if SIN_ANCHO.intersection(clase.fichas):
                continue
            tope = ANCHO_LARGO if c.TEXTO_LARGO in clase.fichas else ANCHO_MAXIMO
            ancho = min(tope, _ancho_texto(celda.valor, clase) + 1)
            medidas += [0] * (col + 1 - len(medidas))
            medidas[col] = max(medidas[col], ancho)
    return [max(ANCHO_MINIMO, m) for m in medidas]


# --- Row heights ----------------------------------------------------------------
ENVUELTAS = frozenset({c.TEXTO_LARGO, c.ENCABEZADO})


def _lineas(texto: str, ancho: float) -> int:
    """Lines a wrapped text takes in a column ``ancho`` characters wide (word wrap, estimated)."""
    util = max(1, int(ancho * 1.15) - 1)  # proportional font: a column fits a few more letters than its width
    total = 0
    for parrafo in texto.split("\n"):
        lineas, largo = 1, 0
        for palabra in parrafo.split():
            if largo and largo + 1 + len(palabra) > util:
                lineas, largo = lineas + 1, len(palabra)
            else:
                largo += len(palabra) + (1 if largo else 0)
        total += lineas
    return total


ALTOS_FIJOS = {c.TITULO: 24.0, c.SUBTITULO: 18.0, c.SECCION: 18.0}
"""Rows holding large text."""


def alto(fila: c.Fila, ancho_columnas: list[float]) -> float | None:
    """Height for a row with large or wrapped text (lines after wrapping × line height), else None."""
    for celda in fila.celdas[:1]:
        if celda.clase in ALTOS_FIJOS:
            return ALTOS_FIJOS[celda.clase]
    lineas = 1
    for col, celda in enumerate(fila.celdas):
        if isinstance(celda.valor, str) and ENVUELTAS.intersection(celda.clase.split()):
            ancho = ancho_columnas[col] if col < len(ancho_columnas) else ANCHO_LARGO
            lineas = max(lineas, _lineas(celda.valor, ancho))
    return lineas * ALTO_LINEA + 3 if lineas > 1 else None


def sin_altos(filas: c.FilasPerezosas) -> bool:
    """Whether no record of a lazy table can need a row height (no wrapped or large text)."""
    for col, columna in enumerate(filas.columnas):
        clases = {columna.clases} if isinstance(columna.clases, str) else set(columna.clases.tolist())
        if any(ENVUELTAS.intersection(k.split()) or (col == 0 and k in ALTOS_FIJOS) for k in clases):
            return False
    return True
