"""``cartera correo`` fills an empty Correo remitente by editing one cell of Configuración."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl

from cartera.libro import apertura as libro
from cartera.libro import correo_remitente, nuevo

MUESTRA = Path(__file__).parent.parent / "sample_cartera.xlsx"


def _partes(ruta: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(ruta) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_un_libro_nuevo_recibe_la_direccion_y_nada_mas_cambia(tmp_path: Path) -> None:
    ruta = tmp_path / "cartera.xlsx"
    nuevo.escribir_libro_nuevo(ruta)
    antes = _partes(ruta)
    assert correo_remitente.anotar_correo_remitente(ruta, "cobros@empresa.example")
    assert libro.leer(ruta).configuracion.correo_remitente == "cobros@empresa.example"
    despues = _partes(ruta)
    cambiadas = {n for n in antes if antes[n] != despues.get(n)}
    assert len(cambiadas) == 1 and cambiadas.pop().startswith("xl/worksheets/")
    assert list((tmp_path / ".cartera" / "respaldos").glob("cartera_*.xlsx"))


def test_una_celda_vacia_con_estilo_conserva_su_estilo(tmp_path: Path) -> None:
    ruta = tmp_path / "propio.xlsx"
    wb = openpyxl.Workbook()
    hoja = wb.active
    hoja.title = "Configuracion"
    hoja.append(["Parámetro", "Valor"])
    hoja.append(["Empresa", "Mi Empresa"])
    hoja.append(["Correo remitente", None])
    hoja["B3"].font = openpyxl.styles.Font(bold=True)
    hoja.append(["Modo", "Prueba"])
    wb.save(ruta)
    assert correo_remitente.anotar_correo_remitente(ruta, "a&b@empresa.example")
    leido = openpyxl.load_workbook(ruta)["Configuracion"]
    assert leido["B3"].value == "a&b@empresa.example" and leido["B3"].font.bold
    assert leido["B4"].value == "Prueba"


def test_una_direccion_ya_escrita_no_se_toca(tmp_path: Path) -> None:
    ruta = tmp_path / "sample_cartera.xlsx"
    shutil.copy(MUESTRA, ruta)
    antes = ruta.read_bytes()
    assert not correo_remitente.anotar_correo_remitente(ruta, "otra@empresa.example")
    assert ruta.read_bytes() == antes
