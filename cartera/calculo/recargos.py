"""Late fees (recargos), legal ceiling, compensation and early-payment discount — exact, vectorised.

Rules (PRODUCT.md section 2):

* Grace: no fee while días vencidos <= ``dias_gracia`` (calendar days) or,
  with ``gracia_habiles``, while the business days in (vencimiento, fecha de
  corte] are <= ``dias_gracia`` (Saturdays, Sundays and the country's
  festivos skipped).  A factura not past due (0 días) is always in grace.
* Past grace, the tier with the highest ``desde_dias`` <= días vencidos
  applies (not cumulative, not compounded; with two tiers at the same day
  the one listed last wins; no tier reached → no fee), on the open saldo:
  ``porcentaje`` → saldo × valor / 100; ``fijo`` → valor currency units;
  ``interes_anual`` → saldo × valor / 100 × días / 365.
* Then the cap ``recargo_maximo`` (% of the factura's Total), then the legal
  ceiling ``tasa_maxima_legal`` (% a year): when the fee, annualised on the
  saldo over the días vencidos, exceeds it, the fee becomes
  saldo × tasa / 100 × días / 365 and the factura is flagged ``topado``.
* ``compensacion`` (centavos) is added once per factura past grace, apart.
* **Disputa**: no recargo and no compensacion while the factura's Estado is
  ``Disputa`` (:func:`cobra_mora`): the amount itself is contested, so no
  late fee accrues on it until the dispute is resolved (the Estado changes
  back; the fee is then computed on the días vencidos as usual).
  ``Promesa`` and ``Plan de pagos`` still accrue: the debt is accepted.

Money is exact: every amount is held as an integer numerator over one
common denominator ``D`` (rates are ``Decimal`` → exact integer ratios), the
cap and ceiling compare numerators, and the result is rounded half up once,
at the end, with ``dinero.dividir_redondeando``.  Products whose bound could
pass int64 are computed on object arrays of Python ints (never overflow).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

import numpy as np

from cartera.calculo import calendario
from cartera.dinero import dividir_redondeando
from cartera.modelo import Configuracion, TramoRecargo
from cartera.vocabulario import DISPUTA, FIJO, INTERES_ANUAL, PORCENTAJE

LIMITE_INT64 = 2**60
"""Products bounded below this stay int64 (room left for the rounding's 2·n + d)."""


class Recargos(NamedTuple):
    """Fees per factura (positional arrays): recargo and compensacion int64 centavos, topado bool."""

    recargo: np.ndarray
    topado: np.ndarray
    compensacion: np.ndarray


def _fraccion(valor: Decimal) -> tuple[int, int]:
    """Exact integer ratio of a Decimal: Decimal("2.5") → (5, 2)."""
    numerador, denominador = Decimal(valor).as_integer_ratio()
    return numerador, denominador


def _cota(factor) -> int:
    """Largest absolute value a factor can take (0 for an empty array)."""
    if isinstance(factor, np.ndarray):
        return int(np.abs(factor).max()) if factor.size else 0
    return abs(int(factor))


def producto(*factores) -> np.ndarray:
    """Exact element-wise product of int arrays and ints: int64 when provably safe, else Python ints."""
    seguro = math.prod(_cota(f) for f in factores) < LIMITE_INT64
    resultado = np.asarray(1, dtype=np.int64 if seguro else object)
    for factor in factores:
        if isinstance(factor, np.ndarray):
            resultado = resultado * factor.astype(np.int64 if seguro else object)
        else:
            resultado = resultado * (np.int64(factor) if seguro else int(factor))
    return resultado


def redondear_a_centavos(numerador: np.ndarray, denominador: int) -> np.ndarray:
    """``numerador / denominador`` rounded half up, as int64 centavos (exact for any size)."""
    if denominador >= LIMITE_INT64 or numerador.dtype == object:
        numerador = numerador.astype(object)
    return np.asarray(dividir_redondeando(numerador, denominador)).astype(np.int64)


def en_gracia(
    dias_vencidos: np.ndarray,
    vencimiento: np.ndarray,
    fecha_corte: dt.date,
    config: Configuracion,
    festivos: Iterable[dt.date],
) -> np.ndarray:
    """True where no fee applies yet: not past due, or within the (calendar or business-day) grace."""
    if config.gracia_habiles:
        habiles = calendario.dias_habiles(vencimiento, np.datetime64(fecha_corte, "D"), festivos)
        return (dias_vencidos <= 0) | (habiles <= config.dias_gracia)
    return (dias_vencidos <= 0) | (dias_vencidos <= config.dias_gracia)


def cobra_mora(estado: np.ndarray) -> np.ndarray:
    """True where a factura may carry a late fee by its Estado: every one but ``Disputa``."""
    return np.asarray(estado, dtype=object) != DISPUTA


def _denominador(tramos: tuple[TramoRecargo, ...], config: Configuracion) -> int:
    """Common denominator of every fee: 36500 × lcm of the rates' denominators."""
    tasas = [t.valor for t in tramos] + [config.recargo_maximo, config.tasa_maxima_legal]
    return 36500 * math.lcm(*(_fraccion(t)[1] for t in tasas if t is not None))


def _numerador_tramo(tramo: TramoRecargo, saldo: np.ndarray, dias: np.ndarray, d: int) -> np.ndarray:
    """The tier's fee × ``d`` (exact integer), for every row."""
    num, den = _fraccion(tramo.valor)
    if tramo.tipo == PORCENTAJE:
        return producto(saldo, num, d // (100 * den))
    if tramo.tipo == FIJO:
        return producto(np.ones_like(saldo), num, d * 100 // den)
    if tramo.tipo == INTERES_ANUAL:
        return producto(saldo, dias, num, d // (36500 * den))
    raise ValueError(f"Tipo de recargo desconocido: {tramo.tipo!r}")


def _indice_tramo(tramos: tuple[TramoRecargo, ...], dias: np.ndarray) -> tuple[list[TramoRecargo], np.ndarray]:
    """Tiers sorted by ``desde_dias`` (stable) and, per row, the index of the highest reached (-1: none)."""
    ordenados = sorted(tramos, key=lambda t: t.desde_dias)
    desde = np.array([t.desde_dias for t in ordenados], dtype=np.int64)
    return ordenados, np.searchsorted(desde, dias, side="right") - 1


def calcular_recargos(
    saldo: np.ndarray,
    total: np.ndarray,
    dias: np.ndarray,
    vencida: np.ndarray,
    tramos: tuple[TramoRecargo, ...],
    config: Configuracion,
) -> Recargos:
    """Fee, ceiling flag and compensation for rows where ``vencida`` (open and past grace)."""
    saldo = np.where(vencida, saldo, 0).astype(np.int64)
    dias = np.where(vencida, dias, 0).astype(np.int64)
    d = _denominador(tramos, config)
    ordenados, indice = _indice_tramo(tramos, dias)
    numerador = np.zeros(len(saldo), dtype=np.int64)
    for i, tramo in enumerate(ordenados):
        numerador = np.where(vencida & (indice == i), _numerador_tramo(tramo, saldo, dias, d), numerador)
    if config.recargo_maximo is not None:
        num, den = _fraccion(config.recargo_maximo)
        numerador = np.minimum(numerador, producto(np.where(vencida, total, 0).astype(np.int64), num, d // (100 * den)))
    topado = np.zeros(len(saldo), dtype=bool)
    if config.tasa_maxima_legal is not None:
        num, den = _fraccion(config.tasa_maxima_legal)
        techo = producto(saldo, dias, num, d // (36500 * den))
        topado = vencida & (numerador > techo)
        numerador = np.where(topado, techo, numerador)
    compensacion = np.where(vencida, config.compensacion or 0, 0).astype(np.int64)
    return Recargos(redondear_a_centavos(np.asarray(numerador), d), topado, compensacion)


def descuentos(
    saldo: np.ndarray, vencimiento: np.ndarray, abierta: np.ndarray, fecha_corte: dt.date, config: Configuracion
) -> tuple[np.ndarray, np.ndarray]:
    """Early-payment discount (int64 centavos) and its last day (datetime64[ns], NaT when none).

    Offered to open facturas while fecha de corte <= vencimiento − ``dias_pronto_pago``;
    the amount is saldo × ``descuento_pronto_pago`` %, rounded half up.
    Off when either setting is blank.
    """
    nada = np.full(len(saldo), np.datetime64("NaT", "ns"))
    if config.descuento_pronto_pago is None or config.dias_pronto_pago is None:
        return np.zeros(len(saldo), dtype=np.int64), nada
    limite = vencimiento.astype("datetime64[D]") - np.timedelta64(config.dias_pronto_pago, "D")
    vigente = abierta & (np.datetime64(fecha_corte, "D") <= limite)
    num, den = _fraccion(config.descuento_pronto_pago)
    monto = redondear_a_centavos(producto(np.where(vigente, saldo, 0).astype(np.int64), num), 100 * den)
    return monto, np.where(vigente, limite.astype("datetime64[ns]"), nada)
