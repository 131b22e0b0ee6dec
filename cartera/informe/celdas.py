"""The aging report as data: sheets of rows of cells tagged with semantic classes.

Nothing here knows about colours, fonts or number formats: a cell says *what*
it holds (``dinero:COP``, ``fecha``, ``tramo:31-60``, ``total``…) and
``cartera.excel.documento`` alone decides how that looks.  Money is integer centavos,
dates are ``datetime.date``, percentages are ratios (0.25 = 25 %).

A class is one or more space-separated tokens, like CSS classes: a cell of
class ``"dinero:COP topado"`` in a row of class ``"tramo:61-90"`` is money in
pesos, a fee capped by the legal ceiling, in a row of the 61-90 bucket.
Rows and cells are positioned by order (row 0 is the sheet's first row).
Large tables are lazy sequences (:class:`FilasPerezosas`) so a report of a
million facturas is never a million tuples in memory at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import numpy as np

# --- Cell classes ------------------------------------------------------------
TITULO = "titulo"
SUBTITULO = "subtitulo"
SECCION = "seccion"
ENCABEZADO = "encabezado"
TEXTO = "texto"
TEXTO_LARGO = "texto_largo"
"""Several lines (joined with "\\n"): wrapped."""
CODIGO = "codigo"
"""A short code (ISO currency): centred."""
NOTA = "nota"
"""Small explanatory text, may overflow into empty neighbours."""
AVISO = "aviso"
"""Something the owner should read (rejected rows, a workbook not modified)."""
FECHA = "fecha"
FECHA_HORA = "fecha_hora"
ENTERO = "entero"
DIAS = "dias"
PORCENTAJE = "porcentaje"
ENLACE = "enlace"
"""Our own link (WhatsApp, payment): ``Celda.enlace`` holds the URL, ``valor`` the text shown."""
TOTAL = "total"
TOPADO = "topado"
"""A fee limited by the legal ceiling (Tasa máxima legal)."""
CALCULADO = "calculado"
"""A value the tool filled in (a due date from Días de crédito)."""
RECUADRO = "recuadro"
"""A row of a small table that is not the sheet's ``Tabla`` (the column tables of Lectura): bordered."""
IGNORADA = "ignorada"
"""A row about something reading did not use (a column it ignored): muted."""
NUEVA_PAGINA = "nueva_pagina"
"""A row of a dashboard (``portada``) that starts a new printed page (a section that should not be split)."""

CLASES_NUMERICAS = (FECHA, FECHA_HORA, ENTERO, DIAS, PORCENTAJE)


def dinero(moneda: str) -> str:
    """Class of an amount in ``moneda`` (ISO code): ``dinero:COP``."""
    return f"dinero:{moneda}"


def tramo(etiqueta: str) -> str:
    """Class of a row or cell in an aging bucket: ``tramo:1-30``, ``tramo:Más_de_90`` (spaces → ``_``)."""
    return "tramo:" + etiqueta.replace(" ", "_")


def resultado(nombre: str) -> str:
    """Class of a row of Recordatorios by its result: ``resultado:fallido``."""
    return f"resultado:{nombre.replace(' ', '_')}"


def riesgo(nivel: str) -> str:
    """Class of a Riesgo cell: ``riesgo:Alto``."""
    return f"riesgo:{nivel.replace(' ', '_')}"


# --- Records -----------------------------------------------------------------
Valor = str | int | float | dt.date | dt.datetime | None
Rango = tuple[int, int, int, int]
"""(primera fila, primera columna, última fila, última columna), zero-based, inclusive."""


class Celda(NamedTuple):
    """One cell.  ``valor``: text, integer (centavos when the class is ``dinero:*``),
    ratio (``porcentaje``), date, or ``None`` (blank, still styled).
    ``nota``: a comment shown on hover.  ``enlace``: URL for ``ENLACE`` cells."""

    valor: Valor
    clase: str = TEXTO
    nota: str = ""
    enlace: str = ""


class Fila(NamedTuple):
    """One row: its cells from column A, and a row class (e.g. ``tramo:1-30``, ``total``)."""

    celdas: tuple[Celda, ...]
    clase: str = ""


class Tabla(NamedTuple):
    """Where a sheet's data table is: the header row, how many data rows follow it
    (with an autofilter over them when ``filtro``), how many columns it has."""

    fila_encabezado: int
    filas_datos: int
    columnas: int
    filtro: bool = True


class Serie(NamedTuple):
    """A chart series over cells of the same sheet.  ``clases_puntos``: one class per
    point (e.g. each bucket's colour), or ``()`` for a single ``clase``."""

    nombre: str
    categorias: Rango
    valores: Rango
    clase: str = ""
    clases_puntos: tuple[str, ...] = ()


class Grafico(NamedTuple):
    """A chart: ``tipo`` is ``"columnas"`` or ``"lineas"``; ``ancla`` the (fila, columna)
    of its top-left corner; ``clase_valores`` the class of the value axis (``dinero:COP``)."""

    tipo: str
    titulo: str
    series: tuple[Serie, ...]
    ancla: tuple[int, int]
    clase_valores: str


