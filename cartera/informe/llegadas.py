"""The ``Respuestas`` sheet: what came back since the last run (replies, bounces, delays), and what it changes.

One row per ``Llegada``, oldest first: ``Fecha`` (of the reply), ``Cliente``, ``Facturas`` (those of
the message it answers), ``Tipo`` (``respuesta``, ``rebote``, ``retraso``), ``De``, ``Asunto``,
``Extracto`` (quoted text stripped; for a bounce, the reason) and ``Acción``.  Pure.
"""

from __future__ import annotations

import datetime as dt

from cartera import modelo
from cartera.decisiones import Llegada, TipoLlegada
from cartera.informe import celdas as c
from cartera.plan.pausas import dia_mes

NOMBRE = "Respuestas"
TITULOS = ("Fecha", "Cliente", "Facturas", "Tipo", "De", "Asunto", "Extracto", "Acción")
VACIO = "No llegaron respuestas ni rebotes desde la ejecución anterior."


def accion(llegada: Llegada, config: modelo.Configuracion) -> str:
    """What the reply, bounce or delay changes, in one Spanish sentence."""
    if llegada.tipo == TipoLlegada.RESPUESTA:
        if config.dias_pausa_respuesta <= 0:
            return "Lea la respuesta (Días de pausa por respuesta = 0: los recordatorios siguen)."
        hasta = llegada.fecha.date() + dt.timedelta(days=config.dias_pausa_respuesta - 1)
        return (f"Lea la respuesta: recordatorios en pausa hasta el {dia_mes(hasta, config.pais)} "
                "(o hasta que anote la fecha en «Respuesta vista», hoja Clientes).")
    direcciones = ", ".join(llegada.direcciones) or "la dirección"
    if llegada.tipo == TipoLlegada.REBOTE:
        return (f"No se escribe más a {direcciones}: corrija el correo del cliente en Clientes "
                "(sin otro correo, el cliente pasa a la lista de llamadas).")
    return f"Nada por ahora: el servidor sigue intentando entregar a {direcciones}."


def hoja_respuestas(llegadas: tuple[Llegada, ...], config: modelo.Configuracion) -> c.HojaInforme:
    """``Respuestas``: one row per reply, bounce or delay read since the last run."""
    filas = [c.Fila((
        c.Celda(x.fecha.replace(tzinfo=None), c.FECHA_HORA),
        c.Celda(x.cliente),
        c.Celda(", ".join(x.facturas)),
        c.Celda(str(x.tipo)),
        c.Celda(x.de),
        c.Celda(x.asunto, c.TEXTO_LARGO),
        c.Celda(x.extracto, c.TEXTO_LARGO),
        c.Celda(accion(x, config), c.TEXTO_LARGO),
    ), f"llegada:{x.tipo}") for x in llegadas]
    if not filas:
        return c.HojaInforme(NOMBRE, (c.encabezados(*TITULOS), c.fila_texto(VACIO, c.NOTA)),
                             c.Tabla(0, 0, len(TITULOS), filtro=False))
    return c.HojaInforme(NOMBRE, (c.encabezados(*TITULOS), *filas), c.Tabla(0, len(filas), len(TITULOS)))
