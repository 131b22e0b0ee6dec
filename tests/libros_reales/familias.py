"""Helpers shared by the book definitions (``libros_*.py``; see ``generar.py``).

Every company, person, tax id and address here is fictional; e-mail addresses
use the reserved ``.example`` domain.  Tax ids have real shapes and valid check
digits (Colombian NIT, Spanish CIF/NIF); RFCs have the Mexican shape.  Dates
are placed around the fixed fecha de corte so each book shows every aging
bucket, the grace edge (2 and 3 días) and the tier edge (30 and 31 días).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from generar import CORTE
from openpyxl.styles import Alignment, Font

D = Decimal
FECHA = "DD/MM/YYYY"
PESOS = '"$" #,##0'
EUROS = "#,##0.00 €"
MXN = '"$"#,##0.00'
NEGRITA = Font(bold=True)


def fechas(dias_vencidos: int, plazo: int = 30) -> tuple[dt.date, dt.date]:
    """(emisión, vencimiento) of an invoice that is ``dias_vencidos`` past due at the corte (negative: not yet)."""
    vencimiento = CORTE - dt.timedelta(days=dias_vencidos)
    return vencimiento - dt.timedelta(days=plazo), vencimiento


def numero(valor: Decimal) -> int | float:
    """A Decimal as the number a spreadsheet stores."""
    return int(valor) if valor == valor.to_integral_value() else float(valor)


def nit(base: int) -> str:
    """A Colombian NIT with its DIAN check digit: 900481223 → «900.481.223-5»."""
    pesos = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)
    suma = sum(int(d) * p for d, p in zip(reversed(str(base)), pesos, strict=False))
    resto = suma % 11
    return f"{base:,}".replace(",", ".") + f"-{resto if resto in (0, 1) else 11 - resto}"


def cif(letra: str, siete: str) -> str:
    """A Spanish CIF with its control digit: («B», «1234567») → «B12345674»."""
    pares = sum(int(siete[i]) for i in (1, 3, 5))
    impares = sum(sum(divmod(2 * int(siete[i]), 10)) for i in (0, 2, 4, 6))
    return f"{letra}{siete}{(10 - (pares + impares) % 10) % 10}"


def nif(numero_dni: int) -> str:
    """A Spanish NIF of a person (DNI + letter): 12345678 → «12345678Z»."""
    return f"{numero_dni:08d}{'TRWAGMYFPDXBNJZSQVHLCKE'[numero_dni % 23]}"


def titulo(hoja, fila: int, texto: str, hasta: str, tamano: int = 14) -> None:
    """A merged title line across columns A..``hasta``."""
    hoja.cell(fila, 1, texto).font = Font(bold=True, size=tamano)
    hoja.merge_cells(f"A{fila}:{hasta}{fila}")
    hoja.cell(fila, 1).alignment = Alignment(horizontal="center")


def encabezado(hoja, fila: int, titulos: list[str]) -> None:
    for columna, texto in enumerate(titulos, start=1):
        hoja.cell(fila, columna, texto).font = NEGRITA


def formatear(hoja, fila: int, formatos: dict[str, str]) -> None:
    for letra, formato in formatos.items():
        hoja[f"{letra}{fila}"].number_format = formato
