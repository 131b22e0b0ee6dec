"""Each run's totals, kept in a small sidecar so the report can chart the trend.

``.cartera/totales.csv`` beside the workbook: one line per (fecha de corte,
moneda) with the total receivable and the total overdue in centavos.  A rerun
for the same date replaces that date's lines.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import os
from pathlib import Path

import pandas as pd

log = logging.getLogger(__name__)


Punto = tuple[dt.date, str, int, int]
CAMPOS = ("fecha", "moneda", "total", "vencido")


def puntos_de(facturas: pd.DataFrame, fecha: dt.date) -> tuple[Punto, ...]:
    """Today's (fecha, moneda, total por cobrar, total vencido) per currency, from the computed facturas."""
    abiertas = facturas[facturas["abierta"]]
    if abiertas.empty:
        return ()
    vencido = abiertas["saldo"].where(abiertas["dias_vencidos"] > 0, 0)
    grupos = pd.DataFrame({"moneda": abiertas["moneda"], "total": abiertas["saldo"], "vencido": vencido})
    sumas = grupos.groupby("moneda", sort=True).sum()
    return tuple((fecha, str(m), int(f.total), int(f.vencido)) for m, f in sumas.iterrows())


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


def guardar(carpeta_datos: Path, nuevos: tuple[Punto, ...]) -> tuple[Punto, ...]:
    """Merge today's points (replacing the same date's) and write atomically. Returns all points."""
    fechas = {p[0] for p in nuevos}
    puntos = tuple(sorted([p for p in leer(carpeta_datos) if p[0] not in fechas] + list(nuevos)))
    carpeta_datos.mkdir(parents=True, exist_ok=True)
    temporal = carpeta_datos / "totales.csv.tmp"
    with temporal.open("w", encoding="utf-8", newline="") as archivo:
        escritor = csv.writer(archivo)
        escritor.writerow(CAMPOS)
        escritor.writerows((p[0].isoformat(), p[1], p[2], p[3]) for p in puntos)
    os.replace(temporal, carpeta_datos / "totales.csv")
    return puntos
