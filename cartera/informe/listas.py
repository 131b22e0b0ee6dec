"""The small sheets of the report: today's actions and the rejected rows.

``Recordatorios`` (one row per result and per omission), ``Llamadas``,
``Escalar``, ``Puntuales`` and ``Errores``.  They hold at most a few thousand
rows, so they are built as plain tuples of rows from the plan's records.
"""

from __future__ import annotations

from collections.abc import Iterable

from cartera import decisiones, modelo, vocabulario
from cartera.informe import celdas as c

SEPARADOR = ", "


def _tabla(nombre: str, titulos: tuple[str, ...], filas: list[c.Fila], vacio: str) -> c.HojaInforme:
    """A sheet with a header row and its rows, or a one-line note when there are none."""
    if not filas:
        return c.HojaInforme(nombre, (c.encabezados(*titulos), c.fila_texto(vacio, c.NOTA)), c.Tabla(0, 0, len(titulos), filtro=False))
    return c.HojaInforme(nombre, (c.encabezados(*titulos), *filas), c.Tabla(0, len(filas), len(titulos)))


def _lista(valores: Iterable[str]) -> str:
    return SEPARADOR.join(valores)


def _saldos(saldos: tuple[tuple[str, int], ...]) -> list[tuple[c.Celda, c.Celda]]:
    """(Saldo, Moneda) cells, one pair per currency; a blank pair when there is none."""
    return [(c.Celda(monto, c.dinero(moneda)), c.Celda(moneda, c.CODIGO)) for moneda, monto in saldos] or [(c.Celda(None), c.Celda(None))]


def _con_saldos(inicio: tuple[c.Celda, ...], saldos, fin: tuple[c.Celda, ...], clase: str = "") -> list[c.Fila]:
    """One row with the first currency's saldo, plus continuation rows for other currencies."""
    pares = _saldos(saldos)
    blancos = tuple(c.Celda(None) for _ in inicio)
    filas = [c.Fila((*inicio, *pares[0], *fin), clase)]
    filas += [c.Fila((*blancos, *par), clase) for par in pares[1:]]
    return filas


# --- Recordatorios -------------------------------------------------------------
TITULOS_RECORDATORIOS = ("Cliente", "Facturas", "Etapa", "Canal", "Destinatarios", "Resultado", "Motivo", "Hora")


def _fila_resultado(r: decisiones.Resultado) -> c.Fila:
    celdas = (
        c.Celda(r.cliente),
        c.Celda(_lista(r.facturas)),
        c.Celda(r.etapa),
        c.Celda(r.canal),
        c.Celda("; ".join(r.destinatarios)),
        c.Celda(r.resultado),
        c.Celda(r.detalle, c.TEXTO_LARGO),
        c.Celda(r.fecha_hora.replace(tzinfo=None), c.FECHA_HORA),
    )
    return c.Fila(celdas, c.resultado(r.resultado))


def _fila_omision(o: decisiones.Omision) -> c.Fila:
    celdas = (
        c.Celda(o.cliente), c.Celda(_lista(o.facturas)), c.Celda(o.etapa), c.Celda(o.canal),
        c.Celda(""), c.Celda(vocabulario.OMITIDO), c.Celda(o.motivo, c.TEXTO_LARGO), c.Celda(None, c.FECHA_HORA),
    )
    return c.Fila(celdas, c.resultado(vocabulario.OMITIDO))


def hoja_recordatorios(plan: decisiones.Plan, resultados: tuple[decisiones.Resultado, ...]) -> c.HojaInforme:
    """``Recordatorios``: what happened to each planned message today, then what was skipped and why."""
    filas = [_fila_resultado(r) for r in resultados] + [_fila_omision(o) for o in plan.omisiones]
    return _tabla("Recordatorios", TITULOS_RECORDATORIOS, filas, "Hoy no había recordatorios por enviar.")


# --- Llamadas, Escalar, Puntuales ---------------------------------------------
TITULOS_LLAMADAS = (
    "Cliente", "Nombre", "Contacto", "Teléfono", "WhatsApp", "Etapa", "Facturas",
    "Saldo", "Moneda", "Días vencidos", "Motivo", "Guion sugerido",
)


