"""Gathering the evidence of country and currency (shell): the machine's locale, the cells' number formats.

:func:`configuracion_regional` reads the machine's regional setting without
changing it (``LC_ALL``, ``LC_MONETARY``, ``LANG``; on Windows the user's
locale name; on macOS ``AppleLocale``) and never fails: ``""`` when unknown.

:func:`formatos_de_numero` lists the number formats the cells of a workbook
use, as ``lectura.evidencia.Formato`` values: in an .xlsx the custom formats
of ``xl/styles.xml`` (``numFmts``, reached through ``cellXfs``) counted over
the sheets' ``s="…"`` attributes; in an .ods the data styles (currency symbol
and its language/country) counted over the cells' styles.  XML goes through
defusedxml and each part is read only up to a bound, so a huge or hostile
file costs little; an .xls or anything unreadable gives ``()``.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

from defusedxml import DefusedXmlException, ElementTree

from cartera.lectura.evidencia import Formato

_VARIABLES = ("LC_ALL", "LC_MONETARY", "LANG")
_SIN_PAIS = re.compile(r"(?i)(c|posix)(\.[\w-]+)?")
LIMITE_ESTILOS = 16 * 1024 * 1024
"""Bytes of ``styles.xml`` (or of an .ods's styles) read at most; a larger one is not looked at."""
LIMITE_HOJA = 64 * 1024 * 1024
"""Bytes of each sheet's XML (or of an .ods's ``content.xml``) scanned at most."""
MUESTRA_HOJA = 8 * 1024 * 1024
"""Bytes of an .xlsx sheet looked at for the formats its cells use: the first rows are evidence enough."""
_TROZO = 1024 * 1024
_PRIMER_PROPIO = 164
"""Excel's custom number formats have ids from 164; the built-in ones below follow the reader's locale."""
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_NUMBER = "{urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXTO_ODS = {"text": None, "currency-symbol": None, "day": "dd", "month": "mm", "year": "yyyy", "hours": "hh",
              "minutes": "mm", "seconds": "ss"}


# --- The machine's locale -----------------------------------------------------------------
def configuracion_regional() -> str:
    """The machine's locale as a string (``es_MX.UTF-8``, ``es-CO``, ``Spanish_Mexico``), ``""`` when unknown."""
    for variable in _VARIABLES:
        valor = os.environ.get(variable, "").strip()
        if valor and not _SIN_PAIS.fullmatch(valor):
            return valor
    if sys.platform == "win32":
        return _de_windows()
    if sys.platform == "darwin":
        return _de_macos()
    return ""


def _de_windows() -> str:  # pragma: no cover - Windows only
    try:
        import ctypes

        bufer = ctypes.create_unicode_buffer(85)
        if ctypes.windll.kernel32.GetUserDefaultLocaleName(bufer, len(bufer)):  # type: ignore[attr-defined]
            return bufer.value
    except (OSError, AttributeError, ValueError):
        pass
    import locale

    with contextlib.suppress(ValueError):
        return locale.getlocale()[0] or ""
    return ""


def _de_macos() -> str:  # pragma: no cover - macOS only
    programa = shutil.which("defaults")
    if not programa:
        return ""
    try:
        salida = subprocess.run([programa, "read", "-g", "AppleLocale"], capture_output=True, text=True,  # noqa: S603
                                timeout=2, check=True, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return ""
    return salida.stdout.strip()


# --- Number formats ------------------------------------------------------------------------
def formatos_de_numero(ruta: Path, hoja: str | None = None) -> tuple[Formato, ...]:
    """The number formats cells use (of sheet ``hoja``, or of every sheet), most used first; ``()`` when none
    tell anything or the file cannot be read (.xls, damaged)."""
    try:
        with zipfile.ZipFile(ruta) as paquete:
            nombres = set(paquete.namelist())
            if "xl/workbook.xml" in nombres:
                cuenta = _de_xlsx(paquete, hoja)
            elif "content.xml" in nombres:
                cuenta = _de_ods(paquete, hoja)
            else:
                return ()
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, ElementTree.ParseError, DefusedXmlException):
        return ()  # unreadable, damaged or hostile (an XML bomb): no evidence, never a failure
    return tuple(f._replace(celdas=n) for f, n in sorted(cuenta.items(), key=lambda x: (-x[1], x[0])))


_ETIQUETA_C = re.compile(rb"<(?:\w+:)?c\b([^>]*)>")
_ATRIBUTO_R = re.compile(rb'\br="([A-Z]+)(\d+)"')
_ATRIBUTO_S = re.compile(rb'\bs="(\d+)"')


