"""The daily run, ``cartera cobrar``: read → compute → plan → messages → report → write-back.

The shell around the pure core.  Effects happen here and in the modules it
calls (``libro``, ``envios``, ``excel``, ``escritura``, ``diario``); the
clock comes in as ``Opciones.ahora``.

In ``Prueba`` mode the workbook is never modified and nothing is journaled:
the report and the ``.eml`` previews are the whole output (a trial must not
touch the owner's books).  In ``Envío`` mode every message is journaled
before and after it is sent, and the owned columns and ``Historial`` are
written back at the end.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from cartera.calculo import antiguedad as calculo
from cartera.calculo import calendario, totales
from cartera.comandos import sumario as resumen
from cartera.comandos.progreso import Progreso
from cartera.comandos.registro import configurar as configurar_log
from cartera.comandos.registro import log
from cartera.correo import despacho as envios
from cartera.decisiones import Plan, Resultado
from cartera.errores import LibroInvalido
from cartera.excel import documento as excel
from cartera.informe import armado as informe
from cartera.libro import apertura as libro
from cartera.libro import diario, tendencia
from cartera.libro.anotacion import en_historial, escribir_en_libro, inciertos_por_revisar
from cartera.modelo import FALLIDO, INCIERTO, Calculo, Cartera
from cartera.plan import agenda as plan


class Opciones(NamedTuple):
    """What the user asked for.  ``modo`` None = from Configuración.  ``ahora`` = the clock, read once."""

    libro: Path
    fecha: dt.date | None
    modo: str | None
    interactivo: bool
    abrir: bool
    ahora: dt.datetime
    json: bool = False
    espera_smtp: float = 2.0
    """Seconds before the first retry of a temporary SMTP failure (doubling each time)."""


def encontrar_libro(indicado: Path | None, carpeta: Path) -> Path:
    """The workbook named, else ``cartera.xlsx`` here, else the only workbook here."""
    if indicado is not None:
        return indicado.expanduser().resolve()
    if (carpeta / "cartera.xlsx").exists():
        return (carpeta / "cartera.xlsx").resolve()
    candidatos = [p for p in sorted(carpeta.glob("*.xls[xm]")) if not p.name.startswith("~$")]
    if len(candidatos) == 1:
        return candidatos[0].resolve()
    raise LibroInvalido(
        "Indique el libro de Excel, por ejemplo: cartera cobrar cartera.xlsx "
        f"(en {carpeta} hay {len(candidatos)} libros .xlsx)."
    )


def fecha_de_corte(opciones: Opciones, cartera: Cartera) -> dt.date:
    """--fecha, else the workbook's Fecha de corte, else today."""
    return opciones.fecha or cartera.configuracion.fecha_corte or opciones.ahora.date()


def cobrar(opciones: Opciones) -> int:
    """Run the daily job and print the summary.  Returns the exit code (0 / 1 / 2)."""
    ruta = opciones.libro
    if not ruta.exists():
        raise LibroInvalido(f"No encuentro el libro {ruta}. Revise el nombre y la carpeta.")
    configurar_log(ruta.parent)
    log.info("cartera cobrar %s", ruta)
    with diario.bloqueo(ruta):
        salida = _cobrar_bloqueado(opciones, Progreso(silencioso=opciones.json))
    _mostrar(salida, opciones)
    if opciones.abrir and opciones.interactivo and salida.cartera.configuracion.abrir_informe:
        envios.abrir_archivo(salida.ruta_informe)
    return salida.codigo


class Salida(NamedTuple):
    """Everything the run did, for the summary."""

    cartera: Cartera
    calculo: Calculo
    plan: Plan
    resultados: tuple[Resultado, ...]
    ruta_informe: Path
    notas: tuple[str, ...]
    envio: bool
    totales: totales.Totales
    """This run's totals per currency and tramo, computed once (summary, report and trend)."""

    @property
    def codigo(self) -> int:
        problemas = any(r.grave for r in self.cartera.rechazos) or any(
            r.resultado in (FALLIDO, INCIERTO) for r in self.resultados
        )
        return 1 if problemas else 0


def _cobrar_bloqueado(opciones: Opciones, progreso: Progreso) -> Salida:
    ruta = opciones.libro
    carpeta = ruta.parent
    with progreso.paso("Leyendo el libro"):
        cartera = libro.leer(ruta)
        cartera = replace(cartera, historial=historial_vigente(cartera, carpeta))
    envio = (opciones.modo or cartera.configuracion.modo) == "Envío"
    fecha = fecha_de_corte(opciones, cartera)
    with progreso.paso("Calculando saldos, recargos y etapas"):
        anios = range(fecha.year - 2, fecha.year + 2)
        calculado = calculo.calcular(cartera, fecha, calendario.festivos(cartera.configuracion.pais, anios))
        planificado = plan.planificar(cartera, calculado, hoy=opciones.ahora.date())
    with progreso.paso(f"Redactando {len(planificado.avisos)} mensajes"):
        compuestos = envios.redactar(cartera, calculado, planificado, ruta)
    # a message left «incierto» by an interrupted run is shown until the owner decides (read before sending)
    registrados = en_historial(ruta, cartera) if envio else ()
    previos = inciertos_por_revisar(ruta, registrados) if envio else ()
    confirmado = not envios.hay_que_confirmar(compuestos, cartera, opciones, envio=envio) or envios.confirmar(
        compuestos, cartera, calculado)
    with progreso.paso("Enviando por Gmail" if envio else "Escribiendo las vistas previas (.eml)"):
        resultados, notas = envios.despachar(compuestos, cartera, calculado, ruta, opciones,
                                             envio=envio, confirmado=confirmado)
    resultados = previos + resultados
    notas_libro: tuple[str, ...] = ()
    if envio:
        with progreso.paso("Anotando en el libro"):
            notas_libro = escribir_en_libro(ruta, cartera, calculado, resultados, registrados)
    todas = notas + notas_libro
    with progreso.paso("Escribiendo el informe"):
        cifras = totales.calcular(calculado, cartera.configuracion.tramos)
        puntos = _tendencia(carpeta / diario.CARPETA, totales.puntos(cifras), guardar=envio)
        datos = informe.construir(cartera, calculado, planificado, resultados, totales=cifras, tendencia=puntos,
                                  avisos_libro=todas)
        ruta_informe = excel.guardar(datos, carpeta, fecha, pais=cartera.configuracion.pais)
    return Salida(cartera, calculado, planificado, resultados, ruta_informe, todas, envio, cifras)


def _tendencia(carpeta_datos: Path, hoy: tuple[totales.Punto, ...], *, guardar: bool) -> tuple[totales.Punto, ...]:
    """Past runs' totals plus today's; stored only by sending runs (a trial leaves no trace)."""
    puntos = totales.unir(tendencia.leer(carpeta_datos), hoy)
    if guardar:
        tendencia.guardar(carpeta_datos, puntos)
    return puntos


def historial_vigente(cartera: Cartera, carpeta: Path) -> tuple:
    """Historial plus the journal, less the messages the owner released with ``cartera reenviar``."""
    liberados = diario.liberados(carpeta)
    todo = cartera.historial + diario.envios_del_diario(carpeta)
    return tuple(e for e in todo if not (e.message_id and e.message_id in liberados))


def _mostrar(salida: Salida, opciones: Opciones) -> None:
    if opciones.json:
        json.dump(resumen.como_dict(salida), sys.stdout, ensure_ascii=False, indent=2, default=str)
        print()
    else:
        print(resumen.como_texto(salida))

