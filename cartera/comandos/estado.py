"""``cartera estado LIBRO CLIENTE``: one client's account statement as a PDF; and the statements attached to reminders.

The statement (``informe.estado_cuenta``, drawn by ``pdf.documento``) is written beside the workbook as
``estados/estado_<cliente>_AAAA-MM-DD.pdf`` (the client's code in lower-case ASCII), atomically, and its path
printed.  ``cartera cobrar`` calls :func:`adjuntar` after composing the messages: with ``Adjuntar estado de
cuenta`` = ``sí`` (from «Primer aviso» on) or a stage's name (from that stage on), each reminder of that stage
or a more severe one gets its client's statement as of the run's date, in Prueba (the ``.eml`` previews) and
in Envío (Gmail) alike.  Writing the workbook is never involved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import NamedTuple

from cartera.acuerdos.abiertas import CuotaAbierta, cuotas_abiertas
from cartera.calculo import antiguedad as calculo
from cartera.calculo import calendario
from cartera.comandos import cuotas
from cartera.comandos.registro import log
from cartera.correo.vista_previa import slug
from cartera.decisiones import Mensaje
from cartera.errores import CarteraError, LibroInvalido, error_de_disco
from cartera.informe import estado_cuenta
from cartera.libro import apertura as libro
from cartera.modelo import Calculo, Cartera
from cartera.pdf import documento

CARPETA_ESTADOS = "estados"


class OpcionesEstado(NamedTuple):
    """``libro`` (absolute), ``cliente`` (code or name as typed), ``fecha`` (``--fecha``; None = the workbook's
    Fecha de corte, else today), ``ahora`` (the clock, read once by ``cli``)."""

    libro: Path
    cliente: str
    fecha: dt.date | None
    ahora: dt.datetime


def nombre_archivo(cliente: str, fecha: dt.date) -> str:
    """``estado_roble_2026-11-24.pdf`` for client ``ROBLE`` on 24/11/2026.

    A code that is not plain upper-case letters, digits and dashes (``Ferretería El Roble``, ``c-1``, ``C 1``)
    gets six hex digits of its hash, so two clients never share a file (nor one client's statement go out
    attached to another's reminder): ``estado_ferreteria-el-roble-3f2a9c_2026-11-24.pdf``.
    """
    parte = slug(cliente)
    if parte.upper() != cliente:
        parte += "-" + hashlib.sha256(cliente.encode("utf-8")).hexdigest()[:6]
    return f"estado_{parte}_{fecha.isoformat()}.pdf"


def ruta_estado(carpeta_libro: Path, cliente: str, fecha: dt.date) -> Path:
    return carpeta_libro / CARPETA_ESTADOS / nombre_archivo(cliente, fecha)


def escribir(cartera: Cartera, calculado: Calculo, cliente: str, carpeta_libro: Path,
             abiertas: tuple[CuotaAbierta, ...] = ()) -> Path:
    """Build and write the statement of ``cliente`` (a code) as of the computation's date; its path.

    ``abiertas``: the client's open instalments (``acuerdos.abiertas.cuotas_abiertas`` of the day's agreements).
    """
    estado = estado_cuenta.construir(cartera, calculado, cliente, abiertas)
    return documento.guardar(estado, ruta_estado(carpeta_libro, cliente, calculado.fecha_corte))


def cliente_pedido(cartera: Cartera, texto: str) -> str:
    """The client code the owner meant; a CarteraError (exit 2) naming the closest clients when none is."""
    encontrado = estado_cuenta.buscar_cliente(cartera.clientes, texto)
    if encontrado.cliente:
        return encontrado.cliente
    if encontrado.parecidos:
        raise CarteraError(f"No encuentro un único cliente «{texto}» en el libro. ¿Quiso decir: "
                           + "; ".join(encontrado.parecidos) + "? Escriba su código o su nombre completo.")
    raise CarteraError(f"No encuentro el cliente «{texto}» en el libro (hoja Clientes o columna Cliente de Facturas). "
                       "Escriba su código o su nombre.")


def estado(opciones: OpcionesEstado) -> int:
    """``cartera estado``: write the statement and print its path.  Returns 0 (errors raise → exit 2)."""
    ruta = opciones.libro
    if not ruta.exists():
        raise LibroInvalido(f"No encuentro el libro {ruta}. Revise el nombre y la carpeta.")
    cartera = libro.leer(ruta)
    cliente = cliente_pedido(cartera, opciones.cliente)
    fecha = opciones.fecha or cartera.configuracion.fecha_corte or opciones.ahora.date()
    festivos = calendario.festivos_cerca(cartera.configuracion.pais, fecha)
    acordado = cuotas.del_dia(ruta, cartera, calculo.calcular(cartera, fecha, festivos), festivos)
    abiertas = cuotas_abiertas(acordado.situaciones).get(cliente, ())
    try:
        escrito = escribir(acordado.cartera, acordado.calculo, cliente, ruta.parent, abiertas)
    except OSError as error:
        raise error_de_disco(error, "escribir el estado de cuenta", ruta.parent / CARPETA_ESTADOS) from error
    print(escrito)
    return 0


def adjuntar(mensajes: tuple[Mensaje, ...], cartera: Cartera, calculado: Calculo, carpeta_libro: Path,
             abiertas: dict[str, tuple[CuotaAbierta, ...]]) -> tuple[tuple[Mensaje, ...], tuple[str, ...]]:
    """The messages, those due a statement with it attached (``estados/…pdf``), and notes for the summary.

    ``abiertas``: client code → its open instalments (``acuerdos.abiertas.cuotas_abiertas``).

    One statement per client and run.  A statement that cannot be written leaves its message without it
    (one note names those clients and why); a bad ``Adjuntar estado de cuenta`` value attaches nothing (a
    note names the setting and the value).
    """
    desde, aviso = estado_cuenta.etapa_desde(cartera.configuracion.adjuntar_estado, cartera.etapas)
    hechos: dict[str, str] = {}
    fallas: dict[str, OSError] = {}
    salida = []
    for mensaje in mensajes:
        cliente = mensaje.aviso.cliente
        if estado_cuenta.lleva_estado(mensaje.aviso.etapa, desde, cartera.etapas) and cliente not in fallas:
            if cliente not in hechos:
                try:
                    escrito = escribir(cartera, calculado, cliente, carpeta_libro, abiertas.get(cliente, ()))
                    hechos[cliente] = escrito.relative_to(carpeta_libro).as_posix()
                except OSError as error:
                    log.error("No se escribió el estado de cuenta de %s", cliente, exc_info=True)
                    fallas[cliente] = error
                    salida.append(mensaje)
                    continue
            mensaje = mensaje._replace(adjuntos=mensaje.adjuntos + (hechos[cliente],))
        salida.append(mensaje)
    return tuple(salida), (aviso,) * bool(aviso) + _nota_de_fallas(fallas, carpeta_libro)


def _nota_de_fallas(fallas: dict[str, OSError], carpeta_libro: Path) -> tuple[str, ...]:
    """One note for the statements that could not be written: whose, and the first error's cause."""
    if not fallas:
        return ()
    quienes = ", ".join(fallas)
    motivo = error_de_disco(next(iter(fallas.values())), f"escribir el estado de cuenta de {quienes}",
                            carpeta_libro / CARPETA_ESTADOS)
    return (f"{motivo} Sus recordatorios salen sin el estado de cuenta.",)
