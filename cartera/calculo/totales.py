"""The run's totals per currency and per tramo: computed once.

Pure and vectorised; money is int64 centavos; currencies are never summed
together.  One run computes :func:`calcular` once and hands the result to
the end-of-run summary, the report and the trend's today point (``calculo.cierres``).

* **Per tramo** (:func:`por_tramo`): the open facturas (``abierta``) per
  (moneda, tramo): saldo, recargo, compensacion and cantidad, one row per
  currency × every label of ``politica.etiquetas_tramos``, zeros included.
* **Per currency** (:class:`TotalMoneda`): por cobrar = saldo of the open
  facturas; vencido = saldo of those with días vencidos > 0, i.e. every
  tramo but «Por vencer».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import pandas as pd

from cartera.modelo import Calculo
from cartera.politica import etiquetas_tramos


class TotalTramo(NamedTuple):
    """The open facturas of one currency in one tramo: money in centavos, ``cantidad`` facturas."""

    moneda: str
    tramo: str
    saldo: int
    recargo: int
    compensacion: int
    cantidad: int


class TotalMoneda(NamedTuple):
    """The open facturas of one currency, in centavos (see the module docstring); ``cantidad`` facturas."""

    moneda: str
    por_cobrar: int
    vencido: int
    recargo: int
    cantidad: int


class Totales(NamedTuple):
    """Every total of one run as of ``fecha_corte``.

    ``etiquetas``: the tramo labels, in order.  ``tramos``: one
    :class:`TotalTramo` per currency × label (currencies in ISO order, zeros
    included).  ``monedas``: one :class:`TotalMoneda` per currency of
    ``tramos``, ISO order.  Currencies = those of the facturas and of the
    saldos a favor (a credit-only currency has zeros).
    """

    fecha_corte: dt.date
    etiquetas: tuple[str, ...]
    tramos: tuple[TotalTramo, ...]
    monedas: tuple[TotalMoneda, ...]


def por_tramo(facturas: pd.DataFrame, limites: tuple[int, ...], monedas: Iterable[str] = ()) -> pd.DataFrame:
    """Open facturas per (moneda, tramo): saldo, recargo, compensacion (int64 centavos) and cantidad.

    One row per currency (those of ``facturas`` plus ``monedas``) × every
    label of ``politica.etiquetas_tramos(limites)``, in that order, zeros
    included.
    """
    etiquetas = etiquetas_tramos(limites)
    todas = sorted(set(facturas["moneda"].astype(str).unique()) | set(monedas))
    rejilla = pd.MultiIndex.from_product([todas, etiquetas], names=["moneda", "tramo"])
    abiertas = facturas[facturas["abierta"].to_numpy(dtype=bool)]
    suma = abiertas.groupby([abiertas["moneda"].astype(str), abiertas["tramo"].astype(str)]).agg(
        saldo=("saldo", "sum"), recargo=("recargo", "sum"), compensacion=("compensacion", "sum"),
        cantidad=("saldo", "size"),
    )
    suma.index = suma.index.set_names(["moneda", "tramo"])
    tabla = suma.reindex(rejilla, fill_value=0).reset_index()
    return tabla.astype({"saldo": np.int64, "recargo": np.int64, "compensacion": np.int64, "cantidad": np.int64})


def _por_moneda(tabla: pd.DataFrame, etiquetas: tuple[str, ...]) -> tuple[TotalMoneda, ...]:
    vencida = tabla["tramo"].to_numpy() != etiquetas[0]
    tabla = tabla.assign(vencido=np.where(vencida, tabla["saldo"].to_numpy(), 0))
    sumas = tabla.groupby("moneda", sort=True)[["saldo", "vencido", "recargo", "cantidad"]].sum()
    return tuple(TotalMoneda(str(m), int(f.saldo), int(f.vencido), int(f.recargo), int(f.cantidad))
                 for m, f in zip(sumas.index, sumas.itertuples(index=False), strict=True))


def calcular(calculo: Calculo, limites: tuple[int, ...]) -> Totales:
    """Every total of ``calculo`` with the tramos of ``limites`` (``Configuracion.tramos``)."""
    etiquetas = etiquetas_tramos(limites)
    tabla = por_tramo(calculo.facturas, limites, calculo.saldos_a_favor["moneda"].astype(str))
    tramos = tuple(TotalTramo(str(f.moneda), str(f.tramo), int(f.saldo), int(f.recargo), int(f.compensacion),
                              int(f.cantidad)) for f in tabla.itertuples(index=False))
    return Totales(calculo.fecha_corte, etiquetas, tramos, _por_moneda(tabla, etiquetas))


def de_moneda(totales: Totales, moneda: str) -> TotalMoneda:
    """The totals of ``moneda`` (zeros when it has none)."""
    return next((t for t in totales.monedas if t.moneda == moneda), TotalMoneda(moneda, 0, 0, 0, 0))


def tramos_de(totales: Totales, moneda: str) -> tuple[TotalTramo, ...]:
    """One :class:`TotalTramo` per label for ``moneda``, in label order (zeros when it has none)."""
    propios = {t.tramo: t for t in totales.tramos if t.moneda == moneda}
    return tuple(propios.get(e, TotalTramo(moneda, e, 0, 0, 0, 0)) for e in totales.etiquetas)


def con_saldo(totales: Totales) -> tuple[TotalMoneda, ...]:
    """The currencies with at least one open factura, ISO order: what the summary shows."""
    return tuple(t for t in totales.monedas if t.cantidad)
