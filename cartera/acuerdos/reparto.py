"""An agreement's instalments: the amount split evenly, the due dates.

Each instalment is the amount divided by their number, rounded down to the
cent; the last one absorbs the remainder (1.000.000 in 3 → 333.333,33,
333.333,33 and 333.333,34).  Monthly instalments fall on the day of the
first one, or on the month's last day when the month is shorter (31 Jan →
28 or 29 Feb → 31 Mar); weekly ones every 7 days, fortnightly ones every 15.
"""

from __future__ import annotations

import calendar
import datetime as dt

from cartera.acuerdos.pacto import Acuerdo, Cuota, Periodicidad

PASOS = {Periodicidad.SEMANAL: 7, Periodicidad.QUINCENAL: 15}
"""Days between instalments of the fixed-step periodicities."""


def mas_meses(fecha: dt.date, meses: int) -> dt.date:
    """``fecha`` moved ``meses`` months on, on its own day or the month's last day when the month is shorter.

    >>> mas_meses(dt.date(2026, 1, 31), 1), mas_meses(dt.date(2026, 1, 31), 2), mas_meses(dt.date(2028, 1, 31), 1)
    (datetime.date(2026, 2, 28), datetime.date(2026, 3, 31), datetime.date(2028, 2, 29))
    """
    anio, mes = divmod(fecha.month - 1 + meses, 12)
    anio += fecha.year
    ultimo = calendar.monthrange(anio, mes + 1)[1]
    return dt.date(anio, mes + 1, min(fecha.day, ultimo))


def vencimientos(primera: dt.date, cuotas: int, periodicidad: Periodicidad) -> tuple[dt.date, ...]:
    """The due date of each of ``cuotas`` instalments, the first on ``primera``."""
    if periodicidad == Periodicidad.MENSUAL:
        return tuple(mas_meses(primera, k) for k in range(cuotas))
    return tuple(primera + dt.timedelta(days=PASOS[periodicidad] * k) for k in range(cuotas))


def valores(monto: int, cuotas: int) -> tuple[int, ...]:
    """``monto`` centavos in ``cuotas`` instalments, each rounded down to the cent, the last with the remainder.

    >>> valores(100_000_000, 3)
    (33333333, 33333333, 33333334)
    """
    parte = monto // cuotas
    return (parte,) * (cuotas - 1) + (monto - parte * (cuotas - 1),)


def generar(acuerdo: Acuerdo, base: int) -> tuple[Cuota, ...]:
    """The instalments of ``acuerdo`` splitting ``base`` (the facturas' open balance on its date, fees
    excluded): the down payment first (number 0, due on the agreement's date), then ``base`` less it."""
    inicial = min(acuerdo.inicial, base)
    fechas = vencimientos(acuerdo.primera, acuerdo.cuotas, acuerdo.periodicidad)
    cuotas = [Cuota(acuerdo.acuerdo, acuerdo.cliente, 0, acuerdo.fecha, inicial)] if inicial > 0 else []
    cuotas += [Cuota(acuerdo.acuerdo, acuerdo.cliente, k + 1, fecha, valor)
               for k, (fecha, valor) in enumerate(zip(fechas, valores(base - inicial, acuerdo.cuotas), strict=True))]
    return tuple(cuotas)
