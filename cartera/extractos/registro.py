"""``cartera pagos --enviar``: what the statements say, written into the workbook (issue 16).

The seguro lines and the rows the owner confirmed in «Por confirmar» are appended to ``Pagos`` (Método
«extracto», their line key under «Clave extracto»); «Por confirmar» is rewritten with the lines still to
confirm.  Both go through ``libro.escritura`` (only changed parts rewritten, checked, backed up, replaced), and
only once the workbook is written are the files and keys remembered in ``.cartera/extractos.json``: when the
write fails (Excel has the file open, a full disk) nothing is remembered and the next run does it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from python_calamine import CalamineError, CalamineWorkbook

from cartera.conciliacion import candidatos, confirmacion
from cartera.conciliacion.cotejo import SEGURO, Conciliacion, PagoPropuesto
from cartera.dinero import a_centavos
from cartera.errores import LibroInvalido
from cartera.extractos import memoria
from cartera.lectura import esquema
from cartera.libro import escritura
from cartera.libro.filas_historial import Anexo, anexo_pagos
from cartera.modelo import Calculo, Cartera

_DINERO_CONFIRMAR = tuple(e == "Importe" for e in confirmacion.ENCABEZADOS)


class Registro(NamedTuple):
    """What ``registrar`` wrote: ``pagos`` appended to Pagos (seguro first, then the confirmed ones),
    ``confirmados`` how many of them came from «Por confirmar», ``descartadas`` lines the owner said «no» to,
    ``por_confirmar`` rows left in that sheet, ``avisos`` (Spanish), ``notas`` of the write-back."""

    pagos: tuple[PagoPropuesto, ...]
    confirmados: int
    descartadas: tuple[str, ...]
    por_confirmar: int
    avisos: tuple[str, ...]
    notas: tuple[str, ...]


def leer_por_confirmar(ruta: Path) -> tuple[list[dict[str, object]], int]:
    """The rows of the workbook's «Por confirmar» as header → cell, and the Excel row of the first one
    (([], 2) when the book has no such sheet)."""
    try:
        libro = CalamineWorkbook.from_path(str(ruta))
        try:
            nombre = next((n for n in libro.sheet_names if esquema.normalizar(n) == esquema.normalizar(confirmacion.HOJA)), None)
            if nombre is None:
                return [], 2
            hoja = libro.get_sheet_by_name(nombre)
            filas = hoja.to_python(skip_empty_area=False)
        finally:
            libro.close()
    except CalamineError as error:
        raise LibroInvalido(f"No se pudo leer la hoja «{confirmacion.HOJA}» de «{ruta.name}»: el libro está dañado.") from error
    for k, fila in enumerate(filas):
        textos = [str(v).strip() for v in fila]
        if "Confirmar" in textos and "Clave" in textos:
            datos = [dict(zip(textos, f, strict=False)) for f in filas[k + 1:]]
            return [d for d in datos if any(str(v).strip() for v in d.values())], k + 2
    return [], 2


def _fila_escrita(fila: Mapping[str, object] | Sequence[object]) -> tuple:
    """A «Por confirmar» row in ENCABEZADOS order, its Importe in integer centavos."""
    valores = list(fila) if not isinstance(fila, Mapping) else [fila.get(e, "") for e in confirmacion.ENCABEZADOS]
    i = confirmacion.ENCABEZADOS.index("Importe")
    try:
        valores[i] = a_centavos(Decimal(str(valores[i]).strip()))
    except (InvalidOperation, ValueError):
        pass
    return tuple(valores)


def _por_confirmar(nuevas: list[list[object]], leidas: list[dict[str, object]], resueltas: frozenset[str]) -> list[tuple]:
    """This run's suggested lines, plus the sheet's rows not resolved yet; a row the owner answered in a way
    that cannot be registered (a warning said so) stays as the owner left it."""
    i = confirmacion.ENCABEZADOS.index("Clave")
    filas: dict[str, tuple] = {str(f[i]): _fila_escrita(f) for f in nuevas if str(f[i]) not in resueltas}
    for fila in leidas:
        clave = str(fila.get("Clave") or "").strip()
        if clave and clave not in resueltas and (clave not in filas or str(fila.get("Confirmar") or "").strip()):
            filas[clave] = _fila_escrita(fila)
    return list(filas.values())


def registrar(ruta: Path, cartera: Cartera, calculado: Calculo, conciliaciones: Sequence[Conciliacion],
              archivos: Sequence[Path], registradas: frozenset[str], hoy: dt.date,
              propias: Callable[[Sequence[PagoPropuesto]], pd.DataFrame]) -> Registro:
    """Write the payments and «Por confirmar» into ``ruta``, then remember ``archivos`` and the keys.

    ``registradas``: the keys never to register again (Pagos' and the discarded ones); ``propias``: Facturas' owned columns once
    the given payments count.  Raises ``LibroOcupado`` / ``CarteraError`` when the workbook cannot be written:
    then nothing is remembered.
    """
    seguros = [p for c in conciliaciones if c.estado == SEGURO for p in c.pagos]
    pendientes = candidatos.Pendientes(candidatos.abiertas(calculado.facturas))
    for p in seguros:
        if p.factura in pendientes.facturas:
            pendientes.pagar(p.factura, p.monto)
    leidas, primera = leer_por_confirmar(ruta)
    confirmadas = confirmacion.confirmadas(leidas, pendientes, registradas | {p.clave for p in seguros}, primera)
    pagos = (*seguros, *confirmadas.pagos)
    resueltas = registradas | {p.clave for p in pagos} | set(confirmadas.descartadas)
    filas = _por_confirmar(confirmacion.filas(conciliaciones, cartera.configuracion.pais), leidas, frozenset(resueltas))
    anexos = [anexo_pagos(pagos, cartera.origen.get(esquema.PAGOS))] if pagos else []
    if filas or leidas:
        anexos.append(Anexo(confirmacion.HOJA, primera - 1 if primera > 2 else None, confirmacion.ENCABEZADOS,
                            tuple(filas), _DINERO_CONFIRMAR, reemplazar=True, titulo=confirmacion.INSTRUCCION))
    notas = escritura.escribir(ruta, propias(pagos), (), origen=cartera.origen, anexos=anexos)
    recordada = memoria.cargar(ruta.parent)
    procesados = [memoria.Procesado(memoria.huella(a.read_bytes()), a.name, hoy) for a in archivos]
    memoria.guardar(ruta.parent, memoria.con(recordada, procesados, [p.clave for p in pagos], confirmadas.descartadas))
    return Registro(pagos, len(confirmadas.pagos), confirmadas.descartadas, len(filas), confirmadas.avisos, notas)
