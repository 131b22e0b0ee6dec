"""End to end: a workbook whose sheets and headers use accepted aliases round-trips through a sending run.

The owner calls the sheets «Deudores», «Cuentas por cobrar», «Abonos»,
«Ajustes» and «Historial de cobro» and writes non-canonical headers
(«N° Factura», «Importe», a lower-case Historial…).  The real ``cartera
cobrar --enviar`` runs in a subprocess against the loopback SMTP server
(``servidor_smtp``) with the app password in the temp keyring of
``conftest.llavero``; then the workbook is read again.  The write-back must
use the names reading found: owned columns in «Cuentas por cobrar», rows
appended once to «Historial de cobro», nothing left pending in the journal.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from libros import escribir_libro
from servidor_smtp import CLAVE, USUARIO, ServidorSMTP

from cartera.correo import clave
from cartera.lectura import esquema
from cartera.libro import apertura, diario
from cartera.libro.anotacion import en_historial

HOY = dt.date.today()
"""The as-of date: today, so that the journal's real timestamps and ``--fecha`` agree."""
VENCE = HOY - dt.timedelta(days=4)
"""Due four days ago: every invoice is at «Primer aviso» today."""
HISTORIAL = ["fecha", "cliente", "facturas", "etapa", "canal", "destinatarios", "asunto", "resultado",
             "detalle", "message-id"]
"""Historial headers as an owner might retype them (lower case): they must be matched, not added again."""
FACTURAS = ["N° Factura", "Código cliente", "Fecha de emisión", "Fecha de vencimiento", "Importe", "Notas"]
HOJAS = ["Deudores", "Cuentas por cobrar", "Abonos", "Ajustes", "Historial de cobro"]


def _hojas(servidor: ServidorSMTP) -> dict[str, list[list]]:
    emision = VENCE - dt.timedelta(days=30)
    return {
        "Deudores": [["Código cliente", "Razón social", "Correo electrónico", "Tratamiento"]]
                    + [[f"C{i}", f"Cliente {i} S.A.S.", f"pagos@cliente{i}.example", "usted"] for i in (1, 2, 3)],
        "Cuentas por cobrar": [FACTURAS] + [[f"F-{i}", f"C{i}", emision, VENCE, 100000 * i, f"nota {i}"] for i in (1, 2, 3)],
        "Abonos": [["Fecha de pago", "N° Factura", "Importe pagado"], [VENCE, "F-2", 50000]],
        "Ajustes": [["Parámetro", "Valor"], ["Empresa", "Suministros Andinos"], ["Correo remitente", USUARIO],
                    ["Modo", "Envío"], ["Servidor SMTP", servidor.host], ["Puerto SMTP", servidor.puerto],
                    ["Seguridad SMTP", "Ninguna"], ["País", "CO"], ["Moneda", "COP"]],
        "Historial de cobro": [HISTORIAL],
    }


def _cobrar(libro: Path) -> dict:
    proceso = subprocess.run(
        [sys.executable, "-m", "cartera", "cobrar", str(libro), "--enviar", "--no-abrir", "--json",
         "--fecha", HOY.isoformat()],
        cwd=libro.parent, capture_output=True, text=True, encoding="utf-8", stdin=subprocess.DEVNULL, timeout=120)
    assert "Traceback" not in proceso.stderr, proceso.stderr
    return json.loads(proceso.stdout)


def _filas(ruta: Path, hoja: str) -> list[tuple]:
    libro = openpyxl.load_workbook(ruta, read_only=True)
    try:
        return [tuple(f) for f in libro[hoja].iter_rows(values_only=True) if any(v is not None for v in f)]
    finally:
        libro.close()


def _pendientes(ruta: Path) -> tuple:
    """Journal rows the workbook's Historial does not hold, as the next run would compute them."""
    return diario.pendientes_de_libro(ruta.parent, en_historial(ruta, apertura.leer(ruta)))


@pytest.fixture
def libro(tmp_path: Path, servidor_smtp: ServidorSMTP) -> Path:
    clave.guardar_clave(USUARIO, CLAVE)
    return escribir_libro(tmp_path / "cartera.xlsx", _hojas(servidor_smtp))


def test_lectura_guarda_donde_encontro_cada_hoja(libro: Path) -> None:
    cartera = apertura.leer(libro)
    assert {h: o.nombre for h, o in cartera.origen.items()} == {
        esquema.CLIENTES: "Deudores", esquema.FACTURAS: "Cuentas por cobrar", esquema.PAGOS: "Abonos",
        esquema.CONFIGURACION: "Ajustes", esquema.HISTORIAL: "Historial de cobro"}
    facturas = cartera.origen[esquema.FACTURAS]
    assert facturas.fila == 1
    assert (facturas.encabezado("factura"), facturas.letra("factura")) == ("N° Factura", "A")
    assert (facturas.encabezado("total"), facturas.letra("total")) == ("Importe", "E")
    assert facturas.encabezado("moneda") is None
    assert cartera.origen[esquema.HISTORIAL].encabezado("message_id") == "message-id"
    with pytest.raises(TypeError):
        cartera.origen[esquema.FACTURAS] = facturas  # type: ignore[index]


def test_ida_y_vuelta_con_nombres_alternativos(libro: Path, servidor_smtp: ServidorSMTP) -> None:
    primera = _cobrar(libro)
    assert primera["mensajes"]["enviado"] == 3 and primera["notas"] == [], primera
    assert len(servidor_smtp.recibidos) == 3
    ids = {str(r.mensaje["Message-ID"]) for r in servidor_smtp.recibidos}

    assert openpyxl.load_workbook(libro, read_only=True).sheetnames == HOJAS  # no «Facturas» or «Historial» added
    facturas = _filas(libro, "Cuentas por cobrar")
    assert facturas[0] == (*FACTURAS, *esquema.ENCABEZADOS_PROPIOS)
    propias = {f[0]: dict(zip(esquema.ENCABEZADOS_PROPIOS, f[len(FACTURAS):], strict=True)) for f in facturas[1:]}
    assert propias["F-2"]["Pagado (calculado)"] == 50000 and propias["F-2"]["Saldo (calculado)"] == 150000
    assert {p["Días vencidos (calculado)"] for p in propias.values()} == {4}
    assert {p["Último aviso (calculado)"] for p in propias.values()} == {"Primer aviso"}
    historial = _filas(libro, "Historial de cobro")
    assert historial[0] == tuple(HISTORIAL)  # the owner's headers, no second set of columns
    assert sorted(f[9] for f in historial[1:]) == sorted(ids)
    assert _pendientes(libro) == ()

    segunda = _cobrar(libro)
    assert segunda["mensajes"]["enviado"] == 0 and segunda["notas"] == [], segunda
    assert len(servidor_smtp.recibidos) == 3
    assert _filas(libro, "Historial de cobro") == historial  # each row once
    assert _pendientes(libro) == ()
    cartera = apertura.leer(libro)
    assert sorted(e.factura for e in cartera.historial) == ["F-1", "F-2", "F-3"]
    assert not [r for r in cartera.rechazos if r.grave]
