"""Write-back into the owner's Excel Tables (the table grows to hold the owned columns) and flat sheets
(title, «Corte al…» line, merged cells and a TOTAL row left exactly as they were)."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import numpy as np
import oficina
import openpyxl
import pytest
import python_calamine
import xlsxwriter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from cartera.lectura import esquema
from cartera.libro import escritura
from cartera.libro.colocacion import colocar
from cartera.libro.paquete import exploracion as xx
from cartera.libro.paquete import tablas as tx
from cartera.modelo import OrigenHoja

PROPIAS = esquema.ENCABEZADOS_PROPIOS
COLUMNAS = ["Factura", "Cliente", "Total", "Notas"]
FACTURAS = [("F-001", "ACME", 1000, "a"), ("F-002", "Beta", 3000, "b"), ("F-003", "Gama", 2000, "c")]


def _propias(primera: int) -> dict[int, tuple]:
    """Owned values of the three invoices, each telling which invoice it belongs to (saldo = total + k)."""
    return {primera + k: (k, total * 100 + k, 10 * (k + 1), f"tramo {factura}", k, "", None)
            for k, (factura, _, total, _) in enumerate(FACTURAS)}


def _con_xlsxwriter(ruta: Path) -> tuple[Path, int, str]:
    libro = xlsxwriter.Workbook(ruta)
    ws = libro.add_worksheet("Facturas")
    ws.add_table("A1:D5", {"name": "Cartera", "total_row": True, "data": [list(f) for f in FACTURAS], "columns": [
        {"header": "Factura", "total_string": "Total"}, {"header": "Cliente"},
        {"header": "Total", "total_function": "sum"}, {"header": "Notas"}]})
    libro.close()
    return ruta, 1, "Cartera"


def _con_openpyxl(ruta: Path) -> tuple[Path, int, str]:
    """A title line and a blank row above the table (header on row 3), a totals row with a SUBTOTAL."""
    libro = openpyxl.Workbook()
    ws = libro.active
    ws.title = "Facturas"
    ws["A1"] = "Cartera al 30/11/2026"
    ws.append([])
    ws.append(COLUMNAS)
    for fila in FACTURAS:
        ws.append(list(fila))
    ws.append(["Total", None, "=SUBTOTAL(109,Cartera[Total])", None])
    tabla = Table(displayName="Cartera", ref="A3:D7", totalsRowCount=1, autoFilter=AutoFilter(ref="A3:D6"),
                  tableStyleInfo=TableStyleInfo(name="TableStyleMedium2", showRowStripes=True))
    tabla.tableColumns = [TableColumn(id=1, name="Factura", totalsRowLabel="Total"), TableColumn(id=2, name="Cliente"),
                          TableColumn(id=3, name="Total", totalsRowFunction="sum"), TableColumn(id=4, name="Notas")]
    ws.add_table(tabla)
    libro.save(ruta)
    return ruta, 3, "Cartera"


def _tabla(ruta: Path) -> bytes:
    with zipfile.ZipFile(ruta) as z:
        return z.read("xl/tables/table1.xml")


def _filas(ruta: Path, hoja: str = "Facturas") -> list[list]:
    libro = python_calamine.CalamineWorkbook.from_path(str(ruta))
    try:
        return list(libro.get_sheet_by_name(hoja).iter_rows())
    finally:
        libro.close()


def _celdas(ws, fila: int, hasta: int) -> list:
    return [ws.cell(fila, c).value for c in range(1, hasta + 1)]


@pytest.fixture(scope="module")
def perfil(tmp_path_factory) -> Path:
    """A private LibreOffice profile for this module's conversions."""
    return tmp_path_factory.mktemp("lo-tablas") / "perfil"


