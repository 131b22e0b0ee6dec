"""A real IMAP server on 127.0.0.1 for the tests: pymap's in-memory (dict) backend, in this process.

``ServidorIMAP`` runs pymap in a thread with its own event loop, plain IMAP (``Seguridad IMAP`` =
``Ninguna``, allowed only for loopback) with one user: the sender of ``servidor_smtp`` and its app
password.  Messages are put in with a real ``APPEND`` (``depositar``).  ``cambiar_uidvalidity``
gives a folder a new UIDVALIDITY, as a server does when it rebuilds a mailbox.

``Corte`` is a loopback proxy in front of it that drops both connections as soon as the client
asks for a whole message (``BODY.PEEK[]``): the server gone in the middle of a read.

pymap knows no special-use flags (RFC 6154), so it lists no ``\\All`` folder: against it cartera
reads the inbox alone, as it would on a server without «All Mail».
"""

from __future__ import annotations

import asyncio
import datetime as dt
import imaplib
import socket
import ssl
import threading
from argparse import Namespace
from collections.abc import Callable
from contextlib import AsyncExitStack

from pymap.backend.dict import DictBackend
from pymap.imap import IMAPService
from servidor_smtp import CLAVE, USUARIO, puerto_libre


class ServidorIMAP:
    """pymap on ``127.0.0.1:<free port>`` with ``usuario``/``clave`` (started by ``arrancar``)."""

    def __init__(self, usuario: str = USUARIO, clave: str = CLAVE, *, tls: ssl.SSLContext | None = None) -> None:
        """``tls``: a server context (a ``trustme`` certificate) to offer STARTTLS and require it before LOGIN."""
        self.tls = tls
        self.host = "127.0.0.1"
        self.puerto = puerto_libre()
        self.usuario, self.clave = usuario, clave
        self._bucle = asyncio.new_event_loop()
        self._hilo = threading.Thread(target=self._bucle.run_forever, daemon=True)
        self._pila: AsyncExitStack | None = None
        self._config = None
        self._login = None

    def arrancar(self) -> ServidorIMAP:
        self._hilo.start()
        asyncio.run_coroutine_threadsafe(self._iniciar(), self._bucle).result(timeout=30)
        return self

    async def _iniciar(self) -> None:
        args = Namespace(demo_data=False, demo_user=self.usuario, demo_password=self.clave, host=self.host,
                         port=str(self.puerto), debug=False, cert=None, key=None, tls=self.tls is not None,
                         passlib_cfg=None, proxy_protocol=None, inherited_sockets=None)
        extra = {"ssl_context": self.tls} if self.tls else {}
        backend, config = await DictBackend.init(args, secure_auth=self.tls is not None, invalid_user_sleep=0.0, **extra)
        self._config = config
        self._login = backend.login
        self._pila = AsyncExitStack()
        await backend.start(self._pila)
        await IMAPService(backend, config).start(self._pila)

    def parar(self) -> None:
        if self._pila is not None:
            asyncio.run_coroutine_threadsafe(self._pila.aclose(), self._bucle).result(timeout=30)
        self._bucle.call_soon_threadsafe(self._bucle.stop)
        self._hilo.join(timeout=10)

    def depositar(self, *mensajes: bytes, carpeta: str = "INBOX", fecha: dt.datetime | None = None) -> None:
        """APPEND each message (unread: no \\Seen flag) to ``carpeta``."""
        conexion = imaplib.IMAP4(self.host, self.puerto)
        try:
            conexion.login(self.usuario, self.clave)
            for datos in mensajes:
                momento = imaplib.Time2Internaldate((fecha or dt.datetime.now(dt.UTC)).timestamp())
                tipo, respuesta = conexion.append(carpeta, None, momento, datos)
                assert tipo == "OK", respuesta
        finally:
            conexion.logout()

    def banderas(self, carpeta: str = "INBOX") -> list[bytes]:
        """The flags of every message of ``carpeta`` (read-only select: asking changes nothing)."""
        conexion = imaplib.IMAP4(self.host, self.puerto)
        try:
            conexion.login(self.usuario, self.clave)
            conexion.select(carpeta, readonly=True)
            tipo, datos = conexion.fetch("1:*", "(FLAGS)")
            return [d for d in datos if d] if tipo == "OK" else []
        finally:
            conexion.logout()

    def cambiar_uidvalidity(self, carpeta: str = "INBOX") -> None:
        """Give ``carpeta`` a new UIDVALIDITY (its messages stay): a client must read it again by date."""
        async def cambiar() -> None:
            buzones, _ = self._config.set_cache[self.usuario]
            buzon = await buzones.get_mailbox(carpeta)
            buzon._uid_validity += 1000  # noqa: SLF001  (pymap has no public way to rebuild a mailbox)
        asyncio.run_coroutine_threadsafe(cambiar(), self._bucle).result(timeout=30)


class Corte:
    """A loopback TCP proxy to ``destino`` that cuts every connection when the client fetches a whole message."""

    def __init__(self, destino: ServidorIMAP) -> None:
        self.destino = destino
        self.host = "127.0.0.1"
        self._escucha = socket.create_server((self.host, 0))
        self.puerto = self._escucha.getsockname()[1]
        self.cortes = 0
        threading.Thread(target=self._aceptar, daemon=True).start()

    def _aceptar(self) -> None:
        while True:
            try:
                cliente, _ = self._escucha.accept()
            except OSError:
                return
            servidor = socket.create_connection((self.destino.host, self.destino.puerto))
            threading.Thread(target=_pasar, args=(cliente, servidor, self._corta), daemon=True).start()
            threading.Thread(target=_pasar, args=(servidor, cliente), daemon=True).start()

    def _corta(self, datos: bytes) -> bool:
        """The client asks for a whole message: cut here."""
        if b"BODY.PEEK[]" in datos.upper():
            self.cortes += 1
            return True
        return False

    def cerrar(self) -> None:
        self._escucha.close()


class TunelTLS:
    """Implicit TLS (IMAPS, as Gmail's port 993) in front of ``destino``: a loopback listener that does the TLS
    handshake with ``contexto`` (a server certificate) and passes the plain bytes to the pymap server."""

    def __init__(self, destino: ServidorIMAP, contexto: ssl.SSLContext) -> None:
        self.destino, self._contexto = destino, contexto
        self.host = "127.0.0.1"
        self._escucha = socket.create_server((self.host, 0))
        self.puerto = self._escucha.getsockname()[1]
        threading.Thread(target=self._aceptar, daemon=True).start()

    def _aceptar(self) -> None:
        while True:
            try:
                crudo, _ = self._escucha.accept()
            except OSError:
                return
            threading.Thread(target=self._atender, args=(crudo,), daemon=True).start()

    def _atender(self, crudo: socket.socket) -> None:
        try:
            cliente = self._contexto.wrap_socket(crudo, server_side=True)
        except (OSError, ssl.SSLError):
            crudo.close()  # the client refused our certificate: that is the test
            return
        servidor = socket.create_connection((self.destino.host, self.destino.puerto))
        threading.Thread(target=_pasar, args=(servidor, cliente), daemon=True).start()
        _pasar(cliente, servidor)

    def cerrar(self) -> None:
        self._escucha.close()


def _pasar(origen: socket.socket, destino: socket.socket, cortar: Callable[[bytes], bool] | None = None) -> None:
    """Copy ``origen`` to ``destino`` until either closes (or ``cortar`` says so of a chunk), then close both."""
    try:
        while datos := origen.recv(65536):
            if cortar is not None and cortar(datos):
                break
            destino.sendall(datos)
    except OSError:
        pass
    for s in (origen, destino):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()
