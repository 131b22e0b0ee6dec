"""The daily run, ``cartera cobrar``: read → compute → plan → messages → report → write-back.

The shell around the pure core.  Effects happen here and in the modules it
calls (``libro``, ``correo``, ``excel``); the clock comes in as
``Opciones.ahora``.  The owner's ``plantillas/`` folder beside the workbook
is read here (its templates win over the packaged ones), and here the
sender is chosen: ``.eml`` previews or Gmail, one dispatch loop for both.

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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from cartera.acuerdos.abiertas import cuotas_abiertas
from cartera.calculo import antiguedad as calculo
from cartera.calculo import calendario, totales
from cartera.comandos import confirmacion, cuotas, estado, extracto_diario, llegadas, plantillas
from cartera.comandos import sumario as resumen
from cartera.comandos.progreso import Progreso, abrir_archivo
from cartera.comandos.registro import configurar as configurar_log
from cartera.comandos.registro import log
from cartera.correo import remitentes
from cartera.correo.despacho import Despachado, Despacho, cancelado, despachar
from cartera.decisiones import Llegada, Mensaje, Plan, Resultado
from cartera.errores import LibroInvalido, error_de_disco
from cartera.excel import documento as excel
from cartera.informe import armado as informe
from cartera.informe import interpretacion as lectura
from cartera.libro import apertura as libro
from cartera.libro import bloqueo, diario, disposicion, resguardo
from cartera.libro.anotacion import Anotado, en_historial, escribir_en_libro, inciertos_por_revisar
from cartera.mensajes import redaccion
from cartera.mensajes.indice import indexar
from cartera.modelo import Calculo, Cartera
from cartera.plan import agenda as plan
from cartera.plan.urgencia import por_urgencia
from cartera.vocabulario import FALLIDO, INCIERTO, Modo

CARPETA_PLANTILLAS = "plantillas"
CARPETA_SALIDA = "salida"
CARPETA_INFORMES = "informes"
EXTENSIONES_LIBRO = (".xlsx", ".xlsm", ".xls", ".ods")
"""What ``encontrar_libro`` looks for when no workbook is named (.xls and .ods are read, never written)."""


@dataclass(frozen=True)
class Opciones:
    """What the user asked for, read once by ``cli``.

    ``libro``: the workbook (absolute).  ``fecha``: ``--fecha`` (None = the
    workbook's Fecha de corte, else today).  ``modo``: ``--enviar`` /
    ``--prueba`` (None = the workbook's Modo).  ``interactivo``: stdin and
    stdout are a terminal (the confirmation may be asked, the report
    opened).  ``abrir``: open the report at the end (False with
    ``--no-abrir``).  ``ahora``: the clock, read once.  ``json``: print the
    summary as JSON.  ``espera_smtp``: seconds before the first retry of a
    temporary SMTP failure (doubling each time).
    """

    libro: Path
    fecha: dt.date | None
    modo: Modo | None
    interactivo: bool
    abrir: bool
    ahora: dt.datetime
    json: bool
    espera_smtp: float


def encontrar_libro(indicado: Path | None, carpeta: Path) -> Path:
    """The workbook named, else ``cartera.xlsx`` here, else the only workbook here."""
    if indicado is not None:
        return indicado.expanduser().resolve()
    if (carpeta / "cartera.xlsx").exists():
        return (carpeta / "cartera.xlsx").resolve()
    candidatos = [p for p in sorted(carpeta.iterdir()) if p.suffix.lower() in EXTENSIONES_LIBRO
                  and p.is_file() and not p.name.startswith(("~$", "."))]  # Excel's owner files, hidden and temp files
    if len(candidatos) == 1:
        return candidatos[0].resolve()
    raise LibroInvalido(
        "Indique el libro de Excel, por ejemplo: cartera cobrar cartera.xlsx "
        f"(en {carpeta} hay {len(candidatos)} libros .xlsx, .xls u .ods)."
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
    try:
        with bloqueo.bloqueo(ruta):
            resguardo.barrer_temporales(ruta.parent, (CARPETA_INFORMES, CARPETA_SALIDA, estado.CARPETA_ESTADOS))
            salida = _cobrar_bloqueado(opciones, Progreso(silencioso=opciones.json))
            salida = _recordar_disposicion(ruta, salida)
    except OSError as error:  # before anything was sent (after, every step says what it could not write)
        log.error("Sin disco", exc_info=True)
        raise error_de_disco(error, "trabajar con el libro", None if error.filename else ruta.parent) from error
    _mostrar(salida, opciones)
    if salida.ruta_informe and opciones.abrir and opciones.interactivo and salida.cartera.configuracion.abrir_informe:
        abrir_archivo(salida.ruta_informe)
    return salida.codigo


class Salida(NamedTuple):
    """Everything the run did, for the summary."""

    cartera: Cartera
    calculo: Calculo
    plan: Plan
    resultados: tuple[Resultado, ...]
    ruta_informe: Path | None
    """None: the report could not be written (a note says why)."""
    notas: tuple[str, ...]
    envio: bool
    totales: totales.Totales
    """This run's totals per currency and tramo, computed once (summary, report and trend)."""
    disposicion_nueva: bool = False
    """The workbook's layout differs from the one its last completed run read (the summary says how it was read)."""
    incompleta: bool = False
    """Something the run should have written was not (the write-back, the report, the journal): a note says what."""
    llegadas: tuple[Llegada, ...] = ()
    """Replies, bounces and delays read since the last run (IMAP), oldest first."""
    banco: extracto_diario.Banco | None = None
    """The statements of ``extractos/`` read before planning (None: not read)."""

    @property
    def codigo(self) -> int:
        problemas = self.incompleta or any(r.grave for r in self.cartera.rechazos) or any(
            r.resultado in (FALLIDO, INCIERTO) for r in self.resultados
        )
        return 1 if problemas else 0


def _cobrar_bloqueado(opciones: Opciones, progreso: Progreso) -> Salida:
    ruta = opciones.libro
    carpeta = ruta.parent
    with progreso.paso("Leyendo el libro"):
        cartera = libro.leer(ruta)
        cartera = replace(cartera, historial=historial_vigente(cartera, carpeta))
    envio = (opciones.modo or cartera.configuracion.modo) == Modo.ENVIO
    fecha = fecha_de_corte(opciones, cartera)
    with progreso.paso("Leyendo los extractos del banco (carpeta extractos)"):
        banco = extracto_diario.del_dia(ruta, cartera, fecha, envio=envio, hoy=opciones.ahora.date())
    cartera = banco.cartera
    recibido = llegadas.NADA
    if cartera.configuracion.leer_respuestas:
        with progreso.paso("Leyendo respuestas y rebotes (IMAP)") as paso:
            recibido = llegadas.leer(cartera, carpeta, opciones.ahora, envio=envio)
            if recibido.aviso:
                paso.fallo()
    with progreso.paso("Calculando saldos, recargos y etapas"):
        festivos = calendario.festivos_cerca(cartera.configuracion.pais, fecha)
        acordado = cuotas.del_dia(ruta, cartera, calculo.calcular(cartera, fecha, festivos), festivos)
        cartera, calculado = acordado.cartera, acordado.calculo  # agreements: their rows' problems, no fee while in force
        planificado = acordado.con_plan(plan.planificar(cartera, calculado, hoy=opciones.ahora.date(), atencion=recibido.atencion))
    with progreso.paso(f"Redactando {len(planificado.avisos)} mensajes"):
        redactado = redactar(cartera, calculado, planificado, carpeta)
    compuestos, con_estado = estado.adjuntar(redactado.mensajes, cartera, calculado, carpeta,  # Adjuntar estado de cuenta
                                             cuotas_abiertas(acordado.situaciones))
    sin_plantilla = plantillas.sin_enviar(redactado.sin_redactar, Despacho(cartera.configuracion, carpeta, opciones.ahora),
                                          carpeta / CARPETA_PLANTILLAS)
    # a message left «incierto» by an interrupted run is shown until the owner decides (read before sending)
    registrados = en_historial(ruta, cartera) if envio else ()
    previos = inciertos_por_revisar(ruta, registrados) if envio else ()
    preguntar = confirmacion.hay_que_preguntar(compuestos, cartera, envio=envio, interactivo=opciones.interactivo)
    confirmado = not preguntar or confirmacion.confirmar(compuestos, cartera, calculado)
    with progreso.paso("Enviando por Gmail" if envio else "Escribiendo las vistas previas (.eml)"):
        resultados, notas, falla = _despachar(compuestos, cartera, fecha, opciones, envio=envio, confirmado=confirmado)
    resultados = previos + resultados + sin_plantilla.resultados
    anotado = Anotado(())
    if envio:
        with progreso.paso("Anotando en el libro") as paso:
            anotado = escribir_en_libro(ruta, cartera, calculado, resultados, registrados, acordado.anexos)
            if not anotado.escrito:
                paso.fallo()
    todas = (recibido.aviso,) * bool(recibido.aviso) + banco.notas + acordado.notas + con_estado + sin_plantilla.notas + notas + anotado.notas
    with progreso.paso("Escribiendo el informe") as paso:
        cifras = totales.calcular(calculado, cartera.configuracion.tramos)
        datos = informe.construir(cartera, calculado, planificado, resultados, totales=cifras,
                                  avisos_libro=todas, archivo=ruta.name, llegadas=recibido.nuevas,
                                  conciliaciones=banco.conciliaciones, acuerdos=acordado.situaciones)
        ruta_informe, nota_informe = _guardar_informe(datos, carpeta, fecha, cartera)
        if nota_informe:
            paso.fallo()
    return Salida(cartera, calculado, planificado, resultados, ruta_informe, todas + nota_informe, envio, cifras,
                  incompleta=bool(falla or not anotado.escrito or nota_informe), llegadas=recibido.nuevas,
                  banco=banco)


def _guardar_informe(datos, carpeta: Path, fecha: dt.date, cartera: Cartera) -> tuple[Path | None, tuple[str, ...]]:
    """The report written (its path), or None and the Spanish note of why not (the run's other work stands)."""
    try:
        return excel.guardar(datos, carpeta, fecha, pais=cartera.configuracion.pais), ()
    except OSError as error:
        log.error("No se escribió el informe", exc_info=True)
        destino = excel.ruta_informe(carpeta, fecha).parent
        return None, (str(error_de_disco(error, "escribir el informe", destino)),)


def _recordar_disposicion(ruta: Path, salida: Salida) -> Salida:
    """Compare the layout read with the one remembered for this workbook, then remember it.

    Called once the run has completed (report written), in both modes: see ``libro.disposicion``.
    """
    huella = lectura.interpretacion_de(salida.cartera).huella()
    nueva = disposicion.es_nueva(ruta, huella)
    if nueva:
        disposicion.recordar(ruta, huella)
    return salida._replace(disposicion_nueva=nueva)


def entorno_del_libro(carpeta_libro: Path) -> SandboxedEnvironment:
    """The template environment: the ``plantillas`` folder beside the workbook first (when there is one)."""
    propias = carpeta_libro / CARPETA_PLANTILLAS
    return redaccion.entorno(*([jinja2.FileSystemLoader(str(propias))] if propias.is_dir() else []))


def redactar(cartera: Cartera, calculado: Calculo, planificado: Plan, carpeta_libro: Path) -> redaccion.Redactado:
    """Every planned aviso composed, most urgent first (the order they go out in); those whose template failed apart."""
    if not planificado.avisos:
        return redaccion.Redactado(())
    avisos = por_urgencia(planificado.avisos, cartera.etapas, calculado.facturas)
    return redaccion.redactar(avisos, indexar(cartera, calculado), entorno_del_libro(carpeta_libro))


def _despachar(compuestos: tuple[Mensaje, ...], cartera: Cartera, fecha: dt.date, opciones: Opciones, *,
               envio: bool, confirmado: bool) -> Despachado:
    """Previews under ``salida/AAAA-MM-DD/``, or (confirmed, something to send) Gmail."""
    carpeta = opciones.libro.parent
    despacho = Despacho(cartera.configuracion, carpeta, opciones.ahora)
    if not envio:
        vista = remitentes.VistaPrevia(carpeta / CARPETA_SALIDA / fecha.isoformat(), carpeta)
        return despachar(compuestos, vista, despacho)
    if not compuestos:
        return Despachado(())
    if not confirmado:
        return cancelado(compuestos, despacho)
    gmail = remitentes.de_gmail(cartera.configuracion, espera_inicial=opciones.espera_smtp)
    return despachar(compuestos, gmail, despacho)


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
