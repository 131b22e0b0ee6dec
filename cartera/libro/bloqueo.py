"""The run lock: one cartera run at a time on a workbook's folder.

The lock is the operating system's: an exclusive, non-blocking ``flock`` on
POSIX or ``msvcrt.locking`` on Windows (through portalocker) on the empty file
``.cartera/bloqueo``, held on an open descriptor for the whole run.  The
kernel releases it when the process ends, however it ends (a kill, a power
cut of the process, a crash), so a lock can never be stale and nothing is
ever taken over.  A second run trying while the first holds it is refused at
once; it never waits and never guesses from timestamps or process ids.

The lock file is never deleted: unlinking a locked file lets a run that had
already opened it lock the old file while another run creates and locks a new
one under the same name, and both would send.  It is created once and stays.

Who holds the lock is written *after* it is acquired to ``.cartera/bloqueo.json``
(temporary file in the same folder, fsync, ``os.replace``), removed before it
is released, and read only to word the refusal.  A note that cannot be written
(a full disk) changes nothing: the lock is the OS lock, and a missing or
unreadable note gives a message without the holder's details.

A lock file that cannot be created (read-only folder, no permission, full
disk) or a folder whose file system has no locks (some network shares) stops
the run before anything is done, with a Spanish ``CarteraError``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import portalocker

from cartera.errores import CarteraError, LibroOcupado, causa_del_disco

CARPETA = ".cartera"
ARCHIVO = "bloqueo"
"""The locked file (empty; never deleted)."""
NOTA = "bloqueo.json"
"""Who holds the lock: ``equipo``, ``pid``, ``inicio``, ``libro``; only for the refusal message."""


@contextlib.contextmanager
def bloqueo(ruta_libro: Path) -> Iterator[Path]:
    """Hold the run lock of ``ruta_libro``'s folder for the ``with`` block; yields the lock file's path.

    Raises ``LibroOcupado`` when another run holds it and ``CarteraError``
    when the lock cannot be taken at all; in both cases nothing was done.
    """
    carpeta = Path(ruta_libro).absolute().parent / CARPETA
    ruta = carpeta / ARCHIVO
    descriptor = _abrir(ruta)
    try:
        _tomar(descriptor, ruta)
    except BaseException:
        os.close(descriptor)
        raise
    try:
        _anotar_titular(carpeta, Path(ruta_libro).name)
        yield ruta
    finally:
        _borrar_nota(carpeta)
        with contextlib.suppress(portalocker.LockException, OSError):
            portalocker.unlock(descriptor)
        os.close(descriptor)


def _abrir(ruta: Path) -> int:
    """Open (creating if needed) the lock file; never truncates, never deletes."""
    try:
        ruta.parent.mkdir(parents=True, exist_ok=True)
        return os.open(ruta, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
    except OSError as error:
        raise CarteraError(_sin_archivo(ruta.parent, error)) from error


def _tomar(descriptor: int, ruta: Path) -> None:
    """Take the OS lock without waiting: refuse when held, stop when the file system has no locks."""
    try:
        portalocker.lock(descriptor, portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING)
    except portalocker.AlreadyLocked:
        raise LibroOcupado(_ocupado(leer_nota(ruta.parent))) from None
    except portalocker.LockException as error:
        raise CarteraError(
            f"La carpeta {ruta.parent.parent} no admite el bloqueo de archivos con que cartera evita que dos "
            "ejecuciones envíen a la vez (pasa en algunas unidades de red). No se hizo nada: copie el libro a "
            "una carpeta de este equipo y ejecute cartera allí.") from error


def _sin_archivo(carpeta: Path, error: OSError) -> str:
    causa = causa_del_disco(error)
    remedio = ("Libere espacio en el disco y vuelva a ejecutar cartera." if "lleno" in causa or "cuota" in causa
               else "Use el libro desde una carpeta donde se pueda escribir.")
    return f"No se puede crear el archivo de bloqueo de cartera en la carpeta {carpeta}: {causa}. No se hizo nada. {remedio}"


def _ocupado(nota: dict) -> str:
    partes = [f"{nombre} {nota[clave]}" for clave, nombre in (("equipo", "equipo"), ("pid", "proceso"), ("inicio", "desde"))
              if clave in nota]
    quien = f" ({', '.join(partes)})" if partes else ""
    return f"Otra ejecución de cartera está usando este libro{quien}. Espere a que termine y vuelva a ejecutar cartera."


# --- the note: who holds the lock ----------------------------------------------------------

def leer_nota(carpeta: Path) -> dict:
    """The holder's note in ``carpeta`` (``.cartera``), with only well-formed fields; ``{}`` when there is none."""
    try:
        datos = json.loads((carpeta / NOTA).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(datos, dict):
        return {}
    tipos = {"equipo": str, "pid": int, "inicio": str, "libro": str}
    return {k: v for k, v in datos.items() if k in tipos and isinstance(v, tipos[k]) and not isinstance(v, bool) and v != ""}


def _anotar_titular(carpeta: Path, libro: str) -> None:
    """Write the note atomically (only the lock holder writes it); a note that cannot be written is dropped."""
    for viejo in carpeta.glob(f"{NOTA}.*.tmp"):  # left by a holder killed mid-write: we hold the lock now
        with contextlib.suppress(OSError):
            viejo.unlink()
    datos = {"equipo": socket.gethostname(), "pid": os.getpid(),
             "inicio": dt.datetime.now().isoformat(timespec="seconds"), "libro": libro}
    temporal = carpeta / f"{NOTA}.{os.getpid()}.tmp"
    try:
        with open(temporal, "w", encoding="utf-8") as f:
            json.dump(datos, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporal, carpeta / NOTA)
    except OSError:
        with contextlib.suppress(OSError):
            temporal.unlink()
        _borrar_nota(carpeta)  # a previous holder's note must not name the wrong run


def _borrar_nota(carpeta: Path) -> None:
    with contextlib.suppress(OSError):
        (carpeta / NOTA).unlink()
