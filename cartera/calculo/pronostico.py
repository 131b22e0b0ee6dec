"""Expected collections (cobros esperados): when each open factura is likely to be paid, week by week.

Pure and vectorised; money is int64 centavos; currencies are never summed together; fees are not
forecast (only the saldo).  The method, as the README tells it to the owner:

* **Weeks**: :data:`SEMANAS` weeks of seven days, the first starting the day after the fecha de corte.
* **History** (``calculo.atrasos``): for each client, of its past facturas that reached N days past
  due unpaid, which part got paid on day N (Kaplan–Meier: open facturas count as «not paid yet»).
* **One factura**: it is already ``d`` days past due (negative = not due yet) and unpaid, so only
  the history *after* ``d`` days matters: the chance that it is paid in week k is
  P(paid between d + 7(k−1) and d + 7k days | unpaid after d days).  Whatever the history does not
  place in the 8 weeks is «after 8 weeks or never».
* **Thin histories** borrow from the portfolio: probability = (n × client's + :data:`PESO_CARTERA` ×
  portfolio's) ÷ (n + :data:`PESO_CARTERA`), where n = how many of the client's facturas stayed unpaid
  longer than ``d`` days; a new client (n = 0), or a factura later than anything the client ever
  paid, follows the portfolio alone.  A factura later than every factura ever paid in the workbook
  is not expected within the 8 weeks.
* **Probable** (most likely): saldo × probability, summed.  **Prudente** (cautious): probable −
  :data:`Z_PRUDENTE` standard deviations of the week's amount (each factura is paid or not that week,
  independently of the others: variance saldo² × p × (1 − p)), never below zero: about 9 weeks in 10
  should collect at least this much (the back-test in tests/test_pronostico.py measures it).
* Partial payments: what is forecast is the saldo still open; a factura counts as paid the day its
  saldo reached zero.  Facturas in Disputa are not forecast (their saldo is shown apart).
* Facturas under a payment agreement in force are forecast by its instalments (``cuotas``): what they
  still owe is spread over the open instalments' due dates, and each instalment is one «factura» due
  that day for the client's history.
* Fewer than :data:`MINIMO_HISTORIA` facturas paid with dated payments in the whole workbook: no
  history to speak of, so each factura is expected on its due date (one already due, in week 1).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import pandas as pd

from cartera import vocabulario
from cartera.calculo import atrasos
from cartera.modelo import Calculo

SEMANAS = 8
DIAS_SEMANA = 7
PESO_CARTERA = 5
"""How many «average portfolio» facturas are added to a client's own history (shrinkage)."""
Z_PRUDENTE = 1.2816
"""Standard deviations below the probable figure: the normal distribution's 10th percentile."""
MINIMO_HISTORIA = 10
"""Facturas paid with dated payments needed in the workbook for the history to be used at all."""


class Pronostico(NamedTuple):
    """The forecast as of ``fecha_corte`` (money in int64 centavos).

    ``semanas``: (desde, hasta) of each week, inclusive.  ``por_cliente``: one row per (cliente, moneda)
    with forecast saldo and per week: cliente, moneda, semana (1…), desde, hasta (datetime64), probable,
    saldo (its forecast saldo), facturas (open facturas forecast), historial (its facturas paid with dated
    payments).  The cautious figure is the portfolio's only (a client's would mostly be zero).
    ``por_moneda``: moneda, semana, desde, hasta, probable (= the sum of ``por_cliente``), prudente.
    ``resto``: per moneda: saldo (forecast saldo), despues (saldo not expected within the weeks),
    disputa (saldo in Disputa, not forecast).  ``con_historial``: False when the workbook had fewer
    than :data:`MINIMO_HISTORIA` paid facturas and due dates were used instead.
    """

    fecha_corte: dt.date
    semanas: tuple[tuple[dt.date, dt.date], ...]
    por_cliente: pd.DataFrame
    por_moneda: pd.DataFrame
    resto: pd.DataFrame
    con_historial: bool


