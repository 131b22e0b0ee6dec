"""Read sheet ``Historial`` (written by the tool) into ``modelo.Envio`` records.

Each row whose Resultado is one of ``vocabulario.RESULTADOS`` gives one
``Envio`` per factura listed in its ``Facturas`` cell (split on ``,`` or
``;``).  A row whose date cannot be read still counts (with
``datetime.date.min``) so that nothing recorded as sent is sent again.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from cartera import vocabulario
from cartera.lectura import esquema as columnas
from cartera.lectura.conversion import fechas, textos
from cartera.lectura.problemas import Problema, celdas_de, rechazos
from cartera.lectura.tabla import Tabla
from cartera.modelo import Envio, Rechazo

_RESULTADOS = {columnas.normalizar(r): r for r in vocabulario.RESULTADOS}


def leer_historial(tabla: Tabla, pais: str) -> tuple[tuple[Envio, ...], tuple[Rechazo, ...]]:
    """The (factura, etapa) pairs already acted on, and warnings on unreadable rows."""
    fecha = fechas(celdas_de(tabla, "fecha"), pais)
    facturas = textos(celdas_de(tabla, "facturas"))
    etapa = textos(celdas_de(tabla, "etapa"))
    resultado = textos(celdas_de(tabla, "resultado"))
    ids = textos(celdas_de(tabla, "message_id"))
    dias = fecha.valores.astype("datetime64[D]")
    envios: list[Envio] = []
    problemas: list[Problema] = []
    for pos in np.flatnonzero(resultado != "").tolist():
        normal = _RESULTADOS.get(columnas.normalizar(resultado[pos]))
        if normal is None:
            problemas.append(Problema(pos, "resultado", "Resultado desconocido: la fila no se tiene en cuenta.", grave=False))
            continue
        dia = dt.date.min if np.isnat(dias[pos]) else dias[pos].item()
        if np.isnat(dias[pos]):
            problemas.append(Problema(pos, "fecha", "Fecha ilegible en el historial: la fila se tiene en cuenta igual.", grave=False))
        envios += [Envio(dia, f, etapa[pos], normal, ids[pos]) for f in re.split(r"\s*[,;]\s*", facturas[pos]) if f]
    return tuple(envios), rechazos(tabla, problemas)
