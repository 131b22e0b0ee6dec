"""The run's totals (cartera.calculo.totales).

Totals per (moneda, tramo) and per currency from small inline tables (see
``test_calculo``), and the sample workbook's totals on two dates.  The trend
(«Evolución de la cartera») is recomputed from the workbook: ``test_cierres``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from test_calculo import calcular, vence_hace

from cartera.calculo import antiguedad, calendario
from cartera.calculo import totales as tt
from cartera.libro import apertura
from cartera.politica import etiquetas_tramos

RAIZ = Path(__file__).parent.parent
CORTE = dt.date(2026, 3, 1)
FACTURAS = f"""
    factura | emision    | vencimiento      | total | moneda | estado
    F1      | 2026-01-01 | {vence_hace(0)}  | 100   | COP    | Pendiente
    F2      | 2026-01-01 | {vence_hace(10)} | 200   | COP    | Pendiente
    F3      | 2026-01-01 | {vence_hace(10)} | 50    | USD    | Pendiente
    F4      | 2026-01-01 | {vence_hace(95)} | 70    | COP    | Disputa
    F5      | 2026-01-01 | {vence_hace(95)} | 999   | COP    | Pagada
    F6      | 2026-01-01 | {vence_hace(95)} | 999   | EUR    | Anulada
"""
SALDO_A_FAVOR_MXN = """
    fecha      | factura | cliente | monto | moneda
    2026-02-01 |         | A       | 30.25 | MXN
"""


@pytest.fixture(scope="module")
def cifras() -> tt.Totales:
    return tt.calcular(calcular(FACTURAS, SALDO_A_FAVOR_MXN), (30, 60, 90))


def test_por_tramo_por_moneda_con_ceros():
    totales = tt.por_tramo(calcular(FACTURAS).facturas, (30, 60, 90))
    etiquetas = list(etiquetas_tramos((30, 60, 90)))
    assert totales["moneda"].tolist() == ["COP"] * 5 + ["EUR"] * 5 + ["USD"] * 5
    assert totales["tramo"].tolist() == etiquetas * 3
    cop = totales[totales["moneda"] == "COP"].set_index("tramo")
    assert cop["saldo"].tolist() == [10000, 20000, 0, 0, 7000]
    assert cop["cantidad"].tolist() == [1, 1, 0, 0, 1]
    assert cop["recargo"].tolist() == [0, 1000, 0, 0, 0]  # F4 in Disputa: no fee
    assert totales[totales["moneda"] == "EUR"]["saldo"].sum() == 0
    assert totales[totales["moneda"] == "USD"].set_index("tramo").loc["1-30", "saldo"] == 5000
    assert all(totales[c].dtype == np.int64 for c in ("saldo", "recargo", "compensacion", "cantidad"))


def test_totales_por_moneda_y_vencido(cifras):
    assert cifras.fecha_corte == CORTE
    assert cifras.etiquetas == etiquetas_tramos((30, 60, 90))
    assert cifras.monedas == (
        tt.TotalMoneda("COP", por_cobrar=37000, vencido=27000, recargo=1000, cantidad=3),  # F1 is due today
        tt.TotalMoneda("EUR", 0, 0, 0, 0),
        tt.TotalMoneda("MXN", 0, 0, 0, 0),  # only a saldo a favor: zeros, so the report's block has its figures
        tt.TotalMoneda("USD", por_cobrar=5000, vencido=5000, recargo=250, cantidad=1),  # 5 % from day 1
    )
    assert len(cifras.tramos) == 4 * 5
    assert [t.moneda for t in tt.con_saldo(cifras)] == ["COP", "USD"]


def test_de_moneda_y_tramos_de(cifras):
    assert tt.de_moneda(cifras, "USD").por_cobrar == 5000
    assert tt.de_moneda(cifras, "GBP") == tt.TotalMoneda("GBP", 0, 0, 0, 0)
    assert [(t.tramo, t.saldo) for t in tt.tramos_de(cifras, "COP")] == [
        ("Por vencer", 10000), ("1-30", 20000), ("31-60", 0), ("61-90", 0), ("Más de 90", 7000)]
    assert [t.cantidad for t in tt.tramos_de(cifras, "GBP")] == [0] * 5


def test_sin_facturas():
    cifras = tt.calcular(calcular("factura | total"), (30, 60, 90))
    assert cifras.tramos == () and cifras.monedas == () and tt.con_saldo(cifras) == ()


def _totales_de_la_muestra(fecha: dt.date) -> tuple[tuple[str, int, int], ...]:
    cartera = apertura.leer(RAIZ / "sample_cartera.xlsx")
    festivos = calendario.festivos(cartera.configuracion.pais, range(fecha.year - 1, fecha.year + 2))
    calculado = antiguedad.calcular(cartera, fecha, festivos)
    return tuple((t.moneda, t.por_cobrar, t.vencido) for t in tt.con_saldo(tt.calcular(calculado, cartera.configuracion.tramos)))


def test_totales_de_la_muestra_en_dos_fechas():
    assert _totales_de_la_muestra(dt.date(2026, 11, 24)) == (("COP", 9_291_180_050, 4_038_630_000), ("USD", 541_550, 0))
    assert [t[0] for t in _totales_de_la_muestra(dt.date(2026, 11, 25))] == ["COP", "USD"]
