"""The log file beside the workbook (``cartera.log``, rotated): tracebacks go here, never to the screen."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

NOMBRE_LOG = "cartera.log"
log = logging.getLogger("cartera")
log.addHandler(logging.NullHandler())  # before the log file exists, nothing leaks to the screen


def configurar(carpeta: Path) -> Path:
    """Send cartera's log records to ``carpeta/cartera.log`` (1 MB × 3 files). Returns the path."""
    ruta = carpeta / NOMBRE_LOG
    for manejador in list(log.handlers):
        log.removeHandler(manejador)
        manejador.close()
    try:
        manejador = RotatingFileHandler(ruta, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return ruta  # a read-only folder: run anyway, without a log file
    manejador.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(manejador)
    log.setLevel(logging.INFO)
    log.propagate = False
    return ruta
