"""Which column of the owner's header row is which field.

Three passes, best first: the ``Columna X = Y`` mappings of
``Configuración``; the aliases of the schema (:mod:`lectura.alias`),
compared by :func:`esquema.clave_encabezado`, for the whole header or for a
part of it (``Razón Social / Nombre``, ``Cliente (Razón social)``); and, for
what is still unplaced, the key words of :data:`alias.PISTAS` (``Valor Total
Factura`` → total).  A header ending in ``(calculado)`` is the tool's and is
never assigned.

Also: the headers of a two-row header (a group row above), and the table's
block — the columns joined to the invoice-number column without a gap, so
that a summary box beside the table («Total», «Saldo») is not read as the
invoices' columns.
"""

from __future__ import annotations

import re

import numpy as np

from cartera import paises
from cartera.lectura import alias
from cartera.lectura import esquema as columnas
from cartera.lectura.conversion import vacias
from cartera.lectura.esquema import Campo

_PARTES = re.compile(r"\s*(?:/|\(|\)|\bo\b|\by\b)\s*")


def _libre(clave: str) -> bool:
    return bool(clave) and not clave.endswith(columnas.SUFIJO_CALCULADO)


def _por_alias(claves: list[str], campos: tuple[Campo, ...], libres: list[bool], asignacion: dict[str, int]) -> None:
    candidatos = sorted(
        (rango, orden, j, campo.campo)
        for orden, campo in enumerate(campos)
        if campo.campo not in asignacion
        for j, clave in enumerate(claves)
        if libres[j] and (rango := columnas.claves_alias(campo).get(clave)) is not None
    )
    for _rango, _orden, j, campo in candidatos:
        if campo not in asignacion and libres[j]:
            asignacion[campo], libres[j] = j, False


def _por_partes(claves: list[str]) -> list[str]:
    """For each header, the first of its parts (split on ``/``, parentheses, «o», «y») that an alias knows."""
    conocidas = set().union(*(columnas.claves_alias(c) for campos in columnas.CAMPOS.values() for c in campos))
    salida = []
    for clave in claves:
        partes = [p for p in _PARTES.split(clave) if p and p != clave]
        salida.append(next((p for p in partes if p in conocidas), ""))
    return salida


def pista(clave: str, campos: tuple[Campo, ...]) -> str | None:
    """The field a header's key words point to (:data:`alias.PISTAS`), among ``campos``; None when none."""
    palabras = set(re.split(r"[\s/()]+", clave)) - {""}
    nombres = {c.campo for c in campos}
    for campo, grupos, prohibidas in alias.PISTAS:
        if campo in nombres and not palabras & prohibidas and any(g <= palabras for g in grupos):
            return campo
    return None


def asignar(encabezados: list[str], campos: tuple[Campo, ...], mapeo: dict[str, str]) -> dict[str, int]:
    """Field id → column index (see the module docstring); among equally good headers the leftmost wins."""
    claves = [columnas.clave_encabezado(h) for h in encabezados]
    libres = [_libre(c) for c in claves]
    asignacion: dict[str, int] = {}
    for campo in campos:
        if campo.campo in mapeo:
            buscada = columnas.clave_encabezado(mapeo[campo.campo])
            indice = next((j for j, c in enumerate(claves) if c == buscada and libres[j]), None)
            if indice is not None:
                asignacion[campo.campo], libres[indice] = indice, False
    _por_alias(claves, campos, libres, asignacion)
    _por_alias(_por_partes(claves), campos, libres, asignacion)
    for j, clave in enumerate(claves):
        if libres[j] and (campo := pista(clave, campos)) is not None and campo not in asignacion:
            asignacion[campo], libres[j] = j, False
    return asignacion


_MONEDA_FINAL = re.compile(r"(?:\(|\s)(usd|us\$|cop|mxn|eur|€|pen|clp|ars|uyu|gtq|dop|rd\$|crc|pyg|bob|hnl|nio|ves|brl)\)?\s*$")