def _filas_llamada(llamada: decisiones.Llamada) -> list[c.Fila]:
    whatsapp = (
        c.Celda("Abrir WhatsApp", c.ENLACE, enlace=llamada.enlace_whatsapp) if llamada.enlace_whatsapp else c.Celda(llamada.whatsapp)
    )
    inicio = (
        c.Celda(llamada.cliente), c.Celda(llamada.nombre), c.Celda(llamada.contacto), c.Celda(llamada.telefono),
        whatsapp, c.Celda(llamada.etapa), c.Celda(_lista(llamada.facturas)),
    )
    fin = (c.Celda(llamada.dias_vencidos, c.DIAS), c.Celda(llamada.motivo), c.Celda("\n".join(llamada.guion), c.TEXTO_LARGO))
    return _con_saldos(inicio, llamada.saldos, fin)


def hoja_llamadas(plan: decisiones.Plan) -> c.HojaInforme:
    """``Llamadas``: who to phone today, with a WhatsApp link and a suggested script."""
    filas = [f for llamada in plan.llamadas for f in _filas_llamada(llamada)]
    return _tabla("Llamadas", TITULOS_LLAMADAS, filas, "Hoy no hay llamadas pendientes.")


TITULOS_ESCALAR = ("Cliente", "Nombre", "Etapa", "Facturas", "Saldo", "Moneda", "Días vencidos", "Motivo")


def hoja_escalar(plan: decisiones.Plan) -> c.HojaInforme:
    """``Escalar``: accounts that go to a collections desk."""
    filas = [
        f
        for e in plan.escalados
        for f in _con_saldos(
            (c.Celda(e.cliente), c.Celda(e.nombre), c.Celda(e.etapa), c.Celda(_lista(e.facturas))),
            e.saldos,
            (c.Celda(e.dias_vencidos, c.DIAS), c.Celda(e.motivo)),
        )
    ]
    return _tabla("Escalar", TITULOS_ESCALAR, filas, "Ninguna cuenta llegó hoy a cobranza.")


TITULOS_PUNTUALES = ("Cliente", "Nombre", "Facturas pagadas (12 meses)", "Total facturado", "Moneda", "Sugerencia")
SUGERENCIA_PUNTUAL = "Agradecer su puntualidad; considerar un descuento o mejores condiciones."


def hoja_puntuales(plan: decisiones.Plan) -> c.HojaInforme:
    """``Puntuales``: clients who paid every factura on time in the last 12 months."""
    filas = [
        f
        for p in plan.puntuales
        for f in _con_saldos(
            (c.Celda(p.cliente), c.Celda(p.nombre), c.Celda(p.facturas_pagadas, c.ENTERO)),
            p.total,
            (c.Celda(SUGERENCIA_PUNTUAL),),
        )
    ]
    return _tabla("Puntuales", TITULOS_PUNTUALES, filas, "Todavía no hay clientes con un año de pagos puntuales.")


# --- Errores -------------------------------------------------------------------
TITULOS_ERRORES = ("Hoja", "Fila", "Columna", "Valor", "Motivo", "Tipo")
RECHAZADA = "Rechazada"
ADVERTENCIA = "Advertencia"


def _fila_rechazo(r: modelo.Rechazo) -> c.Fila:
    tipo = RECHAZADA if r.grave else ADVERTENCIA
    celdas = (
        c.Celda(r.hoja), c.Celda(r.fila, c.ENTERO), c.Celda(r.columna or ""), c.Celda(r.valor),
        c.Celda(r.motivo, c.TEXTO_LARGO), c.Celda(tipo),
    )
    return c.Fila(celdas, c.AVISO if r.grave else "")


def hoja_errores(rechazos: tuple[modelo.Rechazo, ...]) -> c.HojaInforme:
    """``Errores``: every rejected row and warning, with sheet, Excel row, column, value and reason."""
    return _tabla("Errores", TITULOS_ERRORES, [_fila_rechazo(r) for r in rechazos], "Sin errores.")
