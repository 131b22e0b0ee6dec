"""Today's messages and calls of the payment agreements (``cartera.acuerdos``).  Pure.

While an agreement is in force its facturas get no normal reminder
(:mod:`cartera.plan.estado`, ``en_acuerdo``); instead, on ``hoy``:

* each open instalment gets a reminder 3 days before it falls due (``DIAS_ANTES``) and one on its
  due date (or, when no run happened that day, on a later day still within the grace days), quoting
  what is left of it and its date;
* a broken agreement (an instalment unpaid past the grace days) gets one message saying so, never
  repeated, and its client is on the call list every run while it stays «Incumplido»;
* a paid agreement gets one thank-you.

Each message is keyed in Historial by its ``Etapa`` text (:func:`etapa`), which names the agreement,
the instalment and its due date: a rerun never repeats it, and an instalment the owner moves to another
date is reminded again.  A client marked No contactar gets nothing; one without a valid e-mail is on
the call list instead.  Replies and bounces (``Atencion``) do not pause these messages.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pandas as pd

from cartera.acuerdos.pacto import EstadoAcuerdo, Situacion, SituacionCuota
from cartera.decisiones import Aviso, AvisoAcuerdo, Llamada, Omision, Plan, TipoAviso
from cartera.modelo import Cartera
from cartera.plan import llamadas
from cartera.plan.frases import Texto
from cartera.plan.llamadas import Cliente, Resumen
from cartera.vocabulario import RESULTADOS_QUE_CUENTAN, Canal

DIAS_ANTES = 3
PLANTILLAS = {TipoAviso.CUOTA: "cuota", TipoAviso.ACUERDO_INCUMPLIDO: "acuerdo_incumplido",
              TipoAviso.ACUERDO_PAGADO: "acuerdo_pagado"}


class DelDia(NamedTuple):
    """The agreements' share of today's plan."""

    avisos: tuple[Aviso, ...] = ()
    llamadas: tuple[Llamada, ...] = ()
    omisiones: tuple[Omision, ...] = ()


def etapa(s: Situacion, momento: str, cuota: SituacionCuota | None = None) -> str:
    """The Historial key of a message: «Acuerdo AC-1: cuota 2 del 2026-03-15, aviso previo», «Acuerdo AC-1 incumplido»."""
    if cuota is None:
        return f"Acuerdo {s.acuerdo.acuerdo} {momento}"
    return f"Acuerdo {s.acuerdo.acuerdo}: cuota {cuota.cuota.numero} del {cuota.cuota.vence.isoformat()}, {momento}"


def _cuota_del_dia(s: Situacion, hoy: dt.date, gracia: int, hechas: set[str]) -> tuple[str, str, SituacionCuota] | None:
    """(momento, etapa, instalment) of the reminder due today, if any (the oldest instalment first)."""
    for c in s.abiertas:
        dias = (c.cuota.vence - hoy).days
        if 0 < dias <= DIAS_ANTES:
            momento, clave = "previo", etapa(s, "aviso previo", c)
        elif -gracia <= dias <= 0:
            momento, clave = ("hoy" if dias == 0 else "vencida"), etapa(s, "vencimiento", c)
        else:
            continue
        if clave not in hechas:
            return momento, clave, c
    return None


def _datos(s: Situacion, momento: str, c: SituacionCuota | None) -> AvisoAcuerdo:
    return AvisoAcuerdo(s.acuerdo.acuerdo, momento, c.cuota.numero if c else -1, s.acuerdo.cuotas,
                        c.cuota.vence if c else None, c.cuota.valor if c else 0, c.saldo if c else 0, s.total, s.pagado,
                        s.moneda, tuple((x.cuota.numero, x.cuota.vence, x.saldo) for x in s.abiertas))


def _del_acuerdo(s: Situacion, hoy: dt.date, gracia: int, hechas: set[str]) -> tuple[TipoAviso, str, AvisoAcuerdo] | None:
    """What the agreement's client is told today (None: nothing)."""
    if s.estado == EstadoAcuerdo.PAGADO and s.total > 0 and (clave := etapa(s, "pagado")) not in hechas:
        return TipoAviso.ACUERDO_PAGADO, clave, _datos(s, "pagado", None)
    if s.estado == EstadoAcuerdo.INCUMPLIDO:
        clave = etapa(s, "incumplido")
        return None if clave in hechas else (TipoAviso.ACUERDO_INCUMPLIDO, clave, _datos(s, "incumplido", s.proxima))
    if s.estado == EstadoAcuerdo.VIGENTE and (hallada := _cuota_del_dia(s, hoy, gracia, hechas)):
        momento, clave, c = hallada
        return TipoAviso.CUOTA, clave, _datos(s, momento, c)
    return None


