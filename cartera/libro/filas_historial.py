"""The workbook's Historial sheet: its headers, one row per ``Resultado``, and what it already records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import python_calamine

from cartera.decisiones import Resultado
from cartera.libro.paquete import partes as px

HOJA_HISTORIAL = "Historial"
ENCABEZADOS_HISTORIAL = ("Fecha", "Cliente", "Facturas", "Etapa", "Canal", "Destinatarios", "Asunto",
                         "Resultado", "Detalle", "Message-ID")


def fila_historial(resultado: Resultado) -> tuple:
    """A Historial row in ``ENCABEZADOS_HISTORIAL`` order."""
    return (resultado.fecha_hora, resultado.cliente, ", ".join(resultado.facturas), resultado.etapa, resultado.canal,
            "; ".join(resultado.destinatarios), resultado.asunto, resultado.resultado, resultado.detalle,
            resultado.message_id)


def message_ids_en_historial(ruta: Path) -> tuple[str | tuple[dt.datetime, str, str], ...]:
    """What the workbook's Historial already records: Message-IDs, and (fecha_hora, cliente, etapa)
    for rows without one.  Empty when there is no Historial.  For ``diario.pendientes_de_libro``."""
    libro = python_calamine.CalamineWorkbook.from_path(str(ruta))
    try:
        nombre = next((n for n in libro.sheet_names if px.normalizar(n) == px.normalizar(HOJA_HISTORIAL)), None)
        filas = libro.get_sheet_by_name(nombre).to_python() if nombre else []
    finally:
        libro.close()
    inicio = next((i for i, f in enumerate(filas) if any(v not in ("", None) for v in f)), None)
    if inicio is None:
        return ()
    indice = {px.normalizar(str(v)): i for i, v in enumerate(filas[inicio])}
    columnas = [indice.get(px.normalizar(e)) for e in ("Message-ID", "Fecha", "Cliente", "Etapa")]
    return tuple(filter(None, (_clave_historial(f, columnas) for f in filas[inicio + 1:])))


def _clave_historial(fila: list, columnas: list[int | None]) -> str | tuple | None:
    valor = [fila[i] if i is not None and i < len(fila) else "" for i in columnas]
    if str(valor[0]).strip():
        return str(valor[0]).strip()
    if isinstance(valor[1], dt.datetime):
        return valor[1], str(valor[2]), str(valor[3])
    return None