@pytest.mark.parametrize("construir", [_con_xlsxwriter, _con_openpyxl])
def test_la_tabla_crece_con_las_columnas_calculadas(tmp_path, construir):
    ruta, h, nombre = construir(tmp_path / "cartera.xlsx")
    antes = openpyxl.load_workbook(ruta)["Facturas"]
    totales_antes = _celdas(antes, h + 4, 4)
    origen = {esquema.FACTURAS: OrigenHoja("Facturas", h)}
    assert escritura.escribir(ruta, _propias(h + 1), [], origen=origen) == ()
    tabla_1 = _tabla(ruta)
    escritura.escribir(ruta, _propias(h + 1), [], origen=origen)
    assert _tabla(ruta) == tabla_1, "la segunda escritura no debe tocar la tabla"

    ws = openpyxl.load_workbook(ruta)["Facturas"]
    tabla = ws.tables[nombre]
    assert tabla.ref == f"A{h}:K{h + 4}" and tabla.totalsRowCount == 1
    assert tabla.autoFilter.ref == f"A{h}:K{h + 3}"
    nombres = [c.name for c in tabla.tableColumns]
    assert nombres == _celdas(ws, h, 11) == [*COLUMNAS, *PROPIAS]
    assert len({c.id for c in tabla.tableColumns}) == 11 and b'tableColumns count="11"' in tabla_1
    assert all(c.totalsRowFunction is None for c in tabla.tableColumns[4:])
    assert _celdas(ws, h + 4, 11) == [*totales_antes, *[None] * 7]
    filas = _filas(ruta)
    for k, (factura, _, total, _) in enumerate(FACTURAS):
        assert filas[h + k][0] == factura and filas[h + k][4:8] == [k / 100, total + k / 100, 10.0 * (k + 1), f"tramo {factura}"]


@pytest.mark.parametrize("construir", [_con_xlsxwriter, _con_openpyxl])
def test_libreoffice_abre_la_tabla_y_al_ordenarla_las_columnas_siguen_a_su_factura(tmp_path, construir, perfil):
    oficina.requiere_soffice()
    ruta, h, nombre = construir(tmp_path / "cartera.xlsx")
    escritura.escribir(ruta, _propias(h + 1), [], origen={esquema.FACTURAS: OrigenHoja("Facturas", h)})
    convertido = oficina.convertir(perfil, ruta, "xlsx", tmp_path / "lo")
    assert openpyxl.load_workbook(convertido)["Facturas"].tables[nombre].ref == f"A{h}:K{h + 4}"

    ordenado = oficina.ordenar_tabla(perfil, ruta, tmp_path / "ordenado.xlsx", COLUMNAS.index("Total"), totales=1)
    filas = _filas(ordenado)
    cuerpo = filas[h: h + 3]
    assert [f[0] for f in cuerpo] == ["F-002", "F-003", "F-001"], "LibreOffice no ordenó la tabla"
    esperado = {factura: total + k / 100 for k, (factura, _, total, _) in enumerate(FACTURAS)}
    assert all(f[5] == esperado[f[0]] and f[7] == f"tramo {f[0]}" for f in cuerpo)
    assert filas[h + 3][0] == "Total" and filas[h + 3][4:] == [""] * 7


def test_tabla_sin_sitio_a_la_derecha_no_crece(tmp_path):
    """A note right of the table, on a data row: the owned columns go after it and the table stays."""
    ruta, h, nombre = _con_xlsxwriter(tmp_path / "cartera.xlsx")
    libro = openpyxl.load_workbook(ruta)
    libro["Facturas"]["E3"] = "revisar"
    libro.save(ruta)
    notas = escritura.escribir(ruta, _propias(2), [])
    ws = openpyxl.load_workbook(ruta)["Facturas"]
    assert ws.tables[nombre].ref == "A1:D5" and [c.name for c in ws.tables[nombre].tableColumns] == COLUMNAS
    assert _celdas(ws, 1, 12)[5:] == list(PROPIAS) and ws["E3"].value == "revisar"
    assert len(notas) == 1 and "«Cartera» no se amplió" in notas[0] and "columna E" in notas[0]


