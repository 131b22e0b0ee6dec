"""End to end: the first run of the real ``cartera cobrar`` already shows a year of «Evolución de la cartera».

The demo (with a damaged sidecar an earlier version left: ignored, untouched)
and a fresh workbook whose figures at each month-end are worked out by hand:
one invoice a month paid 70 days after issue (so each month-end owes the
previous month's invoice, overdue, and its own, not due), an amount in a paid
column without a date, and a second currency.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from libros import escribir_libro
from test_cobrar import _copiar_muestra, cartera

CORTE = dt.date(2026, 11, 24)
CIERRES = tuple(dt.date(2025 + (m + 10) // 12, (m + 10) % 12 + 1, 1) - dt.timedelta(days=1) for m in range(1, 13))
"""30/11/2025 … 31/10/2026: the 12 month-ends before the Fecha de corte."""


def evolucion(informe: Path, moneda: str) -> list[tuple]:
    """The data rows of «Evolución de la cartera (moneda)» on Resumen: (fecha, por cobrar, vencido, %, DSO[, sin fecha])."""
    libro = openpyxl.load_workbook(informe, read_only=True)
    filas = [tuple(f) for f in libro["Resumen"].iter_rows(values_only=True)]
    libro.close()
    inicio = next(i for i, f in enumerate(filas) if f[0] == f"Evolución de la cartera ({moneda})")
    assert filas[inicio + 1][:5] == ("Fecha", "Por cobrar", "Vencido", "% vencido", "DSO (días)")
    datos = []
    for fila in filas[inicio + 2:]:
        if not isinstance(fila[0], dt.datetime):
            break
        datos.append((fila[0].date(), *fila[1:6]))
    return datos


def test_la_demo_muestra_un_anio_en_la_primera_ejecucion(tmp_path: Path) -> None:
    _copiar_muestra(tmp_path)
    viejo = tmp_path / ".cartera" / "totales.csv"
    viejo.parent.mkdir()
    viejo.write_text("fecha,moneda,total,vencido\n2026-13-01,COP,x,1\n", encoding="utf-8")  # damaged, from an old version
    proceso = cartera("cobrar", "sample_cartera.xlsx", "--no-abrir", cwd=tmp_path)
    assert proceso.returncode == 1 and "Traceback" not in proceso.stdout + proceso.stderr
    assert "Por cobrar COP: $ 92.911.800,50; vencido: $ 40.386.300,00 (43,5 %)" in proceso.stdout
    assert viejo.read_text(encoding="utf-8") == "fecha,moneda,total,vencido\n2026-13-01,COP,x,1\n"
    informe = tmp_path / "informes" / "antiguedad_2026-11-24.xlsx"
    cop = evolucion(informe, "COP")
    assert [f[0] for f in cop] == [*CIERRES, CORTE]
    assert cop[-1][1:3] == (92_911_800.5, 40_386_300)  # today's row: the run's totals
    assert all(f[1] > 0 for f in cop[1:])
    assert [f[0] for f in evolucion(informe, "USD")] == [dt.date(2026, 9, 30), dt.date(2026, 10, 31), CORTE]


def _libro_de_un_anio(ruta: Path) -> Path:
    facturas = [["Factura", "Cliente", "Emisión", "Vencimiento", "Total", "Moneda", "Pagado"]]
    pagos = [["Fecha", "Factura", "Cliente", "Monto", "Método"]]
    for k in range(15):  # 05/09/2025 … 05/11/2026
        emision = dt.date(2025 + (k + 8) // 12, (k + 8) % 12 + 1, 5)
        facturas.append([f"F-{k:02d}", "C001", emision, emision + dt.timedelta(days=30), 1_000_000, "COP", None])
        pagos.append([emision + dt.timedelta(days=70), f"F-{k:02d}", "C001", 1_000_000, "transferencia"])  # 2 after corte
    facturas.append(["X-01", "C001", dt.date(2026, 3, 10), dt.date(2026, 4, 9), 300_000, "COP", 300_000])  # paid, undated
    facturas.append(["U-01", "C002", dt.date(2026, 8, 10), dt.date(2026, 9, 9), 500, "USD", None])
    return escribir_libro(ruta, {
        "Clientes": [["Cliente", "Nombre", "Correo"], ["C001", "Ferretería El Tornillo", "pagos@tornillo.example"],
                     ["C002", "Andes Imports LLC", "ap@andes.example"]],
        "Facturas": facturas,
        "Pagos": pagos,
        "Configuración": [["Parámetro", "Valor"], ["Empresa", "Suministros Andinos"], ["Moneda", "COP"], ["País", "CO"],
                          ["Fecha de corte", CORTE], ["Modo", "Prueba"]],
    })


def test_un_libro_nuevo_muestra_doce_cierres_calculados_a_mano(tmp_path: Path) -> None:
    _libro_de_un_anio(tmp_path / "cartera.xlsx")
    proceso = cartera("cobrar", "cartera.xlsx", "--no-abrir", cwd=tmp_path)
    assert proceso.returncode == 0, proceso.stdout + proceso.stderr
    informe = tmp_path / "informes" / "antiguedad_2026-11-24.xlsx"
    cop = evolucion(informe, "COP")
    # each month-end owes last month's invoice (overdue) and its own (not due); ventas of 90 days: 3 invoices
    esperado = {fecha: (fecha, 2_000_000, 1_000_000, 0.5, 60, None) for fecha in (*CIERRES, CORTE)}
    esperado[dt.date(2026, 3, 31)] = (dt.date(2026, 3, 31), 2_300_000, 1_000_000, 1 / 2.3, 63, None)  # X-01 not due yet
    esperado[dt.date(2026, 4, 30)] = (dt.date(2026, 4, 30), 2_000_000, 1_000_000, 0.5, 55, 300_000)  # X-01 counted paid on its due date
    esperado[dt.date(2026, 5, 31)] = (dt.date(2026, 5, 31), 2_000_000, 1_000_000, 0.5, 55, None)  # 2,0 ÷ 3,3 × 90
    assert [tuple(round(v, 6) if isinstance(v, float) else v for v in f) for f in cop] == [
        tuple(round(v, 6) if isinstance(v, float) else v for v in esperado[f]) for f in (*CIERRES, CORTE)]
    usd = evolucion(informe, "USD")
    assert [f[:5] for f in usd] == [(dt.date(2026, 8, 31), 500, 0, 0, 90), (dt.date(2026, 9, 30), 500, 500, 1, 90),
                                    (dt.date(2026, 10, 31), 500, 500, 1, 90), (CORTE, 500, 500, 1, None)]  # no USD sale in the last 90 days
