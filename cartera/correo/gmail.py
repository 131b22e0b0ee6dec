"""Sending through Gmail (SMTP): one connection and one login per run.

``conectar(ajustes, clave)`` opens a verified TLS connection (``SSL`` =
implicit TLS on 465, ``STARTTLS`` on 587; ``Ninguna`` only to a loopback
server) and logs in once; ``Conexion.enviar`` sends pre-built
``EmailMessage`` objects over it and returns an ``Entrega`` per message.

yagmail only opens the connection and logs in (with our verifying ``ssl``
context and the password passed explicitly, so it never prompts).  We skip
``yagmail.send``: it logs in again for every message (Gmail then answers
``421``/``454``), makes its own Message-ID, attaches any content string that
names a file, and after a dropped line re-sends and returns ``False``.  The
SMTP transaction is driven here step by step: a connection lost *before*
the message data is retried, one lost *after* it is ``incierto`` (never
re-sent blindly).  What each reply means: ``correo.respuestas``.
"""

from __future__ import annotations

import copy
import io
import ipaddress
import logging
import re
import smtplib
import ssl
import time
from collections.abc import Callable
from email.generator import BytesGenerator
from email.message import EmailMessage
from email.utils import getaddresses
from typing import NamedTuple, TypeVar

import yagmail

from cartera import errores
from cartera.correo import respuestas
from cartera.correo.respuestas import ENVIADO, FALLIDO, INCIERTO, OMITIDO, Entrega, LimiteAlcanzado
from cartera.vocabulario import Seguridad

__all__ = [
    "ENVIADO", "FALLIDO", "INCIERTO", "NINGUNA", "OMITIDO", "SEGURIDADES", "SSL", "STARTTLS", "Ajustes",
    "Conexion", "Entrega", "LimiteAlcanzado", "conectar", "es_local", "probar", "validar_ajustes",
]

SSL, STARTTLS, NINGUNA = SEGURIDADES = tuple(Seguridad)
PUERTOS = {SSL: 465, STARTTLS: 587, NINGUNA: 25}
"""Default port for each ``Seguridad SMTP`` (used when ``puerto`` is 0)."""

log = logging.getLogger(__name__)
_T = TypeVar("_T")
_SIN_CLAVE = (
    "No hay contraseña de aplicación guardada para {usuario}. Ejecute «cartera correo» para guardarla "
    "en el llavero del sistema y vuelva a intentarlo."
)


class Ajustes(NamedTuple):
    """Where and how to send: ``Servidor SMTP``, ``Puerto SMTP``, ``Seguridad SMTP`` and the sender.

    ``seguridad`` is one of ``SEGURIDADES`` (any letter case); ``puerto`` 0
    means the usual port for it.  ``usuario`` is the Gmail address that logs
    in (also the envelope sender and the keyring user).
    """

    servidor: str
    puerto: int
    seguridad: str
    usuario: str


class _Sobre(NamedTuple):
    """The SMTP envelope and the wire bytes of one message."""

    remitente: str
    destinatarios: tuple[str, ...]
    datos: bytes
    internacional: bool


def es_local(servidor: str) -> bool:
    """True for a loopback host: ``localhost``, 127.0.0.0/8 or ``::1`` (no DNS lookup)."""
    nombre = servidor.strip().strip("[]").rstrip(".").lower()
    if nombre == "localhost":
        return True
    try:
        return ipaddress.ip_address(nombre).is_loopback
    except ValueError:
        return False


def validar_ajustes(ajustes: Ajustes, clave: str | None) -> Ajustes:
    """``ajustes`` with the canonical ``seguridad`` and port; raises ``CorreoError`` if they cannot be used."""
    seguridad = {s.casefold(): s for s in SEGURIDADES}.get(ajustes.seguridad.strip().casefold())
    if seguridad is None:
        raise errores.CorreoError(
            f"«Seguridad SMTP» debe ser SSL, STARTTLS o Ninguna, no «{ajustes.seguridad}».")
    if seguridad == NINGUNA and not es_local(ajustes.servidor):
        raise errores.CorreoError(
            f"«Seguridad SMTP» Ninguna solo se permite con un servidor local, no con {ajustes.servidor}: "
            "use SSL (puerto 465) o STARTTLS (puerto 587).")
    if "@" not in ajustes.usuario:
        raise errores.CorreoError("Falta «Correo remitente» en la hoja Configuración (la dirección de Gmail).")
    if not clave:
        raise errores.CorreoError(_SIN_CLAVE.format(usuario=ajustes.usuario))
    if not (clave.isascii() and ajustes.usuario.isascii()):
        raise errores.CorreoError(
            f"La contraseña guardada para {ajustes.usuario} no es una contraseña de aplicación de Google "
            "(16 letras, sin tildes ni eñes). Ejecute «cartera correo» y péguela de nuevo.")
    return ajustes._replace(seguridad=seguridad, puerto=ajustes.puerto or PUERTOS[seguridad])