def ceros_a_la_izquierda(ruta: Path, hoja: str, letra: str) -> dict[int, int]:
    """Excel row → digits of the zero-padded format (``000000`` → 6) of column ``letra``'s cell, for an .xlsx:
    the invoice number 123 the owner sees as 000123.  ``{}`` when there are none or the file cannot be read."""
    def anchos(paquete: zipfile.ZipFile) -> dict[int, int]:
        return {i: len(c) for i, c in _estilos_xlsx(paquete).items() if re.fullmatch(r"0{2,}", c)}
    return _por_estilo(ruta, hoja, letra, anchos)


def tachadas(ruta: Path, hoja: str, letra: str) -> tuple[int, ...]:
    """Excel rows whose cell in column ``letra`` is struck through (how many owners mark a voided invoice)."""
    def con_tachado(paquete: zipfile.ZipFile) -> dict[int, bool]:
        estilos = _leer(paquete, "xl/styles.xml", LIMITE_ESTILOS)
        if estilos is None:
            return {}
        raiz = ElementTree.fromstring(estilos)
        fuentes = raiz.find(f"{_S}fonts")
        tachada = [any(e.tag == f"{_S}strike" and e.get("val", "1") not in ("0", "false") for e in f)
                   for f in (fuentes if fuentes is not None else [])]
        xfs = raiz.find(f"{_S}cellXfs")
        return {i: True for i, xf in enumerate(xfs if xfs is not None else [])
                if (n := int(xf.get("fontId", "0"))) < len(tachada) and tachada[n]}
    return tuple(sorted(_por_estilo(ruta, hoja, letra, con_tachado)))


def _por_estilo(ruta: Path, hoja: str, letra: str, buscar) -> dict:
    """Excel row → ``buscar(paquete)[style]`` for the cells of column ``letra`` whose style ``buscar`` names."""
    try:
        with zipfile.ZipFile(ruta) as paquete:
            elegidos = buscar(paquete)
            parte = dict(_hojas_xlsx(paquete)).get(hoja) if elegidos else None
            if parte is None or parte not in paquete.namelist():
                return {}
            filas: dict = {}
            marca = f'r="{letra}'.encode()
            with paquete.open(parte) as xml:
                contenido = xml.read(LIMITE_HOJA)
            for etiqueta in _ETIQUETA_C.finditer(contenido):
                atributos = etiqueta.group(1)
                if marca in atributos and (r := _ATRIBUTO_R.search(atributos)) and r.group(1).decode() == letra:
                    if (estilo := _ATRIBUTO_S.search(atributos)) and int(estilo.group(1)) in elegidos:
                        filas[int(r.group(2))] = elegidos[int(estilo.group(1))]
            return filas
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, ElementTree.ParseError, DefusedXmlException):
        return {}


def _leer(paquete: zipfile.ZipFile, parte: str, limite: int) -> bytes | None:
    """The part's bytes, or None when it is missing or larger than ``limite``."""
    try:
        info = paquete.getinfo(parte)
    except KeyError:
        return None
    return paquete.read(parte) if info.file_size <= limite else None


