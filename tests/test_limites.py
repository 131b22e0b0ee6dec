"""Issue 18 (4, 5, 7): a zip bomb, a far cell, 20,000 columns and hostile files are refused in Spanish.

Every file is real (a valid workbook from ``libros``, then altered: ``hostiles``) and every run is the real
``python -m cartera cobrar`` in a subprocess, whose own peak memory is measured by a small launcher.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from hostiles import FACTURAS, bomba, construir, mentir, reemplazar_parte
from libros import escribir_libro, libro_minimo_valido
from servidor_smtp import CLAVE, USUARIO

from cartera.correo import clave
from cartera.libro.paquete import limites
from cartera.libro.paquete.codificacion import letras

RAIZ = Path(__file__).parent.parent
XLS = RAIZ / "tests" / "fixtures" / "cartera.xls"
MB = 1024 * 1024
_LANZADOR = """
import json, resource, subprocess, sys, time
inicio = time.monotonic()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True, encoding="utf-8", stdin=subprocess.DEVNULL)
print(json.dumps({"codigo": p.returncode, "salida": p.stdout, "error": p.stderr, "segundos": time.monotonic() - inicio,
                  "pico_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""
INGLES = re.compile(r"(?i)\b(stream|decode|entity|zip file|error:|invalid|cannot|failed|unexpected|unrecognized|"
                    r"declared|deflate|traceback|exception|file is|not a|utf-8|i/o|larger|header|sheet|workbook)\b")
"""English words of the readers' messages; none may reach the owner's screen."""


def _medir(*argumentos: str, cwd: Path) -> dict:
    """Run ``python -m cartera …``: exit code, output, seconds and the child's own peak memory (MB)."""
    lanzado = subprocess.run([sys.executable, "-c", _LANZADOR, sys.executable, "-m", "cartera", *argumentos],
                             cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=300, check=True)
    return json.loads(lanzado.stdout)


def _cobrar(libro: Path, *extra: str) -> dict:
    return _medir("cobrar", str(libro), "--no-abrir", "--fecha", "2026-11-24", *extra, cwd=libro.parent)


def _valido(carpeta: Path) -> Path:
    return escribir_libro(carpeta / "valido.xlsx", libro_minimo_valido())


def _hash(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def _rechazado(medida: dict, archivo: str, *frases: str) -> str:
    pantalla = medida["salida"] + medida["error"]
    assert medida["codigo"] == 2, pantalla
    assert "Traceback" not in pantalla and "inesperado" not in pantalla, pantalla
    assert f"«{archivo}»" in medida["error"], pantalla
    assert not INGLES.search(re.sub(r"«[^»]*»", "", medida["error"])), medida["error"]
    for frase in frases:
        assert frase in medida["error"], medida["error"]
    return medida["error"]


# --- part 4: the zip bomb ------------------------------------------------------------------

def test_una_bomba_zip_se_rechaza_en_segundos_y_sin_memoria(tmp_path: Path) -> None:
    ruta = bomba(_valido(tmp_path), tmp_path / "bomba.xlsx", 1100 * MB)
    with zipfile.ZipFile(ruta) as z:
        assert z.getinfo(FACTURAS).file_size > 1024 * MB and ruta.stat().st_size < 8 * MB
    medida = _cobrar(ruta)
    _rechazado(medida, "bomba.xlsx", "sin comprimir", "copia de respaldo")
    print(f"bomba: {ruta.stat().st_size / MB:.1f} MB → {z.getinfo(FACTURAS).file_size / MB:.0f} MB; "
          f"{medida['segundos']:.2f} s, pico {medida['pico_mb']:.0f} MB")
    assert medida["segundos"] < 20 and medida["pico_mb"] < 300


def test_una_bomba_menor_que_el_limite_de_tamano_se_rechaza_por_su_compresion(tmp_path: Path) -> None:
    ruta = bomba(_valido(tmp_path), tmp_path / "comprimida.xlsx", 300 * MB)
    medida = _cobrar(ruta)
    _rechazado(medida, "comprimida.xlsx", "hoja «Facturas» se comprime", "bomba zip")
    assert medida["pico_mb"] < 300


def test_una_bomba_con_cabecera_mentirosa_tampoco_pasa(tmp_path: Path) -> None:
    """The headers say 10 MB (a ratio of 2); the deflate stream holds 1.1 GB: nothing inflates past 10 MB."""
    ruta = mentir(bomba(_valido(tmp_path), tmp_path / "mentirosa.xlsx", 1100 * MB), FACTURAS, 10 * MB)
    medida = _cobrar(ruta)
    _rechazado(medida, "mentirosa.xlsx", "cortado o alterado")
    assert medida["segundos"] < 20 and medida["pico_mb"] < 300


def test_un_ods_que_repite_una_celda_millones_de_veces(tmp_path: Path) -> None:
    origen = RAIZ / "tests" / "fixtures" / "cartera.ods"
    with zipfile.ZipFile(origen) as z:
        contenido = z.read("content.xml")
    fin = contenido.find(b"</table:table-header-rows>") + len(b"</table:table-header-rows>")
    repetida = (b'<table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-'
                b'repeated="16000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
                b"</table:table-row>")
    ruta = reemplazar_parte(origen, tmp_path / "repetida.ods", "content.xml", contenido[:fin] + repetida + contenido[fin:])
    medida = _cobrar(ruta)
    _rechazado(medida, "repetida.ods", "abarca 1.600.000.0")
    assert medida["pico_mb"] < 300


def test_una_celda_en_xfd1048576_no_tumba_al_lector(tmp_path: Path) -> None:
    """python-calamine allocates the whole rectangle up to the farthest cell: half a terabyte, then abort."""
    valido = _valido(tmp_path)
    with zipfile.ZipFile(valido) as z:
        hoja = z.read(FACTURAS)
    lejana = hoja.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    ruta = reemplazar_parte(valido, tmp_path / "lejana.xlsx", FACTURAS, lejana)
    medida = _cobrar(ruta)
    _rechazado(medida, "lejana.xlsx", "hoja «Facturas»", "celdas", "Eliminar")
    assert medida["pico_mb"] < 300


def test_limites_generosos_y_celdas_sin_referencia(tmp_path: Path) -> None:
    """A sheet whose cells do not name their column is counted cell by cell; 1,000,000 rows of 8 columns pass."""
    valido = _valido(tmp_path)
    ancha = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row>'
             + b"<c><v>1</v></c>" * 20_000 + b"</row></sheetData></worksheet>")
    with zipfile.ZipFile(reemplazar_parte(valido, tmp_path / "ancha.xlsx", FACTURAS, ancha)) as z:
        assert limites.exceso_de_hojas(z) == limites.Exceso("columnas", "hoja «Facturas»", 20_000, 16_384)
    larga = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + b'<row r="1000000"><c r="H1000000"><v>1</v></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(reemplazar_parte(valido, tmp_path / "larga.xlsx", FACTURAS, larga)) as z:
        assert limites.exceso_de_hojas(z) is None and limites.exceso_de_paquete(z) is None
    fuera = larga.replace(b"1000000", b"1048577")
    with zipfile.ZipFile(reemplazar_parte(valido, tmp_path / "fuera.xlsx", FACTURAS, fuera)) as z:
        assert limites.exceso_de_hojas(z) == limites.Exceso("filas", "hoja «Facturas»", 1_048_577, 1_048_576)
    # 40 columns (AN) and, hidden in row 2, a cell claiming row 999,999: 40 × 999,999 cells
    escondida = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                 b'<row r="1"><c r="AN1"><v>1</v></c></row><row r="2"><c r="A999999"><v>1</v></c></row>'
                 b"</sheetData></worksheet>")
    with zipfile.ZipFile(reemplazar_parte(valido, tmp_path / "escondida.xlsx", FACTURAS, escondida)) as z:
        assert limites.exceso_de_hojas(z) == limites.Exceso("celdas", "hoja «Facturas»", 39_999_960, 30_000_000)


# --- part 5: 20,000 columns --------------------------------------------------------------------

def test_un_encabezado_en_la_columna_20000_se_rechaza_al_leer(tmp_path: Path) -> None:
    """Neither openpyxl nor xlsxwriter write past XFD: the cell is added to the sheet's XML, as another program could."""
    valido = _valido(tmp_path)
    with zipfile.ZipFile(valido) as z:
        hoja = z.read(FACTURAS)
    celda = b'<c r="%s1" t="inlineStr"><is><t>Observaciones</t></is></c></row>' % letras(20_000).encode()
    ruta = reemplazar_parte(valido, tmp_path / "ancho.xlsx", FACTURAS, hoja.replace(b"</row>", celda, 1))
    medida = _cobrar(ruta)
    _rechazado(medida, "ancho.xlsx", "columna número 20.000", "XFD")


@pytest.fixture
def clave_guardada() -> None:
    clave.guardar_clave(USUARIO, CLAVE)


def test_sin_sitio_para_las_columnas_calculadas_no_se_escribe(tmp_path: Path, servidor_smtp, clave_guardada) -> None:
    """Data up to column XFA: the seven calculated columns would pass XFD.  The messages go out, the workbook
    is left byte for byte, the note on screen says why in Spanish, and the history stays in the journal."""
    hoy = dt.date.today()
    ruta = tmp_path / "cartera.xlsx"
    libro = xlsxwriter.Workbook(str(ruta))
    hojas = {
        "Clientes": [["Cliente", "Nombre", "Correo"], ["C01", "Cliente Uno", "c1@cliente.co"]],
        "Facturas": [["Factura", "Cliente", "Emisión", "Vencimiento", "Total"],
                     ["F-001", "C01", hoy - dt.timedelta(days=34), hoy - dt.timedelta(days=4), 100000]],
        "Configuración": [["Parámetro", "Valor"], ["Empresa", "Suministros Andinos"], ["Correo remitente", USUARIO],
                          ["Modo", "Envío"], ["Servidor SMTP", "127.0.0.1"], ["Puerto SMTP", servidor_smtp.puerto],
                          ["Seguridad SMTP", "Ninguna"], ["País", "CO"], ["Moneda", "COP"]],
    }
    fecha = libro.add_format({"num_format": "dd/mm/yyyy"})
    for nombre, filas in hojas.items():
        hoja = libro.add_worksheet(nombre)
        for i, fila in enumerate(filas):
            for j, valor in enumerate(fila):
                if isinstance(valor, dt.date):
                    hoja.write_datetime(i, j, dt.datetime.combine(valor, dt.time()), fecha)
                else:
                    hoja.write(i, j, valor)
        if nombre == "Facturas":
            hoja.write(1, 16_380, "nota al margen")  # column XFA
    libro.close()
    antes = _hash(ruta)
    medida = _medir("cobrar", str(ruta), "--enviar", "--no-abrir", "--fecha", hoy.isoformat(), cwd=tmp_path)
    pantalla = medida["salida"] + medida["error"]
    assert medida["codigo"] == 1 and "Traceback" not in pantalla, pantalla  # sent, not written back
    assert len(servidor_smtp.recibidos) == 1
    assert "no caben las 7 columnas calculadas" in pantalla and "XFD" in pantalla, pantalla
    assert "Lo enviado quedó anotado aparte" in pantalla
    assert not re.search(r"(?i)\b(max|column|invalid|value must)\b", pantalla), pantalla
    assert _hash(ruta) == antes


# --- part 7: hostile files, Spanish from end to end ------------------------------------------

CASOS = {
    "truncado": ("truncado.xlsx", "dañado"),
    "deflate": ("deflate.xlsx", "cortado o alterado"),
    "xls_basura": ("basura.xls", "cortado o alterado"),
    "entidad": ("entidad.xlsx", "entidades"),
    "xxe": ("xxe.xlsx", "entidades"),
    "risas": ("risas.xlsx", "entidades"),
    "latin1": ("latin1.xlsx", "codificación"),
    "csv": ("texto.xlsx", "CSV"),
    "vacio": ("vacio.xlsx", "no es un libro de Excel"),
    "cifrado": ("cifrado.xlsx", "contraseña"),
    "binario": ("binario.xlsx", "no es un libro de Excel"),
    "mentira": ("mentira.xlsx", "cortado o alterado"),
}


@pytest.fixture(scope="module")
def hostiles(tmp_path_factory) -> dict[str, Path]:
    carpeta = tmp_path_factory.mktemp("hostiles")
    return construir(escribir_libro(carpeta / "valido.xlsx", libro_minimo_valido()), carpeta, XLS)


@pytest.mark.parametrize("caso", sorted(CASOS))
def test_un_archivo_hostil_se_rechaza_en_castellano(caso: str, hostiles: dict[str, Path]) -> None:
    archivo, frase = CASOS[caso]
    assert hostiles[caso].name == archivo
    _rechazado(_cobrar(hostiles[caso]), archivo, frase)
