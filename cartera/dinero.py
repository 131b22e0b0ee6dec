"""Exact money: integer centavos, one rounding rule (half up), one pair of converters.

Every amount the user sees is either a ``Decimal`` or an integer number of
centavos (1/100 of the currency unit).  Vectorised code holds ``int64``
centavos.  Rounding happens in exactly one place, :func:`dividir_redondeando`
(and its scalar twin :func:`redondear`), half away from zero.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np

CENTAVO = Decimal("0.01")


def redondear(valor: Decimal, decimales: int = 2) -> Decimal:
    """Round to ``decimales`` places (the cent by default), half up (away from zero).

    5.005 → 5.01, -5.005 → -5.01; with ``decimales=0``: 1250.50 → 1251.
    """
    return valor.quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)


def a_centavos(valor: Decimal | int | str) -> int:
    """Currency units → integer centavos, rounding half up: Decimal("100.105") → 10011."""
    return int(redondear(Decimal(valor)) * 100)


def a_pesos(centavos: int | np.integer) -> Decimal:
    """Integer centavos → Decimal currency units with two places: 10011 → Decimal("100.11")."""
    return (Decimal(int(centavos)) / 100).quantize(CENTAVO)


def dividir_redondeando(numerador, denominador: int):
    """Exact ``numerador / denominador`` rounded half up, for non-negative integer arrays or ints.

    Works on Python ints and on numpy integer or object arrays (object arrays
    hold Python ints, which never overflow).  ``denominador`` > 0.
    """
    return (2 * numerador + denominador) // (2 * denominador)
