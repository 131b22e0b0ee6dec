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
  It is placed on the factura's **vencimiento** (a careful accountant's assumption
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
    if not len(facturas):
        return np.zeros((0, len(fechas)), dtype=np.int64)
    fecha = _dias(pagos["fecha"])
    pagos = pagos[~np.isnat(fecha) & (fecha <= limites[-1])].reset_index(drop=True)
    fecha = _dias(pagos["fecha"])
    posicion = pd.Index(_texto(facturas["factura"])).get_indexer(_texto(pagos["factura"]))
    de_cliente = (posicion < 0) & (_texto(pagos["cliente"]) != "")
    en_fifo = facturas["cliente"].isin(set(pagos.loc[de_cliente, "cliente"])).to_numpy()
    nombrado = (posicion >= 0) & ~en_fifo[posicion]
    total = facturas["total"].to_numpy(dtype=np.int64)
    pagado = np.zeros((len(facturas), len(fechas)), dtype=np.int64)
    np.add.at(pagado, (posicion[nombrado], np.searchsorted(limites, fecha[nombrado], side="left")),
              pagos["monto"].to_numpy(dtype=np.int64)[nombrado])
    np.cumsum(pagado, axis=1, out=pagado)
    np.minimum(pagado, total[:, None], out=pagado)
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


BLOQUE = 65_536
"""Facturas per block when summing: a 1M-invoice workbook never holds 1M × 12 temporaries at once."""


class _Columnas(NamedTuple):
    """What the month-end sums need, per factura (positional): int64 centavos, datetime64[D] dates.

    ``sin_fecha``: settled without a date.  ``pagado``: (facturas × month-ends) paid by dated payments.
    """

    total: np.ndarray
    emision: np.ndarray
    vencimiento: np.ndarray
    anulada: np.ndarray
    sin_fecha: np.ndarray
    pagado: np.ndarray


def _columnas(calculo: Calculo, pagos: pd.DataFrame, fechas: tuple[dt.date, ...], moneda: str) -> _Columnas:
    f = calculo.facturas
    estado = f["estado"].to_numpy(dtype=object)
    cerrada = np.isin(estado, list(ESTADOS_CERRADOS))
    total = f["total"].to_numpy(dtype=np.int64)
    pagado = pagado_por_fecha(f, pagos, (*fechas, calculo.fecha_corte), moneda=moneda, cerrada=cerrada)
    hoy = pagado[:, -1]
    # settled without a date: the row's paid column (open facturas) or the Estado's word (closed ones)
    sin_fecha = np.where(cerrada, total - hoy, f["pagado"].to_numpy(dtype=np.int64) - hoy).clip(0)
    return _Columnas(total, _dias(f["emision"]), _dias(f["vencimiento"]), estado == ANULADA, sin_fecha, pagado[:, :-1])


def _sumas(columnas: _Columnas, filas: np.ndarray, fechas: tuple[dt.date, ...]) -> np.ndarray:
    """(4 × month-ends) exact sums over ``filas``: saldo, vencido, sin_fecha due that month, ventas of the 90 days."""
    limites = np.array(fechas, dtype="datetime64[D]")[None, :]
    primeros = np.array([d.replace(day=1) for d in fechas], dtype="datetime64[D]")[None, :]
    suma = np.zeros((4, len(fechas)), dtype=np.int64)
    for desde in range(0, len(filas), BLOQUE):
        k = filas[desde:desde + BLOQUE]
        total, emision, vencimiento = columnas.total[k][:, None], columnas.emision[k][:, None], columnas.vencimiento[k][:, None]
        emitida = (emision <= limites) & ~columnas.anulada[k][:, None]
        debido = total - columnas.pagado[k]
        supuesto = np.where(vencimiento <= limites, columnas.sin_fecha[k][:, None], 0)
        saldo = np.where(emitida, (debido - supuesto).clip(0), 0)
        suma[0] += saldo.sum(axis=0)
        suma[1] += np.where(vencimiento < limites, saldo, 0).sum(axis=0)
        suma[2] += np.where(emitida & (vencimiento >= primeros), np.minimum(supuesto, debido), 0).sum(axis=0)
        suma[3] += np.where(emitida & (emision > limites - np.timedelta64(DIAS_DSO, "D")), total, 0).sum(axis=0)
    return suma


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
    monedas_facturas = calculo.facturas["moneda"].astype(str).to_numpy(dtype=object)
    columnas = _columnas(calculo, cartera.pagos, fechas, cartera.configuracion.moneda) if len(monedas_facturas) else None
    cierres: list[Cierre] = []
    for moneda in monedas:
        filas = np.flatnonzero(monedas_facturas == moneda)
        vigentes = filas[~columnas.anulada[filas]] if columnas is not None else filas
        if len(vigentes):
            saldo, vencido, sin_fecha, ventas = _sumas(columnas, filas, fechas)
            primera = columnas.emision[vigentes].min()  # the currency's first issue date, Anulada excluded
            cierres += [Cierre(fecha, moneda, int(saldo[j]), int(vencido[j]), _dso(int(saldo[j]), int(ventas[j])),
                               int(sin_fecha[j]))
                        for j, fecha in enumerate(fechas) if np.datetime64(fecha, "D") >= primera]
        hoy = tt.de_moneda(totales, moneda)
        cierres.append(Cierre(calculo.fecha_corte, moneda, hoy.por_cobrar, hoy.vencido,
                              _dso(hoy.por_cobrar, _ventas_hoy(calculo, moneda)), hoy=True))
    return tuple(cierres)
