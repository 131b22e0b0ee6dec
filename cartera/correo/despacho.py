"""Dispatching today's messages: preview (.eml) or send (Gmail), one path for both.

Order: the most severe stage first, then the largest balance, so that when
the daily limit bites, what matters most has gone out.  In sending mode
every message is journaled as an intent before it is sent and with its
result after, so a crash never leads to a second copy (an intent with no
result is ``incierto`` and is not re-sent automatically).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cartera import formato
from cartera.correo import clave, gmail, vista_previa
from cartera.decisiones import Mensaje, Plan, Resultado
from cartera.errores import CorreoError
from cartera.libro import diario
from cartera.mensajes import redaccion as mensajes
from cartera.modelo import ENVIADO, FALLIDO, INCIERTO, OMITIDO, VISTA_PREVIA, Calculo, Cartera

log = logging.getLogger(__name__)

CARPETA_PLANTILLAS = "plantillas"
CARPETA_SALIDA = "salida"
LIMITE_DIARIO = "Límite diario de envíos alcanzado: queda para la próxima ejecución"


def redactar(cartera: Cartera, calculado: Calculo, planificado: Plan, ruta: Path) -> list[Mensaje]:
    """Compose every planned aviso (templates beside the workbook win), most urgent first."""
    propias = ruta.parent / CARPETA_PLANTILLAS
    entorno = mensajes.entorno(propias if propias.is_dir() else None)
    compuestos = [mensajes.componer(aviso, cartera, calculado, entorno) for aviso in planificado.avisos]
    return ordenar_por_urgencia(compuestos, cartera, calculado)


def hay_que_confirmar(compuestos: list[Mensaje], cartera: Cartera, opciones, *, envio: bool) -> bool:
    """Ask before sending only when sending, interactive, configured so, and there is something to send."""
    return bool(envio and compuestos and opciones.interactivo and cartera.configuracion.confirmar_envio)


def despachar(compuestos: list[Mensaje], cartera: Cartera, calculado: Calculo, ruta: Path, opciones, *,
              envio: bool, confirmado: bool = True) -> tuple[tuple[Resultado, ...], tuple[str, ...]]:
    """Preview or send the composed messages.  Returns (resultados, notas para el resumen)."""
    if not envio:
        carpeta = ruta.parent / CARPETA_SALIDA / calculado.fecha_corte.isoformat()
        return tuple(previsualizar(compuestos, cartera, carpeta, ruta.parent, opciones.ahora)), ()
    if not compuestos:
        return (), ()
    if not confirmado:
        return tuple(_omitido(m, opciones.ahora, "No confirmado: no se envió nada") for m in compuestos), (
            "Envío cancelado: no se envió ningún mensaje.",)
    return enviar(compuestos, cartera, ruta.parent, opciones.ahora,
                  espera_inicial=getattr(opciones, "espera_smtp", 2.0))


def ordenar_por_urgencia(compuestos: list[Mensaje], cartera: Cartera, calculado: Calculo) -> list[Mensaje]:
    """Most severe stage first, then the largest balance, then the client code (stable, reproducible)."""
    severidad = {etapa.nombre: etapa.dias for etapa in cartera.etapas if not etapa.es_envio}
    saldos = calculado.facturas.set_index("factura")["saldo"]

    def clave_orden(mensaje: Mensaje) -> tuple:
        saldo = int(saldos.reindex(list(mensaje.aviso.facturas)).fillna(0).sum())
        return (-severidad.get(mensaje.aviso.etapa, 10_000), -saldo, mensaje.aviso.cliente)

    return sorted(compuestos, key=clave_orden)


def _remitente(cartera: Cartera) -> tuple[str, str]:
    config = cartera.configuracion
    nombre = config.empresa or config.remitente
    return nombre, config.correo_remitente or "sin-remitente@example.invalid"


def _construir(mensaje: Mensaje, cartera: Cartera, carpeta_libro: Path, ahora: dt.datetime) -> tuple[EmailMessage, str, str]:
    """(correo, message_id, notas de adjuntos omitidos)."""
    nombre, direccion = _remitente(cartera)
    dominio = direccion.rpartition("@")[2] or "cartera.local"
    message_id = make_msgid(idstring="cartera", domain=dominio)
    construido = vista_previa.construir_correo(
        mensaje, remitente_nombre=nombre, remitente_correo=direccion, message_id=message_id,
        carpeta_libro=carpeta_libro, fecha=ahora,
    )
    omitidos = "; ".join(construido.omitidos)
    return construido.correo, message_id, omitidos


def _resultado(mensaje: Mensaje, ahora: dt.datetime, resultado: str, detalle: str, message_id: str = "") -> Resultado:
    aviso = mensaje.aviso
    facturas = tuple(dict.fromkeys(f for f, _ in aviso.cubiertas)) or aviso.facturas
    return Resultado(ahora, aviso.cliente, facturas, aviso.etapa, "correo", aviso.destinatarios + aviso.cc,
                     mensaje.asunto, resultado, detalle, message_id)


def _omitido(mensaje: Mensaje, ahora: dt.datetime, motivo: str) -> Resultado:
    return _resultado(mensaje, ahora, OMITIDO, motivo)


def previsualizar(compuestos: list[Mensaje], cartera: Cartera, carpeta: Path, carpeta_libro: Path,
                  ahora: dt.datetime) -> Iterator[Resultado]:
    """Write each message as a complete .eml under ``salida/AAAA-MM-DD/`` (the day's previews are replaced)."""
    if carpeta.is_dir():
        for viejo in carpeta.glob("*.eml"):
            viejo.unlink()
    for indice, mensaje in enumerate(compuestos, start=1):
        correo, message_id, omitidos = _construir(mensaje, cartera, carpeta_libro, ahora)
        eml = vista_previa.escribir_eml(correo, carpeta, vista_previa.nombre_archivo(indice, mensaje.aviso))
        detalle = f"Vista previa: {eml.relative_to(carpeta_libro)}" + (f" ({omitidos})" if omitidos else "")
        yield _resultado(mensaje, ahora, VISTA_PREVIA, detalle, message_id)


def confirmar(compuestos: list[Mensaje], cartera: Cartera, calculado: Calculo) -> bool:
    """Show the plan (client, stage, amount, recipients) and ask; the default answer is no."""
    tabla = Table(title=f"Se enviarán {len(compuestos)} mensajes desde {cartera.configuracion.correo_remitente}",
                  title_justify="left", header_style="bold")
    for columna, alineacion in (("Cliente", "left"), ("Mensaje", "left"), ("Saldo", "right"), ("Para", "left")):
        tabla.add_column(columna, justify=alineacion)
    for mensaje in compuestos:
        aviso = mensaje.aviso
        tabla.add_row(escape(_nombre(cartera, aviso.cliente)), escape(aviso.etapa),
                      escape(_saldo_texto(aviso.facturas, cartera, calculado)), escape(", ".join(aviso.destinatarios)))
    consola = Console()
    consola.print(tabla)
    respuesta = consola.input("¿Enviar ahora? [s/N] ").strip().casefold()
    return respuesta in ("s", "si", "sí", "y", "yes")


def _nombre(cartera: Cartera, cliente: str) -> str:
    filas = cartera.clientes.loc[cartera.clientes["cliente"] == cliente, "nombre"]
    return str(filas.iloc[0]) if len(filas) else cliente


def _saldo_texto(facturas: tuple[str, ...], cartera: Cartera, calculado: Calculo) -> str:
    """The listed facturas' open balance, per currency, in the country's format."""
    tabla = calculado.facturas
    elegidas = tabla[tabla["factura"].isin(facturas) & tabla["abierta"]]
    sumas = elegidas.groupby("moneda", sort=True)["saldo"].sum()
    return formato.lista(formato.dinero(int(c), str(m), cartera.configuracion.pais) for m, c in sumas.items())


def enviar(compuestos: list[Mensaje], cartera: Cartera, carpeta_libro: Path, ahora: dt.datetime, *,
           espera_inicial: float = 2.0) -> tuple[tuple[Resultado, ...], tuple[str, ...]]:
    """Send over one Gmail connection, journaling each message before and after.

    ``espera_inicial``: seconds before the first retry of a temporary failure (doubling each time).
    """
    config = cartera.configuracion
    usuario = config.correo_remitente
    if not usuario:
        raise CorreoError("Falta el «Correo remitente» en la hoja Configuración. Escríbalo y ejecute «cartera correo».")
    secreto = clave.exigir_clave(usuario)
    cupo = config.limite_diario - diario.enviados_el(carpeta_libro, ahora.date())
    ajustes = gmail.Ajustes(config.servidor_smtp, config.puerto_smtp, config.seguridad_smtp, usuario)
    if cupo <= 0:
        return _todos_omitidos(compuestos, ahora, LIMITE_DIARIO), ()
    try:
        conexion = gmail.conectar(ajustes, secreto, espera_inicial=espera_inicial)
    except gmail.LimiteAlcanzado as limite:  # Gmail refuses even the login: everything waits for the next run
        return _todos_omitidos(compuestos, ahora, str(limite)), (str(limite),)
    resultados: list[Resultado] = []
    notas: list[str] = []
    with conexion:
        for mensaje in compuestos:
            if cupo <= 0:
                resultados.append(_omitido(mensaje, ahora, LIMITE_DIARIO))
                continue
            resultado, detener = _enviar_uno(conexion, mensaje, cartera, carpeta_libro, ahora)
            resultados.append(resultado)
            cupo -= resultado.resultado == ENVIADO
            if detener:
                cupo = 0
                notas.append(detener)
    return tuple(resultados), tuple(notas)


def _todos_omitidos(compuestos: list[Mensaje], ahora: dt.datetime, motivo: str) -> tuple[Resultado, ...]:
    return tuple(_omitido(m, ahora, motivo) for m in compuestos)


def _enviar_uno(conexion, mensaje: Mensaje, cartera: Cartera, carpeta_libro: Path, ahora: dt.datetime
                ) -> tuple[Resultado, str]:
    """Send one message. Returns (resultado, motivo para detener los envíos o "")."""
    correo, message_id, omitidos = _construir(mensaje, cartera, carpeta_libro, ahora)
    diario.anotar_intencion(carpeta_libro, _resultado(mensaje, ahora, "pendiente", "", message_id))
    try:
        entrega = conexion.enviar(correo)
    except gmail.LimiteAlcanzado as limite:
        diario.anotar_resultado(carpeta_libro, message_id, OMITIDO, str(limite))
        return _resultado(mensaje, ahora, OMITIDO, str(limite), message_id), str(limite)
    except CorreoError as error:  # e.g. the new login after a dropped line was refused: not sent, not «incierto»
        diario.anotar_resultado(carpeta_libro, message_id, OMITIDO, str(error))
        raise
    estado = {"enviado": ENVIADO, "fallido": FALLIDO, "incierto": INCIERTO}.get(entrega.estado, OMITIDO)
    detalle = entrega.detalle + (f" ({omitidos})" if omitidos else "")
    diario.anotar_resultado(carpeta_libro, message_id, estado, detalle)
    log.info("%s %s %s: %s", estado, mensaje.aviso.cliente, mensaje.aviso.etapa, entrega.detalle)
    return _resultado(mensaje, ahora, estado, detalle, message_id), ""


def abrir_archivo(ruta: Path) -> None:
    """Open a file with the platform's default program; silently nothing where there is none."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(ruta)  # type: ignore[attr-defined]  # noqa: S606
        elif sys.platform == "darwin":
            subprocess.Popen(["open", str(ruta)])  # noqa: S603, S607
        elif shutil.which("xdg-open"):
            subprocess.Popen(["xdg-open", str(ruta)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603, S607
    except OSError as error:
        log.warning("No se pudo abrir %s: %s", ruta, error)
