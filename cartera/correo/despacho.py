"""One dispatch loop for preview and send: build each e-mail, journal it, deliver it, record the result.

The messages come most urgent first (``plan.urgencia``), so when the daily
limit bites, what matters most has gone out.  With a sender that
``registra`` (Gmail) every message is journaled as an intent before it goes
out and with its result after, so a crash never leads to a second copy (an
intent with no result reads ``incierto`` and is not re-sent automatically),
and the daily limit counts what the journal says went out today.  A preview
(``.eml``) runs the same loop, journals nothing and has no limit.  Every
``Resultado`` of a run is made here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import math
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import NamedTuple

from cartera.correo import vista_previa
from cartera.correo.remitentes import Remitente
from cartera.correo.respuestas import Entrega, LimiteAlcanzado
from cartera.decisiones import Aviso, Mensaje, Resultado
from cartera.errores import CorreoError, DiscoError
from cartera.libro import diario
from cartera.modelo import Configuracion
from cartera.vocabulario import Canal, ResultadoAccion

log = logging.getLogger(__name__)

LIMITE_DIARIO = "Límite diario de envíos alcanzado: queda para la próxima ejecución"
NO_CONFIRMADO = "No confirmado: no se envió nada"
CANCELADO = "Envío cancelado: no se envió ningún mensaje."
NO_ANOTADO = "No se envió: cartera no pudo anotarlo antes (vea el aviso sobre el disco); queda para la próxima ejecución"
SIN_REMITENTE = "sin-remitente@example.invalid"
"""The From of a preview when ``Correo remitente`` is blank (``.invalid`` never resolves)."""


@dataclass(frozen=True)
class Despacho:
    """What the loop needs besides the messages and the sender.

    ``configuracion``: the From (``Empresa``, else ``Remitente``; ``Correo
    remitente``) and ``Límite diario de envíos``.  ``carpeta_libro``: the
    workbook's folder (attachments are read only from inside it; the journal
    lives there).  ``ahora``: the run's clock, stamped on every result and
    on the ``Date`` header.
    """

    configuracion: Configuracion
    carpeta_libro: Path
    ahora: dt.datetime


class Despachado(NamedTuple):
    """What became of the messages: one ``Resultado`` each, in order, and notes for the summary.

    ``falla``: why sending stopped early because the disk refused a write (the journal or a preview);
    the run's exit code then says something went wrong.
    """

    resultados: tuple[Resultado, ...]
    notas: tuple[str, ...] = ()
    falla: str = ""


class _Detenido(Exception):
    """The message went out (or not) as ``resultado`` says, but its result could not be journaled."""

    def __init__(self, resultado: Resultado, motivo: str) -> None:
        super().__init__(motivo)
        self.resultado = resultado


def despachar(compuestos: tuple[Mensaje, ...], remitente: Remitente, despacho: Despacho) -> Despachado:
    """Deliver ``compuestos`` through ``remitente``, within today's limit when it ``registra``.

    Raises ``CorreoError`` when the sender cannot be used at all (bad
    password, server unreachable); a message already journaled then reads
    ``omitido``.  Gmail's own limit (``LimiteAlcanzado``) leaves the rest
    ``omitido`` for the next run, with a note.
    """
    if remitente.registra and not compuestos:
        return Despachado(())
    cupo = _cupo(remitente, despacho)
    if cupo <= 0:
        return Despachado(_todos(compuestos, despacho, LIMITE_DIARIO))
    try:
        remitente.abrir()
    except LimiteAlcanzado as limite:  # Gmail refuses even the login: everything waits for the next run
        return Despachado(_todos(compuestos, despacho, str(limite)), (str(limite),))
    try:
        return _bucle(compuestos, remitente, despacho, cupo)
    finally:
        remitente.cerrar()


def cancelado(compuestos: tuple[Mensaje, ...], despacho: Despacho) -> Despachado:
    """The owner answered no to the confirmation: every message ``omitido``, nothing delivered."""
    return Despachado(_todos(compuestos, despacho, NO_CONFIRMADO), (CANCELADO,) if compuestos else ())


def no_redactados(avisos: tuple[tuple[Aviso, str], ...], despacho: Despacho) -> tuple[Resultado, ...]:
    """Avisos whose template failed: ``fallido`` with the Spanish reason; nothing built, journaled or sent."""
    return tuple(_resultado(Mensaje(aviso, "", "", "", ()), despacho, ResultadoAccion.FALLIDO, motivo)
                 for aviso, motivo in avisos)


def _cupo(remitente: Remitente, despacho: Despacho) -> float:
    """How many may still go out today: the daily limit less today's journal (a preview has no limit)."""
    if not remitente.registra:
        return math.inf
    enviados = diario.enviados_el(despacho.carpeta_libro, despacho.ahora.date())
    return despacho.configuracion.limite_diario - enviados


