"""Low-level editing of an .xlsx/.xlsm package, part by part, without a spreadsheet library.

An .xlsx is a zip of XML parts.  ``escritura`` rewrites only the parts that
change (the Facturas and Historial sheets, ``styles.xml``, and — when it has
to create Historial — ``workbook.xml``, its rels and ``[Content_Types].xml``);
this module finds those parts and edits them as text, so namespaces, prefixes
and every element we do not understand survive byte for byte.

The other modules of the package editor: ``codificacion`` (cell values),
``flujo`` (streaming a sheet), ``hoja`` (the sheet editor), ``exploracion``
(a sheet's header) and ``estilos`` (styles.xml).
"""

from __future__ import annotations

import posixpath
import re
import shutil
import time
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from typing import NamedTuple

from cartera.libro.paquete import PaqueteInvalido
from cartera.libro.paquete.codificacion import _texto

REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TIPO_HOJA = REL_DOC + "/worksheet"
CT_HOJA = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
TROZO = 1 << 22


# --- names, columns, parts -----------------------------------------------------

def clave_de_nombre(texto: str) -> str:
    """Comparison key of a sheet name: no accents, casefolded, single spaces, no trailing colon.

    Generic on purpose: the package editor may import nothing of cartera, so the
    domain's key (``lectura.esquema.normalizar``, which also knows the spellings
    of "número") is not available here.
    """
    sin = "".join(c for c in unicodedata.normalize("NFKD", str(texto)) if not unicodedata.combining(c))
    return " ".join(sin.casefold().split()).rstrip(":").rstrip()
def _local(etiqueta: str) -> str:
    return etiqueta.rsplit("}", 1)[-1]


def relaciones(zf: zipfile.ZipFile, parte: str) -> dict[str, tuple[str, str]]:
    """Relationship Id → (Type, resolved part path) of ``parte``."""
    carpeta, nombre = posixpath.split(parte)
    ruta = posixpath.join(carpeta, "_rels", nombre + ".rels")
    if ruta not in zf.NameToInfo:
        return {}
    salida = {}
    for rel in ET.fromstring(zf.read(ruta)):
        destino = rel.get("Target", "")
        if rel.get("TargetMode") != "External":
            destino = destino.lstrip("/") if destino.startswith("/") else posixpath.normpath(posixpath.join(carpeta, destino))
        salida[rel.get("Id", "")] = (rel.get("Type", ""), destino)
    return salida


def parte_libro(zf: zipfile.ZipFile) -> str:
    """Path of the workbook part (``xl/workbook.xml`` almost always)."""
    for tipo, destino in relaciones(zf, "").values():
        if tipo.endswith("/officeDocument"):
            return destino
    raise PaqueteInvalido("El archivo no es un libro de Excel (.xlsx) válido: falta la parte del libro.")


class ParteHoja(NamedTuple):
    """A worksheet of the package: its name as the user sees it (tab) and its part path in the zip."""

    nombre: str
    parte: str


def hojas(zf: zipfile.ZipFile) -> tuple[ParteHoja, ...]:
    """Every worksheet of the workbook, in tab order."""
    libro = parte_libro(zf)
    rels = relaciones(zf, libro)
    salida = []
    for nodo in ET.fromstring(zf.read(libro)).iter():
        if _local(nodo.tag) == "sheet":
            rid = next((v for k, v in nodo.attrib.items() if k.startswith("{") and _local(k) == "id"), "")
            tipo, destino = rels.get(rid, ("", ""))
            if tipo.endswith("/worksheet"):
                salida.append(ParteHoja(nodo.get("name", ""), destino))
    return tuple(salida)


def buscar_hoja(zf: zipfile.ZipFile, nombre: str) -> ParteHoja | None:
    """The worksheet named ``nombre``: exactly, else ignoring case, accents, spaces and a trailing colon."""
    todas = hojas(zf)
    clave = clave_de_nombre(nombre)
    return next((h for h in todas if h.nombre == nombre), None) or next(
        (h for h in todas if clave_de_nombre(h.nombre) == clave), None)


def fecha1904(zf: zipfile.ZipFile) -> bool:
    """True when the workbook uses the 1904 date system (old Mac workbooks)."""
    return re.search(rb'date1904="(1|true)"', zf.read(parte_libro(zf))) is not None


def parte_estilos(zf: zipfile.ZipFile) -> str | None:
    """Path of ``styles.xml``, None when the workbook has none."""
    rels = relaciones(zf, parte_libro(zf))
    return next((d for t, d in rels.values() if t.endswith("/styles") and d in zf.NameToInfo), None)
