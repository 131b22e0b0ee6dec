"""«Evolución de la cartera» on ``Resumen``: the last 12 month-ends and today, per currency, with a line chart.

The figures are ``calculo.cierres``' (recomputed from the workbook's facturas
and dated payments, so the first run already shows a year); this module only
lays them out: one table and one chart per currency with at least one
month-end, never summing currencies.  A month-end whose figure counts amounts
settled without a date (a paid column, a «Pagada» without dated payments)
shows them in a «Pagado sin fecha» column, with a note saying what that means.
"""

from __future__ import annotations

from cartera import formato
from cartera.calculo.cierres import DIAS_DSO, Cierre
from cartera.informe import celdas as c
from cartera.informe.celdas import Celda, Fila, Grafico, Serie

COLUMNA_GRAFICO = 6
"""Column G, as the Resumen's other charts (``resumen.COLUMNA_GRAFICOS``)."""

FILAS_GRAFICO = 17
"""Rows a line chart covers (300 px): a currency's block is never shorter, so what follows never sits under it."""

NOTA_CIERRES = (
    "Cada cierre de mes se recalcula con las facturas emitidas y los pagos con fecha hasta ese día.",
    "Las facturas anuladas no cuentan. La última fila es la fecha de corte: las cifras de hoy.",
    f"DSO = saldo ÷ ventas de los {DIAS_DSO} días anteriores × {DIAS_DSO}.",
)
"""Under each table, one short line each (a long line would run under the chart)."""


def nota_sin_fecha(moneda: str, pais: str, suma: int) -> tuple[str, ...]:
    """What the «Pagado sin fecha» column means, with its sum written as ``pais`` writes money; short lines."""
    return (
        f"«Pagado sin fecha» ({formato.dinero(suma, moneda, pais)} en total): facturas vencidas ese mes que el libro",
        "da por pagadas sin decir cuándo (columna de pagado de Facturas, o «Pagada» / «Incobrable» sin pagos",
        "con fecha en «Pagos»). Se cuentan pagadas el día de su vencimiento; si se pagaron después,",
        "ese cierre y los siguientes debían más. Para cifras exactas, anote esos pagos con su fecha en «Pagos».",
    )


def _fila(punto: Cierre, clase: str, con_sin_fecha: bool) -> Fila:
    porcentaje = punto.vencido / punto.por_cobrar if punto.por_cobrar else None
    celdas = [Celda(punto.fecha, c.FECHA, "Fecha de corte: las cifras de hoy." if punto.hoy else ""),
              Celda(punto.por_cobrar, clase), Celda(punto.vencido, clase), Celda(porcentaje, c.PORCENTAJE),
              Celda(punto.dso, c.DIAS)]
    if con_sin_fecha:
        celdas.append(Celda(punto.sin_fecha or None, clase))
    return Fila(tuple(celdas), c.TOTAL if punto.hoy else "")


def _tabla(puntos: list[Cierre], moneda: str, pais: str, inicio: int, *, inicio_pagina: bool) -> tuple[list[Fila], Grafico]:
    clase = c.dinero(moneda)
    sin_fecha = sum(p.sin_fecha for p in puntos)
    titulos = ("Fecha", "Por cobrar", "Vencido", "% vencido", "DSO (días)") + (("Pagado sin fecha",) if sin_fecha else ())
    filas = [Fila((Celda(f"Evolución de la cartera ({moneda})", c.SECCION),), c.NUEVA_PAGINA if inicio_pagina else ""),
             c.encabezados(*titulos)]
    primera = inicio + len(filas)
    filas += [_fila(p, clase, bool(sin_fecha)) for p in puntos]
    ultima = inicio + len(filas) - 1
    filas += [c.fila_texto(linea, c.NOTA) for linea in NOTA_CIERRES]
    if sin_fecha:
        filas += [c.fila_texto(linea, c.AVISO) for linea in nota_sin_fecha(moneda, pais, sin_fecha)]
    categorias = (primera, 0, ultima, 0)
    series = (
        Serie("Por cobrar", categorias, (primera, 1, ultima, 1), clase="serie:total"),
        Serie("Vencido", categorias, (primera, 2, ultima, 2), clase="serie:vencido"),
    )
    grafico = Grafico("lineas", f"Evolución de la cartera ({moneda})", series, (inicio, COLUMNA_GRAFICO), clase)
    return [*filas, *[c.FILA_VACIA] * max(1, FILAS_GRAFICO - len(filas))], grafico


def bloque(cierres: tuple[Cierre, ...], monedas: tuple[str, ...], inicio: int, pais: str) -> tuple[list[Fila], list[Grafico]]:
    """Rows from row ``inicio`` and line charts: one table per currency of ``monedas`` with a month-end in ``cierres``.

    The first table starts a new printed page (the Resumen's figures fill the first one).
    """
    filas: list[Fila] = []
    graficos: list[Grafico] = []
    for moneda in monedas:
        puntos = [p for p in cierres if p.moneda == moneda]
        if not any(not p.hoy for p in puntos):
            continue
        tabla, grafico = _tabla(puntos, moneda, pais, inicio + len(filas), inicio_pagina=not filas)
        filas += tabla
        graficos.append(grafico)
    return filas, graficos
