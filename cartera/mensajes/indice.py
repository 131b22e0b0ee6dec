"""What composing reads from the run, indexed once (``indexar``) and handed to ``componer``.

Up to 400 messages look up rows of a table of up to 1,000,000 facturas, so
each table gets one hash index of its key and the few columns a message
reads, as read-only numpy arrays.  ``Indice`` is an immutable record built
from the Cartera and the Calculo once per run; nothing is remembered
between runs or keyed by an object's identity.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from cartera import formato
from cartera.modelo import Calculo, Cartera, Configuracion

CAMPOS_FACTURA = (
    "factura", "moneda", "emision", "vencimiento", "dias_vencidos", "fecha_limite_descuento", "fecha_pago",
    "promesa", "enlace", "archivo", "total", "pagado", "saldo", "recargo", "compensacion", "descuento",
)
"""The computed columns a message uses (the rest of a factura's row is never read)."""
CAMPOS_CLIENTE = ("nombre", "contacto", "trato")


class TablaIndexada(NamedTuple):
    """One table looked up by its key column.

    ``claves``: the distinct keys as text (unique index); ``filas``: the row
    where each key first appears (a repeated key resolves to that row);
    ``columnas``: the columns a message reads (those present), read-only,
    dates as ``datetime64[us]`` (``tolist`` gives ``datetime``, or None for
    NaT) and ``moneda`` trimmed and upper-cased.
    """

    claves: pd.Index
    filas: np.ndarray
    columnas: Mapping[str, np.ndarray]

    def posiciones(self, claves: tuple[str, ...]) -> np.ndarray:
        """Row positions of ``claves`` (-1 when absent)."""
        encontradas = [self.claves.get_loc(k) if k in self.claves else -1 for k in claves]  # a few keys: scalar lookups
        return np.append(self.filas, -1)[np.array(encontradas, dtype=np.int64)]

    def registros(self, posiciones: np.ndarray) -> list[dict[str, Any]]:
        """The rows at ``posiciones`` (all present) as dicts of plain Python values, one gather per column."""
        valores = {campo: arreglo[posiciones].tolist() for campo, arreglo in self.columnas.items()}
        return [dict(zip(valores, fila, strict=True)) for fila in zip(*valores.values(), strict=True)]


class Formatos(NamedTuple):
    """The country's formats for one run, each remembered by value while the run lasts.

    The same amounts and dates recur across hundreds of messages, and Babel
    takes tens of microseconds for each.  ``dinero(centavos, moneda)``: the
    amount as a message shows it, the symbol joined by a no-break space;
    ``fecha_larga(dia)``: "24 de noviembre de 2026"; ``fecha(dia)``: "24/11/2026"
    in the country's order.
    """

    dinero: Callable[[int, str], str]
    fecha_larga: Callable[[dt.date], str]
    fecha: Callable[[dt.date], str]


def formatos(pais: str) -> Formatos:
    """``Formatos`` of ``pais``, with an empty memory."""

    @functools.lru_cache(maxsize=65536)
    def dinero(centavos: int, moneda: str) -> str:
        return formato.dinero(centavos, moneda, pais, junto=True)

    @functools.lru_cache(maxsize=4096)
    def fecha_larga(dia: dt.date) -> str:
        return formato.fecha_larga(dia, pais)

    @functools.lru_cache(maxsize=4096)
    def fecha(dia: dt.date) -> str:
        return formato.fecha(dia, pais)

    return Formatos(dinero, fecha_larga, fecha)


class Indice(NamedTuple):
    """Everything ``componer`` reads from the run.

    ``facturas``: ``Calculo.facturas`` by ``factura``; ``clientes``:
    ``Cartera.clientes`` by ``cliente``; ``a_favor``: per client (trimmed)
    and currency (trimmed, upper case), the credit in centavos from
    ``Calculo.saldos_a_favor``; ``configuracion`` and ``fecha_corte`` as in
    the Cartera and the Calculo; ``formatos``: those of ``configuracion.pais``.
    """

    facturas: TablaIndexada
    clientes: TablaIndexada
    a_favor: Mapping[str, Mapping[str, int]]
    configuracion: Configuracion
    fecha_corte: dt.date
    formatos: Formatos


def _solo_lectura(arreglo: np.ndarray) -> np.ndarray:
    vista = arreglo.view()
    vista.flags.writeable = False
    return vista


def tabla(datos: pd.DataFrame, clave: str, campos: tuple[str, ...]) -> TablaIndexada:
    """Index ``datos`` by ``clave`` and keep ``campos`` (those present) as read-only arrays."""
    valores = datos[clave].astype(str)
    filas = np.flatnonzero(~valores.duplicated().to_numpy())
    columnas = {}
    for campo in (c for c in campos if c in datos.columns):
        serie = datos[campo]
        if campo == "moneda":
            serie = serie.astype(str).str.strip().str.upper()
        arreglo = serie.to_numpy()
        columnas[campo] = _solo_lectura(arreglo.astype("datetime64[us]") if arreglo.dtype.kind == "M" else arreglo)
    return TablaIndexada(pd.Index(valores.to_numpy()[filas]), _solo_lectura(filas), MappingProxyType(columnas))


def _a_favor(saldos_a_favor: pd.DataFrame) -> Mapping[str, Mapping[str, int]]:
    """Credit per client and currency (several rows of one pair are added up)."""
    por_cliente: dict[str, dict[str, int]] = {}
    clientes = saldos_a_favor["cliente"].astype(str).str.strip()
    monedas = saldos_a_favor["moneda"].astype(str).str.strip().str.upper()
    for cliente, moneda, monto in zip(clientes, monedas, saldos_a_favor["monto"].astype("int64"), strict=True):
        credito = por_cliente.setdefault(cliente, {})
        credito[moneda] = credito.get(moneda, 0) + int(monto)
    return MappingProxyType({c: MappingProxyType(m) for c, m in por_cliente.items()})


def indexar(cartera: Cartera, calculo: Calculo) -> Indice:
    """The run's ``Indice``: build it once, before composing the day's messages."""
    return Indice(tabla(calculo.facturas, "factura", CAMPOS_FACTURA),
                  tabla(cartera.clientes, "cliente", CAMPOS_CLIENTE),
                  _a_favor(calculo.saldos_a_favor), cartera.configuracion, calculo.fecha_corte,
                  formatos(cartera.configuracion.pais))
