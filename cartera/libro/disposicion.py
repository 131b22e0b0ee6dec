"""The layout last read from each workbook, so the screen can say «Así leí su libro» once per new layout.

``.cartera/disposicion.json`` beside the workbook: workbook file name → the
``Interpretacion.huella()`` of its last completed run (one folder may hold
several workbooks).  Remembered by every completed run, trials included: it
is a note about reading, not about the owner's books — the workbook and the
journal stay untouched — and a trial is exactly when an owner first checks a
new layout.  A missing or damaged file only means the short form is shown
again.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from cartera.libro import resguardo
from cartera.libro.diario import CARPETA

log = logging.getLogger(__name__)

ARCHIVO = "disposicion.json"


def _ruta(ruta_libro: Path) -> Path:
    return Path(ruta_libro).parent / CARPETA / ARCHIVO


def _todas(ruta_libro: Path) -> dict[str, str]:
    ruta = _ruta(ruta_libro)
    if not ruta.exists():
        return {}
    try:
        datos = json.loads(ruta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        log.warning("No se pudo leer %s: %s", ruta, error)
        return {}
    return {str(k): str(v) for k, v in datos.items()} if isinstance(datos, dict) else {}


def recordada(ruta_libro: Path) -> str | None:
    """The layout fingerprint remembered for this workbook, or None (never run, or the note is unreadable)."""
    return _todas(ruta_libro).get(Path(ruta_libro).name)


def es_nueva(ruta_libro: Path, huella: str) -> bool:
    """Whether ``huella`` differs from the one remembered for this workbook."""
    return recordada(ruta_libro) != huella


def recordar(ruta_libro: Path, huella: str) -> None:
    """Remember ``huella`` for this workbook (atomic; a read-only folder is only logged)."""
    ruta = _ruta(ruta_libro)
    todas = _todas(ruta_libro) | {Path(ruta_libro).name: huella}
    try:
        ruta.parent.mkdir(parents=True, exist_ok=True)
        with resguardo.escritura_atomica(ruta) as temporal:
            temporal.write_text(json.dumps(todas, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    except OSError as error:
        log.warning("No se pudo guardar %s: %s", ruta, error)
