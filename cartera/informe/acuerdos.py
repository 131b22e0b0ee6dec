"""The ``Acuerdos`` sheet of the report: one row per payment agreement, where it stands today.  Pure.

Columns: the agreement's code, client, facturas, currency, total, paid, balance, instalments paid (of how
many), the next instalment's due date and what is left of it, and the state (Vigente, Incumplido, Terminado
por incumplimiento, Cancelado, Pagado).  Present only when the workbook has agreements.
"""

from __future__ import annotations

from cartera.acuerdos.pacto import EstadoCuota, Situacion
from cartera.informe import celdas as c

NOMBRE = "Acuerdos"
TITULOS = ("Acuerdo", "Cliente", "Facturas", "Moneda", "Total", "Pagado", "Saldo", "Cuotas pagadas",
           "Próxima cuota", "Vence", "Valor por pagar", "Estado")


def _fila(s: Situacion) -> c.Fila:
    dinero = c.dinero(s.moneda)
    proxima = s.proxima
    pagadas = sum(1 for x in s.cuotas if x.estado == EstadoCuota.PAGADA)
    return c.Fila((
        c.Celda(s.acuerdo.acuerdo),
        c.Celda(s.acuerdo.cliente),
        c.Celda(", ".join(s.acuerdo.facturas)),
        c.Celda(s.moneda, c.CODIGO),
        c.Celda(s.total, dinero),
        c.Celda(s.pagado, dinero),
        c.Celda(s.saldo, dinero),
        c.Celda(f"{pagadas} de {len(s.cuotas)}"),
        c.Celda(("Inicial" if proxima.cuota.numero == 0 else proxima.cuota.numero) if proxima else None),
        c.Celda(proxima.cuota.vence if proxima else None, c.FECHA),
        c.Celda(proxima.saldo if proxima else None, dinero),
        c.Celda(str(s.estado)),
    ), f"acuerdo:{s.estado.name.lower()}")


def hoja_acuerdos(situaciones: tuple[Situacion, ...]) -> c.HojaInforme:
    """``Acuerdos``: the agreements in the order of the Acuerdos sheet."""
    filas = [_fila(s) for s in situaciones]
    return c.HojaInforme(NOMBRE, (c.encabezados(*TITULOS), *filas), c.Tabla(0, len(filas), len(TITULOS)))
