"""One statement file, or several at once, read from disk into ``Extracto`` records.

The format is told by content, never by the file's name alone: Norma 43 (an 80-character «11» record first),
OFX (its header), camt.053 (its namespace), a spreadsheet (a zip package or an OLE file), and else a CSV
export (UTF-8, or Windows-1252 as Spanish-language banks write it; the delimiter sniffed among ``; , tab |``).
Reading several files is all or nothing: the first bad one raises ``ExtractoInvalido`` and nothing of any file
is returned, so a command registers nothing from a batch with a bad file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from cartera.conciliacion import camt, norma43, ofx
from cartera.conciliacion.movimientos import Extracto
from cartera.conciliacion.planillas import leer_planilla, ubicar_encabezados
from cartera.errores import ExtractoInvalido, LibroInvalido
from cartera.libro import apertura

LIMITE_BYTES = 50 * 1024 * 1024
"""A statement larger than this is not a statement (a year of a busy account is a few MB)."""
_FIRMA_ZIP = b"PK\x03\x04"
_DELIMITADORES = ";,\t|"


def formato_de(contenido: bytes) -> str:
    """«Norma 43», «OFX», «camt.053», «XLSX» (any spreadsheet package or OLE file) or «CSV», by content."""
    if norma43.parece_norma43(contenido):
        return norma43.FORMATO
    if ofx.parece_ofx(contenido):
        return ofx.FORMATO
    if camt.parece_camt(contenido):
        return camt.FORMATO
    if contenido.startswith((_FIRMA_ZIP, apertura.FIRMA_OLE)):
        return "XLSX"
    return "CSV"


def _texto(contenido: bytes) -> str:
    try:
        return contenido.decode("utf-8-sig")
    except UnicodeDecodeError:
        return contenido.decode("cp1252", errors="replace")


def filas_csv(contenido: bytes) -> list[list[str]]:
    """The rows of a CSV export; the delimiter is the one that splits the first lines most evenly."""
    texto = _texto(contenido)
    muestra = "\n".join(texto.splitlines()[:40])
    try:
        delimitador = csv.Sniffer().sniff(muestra, delimiters=_DELIMITADORES).delimiter
    except csv.Error:
        delimitador = max(_DELIMITADORES, key=muestra.count)
    return [fila for fila in csv.reader(texto.splitlines(), delimiter=delimitador)]


def _filas_hoja(ruta: Path, mapeo: Sequence[tuple[str, str]]) -> tuple[list[list], int]:
    """The rows of the first sheet whose header is recognised (the first sheet when none is), and its first row."""
    try:
        apertura.comprobar_archivo(ruta)
        libro = CalamineWorkbook.from_path(str(ruta))
        hojas = []
        for nombre in libro.sheet_names:
            hoja = libro.get_sheet_by_name(nombre)
            hojas.append((hoja.to_python(), (hoja.start or (0, 0))[0] + 1))
    except LibroInvalido as error:
        raise ExtractoInvalido(ruta.name, None, str(error)) from error
    except CalamineError as error:
        raise ExtractoInvalido(ruta.name, None, "la hoja de cálculo está dañada y no se puede leer: "
                               "descárguela de nuevo del banco.") from error
    for filas, primera in hojas:
        try:
            ubicar_encabezados(filas, ruta.name, mapeo)
            return filas, primera
        except ExtractoInvalido:
            continue
    return hojas[0] if hojas else ([], 1)


def _contenido(ruta: Path) -> bytes:
    try:
        if ruta.stat().st_size > LIMITE_BYTES:
            raise ExtractoInvalido(ruta.name, None, f"pesa más de {LIMITE_BYTES // 2**20} MB: no parece un extracto.")
        return ruta.read_bytes()
    except FileNotFoundError:
        raise ExtractoInvalido(str(ruta), None, "no se encuentra el archivo. Revise la carpeta y el nombre.") from None
    except IsADirectoryError:
        raise ExtractoInvalido(str(ruta), None, "es una carpeta, no un extracto.") from None
    except OSError as error:
        raise ExtractoInvalido(ruta.name, None, f"no se puede leer ({error.strerror or 'error del disco'}).") from None


def leer_extracto(ruta: Path, pais: str, moneda: str = "", *, mapeo: Sequence[tuple[str, str]] = ()) -> Extracto:
    """The movements of one statement file.  ``pais`` / ``moneda``: the workbook's, for CSV / XLSX exports
    (their amounts and dates are in the country's format; their currency, when no column says it).
    ``mapeo``: the owner's ``Extracto <campo>`` rows.  Raises ``ExtractoInvalido`` naming the file and line."""
    ruta = Path(ruta)
    contenido = _contenido(ruta)
    formato = formato_de(contenido)
    if formato == norma43.FORMATO:
        return norma43.leer_norma43(contenido, ruta.name)
    if formato == ofx.FORMATO:
        return ofx.leer_ofx(contenido, ruta.name, pais)
    if formato == camt.FORMATO:
        return camt.leer_camt(contenido, ruta.name, pais)
    if formato == "XLSX":
        filas, primera = _filas_hoja(ruta, mapeo)
        return leer_planilla(filas, ruta.name, formato, pais, moneda, mapeo=mapeo, primera_linea=primera)
    return leer_planilla(filas_csv(contenido), ruta.name, formato, pais, moneda, mapeo=mapeo)


def leer_extractos(rutas: Iterable[Path], pais: str, moneda: str = "", *,
                   mapeo: Sequence[tuple[str, str]] = ()) -> tuple[Extracto, ...]:
    """Every file, all or nothing: the first bad file raises ``ExtractoInvalido`` and none is returned."""
    return tuple(leer_extracto(Path(r), pais, moneda, mapeo=mapeo) for r in rutas)
