"""Rows cartera appends to the owner's sheets (Pagos, Historial): they look like the owner's rows above them, and
an Excel Table the owner keeps them in grows down to hold them (or, with a totals row, is left whole and a note
says how to move them in).  Real .xlsx files written with openpyxl, written back by ``libro.escritura``.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from cartera.conciliacion.cotejo import PagoPropuesto
from cartera.decisiones import Resultado
from cartera.libro import escritura
from cartera.libro.filas_historial import anexo_pagos

PAGOS = ["Fecha", "Factura", "Cliente", "Monto", "Método", "Referencia"]
HISTORIAL = ["Fecha", "Cliente", "Facturas", "Etapa", "Canal", "Destinatarios", "Asunto", "Resultado", "Detalle",
             "Message-ID"]
VERDE = "FF1F5C4F"


def _pago(n: int, monto: int = 256_000_000) -> PagoPropuesto:
    return PagoPropuesto(dt.date(2026, 11, 23), f"F-{n}", "C001", monto, "extracto", f"TRX {n}", f"clave{n}")


def _libro(ruta: Path, *, tabla: str | None = None, referencia_texto: bool = False) -> Path:
    """Facturas, and a Pagos of two rows in the owner's formats: dates dd/mm/yyyy, amounts #,##0, the client in
    bold, the method on a green fill; ``tabla``: "simple" or "totales" (an Excel Table, with a totals row)."""
    wb = openpyxl.Workbook()
    facturas = wb.active
    facturas.title = "Facturas"
    facturas.append(["Factura", "Cliente", "Emisión", "Total"])
    facturas.append(["F-1", "C001", dt.date(2026, 10, 1), 2_560_000])
    pagos = wb.create_sheet("Pagos")
    pagos.append(PAGOS)
    for k in range(2):
        pagos.append([dt.date(2026, 10, 5 + k), f"F-{k}", "C001", 1_040_000, "transferencia", f"TRF {k}"])
        fila = k + 2
        pagos[f"A{fila}"].number_format = "@" if referencia_texto else "dd/mm/yyyy"
        pagos[f"D{fila}"].number_format = "dd/mm/yyyy" if referencia_texto else "#,##0"
        pagos[f"C{fila}"].font = Font(bold=True)
        pagos[f"E{fila}"].fill = PatternFill("solid", fgColor=VERDE)
    historial = wb.create_sheet("Historial")
    historial.append(HISTORIAL)
    historial.append([dt.datetime(2026, 11, 1, 9, 30), "C001", "F-1", "Primer aviso", "correo", "a@b.co", "Aviso",
                      "enviado", "", "<1@b.co>"])
    historial["A2"].number_format = "dd/mm/yyyy hh:mm"
    historial["D2"].font = Font(italic=True)
    if tabla == "simple":
        t = Table(displayName="TablaPagos", ref="A1:F3")
        t.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
        pagos.add_table(t)
    elif tabla == "totales":
        pagos.append(["Total", None, None, "=SUBTOTAL(109,TablaPagos[Monto])", None, None])
        t = Table(displayName="TablaPagos", ref="A1:F4", totalsRowCount=1)
        t.tableColumns = [TableColumn(id=k + 1, name=n) for k, n in enumerate(PAGOS)]
        t.tableColumns[0].totalsRowLabel = "Total"
        t.tableColumns[3].totalsRowFunction = "sum"
        t.autoFilter = AutoFilter(ref="A1:F3")
        t.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
        pagos.add_table(t)
    wb.save(ruta)
    return ruta


def _celdas(ruta: Path, hoja: str, fila: int) -> dict[str, str | None]:
    """Column letters → the ``s`` attribute of each cell of ``fila`` in the sheet's XML."""
    with zipfile.ZipFile(ruta) as z:
        nombres = re.findall(rb'<sheet [^>]*name="([^"]+)"', z.read("xl/workbook.xml"))
        xml = z.read(f"xl/worksheets/sheet{[n.decode() for n in nombres].index(hoja) + 1}.xml")
    contenido = re.search(rb'<row r="%d"[^>]*>(.*?)</row>' % fila, xml, re.S).group(1)
    return {m.group(1).decode(): (m.group(2).decode() if m.group(2) else None)
            for m in re.finditer(rb'<c r="([A-Z]+)\d+"(?: s="(\d+)")?', contenido)}