def _bucle(compuestos: tuple[Mensaje, ...], remitente: Remitente, despacho: Despacho, cupo: float) -> Despachado:
    """Deliver in order until the quota or a stop; a disk that refuses the journal or a preview stops the
    loop: nothing more goes out unrecorded (the rest ``omitido``, for the next run)."""
    resultados: list[Resultado] = []
    notas: list[str] = []
    resto, falla = LIMITE_DIARIO, ""
    for mensaje in compuestos:
        if cupo <= 0:
            resultados.append(_resultado(mensaje, despacho, ResultadoAccion.OMITIDO, resto))
            continue
        try:
            resultado, detener = _entregar(mensaje, remitente, despacho)
        except DiscoError as error:
            log.error("Envíos detenidos: %s", error)
            resultado, detener, falla = _resultado(mensaje, despacho, ResultadoAccion.OMITIDO, NO_ANOTADO), str(error), str(error)
        except _Detenido as detenido:
            log.error("Envíos detenidos: %s", detenido)
            resultado, detener, falla = detenido.resultado, str(detenido), str(detenido)
        resultados.append(resultado)
        cupo -= resultado.resultado == ResultadoAccion.ENVIADO
        if detener:
            cupo = 0
            notas.append(detener)
            resto = NO_ANOTADO if falla else resto
    return Despachado(tuple(resultados), tuple(notas), falla)


def _entregar(mensaje: Mensaje, remitente: Remitente, despacho: Despacho) -> tuple[Resultado, str]:
    """Deliver one message, journaled when the sender ``registra``.  Returns (resultado, why to stop or "")."""
    correo, message_id, omitidos = _construir(mensaje, despacho)
    if remitente.registra:
        intencion = _resultado(mensaje, despacho, ResultadoAccion.PENDIENTE, "", message_id)
        diario.anotar_intencion(despacho.carpeta_libro, intencion)
    try:
        entrega, detener = remitente.entregar(correo, mensaje.aviso), ""
    except LimiteAlcanzado as limite:
        entrega, detener = Entrega(ResultadoAccion.OMITIDO, str(limite)), str(limite)
    except CorreoError as error:  # e.g. the new login after a dropped line was refused: not sent, not «incierto»
        if remitente.registra:
            with contextlib.suppress(DiscoError):  # unrecorded, it reads «incierto»: never re-sent automatically
                diario.anotar_resultado(despacho.carpeta_libro, message_id, ResultadoAccion.OMITIDO, str(error))
        raise
    detalle = entrega.detalle + (f" ({omitidos})" if omitidos and not detener else "")
    resultado = _resultado(mensaje, despacho, entrega.estado, detalle, message_id)
    if remitente.registra:
        try:
            diario.anotar_resultado(despacho.carpeta_libro, message_id, entrega.estado, detalle)
        except DiscoError as error:  # it went out; unrecorded it reads «incierto» next time, never sent twice
            raise _Detenido(resultado, str(error)) from error
        log.info("%s %s %s: %s", entrega.estado, mensaje.aviso.cliente, mensaje.aviso.etapa, entrega.detalle)
    return resultado, detener


def _construir(mensaje: Mensaje, despacho: Despacho) -> tuple[EmailMessage, str, str]:
    """(correo, message_id, the attachments left out as one note)."""
    config = despacho.configuracion
    direccion = config.correo_remitente or SIN_REMITENTE
    message_id = make_msgid(idstring="cartera", domain=direccion.rpartition("@")[2] or "cartera.local")
    construido = vista_previa.construir_correo(
        mensaje, remitente_nombre=config.empresa or config.remitente, remitente_correo=direccion,
        message_id=message_id, carpeta_libro=despacho.carpeta_libro, fecha=despacho.ahora)
    return construido.correo, message_id, "; ".join(construido.omitidos)


def _resultado(mensaje: Mensaje, despacho: Despacho, resultado: ResultadoAccion, detalle: str,
               message_id: str = "") -> Resultado:
    aviso = mensaje.aviso
    facturas = tuple(dict.fromkeys(f for f, _ in aviso.cubiertas)) or aviso.facturas
    return Resultado(despacho.ahora, aviso.cliente, facturas, aviso.etapa, Canal.CORREO,
                     aviso.destinatarios + aviso.cc, mensaje.asunto, resultado, detalle, message_id)


def _todos(compuestos: tuple[Mensaje, ...], despacho: Despacho, motivo: str) -> tuple[Resultado, ...]:
    return tuple(_resultado(m, despacho, ResultadoAccion.OMITIDO, motivo) for m in compuestos)
