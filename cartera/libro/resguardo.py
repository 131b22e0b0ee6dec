"""The owner's workbook kept safe: is Excel holding it, has it changed, backups, atomic writes.

Every writer of the workbook (the write-back, the one-cell edit of
``Correo remitente``) builds its new file beside the original, then calls
:func:`respaldar` and :func:`reemplazar`: a dated backup first, and the new
file moved over the original with ``os.replace`` only when the original has
not changed since it was read (:func:`huella_de`).

Every other file cartera writes (report, previews, backups, notes in
``.cartera``) is written the same way: to a temp file in the same folder
(:func:`temporal_junto_a`, named ``.~cartera-tmp-…``), fsynced, then renamed
(:func:`escritura_atomica`), so a kill or a full disk leaves either the old
file or the complete new one, never a truncated file under a good name.  The
temp files a killed run leaves are swept by the next run
(:func:`barrer_temporales`), recognised by name *and* content.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cartera.errores import LibroOcupado, error_de_disco

log = logging.getLogger(__name__)

CARPETA_RESPALDOS = Path(".cartera") / "respaldos"
RESPALDOS_GUARDADOS = 10
PREFIJO_TEMPORAL = ".~cartera-tmp-"
"""Every temp file cartera makes starts so (hidden on Linux and macOS, marked hidden on Windows)."""
PREFIJOS_ANTIGUOS = (".~antiguedad_",)
"""Temp names of earlier versions, swept too."""
_CONTENIDOS_PROPIOS = (b"PK\x03\x04", b"{", b"fecha,", b"MIME-Version:", b"Content-Type:", b"From:", b"Subject:")
"""How cartera's own temp files begin (zip packages, JSON notes, the totals CSV, .eml previews); an empty one is ours too."""
_CIERRE_EXCEL = "Cierre el archivo en Excel y vuelva a ejecutar cartera; lo hecho hoy quedó anotado y se pasará al libro."


# --- Excel has it open -----------------------------------------------------------

def archivos_de_bloqueo(ruta: Path) -> tuple[Path, ...]:
    """Owner files that Excel (``~$name``) or LibreOffice (``.~lock.name#``) keep beside an open workbook."""
    nombres = {"~$" + ruta.name, "~$" + ruta.name[2:], f".~lock.{ruta.name}#"}
    return tuple(ruta.parent / n for n in sorted(nombres) if (ruta.parent / n).exists())


def comprobar_cerrado(ruta: Path) -> None:
    """Raise ``LibroOcupado`` when the workbook is open in Excel or LibreOffice."""
    abiertos = archivos_de_bloqueo(ruta)
    if abiertos:
        raise LibroOcupado(f"El libro «{ruta.name}» está abierto en Excel (existe {abiertos[0].name}). {_CIERRE_EXCEL} "
                           f"Si Excel no está abierto, borre el archivo {abiertos[0].name}.")


def huella_de(ruta: Path) -> tuple[int, int]:
    """(size, mtime) of the file: ``reemplazar`` refuses to overwrite a workbook that changed meanwhile."""
    estado = ruta.stat()
    return estado.st_size, estado.st_mtime_ns



def respaldar(ruta: Path, ahora: dt.datetime | None = None) -> Path:
    """Copy the original to ``.cartera/respaldos/<nombre>_AAAA-MM-DD_HHMMSS<ext>``; keep the last 10.

    The copy is made under a temp name, fsynced, checked whole and only then
    renamed: a file under a backup's name is always a complete copy.  A copy
    that cannot be completed is removed and raises ``DiscoError`` (the caller
    then leaves the workbook as it is).
    """
    carpeta = ruta.parent / CARPETA_RESPALDOS
    base = f"{ruta.stem}_{(ahora or dt.datetime.now()):%Y-%m-%d_%H%M%S}"
    mismos = [p for p in respaldos(ruta) if p.name.startswith(base)]
    n = len(mismos) and 1 + max(int(p.stem[len(base) + 1:] or 1) for p in mismos)
    destino = carpeta / (f"{base}_{n}{ruta.suffix}" if n else f"{base}{ruta.suffix}")
    try:
        carpeta.mkdir(parents=True, exist_ok=True)
        with escritura_atomica(destino) as temporal:
            shutil.copy2(ruta, temporal)
            if temporal.stat().st_size != ruta.stat().st_size:
                raise OSError(errno.EIO, "copia incompleta", str(temporal))
    except OSError as error:
        raise error_de_disco(error, "hacer la copia de seguridad del libro", carpeta) from error
    for viejo in respaldos(ruta)[:-RESPALDOS_GUARDADOS]:
        viejo.unlink(missing_ok=True)
    return destino


def respaldos(ruta: Path) -> list[Path]:
    """The backups of this workbook, oldest first."""
    patron = re.compile(re.escape(ruta.stem) + r"_(\d{4}-\d{2}-\d{2}_\d{6})(?:_(\d+))?" + re.escape(ruta.suffix))
    carpeta = ruta.parent / CARPETA_RESPALDOS
    hallados = [(p, patron.fullmatch(p.name)) for p in carpeta.glob("*")] if carpeta.is_dir() else []
    return [p for p, m in sorted((x for x in hallados if x[1]), key=lambda x: (x[1].group(1), int(x[1].group(2) or 1)))]


