"""Payments applied to facturas (cartera.saldos, through calculo.calcular)."""

from __future__ import annotations

import pandas as pd
import pytest
from test_calculo import calcular, fila

FACTURAS_A = """
    factura | cliente | emision    | vencimiento | total | moneda
    F3      | A       | 2026-01-01 | 2026-02-01  | 100   | COP
    F1      | A       | 2026-01-05 | 2026-02-01  | 100   | COP
    F2      | A       | 2026-01-02 | 2026-01-20  | 100   | COP
    F4      | A       | 2026-01-01 | 2026-02-01  | 100   | COP
    U1      | A       | 2026-01-01 | 2026-01-01  | 100   | USD
"""


def pagados(resultado) -> dict[str, int]:
    return dict(zip(resultado.facturas["factura"], resultado.facturas["pagado"], strict=True))


def credito(resultado) -> dict[tuple[str, str], int]:
    a_favor = resultado.saldos_a_favor
    return {(c, m): int(v) for c, m, v in zip(a_favor["cliente"], a_favor["moneda"], a_favor["monto"], strict=True)}


def test_pago_nombrado_parcial_y_excedente_a_favor():
    resultado = calcular("""
        factura | cliente | total
        F1      | A       | 100
        F2      | B       | 100
    """, pagos="""
        fecha      | factura | monto
        2026-01-10 | F1      | 30.25
        2026-01-11 | F2      | 80
        2026-01-12 | F2      | 45.50
    """)
    assert pagados(resultado) == {"F1": 3025, "F2": 10000}
    assert fila(resultado, "F1")["saldo"] == 6975
    assert credito(resultado) == {("B", "COP"): 2550}


@pytest.mark.parametrize(
    ("monto", "esperado", "a_favor"),
    [
        ("50", {"F2": 5000}, {}),  # oldest vencimiento first
        ("150", {"F2": 10000, "F3": 5000}, {}),  # same vencimiento and emisión: factura number
        ("350", {"F2": 10000, "F3": 10000, "F4": 10000, "F1": 5000}, {}),  # same vencimiento: emisión first
        ("450", {"F1": 10000, "F2": 10000, "F3": 10000, "F4": 10000}, {("A", "COP"): 5000}),
    ],
)
def test_pago_del_cliente_va_a_lo_mas_antiguo(monto, esperado, a_favor):
    resultado = calcular(FACTURAS_A, pagos=f"fecha | cliente | monto\n2026-01-25 | A | {monto}")
    assert {k: v for k, v in pagados(resultado).items() if v} == esperado
    assert credito(resultado) == a_favor


def test_pago_del_cliente_solo_a_su_moneda():
    resultado = calcular(FACTURAS_A, pagos="""
        fecha      | cliente | monto | moneda
        2026-01-25 | A       | 30    | USD
        2026-01-25 | A       | 20    |
        2026-01-25 | A       | 120   | USD
    """, moneda="COP")
    assert {k: v for k, v in pagados(resultado).items() if v} == {"U1": 10000, "F2": 2000}
    assert credito(resultado) == {("A", "USD"): 5000}


def test_moneda_predeterminada_de_la_configuracion():
    resultado = calcular(FACTURAS_A, pagos="fecha | cliente | monto\n2026-01-25 | A | 30", moneda="USD")
    assert {k: v for k, v in pagados(resultado).items() if v} == {"U1": 3000}


def test_pagos_nombrados_antes_que_los_del_cliente():
    resultado = calcular(FACTURAS_A, pagos="""
        fecha      | factura | cliente | monto
        2026-01-10 |         | A       | 150
        2026-01-20 | F2      |         | 60
    """)
    assert {k: v for k, v in pagados(resultado).items() if v} == {"F2": 10000, "F3": 10000, "F4": 1000}


def test_pago_posterior_al_corte_se_ignora():
    resultado = calcular("factura | total\nF1 | 100", pagos="""
        fecha      | factura | cliente | monto
        2026-03-01 | F1      |         | 10
        2026-03-02 | F1      |         | 50
        2026-03-02 |         | A       | 50
    """, corte="2026-03-01")
    assert pagados(resultado) == {"F1": 1000}
    assert credito(resultado) == {}


def test_pago_del_cliente_no_va_a_cerradas_ni_futuras():
    resultado = calcular("""
        factura | emision    | vencimiento | total | estado
        F1      | 2026-01-01 | 2026-01-10  | 100   | Pagada
        F2      | 2026-01-01 | 2026-01-11  | 100   | Anulada
        F3      | 2026-01-01 | 2026-01-12  | 100   | Incobrable
        F4      | 2026-03-05 | 2026-01-13  | 100   | Pendiente
        F5      | 2026-01-01 | 2026-01-14  | 100   | Disputa
    """, pagos="fecha | cliente | monto\n2026-02-01 | A | 250")
    assert pagados(resultado) == {"F1": 0, "F2": 0, "F3": 0, "F4": 0, "F5": 10000}
    assert credito(resultado) == {("A", "COP"): 15000}


