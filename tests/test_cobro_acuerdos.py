"""Payment agreements end to end: the real ``cartera cobrar --enviar`` on a real workbook, day after day.

``python -m cartera cobrar --enviar --fecha …`` runs in a subprocess against the loopback SMTP server
(tests/servidor_smtp.py).  The first sending run writes the agreement's instalments to a new ``Cuotas``
sheet; each instalment is reminded before and on its date; the late one breaks the agreement once
(«incumplido» in the subject, the client on the call list); the owner writes Cancelado and the remaining
balance goes back to the normal schedule.  A paid agreement says thank you, once.
"""

from __future__ import annotations

import subprocess
import sys
from email.header import decode_header, make_header
from pathlib import Path

import openpyxl
from acuerdos_libro import CODIGO, D, hojas
from libros import escribir_libro
from test_libro_seguro import _configuracion


def _libro(carpeta: Path, servidor, **opciones) -> Path:
    libro = hojas(**opciones)
    libro["Configuración"] = _configuracion(servidor)
    return escribir_libro(carpeta / "cartera.xlsx", libro)


def _cobrar(libro: Path, fecha) -> subprocess.CompletedProcess:
    proceso = subprocess.run([sys.executable, "-m", "cartera", "cobrar", str(libro), "--enviar", "--no-abrir",
                              "--fecha", fecha.isoformat()], cwd=libro.parent, capture_output=True, text=True,
                             encoding="utf-8", stdin=subprocess.DEVNULL, timeout=180)
    assert "Traceback" not in proceso.stdout + proceso.stderr, proceso.stderr
    return proceso


def _asuntos(servidor, destinatario: str) -> list[str]:
    asuntos = [" ".join(str(make_header(decode_header(str(r.mensaje["Subject"])))).split()) for r in servidor.recibidos
               if destinatario in r.destinatarios]
    servidor.recibidos.clear()
    return asuntos


def _filas(ruta: Path, hoja: str) -> list[tuple]:
    libro = openpyxl.load_workbook(ruta, data_only=True, read_only=True)
    try:
        return [tuple(f) for f in libro[hoja].iter_rows(values_only=True) if any(v is not None for v in f)]
    finally:
        libro.close()


def _informe(libro: Path, fecha) -> Path:
    return libro.parent / "informes" / f"antiguedad_{fecha.isoformat()}.xlsx"


def test_acuerdo_de_tres_cuotas_dia_tras_dia(tmp_path, servidor_smtp, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp, pagos=[[D(2026, 3, 30), "F-001", "", 333333.33]])
    _cobrar(libro, D(2026, 3, 28))
    assert _asuntos(servidor_smtp, "c1@uno.co") == ["La cuota 1 de 3 de su acuerdo de pago vence el 31/03/2026 — $ 333.333,33"]
    cuotas = _filas(libro, "Cuotas")
    assert cuotas[0] == ("Acuerdo", "Cliente", "Cuota", "Vence", "Valor", "Pagado", "Estado")
    assert [(f[2], f[3].date(), f[4], f[6]) for f in cuotas[1:]] == [
        (1, D(2026, 3, 31), 333333.33, "Pendiente"), (2, D(2026, 4, 30), 333333.33, "Pendiente"),
        (3, D(2026, 5, 31), 333333.34, "Pendiente")]
    _cobrar(libro, D(2026, 3, 28))  # a rerun: nothing again, no instalment added twice
    assert _asuntos(servidor_smtp, "c1@uno.co") == [] and len(_filas(libro, "Cuotas")) == 4

    _cobrar(libro, D(2026, 3, 31))  # paid the day before: no reminder
    assert _asuntos(servidor_smtp, "c1@uno.co") == []
    assert [f[5:] for f in _filas(libro, "Cuotas")[1:]] == [(333333.33, "Pagada"), (0, "Pendiente"), (0, "Pendiente")]
    _cobrar(libro, D(2026, 4, 27))
    assert _asuntos(servidor_smtp, "c1@uno.co") == ["La cuota 2 de 3 de su acuerdo de pago vence el 30/04/2026 — $ 333.333,33"]
    _cobrar(libro, D(2026, 4, 30))
    assert _asuntos(servidor_smtp, "c1@uno.co") == ["La cuota 2 de 3 de su acuerdo de pago vence hoy, 30 de abril de 2026 "
                                                    "— $ 333.333,33"]
    _cobrar(libro, D(2026, 5, 3))
    incumplido = _asuntos(servidor_smtp, "c1@uno.co")
    assert incumplido == ["Acuerdo de pago incumplido — la cuota 2 de 3 venció el 30/04/2026"]
    llamadas = _filas(_informe(libro, D(2026, 5, 3)), "Llamadas")
    assert any(f[0] == "C01" for f in llamadas[1:])
    estado = {f[0]: f[-1] for f in _filas(_informe(libro, D(2026, 5, 3)), "Acuerdos")[1:]}
    assert estado == {CODIGO: "Incumplido"}
    _cobrar(libro, D(2026, 5, 4))
    assert _asuntos(servidor_smtp, "c1@uno.co") == []  # said once

    _escribir_estado(libro, "Cancelado")
    _cobrar(libro, D(2026, 5, 5))
    informe = _informe(libro, D(2026, 5, 5))
    assert {f[0]: f[-1] for f in _filas(informe, "Acuerdos")[1:]} == {CODIGO: "Cancelado"}
    detalle = [f for f in _filas(informe, "Detalle") if f and f[0] in ("F-001", "F-002")]
    assert len(detalle) == 2 and all("acuerdo" not in str(f).lower() for f in detalle)
    escalar = _filas(informe, "Escalar")
    assert any(f[0] == "C01" for f in escalar[1:])  # the normal schedule: 94 days late, Cobranza
    historial = [f for f in _filas(libro, "Historial")[1:] if str(f[3]).startswith("Acuerdo")]
    assert [f[3] for f in historial].count(f"Acuerdo {CODIGO} incumplido") == 1


def _escribir_estado(libro: Path, estado: str) -> None:
    """The owner writes in Acuerdos' Estado (in Excel; here openpyxl)."""
    cuaderno = openpyxl.load_workbook(libro)
    cuaderno["Acuerdos"]["H2"] = estado
    cuaderno.save(libro)


def test_acuerdo_pagado_agradece_una_vez(tmp_path, servidor_smtp, clave_guardada):
    pagos = [[D(2026, 3, 31), "F-001", "", 600000], [D(2026, 4, 20), "F-002", "", 400000]]
    libro = _libro(tmp_path, servidor_smtp, pagos=pagos)
    _cobrar(libro, D(2026, 4, 21))
    assert _asuntos(servidor_smtp, "c1@uno.co") == ["¡Gracias! Su acuerdo de pago quedó pagado — $ 1.000.000,00"]
    assert [f[6] for f in _filas(libro, "Cuotas")[1:]] == ["Pagada"] * 3
    _cobrar(libro, D(2026, 4, 22))
    assert _asuntos(servidor_smtp, "c1@uno.co") == []
