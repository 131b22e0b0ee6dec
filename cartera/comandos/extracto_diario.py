"""The bank statements of the drop folder ``extractos/``, read by ``cartera cobrar`` before it plans (issue 16).

Each file of ``extractos/`` is read once (``extractos.memoria.pendientes``: by the sha256 of its bytes) and its
credits matched (``conciliacion.cotejo``).  In Envío mode the seguro lines and the rows the owner confirmed in
«Por confirmar» are written exactly as ``cartera pagos --enviar`` writes them (``extractos.registro.registrar``,
under the run lock ``cobrar`` already holds), and the workbook is read again so the day's plan counts them: a
client whose transfer arrived today gets no reminder tonight.  In Prueba mode nothing is written nor remembered,
but the plan of the preview counts the seguro lines as paid (the summary says so), so the preview shows what the
sending run would do.

Unlike ``cartera pagos`` (one bad file → exit 2, nothing registered), a malformed statement here is one Spanish
warning naming the file and line: that file is skipped and not remembered (it is read again tomorrow, once fixed
or replaced), and the day goes on with the other files.  When the workbook cannot be written (Excel has it open),
a note says so, nothing is remembered and the plan uses the workbook as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from cartera.calculo import antiguedad as calculo
from cartera.calculo import calendario
from cartera.comandos.pagos import claves_en_pagos, con_pagos, propias_con
from cartera.comandos.registro import log
from cartera.conciliacion import cotejo
from cartera.conciliacion.cotejo import Conciliacion
from cartera.errores import CarteraError, ExtractoInvalido
from cartera.extractos import archivos, memoria, registro
from cartera.libro import apertura as libro
from cartera.modelo import Cartera


class Banco(NamedTuple):
    """What the drop folder gave: ``cartera`` to plan with (its Pagos with the new payments), ``conciliaciones``
    of this run's lines (for the Conciliación sheet), ``notas`` (Spanish warnings), ``registrados`` payments
    written to Pagos (Envío) and ``prueba`` (True: nothing was written; the seguro lines only count in the plan)."""

    cartera: Cartera
    conciliaciones: tuple[Conciliacion, ...] = ()
    notas: tuple[str, ...] = ()
    registrados: int = 0
    prueba: bool = False

    def resumen(self) -> str:
        """«3 pagos registrados desde el extracto, 2 por confirmar» (plus «, 1 sin identificar»); "" when every
        line was registered before and nothing was confirmed."""
        cuenta = Counter(c.estado for c in self.conciliaciones)
        if not self.registrados and all(e == cotejo.YA_REGISTRADO for e in cuenta):
            return ""
        if not self.conciliaciones:
            return f"{self.registrados} pago(s) registrado(s) desde «Por confirmar»"
        texto = cotejo.resumen(self.conciliaciones)
        if cuenta[cotejo.SIN_IDENTIFICAR]:
            texto += f", {cuenta[cotejo.SIN_IDENTIFICAR]} sin identificar"
        if self.prueba:
            texto = texto.replace("registrados", "por registrar").replace("registrado", "por registrar")
            texto += " — prueba: no se escribió nada; el plan de hoy ya los cuenta como pagados"
        return texto


def _leer(pendientes: tuple[tuple[Path, str], ...], cartera: Cartera) -> tuple[list, list[Path], list[str]]:
    """The statements that read, their files, and one warning per file that did not (skipped, not remembered)."""
    config = cartera.configuracion
    leidos, rutas, avisos = [], [], []
    for ruta, _huella in pendientes:
        try:
            leidos.append(archivos.leer_extracto(ruta, config.pais, config.moneda, mapeo=config.mapeo_extracto))
            rutas.append(ruta)
        except ExtractoInvalido as error:
            log.warning("Extracto omitido: %s", error)
            avisos.append(f"{error} Se omitió ese archivo (se leerá de nuevo en la próxima ejecución).")
    return leidos, rutas, avisos


def _faltan(borradas: frozenset[str], ruta: Path) -> list[str]:
    """One warning when payments cartera registered from the bank are no longer in Pagos: a row deleted or a
    backup restored.  Never registered again by themselves (that could count a payment twice), but never lost
    quietly either: the owner passes the statement again and decides in «Por confirmar».  ``borradas``: the
    registered keys no longer in Pagos (``Memoria.claves_de``)."""
    if not borradas:
        return []
    return [f"{len(borradas)} pago(s) que cartera registró desde el extracto ya no está(n) en Pagos (¿borró la fila o "
            f"volvió a un respaldo?). Si no fue a propósito, pase el extracto otra vez: cartera pagos \"{ruta.name}\" "
            "ARCHIVO --enviar; esas líneas irán a «Por confirmar», donde «sí» las registra y «no» las olvida."]


def _respondidas(ruta: Path) -> bool:
    """The workbook's «Por confirmar» has a row the owner answered (an .xlsx only; unreadable → no)."""
    if ruta.suffix.lower() != ".xlsx":
        return False
    try:
        filas, _primera = registro.leer_por_confirmar(ruta)
    except CarteraError:
        return False
    return any(str(f.get("Confirmar") or "").strip() for f in filas)


