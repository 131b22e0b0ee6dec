"""Helpers of the held-out variants (see ``generar.py``): tax ids, one invoice table writer, titles.

Reuses the corpus records (``tests/libros_reales/generar.py``: ``Cliente``,
``Factura``, ``Libro``) so the JSON beside each book has the corpus's shape and
``tests/test_libros_reales.referencia`` computes its expected figures.
Every company, person and tax id is fictional; e-mails use ``.example``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

AQUI = Path(__file__).resolve().parent
sys.path.insert(0, str(AQUI.parent / "libros_reales"))

from familias import fechas, nit, numero  # noqa: E402,F401
from generar import CORTE, Cliente, Factura, Libro, Pago  # noqa: E402,F401
from openpyxl.styles import Font  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

D = Decimal
NEGRITA = Font(bold=True)
FECHA = "DD/MM/YYYY"


def rut(base: int) -> str:
    """A Chilean RUT with its check digit: 76123456 → «76.123.456-0»."""
    suma, factor = 0, 2
    for d in reversed(str(base)):
        suma += int(d) * factor
        factor = 2 if factor == 7 else factor + 1
    resto = 11 - suma % 11
    dv = "0" if resto == 11 else "K" if resto == 10 else str(resto)
    return f"{base:,}".replace(",", ".") + f"-{dv}"


def cuit(prefijo: int, dni: int) -> str:
    """An Argentine CUIT with its check digit: (30, 71234567) → «30-71234567-x»."""
    digitos = f"{prefijo:02d}{dni:08d}"
    suma = sum(int(d) * p for d, p in zip(digitos, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True))
    resto = 11 - suma % 11
    return f"{prefijo:02d}-{dni:08d}-{0 if resto == 11 else 9 if resto == 10 else resto}"


def cif(letra: str, siete: str) -> str:
    pares = sum(int(siete[i]) for i in (1, 3, 5))
    impares = sum(sum(divmod(2 * int(siete[i]), 10)) for i in (0, 2, 4, 6))
    return f"{letra}{siete}{(10 - (pares + impares) % 10) % 10}"


def dinero_texto(valor: Decimal, pais: str, simbolo: str = "$", despues: bool = False) -> str:
    """``valor`` as an owner types it: «$ 1.234.567,50» (CO/ES/CL/AR/EC) or «$1,234,567.50» (MX/PE)."""
    signo = "-" if valor < 0 else ""
    cifra = f"{abs(valor):,.2f}"
    if pais not in ("MX", "PE", "US"):
        cifra = cifra.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{signo}{cifra} {simbolo}" if despues else f"{signo}{simbolo} {cifra}" if simbolo else f"{signo}{cifra}"


Columna = tuple[str, Callable[..., object]]
"""(header, getter(f, c, r, L) → cell value); ``L``: header → column letter (for formulas)."""


def tabla(hoja, fila_encabezado: int, columna_inicial: int, columnas: Sequence[Columna], libro: Libro,
          formatos: dict[str, str] | None = None) -> dict[str, str]:
    """Write the header and every invoice row of ``libro`` (at ``f.fila``) into ``hoja``; header → letter."""
    letras = {h: get_column_letter(columna_inicial + j) for j, (h, _) in enumerate(columnas)}
    for j, (h, _) in enumerate(columnas):
        hoja.cell(fila_encabezado, columna_inicial + j, h).font = NEGRITA
    clientes = {c.clave: c for c in libro.clientes}
    for f in libro.facturas:
        if f.hoja != hoja.title:
            continue
        for j, (h, getter) in enumerate(columnas):
            valor = getter(f, clientes[f.cliente], f.fila, letras)
            if valor is not None:
                celda = hoja.cell(f.fila, columna_inicial + j, valor)
                if formatos and h in formatos:
                    celda.number_format = formatos[h]
    return letras


def agregar(libro: Libro, filas: list[tuple], hoja: str, primera: int, moneda: str,
            clientes: Sequence[Cliente], saltar: Sequence[int] = ()) -> None:
    """Invoice rows (cliente, número, días vencidos, plazo, total, pagado, estado, cerrada[, extra dict])."""
    fila = primera
    for tupla in filas:
        while fila in saltar:
            fila += 1
        cli, factura, dias, plazo, total, pagado, estado, cerrada, *extra = tupla
        opciones = extra[0] if extra else {}
        emision, vence = fechas(dias, plazo)
        libro.facturas.append(Factura(
            hoja, fila, str(factura), clientes[cli].clave, emision, total, opciones.get("moneda", moneda),
            vencimiento=None if opciones.get("sin_vencimiento") else vence,
            dias_credito=opciones.get("dias_credito"), pagado_fila=pagado,
            saldo_columna=None if total is None else total - (pagado or 0), estado=estado, cerrada=cerrada,
            disputa=opciones.get("disputa", False), nota_credito=total is not None and total < 0,
            numero_tecleado=opciones.get("tecleado", factura), nota=opciones.get("nota", "")))
        fila += 1


def dt_texto(fecha: dt.date, estilo: str) -> str:
    meses = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]
    if estilo == "mes":
        return f"{fecha.day:02d}-{meses[fecha.month - 1]}-{fecha.year}"
    if estilo == "corta":
        return f"{fecha.day:02d}/{fecha.month:02d}/{fecha.year % 100:02d}"
    if estilo == "iso":
        return fecha.isoformat()
    return f"{fecha.day:02d}/{fecha.month:02d}/{fecha.year}"
