"""Punctual payers: clients to thank or reward.

A client is punctual when, among its facturas issued in the 12 months up
to the fecha de corte (Anulada ones aside, and open ones not yet due aside
since they cannot be judged yet), at least one was fully paid and every one
was fully paid on or before its vencimiento (``fecha_pago`` ≤ vencimiento;
a factura marked Pagada with no payments recorded has no ``fecha_pago`` and
cannot prove it), and the client has no open overdue factura at all.
Pauses and No contactar do not matter here.  Sorted by name.
"""

from __future__ import annotations

import pandas as pd

from cartera.decisiones import Puntual
from cartera.modelo import Calculo
from cartera.vocabulario import ANULADA


def puntuales(clientes: pd.DataFrame, calculo: Calculo) -> tuple[Puntual, ...]:
    """The punctual payers as of ``calculo.fecha_corte``, by name then code."""
    f = calculo.facturas
    corte = pd.Timestamp(calculo.fecha_corte)
    abierta = f["abierta"].astype(bool)
    en_ventana = (f["emision"] > corte - pd.DateOffset(months=12)) & (f["emision"] <= corte) & (f["estado"] != ANULADA)
    juzgable = en_ventana & ~(abierta & (f["dias_vencidos"] <= 0))
    a_tiempo = ~abierta & f["fecha_pago"].notna() & (f["fecha_pago"] <= f["vencimiento"])
    tabla = pd.DataFrame({"cliente": f["cliente"], "juzgable": juzgable, "falla": juzgable & ~a_tiempo,
                          "morosa": abierta & (f["dias_vencidos"] > 0)})
    g = tabla.groupby("cliente", sort=False)[["juzgable", "falla", "morosa"]].any()
    buenos = g.index[g["juzgable"] & ~g["falla"] & ~g["morosa"]]
    pagadas = f[juzgable & f["cliente"].isin(buenos)]
    cuenta = pagadas.groupby("cliente")["factura"].count()
    totales = pagadas.groupby(["cliente", "moneda"], sort=True)["total"].sum()
    nombres = clientes.set_index("cliente")["nombre"]
    filas = [
        Puntual(str(c), str(nombres.get(c) or c), int(cuenta[c]),
                tuple((str(m), int(v)) for m, v in totales.loc[c].items()))
        for c in cuenta.index
    ]
    return tuple(sorted(filas, key=lambda p: (p.nombre.casefold(), p.cliente)))
