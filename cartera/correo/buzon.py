"""Reading the owner's mailbox over IMAP (IMAPClient), and what is remembered of it between runs.

One login with the keyring's app password, over a verified TLS context (``SSL`` or ``STARTTLS``;
``Ninguna`` only for a loopback server).  The folders read are the inbox and the one flagged
``\\All`` (Gmail's «All Mail», whatever its localized name): special-use flags, never names.  Each
is selected read-only and fetched with ``BODY.PEEK``, so nothing is marked read or moved.

Only the messages new since the last run are looked at: per folder its UIDVALIDITY and the last UID
seen are remembered in ``.cartera/buzon.json`` beside the journal, with every ``Llegada`` read so far
(what keeps a pause standing on later runs, and what keeps a message from counting twice when a
changed UIDVALIDITY makes the folder be read again by date).  First only the headers are fetched;
whole messages only for those that name one of our Message-IDs or look like a bounce.
"""

from __future__ import annotations

import datetime as dt
import imaplib
import json
import ssl
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from cartera import errores
from cartera.correo.gmail import NINGUNA, SEGURIDADES, SSL, STARTTLS, es_local
from cartera.decisiones import Llegada, TipoLlegada
from cartera.libro.diario import CARPETA
from cartera.libro.resguardo import escritura_atomica

ARCHIVO = "buzon.json"
PUERTOS = {SSL: 993, STARTTLS: 143, NINGUNA: 143}
"""Default port for each ``Seguridad IMAP`` (used when ``Puerto IMAP`` is 0)."""
BANDEJA = "INBOX"
LOTE = 200
"""UIDs fetched per FETCH command."""

ERRORES_IMAP: tuple[type[BaseException], ...] = (IMAPClientError, imaplib.IMAP4.error, OSError, errores.CorreoError)
"""What a failed read raises: refused login, IMAP disabled, timeout, server gone, bad settings."""


class AjustesIMAP(NamedTuple):
    """``Servidor IMAP``, ``Puerto IMAP``, ``Seguridad IMAP`` and the Gmail address that logs in."""

    servidor: str
    puerto: int
    seguridad: str
    usuario: str


class Carpeta(NamedTuple):
    """What is remembered of one folder: its UIDVALIDITY and the highest UID already looked at."""

    uidvalidity: int
    uid: int


class Memoria(NamedTuple):
    """``.cartera/buzon.json``: the folders' marks, every Llegada read so far, the day of the last read."""

    carpetas: dict[str, Carpeta]
    llegadas: tuple[Llegada, ...]
    leido: dt.date | None


class Leido(NamedTuple):
    """One read: the whole messages worth classifying (bytes, when the server got them) and the new marks."""

    mensajes: tuple[tuple[bytes, dt.datetime], ...]
    carpetas: dict[str, Carpeta]


def validar(ajustes: AjustesIMAP) -> AjustesIMAP:
    """The settings with the canonical security and port; ``CorreoError`` when they cannot be used."""
    seguridad = {s.casefold(): s for s in SEGURIDADES}.get(ajustes.seguridad.strip().casefold())
    if seguridad is None:
        raise errores.CorreoError(f"«Seguridad IMAP» debe ser SSL, STARTTLS o Ninguna, no «{ajustes.seguridad}».")
    if seguridad == NINGUNA and not es_local(ajustes.servidor):
        raise errores.CorreoError(f"«Seguridad IMAP» Ninguna solo se permite con un servidor local, no con "
                                  f"{ajustes.servidor}: use SSL (puerto 993).")
    return ajustes._replace(seguridad=seguridad, puerto=ajustes.puerto or PUERTOS[seguridad])


def leer(ajustes: AjustesIMAP, clave: str, carpetas: dict[str, Carpeta], desde: dt.date,
         interesa: Callable[[bytes], bool], *, tiempo_espera: float = 30.0) -> Leido:
    """The new messages of the inbox and «All Mail» that ``interesa`` (judged on their headers).

    A folder with no mark, or whose UIDVALIDITY changed, is read from ``desde`` (SINCE).  Raises one
    of ``ERRORES_IMAP`` when the server cannot be reached, refuses the login or drops the line.
    """
    ajustes = validar(ajustes)
    contexto = ssl.create_default_context()
    cliente = IMAPClient(ajustes.servidor, port=ajustes.puerto, ssl=ajustes.seguridad == SSL,
                         ssl_context=contexto if ajustes.seguridad == SSL else None, timeout=tiempo_espera)
    try:
        if ajustes.seguridad == STARTTLS:
            cliente.starttls(contexto)
        cliente.login(ajustes.usuario, clave)
        mensajes: list[tuple[bytes, dt.datetime]] = []
        marcas: dict[str, Carpeta] = {}
        for nombre in _carpetas(cliente):
            marca, nuevos = _leer_carpeta(cliente, nombre, carpetas.get(nombre), desde, interesa)
            marcas[nombre] = marca
            mensajes += nuevos
        return Leido(tuple(mensajes), marcas)
    finally:
        _cerrar(cliente)


