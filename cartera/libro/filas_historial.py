"""The sheets cartera appends rows to (Historial; Pagos and «Por confirmar» for issue 16) as ``Anexo``s for
``escritura.escribir``: one Historial row per ``Resultado``, one Pagos row per bank payment; and what
Historial already records.

Its name and headers are the schema's (``lectura.esquema``); a Historial the
owner named otherwise (an accepted alias, other letter case) is read and
appended to under the name reading found (``modelo.OrigenHoja``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

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
CAMPOS_PAGO = ("fecha", "factura", "cliente", "monto", "metodo", "referencia", "clave")
"""The Pagos columns a payment from a bank statement fills (``Clave extracto`` created when missing)."""


class Anexo(NamedTuple):
    """Rows for one sheet: ``nombre`` its tab (created at the end when missing), ``fila`` its header row (None:
    the first non-empty one), ``encabezados`` the columns (found by name, else added at the right end),
    ``filas`` tuples in that order, ``dinero`` which columns hold integer centavos; ``reemplazar``: the rows
    replace the sheet's (written under the header, the rest of those columns cleared) instead of following them."""

    nombre: str
    fila: int | None
    encabezados: tuple[str, ...]
    filas: tuple[tuple, ...]
    dinero: tuple[bool, ...]
    reemplazar: bool = False


def _encabezados(hoja: str, campos: Sequence[str], hallada: OrigenHoja | None) -> tuple[str, ...]:
    """The headers as the owner's sheet spells them; the schema's for columns it lacks."""
    por_campo = {c.campo: c.encabezado for c in esquema.CAMPOS[hoja]}
    return tuple((hallada.encabezado(c) if hallada else None) or por_campo[c] for c in campos)


def anexo_historial(resultados: Sequence[Resultado], hallada: OrigenHoja | None) -> Anexo:
    """Historial rows appended under the sheet reading found (``hallada``; None: «Historial», created)."""
    return Anexo(hallada.nombre if hallada else esquema.HISTORIAL, hallada.fila if hallada else None,
                 _encabezados(esquema.HISTORIAL, CAMPOS_HISTORIAL, hallada),
                 tuple(fila_historial(r) for r in resultados), (False,) * len(CAMPOS_HISTORIAL))


def anexo_pagos(pagos: Sequence, hallada: OrigenHoja | None) -> Anexo:
    """Pagos rows (``conciliacion.cotejo.PagoPropuesto``: fecha, factura, cliente, monto in centavos, método,
    referencia, clave, moneda) appended under the sheet reading found (None: «Pagos», created); the currency
    only goes into a Moneda column the owner already has."""
    campos = CAMPOS_PAGO + (("moneda",) if hallada and hallada.letra("moneda") else ())
    filas = tuple(tuple(getattr(p, c) for c in campos) for p in pagos)
    return Anexo(hallada.nombre if hallada else esquema.PAGOS, hallada.fila if hallada else None,
                 _encabezados(esquema.PAGOS, campos, hallada), filas, tuple(c == "monto" for c in campos))


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
