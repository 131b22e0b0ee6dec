"""Messages whose template failed: named, logged, shown, never sent (shell).

``redaccion.redactar`` sets aside every aviso whose template raised, with a
``FalloPlantilla``; the rest of the run goes on.  Here each one becomes a
``fallido`` result (a row of Recordatorios; never journaled nor in
Historial, since nothing went out; the run's exit code 1) whose detail says in Spanish which file, which line and what is wrong,
plus one note per broken place for the screen; Jinja's own text goes only
to ``cartera.log``.  The file is named as the owner sees it: relative to
the workbook's folder for their own (``plantillas/primer_aviso.usted.j2``),
by its name for one of cartera's.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

from cartera.correo.despacho import Despachado, Despacho, no_redactados
from cartera.mensajes.diagnostico import FalloPlantilla, explicar
from cartera.mensajes.redaccion import NO_EXISTE, REMEDIO, REMEDIO_ORIGINAL, SinRedactar

log = logging.getLogger(__name__)

CLIENTES_EN_NOTA = 5
"""Clients named in a note; past that, «y N más» (all are in Recordatorios)."""


def _dentro(archivo: Path, carpeta: Path) -> bool:
    try:
        archivo.resolve().relative_to(carpeta.resolve())
    except (ValueError, OSError):
        return False
    return True


class Lugar(NamedTuple):
    """Where to point the owner: the file as they know it, its line (None: nothing was read) and whose it is."""

    archivo: str
    linea: int | None
    propio: bool


def lugar(fallo: FalloPlantilla, carpeta_libro: Path, propias: Path) -> Lugar:
    """The innermost place in the owner's folder, else the innermost one (one of cartera's templates).

    The owner's file is named relative to the workbook's folder (``plantillas/primer_aviso.usted.j2``);
    cartera's by its name.  With no place (the file could not be read, or does not exist), the template
    the message asked for, as the owner's file when they have one.
    """
    suyos = [(a, n) for a, n in fallo.lugares if Path(a).is_absolute() and _dentro(Path(a), propias)]
    if suyos or fallo.lugares:
        archivo, linea = (suyos or fallo.lugares)[-1]
    else:
        archivo, linea = str(propias / fallo.plantilla), None
    ruta = Path(archivo)
    if ruta.is_absolute() and _dentro(ruta, propias) and ruta.exists():
        return Lugar(ruta.resolve().relative_to(carpeta_libro.resolve()).as_posix(), linea, propio=True)
    return Lugar(fallo.plantilla if not fallo.lugares else ruta.name, linea, propio=False)


def _remedio(fallo: FalloPlantilla, donde: Lugar) -> str:
    if fallo.motivo == NO_EXISTE:
        return ""
    return " " + (REMEDIO if donde.propio else REMEDIO_ORIGINAL)


def _clientes(nombres: list[str]) -> str:
    mostrados = ", ".join(nombres[:CLIENTES_EN_NOTA])
    return mostrados + (f" y {len(nombres) - CLIENTES_EN_NOTA} más" if len(nombres) > CLIENTES_EN_NOTA else "")


def sin_enviar(sin_redactar: tuple[SinRedactar, ...], despacho: Despacho, propias: Path) -> Despachado:
    """One ``fallido`` result per aviso and one note per (file, line, reason); Jinja's text to the log."""
    if not sin_redactar:
        return Despachado(())
    por_lugar: dict[str, tuple[list[str], str]] = {}
    motivos = []
    for aviso, fallo in sin_redactar:
        donde = lugar(fallo, despacho.carpeta_libro, propias)
        original = not donde.propio and bool(fallo.lugares)
        explicacion = explicar(donde.archivo, donde.linea, fallo.motivo, original=original)
        log.warning("%s; cliente %s, etapa %s. Detalle: %s", explicacion, aviso.cliente, aviso.etapa, fallo.detalle)
        por_lugar.setdefault(explicacion, ([], _remedio(fallo, donde)))[0].append(aviso.cliente)
        motivos.append((aviso, f"{explicacion}: el mensaje no se preparó ni se envió."))
    notas = tuple(f"{explicacion}: no se preparó el mensaje de {len(clientes)} cliente(s) ({_clientes(clientes)})."
                  + remedio for explicacion, (clientes, remedio) in por_lugar.items())
    return Despachado(no_redactados(tuple(motivos), despacho), notas)
