"""A small real workbook with one payment agreement, and a day of the run on it without sending (for the tests).

``libro_con_acuerdo(carpeta)``: clients C01 (usted) and C02 (tú); F-001 (600.000) and F-002 (400.000) of C01 under
the agreement «C01-20260301» (3 monthly instalments from 31/03/2026: 333.333,33 + 333.333,33 + 333.333,34);
F-003 (500.000) of C02 outside it.  ``Dia`` runs the real reading, computation and plan on one date with a
history (what was "sent" before), as ``cartera cobrar`` does, and ``enviar`` records its avisos as sent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from libros import escribir_libro

from cartera.calculo import antiguedad
from cartera.comandos import cuotas
from cartera.decisiones import Plan
from cartera.libro import apertura
from cartera.modelo import Envio
from cartera.plan import agenda
from cartera.vocabulario import ENVIADO

D = dt.date
CODIGO = "C01-20260301"
ENCABEZADOS_ACUERDOS = ["Cliente", "Facturas", "Fecha del acuerdo", "Cuotas", "Periodicidad", "Primera cuota",
                        "Cuota inicial", "Estado"]
ACUERDO = ["C01", "F-001, F-002", D(2026, 3, 1), 3, "mensual", D(2026, 3, 31), None, ""]


def hojas(*, acuerdos: list[list] | None = None, pagos: list[list] = (), cuotas_hoja: list[list] | None = None,
          configuracion: list[list] = ()) -> dict[str, list[list]]:
    libro = {
        "Clientes": [["Cliente", "Nombre", "Contacto", "Correo", "Trato"],
                     ["C01", "Uno S.A.S.", "Ana Uno", "c1@uno.co", "usted"], ["C02", "Dos Ltda.", "Beto Dos", "c2@dos.co", "tú"]],
        "Facturas": [["Factura", "Cliente", "Emisión", "Vencimiento", "Total"],
                     ["F-001", "C01", D(2026, 1, 1), D(2026, 1, 31), 600000],
                     ["F-002", "C01", D(2026, 1, 15), D(2026, 2, 14), 400000],
                     ["F-003", "C02", D(2026, 1, 15), D(2026, 2, 14), 500000]],
        "Pagos": [["Fecha", "Factura", "Cliente", "Monto"], *pagos],
        "Acuerdos": [ENCABEZADOS_ACUERDOS, *(acuerdos if acuerdos is not None else [ACUERDO])],
        "Configuración": [["Parámetro", "Valor"], ["Empresa", "Suministros Andinos"], ["País", "CO"], ["Moneda", "COP"],
                          *configuracion],
    }
    if cuotas_hoja is not None:
        libro["Cuotas"] = cuotas_hoja
    return libro


def libro_con_acuerdo(carpeta: Path, **opciones) -> Path:
    return escribir_libro(carpeta / "cartera.xlsx", hojas(**opciones))


class Dia:
    """One date of the run on ``ruta``: ``acordado`` (agreements, adjusted computation) and ``plan``."""

    def __init__(self, ruta: Path, fecha: dt.date, historial: tuple[Envio, ...] = ()) -> None:
        cartera = replace(apertura.leer(ruta), historial=tuple(historial))
        self.fecha = fecha
        self.acordado = cuotas.del_dia(ruta, cartera, antiguedad.calcular(cartera, fecha, ()), ())
        self.plan: Plan = self.acordado.con_plan(agenda.planificar(self.acordado.cartera, self.acordado.calculo))

    @property
    def situacion(self):
        return self.acordado.situaciones[0]

    def etapas(self, cliente: str = "C01") -> list[str]:
        return [a.etapa for a in self.plan.avisos if a.cliente == cliente]

    def enviar(self, historial: tuple[Envio, ...]) -> tuple[Envio, ...]:
        """``historial`` plus today's avisos, as sent."""
        return tuple(historial) + tuple(Envio(self.fecha, f, e, ENVIADO) for a in self.plan.avisos for f, e in a.cubiertas)