def _tabla(ruta: Path) -> ET.Element:
    with zipfile.ZipFile(ruta) as z:
        parte = next(n for n in z.namelist() if n.startswith("xl/tables/"))
        return ET.fromstring(z.read(parte))


def _local(nodo: ET.Element) -> str:
    return nodo.tag.rsplit("}", 1)[-1]


def test_la_fila_anexada_toma_el_estilo_de_la_fila_de_arriba(tmp_path: Path) -> None:
    ruta = _libro(tmp_path / "libro.xlsx")
    notas = escritura.escribir(ruta, {}, [], anexos=[anexo_pagos([_pago(7)], None)])
    arriba, nueva = _celdas(ruta, "Pagos", 3), _celdas(ruta, "Pagos", 4)
    assert {c: nueva[c] for c in "ABCDEF"} == {c: arriba[c] for c in "ABCDEF"} and notas == ()
    wb = openpyxl.load_workbook(ruta)
    pagos = wb["Pagos"]
    assert [pagos.cell(4, c).number_format for c in (1, 4)] == ["dd/mm/yyyy", "#,##0"]
    assert pagos["D4"].value == 2_560_000 and pagos["C4"].font.b and pagos["E4"].fill.fgColor.rgb == VERDE
    assert pagos["G1"].value == "Clave extracto" and pagos["G4"].value == "clave7"  # cartera's own column


def test_una_fecha_bajo_una_celda_de_texto_se_ve_como_fecha(tmp_path: Path) -> None:
    """The owner's column A is text-formatted and D date-formatted: the date and the amount keep the look of the
    cells above (the bold, the fill) with cartera's number formats, so neither shows as a bare serial."""
    ruta = _libro(tmp_path / "libro.xlsx", referencia_texto=True)
    escritura.escribir(ruta, {}, [], anexos=[anexo_pagos([_pago(7)], None)])
    wb = openpyxl.load_workbook(ruta)
    pagos = wb["Pagos"]
    assert pagos["A4"].is_date and pagos["A4"].number_format not in ("@", "General")
    assert pagos["D4"].number_format == "#,##0.00" and pagos["C4"].font.b
    assert _celdas(ruta, "Pagos", 4)["A"] not in (None, _celdas(ruta, "Pagos", 3)["A"])


def test_historial_anexado_toma_el_estilo_de_la_fila_de_arriba(tmp_path: Path) -> None:
    ruta = _libro(tmp_path / "libro.xlsx")
    resultado = Resultado(dt.datetime(2026, 11, 24, 9, 5), "C001", ("F-1",), "Segundo aviso", "correo", ("a@b.co",),
                          "Aviso", "enviado", "", "<2@b.co>")
    escritura.escribir(ruta, {}, [resultado])
    assert _celdas(ruta, "Historial", 3)["A"] == _celdas(ruta, "Historial", 2)["A"]
    historial = openpyxl.load_workbook(ruta)["Historial"]
    assert historial["A3"].number_format == "dd/mm/yyyy hh:mm" and historial["D3"].font.i
    assert historial["A3"].value == dt.datetime(2026, 11, 24, 9, 5)


