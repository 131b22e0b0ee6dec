"""Find formula cells with no saved result (shell: reads the .xlsx package; nothing to find in .xls/.ods).

python-calamine returns a formula's cached value.  A file written by a
program and never opened in Excel has formulas without one, and those
cells come out empty.  Only when a required cell came out empty do we look
at the sheet's XML for those cells: ``<c r="C5"><f>…</f></c>`` (no ``<v>``,
or an empty one) means "formula with no saved result"; ``t="e"`` means the
formula gives an error (``#DIV/0!`` …).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from cartera.lectura.problemas import MOTIVO_SIN_RESULTADO

_NS_PRINCIPAL = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PAQUETE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TROZO = 16 * 1024 * 1024


def ruta_de_hoja(paquete: zipfile.ZipFile, nombre: str) -> str | None:
    """The part name (``xl/worksheets/sheet2.xml``) of the sheet called ``nombre``."""
    libro = ET.fromstring(paquete.read("xl/workbook.xml"))
    relaciones = ET.fromstring(paquete.read("xl/_rels/workbook.xml.rels"))
    destinos = {r.get("Id"): r.get("Target", "") for r in relaciones.iter(f"{_NS_PAQUETE}Relationship")}
    for hoja in libro.iter(f"{_NS_PRINCIPAL}sheet"):
        if hoja.get("name") == nombre:
            destino = destinos.get(hoja.get(f"{_NS_REL}id"), "")
            return destino.lstrip("/") if destino.startswith("/") else posixpath.normpath(posixpath.join("xl", destino))
    return None


def _patron(referencias: set[str]) -> re.Pattern[bytes]:
    alternativas = b"|".join(re.escape(r.encode()) for r in sorted(referencias))
    return re.compile(rb'<(?:\w+:)?c\b([^>]*?\br="(' + alternativas + rb')"[^>]*)(?<!/)>(.*?)</(?:\w+:)?c>', re.DOTALL)


def _motivo(atributos: bytes, contenido: bytes) -> str | None:
    if b"<f" not in contenido and b":f" not in contenido:
        return None
    valor = re.search(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>", contenido)
    if valor is None or not valor.group(1).strip():
        return MOTIVO_SIN_RESULTADO
    if re.search(rb'\bt="e"', atributos):
        error = valor.group(1).decode(errors="replace")
        return f"La fórmula de esta celda da error ({error}): corríjala en Excel."
    return None


def formulas_sin_resultado(ruta: Path, nombre: str, referencias: set[str]) -> dict[str, str]:
    """Cell reference (``C5``) → reason, for those of ``referencias`` that hold a formula with no usable result."""
    if not referencias or not zipfile.is_zipfile(ruta):
        return {}  # an .xls: python-calamine gave the saved results, there is no XML to look at
    with zipfile.ZipFile(ruta) as paquete:
        if "xl/workbook.xml" not in paquete.namelist():
            return {}  # an .ods: LibreOffice always saves the results
        parte = ruta_de_hoja(paquete, nombre)
        if parte is None or parte not in paquete.namelist():
            return {}
        patron = _patron(referencias)
        hallados: dict[str, str] = {}
        with paquete.open(parte) as xml:
            resto = b""
            while trozo := xml.read(_TROZO):
                texto = resto + trozo
                corte = texto.rfind(b"</row>") + len(b"</row>") if b"</row>" in texto else 0
                _buscar(patron, texto[:corte], hallados)
                resto = texto[corte:]
            _buscar(patron, resto, hallados)
    return hallados


def _buscar(patron: re.Pattern[bytes], texto: bytes, hallados: dict[str, str]) -> None:
    for encontrado in patron.finditer(texto):
        motivo = _motivo(encontrado.group(1), encontrado.group(3))
        if motivo:
            hallados[encontrado.group(2).decode()] = motivo
