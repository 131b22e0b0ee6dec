"""Records of what is decided from the workbook: today's plan, the messages and their results.

The companion of :mod:`cartera.modelo` (the workbook and its computation).
Everything here is an immutable record; what a run did to each planned
aviso is a :class:`Resultado`, one row of ``Recordatorios`` and ``Historial``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum, unique
from typing import NamedTuple

import pandas as pd

from cartera.vocabulario import Canal, ResultadoAccion


# --- Today's plan (plan.planificar) ----------------------------------------
class AvisoAcuerdo(NamedTuple):
    """What a payment agreement's message quotes (``Aviso.acuerdo``).  Money: integer centavos of ``moneda``.

    ``momento``: «previo» (due in a few days), «hoy», «vencida» (within the grace days), «incumplido» or
    «pagado».  ``cuota``/``vence``/``valor``/``saldo_cuota``: the instalment quoted (``cuota`` -1: none;
    0 is the down payment).  ``pendientes``: (cuota, vence, saldo) of each open instalment.
    """

    acuerdo: str
    momento: str
    cuota: int
    cuotas: int
    vence: dt.date | None
    valor: int
    saldo_cuota: int
    total: int
    pagado: int
    moneda: str
    pendientes: tuple[tuple[int, dt.date, int], ...] = ()



@unique
class TipoAviso(StrEnum):
    """What kind of e-mail an ``Aviso`` is."""

    ENVIO_FACTURA = "envio_factura"
    """One factura, its PDF attached (a delivery, not a reminder)."""
    RECORDATORIO = "recordatorio"
    """The client's consolidated reminder, listing every open factura."""
    PROMESA_INCUMPLIDA = "promesa_incumplida"
    """The facturas whose promised payment date went by."""
    CUOTA = "cuota"
    """An instalment of a payment agreement: 3 days before it falls due, and on that day."""
    ACUERDO_INCUMPLIDO = "acuerdo_incumplido"
    """A payment agreement broken (an instalment unpaid past the grace days): told once."""
    ACUERDO_PAGADO = "acuerdo_pagado"
    """A payment agreement paid in full: thanks, once."""


ENVIO_FACTURA, RECORDATORIO, PROMESA_INCUMPLIDA, CUOTA, ACUERDO_INCUMPLIDO, ACUERDO_PAGADO = TipoAviso
"""The members under module-level names (``decisiones.RECORDATORIO is TipoAviso.RECORDATORIO``)."""


class Aviso(NamedTuple):
    """One e-mail planned for today.

    ``tipo``: see ``TipoAviso``.  ``etapa``/``plantilla``: the stage that
    picks the template (the most severe one due among the client's
    facturas).  ``facturas``: every factura the message lists (all the
    client's open facturas for a reminder).  ``cubiertas``: the (factura, etapa) pairs this message
    settles — what the history records once it is sent.
    ``canales``: the stage's channels (a LLAMADA here also puts the client
    on the call list).
    """

    tipo: TipoAviso
    cliente: str
    etapa: str
    plantilla: str
    facturas: tuple[str, ...]
    cubiertas: tuple[tuple[str, str], ...]
    destinatarios: tuple[str, ...]
    cc: tuple[str, ...]
    canales: frozenset[Canal]
    acuerdo: AvisoAcuerdo | None = None
    """The payment agreement quoted (its messages only)."""


class Llamada(NamedTuple):
    """A client to phone today.  ``saldos``: (moneda, centavos) of open facturas.

    ``enlace_whatsapp``: ``https://wa.me/<digits>?text=…`` ("" without a number).
    ``guion``: short suggested phrases in Spanish.  ``motivo``: why (stage
    with llamada, no valid e-mail, …).
    """

    cliente: str
    nombre: str
    contacto: str
    telefono: str
    whatsapp: str
    enlace_whatsapp: str
    etapa: str
    facturas: tuple[str, ...]
    saldos: tuple[tuple[str, int], ...]
    dias_vencidos: int
    motivo: str
    guion: tuple[str, ...]