def semanas_desde(corte: dt.date, n: int = SEMANAS) -> tuple[tuple[dt.date, dt.date], ...]:
    """The ``n`` weeks after ``corte``: (desde, hasta), seven days each.

    >>> semanas_desde(dt.date(2026, 11, 24), 2)
    ((datetime.date(2026, 11, 25), datetime.date(2026, 12, 1)), (datetime.date(2026, 12, 2), datetime.date(2026, 12, 8)))
    """
    return tuple((corte + dt.timedelta(days=DIAS_SEMANA * k + 1), corte + dt.timedelta(days=DIAS_SEMANA * (k + 1)))
                 for k in range(n))


def _condicional(c: atrasos.Curvas, grupo: np.ndarray, limites: np.ndarray) -> np.ndarray:
    """Per factura (row) and week (column): P(paid that week | unpaid after limites[:, 0] days)."""
    s = atrasos.supervivencia(c, np.repeat(grupo, limites.shape[1]), limites.ravel()).reshape(limites.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = (s[:, :-1] - s[:, 1:]) / s[:, :1]
    return np.where(s[:, :1] > 0, np.nan_to_num(p), 0.0)


def probabilidades(h: atrasos.Historia, grupo: np.ndarray, atraso: np.ndarray, n: int = SEMANAS, *,
                   peso: float = PESO_CARTERA) -> np.ndarray:
    """Per open factura (client code ``grupo`` in ``h``, −1 = none; ``atraso`` days past due today) the
    probability of being paid in each of the ``n`` weeks: the client's history shrunk toward the portfolio's
    with ``peso`` portfolio facturas."""
    limites = atraso[:, None] + DIAS_SEMANA * np.arange(n + 1)[None, :]
    propias = atrasos.curvas(h.grupo, h.atraso, h.pagada)
    cartera = atrasos.curvas(np.zeros_like(h.grupo), h.atraso, h.pagada)
    conocido = grupo >= 0
    g = np.where(conocido, grupo, 0)
    de_cliente = _condicional(propias, g, limites)
    de_cartera = _condicional(cartera, np.zeros_like(g), limites)
    riesgo = np.where(conocido, atrasos.en_riesgo(propias, g, atraso), 0).astype(float)
    confianza = (riesgo / (riesgo + peso))[:, None]
    return np.clip(confianza * de_cliente + (1 - confianza) * de_cartera, 0.0, 1.0)


def al_vencimiento(atraso: np.ndarray, n: int = SEMANAS) -> np.ndarray:
    """The naive rule: each factura paid on its due date; one already due, in week 1."""
    semana = np.clip((-atraso - 1) // DIAS_SEMANA, 0, None)
    return (semana[:, None] == np.arange(n)[None, :]).astype(float)


def _redondear(x: np.ndarray) -> np.ndarray:
    """Half up to whole centavos."""
    return np.floor(np.asarray(x, dtype=float) + 0.5).astype(np.int64)


def _abiertas(calculo: Calculo) -> pd.DataFrame:
    f = calculo.facturas
    return f[f["abierta"].to_numpy(dtype=bool) & (f["saldo"].to_numpy() > 0)]


def pronosticar(calculo: Calculo, *, n: int = SEMANAS, peso: float = PESO_CARTERA,
                cuotas: pd.DataFrame | None = None) -> Pronostico:
    """The forecast of the open facturas of ``calculo`` for the ``n`` weeks after its fecha de corte.

    ``peso``: the shrinkage toward the portfolio (:data:`PESO_CARTERA`; a huge one = the portfolio alone).
    ``cuotas``: the open saldo of the facturas under an agreement (column ``acuerdo`` not empty) re-dated
    to its instalments (cliente, moneda, vencimiento, saldo: ``acuerdos.abiertas.vencimientos``); those
    facturas are forecast by these rows instead.
    """
    corte = calculo.fecha_corte
    h = atrasos.historia(calculo)
    todas = _abiertas(calculo)
    if cuotas is not None and len(cuotas):  # only when the facturas carry the column ``acuerdo``
        todas = pd.concat([todas[todas["acuerdo"] == ""], cuotas.assign(estado="")], ignore_index=True)
    disputa = todas["estado"].to_numpy() == vocabulario.DISPUTA
    f = todas[~disputa]
    vence = f["vencimiento"].to_numpy().astype("datetime64[D]")
    atraso = (np.datetime64(corte, "D") - np.where(np.isnat(vence), np.datetime64(corte, "D"), vence)).astype(np.int64)
    con_historial = int(h.pagada.sum()) >= MINIMO_HISTORIA
    if con_historial:
        grupo = pd.Index(h.clientes).get_indexer(f["cliente"].astype(str).to_numpy())
        p = probabilidades(h, grupo, atraso, n, peso=peso)
    else:
        p = al_vencimiento(atraso, n)
    saldo = f["saldo"].to_numpy(dtype=np.int64).astype(float)[:, None]
    pagadas = pd.Series(h.pagada.astype(np.int64)).groupby(h.clientes[h.grupo]).sum() if len(h.grupo) else pd.Series(dtype=np.int64)
    semanas = semanas_desde(corte, n)
    por_cliente = _por_cliente(f, saldo * p, pagadas, semanas)
    varianza = pd.DataFrame(saldo**2 * p * (1 - p)).groupby(f["moneda"].astype(str).to_numpy()).sum()
    return Pronostico(corte, semanas, por_cliente, _por_moneda(por_cliente, varianza),
                      _resto(todas, disputa, por_cliente), con_historial)


def _por_cliente(f: pd.DataFrame, media: np.ndarray, pagadas: pd.Series,
                 semanas: tuple[tuple[dt.date, dt.date], ...]) -> pd.DataFrame:
    """Rows (cliente, moneda) × week; ``media``: per factura (row) and week (column), in float centavos."""
    llave = pd.MultiIndex.from_arrays([f["cliente"].astype(str).to_numpy(), f["moneda"].astype(str).to_numpy()],
                                      names=["cliente", "moneda"])
    n = len(semanas)
    medias = pd.DataFrame(media, index=llave).groupby(level=[0, 1], sort=True).sum()
    saldos = f["saldo"].set_axis(llave).groupby(level=[0, 1], sort=True).agg(["sum", "size"])
    claves = medias.index.to_frame(index=False)
    filas = claves.loc[claves.index.repeat(n)].reset_index(drop=True)
    semana = np.tile(np.arange(1, n + 1), len(claves))
    desde = np.array([np.datetime64(a, "ns") for a, _ in semanas], dtype="datetime64[ns]")
    hasta = np.array([np.datetime64(b, "ns") for _, b in semanas], dtype="datetime64[ns]")
    return filas.assign(
        semana=semana.astype(np.int64), desde=desde[semana - 1], hasta=hasta[semana - 1],
        probable=_redondear(medias.to_numpy()).ravel(),
        saldo=np.repeat(saldos["sum"].to_numpy(dtype=np.int64), n),
        facturas=np.repeat(saldos["size"].to_numpy(dtype=np.int64), n),
        historial=np.repeat(pagadas.reindex(claves["cliente"]).fillna(0).to_numpy(dtype=np.int64), n),
    )


def _por_moneda(por_cliente: pd.DataFrame, varianza: pd.DataFrame) -> pd.DataFrame:
    """Per (moneda, semana): probable = the clients' sum; prudente = probable − Z × √(sum of the facturas' variances).

    ``varianza``: per currency (index) and week (columns 0…), in centavos².
    """
    g = por_cliente.groupby(["moneda", "semana"], sort=True).agg(
        desde=("desde", "first"), hasta=("hasta", "first"), probable=("probable", "sum"))
    var = varianza.stack().to_numpy() if len(varianza) else np.zeros(len(g))
    probable = g["probable"].to_numpy(dtype=np.int64)
    prudente = np.minimum(_redondear(np.maximum(probable - Z_PRUDENTE * np.sqrt(var), 0)), probable)
    return g.assign(probable=probable, prudente=prudente).reset_index()


def _resto(todas: pd.DataFrame, disputa: np.ndarray, por_cliente: pd.DataFrame) -> pd.DataFrame:
    """Per currency: forecast saldo, the part not expected within the weeks, and the saldo in Disputa."""
    saldo = todas["saldo"].where(~disputa, 0).groupby(todas["moneda"]).sum()
    en_disputa = todas["saldo"].where(disputa, 0).groupby(todas["moneda"]).sum()
    previsto = por_cliente.groupby("moneda")["probable"].sum().reindex(saldo.index, fill_value=0)
    t = pd.DataFrame({"saldo": saldo, "despues": (saldo - previsto).clip(lower=0), "disputa": en_disputa}).astype(np.int64)
    return t.rename_axis("moneda").reset_index()
