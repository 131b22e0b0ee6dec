"""«Así leí su libro»: the Lectura sheet (core and rendered), the screen's short form, the remembered
layout, and the summary's honest counts (rejected rows, not problems; totals rows apart, never errors).

The core tests use hand-built ``Interpretacion`` values (what reading will fill); the run tests use
the sample as the current reader gives it (an empty ``Interpretacion``: the sheet comes from ``origen``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from test_cobrar import cartera as ejecutar
from test_informe import ejemplo, hoja, valores

from cartera import modelo
from cartera.calculo import antiguedad, calendario
from cartera.calculo import totales as tt
from cartera.comandos import cobrar, sumario
from cartera.excel import documento as excel
from cartera.informe import armado as informe
from cartera.informe import celdas as c
from cartera.informe import interpretacion as lectura
from cartera.informe.resumen import filas_rechazadas
from cartera.libro import apertura, diario, disposicion
from cartera.modelo import ColumnaLeida as K
from cartera.modelo import HojaLeida as H
from cartera.plan import agenda

RAIZ = Path(__file__).parent.parent
MUESTRA = RAIZ / "sample_cartera.xlsx"
CORTE = dt.date(2026, 11, 24)

ALERTA = "2 facturas tienen un Saldo escrito que no coincide con Valor − Abonos (filas 17 y 58): se usa el cálculo."
LEIDA = modelo.Interpretacion(
    hojas=(
        H("Clientes", "Clientes", 1, "por su nombre", (K("Cliente", "A", "cliente", "usada"),), 35),
        H("Facturas", "Cuentas por cobrar 2026", 3, "por sus encabezados", (
            K("N° Fact.", "A", "factura", "usada"),
            K("Razón social", "B", "cliente", "usada"),
            K("Fecha", "C", "emision", "usada"),
            K("Valor", "D", "total", "usada"),
            K("Abonos", "E", "pagado", "usada", "lo pagado se toma de esta columna"),
            K("Saldo", "F", "saldo", "reconocida, no usada", "el saldo se calcula: Valor − Abonos"),
            K("Vendedor", "G", None, "no reconocida", "cartera no usa esta columna"),
        ), 120, (12, 25, 40)),
    ),
    clave_clientes="por la Razón social (no hay códigos)",
    pais="CO", moneda="COP", origen_pais="el libro",
    indicios=("NIT en 34 de 35 clientes", "teléfonos con prefijo +57"),
    notas=("Las filas con «TOTAL» en la columna A no se leen como facturas.",),
    alertas=(ALERTA,),
    formato="xls",
)


def _textos(h: c.HojaInforme) -> list[list]:
    return [valores(f) for f in h.filas]


# --- the sheet as data -----------------------------------------------------------------------

def test_la_hoja_lectura_dice_archivo_pais_clientes_y_alertas_primero():
    h = lectura.hoja_lectura(LEIDA, archivo="Cartera 2026.xls")
    textos = _textos(h)
    assert h.nombre == "Lectura" and textos[0] == ["Así leí su libro"]
    assert ["Alerta", ALERTA] in textos
    alerta = next(f for f in h.filas if valores(f) == ["Alerta", ALERTA])
    assert all(c.AVISO in k.clase.split() for k in alerta.celdas)
    assert textos.index(["Alerta", ALERTA]) < textos.index(["El archivo"])  # alerts first, loudly
    assert ["Archivo", "Cartera 2026.xls"] in textos and ["Formato", "Excel 97-2003 (.xls)"] in textos
    assert ["País y moneda", "Colombia (CO), moneda COP — según el libro"] in textos
    assert ["Indicios", "NIT en 34 de 35 clientes"] in textos and ["", "teléfonos con prefijo +57"] in textos
    assert ["Clientes identificados", "por la Razón social (no hay códigos)"] in textos
    assert ["Nota", "Las filas con «TOTAL» en la columna A no se leen como facturas."] in textos


def test_cada_hoja_con_su_papel_pestana_fila_y_columnas_facturas_primero():
    textos = _textos(lectura.hoja_lectura(LEIDA))
    secciones = [t[0] for t in textos if t and t[0] in ("Facturas — pestaña «Cuentas por cobrar 2026»", "Clientes")]
    assert secciones == ["Facturas — pestaña «Cuentas por cobrar 2026»", "Clientes"]
    assert ["Encabezados", "en la fila 3"] in textos and ["Cómo la encontré", "por sus encabezados"] in textos
    assert ["Filas de totales ignoradas", "3 (filas 12, 25 y 40)"] in textos
    assert ["Datos", "120 filas"] in textos
    assert ["Columna", "Encabezado", "Leída como", "Uso", "Motivo"] in textos
    assert ["A", "N° Fact.", "Número de factura", "usada", ""] in textos
    assert ["E", "Abonos", "Pagado (abonos)", "usada", "lo pagado se toma de esta columna"] in textos
    assert ["F", "Saldo", "Saldo pendiente", "reconocida, no usada", "el saldo se calcula: Valor − Abonos"] in textos
    assert ["G", "Vendedor", "—", "no reconocida", "cartera no usa esta columna"] in textos


def test_columnas_usadas_en_recuadro_y_las_no_usadas_atenuadas():
    filas = lectura.hoja_lectura(LEIDA).filas
    usada = next(f for f in filas if valores(f)[:2] == ["A", "N° Fact."])
    ignorada = next(f for f in filas if valores(f)[:2] == ["G", "Vendedor"])
    assert usada.clase == c.RECUADRO
    assert set(ignorada.clase.split()) == {c.RECUADRO, c.IGNORADA}


def test_nombres_de_campos_en_palabras_del_dueno():
    assert lectura.nombre_campo("Facturas", "factura") == "Número de factura"
    assert lectura.nombre_campo("Facturas", "saldo") == "Saldo pendiente"
    assert lectura.nombre_campo("Pagos", "fecha") == "Fecha del pago"
    assert lectura.nombre_campo("Historial", "message_id") == "Message-ID"  # the schema's header
    assert lectura.nombre_campo("Facturas", "nota_credito") == "Nota credito"  # a field not known yet


@pytest.mark.parametrize(("filas", "texto"), [
    ((), "ninguna"), ((7,), "1 (fila 7)"), ((12, 25, 40), "3 (filas 12, 25 y 40)"),
    (tuple(range(1, 16)), "15 (filas 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 y 3 más)"),
])
def test_filas_omitidas_en_texto(filas, texto):
    assert lectura.omitidas_texto(filas) == texto


def test_una_interpretacion_vacia_se_arma_desde_origen():
    base = ejemplo()[0]
    origen = {"Facturas": modelo.OrigenHoja("Cuentas", 2, (("factura", "No. Doc", "B"), ("total", "Valor", "E")))}
    cartera = dataclasses.replace(base, origen=origen, extra={"Facturas": ("Vendedor",)})
    leida = lectura.interpretacion_de(cartera)
    assert leida.hojas == (H("Facturas", "Cuentas", 2, "", (
        K("No. Doc", "B", "factura", "usada"), K("Valor", "E", "total", "usada"),
        K("Vendedor", "", None, "no reconocida", "cartera no usa esta columna"))),)
    assert (leida.pais, leida.moneda) == (base.configuracion.pais, base.configuracion.moneda)
    assert leida.huella() == "Facturas|Cuentas|2|B=factura,E=total"
    propia = dataclasses.replace(cartera, interpretacion=LEIDA)
    assert lectura.interpretacion_de(propia) is LEIDA


def test_sin_hojas_la_hoja_lo_dice():
    textos = _textos(lectura.hoja_lectura(modelo.Interpretacion()))
    assert ["No hay hojas leídas que mostrar."] in textos and ["Filas de totales ignoradas", "ninguna"] in textos


def test_el_informe_termina_en_lectura_y_resumen_cuenta_filas_y_alertas():
    base, *resto = ejemplo()
    inf = informe.construir(dataclasses.replace(base, interpretacion=LEIDA), *resto, archivo="c.xls")
    assert [h.nombre for h in inf.hojas][-2:] == ["Errores", "Lectura"]
    textos = _textos(hoja(inf, "Resumen"))
    assert [f"Revise cómo se leyó su libro: {ALERTA} — ver hoja Lectura"] in textos
    assert ["Filas de totales ignoradas: 3 (no son errores) — ver hoja Lectura"] in textos


def test_resumen_cuenta_filas_rechazadas_no_problemas():
    rechazos = tuple(modelo.Rechazo("Facturas", fila, col, "", "…") for fila in range(2, 10) for col in ("Total", "Emisión"))
    assert len(rechazos) == 16 and filas_rechazadas(rechazos) == 8
    base, *resto = ejemplo()
    textos = _textos(hoja(informe.construir(dataclasses.replace(base, rechazos=rechazos), *resto), "Resumen"))
    assert ["Filas rechazadas: 8 — ver hoja Errores"] in textos


# --- the sheet rendered ------------------------------------------------------------------------

def test_lectura_en_el_xlsx():
    base, *resto = ejemplo()
    buffer = io.BytesIO()
    excel.escribir(informe.construir(dataclasses.replace(base, interpretacion=LEIDA), *resto, archivo="c.xls"),
                   buffer, pais="CO")
    libro = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert libro.sheetnames[-1] == "Lectura"
    h = libro["Lectura"]
    assert h["A1"].value == "Así leí su libro" and h["A1"].font.b
    filas = {tuple(x.value for x in fila[:5]): fila for fila in h.iter_rows()}
    alerta = filas["Alerta", ALERTA, None, None, None][1]
    assert alerta.font.b and alerta.font.color.rgb.endswith("A12A2A") and alerta.alignment.wrap_text
    encabezado = filas["Columna", "Encabezado", "Leída como", "Uso", "Motivo"]
    assert all(x.font.b for x in encabezado)
    ignorada = filas["G", "Vendedor", "—", "no reconocida", "cartera no usa esta columna"]
    assert ignorada[0].border.left.style == "thin" and ignorada[0].alignment.horizontal == "center"
    assert ignorada[1].font.color.rgb.endswith("6B7780")
    assert h.page_setup.orientation == "landscape" and h.sheet_properties.pageSetUpPr.fitToPage


# --- the summary: counts, alerts, short form -------------------------------------------------------

@pytest.fixture(scope="module")
def muestra():
    cartera = apertura.leer(MUESTRA)
    calculado = antiguedad.calcular(cartera, CORTE, calendario.festivos("CO", range(2025, 2028)))
    return cartera, calculado, agenda.planificar(cartera, calculado, hoy=CORTE)


def _salida(muestra, tmp_path, **cambios) -> cobrar.Salida:
    cartera, calculado, plan = muestra
    cartera = dataclasses.replace(cartera, **cambios)
    cifras = tt.calcular(calculado, cartera.configuracion.tramos)
    return cobrar.Salida(cartera, calculado, plan, (), tmp_path / "informe.xlsx", (), False, cifras)


def test_el_sumario_cuenta_filas_rechazadas_no_problemas(muestra, tmp_path):
    dobles = tuple(modelo.Rechazo("Facturas", fila, col, "", "…") for fila in range(2, 10) for col in ("Total", "Emisión"))
    salida = _salida(muestra, tmp_path, rechazos=dobles)
    datos = sumario.como_dict(salida)
    assert (datos["filas_rechazadas"], datos["problemas"], datos["advertencias"]) == (8, 16, 0)
    texto = sumario.como_texto(salida)
    assert "filas rechazadas: 8 (16 problemas)" in texto
    assert "8 fila(s) rechazadas: corríjalas" in texto and "16 fila" not in texto


def test_filas_de_totales_ignoradas_no_son_errores(muestra, tmp_path):
    salida = _salida(muestra, tmp_path, rechazos=(), interpretacion=LEIDA._replace(alertas=()))
    datos = sumario.como_dict(salida)
    assert datos["filas_totales_ignoradas"] == 3 and datos["filas_rechazadas"] == 0
    assert salida.codigo == datos["codigo_salida"] == 0
    texto = sumario.como_texto(salida)
    assert "filas rechazadas: 0; filas de totales ignoradas: 3" in texto
    assert "Requiere su atención" in texto  # the sample's calls and escalation, not the skipped rows
    assert "ignoradas: corríjalas" not in texto


def test_las_alertas_se_muestran_en_cada_corrida(muestra, tmp_path):
    salida = _salida(muestra, tmp_path, interpretacion=LEIDA)
    texto = sumario.como_texto(salida)
    assert texto.startswith("¡ATENCIÓN! Revise cómo leí su libro")
    assert f"  • {ALERTA}" in texto
    assert "Así leí su libro (disposición nueva" not in texto  # the layout is known: no short form
    datos = sumario.como_dict(salida)
    assert datos["alertas"] == [ALERTA] and datos["lectura"] == [] and datos["disposicion_nueva"] is False


def test_forma_corta_en_una_disposicion_nueva(muestra, tmp_path):
    salida = _salida(muestra, tmp_path, interpretacion=LEIDA)._replace(disposicion_nueva=True)
    lineas = sumario.forma_corta(LEIDA)
    assert lineas[0].startswith("Así leí su libro")
    texto = "\n".join(lineas)
    assert "  Facturas: pestaña «Cuentas por cobrar 2026», encabezados en la fila 3 (por sus encabezados)" in lineas
    assert "Número de factura = «N° Fact.» (A)" in texto and "Pagado (abonos) = «Abonos» (E)" in texto.replace("\n      ", " ")
    assert "    filas de totales ignoradas: 3 (filas 12, 25 y 40)" in lineas
    assert "    columnas no usadas: 2 — vea la hoja Lectura del informe" in lineas
    assert "  Clientes identificados por la Razón social (no hay códigos)" in lineas
    assert "País y moneda: Colombia (CO), moneda COP — según el libro (NIT en 34 de 35 clientes;" in texto
    assert texto.index("Facturas:") < texto.index("Clientes:")
    assert all(len(linea) <= 100 for linea in lineas)
    assert sumario.como_dict(salida)["lectura"] == lineas
    assert "\n".join(lineas) in sumario.como_texto(salida)


# --- the remembered layout -----------------------------------------------------------------------

def test_la_disposicion_se_recuerda_por_libro(tmp_path):
    uno, otro = tmp_path / "uno.xlsx", tmp_path / "otro.xlsx"
    assert disposicion.recordada(uno) is None and disposicion.es_nueva(uno, "a")
    disposicion.recordar(uno, "a")
    disposicion.recordar(otro, "b")
    assert disposicion.recordada(uno) == "a" and not disposicion.es_nueva(uno, "a") and disposicion.es_nueva(uno, "b")
    assert json.loads((tmp_path / diario.CARPETA / disposicion.ARCHIVO).read_text(encoding="utf-8")) == {
        "uno.xlsx": "a", "otro.xlsx": "b"}


def test_una_nota_danada_solo_vuelve_a_mostrar_la_forma_corta(tmp_path):
    ruta = tmp_path / diario.CARPETA / disposicion.ARCHIVO
    ruta.parent.mkdir()
    ruta.write_text("{no es json", encoding="utf-8")
    assert disposicion.es_nueva(tmp_path / "c.xlsx", "a")
    disposicion.recordar(tmp_path / "c.xlsx", "a")
    assert disposicion.recordada(tmp_path / "c.xlsx") == "a"


# --- end to end -------------------------------------------------------------------------------------

def test_la_primera_corrida_dice_como_leyo_y_la_segunda_no(tmp_path):
    shutil.copy(MUESTRA, tmp_path / "sample_cartera.xlsx")
    antes = hashlib.sha256((tmp_path / "sample_cartera.xlsx").read_bytes()).hexdigest()
    primera = ejecutar("cobrar", "sample_cartera.xlsx", "--no-abrir", cwd=tmp_path)
    assert primera.returncode == 1, primera.stderr  # the sample's rejected rows, as before
    assert primera.stdout.startswith("Así leí su libro (disposición nueva")
    assert "  Facturas: pestaña «Facturas», encabezados en la fila 1" in primera.stdout
    assert "Número de factura = «Factura» (A)" in primera.stdout
    assert "filas rechazadas: 6; advertencias: 1" in primera.stdout
    libro = openpyxl.load_workbook(tmp_path / "informes" / "antiguedad_2026-11-24.xlsx", read_only=True)
    assert libro.sheetnames[-2:] == ["Errores", "Lectura"]
    filas = [tuple(f) for f in libro["Lectura"].iter_rows(values_only=True)]
    assert filas[0][0] == "Así leí su libro" and ("Archivo", "sample_cartera.xlsx") == filas[4][:2]
    assert ("A", "Factura", "Número de factura", "usada") in {f[:4] for f in filas}
    segunda = ejecutar("cobrar", "sample_cartera.xlsx", "--no-abrir", "--json", cwd=tmp_path)
    datos = json.loads(segunda.stdout)
    assert datos["disposicion_nueva"] is False and datos["lectura"] == [] and datos["alertas"] == []
    assert (datos["filas_rechazadas"], datos["problemas"], datos["filas_totales_ignoradas"]) == (6, 6, 0)
    tercera = ejecutar("cobrar", "sample_cartera.xlsx", "--no-abrir", cwd=tmp_path)
    assert "Así leí su libro" not in tercera.stdout and tercera.stdout.startswith("Cartera al 24/11/2026")
    assert hashlib.sha256((tmp_path / "sample_cartera.xlsx").read_bytes()).hexdigest() == antes
    assert not diario.ruta_diario(tmp_path).exists()  # a trial journals nothing; it only remembers the layout
