"""What an SMTP reply from Gmail means for one message: the sending policy as pure functions.

PRODUCT.md §5 and Gmail's documented codes
(https://support.google.com/a/answer/3726730): bad credentials (``530``,
``534 5.7.9``, ``535 5.7.8``) stop the run with advice; the daily limit
(``550 5.4.5``) or an unusual rate (``421 4.7.28``) raise
``LimiteAlcanzado`` so the rest waits for the next run; other ``4xx``
(``421``, ``450``, ``451``, ``454``) are temporary and retried; any other
refusal (``552 5.3.4`` too large, ``550 5.1.1`` no such address, …) makes
that message ``fallido`` and the run goes on.  Used by ``gmail``.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl
from typing import NamedTuple

from cartera import errores
from cartera.vocabulario import ResultadoAccion

ENVIADO, FALLIDO, INCIERTO, OMITIDO = (
    ResultadoAccion.ENVIADO, ResultadoAccion.FALLIDO, ResultadoAccion.INCIERTO, ResultadoAccion.OMITIDO)

CREDENCIALES = (
    "Gmail no aceptó el usuario y la contraseña de {usuario} ({detalle}). Use una contraseña de aplicación, "
    "no la de su cuenta de Google: active la verificación en dos pasos, cree la contraseña en Cuenta de Google "
    "→ Seguridad → Contraseñas de aplicaciones y guárdela con «cartera correo»."
)
LIMITE = (
    "Gmail no admite más envíos por ahora ({detalle}). Los mensajes que faltan quedan para la próxima "
    "ejecución; si ocurre a menudo, baje el «Límite diario de envíos» en la hoja Configuración."
)
CERTIFICADO = (
    "No se pudo verificar el certificado de {servidor} ({detalle}). Revise «Servidor SMTP» en la hoja "
    "Configuración; si su red usa un certificado propio, indique su archivo en la variable SSL_CERT_FILE."
)
INCIERTO_DETALLE = (
    "Se perdió la conexión después de transmitir el mensaje y antes de la confirmación del servidor ({detalle}): "
    "puede haber llegado. No se reenviará solo; revise la carpeta Enviados de Gmail."
)
EXPLICACIONES = (
    ("5.3.4", "El mensaje supera el tamaño que admite el servidor; reduzca los adjuntos"),
    ("5.1.1", "La dirección de destino no existe"),
    ("5.1.", "La dirección de destino no es válida"),
    ("5.2.2", "El buzón del destinatario está lleno"),
    ("5.7.", "El servidor rechazó el mensaje por sus políticas"),
)
"""(start of the enhanced status code, Spanish explanation) for refusals that make a message ``fallido``."""
CODIGOS_LIMITE = ("5.4.5", "4.7.28")
MARCAS_LIMITE = ("daily user sending", "sending limit", "unusual rate", "rate limit")
CODIGOS_CREDENCIALES = (530, 534, 535)


class Entrega(NamedTuple):
    """What became of one message.

    ``estado``: ``ENVIADO``, ``FALLIDO``, ``INCIERTO`` (may have arrived; never
    re-send automatically) or ``OMITIDO`` (a temporary failure after every
    retry: not sent, planned again on the next run); a preview is
    ``VISTA_PREVIA``.  ``detalle``: Spanish, for the journal and the report.
    ``codigo``: the server's last SMTP reply code, ``None`` when there was no reply.
    """

    estado: ResultadoAccion
    detalle: str
    codigo: int | None = None


class LimiteAlcanzado(errores.CorreoError):
    """Gmail's daily sending limit or rate limit: stop sending, leave the rest for the next run."""


class Temporal(Exception):
    """A temporary failure (4xx reply, connection lost before the data): reconnect and retry."""

    def __init__(self, detalle: str, codigo: int | None = None) -> None:
        super().__init__(detalle)
        self.detalle, self.codigo = detalle, codigo


class Fallido(Exception):
    """A definitive refusal of one message, carrying its ``Entrega``."""

    def __init__(self, entrega: Entrega) -> None:
        super().__init__(entrega.detalle)
        self.entrega = entrega


def texto(respuesta: bytes | str) -> str:
    """The reply text after the code, as ``str``."""
    return respuesta.decode("utf-8", "replace") if isinstance(respuesta, bytes) else respuesta


def excepcion(codigo: int, respuesta: bytes | str, usuario: str) -> Exception:
    """The exception matching an SMTP refusal: ``LimiteAlcanzado``, ``CorreoError``, ``Temporal`` or ``Fallido``."""
    frase = texto(respuesta)
    detalle = f"{codigo} {frase}"
    ampliado = frase.split(maxsplit=1)[0] if frase else ""
    if ampliado in CODIGOS_LIMITE or any(marca in frase.lower() for marca in MARCAS_LIMITE):
        return LimiteAlcanzado(LIMITE.format(detalle=detalle))
    if codigo in CODIGOS_CREDENCIALES:
        return errores.CorreoError(CREDENCIALES.format(usuario=usuario, detalle=detalle))
    if 400 <= codigo < 500:
        return Temporal(detalle, codigo)
    return Fallido(Entrega(FALLIDO, explicar(codigo, frase), codigo))


