"""The ``Por confirmar`` sheet as data: the suggested lines written for the owner, and what the owner confirmed.

Each sugerido line becomes one row (:data:`ENCABEZADOS`): the bank line, its candidates, the first one's
invoices under ``Factura sugerida``, and an empty ``Confirmar`` cell where the owner writes «sí» (the suggested
invoices), one or more invoice numbers («FV-102» or «FV-101, FV-105»), or «no» (not a payment of an invoice:
never offered again).  The next run reads the rows back (:func:`confirmadas`) and registers the confirmed ones
with the line's key, so a confirmed line is registered once however many runs see the row.

Pure: the shell writes the rows into the workbook and reads them back as dicts (header → cell).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from cartera import formato
from cartera.conciliacion.candidatos import Pendientes
from cartera.conciliacion.cotejo import METODO, SUGERIDO, Conciliacion, PagoPropuesto
from cartera.dinero import a_centavos, a_pesos
from cartera.lectura.clientes import si_no
from cartera.lectura.textos import sin_adornos

HOJA = "Por confirmar"
ENCABEZADOS = ("Confirmar", "Factura sugerida", "Fecha", "Importe", "Moneda", "Texto del banco", "Referencia",
               "Candidatos", "Motivo", "Archivo", "Línea", "Clave")
"""The columns of ``Por confirmar``, in order: ``Confirmar`` (the owner's) first, beside the suggestion; the rest
cartera's.  A sheet written in another order is read and rewritten by its headers' names."""
INSTRUCCION = ("Escriba «sí» en Confirmar para registrar la factura sugerida, o el número de otra factura; «no» "
               "descarta la línea. cartera lo registra en su próxima ejecución.")
"""The line above the header of a «Por confirmar» cartera creates."""


def _candidatos(c: Conciliacion, pais: str) -> str:
    moneda = c.movimiento.moneda
    return "; ".join(f"{i}) {' + '.join(x.facturas)} ({x.cliente}, debe {formato.dinero(x.saldo, moneda, pais)}): "
                     + ", ".join(x.motivos) for i, x in enumerate(c.candidatos, start=1))


def filas(conciliaciones: Iterable[Conciliacion], pais: str) -> list[list[object]]:
    """One row per sugerido line, in :data:`ENCABEZADOS` order (Importe as a ``Decimal`` in currency units)."""
    salida = []
    for c in conciliaciones:
        if c.estado != SUGERIDO:
            continue
        m = c.movimiento
        sugerida = ", ".join(c.candidatos[0].facturas) if c.candidatos else ""
        salida.append(["", sugerida, m.fecha, a_pesos(m.importe), m.moneda, m.texto, m.referencia,
                       _candidatos(c, pais), c.motivo, m.archivo, m.linea, m.clave])
    return salida


class Confirmadas(NamedTuple):
    """What the owner's ``Confirmar`` cells say: ``pagos`` to register, ``descartadas`` keys (a «no»: remembered,
    never offered again), ``avisos`` Spanish (a row that cannot be registered as written stays to confirm)."""

    pagos: tuple[PagoPropuesto, ...] = ()
    descartadas: tuple[str, ...] = ()
    avisos: tuple[str, ...] = ()


def _importe(valor: object) -> int | None:
    try:
        return a_centavos(Decimal(str(valor).strip()))
    except (InvalidOperation, ValueError):
        return None


def _fecha(valor: object) -> dt.date | None:
    if isinstance(valor, dt.datetime):
        return valor.date()
    return valor if isinstance(valor, dt.date) else None


def _facturas(confirmar: str, sugerida: str, pendientes: Pendientes) -> list[str] | str:
    """The invoices the owner means, or a Spanish reason."""
    escritas = sugerida if si_no(confirmar) is True else confirmar
    por_clave = {sin_adornos(f): f for f in pendientes.facturas}
    numeros = [n for n in re.split(r"\s*(?:[,;+]|\by\b)\s*", escritas.strip()) if n.strip()]
    halladas = [por_clave.get(sin_adornos(n)) for n in numeros]
    if not numeros:
        return "no hay factura sugerida: escriba el número de la factura"
    if None in halladas:
        malas = [n.strip() for n, h in zip(numeros, halladas, strict=True) if h is None]
        return f"no hay factura abierta «{', '.join(malas)}»"
    return [h for h in halladas if h is not None]


def _repartir(facturas: list[str], importe: int, pendientes: Pendientes) -> list[tuple[str, int]]:
    """Each invoice its balance in order, the last what remains (less: a partial payment; more: saldo a favor)."""
    partes, resto = [], importe
    for f in facturas[:-1]:
        monto = min(resto, pendientes.facturas[f].saldo)
        if monto > 0:
            partes.append((f, monto))
            resto -= monto
    return [*partes, (facturas[-1], resto)] if resto > 0 else partes


def confirmadas(filas_leidas: Sequence[Mapping[str, object]], pendientes: Pendientes, registradas: frozenset[str],
                primera_fila: int = 2) -> Confirmadas:
    """Read the owner's answers.  ``filas_leidas``: each row as header → cell (``ENCABEZADOS``); ``pendientes``:
    the open invoices now; ``registradas``: keys already registered (their rows are done, skipped);
    ``primera_fila``: the Excel row of the first data row, for messages."""
    pagos: list[PagoPropuesto] = []
    descartadas: list[str] = []
    avisos: list[str] = []
    for numero, fila in enumerate(filas_leidas, start=primera_fila):
        clave, confirmar = str(fila.get("Clave") or "").strip(), str(fila.get("Confirmar") or "").strip()
        if not confirmar or not clave or clave in registradas:
            continue
        if si_no(confirmar) is False:
            descartadas.append(clave)
            continue
        fecha, importe = _fecha(fila.get("Fecha")), _importe(fila.get("Importe"))
        facturas = _facturas(confirmar, str(fila.get("Factura sugerida") or ""), pendientes)
        if isinstance(facturas, str) or fecha is None or importe is None or importe <= 0:
            motivo = facturas if isinstance(facturas, str) else "la fecha o el importe de la fila fueron cambiados"
            avisos.append(f"{HOJA}, fila {numero}: {motivo}; sigue por confirmar.")
            continue
        for factura, monto in _repartir(facturas, importe, pendientes):
            pagos.append(PagoPropuesto(fecha, factura, pendientes.facturas[factura].cliente, monto, METODO,
                                       str(fila.get("Referencia") or ""), clave, pendientes.facturas[factura].moneda))
            pendientes.pagar(factura, monto)
        registradas = registradas | {clave}
    return Confirmadas(tuple(pagos), tuple(descartadas), tuple(avisos))
