"""The Gmail app password in the system keyring, and the ``cartera correo`` dialogue.

The password lives only in the keyring (service ``yagmail``, user = the
sender's address, as ``yagmail.register`` stores it), never in the workbook,
a log or a report.  Reading it when it is missing raises
``errores.CorreoError`` telling the user to run ``cartera correo``; nothing
ever prompts in the middle of a run.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import TextIO

import keyring
import keyring.errors

from cartera import errores

SERVICIO = "yagmail"
"""Keyring service name: the one ``yagmail.register`` uses, so both tools share the password."""

LARGO_CLAVE_GOOGLE = 16

EXPLICACION = """\
Cartera envía los recordatorios desde su cuenta de Gmail con una «contraseña de aplicación»,
distinta de la contraseña con la que usted entra a Gmail. Para crearla:
  1. Entre a su Cuenta de Google → Seguridad y active la «Verificación en dos pasos».
  2. En Seguridad → «Contraseñas de aplicaciones» (o busque «contraseñas de aplicaciones»),
     escriba un nombre, por ejemplo «cartera», y pulse Crear.
  3. Copie las 16 letras que aparecen; los espacios no importan.
La contraseña se guarda en el llavero del sistema, no en el libro de Excel.
"""
_SIN_LLAVERO = (
    "No se pudo usar el llavero del sistema para la contraseña de {usuario}. En Linux sin escritorio "
    "instale el paquete keyrings.alt; en Windows y macOS el llavero viene con el sistema."
)


def leer_clave(usuario: str) -> str | None:
    """The app password stored for ``usuario``, or ``None`` if there is none."""
    try:
        return keyring.get_password(SERVICIO, usuario)
    except keyring.errors.KeyringError as error:
        raise errores.CorreoError(_SIN_LLAVERO.format(usuario=usuario, error=error)) from error


def guardar_clave(usuario: str, clave: str) -> None:
    """Store (or replace) the app password for ``usuario`` in the keyring."""
    try:
        keyring.set_password(SERVICIO, usuario, clave)
    except keyring.errors.KeyringError as error:
        raise errores.CorreoError(_SIN_LLAVERO.format(usuario=usuario, error=error)) from error


def exigir_clave(usuario: str) -> str:
    """The stored app password; ``CorreoError`` (run ``cartera correo``) when there is none."""
    clave = leer_clave(usuario)
    if not clave:
        raise errores.CorreoError(
            f"No hay contraseña de aplicación guardada para {usuario}. Ejecute «cartera correo» para "
            "guardarla y vuelva a intentarlo.")
    return clave


def limpiar_clave(texto: str) -> str:
    """The password as Google shows it (``abcd efgh ijkl mnop``) without its spaces."""
    return "".join(texto.split())


def es_direccion(texto: str) -> bool:
    """A plausible e-mail address: one ``@``, a dot in the domain, no spaces."""
    local, arroba, dominio = texto.partition("@")
    return bool(local and arroba and "." in dominio.strip(".")) and "@" not in dominio and " " not in texto


def configurar(
    entrada: TextIO, salida: TextIO, *, probar: Callable[[str, str], None], usuario: str = "",
) -> str:
    """The ``cartera correo`` dialogue: ask the address and app password, test the login, store it.

    ``probar(usuario, clave)`` logs in once and raises ``CorreoError`` when
    it fails.  The password is stored only after a successful test, so a
    typo never replaces a working one.  ``usuario`` is offered as the
    default address (e.g. the workbook's ``Correo remitente``).  The
    password is read with ``getpass`` when ``entrada`` is a terminal, as a
    line otherwise; it is never echoed.  Returns the address; raises
    ``CorreoError`` when the login did not work (nothing stored).
    """
    salida.write(EXPLICACION + "\n")
    direccion = _pedir_direccion(entrada, salida, usuario)
    clave = limpiar_clave(_leer(entrada, salida, "Contraseña de aplicación (16 letras): ", secreta=True))
    if not clave:
        raise errores.CorreoError("No se escribió ninguna contraseña; no se guardó nada.")
    if len(clave) != LARGO_CLAVE_GOOGLE or not clave.isalpha():
        salida.write(f"Aviso: las contraseñas de aplicación de Google tienen 16 letras y esta tiene "
                     f"{len(clave)} caracteres. Compruebe que copió la contraseña de aplicación.\n")
    salida.write(f"Probando el inicio de sesión de {direccion}…\n")
    try:
        probar(direccion, clave)
    except errores.CorreoError:
        salida.write("No funcionó: la contraseña no se guardó.\n")
        raise
    guardar_clave(direccion, clave)
    salida.write(f"Listo: el inicio de sesión funciona y la contraseña de {direccion} quedó guardada "
                 "en el llavero del sistema.\n")
    return direccion


def _pedir_direccion(entrada: TextIO, salida: TextIO, sugerida: str) -> str:
    """Ask until a plausible address is given (Enter accepts ``sugerida``)."""
    pregunta = f"Dirección de Gmail [{sugerida}]: " if sugerida else "Dirección de Gmail: "
    while True:
        direccion = _leer(entrada, salida, pregunta, secreta=False).strip() or sugerida
        if es_direccion(direccion):
            return direccion
        salida.write(f"«{direccion}» no parece una dirección de correo; escríbala completa, "
                     "por ejemplo cobros@gmail.com.\n")


def _leer(entrada: TextIO, salida: TextIO, pregunta: str, *, secreta: bool) -> str:
    """One answer: ``getpass`` for a secret on a terminal, else a line of ``entrada`` (EOF → ``CorreoError``)."""
    if secreta and entrada.isatty():
        return getpass.getpass(pregunta, stream=salida)
    salida.write(pregunta)
    salida.flush()
    linea = entrada.readline()
    if not linea:
        salida.write("\n")
        raise errores.CorreoError("La entrada terminó antes de tiempo; no se guardó nada. "
                                  "Ejecute «cartera correo» de nuevo.")
    if not entrada.isatty():
        salida.write("\n")
    return linea.rstrip("\r\n")
