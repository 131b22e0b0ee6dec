"""Replies and bounces as the plan sees them: who is paused, which addresses are not written to.  Pure.

``atencion`` turns every ``Llegada`` remembered so far (read over IMAP, today's and earlier runs')
and the workbook's addresses into an ``Atencion``:

* a human reply pauses its client from the reply's day for ``Días de pausa por respuesta`` days
  (the latest reply counts), unless the owner wrote in the client's «Respuesta vista» a date on or
  after the reply's day (a later reply pauses again);
* a permanent bounce marks its address while that address is still the client's in the workbook
  (``Correo`` or ``CC``): once the owner changes it there, the mark no longer applies.  A later reply
  from that same address proves it works and lifts the mark.  A delay marks nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace

import pandas as pd

from cartera import formato
from cartera.decisiones import Atencion, Llegada, TipoLlegada
from cartera.modelo import Cartera
from cartera.plan.frases import Texto


def _clave(direccion: str) -> str:
    return direccion.strip().casefold()


def direcciones_del_libro(clientes: pd.DataFrame) -> dict[str, frozenset[str]]:
    """Per client, its addresses (Correo and CC) as the workbook has them today, case-folded."""
    return {str(f.cliente): frozenset(_clave(d) for d in (*f.correos, *f.cc))
            for f in clientes[["cliente", "correos", "cc"]].itertuples(index=False)}


def vistas(clientes: pd.DataFrame) -> dict[str, dt.date]:
    """Per client, the date in «Respuesta vista» (Clientes): replies up to that day pause nothing."""
    if "respuesta_vista" not in clientes.columns:
        return {}
    fechas = pd.to_datetime(clientes["respuesta_vista"], errors="coerce")
    return {str(c): f.date() for c, f in zip(clientes["cliente"], fechas, strict=True) if not pd.isna(f)}


def atencion(llegadas: Iterable[Llegada], clientes: pd.DataFrame, hoy: dt.date, dias_pausa: int) -> Atencion:
    """The standing pauses and bounced addresses on ``hoy`` (see the module docstring)."""
    ordenadas = sorted(llegadas, key=lambda x: x.fecha)
    del_libro = direcciones_del_libro(clientes)
    respuesta: dict[str, dt.date] = {}
    rebotadas: dict[str, dict[str, str]] = {}  # cliente → case-folded address → as the workbook writes it
    for llegada in ordenadas:
        cliente = llegada.cliente
        if llegada.tipo == TipoLlegada.RESPUESTA:
            respuesta[cliente] = llegada.fecha.date()
            rebotadas.get(cliente, {}).pop(_clave(llegada.de), None)
        elif llegada.tipo == TipoLlegada.REBOTE:
            for direccion in llegada.direcciones:
                if _clave(direccion) in del_libro.get(cliente, frozenset()):
                    rebotadas.setdefault(cliente, {})[_clave(direccion)] = direccion
    vista = vistas(clientes)
    pausas = tuple(sorted((c, d) for c, d in respuesta.items()
                          if c in del_libro and dias_pausa > 0 and d + dt.timedelta(days=dias_pausa) > hoy
                          and not (c in vista and vista[c] >= d)))
    return Atencion(pausas, tuple(sorted((c, tuple(sorted(m.values()))) for c, m in rebotadas.items() if m)))


def sin_rebotadas(direcciones: tuple[str, ...], rebotadas: Iterable[str]) -> tuple[str, ...]:
    """``direcciones`` less the bounced ones (compared without regard to case)."""
    fuera = {_clave(d) for d in rebotadas}
    return tuple(d for d in direcciones if _clave(d) not in fuera)


def dia_mes(fecha: dt.date, pais: str) -> str:
    """The date without its year, in the country's order: 25/11 (11/25 in the US).

    >>> dia_mes(dt.date(2026, 11, 25), "CO")
    '25/11'
    """
    texto = formato.fecha(fecha, pais)
    return re.sub(rf"^{fecha.year}\W|\W{fecha.year}$", "", texto)


def sin_rebotadas_en(cartera: Cartera, atencion: Atencion) -> Cartera:
    """The Cartera with the bounced addresses taken out of Correo and CC (only the rows that had one)."""
    if not atencion.rebotadas:
        return cartera
    clientes = cartera.clientes.copy()
    por_cliente = dict(atencion.rebotadas)
    filas = clientes["cliente"].astype(str).isin(list(por_cliente)).to_numpy()
    for columna in ("correos", "cc"):
        clientes.loc[filas, columna] = pd.Series(
            [sin_rebotadas(tuple(d), por_cliente[str(c)])
             for c, d in zip(clientes.loc[filas, "cliente"], clientes.loc[filas, columna], strict=True)],
            index=clientes.index[filas], dtype=object)
    return replace(cartera, clientes=clientes)


def marcas(atencion: Atencion, pais: str) -> tuple[dict[str, str], frozenset[str]]:
    """(cliente → «En pausa: respondió el 25/11», clients with a bounced address)."""
    textos = {c: Texto.EN_PAUSA_RESPUESTA.format(dia_mes(d, pais)) for c, d in atencion.pausas}
    return textos, frozenset(c for c, _ in atencion.rebotadas)


def con_rebotadas(est: pd.DataFrame, clientes: pd.DataFrame, atencion: Atencion) -> pd.DataFrame:
    """``est`` plus ``rebotada``: listed facturas at some stage of a client whose every address bounced.

    Those clients go on the call list every run, due stage or not, until the owner changes the address.
    ``clientes``: already without the bounced addresses (:func:`sin_rebotadas_en`).
    """
    sin_correo = clientes.loc[clientes["correos"].map(len) == 0, "cliente"].astype(str)
    rebotados = sorted(set(sin_correo) & {c for c, _ in atencion.rebotadas})
    rebotada = est["cliente"].astype(str).isin(rebotados).to_numpy() & est["listada"].to_numpy(dtype=bool) & (
        est["rango"].to_numpy() >= 0) & ~est["no_contactar"].to_numpy(dtype=bool)
    return est.assign(rebotada=rebotada)
