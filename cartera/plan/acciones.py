"""The ``Acción`` column: what happens today to each factura, and why, in short Spanish.

Vectorised: ``np.select`` picks the first matching rule per row, in this order:
closed ("") · issued after the corte · dispute · payment agreement · No contactar · delivery
today · promise in force · saldo below the minimum · escalated client ·
client paused by its reply («En pausa: respondió el 25/11») · client without e-mail (whose mail bounced) · broken-promise aviso · the reminder's own stage
("Recordatorio: Tercer aviso + Llamar") · listed in the client's reminder
("Incluida en el recordatorio (Segundo aviso)") · stage with no e-mail
("Llamar: Cobranza telefónica") · due but left for the next run · already
sent ("Ya enviado: Primer aviso (24/11/2026)", the country's date) · "Sin acción hoy".
Per-row texts are built only on the rows where their rule wins.
"""

from __future__ import annotations

from enum import StrEnum, unique

import numpy as np
import pandas as pd

from cartera.plan.estado import Escalera
from cartera.plan.frases import Texto, rellenar
from cartera.plan.omisiones import en_pausa_promesa, ya_enviado


@unique
class TipoDecision(StrEnum):
    """What the plan decided for a client today (``agenda.Decision.tipo``); the Acción column reads it."""

    ESCALADO = "escalado"
    AVISADO_HOY = "avisado_hoy"
    SIN_CORREO = "sin_correo"
    PROMESA = "promesa"
    RECORDATORIO = "recordatorio"
    SOLO_LLAMADA = "solo_llamada"
    EN_PAUSA = "en_pausa"
    """The client answered one of our messages: its reminders wait (``nota``: «En pausa: respondió el 25/11»)."""


def _por_cliente(est: pd.DataFrame, decisiones: pd.DataFrame) -> pd.DataFrame:
    """The client's decision (tipo, etapa, llamar, rango of etapa) per factura row; blanks for clients without one."""
    cpos = est["cpos"].to_numpy()
    n = max(int(cpos.max(initial=-1)), int(decisiones["cpos"].max() if len(decisiones) else -1)) + 2
    tipo, etapa, nota = np.full(n, "", dtype=object), np.full(n, "", dtype=object), np.full(n, "", dtype=object)
    llamar, rango = np.zeros(n, dtype=bool), np.full(n, -2, dtype="int64")
    d = decisiones[decisiones["cpos"] >= 0]
    tipo[d["cpos"]], etapa[d["cpos"]], nota[d["cpos"]] = d["tipo"], d["etapa"], d["nota"]
    llamar[d["cpos"]], rango[d["cpos"]] = d["llamar"].astype(bool), d["rango"]
    return pd.DataFrame({"tipo": tipo[cpos], "etapa": etapa[cpos], "llamar": llamar[cpos], "rango": rango[cpos],
                         "nota": nota[cpos]},
                        index=est.index)


def acciones(est: pd.DataFrame, decisiones: pd.DataFrame, esc: Escalera, pais: str) -> pd.Series:
    """The Acción text per factura, aligned with ``est.index`` (= ``Calculo.facturas.index``); dates as ``pais`` writes them."""
    dec = _por_cliente(est, decisiones)
    tipo, etapa, llamar = dec["tipo"].to_numpy(), dec["etapa"].to_numpy(), dec["llamar"].to_numpy()
    col = {c: est[c].to_numpy() for c in ("vigente", "debida", "promesa_rota", "escalada", "listada")}
    actuada = col["debida"] | col["promesa_rota"]
    propia = (tipo == TipoDecision.RECORDATORIO) & col["debida"] & (est["rango"].to_numpy() == dec["rango"].to_numpy())
    envio = (est["envio"] != "").to_numpy()
    reglas = [
        (~est["abierta"].to_numpy(), ""),
        (est["emitida_despues"].to_numpy(), Texto.EMITIDA_DESPUES),
        (est["disputa"].to_numpy(), Texto.EN_PAUSA_DISPUTA),
        (est["en_acuerdo"].to_numpy(), lambda m: rellenar(Texto.EN_ACUERDO, est["acuerdo"].to_numpy()[m])),
        (est["no_contactar"].to_numpy(), Texto.NO_CONTACTAR),
        (envio & est["tiene_correo"].to_numpy(), Texto.ENVIO),
        (envio, Texto.ENVIO_SIN_CORREO),
        (est["promesa_vigente"].to_numpy(), lambda m: en_pausa_promesa(est["promesa"].to_numpy()[m], pais)),
        (est["bajo_minimo"].to_numpy(), Texto.BAJO_MINIMO),
        ((tipo == TipoDecision.ESCALADO) & (actuada | col["escalada"]), Texto.ESCALAR),
        ((tipo == TipoDecision.EN_PAUSA) & actuada, lambda m: dec["nota"].to_numpy()[m]),
        ((tipo == TipoDecision.SIN_CORREO) & col["listada"] & (dec["nota"] != "").to_numpy(), Texto.LLAMAR_REBOTO),
        ((tipo == TipoDecision.SIN_CORREO) & actuada, Texto.LLAMAR_SIN_CORREO),
        ((tipo == TipoDecision.PROMESA) & col["promesa_rota"], Texto.PROMESA_AVISO),
        (propia, lambda m: np.where(llamar[m], rellenar(Texto.RECORDATORIO_Y_LLAMADA, etapa[m]),
                                    rellenar(Texto.RECORDATORIO, etapa[m]))),
        ((tipo == TipoDecision.RECORDATORIO) & col["listada"], lambda m: rellenar(Texto.INCLUIDA, etapa[m])),
        ((tipo == TipoDecision.SOLO_LLAMADA) & col["debida"] & llamar, lambda m: rellenar(Texto.LLAMAR, etapa[m])),
        (actuada, Texto.PENDIENTE),
        (est["rango_cubierto"].to_numpy() >= 0, lambda m: ya_enviado(
            est["rango_cubierto"].to_numpy()[m], est["fecha_cubierta"].to_numpy()[m], esc, pais)),
    ]
    return pd.Series(_elegir(reglas, len(est)), index=est.index, dtype=object)


def _elegir(reglas: list, n: int) -> np.ndarray:
    """Per row, the value of the first rule whose condition holds (``Texto.SIN_ACCION`` when none).

    A callable value is called with the rows it wins, so per-row texts are built only there.
    """
    condiciones = [np.asarray(c, dtype=bool) for c, _ in reglas]
    elegida = np.select(condiciones, np.arange(len(reglas)), default=len(reglas))
    salida = np.full(n, str(Texto.SIN_ACCION), dtype=object)
    for i, (_, valor) in enumerate(reglas):
        mascara = elegida == i
        if mascara.any():
            salida[mascara] = valor(mascara) if callable(valor) else str(valor)
    return salida
