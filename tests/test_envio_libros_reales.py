"""A sending run on owners' own books writes back where it belongs (issue 14).

The corpus's flat sheet (title rows, header on row 4, TOTAL row with SUM formulas) and its Excel Table (with a
totals row), each with a ``Configuración`` pointing at the loopback SMTP server of the tests
(``tests/libros_reales/envio/generar_envio.py`` rebuilds them through LibreOffice), go through the real
``cartera cobrar --enviar``.  Afterwards: the title and TOTAL rows are untouched, every ``Saldo (calculado)``
sits on its invoice's row and equals the figure computed independently (``test_libros_reales.referencia``),
the table has grown to hold the ``(calculado)`` columns, and — where LibreOffice is installed — the file opens
in LibreOffice and, after sorting the table there, each value is still on its invoice's row.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import keyring
import openpyxl
import pytest
from oficina import convertir, ordenar_tabla, requiere_soffice
from servidor_smtp import CLAVE, USUARIO, ServidorSMTP
from test_libros_reales import datos, referencia

CARPETA = Path(__file__).resolve().parent / "libros_reales" / "envio"
MARCA = b"<v>65001</v>"
LIBROS = {"cartera_por_edades_co": "es_CO.UTF-8", "plantilla_facturas_tabla_mx": "es_MX.UTF-8"}


def _copia(libro: str, carpeta: Path, puerto: int) -> Path:
    """The book in ``carpeta`` with its Configuración's Puerto SMTP set to ``puerto``."""
    destino = carpeta / f"{libro}.xlsx"
    with zipfile.ZipFile(CARPETA / f"envio_{libro}.xlsx") as origen, zipfile.ZipFile(destino, "w", zipfile.ZIP_DEFLATED) as copia:
        for info in origen.infolist():
            contenido = origen.read(info)
            if MARCA in contenido:
                contenido = contenido.replace(MARCA, f"<v>{puerto}</v>".encode())
            copia.writestr(info, contenido)
    return destino


def _filas(ruta: Path, hoja: str) -> list[tuple]:
    """Every row as (value or formula) per cell, as openpyxl reads the file's XML."""
    return [tuple(c.value for c in fila) for fila in openpyxl.load_workbook(ruta)[hoja].iter_rows()]


def _por_encabezado(filas: list[tuple], fila_encabezado: int) -> tuple[dict[str, int], list[tuple]]:
    encabezados = {str(v): j for j, v in enumerate(filas[fila_encabezado - 1]) if v is not None}
    return encabezados, filas[fila_encabezado:]


@pytest.fixture(params=list(LIBROS))
def enviado(request, tmp_path: Path, servidor_smtp: ServidorSMTP):
    libro = request.param
    ruta = _copia(libro, tmp_path, servidor_smtp.puerto)
    antes = _filas(ruta, datos(libro)["hoja_facturas"])
    keyring.set_password("yagmail", USUARIO, CLAVE)
    env = {**os.environ, "LC_ALL": LIBROS[libro], "LANG": LIBROS[libro], "CARTERA_ESPERA_SMTP": "0.01"}
    proceso = subprocess.run([sys.executable, "-m", "cartera", "cobrar", ruta.name, "--enviar", "--no-abrir",
                              "--fecha", datos(libro)["fecha_corte"]], cwd=tmp_path, capture_output=True, text=True,
                             encoding="utf-8", env=env, stdin=subprocess.DEVNULL, timeout=300)
    assert proceso.returncode == 0, proceso.stdout + proceso.stderr
    assert servidor_smtp.recibidos, proceso.stdout
    return libro, ruta, antes


