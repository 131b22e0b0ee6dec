"""``cartera pagos`` end to end (issue 16, first part): real workbook, real statement files, the real CLI.

``--prueba`` prints what would be registered and writes nothing; a bad file anywhere in the batch stops
the command with exit code 2, a Spanish message naming the file and line, and no traceback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from bancos import Linea, csv_bancolombia, libro_con_nit, norma43
from libros import escribir_libro, libro_minimo_valido

from cartera.comandos.cli import main

HOY = dt.date(2026, 11, 24)


@pytest.fixture
def libro(tmp_path: Path) -> Path:
    return libro_con_nit(tmp_path)


def _huella(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def test_prueba_muestra_lo_que_registraria_y_no_escribe(libro: Path, tmp_path: Path, capsys) -> None:
    # F-1001 owes 1.000.000,50 (1.250.000,50 − 250.000); F-1002 owes 380.000 after C002's 100.000
    lineas = [Linea(HOY, 100_000_050, "TRANSFERENCIA PAGO F-1001"), Linea(HOY, 38_000_000, "PAGO NIT 800111222"),
              Linea(HOY, 5_000_000, "CONSIGNACION"), Linea(HOY, -1_500_000, "CUOTA DE MANEJO")]
    extracto = tmp_path / "bancolombia.csv"
    extracto.write_bytes(csv_bancolombia(lineas))
    antes = _huella(libro)
    assert main(["pagos", str(libro), str(extracto), "--prueba"]) == 0
    salida = capsys.readouterr().out
    assert "Se registrarían en Pagos (2):" in salida and "→ F-1001" in salida and "→ F-1002" in salida
    assert "Sin identificar (1):" in salida
    assert "2 pagos por registrar desde el extracto, 0 por confirmar" in salida and "no se escribió nada" in salida
    assert _huella(libro) == antes and not (tmp_path / ".cartera" / "extractos.json").exists()


def test_un_extracto_danado_no_registra_nada_y_sale_con_2(libro: Path, tmp_path: Path, capsys) -> None:
    bueno = tmp_path / "bueno.csv"
    bueno.write_bytes(csv_bancolombia([Linea(HOY, 100_000_050, "PAGO F-1001")]))
    registros = norma43([Linea(HOY, 10_000, "PAGO")]).decode("latin-1").split("\r\n")
    malo = tmp_path / "malo.n43"
    malo.write_bytes("\r\n".join([registros[0], registros[1][:79], *registros[2:]]).encode("latin-1"))
    assert main(["pagos", str(libro), str(bueno), str(malo), "--prueba"]) == 2
    salida = capsys.readouterr()
    assert "malo.n43, línea 2" in salida.err and "80" in salida.err and "Traceback" not in salida.err + salida.out
    assert "Se registrarían" not in salida.out


def test_json(libro: Path, tmp_path: Path, capsys) -> None:
    extracto = tmp_path / "e.csv"
    extracto.write_bytes(csv_bancolombia([Linea(HOY, 100_000_050, "PAGO F-1001")]))
    assert main(["pagos", str(libro), str(extracto), "--json"]) == 0
    import json

    datos = json.loads(capsys.readouterr().out)
    assert datos["conciliaciones"][0]["estado"] == "seguro" and datos["conciliaciones"][0]["facturas"] == ["F-1001"]


def test_una_linea_cuya_clave_esta_en_pagos_no_se_registra_otra_vez(tmp_path: Path, capsys) -> None:
    from cartera.extractos.archivos import leer_extracto

    extracto = tmp_path / "e.csv"
    extracto.write_bytes(csv_bancolombia([Linea(HOY, 100_000_050, "PAGO F-1001")]))
    clave = leer_extracto(extracto, "CO", "COP").movimientos[0].clave
    hojas = libro_minimo_valido()
    hojas["Pagos"][0].append("Clave extracto")
    hojas["Pagos"][1].append("")
    hojas["Pagos"].append([HOY, "F-1001", "", 1_000_000.5, "extracto", "", clave])
    libro = escribir_libro(tmp_path / "cartera.xlsx", hojas)
    assert main(["pagos", str(libro), str(extracto), "--json"]) == 0
    import json

    datos = json.loads(capsys.readouterr().out)
    assert [c["estado"] for c in datos["conciliaciones"]] == ["ya registrado"]
