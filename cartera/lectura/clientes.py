"""Validate sheet ``Clientes`` into the ``Cartera.clientes`` DataFrame (schema in ``modelo.Cartera``)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from cartera.lectura import esquema as columnas
from cartera.lectura.conversion import enteros, fechas, texto_de, textos
from cartera.lectura.problemas import (
    Lectura,
    Problema,
    celdas_de,
    de_malas,
    donde,
    duplicados,
    faltan,
    por_valor,
    resultado,
)
from cartera.lectura.tabla import Tabla
from cartera.lectura.textos import correo_valido
from cartera.vocabulario import Trato

SI = frozenset({"si", "x", "1", "verdadero", "true", "yes", "s"})
NO = frozenset({"", "no", "0", "falso", "false", "n"})
PAIS_FECHAS = "CO"
"""Day-first text dates in «Respuesta vista» (the sheet is read before Configuración's País; Excel date cells need none)."""
TRATOS = {"": Trato.USTED, "usted": Trato.USTED, "ud": Trato.USTED, "tu": Trato.TU, "tuteo": Trato.TU}


def si_no(texto: str) -> bool | None:
    """``sí``/``x``/``1``/``verdadero``/``true``/``yes`` → True; blank/``no``/``0``/``falso`` → False; else None."""
    clave = columnas.normalizar(texto).rstrip(".")
    return True if clave in SI else False if clave in NO else None


def direcciones(celda: object, campo: str, pos: int) -> tuple[tuple[str, ...], list[Problema]]:
    """The valid addresses of a cell (split on ``;`` or ``,``); each invalid one is dropped with a warning."""
    texto = celda if isinstance(celda, str) else texto_de(celda)
    validas: list[str] = []
    avisos: list[Problema] = []
    for parte in re.split(r"[;,]", texto):
        direccion = parte.strip(" \t")
        if not direccion:
            continue
        if "\n" in direccion or "\r" in direccion:
            motivo = f"Se omite la dirección «{direccion.strip()}»: tiene un salto de línea; separe las direcciones con punto y coma."
        elif not correo_valido(direccion):
            motivo = f"Se omite la dirección «{direccion}»: no es una dirección de correo válida."
        elif direccion.casefold() in {v.casefold() for v in validas}:
            continue
        else:
            validas.append(direccion)
            continue
        avisos.append(Problema(pos, campo, motivo, grave=False))
    return tuple(validas), avisos


def _correos(tabla: Tabla, campo: str) -> tuple[np.ndarray, list[Problema]]:
    celdas = celdas_de(tabla, campo)
    salida = np.empty(len(celdas), dtype=object)
    salida.fill(())
    avisos: list[Problema] = []
    for pos in np.flatnonzero(celdas != "").tolist():
        salida[pos], propios = direcciones(celdas[pos], campo, pos)
        avisos.extend(propios)
    return salida, avisos


def _trato(tabla: Tabla) -> tuple[np.ndarray, list[Problema]]:
    valores, inversa = por_valor(textos(celdas_de(tabla, "trato")), lambda t: TRATOS.get(columnas.normalizar(t).rstrip(".")))
    trato = valores[inversa]
    desconocido = pd.isna(trato)
    motivo = "Trato no reconocido (use «usted» o «tú»): se usa «usted»."
    return np.where(desconocido, Trato.USTED.value, trato), donde(desconocido, "trato", motivo, grave=False)


def _no_contactar(tabla: Tabla) -> tuple[np.ndarray, list[Problema]]:
    valores, inversa = por_valor(textos(celdas_de(tabla, "no_contactar")), si_no)
    marca = valores[inversa]
    dudosa = pd.isna(marca)
    motivo = "Valor no reconocido en «No contactar» (use «sí» o déjelo en blanco): por prudencia no se le escribirá."
    return np.where(dudosa, True, marca).astype(bool), donde(dudosa, "no_contactar", motivo, grave=False)


def _dias_credito(tabla: Tabla) -> tuple[pd.arrays.IntegerArray, list[Problema]]:
    dias = enteros(celdas_de(tabla, "dias_credito"))
    negativos = ~dias.vacias & (dias.valores < 0)
    problemas = de_malas(dias.malas, "dias_credito")
    problemas += donde(negativos, "dias_credito", "Los días de crédito no pueden ser negativos.")
    return pd.array(np.where(dias.vacias, None, dias.valores), dtype="Int64"), problemas


def campo_clave(tabla: Tabla) -> str:
    """The clients sheet's key column: its code, else its tax id when every row has a distinct one, else its name."""
    if "cliente" in tabla.celdas:
        return "cliente"
    nit = textos(celdas_de(tabla, "nit"))
    if "nit" in tabla.celdas and (nit != "").all() and not pd.Series(nit).duplicated().any():
        return "nit"
    return "nombre" if "nombre" in tabla.celdas else "nit"


def leer_clientes(tabla: Tabla) -> Lectura:
    """Validate ``Clientes``: key present and unique; addresses checked one by one; Trato, No contactar, Días de crédito."""
    clave = campo_clave(tabla)
    cliente = textos(celdas_de(tabla, clave))
    problemas = faltan(tabla, cliente == "", clave, "Falta el código del cliente.")
    problemas += duplicados(tabla, cliente, clave, "El cliente")
    correos, avisos_correo = _correos(tabla, "correo")
    cc, avisos_cc = _correos(tabla, "cc")
    trato, avisos_trato = _trato(tabla)
    no_contactar, avisos_nc = _no_contactar(tabla)
    dias, problemas_dias = _dias_credito(tabla)
    vista = fechas(celdas_de(tabla, "respuesta_vista"), PAIS_FECHAS)
    problemas += avisos_correo + avisos_cc + avisos_trato + avisos_nc + problemas_dias
    problemas += [Problema(pos, "respuesta_vista", f"{motivo} Se ignora.", grave=False) for pos, motivo in vista.malas.items()]
    nombre = textos(celdas_de(tabla, "nombre"))
    datos = pd.DataFrame({
        "cliente": cliente,
        "nombre": np.where(nombre == "", cliente, nombre),
        "nit": textos(celdas_de(tabla, "nit")),
        "contacto": textos(celdas_de(tabla, "contacto")),
        "correos": pd.Series(correos, dtype=object),
        "cc": pd.Series(cc, dtype=object),
        "telefono": textos(celdas_de(tabla, "telefono")),
        "whatsapp": textos(celdas_de(tabla, "whatsapp")),
        "trato": trato,
        "no_contactar": no_contactar,
        "dias_credito": dias,
        "fila": tabla.filas,
    })
    if "respuesta_vista" in tabla.celdas:  # optional, and only then a column (see ``plan.pausas.vistas``)
        datos.insert(len(datos.columns) - 1, "respuesta_vista", vista.valores)
    return resultado(tabla, datos, cliente, problemas)
