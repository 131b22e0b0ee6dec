"""The empty workbook of ``cartera iniciar``: sheets, headers, defaults, look, refusal to overwrite."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
from pathlib import Path

import openpyxl
import pytest

from cartera import politica
from cartera.errores import CarteraError
from cartera.lectura import esquema as columnas
from cartera.libro import nuevo
from cartera.modelo import Configuracion


@pytest.fixture(scope="module")
def ruta(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ruta = tmp_path_factory.mktemp("nuevo") / "cartera.xlsx"
    nuevo.escribir_libro_nuevo(ruta)
    return ruta


@pytest.fixture(scope="module")
def libro(ruta: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(ruta)


def _filas(libro: openpyxl.Workbook, hoja: str) -> list[tuple]:
    return [tuple(fila) for fila in libro[hoja].iter_rows(values_only=True)]


def test_hojas_y_encabezados_canonicos(libro: openpyxl.Workbook) -> None:
    assert libro.sheetnames == list(columnas.CANONICOS)
    for hoja, encabezados in columnas.CANONICOS.items():
        assert _filas(libro, hoja)[0] == encabezados


def test_encabezados_son_los_que_lee_el_lector(libro: openpyxl.Workbook) -> None:
    for hoja, canonicos in columnas.CANONICOS.items():
        assert set(canonicos) <= set(_filas(libro, hoja)[0]), hoja


def test_configuracion_tiene_cada_parametro_con_su_ayuda(libro: openpyxl.Workbook) -> None:
    filas = _filas(libro, columnas.CONFIGURACION)[1:]
    assert [fila[0] for fila in filas] == [p.nombre for p in politica.PARAMETROS]
    for (nombre, valor, ayuda), parametro in zip(filas, politica.PARAMETROS, strict=True):
        assert ayuda == parametro.ayuda
        assert ("" if valor is None else str(valor)) == parametro.predeterminado, nombre


def test_cada_campo_de_configuracion_tiene_un_parametro() -> None:
    campos = [f.name for f in dataclasses.fields(Configuracion) if f.name not in ("mapeo_columnas", "mapeo_hojas", "mapeo_extracto", "definidos")]
    assert [p.campo for p in politica.PARAMETROS] == campos


def test_predeterminados_en_texto_salen_de_configuracion() -> None:
    textos = {p.campo: p.predeterminado for p in politica.PARAMETROS}
    assert textos == {
        "empresa": "", "remitente": "", "correo_remitente": "", "firma": "", "telefono": "", "medios_pago": "",
        "modo": "Prueba", "fecha_corte": "", "moneda": "COP", "pais": "CO", "dias_gracia": "2",
        "gracia_habiles": "no", "dias_credito": "30", "tramos": "30, 60, 90", "saldo_minimo": "0",
        "descuento_pronto_pago": "", "dias_pronto_pago": "", "recargo_maximo": "", "tasa_maxima_legal": "",
        "compensacion": "", "limite_diario": "400", "servidor_smtp": "smtp.gmail.com", "puerto_smtp": "465",
        "seguridad_smtp": "SSL", "servidor_imap": "imap.gmail.com", "puerto_imap": "993", "seguridad_imap": "SSL",
        "leer_respuestas": "sí", "dias_pausa_respuesta": "14", "confirmar_envio": "sí", "abrir_informe": "sí",
        "registrar_abonos_parciales": "no", "dias_tras_incumplido": "7", "recargo_cuota": "", "adjuntar_estado": "no",
    }
    otra = dataclasses.replace(Configuracion(), dias_gracia=5, tramos=(15, 45), compensacion=4000)
    assert [politica.texto_predeterminado(p.tipo, getattr(otra, p.campo)) for p in politica.PARAMETROS
            if p.campo in ("dias_gracia", "tramos", "compensacion")] == ["5", "15, 45", "40"]


def test_configuracion_numeros_como_numeros(libro: openpyxl.Workbook) -> None:
    valores = {fila[0]: fila[1] for fila in _filas(libro, columnas.CONFIGURACION)[1:]}
    assert valores["Días de gracia"] == 2
    assert valores["Límite diario de envíos"] == 400
    assert valores["Modo"] == "Prueba"
    assert valores["Tramos"] == "30, 60, 90"


def test_etapas_y_recargos_predeterminados(libro: openpyxl.Workbook) -> None:
    etapas = _filas(libro, columnas.ETAPAS)[1:]
    assert etapas[0] == ("Envío de factura", 0, "emisión", "correo", "envio_factura")
    assert etapas[5] == ("Tercer aviso", 20, "vencimiento", "correo + llamada", "tercer_aviso")
    assert etapas[-1] == ("Cobranza", 45, "vencimiento", "escalar", None)
    assert len(etapas) == len(politica.ETAPAS_PREDETERMINADAS)
    assert _filas(libro, columnas.RECARGOS)[1:] == [(1, "porcentaje", 5), (31, "porcentaje", 10)]


def test_una_fila_de_ejemplo_en_clientes_y_facturas(libro: openpyxl.Workbook) -> None:
    clientes = _filas(libro, columnas.CLIENTES)[1:]
    facturas = _filas(libro, columnas.FACTURAS)[1:]
    assert len(clientes) == len(facturas) == 1
    assert facturas[0][1] == clientes[0][0]
    assert facturas[0][2] == dt.datetime(2026, 1, 15)
    assert _filas(libro, columnas.PAGOS)[1:] == _filas(libro, columnas.HISTORIAL)[1:] == []


def test_aspecto(libro: openpyxl.Workbook) -> None:
    facturas = libro[columnas.FACTURAS]
    assert facturas["A1"].font.b
    assert facturas["A1"].fill.fgColor.rgb.endswith("1F5F5B")
    assert facturas.freeze_panes == "A2"
    assert facturas.auto_filter.ref == "A1:J2"
    assert facturas["C2"].number_format == "dd/mm/yyyy"
    assert facturas["E2"].number_format == "#,##0"
    assert facturas.column_dimensions["B"].width > 8


def test_listas_desplegables(libro: openpyxl.Workbook) -> None:
    listas = {str(v.sqref): v.formula1 for v in libro[columnas.FACTURAS].data_validations.dataValidation}
    assert listas == {"G2:G1048576": '"Pendiente,Pagada,Anulada,Disputa,Promesa,Plan de pagos,Incobrable"'}
    modo = [v for v in libro[columnas.CONFIGURACION].data_validations.dataValidation if "Prueba" in v.formula1]
    assert len(modo) == 1


def test_sin_formulas(libro: openpyxl.Workbook) -> None:
    for hoja in libro.worksheets:
        for fila in hoja.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and v.startswith("=") for v in fila)


def test_no_sobrescribe(tmp_path: Path) -> None:
    ruta = tmp_path / "cartera.xlsx"
    ruta.write_bytes(b"mis datos")
    with pytest.raises(CarteraError, match="Ya existe"):
        nuevo.escribir_libro_nuevo(ruta)
    assert ruta.read_bytes() == b"mis datos"


def test_crea_la_carpeta_y_es_reproducible(tmp_path: Path, ruta: Path) -> None:
    otra = tmp_path / "Documentos" / "Cobranza" / nuevo.NOMBRE_PREDETERMINADO
    nuevo.escribir_libro_nuevo(otra)
    assert otra.read_bytes() == ruta.read_bytes()


def test_el_lector_lo_acepta_sin_rechazos(ruta: Path) -> None:
    if importlib.util.find_spec("cartera.libro.apertura") is None:
        pytest.skip("cartera.libro.apertura todavía no existe")
    from cartera.libro import apertura as libro

    cartera = libro.leer(ruta)
    assert list(cartera.facturas["factura"]) == ["FE-0001"]
    assert [r for r in cartera.rechazos if r.grave] == []
    leida = dataclasses.replace(cartera.configuracion, definidos=frozenset())
    assert leida == Configuracion()  # the defaults written are the defaults read
    assert tuple(cartera.etapas) == politica.ETAPAS_PREDETERMINADAS
    assert tuple(cartera.recargos) == politica.RECARGOS_PREDETERMINADOS
