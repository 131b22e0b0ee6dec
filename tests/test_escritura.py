"""Write-back round trips on real .xlsx/.xlsm files: only the owned parts change, nothing is lost."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
import python_calamine
import xlsxwriter

from cartera.decisiones import Resultado
from cartera.errores import CarteraError, LibroInvalido, LibroOcupado
from cartera.lectura import esquema
from cartera.lectura.tabla import origen_de, ubicar
from cartera.libro import escritura, resguardo
from cartera.libro.filas_historial import message_ids_en_historial
from cartera.modelo import OrigenHoja

PROPIAS = esquema.ENCABEZADOS_PROPIOS


def _png() -> bytes:
    def trozo(tipo: bytes, datos: bytes) -> bytes:
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))
    cabecera = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + trozo(b"IHDR", cabecera) + trozo(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + trozo(b"IEND", b"")


def _libro(ruta: Path, filas: int = 5, *, hoja: str = "Facturas", extras: bool = False, vba: Path | None = None) -> Path:
    libro = xlsxwriter.Workbook(ruta)
    if vba is not None:
        libro.add_vba_project(str(vba))
    ws = libro.add_worksheet(hoja)
    ws.write_row(0, 0, ["Factura", "Cliente", "Total", "Notas"])
    for i in range(1, filas + 1):
        ws.write_row(i, 0, [f"F-{i:03d}", "ACME", 1000 * i, "nota"])
    if extras:
        imagen = ruta.parent / "punto.png"
        imagen.write_bytes(_png())
        ws.insert_textbox("H2", "Recuerde cobrar", {"width": 200})
        ws.add_sparkline("F2", {"range": f"C2:C{filas + 1}"})
        ws.insert_image("H10", str(imagen))
        ws.write_comment("A2", "Cliente antiguo")
        ws.data_validation("B2:B100", {"validate": "list", "source": ["ACME", "Otro"]})
        ws.conditional_format("C2:C100", {"type": "cell", "criteria": ">", "value": 2500, "format": libro.add_format({"bold": True})})
        libro.define_name("Totales", f"=Facturas!$C$2:$C${filas + 1}")
        otra = libro.add_worksheet("Cálculos")
        otra.write_formula("A1", "=SUM(Facturas!C2:C6)", None, 15000)
        otra.write_formula("A2", '="x"&"y"', None, "xy")
    libro.close()
    return ruta


def _partes(ruta: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(ruta) as z:
        return {n: z.read(n) for n in z.namelist()}


def _leer(ruta: Path, hoja: str) -> list[list]:
    libro = python_calamine.CalamineWorkbook.from_path(str(ruta))
    try:
        return libro.get_sheet_by_name(hoja).to_python()
    finally:
        libro.close()


def _origen(ruta: Path, hoja: str, nombre: str) -> OrigenHoja:
    """Where reading finds sheet ``nombre`` (canonical ``hoja``) of ``ruta``, as ``libro.apertura`` does."""
    libro = python_calamine.CalamineWorkbook.from_path(str(ruta))
    try:
        datos = libro.get_sheet_by_name(nombre)
        return origen_de(ubicar(hoja, nombre, datos.to_python(), tuple(datos.start or (0, 0))))
    finally:
        libro.close()


def _registrado(ruta: Path, nombre: str = "Historial") -> tuple:
    return message_ids_en_historial(ruta, _origen(ruta, esquema.HISTORIAL, nombre))


def _resultado(n: int) -> Resultado:
    return Resultado(dt.datetime(2026, 11, 24, 9, n), "ACME", ("F-001", "F-002"), "Primer aviso", "correo",
                     ("pagos@acme.co",), f"Aviso {n}", "enviado", "", f"<m{n}@cartera>")


def _valores(saldo: int = 250050) -> dict[int, tuple]:
    return {2: (100000, saldo, 12, "1-30", 12503, "Primer aviso", dt.date(2026, 11, 20)),
            3: (0, 200000, 0, "Por vencer", 0, "", None)}


def test_round_trip_agrega_columnas_y_conserva_lo_demas(tmp_path):
    ruta = _libro(tmp_path / "cartera.xlsx")
    antes = _partes(ruta)
    escritura.escribir(ruta, _valores(), [], origen={esquema.FACTURAS: OrigenHoja("facturas", 1)})
    despues = _partes(ruta)
    assert {n for n in antes if antes[n] != despues[n]} == {"xl/worksheets/sheet1.xml", "xl/styles.xml"}
    filas = _leer(ruta, "Facturas")
    assert filas[0] == ["Factura", "Cliente", "Total", "Notas", *PROPIAS]
    assert filas[1][:4] == ["F-001", "ACME", 1000.0, "nota"]
    assert filas[1][4:] == [1000.0, 2500.5, 12.0, "1-30", 125.03, "Primer aviso", dt.date(2026, 11, 20)]
    assert filas[4][4:] == [""] * 7
    hoja = openpyxl.load_workbook(ruta)["Facturas"]
    assert hoja["E2"].number_format == "#,##0.00" and hoja["K2"].is_date
    assert hoja["E1"].font.i and hoja["E1"].fill.fgColor.rgb == "FFEDEDED"
    assert [[c.value for c in f][:4] for f in hoja.iter_rows(min_row=2)] == [[f"F-{i:03d}", "ACME", 1000 * i, "nota"] for i in range(1, 6)]
    assert b'spans="1:11"' in despues["xl/worksheets/sheet1.xml"] and b'ref="A1:K6"' in despues["xl/worksheets/sheet1.xml"]


def test_segunda_escritura_actualiza_en_su_sitio_y_limpia(tmp_path):
    ruta = _libro(tmp_path / "cartera.xlsx")
    escritura.escribir(ruta, _valores(), [])
    estilos = _partes(ruta)["xl/styles.xml"]
    escritura.escribir(ruta, {2: (0, 99, None, "Por vencer", None, "", None), 5: (1, 2, 3, "x", 4, "y", None)}, [])
    filas = _leer(ruta, "Facturas")
    assert filas[0].count("Saldo (calculado)") == 1 and len(filas[0]) == 11
    assert filas[1][4:] == [0.0, 0.99, "", "Por vencer", "", "", ""]
    assert filas[2][4:] == [""] * 7
    assert filas[4][4:8] == [0.01, 0.02, 3.0, "x"]
    assert _partes(ruta)["xl/styles.xml"] == estilos


def test_columnas_propias_existentes_en_medio_se_actualizan_alli(tmp_path):
    ruta = tmp_path / "c.xlsx"
    libro = openpyxl.Workbook()
    ws = libro.active
    ws.title = "Facturas"
    ws.append(["Factura", "saldo (calculado):", "Total", "Notas"])
    ws.append(["F-1", 5, 10, "n"])
    libro.save(ruta)
    escritura.escribir(ruta, {2: (1, 700, 2, "1-30", 3, "", None)}, [])
    filas = _leer(ruta, "Facturas")
    assert filas[0][:4] == ["Factura", "saldo (calculado):", "Total", "Notas"]
    assert filas[1][1] == 7.0 and filas[1][2] == 10 and "Saldo (calculado)" not in filas[0]
    assert filas[0][4:] == [h for h in PROPIAS if h != "Saldo (calculado)"]


def test_libro_con_formas_minigraficos_imagen_y_formulas_queda_intacto(tmp_path):
    ruta = _libro(tmp_path / "rico.xlsx", extras=True)
    antes = _partes(ruta)
    assert {"formas y cuadros de texto", "minigráficos (sparklines)", "imágenes"} <= set(escritura.partes_en_riesgo(ruta))
    escritura.escribir(ruta, _valores(), [_resultado(1)])
    despues = _partes(ruta)
    cambiadas = {n for n in antes if antes[n] != despues.get(n)}
    assert cambiadas == {"xl/worksheets/sheet1.xml", "xl/styles.xml", "xl/workbook.xml",
                         "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    hoja = despues["xl/worksheets/sheet1.xml"]
    for marca in (b"x14:sparklineGroups", b"<drawing ", b"<legacyDrawing ", b"<dataValidations", b"<conditionalFormatting"):
        assert marca in hoja
    assert _leer(ruta, "Cálculos") == [[15000.0], ["xy"]]
    assert b"definedName" in despues["xl/workbook.xml"] and b"Totales" in despues["xl/workbook.xml"]
    assert _leer(ruta, "Historial")[1][9] == "<m1@cartera>"


def test_xlsm_conserva_macros(tmp_path):
    vba = tmp_path / "vbaProject.bin"
    vba.write_bytes(b"\xd0\xcf\x11\xe0 macros falsas " * 20)
    ruta = _libro(tmp_path / "cartera.xlsm", vba=vba)
    escritura.escribir(ruta, _valores(), [])
    assert _partes(ruta)["xl/vbaProject.bin"] == vba.read_bytes()
    assert "macros (VBA)" in escritura.partes_en_riesgo(ruta)
    assert list((tmp_path / ".cartera" / "respaldos").glob("cartera_*.xlsm"))


def test_historial_se_crea_y_se_anexa_sin_reescribir(tmp_path):
    ruta = _libro(tmp_path / "cartera.xlsx")
    escritura.escribir(ruta, _valores(), [_resultado(1), _resultado(2)])
    primera = _partes(ruta)
    parte = next(n for n in primera if n.startswith("xl/worksheets/") and n != "xl/worksheets/sheet1.xml")
    filas_previas = re.search(rb"<sheetData>(.*)</sheetData>", primera[parte], re.S).group(1)
    escritura.escribir(ruta, _valores(), [_resultado(3)])
    segunda = _partes(ruta)[parte]
    assert filas_previas in segunda
    filas = _leer(ruta, "Historial")
    assert filas[0] == list(esquema.ENCABEZADOS_HISTORIAL)
    assert [f[9] for f in filas[1:]] == ["<m1@cartera>", "<m2@cartera>", "<m3@cartera>"]
    assert filas[1][0] == dt.datetime(2026, 11, 24, 9, 1)
    assert _registrado(ruta) == ("<m1@cartera>", "<m2@cartera>", "<m3@cartera>")
    assert message_ids_en_historial(ruta, None) == ()


def test_historial_existente_del_usuario_recibe_filas_al_final(tmp_path):
    ruta = tmp_path / "c.xlsx"
    libro = openpyxl.Workbook()
    libro.active.title = "Facturas"
    libro.active.append(["Factura", "Total"])
    libro.active.append(["F-1", 10])
    h = libro.create_sheet("HISTORIAL ")
    h.append(list(esquema.ENCABEZADOS_HISTORIAL))
    h.append([dt.datetime(2026, 1, 1, 8, 0), "ACME", "F-1", "Vence hoy", "correo", "", "", "enviado", "", ""])
    libro.save(ruta)
    escritura.escribir(ruta, {2: (0, 1000, 0, "Por vencer", 0, "", None)}, [_resultado(4)])
    filas = _leer(ruta, "HISTORIAL ")
    assert len(filas) == 3 and filas[1][3] == "Vence hoy" and filas[2][9] == "<m4@cartera>"
    assert openpyxl.load_workbook(ruta).sheetnames == ["Facturas", "HISTORIAL "]
    assert _registrado(ruta, "HISTORIAL ") == ((dt.datetime(2026, 1, 1, 8, 0), "ACME", "Vence hoy"), "<m4@cartera>")


def test_excel_abierto_no_toca_el_libro(tmp_path):
    ruta = _libro(tmp_path / "cartera.xlsx")
    original = ruta.read_bytes()
    (tmp_path / "~$cartera.xlsx").write_bytes(b"usuario")
    with pytest.raises(LibroOcupado, match="Cierre el archivo en Excel"):
        escritura.escribir(ruta, _valores(), [_resultado(1)])
    assert ruta.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cartera.xlsx", "~$cartera.xlsx"]


def test_falla_en_la_verificacion_deja_el_original(tmp_path):
    ruta = _libro(tmp_path / "cartera.xlsx")
    original = ruta.read_bytes()

    def rechazar(_: Path) -> None:
        raise RuntimeError("disco lleno simulado")

    with pytest.raises(CarteraError, match="verificación"):
        escritura.escribir(ruta, _valores(), [_resultado(1)], verificar=rechazar)
    assert ruta.read_bytes() == original
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~cartera-tmp-")]
    assert not (tmp_path / ".cartera" / "respaldos").exists()


def test_nombres_y_fila_de_encabezado_hallados_al_leer(tmp_path):
    """A title line above the headers, sheets under accepted aliases: the write-back goes where reading looked."""
    ruta = tmp_path / "c.xlsx"
    libro = openpyxl.Workbook()
    libro.active.title = "Cuentas por cobrar"
    libro.active.append(["Cartera de Suministros Andinos"])
    libro.active.append(["N° Factura", "Código cliente", "Fecha de emisión", "Importe"])
    libro.active.append(["F-1", "ACME", dt.date(2026, 1, 1), 10])
    historial = libro.create_sheet("Historial de cobro")
    historial.append(["Informe de envíos"])
    historial.append(list(esquema.ENCABEZADOS_HISTORIAL))
    historial.append([dt.datetime(2026, 1, 1, 8, 0), "ACME", "F-1", "Vence hoy", "correo", "", "", "enviado", "", "<m0@x>"])
    libro.save(ruta)
    origen = {esquema.FACTURAS: _origen(ruta, esquema.FACTURAS, "Cuentas por cobrar"),
              esquema.HISTORIAL: _origen(ruta, esquema.HISTORIAL, "Historial de cobro")}
    assert origen[esquema.FACTURAS][:2] == ("Cuentas por cobrar", 2)
    assert origen[esquema.FACTURAS].encabezado("total") == "Importe" and origen[esquema.FACTURAS].letra("total") == "D"
    escritura.escribir(ruta, {3: (0, 1000, 0, "Por vencer", 0, "", None)}, [_resultado(5)], origen=origen)
    assert openpyxl.load_workbook(ruta).sheetnames == ["Cuentas por cobrar", "Historial de cobro"]
    facturas = _leer(ruta, "Cuentas por cobrar")
    assert facturas[0] == ["Cartera de Suministros Andinos"] + [""] * 10
    assert facturas[1] == ["N° Factura", "Código cliente", "Fecha de emisión", "Importe", *PROPIAS]
    assert facturas[2][4:6] == [0.0, 10.0]
    assert [f[9] for f in _leer(ruta, "Historial de cobro")[2:]] == ["<m0@x>", "<m5@cartera>"]
    assert message_ids_en_historial(ruta, origen[esquema.HISTORIAL]) == ("<m0@x>", "<m5@cartera>")


def test_hoja_facturas_ausente(tmp_path):
    ruta = _libro(tmp_path / "cartera.xlsx", hoja="Ventas")
    with pytest.raises(LibroInvalido, match="Facturas"):
        escritura.escribir(ruta, _valores(), [])


def test_respaldos_se_rotan(tmp_path):
    ruta = _libro(tmp_path / "cartera.xlsx")
    for i in range(12):
        escritura.escribir(ruta, _valores(saldo=i), [])
    copias = resguardo.respaldos(ruta)
    assert len(copias) == resguardo.RESPALDOS_GUARDADOS
    assert _leer(copias[-1], "Facturas")[1][5] == 0.10


def _reemplazar_hoja(ruta: Path, cambio) -> None:
    partes = _partes(ruta)
    partes["xl/worksheets/sheet1.xml"] = cambio(partes["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        for nombre, datos in partes.items():
            z.writestr(nombre, datos)


def test_formulas_compartidas_y_dimension_desactualizada(tmp_path):
    ruta = _libro(tmp_path / "cartera.xlsx", filas=3)

    def con_formulas(xml: bytes) -> bytes:
        xml = xml.replace(b'<c r="D2" t="s"><v>6</v></c>', b'<c r="D2"><f t="shared" ref="D2:D4" si="0">C2*2</f><v>2000</v></c>')
        xml = xml.replace(b'<c r="D3" t="s"><v>6</v></c>', b'<c r="D3"><f t="shared" si="0"/><v>4000</v></c>')
        xml = xml.replace(b'<c r="D4" t="s"><v>6</v></c>', b'<c r="D4"><f t="shared" si="0"/><v>6000</v></c><c r="E4"><v>7</v></c>')
        return xml

    _reemplazar_hoja(ruta, con_formulas)
    escritura.escribir(ruta, _valores(), [])
    xml = _partes(ruta)["xl/worksheets/sheet1.xml"]
    assert b'<c r="D2"><f t="shared" ref="D2:D4" si="0">C2*2</f><v>2000</v></c>' in xml
    filas = _leer(ruta, "Facturas")
    assert filas[0][5:] == list(PROPIAS) and filas[3][4] == 7.0 and filas[1][3] == 2000.0


def test_dataframe_como_entrada(tmp_path):
    pd = pytest.importorskip("pandas")
    ruta = _libro(tmp_path / "cartera.xlsx")
    tabla = pd.DataFrame({
        "pagado": [100, 0], "saldo": [900, 0], "dias": pd.array([3, None], dtype="Int64"), "tramo": ["1-30", ""],
        "recargo": pd.array([45, None], dtype="Int64"), "ultimo": ["Primer aviso", ""],
        "fecha": pd.to_datetime(["2026-11-20", None]),
    }, index=[2, 4])
    escritura.escribir(ruta, tabla, [])
    filas = _leer(ruta, "Facturas")
    assert filas[1][4:] == [1.0, 9.0, 3.0, "1-30", 0.45, "Primer aviso", dt.date(2026, 11, 20)]
    assert filas[3][4:] == [0.0, 0.0, "", "", "", "", ""]


def test_escritura_de_muchas_filas_en_varios_trozos(tmp_path):
    """Correctness across several streamed chunks (speed is measured in benchmarks/bench.py, not here)."""
    n = 70_000
    ruta = tmp_path / "grande.xlsx"
    libro = xlsxwriter.Workbook(ruta, {"constant_memory": True})
    ws = libro.add_worksheet("Facturas")
    ws.write_row(0, 0, ["Factura", "Cliente", "Emisión", "Total"])
    for i in range(1, n + 1):
        ws.write_row(i, 0, [f"F-{i}", f"C-{i % 500}", 46000 + i % 300, 1000 + i])
    libro.close()
    valores = {i + 1: (i, n - i, i % 120, "1-30", i % 7, "Primer aviso", dt.date(2026, 11, 20)) for i in range(1, n + 1)}
    escritura.escribir(ruta, valores, [_resultado(1)])
    escritura.escribir(ruta, valores, [_resultado(2)])
    filas = _leer(ruta, "Facturas")
    assert filas[n][4:6] == [n / 100, 0.0]
    assert filas[n // 2][4:6] == [(n // 2) / 100, (n - n // 2) / 100]
