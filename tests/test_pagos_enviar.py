"""``cartera pagos LIBRO EXTRACTO --enviar`` end to end (issue 16): real workbook, real statement files, the real
command in a subprocess.  The seguro lines land in Pagos once, with Método «extracto» and their key; the
sugerido ones in «Por confirmar», registered after the owner writes «sí»; the other sheets keep their bytes;
``cartera cobrar`` then reads the new payments.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from bancos import Linea, csv_bancolombia, libro_con_nit
from libros import escribir_libro, libro_minimo_valido

from cartera.extractos.archivos import leer_extracto

HOY = dt.date(2026, 11, 24)
RAIZ = Path(__file__).resolve().parent.parent
# F-1001 owes 1.000.000,50 and F-1002 380.000 (C002's NIT 800111222); C003 (NIT 811000333) owes F-1004, 3.000.000
SEGUROS = [Linea(HOY, 100_000_050, "TRANSFERENCIA PAGO F-1001"), Linea(HOY, 38_000_000, "PAGO NIT 800111222")]
SUGERIDA = Linea(HOY, 100_000_000, "PAGO NIT 811000333")  # a part of F-1004: to confirm
OTRA = Linea(HOY, 5_000_000, "CONSIGNACION")  # nobody's


@pytest.fixture
def libro(tmp_path: Path) -> Path:
    return libro_con_nit(tmp_path)


def _extracto(tmp_path: Path, nombre: str, lineas: list[Linea]) -> Path:
    ruta = tmp_path / nombre
    ruta.write_bytes(csv_bancolombia(lineas))
    return ruta


def _cartera(*argumentos: str) -> subprocess.CompletedProcess:
    entorno = {**os.environ, "PYTHONPATH": str(RAIZ)}
    return subprocess.run([sys.executable, "-m", "cartera", *argumentos], capture_output=True, text=True,
                          env=entorno, timeout=120, check=False)


def _enviar(libro: Path, *extractos: Path) -> subprocess.CompletedProcess:
    hecho = _cartera("pagos", str(libro), *map(str, extractos), "--enviar")
    assert hecho.returncode == 0, hecho.stdout + hecho.stderr
    assert "Traceback" not in hecho.stdout + hecho.stderr
    return hecho


def _hoja(libro: Path, nombre: str) -> list[tuple]:
    wb = openpyxl.load_workbook(libro)
    try:
        return [tuple(f) for f in wb[nombre].iter_rows(values_only=True)]
    finally:
        wb.close()


def _pagos_extracto(libro: Path) -> list[tuple]:
    filas = _hoja(libro, "Pagos")
    nuevas = [f for f in filas[1:] if f[4] == "extracto"]
    encabezado = ("Fecha", "Factura", "Cliente", "Monto", "Método", "Referencia", "Clave extracto")
    assert filas[0] == (encabezado if nuevas else encabezado[:6])  # «Clave extracto» added with the first one
    return nuevas


def _partes(libro: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(libro) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_enviar_registra_los_seguros_una_sola_vez(libro: Path, tmp_path: Path) -> None:
    extracto = _extracto(tmp_path, "noviembre.csv", [*SEGUROS, SUGERIDA, OTRA])
    claves = [m.clave for m in leer_extracto(extracto, "CO", "COP").movimientos]
    antes = _partes(libro)
    hecho = _enviar(libro, extracto)
    assert "Escrito en el libro: 2 pago(s) agregado(s) a Pagos; 1 línea(s) en «Por confirmar»" in hecho.stdout
    assert _pagos_extracto(libro) == [
        (dt.datetime(2026, 11, 24), "F-1001", "C001", 1_000_000.5, "extracto", None, claves[0]),
        (dt.datetime(2026, 11, 24), "F-1002", "C002", 380_000, "extracto", None, claves[1])]
    wb = openpyxl.load_workbook(libro)
    assert wb["Pagos"]["A4"].is_date and wb.sheetnames == ["Clientes", "Facturas", "Pagos", "Configuración",
                                                           "Por confirmar"]
    wb.close()
    por_confirmar = _hoja(libro, "Por confirmar")
    assert por_confirmar[0][0].startswith("Escriba «sí» en Confirmar") and len(por_confirmar) == 3
    assert por_confirmar[1][:2] == ("Confirmar", "Factura sugerida") and por_confirmar[1][-1] == "Clave"
    assert por_confirmar[2][3] == 1_000_000 and por_confirmar[2][:2] == (None, "F-1004") and por_confirmar[2][-1] == claves[2]
    # only Facturas, Pagos and the package's structure changed: Clientes and Configuración keep their bytes
    despues = _partes(libro)
    cambiadas = {n for n in antes if antes[n] != despues.get(n)}
    assert cambiadas <= {"xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/styles.xml", "xl/workbook.xml",
                         "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    assert {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet4.xml"}.isdisjoint(cambiadas)
    recordado = json.loads((tmp_path / ".cartera" / "extractos.json").read_text(encoding="utf-8"))
    assert set(recordado["claves"]) == set(claves[:2]) and recordado["archivos"][0]["nombre"] == "noviembre.csv"
    # the same file again adds nothing, and «Por confirmar» keeps its one row
    otra_vez = _enviar(libro, extracto)
    assert "Escrito en el libro: 0 pago(s) agregado(s) a Pagos; 1 línea(s)" in otra_vez.stdout
    assert len(_pagos_extracto(libro)) == 2 and len(_hoja(libro, "Por confirmar")) == 3


def test_un_extracto_que_se_solapa_agrega_solo_lo_nuevo(libro: Path, tmp_path: Path) -> None:
    _enviar(libro, _extracto(tmp_path, "semana1.csv", SEGUROS))
    nueva = Linea(HOY, 300_000_000, "PAGO FACTURA F-1004")
    hecho = _enviar(libro, _extracto(tmp_path, "mes.csv", [*SEGUROS, nueva]))
    assert "1 pago(s) agregado(s) a Pagos" in hecho.stdout
    assert [f[1] for f in _pagos_extracto(libro)] == ["F-1001", "F-1002", "F-1004"]


def test_confirmar_si_registra_la_linea_sugerida(libro: Path, tmp_path: Path) -> None:
    extracto = _extracto(tmp_path, "e.csv", [SUGERIDA])
    _enviar(libro, extracto)
    assert _pagos_extracto(libro) == []
    wb = openpyxl.load_workbook(libro)
    hoja = wb["Por confirmar"]
    columna = [c.value for c in hoja[2]].index("Confirmar") + 1
    hoja.cell(row=3, column=columna, value="sí")
    wb.save(libro)
    hecho = _enviar(libro, extracto)
    assert "1 pago(s) agregado(s) a Pagos (1 confirmado(s) en «Por confirmar»); 0 línea(s)" in hecho.stdout
    assert [(f[1], f[3]) for f in _pagos_extracto(libro)] == [("F-1004", 1_000_000)]
    assert all(not any(f) for f in _hoja(libro, "Por confirmar")[2:])
    # a third run neither registers it again nor offers it again
    _enviar(libro, extracto)
    assert len(_pagos_extracto(libro)) == 1


def test_cobrar_lee_los_pagos_registrados(libro: Path, tmp_path: Path) -> None:
    def por_cobrar() -> str:
        hecho = _cartera("cobrar", str(libro), "--prueba", "--no-abrir", "--json")
        assert hecho.returncode == 0, hecho.stderr
        return next(t["por_cobrar"] for t in json.loads(hecho.stdout)["totales"] if t["moneda"] == "COP")

    assert por_cobrar() == "4380000.50"
    _enviar(libro, _extracto(tmp_path, "e.csv", SEGUROS))
    assert por_cobrar() == "3000000.00"


def test_libro_abierto_en_excel_no_recuerda_nada(libro: Path, tmp_path: Path) -> None:
    (tmp_path / "~$cartera.xlsx").write_bytes(b"usuario")
    antes = libro.read_bytes()
    hecho = _cartera("pagos", str(libro), str(_extracto(tmp_path, "e.csv", SEGUROS)), "--enviar")
    assert hecho.returncode == 1 and "la próxima ejecución lo intentará de nuevo" in hecho.stdout
    assert libro.read_bytes() == antes and not (tmp_path / ".cartera" / "extractos.json").exists()


def test_confirmar_no_descarta_la_linea_para_siempre(libro: Path, tmp_path: Path) -> None:
    extracto = _extracto(tmp_path, "e.csv", [SUGERIDA])
    _enviar(libro, extracto)
    wb = openpyxl.load_workbook(libro)
    hoja = wb["Por confirmar"]
    hoja.cell(row=3, column=[c.value for c in hoja[2]].index("Confirmar") + 1, value="no")
    wb.save(libro)
    hecho = _enviar(libro, extracto)
    assert "0 pago(s) agregado(s) a Pagos; 0 línea(s) en «Por confirmar»; 1 descartada(s)" in hecho.stdout
    assert "0 línea(s) en «Por confirmar»" in _enviar(libro, extracto).stdout and _pagos_extracto(libro) == []


def test_un_libro_sin_hoja_pagos_la_recibe(tmp_path: Path) -> None:
    hojas = libro_minimo_valido()
    del hojas["Pagos"]
    libro = escribir_libro(tmp_path / "cartera.xlsx", hojas)
    _enviar(libro, _extracto(tmp_path, "e.csv", [Linea(HOY, 125_000_050, "PAGO FACTURA F-1001")]))
    filas = _hoja(libro, "Pagos")
    assert filas[0] == ("Fecha", "Factura", "Cliente", "Monto", "Método", "Referencia", "Clave extracto")
    assert filas[1][1:5] == ("F-1001", "C001", 1_250_000.5, "extracto")


def test_registrar_no_hace_releer_la_disposicion(libro: Path, tmp_path: Path) -> None:
    """The «Clave extracto» column and «Por confirmar» are cartera's own: the next run does not greet the owner
    with «Así leí su libro» as if the layout were new."""
    def cobrar() -> str:
        hecho = _cartera("cobrar", str(libro), "--prueba", "--no-abrir")
        assert hecho.returncode in (0, 1), hecho.stdout + hecho.stderr
        return hecho.stdout

    assert "Así leí su libro" in cobrar()
    _enviar(libro, _extracto(tmp_path, "e.csv", [*SEGUROS, SUGERIDA]))
    assert "Clave extracto" in _hoja(libro, "Pagos")[0]
    assert "Así leí su libro" not in cobrar()


def test_una_columna_moneda_del_dueno_recibe_la_moneda(tmp_path: Path) -> None:
    hojas = libro_minimo_valido()
    hojas["Pagos"][0].append("Moneda")
    for fila in hojas["Pagos"][1:]:
        fila.append("COP")
    libro = escribir_libro(tmp_path / "cartera.xlsx", hojas)
    _enviar(libro, _extracto(tmp_path, "e.csv", [Linea(HOY, 100_000_050, "PAGO FACTURA F-1001")]))
    filas = _hoja(libro, "Pagos")
    assert filas[0][:8] == ("Fecha", "Factura", "Cliente", "Monto", "Método", "Referencia", "Moneda", "Clave extracto")
    assert filas[-1][1:8] == ("F-1001", "C001", 1_000_000.5, "extracto", None, "COP", filas[-1][7])


def test_un_pago_registrado_que_el_dueno_borra_no_vuelve_solo_ni_se_pierde(libro: Path, tmp_path: Path) -> None:
    """Undoing a registration: the owner deletes the Pagos row.  cartera warns that it is gone, never registers it
    again by itself, offers it in «Por confirmar» when the statement is passed again, and «no» ends it."""
    extracto = _extracto(tmp_path, "e.csv", SEGUROS[:1])
    _enviar(libro, extracto)
    wb = openpyxl.load_workbook(libro)
    wb["Pagos"].delete_rows(4)
    wb.save(libro)
    assert not [f for f in _hoja(libro, "Pagos")[1:] if f[4] == "extracto"]
    aviso = "1 pago(s) que cartera registró desde el extracto ya no está(n) en Pagos"
    assert aviso in _cartera("cobrar", str(libro), "--prueba", "--no-abrir").stdout
    otra_vez = _enviar(libro, extracto)
    assert "0 pago(s) agregado(s) a Pagos; 1 línea(s) en «Por confirmar»" in otra_vez.stdout
    assert "cartera ya la registró en Pagos y la fila no está" in otra_vez.stdout and not [f for f in _hoja(libro, "Pagos")[1:] if f[4] == "extracto"]
    wb = openpyxl.load_workbook(libro)
    hoja = wb["Por confirmar"]
    encabezado = next(f for f in hoja.iter_rows() if "Confirmar" in [c.value for c in f])
    fila = encabezado[0].row + 1
    hoja.cell(row=fila, column=[c.value for c in encabezado].index("Confirmar") + 1, value="no")
    wb.save(libro)
    assert "1 descartada(s)" in _enviar(libro, extracto).stdout
    assert aviso not in _cartera("cobrar", str(libro), "--prueba", "--no-abrir").stdout
    assert not [f for f in _hoja(libro, "Pagos")[1:] if f[4] == "extracto"]


def test_un_libro_con_formulas_guardado_por_libreoffice_las_conserva(tmp_path: Path) -> None:
    """The same guarantees as Historial on a book saved by LibreOffice with SUBTOTAL formulas and their cached
    values: the payment lands in Pagos, every formula and cached value is the same, Clientes keeps its bytes."""
    import shutil

    from cartera.calculo import antiguedad, calendario
    from cartera.libro import apertura

    libro = tmp_path / "cartera.xlsx"
    shutil.copy(RAIZ / "tests" / "libros_reales" / "contrato_subtotales_co.xlsx", libro)
    cartera = apertura.leer(libro)
    corte = cartera.configuracion.fecha_corte or HOY
    calculado = antiguedad.calcular(cartera, corte, calendario.festivos("CO", range(2024, 2028)))
    abierta = calculado.facturas[calculado.facturas["saldo"] > 0].iloc[0]
    linea = Linea(min(corte, HOY), int(abierta["saldo"]), f"PAGO FACTURA {abierta['factura']}")

    def formulas(valores: bool) -> dict[str, object]:
        wb = openpyxl.load_workbook(libro, data_only=valores)
        hoja = wb["Facturas"]
        salida = {c.coordinate: c.value for fila in hoja.iter_rows() for c in fila if c.data_type == "f" or valores}
        wb.close()
        return salida

    antes, cache = formulas(False), formulas(True)
    partes = _partes(libro)
    hecho = _enviar(libro, _extracto(tmp_path, "e.csv", [linea]))
    assert "1 pago(s) agregado(s) a Pagos" in hecho.stdout
    despues = formulas(True)  # cartera's own «(calculado)» columns are added to the right: compare the owner's
    assert formulas(False) == antes and len(antes) == 5 and {k: despues[k] for k in cache} == cache
    assert _partes(libro)["xl/worksheets/sheet1.xml"] == partes["xl/worksheets/sheet1.xml"]
    nueva = _hoja(libro, "Pagos")[-1]
    assert nueva[1] == abierta["factura"] and nueva[2] == abierta["cliente"] and nueva[4] == "extracto"


def test_por_confirmar_se_lee_de_un_vistazo(libro: Path, tmp_path: Path) -> None:
    """Confirmar first, beside the suggestion; one line above the header says what to write; the header row is
    frozen and every column is as wide as what it holds (a date is not «###»)."""
    from openpyxl.utils import get_column_letter

    from cartera.conciliacion import confirmacion

    _enviar(libro, _extracto(tmp_path, "e.csv", [SUGERIDA]))
    hoja = openpyxl.load_workbook(libro)["Por confirmar"]
    assert hoja["A1"].value == confirmacion.INSTRUCCION and hoja.freeze_panes == "A3"
    assert tuple(c.value for c in hoja[2]) == confirmacion.ENCABEZADOS
    assert confirmacion.ENCABEZADOS[:3] == ("Confirmar", "Factura sugerida", "Fecha")
    anchos = {hoja.cell(2, c).value: hoja.column_dimensions[get_column_letter(c)].width for c in range(1, 13)}
    assert anchos["Fecha"] >= 12 and anchos["Texto del banco"] >= len(SUGERIDA.texto) and anchos["Clave"] >= 20
    assert anchos["Confirmar"] >= len("Confirmar") and max(anchos.values()) <= 70
    assert hoja["C3"].is_date and hoja["B3"].value == "F-1004"


def test_un_por_confirmar_de_la_version_anterior_se_sigue_leyendo(libro: Path, tmp_path: Path) -> None:
    """A «Por confirmar» in the older layout (header on row 1, Confirmar near the end) is read by its headers,
    registers the owner's «sí» and is rewritten in its own layout."""
    extracto = _extracto(tmp_path, "e.csv", [SUGERIDA, OTRA])
    _enviar(libro, extracto)
    wb = openpyxl.load_workbook(libro)
    nueva = wb["Por confirmar"]
    filas = {f[0].value: [c.value for c in f] for f in nueva.iter_rows(min_row=2)}
    antiguos = ("Fecha", "Importe", "Moneda", "Texto del banco", "Referencia", "Archivo", "Línea", "Candidatos",
                "Motivo", "Factura sugerida", "Confirmar", "Clave")
    del wb["Por confirmar"]
    vieja = wb.create_sheet("Por confirmar")
    vieja.append(antiguos)
    encabezado = filas.pop("Confirmar")
    for fila in filas.values():
        por_nombre = dict(zip(encabezado, fila, strict=True))
        vieja.append([por_nombre[e] for e in antiguos])
    vieja.cell(row=2, column=antiguos.index("Confirmar") + 1, value="sí")
    wb.save(libro)
    hecho = _enviar(libro, extracto)
    assert "1 pago(s) agregado(s) a Pagos (1 confirmado(s) en «Por confirmar»)" in hecho.stdout
    assert [(f[1], f[3]) for f in _pagos_extracto(libro)] == [("F-1004", 1_000_000)]
    assert _hoja(libro, "Por confirmar")[0] == antiguos
