"""The ``Acción`` column: what happens today to each factura, and why, in short Spanish.

Vectorised: ``np.select`` picks the first matching rule per row, in this order:
closed ("") · issued after the corte · dispute · No contactar · delivery
today · promise in force · saldo below the minimum · escalated client ·
client without e-mail · broken-promise aviso · the reminder's own stage
("Recordatorio: Tercer aviso + Llamar") · listed in the client's reminder
("Incluida en el recordatorio (Segundo aviso)") · stage with no e-mail
("Llamar: Cobranza telefónica") · due but left for the next run · already
sent ("Ya enviado: Primer aviso (24/11/2026)", the country's date) · "Sin acción hoy".
Per-row texts are built only on the rows where their rule wins.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cartera.plan.estado import Escalera
from cartera.plan.omisiones import EN_PAUSA_DISPUTA, NO_CONTACTAR, fecha_texto

SIN_ACCION = "Sin acción hoy"


def _por_cliente(est: pd.DataFrame, decisiones: pd.DataFrame) -> pd.DataFrame:
    """The client's decision (tipo, etapa, llamar, rango of etapa) per factura row; blanks for clients without one."""
    cpos = est["cpos"].to_numpy()
    n = max(int(cpos.max(initial=-1)), int(decisiones["cpos"].max() if len(decisiones) else -1)) + 2
    tipo, etapa = np.full(n, "", dtype=object), np.full(n, "", dtype=object)
    llamar, rango = np.zeros(n, dtype=bool), np.full(n, -2, dtype="int64")
    d = decisiones[decisiones["cpos"] >= 0]
    tipo[d["cpos"]], etapa[d["cpos"]] = d["tipo"], d["etapa"]
    llamar[d["cpos"]], rango[d["cpos"]] = d["llamar"].astype(bool), d["rango"]
    return pd.DataFrame({"tipo": tipo[cpos], "etapa": etapa[cpos], "llamar": llamar[cpos], "rango": rango[cpos]},
                        index=est.index)


def acciones(est: pd.DataFrame, decisiones: pd.DataFrame, esc: Escalera, pais: str) -> pd.Series:
    """The Acción text per factura, aligned with ``est.index`` (= ``Calculo.facturas.index``); dates as ``pais`` writes them."""
    dec = _por_cliente(est, decisiones)
    tipo, etapa = dec["tipo"].to_numpy(), dec["etapa"].to_numpy()
    col = {c: est[c].to_numpy() for c in ("vigente", "debida", "promesa_rota", "escalada", "listada")}
    actuada = col["debida"] | col["promesa_rota"]
    nombres = np.array([e.nombre for e in esc.recordatorios] + [""], dtype=object)
    propia = (tipo == "recordatorio") & col["debida"] & (est["rango"].to_numpy() == dec["rango"].to_numpy())
    cubierta = est["rango_cubierto"].to_numpy() >= 0
    reglas = [
        (~est["abierta"].to_numpy(), ""),
        (est["emitida_despues"].to_numpy(), "Emitida después de la fecha de corte"),
        (est["disputa"].to_numpy(), EN_PAUSA_DISPUTA),
        (est["no_contactar"].to_numpy(), NO_CONTACTAR),
        ((est["envio"] != "").to_numpy() & est["tiene_correo"].to_numpy(), "Envío de factura"),
        ((est["envio"] != "").to_numpy(), "Envío de factura: sin correo válido"),
        (est["promesa_vigente"].to_numpy(),
         lambda m: ("En pausa: promesa de pago hasta " + fecha_texto(est["promesa"][m], pais)).to_numpy(dtype=object)),
        (est["bajo_minimo"].to_numpy(), "Saldo menor al mínimo"),
        ((tipo == "escalado") & (actuada | col["escalada"]), "Escalar a cobranza"),
        ((tipo == "sin_correo") & actuada, "Llamar: sin correo válido"),
        ((tipo == "promesa") & col["promesa_rota"], "Promesa incumplida: aviso"),
        (propia, lambda m: "Recordatorio: " + etapa[m] + np.where(dec["llamar"].to_numpy()[m], " + Llamar", "")),
        ((tipo == "recordatorio") & col["listada"], lambda m: "Incluida en el recordatorio (" + etapa[m] + ")"),
        ((tipo == "solo_llamada") & col["debida"] & dec["llamar"].to_numpy(), lambda m: "Llamar: " + etapa[m]),
        (actuada, "Pendiente: queda para la próxima ejecución"),
        (cubierta, lambda m: ("Ya enviado: " + pd.Series(nombres[est["rango_cubierto"].to_numpy()[m]]) + " ("
                              + fecha_texto(pd.Series(est["fecha_cubierta"].to_numpy()[m]), pais) + ")").to_numpy(dtype=object)),
    ]
    condiciones = [np.asarray(c, dtype=bool) for c, _ in reglas]
    elegida = np.select(condiciones, np.arange(len(reglas)), default=len(reglas))
    salida = np.full(len(est), SIN_ACCION, dtype=object)
    for i, (_, valor) in enumerate(reglas):
        mascara = elegida == i
        if mascara.any():
            salida[mascara] = valor(mascara) if callable(valor) else valor
    return pd.Series(salida, index=est.index, dtype=object)
