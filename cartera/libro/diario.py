"""The journal beside the workbook (``.cartera/diario.jsonl``).

The journal is append-only JSON lines, one event a line, flushed and fsynced
as it is written:

* ``intencion`` — written BEFORE a message goes out (``resultado``
  ``pendiente``, with its Message-ID);
* ``resultado`` — written AFTER, with the outcome and detail;
* ``liberado`` — the owner checked Gmail's "Enviados" and wants an
  ``incierto`` message sent again.

An intent with no result (the run was killed mid-send) reads as
``incierto`` and is never re-sent automatically.  A torn last line (a crash
mid-write) is ignored.  The journal is also where the history waits when the
workbook cannot be written (Excel has it open): ``pendientes_de_libro`` gives
what Historial does not hold yet.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from enum import StrEnum, unique
from pathlib import Path

from cartera.decisiones import Resultado
from cartera.errores import error_de_disco
from cartera.modelo import Envio
from cartera.vocabulario import RESULTADOS_QUE_CUENTAN, ResultadoAccion

CARPETA = ".cartera"
ARCHIVO = "diario.jsonl"


@unique
class Evento(StrEnum):
    """The kind of a journal line (its ``evento`` field)."""

    INTENCION = "intencion"
    RESULTADO = "resultado"
    LIBERADO = "liberado"

DETALLE_INCIERTO = "No consta si salió: el programa se interrumpió durante el envío. Revise «Enviados» en Gmail."
DETALLE_LIBERADO = "Liberado por el usuario para enviarse de nuevo."


def ruta_diario(carpeta: Path) -> Path:
    """``<carpeta>/.cartera/diario.jsonl``."""
    return Path(carpeta) / CARPETA / ARCHIVO


def _anotar(carpeta: Path, evento: dict) -> None:
    """Append one JSON line and fsync it; a torn last line is first closed with a newline."""
    ruta = ruta_diario(carpeta)
    linea = json.dumps(evento, ensure_ascii=False).encode("utf-8") + b"\n"
    try:
        ruta.parent.mkdir(parents=True, exist_ok=True)
        with open(ruta, "ab+") as f:
            if f.tell() > 0:
                f.seek(-1, os.SEEK_END)
                if f.read(1) != b"\n":
                    linea = b"\n" + linea
            f.write(linea)
            f.flush()
            os.fsync(f.fileno())
    except OSError as error:
        raise error_de_disco(error, "anotar el envío en el diario", ruta.parent) from error


def _ahora() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def anotar_intencion(carpeta: Path, resultado_planeado: Resultado) -> None:
    """Record, before sending, that this message is about to go out."""
    r = resultado_planeado
    _anotar(carpeta, {
        "evento": Evento.INTENCION, "fecha_hora": r.fecha_hora.isoformat(), "cliente": r.cliente,
        "facturas": list(r.facturas), "etapa": r.etapa, "canal": r.canal, "destinatarios": list(r.destinatarios),
        "asunto": r.asunto, "resultado": ResultadoAccion.PENDIENTE, "detalle": r.detalle, "message_id": r.message_id,
    })


def anotar_resultado(carpeta: Path, message_id: str, resultado: ResultadoAccion, detalle: str) -> None:
    """Record, after sending, what happened to the message ``message_id``."""
    _anotar(carpeta, {"evento": Evento.RESULTADO, "fecha_hora": _ahora(), "message_id": message_id,
                      "resultado": resultado, "detalle": detalle})


def liberar(carpeta: Path, message_id: str) -> None:
    """Release an ``incierto`` message so that the plan may send it again."""
    _anotar(carpeta, {"evento": Evento.LIBERADO, "fecha_hora": _ahora(), "message_id": message_id})


def _eventos(carpeta: Path) -> Iterator[dict]:
    ruta = ruta_diario(carpeta)
    if not ruta.exists():
        return
    with open(ruta, "rb") as f:
        for linea in f:
            try:
                evento = json.loads(linea)
            except ValueError:
                continue  # torn line (crash mid-write) or damage: skipped, never fatal
            if isinstance(evento, dict) and "evento" in evento:
                yield evento


def _intencion(evento: dict) -> Resultado:
    return Resultado(dt.datetime.fromisoformat(evento["fecha_hora"]), evento.get("cliente", ""),
                     tuple(evento.get("facturas", ())), evento.get("etapa", ""), evento.get("canal", ""),
                     tuple(evento.get("destinatarios", ())), evento.get("asunto", ""), ResultadoAccion.INCIERTO,
                     DETALLE_INCIERTO, evento.get("message_id", ""))


def leer_diario(carpeta: Path) -> tuple[Resultado, ...]:
    """Every journaled action in order, with its latest state.

    An intent with no result is ``incierto``; a released one is ``fallido``
    (with ``DETALLE_LIBERADO``) so that it no longer counts as sent.
    """
    acciones: dict[str, Resultado] = {}
    for n, evento in enumerate(_eventos(carpeta)):
        clave = evento.get("message_id") or f"#{n}"
        try:
            if evento["evento"] == Evento.INTENCION:
                acciones[clave] = _intencion(evento)
            elif clave in acciones and evento["evento"] == Evento.RESULTADO:
                acciones[clave] = acciones[clave]._replace(resultado=ResultadoAccion(evento["resultado"]),
                                                           detalle=evento.get("detalle", ""))
            elif clave in acciones and evento["evento"] == Evento.LIBERADO:
                acciones[clave] = acciones[clave]._replace(resultado=ResultadoAccion.FALLIDO, detalle=DETALLE_LIBERADO)
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(acciones.values())


def envios_del_diario(carpeta: Path) -> tuple[Envio, ...]:
    """The journal as (factura, etapa) records, one per factura of each action."""
    return tuple(Envio(r.fecha_hora.date(), f, r.etapa, r.resultado, r.message_id) for r in leer_diario(carpeta) for f in r.facturas)


def liberados(carpeta: Path) -> frozenset[str]:
    """Message-IDs the owner released: they override an ``incierto`` already in Historial."""
    return frozenset(e.get("message_id", "") for e in _eventos(carpeta) if e["evento"] == Evento.LIBERADO)


def enviados_el(carpeta: Path, fecha: dt.date) -> int:
    """Messages sent (or maybe sent) on ``fecha``, for the daily limit."""
    return sum(1 for r in leer_diario(carpeta) if r.fecha_hora.date() == fecha and r.resultado in RESULTADOS_QUE_CUENTAN)


def _segundo(fecha_hora: dt.datetime) -> dt.datetime:
    """Naive, rounded to the second: how a time survives a trip through an Excel cell."""
    return (fecha_hora.replace(tzinfo=None) + dt.timedelta(microseconds=500_000)).replace(microsecond=0)


def pendientes_de_libro(carpeta: Path, historial_del_libro_message_ids: Iterable[str | tuple]) -> tuple[Resultado, ...]:
    """Journal actions the workbook's Historial does not hold yet (to append on this run).

    The second argument holds Message-IDs, and ``(fecha_hora, cliente, etapa)``
    for Historial rows without one (``filas_historial.message_ids_en_historial``).
    """
    ids, claves = set(), set()
    for x in historial_del_libro_message_ids:
        if isinstance(x, str):
            ids.add(x.strip())
        else:
            claves.add((_segundo(x[0]), str(x[1]), str(x[2])))
    return tuple(r for r in leer_diario(carpeta) if not (
        r.message_id in ids if r.message_id else (_segundo(r.fecha_hora), r.cliente, r.etapa) in claves))