def rechazo_total(rechazados: dict[str, tuple[int, bytes]], usuario: str) -> Exception:
    """Every recipient refused: the most serious refusal decides (limit > credentials > temporary)."""
    excepciones = [excepcion(codigo, frase, usuario) for codigo, frase in rechazados.values()]
    for clase in (LimiteAlcanzado, errores.CorreoError, Temporal):
        for candidata in excepciones:
            if isinstance(candidata, clase):
                return candidata
    primer_codigo = next(iter(rechazados.values()))[0]
    return Fallido(Entrega(FALLIDO, f"Ningún destinatario aceptado: {_lista(rechazados)}", primer_codigo))


log = logging.getLogger(__name__)

_CERTIFICADOS = (("expired", "el certificado venció"), ("self-signed", "el certificado es autofirmado"),
                 ("self signed", "el certificado es autofirmado"), ("Hostname mismatch", "el certificado es de otro servidor"),
                 ("IP address mismatch", "el certificado es de otro servidor"),
                 ("unable to get local issuer", "no se reconoce a quien emitió el certificado"),
                 ("not yet valid", "el certificado aún no es válido"), ("revoked", "el certificado fue revocado"))


def causa_de_red(error: BaseException) -> str:
    """What a network failure means, in Spanish (the library's English goes to the log only).

    >>> causa_de_red(ConnectionRefusedError(111, "Connection refused"))
    'el servidor rechazó la conexión (¿servidor o puerto equivocados?)'
    >>> causa_de_red(TimeoutError("timed out"))
    'el servidor no respondió a tiempo'
    """
    log.info("Detalle de la red: %r", error)
    if isinstance(error, ssl.SSLCertVerificationError):
        return next((dicho for ingles, dicho in _CERTIFICADOS if ingles in str(error.verify_message)),
                    "el certificado no es válido")
    if isinstance(error, ConnectionRefusedError):
        return "el servidor rechazó la conexión (¿servidor o puerto equivocados?)"
    if isinstance(error, TimeoutError | socket.timeout):
        return "el servidor no respondió a tiempo"
    if isinstance(error, socket.gaierror):
        return "no se encontró el servidor (¿sin internet, o el nombre está mal escrito?)"
    if isinstance(error, ConnectionResetError | BrokenPipeError | ConnectionAbortedError | smtplib.SMTPServerDisconnected):
        return "el servidor cortó la conexión"
    if isinstance(error, ssl.SSLError):
        return "falló la conexión cifrada"
    return "falló la conexión de red"


def error_de_conexion(error: OSError, servidor: str, puerto: int, usuario: str) -> Exception:
    """Translate a failure to connect, start TLS or log in (``Temporal`` when worth retrying)."""
    if isinstance(error, ssl.SSLCertVerificationError):
        return errores.CorreoError(CERTIFICADO.format(servidor=servidor, detalle=causa_de_red(error)))
    if isinstance(error, ssl.SSLError):
        log.info("SSL: %r", error)
        return errores.CorreoError(
            f"Falló la conexión cifrada con {servidor}:{puerto}. Revise «Puerto SMTP» y "
            "«Seguridad SMTP»: SSL usa el puerto 465 y STARTTLS el 587.")
    if isinstance(error, smtplib.SMTPResponseException):
        return excepcion(error.smtp_code, error.smtp_error, usuario)
    if isinstance(error, smtplib.SMTPNotSupportedError):
        log.info("Inicio de sesión: %r", error)
        return errores.CorreoError(f"El servidor {servidor} no ofrece STARTTLS (conexión cifrada) y cartera no envía "
                                   "la contraseña sin cifrar: revise «Seguridad SMTP» y «Puerto SMTP» (con Gmail, SSL "
                                   "y el puerto 465).")
    if isinstance(error, smtplib.SMTPException) and not isinstance(error, smtplib.SMTPServerDisconnected):
        log.info("Inicio de sesión: %r", error)
        return errores.CorreoError(f"El servidor {servidor} no permite iniciar sesión así: revise «Seguridad SMTP» "
                                   "(con Gmail, SSL y el puerto 465).")
    return Temporal(f"{servidor}:{puerto}: {causa_de_red(error)}")


def explicar(codigo: int, frase: str) -> str:
    """A Spanish explanation of a definitive refusal, with the server's own words."""
    ampliado = frase.split(maxsplit=1)[0] if frase else ""
    explicacion = next((dicho for prefijo, dicho in EXPLICACIONES if ampliado.startswith(prefijo)),
                       "El servidor rechazó el mensaje")
    return f"{explicacion} ({codigo} {frase})."


def detalle_enviado(codigo: int, respuesta: bytes, rechazados: dict[str, tuple[int, bytes]]) -> str:
    """``enviado`` detail: the server's acceptance, plus the recipients it refused, if any."""
    detalle = f"Aceptado por el servidor ({codigo} {texto(respuesta)})."
    return f"{detalle} No se entregó a: {_lista(rechazados)}" if rechazados else detalle


def _lista(rechazados: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{direccion}: {explicar(codigo, texto(frase))}" for direccion, (codigo, frase) in rechazados.items())
