"""The CSV and XLSX exports banks give (Bancolombia, Davivienda, BBVA, Santander, Banorte…), as rows of cells.

The shell decodes the file (csv, python-calamine) into rows; here the header row is found among the first
rows (a bank puts its name, the account and the period above it), each column is placed by its name
(:data:`COLUMNAS`, compared with ``lectura.esquema.clave_encabezado``), and amounts and dates are read in the
country's format (``lectura.conversion``).  The amount is one signed column (``Importe``, ``Valor``,
``Monto``) or two (``Abono`` / ``Cargo``, ``Crédito`` / ``Débito``).  A bank whose columns are not recognised
is told which ``Configuración`` rows to add: ``Extracto Fecha`` = «its date header», ``Extracto Importe`` =
«its amount header» (see :data:`CAMPOS`), kept in ``Configuracion.mapeo_extracto``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from cartera.conciliacion.movimientos import Extracto, MovimientoBancario, extracto
from cartera.errores import ExtractoInvalido
from cartera.lectura import conversion
from cartera.lectura.configuracion import CAMPOS_EXTRACTO
from cartera.lectura.esquema import clave_encabezado

FILAS_DE_BUSQUEDA = 30
"""How many rows from the top may hold the header row."""

COLUMNAS: dict[str, tuple[str, ...]] = {
    "fecha": ("fecha", "fecha operacion", "fecha movimiento", "fecha transaccion", "fecha contable", "dia"),
    "fecha_valor": ("fecha valor",),
    "concepto": ("concepto", "descripcion", "detalle", "descripcion movimiento", "movimiento", "observaciones",
                 "leyenda", "glosa", "concepto movimiento", "beneficiario", "ordenante", "remitente", "nombre"),
    "referencia": ("referencia", "referencia 1", "referencia 2", "nro referencia", "nro documento", "documento",
                   "referencia numerica", "referencia alfanumerica", "ref"),
    "importe": ("importe", "valor", "monto", "cantidad", "importe movimiento", "valor movimiento"),
    "abono": ("abono", "abonos", "credito", "creditos", "deposito", "depositos", "ingreso", "ingresos", "haber",
              "entradas"),
    "cargo": ("cargo", "cargos", "debito", "debitos", "retiro", "retiros", "egreso", "egresos", "debe", "salidas"),
    "saldo": ("saldo", "saldo disponible", "saldo contable", "disponible"),
    "moneda": ("moneda", "divisa"),
}
"""Each field of a bank export → the header keys that name it (``clave_encabezado`` of the bank's header)."""

CAMPOS = CAMPOS_EXTRACTO
"""The names of the fields in ``Configuración`` rows: «Extracto Importe» = «Monto neto»."""

_POR_CLAVE = {clave: campo for campo, claves in COLUMNAS.items() for clave in claves}
_VARIAS = ("concepto", "referencia")
"""Fields that may take several columns (joined with « / »)."""


def campo_extracto(nombre: str) -> str | None:
    """«Importe» → "importe", «Fecha valor» → "fecha_valor"; None for a name that is no field of a bank export."""
    clave = clave_encabezado(nombre)
    return next((c for c, texto in CAMPOS.items() if clave_encabezado(texto) == clave), None)


def _asignacion(fila: Sequence[object], mapeo: dict[str, str]) -> dict[str, list[int]]:
    """Field → column positions of one candidate header row (the owner's mapping first)."""
    asignacion: dict[str, list[int]] = {}
    for pos, celda in enumerate(fila):
        clave = clave_encabezado(conversion.texto_de(celda)) if conversion.texto_de(celda) else ""
        campo = mapeo.get(clave) or _POR_CLAVE.get(clave)
        if campo and (campo in _VARIAS or campo not in asignacion):
            asignacion.setdefault(campo, []).append(pos)
    return asignacion


def _completa(asignacion: dict[str, list[int]]) -> bool:
    return "fecha" in asignacion and ("importe" in asignacion or "abono" in asignacion)


def _no_reconocida(filas: list[list[object]], archivo: str, propios: dict[str, str]) -> ExtractoInvalido:
    """Which Configuración rows to add: one per missing field, offering the headers nothing claimed."""
    indice = max(range(min(len(filas), FILAS_DE_BUSQUEDA)), default=0,
                 key=lambda i: sum(isinstance(c, str) and bool(c.strip()) for c in filas[i]))
    fila = filas[indice] if filas else []
    asignacion = _asignacion(fila, propios)
    libres = [conversion.texto_de(c) for p, c in enumerate(fila)
              if conversion.texto_de(c) and not any(p in ps for ps in asignacion.values())]
    faltan = [c for c in ("fecha", "importe") if c not in asignacion and not (c == "importe" and "abono" in asignacion)]
    filas_nuevas = [f"«Extracto {CAMPOS[c]}» = «{libres[i] if i < len(libres) else '<su encabezado>'}»"
                    for i, c in enumerate(faltan)]
    vistos = [conversion.texto_de(c) for c in fila if conversion.texto_de(c)]
    return ExtractoInvalido(archivo, indice + 1 if vistos else None,
                            "no reconozco sus columnas: hace falta una de fecha y una de importe (Importe, Valor, "
                            "Monto, o Abono y Cargo). Encabezados vistos: " + ", ".join(f"«{v}»" for v in vistos[:12])
                            + ". Diga cuál es cuál en la hoja Configuración, una fila por columna (Parámetro y "
                            f"Valor): {' y '.join(filas_nuevas)}. Campos posibles: " + ", ".join(CAMPOS.values()) + ".")


def ubicar_encabezados(filas: list[list[object]], archivo: str,
                       mapeo: Sequence[tuple[str, str]] = ()) -> tuple[int, dict[str, list[int]]]:
    """The header row's index and each field's columns; ExtractoInvalido saying what to add when none fits.

    ``mapeo``: (field, the bank's header) pairs from ``Configuración`` («Extracto Importe» = «Monto neto»).
    """
    propios = {clave_encabezado(encabezado): campo for campo, encabezado in mapeo}
    for indice, fila in enumerate(filas[:FILAS_DE_BUSQUEDA]):
        asignacion = _asignacion(fila, propios)
        if _completa(asignacion):
            return indice, asignacion
    raise _no_reconocida(filas, archivo, propios)


def _matriz(filas: list[list[object]]) -> np.ndarray:
    ancho = max((len(f) for f in filas), default=0)
    datos = np.full((len(filas), ancho), "", dtype=object)
    for i, fila in enumerate(filas):
        datos[i, :len(fila)] = [("" if c is None else c) for c in fila]
    return datos


def _convertida(convertida: conversion.ColumnaConvertida, celdas: np.ndarray, lineas: np.ndarray, archivo: str,
                encabezado: str) -> np.ndarray:
    """The converted values; ExtractoInvalido naming the first bad cell's line, column and value."""
    if convertida.malas:
        pos = min(convertida.malas)
        raise ExtractoInvalido(archivo, int(lineas[pos]), f"la columna «{encabezado}» dice «{conversion.texto_de(celdas[pos])}»: "
                               f"{convertida.malas[pos]}")
    return convertida.valores


class _Tabla:
    """The data rows under the header: cells by field, the line number of each row, the headers."""

    def __init__(self, filas: list[list[object]], fila_encabezado: int, asignacion: dict[str, list[int]],
                 primera_linea: int) -> None:
        datos = _matriz(filas)
        self.encabezados = {c: conversion.texto_de(datos[fila_encabezado, p[0]]) for c, p in asignacion.items()}
        cuerpo = datos[fila_encabezado + 1:]
        lineas = np.arange(len(cuerpo)) + fila_encabezado + 1 + primera_linea
        con_fecha = ~conversion.vacias(cuerpo[:, asignacion["fecha"][0]]) if len(cuerpo) else np.zeros(0, bool)
        self.cuerpo, self.lineas, self.asignacion = cuerpo[con_fecha], lineas[con_fecha], asignacion

    def celdas(self, campo: str) -> np.ndarray | None:
        posiciones = self.asignacion.get(campo)
        return self.cuerpo[:, posiciones[0]] if posiciones else None

    def textos(self, campo: str) -> list[str]:
        columnas = [conversion.textos(self.cuerpo[:, p]) for p in self.asignacion.get(campo, ())]
        return [" / ".join(t for t in partes if t) for partes in zip(*columnas, strict=True)] if columnas \
            else [""] * len(self.cuerpo)

    def fechas(self, campo: str, archivo: str, pais: str) -> list:
        celdas = self.celdas(campo)
        if celdas is None:
            return [None] * len(self.cuerpo)
        valores = _convertida(conversion.fechas(celdas, pais), celdas, self.lineas, archivo, self.encabezados[campo])
        return [None if np.isnat(v) else v.astype("datetime64[D]").item() for v in valores]

    def montos(self, campo: str, archivo: str, pais: str) -> np.ndarray:
        celdas = self.celdas(campo)
        if celdas is None:
            return np.zeros(len(self.cuerpo), dtype=np.int64)
        return _convertida(conversion.centavos(celdas, pais), celdas, self.lineas, archivo, self.encabezados[campo])


def _importes(tabla: _Tabla, archivo: str, pais: str) -> np.ndarray:
    """Signed centavos: the amount column as it is, or credits minus debits (a debit column may be negative)."""
    if "importe" in tabla.asignacion:
        return tabla.montos("importe", archivo, pais)
    return np.abs(tabla.montos("abono", archivo, pais)) - np.abs(tabla.montos("cargo", archivo, pais))


def saldos_de(importes: np.ndarray, saldos: np.ndarray) -> tuple[int, int] | None:
    """(opening, closing) balance when the running balance column adds up, oldest line first or newest first;
    None when it adds up neither way.

    >>> saldos_de(np.array([100, -30]), np.array([1100, 1070])), saldos_de(np.array([-30, 100]), np.array([1070, 1100]))
    ((1000, 1070), (1000, 1070))
    """
    if len(importes) == 0:
        return None
    if np.array_equal(np.diff(saldos), importes[1:]):
        return int(saldos[0] - importes[0]), int(saldos[-1])
    if np.array_equal(-np.diff(saldos), importes[:-1]):
        return int(saldos[-1] - importes[-1]), int(saldos[0])
    return None


def _aviso_saldo(tabla: _Tabla, importes: np.ndarray, archivo: str, pais: str) -> tuple[str, ...]:
    if "saldo" not in tabla.asignacion or not len(importes):
        return ()
    if saldos_de(importes, tabla.montos("saldo", archivo, pais)) is not None:
        return ()
    return (f"La columna «{tabla.encabezados['saldo']}» de {archivo} no cuadra con los importes línea a línea: "
            "puede faltar algún movimiento. Revise que la exportación esté completa.",)


def leer_planilla(filas: list[list[object]], archivo: str, formato: str, pais: str, moneda: str = "", *,
                  mapeo: Sequence[tuple[str, str]] = (), primera_linea: int = 1) -> Extracto:
    """A bank export's rows → its movements.  ``filas``: the cells, top row first (text for CSV; numbers and
    dates too for XLSX); ``primera_linea``: the line or row number of ``filas[0]``.  Rows with no date
    (totals, footers) are skipped.  ``moneda``: the currency when the file has no column for it."""
    indice, asignacion = ubicar_encabezados(filas, archivo, mapeo)
    tabla = _Tabla(filas, indice, asignacion, primera_linea)
    fechas = tabla.fechas("fecha", archivo, pais)
    valores = tabla.fechas("fecha_valor", archivo, pais)
    importes = _importes(tabla, archivo, pais)
    monedas = [m.upper() or moneda for m in tabla.textos("moneda")]
    movimientos = [MovimientoBancario(f, v, int(i), m, t, r, "", archivo, int(n)) for f, v, i, m, t, r, n in zip(
        fechas, valores, importes, monedas, tabla.textos("concepto"), tabla.textos("referencia"), tabla.lineas,
        strict=True)]
    return extracto(archivo, formato, movimientos, avisos=_aviso_saldo(tabla, importes, archivo, pais), pais=pais)
