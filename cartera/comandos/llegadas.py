"""Before planning: read what came back since the last run (replies, bounces, delays) and what it pauses.

The run's one IMAP step (:func:`leer`).  It never makes the day worse than without it: IMAP
disabled in Gmail, a refused login, a timeout or a server gone mid-read give one warning that names
IMAP and the replies, and the run goes on with what earlier runs remembered.  Nothing read is ever
written to ``Pagos`` or changes a balance.

Reading is read-only on the server, so it happens in both modes; but only a sending run
(``Envío``) remembers what it read (``.cartera/buzon.json``): a trial run (``Prueba``) leaves no
trace, and the next run reads the same messages again.  With ``Leer respuestas = no``, or with no
message of ours in the journal, or no app password stored yet, nothing is read and nobody is paused;
nor with a local ``Servidor SMTP`` (a relay or a test server) and a remote ``Servidor IMAP``: the
mailbox would not be the one that sent.
"""

from __future__ import annotations

import datetime as dt
import ssl
from pathlib import Path
from typing import NamedTuple

from cartera import errores
from cartera.comandos.registro import log
from cartera.correo import buzon, clave
from cartera.correo.gmail import es_local
from cartera.correo.llegadas import cabeceras_interesan, clasificar
from cartera.decisiones import Atencion, Llegada
from cartera.libro import diario
from cartera.modelo import Cartera
from cartera.plan import pausas

DIAS_PRIMERA_LECTURA = 60
"""A mailbox read for the first time (or whose UIDVALIDITY changed) is read from at most this many days back."""
AVISO_IMAP = ("No se pudieron leer las respuestas y los rebotes por IMAP ({causa}): hoy se planea sin ellos. "
              "Revise que IMAP esté activado en Gmail (Configuración › Reenvío y correo POP/IMAP) y los "
              "parámetros «Servidor IMAP», «Puerto IMAP» y «Seguridad IMAP».")


class Lectura(NamedTuple):
    """What the IMAP step gives the run: what the plan respects, what arrived since the last run, a warning."""

    atencion: Atencion
    nuevas: tuple[Llegada, ...]
    aviso: str = ""


NADA = Lectura(Atencion(), ())


def leer(cartera: Cartera, carpeta: Path, ahora: dt.datetime, *, envio: bool) -> Lectura:
    """Read the owner's mailbox (see the module docstring); never raises for an IMAP problem."""
    config = cartera.configuracion
    if not config.leer_respuestas or (es_local(config.servidor_smtp) and not es_local(config.servidor_imap)):
        return NADA  # a local outgoing server (a relay, a test) never pairs with a remote mailbox
    enviados = {r.message_id: r for r in diario.leer_diario(carpeta) if r.message_id}
    memoria = buzon.cargar(carpeta)
    if not enviados:  # nothing of ours went out: nothing to wait for (and the keyring is not even asked)
        return _lectura(cartera, memoria.llegadas, (), ahora)
    try:
        contrasena = clave.leer_clave(config.correo_remitente) if "@" in config.correo_remitente else None
    except errores.CorreoError:  # no usable keyring here (a trial on another machine): one warning, the day goes on
        log.warning("Sin llavero para leer respuestas", exc_info=True)
        aviso = AVISO_IMAP.format(causa="no se pudo usar el llavero del sistema, donde está la contraseña")
        return _lectura(cartera, memoria.llegadas, (), ahora)._replace(aviso=aviso)
    if not contrasena:
        return _lectura(cartera, memoria.llegadas, (), ahora)
    # a folder read by date (first time, or its UIDVALIDITY changed): from our first message; the Message-IDs
    # of what was already read keep anything from counting twice
    desde = max(min(r.fecha_hora.date() for r in enviados.values()), ahora.date() - dt.timedelta(DIAS_PRIMERA_LECTURA))
    nuestros = frozenset(enviados)
    ajustes = buzon.AjustesIMAP(config.servidor_imap, config.puerto_imap, config.seguridad_imap, config.correo_remitente)
    try:
        leido = buzon.leer(ajustes, contrasena, memoria.carpetas, desde, lambda c: cabeceras_interesan(c, nuestros))
    except Exception as error:  # noqa: BLE001  (any IMAP trouble, even one the libraries do not foresee, is one warning)
        log.warning("Lectura IMAP fallida", exc_info=True)
        aviso = AVISO_IMAP.format(causa=_causa(error))
        return _lectura(cartera, memoria.llegadas, (), ahora)._replace(aviso=aviso)
    nuevas = _nuevas(leido.mensajes, enviados, config.correo_remitente, memoria.llegadas)
    lectura = _lectura(cartera, memoria.llegadas, nuevas, ahora)
    if envio:
        try:
            buzon.guardar(carpeta, buzon.Memoria(leido.carpetas, memoria.llegadas + tuple(nuevas), ahora.date()))
        except OSError:  # the next run reads these messages again; nothing is lost
            log.warning("No se guardó %s", buzon.ruta_memoria(carpeta), exc_info=True)
    return lectura


def _nuevas(mensajes: tuple, enviados: dict, remitente: str, previas: tuple[Llegada, ...]) -> tuple[Llegada, ...]:
    """The replies, bounces and delays among ``mensajes``, each once (by Message-ID, across folders and runs)."""
    vistas = {ll.message_id for ll in previas if ll.message_id}
    nuevas: list[Llegada] = []
    for crudo, recibido in mensajes:
        try:
            llegada = clasificar(crudo, enviados, remitente, recibido)
        except Exception:  # noqa: BLE001  (a message too broken to read is skipped, never the run)
            log.warning("Mensaje ilegible en el buzón: se omite", exc_info=True)
            continue
        if llegada is not None and not (llegada.message_id and llegada.message_id in vistas):
            nuevas.append(llegada)
            vistas.add(llegada.message_id)
    return tuple(sorted(nuevas, key=lambda x: x.fecha))


def _lectura(cartera: Cartera, previas: tuple[Llegada, ...], nuevas: tuple[Llegada, ...], ahora: dt.datetime) -> Lectura:
    config = cartera.configuracion
    atencion = pausas.atencion(previas + nuevas, cartera.clientes, ahora.date(), config.dias_pausa_respuesta)
    return Lectura(atencion, nuevas)


def _causa(error: BaseException) -> str:
    """A short Spanish cause for the warning (the library's English stays in the log)."""
    texto = str(error).lower()
    if isinstance(error, ssl.SSLError) or "certificate" in texto:
        return "el certificado del servidor no es de confianza o la conexión segura falló"
    if "authenticat" in texto or "login" in texto or "credentials" in texto or "invalid" in texto:
        return "el servidor rechazó el usuario o la contraseña"
    if isinstance(error, TimeoutError) or "timed out" in texto:
        return "el servidor no respondió a tiempo"
    if isinstance(error, ConnectionError) or "abort" in texto or "eof" in texto or "socket" in texto:
        return "se cortó la conexión con el servidor"
    if isinstance(error, errores.CorreoError):
        return str(error).rstrip(".")
    if isinstance(error, OSError):
        return "no se pudo conectar con el servidor"
    return "el servidor respondió con un error"
