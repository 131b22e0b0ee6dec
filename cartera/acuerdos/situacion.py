"""Where each agreement stands on a date, and what that changes in the day's computation.  Pure.

What was paid towards an agreement is what its facturas' open balance fell
by since the agreement's date, whatever the way it was recorded (a Pagos
row, the invoice's paid column, a bank statement, a credit note): it is
applied to the oldest open instalment first.  An instalment unpaid after
its due date plus ``Días de gracia`` breaks the agreement («Incumplido»);
``Días tras acuerdo incumplido`` days later, or as soon as the owner writes
``Cancelado`` in its ``Estado``, its facturas go back to the normal
schedule (reminders and late fees by their own due dates, on what is left).

While it is in force (Vigente or Incumplido) its facturas carry no late fee
and no fixed compensation; with ``Recargo por cuota atrasada`` (a %, blank
= none) each instalment unpaid past the grace days adds that share of what
is left of it, charged once, on the first factura of the agreement's list still open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

import numpy as np
import pandas as pd

from cartera import dinero
from cartera.acuerdos import reparto
from cartera.acuerdos.pacto import EN_VIGOR, Acuerdo, Cuota, EstadoAcuerdo, EstadoCuota, Situacion, SituacionCuota
from cartera.calculo import antiguedad
from cartera.modelo import Calculo, Cartera, Configuracion


def bases(cartera: Cartera, acuerdos: tuple[Acuerdo, ...], festivos: tuple[dt.date, ...]) -> dict[str, int]:
    """Per agreement, its facturas' open balance on its date (fees excluded): one computation per distinct date."""
    por_fecha: dict[dt.date, pd.Series] = {}
    salida = {}
    for a in acuerdos:
        if a.fecha not in por_fecha:
            f = antiguedad.calcular(cartera, a.fecha, festivos).facturas
            por_fecha[a.fecha] = pd.Series(f["saldo"].to_numpy(dtype=np.int64), index=f["factura"].astype(str))
        saldos = por_fecha[a.fecha]
        salida[a.acuerdo] = int(saldos.reindex(list(a.facturas), fill_value=0).sum())
    return salida


def repartir(pagado: int, cuotas: tuple[Cuota, ...], hoy: dt.date) -> tuple[SituacionCuota, ...]:
    """``pagado`` applied to ``cuotas`` (already in order) oldest first, each with its state on ``hoy``."""
    salida = []
    for cuota in cuotas:
        parte = min(max(pagado, 0), cuota.valor)
        pagado -= parte
        estado = (EstadoCuota.PAGADA if parte >= cuota.valor else
                  EstadoCuota.VENCIDA if cuota.vence < hoy else EstadoCuota.PENDIENTE)
        salida.append(SituacionCuota(cuota, parte, estado))
    return tuple(salida)


def _estado(acuerdo: Acuerdo, cuotas: tuple[SituacionCuota, ...], saldo_facturas: int, desde: dt.date | None,
            config: Configuracion, hoy: dt.date) -> EstadoAcuerdo:
    if acuerdo.cancelado:
        return EstadoAcuerdo.CANCELADO
    if saldo_facturas <= 0 or all(c.saldo <= 0 for c in cuotas):
        return EstadoAcuerdo.PAGADO
    if desde is None:
        return EstadoAcuerdo.VIGENTE
    if hoy >= desde + dt.timedelta(days=config.dias_tras_incumplido):
        return EstadoAcuerdo.TERMINADO
    return EstadoAcuerdo.INCUMPLIDO


def situacion(acuerdo: Acuerdo, cuotas: tuple[Cuota, ...], base: int, saldo_facturas: int, moneda: str,
              config: Configuracion, hoy: dt.date) -> Situacion:
    """``acuerdo`` on ``hoy``.  ``cuotas``: its rows in Cuotas (none: generated now from ``base``);
    ``saldo_facturas``: its facturas' open balance on ``hoy``."""
    nuevas = not cuotas
    ordenadas = tuple(sorted(cuotas or reparto.generar(acuerdo, base), key=lambda c: (c.vence, c.numero)))
    total = sum(c.valor for c in ordenadas)
    pagado = min(max(base - saldo_facturas, 0), total)
    estados = repartir(pagado, ordenadas, hoy)
    gracia = dt.timedelta(days=config.dias_gracia)
    atrasadas = [c for c in estados if c.saldo > 0 and c.cuota.vence + gracia < hoy]
    desde = min((c.cuota.vence + gracia + dt.timedelta(days=1) for c in atrasadas), default=None)
    estado = _estado(acuerdo, estados, saldo_facturas, desde, config, hoy)
    tasa = config.recargo_cuota or Decimal(0)
    recargo = sum(int(dinero.redondear(Decimal(c.saldo) * tasa / 100, 0)) for c in atrasadas)
    return Situacion(acuerdo, moneda, base, total, pagado, estados, estado, recargo if estado in EN_VIGOR else 0, nuevas)


def situaciones(acuerdos: tuple[Acuerdo, ...], cuotas: tuple[Cuota, ...], bases_: Mapping[str, int],
                calculo: Calculo, config: Configuracion) -> tuple[Situacion, ...]:
    """Every agreement dated on or before the computation's date, on that date (``bases_``: :func:`bases`)."""
    hoy = calculo.fecha_corte
    f = calculo.facturas
    saldos = pd.Series(f["saldo"].to_numpy(dtype=np.int64), index=f["factura"].astype(str))
    monedas = pd.Series(f["moneda"].astype(str).to_numpy(), index=f["factura"].astype(str))
    por_acuerdo: dict[str, list[Cuota]] = {}
    for cuota in cuotas:
        por_acuerdo.setdefault(cuota.acuerdo, []).append(cuota)
    return tuple(
        situacion(a, tuple(por_acuerdo.get(a.acuerdo, ())), bases_.get(a.acuerdo, 0),
                  int(saldos.reindex(list(a.facturas), fill_value=0).sum()), str(monedas.get(a.facturas[0], "")),
                  config, hoy)
        for a in acuerdos if a.fecha <= hoy
    )


def con_acuerdos(calculo: Calculo, situaciones_: tuple[Situacion, ...]) -> Calculo:
    """``calculo`` with a column ``acuerdo`` (the code of the agreement in force holding each factura, "" none)
    and, on those facturas, no late fee and no compensation; the late instalments' fee on the first of the
    agreement's facturas (in its list's order) still open."""
    f = calculo.facturas
    indice = pd.Index(f["factura"].astype(str).to_numpy())
    abierta = f["abierta"].to_numpy(dtype=bool)
    acuerdo = np.full(len(f), "", dtype=object)
    recargo = f["recargo"].to_numpy(dtype=np.int64).copy()
    compensacion = f["compensacion"].to_numpy(dtype=np.int64).copy()
    topado = f["recargo_topado"].to_numpy(dtype=bool).copy()
    for s in (s for s in situaciones_ if s.en_vigor):
        filas = indice.get_indexer(list(s.acuerdo.facturas))
        filas = filas[filas >= 0]  # in the agreement's order
        acuerdo[filas], recargo[filas], compensacion[filas], topado[filas] = s.acuerdo.acuerdo, 0, 0, False
        abiertas = filas[abierta[filas]]
        if s.recargo and len(abiertas):
            recargo[abiertas[0]] = s.recargo
    facturas = f.assign(acuerdo=acuerdo, recargo=recargo, compensacion=compensacion, recargo_topado=topado)
    return calculo._replace(facturas=facturas)
