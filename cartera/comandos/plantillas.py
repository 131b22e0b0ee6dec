"""Messages whose template failed: named, logged, shown, never sent (shell).

``redaccion.redactar`` sets aside every aviso whose template raised, with a
``FalloPlantilla``; the rest of the run goes on.  Here each one becomes a
``fallido`` result (row of Recordatorios and Historial, the run's exit code
1) whose detail says in Spanish which file, which line and what is wrong,
plus one note per broken place for the screen; Jinja's own text goes only
to ``cartera.log``.  The file is named as the owner sees it: relative to
the workbook's folder for their own (``plantillas/primer_aviso.usted.j2``),
by its name for one of cartera's.
"""

from __future__ import annotations

import logging
from pathlib import Path

from cartera.correo.despacho import Despachado, Despacho, no_redactados
from cartera.mensajes.diagnostico import FalloPlantilla, explicar
from cartera.mensajes.redaccion import REMEDIO, SinRedactar

log = logging.getLogger(__name__)

CLIENTES_EN_NOTA = 5
"""Clients named in a note; past that, «y N más» (all are in Recordatorios)."""


def _dentro(archivo: Path, carpeta: Path) -> bool:
    try:
        archivo.resolve().relative_to(carpeta.resolve())
    except (ValueError, OSError):
        return False
    return True


def archivo_visible(archivo: str, carpeta_libro: Path, propias: Path) -> str:
    """``archivo`` as the owner knows it: relative to the workbook's folder when theirs, else its name."""
    ruta = Path(archivo)
    if not ruta.is_absolute():  # a template name (nothing was read): the owner's file if they have one
        ruta = propias / archivo
        if not ruta.is_file():
            return archivo
    if _dentro(ruta, carpeta_libro):
        return ruta.resolve().relative_to(carpeta_libro.resolve()).as_posix()
    return ruta.name


def lugar(fallo: FalloPlantilla, carpeta_libro: Path, propias: Path) -> tuple[str, int | None]:
    """(file as shown, line): the innermost place in the owner's folder, else the innermost one."""
    suyos = [(a, n) for a, n in fallo.lugares if Path(a).is_absolute() and _dentro(Path(a), propias)]
    archivo, linea = (suyos or list(fallo.lugares) or [(fallo.plantilla, None)])[-1]
    return archivo_visible(archivo, carpeta_libro, propias), linea


def _clientes(nombres: list[str]) -> str:
    mostrados = ", ".join(nombres[:CLIENTES_EN_NOTA])
    return mostrados + (f" y {len(nombres) - CLIENTES_EN_NOTA} más" if len(nombres) > CLIENTES_EN_NOTA else "")


def sin_enviar(sin_redactar: tuple[SinRedactar, ...], despacho: Despacho, propias: Path) -> Despachado:
    """One ``fallido`` result per aviso and one note per (file, line, reason); Jinja's text to the log."""
    if not sin_redactar:
        return Despachado(())
    por_lugar: dict[str, list[str]] = {}
    motivos = []
    for aviso, fallo in sin_redactar:
        archivo, linea = lugar(fallo, despacho.carpeta_libro, propias)
        explicacion = explicar(archivo, linea, fallo.motivo)
        log.warning("%s; cliente %s, etapa %s. Detalle: %s", explicacion, aviso.cliente, aviso.etapa, fallo.detalle)
        por_lugar.setdefault(explicacion, []).append(aviso.cliente)
        motivos.append((aviso, f"{explicacion}: el mensaje no se preparó ni se envió."))
    notas = tuple(f"{explicacion}: no se preparó el mensaje de {len(clientes)} cliente(s) ({_clientes(clientes)}). "
                  f"{REMEDIO}" for explicacion, clientes in por_lugar.items())
    return Despachado(no_redactados(tuple(motivos), despacho), notas)
