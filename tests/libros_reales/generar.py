"""Rebuild the corpus of real-world-shaped receivables workbooks in this folder.

``python tests/libros_reales/generar.py`` writes every book of the ``libros_*`` modules
with openpyxl (or xlsxwriter) into a temporary folder, then lets LibreOffice
open and save each one (``soffice --convert-to xlsx|xls|ods``), so formula
cells carry the cached values an office program saves, exactly as owners'
files look.  Beside each book it writes ``<libro>.json``: the values the owner
typed (the source of truth of ``tests/test_libros_reales.py``), the country,
the fecha de corte, and which Excel rows are titles, totals and subtotals.

After converting it reads every book back (python-calamine, the reader cartera
uses) and checks that each formula cell it knows holds the expected cached
value, and records what LibreOffice kept (tables, merged cells, number
formats, text dates) in the JSON under ``tras_libreoffice``.

Needs LibreOffice (``soffice``); CI does not run this script, it only reads the
committed files.  The data is fixed (no clock, no random module), so a rebuild
gives the same figures.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

AQUI = Path(__file__).resolve().parent
CORTE = dt.date(2026, 11, 30)
PERFIL_LO = "file:///tmp/lo-corpus"
NO_VACIA = "no vacía"
"""Expected value of a formula cell whose cached value depends on the day (=HOY())."""


@dataclass
class Cliente:
    """A client as the owner identifies it (``clave``: what the invoices refer to)."""

    clave: str
    nombre: str
    id_fiscal: str = ""
    correos: tuple[str, ...] = ()
    telefono: str = ""
    dias_credito: int | None = None


@dataclass
class Factura:
    """One invoice row as the owner typed it.  ``total`` None: the book only keeps the balance."""

    hoja: str
    fila: int
    factura: str
    cliente: str
    emision: dt.date
    total: Decimal | None
    moneda: str
    vencimiento: dt.date | None = None
    dias_credito: int | None = None
    pagado_fila: Decimal | None = None
    saldo_columna: Decimal | None = None
    estado: str = ""
    cerrada: bool = False
    disputa: bool = False
    nota_credito: bool = False
    rechazada: bool = False
    numero_tecleado: object = None
    nota: str = ""


@dataclass
class Pago:
    """One row of a payments sheet.  ``factura`` None: a payment naming only its client."""

    hoja: str
    fila: int
    fecha: dt.date
    monto: Decimal
    factura: str | None
    cliente: str | None
    metodo: str = ""
    moneda: str | None = None


@dataclass
class Libro:
    """One book of the corpus: how to write it and what it holds."""

    nombre: str  # file name in this folder, with its extension
    familia: str
    pais: str
    locale: str
    moneda: str
    descripcion: str
    escribir: Callable[[Path], None]  # writes the source workbook (.xlsx) at the given path
    hoja_facturas: str
    fila_encabezado: int
    clientes: list[Cliente] = field(default_factory=list)
    facturas: list[Factura] = field(default_factory=list)
    pagos: list[Pago] = field(default_factory=list)
    no_datos: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # hoja → [(fila, tipo)]
    celdas: list[tuple[str, str, object]] = field(default_factory=list)  # (hoja, ref, cached value expected)
    particularidades: list[str] = field(default_factory=list)
    convertir: bool = True  # False: committed as written (no LibreOffice round trip)

    @property
    def formato(self) -> str:
        return self.nombre.rsplit(".", 1)[1]

    @property
    def json(self) -> str:
        return self.nombre.rsplit(".", 1)[0] + ".json"


# --- JSON ---------------------------------------------------------------------------------------

def _valor(valor: object) -> object:
    if isinstance(valor, Decimal):
        return f"{valor:.2f}"
    if isinstance(valor, dt.date):
        return valor.isoformat()
    if isinstance(valor, tuple):
        return list(valor)
    return valor


def _registro(objeto: object) -> dict:
    return {clave: _valor(valor) for clave, valor in vars(objeto).items()}


def descripcion_json(libro: Libro, tras: dict) -> dict:
    """The source-of-truth description of ``libro`` (what ``test_libros_reales`` reads)."""
    rechazadas = [f.fila for f in libro.facturas if f.rechazada]
    clientes = {c.clave: c for c in libro.clientes}
    facturas = [{**_registro(f), "cliente_nombre": clientes[f.cliente].nombre, "id_fiscal": clientes[f.cliente].id_fiscal}
                for f in libro.facturas]
    return {
        "libro": libro.nombre,
        "familia": libro.familia,
        "descripcion": libro.descripcion,
        "particularidades": libro.particularidades,
        "pais": libro.pais,
        "locale": libro.locale,
        "moneda": libro.moneda,
        "fecha_corte": CORTE.isoformat(),
        "formato": libro.formato,
        "hoja_facturas": libro.hoja_facturas,
        "fila_encabezado": libro.fila_encabezado,
        "filas_no_datos": {hoja: [{"fila": f, "tipo": t} for f, t in filas] for hoja, filas in libro.no_datos.items()},
        "filas_rechazadas": {libro.hoja_facturas: rechazadas} if rechazadas else {},
        "codigo_salida": 1 if rechazadas else 0,
        "clientes": [_registro(c) for c in libro.clientes],
        "facturas": facturas,
        "pagos": [_registro(p) for p in libro.pagos],
        "tras_libreoffice": tras,
    }


# --- LibreOffice round trip ---------------------------------------------------------------------

def convertir(fuente: Path, formato: str, destino: Path) -> Path:
    """Open ``fuente`` in LibreOffice and save it as ``formato`` into the folder ``destino``."""
    orden = ["soffice", f"-env:UserInstallation={PERFIL_LO}", "--headless", "--convert-to", formato,
             "--outdir", str(destino), str(fuente)]
    resultado = subprocess.run(orden, capture_output=True, text=True, timeout=180, check=False)
    salida = destino / f"{fuente.stem}.{formato}"
    if resultado.returncode != 0 or not salida.exists():
        raise SystemExit(f"LibreOffice no convirtió {fuente.name}: {resultado.stdout}{resultado.stderr}")
    return salida


def _referencia(ref: str) -> tuple[int, int]:
    letras = "".join(c for c in ref if c.isalpha())
    columna = 0
    for letra in letras:
        columna = columna * 26 + ord(letra.upper()) - 64
    return int(ref[len(letras):]) - 1, columna - 1


def verificar_celdas(ruta: Path, celdas: list[tuple[str, str, object]]) -> list[str]:
    """Problems with the cached values of the formula cells in ``celdas`` (read as cartera reads them)."""
    from python_calamine import CalamineWorkbook

    libro = CalamineWorkbook.from_path(str(ruta))
    problemas = []
    for hoja, ref, esperado in celdas:
        datos = libro.get_sheet_by_name(hoja)
        filas, (fila0, col0) = datos.to_python(), tuple(datos.start or (0, 0))
        fila, columna = _referencia(ref)
        try:
            valor = filas[fila - fila0][columna - col0]
        except IndexError:
            valor = ""
        if esperado == NO_VACIA:
            bien = valor not in ("", None)
        elif isinstance(esperado, Decimal):
            bien = isinstance(valor, int | float) and Decimal(str(valor)).quantize(Decimal("0.01")) == esperado
        else:
            bien = valor == esperado
        if not bien:
            problemas.append(f"{ruta.name} {hoja}!{ref}: guardado {valor!r}, esperado {esperado!r}")
    return problemas


def lo_que_quedo(ruta: Path) -> dict:
    """What survived in an .xlsx: tables (with totals row), merged ranges, number formats, text cells."""
    if ruta.suffix != ".xlsx":
        return {"formato": ruta.suffix[1:]}
    import openpyxl

    with zipfile.ZipFile(ruta) as paquete:
        tablas = sorted(n for n in paquete.namelist() if n.startswith("xl/tables/"))
        totales = [n for n in tablas if b'totalsRowCount="1"' in paquete.read(n)]
    libro = openpyxl.load_workbook(ruta)
    hojas = {}
    for hoja in libro.worksheets:
        formatos = sorted({c.number_format for fila in hoja.iter_rows() for c in fila
                           if c.number_format != "General" and c.value is not None})
        hojas[hoja.title] = {
            "combinadas": sorted(str(r) for r in hoja.merged_cells.ranges),
            "tablas": sorted(hoja.tables.keys()),
            "formatos_numero": formatos,
        }
    return {"formato": "xlsx", "partes_tabla": tablas, "tablas_con_fila_de_totales": totales, "hojas": hojas}


def construir(libros: list[Libro], destino: Path) -> list[str]:
    """Write, round-trip and describe every book into ``destino``; returns the problems found."""
    problemas: list[str] = []
    with tempfile.TemporaryDirectory(prefix="corpus-") as carpeta:
        temporal = Path(carpeta)
        for libro in libros:
            fuente = temporal / f"{libro.nombre.rsplit('.', 1)[0]}.xlsx"
            libro.escribir(fuente)
            if libro.convertir:
                salida = convertir(fuente, libro.formato, temporal / "lo")
            else:
                salida = fuente
            final = destino / libro.nombre
            shutil.copyfile(salida, final)
            problemas += verificar_celdas(final, libro.celdas)
            tras = lo_que_quedo(final)
            (destino / libro.json).write_text(
                json.dumps(descripcion_json(libro, tras), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"{libro.nombre}: {len(libro.facturas)} facturas, {len(libro.pagos)} pagos")
    return problemas


def main() -> int:
    sys.path.insert(0, str(AQUI))
    import libros_co
    import libros_contrato
    import libros_es_mx

    libros = [libros_co.familia_a(), libros_co.familia_b(), libros_es_mx.familia_c(), libros_es_mx.familia_c_original(),
              libros_co.familia_d(), libros_es_mx.familia_e(), libros_es_mx.familia_f(), libros_contrato.familia_g(),
              libros_contrato.familia_h(), libros_contrato.familia_i(), libros_es_mx.familia_j(), libros_co.familia_k()]
    solo = set(sys.argv[1:])
    problemas = construir([libro for libro in libros if not solo or libro.familia in solo], AQUI)
    for problema in problemas:
        print(problema, file=sys.stderr)
    return 1 if problemas else 0


if __name__ == "__main__":
    raise SystemExit(main())
