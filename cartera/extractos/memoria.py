"""What earlier runs remembered of the bank statements: ``<carpeta del libro>/.cartera/extractos.json``.

Two things: the files already processed (by the sha256 of their bytes, with their name and the day, so the
drop folder ``extractos/`` is read once per file and files are never moved), and the keys of the bank lines
already registered in ``Pagos`` (``conciliacion.movimientos.clave``), so that neither the same file again
nor next week's overlapping export registers a line twice.  Pagos' own key column (written with each
registered payment) is the other half of that guarantee: a key found in either is never registered again.
Written atomically (temp, fsync, replace); an unreadable memory is an empty one (Pagos' keys still hold).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from cartera.libro.diario import CARPETA
from cartera.libro.resguardo import escritura_atomica

ARCHIVO = "extractos.json"


class Procesado(NamedTuple):
    """A statement file already read: ``huella`` sha256 of its bytes, ``nombre`` as it was, ``fecha`` the day."""

    huella: str
    nombre: str
    fecha: dt.date


class Memoria(NamedTuple):
    """``archivos``: by huella; ``claves``: the keys of bank lines registered in Pagos; ``descartadas``: the keys
    of lines the owner answered «no» in «Por confirmar»."""

    archivos: dict[str, Procesado]
    claves: frozenset[str]
    descartadas: frozenset[str] = frozenset()

    def claves_de(self, en_pagos: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
        """(keys never to register again: those in Pagos and the discarded ones; keys registered before that are
        no longer in Pagos: the owner deleted the row or went back to a backup)."""
        return en_pagos | self.descartadas, self.claves - en_pagos - self.descartadas


VACIA = Memoria({}, frozenset())


def huella(contenido: bytes) -> str:
    """The sha256 of a file's bytes, in hex: the same file under another name is the same file."""
    return hashlib.sha256(contenido).hexdigest()


def ruta_memoria(carpeta_libro: Path) -> Path:
    """``<carpeta>/.cartera/extractos.json``."""
    return Path(carpeta_libro) / CARPETA / ARCHIVO


def cargar(carpeta_libro: Path) -> Memoria:
    """What earlier runs remembered; an empty memory when there is none or it cannot be read."""
    try:
        datos = json.loads(ruta_memoria(carpeta_libro).read_text(encoding="utf-8"))
        archivos = {str(a["huella"]): Procesado(str(a["huella"]), str(a["nombre"]), dt.date.fromisoformat(a["fecha"]))
                    for a in datos.get("archivos", ())}
        return Memoria(archivos, frozenset(str(c) for c in datos.get("claves", ())),
                       frozenset(str(c) for c in datos.get("descartadas", ())))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return VACIA


def con(memoria: Memoria, archivos: Iterable[Procesado] = (), claves: Iterable[str] = (),
        descartadas: Iterable[str] = ()) -> Memoria:
    """The memory plus these files, registered keys and discarded keys."""
    return Memoria({**memoria.archivos, **{a.huella: a for a in archivos}}, memoria.claves | frozenset(claves),
                   memoria.descartadas | frozenset(descartadas))


def guardar(carpeta_libro: Path, memoria: Memoria) -> None:
    """Write ``.cartera/extractos.json`` atomically (a kill leaves the previous one whole)."""
    destino = ruta_memoria(carpeta_libro)
    destino.parent.mkdir(parents=True, exist_ok=True)
    datos = {"archivos": [{**a._asdict(), "fecha": a.fecha.isoformat()} for a in
                          sorted(memoria.archivos.values(), key=lambda a: (a.fecha, a.nombre))],
             "claves": sorted(memoria.claves), "descartadas": sorted(memoria.descartadas)}
    with escritura_atomica(destino) as temporal:
        temporal.write_text(json.dumps(datos, ensure_ascii=False, indent=1), encoding="utf-8")


CARPETA_EXTRACTOS = "extractos"
"""The drop folder beside the workbook: statements put there are read by ``cartera cobrar`` before planning."""
EXTENSIONES = (".n43", ".aeb", ".csb", ".txt", ".ofx", ".qfx", ".xml", ".csv", ".xlsx", ".xls", ".ods")


def pendientes(carpeta_libro: Path, recordada: Memoria) -> tuple[tuple[Path, str], ...]:
    """(file, huella) of every statement in ``extractos/`` not processed yet, by name; a file already processed
    under another name counts as processed.  Hidden files, Excel's ``~$`` owner files and temp files are skipped."""
    carpeta = Path(carpeta_libro) / CARPETA_EXTRACTOS
    if not carpeta.is_dir():
        return ()
    salida = []
    for ruta in sorted(carpeta.iterdir()):
        if not ruta.is_file() or ruta.name.startswith((".", "~$")) or ruta.suffix.lower() not in EXTENSIONES:
            continue
        propia = huella(ruta.read_bytes())
        if propia not in recordada.archivos:
            salida.append((ruta, propia))
    return tuple(salida)
