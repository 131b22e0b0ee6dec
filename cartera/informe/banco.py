"""The ``Conciliación`` sheet: one row per bank credit read in this run, and what matching decided for it.

Columns: ``Fecha``, ``Importe``, ``Texto``, ``Referencia``, ``Estado`` (seguro, sugerido, sin identificar, ya
registrado, ¿ya registrado?), ``Factura(s)`` (those paid, or the best candidate's), ``Cliente``, ``Motivo /
candidatos`` and ``Archivo`` (file and line).  Present only when a statement brought lines.  Pure.
"""

from __future__ import annotations

from cartera.conciliacion.cotejo import Conciliacion
from cartera.informe import celdas as c

NOMBRE = "Conciliación"
TITULOS = ("Fecha", "Importe", "Texto", "Referencia", "Estado", "Factura(s)", "Cliente", "Motivo / candidatos",
           "Archivo")


def _destino(x: Conciliacion) -> tuple[str, str]:
    """(invoices, client): those registered, else the best candidate's ("" when none)."""
    if x.pagos:
        return ", ".join(p.factura for p in x.pagos), x.pagos[0].cliente
    if x.candidatos:
        return " + ".join(x.candidatos[0].facturas), x.candidatos[0].cliente
    return "", ""


def _motivo(x: Conciliacion) -> str:
    otros = "; ".join(f"{' + '.join(k.facturas)} ({k.cliente})" for k in x.candidatos[1:])
    return x.motivo + (f" — otros candidatos: {otros}" if otros else "")


def hoja_conciliacion(conciliaciones: tuple[Conciliacion, ...]) -> c.HojaInforme:
    """``Conciliación``: the run's credits in date order with their verdict."""
    filas = []
    for x in conciliaciones:
        m = x.movimiento
        facturas, cliente = _destino(x)
        filas.append(c.Fila((
            c.Celda(m.fecha, c.FECHA),
            c.Celda(m.importe, c.dinero(m.moneda)),
            c.Celda(m.texto, c.TEXTO_LARGO),
            c.Celda(m.referencia),
            c.Celda(x.estado),
            c.Celda(facturas),
            c.Celda(cliente),
            c.Celda(_motivo(x), c.TEXTO_LARGO),
            c.Celda(f"{m.archivo}, línea {m.linea}"),
        ), f"conciliacion:{x.estado}"))
    return c.HojaInforme(NOMBRE, (c.encabezados(*TITULOS), *filas), c.Tabla(0, len(filas), len(TITULOS)))