def del_dia(ruta: Path, cartera: Cartera, fecha: dt.date, *, envio: bool, hoy: dt.date) -> Banco:
    """Read ``extractos/`` beside ``ruta``, match, and (``envio``) register; the Cartera the plan must use."""
    carpeta = ruta.parent
    recordada = memoria.cargar(carpeta)
    pendientes = memoria.pendientes(carpeta, recordada)
    registradas, borradas = recordada.claves_de(claves_en_pagos(cartera))
    faltan = _faltan(borradas, ruta)
    if not pendientes and not (envio and _respondidas(ruta)):
        return Banco(cartera, notas=tuple(faltan))
    extractos, rutas, avisos = _leer(pendientes, cartera)
    avisos += faltan
    avisos += [a for e in extractos for a in e.avisos]
    festivos = calendario.festivos_cerca(cartera.configuracion.pais, fecha)
    calculado = calculo.calcular(cartera, fecha, festivos)
    config = cartera.configuracion
    conciliaciones = cotejo.conciliar([m for e in extractos for m in e.abonos], calculado.facturas, cartera.clientes,
                                      cartera.pagos, registradas=registradas, borradas=borradas,
                                      registrar_parciales=config.registrar_abonos_parciales, pais=config.pais)
    seguros = [p for c in conciliaciones if c.estado == cotejo.SEGURO for p in c.pagos]
    if envio and ruta.suffix.lower() != ".xlsx":
        avisos.append(f"El libro es {ruta.suffix}: los pagos del extracto no se escriben (solo en .xlsx); "
                      "el plan de hoy ya los cuenta.")
        envio = False
    if not envio:
        return Banco(dataclasses.replace(cartera, pagos=con_pagos(cartera.pagos, seguros)), conciliaciones,
                     tuple(avisos), prueba=True)

    propias = propias_con(cartera, fecha, festivos)
    try:
        hecho = registro.registrar(ruta, cartera, calculado, conciliaciones, rutas, registradas, hoy, propias)
    except CarteraError as error:
        log.warning("Pagos del extracto no escritos: %s", error)
        avisos.append(f"Los pagos del extracto no se escribieron en el libro: {error} No se anotó nada; la próxima "
                      "ejecución lo intentará de nuevo. El plan de hoy ya los cuenta como pagados.")
        return Banco(dataclasses.replace(cartera, pagos=con_pagos(cartera.pagos, seguros)), conciliaciones,
                     tuple(avisos), prueba=False)
    nueva = dataclasses.replace(libro.leer(ruta), historial=cartera.historial)
    return Banco(nueva, conciliaciones, (*avisos, *hecho.avisos, *hecho.notas), len(hecho.pagos))