def conectar(
    ajustes: Ajustes, clave: str | None, *, reintentos: int = 3, espera_inicial: float = 2.0,
    tiempo_espera: float = 60.0,
) -> Conexion:
    """Open the connection and log in once (retrying temporary failures); use it as a context manager.

    Raises ``CorreoError`` (no password, bad credentials, untrusted
    certificate, server unreachable) or ``LimiteAlcanzado``.
    """
    conexion = Conexion(validar_ajustes(ajustes, clave), clave or "", reintentos=reintentos,
                        espera_inicial=espera_inicial, tiempo_espera=tiempo_espera)
    try:
        conexion._reintentar(conexion._abrir)
    except respuestas.Temporal as fallo:
        raise errores.CorreoError(
            f"No se pudo conectar con {ajustes.servidor} ({fallo.detalle}). Revise la conexión a Internet "
            "y «Servidor SMTP», «Puerto SMTP» y «Seguridad SMTP» en la hoja Configuración.") from None
    return conexion


def probar(ajustes: Ajustes, clave: str, *, tiempo_espera: float = 30.0) -> None:
    """Log in and out once, to check the password; raises ``CorreoError`` when it does not work."""
    with conectar(ajustes, clave, reintentos=1, espera_inicial=1.0, tiempo_espera=tiempo_espera):
        pass


class Conexion:
    """One logged-in SMTP connection, reopened (with one new login) only after a failure."""

    def __init__(self, ajustes: Ajustes, clave: str, *, reintentos: int, espera_inicial: float,
                 tiempo_espera: float) -> None:
        self._ajustes = ajustes
        self._reintentos, self._espera_inicial = reintentos, espera_inicial
        self._abierta = False
        self._en_vuelo = False
        contexto = {"context": ssl.create_default_context()}
        self._cliente = yagmail.SMTP(
            ajustes.usuario, password=clave, host=ajustes.servidor, port=ajustes.puerto,
            smtp_ssl=ajustes.seguridad == SSL, smtp_starttls=contexto if ajustes.seguridad == STARTTLS else False,
            smtp_skip_login=False, soft_email_validation=False, timeout=tiempo_espera,
            **(contexto if ajustes.seguridad == SSL else {}))
        self._cliente.set_logging(None)

    def __enter__(self) -> Conexion:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cerrar()

    def enviar(self, correo: EmailMessage) -> Entrega:
        """Send one message (its Message-ID already set); raises only ``CorreoError``/``LimiteAlcanzado``."""
        self._en_vuelo = False
        try:
            sobre = _sobre(correo, self._ajustes.usuario)
            return self._reintentar(lambda: self._transaccion(sobre))
        except respuestas.Fallido as fallo:
            return fallo.entrega
        except respuestas.Temporal as fallo:
            return Entrega(OMITIDO, f"Fallo temporal tras {self._reintentos + 1} intentos ({fallo.detalle}); "
                           "queda para la próxima ejecución.", fallo.codigo)
        except errores.CorreoError:
            raise
        except Exception:  # one send: its failure is recorded and the run goes on
            self._descartar()
            estado = INCIERTO if self._en_vuelo else FALLIDO
            log.error("Error inesperado al enviar", exc_info=True)
            return Entrega(estado, "Error inesperado al enviar (el detalle quedó en cartera.log).")

    def cerrar(self) -> None:
        """Say QUIT (if still connected) and close the socket; safe to call twice."""
        if self._abierta:
            try:
                self._cliente.close()
            except OSError:
                pass
        self._descartar()

    def _descartar(self) -> None:
        """Close the socket without QUIT; the next send reconnects."""
        self._abierta = False
        if self._cliente.smtp is not None:
            self._cliente.smtp.close()

    def _reintentar(self, accion: Callable[[], _T]) -> _T:
        """Run ``accion``; on ``respuestas.Temporal`` drop the connection, wait (doubling) and retry."""
        intento, espera = 0, self._espera_inicial
        while True:
            try:
                return accion()
            except respuestas.Temporal as fallo:
                self._descartar()
                if intento >= self._reintentos:
                    raise
                log.warning("Fallo temporal (%s); nuevo intento en %.2f s", fallo.detalle, espera)
            time.sleep(espera)
            intento, espera = intento + 1, espera * 2

    def _abrir(self) -> None:
        """Connect, TLS (verified) and log in, through yagmail."""
        try:
            self._cliente.login()
        except OSError as error:  # smtplib, ssl and socket errors are all OSError
            self._descartar()
            raise respuestas.error_de_conexion(error, *self._ajustes[:2], self._ajustes.usuario) from error
        self._abierta = True
        log.info("Sesión iniciada en %s:%s como %s", self._ajustes.servidor, self._ajustes.puerto,
                 self._ajustes.usuario)

    def _transaccion(self, sobre: _Sobre) -> Entrega:
        """MAIL, RCPT and DATA over the open connection (opening it first if needed)."""
        if not self._abierta:
            self._abrir()
        smtp = self._cliente.smtp
        try:
            rechazados = _preparar(smtp, sobre, self._ajustes.usuario)
        except smtplib.SMTPNotSupportedError as error:
            log.info("SMTP: %r", error)
            raise respuestas.Fallido(Entrega(FALLIDO, "El servidor no admite este mensaje (probablemente una "
                                                      "dirección con tildes o eñes, que exige SMTPUTF8).")) from error
        except OSError as error:  # includes SMTPServerDisconnected: nothing was transmitted yet
            raise respuestas.Temporal("se perdió la conexión antes de transmitir el mensaje: "
                                      f"{respuestas.causa_de_red(error)}") from error
        self._en_vuelo = True
        try:
            smtp.send(_con_punto_final(sobre.datos))
            codigo, texto = smtp.getreply()
        except OSError as error:
            self._descartar()
            return Entrega(INCIERTO, respuestas.INCIERTO_DETALLE.format(detalle=respuestas.causa_de_red(error)))
        self._en_vuelo = False
        if not 200 <= codigo < 300:
            raise respuestas.excepcion(codigo, texto, self._ajustes.usuario)
        return Entrega(ENVIADO, respuestas.detalle_enviado(codigo, texto, rechazados), codigo)


