"""Payment delays: each client's history of how many days after the due date its facturas got paid.

The history is read from the computed facturas (``calculo.antiguedad.calcular``), so it uses exactly
what was known at the fecha de corte (payments dated later do not count):

* a factura **paid** by dated Pagos rows (``fecha_pago``) is one payment, ``atraso`` = the day its
  saldo reached zero − its vencimiento (negative = paid early); a partial payment alone is not one;
* a factura still **open** says only «not paid after ``atraso`` = fecha de corte − vencimiento days»
  (a *censored* observation: it keeps the slow payers' history honest);
* left out: facturas not yet issued, Anulada, Incobrable and in Disputa (not about paying habits), and
  those closed with no dated payment (a Pagada with no row in Pagos: we do not know when).

:class:`Curvas` is the share of facturas still unpaid after each number of days (a Kaplan–Meier
survival curve per client, and one for the whole portfolio): «of the facturas that reached N days
unpaid, which part was paid on day N», chained day after day.  Each factura counts once, whatever
its amount.  Vectorised: one sort, no per-client loop.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from cartera import vocabulario
from cartera.modelo import Calculo

FUERA_DE_HISTORIA = (vocabulario.ANULADA, vocabulario.INCOBRABLE, vocabulario.DISPUTA)
"""Estados whose facturas say nothing about paying habits (kept out of the history and the forecast)."""
DESDE, HASTA = -400, 4000
"""Delays are clipped to this range of days (a payment more than ~13 months early is a typo)."""
_ANCHO = HASTA - DESDE + 2


class Historia(NamedTuple):
    """One observation per factura (positional arrays): ``grupo`` the client's code (``pd.factorize`` of
    cliente), ``atraso`` days (int64), ``pagada`` True = paid after ``atraso`` days, False = still open
    after ``atraso`` days; ``clientes`` the client of each code."""

    grupo: np.ndarray
    atraso: np.ndarray
    pagada: np.ndarray
    clientes: np.ndarray


def historia(calculo: Calculo) -> Historia:
    """The payment-delay history of every client as of the fecha de corte (see the module docstring)."""
    f = calculo.facturas
    corte = np.datetime64(calculo.fecha_corte, "D")
    vence = f["vencimiento"].to_numpy().astype("datetime64[D]")
    pago = f["fecha_pago"].to_numpy().astype("datetime64[D]")
    emitida = f["emision"].to_numpy().astype("datetime64[D]") <= corte
    cuenta = emitida & ~np.isnat(vence) & ~f["estado"].isin(FUERA_DE_HISTORIA).to_numpy()
    pagada = cuenta & ~np.isnat(pago)
    abierta = cuenta & f["abierta"].to_numpy(dtype=bool) & ~pagada
    usada = pagada | abierta
    fin = np.where(pagada, pago, corte)
    atraso = np.clip((fin - vence).astype(np.int64), DESDE, HASTA)
    grupo, clientes = pd.factorize(f["cliente"].astype(str).to_numpy()[usada])
    return Historia(grupo.astype(np.int64), atraso[usada], pagada[usada], np.asarray(clientes, dtype=object))


class Curvas(NamedTuple):
    """Kaplan–Meier curves of several groups, evaluated by :func:`supervivencia` and :func:`en_riesgo`.

    ``claves``: sorted keys (grupo, atraso) of the days with payments; ``log_s``: log of the share still
    unpaid after that day, within its group; ``todas``: the sorted keys of every observation.
    """

    claves: np.ndarray
    log_s: np.ndarray
    todas: np.ndarray


def _clave(grupo: np.ndarray, atraso: np.ndarray) -> np.ndarray:
    return np.asarray(grupo, dtype=np.int64) * _ANCHO + (np.clip(atraso, DESDE - 1, HASTA) - DESDE + 1)


def curvas(grupo: np.ndarray, atraso: np.ndarray, pagada: np.ndarray) -> Curvas:
    """The survival curve of each group: S(t) = Π over payment days u ≤ t of (1 − pagadas_u ÷ en riesgo_u),
    where en riesgo_u counts the group's facturas with atraso ≥ u (paid that day or later, or still open)."""
    todas = np.sort(_clave(grupo, atraso))
    claves, pagos = np.unique(_clave(grupo[pagada], atraso[pagada]), return_counts=True)
    fin_grupo = np.searchsorted(todas, (claves // _ANCHO + 1) * _ANCHO, side="left")
    riesgo = fin_grupo - np.searchsorted(todas, claves, side="left")
    with np.errstate(divide="ignore"):
        factor = np.log1p(-pagos / riesgo)
    log_s = pd.Series(factor).groupby(claves // _ANCHO).cumsum().to_numpy() if len(claves) else factor
    return Curvas(claves, log_s, todas)


def supervivencia(c: Curvas, grupo: np.ndarray, atraso: np.ndarray) -> np.ndarray:
    """S(atraso) of each (grupo, atraso): the share of the group's facturas still unpaid after that many days."""
    clave = _clave(grupo, atraso)
    if not len(c.claves):
        return np.ones(len(clave))
    i = np.maximum(np.searchsorted(c.claves, clave, side="right") - 1, 0)
    propia = (c.claves[i] <= clave) & (c.claves[i] // _ANCHO == np.asarray(grupo, dtype=np.int64))
    return np.where(propia, np.exp(c.log_s[i]), 1.0)


def en_riesgo(c: Curvas, grupo: np.ndarray, atraso: np.ndarray) -> np.ndarray:
    """How many of the group's facturas were still unpaid after ``atraso`` days (paid later, or open later)."""
    grupo = np.asarray(grupo, dtype=np.int64)
    fin = np.searchsorted(c.todas, (grupo + 1) * _ANCHO, side="left")
    return (fin - np.searchsorted(c.todas, _clave(grupo, atraso), side="right")).astype(np.int64)

