"""The aging report (informe de antigüedad de saldos) as data: a pure function of the run.

``construir`` turns the validated workbook, its computation, today's plan and
what happened to each message into an :class:`Informe`: sheets of rows of
cells tagged with semantic classes (see ``informe.celdas``).  Colours, fonts
and number formats belong to ``cartera.excel.documento`` alone.

Sheets, in order: Respuestas (only when replies or bounces arrived since the last run), Resumen, Clientes, Detalle, Recordatorios, Llamadas,
Escalar, Puntuales, Pronóstico (the expected collections per client and week), Conciliación (only when this run read bank statements), Errores only when the workbook had rejected rows or
warnings, and Lectura («Así leí su libro»).  Lectura comes last, after
Errores: Errores lists the rows to fix today, next to the day's work;
Lectura is the reference the owner checks once per new layout (its alerts
also reach Resumen and the screen), and Errores keeps the place owners
already know from earlier reports.
"""

from __future__ import annotations

from cartera import decisiones, modelo, politica
from cartera.calculo import cierres as cr
from cartera.calculo import totales as tt
from cartera.calculo.cierres import Cierre
from cartera.informe import celdas as c
from cartera.informe import evolucion, listas, resumen, tablas
from cartera.informe import interpretacion as lectura
from cartera.informe.acuerdos import hoja_acuerdos
from cartera.informe.banco import hoja_conciliacion
from cartera.informe.celdas import Celda, Fila, Grafico, HojaInforme, Informe, Serie, Tabla
from cartera.informe.cobros import con_cobros_esperados
from cartera.informe.llegadas import hoja_respuestas

__all__ = ["Celda", "Fila", "Grafico", "HojaInforme", "Informe", "Serie", "Tabla", "construir"]

TITULO = "Informe de antigüedad de saldos"


def _portada(cartera: modelo.Cartera, calculo: modelo.Calculo) -> list[Fila]:
    empresa = cartera.configuracion.empresa
    return [
        c.fila_texto(TITULO, c.TITULO),
        c.fila_texto(empresa, c.SUBTITULO) if empresa else c.FILA_VACIA,
        Fila((Celda("Fecha de corte"), Celda(calculo.fecha_corte, c.FECHA))),
        c.FILA_VACIA,
    ]


def hoja_resumen(
    cartera: modelo.Cartera,
    calculo: modelo.Calculo,
    plan: decisiones.Plan,
    resultados: tuple[decisiones.Resultado, ...],
    totales: tt.Totales,
    tendencia: tuple[Cierre, ...] | None,
    avisos_libro: tuple[str, ...],
    leida: modelo.Interpretacion | None = None,
) -> HojaInforme:
    """``Resumen``: per-currency totals, tramos with a chart, DSO, top debtors, today's actions, trend.

    ``tendencia``: the month-ends and today (``calculo.cierres``; None: computed here).
    ``leida``: how the workbook was read (its alerts and the rows skipped as totals are said here).
    """
    filas = _portada(cartera, calculo)
    graficos: list[Grafico] = []
    monedas = resumen.monedas(calculo, cartera.configuracion.moneda)
    for moneda in monedas:
        bloque, grafico = resumen.bloque_moneda(cartera, calculo, totales, moneda, len(filas))
        filas += bloque
        graficos.append(grafico)
    filas += resumen.acciones(plan, resultados)
    leida = lectura.interpretacion_de(cartera) if leida is None else leida
    filas += resumen.datos_libro(cartera.rechazos, avisos_libro, omitidas=lectura.filas_omitidas(leida),
                                 alertas=leida.alertas)
    if tendencia is None:
        tendencia = cr.calcular(cartera, calculo, totales, monedas)
    cierres, lineas = evolucion.bloque(tendencia, monedas, len(filas), cartera.configuracion.pais)
    return HojaInforme("Resumen", tuple(filas + cierres), graficos=tuple(graficos + lineas), portada=True)


def construir(
    cartera: modelo.Cartera,
    calculo: modelo.Calculo,
    plan: decisiones.Plan,
    resultados: tuple[decisiones.Resultado, ...],
    *,
    totales: tt.Totales | None = None,
    tendencia: tuple[Cierre, ...] | None = None,
    avisos_libro: tuple[str, ...] = (),
    archivo: str = "",
    llegadas: tuple[decisiones.Llegada, ...] = (),
    conciliaciones: tuple = (),
    acuerdos: tuple = (),
) -> Informe:
    """The aging report of this run.  Pure: no files, no clock.

    ``totales``: the run's totals (``calculo.totales.calcular`` with the
    configured tramos); computed here when not given.
    ``tendencia``: the trend, «Evolución de la cartera» (``calculo.cierres.calcular``: the last 12 month-ends
    recomputed from the workbook, and today); computed here when not given.
    ``avisos_libro``: notes about the workbook shown on Resumen.
    ``archivo``: the workbook's file name, shown on Lectura.
    ``llegadas``: replies, bounces and delays read since the last run: when there are any, the
    ``Respuestas`` sheet comes first (what the owner must read before anything else).
    ``conciliaciones``: the bank credits read by this run (``conciliacion.cotejo``): when there are any, the
    ``Conciliación`` sheet follows Puntuales.
    ``acuerdos``: the payment agreements on the fecha de corte (``acuerdos.situacion``): their sheet follows.
    """
    if totales is None:
        totales = tt.calcular(calculo, cartera.configuracion.tramos)
    tramos = politica.etiquetas_tramos(cartera.configuracion.tramos)
    leida = lectura.interpretacion_de(cartera)
    hojas = [
        hoja_resumen(cartera, calculo, plan, resultados, totales, tendencia, avisos_libro, leida),
        tablas.hoja_clientes(cartera, calculo, resultados, tramos),
        tablas.hoja_detalle(cartera, calculo, plan, tramos),
        listas.hoja_recordatorios(plan, resultados),
        listas.hoja_llamadas(plan),
        listas.hoja_escalar(plan),
        listas.hoja_puntuales(plan),
    ]
    hojas = con_cobros_esperados(hojas, cartera, calculo, tuple(acuerdos))
    if conciliaciones:
        hojas.append(hoja_conciliacion(tuple(conciliaciones)))
    if acuerdos:
        hojas.append(hoja_acuerdos(tuple(acuerdos)))
    if llegadas:
        hojas.insert(0, hoja_respuestas(llegadas, cartera.configuracion))
    if cartera.rechazos:
        hojas.append(listas.hoja_errores(cartera.rechazos))
    hojas.append(lectura.hoja_lectura(leida, archivo=archivo))
    return Informe(TITULO, cartera.configuracion.empresa, calculo.fecha_corte, tramos, tuple(hojas))