class Escalado(NamedTuple):
    """A client whose account goes to collections (an ``escalar`` stage reached)."""

    cliente: str
    nombre: str
    etapa: str
    facturas: tuple[str, ...]
    saldos: tuple[tuple[str, int], ...]
    dias_vencidos: int
    motivo: str


class Puntual(NamedTuple):
    """A client who paid every factura of the last 12 months on time."""

    cliente: str
    nombre: str
    facturas_pagadas: int
    total: tuple[tuple[str, int], ...]


class Omision(NamedTuple):
    """A client (or factura) with something due by date but nothing sent today, and why."""

    cliente: str
    facturas: tuple[str, ...]
    etapa: str
    canal: Canal
    motivo: str


class Plan(NamedTuple):
    """Who gets what today.  ``acciones``: Series aligned with ``Calculo.facturas``
    (same index) holding the Spanish ``Acción`` text for every factura ("" for
    closed ones)."""

    avisos: tuple[Aviso, ...]
    llamadas: tuple[Llamada, ...]
    escalados: tuple[Escalado, ...]
    puntuales: tuple[Puntual, ...]
    omisiones: tuple[Omision, ...]
    acciones: pd.Series


class Mensaje(NamedTuple):
    """A rendered e-mail, ready to preview or send (``mensajes.componer``).

    ``adjuntos``: the ``Archivo`` values as written in the workbook (relative
    to its folder); ``vista_previa.construir_correo`` checks that each one
    stays inside that folder.  Headers are built there with the ``email`` API.
    """

    aviso: Aviso
    asunto: str
    texto: str
    html: str
    adjuntos: tuple[str, ...]


class Resultado(NamedTuple):
    """The outcome of one planned action: a row of ``Recordatorios`` and ``Historial``."""

    fecha_hora: dt.datetime
    cliente: str
    facturas: tuple[str, ...]
    etapa: str
    canal: Canal
    destinatarios: tuple[str, ...]
    asunto: str
    resultado: ResultadoAccion
    detalle: str
    message_id: str


# --- What came back (read over IMAP before planning) --------------------------
@unique
class TipoLlegada(StrEnum):
    """What a message that came back about one of ours is (the ``Tipo`` column of ``Respuestas``)."""

    RESPUESTA = "respuesta"
    """A person answered: the client's reminders pause."""
    REBOTE = "rebote"
    """A permanent delivery failure (DSN ``Status: 5.x.x``): the address is not written to again."""
    RETRASO = "retraso"
    """A delay notice (``4.x.x``): noted, nothing paused."""


class Llegada(NamedTuple):
    """One message in the owner's mailbox tied to a message of ours (by its Message-ID or address).

    ``fecha``: when it arrived (its ``Date``, naive local time).  ``cliente``/``facturas``: those of
    our message it answers.  ``de``/``asunto``: its sender and subject.  ``extracto``: its first lines,
    quoted text stripped (a bounce: the reason).  ``direcciones``: the addresses that bounced or were
    delayed (empty for a reply).  ``message_id``: its own Message-ID (what keeps it from being counted
    twice); ``original``: ours that it answers.
    """

    fecha: dt.datetime
    tipo: TipoLlegada
    cliente: str
    facturas: tuple[str, ...]
    de: str
    asunto: str
    extracto: str
    direcciones: tuple[str, ...]
    message_id: str
    original: str


class Atencion(NamedTuple):
    """What the plan must respect from what came back: computed by ``plan.pausas.atencion``.

    ``pausas``: (cliente, day of the reply) of clients whose reminders pause.  ``rebotadas``:
    (cliente, addresses) still in the workbook that bounced: not e-mailed again.
    """

    pausas: tuple[tuple[str, dt.date], ...] = ()
    rebotadas: tuple[tuple[str, tuple[str, ...]], ...] = ()