class HojaInforme(NamedTuple):
    """One sheet.  ``portada``: a dashboard (Resumen) rather than a table.
    ``filas`` may be a lazy sequence; ``len(filas)`` is its number of rows."""

    nombre: str
    filas: Sequence[Fila]
    tabla: Tabla | None = None
    graficos: tuple[Grafico, ...] = ()
    portada: bool = False


class Informe(NamedTuple):
    """The whole report.  ``tramos``: the bucket labels, least to most overdue
    (the renderer colours by position)."""

    titulo: str
    empresa: str
    fecha_corte: dt.date
    tramos: tuple[str, ...]
    hojas: tuple[HojaInforme, ...]


def encabezados(*titulos: str) -> Fila:
    """A header row."""
    return Fila(tuple(Celda(t, ENCABEZADO) for t in titulos))


def fila_texto(texto: str, clase: str = TEXTO) -> Fila:
    """A one-cell row."""
    return Fila((Celda(texto, clase),))


FILA_VACIA = Fila(())


# --- Lazy tables ---------------------------------------------------------------
class Columna(NamedTuple):
    """A column of a lazy table: values (numpy array) and the class of each cell,
    either one class for all (``str``) or one per row (array of ``str``)."""

    valores: np.ndarray
    clases: str | np.ndarray


class FilasPerezosas(Sequence):
    """Rows ``cabeza`` (title, legend, header…), one row per record, then ``cola`` (totals).

    ``clases_fila`` holds one row class per record.  Iterating builds rows
    chunk by chunk (numpy ``tolist`` per chunk), so memory stays flat.
    """

    __slots__ = ("_cabeza", "_columnas", "_clases_fila", "_n", "_cola")
    BLOQUE = 8192

    def __init__(
        self,
        cabeza: tuple[Fila, ...],
        columnas: tuple[Columna, ...],
        clases_fila: np.ndarray,
        cola: tuple[Fila, ...] = (),
    ) -> None:
        self._cabeza = cabeza
        self._columnas = columnas
        self._clases_fila = clases_fila
        self._n = len(clases_fila)
        self._cola = cola

    def __len__(self) -> int:
        return len(self._cabeza) + self._n + len(self._cola)

    def __getitem__(self, indice):  # type: ignore[override]
        if isinstance(indice, slice):
            return [self[i] for i in range(*indice.indices(len(self)))]
        if indice < 0:
            indice += len(self)
        if not 0 <= indice < len(self):
            raise IndexError(indice)
        if indice < len(self._cabeza):
            return self._cabeza[indice]
        if indice >= len(self._cabeza) + self._n:
            return self._cola[indice - len(self._cabeza) - self._n]
        return next(self._bloque(indice - len(self._cabeza), indice - len(self._cabeza) + 1))

    def __iter__(self) -> Iterator[Fila]:
        yield from self._cabeza
        for inicio in range(0, self._n, self.BLOQUE):
            yield from self._bloque(inicio, min(inicio + self.BLOQUE, self._n))
        yield from self._cola

    @property
    def cabeza(self) -> tuple[Fila, ...]:
        return self._cabeza

    @property
    def cola(self) -> tuple[Fila, ...]:
        return self._cola

    @property
    def columnas(self) -> tuple[Columna, ...]:
        return self._columnas

    def bloques(self) -> Iterator[tuple[int, tuple[Columna, ...], np.ndarray]]:
        """The records chunk by chunk, columnar: (first record, its columns' slices, row classes)."""
        for inicio in range(0, self._n, self.BLOQUE):
            fin = min(inicio + self.BLOQUE, self._n)
            columnas = tuple(
                Columna(c.valores[inicio:fin], c.clases if isinstance(c.clases, str) else c.clases[inicio:fin])
                for c in self._columnas
            )
            yield inicio, columnas, self._clases_fila[inicio:fin]

    def tomar(self, indices: Sequence[int]) -> list[Fila]:
        """The rows at ``indices`` (in range, any order); records gathered with one take per column."""
        desde = len(self._cabeza)
        registros = np.asarray([i - desde for i in indices if desde <= i < desde + self._n], dtype=np.int64)
        valores = [c.valores[registros].tolist() for c in self._columnas]
        clases = [[c.clases] * len(registros) if isinstance(c.clases, str) else c.clases[registros].tolist()
                  for c in self._columnas]
        clases_fila = self._clases_fila[registros].tolist()
        hechos = iter(range(len(registros)))
        filas = []
        for i in indices:
            if desde <= i < desde + self._n:
                k = next(hechos)
                filas.append(Fila(tuple(Celda(v[k], m[k]) for v, m in zip(valores, clases, strict=True)), clases_fila[k]))
            else:
                filas.append(self[i])
        return filas

    def _bloque(self, inicio: int, fin: int) -> Iterator[Fila]:
        valores = [c.valores[inicio:fin].tolist() for c in self._columnas]
        clases = [
            [c.clases] * (fin - inicio) if isinstance(c.clases, str) else c.clases[inicio:fin].tolist()
            for c in self._columnas
        ]
        for i, clase_fila in enumerate(self._clases_fila[inicio:fin].tolist()):
            yield Fila(tuple(Celda(v[i], k[i]) for v, k in zip(valores, clases, strict=True)), clase_fila)
