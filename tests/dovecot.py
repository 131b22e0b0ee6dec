"""A throw-away Dovecot IMAP server on loopback with Gmail's special-use folders, for the tests.

pymap has no special-use flags, so the «All Mail» path (a folder found by ``\\All``, never by its
localized name) runs against Debian's dovecot when it is installed (``apt-get install
dovecot-imapd``; ``.ci/run`` installs it when it runs as root).  The folders carry Gmail's Spanish
names, «[Gmail]/Todos» (``\\All``) and «[Gmail]/Enviados» (``\\Sent``), so that a client looking
for a name instead of the flag fails.  Plain-text login on loopback only; mail in a temp folder.
"""

from __future__ import annotations

import datetime as dt
import imaplib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from servidor_smtp import CLAVE, USUARIO, puerto_libre

TODOS, ENVIADOS = "[Gmail]/Todos", "[Gmail]/Enviados"

_CONFIGURACION = """\
protocols = imap
listen = 127.0.0.1
base_dir = {raiz}/run
state_dir = {raiz}/state
log_path = {raiz}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 1
mail_location = maildir:{raiz}/correo/%u
passdb {{
  driver = static
  args = password={clave}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={raiz}/correo/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox "{todos}" {{
    special_use = \\All
    auto = create
  }}
  mailbox "{enviados}" {{
    special_use = \\Sent
    auto = create
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {puerto}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


def disponible() -> str | None:
    """Why Dovecot cannot be used here (None: it can)."""
    if not shutil.which("dovecot"):
        return "dovecot no está instalado (apt-get install dovecot-imapd)"
    if os.name != "posix" or os.geteuid() != 0:
        return "dovecot se arranca como root en las pruebas"
    try:
        pwd.getpwnam("dovecot")
        pwd.getpwnam("dovenull")
    except KeyError:
        return "faltan los usuarios dovecot/dovenull del paquete"
    return None


class Dovecot:
    """``Dovecot().arrancar()`` … ``parar()``; ``depositar(datos, carpeta=TODOS)`` as the user.

    Its files live in a folder of its own under the system's temp folder (pytest's are private to
    root, and dovecot reads the mail as its own user), removed by ``parar``.
    """

    def __init__(self, usuario: str = USUARIO, clave: str = CLAVE) -> None:
        self.raiz = Path(tempfile.mkdtemp(prefix="cartera-dovecot-"))
        self.raiz.chmod(0o755)
        self.usuario, self.clave = usuario, clave
        self.host, self.puerto = "127.0.0.1", puerto_libre()
        self._configuracion = self.raiz / "dovecot.conf"

    def arrancar(self) -> Dovecot:
        cuenta = pwd.getpwnam("dovecot")
        for sub in ("run", "state", "correo"):
            (self.raiz / sub).mkdir(parents=True, exist_ok=True)
        os.chown(self.raiz / "correo", cuenta.pw_uid, cuenta.pw_gid)
        self._configuracion.write_text(_CONFIGURACION.format(
            raiz=self.raiz, clave=self.clave, uid=cuenta.pw_uid, gid=cuenta.pw_gid, puerto=self.puerto,
            todos=TODOS, enviados=ENVIADOS), encoding="utf-8")
        subprocess.run(["dovecot", "-c", str(self._configuracion)], check=True, timeout=30,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        limite = time.monotonic() + 20
        while True:
            try:
                imaplib.IMAP4(self.host, self.puerto).logout()
                return self
            except OSError:
                if time.monotonic() > limite:
                    registro = (self.raiz / "dovecot.log").read_text(errors="replace") if (self.raiz / "dovecot.log").exists() else ""
                    raise RuntimeError(f"dovecot no arrancó:\n{registro}") from None
                time.sleep(0.1)

    def parar(self) -> None:
        subprocess.run(["dovecot", "-c", str(self._configuracion), "stop"], timeout=30,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.raiz, ignore_errors=True)

    def depositar(self, *mensajes: bytes, carpeta: str = "INBOX") -> None:
        conexion = imaplib.IMAP4(self.host, self.puerto)
        conexion.login(self.usuario, self.clave)
        for datos in mensajes:
            momento = imaplib.Time2Internaldate(dt.datetime.now(dt.UTC).timestamp())
            conexion.append(f'"{carpeta}"', None, momento, datos)
        conexion.logout()

    def sin_leer(self, carpeta: str = "INBOX") -> int:
        """Messages without ``\\Seen`` in ``carpeta`` (cartera must never mark one)."""
        conexion = imaplib.IMAP4(self.host, self.puerto)
        conexion.login(self.usuario, self.clave)
        conexion.select(f'"{carpeta}"', readonly=True)
        _, datos = conexion.search(None, "UNSEEN")
        conexion.logout()
        return len(datos[0].split())
