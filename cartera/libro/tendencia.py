"""Each run's totals, kept in a small sidecar so the report can chart the trend.

``.cartera/totales.csv`` beside the workbook: one line per (fecha de corte,
moneda) with the total receivable and the total overdue in centavos.  Only the
file lives here: the points and their merge (a rerun for the same date replaces
that date's lines) are ``cartera.calculo.totales``.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from pathlib import Path

from cartera.calculo.totales import Punto
from cartera.libro import resguardo

log = logging.getLogger(__name__)


CAMPOS = ("fecha", "moneda", "total", "vencido")


def leer(carpeta_datos: Path) -> tuple[Punto, ...]:
    """Past points, oldest first; a damaged file is ignored (the trend is informative only)."""
    ruta = carpeta_datos / "totales.csv"
    if not ruta.exists():
        return ()
    try:
        with ruta.open(encoding="utf-8", newline="") as archivo:
            filas = list(csv.DictReader(archivo))
        puntos = [(dt.date.fromisoformat(f["fecha"]), f["moneda"], int(f["total"]), int(f["vencido"])) for f in filas]
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("No se pudo leer %s: %s", ruta, error)
        return ()
    return tuple(sorted(puntos))


def guardar(carpeta_datos: Path, puntos: tuple[Punto, ...]) -> None:
    """Write ``puntos`` (past and today's, already merged by ``totales.unir``) atomically."""
    carpeta_datos.mkdir(parents=True, exist_ok=True)
    with resguardo.escritura_atomica(carpeta_datos / "totales.csv") as temporal:
        with temporal.open("w", encoding="utf-8", newline="") as archivo:
            escritor = csv.writer(archivo)
            escritor.writerow(CAMPOS)
            escritor.writerows((p[0].isoformat(), p[1], p[2], p[3]) for p in puntos)
