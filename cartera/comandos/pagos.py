"""``cartera pagos LIBRO EXTRACTO…``: payments from the bank statement (issue 16).

Read the workbook and compute the open balances as of the cut-off date, read every statement (all or
nothing: one bad file stops the command with exit code 2 and nothing from any file is registered), match
each credit (``conciliacion.cotejo``) and say what happens to each line.  ``--prueba`` prints what would be
registered and writes nothing; ``--enviar`` (``extractos.registro``) appends the seguro lines and the rows the
owner confirmed to ``Pagos``, rewrites «Por confirmar», and only then remembers the files and keys.

The drop folder ``extractos/`` read by ``cartera cobrar`` goes through the same functions: see
``comandos.extracto_diario``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from cartera import formato
from cartera.calculo import antiguedad as calculo
from cartera.calculo import calendario
from cartera.comandos.registro import configurar as configurar_log
from cartera.conciliacion import cotejo
from cartera.conciliacion.cotejo import Conciliacion
from cartera.conciliacion.movimientos import Extracto
from cartera.errores import CarteraError, LibroInvalido, error_de_disco
from cartera.extractos import archivos, memoria, registro
from cartera.libro import apertura as libro
from cartera.libro import bloqueo
from cartera.libro.anotacion import ultimos_avisos, valores_propios
from cartera.modelo import Calculo, Cartera
from cartera.vocabulario import Modo


class OpcionesPagos(NamedTuple):
    """What the user asked for: ``libro`` (absolute), ``extractos`` (the statement files), ``modo``
    (``--enviar`` / ``--prueba``; None = the workbook's Modo), ``fecha`` (``--fecha``; None = the workbook's
    Fecha de corte, else today), ``ahora`` (the clock, read once by ``cli``), ``json``."""

    libro: Path
    extractos: tuple[Path, ...]
    modo: Modo | None
    fecha: dt.date | None
    ahora: dt.datetime
    json: bool = False


class Importacion(NamedTuple):
    """The statements read and what matching decided for each credit (in date order)."""

    extractos: tuple[Extracto, ...]
    conciliaciones: tuple[Conciliacion, ...]

    @property
    def avisos(self) -> tuple[str, ...]:
        return tuple(a for e in self.extractos for a in e.avisos)

    def por_estado(self, estado: str) -> tuple[Conciliacion, ...]:
        return tuple(c for c in self.conciliaciones if c.estado == estado)


def claves_en_pagos(cartera: Cartera) -> frozenset[str]:
    """The bank line keys of ``Pagos``' «Clave extracto» column (none when the sheet has no such column)."""
    if "clave" not in cartera.pagos.columns:
        return frozenset()
    return frozenset(str(c) for c in cartera.pagos["clave"] if str(c).strip())


def importar(cartera: Cartera, calculado: Calculo, rutas: Sequence[Path], carpeta: Path) -> Importacion:
    """Read the statements (ExtractoInvalido on the first bad one) and match their credits; writes nothing."""
    configuracion = cartera.configuracion
    extractos = archivos.leer_extractos(rutas, configuracion.pais, configuracion.moneda,
                                        mapeo=configuracion.mapeo_extracto)
    registradas, borradas = memoria.cargar(carpeta).claves_de(claves_en_pagos(cartera))
    abonos = [m for e in extractos for m in e.abonos]
    conciliaciones = cotejo.conciliar(abonos, calculado.facturas, cartera.clientes, cartera.pagos,
                                      registradas=registradas, borradas=borradas,
                                      registrar_parciales=configuracion.registrar_abonos_parciales,
                                      pais=configuracion.pais)
    return Importacion(extractos, conciliaciones)


def _linea(c: Conciliacion, pais: str) -> str:
    m = c.movimiento
    cabeza = (f"{formato.fecha(m.fecha, pais)}  {formato.dinero(m.importe, m.moneda, pais)}  «{m.texto or m.referencia}» "
              f"({m.archivo}, línea {m.linea})")
    if c.estado == cotejo.SEGURO:
        destino = ", ".join(f"{p.factura} {formato.dinero(p.monto, m.moneda, pais)}" for p in c.pagos)
        return f"  {cabeza}\n      → {destino}: {c.motivo}"
    opciones = "; ".join(f"{' + '.join(x.facturas)} ({x.cliente})" for x in c.candidatos[:3])
    return f"  {cabeza}\n      {c.motivo}" + (f"\n      candidatos: {opciones}" if opciones else "")


_TITULOS = ((cotejo.SEGURO, "Se registrarían en Pagos"), (cotejo.SUGERIDO, "Por confirmar"),
            (cotejo.POSIBLE_DUPLICADO, "¿Ya registrado? (no se agregan)"),
            (cotejo.SIN_IDENTIFICAR, "Sin identificar"), (cotejo.YA_REGISTRADO, "Ya registrados antes (no se agregan)"))


def texto(importacion: Importacion, pais: str, *, prueba: bool) -> str:
    """What ``cartera pagos`` prints: each line under its verdict, the warnings, the summary."""
    partes = [f"{len(importacion.extractos)} extracto(s) leído(s): "
              + ", ".join(f"{e.archivo} ({e.formato}, {len(e.abonos)} abonos)" for e in importacion.extractos)]
    for estado, titulo in _TITULOS:
        lineas = importacion.por_estado(estado)
        if lineas:
            partes += [f"\n{titulo} ({len(lineas)}):", *(_linea(c, pais) for c in lineas)]
    partes += [f"\nAviso: {a}" for a in importacion.avisos]
    resumen = cotejo.resumen(importacion.conciliaciones)
    if prueba:
        resumen = resumen.replace("registrados", "por registrar").replace("registrado", "por registrar")
        resumen += " (prueba: no se escribió nada en el libro)"
    return "\n".join(partes) + f"\n\n{resumen}."


