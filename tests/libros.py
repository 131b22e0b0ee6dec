"""Build real .xlsx workbooks for tests (xlsxwriter), from plain Python tables.

``escribir_libro(ruta, {"Clientes": [[encabezados…], [fila…], …], …})``
writes one sheet per key.  Cell values: ``str`` is always written as text
(never a formula), ``int``/``float`` as numbers, ``date``/``datetime`` as
real date cells, ``bool`` as booleans, ``None`` as an empty cell, and
:class:`Formula` as a formula with or without a saved result.
``libro_minimo_valido()`` is a small valid workbook others can start from.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import NamedTuple

import xlsxwriter


class Formula(NamedTuple):
    """A formula cell; ``valor`` is the saved result (None = no saved result, as a program would write it)."""

    formula: str
    valor: float | str | None = None


def _escribir_celda(hoja, fila: int, col: int, valor, formatos: dict) -> None:
    if valor is None:
        return
    if isinstance(valor, Formula):
        hoja.write_formula(fila, col, valor.formula, None, "" if valor.valor is None else valor.valor)
    elif isinstance(valor, bool):
        hoja.write_boolean(fila, col, valor)
    elif isinstance(valor, int | float):
        hoja.write_number(fila, col, valor)
    elif isinstance(valor, dt.datetime):
        hoja.write_datetime(fila, col, valor, formatos["fecha_hora"])
    elif isinstance(valor, dt.date):
        hoja.write_datetime(fila, col, dt.datetime.combine(valor, dt.time()), formatos["fecha"])
    else:
        hoja.write_string(fila, col, str(valor))


def escribir_libro(ruta: Path, hojas: dict[str, list[list]], *, inicio: tuple[int, int] = (0, 0)) -> Path:
    """Write ``hojas`` (sheet name → rows) to ``ruta``; ``inicio`` = (row, col) of the first cell, 0-based."""
    libro = xlsxwriter.Workbook(str(ruta))
    formatos = {
        "fecha": libro.add_format({"num_format": "dd/mm/yyyy"}),
        "fecha_hora": libro.add_format({"num_format": "dd/mm/yyyy hh:mm"}),
    }
    for nombre, filas in hojas.items():
        hoja = libro.add_worksheet(nombre)
        for i, fila in enumerate(filas):
            for j, valor in enumerate(fila):
                _escribir_celda(hoja, inicio[0] + i, inicio[1] + j, valor, formatos)
    libro.close()
    return Path(ruta)


_MINIMO = {
    "Clientes": [
        ["Cliente", "Nombre", "Contacto", "Correo", "CC", "Teléfono", "WhatsApp", "Trato", "No contactar", "Días de crédito"],
        ["C001", "Ferretería El Tornillo S.A.S.", "Marta Gómez", "marta@tornillo.com.co", "", "6015551234", "3001234567", "usted", "", 30],
        ["C002", "Panadería La Espiga", "Jorge Ruiz", "jorge@espiga.co; pagos@espiga.co", "contador@espiga.co", "", "", "tú", "", None],
        ["C003", "Distribuidora Norte", "Luisa Pérez", "", "", "6045550000", "", "", "sí", 45],
    ],
    "Facturas": [
        ["Factura", "Cliente", "Emisión", "Vencimiento", "Total", "Moneda", "Estado", "Promesa de pago", "Enlace de pago", "Archivo"],
        ["F-1001", "C001", dt.date(2026, 9, 1), dt.date(2026, 10, 1), 1250000.5, "COP", "", None, "https://pago.example/1001", "pdf/F-1001.pdf"],
        ["F-1002", "C002", dt.date(2026, 10, 15), None, 480000, "", "Pendiente", None, "", ""],
        ["F-1003", "C002", dt.date(2026, 11, 2), dt.date(2026, 12, 2), 99.99, "USD", "Promesa", dt.date(2026, 12, 10), "", ""],
        ["F-1004", "C003", dt.date(2026, 8, 20), dt.date(2026, 9, 19), 3000000, "COP", "Disputa", None, "", ""],
    ],
    "Pagos": [
        ["Fecha", "Factura", "Cliente", "Monto", "Método", "Referencia"],
        [dt.date(2026, 10, 5), "F-1001", "", 250000, "transferencia", "TRX-88"],
        [dt.date(2026, 11, 1), "", "C002", 100000, "efectivo", ""],
    ],
    "Configuración": [
        ["Parámetro", "Valor"],
        ["Empresa", "Suministros Andinos"],
        ["Moneda", "COP"],
        ["País", "CO"],
        ["Fecha de corte", dt.date(2026, 11, 24)],
    ],
}


def libro_minimo_valido() -> dict[str, list[list]]:
    """A small valid workbook (3 clients, 4 invoices, 2 payments, a few settings); a fresh copy each call."""
    return copy.deepcopy(_MINIMO)