def test_columnas_de_una_version_anterior_junto_a_la_tabla_entran_en_ella(tmp_path):
    """Owned columns written right next to the table before tables grew: the table takes them in."""
    ruta = tmp_path / "cartera.xlsx"
    libro = xlsxwriter.Workbook(ruta)
    ws = libro.add_worksheet("Facturas")
    ws.add_table("A1:C4", {"columns": [{"header": c} for c in COLUMNAS[:3]], "data": [list(f[:3]) for f in FACTURAS]})
    ws.write_row(0, 3, list(PROPIAS))
    libro.close()
    escritura.escribir(ruta, _propias(2), [])
    ws = openpyxl.load_workbook(ruta)["Facturas"]
    assert ws.tables["Table1"].ref == "A1:J4"
    assert [c.name for c in ws.tables["Table1"].tableColumns] == _celdas(ws, 1, 10) == [*COLUMNAS[:3], *PROPIAS]


def test_ampliar_una_tabla_con_prefijos_y_sin_filtro():
    xml = (b'<x:table xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="3" name="T" '
           b'displayName="T" ref="B2:C9"><x:tableColumns count="2"><x:tableColumn id="7" name="A"/>'
           b'<x:tableColumn id="2" name="B"/></x:tableColumns></x:table>')
    nuevo = tx.ampliar(xml, ["Saldo & más (calculado)"])
    assert b'ref="B2:D9"' in nuevo and b'count="3"' in nuevo
    assert '<x:tableColumn id="8" name="Saldo &amp; más (calculado)"/></x:tableColumns>'.encode() in nuevo


# --- flat sheets ---------------------------------------------------------------------------

TITULO = "Cartera de clientes — Suministros Andinos"
PLANA = ["Factura", "Cliente", "Emisión", "Vencimiento", "Total", "Abonos", "Moneda", "Vendedor", "Zona", "Notas"]


def _hoja_plana(ruta: Path, nota: str = "A12:J12") -> Path:
    """Title merged over A1:J1, a «Corte al…» line, header on row 4, five invoices, a TOTAL row with SUM
    formulas, and a footnote merged over ``nota``."""
    libro = xlsxwriter.Workbook(ruta)
    ws = libro.add_worksheet("Facturas")
    ws.merge_range("A1:J1", TITULO, libro.add_format({"bold": True, "align": "center"}))
    ws.write("A2", "Corte al 30/11/2026")
    ws.write_row(3, 0, PLANA)
    for i in range(5):
        ws.write_row(4 + i, 0, [f"F-{i + 1:03d}", "ACME", "2026-10-01", "2026-10-31", 1000 * (i + 1), 100 * i, "COP",
                                "Ana", "Norte", ""])
    ws.write("A10", "TOTAL")
    ws.write_formula("E10", "=SUM(E5:E9)", None, 15000)
    ws.write_formula("F10", "=SUM(F5:F9)", None, 1000)
    ws.merge_range(nota, "Valores en pesos colombianos.", libro.add_format({"italic": True}))
    libro.close()
    return ruta


def _filas_xml(ruta: Path, numeros: tuple[int, ...]) -> dict[int, bytes]:
    with zipfile.ZipFile(ruta) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    return {n: re.search(rb'<row r="%d"[ >].*?</row>' % n, xml, re.S).group(0) for n in numeros}


def _valores_planos() -> dict[int, tuple]:
    return {5 + i: (100 * i * 100, (1000 * (i + 1) - 100 * i) * 100, i, f"tramo F-{i + 1:03d}", 0, "", None) for i in range(5)}


