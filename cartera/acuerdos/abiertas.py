"""A client's open instalments, for whoever lists them (the account statement), and the agreements' open
balance re-dated to them (the forecast).  Pure."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pandas as pd

from cartera.acuerdos.pacto import Situacion
from cartera.modelo import Calculo


class CuotaAbierta(NamedTuple):
    """One instalment not fully paid of an agreement in force.  Money: integer centavos of ``moneda``;
    ``cuota`` 0 is the down payment."""

    acuerdo: str
    cuota: int
    vence: dt.date
    valor: int
    pagado: int
    saldo: int
    moneda: str


def cuotas_abiertas(situaciones: tuple[Situacion, ...]) -> dict[str, tuple[CuotaAbierta, ...]]:
    """Client code → its open instalments of agreements in force (Vigente or Incumplido), by due date.

    ``situaciones``: what :func:`cartera.acuerdos.situacion.situaciones` returned for the date of interest.
    """
    salida: dict[str, list[CuotaAbierta]] = {}
    for s in situaciones:
        if not s.en_vigor:
            continue
        for c in s.abiertas:
            salida.setdefault(s.acuerdo.cliente, []).append(
                CuotaAbierta(s.acuerdo.acuerdo, c.cuota.numero, c.cuota.vence, c.cuota.valor, c.pagado, c.saldo, s.moneda))
    return {k: tuple(sorted(v, key=lambda c: (c.vence, c.acuerdo, c.cuota))) for k, v in salida.items()}


def vencimientos(calculado: Calculo, situaciones: tuple[Situacion, ...]) -> pd.DataFrame:
    """The open saldo of the facturas under an agreement in force, spread over its open instalments' dates.

    One row per instalment (cliente, moneda, vencimiento as datetime64, saldo in centavos, acuerdo) for
    the forecast (``calculo.pronostico``), which then expects that money by the instalments' dates and
    not by the facturas' own, long past, due dates.  ``calculado``: with the ``acuerdo`` column of
    ``situacion.con_acuerdos``.  The rows add up to the facturas' open saldo exactly: payments go to
    the oldest instalment, so what is still owed is the latest instalments' share (filled from the last
    one back); should the facturas owe more than the instalments (an instalment edited down), the rest
    falls on the last one.
    """
    f = calculado.facturas
    if "acuerdo" not in f.columns:
        return pd.DataFrame(columns=["cliente", "moneda", "vencimiento", "saldo", "acuerdo"])
    abiertas = f[f["abierta"].to_numpy(dtype=bool) & (f["acuerdo"] != "")]
    debe = abiertas["saldo"].groupby(abiertas["acuerdo"]).sum()
    filas = []
    for s in (s for s in situaciones if s.en_vigor and debe.get(s.acuerdo.acuerdo, 0) > 0):
        queda = int(debe[s.acuerdo.acuerdo])
        cuotas = s.abiertas or s.cuotas[-1:]
        partes = []
        for c in reversed(cuotas):
            parte = min(queda, c.saldo)
            partes.append([c.cuota.vence, parte])
            queda -= parte
        partes[0][1] += queda  # the last instalment: what the instalments do not cover
        filas += [(s.acuerdo.cliente, s.moneda, pd.Timestamp(v), saldo, s.acuerdo.acuerdo) for v, saldo in partes if saldo > 0]
    return pd.DataFrame(filas, columns=["cliente", "moneda", "vencimiento", "saldo", "acuerdo"]).astype({"saldo": "int64"})