def _saldos_en_sus_filas(libro: str, filas: list[tuple], fila_encabezado: int) -> list[str]:
    encabezados, cuerpo = _por_encabezado(filas, fila_encabezado)
    numero = next(j for h, j in encabezados.items()
                  if "factura" in h.lower() and not any(p in h.lower() for p in ("valor", "fecha", "total", "calculado")))
    saldo = encabezados["Saldo (calculado)"]
    esperadas = referencia(datos(libro))
    vistas, fallos = set(), []
    for fila in cuerpo:
        factura = str(fila[numero]) if fila[numero] is not None else ""
        if factura in esperadas:
            vistas.add(factura)
            esperado = 0 if esperadas[factura].cerrada else esperadas[factura].saldo / 100
            if fila[saldo] is None or abs(float(fila[saldo]) - esperado) > 0.005:
                fallos.append(f"{factura}: Saldo (calculado) {fila[saldo]}, esperado {esperado}")
        elif fila[saldo] not in (None, ""):
            fallos.append(f"fila que no es factura ({fila[:2]}…) con Saldo (calculado) {fila[saldo]}")
    return fallos + [f"{f}: no se encontró su fila" for f in set(esperadas) - vistas]


def test_los_valores_quedan_en_su_fila_y_el_titulo_y_el_total_intactos(enviado) -> None:
    libro, ruta, antes = enviado
    descripcion = datos(libro)
    hoja, fila_encabezado = descripcion["hoja_facturas"], descripcion["fila_encabezado"]
    despues = _filas(ruta, hoja)
    for no_dato in descripcion["filas_no_datos"].get(hoja, []):
        fila = no_dato["fila"]
        ancho = len(antes[fila - 1])
        assert despues[fila - 1][:ancho] == antes[fila - 1], f"fila {fila} ({no_dato['tipo']}) cambió"
        assert all(v in (None, "") for v in despues[fila - 1][ancho:]), f"fila {fila}: se escribió a su derecha"
    for fila in range(1, fila_encabezado):
        assert despues[fila - 1][:len(antes[fila - 1])] == antes[fila - 1], f"título en la fila {fila} cambió"
    assert not _saldos_en_sus_filas(libro, despues, fila_encabezado)


def test_la_tabla_de_excel_crece_con_las_columnas_calculadas(enviado) -> None:
    libro, ruta, _ = enviado
    if libro != "plantilla_facturas_tabla_mx":
        pytest.skip("este libro no tiene tabla de Excel")
    hoja = openpyxl.load_workbook(ruta)[datos(libro)["hoja_facturas"]]
    [tabla] = [t for t in hoja.tables.values() if t.name == "TablaFacturas"]
    nombres = [c.name for c in tabla.tableColumns]
    assert nombres[-7:] == [c.value for c in hoja[datos(libro)["fila_encabezado"]]][len(nombres) - 7:len(nombres)]
    assert "Saldo (calculado)" in nombres and "Fecha último aviso (calculado)" in nombres


def test_libreoffice_lo_abre_y_al_ordenar_cada_valor_sigue_en_su_fila(enviado, tmp_path_factory) -> None:
    requiere_soffice()
    libro, ruta, _ = enviado
    descripcion = datos(libro)
    perfil = tmp_path_factory.mktemp("perfil-lo")
    abierto = convertir(perfil, ruta, "xlsx", tmp_path_factory.mktemp("abierto"))
    assert not _saldos_en_sus_filas(libro, _filas(abierto, descripcion["hoja_facturas"]), descripcion["fila_encabezado"])
    if libro != "plantilla_facturas_tabla_mx":
        return
    ordenado = ordenar_tabla(perfil, ruta, tmp_path_factory.mktemp("ordenado") / "ordenado.xlsx", 4, totales=1)
    filas = _filas(ordenado, descripcion["hoja_facturas"])
    assert not _saldos_en_sus_filas(libro, filas, descripcion["fila_encabezado"])
    cuerpo = [f for f in filas[descripcion["fila_encabezado"]:] if f[0] not in (None, "")]
    assert [f[0] for f in cuerpo] != [f["factura"] for f in descripcion["facturas"]][:len(cuerpo)]  # it did sort
    shutil.rmtree(perfil, ignore_errors=True)
