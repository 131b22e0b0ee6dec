"""Who gets what today: ``planificar(cartera, calculo) -> Plan``.  Pure.

The as-of date is ``calculo.fecha_corte``; what was already done is
``cartera.historial`` (only ``RESULTADOS_QUE_CUENTAN`` count).  Per-factura
state is computed vectorised in :mod:`cartera.plan.estado`; this module loops
only over the clients that get something today.

Rules, in the order a client is judged (see ``docs`` and PRODUCT.md §2):

1. Paused facturas get nothing: Disputa, Promesa while its date ≥ corte,
   client No contactar, saldo below ``Saldo mínimo para recordar``; facturas
   issued after the corte are ignored; closed ones are not open.
2. Escalation: a client with an unpaused factura at or past a stage with
   canal ``escalar`` gets no e-mail (no reminder, no broken-promise aviso):
   an ``Escalado`` ("Cuenta en cobranza").  Deliveries still go out.
3. One aviso per client per day: a client whose reminder or broken-promise
   aviso is already in the history dated on the corte gets nothing new today
   (a rerun the same day plans nothing); what is due stays due.
4. No valid e-mail: no aviso; a ``Llamada`` ("Sin correo válido") and an
   ``Omision``.
5. Broken promise (Promesa, date < corte, still open, no counted ``Promesa
   incumplida`` dated after the promise date): one ``PROMESA_INCUMPLIDA``
   aviso listing those facturas; it takes the place of the client's reminder
   this run, whose stages stay due (not covered).  Once told, the factura
   follows the schedule like a Pendiente one.
6. Reminder: the latest stage reached by date is due unless the history
   covers it or a more severe stage (we never step down; stages skipped
   while the tool did not run are never sent late).  The most severe due
   stage picks the template; the aviso lists every open factura of the
   client except those in dispute, by vencimiento, and covers (factura,
   that stage) for every due factura.  A stage with ``llamada`` also puts
   the client on the call list; one with no ``correo`` (or no plantilla)
   sends no e-mail.
7. Delivery (``Envío de factura``): its own aviso per factura, see
   :func:`cartera.plan.estado._envio_debido`; sent even with a reminder.

What came back (``Atencion``, from :mod:`cartera.plan.pausas`): bounced
addresses are taken out of the client's Correo and CC before anything is
judged (a client left without one is rule 4, «el correo rebotó»); a client
who replied gets no reminder and no broken-promise aviso (after rule 2, an
``Omision`` «En pausa: respondió el 25/11»); deliveries still go out.

Avisos are ordered by client, then tipo (envío, promesa, recordatorio), so
runs are reproducible.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import pandas as pd

from cartera.decisiones import Atencion, Aviso, Escalado, Llamada, Omision, Plan, TipoAviso
from cartera.modelo import Calculo, Cartera, Configuracion
from cartera.plan import acciones as plan_acciones
from cartera.plan import estado as plan_estado
from cartera.plan import llamadas, pausas
from cartera.plan import puntuales as plan_puntuales
from cartera.plan.acciones import TipoDecision
from cartera.plan.estado import SIN_RANGO, Escalera
from cartera.plan.frases import Texto
from cartera.plan.llamadas import Cliente, Resumen
from cartera.plan.omisiones import omisiones_por_factura
from cartera.vocabulario import ETAPA_PROMESA_INCUMPLIDA, PLANTILLA_PROMESA_INCUMPLIDA, Canal

SIN_ATENCION = Atencion()
"""Nothing came back (no reply read, no bounce)."""
ORDEN_TIPOS = {TipoAviso.ENVIO_FACTURA: 0, TipoAviso.PROMESA_INCUMPLIDA: 1, TipoAviso.RECORDATORIO: 2}


class Contexto(NamedTuple):
    """A client with something due today, as the decision sees it.

    ``debidas``/``promesas``: facturas with a due stage / a broken promise
    to tell (listing order).  ``rango_debido``/``rango_escalado``: most
    severe due / escalated stage (``SIN_RANGO`` = none).
    """

    cliente: Cliente
    resumen: Resumen
    debidas: tuple[str, ...]
    promesas: tuple[str, ...]
    rango_debido: int
    rango_escalado: int
    avisado_hoy: bool
    pausa: str = ""
    """«En pausa: respondió el 25/11» when the client answered (its reminders wait); "" otherwise."""
    reboto: bool = False
    """Some address of the client bounced (no e-mail left → «el correo rebotó»)."""
    rango_alcanzado: int = SIN_RANGO
    """The most severe stage any listed factura reached (a bounced client's call names it)."""


class Decision(NamedTuple):
    """What one client gets today (``tipo``; the Acción column reads it); ``etapa`` the stage acted on."""

    cliente: str
    tipo: TipoDecision
    etapa: str
    llamar: bool
    avisos: tuple[Aviso, ...] = ()
    llamadas: tuple[Llamada, ...] = ()
    escalados: tuple[Escalado, ...] = ()
    omisiones: tuple[Omision, ...] = ()
    nota: str = ""
    """The Acción text of a pause, or a mark that the client's mail bounced."""


def planificar(cartera: Cartera, calculo: Calculo, *, hoy: dt.date | None = None,
               atencion: Atencion = SIN_ATENCION) -> Plan:
    """Today's plan: avisos, call list, escalations, punctual payers, omissions and the Acción per factura.

    ``hoy`` is the day the run happens (default: the fecha de corte).  It only
    matters for "one message per client per day": a client who already got a
    reminder today (by the history's real dates) gets nothing more, even when
    the fecha de corte is fixed in the past.  ``atencion``: replies and bounces (see the module docstring).
    """
    cartera = pausas.sin_rebotadas_en(cartera, atencion)
    esc = plan_estado.escalera(cartera.etapas)
    hist = plan_estado.historial_contado(cartera.historial, calculo.facturas["factura"])
    est = pausas.con_rebotadas(plan_estado.estado_facturas(cartera, calculo, esc, hist), cartera.clientes, atencion)
    avisados = plan_estado.clientes_avisados(hist, est, esc, hoy or calculo.fecha_corte)
    contactos = _contactos(cartera.clientes, est)
    marcas = pausas.marcas(atencion, cartera.configuracion.pais)
    decisiones = [_decidir(c._replace(pausa=marcas[0].get(c.cliente.cliente, ""), reboto=c.cliente.cliente in marcas[1]),
                           esc, cartera.configuracion) for c in _contextos(est, contactos, avisados)]
    envios, sin_correo = _envios(est, esc, contactos)
    avisos = sorted(envios + [a for d in decisiones for a in d.avisos], key=_orden_aviso)
    omisiones = [o for d in decisiones for o in d.omisiones] + sin_correo + omisiones_por_factura(est, esc, cartera.configuracion.pais)
    return Plan(
        avisos=tuple(avisos),
        llamadas=tuple(sorted((x for d in decisiones for x in d.llamadas), key=lambda x: x.cliente)),
        escalados=tuple(sorted((x for d in decisiones for x in d.escalados), key=lambda x: x.cliente)),
        puntuales=plan_puntuales.puntuales(cartera.clientes, calculo),
        omisiones=tuple(sorted(omisiones, key=lambda o: (o.cliente, o.etapa, o.motivo, o.facturas))),
        acciones=plan_acciones.acciones(est, _tabla(decisiones, cartera.clientes, esc), esc,
                                       cartera.configuracion.pais),
    )


def _orden_aviso(aviso: Aviso) -> tuple:
    return (aviso.cliente, ORDEN_TIPOS.get(aviso.tipo, 9), aviso.facturas)


def _contactos(clientes: pd.DataFrame, est: pd.DataFrame) -> dict[str, Cliente]:
    """Contact records of the clients that may get something today (few), by code."""
    alguno = (est["debida"] | est["promesa_rota"] | est["escalada"] | est["rebotada"] | (est["envio"] != "")).to_numpy()
    cpos = est["cpos"].to_numpy()
    filas = clientes.iloc[np.unique(cpos[alguno & (cpos >= 0)])]
    return {f.cliente: llamadas.cliente_de(f) for f in filas.itertuples(index=False)}


def _saldos(est: pd.DataFrame, orden: np.ndarray) -> dict[str, tuple[tuple[str, int], ...]]:
    """Per client, the open saldo per currency of the listed rows ``orden``."""
    sumas = est.iloc[orden].groupby(["cliente", "moneda"], sort=True)["saldo"].sum()
    saldos: dict[str, list] = {}
    for (cliente, moneda), suma in sumas.items():
        saldos.setdefault(cliente, []).append((str(moneda), int(suma)))
    return {c: tuple(v) for c, v in saldos.items()}


def _contextos(est: pd.DataFrame, contactos: dict[str, Cliente], avisados: frozenset[str]) -> list[Contexto]:
    """One Contexto per client with a due stage, a broken promise or an escalation.

    Works on the listed facturas of those clients only, sorted once; a slice per client.
    """
    cpos = est["cpos"].to_numpy()
    objetivo = (est["debida"] | est["promesa_rota"] | est["escalada"] | est["rebotada"]).to_numpy() & (cpos >= 0)
    orden = plan_estado.orden_listado(est, est["listada"].to_numpy() & np.isin(cpos, np.unique(cpos[objetivo])))
    col = {c: est[c].to_numpy()[orden] for c in (
        "factura", "cliente", "debida", "promesa_rota", "escalada", "rango", "dias_vencidos", "vencimiento")}
    saldos = _saldos(est, orden)
    vencidos = _saldos(est, orden[est["dias_vencidos"].to_numpy()[orden] > 0])
    return [_contexto(col, slice(a, b), (saldos, vencidos), contactos, avisados) for a, b in plan_estado.rachas(cpos[orden])]


def _contexto(col: dict[str, np.ndarray], s: slice, saldos: tuple[dict, dict], contactos: dict[str, Cliente],
              avisados: frozenset[str]) -> Contexto:
    """``saldos``: (open balance, overdue balance) per client and currency."""
    cliente, facturas = col["cliente"][s.start], col["factura"][s]
    debida, promesa, escalada, rango = col["debida"][s], col["promesa_rota"][s], col["escalada"][s], col["rango"][s]
    vence = col["vencimiento"][s.start]
    resumen = Resumen(tuple(facturas), saldos[0][cliente], int(col["dias_vencidos"][s].max()),
                      None if pd.isna(vence) else pd.Timestamp(vence).date(), saldos[1].get(cliente, ()))
    return Contexto(contactos[cliente], resumen, tuple(facturas[debida]), tuple(facturas[promesa]),
                    int(rango[debida].max(initial=SIN_RANGO)), int(rango[escalada].max(initial=SIN_RANGO)),
                    cliente in avisados, rango_alcanzado=int(rango.max(initial=SIN_RANGO)))


def _decidir(ctx: Contexto, esc: Escalera, config: Configuracion) -> Decision:
    """Apply rules 2–6 of the module docstring to one client."""
    if ctx.rango_escalado > SIN_RANGO:
        return _escalar(ctx, esc)
    rango = ctx.rango_debido if ctx.rango_debido > SIN_RANGO else ctx.rango_alcanzado
    etapa = ETAPA_PROMESA_INCUMPLIDA if ctx.promesas else esc.recordatorios[rango].nombre
    if ctx.pausa and (ctx.debidas or ctx.promesas):
        return Decision(ctx.cliente.cliente, TipoDecision.EN_PAUSA, etapa, False,
                        omisiones=(_omision(ctx, etapa, ctx.pausa),), nota=ctx.pausa)
    if ctx.reboto and not ctx.cliente.correos:  # even when told today: that message never arrived
        llamada = llamadas.llamada(ctx.cliente, ctx.resumen, config, etapa=etapa, motivo=Texto.REBOTO)
        omisiones = (_omision(ctx, etapa, Texto.REBOTO_A_LLAMADAS),) if ctx.debidas or ctx.promesas else ()
        return Decision(ctx.cliente.cliente, TipoDecision.SIN_CORREO, etapa, True, llamadas=(llamada,),
                        omisiones=omisiones, nota=Texto.REBOTO)
    if ctx.avisado_hoy:
        omision = _omision(ctx, etapa, Texto.AVISADO_HOY)
        return Decision(ctx.cliente.cliente, TipoDecision.AVISADO_HOY, etapa, False, omisiones=(omision,))
    if not ctx.cliente.correos:
        llamada = llamadas.llamada(ctx.cliente, ctx.resumen, config, etapa=etapa, motivo=Texto.SIN_CORREO)
        omision = _omision(ctx, etapa, Texto.SIN_CORREO_A_LLAMADAS)
        return Decision(ctx.cliente.cliente, TipoDecision.SIN_CORREO, etapa, True, llamadas=(llamada,),
                        omisiones=(omision,))
    if ctx.promesas:
        return _promesa(ctx, esc)
    return _recordar(ctx, esc, config)


def _omision(ctx: Contexto, etapa: str, motivo: str, *, facturas: tuple[str, ...] | None = None) -> Omision:
    return Omision(ctx.cliente.cliente, facturas if facturas is not None else _orden(ctx, ctx.debidas + ctx.promesas),
                   etapa, Canal.CORREO, motivo)


def _orden(ctx: Contexto, facturas: tuple[str, ...]) -> tuple[str, ...]:
    """The facturas in listing order (by vencimiento), without repeats."""
    quiere = set(facturas)
    return tuple(f for f in ctx.resumen.facturas if f in quiere)


def _escalar(ctx: Contexto, esc: Escalera) -> Decision:
    etapa = esc.recordatorios[ctx.rango_escalado].nombre
    r = ctx.resumen
    escalado = Escalado(ctx.cliente.cliente, ctx.cliente.nombre, etapa, r.facturas, r.saldos, r.dias_vencidos,
                        Texto.COBRANZA)
    omisiones = ()
    if ctx.debidas or ctx.promesas:
        omisiones = (_omision(ctx, etapa, Texto.COBRANZA_SIN_RECORDATORIO),)
    return Decision(ctx.cliente.cliente, TipoDecision.ESCALADO, etapa, False, escalados=(escalado,), omisiones=omisiones)


def _promesa(ctx: Contexto, esc: Escalera) -> Decision:
    facturas = ctx.promesas
    aviso = Aviso(TipoAviso.PROMESA_INCUMPLIDA, ctx.cliente.cliente, ETAPA_PROMESA_INCUMPLIDA, PLANTILLA_PROMESA_INCUMPLIDA,
                  facturas, tuple((f, ETAPA_PROMESA_INCUMPLIDA) for f in facturas),
                  ctx.cliente.correos, ctx.cliente.cc, frozenset({Canal.CORREO}))
    omisiones = ()
    if ctx.debidas:
        etapa = esc.recordatorios[ctx.rango_debido].nombre
        omisiones = (_omision(ctx, etapa, Texto.PROMESA_ANTES, facturas=ctx.debidas),)
    return Decision(ctx.cliente.cliente, TipoDecision.PROMESA, ETAPA_PROMESA_INCUMPLIDA, False, avisos=(aviso,),
                    omisiones=omisiones)


def _recordar(ctx: Contexto, esc: Escalera, config: Configuracion) -> Decision:
    etapa = esc.recordatorios[ctx.rango_debido]
    llamar = Canal.LLAMADA in etapa.canales
    motivo_llamada = Texto.ETAPA.format(etapa.nombre)
    lista = (llamadas.llamada(ctx.cliente, ctx.resumen, config, etapa=etapa.nombre, motivo=motivo_llamada),)
    if Canal.CORREO not in etapa.canales or not etapa.plantilla:
        motivo = (Texto.ETAPA_SIN_CORREO_A_LLAMADAS if llamar else Texto.ETAPA_SIN_CORREO).format(etapa.nombre)
        return Decision(ctx.cliente.cliente, TipoDecision.SOLO_LLAMADA, etapa.nombre, llamar, llamadas=lista if llamar else (),
                        omisiones=(_omision(ctx, etapa.nombre, motivo),))
    debidas = ctx.debidas
    aviso = Aviso(TipoAviso.RECORDATORIO, ctx.cliente.cliente, etapa.nombre, etapa.plantilla, ctx.resumen.facturas,
                  tuple((f, etapa.nombre) for f in debidas), ctx.cliente.correos, ctx.cliente.cc, etapa.canales)
    return Decision(ctx.cliente.cliente, TipoDecision.RECORDATORIO, etapa.nombre, llamar, avisos=(aviso,),
                    llamadas=lista if llamar else ())


def _envios(est: pd.DataFrame, esc: Escalera, contactos: dict[str, Cliente]) -> tuple[list[Aviso], list[Omision]]:
    """One ENVIO_FACTURA aviso per factura due for delivery; an Omision when the client has no e-mail."""
    etapas = {e.nombre: e for e in esc.envios}
    avisos, omisiones = [], []
    envios = est[(est["envio"] != "") & (est["cpos"] >= 0)].sort_values(["cliente", "factura"])
    for fila in envios.itertuples(index=False):
        cliente, etapa = contactos[fila.cliente], etapas[fila.envio]
        if not cliente.correos:
            omisiones.append(Omision(cliente.cliente, (fila.factura,), etapa.nombre, Canal.CORREO,
                                     Texto.SIN_CORREO_ENVIO))
            continue
        avisos.append(Aviso(TipoAviso.ENVIO_FACTURA, cliente.cliente, etapa.nombre, etapa.plantilla, (fila.factura,),
                            ((fila.factura, etapa.nombre),), cliente.correos, cliente.cc, etapa.canales))
    return avisos, omisiones


def _tabla(decisiones: list[Decision], clientes: pd.DataFrame, esc: Escalera) -> pd.DataFrame:
    """The decisions as a small table (cpos, tipo, etapa, llamar, rango) for the Acción column."""
    rangos = esc.rangos
    filas = pd.DataFrame([(d.cliente, d.tipo, d.etapa, d.llamar, rangos.get(d.etapa, -2), d.nota) for d in decisiones],
                         columns=["cliente", "tipo", "etapa", "llamar", "rango", "nota"])
    cpos = pd.Index(clientes["cliente"].astype(str)).get_indexer(filas["cliente"].astype(str))
    return filas.assign(cpos=cpos).drop(columns="cliente")
