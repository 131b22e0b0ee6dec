"""Build the e-mail of a ``Mensaje`` and write ``.eml`` previews (shell).

Every header is set through the ``email`` API (``EmailMessage``,
``headerregistry.Address``, ``utils.format_datetime``) after collapsing
line breaks, so no workbook text can add a header.  Attachments are read
only from inside the workbook's folder and are skipped, with a Spanish
reason, when missing, outside it, or too large for one message.  The same
``EmailMessage`` is what the SMTP sender sends.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
import unicodedata
from email import policy
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import NamedTuple

from cartera.decisiones import Aviso, Mensaje
from cartera.libro import resguardo

LIMITE_BYTES = 15 * 1024 * 1024
"""Largest encoded message we build (Gmail refuses about 25 MB; we stay well under 18 MB)."""

_SLUG_INVALIDO = re.compile(r"[^a-z0-9]+")


class CorreoListo(NamedTuple):
    """The message ready to preview or send, and the attachments left out (Spanish reasons)."""

    correo: EmailMessage
    omitidos: tuple[str, ...]


def _limpio(texto: str) -> str:
    """Header-safe text: every run of whitespace, CR and LF included, becomes one space."""
    return " ".join(str(texto).split())


def _direcciones(correos: tuple[str, ...]) -> tuple[tuple[Address, ...], tuple[str, ...]]:
    """Parse addresses with the email API; malformed ones are dropped and reported."""
    validas, malas = [], []
    for correo in correos:
        try:
            validas.append(Address(addr_spec=_limpio(correo)))
        except (ValueError, MessageError):
            malas.append(f"Dirección omitida: «{_limpio(correo)}» no es un correo válido.")
    return tuple(validas), tuple(malas)


def _tamano_codificado(bytes_crudos: int) -> int:
    """Approximate size of ``bytes_crudos`` once base64-encoded with line breaks."""
    return (bytes_crudos + 2) // 3 * 4 * 78 // 76


def _ruta_segura(archivo: str, carpeta_libro: Path) -> tuple[Path | None, str]:
    """The resolved path when it is a file inside ``carpeta_libro``, else (None, reason)."""
    base = carpeta_libro.resolve()
    ruta = (base / archivo.strip()).resolve()
    if not ruta.is_relative_to(base):
        return None, f"Adjunto omitido: «{archivo}» está fuera de la carpeta del libro."
    if not ruta.is_file():
        return None, f"Adjunto omitido: no se encontró el archivo «{archivo}» en la carpeta del libro."
    return ruta, ""


def _tipo_mime(ruta: Path) -> tuple[str, str]:
    """(maintype, subtype): PDF for ``.pdf``, else a guess, else application/octet-stream."""
    if ruta.suffix.lower() == ".pdf":
        return "application", "pdf"
    tipo = mimetypes.guess_type(ruta.name)[0] or "application/octet-stream"
    principal, _, secundario = tipo.partition("/")
    return principal, secundario


def _adjuntar(correo: EmailMessage, adjuntos: tuple[str, ...], carpeta_libro: Path) -> tuple[str, ...]:
    """Attach what is safe and fits under ``LIMITE_BYTES``; return the reasons for the rest."""
    omitidos = []
    usado = len(correo.as_bytes())
    for archivo in adjuntos:
        ruta, motivo = _ruta_segura(archivo, carpeta_libro)
        if ruta is None:
            omitidos.append(motivo)
            continue
        tamano = _tamano_codificado(ruta.stat().st_size)
        if usado + tamano > LIMITE_BYTES:
            omitidos.append(f"Adjunto omitido: «{archivo}» haría que el mensaje superara 15 MB.")
            continue
        principal, secundario = _tipo_mime(ruta)
        correo.add_attachment(ruta.read_bytes(), maintype=principal, subtype=secundario,
                              filename=_limpio(ruta.name))
        usado += tamano
    return tuple(omitidos)


def _encabezados(correo: EmailMessage, mensaje: Mensaje, remitente: Address, message_id: str,
                 fecha: dt.datetime) -> tuple[str, ...]:
    """From, To, Cc, Reply-To, Subject, Date, Message-ID; returns the addresses left out."""
    para, malas_para = _direcciones(mensaje.aviso.destinatarios)
    copia, malas_cc = _direcciones(mensaje.aviso.cc)
    if not para:
        raise ValueError(f"El cliente {mensaje.aviso.cliente} no tiene ninguna dirección de correo válida.")
    correo["From"] = remitente
    correo["To"] = para
    if copia:
        correo["Cc"] = copia
    correo["Reply-To"] = remitente
    correo["Subject"] = _limpio(mensaje.asunto)
    correo["Date"] = format_datetime(fecha if fecha.tzinfo else fecha.astimezone())
    correo["Message-ID"] = _limpio(message_id)
    return malas_para + malas_cc


def construir_correo(mensaje: Mensaje, *, remitente_nombre: str, remitente_correo: str, message_id: str,
                     carpeta_libro: Path, fecha: dt.datetime) -> CorreoListo:
    """The ``EmailMessage`` of ``mensaje``: headers, text + HTML alternatives, safe attachments.

    Raises ``ValueError`` (Spanish) when the sender address is malformed or no
    recipient address is valid: such a message cannot go anywhere.
    """
    try:
        remitente = Address(display_name=_limpio(remitente_nombre), addr_spec=_limpio(remitente_correo))
    except (ValueError, MessageError) as error:
        raise ValueError(f"El correo remitente «{_limpio(remitente_correo)}» no es válido.") from error
    correo = EmailMessage(policy=policy.default)
    omitidos = _encabezados(correo, mensaje, remitente, message_id, fecha)
    correo.set_content(mensaje.texto, subtype="plain", charset="utf-8", cte="quoted-printable")
    correo.add_alternative(mensaje.html, subtype="html", charset="utf-8", cte="quoted-printable")
    correo["Content-Language"] = "es"
    omitidos += _adjuntar(correo, mensaje.adjuntos, carpeta_libro)
    return CorreoListo(correo, omitidos)


def slug(texto: str, *, largo: int = 40) -> str:
    """ASCII file-name piece: ``"Ferretería El Tornillo"`` → ``"ferreteria-el-tornillo"``."""
    ascii_ = unicodedata.normalize("NFKD", str(texto)).encode("ascii", "ignore").decode("ascii")
    return _SLUG_INVALIDO.sub("-", ascii_.lower()).strip("-")[:largo].strip("-") or "sin-nombre"


def nombre_archivo(indice: int, aviso: Aviso) -> str:
    """Preview file name, e.g. ``007_ferreteria-el-tornillo_primer-aviso.eml``."""
    return f"{indice:03d}_{slug(aviso.cliente)}_{slug(aviso.etapa)}.eml"


def escribir_eml(correo: EmailMessage, carpeta: Path, nombre: str) -> Path:
    """Write the complete message (CRLF lines) as ``carpeta/nombre``; never overwrite.

    An existing file keeps its name and the new one gets ``_2``, ``_3``…
    before ``.eml``.  Returns the path written.
    """
    carpeta.mkdir(parents=True, exist_ok=True)
    base = Path(Path(nombre).name).stem or "mensaje"
    datos = correo.as_bytes(policy=policy.SMTP)
    for intento in range(1, 10_000):
        ruta = carpeta / (f"{base}.eml" if intento == 1 else f"{base}_{intento}.eml")
        if ruta.exists():
            continue
        try:
            with resguardo.escritura_atomica(ruta, sobrescribir=False) as temporal:
                temporal.write_bytes(datos)
        except FileExistsError:
            continue
        return ruta
    raise FileExistsError(f"Ya existen demasiadas vistas previas llamadas «{base}» en {carpeta}.")
