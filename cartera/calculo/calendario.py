"""Days and business days: the country's holidays and vectorised business-day counts.

Pure functions: the holidays come from the ``holidays`` package (rules as
data, no network), and the counts from ``numpy.busday_count``.  The clock is
never read here; dates are always arguments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import holidays
import numpy as np

from cartera import paises


def festivos(pais: str, anios: Iterable[int]) -> tuple[dt.date, ...]:
    """The national holidays of ``pais`` (ISO code: CO, MX, ES, AR, CL, PE, …) in ``anios``, sorted.

    The calendar is the country's ``Pais.festivos`` (``cartera.paises``; an
    unknown code is tried as is).

    Observed dates are what count (e.g. Colombia's "Ley Emiliani" moves many
    holidays to Monday; ``holidays`` already returns the Monday).  Only
    national holidays: regional ones (Spain's autonomous communities) are
    left out.  A blank country, or one ``holidays`` does not know, gives ``()``, never an error: the
    business-day grace then skips weekends only.
    """
    codigo = paises.pais(pais).festivos
    lista_anios = sorted(set(anios))
    if not codigo or not lista_anios:
        return ()
    try:
        calendario = holidays.country_holidays(codigo, years=lista_anios)
    except NotImplementedError:
        return ()
    return tuple(sorted(calendario.keys()))


def festivos_cerca(pais: str, fecha: dt.date) -> tuple[dt.date, ...]:
    """The holidays of ``pais`` from two years before ``fecha``'s year to the year after it: every date a run
    as of ``fecha`` counts business days over (old due dates, grace periods ending next year)."""
    return festivos(pais, range(fecha.year - 2, fecha.year + 2))


def _a_dias(fechas) -> np.ndarray:
    """Anything date-like (array, Series, list of dates) → ``datetime64[D]`` array."""
    return np.asarray(fechas).astype("datetime64[D]")


def dias_habiles(desde, hasta, festivos: Iterable[dt.date] = ()) -> np.ndarray:
    """Business days in the interval (``desde``, ``hasta``], element-wise, as ``int64``.

    Saturdays, Sundays and ``festivos`` are not business days.  ``desde`` is
    excluded and ``hasta`` included, so a factura due Friday with the as-of
    date the next Monday counts 1 business day (0 if that Monday is a
    holiday).  When ``hasta`` <= ``desde`` the count is 0.  NaT on either side
    gives 0.  Arrays broadcast like numpy arrays (a scalar ``hasta`` is fine).
    """
    inicio = _a_dias(desde)
    fin = _a_dias(hasta)
    inicio, fin = np.broadcast_arrays(inicio, fin)
    validos = ~(np.isnat(inicio) | np.isnat(fin))
    cuenta = np.zeros(inicio.shape, dtype=np.int64)
    feriados = np.array(sorted(set(festivos)), dtype="datetime64[D]")
    uno = np.timedelta64(1, "D")
    cuenta[validos] = np.busday_count(inicio[validos] + uno, fin[validos] + uno, holidays=feriados)
    return np.maximum(cuenta, 0)
