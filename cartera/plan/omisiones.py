"""Omissions judged per factura: a stage due by date that is paused or was already sent.

A factura's stage is *due by date* when it is open, issued by the corte,
has reached a reminder stage, and the history dated before the corte does
not cover it.  When such a factura gets nothing because it is paused, or
because the history dated on or after the corte already covers it (a rerun),
its client gets one ``Omision`` per reason (not one per factura).  The
client-level reasons (escalation, no e-mail, …) are decided in ``plan``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cartera import formato
from cartera.decisiones import Omision
from cartera.plan.estado import Escalera, rachas
from cartera.plan.frases import Texto, rellenar
from cartera.vocabulario import Canal


def fecha_texto(fechas: pd.Series | np.ndarray, pais: str) -> np.ndarray:
    """``formato.fecha`` of every date, as ``pais`` writes it ("" for NaT); each distinct date is formatted once."""
    codigos, unicas = pd.factorize(pd.to_datetime(np.asarray(fechas)).to_numpy())
    textos = np.array([formato.fecha(d.date(), pais) for d in pd.DatetimeIndex(unicas)] + [""], dtype=object)
    return textos[codigos]


def en_pausa_promesa(promesa: pd.Series | np.ndarray, pais: str) -> np.ndarray:
    """"En pausa: promesa de pago hasta <fecha>" per row."""
    return rellenar(Texto.EN_PAUSA_PROMESA, fecha_texto(promesa, pais))


def ya_enviado(rango_cubierto: np.ndarray, fecha_cubierta: pd.Series | np.ndarray, esc: Escalera,
               pais: str) -> np.ndarray:
    """"Ya enviado: <the stage the history covers> (<its date>)" per row."""
    nombres = np.array([e.nombre for e in esc.recordatorios] + [""], dtype=object)
    return rellenar(Texto.YA_ENVIADO, nombres[rango_cubierto], fecha_texto(fecha_cubierta, pais))


def motivos_pausa(sub: pd.DataFrame, esc: Escalera, pais: str) -> np.ndarray:
    """Why each row gets nothing: its pause, else the stage the history already covers (dates as ``pais`` writes them)."""
    condiciones = [sub["disputa"], sub["promesa_vigente"], sub["no_contactar"], sub["bajo_minimo"]]
    elecciones = [Texto.EN_PAUSA_DISPUTA, en_pausa_promesa(sub["promesa"], pais), Texto.NO_CONTACTAR, Texto.SALDO_MINIMO]
    ya = ya_enviado(sub["rango_cubierto"].to_numpy(), sub["fecha_cubierta"], esc, pais)
    return np.select([c.to_numpy(dtype=bool) for c in condiciones], elecciones, default=ya)


def omisiones_por_factura(est: pd.DataFrame, esc: Escalera, pais: str) -> list[Omision]:
    """One Omision per (cliente, motivo) for facturas due by date that are paused or already covered."""
    filas = np.flatnonzero((est["por_fecha"] & ~est["debida"] & ~est["promesa_rota"]).to_numpy())
    if not len(filas):
        return []
    sub = est.iloc[filas]
    codigos, motivos = pd.factorize(motivos_pausa(sub, esc, pais), sort=True)
    cpos = sub["cpos"].to_numpy()
    vence = sub["vencimiento"].to_numpy().astype("datetime64[D]").astype("int64")
    orden = np.lexsort((filas, vence, codigos, cpos))
    cpos, codigos = cpos[orden], codigos[orden]
    factura, cliente, rango = (sub[c].to_numpy()[orden] for c in ("factura", "cliente", "rango"))
    nombres = [e.nombre for e in esc.recordatorios]
    return [Omision(str(cliente[a]), tuple(factura[a:b]), nombres[int(rango[a:b].max())], Canal.CORREO,
                    str(motivos[codigos[a]]))
            for a, b in rachas(cpos, codigos)]
