"""The report as a real .xlsx: written by ``excel``, read back with openpyxl."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_informe import CORTE, ejemplo

from cartera.excel import documento as excel
from cartera.excel.apariencia import FONDOS_TRAMO, formato_dinero
from cartera.informe import armado as informe

HOJAS = ["Resumen", "Clientes", "Detalle", "Recordatorios", "Llamadas", "Escalar", "Puntuales", "Pronóstico", "Errores", "Lectura"]


def _bytes(inf: informe.Informe, pais: str = "CO") -> bytes:
    buffer = io.BytesIO()
    excel.escribir(inf, buffer, pais=pais)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def contenido() -> bytes:
    return _bytes(informe.construir(*ejemplo(), avisos_libro=("El libro no se modificó.",)))


@pytest.fixture(scope="module")
def libro(contenido):
    return openpyxl.load_workbook(io.BytesIO(contenido))


def _fila_de(hoja, columna: int, valor) -> int:
    return next(c.row for c in hoja.iter_cols(min_col=columna, max_col=columna).__next__() if c.value == valor)


def _encabezados(hoja, fila: int) -> list:
    return [c.value for c in hoja[fila]]


def test_hojas_y_encabezados(libro):
    assert libro.sheetnames == HOJAS
    assert _encabezados(libro["Detalle"], 4) == [
        "Factura", "Cliente", "Nombre", "Emisión", "Vencimiento", "Total", "Pagado", "Saldo", "Días vencidos",
        "Tramo", "Recargo", "Moneda", "Estado", "Etapa", "Acción"]
    assert _encabezados(libro["Errores"], 1) == ["Hoja", "Fila", "Columna", "Valor", "Motivo", "Tipo"]
    assert _encabezados(libro["Recordatorios"], 1)[:7] == [
        "Cliente", "Facturas", "Etapa", "Canal", "Destinatarios", "Resultado", "Motivo"]


def test_detalle_colores_por_tramo(libro):
    hoja = libro["Detalle"]
    esperado = dict(zip(["Por vencer", "1-30", "31-60", "61-90", "Más de 90"], FONDOS_TRAMO, strict=True))
    vistos = set()
    for fila in hoja.iter_rows(min_row=5):
        tramo = fila[9].value
        assert fila[0].fill.fgColor.rgb == "FF" + esperado[tramo].lstrip("#")
        assert fila[14].fill.fgColor.rgb == "FF" + esperado[tramo].lstrip("#")
        vistos.add(tramo)
        if tramo == "Más de 90":
            assert fila[2].font.color.rgb == "FFFFFFFF"
    assert vistos == set(esperado)


def test_formatos_de_dinero_y_fecha(libro):
    hoja = libro["Detalle"]
    filas = list(hoja.iter_rows(min_row=5))
    cop = next(f for f in filas if f[11].value == "COP")
    usd = next(f for f in filas if f[11].value == "USD")
    assert cop[7].number_format == '"$ "#,##0.00' and usd[7].number_format == '"US$ "#,##0.00'
    assert cop[3].number_format == "dd/mm/yyyy" and isinstance(cop[3].value, dt.datetime)
    assert isinstance(cop[7].value, int | float)
    topado = next(f for f in filas if "(tope)" in f[10].number_format)
    assert topado[8].value > 120


def test_valores_exactos(libro):
    cartera, calculo, _, _ = ejemplo()
    primera = calculo.facturas[calculo.facturas["abierta"]].sort_values(["cliente", "vencimiento", "factura"]).iloc[0]
    fila = libro["Detalle"][5]
    assert fila[0].value == primera["factura"]
    assert fila[7].value == pytest.approx(primera["saldo"] / 100)
    assert fila[4].value.date() == primera["vencimiento"].date()


def test_tabla_congelada_filtrada_y_para_imprimir(libro):
    hoja = libro["Detalle"]
    n = sum(1 for _ in hoja.iter_rows(min_row=5))
    assert hoja.freeze_panes == "B5"
    assert hoja.auto_filter.ref == f"A4:O{4 + n}"
    assert hoja.page_setup.orientation == "landscape"
    assert hoja.page_setup.fitToWidth in (None, 1) and hoja.page_setup.fitToHeight == 0  # 1 page wide (xlsxwriter omits the default 1)
    assert hoja.sheet_properties.pageSetUpPr.fitToPage
    assert hoja.print_title_rows == "$4:$4"
    assert "Página &P de &N" in hoja.oddFooter.center.text
    assert "Los Álamos" in hoja.oddHeader.left.text and "24/11/2026" in hoja.oddHeader.right.text
    assert libro["Clientes"].freeze_panes == "B2" and libro["Clientes"].print_title_rows == "$1:$1"
    assert libro["Resumen"].sheet_view.showGridLines is False
    assert libro["Detalle"].column_dimensions["C"].width >= len("Clínica Veterinaria Huellitas")


def test_graficos_en_el_libro(contenido):
    nombres = zipfile.ZipFile(io.BytesIO(contenido)).namelist()
    assert {f"xl/charts/chart{k}.xml" for k in range(1, 7)} <= set(nombres)  # 2 tramos, 2 trend, 2 cobros esperados
    assert "xl/charts/chart7.xml" not in nombres


def test_texto_del_libro_nunca_es_formula(contenido, libro):
    hoja = libro["Detalle"]
    nombres = {c.value: c for c in hoja["C"]}
    for peligroso in ('=HYPERLINK("http://x","y")', "@SUM(A1)"):
        assert nombres[peligroso].data_type == "s"
    archivo = zipfile.ZipFile(io.BytesIO(contenido))
    for nombre in archivo.namelist():
        if nombre.startswith("xl/worksheets/sheet"):
            assert "<f>" not in archivo.read(nombre).decode("utf-8")


def test_enlace_de_whatsapp(libro):
    celda = libro["Llamadas"]["E2"]
    assert celda.value == "Abrir WhatsApp"
    assert celda.hyperlink.target == "https://wa.me/573005550003?text=Hola%20Marta"
    assert libro["Llamadas"]["L2"].alignment.wrap_text
    assert libro["Llamadas"]["D2"].hyperlink is None


def test_resumen_cifras_y_notas(libro):
    hoja = libro["Resumen"]
    assert hoja["A1"].value == "Informe de antigüedad de saldos"
    fila_dso = _fila_de(hoja, 1, "DSO (días de cartera)")
    assert "ventas de los últimos 90 días" in hoja.cell(fila_dso, 1).comment.text
    textos = [c.value for c in hoja["A"]]
    assert "Filas rechazadas: 6 — ver hoja Errores" in textos and "El libro no se modificó." in textos


def test_errores_solo_con_rechazos():
    libro = openpyxl.load_workbook(io.BytesIO(_bytes(informe.construir(*ejemplo(rechazos=())))))
    assert "Errores" not in libro.sheetnames


@pytest.mark.parametrize(("moneda", "pais", "formato"), [
    ("COP", "CO", '"$ "#,##0.00'),
    ("EUR", "ES", '#,##0.00" €"'),
    ("USD", "CO", '"US$ "#,##0.00'),
    ("USD", "EC", '"$"#,##0.00'),
    ("MXN", "CO", '"MXN "#,##0.00'),
    ("MXN", "MX", '"$"#,##0.00'),
    ("USD", "MX", '"USD "#,##0.00'),
    ("USD", "US", '"$"#,##0.00'),
    ("CLP", "CL", '"$ "#,##0'),
    ("XYZ", "CO", '"XYZ "#,##0.00'),
])
def test_formato_de_cada_moneda(moneda, pais, formato):
    assert formato_dinero(moneda, pais) == formato


def test_guardar_conserva_el_anterior_del_dia(tmp_path: Path):
    inf = informe.construir(*ejemplo())
    primera = excel.guardar(inf, tmp_path, CORTE, pais="CO")
    assert primera == tmp_path / "informes" / "antiguedad_2026-11-24.xlsx" == excel.ruta_informe(tmp_path, CORTE)
    marca = primera.read_bytes()
    assert excel.guardar(inf, tmp_path, CORTE, pais="CO") == primera
    assert (tmp_path / "informes" / "antiguedad_2026-11-24-2.xlsx").read_bytes() == marca
    excel.guardar(inf, tmp_path, CORTE, pais="CO")
    nombres = sorted(p.name for p in (tmp_path / "informes").iterdir())
    assert nombres == ["antiguedad_2026-11-24-2.xlsx", "antiguedad_2026-11-24-3.xlsx", "antiguedad_2026-11-24.xlsx"]
    openpyxl.load_workbook(primera)


def test_guardar_no_deja_archivos_a_medias(tmp_path: Path):
    roto = informe.construir(*ejemplo())._replace(hojas=(None,))
    with pytest.raises(AttributeError):
        excel.guardar(roto, tmp_path, CORTE, pais="CO")
    assert list((tmp_path / "informes").iterdir()) == []


def test_libro_grande_en_memoria_constante(monkeypatch):
    monkeypatch.setattr(excel, "FILAS_MEMORIA_CONSTANTE", 2_000)  # the streaming path, on a quick input
    cartera, calculo, plan, resultados = ejemplo(n=3_000)
    abiertas = int(calculo.facturas["abierta"].sum())
    inf = informe.construir(cartera, calculo, plan, resultados)
    contenido = _bytes(inf)
    archivo = zipfile.ZipFile(io.BytesIO(contenido))
    detalle = archivo.read("xl/worksheets/sheet3.xml").decode("utf-8")
    assert f'ref="A4:O{4 + abiertas}"' in detalle  # autofilter over every open factura
    assert 't="inlineStr"' in detalle  # streamed (constant_memory) rows
    assert "<f>" not in detalle


def test_cartera_al_dia_y_texto_con_controles():
    cartera, calculo, plan, resultados = ejemplo(rechazos=())
    clientes = cartera.clientes.assign(nombre=cartera.clientes["nombre"].str.replace("Café", "Ca\x01fé"))
    al_dia = calculo._replace(facturas=calculo.facturas.assign(abierta=False, saldo=0, tramo=""),
                              saldos_a_favor=calculo.saldos_a_favor.iloc[0:0])
    inf = informe.construir(dataclasses.replace(cartera, clientes=clientes), al_dia, plan, resultados)
    libro = openpyxl.load_workbook(io.BytesIO(_bytes(inf)))
    assert libro["Detalle"].max_row == 4 and libro["Detalle"].auto_filter.ref is None
    assert [c.value for c in libro["Resumen"]["A"]].count("Cartera en COP") == 1


def test_el_eje_de_un_grafico_muestra_la_escala_sin_centavos() -> None:
    """A chart axis is a scale, not an amount: the currency's symbol and separators, no decimals."""
    assert formato_dinero("COP", "CO", eje=True) == '"$ "#,##0'
    assert formato_dinero("EUR", "ES", eje=True) == formato_dinero("EUR", "ES").replace(".00", "")
