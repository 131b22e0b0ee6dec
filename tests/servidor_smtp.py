"""A real SMTP server on 127.0.0.1 that answers like Gmail, for the tests.

``ServidorSMTP`` runs an aiosmtpd ``Controller`` on a free loopback port with
AUTH PLAIN/LOGIN (one user and app password accepted; anything else gets
Gmail's ``535 5.7.8``) and a ``Comportamiento`` that makes it fail the way
Gmail does: daily limit, a temporary ``421``, a connection dropped before or
after the message data, a message too large, an unknown recipient, slow
replies.  It records what arrived (``recibidos``), how many connections were
opened (``conexiones``) and how many logins succeeded (``inicios``).

``seguridad`` is ``"Ninguna"`` (plain SMTP), ``"STARTTLS"`` or ``"SSL"``
(implicit TLS); the TLS modes need a ``trustme.CA`` whose certificate the
client must trust (via ``SSL_CERT_FILE``).
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import logging
import socket
import ssl
import threading
import warnings
from dataclasses import dataclass
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any, NamedTuple

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

if TYPE_CHECKING:
    import trustme

USUARIO = "cobros@example.com"
CLAVE = "abcdefghijklmnop"
"""The one user / app password pair the server accepts (16 letters, like Google's)."""

RESPUESTA_CREDENCIALES = "535 5.7.8 Username and Password not accepted. For more information, go to https://support.google.com/mail/?p=BadCredentials"
RESPUESTA_LIMITE = "550 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852"
RESPUESTA_TEMPORAL = "421 4.7.0 Try again later, closing connection."
RESPUESTA_GRANDE = "552 5.3.4 Your message exceeded Google's message size limits."
RESPUESTA_INEXISTENTE = "550 5.1.1 The email account that you tried to reach does not exist."


@dataclass(frozen=True)
class Comportamiento:
    """How the server misbehaves.  Counters count from the start of the server.

    ``limite_diario``: messages accepted before every further one gets
    ``550 5.4.5`` (``None`` = no limit).  ``temporales``: the first N
    messages get ``421 4.7.0`` after their data and the connection is closed.
    ``cortes_antes``: the first N ``MAIL FROM`` drop the connection (nothing
    sent yet).  ``cortes_despues``: the first N messages are received whole,
    recorded, and the connection is dropped without a reply.
    ``demasiado_grande``: every message gets ``552 5.3.4``.  ``inexistentes``:
    recipients answered ``550 5.1.1``.  ``demora``: seconds before each reply
    to MAIL, RCPT and DATA.  ``inicios_validos``: logins accepted before the
    password is refused with ``535 5.7.8`` (``None`` = always accepted), as
    when the owner revokes the app password in the middle of a run.
    """

    limite_diario: int | None = None
    temporales: int = 0
    cortes_antes: int = 0
    cortes_despues: int = 0
    demasiado_grande: bool = False
    inexistentes: frozenset[str] = frozenset()
    demora: float = 0.0
    inicios_validos: int | None = None


class Recibido(NamedTuple):
    """One message the server accepted (or received whole before dropping the line)."""

    remitente: str
    destinatarios: tuple[str, ...]
    mensaje: EmailMessage
    datos: bytes


def puerto_libre() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cortar(server: SMTP) -> None:
    """Drop the client's connection at once, without a reply."""
    server.transport.abort()


class _Manejador:
    """aiosmtpd handler: applies the ``Comportamiento`` and records messages."""

    def __init__(self, servidor: ServidorSMTP) -> None:
        self._servidor = servidor

    async def _demorar(self) -> None:
        if self._servidor.comportamiento.demora:
            await asyncio.sleep(self._servidor.comportamiento.demora)

    async def handle_MAIL(self, server: SMTP, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        await self._demorar()
        if self._servidor._gastar("cortes_antes"):
            _cortar(server)
            return "421 4.4.2 Connection dropped"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server: SMTP, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        await self._demorar()
        if address.lower() in self._servidor.comportamiento.inexistentes:
            return RESPUESTA_INEXISTENTE
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Any, envelope: Any) -> str:
        await self._demorar()
        servidor, comportamiento = self._servidor, self._servidor.comportamiento
        if comportamiento.demasiado_grande:
            return RESPUESTA_GRANDE
        if comportamiento.limite_diario is not None and len(servidor.recibidos) >= comportamiento.limite_diario:
            return RESPUESTA_LIMITE
        if servidor._gastar("temporales"):
            server.loop.call_soon(server.transport.close)
            return RESPUESTA_TEMPORAL
        servidor._anotar(envelope)
        if servidor._gastar("cortes_despues"):
            _cortar(server)
            return "451 4.4.2 Connection dropped"
        return "250 2.0.0 OK queued"


class _Controlador(Controller):
    """Controller that counts the connections it serves."""

    def __init__(self, servidor: ServidorSMTP, **kwargs: Any) -> None:
        super().__init__(_Manejador(servidor), **kwargs)
        self._servidor = servidor

    def factory(self) -> SMTP:
        self._servidor._contar_conexion()
        with warnings.catch_warnings():  # "AUTH without TLS": wanted here, on loopback only
            warnings.simplefilter("ignore", UserWarning)
            return super().factory()


class ServidorSMTP:
    """A Gmail-like SMTP server on 127.0.0.1; use as a context manager or ``arrancar``/``parar``."""

    def __init__(
        self,
        *,
        seguridad: str = "Ninguna",
        comportamiento: Comportamiento | None = None,
        ca: trustme.CA | None = None,
        usuario: str = USUARIO,
        clave: str = CLAVE,
    ) -> None:
        self.host = "127.0.0.1"
        self.puerto = puerto_libre()
        self.seguridad = seguridad
        self._cerrojo = threading.Lock()
        self.comportamiento = comportamiento or Comportamiento()
        self.usuario, self.clave = usuario, clave
        self.recibidos: list[Recibido] = []
        self.conexiones = 0
        self.inicios = 0
        self.intentos_fallidos = 0
        logging.getLogger("mail.log").setLevel(logging.ERROR)  # aiosmtpd's chatter about plain AUTH
        self._controlador = _Controlador(self, **self._opciones(ca))

    @property
    def comportamiento(self) -> Comportamiento:
        """How the server misbehaves; assigning a new one restarts its counters (e.g. "the next day")."""
        return self._comportamiento

    @comportamiento.setter
    def comportamiento(self, nuevo: Comportamiento) -> None:
        with self._cerrojo:
            self._comportamiento = nuevo
            self._restantes = {"temporales": nuevo.temporales, "cortes_antes": nuevo.cortes_antes,
                               "cortes_despues": nuevo.cortes_despues}

    def _opciones(self, ca: trustme.CA | None) -> dict[str, Any]:
        opciones: dict[str, Any] = {
            "hostname": self.host, "port": self.puerto, "server_hostname": "mx.example.com",
            "authenticator": self._autenticar, "auth_required": True, "auth_require_tls": False,
        }
        if self.seguridad == "Ninguna":
            return opciones
        if ca is None:
            raise ValueError("STARTTLS y SSL necesitan una CA de prueba (trustme.CA)")
        contexto = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1", "localhost").configure_cert(contexto)
        clave_contexto = "tls_context" if self.seguridad == "STARTTLS" else "ssl_context"
        # With implicit TLS aiosmtpd does not see the socket as TLS, so only STARTTLS can require it.
        starttls = self.seguridad == "STARTTLS"
        opciones.update({clave_contexto: contexto, "auth_require_tls": starttls, "require_starttls": starttls})
        return opciones

    def _autenticar(self, server: SMTP, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        valido = isinstance(auth_data, LoginPassword) and auth_data == LoginPassword(
            self.usuario.encode(), self.clave.encode())
        with self._cerrojo:
            tope = self.comportamiento.inicios_validos
            valido = valido and (tope is None or self.inicios < tope)
            if valido:
                self.inicios += 1
            else:
                self.intentos_fallidos += 1
        if valido:
            return AuthResult(success=True, auth_data=auth_data)
        return AuthResult(success=False, handled=False, message=RESPUESTA_CREDENCIALES)

    def _gastar(self, contador: str) -> bool:
        """Use one unit of a misbehaviour counter; True if there was one left."""
        with self._cerrojo:
            if self._restantes[contador] > 0:
                self._restantes[contador] -= 1
                return True
            return False

    def _contar_conexion(self) -> None:
        with self._cerrojo:
            self.conexiones += 1

    def _anotar(self, envelope: Any) -> None:
        datos = envelope.original_content or b""
        mensaje = email.message_from_bytes(datos.replace(b"\r\n", b"\n"), policy=email.policy.default)
        with self._cerrojo:
            self.recibidos.append(Recibido(envelope.mail_from, tuple(envelope.rcpt_tos), mensaje, datos))

    def arrancar(self) -> ServidorSMTP:
        """Start listening; the start-up probe connection is not counted."""
        self._controlador.start()
        with self._cerrojo:
            self.conexiones = 0
        return self

    def parar(self) -> None:
        """Stop listening and close every connection."""
        self._controlador.stop()

    def __enter__(self) -> ServidorSMTP:
        return self.arrancar()

    def __exit__(self, *exc: object) -> None:
        self.parar()
