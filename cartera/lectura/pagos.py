"""Validate sheet ``Pagos`` into the ``Cartera.pagos`` DataFrame (schema in ``modelo.Cartera``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cartera.lectura.conversion import centavos, fechas, textos
from cartera.lectura.facturas import clientes_desconocidos, moneda_iso
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


def _destino(tabla: Tabla, factura: np.ndarray, cliente: np.ndarray, clientes: Lectura, facturas: Lectura) -> list[Problema]:
    """Which factura or client each payment goes to, and whether they agree."""
    datos = facturas.datos.set_index("factura")
    del_libro = pd.Series(factura).map(datos["cliente"]).to_numpy()
    sin_destino = (factura == "") & (cliente == "")
    problemas = donde(sin_destino, "factura" if "factura" in tabla.celdas else None,
                      "Falta la factura o el cliente: indique a qué factura o a qué cliente corresponde el pago.")
    desconocida = (factura != "") & pd.isna(del_libro)
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
    """Validate ``Pagos``: Fecha, Monto > 0, a known factura or client (consistent when both), Moneda."""
    fecha = fechas(celdas_de(tabla, "fecha"), configuracion.pais)
    monto = centavos(celdas_de(tabla, "monto"), configuracion.pais)
    factura = textos(celdas_de(tabla, "factura"))
    cliente = textos(celdas_de(tabla, "cliente"))
    problemas = de_malas(fecha.malas, "fecha") + faltan(tabla, fecha.vacias, "fecha", "Falta la fecha del pago.")
    problemas += de_malas(monto.malas, "monto") + faltan(tabla, monto.vacias, "monto", "Falta el monto del pago.")
    no_positivo = ~monto.vacias & (monto.valores <= 0)
    no_positivo[list(monto.malas)] = False
    problemas += donde(no_positivo, "monto", "El monto del pago debe ser mayor que cero.")
    problemas += _destino(tabla, factura, cliente, clientes, facturas) + _moneda(tabla, factura, facturas)
    datos = pd.DataFrame({
        "fecha": fecha.valores,
        "factura": factura,
        "cliente": cliente,
        "monto": monto.valores,
        "metodo": textos(celdas_de(tabla, "metodo")),
        "referencia": textos(celdas_de(tabla, "referencia")),
        "fila": tabla.filas,
    })
    return resultado(tabla, datos, factura, problemas)