def moneda_del_encabezado(texto: str) -> str:
    """The currency a header names at its end (``Valor USD``, ``Total (€)``); "" for none or a bare «$»."""
    hallada = _MONEDA_FINAL.search(columnas.normalizar(texto))
    return (paises.moneda_escrita(hallada.group(1)) or "") if hallada else ""


def gemelas(encabezados: list[str], asignacion: dict[str, int]) -> dict[str, tuple[tuple[int, str], ...]]:
    """Money fields kept in one column per currency («Valor USD», «Valor COP»): field → ((column, ISO), …),
    the assigned column first.  Each row then takes the column it fills (``disposicion.ensamblado``)."""
    resultado = {}
    for campo in ("total", "pagado", "saldo"):
        if campo not in asignacion or not (propia := moneda_del_encabezado(encabezados[asignacion[campo]])):
            continue
        base = columnas.clave_encabezado(encabezados[asignacion[campo]])
        otras = [(k, iso) for k, h in enumerate(encabezados) if k not in asignacion.values() and h
                 and columnas.clave_encabezado(h) == base and (iso := moneda_del_encabezado(h)) and iso != propia]
        if otras:
            resultado[campo] = ((asignacion[campo], propia), *dict((iso, (k, iso)) for k, iso in otras).values())
    return resultado


def deducciones(encabezados: list[str], asignacion: dict[str, int]) -> tuple[dict[str, int], tuple[int, ...]]:
    """Discounts and withholdings («Descuento», «ReteFuente», «ReteICA»…) right of the invoice total reduce what is
    owed: the first stays assigned as ``deduccion``, and every one is returned (in order).  One left of the total
    is the invoice's breakdown (the total already nets it) and is not used; without a total none is."""
    if "deduccion" not in asignacion:
        return asignacion, ()
    campo = next(c for c in columnas.CAMPOS[columnas.FACTURAS] if c.campo == "deduccion")
    otros = {j for c, j in asignacion.items() if c != "deduccion"}
    total = asignacion.get("total", len(encabezados))
    derecha = tuple(j for j, h in enumerate(encabezados) if j > total and j not in otros and h
                    and columnas.clave_encabezado(h) in columnas.claves_alias(campo))
    return {c: j for c, j in asignacion.items() if c != "deduccion"} | ({"deduccion": derecha[0]} if derecha else {}), derecha


def reconocido(texto: str, campos: tuple[Campo, ...]) -> bool:
    """True when a header names one of ``campos`` by an alias."""
    clave = columnas.clave_encabezado(texto)
    return any(clave in columnas.claves_alias(c) for c in campos)


def dos_filas(arriba: list[str], abajo: list[str], campos: tuple[Campo, ...]) -> list[str]:
    """Headers of a two-row header: the lower cell, the group above + the lower cell, or the upper cell alone
    (a header merged down over both rows keeps its text in the upper cell only)."""
    grupo, combinados = "", []
    for j, texto in enumerate(abajo):
        grupo = (arriba[j] if j < len(arriba) else "") or grupo
        if not texto:
            combinados.append(arriba[j] if j < len(arriba) else "")
        elif not reconocido(texto, campos) and grupo and reconocido(f"{grupo} {texto}", campos):
            combinados.append(f"{grupo} {texto}")
        else:
            combinados.append(texto)
    return combinados


def bloque(encabezados: list[str], datos: np.ndarray, ancla: int) -> tuple[int, int]:
    """[first, last] column of the table around column ``ancla``: columns joined without an empty column
    (no header and no data) between them."""
    ocupada = [bool(h) or (j < datos.shape[1] and not vacias(datos[:, j]).all()) for j, h in enumerate(encabezados)]
    inicio = fin = ancla
    while inicio > 0 and ocupada[inicio - 1]:
        inicio -= 1
    while fin + 1 < len(ocupada) and ocupada[fin + 1]:
        fin += 1
    return inicio, fin
