"""The ``acuerdo`` variable of the templates: a payment agreement's figures, formatted (core).

Present (not None) only in the agreements' messages (``cuota``, ``acuerdo_incumplido``, ``acuerdo_pagado``);
documented in ``plantillas/LEEME.md``.
"""

from __future__ import annotations

from typing import Any

from cartera.decisiones import AvisoAcuerdo
from cartera.mensajes.indice import Formatos


def contexto(datos: AvisoAcuerdo | None, fmt: Formatos) -> dict[str, Any] | None:
    """``codigo``, ``momento``, the instalment quoted (``cuota``, ``inicial``, ``vence``, ``vence_largo``,
    ``valor``, ``saldo_cuota``, ``abonada``), ``cuotas`` (how many), ``total``, ``pagado``, ``saldo`` and
    ``pendientes`` (each open instalment: ``cuota``, ``vence``, ``saldo``)."""
    if datos is None:
        return None

    def d(centavos: int) -> str:
        return fmt.dinero(int(centavos), datos.moneda)

    return {"codigo": datos.acuerdo, "momento": datos.momento, "cuota": datos.cuota, "inicial": datos.cuota == 0,
            "cuotas": datos.cuotas, "vence": fmt.fecha(datos.vence) if datos.vence else "",
            "vence_largo": fmt.fecha_larga(datos.vence) if datos.vence else "", "valor": d(datos.valor),
            "saldo_cuota": d(datos.saldo_cuota), "abonada": 0 < datos.saldo_cuota < datos.valor,
            "total": d(datos.total), "pagado": d(datos.pagado), "saldo": d(datos.total - datos.pagado),
            "moneda": datos.moneda,
            "pendientes": [{"cuota": n, "inicial": n == 0, "vence": fmt.fecha(v), "saldo": d(s)} for n, v, s in datos.pendientes]}
