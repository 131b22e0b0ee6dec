"""The order today's avisos go out in: what matters most first, so the daily limit cuts the least.

Pure: the most severe stage first (a larger ``dias`` among the reminder
stages; a delivery or a ``Promesa incumplida`` ranks above every reminder),
then the largest open balance of the listed facturas, then the client code, so
two runs on the same workbook send in the same order.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from cartera.decisiones import Aviso
from cartera.modelo import Etapa

SIN_SEVERIDAD = 10_000
"""Severity of a stage that is not a reminder (a delivery, a broken promise): above every reminder's ``dias``."""


def por_urgencia(avisos: tuple[Aviso, ...], etapas: tuple[Etapa, ...], facturas: pd.DataFrame) -> tuple[Aviso, ...]:
    """``avisos`` most urgent first (stable).  ``facturas``: ``Calculo.facturas`` (factura, saldo)."""
    severidad = {etapa.nombre: etapa.dias for etapa in etapas if not etapa.es_envio}
    saldos = _saldos(avisos, facturas)

    def clave(i: int) -> tuple[int, int, str]:
        return (-severidad.get(avisos[i].etapa, SIN_SEVERIDAD), -saldos[i], avisos[i].cliente)

    return tuple(avisos[i] for i in sorted(range(len(avisos)), key=clave))


def _saldos(avisos: tuple[Aviso, ...], facturas: pd.DataFrame) -> list[int]:
    """Per aviso, the saldo of the facturas it lists (one lookup for all of them; unknown ones count 0)."""
    numeros = [f for aviso in avisos for f in aviso.facturas]
    posiciones = pd.Index(facturas["factura"]).get_indexer(numeros)
    saldo = np.append(facturas["saldo"].to_numpy(dtype=np.int64), 0)[posiciones]
    cortes = np.cumsum([0] + [len(aviso.facturas) for aviso in avisos]).tolist()
    return [int(saldo[a:b].sum()) for a, b in itertools.pairwise(cortes)]
