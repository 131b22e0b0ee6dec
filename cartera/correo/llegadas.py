"""What one message in the owner's mailbox is to us: a reply, a bounce, a delay, or nothing.

Pure functions of the message's bytes and the messages we sent (the journal): no I/O.
:mod:`cartera.correo.buzon` fetches the bytes over IMAP.

* **Tie to ours**: the Message-IDs the message names (``In-Reply-To``, ``References``,
  ``X-Original-Message-ID``, and for a bounce the returned message or headers it carries) against
  the journal's; a bounce naming none of ours is tied by the failed address when we wrote to it.
* **Bounce or delay**: a delivery-status report (``multipart/report``), a message from
  MAILER-DAEMON/postmaster, or one with ``X-Failed-Recipients``.  The failed addresses come from
  flufl.bounce's detectors (they know Gmail's, Exim's, Postfix's, Exchange's… formats), else from
  ``X-Failed-Recipients``; the kind from the report's ``Status`` (``5.x.x`` permanent = ``rebote``,
  ``4.x.x`` or ``Action: delayed`` = ``retraso``), read here.
* **Reply**: names one of our Message-IDs, is not from the owner, is not automatic
  (``Auto-Submitted``, ``Precedence: bulk/junk/list``, ``X-Autoreply``, ``X-Autorespond``,
  ``X-Auto-Response-Suppress``, an out-of-office subject).
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
from collections.abc import Mapping
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import parseaddr, parsedate_to_datetime

from flufl.bounce import all_failures

from cartera.decisiones import Llegada, Resultado, TipoLlegada

_ID = re.compile(rb"<[^<>\s@]+@[^<>\s]+>")
_ID_EN_TEXTO = re.compile(r"^\s*Message-ID:\s*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)
_ESTADO = re.compile(r"\b([245])\.\d{1,3}\.\d{1,3}\b")
_DAEMON = re.compile(r"mailer-daemon|postmaster|mail delivery (subsystem|system)", re.IGNORECASE)
_AUSENCIA = re.compile(r"^\s*(respuesta autom[aá]tica|automatic reply|auto(matic)?[- ]?reply|auto:|fuera de (la )?oficina|"
                       r"out of (the )?office|ausente|vacaciones|abwesend)", re.IGNORECASE)
_CITA = re.compile(r"^\s*(el .{0,200}escribi[oó]:?|on .{0,200}wrote:?|-{2,}\s*(mensaje original|original message)\s*-{2,}|"
                   r"(de|from):\s.+|_{5,})\s*$", re.IGNORECASE)
LARGO_EXTRACTO = 300
LINEAS_EXTRACTO = 4


def cabeceras_interesan(cabeceras: bytes, nuestros: frozenset[str]) -> bool:
    """From a message's headers alone: might it be a reply or a bounce of ours (worth fetching whole)?"""
    texto = cabeceras.decode("ascii", "replace")
    campos = BytesHeaderParser(policy=email.policy.compat32).parsebytes(cabeceras)
    nombrados = " ".join(str(v) for h in ("In-Reply-To", "References", "X-Original-Message-ID") for v in campos.get_all(h, []))
    if any(i.decode("ascii", "replace") in nuestros for i in _ID.findall(nombrados.encode("utf-8", "replace"))):
        return True  # (its own Message-ID does not count: our sent messages sit in «All Mail» too)
    return bool(_DAEMON.search(texto) or re.search(r"^x-failed-recipients:|multipart/report", texto, re.IGNORECASE | re.MULTILINE))


def _direccion(valor: str) -> str:
    return parseaddr(valor or "")[1].strip()


def _nombrados(msg: Message) -> list[str]:
    """The Message-IDs the message names as the one it answers (its own headers)."""
    valores = " ".join(str(msg.get_all(h, [""])[0] if msg.get_all(h) else "")
                       for h in ("In-Reply-To", "References", "X-Original-Message-ID"))
    return [i.decode() for i in _ID.findall(valores.encode("utf-8", "replace"))]


def _devueltos(msg: Message) -> list[str]:
    """Message-IDs of the original a bounce carries (message/rfc822, text/rfc822-headers, or quoted in its text)."""
    ids: list[str] = []
    for parte in msg.walk():
        tipo = parte.get_content_type()
        if tipo == "message/rfc822":
            interno = parte.get_payload(0) if parte.is_multipart() else None
            if isinstance(interno, Message) and interno.get("Message-ID"):
                ids.append(str(interno["Message-ID"]).strip())
        elif tipo in ("text/rfc822-headers", "text/plain"):
            ids += _ID_EN_TEXTO.findall(_texto(parte))
    return ids


