"""The trend recomputed as of each month-end (cartera.calculo.cierres).

Small inline tables (see ``test_calculo``) with figures worked out by hand:
an invoice issued after a month-end is left out of it, a payment dated after
it does not count, what the workbook settles without a date (a paid column,
«Pagada») is placed on the due date, two currencies stay apart, DSO.  Then
the vectorised recomputation against the engine itself
(``antiguedad.calcular`` as of each month-end) on a generated portfolio.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from test_calculo import cartera_de

from cartera.calculo import antiguedad, cierres, saldos
from cartera.calculo import totales as tt
from cartera.calculo.cierres import Cierre
from cartera.vocabulario import ESTADOS_CERRADOS

CORTE = dt.date(2026, 3, 15)
DIC, ENE, FEB = dt.date(2025, 12, 31), dt.date(2026, 1, 31), dt.date(2026, 2, 28)


def trend(facturas: str, pagos: str = "", *, monedas: tuple[str, ...] = ("COP",), meses: int = 3) -> tuple[Cierre, ...]:
    cartera = cartera_de(facturas, pagos)
    calculo = antiguedad.calcular(cartera, CORTE, ())
    return cierres.calcular(cartera, calculo, tt.calcular(calculo, (30, 60, 90)), monedas, meses)


def test_cierres_de_mes():
    assert cierres.cierres_de_mes(CORTE) == tuple(
        dt.date(a, m + 1, 1) - dt.timedelta(days=1) for a, m in [(2025, 3), *((2025, k) for k in range(4, 12)),
                                                                 (2026, 0), (2026, 1), (2026, 2)])
    assert len(cierres.cierres_de_mes(CORTE)) == 12 and cierres.cierres_de_mes(CORTE)[-1] == FEB
    assert cierres.cierres_de_mes(dt.date(2026, 1, 31), 2) == (dt.date(2025, 11, 30), DIC)  # a month-end corte: earlier ones
    assert cierres.cierres_de_mes(dt.date(2024, 3, 1), 1) == (dt.date(2024, 2, 29),)


def test_factura_emitida_despues_y_pago_posterior_no_cuentan():
    puntos = trend("""
        factura | emision    | vencimiento | total
        F1      | 2026-01-10 | 2026-02-09  | 100
        F2      | 2026-02-10 | 2026-03-12  | 50
    """, """
        fecha      | factura | monto
        2026-02-05 | F1      | 40
        2026-03-10 | F1      | 60
    """)
    assert puntos == (
        # no invoice by 31/12: the series starts at the first month-end with one
        Cierre(ENE, "COP", 10_000, 0, 90),  # F2 not issued yet; F1 not due; 100 × 90 / 100
        Cierre(FEB, "COP", 11_000, 6_000, 66),  # F1 60 overdue (the 10/03 payment not yet), F2 50; 110 × 90 / 150 = 66
        Cierre(CORTE, "COP", 5_000, 5_000, 30, hoy=True),  # today: the run's own totals; 50 × 90 / 150
    )


def test_lo_pagado_sin_fecha_cuenta_desde_el_vencimiento():
    puntos = trend("""
        factura | emision    | vencimiento | total | estado
        F3      | 2025-12-01 | 2025-12-31  | 100   | Pendiente
        F4      | 2026-01-05 | 2026-02-04  | 80    | Pagada
        F5      | 2026-01-02 | 2026-02-01  | 999   | Anulada
        F6      | 2026-01-20 | 2026-02-19  | 60    | Incobrable
    """, """
        fecha      | factura | monto
                   | F3      | 100
        2026-02-25 | F6      | 10
    """)
    assert puntos == (
        Cierre(DIC, "COP", 0, 0, 0, sin_fecha=10_000),  # F3's paid column, placed on its due date (31/12)
        Cierre(ENE, "COP", 14_000, 0, 53),  # F4 80 + F6 60 not due yet (F5 anulada never counts); 140 × 90 / 240 = 52.5
        Cierre(FEB, "COP", 0, 0, 0, sin_fecha=13_000),  # F4 80 and F6's 50 left by its dated 10 fell due in February
        Cierre(CORTE, "COP", 0, 0, 0, hoy=True),
    )


def test_dos_monedas_nunca_se_suman_y_el_pago_sin_factura_va_a_la_mas_antigua():
    puntos = trend("""
        factura | cliente | emision    | vencimiento | total | moneda
        F6      | B       | 2026-01-10 | 2026-02-09  | 200   | USD
        F7      | B       | 2026-02-01 | 2026-03-03  | 100   | USD
        F8      | B       | 2026-01-20 | 2026-02-19  | 300   | COP
    """, """
        fecha      | cliente | monto | moneda
        2026-02-20 | B       | 250   | USD
    """, monedas=("COP", "USD"))
    assert puntos == (
        Cierre(ENE, "COP", 30_000, 0, 90),
        Cierre(FEB, "COP", 30_000, 30_000, 90),  # the USD payment never touches COP
        Cierre(CORTE, "COP", 30_000, 30_000, 90, hoy=True),
        Cierre(ENE, "USD", 20_000, 0, 90),
        Cierre(FEB, "USD", 5_000, 0, 15),  # 250 to F6 (due first) 200, then F7 50; 50 × 90 / 300
        Cierre(CORTE, "USD", 5_000, 5_000, 15, hoy=True),
    )


def test_una_moneda_sin_cierres_solo_tiene_hoy():
    puntos = trend("""
        factura | emision    | vencimiento | total | moneda
        F1      | 2026-03-02 | 2026-04-01  | 100   | EUR
    """, monedas=("EUR",))
    assert puntos == (Cierre(CORTE, "EUR", 10_000, 0, 90, hoy=True),)


# --- the vectorised recomputation is the engine as of each month-end ------------------------------

def _generada(n: int = 300, semilla: int = 5):
    """A portfolio of ``n`` open-state invoices over 16 months, named, client-level and undated-free payments."""
    rng = np.random.default_rng(semilla)
    inicio = dt.date(2025, 1, 1)
    filas = ["factura | cliente | emision | vencimiento | total | moneda | estado"]
    for i in range(n):
        emision = inicio + dt.timedelta(days=int(rng.integers(0, 440)))
        vence = emision + dt.timedelta(days=int(rng.choice([15, 30, 60])))
        moneda = "USD" if i % 7 == 0 else "COP"
        estado = ("Pendiente", "Disputa", "Promesa")[i % 3] if i % 11 else "Pendiente"
        filas.append(f"F{i} | C{i % 23} | {emision} | {vence} | {int(rng.integers(1, 5000))}.{i % 100:02d} | {moneda} | {estado}")
    pagos = ["fecha | factura | cliente | monto | moneda"]
    for j in range(n):
        fecha = inicio + dt.timedelta(days=int(rng.integers(20, 470)))
        nombrada = f"F{int(rng.integers(0, n))}" if j % 4 else ""
        cliente = f"C{int(rng.integers(0, 23))}"
        pagos.append(f"{fecha} | {nombrada} | {cliente} | {int(rng.integers(1, 3000))} | {'USD' if j % 9 == 0 else ''}")
    return cartera_de("\n".join(filas), "\n".join(pagos))


@pytest.fixture(scope="module")
def generada():
    cartera = _generada()
    calculo = antiguedad.calcular(cartera, CORTE, ())
    return cartera, calculo


def test_igual_al_motor_en_cada_cierre(generada):
    """Without closed invoices or undated payments, each month-end is exactly the engine run as of that day."""
    cartera, calculo = generada
    puntos = cierres.calcular(cartera, calculo, tt.calcular(calculo, (30, 60, 90)), ("COP", "USD"))
    assert sum(not p.hoy for p in puntos) == 24
    for punto in puntos:
        motor = tt.de_moneda(tt.calcular(antiguedad.calcular(cartera, punto.fecha, ()), (30, 60, 90)), punto.moneda)
        assert (punto.por_cobrar, punto.vencido) == (motor.por_cobrar, motor.vencido), punto
        assert punto.sin_fecha == 0


def test_pagado_por_fecha_igual_a_aplicar_pagos(generada):
    cartera, calculo = generada
    fechas = cierres.cierres_de_mes(CORTE)
    f = calculo.facturas
    cerrada = f["estado"].isin(ESTADOS_CERRADOS).to_numpy()
    matriz = cierres.pagado_por_fecha(f, cartera.pagos, fechas, moneda="COP", cerrada=cerrada)
    emision = f["emision"].to_numpy().astype("datetime64[D]")
    for j, fecha in enumerate(fechas):
        uno = saldos.aplicar_pagos(f, cartera.pagos, fecha_corte=fecha, moneda="COP",
                                   elegibles=~cerrada & (emision <= np.datetime64(fecha, "D")))
        assert (matriz[:, j] == uno.pagado).all(), fecha
