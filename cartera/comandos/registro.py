"""The log file beside the workbook (``cartera.log``, rotated): tracebacks go here, never to the screen."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

NOMBRE_LOG = "cartera.log"
log = logging.getLogger("cartera")
log.addHandler(logging.NullHandler())  # before the log file exists, nothing leaks to the screen


class _Archivo(RotatingFileHandler):
    """The log file; a write it cannot make (a full disk) is dropped silently, never printed on screen."""

    fallo = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging API
        type(self).fallo = True


def escribe() -> bool:
    """Whether the log file took every record so far (else the screen must not send the owner there)."""
    return not _Archivo.fallo and any(isinstance(m, _Archivo) for m in log.handlers)


def configurar(carpeta: Path) -> Path:
    """Send cartera's log records to ``carpeta/cartera.log`` (1 MB × 3 files). Returns the path."""
    ruta = carpeta / NOMBRE_LOG
    for manejador in list(log.handlers):
        log.removeHandler(manejador)
        manejador.close()
    try:
        manejador = _Archivo(ruta, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return ruta  # a read-only folder: run anyway, without a log file
    manejador.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(manejador)
    log.setLevel(logging.INFO)
    log.propagate = False
    return ruta
