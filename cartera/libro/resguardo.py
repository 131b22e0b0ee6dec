"""The owner's workbook kept safe: is Excel holding it, has it changed, backups, atomic replace.

Every writer of the workbook (the write-back, the one-cell edit of
``Correo remitente``) builds its new file beside the original, then calls
:func:`respaldar` and :func:`reemplazar`: a dated backup first, and the new
file moved over the original with ``os.replace`` only when the original has
not changed since it was read (:func:`huella_de`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

from cartera.errores import LibroOcupado

CARPETA_RESPALDOS = Path(".cartera") / "respaldos"
RESPALDOS_GUARDADOS = 10
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
    """Copy the original to ``.cartera/respaldos/<nombre>_AAAA-MM-DD_HHMMSS<ext>``; keep the last 10."""
    carpeta = ruta.parent / CARPETA_RESPALDOS
    carpeta.mkdir(parents=True, exist_ok=True)
    base = f"{ruta.stem}_{(ahora or dt.datetime.now()):%Y-%m-%d_%H%M%S}"
    mismos = [p for p in respaldos(ruta) if p.name.startswith(base)]
    n = len(mismos) and 1 + max(int(p.stem[len(base) + 1:] or 1) for p in mismos)
    destino = carpeta / (f"{base}_{n}{ruta.suffix}" if n else f"{base}{ruta.suffix}")
    shutil.copy2(ruta, destino)
    with open(destino, "rb") as f:
        os.fsync(f.fileno())
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
    if hasattr(os, "O_DIRECTORY"):
        descriptor = os.open(ruta.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
