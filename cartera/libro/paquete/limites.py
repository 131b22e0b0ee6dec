"""Limits a workbook package must respect before any reader inflates it: a zip bomb is refused in seconds.

Checked, in this order, before python-calamine (or anything else) reads a part:

1. from the zip's central directory (``ZipInfo.file_size``, nothing inflated):
   each part's uncompressed size (:data:`LIMITE_PARTE`), the package's total
   (:data:`LIMITE_TOTAL`) and each large part's compression ratio
   (:data:`LIMITE_PROPORCION`);
2. by streaming each worksheet (a few MB at a time, never more than its
   declared size): the extent of its used area — the largest row and column
   any cell names (:data:`LIMITE_FILAS`, :data:`LIMITE_COLUMNAS`) and their
   product (:data:`LIMITE_CELDAS`), because python-calamine allocates that
   whole rectangle: a two-cell sheet with a value at XFD1048576 makes it ask for
   half a terabyte and abort the process.  An .ods is streamed the same way,
   counting its cells with a value as its repeat attributes expand them.

A header that understates a part's size cannot defeat the limits: Python's
``zipfile`` stops inflating at the declared size, and python-calamine's zip
reader fails with «File is larger than its declared uncompressed size»; the
scan here also stops at the declared size plus one chunk.

The figures are generous for real owners (a book of 1,000,000 invoices on
about 20 columns passes; Excel itself stops at 1,048,576 rows and 16,384
columns) and are listed in the README's reliability section.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from typing import NamedTuple

from cartera.libro.paquete import PaqueteInvalido
from cartera.libro.paquete.codificacion import letras, numero_columna
from cartera.libro.paquete.flujo import CELDA, FILA, TROZO, columna_de, fila_de, secciones
from cartera.libro.paquete.partes import hojas

MB = 1024 * 1024
LIMITE_PARTE = 512 * MB
"""Uncompressed bytes of one part (a sheet's XML, the shared strings…); 100,000 invoices take about 32 MB."""
LIMITE_TOTAL = 1024 * MB
"""Uncompressed bytes of the whole package."""
LIMITE_PROPORCION = 200
"""Uncompressed / compressed size of a part above :data:`GRACIA_PROPORCION`; real sheets stay near 10, a bomb near 1,000."""
GRACIA_PROPORCION = 8 * MB
"""Parts smaller than this are not held to :data:`LIMITE_PROPORCION` (small parts of repeated XML compress very well)."""
LIMITE_ESTRUCTURA = 16 * MB
"""Uncompressed bytes of a part that only says how the package is built (``workbook.xml``, the ``.rels``,
``[Content_Types].xml``): a few KB in a real book, read whole by every reader."""
LIMITE_FILAS = 1_048_576
"""Excel's last row."""
LIMITE_COLUMNAS = 16_384
"""Excel's last column, XFD."""
LIMITE_CELDAS = 30_000_000
"""Cells of a sheet's used rectangle (last row × last column): 1,000,000 invoices on 30 columns."""

_ANCHA, _ANCHAS = re.compile(rb'r="[A-Z]{2}'), re.compile(rb'r="([A-Z]{2,})(\d+)"')
"""A cell ref with a column past Z (searched for first: one fast pass when there is none)."""
_LARGA, _LARGAS = re.compile(rb'r="[A-Z]?\d{7}'), re.compile(rb'r="[A-Z]?(\d{7,})"')
"""A row ref, or a cell ref in A–Z, with 7 digits or more (refs past Z are read whole by :data:`_ANCHAS`).
Any other ref lies within Z999999."""
_ENORME = 10**12
_ANCHO_SEGURO = LIMITE_CELDAS // LIMITE_FILAS
"""Up to this many columns, every row Excel allows stays within :data:`LIMITE_CELDAS`: the rows need no count."""


class Exceso(NamedTuple):
    """A limit the package goes over: which (``parte``, ``proporcion``, ``total``, ``filas``, ``columnas``,
    ``celdas``), where (the sheet's name, or the part's path; "" for the whole package), the figure and the limit."""

    limite: str
    donde: str
    cifra: int
    tope: int


def exceso_de_paquete(zf: zipfile.ZipFile) -> Exceso | None:
    """The first size limit the package goes over, read from its central directory only (nothing inflated)."""
    total = 0
    for info in zf.infolist():
        if info.file_size > LIMITE_PARTE:
            return Exceso("parte", _nombre(zf, info.filename), info.file_size, LIMITE_PARTE)
        if info.file_size > LIMITE_ESTRUCTURA and _estructura(info.filename):
            return Exceso("parte", info.filename, info.file_size, LIMITE_ESTRUCTURA)
        if info.file_size > GRACIA_PROPORCION and info.file_size > LIMITE_PROPORCION * max(info.compress_size, 1):
            proporcion = info.file_size // max(info.compress_size, 1)
            return Exceso("proporcion", _nombre(zf, info.filename), proporcion, LIMITE_PROPORCION)
        total += info.file_size
    return Exceso("total", "", total, LIMITE_TOTAL) if total > LIMITE_TOTAL else None


def _estructura(parte: str) -> bool:
    return parte.endswith((".rels", "/workbook.xml")) or parte == "[Content_Types].xml"


def _nombre(zf: zipfile.ZipFile, parte: str) -> str:
    """«hoja «Facturas»» for a worksheet part, else the part's path; the workbook's own parts are read only
    when within :data:`LIMITE_ESTRUCTURA`."""
    pequenas = all(i.file_size <= LIMITE_ESTRUCTURA for i in zf.infolist() if _estructura(i.filename))
    nombres = {p: f"hoja «{n}»" for n, p in _hojas(zf) if n != p} if pequenas else {}
    return nombres.get(parte, parte)


def exceso_de_hojas(zf: zipfile.ZipFile) -> Exceso | None:
    """The first sheet whose used area goes over the row, column or cell limits (each sheet streamed once)."""
    if "content.xml" in zf.NameToInfo and "xl/workbook.xml" not in zf.NameToInfo:
        return _exceso_ods(zf)
    for nombre, parte in _hojas(zf):
        if parte in zf.NameToInfo and (exceso := _exceso_hoja(zf, parte, nombre)):
            return exceso
    return None


def _hojas(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    try:
        return [(h.nombre, h.parte) for h in hojas(zf)]
    except (PaqueteInvalido, KeyError, ValueError, ET.ParseError, zipfile.BadZipFile, zlib.error, OSError, EOFError):
        # a package whose structure cannot be read: every sheet-like part, by path
        return [(n, n) for n in zf.NameToInfo if n.startswith("xl/worksheets/") and n.endswith(".xml")]


def _exceso_hoja(zf: zipfile.ZipFile, parte: str, nombre: str) -> Exceso | None:
    """Stream the sheet once looking only at the refs that can be far (fast); when some cell does not name its
    reference, stream it again counting every one; when it is wider than :data:`_ANCHO_SEGURO`, again for the
    refs whose row could make the rectangle too big."""
    try:
        filas, columnas, sin_referencia = _recorrer(zf, parte, nombre, rapida=True)
        if not isinstance(filas, Exceso) and sin_referencia:
            filas, columnas, _ = _recorrer(zf, parte, nombre, rapida=False)
        elif not isinstance(filas, Exceso) and columnas > _ANCHO_SEGURO:
            filas = max(filas, _ultima_fila(zf, parte, len(str(LIMITE_CELDAS // columnas))))
    except PaqueteInvalido:
        return None  # a sheet without cell data, or cut short: the reader says it is damaged
    if isinstance(filas, Exceso):
        return filas
    return _exceso_extension(nombre, filas, columnas, exacta=True)


def _recorrer(zf: zipfile.ZipFile, parte: str, nombre: str, *, rapida: bool) -> tuple:
    """(last row, last column, some cell without its reference); the row is exact only when not ``rapida``
    (then only rows of 7 digits or more are seen).  An :class:`Exceso` instead of the row as soon as one shows."""
    tope = zf.getinfo(parte).file_size + TROZO
    filas = columnas = leidos = 0
    sin_referencia, sin_ref = False, re.compile(rb"<c(?:[>/]|\s(?!r=\"))")
    with zf.open(parte) as src:
        for tipo, datos in secciones(src):
            if tipo == "cabeza":
                p = re.escape(datos.prefijo)
                # a cell not naming its ref first; a row without one matters only through such cells
                sin_ref = re.compile(rb"<" + p + rb"c(?:[>/]|\s(?!r=\"))")
                continue
            if tipo != "filas":
                break
            leidos += len(datos)
            if leidos > tope:  # zipfile stops at the declared size: this is the scan's own ceiling
                return Exceso("parte", f"hoja «{nombre}»", leidos, tope - TROZO), 0, False
            if rapida:
                sin_referencia = sin_referencia or sin_ref.search(datos) is not None
                f, c = _lejanas(datos)
            else:
                f, c = _extension_exacta(datos)
            filas, columnas = max(filas, f), max(columnas, c)
            if exceso := _exceso_extension(nombre, filas, columnas, exacta=not rapida):
                return exceso, 0, False
    return filas, columnas, sin_referencia


def _ultima_fila(zf: zipfile.ZipFile, parte: str, digitos: int) -> int:
    """The largest row any ref of ``digitos`` digits or more names (0: none); only those can make a sheet this
    wide go over :data:`LIMITE_CELDAS`, and in a real sheet they are few."""
    patron, ultima = re.compile(rb'r="[A-Z]{0,3}(\d{%d,})"' % digitos), 0
    with zf.open(parte) as src:
        for tipo, datos in secciones(src):
            if tipo == "filas":
                ultima = max(ultima, max((_entero(f) for f in patron.findall(datos)), default=0))
            elif tipo != "cabeza":
                break
    return ultima


def _lejanas(datos: bytes) -> tuple[int, int]:
    """(largest row of 7 digits or more, largest column past Z) among the refs in ``datos``; 0 when none."""
    filas = columnas = 0
    if _ANCHA.search(datos):
        for letras_, fila in _ANCHAS.findall(datos):
            columnas = max(columnas, numero_columna(letras_) if len(letras_) < 5 else _ENORME)
            filas = max(filas, _entero(fila))
    if _LARGA.search(datos):
        filas = max(filas, max((_entero(f) for f in _LARGAS.findall(datos)), default=0))
    return filas, columnas


def _entero(digitos: bytes) -> int:
    """The row number, or :data:`_ENORME` for a number of more than 12 digits (never converted whole)."""
    return int(digitos) if len(digitos) <= 12 else _ENORME


def _extension_exacta(datos: bytes) -> tuple[int, int]:
    """(last row, last column) of the whole rows in ``datos``, cell by cell, as python-calamine places them."""
    filas = columnas = fila = 0
    for m in FILA.finditer(datos):
        fila = fila_de(m.group(1), fila)
        filas, col = max(filas, fila), 0
        for c in CELDA.finditer(m.group(2) or b""):
            col = columna_de(c.group(1), col)
            filas, columnas = max(filas, _fila_de_celda(c.group(1), fila)), max(columnas, col)
    return filas, columnas


def _fila_de_celda(atributos: bytes, fila: int) -> int:
    m = re.search(rb'\br="[A-Z]*(\d+)"', atributos)
    return _entero(m.group(1)) if m else fila


def _exceso_extension(nombre: str, filas: int, columnas: int, *, exacta: bool) -> Exceso | None:
    """The limit (last row, last column) goes over; the area only when both are ``exacta`` (the fast pass
    sees the columns exactly but only the rows of 7 digits)."""
    donde = f"hoja «{nombre}»"
    if columnas > LIMITE_COLUMNAS:
        return Exceso("columnas", donde, columnas, LIMITE_COLUMNAS)
    if filas > LIMITE_FILAS:
        return Exceso("filas", donde, filas, LIMITE_FILAS)
    if exacta and filas * columnas > LIMITE_CELDAS:
        return Exceso("celdas", donde, filas * columnas, LIMITE_CELDAS)
    return None


# --- OpenDocument ---------------------------------------------------------------------------
_FILA_ODS = re.compile(rb"<table:table-row\b([^>]*?)(?:/>|>(.*?)</table:table-row>)", re.S)
_CELDA_ODS = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>")
_REPETIDAS = re.compile(rb'number-(?:rows|columns)-repeated="(\d+)"')


def _exceso_ods(zf: zipfile.ZipFile) -> Exceso | None:
    """An .ods's cells with a value, as its ``number-rows/columns-repeated`` attributes expand them (python-calamine
    expands them all), and its widest row up to its last value."""
    celdas, resto = 0, b""
    with zf.open("content.xml") as src:
        while trozo := src.read(TROZO):
            texto = resto + trozo
            corte = texto.rfind(b"</table:table-row>") + len(b"</table:table-row>") if b"</table:table-row>" in texto else 0
            for m in _FILA_ODS.finditer(texto, 0, corte):
                veces, ancho, con_valor = _repeticion(m.group(1)), 0, 0
                for c in _CELDA_ODS.finditer(m.group(2) or b""):
                    ancho += _repeticion(c.group(1))
                    if b"value-type=" in c.group(1):
                        con_valor, ultimo = con_valor + _repeticion(c.group(1)), ancho
                        if ultimo > LIMITE_COLUMNAS:
                            return Exceso("columnas", "", ultimo, LIMITE_COLUMNAS)
                celdas += veces * con_valor
                if celdas > LIMITE_CELDAS:
                    return Exceso("celdas", "", celdas, LIMITE_CELDAS)
            resto = texto[corte:]
    return None


def _repeticion(atributos: bytes) -> int:
    m = _REPETIDAS.search(atributos)
    return int(m.group(1)) if m else 1


# --- the owner's message --------------------------------------------------------------------
def _cifra(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _mb(n: int) -> str:
    return f"{_cifra(round(n / MB))} MB"


def mensaje(exceso: Exceso, archivo: str) -> str:
    """The Spanish message for the owner: the file, the limit, the figure, and what to do."""
    if exceso.donde.startswith("hoja"):
        donde, de = f"la {exceso.donde}", f"de la {exceso.donde}"
    elif exceso.donde:
        donde, de = f"la parte interna «{exceso.donde}»", f"de la parte interna «{exceso.donde}»"
    else:
        donde, de = "una hoja del libro", "las hojas del libro"
    limite, cifra, tope = exceso.limite, exceso.cifra, exceso.tope
    que = {
        "parte": f"{donde} ocupa {_mb(cifra)} sin comprimir, y el máximo por parte es {_mb(tope)}",
        "proporcion": f"{donde} se comprime {_cifra(cifra)} veces, y un libro real no pasa de {_cifra(tope)} "
                      "(es la forma de una «bomba zip», que al abrirla llenaría la memoria del equipo)",
        "total": f"todo el libro ocupa {_mb(cifra)} sin comprimir, y el máximo es {_mb(tope)}",
        "filas": f"{donde} llega hasta la fila {_cifra(cifra)}, y Excel termina en la {_cifra(tope)}",
        "columnas": f"{donde} llega hasta la columna número {_cifra(cifra)}, y Excel termina en la "
                    f"{letras(tope)} (la {_cifra(tope)})",
        "celdas": f"el área usada {de} abarca {_cifra(cifra)} celdas (desde la primera fila y columna hasta la "
                  f"última con algo escrito), y el máximo es {_cifra(tope)}",
    }[limite]
    return (f"No se leyó «{archivo}»: {que}. Un libro así no sale del uso normal de Excel: puede estar dañado o "
            "haber sido armado para dañar el equipo. Si es su libro, ábralo en Excel, borre las filas y columnas "
            "vacías o sobrantes del final de cada hoja (selecciónelas y use Eliminar), guárdelo y vuelva a "
            "intentar; si no, use una copia de respaldo.")