def test_pagos_en_una_tabla_de_excel_la_alargan(tmp_path: Path) -> None:
    ruta = _libro(tmp_path / "libro.xlsx", tabla="simple")
    notas = escritura.escribir(ruta, {}, [], anexos=[anexo_pagos([_pago(7), _pago(8)], None)])
    tabla = _tabla(ruta)
    filtro = next(n for n in tabla if _local(n) == "autoFilter")
    columnas = [n.get("name") for n in tabla.iter() if _local(n) == "tableColumn"]
    assert (tabla.get("ref"), filtro.get("ref"), notas) == ("A1:G5", "A1:G5", ())
    assert columnas == [*PAGOS, "Clave extracto"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # openpyxl warns about a table it would have to repair
        wb = openpyxl.load_workbook(ruta)
    pagos = wb["Pagos"]
    assert pagos.tables["TablaPagos"].ref == "A1:G5" and [c.value for c in pagos[1]] == columnas
    assert [pagos.cell(f, 2).value for f in (4, 5)] == ["F-7", "F-8"]
    calamine = python_calamine.CalamineWorkbook.from_path(str(ruta))
    assert calamine.get_sheet_by_name("Pagos").to_python()[4][:2] == [dt.date(2026, 11, 23), "F-8"]
    # the next run grows it again, from its new last row
    escritura.escribir(ruta, {}, [], anexos=[anexo_pagos([_pago(9)], None)])
    assert _tabla(ruta).get("ref") == "A1:G6" and _celdas(ruta, "Pagos", 6)["D"] == _celdas(ruta, "Pagos", 3)["D"]


def test_una_tabla_con_fila_de_totales_queda_entera_y_una_nota_lo_dice(tmp_path: Path) -> None:
    ruta = _libro(tmp_path / "libro.xlsx", tabla="totales")
    notas = escritura.escribir(ruta, {}, [], anexos=[anexo_pagos([_pago(7)], None)])
    tabla = _tabla(ruta)
    assert tabla.get("totalsRowCount") == "1" and re.fullmatch(r"A1:[FG]4", tabla.get("ref"))
    assert len(notas) == 1 and "fila de totales" in notas[0] and "fila 5" in notas[0]
    assert "Insertar celdas cortadas" in notas[0]
    wb = openpyxl.load_workbook(ruta)
    pagos = wb["Pagos"]
    assert pagos["A4"].value == "Total" and str(pagos["D4"].value).startswith("=SUBTOTAL")
    assert pagos["B5"].value == "F-7" and pagos["D5"].value == 2_560_000
    assert _celdas(ruta, "Pagos", 5) == {**_celdas(ruta, "Pagos", 3), "G": None}  # the data rows' look, not the totals'


@pytest.mark.parametrize("nombre", ["Pagos", "Historial"])
def test_una_hoja_creada_tiene_columnas_a_su_medida_y_encabezado_fijo(tmp_path: Path, nombre: str) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Facturas"
    wb.active.append(["Factura", "Cliente", "Total"])
    wb.save(ruta := tmp_path / "libro.xlsx")
    resultado = Resultado(dt.datetime(2026, 11, 24, 9, 5), "C001", ("F-1",), "Segundo aviso", "correo", ("a@b.co",),
                          "Recordatorio de pago de la factura F-1 vencida hace 30 días", "enviado", "", "<2@b.co>")
    if nombre == "Pagos":
        escritura.escribir(ruta, {}, [], anexos=[anexo_pagos([_pago(7)], None)])
    else:
        escritura.escribir(ruta, {}, [resultado])
    hoja = openpyxl.load_workbook(ruta)[nombre]
    anchos = {c: hoja.column_dimensions[c].width for c in "ABCDEFG"}
    assert hoja.freeze_panes == "A2" and 12 <= anchos["A"] <= 22
    if nombre == "Historial":
        assert anchos["G"] >= len(resultado.asunto)


def test_filas_vacias_con_formato_no_dan_el_estilo(tmp_path: Path) -> None:
    """Empty cells the owner formatted below the data are not a data row: the new row looks like row 3."""
    ruta = _libro(tmp_path / "libro.xlsx")
    wb = openpyxl.load_workbook(ruta)
    wb["Pagos"]["C5"].font = Font(italic=True)
    wb.save(ruta)
    escritura.escribir(ruta, {}, [], anexos=[anexo_pagos([_pago(7)], None)])
    assert {c: s for c, s in _celdas(ruta, "Pagos", 6).items() if c in "ABCDEF"} == _celdas(ruta, "Pagos", 3)
    assert openpyxl.load_workbook(ruta)["Pagos"]["C6"].font.b
