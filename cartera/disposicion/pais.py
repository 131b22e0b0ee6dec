"""Country and currency from the workbook's evidence, when ``Configuración`` does not set them.

Gathers the clues the located sheets carry (amounts typed with a currency
sign, a ``Moneda`` column, tax ids and their header) and, with the number
formats and the machine's regional setting the shell read, lets
``lectura.evidencia.inferir`` decide.  The configuration is then completed:
the rest of reading parses dates and amounts in that country's format.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from cartera.lectura import esquema, evidencia
from cartera.lectura.tabla import Tabla
from cartera.modelo import Configuracion

_DINERO = ("total", "pagado", "saldo", "monto")


def indicios(tablas: Mapping[str, Tabla]) -> tuple[evidencia.Indicio, ...]:
    """The clues in the cells of the invoice, clients and payments sheets."""
    encontrados: list[evidencia.Indicio] = []
    for tabla in tablas.values():
        if tabla.hoja not in (esquema.FACTURAS, esquema.CLIENTES, esquema.PAGOS):
            continue
        for campo in _DINERO:
            if campo in tabla.celdas:
                encontrados += evidencia.indicios_de_textos(tabla.celdas[campo], hoja=tabla.nombre, columna=tabla.encabezados[campo])
        if "moneda" in tabla.celdas:
            encontrados += evidencia.indicios_de_monedas(tabla.celdas["moneda"], hoja=tabla.nombre, columna=tabla.encabezados["moneda"])
        for campo in ("nit", "cliente"):
            if campo in tabla.celdas and (campo == "nit" or evidencia.es_identificacion(tabla.encabezados[campo])):
                encontrados += evidencia.indicios_de_identificacion(tabla.celdas[campo], hoja=tabla.nombre,
                                                                    columna=tabla.encabezados[campo])
    return tuple(encontrados)


def decidir(configuracion: Configuracion, tablas: Mapping[str, Tabla], formatos: Iterable[evidencia.Formato],
            regional: str) -> tuple[Configuracion, evidencia.Inferencia]:
    """The configuration with País and Moneda decided (configured ones kept), and how they were decided."""
    pistas = indicios(tablas) + evidencia.indicios_de_formatos(formatos)
    inferencia = evidencia.inferir(
        pistas,
        pais_configurado=configuracion.pais if "pais" in configuracion.definidos else "",
        moneda_configurada=configuracion.moneda if "moneda" in configuracion.definidos else "",
        regional=regional,
    )
    return dataclasses.replace(configuracion, pais=inferencia.pais, moneda=inferencia.moneda), inferencia