def test_hoja_plana_con_titulo_combinado_y_fila_total(tmp_path, perfil):
    ruta = _hoja_plana(tmp_path / "plana.xlsx")
    intactas = (1, 2, 10, 12)
    antes = _filas_xml(ruta, intactas)
    notas = escritura.escribir(ruta, _valores_planos(), [], origen={esquema.FACTURAS: OrigenHoja("Facturas", 4)})
    assert notas == ()
    assert _filas_xml(ruta, intactas) == antes

    ws = openpyxl.load_workbook(ruta)["Facturas"]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:J1", "A12:J12"}
    assert ws["A1"].value == TITULO and ws["E10"].value == "=SUM(E5:E9)" and ws["F10"].value == "=SUM(F5:F9)"
    assert _celdas(ws, 4, 17) == [*PLANA, *PROPIAS]
    assert [ws.cell(5 + i, 14).value for i in range(5)] == [f"tramo F-{i + 1:03d}" for i in range(5)]
    assert _celdas(ws, 10, 17)[10:] == [None] * 7
    filas = _filas(ruta)
    assert filas[9][:1] == ["TOTAL"] and filas[9][4:6] == [15000.0, 1000.0] and filas[9][10:] == [""] * 7
    assert [f[11] for f in filas[4:9]] == [1000.0 * (i + 1) - 100 * i for i in range(5)]

    if oficina.shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) no está instalado")
    with open(oficina.convertir(perfil, ruta, "csv", tmp_path / "lo"), encoding="utf-8", newline="") as f:
        lineas = list(csv.reader(f))
    assert lineas[0][0] == TITULO and lineas[1][0] == "Corte al 30/11/2026"
    assert lineas[3][10:17] == list(PROPIAS)
    assert [linea[13] for linea in lineas[4:9]] == [f"tramo F-{i + 1:03d}" for i in range(5)]
    assert lineas[9][0] == "TOTAL" and all(v == "" for v in lineas[9][10:17])


def test_nota_combinada_a_lo_ancho_empuja_las_columnas_despues_de_ella(tmp_path):
    ruta = _hoja_plana(tmp_path / "plana.xlsx", nota="A12:M12")
    antes = _filas_xml(ruta, (12,))
    escritura.escribir(ruta, _valores_planos(), [], origen={esquema.FACTURAS: OrigenHoja("Facturas", 4)})
    ws = openpyxl.load_workbook(ruta)["Facturas"]
    assert _celdas(ws, 4, 20) == [*PLANA, None, None, None, *PROPIAS] and _filas_xml(ruta, (12,)) == antes


def test_celdas_combinadas_en_una_fila_de_factura_no_se_tocan(tmp_path):
    """The owner merges a note across the owned columns of an invoice row: on the next run that row is
    left alone (its cells are part of a merged range), with a note; the other rows are updated."""
    ruta = _hoja_plana(tmp_path / "plana.xlsx")
    origen = {esquema.FACTURAS: OrigenHoja("Facturas", 4)}
    escritura.escribir(ruta, _valores_planos(), [], origen=origen)
    libro = openpyxl.load_workbook(ruta)
    libro["Facturas"].merge_cells("K7:L7")
    libro["Facturas"]["K7"] = "ver contrato"
    libro.save(ruta)
    valores = {f: (1, 2, 3, "nuevo", 4, "", None) for f in _valores_planos()}
    notas = escritura.escribir(ruta, valores, [], origen=origen)
    ws = openpyxl.load_workbook(ruta)["Facturas"]
    assert ws["K7"].value == "ver contrato" and "K7:L7" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["N7"].value == "tramo F-003" and ws["N6"].value == ws["N8"].value == "nuevo"
    assert len(notas) == 1 and "las filas 7 tienen celdas combinadas" in notas[0]


def test_colocacion_salta_una_combinacion_en_el_encabezado():
    """New columns never start inside a range merged across the header row or an invoice row."""
    expl = xx.Exploracion(4, dict(enumerate(PLANA, 1)), None, 10, 10, frozenset(range(1, 11)),
                          ((11, 4, 12, 4), (1, 1, 20, 1), (11, 30, 30, 30)))
    disp = colocar(PROPIAS, expl, filas=np.arange(5, 10))
    assert disp.columnas == tuple(range(13, 20)) and disp.intactas == ((30, 30),)
