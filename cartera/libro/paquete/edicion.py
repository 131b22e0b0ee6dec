"""What the sheet editor (``libro.paquete.hoja``) is asked to write into one worksheet, and its retry signal."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

from cartera.libro.paquete.codificacion import Estilos
from cartera.libro.paquete.valores import Valores


class ColumnaOcupada(Exception):
    """A column believed empty (the sheet's ``<dimension>`` was stale) holds a cell: retry with a full scan."""


class PlanHoja(NamedTuple):
    """What to write into one sheet.  Columns are 1-based; rows are Excel row numbers.

    ``columnas``/``dinero``: per field, its column and whether integers are
    centavos.  ``encabezados_nuevos``: (column, text) header cells to add.
    ``valores``: row → one value per field (``Valores``: by column, rows below the header).  ``limpiar``: clear the fields of
    the other rows below the header.  ``nuevas``: columns believed empty.
    ``dimension``: the new ``<dimension ref>`` (None = leave it).
    ``anchos``: (column, width) for new ``<col>`` entries.
    ``intactas``: (first, last) row ranges below the header that are copied
    as they are, because a merged range crosses a column of the plan there
    (``filas_intactas``); the plan holds no values for them.  ``por_campo``: per field, the styles
    of a cell written where the sheet has none (empty: ``estilos`` for every field).
    """

    fila_encabezado: int
    columnas: tuple[int, ...]
    dinero: tuple[bool, ...]
    encabezados_nuevos: tuple[tuple[int, str], ...]
    valores: Valores
    limpiar: bool
    nuevas: frozenset[int]
    estilos: Estilos
    es1904: bool
    dimension: str | None
    anchos: tuple[tuple[int, float], ...] = ()
    intactas: tuple[tuple[int, int], ...] = ()
    por_campo: tuple[Estilos, ...] = ()


Rango = tuple[int, int, int, int]
"""A cell range as (col1, row1, col2, row2), 1-based."""


def cruza(rango: Rango, columnas: Collection[int]) -> bool:
    """True when ``rango`` spans one of ``columnas``."""
    return any(rango[0] <= c <= rango[2] for c in columnas)


def filas_intactas(combinadas: Sequence[Rango], columnas: Collection[int], fila_encabezado: int) -> tuple[tuple[int, int], ...]:
    """The rows below the header where a merged range crosses one of ``columnas``: never written
    nor cleared, so that no cell of a merged range is touched."""
    return tuple(sorted({(max(f1, fila_encabezado + 1), f2) for c1, f1, c2, f2 in combinadas
                         if f2 > fila_encabezado and cruza((c1, f1, c2, f2), columnas)}))


def en_rangos(fila: int, rangos: Sequence[tuple[int, int]]) -> bool:
    return any(a <= fila <= b for a, b in rangos)
