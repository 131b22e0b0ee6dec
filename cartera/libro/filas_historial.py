"""The workbook's Historial sheet: one row per ``Resultado``, and what the sheet already records.

Its name and headers are the schema's (``lectura.esquema``); a Historial the
owner named otherwise (an accepted alias, other letter case) is read and
appended to under the name reading found (``modelo.OrigenHoja``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import python_calamine

from cartera.decisiones import Resultado
from cartera.errores import LibroInvalido
from cartera.lectura import esquema
from cartera.libro.paquete import averias
from cartera.libro.paquete import codificacion as cx
from cartera.modelo import OrigenHoja

CAMPOS_HISTORIAL = tuple(c.campo for c in esquema.CAMPOS[esquema.HISTORIAL])
"""Field ids of Historial, in the schema's column order."""
_CLAVES = ("message_id", "fecha", "cliente", "etapa")


def fila_historial(resultado: Resultado) -> tuple:
    """A Historial row, in the schema's column order (``esquema.ENCABEZADOS_HISTORIAL``)."""
    valores = {
        "fecha": resultado.fecha_hora, "cliente": resultado.cliente, "facturas": ", ".join(resultado.facturas),
        "etapa": resultado.etapa, "canal": resultado.canal, "destinatarios": "; ".join(resultado.destinatarios),
        "asunto": resultado.asunto, "resultado": resultado.resultado, "detalle": resultado.detalle,
        "message_id": resultado.message_id,
    }
    return tuple(valores[campo] for campo in CAMPOS_HISTORIAL)


def message_ids_en_historial(ruta: Path, hallada: OrigenHoja | None) -> tuple[str | tuple[dt.datetime, str, str], ...]:
    """What the workbook's Historial already records: Message-IDs, and (fecha_hora, cliente, etapa)
    for rows without one.  ``hallada``: where reading found Historial (None: the workbook has none,
    so nothing is recorded).  For ``diario.pendientes_de_libro``."""
    if hallada is None:
        return ()
    try:
        libro = python_calamine.CalamineWorkbook.from_path(str(ruta))
        try:
            nombre = hallada.nombre if hallada.nombre in libro.sheet_names else None
            filas = libro.get_sheet_by_name(nombre).to_python(skip_empty_area=False) if nombre else []
        finally:
            libro.close()
    except python_calamine.CalamineError as error:
        raise LibroInvalido(averias.danado(Path(ruta).name, error, hallada.nombre)) from error
    columnas = [cx.numero_columna(letra) - 1 if (letra := hallada.letra(campo)) else None for campo in _CLAVES]
    return tuple(filter(None, (_clave_historial(f, columnas) for f in filas[hallada.fila:])))


def _clave_historial(fila: list, columnas: list[int | None]) -> str | tuple | None:
    valor = [fila[i] if i is not None and i < len(fila) else "" for i in columnas]
    if str(valor[0]).strip():
        return str(valor[0]).strip()
    if isinstance(valor[1], dt.datetime):
        return valor[1], str(valor[2]), str(valor[3])
    return None