def reemplazar(tmp: Path, ruta: Path, huella: tuple[int, int]) -> None:
    """Atomically put ``tmp`` in place of ``ruta``, unless Excel has it open or it changed since ``huella``."""
    comprobar_cerrado(ruta)
    if huella_de(ruta) != huella:
        raise LibroOcupado(f"El libro «{ruta.name}» cambió mientras cartera trabajaba (¿se guardó desde Excel?). "
                           "No se modificó; vuelva a ejecutar cartera.")
    shutil.copymode(ruta, tmp)
    try:
        os.replace(tmp, ruta)
    except PermissionError as error:
        raise LibroOcupado(f"No se pudo guardar «{ruta.name}»: otro programa lo tiene abierto. {_CIERRE_EXCEL}") from error
    sincronizar_carpeta(ruta.parent)


# --- atomic writes and the temp files they leave --------------------------------

def temporal_junto_a(destino: Path, sufijo: str | None = None) -> Path:
    """A new empty ``.~cartera-tmp-…`` file in ``destino``'s folder (same disk: the rename is atomic)."""
    descriptor, nombre = tempfile.mkstemp(prefix=PREFIJO_TEMPORAL, suffix=destino.suffix if sufijo is None else sufijo,
                                          dir=destino.parent)
    os.close(descriptor)
    if sys.platform == "win32":  # dot-files are not hidden on Windows: mark it, so that it never looks like the owner's
        import ctypes
        ctypes.windll.kernel32.SetFileAttributesW(nombre, 0x02)
    return Path(nombre)


def sincronizar(ruta: Path) -> None:
    """fsync a written file, so that a rename after it never publishes an empty one after a power cut."""
    with open(ruta, "rb+") as f:
        os.fsync(f.fileno())


def sincronizar_carpeta(carpeta: Path) -> None:
    """fsync a folder (its renames reach the disk); nothing where the OS has no such call."""
    if hasattr(os, "O_DIRECTORY"):
        descriptor = os.open(carpeta, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def escritura_atomica(destino: Path, *, sobrescribir: bool = True) -> Iterator[Path]:
    """Yield a temp path beside ``destino``; once the block has written it, fsync and rename it to ``destino``.

    On any failure (or a kill) ``destino`` is untouched and the temp file is
    removed (or swept by the next run).  ``sobrescribir=False``: raise
    ``FileExistsError`` rather than replace an existing ``destino``.
    """
    temporal = temporal_junto_a(destino)
    try:
        yield temporal
        sincronizar(temporal)
        if sobrescribir:
            os.replace(temporal, destino)
        else:
            _publicar_sin_sobrescribir(temporal, destino)
        sincronizar_carpeta(destino.parent)
    finally:
        temporal.unlink(missing_ok=True)


def _publicar_sin_sobrescribir(temporal: Path, destino: Path) -> None:
    """Give ``temporal`` the name ``destino`` only if no file has it (a hard link fails on an existing name)."""
    if sys.platform == "win32":
        os.rename(temporal, destino)  # Windows' rename refuses an existing name
        return
    try:
        os.link(temporal, destino)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if destino.exists():
            raise FileExistsError(errno.EEXIST, "existe", str(destino)) from None
        os.replace(temporal, destino)


def es_temporal_propio(ruta: Path) -> bool:
    """A temp file of cartera's making: its name starts with ``.~cartera-tmp-`` (or an older prefix) and its
    content begins like one of cartera's files (or it is empty)."""
    if not ruta.name.startswith((PREFIJO_TEMPORAL, *PREFIJOS_ANTIGUOS)) or not ruta.is_file():
        return False
    try:
        with open(ruta, "rb") as f:
            inicio = f.read(16)
    except OSError:
        return False
    return not inicio or inicio.startswith(_CONTENIDOS_PROPIOS)


def barrer_temporales(carpeta_libro: Path, subcarpetas: tuple[str, ...] = ()) -> int:
    """Remove the temp files killed runs left beside the workbook, in ``.cartera`` and its backups, and in
    ``subcarpetas`` (and their dated folders); called under the run lock.  Returns how many were removed."""
    carpeta = Path(carpeta_libro)
    lugares = [carpeta, carpeta / ".cartera", carpeta / CARPETA_RESPALDOS]
    for nombre in subcarpetas:
        lugares += [carpeta / nombre, *(p for p in (carpeta / nombre).glob("*") if p.is_dir())]
    barridos = 0
    for lugar in lugares:
        for ruta in lugar.glob(".~*") if lugar.is_dir() else ():
            if es_temporal_propio(ruta):
                try:
                    ruta.unlink()
                    barridos += 1
                except OSError as error:
                    log.warning("No se pudo borrar el temporal %s: %s", ruta, error)
    if barridos:
        log.info("Se borraron %d archivos temporales de una ejecución interrumpida", barridos)
    return barridos