def _clientes(clientes: pd.DataFrame, codigos: set[str]) -> dict[str, tuple[Cliente, bool]]:
    """Client code → (its contact record, No contactar), for the clients ``codigos`` (those with an agreement)."""
    suyos = clientes[clientes["cliente"].astype(str).isin(codigos)]
    return {str(f.cliente): (llamadas.cliente_de(f), bool(f.no_contactar)) for f in suyos.itertuples(index=False)}


def _resumen(s: Situacion, hoy: dt.date) -> Resumen:
    c = s.proxima
    atraso = max((hoy - c.cuota.vence).days, 0) if c else 0
    return Resumen(s.acuerdo.facturas, ((s.moneda, s.saldo),), atraso, c.cuota.vence if c else None,
                   ((s.moneda, c.saldo),) if c and atraso else ())


def del_dia(situaciones: tuple[Situacion, ...], cartera: Cartera, hoy: dt.date) -> DelDia:
    """The agreements' avisos, calls and omissions on ``hoy`` (``cartera.historial``: what was already sent)."""
    hechas = {e.etapa for e in cartera.historial if e.resultado in RESULTADOS_QUE_CUENTAN}
    contactos = _clientes(cartera.clientes, {s.acuerdo.cliente for s in situaciones})
    config = cartera.configuracion
    avisos, lista, omisiones = [], [], []
    for s in situaciones:
        cliente, no_contactar = contactos.get(s.acuerdo.cliente, (None, True))
        if cliente is None or no_contactar:
            continue
        if s.estado == EstadoAcuerdo.INCUMPLIDO:
            lista.append(llamadas.llamada(cliente, _resumen(s, hoy), config, etapa=etapa(s, "incumplido"),
                                          motivo=Texto.ACUERDO_INCUMPLIDO.format(s.acuerdo.acuerdo)))
        hoy_toca = _del_acuerdo(s, hoy, config.dias_gracia, hechas)
        if hoy_toca is None:
            continue
        tipo, clave, datos = hoy_toca
        if not cliente.correos:
            omisiones.append(Omision(cliente.cliente, s.acuerdo.facturas, clave, Canal.CORREO, Texto.SIN_CORREO_CUOTA.format(clave)))
            if s.estado != EstadoAcuerdo.INCUMPLIDO:
                lista.append(llamadas.llamada(cliente, _resumen(s, hoy), config, etapa=clave,
                                              motivo=Texto.SIN_CORREO_CUOTA.format(clave)))
            continue
        avisos.append(Aviso(tipo, cliente.cliente, clave, PLANTILLAS[tipo], s.acuerdo.facturas,
                            tuple((f, clave) for f in s.acuerdo.facturas), cliente.correos, cliente.cc,
                            frozenset({Canal.CORREO}), datos))
    return DelDia(tuple(avisos), tuple(lista), tuple(omisiones))


def con_acuerdos(plan: Plan, dia: DelDia) -> Plan:
    """``plan`` plus the agreements' share (avisos by client; one call per client, the agreement's first)."""
    ya = {x.cliente for x in dia.llamadas}
    return plan._replace(
        avisos=tuple(sorted(plan.avisos + dia.avisos, key=lambda a: a.cliente)),
        llamadas=tuple(sorted(dia.llamadas + tuple(x for x in plan.llamadas if x.cliente not in ya), key=lambda x: x.cliente)),
        omisiones=plan.omisiones + dia.omisiones,
    )
