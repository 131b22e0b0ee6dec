"""Gathering the evidence (``libro.regional``): the machine's locale, and number formats of real files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from cartera.lectura import evidencia
from cartera.lectura.evidencia import Formato
from cartera.libro import regional
from cartera.libro.regional import configuracion_regional, formatos_de_numero

FIXTURES = Path(__file__).parent / "fixtures"


# --- the machine's locale -----------------------------------------------------------------
@pytest.mark.parametrize(("entorno", "esperado"), [
    ({"LC_ALL": "es_MX.UTF-8", "LC_MONETARY": "es_CO.UTF-8", "LANG": "es_ES.UTF-8"}, "es_MX.UTF-8"),
    ({"LC_MONETARY": "es_CO.UTF-8", "LANG": "es_ES.UTF-8"}, "es_CO.UTF-8"),
    ({"LANG": "es_ES.UTF-8"}, "es_ES.UTF-8"),
    ({"LC_ALL": "C.UTF-8", "LANG": "es_PE.UTF-8"}, "es_PE.UTF-8"),  # C says nothing: the next one speaks
    ({"LC_ALL": "POSIX"}, ""),
    ({}, ""),
])
def test_configuracion_regional_por_el_entorno(monkeypatch, entorno: dict[str, str], esperado: str) -> None:
    for variable in ("LC_ALL", "LC_MONETARY", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, valor in entorno.items():
        monkeypatch.setenv(variable, valor)
    monkeypatch.setattr(regional.sys, "platform", "linux")
    assert configuracion_regional() == esperado


def test_configuracion_regional_no_cambia_el_locale_del_proceso(monkeypatch) -> None:
    import locale

    antes = locale.setlocale(locale.LC_ALL)
    monkeypatch.setenv("LC_ALL", "es_CO.UTF-8")
    configuracion_regional()
    assert locale.setlocale(locale.LC_ALL) == antes


# --- .xlsx ------------------------------------------------------------------------------------
def _xlsxwriter(ruta: Path) -> Path:
    libro = xlsxwriter.Workbook(str(ruta))
    facturas = libro.add_worksheet("Facturas")
    euros = libro.add_format({"num_format": "#,##0.00 €"})
    fecha_co = libro.add_format({"num_format": "[$-240A]dd/mm/yyyy"})
    facturas.write_row(0, 0, ["Factura", "Total", "Fecha"])
    for fila in range(1, 6):
        facturas.write_string(fila, 0, f"F-{fila}")
        facturas.write_number(fila, 1, 100.5 * fila, euros)
        facturas.write_number(fila, 2, 45000 + fila, fecha_co)
    pagos = libro.add_worksheet("Pagos")
    pagos.write_number(1, 1, 20, libro.add_format({"num_format": "[$MXN] #,##0.00"}))
    libro.add_format({"num_format": '"$"#,##0.00'})  # defined, used by no cell: not evidence
    libro.close()
    return ruta


def test_formatos_de_un_xlsx_de_xlsxwriter(tmp_path: Path) -> None:
    formatos = formatos_de_numero(_xlsxwriter(tmp_path / "libro.xlsx"))
    assert formatos == (Formato("Facturas", "#,##0.00 €", celdas=5), Formato("Facturas", "[$-240A]dd/mm/yyyy", celdas=5),
                        Formato("Pagos", "[$MXN] #,##0.00", celdas=1))
    assert formatos_de_numero(tmp_path / "libro.xlsx", "Pagos") == (Formato("Pagos", "[$MXN] #,##0.00", celdas=1),)
    assert formatos_de_numero(tmp_path / "libro.xlsx", "No existe") == ()


def test_formatos_de_un_xlsx_de_openpyxl_y_la_inferencia(tmp_path: Path) -> None:
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = "Cuentas por cobrar"
    hoja.append(["Factura", "Total"])
    for i in range(3):
        hoja.append([f"F{i}", 1000 * (i + 1)])
        hoja.cell(row=i + 2, column=2).number_format = "[$$-80A] #,##0.00"
    hoja["C1"].number_format = "0.00"  # built in: the reader's locale decides, not evidence
    libro.save(tmp_path / "o.xlsx")
    formatos = formatos_de_numero(tmp_path / "o.xlsx")
    assert formatos == (Formato("Cuentas por cobrar", "[$$-80A] #,##0.00", celdas=3),)
    resultado = evidencia.inferir(evidencia.indicios_de_formatos(formatos))
    assert resultado[:3] == ("MX", "MXN", evidencia.LIBRO)
    assert resultado.indicios == ("Formato «[$$-80A] #,##0.00» en Cuentas por cobrar (pesos mexicanos).",)


def test_euros_en_el_libro_y_pesos_en_configuracion(tmp_path: Path) -> None:
    formatos = formatos_de_numero(_xlsxwriter(tmp_path / "libro.xlsx"), "Facturas")
    alertas = evidencia.inferir(evidencia.indicios_de_formatos(formatos), pais_configurado="CO",
                                moneda_configurada="COP").alertas
    assert alertas == ("El libro tiene importes en euros (formato «#,##0.00 €» en Facturas), pero Configuración "
                       "dice Moneda = COP: revise Moneda y País.",)


# --- .ods, .xls, damaged and hostile files ---------------------------------------------------------
def test_formatos_de_un_ods_de_libreoffice() -> None:
    formatos = formatos_de_numero(FIXTURES / "formatos.ods")
    assert set(formatos) == {Formato("Facturas", "#,##0.00 €", "€", "ES", 3), Formato("Facturas", "$ #,##0.00", "$", "MX", 3),
                             Formato("Facturas", "dd/mm/yyyy", "", "CO", 3)}
    indicios = {i.texto: i[:3] for i in evidencia.indicios_de_formatos(formatos)}
    assert indicios == {"Formato «#,##0.00 €» en Facturas (euros).": (("ES",), "EUR", evidencia.FUERTE),
                        "Formato «$ #,##0.00» en Facturas (pesos mexicanos).": (("MX",), "MXN", evidencia.FUERTE),
                        "Formato «dd/mm/yyyy» en Facturas.": (("CO",), "", evidencia.MEDIO)}


def test_un_xls_o_un_archivo_danado_no_dan_formatos(tmp_path: Path) -> None:
    assert formatos_de_numero(FIXTURES / "cartera.xls") == ()
    (tmp_path / "roto.xlsx").write_bytes(b"PK\x03\x04basura")
    assert formatos_de_numero(tmp_path / "roto.xlsx") == ()
    assert formatos_de_numero(tmp_path / "no_existe.xlsx") == ()


def test_xml_hostil_no_se_expande(tmp_path: Path) -> None:
    bomba = (b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
             b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b'<numFmts><numFmt numFmtId="164" formatCode="&b;"/></numFmts></styleSheet>')
    ruta = _xlsxwriter(tmp_path / "libro.xlsx")
    hostil = tmp_path / "hostil.xlsx"
    with zipfile.ZipFile(ruta) as origen, zipfile.ZipFile(hostil, "w") as destino:
        for parte in origen.namelist():
            destino.writestr(parte, bomba if parte == "xl/styles.xml" else origen.read(parte))
    assert formatos_de_numero(hostil) == ()


def test_la_lectura_de_una_hoja_tiene_limite(tmp_path: Path, monkeypatch) -> None:
    ruta = _xlsxwriter(tmp_path / "libro.xlsx")
    monkeypatch.setattr(regional, "LIMITE_HOJA", 1)
    monkeypatch.setattr(regional, "_TROZO", 1)
    assert formatos_de_numero(ruta) == ()  # one byte of each sheet read: no cell seen
    monkeypatch.setattr(regional, "LIMITE_ESTILOS", 10)
    assert formatos_de_numero(FIXTURES / "formatos.ods") == ()
