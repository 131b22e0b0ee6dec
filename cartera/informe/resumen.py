"""The ``Resumen`` sheet: one page the owner reads first.

Per currency (never summed across currencies): total por cobrar, total
vencido and its share, late fees, DSO, saldos a favor, the amount per tramo
with a column chart, and the ten largest debtors.  Then today's actions in
numbers, the workbook's problems, and the trend of past runs.

DSO (days sales outstanding) = saldo abierto ÷ ventas de los últimos 90 días
× 90, where ventas are the Totals of the facturas issued in the 90 days up to
the fecha de corte (anuladas excluded), in that currency; rounded half up to
whole days.  Blank when nothing was invoiced in those 90 days.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from cartera import decisiones, formato, modelo, vocabulario
from cartera import dinero as dn
from cartera.calculo import totales as tt
from cartera.informe import celdas as c
from cartera.informe.tablas import abiertas

DIAS_DSO = 90
MAYORES_DEUDORES = 10
COLUMNA_GRAFICOS = 6


def monedas(calculo: modelo.Calculo, principal: str) -> tuple[str, ...]:
    """Currencies in the report: the default one first, then the others in ISO order."""
    todas = set(abiertas(calculo)["moneda"].unique()) | set(calculo.saldos_a_favor["moneda"].unique())
    return (principal, *sorted(todas - {principal})) if principal in todas or not todas else tuple(sorted(todas))


def dso(calculo: modelo.Calculo, moneda: str, saldo: int) -> int | None:
    """Days sales outstanding of ``moneda`` (see module docstring); None without sales in 90 days."""
    f = calculo.facturas
    corte = pd.Timestamp(calculo.fecha_corte)
    recientes = (f["emision"] > corte - pd.Timedelta(days=DIAS_DSO)) & (f["emision"] <= corte)
    ventas = int(f.loc[recientes & (f["moneda"] == moneda) & (f["estado"] != vocabulario.ANULADA), "total"].sum())
    return int(dn.dividir_redondeando(saldo * DIAS_DSO, ventas)) if ventas > 0 else None


def nota_dso(corte: dt.date, pais: str) -> str:
    """How DSO is computed, for the note on its cell (dates as ``pais`` writes them)."""
    desde = corte - dt.timedelta(days=DIAS_DSO - 1)
    return (
        f"DSO (días de venta pendientes de cobro) = saldo abierto ÷ ventas de los últimos {DIAS_DSO} días × {DIAS_DSO}. "
        f"Ventas: total de las facturas emitidas del {formato.fecha(desde, pais)} al {formato.fecha(corte, pais)}, "
        "sin anuladas."
    )


def _cifras(calculo: modelo.Calculo, cifras: tt.TotalMoneda, pais: str) -> list[c.Fila]:
    moneda, total, vencido = cifras.moneda, cifras.por_cobrar, cifras.vencido
    a_favor = int(calculo.saldos_a_favor.loc[calculo.saldos_a_favor["moneda"] == moneda, "monto"].sum())
    clase = c.dinero(moneda)
    nota = nota_dso(calculo.fecha_corte, pais)
    return [
        c.Fila((c.Celda("Total por cobrar"), c.Celda(total, f"{clase} {c.TOTAL}"))),
        c.Fila((c.Celda("Total vencido"), c.Celda(vencido, clase), c.Celda(vencido / total if total else None, c.PORCENTAJE))),
        c.Fila((c.Celda("Recargos por mora"), c.Celda(cifras.recargo, clase))),
        c.Fila((c.Celda("DSO (días de cartera)", nota=nota), c.Celda(dso(calculo, moneda, total), c.DIAS, nota),
                c.Celda(f"saldo ÷ ventas de {DIAS_DSO} días × {DIAS_DSO}", c.NOTA))),
        c.Fila((c.Celda("Saldos a favor de clientes"), c.Celda(a_favor, clase))),
    ]


def _tabla_tramos(por_tramo: tuple[tt.TotalTramo, ...], cifras: tt.TotalMoneda) -> list[c.Fila]:
    total = cifras.por_cobrar
    clase = c.dinero(cifras.moneda)
    filas = [c.encabezados("Tramo", "Saldo", "% del total", "Facturas")]
    for t in por_tramo:
        porcentaje = t.saldo / total if total else None
        celdas = (c.Celda(t.tramo, c.tramo(t.tramo)), c.Celda(t.saldo, clase), c.Celda(porcentaje, c.PORCENTAJE),
                  c.Celda(t.cantidad, c.ENTERO))
        filas.append(c.Fila(celdas))
    celdas = (c.Celda("Total"), c.Celda(total, clase), c.Celda(1.0 if total else None, c.PORCENTAJE),
              c.Celda(cifras.cantidad, c.ENTERO))
    return [*filas, c.Fila(celdas, c.TOTAL)]


def _grafico_tramos(moneda: str, tramos: tuple[str, ...], primera: int, ancla: int) -> c.Grafico:
    ultima = primera + len(tramos) - 1
    serie = c.Serie(
        f"Saldo {moneda}", (primera, 0, ultima, 0), (primera, 1, ultima, 1), clases_puntos=tuple(c.tramo(t) for t in tramos)
    )
    return c.Grafico("columnas", f"Saldo por tramo ({moneda})", (serie,), (ancla, COLUMNA_GRAFICOS), c.dinero(moneda))


def _mayores_deudores(calculo: modelo.Calculo, cartera: modelo.Cartera, moneda: str) -> list[c.Fila]:
    f = abiertas(calculo)
    f = f[f["moneda"] == moneda].assign(vencido=lambda x: x["saldo"].where(x["dias_vencidos"] > 0, 0))
    grupos = f.groupby("cliente").agg(saldo=("saldo", "sum"), vencido=("vencido", "sum"), dias=("dias_vencidos", "max"))
    grupos = grupos.sort_values(["saldo"], ascending=False, kind="stable").head(MAYORES_DEUDORES)
    nombres = cartera.clientes.set_index("cliente")["nombre"]
    clase = c.dinero(moneda)
    filas = [
        c.fila_texto(f"Mayores deudores ({moneda})", c.SECCION),
        c.encabezados("Nombre", "Saldo", "Vencido", "Días vencidos (máx.)", "Cliente"),
    ]
    for cliente, fila in grupos.iterrows():
        celdas = (c.Celda(str(nombres.get(cliente, cliente))), c.Celda(int(fila["saldo"]), clase),
                  c.Celda(int(fila["vencido"]), clase), c.Celda(int(fila["dias"]), c.DIAS), c.Celda(str(cliente)))
        filas.append(c.Fila(celdas))
    return filas


def bloque_moneda(
    cartera: modelo.Cartera, calculo: modelo.Calculo, totales: tt.Totales, moneda: str, inicio: int
) -> tuple[list[c.Fila], c.Grafico]:
    """The rows of one currency starting at row ``inicio``, and its chart of saldo per tramo.

    The figures are the run's ``totales`` (``calculo.totales``), never recomputed here.
    """
    cifras, tramos = tt.de_moneda(totales, moneda), totales.etiquetas
    pais = cartera.configuracion.pais
    filas = [c.fila_texto(f"Cartera en {moneda}", c.SECCION), *_cifras(calculo, cifras, pais), c.FILA_VACIA]
    primera_tramo = inicio + len(filas) + 1
    filas += [*_tabla_tramos(tt.tramos_de(totales, moneda), cifras), c.FILA_VACIA]
    filas += [*_mayores_deudores(calculo, cartera, moneda), c.FILA_VACIA]
    return filas, _grafico_tramos(moneda, tramos, primera_tramo, inicio + 1)


def acciones(plan: decisiones.Plan, resultados: tuple[decisiones.Resultado, ...]) -> list[c.Fila]:
    """Today's actions in numbers."""
    cuenta = {r: sum(1 for x in resultados if x.resultado == r) for r in vocabulario.RESULTADOS}
    cifras = (
        ("Mensajes enviados", cuenta[vocabulario.ENVIADO], ""),
        ("Mensajes en vista previa (no enviados)", cuenta[vocabulario.VISTA_PREVIA], "Modo Prueba: quedaron como archivos .eml."),
        ("Envíos fallidos", cuenta[vocabulario.FALLIDO], "Se reintentan en la próxima ejecución."),
        ("Envíos inciertos", cuenta[vocabulario.INCIERTO], "Se interrumpió el envío; no se reenvían solos."),
        ("Avisos omitidos", cuenta[vocabulario.OMITIDO] + len(plan.omisiones), "El motivo está en la hoja Recordatorios."),
        ("Llamadas por hacer", len(plan.llamadas), "Ver hoja Llamadas."),
        ("Cuentas para escalar", len(plan.escalados), "Ver hoja Escalar."),
        ("Clientes puntuales", len(plan.puntuales), "Ver hoja Puntuales."),
    )
    filas = [c.fila_texto("Acciones de hoy", c.SECCION)]
    filas += [c.Fila((c.Celda(nombre), c.Celda(n, c.ENTERO), c.Celda(nota, c.NOTA))) for nombre, n, nota in cifras]
    return [*filas, c.FILA_VACIA]