def _carpetas(cliente: IMAPClient) -> list[str]:
    """The inbox, then the folder flagged ``\\All`` when the server has one."""
    todas = [nombre for banderas, _, nombre in cliente.list_folders() if b"\\All" in banderas]
    return [BANDEJA, *(n for n in todas[:1] if n.upper() != BANDEJA)]


def _leer_carpeta(cliente: IMAPClient, nombre: str, marca: Carpeta | None, desde: dt.date,
                  interesa: Callable[[bytes], bool]) -> tuple[Carpeta, list[tuple[bytes, dt.datetime]]]:
    estado = cliente.select_folder(nombre, readonly=True)
    validez = int(estado.get(b"UIDVALIDITY", 0))
    if marca is not None and marca.uidvalidity == validez:
        uids = [u for u in cliente.search(["UID", f"{marca.uid + 1}:*"]) if u > marca.uid]
        ultimo = marca.uid
    else:
        uids = list(cliente.search(["SINCE", desde]))
        ultimo = 0
    elegidos: list[int] = []
    for lote in _lotes(sorted(uids)):
        for uid, datos in cliente.fetch(lote, ["BODY.PEEK[HEADER]"]).items():
            if interesa(datos.get(b"BODY[HEADER]", b"")):
                elegidos.append(uid)
    mensajes = []
    for lote in _lotes(elegidos):
        for datos in cliente.fetch(lote, ["BODY.PEEK[]", "INTERNALDATE"]).values():
            recibido = datos.get(b"INTERNALDATE") or dt.datetime.now()
            mensajes.append((datos.get(b"BODY[]", b""), recibido.replace(tzinfo=None)))
    return Carpeta(validez, max([ultimo, *uids])), mensajes


def _lotes(uids: list[int]) -> Iterable[list[int]]:
    return (uids[i:i + LOTE] for i in range(0, len(uids), LOTE))


def _cerrar(cliente: IMAPClient) -> None:
    try:
        cliente.logout()
    except (*ERRORES_IMAP, AttributeError):  # the line is already gone: nothing to close politely
        try:
            cliente.shutdown()
        except (*ERRORES_IMAP, AttributeError):
            pass


# --- What is remembered between runs ------------------------------------------
def ruta_memoria(carpeta_libro: Path) -> Path:
    """``<carpeta>/.cartera/buzon.json``."""
    return Path(carpeta_libro) / CARPETA / ARCHIVO


def _llegada(d: dict) -> Llegada:
    return Llegada(dt.datetime.fromisoformat(d["fecha"]), TipoLlegada(d["tipo"]), str(d["cliente"]),
                   tuple(d.get("facturas", ())), str(d.get("de", "")), str(d.get("asunto", "")),
                   str(d.get("extracto", "")), tuple(d.get("direcciones", ())), str(d.get("message_id", "")),
                   str(d.get("original", "")))


def cargar(carpeta_libro: Path) -> Memoria:
    """What earlier runs remembered; an empty memory when there is none or it cannot be read."""
    try:
        datos = json.loads(ruta_memoria(carpeta_libro).read_text(encoding="utf-8"))
        carpetas = {str(n): Carpeta(int(c["uidvalidity"]), int(c["uid"])) for n, c in datos.get("carpetas", {}).items()}
        llegadas = tuple(_llegada(d) for d in datos.get("llegadas", ()))
        leido = dt.date.fromisoformat(datos["leido"]) if datos.get("leido") else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Memoria({}, (), None)
    return Memoria(carpetas, llegadas, leido)


def guardar(carpeta_libro: Path, memoria: Memoria) -> None:
    """Write ``.cartera/buzon.json`` atomically (a kill leaves the previous one whole)."""
    destino = ruta_memoria(carpeta_libro)
    destino.parent.mkdir(parents=True, exist_ok=True)
    datos = {
        "carpetas": {n: c._asdict() for n, c in memoria.carpetas.items()},
        "leido": memoria.leido.isoformat() if memoria.leido else None,
        "llegadas": [{**ll._asdict(), "fecha": ll.fecha.isoformat(timespec="seconds")} for ll in memoria.llegadas],
    }
    with escritura_atomica(destino) as temporal:
        temporal.write_text(json.dumps(datos, ensure_ascii=False, indent=1), encoding="utf-8")