def test_pago_nombrado_a_factura_cerrada_se_aplica_hasta_el_total():
    resultado = calcular("factura | total | estado\nF1 | 100 | Anulada",
                         pagos="fecha | factura | monto\n2026-02-01 | F1 | 130")
    factura = fila(resultado, "F1")
    assert (factura["pagado"], factura["saldo"], factura["abierta"]) == (10000, 0, False)
    assert credito(resultado) == {("A", "COP"): 3000}


def test_pago_a_factura_inexistente_va_al_cliente():
    resultado = calcular("factura | vencimiento | total\nF1 | 2026-02-01 | 100", pagos="""
        fecha      | factura | cliente | monto
        2026-02-01 | F9      | A       | 40
        2026-02-01 | F8      |         | 40
    """)
    assert pagados(resultado) == {"F1": 4000}
    assert credito(resultado) == {}


def test_credito_de_cliente_sin_facturas_abiertas():
    resultado = calcular("factura | cliente | total\nF1 | A | 100", pagos="fecha | cliente | monto\n2026-01-10 | Z | 7.5")
    assert credito(resultado) == {("Z", "COP"): 750}


# --- fecha de pago ------------------------------------------------------------


def fecha_pago(resultado, factura: str):
    return fila(resultado, factura)["fecha_pago"]


def test_fecha_pago_es_la_del_pago_que_completa():
    resultado = calcular("""
        factura | total
        F1      | 100
        F2      | 100
        F3      | 100
    """, pagos="""
        fecha      | factura | monto
        2026-01-20 | F1      | 60
        2026-01-10 | F1      | 40
        2026-01-25 | F1      | 10
        2026-01-15 | F2      | 100
        2026-01-15 | F3      | 99.99
    """)
    assert fecha_pago(resultado, "F1") == pd.Timestamp("2026-01-20")
    assert fecha_pago(resultado, "F2") == pd.Timestamp("2026-01-15")
    assert pd.isna(fecha_pago(resultado, "F3"))


def test_fecha_pago_con_pagos_del_cliente():
    resultado = calcular(FACTURAS_A, pagos="""
        fecha      | factura | cliente | monto
        2026-01-12 |         | A       | 60
        2026-01-05 |         | A       | 60
        2026-01-20 |         | A       | 100
        2026-01-28 | F3      |         | 50
        2026-02-10 |         | A       | 10
    """)
    # pool in date order: 01-05 60, 01-12 60 (→120), 01-20 100 (→220), 02-10 10 (→230)
    # F2 takes 0..100 (complete on 01-12); F3 has 50 named (01-28) and takes 100..150 (reached 01-20);
    # F4 takes 150..250 but the pool ends at 230
    assert fecha_pago(resultado, "F2") == pd.Timestamp("2026-01-12")
    assert fecha_pago(resultado, "F3") == pd.Timestamp("2026-01-28")
    assert pd.isna(fecha_pago(resultado, "F4"))
    assert fila(resultado, "F4")["pagado"] == 8000
    assert fila(resultado, "F1")["pagado"] == 0


def test_fecha_pago_mezcla_nombrado_y_cliente_toma_la_ultima():
    resultado = calcular("factura | vencimiento | total\nF1 | 2026-02-01 | 100", pagos="""
        fecha      | factura | cliente | monto
        2026-01-05 |         | A       | 50
        2026-01-25 | F1      |         | 50
    """)
    assert fecha_pago(resultado, "F1") == pd.Timestamp("2026-01-25")


def test_fecha_pago_de_otro_grupo_no_interfiere():
    resultado = calcular("""
        factura | cliente | vencimiento | total
        F1      | A       | 2026-02-01  | 100
        F2      | B       | 2026-02-01  | 100
    """, pagos="""
        fecha      | cliente | monto
        2026-01-03 | A       | 500
        2026-01-09 | B       | 40
        2026-01-07 | B       | 60
    """)
    assert fecha_pago(resultado, "F1") == pd.Timestamp("2026-01-03")
    assert fecha_pago(resultado, "F2") == pd.Timestamp("2026-01-09")


def test_fecha_pago_mezcla_con_pago_del_cliente_posterior():
    resultado = calcular("factura | vencimiento | total\nF1 | 2026-02-01 | 100", pagos="""
        fecha      | factura | cliente | monto
        2026-01-05 | F1      |         | 50
        2026-01-25 |         | A       | 70
    """)
    assert fecha_pago(resultado, "F1") == pd.Timestamp("2026-01-25")
    assert credito(resultado) == {("A", "COP"): 2000}
