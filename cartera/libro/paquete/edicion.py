"""What the sheet editor (``libro.paquete.hoja``) is asked to write into one worksheet, and its retry signal."""

from __future__ import annotations

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
