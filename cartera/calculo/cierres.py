"""The portfolio at each month-end of the last 12 months, recomputed from the workbook: the trend.

Pure and vectorised; money is int64 centavos; one series per currency, never
summed.  As of each month-end ``M`` (:func:`cierres_de_mes`):

* **Facturas**: only those issued on or before ``M``; ``Anulada`` ones never
  count (a voided invoice was never owed).
* **Dated payments** (``Pagos``, credit notes dated on their issue date) count
  only when dated on or before ``M``, applied exactly as the engine applies
  them as of that date (``calculo.saldos``: named first, then the client's
  oldest open facturas, the excess is credit).
* **Settled without a date** — an amount in the invoice row's paid column, or
  a factura closed by its ``Estado`` (``Pagada``, ``Incobrable``) for what its
  dated payments do not cover: the workbook says it was settled, not when.
  It is placed on the factura's **vencimiento** (the owner's own assumption
  when nothing else is known: paid on time): before it the amount is still
  owed (and not overdue), from it on it is settled.  The figures from that
  month-end on rest on that assumption, so each month-end carries
  ``sin_fecha``: what fell due in that month and was counted as settled
  without a date, which the report shows with a note (the owner removes it
  by recording those payments with their date in ``Pagos``).
* ``por_cobrar`` = the facturas' open saldo; ``vencido`` = the saldo of those
  past due (``M`` > vencimiento), ``Disputa`` included, as in the Resumen.
* ``dso`` (días de cartera) = por_cobrar ÷ ventas de los últimos 90 días × 90,
  rounded half up; ventas = Totals of the facturas issued in (M − 90, M],
  ``Anulada`` excluded, in that currency; None without sales.  The same
  definition as the Resumen's DSO (``informe.resumen.dso``).

Today's point (the fecha de corte) is the run's own totals
(``calculo.totales``): there every settlement the workbook states has
happened.  Named payments of all dates are summed at once in an
(facturas × fechas) matrix; only the clients that have client-level money (a
payment without factura, a credit note) go through ``saldos.aplicar_pagos``
once per date, on their own facturas.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import pandas as pd

from cartera.calculo import saldos
from cartera.calculo import totales as tt
from cartera.dinero import dividir_redondeando
from cartera.modelo import Calculo, Cartera
from cartera.vocabulario import ANULADA, ESTADOS_CERRADOS

MESES = 12
DIAS_DSO = 90


class Cierre(NamedTuple):
    """One currency as of one date, money in int64 centavos (see the module docstring).

    ``dso``: whole days, None without sales in the 90 days.  ``sin_fecha``:
    what fell due in this month and was settled without a date, counted as
    settled on its due date (0 = nothing assumed this month).  ``hoy``: the
    fecha de corte's point, the run's own totals (its ``sin_fecha`` is 0).
    """

    fecha: dt.date
    moneda: str
    por_cobrar: int
    vencido: int
    dso: int | None
    sin_fecha: int = 0
    hoy: bool = False


def cierres_de_mes(corte: dt.date, meses: int = MESES) -> tuple[dt.date, ...]:
    """The last ``meses`` month-ends strictly before ``corte``, oldest first.

    >>> cierres_de_mes(dt.date(2026, 11, 24), 3)
    (datetime.date(2026, 8, 31), datetime.date(2026, 9, 30), datetime.date(2026, 10, 31))
    >>> cierres_de_mes(dt.date(2026, 3, 31), 2)[-1]
    datetime.date(2026, 2, 28)
    """
    ultimo = corte.replace(day=1) - dt.timedelta(days=1)
    fechas = [ultimo]
    for _ in range(meses - 1):
        fechas.append(fechas[-1].replace(day=1) - dt.timedelta(days=1))
    return tuple(reversed(fechas))


def _dias(serie: pd.Series) -> np.ndarray:
    return serie.to_numpy().astype("datetime64[D]")


def _texto(serie: pd.Series) -> np.ndarray:
    return serie.fillna("").to_numpy(dtype=object)


def pagado_por_fecha(facturas: pd.DataFrame, pagos: pd.DataFrame, fechas: tuple[dt.date, ...], *, moneda: str,
                     cerrada: np.ndarray) -> np.ndarray:
    """(facturas × fechas) int64 centavos paid by dated payments as of each date, as ``saldos.aplicar_pagos``.

    ``facturas`` as for ``aplicar_pagos`` (vencimiento filled); ``cerrada``:
    the facturas closed by their Estado (never given client-level money).
    Undated payments (``fecha`` NaT) are left out.
    """
    limites = np.array(fechas, dtype="datetime64[D]")
    fecha = _dias(pagos["fecha"])
    pagos = pagos[~np.isnat(fecha) & (fecha <= limites[-1])].reset_index(drop=True)
    fecha = _dias(pagos["fecha"])
    posicion = pd.Index(_texto(facturas["factura"])).get_indexer(_texto(pagos["factura"]))
    de_cliente = (posicion < 0) & (_texto(pagos["cliente"]) != "")
    en_fifo = facturas["cliente"].isin(set(pagos.loc[de_cliente, "cliente"])).to_numpy()
    nombrado = (posicion >= 0) & ~en_fifo[posicion]
    total = facturas["total"].to_numpy(dtype=np.int64)
    suma = np.zeros((len(facturas), len(fechas)), dtype=np.int64)
    np.add.at(suma, (posicion[nombrado], np.searchsorted(limites, fecha[nombrado], side="left")),
              pagos["monto"].to_numpy(dtype=np.int64)[nombrado])
    pagado = np.minimum(np.cumsum(suma, axis=1), total[:, None])
    if en_fifo.any():
        propias = np.flatnonzero(en_fifo)
        suyas = facturas.iloc[propias].reset_index(drop=True)
        sus_pagos = pagos[de_cliente | ((posicion >= 0) & en_fifo[posicion])].reset_index(drop=True)
        emision, abiertas = _dias(suyas["emision"]), ~cerrada[propias]
        for j, limite in enumerate(fechas):
            aplicado = saldos.aplicar_pagos(suyas, sus_pagos, fecha_corte=limite, moneda=moneda,
                                            elegibles=abiertas & (emision <= np.datetime64(limite, "D")))
            pagado[propias, j] = aplicado.pagado
    return pagado


class _Matrices(NamedTuple):
    """(facturas × month-ends) int64 centavos: saldo, vencido, sin_fecha (due that month) and ventas of the 90 days."""

    saldo: np.ndarray
    vencido: np.ndarray
    sin_fecha: np.ndarray
    ventas: np.ndarray


def _matrices(calculo: Calculo, pagos: pd.DataFrame, fechas: tuple[dt.date, ...], moneda: str) -> _Matrices:
    f = calculo.facturas
    estado = f["estado"].to_numpy(dtype=object)
    cerrada, anulada = np.isin(estado, list(ESTADOS_CERRADOS)), estado == ANULADA
    total = f["total"].to_numpy(dtype=np.int64)
    todas = (*fechas, calculo.fecha_corte)
    pagado = pagado_por_fecha(f, pagos, todas, moneda=moneda, cerrada=cerrada)
    pagado_hoy = pagado[:, -1]
    # settled without a date: the row's paid column (open facturas) or the Estado's word (closed ones)
    sin_fecha = np.where(cerrada, total - pagado_hoy, f["pagado"].to_numpy(dtype=np.int64) - pagado_hoy).clip(0)
    limites = np.array(fechas, dtype="datetime64[D]")[None, :]
    emision, vencimiento = _dias(f["emision"])[:, None], _dias(f["vencimiento"])[:, None]
    emitida = (emision <= limites) & ~anulada[:, None]
    debido = total[:, None] - pagado[:, :-1]
    supuesto = np.where(vencimiento <= limites, sin_fecha[:, None], 0)
    saldo = np.where(emitida, (debido - supuesto).clip(0), 0)
    recientes = emitida & (emision > limites - np.timedelta64(DIAS_DSO, "D"))
    del_mes = emitida & (vencimiento >= np.array([d.replace(day=1) for d in fechas], dtype="datetime64[D]")[None, :])
    return _Matrices(saldo, np.where(vencimiento < limites, saldo, 0), np.where(del_mes, np.minimum(supuesto, debido), 0),
                     np.where(recientes, total[:, None], 0))


class _Monedas(NamedTuple):
    """The facturas grouped by currency: sums of rows are one ``np.add.reduceat`` over ``orden`` (exact int64)."""

    unicas: tuple[str, ...]
    orden: np.ndarray
    inicios: np.ndarray

    @classmethod
    def de(cls, monedas: np.ndarray) -> _Monedas:
        codigos, unicas = pd.factorize(monedas)
        orden = np.argsort(codigos, kind="stable")
        return cls(tuple(str(u) for u in unicas), orden, np.searchsorted(codigos[orden], np.arange(len(unicas))))

    def sumas(self, matriz: np.ndarray) -> np.ndarray:
        """(monedas × columnas) sums of the rows of ``matriz``."""
        return np.add.reduceat(matriz[self.orden], self.inicios, axis=0)

    def minimos(self, valores: np.ndarray) -> np.ndarray:
        return np.minimum.reduceat(valores[self.orden], self.inicios)


def _dso(saldo: int, ventas: int) -> int | None:
    return int(dividir_redondeando(saldo * DIAS_DSO, ventas)) if ventas > 0 else None


def _ventas_hoy(calculo: Calculo, moneda: str) -> int:
    f = calculo.facturas
    emision, corte = _dias(f["emision"]), np.datetime64(calculo.fecha_corte, "D")
    recientes = (emision > corte - np.timedelta64(DIAS_DSO, "D")) & (emision <= corte)
    elegidas = recientes & (f["moneda"].to_numpy(dtype=object) == moneda) & (f["estado"].to_numpy(dtype=object) != ANULADA)
    return int(f["total"].to_numpy(dtype=np.int64)[elegidas].sum())


def calcular(cartera: Cartera, calculo: Calculo, totales: tt.Totales, monedas: tuple[str, ...],
             meses: int = MESES) -> tuple[Cierre, ...]:
    """The trend of each currency of ``monedas``: its month-ends, then today's point (the run's ``totales``).

    A currency's series starts at the first month-end by which one of its
    facturas (not Anulada) had been issued; a currency without any such
    month-end gets today's point only.
    """
    fechas = cierres_de_mes(calculo.fecha_corte, meses)
    f = calculo.facturas
    grupos = _Monedas.de(f["moneda"].astype(str).to_numpy(dtype=object))
    cierres: list[Cierre] = []
    if grupos.unicas:
        m = _matrices(calculo, cartera.pagos, fechas, cartera.configuracion.moneda)
        saldo, vencido, sin_fecha, ventas = (grupos.sumas(x) for x in (m.saldo, m.vencido, m.sin_fecha, m.ventas))
        emision = np.where(f["estado"].to_numpy(dtype=object) == ANULADA, np.datetime64("9999-12-31", "D"), _dias(f["emision"]))
        primeras = grupos.minimos(emision.astype(np.int64))  # each currency's first issue date, Anulada excluded
    for moneda in monedas:
        k = grupos.unicas.index(moneda) if moneda in grupos.unicas else -1
        if k >= 0:
            cierres += [Cierre(fecha, moneda, int(saldo[k, j]), int(vencido[k, j]), _dso(int(saldo[k, j]), int(ventas[k, j])),
                               int(sin_fecha[k, j]))
                        for j, fecha in enumerate(fechas) if np.datetime64(fecha, "D").astype(np.int64) >= primeras[k]]
        hoy = tt.de_moneda(totales, moneda)
        cierres.append(Cierre(calculo.fecha_corte, moneda, hoy.por_cobrar, hoy.vencido,
                              _dso(hoy.por_cobrar, _ventas_hoy(calculo, moneda)), hoy=True))
    return tuple(cierres)
