"""The values to write, by column, with each row's owned cells pre-rendered (vectorised).

``Valores`` maps an Excel row to its tuple of values (as the sheet editor's
slow path needs) but keeps them as columns: no Python object per row is
built unless a row asks for it.  ``bloques`` renders, column by column, the
``<c>`` elements every row gets when the sheet holds no styled owned cell
there yet — the same bytes ``libro.paquete.codificacion.celda`` would produce, one bytes
block per row — and the style each cell expects, so that a row whose
existing owned cells carry exactly those styles can reuse the block.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from cartera.libro.paquete.codificacion import Estilos, contenido_celda

_CENTAVOS = np.array([b"%02d" % k for k in range(100)], dtype=object)


class Valores(Mapping):
    """Excel row → values (one per field), stored as columns sorted by row."""

    def __init__(self, filas: np.ndarray, columnas: list[Any]) -> None:
        self.filas = np.asarray(filas, dtype=np.int64)
        self.columnas = columnas
        self._bloques: dict[tuple, tuple[np.ndarray, list[np.ndarray]]] = {}

    @classmethod
    def desde(cls, propias: Mapping[int, tuple] | pd.DataFrame, n: int) -> Valores:
        """From a row → tuple mapping or a DataFrame indexed by Excel row (the last duplicate wins)."""
        if isinstance(propias, Valores):
            return propias
        if isinstance(propias, pd.DataFrame):
            if propias.shape[1] != n:
                raise ValueError(f"propias tiene {propias.shape[1]} columnas; se esperaban {n}")
            filas = np.asarray(propias.index, dtype=np.int64)
            columnas = [propias.iloc[:, k].array for k in range(n)]
        else:
            filas = np.fromiter((int(f) for f in propias), dtype=np.int64, count=len(propias))
            tuplas = [tuple(v) for v in propias.values()]
            columnas = [_objetos([t[k] for t in tuplas]) for k in range(n)]
        orden = np.argsort(filas, kind="stable")
        ordenadas = filas[orden]
        orden = orden[np.r_[ordenadas[1:] != ordenadas[:-1], True]] if len(orden) else orden
        return cls(filas[orden], [c[orden] for c in columnas])

    def desde_fila(self, h: int) -> Valores:
        """Only the rows below ``h``."""
        k = int(np.searchsorted(self.filas, h, side="right"))
        return Valores(self.filas[k:], [c[k:] for c in self.columnas])

    def excepto(self, rangos: tuple[tuple[int, int], ...]) -> Valores:
        """Without the rows inside any (first, last) range of ``rangos``."""
        if not rangos:
            return self
        fuera = np.ones(len(self.filas), dtype=bool)
        for a, b in rangos:
            fuera &= (self.filas < a) | (self.filas > b)
        return Valores(self.filas[fuera], [c[fuera] for c in self.columnas])

    def posicion(self, fila: int) -> int:
        k = int(np.searchsorted(self.filas, fila))
        return k if k < len(self.filas) and self.filas[k] == fila else -1

    def __getitem__(self, fila: int) -> tuple:
        k = self.posicion(fila)
        if k < 0:
            raise KeyError(fila)
        return tuple(c[k] for c in self.columnas)

    def __iter__(self) -> Iterator[int]:
        return iter(self.filas.tolist())

    def __len__(self) -> int:
        return len(self.filas)

    def ultima(self) -> int:
        return int(self.filas[-1]) if len(self.filas) else 0

    def bloques(self, campos: tuple, estilos: Estilos, es1904: bool) -> tuple[np.ndarray, list[np.ndarray]]:
        """(one bytes block of owned cells per row, per field the style each row's cell expects).

        ``campos``: (column, field index, column letters, money?, the field's own ``Estilos`` or None) in column
        order; a field without its own styles uses ``estilos``.
        """
        clave = (campos, estilos, es1904)
        if clave not in self._bloques:
            textos = np.array([b"%d" % f for f in self.filas.tolist()], dtype=object)
            total, esperados = np.full(len(self.filas), b"", dtype=object), [None] * len(self.columnas)
            for _col, i, letra, dinero, propios in campos:
                celdas, esperados[i] = _columna(self.columnas[i], letra, textos, dinero, propios or estilos, es1904)
                total = total + celdas
            self._bloques[clave] = (total, esperados)
        return self._bloques[clave]


def _objetos(valores: list) -> np.ndarray:
    salida = np.empty(len(valores), dtype=object)
    salida[:] = valores
    return salida


def _columna(valores: Any, letra: bytes, textos: np.ndarray, dinero: bool, estilos: Estilos,
             es1904: bool) -> tuple[np.ndarray, np.ndarray]:
    """The ``<c>`` element of every row for one field (b"" when empty) and its expected style."""
    enteros = _como_enteros(valores)
    if enteros is not None:
        colas, esperados, vacios = _colas_enteras(*enteros, dinero, estilos)
    else:
        colas, esperados, vacios = _colas_por_valor(valores, dinero, estilos, es1904)
    apertura = np.array(b'<c r="' + letra, dtype=object)
    celdas = apertura + textos + colas
    celdas[vacios] = b""
    return celdas, esperados


def _como_enteros(valores: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """(int64 values, missing mask) when the column holds only integers (and missing values)."""
    dtype = getattr(valores, "dtype", None)
    if _es_objeto(valores) and len(valores):
        if pd.api.types.infer_dtype(valores, skipna=True) != "integer":
            return None
    elif dtype is not None and pd.api.types.is_float_dtype(dtype):
        return _flotantes_enteros(np.asarray(valores, dtype=np.float64))
    elif dtype is None or not pd.api.types.is_integer_dtype(dtype):
        return None
    serie = pd.Series(valores, copy=False)
    faltan = serie.isna().to_numpy()
    try:
        return serie.where(~faltan, 0).to_numpy(dtype=np.int64), faltan
    except (OverflowError, TypeError, ValueError):
        return None


def _flotantes_enteros(numeros: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Floats that are all whole (NaN = missing) and small enough to print as integers."""
    faltan = np.isnan(numeros)
    presentes = numeros[~faltan]
    if len(presentes) and (np.abs(presentes).max() >= 1e15 or (presentes != np.round(presentes)).any()):
        return None
    return np.where(faltan, 0, numeros).astype(np.int64), faltan


def _es_objeto(valores: Any) -> bool:
    return pd.api.types.is_object_dtype(getattr(valores, "dtype", None))


def _colas_enteras(numeros: np.ndarray, faltan: np.ndarray, dinero: bool,
                   estilos: Estilos) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cell tails (after the row number) of integers: centavos as units when ``dinero``."""
    n = len(numeros)
    if not dinero:
        plantilla = (b'" s="%d"' % estilos.numero if estilos.numero else b'"') + b"><v>%d</v></c>"
        colas = np.array([plantilla % x for x in numeros.tolist()], dtype=object)
        return colas, np.full(n, b"%d" % estilos.numero if estilos.numero else None, dtype=object), faltan
    estilo = estilos.dinero
    atributo = b' s="%d"' % estilo if estilo else b""
    absolutos = np.abs(numeros)
    signos = np.where(numeros < 0, b"-", b"").astype(object)
    enteros = np.array([b"%d." % x for x in (absolutos // 100).tolist()], dtype=object)
    colas = np.array(b'"' + atributo + b"><v>", dtype=object) + signos + enteros + _CENTAVOS[absolutos % 100]
    colas = colas + np.array(b"</v></c>", dtype=object)
    return colas, np.full(n, b"%d" % estilo if estilo else None, dtype=object), faltan


def _colas_por_valor(valores: Any, dinero: bool, estilos: Estilos,
                     es1904: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cell tails rendered once per distinct value (texts, dates, anything else)."""
    if _es_objeto(valores) and pd.api.types.infer_dtype(valores, skipna=True) != "string":
        pares = [_cola(v, type(v), dinero, estilos, es1904) for v in valores]
        colas, esperados = _objetos([c for c, _ in pares]), _objetos([e for _, e in pares])
    else:
        codigos, unicos = pd.factorize(valores)
        pares = [_cola(v, type(v), dinero, estilos, es1904) for v in unicos] + [(None, None)]
        colas, esperados = _objetos([c for c, _ in pares])[codigos], _objetos([e for _, e in pares])[codigos]
    vacios = np.fromiter((c is None for c in colas), dtype=bool, count=len(colas))
    colas[vacios] = b""
    return colas, esperados, vacios


@functools.lru_cache(maxsize=65536)
def _cola_memo(valor: object, tipo: type, dinero: bool, estilos: Estilos, es1904: bool) -> tuple[bytes | None, bytes | None]:
    return _cola_directa(valor, dinero, estilos, es1904)


def _cola(valor: object, tipo: type, dinero: bool, estilos: Estilos, es1904: bool) -> tuple[bytes | None, bytes | None]:
    if tipo is str or isinstance(valor, dt.date):
        return _cola_memo(valor, tipo, dinero, estilos, es1904)
    return _cola_directa(valor, dinero, estilos, es1904)


def _cola_directa(valor: object, dinero: bool, estilos: Estilos, es1904: bool) -> tuple[bytes | None, bytes | None]:
    partes = contenido_celda(valor, dinero, estilos, es1904)
    if partes is None:
        return None, None
    tipo, estilo, interior = partes
    atributo = b' s="%d"' % estilo if estilo else b""
    return b'"' + atributo + tipo + b">" + interior + b"</c>", (b"%d" % estilo if estilo else None)