def _hojas_xlsx(paquete: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part name) of every worksheet, in workbook order."""
    libro = ElementTree.fromstring(_leer(paquete, "xl/workbook.xml", LIMITE_ESTILOS) or b"<x/>")
    relaciones = ElementTree.fromstring(_leer(paquete, "xl/_rels/workbook.xml.rels", LIMITE_ESTILOS) or b"<x/>")
    destinos = {r.get("Id"): r.get("Target", "") for r in relaciones.iter(f"{_PR}Relationship")}
    hojas = []
    for elemento in libro.iter(f"{_S}sheet"):
        destino = destinos.get(elemento.get(f"{_R}id"), "")
        parte = destino.lstrip("/") if destino.startswith("/") else posixpath.normpath(posixpath.join("xl", destino))
        hojas.append((elemento.get("name", ""), parte))
    return hojas


def _estilos_xlsx(paquete: zipfile.ZipFile) -> dict[int, str]:
    """Cell style index (``s``) → its custom number-format code."""
    estilos = _leer(paquete, "xl/styles.xml", LIMITE_ESTILOS)
    if estilos is None:
        return {}
    raiz = ElementTree.fromstring(estilos)
    codigos = {int(f.get("numFmtId", "-1")): f.get("formatCode", "") for f in raiz.iter(f"{_S}numFmt")}
    xfs = raiz.find(f"{_S}cellXfs")
    return {i: codigos[n] for i, xf in enumerate(xfs if xfs is not None else [])
            if (n := int(xf.get("numFmtId", "0"))) >= _PRIMER_PROPIO and codigos.get(n)}


def _de_xlsx(paquete: zipfile.ZipFile, hoja: str | None) -> Counter:
    estilos = _estilos_xlsx(paquete)
    cuenta: Counter = Counter()
    if not estilos:
        return cuenta
    for nombre, parte in _hojas_xlsx(paquete):
        if (hoja is None or nombre == hoja) and parte in paquete.namelist():
            for indice, veces in _estilos_usados(paquete, parte).items():
                if indice in estilos:
                    cuenta[Formato(nombre, estilos[indice])] += veces
    return cuenta


def _estilos_usados(paquete: zipfile.ZipFile, parte: str) -> Counter:
    """Style index → cells using it, scanning at most :data:`LIMITE_HOJA` bytes of the sheet."""
    patron = re.compile(rb"<(?:\w+:)?c\b[^>]*?\ss=\"(\d+)\"")
    cuenta: Counter = Counter()
    leidos, resto = 0, b""
    with paquete.open(parte) as xml:
        while leidos < min(LIMITE_HOJA, MUESTRA_HOJA) and (trozo := xml.read(_TROZO)):
            leidos += len(trozo)
            texto = resto + trozo
            corte = texto.rfind(b">") + 1
            cuenta.update(patron.findall(texto, 0, corte))
            resto = texto[corte:]
    return Counter({int(indice): veces for indice, veces in cuenta.items()})


# --- OpenDocument ---------------------------------------------------------------------------
def _de_ods(paquete: zipfile.ZipFile, hoja: str | None) -> Counter:
    datos: dict[str, tuple[str, str, str]] = {}
    celdas: dict[str, str] = {}
    for parte in ("styles.xml", "content.xml"):
        contenido = _leer(paquete, parte, LIMITE_ESTILOS if parte == "styles.xml" else LIMITE_HOJA)
        if contenido is not None:
            _estilos_ods(ElementTree.fromstring(contenido), datos, celdas)
    contenido = _leer(paquete, "content.xml", LIMITE_HOJA)
    cuenta: Counter = Counter()
    if contenido is None:
        return cuenta
    for nombre, estilo, veces in _celdas_ods(ElementTree.fromstring(contenido)):
        dato = datos.get(celdas.get(estilo, ""))
        if dato and (hoja is None or nombre == hoja):
            cuenta[Formato(nombre, *dato)] += veces
    return cuenta


def _estilos_ods(raiz, datos: dict[str, tuple[str, str, str]], celdas: dict[str, str]) -> None:
    """Fill data style name → (pattern, symbol, country) for styles naming a country or a currency symbol, and
    cell style name → data style name."""
    for estilo in raiz.iter():
        nombre = estilo.get(f"{_STYLE}name", "")
        if estilo.tag == f"{_STYLE}style" and estilo.get(f"{_STYLE}data-style-name"):
            celdas[nombre] = estilo.get(f"{_STYLE}data-style-name")
        elif estilo.tag.startswith(_NUMBER) and estilo.tag.endswith("-style"):
            simbolo = estilo.find(f"{_NUMBER}currency-symbol")
            pais = (simbolo if simbolo is not None and simbolo.get(f"{_NUMBER}country") else estilo).get(f"{_NUMBER}country", "")
            texto = (simbolo.text or "").strip() if simbolo is not None else ""
            if pais or texto:
                datos[nombre] = (_patron_ods(estilo), texto, pais.upper())


def _patron_ods(estilo) -> str:
    """An Excel-like pattern of an ODS data style (``#,##0.00 €``, ``dd/mm/yyyy``), for the owner to recognise."""
    partes = []
    for hijo in estilo:
        clave = hijo.tag.removeprefix(_NUMBER)
        if clave == "number":
            decimales = int(hijo.get(f"{_NUMBER}decimal-places", "0") or 0)
            entero = "#,##0" if hijo.get(f"{_NUMBER}grouping") == "true" else "0"
            partes.append(entero + ("." + "0" * decimales if decimales else ""))
        elif clave in _TEXTO_ODS:
            partes.append(_TEXTO_ODS[clave] or hijo.text or "")
    return "".join(partes).strip()


def _celdas_ods(raiz) -> list[tuple[str, str, int]]:
    """(sheet, cell style, cells) for every styled cell or column default (repeats counted, capped)."""
    hallados = []
    for tabla in raiz.iter(f"{_TABLE}table"):
        nombre = tabla.get(f"{_TABLE}name", "")
        for fila in tabla.iter(f"{_TABLE}table-row"):
            filas = min(int(fila.get(f"{_TABLE}number-rows-repeated", "1")), 1000)
            for celda in fila:
                if estilo := celda.get(f"{_TABLE}style-name"):
                    columnas = min(int(celda.get(f"{_TABLE}number-columns-repeated", "1")), 1000)
                    if celda.get("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type"):
                        hallados.append((nombre, estilo, filas * columnas))
    return hallados