def _json(importacion: Importacion) -> str:
    return json.dumps({"conciliaciones": [
        {"estado": c.estado, "archivo": c.movimiento.archivo, "linea": c.movimiento.linea,
         "fecha": c.movimiento.fecha.isoformat(), "importe": c.movimiento.importe, "clave": c.movimiento.clave,
         "facturas": [p.factura for p in c.pagos] or [f for x in c.candidatos[:1] for f in x.facturas],
         "motivo": c.motivo} for c in importacion.conciliaciones],
        "resumen": cotejo.resumen(importacion.conciliaciones), "avisos": list(importacion.avisos)}, ensure_ascii=False)


def pagos(opciones: OpcionesPagos) -> int:
    """Read, match and show, under the run lock (held from reading to remembering, so a «cartera cobrar» of
    the same book cannot register the same lines in between).  Returns the exit code (0; a bad statement
    raises ExtractoInvalido → 2)."""
    if not opciones.libro.exists():
        raise LibroInvalido(f"No encuentro el libro {opciones.libro}. Revise el nombre y la carpeta.")
    configurar_log(opciones.libro.parent)  # details of a refused write go to cartera.log, never to the screen
    with bloqueo.bloqueo(opciones.libro):
        return _pagos(opciones)


def _pagos(opciones: OpcionesPagos) -> int:
    ruta = opciones.libro
    cartera = libro.leer(ruta)
    fecha = opciones.fecha or cartera.configuracion.fecha_corte or opciones.ahora.date()
    festivos = calendario.festivos_cerca(cartera.configuracion.pais, fecha)
    calculado = calculo.calcular(cartera, fecha, festivos)
    importacion = importar(cartera, calculado, opciones.extractos, ruta.parent)
    envio = (opciones.modo or cartera.configuracion.modo) == Modo.ENVIO
    if opciones.json:
        print(_json(importacion))
    else:
        print(texto(importacion, cartera.configuracion.pais, prueba=not envio))
    if not envio:
        return 0
    if ruta.suffix.lower() != ".xlsx":
        print(f"El libro es {ruta.suffix}: solo se escribe en un Libro de Excel (.xlsx). Guárdelo como .xlsx y "
              "repita; no se registró nada.")
        return 1

    propias = propias_con(cartera, fecha, festivos)
    registradas, _ = memoria.cargar(ruta.parent).claves_de(claves_en_pagos(cartera))
    try:
        hecho = registro.registrar(ruta, cartera, calculado, importacion.conciliaciones, opciones.extractos,
                                   registradas, opciones.ahora.date(), propias)
    except OSError as error:
        raise error_de_disco(error, "registrar los pagos en el libro", ruta.parent) from error
    except CarteraError as error:
        print(f"No se escribió en el libro: {error} No se anotó nada como registrado: la próxima ejecución lo "
              "intentará de nuevo.")
        return 1
    if not opciones.json:
        print(resumen_registro(hecho))
    return 0


def propias_con(cartera: Cartera, fecha: dt.date, festivos) -> Callable[[Sequence[cotejo.PagoPropuesto]], pd.DataFrame]:
    """Facturas' owned columns once the given payments count (what ``registro.registrar`` writes beside them)."""
    def propias(nuevos: Sequence[cotejo.PagoPropuesto]) -> pd.DataFrame:
        con_nuevos = dataclasses.replace(cartera, pagos=con_pagos(cartera.pagos, nuevos))
        return valores_propios(calculo.calcular(con_nuevos, fecha, festivos), ultimos_avisos(cartera.historial, ()))
    return propias


def con_pagos(pagos: pd.DataFrame, nuevos: Sequence[cotejo.PagoPropuesto]) -> pd.DataFrame:
    """``Pagos`` as read plus the new payments (for the owned columns computed after them)."""
    if not nuevos:
        return pagos
    filas = pd.DataFrame([{"fecha": pd.Timestamp(p.fecha), "factura": p.factura, "cliente": p.cliente,
                           "monto": p.monto, "metodo": p.metodo, "referencia": p.referencia, "clave": p.clave,
                           "fila": 0} for p in nuevos])
    juntos = pd.concat([pagos, filas[[c for c in filas.columns if c in pagos.columns]]], ignore_index=True)
    return juntos.astype(pagos.dtypes.to_dict())


def resumen_registro(hecho: registro.Registro) -> str:
    """What ``--enviar`` wrote, in Spanish."""
    partes = [f"Escrito en el libro: {len(hecho.pagos)} pago(s) agregado(s) a Pagos"
              + (f" ({hecho.confirmados} confirmado(s) en «Por confirmar»)" if hecho.confirmados else "")
              + f"; {hecho.por_confirmar} línea(s) en «Por confirmar»"
              + (f"; {len(hecho.descartadas)} descartada(s) (no se volverán a proponer)" if hecho.descartadas else "")
              + "."]
    partes += [f"Aviso: {a}" for a in (*hecho.avisos, *hecho.notas)]
    return "\n".join(partes)
