"""The two senders behind one interface: Gmail over SMTP, and ``.eml`` previews.

``despacho.despachar`` runs the same loop for both (STYLE rule 10: preview
runs the same path as sending, with a different sender).  A sender only
delivers a built ``EmailMessage`` and says what became of it; journaling,
the daily limit and the mapping to a ``Resultado`` are the loop's.
"""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from cartera.correo import clave, gmail, vista_previa
from cartera.correo.respuestas import Entrega
from cartera.decisiones import Aviso
from cartera.errores import CorreoError, error_de_disco
from cartera.modelo import Configuracion
from cartera.vocabulario import ResultadoAccion


class Remitente(Protocol):
    """Where the day's messages go.

    ``registra``: a real send — every message is journaled before and after
    it goes out and counts against the daily limit.  ``abrir`` readies the
    sender (it may raise ``gmail.LimiteAlcanzado`` or ``CorreoError``);
    ``entregar`` hands over one message (raising only those two);
    ``cerrar`` is always called after a successful ``abrir``.
    """

    registra: bool

    def abrir(self) -> None: ...

    def entregar(self, correo: EmailMessage, aviso: Aviso) -> Entrega: ...

    def cerrar(self) -> None: ...


class VistaPrevia:
    """Writes each message as a complete ``.eml`` in ``carpeta`` (``salida/AAAA-MM-DD/``).

    Opening it deletes that folder's previous previews: the day's previews
    are replaced, never mixed with an earlier run's.  The detail names the
    file relative to ``carpeta_libro``.  Nothing is journaled.
    """

    registra = False

    def __init__(self, carpeta: Path, carpeta_libro: Path) -> None:
        self._carpeta, self._carpeta_libro = carpeta, carpeta_libro
        self._escritos = 0

    def abrir(self) -> None:
        try:
            if self._carpeta.is_dir():
                for viejo in self._carpeta.glob("*.eml"):
                    viejo.unlink()
        except OSError as error:
            raise error_de_disco(error, "preparar las vistas previas", self._carpeta) from error

    def entregar(self, correo: EmailMessage, aviso: Aviso) -> Entrega:
        self._escritos += 1
        try:
            eml = vista_previa.escribir_eml(correo, self._carpeta, vista_previa.nombre_archivo(self._escritos, aviso))
        except OSError as error:
            raise error_de_disco(error, "escribir la vista previa", self._carpeta) from error
        return Entrega(ResultadoAccion.VISTA_PREVIA, f"Vista previa: {eml.relative_to(self._carpeta_libro)}")

    def cerrar(self) -> None:
        return None


class Gmail:
    """Sends over one Gmail SMTP connection, logged in once when opened.

    ``espera_inicial``: seconds before the first retry of a temporary failure (doubling each time).
    """

    registra = True

    def __init__(self, ajustes: gmail.Ajustes, secreto: str, *, espera_inicial: float) -> None:
        self._ajustes, self._secreto, self._espera_inicial = ajustes, secreto, espera_inicial
        self._conexion: gmail.Conexion | None = None

    def abrir(self) -> None:
        self._conexion = gmail.conectar(self._ajustes, self._secreto, espera_inicial=self._espera_inicial)

    def entregar(self, correo: EmailMessage, aviso: Aviso) -> Entrega:
        if self._conexion is None:
            raise RuntimeError("Gmail.entregar antes de abrir")
        return self._conexion.enviar(correo)

    def cerrar(self) -> None:
        if self._conexion is not None:
            self._conexion.cerrar()
            self._conexion = None


def de_gmail(configuracion: Configuracion, *, espera_inicial: float) -> Gmail:
    """The Gmail sender of the workbook's ``Configuración``, with the app password from the keyring.

    Raises ``CorreoError`` (Spanish, with the remedy) when there is no sender
    address or no saved password.
    """
    usuario = configuracion.correo_remitente
    if not usuario:
        raise CorreoError("Falta el «Correo remitente» en la hoja Configuración. Escríbalo y ejecute «cartera correo».")
    ajustes = gmail.Ajustes(configuracion.servidor_smtp, configuracion.puerto_smtp, configuracion.seguridad_smtp,
                            usuario)
    return Gmail(ajustes, clave.exigir_clave(usuario), espera_inicial=espera_inicial)