def filas_rechazadas(rechazos: tuple[modelo.Rechazo, ...]) -> int:
    """Rows dropped: distinct (sheet, row) with a grave rechazo, however many problems each had.

    A grave problem about a whole sheet (no row) counts once per sheet.

    >>> r = modelo.Rechazo("Facturas", 7, "Total", "", "…")
    >>> filas_rechazadas((r, r._replace(columna="Emisión"), r._replace(fila=9), r._replace(fila=8, grave=False)))
    2
    """
    return len({(r.hoja, r.fila) for r in rechazos if r.grave})


def problemas_graves(rechazos: tuple[modelo.Rechazo, ...]) -> int:
    """Grave problems (a row with two problems counts two)."""
    return sum(1 for r in rechazos if r.grave)


def datos_libro(rechazos: tuple[modelo.Rechazo, ...], avisos_libro: tuple[str, ...], *, omitidas: int = 0,
                alertas: tuple[str, ...] = ()) -> list[c.Fila]:
    """Rejected rows, warnings, rows skipped as totals, reading's alerts and notes about the workbook."""
    graves = filas_rechazadas(rechazos)
    advertencias = len(rechazos) - problemas_graves(rechazos)
    filas = [c.fila_texto("Calidad del libro", c.SECCION)]
    filas += [c.fila_texto(f"Revise cómo se leyó su libro: {a} — ver hoja Lectura", c.AVISO) for a in alertas]
    if graves:
        filas.append(c.fila_texto(f"Filas rechazadas: {graves} — ver hoja Errores", c.AVISO))
    if advertencias:
        filas.append(c.fila_texto(f"Advertencias: {advertencias} — ver hoja Errores", c.AVISO))
    if not rechazos:
        filas.append(c.fila_texto("Todas las filas del libro se leyeron sin problemas.", c.NOTA))
    if omitidas:
        filas.append(c.fila_texto(f"Filas de totales ignoradas: {omitidas} (no son errores) — ver hoja Lectura", c.NOTA))
    filas += [c.fila_texto(aviso, c.AVISO) for aviso in avisos_libro]
    return [*filas, c.FILA_VACIA]
