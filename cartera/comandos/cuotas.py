"""The payment agreements in the daily run (shell): read ``Acuerdos`` and ``Cuotas``, follow them, write ``Cuotas``.

``del_dia`` reads both sheets again (``libro.apertura.releer``: where
reading found them, read as reading reads them), validates them (``acuerdos.hojas``) and
computes each agreement on the fecha de corte (``acuerdos.situacion``).  The
result adjusts the run: its rejected rows join the workbook's, the covered
facturas lose their late fees while an agreement is in force, and the
plan gains the agreements' messages and calls (``plan.cuotas``).

The ``Cuotas`` sheet is written back by a sending run only, with the rest
of the write-back (one ``escritura.escribir``): the instalments of a new
agreement are added once; afterwards the owner's Acuerdo, Cliente, Cuota,
Vence and Valor stay as the owner left them, and cartera refreshes its own
columns ``Pagado`` and ``Estado`` on every row, in place (a row of an
unknown agreement: «Sin acuerdo»).  When a row of ``Cuotas`` has an error,
or the sheet holds rows cartera does not read, only the new instalments are
added (nothing else is touched) until it is fixed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from cartera.acuerdos import hojas, situacion
from cartera.acuerdos.pacto import Cuota, EstadoCuota, Situacion
from cartera.decisiones import Plan
from cartera.lectura import esquema
from cartera.lectura.tabla import Tabla
from cartera.libro import apertura
from cartera.libro.filas_historial import Anexo
from cartera.modelo import Calculo, Cartera
from cartera.plan import cuotas as plan_cuotas

CAMPOS = ("acuerdo", "cliente", "cuota", "vence", "valor", "pagado", "estado")
"""The columns of Cuotas cartera writes, in order."""
SIN_ACUERDO = "Sin acuerdo"
NOTA_SOLO_NUEVAS = ("La hoja Cuotas tiene filas con errores (vea la hoja Errores del informe): cartera solo agregó las "
                    "cuotas de los acuerdos nuevos; Pagado y Estado se actualizarán cuando las corrija.")


class Acordado(NamedTuple):
    """The agreements on the fecha de corte and what they change in the run."""

    cartera: Cartera
    calculo: Calculo
    situaciones: tuple[Situacion, ...] = ()
    anexos: tuple[Anexo, ...] = ()
    """The Cuotas sheet to write back (sending runs only; empty when nothing changes)."""
    notas: tuple[str, ...] = ()

    def con_plan(self, plan: Plan) -> Plan:
        """``plan`` plus the agreements' messages and calls of the day."""
        if not self.situaciones:
            return plan
        return plan_cuotas.con_acuerdos(plan, plan_cuotas.del_dia(self.situaciones, self.cartera, self.calculo.fecha_corte))


def del_dia(ruta: Path, cartera: Cartera, calculado: Calculo, festivos: tuple[dt.date, ...]) -> Acordado:
    """The agreements of the workbook at ``ruta`` on ``calculado.fecha_corte`` (nothing when it has no Acuerdos)."""
    if esquema.ACUERDOS not in cartera.origen:
        return Acordado(cartera, calculado)
    tablas = apertura.releer(ruta, cartera, (esquema.ACUERDOS, esquema.CUOTAS))
    tabla_cuotas = tablas.get(esquema.CUOTAS)
    leidos = hojas.leer(tablas[esquema.ACUERDOS], tabla_cuotas, cartera.facturas,
                        cartera.clientes["cliente"], cartera.configuracion.pais)
    bases = situacion.bases(cartera, leidos.acuerdos, festivos)
    situaciones = situacion.situaciones(leidos.acuerdos, leidos.cuotas, bases, calculado, cartera.configuracion)
    anexos, notas = _anexos(cartera, tabla_cuotas, leidos, situaciones)
    return Acordado(replace(cartera, rechazos=cartera.rechazos + leidos.rechazos),
                    situacion.con_acuerdos(calculado, situaciones), situaciones, anexos, notas)


def _fila(c: Cuota, pagado: int | None, estado: str) -> tuple:
    return (c.acuerdo, c.cliente, c.numero, c.vence, c.valor, pagado, str(estado))


def _anexos(cartera: Cartera, tabla: Tabla | None, leidos: hojas.Leidos,
            situaciones: tuple[Situacion, ...]) -> tuple[tuple[Anexo, ...], tuple[str, ...]]:
    """The Cuotas sheet to write: every row refreshed in place and the new instalments after them, or (rows
    with errors, rows not read) only the new instalments."""
    nuevas = tuple(_fila(c.cuota, c.pagado, c.estado) for s in situaciones if s.nuevas for c in s.cuotas)
    hallada = cartera.origen.get(esquema.CUOTAS)
    encabezados = tuple((hallada.encabezado(c) if hallada else None) or esquema.encabezado(esquema.CUOTAS, c)
                        for c in CAMPOS)
    dinero = tuple(c in ("valor", "pagado") for c in CAMPOS)

    def anexo(filas: tuple[tuple, ...], *, reemplazar: bool) -> Anexo:
        return Anexo(hallada.nombre if hallada else esquema.CUOTAS, hallada.fila if hallada else None, encabezados,
                     filas, dinero, reemplazar)

    errores = any(r.grave and tabla is not None and r.hoja == tabla.nombre for r in leidos.rechazos)
    if tabla is None or not len(tabla.filas) or errores or tabla.omitidas:
        return ((anexo(nuevas, reemplazar=False),) if nuevas else ()), ((NOTA_SOLO_NUEVAS,) if errores and nuevas else ())
    estados = {(s.acuerdo.acuerdo, c.cuota.numero): c for s in situaciones for c in s.cuotas}
    por_fila = {c.fila: c for c in leidos.cuotas}
    codigos = {a.acuerdo for a in leidos.acuerdos}
    filas = []
    for fila in range(tabla.fila_encabezado + 1, int(tabla.filas.max()) + 1):
        c = por_fila.get(fila)
        hecha = estados.get((c.acuerdo, c.numero)) if c else None
        conocida = c is not None and c.acuerdo in codigos
        filas.append((None,) * len(CAMPOS) if c is None else _fila(
            c, hecha.pagado if hecha else 0 if conocida else None,
            hecha.estado if hecha else EstadoCuota.PENDIENTE if conocida else SIN_ACUERDO))
    return (anexo(tuple(filas) + nuevas, reemplazar=True),), ()
