"""A client's open instalments, for whoever lists them (the account statement).  Pure."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from cartera.acuerdos.pacto import Situacion


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
