"""Expected collections in the report: the «Cobros esperados» block of Resumen and the ``Pronóstico`` sheet.

Both show ``calculo.pronostico.Pronostico`` as it is (money in centavos, never summed across
currencies): per currency, one row per week with the probable and the cautious figure, what is not
expected within the weeks and what is in Disputa, and a column chart; per client, one row per week.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from cartera import formato, modelo
from cartera.acuerdos.abiertas import vencimientos
from cartera.acuerdos.pacto import Situacion
from cartera.calculo.pronostico import PESO_CARTERA, SEMANAS, Pronostico, pronosticar
from cartera.informe import celdas as c
from cartera.informe.resumen import monedas as monedas_resumen

COLUMNA_GRAFICOS = 6
"""Charts sit from column G, beside their table (as the rest of Resumen)."""
NOTA_METODO = (
    "Probable: el saldo de cada factura abierta por la probabilidad de que se pague esa semana, según",
    "cuánto tardó el cliente en pagar sus facturas anteriores; un historial corto se completa con",
    f"{PESO_CARTERA} facturas del promedio de la cartera, y un cliente sin historial sigue a la cartera.",
    "Prudente: lo que se cobraría al menos en 9 de cada 10 semanas. Sin recargos ni facturas en disputa.",
)
NOTA_SIN_HISTORIAL = (
    "El libro tiene pocas facturas pagadas con pagos fechados: se supone que cada factura se paga en",
    "su vencimiento (las vencidas, en la primera semana). Anote la fecha de cada pago en la hoja Pagos.",
)
NOTA_CLIENTES = (
    "Acumulado: lo que se espera cobrar al cliente hasta esa semana. La cifra prudente es de toda",
    "la cartera (Resumen): la de un solo cliente casi siempre sería cero.",
)
TITULOS_PRONOSTICO = ("Cliente", "Nombre", "Moneda", "Semana", "Desde", "Hasta", "Probable", "Acumulado",
                      "Saldo abierto", "Facturas abiertas", "Facturas pagadas en su historial")


def notas(previsto: Pronostico) -> tuple[c.Fila, ...]:
    """The method in a few short lines (a long note would widen the printed page)."""
    return tuple(c.fila_texto(linea, c.NOTA) for linea in (NOTA_METODO if previsto.con_historial else NOTA_SIN_HISTORIAL))


def etiqueta_semana(desde: dt.date, hasta: dt.date, pais: str) -> str:
    """«25/11 – 01/12»: the week's first and last day, day and month in the country's order."""
    return f"{formato.fecha(desde, pais)[:5]} – {formato.fecha(hasta, pais)[:5]}"


def _filas_moneda(previsto: Pronostico, moneda: str, pais: str) -> list[c.Fila]:
    clase = c.dinero(moneda)
    semanas = previsto.por_moneda[previsto.por_moneda["moneda"] == moneda].sort_values("semana")
    filas = []
    for s in semanas.itertuples():
        desde, hasta = s.desde.date(), s.hasta.date()
        filas.append(c.Fila((c.Celda(etiqueta_semana(desde, hasta, pais)), c.Celda(desde, c.FECHA), c.Celda(hasta, c.FECHA),
                             c.Celda(int(s.probable), clase), c.Celda(int(s.prudente), clase))))
    return filas


def _pie(previsto: Pronostico, moneda: str) -> list[c.Fila]:
    """Total of the weeks, then what is not expected within them and what is in Disputa."""
    clase = c.dinero(moneda)
    semanas = previsto.por_moneda[previsto.por_moneda["moneda"] == moneda]
    resto = previsto.resto.set_index("moneda").loc[moneda]
    vacias = (c.Celda(None), c.Celda(None))
    filas = [
        c.Fila((c.Celda(f"Total {len(semanas)} semanas"), *vacias, c.Celda(int(semanas["probable"].sum()), clase),
                c.Celda(None, clase)), c.TOTAL),
        c.Fila((c.Celda(f"Después de {SEMANAS} semanas o sin fecha probable"), *vacias, c.Celda(int(resto["despues"]), clase))),
    ]
    if resto["disputa"]:
        filas.append(c.Fila((c.Celda("En disputa (no se pronostica)"), *vacias, c.Celda(int(resto["disputa"]), clase))))
    return filas


def bloque_cobros(previsto: Pronostico, monedas: tuple[str, ...], inicio: int, pais: str) -> tuple[list[c.Fila], list[c.Grafico]]:
    """«Cobros esperados» for each currency with open saldo, starting at row ``inicio`` of Resumen, and its charts.

    The method's note is said once, under the first currency's title, which starts a printed page (the
    tables and their charts are never cut in two).
    """
    filas: list[c.Fila] = []
    graficos: list[c.Grafico] = []
    for moneda in (m for m in monedas if m in set(previsto.resto["moneda"])):
        titulo = f"Cobros esperados ({moneda})"
        ancla = (inicio + len(filas), COLUMNA_GRAFICOS)
        filas += [c.Fila((c.Celda(titulo, c.SECCION),), "" if graficos else c.NUEVA_PAGINA), *(() if graficos else notas(previsto)),
                  c.encabezados("Semana", "Desde", "Hasta", "Probable", "Prudente")]
        primera = inicio + len(filas)
        semanas = _filas_moneda(previsto, moneda, pais)
        filas += [*semanas, *_pie(previsto, moneda), c.FILA_VACIA]
        ultima = primera + len(semanas) - 1
        categorias = (primera, 0, ultima, 0)
        series = (c.Serie("Probable", categorias, (primera, 3, ultima, 3), clase="serie:probable"),
                  c.Serie("Prudente", categorias, (primera, 4, ultima, 4), clase="serie:prudente"))
        graficos.append(c.Grafico("columnas", titulo, series, ancla, c.dinero(moneda)))
    return filas, graficos


def hoja_pronostico(previsto: Pronostico, nombres: pd.Series) -> c.HojaInforme:
    """``Pronóstico``: one row per client, currency and week (clients with open saldo), by currency and client.

    ``nombres``: cliente → nombre.
    """
    t = previsto.por_cliente.sort_values(["moneda", "cliente", "semana"], kind="stable")
    t = t.assign(acumulado=t.groupby(["moneda", "cliente"])["probable"].cumsum())
    dinero = ("dinero:" + t["moneda"].astype(str)).to_numpy(dtype=object)
    columnas = (
        c.Columna(t["cliente"].to_numpy(dtype=object), c.TEXTO),
        c.Columna(t["cliente"].map(nombres).fillna(t["cliente"]).to_numpy(dtype=object), c.TEXTO),
        c.Columna(t["moneda"].to_numpy(dtype=object), c.CODIGO),
        c.Columna(t["semana"].to_numpy(np.int64), c.ENTERO),
        c.Columna(t["desde"].to_numpy(dtype="datetime64[D]"), c.FECHA),
        c.Columna(t["hasta"].to_numpy(dtype="datetime64[D]"), c.FECHA),
        c.Columna(t["probable"].to_numpy(np.int64), dinero),
        c.Columna(t["acumulado"].to_numpy(np.int64), dinero),
        c.Columna(t["saldo"].to_numpy(np.int64), dinero),
        c.Columna(t["facturas"].to_numpy(np.int64), c.ENTERO),
        c.Columna(t["historial"].to_numpy(np.int64), c.ENTERO),
    )
    cabeza = (
        c.fila_texto("Cobros esperados por cliente y semana", c.TITULO),
        *notas(previsto),
        *(c.fila_texto(linea, c.NOTA) for linea in NOTA_CLIENTES),
        c.Fila(tuple(c.Celda(x, c.ENCABEZADO) for x in TITULOS_PRONOSTICO)),
    )
    filas = c.FilasPerezosas(cabeza, columnas, np.full(len(t), "", dtype=object))
    return c.HojaInforme("Pronóstico", filas, c.Tabla(len(cabeza) - 1, len(t), len(TITULOS_PRONOSTICO)))


def con_cobros_esperados(hojas: list[c.HojaInforme], cartera: modelo.Cartera, calculo: modelo.Calculo,
                         acuerdos: tuple[Situacion, ...] = ()) -> list[c.HojaInforme]:
    """``hojas`` (Resumen first) with «Cobros esperados» at the end of Resumen and the ``Pronóstico`` sheet last.

    The forecast is ``calculo.pronostico.pronosticar`` of the run, computed once for both; the facturas
    under a payment agreement in force (``acuerdos``) are expected by its instalments' dates.
    """
    previsto = pronosticar(calculo, cuotas=vencimientos(calculo, acuerdos))
    resumen, *resto = hojas
    monedas = monedas_resumen(calculo, cartera.configuracion.moneda)
    filas, graficos = bloque_cobros(previsto, monedas, len(resumen.filas), cartera.configuracion.pais)
    resumen = resumen._replace(filas=(*resumen.filas, *filas), graficos=(*resumen.graficos, *graficos))
    return [resumen, *resto, hoja_pronostico(previsto, cartera.clientes.set_index("cliente")["nombre"])]
