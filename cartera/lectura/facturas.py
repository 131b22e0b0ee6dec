"""Validate sheet ``Facturas`` into the ``Cartera.facturas`` DataFrame (schema in ``modelo.Cartera``)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from cartera import vocabulario
from cartera.lectura import esquema as columnas
from cartera.lectura.conversion import centavos, fechas, textos
from cartera.lectura.problemas import (
    Lectura,
    Problema,
    celdas_de,
    de_malas,
    donde,
    duplicados,
    faltan,
    filas_texto,
    por_valor,
    resultado,
)
from cartera.lectura.tabla import Tabla
from cartera.modelo import Configuracion

ESTADOS: dict[str, str] = {
    "": vocabulario.PENDIENTE,
    **{columnas.normalizar(e): e for e in vocabulario.ESTADOS},
    "pagado": vocabulario.PAGADA,
    "anulado": vocabulario.ANULADA,
    "en disputa": vocabulario.DISPUTA,
    "promesa de pago": vocabulario.PROMESA,
    "plan de pago": vocabulario.PLAN_DE_PAGOS,
}
"""Normalised Estado → canonical spelling (``vocabulario.ESTADOS``)."""

_ISO_MONEDA = re.compile(r"[A-Za-z]{3}")


def moneda_iso(texto: str) -> str | None:
    """``"cop"`` → ``"COP"``; None when it is not three letters."""
    return texto.upper() if _ISO_MONEDA.fullmatch(texto) else None


def motivo_cliente(cliente: str, rechazadas: dict[str, list[int]]) -> str:
    """Why a factura's client is unusable: not in Clientes, or its row there was rejected."""
    if cliente in rechazadas:
        filas = rechazadas[cliente]
        lugar = "la fila" if len(filas) == 1 else "las filas"
        return f"El cliente «{cliente}» fue rechazado en la hoja Clientes ({lugar} {filas_texto(filas)}): corrija esa fila."
    return f"El cliente «{cliente}» no está en la hoja Clientes: agréguelo allí o corrija el código."


def clientes_desconocidos(tabla: Tabla, cliente: np.ndarray, validos: pd.Series,
                          rechazadas: dict[str, list[int]], campo: str = "cliente") -> list[Problema]:
    """A problem for every row whose (non-blank) client is not a valid client."""
    desconocido = (cliente != "") & ~pd.Series(cliente).isin(validos).to_numpy()
    return [Problema(pos, campo, motivo_cliente(cliente[pos], rechazadas)) for pos in np.flatnonzero(desconocido).tolist()]


def _monedas(tabla: Tabla, predeterminada: str) -> tuple[np.ndarray, list[Problema]]:
    valores, inversa = por_valor(textos(celdas_de(tabla, "moneda")), lambda t: moneda_iso(t) if t else predeterminada)
    moneda = valores[inversa]
    mala = pd.isna(moneda)
    motivo = "La moneda debe ser un código ISO de tres letras (COP, MXN, EUR, USD…)."
    return np.where(mala, "", moneda), donde(mala, "moneda", motivo)


def _estados(tabla: Tabla) -> tuple[np.ndarray, list[Problema]]:
    valores, inversa = por_valor(textos(celdas_de(tabla, "estado")), lambda t: ESTADOS.get(columnas.normalizar(t)))
    estado = valores[inversa]
    malo = pd.isna(estado)
    motivo = f"Estado desconocido: use uno de {', '.join(vocabulario.ESTADOS)} (o déjelo en blanco)."
    return np.where(malo, "", estado), donde(malo, "estado", motivo)


def _fechas(tabla: Tabla, pais: str) -> tuple[dict[str, np.ndarray], list[Problema]]:
    problemas: list[Problema] = []
    valores = {}
    for campo in ("emision", "vencimiento", "promesa"):
        columna = fechas(celdas_de(tabla, campo), pais)
        valores[campo] = columna.valores
        problemas += de_malas(columna.malas, campo)
        if campo == "emision":
            problemas += faltan(tabla, columna.vacias, campo, "Falta la fecha de emisión.")
    antes = valores["vencimiento"] < valores["emision"]
    problemas += donde(antes, "vencimiento", "El vencimiento es anterior a la emisión: revise las dos fechas.")
    return valores, problemas


def _totales(tabla: Tabla, pais: str) -> tuple[np.ndarray, list[Problema]]:
    total = centavos(celdas_de(tabla, "total"), pais)
    problemas = de_malas(total.malas, "total")
    problemas += faltan(tabla, total.vacias, "total", "Falta el total de la factura.")
    no_positivo = ~total.vacias & (total.valores <= 0)
    no_positivo[list(total.malas)] = False
    problemas += donde(no_positivo, "total", "El total debe ser mayor que cero.")
    return total.valores, problemas


def leer_facturas(tabla: Tabla, clientes: Lectura, configuracion: Configuracion) -> Lectura:
    """Validate ``Facturas``: unique number, known client, dates, Total > 0, Moneda, Estado, Promesa de pago."""
    factura = textos(celdas_de(tabla, "factura"))
    cliente = textos(celdas_de(tabla, "cliente"))
    problemas = faltan(tabla, factura == "", "factura", "Falta el número de factura.")
    problemas += duplicados(tabla, factura, "factura", "El número de factura")
    problemas += faltan(tabla, cliente == "", "cliente", "Falta el cliente.")
    problemas += clientes_desconocidos(tabla, cliente, clientes.datos["cliente"], clientes.rechazadas)
    fechas_, problemas_fechas = _fechas(tabla, configuracion.pais)
    total, problemas_total = _totales(tabla, configuracion.pais)
    moneda, problemas_moneda = _monedas(tabla, configuracion.moneda)
    estado, problemas_estado = _estados(tabla)
    problemas += problemas_fechas + problemas_total + problemas_moneda + problemas_estado
    datos = pd.DataFrame({
        "factura": factura,
        "cliente": cliente,
        "emision": fechas_["emision"],
        "vencimiento": fechas_["vencimiento"],
        "total": total,
        "moneda": moneda,
        "estado": estado,
        "promesa": fechas_["promesa"],
        "enlace": textos(celdas_de(tabla, "enlace")),
        "archivo": textos(celdas_de(tabla, "archivo")),
        "fila": tabla.filas,
    })
    return resultado(tabla, datos, factura, problemas)
