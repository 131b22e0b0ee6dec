"""Validate sheet ``Pagos`` into the ``Cartera.pagos`` DataFrame (schema in ``modelo.Cartera``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cartera.lectura.conversion import fechas, textos
from cartera.lectura.facturas import clientes_desconocidos, en_pesos, moneda_iso
from cartera.lectura.problemas import (
    Lectura,
    Problema,
    celdas_de,
    de_malas,
    donde,
    faltan,
    filas_texto,
    resultado,
)
from cartera.lectura.tabla import Tabla
from cartera.modelo import Configuracion

COLUMNAS = ("fecha", "factura", "cliente", "monto", "metodo", "referencia", "fila")


def pagos_vacios() -> pd.DataFrame:
    """The ``pagos`` DataFrame of a workbook with no ``Pagos`` sheet."""
    return pd.DataFrame({
        "fecha": pd.Series(dtype="datetime64[ns]"),
        **{c: pd.Series(dtype=str) for c in ("factura", "cliente")},
        "monto": pd.Series(dtype=np.int64),
        **{c: pd.Series(dtype=str) for c in ("metodo", "referencia")},
        "fila": pd.Series(dtype=np.int64),
    })


def _motivo_factura(factura: str, rechazadas: dict[str, list[int]]) -> str:
    if factura in rechazadas:
        return (f"La factura «{factura}» fue rechazada en la hoja Facturas (fila {filas_texto(rechazadas[factura])}): "
                "corrija esa fila.")
    return f"La factura «{factura}» no está en la hoja Facturas: corrija el número o déjelo en blanco y ponga el cliente."


def _al_cliente(factura: np.ndarray, cliente: np.ndarray, desconocida: np.ndarray, clientes: Lectura,
                facturas: Lectura) -> tuple[np.ndarray, list[Problema]]:
    """A payment naming an unknown (not rejected) invoice but a known client goes to that client, with a warning:
    the money is not lost, and it is applied to the client's oldest invoices."""
    conocido = pd.Series(cliente).isin(clientes.datos["cliente"]).to_numpy()
    rechazada = pd.Series(factura).isin(list(facturas.rechazadas)).to_numpy()
    pasa = desconocida & conocido & ~rechazada
    avisos = [Problema(p, "factura", f"La factura «{factura[p]}» no está en la hoja Facturas: el pago se aplica al cliente "
                                     f"«{cliente[p]}», a sus facturas más antiguas. Corrija el número si era otra.", grave=False)
              for p in np.flatnonzero(pasa).tolist()]
    return pasa, avisos


def _destino(tabla: Tabla, factura: np.ndarray, cliente: np.ndarray, clientes: Lectura, facturas: Lectura) -> list[Problema]:
    """Which factura or client each payment goes to, and whether they agree (``factura`` is blanked, in place,
    for a payment that goes to its client instead of an unknown invoice)."""
    datos = facturas.datos.set_index("factura")
    del_libro = pd.Series(factura).map(datos["cliente"]).to_numpy()
    sin_destino = (factura == "") & (cliente == "")
    problemas = donde(sin_destino, "factura" if "factura" in tabla.celdas else None,
                      "Falta la factura o el cliente: indique a qué factura o a qué cliente corresponde el pago.")
    desconocida = (factura != "") & pd.isna(del_libro)
    al_cliente, avisos = _al_cliente(factura, cliente, desconocida, clientes, facturas)
    problemas += avisos
    factura[al_cliente] = ""
    desconocida &= ~al_cliente
    problemas += [Problema(p, "factura", _motivo_factura(factura[p], facturas.rechazadas)) for p in np.flatnonzero(desconocida).tolist()]
    distinto = (factura != "") & (cliente != "") & ~desconocida & (cliente != np.where(desconocida, "", del_libro))
    problemas += [
        Problema(p, "cliente", f"El pago dice cliente «{cliente[p]}», pero la factura «{factura[p]}» es del cliente «{del_libro[p]}».")
        for p in np.flatnonzero(distinto).tolist()
    ]
    solo_cliente = np.where(factura == "", cliente, "")
    return problemas + clientes_desconocidos(tabla, solo_cliente, clientes.datos["cliente"], clientes.rechazadas)


def _moneda(tabla: Tabla, factura: np.ndarray, facturas: Lectura) -> list[Problema]:
    """An optional Moneda must be ISO and match the factura's."""
    texto = textos(celdas_de(tabla, "moneda"))
    problemas = []
    de_factura = pd.Series(factura).map(facturas.datos.set_index("factura")["moneda"]).to_numpy()
    for pos in np.flatnonzero(texto != "").tolist():
        iso = moneda_iso(texto[pos], de_factura[pos] if isinstance(de_factura[pos], str) else "")  # «$»: the factura's
        if iso is None:
            problemas.append(Problema(pos, "moneda", "La moneda debe ser un código ISO de tres letras (COP, MXN, EUR, USD…)."))
        elif isinstance(de_factura[pos], str) and de_factura[pos] != iso:
            problemas.append(Problema(pos, "moneda", f"El pago está en {iso} y la factura «{factura[pos]}» en {de_factura[pos]}."))
    return problemas


def leer_pagos(tabla: Tabla, clientes: Lectura, facturas: Lectura, configuracion: Configuracion) -> Lectura:
    """Validate ``Pagos``: Fecha, Monto ≠ 0 (a negative one reverses a payment, with a warning), a known factura
    or client (consistent when both; an unknown invoice of a known client goes to the client), Moneda."""
    fecha = fechas(celdas_de(tabla, "fecha"), configuracion.pais)
    monto = en_pesos(tabla, "monto", configuracion.pais)
    factura = textos(celdas_de(tabla, "factura"))
    cliente = textos(celdas_de(tabla, "cliente"))
    problemas = de_malas(fecha.malas, "fecha") + faltan(tabla, fecha.vacias, "fecha", "Falta la fecha del pago.")
    problemas += de_malas(monto.malas, "monto") + faltan(tabla, monto.vacias, "monto", "Falta el monto del pago.")
    cero = ~monto.vacias & (monto.valores == 0)
    cero[list(monto.malas)] = False
    problemas += donde(cero, "monto", "El monto del pago debe ser distinto de cero.")
    negativo = ~monto.vacias & (monto.valores < 0)
    negativo[list(monto.malas)] = False
    problemas += donde(negativo, "monto", "Pago negativo: se resta como reverso de un pago anterior (un cheque devuelto, "
                       "una transferencia anulada). Si no lo es, corrija el signo.", grave=False)
    nombrada = factura.copy()
    problemas += _moneda(tabla, factura, facturas) + _destino(tabla, factura, cliente, clientes, facturas)
    datos = pd.DataFrame({
        "fecha": fecha.valores,
        "factura": factura,
        "cliente": cliente,
        "monto": monto.valores,
        "metodo": textos(celdas_de(tabla, "metodo")),
        "referencia": textos(celdas_de(tabla, "referencia")),
        "fila": tabla.filas,
    })
    if "clave" in tabla.celdas:  # the bank line's key of a payment registered from a statement (never twice)
        datos = datos.assign(clave=textos(celdas_de(tabla, "clave")))
    return resultado(tabla, datos, nombrada, problemas)
