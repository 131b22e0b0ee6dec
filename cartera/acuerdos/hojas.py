"""The ``Acuerdos`` and ``Cuotas`` sheets, validated into records.  Pure.

A bad row is a ``Rechazo`` naming its sheet, row, column and value, and is
left out; the other rows still count.  An ``Acuerdos`` row is refused when
its client or one of its facturas is unknown, a factura is another client's
or already in an earlier agreement, its facturas are in several currencies,
or a date, the number of instalments or the periodicity cannot be read.  A
``Cuotas`` row whose agreement no row of ``Acuerdos`` names is kept in the
sheet but not used (a warning).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from cartera.acuerdos.pacto import Acuerdo, Cuota, Periodicidad
from cartera.lectura import esquema
from cartera.lectura.conversion import enteros, fechas, textos
from cartera.lectura.facturas import en_pesos
from cartera.lectura.problemas import Problema, celdas_de, de_malas, donde, faltan, rechazos
from cartera.lectura.tabla import Tabla
from cartera.modelo import Rechazo

PERIODICIDADES = {"semanal": Periodicidad.SEMANAL, "semana": Periodicidad.SEMANAL, "cada semana": Periodicidad.SEMANAL,
                  "quincenal": Periodicidad.QUINCENAL, "quincena": Periodicidad.QUINCENAL,
                  "cada 15 dias": Periodicidad.QUINCENAL, "mensual": Periodicidad.MENSUAL, "mes": Periodicidad.MENSUAL,
                  "cada mes": Periodicidad.MENSUAL}
"""Accepted spellings (compared after ``esquema.normalizar``)."""
CANCELADO = frozenset({"cancelado", "cancelada", "anulado", "anulada"})
VIGENTE = frozenset({"", "vigente", "activo", "activa", "en curso", "incumplido", "pagado", "terminado por incumplimiento"})
MAXIMO_CUOTAS = 120


class Leidos(NamedTuple):
    """The valid agreements and instalments, and every problem found (as ``Rechazo``)."""

    acuerdos: tuple[Acuerdo, ...] = ()
    cuotas: tuple[Cuota, ...] = ()
    rechazos: tuple[Rechazo, ...] = ()


def numeros_de(texto: str) -> tuple[str, ...]:
    """Invoice numbers separated by commas, semicolons or «y»: ``"FE-1, FE-2 y FE-3"`` → three numbers."""
    return tuple(dict.fromkeys(p.strip() for p in re.split(r"\s*[,;]\s*|\s+y\s+", texto) if p.strip()))


def _fecha(celda: np.datetime64) -> dt.date:
    return pd.Timestamp(celda).date()


class _Facturas(NamedTuple):
    cliente: dict[str, str]
    moneda: dict[str, str]
    clientes: frozenset[str]


def _problemas_facturas(pos: int, cliente: str, numeros: tuple[str, ...], libro: _Facturas,
                        tomadas: dict[str, int]) -> list[Problema]:
    """The problems of one row's list of facturas (unknown, another client's, in an earlier agreement, currencies)."""
    for numero in numeros:
        if numero not in libro.cliente:
            return [Problema(pos, "facturas", f"La factura «{numero}» no está en la hoja Facturas (o fue rechazada).")]
        if libro.cliente[numero] != cliente:
            return [Problema(pos, "facturas", f"La factura «{numero}» es del cliente «{libro.cliente[numero]}», "
                                              f"no de «{cliente}».")]
        if numero in tomadas:
            return [Problema(pos, "facturas", f"La factura «{numero}» ya está en el acuerdo de la fila {tomadas[numero]}: "
                                              "una factura va en un solo acuerdo vigente.")]
    if len({libro.moneda[n] for n in numeros}) > 1:
        return [Problema(pos, "facturas", "Las facturas de un acuerdo deben estar en la misma moneda: haga un acuerdo "
                                          "por moneda.")]
    return []


def _periodicidad(texto: str) -> Periodicidad | None:
    return PERIODICIDADES.get(esquema.normalizar(texto))


def leer_acuerdos(tabla: Tabla, facturas: pd.DataFrame, clientes: pd.Series, pais: str) -> tuple[tuple[Acuerdo, ...], list[Problema]]:
    """Validate ``Acuerdos``.  ``facturas``: ``Cartera.facturas`` (factura, cliente, moneda); ``clientes``: the codes."""
    libro = _Facturas(dict(zip(facturas["factura"].astype(str), facturas["cliente"].astype(str), strict=True)),
                      dict(zip(facturas["factura"].astype(str), facturas["moneda"].astype(str), strict=True)),
                      frozenset(clientes.astype(str)))
    cliente, lista = textos(celdas_de(tabla, "cliente")), textos(celdas_de(tabla, "facturas"))
    fecha, primera = fechas(celdas_de(tabla, "fecha"), pais), fechas(celdas_de(tabla, "primera"), pais)
    cuotas, inicial = enteros(celdas_de(tabla, "cuotas")), en_pesos(tabla, "inicial", pais)
    periodo, estado, codigo = (textos(celdas_de(tabla, c)) for c in ("periodicidad", "estado", "acuerdo"))
    problemas = faltan(tabla, cliente == "", "cliente", "Falta el cliente del acuerdo (su código, como en Facturas).")
    problemas += donde((cliente != "") & ~np.isin(cliente, list(libro.clientes)), "cliente",
                       "Este cliente no está en la hoja Clientes ni en Facturas: escriba su código como en Facturas.")
    problemas += faltan(tabla, lista == "", "facturas", "Faltan las facturas del acuerdo (sus números, separados por comas).")
    for campo, columna, motivo in (("fecha", fecha, "Falta la fecha del acuerdo."),
                                   ("primera", primera, "Falta la fecha de la primera cuota.")):
        problemas += de_malas(columna.malas, campo) + faltan(tabla, columna.vacias, campo, motivo)
    problemas += de_malas(cuotas.malas, "cuotas") + donde(~cuotas.vacias & ((cuotas.valores < 1) | (cuotas.valores > MAXIMO_CUOTAS)),
                                                          "cuotas", f"El número de cuotas debe estar entre 1 y {MAXIMO_CUOTAS}.")
    problemas += faltan(tabla, cuotas.vacias, "cuotas", "Falta el número de cuotas.")
    problemas += de_malas(inicial.malas, "inicial") + donde(inicial.valores < 0, "inicial", "La cuota inicial no puede ser negativa.")
    problemas += donde(np.array([_periodicidad(t) is None for t in periodo], dtype=bool), "periodicidad",
                       "La periodicidad debe ser semanal, quincenal o mensual.")
    problemas += donde(~fecha.vacias & ~primera.vacias & (primera.valores < fecha.valores), "primera",
                       "La primera cuota no puede vencer antes de la fecha del acuerdo.")
    problemas += donde(np.array([esquema.normalizar(t) not in CANCELADO | VIGENTE for t in estado], dtype=bool), "estado",
                       "Estado desconocido: escriba Cancelado para terminar el acuerdo, o déjelo en blanco. "
                       "Se toma como vigente.", grave=False)
    return _armar(tabla, libro, problemas, (cliente, lista, fecha, primera, cuotas, inicial, periodo, estado, codigo))


def _armar(tabla: Tabla, libro: _Facturas, problemas: list[Problema], col: tuple) -> tuple[tuple[Acuerdo, ...], list[Problema]]:
    cliente, lista, fecha, primera, cuotas, inicial, periodo, estado, codigo = col
    malas = {p.pos for p in problemas if p.grave}
    tomadas: dict[str, int] = {}
    codigos: dict[str, int] = {}
    acuerdos = []
    for pos in range(len(tabla.filas)):
        if pos in malas:
            continue
        numeros = numeros_de(lista[pos])
        cancelado = esquema.normalizar(estado[pos]) in CANCELADO
        propios = _problemas_facturas(pos, cliente[pos], numeros, libro, {} if cancelado else tomadas)
        dia = _fecha(fecha.valores[pos])
        clave = codigo[pos] or f"{cliente[pos]}-{dia:%Y%m%d}"
        if not propios and clave in codigos:
            propios = [Problema(pos, "acuerdo" if codigo[pos] else "fecha", f"El acuerdo «{clave}» ya está en la fila "
                                f"{codigos[clave]}: escriba un código distinto en la columna Acuerdo.")]
        problemas += propios
        if propios:
            continue
        fila = int(tabla.filas[pos])
        codigos[clave] = fila
        if not cancelado:
            tomadas.update(dict.fromkeys(numeros, fila))
        acuerdos.append(Acuerdo(clave, cliente[pos], numeros, dia, int(cuotas.valores[pos]), _periodicidad(periodo[pos]),
                                _fecha(primera.valores[pos]), int(inicial.valores[pos]), cancelado, fila))
    return tuple(acuerdos), problemas


def leer_cuotas(tabla: Tabla, acuerdos: tuple[Acuerdo, ...], pais: str) -> tuple[tuple[Cuota, ...], list[Problema]]:
    """Validate ``Cuotas``: Acuerdo, Cuota (0 = the down payment), Vence and Valor ≥ 0; one row per (acuerdo, cuota).

    A row of an agreement ``Acuerdos`` does not name is returned too (the write-back keeps it), with a warning;
    :func:`cartera.acuerdos.situacion.situaciones` never uses it."""
    codigo, cliente = textos(celdas_de(tabla, "acuerdo")), textos(celdas_de(tabla, "cliente"))
    numero, vence, valor = enteros(celdas_de(tabla, "cuota")), fechas(celdas_de(tabla, "vence"), pais), en_pesos(tabla, "valor", pais)
    problemas = faltan(tabla, codigo == "", "acuerdo", "Falta el código del acuerdo (como en la hoja Acuerdos).")
    problemas += de_malas(numero.malas, "cuota") + faltan(tabla, numero.vacias, "cuota", "Falta el número de la cuota.")
    problemas += donde(numero.valores < 0, "cuota", "El número de la cuota no puede ser negativo (0 = la cuota inicial).")
    problemas += de_malas(vence.malas, "vence") + faltan(tabla, vence.vacias, "vence", "Falta la fecha en que vence la cuota.")
    problemas += de_malas(valor.malas, "valor") + faltan(tabla, valor.vacias, "valor", "Falta el valor de la cuota.")
    problemas += donde(valor.valores < 0, "valor", "El valor de la cuota no puede ser negativo.")
    conocidos = {a.acuerdo: a for a in acuerdos}
    problemas += donde((codigo != "") & ~np.isin(codigo, list(conocidos)), "acuerdo",
                       "Ningún acuerdo de la hoja Acuerdos tiene este código: la fila no se usa.", grave=False)
    malas = {p.pos for p in problemas if p.grave}
    vistas: dict[tuple[str, int], int] = {}
    cuotas = []
    for pos in range(len(tabla.filas)):
        if pos in malas:
            continue
        clave = (codigo[pos], int(numero.valores[pos]))
        if clave in vistas:
            problemas.append(Problema(pos, "cuota", f"La cuota {clave[1]} del acuerdo «{clave[0]}» ya está en la fila "
                                                    f"{vistas[clave]}: deje una sola fila."))
            continue
        vistas[clave] = int(tabla.filas[pos])
        dueno = conocidos[codigo[pos]].cliente if codigo[pos] in conocidos else ""
        cuotas.append(Cuota(codigo[pos], cliente[pos] or dueno, clave[1],
                            _fecha(vence.valores[pos]), int(valor.valores[pos]), int(tabla.filas[pos])))
    return tuple(cuotas), problemas


def leer(acuerdos: Tabla | None, cuotas: Tabla | None, facturas: pd.DataFrame, clientes: pd.Series, pais: str) -> Leidos:
    """Both sheets (None: the workbook has no such sheet)."""
    if acuerdos is None:
        return Leidos()
    validos, problemas = leer_acuerdos(acuerdos, facturas, clientes, pais)
    rechazados = rechazos(acuerdos, problemas)
    if cuotas is None:
        return Leidos(validos, (), rechazados)
    filas, problemas_cuotas = leer_cuotas(cuotas, validos, pais)
    return Leidos(validos, filas, rechazados + rechazos(cuotas, problemas_cuotas))
