"""Late fees, grace, cap, legal ceiling, compensation and discount (cartera.recargos)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from test_calculo import calcular, fila, vence_hace

from cartera.calculo.recargos import producto, redondear_a_centavos
from cartera.modelo import TramoRecargo
from cartera.vocabulario import FIJO, INTERES_ANUAL, PORCENTAJE


def una(dias: int, total: str = "100", **opciones):
    """The computed row of a single factura ``dias`` days past due at 2026-03-01."""
    pagos = opciones.pop("pagos", "")
    resultado = calcular(f"factura | emision | vencimiento | total\nF1 | 2025-01-01 | {vence_hace(dias)} | {total}",
                         pagos, **opciones)
    return fila(resultado, "F1")


# --- grace and tiers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("dias", "gracia", "recargo"),
    [(0, 2, 0), (1, 2, 0), (2, 2, 0), (3, 2, 500), (1, 0, 500), (0, 0, 0), (30, 2, 500), (31, 2, 1000),
     (31, 40, 0), (41, 40, 1000)],
)
def test_gracia_y_tramos_predeterminados(dias, gracia, recargo):
    assert una(dias, dias_gracia=gracia)["recargo"] == recargo


VIERNES = "2026-11-13"  # Monday 2026-11-16 is a holiday in Colombia
FESTIVO_CO = (dt.date(2026, 11, 16),)


@pytest.mark.parametrize(
    ("corte", "festivos", "recargo"),
    [
        ("2026-11-16", FESTIVO_CO, 0),  # 3 calendar days, 0 business days
        ("2026-11-17", FESTIVO_CO, 0),  # 1 business day
        ("2026-11-18", FESTIVO_CO, 0),  # 2 business days: last day of grace
        ("2026-11-19", FESTIVO_CO, 500),  # 3 business days
        ("2026-11-18", (), 500),  # without the holiday: Mon, Tue, Wed
        ("2026-11-17", (), 0),
    ],
)
def test_gracia_en_dias_habiles_salta_fin_de_semana_y_festivo(corte, festivos, recargo):
    resultado = calcular(f"factura | emision | vencimiento | total\nF1 | 2026-11-01 | {VIERNES} | 100",
                         corte=corte, festivos=festivos, dias_gracia=2, gracia_habiles=True)
    assert fila(resultado, "F1")["recargo"] == recargo


def test_gracia_en_dias_calendario_no_mira_festivos():
    resultado = calcular(f"factura | emision | vencimiento | total\nF1 | 2026-11-01 | {VIERNES} | 100",
                         corte="2026-11-16", festivos=FESTIVO_CO, dias_gracia=2)
    assert fila(resultado, "F1")["recargo"] == 500


def test_el_tramo_se_elige_por_dias_vencidos_no_por_gracia():
    tramos = (TramoRecargo(5, PORCENTAJE, Decimal(3)), TramoRecargo(1, PORCENTAJE, Decimal(1)))
    assert una(3, recargos=tramos, dias_gracia=2)["recargo"] == 100
    assert una(5, recargos=tramos, dias_gracia=2)["recargo"] == 300
    assert una(3, recargos=tramos[:1], dias_gracia=2)["recargo"] == 0  # past grace, no tier reached


# --- money: exact, half up once -------------------------------------------------


@pytest.mark.parametrize(
    ("total", "porcentaje", "recargo"),
    [("100.10", "5", 501), ("100.09", "5", 500), ("100.30", "5", 502), ("0.10", "5", 1), ("0.09", "5", 0),
     ("100", "2.5", 250), ("0.01", "50", 1), ("123.45", "12.345", 1524)],
)
def test_redondeo_mitad_hacia_arriba(total, porcentaje, recargo):
    tramos = (TramoRecargo(1, PORCENTAJE, Decimal(porcentaje)),)
    assert una(10, total, recargos=tramos)["recargo"] == recargo


def test_recargo_sobre_el_saldo_abierto():
    fila_ = una(10, "100", pagos="fecha | factura | monto\n2026-01-01 | F1 | 40")
    assert (fila_["saldo"], fila_["recargo"]) == (6000, 300)


def test_recargo_fijo():
    tramos = (TramoRecargo(1, FIJO, Decimal("25000.505")),)
    assert una(10, "10", recargos=tramos)["recargo"] == 2500051


@pytest.mark.parametrize(
    ("dias", "tasa", "recargo"),
    [(73, "24", 4800), (365, "10", 10000), (1, "36.5", 100), (10, "1", 27)],  # 27.397… → 27
)
def test_interes_anual(dias, tasa, recargo):
    tramos = (TramoRecargo(1, INTERES_ANUAL, Decimal(tasa)),)
    assert una(dias, "1000", recargos=tramos, dias_gracia=0)["recargo"] == recargo


def test_interes_anual_medio_centavo_sube():
    # 200 centavos × 18.25 % × 5 / 365 = 0.5 → 1
    tramos = (TramoRecargo(1, INTERES_ANUAL, Decimal("18.25")),)
    assert una(5, "2", recargos=tramos, dias_gracia=0)["recargo"] == 1


# --- cap, legal ceiling, compensation -----------------------------------------------


def test_recargo_maximo_es_porcentaje_del_total():
    pago = "fecha | factura | monto\n2026-01-01 | F1 | 20"
    assert una(40, "100", pagos=pago, recargo_maximo=Decimal(5))["recargo"] == 500  # 10 % of 80 = 8 → 5
    assert una(40, "100", pagos=pago, recargo_maximo=Decimal(9))["recargo"] == 800  # under the cap
    assert una(40, "100.10", recargo_maximo=Decimal("2.5"))["recargo"] == 250  # 250.25 → 250


@pytest.mark.parametrize(
    ("dias", "tasa", "recargo", "topado"),
    [
        (31, "30", 255, True),  # 10 % in 31 days ≈ 117.7 % a year > 30 → 10000 × 30 % × 31/365 = 254.8
        (365, "10", 1000, False),  # 10 % in a year is exactly 10 %: not above
        (365, "9.99", 999, True),
        (40, "200", 1000, False),
    ],
)
def test_tasa_maxima_legal(dias, tasa, recargo, topado):
    fila_ = una(dias, "100", tasa_maxima_legal=Decimal(tasa))
    assert (fila_["recargo"], bool(fila_["recargo_topado"])) == (recargo, topado)


def test_tope_de_tasa_despues_del_recargo_maximo():
    fila_ = una(31, "100", recargo_maximo=Decimal(1), tasa_maxima_legal=Decimal(30))
    assert (fila_["recargo"], bool(fila_["recargo_topado"])) == (100, False)


def test_compensacion_una_vez_pasada_la_gracia():
    assert una(2, compensacion=4000)["compensacion"] == 0
    vencida = una(3, compensacion=4000)
    assert (vencida["compensacion"], vencida["recargo"]) == (4000, 500)
    assert una(90, compensacion=None)["compensacion"] == 0
    pagada = calcular(f"factura | vencimiento | estado\nF1 | {vence_hace(90)} | Pagada", compensacion=4000)
    assert fila(pagada, "F1")["compensacion"] == 0


# --- early-payment discount ------------------------------------------------------------


@pytest.mark.parametrize(
    ("dias", "descuento", "limite"),
    [(-10, 201, "2026-03-01"), (-11, 201, "2026-03-02"), (-9, 0, None), (0, 0, None), (5, 0, None)],
)
def test_descuento_pronto_pago(dias, descuento, limite):
    fila_ = una(dias, "100.25", descuento_pronto_pago=Decimal(2), dias_pronto_pago=10)
    assert fila_["descuento"] == descuento
    if limite is None:
        assert pd.isna(fila_["fecha_limite_descuento"])
    else:
        assert fila_["fecha_limite_descuento"] == pd.Timestamp(limite)


def test_sin_descuento_configurado():
    fila_ = una(-30, descuento_pronto_pago=Decimal(2))
    assert fila_["descuento"] == 0 and pd.isna(fila_["fecha_limite_descuento"])


def test_descuento_no_para_cerradas():
    resultado = calcular(f"factura | vencimiento | estado\nF1 | {vence_hace(-30)} | Anulada",
                         descuento_pronto_pago=Decimal(2), dias_pronto_pago=10)
    assert fila(resultado, "F1")["descuento"] == 0


# --- exact integer helpers ------------------------------------------------------------


def test_producto_cambia_a_enteros_de_python_si_podria_desbordar():
    grande = np.array([2**40, 3], dtype=np.int64)
    resultado = producto(grande, 2**30, 7)
    assert resultado.dtype == object
    assert resultado.tolist() == [2**70 * 7, 3 * 2**30 * 7]
    assert producto(np.array([5], dtype=np.int64), 3).dtype == np.int64
    assert redondear_a_centavos(resultado, 2**70).tolist() == [7, 0]


@given(st.lists(st.integers(0, 10**13), min_size=1, max_size=5), st.integers(1, 10**6), st.integers(1, 10**6))
def test_producto_y_redondeo_son_exactos(valores, a, b):
    """Exact whichever path (int64 or Python ints) the bound picks; the result itself fits int64."""
    arreglo = np.array(valores, dtype=np.int64)
    esperado = [(v * a * b * 2 + 10**6) // (2 * 10**6) for v in valores]
    assume(max(esperado) < 2**63)  # a fee is int64 centavos by contract (over 92 quadrillion units is no fee)
    assert redondear_a_centavos(producto(arreglo, a, b), 10**6).tolist() == esperado


# --- Disputa: no late fee on a contested amount ----------------------------------


@pytest.mark.parametrize(("estado", "recargo", "compensacion"),
                         [("Disputa", 0, 0), ("Promesa", 1000, 4000), ("Plan de pagos", 1000, 4000),
                          ("Pendiente", 1000, 4000)])
def test_factura_en_disputa_no_genera_recargo_ni_compensacion(estado, recargo, compensacion):
    resultado = calcular(f"factura | vencimiento | total | estado\nF1 | {vence_hace(45)} | 100 | {estado}",
                         compensacion=4000)
    factura = fila(resultado, "F1")
    assert (factura["recargo"], factura["compensacion"], factura["recargo_topado"]) == (recargo, compensacion, False)
    assert (factura["saldo"], factura["dias_vencidos"], factura["tramo"]) == (10000, 45, "31-60")