# --- adding a sheet, copying the package -----------------------------------------------

HOJA_VACIA = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              b'xmlns:r="' + REL_DOC.encode() + b'"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/>'
              b'</sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.7" right="0.7" '
              b'top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')


def _antes_de_cierre(xml: bytes, nombre: bytes, elemento: bytes) -> bytes:
    m = list(re.finditer(rb"</(?:[\w.-]+:)?%s>" % nombre, xml))
    if not m:
        raise PaqueteInvalido("El libro tiene una estructura que cartera no reconoce; no se modificó.")
    return xml[: m[-1].start()] + elemento + xml[m[-1].start():]


def anadir_hoja(zf: zipfile.ZipFile, nombre: str) -> tuple[str, dict[str, bytes]]:
    """A new worksheet at the end: (its part path, edited workbook.xml, rels and content types)."""
    partes, estructura = anadir_hojas(zf, (nombre,))
    return partes[0], estructura


def anadir_hojas(zf: zipfile.ZipFile, nombres: Sequence[str]) -> tuple[list[str], dict[str, bytes]]:
    """New worksheets at the end, in order: (their part paths, edited workbook.xml, rels and content types)."""
    libro = parte_libro(zf)
    carpeta = posixpath.dirname(libro)
    ruta_rels = posixpath.join(carpeta, "_rels", posixpath.basename(libro) + ".rels")
    xml, rels, tipos = zf.read(libro), zf.read(ruta_rels), zf.read("[Content_Types].xml")
    partes: list[str] = []
    n = 1
    for nombre in nombres:
        while (parte := posixpath.join(carpeta, f"worksheets/sheet{n}.xml")) in zf.NameToInfo:
            n += 1
        n += 1
        partes.append(parte)
        usados = set(re.findall(rb'\bId="([^"]+)"', rels))
        rid = next(b"rId%d" % k for k in range(1, len(usados) + 2) if b"rId%d" % k not in usados)
        rels = _antes_de_cierre(rels, b"Relationships", b'<Relationship Id="%s" Type="%s" Target="%s"/>' % (
            rid, TIPO_HOJA.encode(), parte[len(carpeta) + 1 if carpeta else 0:].encode()))
        p = re.search(rb"<([\w.-]+:)?workbook\b", xml).group(1) or b""
        ids = [int(x) for x in re.findall(rb'<(?:[\w.-]+:)?sheet\b[^>]*?\bsheetId="(\d+)"', xml)]
        # the relationships prefix is declared on the element itself: openpyxl, for one, binds it on each
        # <sheet> rather than on <workbook>, so a prefix seen elsewhere in the part may not be in scope here
        atributo = b'xmlns:r="%s" r:id' % REL_DOC.encode()
        hoja = b'<%ssheet name="%s" sheetId="%d" %s="%s"/>' % (p, _texto(nombre), max(ids, default=0) + 1, atributo, rid)
        xml = _antes_de_cierre(xml, b"sheets", hoja)
        tipos = _antes_de_cierre(tipos, b"Types",
                                 b'<Override PartName="/%s" ContentType="%s"/>' % (parte.encode(), CT_HOJA.encode()))
    return partes, {libro: xml, ruta_rels: rels, "[Content_Types].xml": tipos}


def _info(original: zipfile.ZipInfo) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(original.filename, original.date_time)
    info.compress_type = original.compress_type
    info.external_attr, info.create_system, info.comment = original.external_attr, original.create_system, original.comment
    return info


def copiar_paquete(zin: zipfile.ZipFile, zout: zipfile.ZipFile, cambios: dict, nuevas: dict[str, bytes]) -> None:
    """Every entry of ``zin`` into ``zout`` in the same order and compression; ``cambios`` maps a
    part to new bytes or to a function ``(src, dst)`` that streams it; ``nuevas`` are added at the end."""
    for original in zin.infolist():
        cambio, info = cambios.get(original.filename), _info(original)
        info._compresslevel = zout.compresslevel  # noqa: SLF001 - zipfile reads the level from here (3.11)
        if isinstance(cambio, bytes):
            zout.writestr(info, cambio)
            continue
        with zin.open(original) as src, zout.open(info, "w", force_zip64=original.file_size > 1 << 30) as dst:
            if cambio is None:
                shutil.copyfileobj(src, dst, TROZO)
            else:
                cambio(src, dst)
    for nombre, datos in nuevas.items():
        zout.writestr(zipfile.ZipInfo(nombre, time.localtime()[:6]), datos, compress_type=zipfile.ZIP_DEFLATED)
