"""Every Spanish text the plan writes, once: the ``Acción`` column and the ``motivo`` of omissions, calls and escalations.

A text with ``{}`` is filled in per factura or client: ``Texto.LLAMAR.format(etapa)``
for one, ``rellenar(Texto.LLAMAR, etapas)`` for a whole column at once.
Pauses and "already sent" read the same in the ``Acción`` column and in the
omissions of the ``Recordatorios`` sheet, so they are one entry each here.
"""

from __future__ import annotations

from enum import StrEnum, unique
from typing import Any

import numpy as np


@unique
class Texto(StrEnum):
    """The table of texts, grouped by where they appear."""

    # Acción and omisión: the factura is paused, or the history already covers its stage
    EN_PAUSA_DISPUTA = "En pausa: disputa"
    EN_ACUERDO = "En acuerdo de pago {}"
    ACUERDO_INCUMPLIDO = "Acuerdo de pago {} incumplido"
    SIN_CORREO_CUOTA = "Sin correo válido: avisar por teléfono ({})"
    EN_PAUSA_PROMESA = "En pausa: promesa de pago hasta {}"
    NO_CONTACTAR = "No contactar"
    YA_ENVIADO = "Ya enviado: {} ({})"
    EN_PAUSA_RESPUESTA = "En pausa: respondió el {}"

    # Acción only
    SIN_ACCION = "Sin acción hoy"
    EMITIDA_DESPUES = "Emitida después de la fecha de corte"
    ENVIO = "Envío de factura"
    ENVIO_SIN_CORREO = "Envío de factura: sin correo válido"
    BAJO_MINIMO = "Saldo menor al mínimo"
    ESCALAR = "Escalar a cobranza"
    LLAMAR_SIN_CORREO = "Llamar: sin correo válido"
    LLAMAR_REBOTO = "Llamar: el correo rebotó"
    PROMESA_AVISO = "Promesa incumplida: aviso"
    RECORDATORIO = "Recordatorio: {}"
    RECORDATORIO_Y_LLAMADA = "Recordatorio: {} + Llamar"
    INCLUIDA = "Incluida en el recordatorio ({})"
    LLAMAR = "Llamar: {}"
    PENDIENTE = "Pendiente: queda para la próxima ejecución"

    # Omisión only
    SALDO_MINIMO = "Saldo menor al mínimo para recordar"
    AVISADO_HOY = "Ya se le envió un aviso hoy: lo pendiente queda para la próxima ejecución"
    SIN_CORREO_A_LLAMADAS = "Sin correo válido: se agregó a la lista de llamadas"
    REBOTO_A_LLAMADAS = "Sin correo válido: el correo rebotó; se agregó a la lista de llamadas"
    SIN_CORREO_ENVIO = "Sin correo válido: no se pudo enviar la factura"
    COBRANZA_SIN_RECORDATORIO = "Cuenta en cobranza: no se envía recordatorio"
    PROMESA_ANTES = "Promesa incumplida: el recordatorio queda para la próxima ejecución"
    ETAPA_SIN_CORREO = "La etapa {} no envía correo"
    ETAPA_SIN_CORREO_A_LLAMADAS = "La etapa {} no envía correo; se agregó a la lista de llamadas"

    # Motivo of a Llamada or an Escalado
    SIN_CORREO = "Sin correo válido"
    REBOTO = "Sin correo válido: el correo rebotó"
    ETAPA = "Etapa {}"
    COBRANZA = "Cuenta en cobranza"


def rellenar(texto: Texto, *partes: Any) -> np.ndarray:
    """``texto`` with its ``{}`` filled, element by element, from ``partes`` (arrays or Series of one length).

    Vectorised string concatenation on object arrays: no per-row ``format``.
    """
    trozos = str(texto).split("{}")
    salida: Any = trozos[0]
    for parte, trozo in zip(partes, trozos[1:], strict=True):
        salida = salida + np.asarray(parte, dtype=object) + trozo
    return np.asarray(salida, dtype=object)