def _preparar(smtp: smtplib.SMTP, sobre: _Sobre, usuario: str) -> dict[str, tuple[int, bytes]]:
    """MAIL FROM, RCPT TO and DATA up to ``354``; returns the refused recipients (some were accepted)."""
    opciones = ["SMTPUTF8", "BODY=8BITMIME"] if sobre.internacional else []
    if not sobre.internacional and not sobre.datos.isascii() and smtp.has_extn("8bitmime"):
        opciones.append("BODY=8BITMIME")
    codigo, texto = smtp.mail(sobre.remitente, opciones)
    if codigo != 250:
        _abandonar(smtp, respuestas.excepcion(codigo, texto, usuario))
    rechazados = {}
    for destinatario in sobre.destinatarios:
        codigo, texto = smtp.rcpt(destinatario)
        if codigo not in (250, 251):
            rechazados[destinatario] = (codigo, texto)
    if len(rechazados) == len(sobre.destinatarios):
        _abandonar(smtp, respuestas.rechazo_total(rechazados, usuario))
    codigo, texto = smtp.docmd("DATA")
    if codigo != 354:
        _abandonar(smtp, respuestas.excepcion(codigo, texto, usuario))
    return rechazados


def _abandonar(smtp: smtplib.SMTP, error: Exception) -> None:
    """End the open transaction with RSET (the connection may already be gone) and raise ``error``."""
    try:
        smtp.rset()
    except OSError:
        smtp.close()
    raise error


def _sobre(correo: EmailMessage, usuario: str) -> _Sobre:
    """Envelope (sender = the logged-in user; To, Cc and Bcc) and wire bytes (Bcc removed)."""
    campos = [str(valor) for nombre in ("To", "Cc", "Bcc") for valor in correo.get_all(nombre, [])]
    destinatarios = tuple(dict.fromkeys(direccion for _, direccion in getaddresses(campos) if direccion))
    if not destinatarios:
        raise respuestas.Fallido(Entrega(FALLIDO, "El mensaje no tiene destinatarios."))
    internacional = not all(direccion.isascii() for direccion in (usuario, *destinatarios))
    copia = copy.copy(correo)
    del copia["Bcc"]
    del copia["Resent-Bcc"]
    politica = correo.policy.clone(linesep="\r\n", **({"utf8": True} if internacional else {}))
    salida = io.BytesIO()
    BytesGenerator(salida, policy=politica).flatten(copia, linesep="\r\n")
    return _Sobre(usuario, destinatarios, salida.getvalue(), internacional)


def _con_punto_final(datos: bytes) -> bytes:
    """Dot-stuffing and the ``CRLF.CRLF`` terminator (RFC 5321 §4.5.2)."""
    datos = re.sub(rb"(?m)^\.", b"..", datos)
    if not datos.endswith(b"\r\n"):
        datos += b"\r\n"
    return datos + b".\r\n"
