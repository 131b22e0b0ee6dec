"""What openpyxl would drop or damage if it saved a workbook (informative, in Spanish).

cartera's writer (``escritura``) keeps all of it; this list explains why it
edits the package in place instead of saving through openpyxl.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from cartera.libro.paquete import flujo as fx

_RIESGOS_POR_NOMBRE = (
    ("xl/vbaProject.bin", "macros (VBA)"),
    ("xl/media/", "imágenes"),
    ("xl/charts/", "gráficos"),
    ("xl/pivotTables/", "tablas dinámicas"),
    ("xl/slicers/", "segmentaciones de datos"),
    ("xl/timelines/", "escalas de tiempo"),
    ("xl/ctrlProps/", "controles de formulario"),
    ("xl/externalLinks/", "vínculos a otros libros"),
    ("xl/threadedComments/", "comentarios encadenados"),
    ("xl/model/", "modelo de datos (Power Pivot)"),
)
_RIESGOS_POR_CONTENIDO = (
    ("xl/drawings/", rb"<(?:[\w.-]+:)?sp\b", "formas y cuadros de texto"),
    ("xl/worksheets/", rb"sparklineGroup", "minigráficos (sparklines)"),
    ("xl/worksheets/", rb"<(?:[\w.-]+:)?controls\b", "controles de formulario"),
    ("xl/worksheets/", rb"<(?:[\w.-]+:)?f[ >]", "los últimos valores calculados de las fórmulas"),
)


def partes_en_riesgo(ruta: Path) -> tuple[str, ...]:
    """What openpyxl would drop or damage if it saved this workbook (Spanish, informative only).

    cartera's writer keeps all of it: this explains why it edits the file in place.
    """
    with zipfile.ZipFile(ruta) as z:
        nombres = z.namelist()
        hallados = [texto for prefijo, texto in _RIESGOS_POR_NOMBRE if any(n.startswith(prefijo) for n in nombres)]
        for prefijo, patron, texto in _RIESGOS_POR_CONTENIDO:
            partes = [n for n in nombres if n.startswith(prefijo) and n.endswith(".xml") and "/_rels/" not in n]
            if any(_contiene(z, n, re.compile(patron)) for n in partes):
                hallados.append(texto)
    return tuple(dict.fromkeys(hallados))


def _contiene(z: zipfile.ZipFile, parte: str, patron: re.Pattern) -> bool:
    with z.open(parte) as f:
        cola = b""
        while trozo := f.read(fx.TROZO):
            if patron.search(cola + trozo):
                return True
            cola = trozo[-64:]
    return False