def _texto(parte: Message) -> str:
    try:
        datos = parte.get_payload(decode=True) or b""
    except (LookupError, ValueError):
        return ""
    return datos.decode(parte.get_content_charset() or "utf-8", "replace") if isinstance(datos, bytes) else ""


def es_rebote(msg: Message) -> bool:
    """A delivery-status report, a mailer-daemon notice, or a message naming failed recipients."""
    return (msg.get_content_type() == "multipart/report" or "X-Failed-Recipients" in msg
            or bool(_DAEMON.search(str(msg.get("From", "")))))


def es_automatica(msg: Message) -> bool:
    """An auto-reply (out of office, vacation, list traffic): never a client's answer."""
    if str(msg.get("Auto-Submitted", "no")).strip().lower() not in ("", "no"):
        return True
    if str(msg.get("Precedence", "")).strip().lower() in ("bulk", "junk", "list", "auto_reply"):
        return True
    if any(h in msg for h in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress")):
        return True
    return bool(_AUSENCIA.match(str(msg.get("Subject", ""))))


def _estados(msg: Message) -> list[tuple[str, str, str]]:
    """(address, status digit, action) per recipient block of the delivery-status part(s)."""
    filas = []
    for parte in msg.walk():
        if parte.get_content_type() != "message/delivery-status":
            continue
        for bloque in parte.get_payload() if parte.is_multipart() else []:
            destino = str(bloque.get("Final-Recipient") or bloque.get("Original-Recipient") or "")
            estado = _ESTADO.search(str(bloque.get("Status", "")))
            if destino or estado:
                filas.append((destino.split(";")[-1].strip(), estado.group(0) if estado else "",
                              str(bloque.get("Action", "")).strip().lower()))
    return filas


def _fallidas(crudo: bytes, msg: Message) -> tuple[tuple[str, ...], TipoLlegada]:
    """The failed addresses and whether the failure is permanent (``rebote``) or a delay (``retraso``)."""
    temporales, permanentes = all_failures(email.message_from_bytes(crudo))
    estados = [e for e in _estados(msg) if not (e[1].startswith("2") or e[2] in ("delivered", "relayed", "expanded"))]
    direcciones = [d.decode("utf-8", "replace") if isinstance(d, bytes) else str(d) for d in (*permanentes, *temporales)]
    direcciones += [d for d, _, _ in estados if d]
    direcciones += [d.strip() for d in str(msg.get("X-Failed-Recipients", "")).split(",") if d.strip()]
    vistas: dict[str, str] = {}
    for d in direcciones:
        vistas.setdefault(d.casefold(), d)
    digitos = {e[0] for _, e, _ in estados if e} or set(_ESTADO.findall(_texto_legible(msg)))
    demora = any(a == "delayed" for _, _, a in estados) or ("4" in digitos and "5" not in digitos)
    if not estados and not digitos and temporales and not permanentes:
        demora = True
    return tuple(vistas.values()), TipoLlegada.RETRASO if demora else TipoLlegada.REBOTE


def _texto_legible(msg: Message) -> str:
    """The first text/plain part that is not the returned original (else the HTML one, tags removed)."""
    html = ""
    for parte in msg.walk():
        if parte.get_content_type() == "message/rfc822":
            break
        if parte.get_content_type() == "text/plain" and not parte.get_filename():
            return _texto(parte)
        if parte.get_content_type() == "text/html" and not html:
            html = re.sub(r"<br\s*/?>|</p>|</div>", "\n", _texto(parte), flags=re.IGNORECASE)
            html = re.sub(r"<[^>]+>", "", html)
    return html


def extracto(texto: str) -> str:
    """The first lines of a reply, quoted text and what follows «El … escribió:» left out."""
    lineas: list[str] = []
    for linea in texto.replace("\r", "").split("\n"):
        if _CITA.match(linea) or linea.strip() == "--":
            break
        if linea.lstrip().startswith(">") or not linea.strip():
            continue
        lineas.append(" ".join(linea.split()))
        if len(lineas) == LINEAS_EXTRACTO:
            break
    resumen = " ".join(lineas)
    return resumen if len(resumen) <= LARGO_EXTRACTO else resumen[: LARGO_EXTRACTO - 1].rstrip() + "…"


def _cabecera(cabeceras: Message, nombre: str) -> str:
    """A header as text (RFC 2047 words and raw UTF-8 both read right, by the ``default`` policy), spaces folded."""
    try:
        return " ".join(str(cabeceras.get(nombre, "") or "").split())
    except (LookupError, ValueError, TypeError, IndexError):  # a header too broken to read: left out
        return ""


RAZONES = (("5.1.", "La dirección no existe"), ("5.2.2", "El buzón del destinatario está lleno"),
           ("5.7.", "El servidor del destinatario rechazó el mensaje"), ("5.", "No se pudo entregar el mensaje"),
           ("4.", "Entrega demorada: el servidor sigue intentando"))
"""The owner's reason for a delivery status code (the first prefix that matches)."""


def _razon(tipo: TipoLlegada, estados: list[tuple[str, str, str]], texto: str) -> str:
    """«La dirección no existe (5.1.1).»: the bounce's reason in Spanish, from its status code."""
    leido = re.search(r"\b[45]\.\d{1,3}\.\d{1,3}\b", texto)
    codigo = next((e for _, e, _ in estados if e), leido.group(0) if leido else "")
    codigo = codigo or ("4.0.0" if tipo == TipoLlegada.RETRASO else "5.0.0")
    razon = next((r for prefijo, r in RAZONES if codigo.startswith(prefijo)), "No se pudo entregar el mensaje")
    return f"{razon} ({codigo})." if not codigo.endswith(".0.0") else f"{razon}."


def _fecha(msg: Message, recibido: dt.datetime) -> dt.datetime:
    try:
        fecha = parsedate_to_datetime(str(msg.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        return recibido
    return fecha.astimezone().replace(tzinfo=None) if fecha.tzinfo else fecha


def _por_direccion(direcciones: tuple[str, ...], enviados: Mapping[str, Resultado]) -> Resultado | None:
    """The latest message of ours sent to one of ``direcciones`` (a bounce that names none of our IDs)."""
    buscadas = {d.casefold() for d in direcciones}
    candidatos = [r for r in enviados.values() if buscadas & {d.casefold() for d in r.destinatarios}]
    return max(candidatos, key=lambda r: r.fecha_hora, default=None)


def clasificar(crudo: bytes, enviados: Mapping[str, Resultado], propia: str, recibido: dt.datetime) -> Llegada | None:
    """What the message ``crudo`` is to us; None when it is not about a message of ours (or is automatic).

    ``enviados``: our messages by Message-ID (the journal).  ``propia``: the owner's address (what the
    owner writes is never a client's reply).  ``recibido``: when the server got it (used when the
    message has no readable Date).
    """
    msg = email.message_from_bytes(crudo, policy=email.policy.compat32)
    cabeceras = BytesHeaderParser(policy=email.policy.default).parsebytes(crudo)
    asunto, de = _cabecera(cabeceras, "Subject"), _direccion(_cabecera(cabeceras, "From"))
    propio_id = str(msg.get("Message-ID", "")).strip()
    if es_rebote(msg):
        direcciones, tipo = _fallidas(crudo, msg)
        original = next((enviados[i] for i in [*_nombrados(msg), *_devueltos(msg)] if i in enviados), None)
        original = original or _por_direccion(direcciones, enviados)
        if original is None:
            return None
        if original.destinatarios:  # only the addresses we wrote to (a forwarder may name others)
            nuestras = {d.casefold() for d in original.destinatarios}
            direcciones = tuple(d for d in direcciones if d.casefold() in nuestras) or direcciones
        motivo = " ".join(p for p in (_razon(tipo, _estados(msg), _texto_legible(msg)), extracto(_texto_legible(msg))) if p)
        return Llegada(_fecha(msg, recibido), tipo, original.cliente, original.facturas, de, asunto, motivo,
                       direcciones, propio_id, original.message_id)
    original = next((enviados[i] for i in _nombrados(msg) if i in enviados), None)
    if original is None or es_automatica(msg) or (de and de.casefold() == propia.strip().casefold()):
        return None
    return Llegada(_fecha(msg, recibido), TipoLlegada.RESPUESTA, original.cliente, original.facturas, de, asunto,
                   extracto(_texto_legible(msg)), (), propio_id, original.message_id)

