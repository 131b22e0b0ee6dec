"""``cartera cobrar`` reads the drop folder ``extractos/`` before planning (issue 16), end to end.

A real Bancolombia CSV export (tests/bancos.py) is dropped beside a real workbook; ``python -m cartera cobrar --enviar``
runs in a subprocess against the loopback SMTP server.  The client whose transfer the statement holds gets no
reminder that evening, the others do; the payment is in Pagos once, a second run adds nothing; the report's
Conciliación sheet lists the lines.  A malformed statement is one warning, and the day goes on.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
from bancos import Linea, csv_bancolombia
from test_libro_seguro import CORTE, _cobrar, _cobrar_json, _libro


def _soltar(libro: Path, nombre: str, contenido: bytes) -> Path:
    carpeta = libro.parent / "extractos"
    carpeta.mkdir(exist_ok=True)
    (carpeta / nombre).write_bytes(contenido)
    return carpeta / nombre


def _filas(ruta: Path, hoja: str) -> list[tuple]:
    libro = openpyxl.load_workbook(ruta, data_only=True, read_only=True)
    try:
        return [tuple(f) for f in libro[hoja].iter_rows(values_only=True)]
    finally:
        libro.close()


def _pagos(libro: Path) -> list[tuple]:
    return [f for f in _filas(libro, "Pagos")[1:] if any(v not in (None, "") for v in f)]


def _destinatarios(servidor) -> set[str]:
    return {d for r in servidor.recibidos for d in r.destinatarios}


PAGO_C02 = Linea(CORTE, 20_005_025, "TRANSFERENCIA PAGO FACTURA F-002")  # F-002 owes 200,050.25 exactly
OTRA = Linea(CORTE, 5_000_000, "CONSIGNACION")  # nobody's


def test_extracto_en_la_carpeta_detiene_el_recordatorio(tmp_path, servidor_smtp, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp)
    _soltar(libro, "banco.csv", csv_bancolombia([PAGO_C02, OTRA]))
    salida = _cobrar_json(libro)
    assert salida["codigo_salida"] == 0, salida
    assert _destinatarios(servidor_smtp) == {"c1@cliente1.co", "c3@cliente3.co"}
    assert salida["extracto"]["registrados"] == 1 and salida["extracto"]["lineas"] == 2, salida["extracto"]
    assert salida["extracto"]["resumen"] == "1 pago registrado desde el extracto, 0 por confirmar, 1 sin identificar"
    pagos = _pagos(libro)
    assert len(pagos) == 1 and pagos[0][1] == "F-002" and pagos[0][4] == "extracto", pagos
    informe = Path(salida["informe"])
    conciliacion = _filas(informe, "Conciliación")
    assert conciliacion[0][:8] == ("Fecha", "Importe", "Texto", "Referencia", "Estado", "Factura(s)", "Cliente",
                                   "Motivo / candidatos")
    estados = {f[4]: f for f in conciliacion[1:]}
    assert set(estados) == {"seguro", "sin identificar"}
    assert estados["seguro"][5] == "F-002" and estados["seguro"][6] == "C02"

    # the next evening (same day forced again): the file is not read twice, nothing is added
    servidor_smtp.recibidos.clear()
    otra = _cobrar_json(libro)
    assert otra["extracto"] is None, otra
    assert len(_pagos(libro)) == 1
    assert "c2@cliente2.co" not in _destinatarios(servidor_smtp)
    assert "Conciliación" not in openpyxl.load_workbook(Path(otra["informe"]), read_only=True).sheetnames


def test_prueba_no_escribe_ni_recuerda_pero_el_plan_cuenta_el_pago(tmp_path, servidor_smtp, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp)
    _soltar(libro, "banco.csv", csv_bancolombia([PAGO_C02]))
    proceso = subprocess.run([sys.executable, "-m", "cartera", "cobrar", str(libro), "--prueba", "--no-abrir",
                              "--fecha", CORTE.isoformat()], cwd=libro.parent, capture_output=True, text=True,
                             encoding="utf-8", stdin=subprocess.DEVNULL, timeout=120)
    assert proceso.returncode == 0, proceso.stderr
    assert "1 pago por registrar desde el extracto, 0 por confirmar — prueba" in proceso.stdout, proceso.stdout
    assert _pagos(libro) == []
    assert not (libro.parent / ".cartera" / "extractos.json").exists()
    previas = list((libro.parent / "salida").rglob("*.eml"))
    assert len(previas) == 2, previas
    assert not servidor_smtp.recibidos


def test_extracto_malo_se_omite_con_un_aviso(tmp_path, servidor_smtp, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp)
    bueno = csv_bancolombia([PAGO_C02])
    _soltar(libro, "malo.csv", bueno.replace(b"200.050,25;", b"doscientos mil;"))  # an amount that is no amount
    _soltar(libro, "bueno.csv", bueno)
    proceso = _cobrar(libro)
    assert proceso.returncode == 0, proceso.stdout + proceso.stderr
    assert "Traceback" not in proceso.stderr
    assert "malo.csv" in proceso.stdout and "Se omitió ese archivo" in proceso.stdout, proceso.stdout
    assert len(_pagos(libro)) == 1
    assert "malo.csv" not in (libro.parent / ".cartera" / "extractos.json").read_text(encoding="utf-8")


def test_por_confirmar_respondido_se_registra_en_la_corrida_siguiente(tmp_path, servidor_smtp, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp)
    _soltar(libro, "banco.csv", csv_bancolombia([Linea(CORTE, 10_000_000, "ABONO CLIENTE 3 S.A.S.")]))
    primera = _cobrar_json(libro)
    assert primera["extracto"]["estados"] == {"sugerido": 1}, primera["extracto"]
    assert primera["extracto"]["registrados"] == 0 and _pagos(libro) == []
    wb = openpyxl.load_workbook(libro)
    hoja = wb["Por confirmar"]
    titulos = [c.value for c in hoja[2]]  # row 1: the instruction line
    sugerida = hoja.cell(row=3, column=titulos.index("Factura sugerida") + 1).value
    hoja.cell(row=3, column=titulos.index("Confirmar") + 1, value="sí")
    wb.save(libro)
    segunda = _cobrar_json(libro)
    assert segunda["extracto"]["registrados"] == 1, segunda["extracto"]
    assert [(f[1], f[3]) for f in _pagos(libro)] == [(sugerida, 100_000)]
    assert _cobrar_json(libro)["extracto"] is None and len(_pagos(libro)) == 1
