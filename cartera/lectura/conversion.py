"""Vectorised conversion of raw cell columns into typed arrays.

A column arrives as a numpy object array of what python-calamine gives:
``float`` (or ``int``) for numbers, ``str`` for text, ``datetime.date`` /
``datetime.datetime`` for date cells, ``bool``, ``datetime.time`` /
``timedelta`` for time cells, and ``""`` for empty cells.  Numeric and date
cells are converted with numpy in one step; only text cells go through the
Python parsers of :mod:`cartera.lectura.textos` (there are few of them in a
real workbook).  Each converter returns a :class:`ColumnaConvertida`: the values, the
blank mask and the rejected positions with their Spanish reason.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from cartera.lectura.textos import Invalido, texto_a_centavos, texto_a_fecha

_EPOCA_EXCEL = np.datetime64("1899-12-30", "D")
SERIAL_MINIMO = (dt.date(1990, 1, 1) - dt.date(1899, 12, 30)).days
SERIAL_MAXIMO = (dt.date(2100, 12, 31) - dt.date(1899, 12, 30)).days
_MONTO_MAXIMO = 1e15
_ORDINAL_1970 = dt.date(1970, 1, 1).toordinal()
_ANIOS = (np.datetime64("1900-01-01", "D"), np.datetime64("2200-01-01", "D"))


class ColumnaConvertida(NamedTuple):
    """A converted column: ``valores`` (typed array), ``vacias`` (bool mask), ``malas`` (position → motivo)."""

    valores: np.ndarray
    vacias: np.ndarray
    malas: dict[int, str]


class _Codigos(dict):
    """Cell type → small code; anything unexpected (time, duration …) is OTRO."""

    def __missing__(self, clave: type) -> int:
        return OTRO


OTRO, TEXTO, NUMERO, FECHA, LOGICO = range(5)
_CODIGOS = _Codigos({str: TEXTO, float: NUMERO, int: NUMERO, dt.date: FECHA, dt.datetime: FECHA,
                     pd.Timestamp: FECHA, bool: LOGICO, np.float64: NUMERO, np.int64: NUMERO})
_strip = np.frompyfunc(str.strip, 1, 1)
_isspace = np.frompyfunc(str.isspace, 1, 1)


def tipos(celdas: np.ndarray) -> np.ndarray:
    """The kind of every cell as an int8 code (TEXTO, NUMERO, FECHA, LOGICO, OTRO), for vectorised masks."""
    return np.fromiter(map(_CODIGOS.__getitem__, map(type, celdas)), dtype=np.int8, count=len(celdas))


def _ordinal(fecha: dt.date) -> int:
    """Day number of a date or datetime cell (the time is dropped)."""
    return fecha.toordinal()


def _numericas(clases: np.ndarray) -> np.ndarray:
    return clases == NUMERO


def vacias(celdas: np.ndarray, clases: np.ndarray | None = None) -> np.ndarray:
    """True where the cell is empty (``""`` or None) or holds only spaces."""
    clases = tipos(celdas) if clases is None else clases
    vacia = (celdas == "") | np.equal(celdas, None)
    texto = (clases == TEXTO) & ~vacia
    if texto.any():
        vacia[texto] = _isspace(celdas[texto]).astype(bool)
    return vacia


def texto_de(valor: object) -> str:
    """One cell as text, as the user would read it: 1050.0 → "1050", a date → "2026-11-24"."""
    if isinstance(valor, str):
        return valor.strip()
    if isinstance(valor, bool):
        return "VERDADERO" if valor else "FALSO"
    if isinstance(valor, float | int):
        return str(int(valor)) if float(valor).is_integer() and abs(valor) < 2**53 else repr(float(valor))
    if isinstance(valor, dt.datetime):
        return valor.date().isoformat() if valor.time() == dt.time() else valor.isoformat(" ")
    if valor is None or (isinstance(valor, float) and np.isnan(valor)):
        return ""
    return valor.isoformat() if hasattr(valor, "isoformat") else str(valor)


def textos(celdas: np.ndarray) -> np.ndarray:
    """Every cell as trimmed text (object array of ``str``); integral numbers lose their ``.0``."""
    clases = tipos(celdas)
    salida = np.full(len(celdas), "", dtype=object)
    es_texto = (clases == TEXTO) & (celdas != "")
    salida[es_texto] = _strip(celdas[es_texto])
    es_numero = _numericas(clases)
    if es_numero.any():
        numeros = celdas[es_numero].astype(np.float64)
        enteros = np.isfinite(numeros) & (numeros == np.round(numeros)) & (np.abs(numeros) < 2**53)
        convertidos = np.empty(len(numeros), dtype=object)
        convertidos[enteros] = numeros[enteros].astype(np.int64).astype(str).astype(object)
        convertidos[~enteros] = [repr(float(x)) for x in numeros[~enteros]]
        salida[es_numero] = convertidos
    resto = ~(es_texto | es_numero | (clases == TEXTO) | np.equal(celdas, None))
    salida[resto] = [texto_de(x) for x in celdas[resto]]
    return salida


def _motivo_tipo(valor: object, esperado: str) -> str:
    if isinstance(valor, bool):
        return f"Se esperaba {esperado} y la celda tiene un valor lógico (VERDADERO/FALSO)."
    if isinstance(valor, dt.date):
        return f"Se esperaba {esperado} y la celda tiene una fecha."
    return f"Se esperaba {esperado} y la celda tiene una hora o duración."


def centavos(celdas: np.ndarray, pais: str) -> ColumnaConvertida:
    """Amounts → int64 centavos: numbers rounded half up on the cent, text parsed per ``pais``."""
    clases = tipos(celdas)
    vacia = vacias(celdas, clases)
    valores = np.zeros(len(celdas), dtype=np.int64)
    malas: dict[int, str] = {}
    es_numero = _numericas(clases)
    if es_numero.any():
        numeros = celdas[es_numero].astype(np.float64)
        fuera = ~np.isfinite(numeros) | (np.abs(numeros) >= _MONTO_MAXIMO)
        seguros = np.where(fuera, 0.0, numeros)
        redondeados = np.sign(seguros) * np.floor(np.round(np.abs(seguros) * 100, 6) + 0.5)
        valores[es_numero] = redondeados.astype(np.int64)
        malas.update(dict.fromkeys(np.flatnonzero(es_numero)[fuera].tolist(), "El monto es demasiado grande: revise la cifra."))
    _por_celda(celdas, (clases == TEXTO) & ~vacia, valores, malas, lambda s: texto_a_centavos(s, pais))
    for pos in np.flatnonzero(~(es_numero | vacia | (clases == TEXTO))).tolist():
        malas[pos] = _motivo_tipo(celdas[pos], "un monto")
    return ColumnaConvertida(valores, vacia, malas)


def _por_celda(celdas, mascara, valores, malas, convertir) -> None:
    """Parse the few text cells one by one, writing values or reasons in place."""
    for pos in np.flatnonzero(mascara).tolist():
        resultado = convertir(celdas[pos])
        if isinstance(resultado, Invalido):
            malas[pos] = resultado.motivo
        else:
            valores[pos] = resultado


def fechas(celdas: np.ndarray, pais: str) -> ColumnaConvertida:
    """Dates → datetime64[ns] (NaT when blank or bad): date cells, Excel serials 1990–2100, text per ``pais``."""
    clases = tipos(celdas)
    vacia = vacias(celdas, clases)
    dias = np.full(len(celdas), np.datetime64("NaT"), dtype="datetime64[D]")
    malas: dict[int, str] = {}
    es_fecha = clases == FECHA
    ordinales = np.fromiter(map(_ordinal, celdas[es_fecha]), dtype=np.int64, count=int(es_fecha.sum()))
    dias[es_fecha] = (ordinales - _ORDINAL_1970).astype("datetime64[D]")
    fuera = es_fecha & ((dias < _ANIOS[0]) | (dias >= _ANIOS[1]))
    malas.update(dict.fromkeys(np.flatnonzero(fuera).tolist(), "La fecha está fuera de rango (antes de 1900 o después de 2199)."))
    _seriales(celdas, _numericas(clases), dias, malas)
    texto = (clases == TEXTO) & ~vacia
    _por_celda(celdas, texto, dias, malas, lambda s: texto_a_fecha(s, pais))
    for pos in np.flatnonzero(~(es_fecha | _numericas(clases) | texto | vacia)).tolist():
        malas[pos] = _motivo_tipo(celdas[pos], "una fecha")
    dias[list(malas)] = np.datetime64("NaT")
    return ColumnaConvertida(dias.astype("datetime64[ns]"), vacia, malas)


def _seriales(celdas, es_numero, dias, malas) -> None:
    """Plain numbers in a date column: Excel serial day numbers, only in a plausible range (1990–2100)."""
    if not es_numero.any():
        return
    numeros = celdas[es_numero].astype(np.float64)
    validos = (numeros >= SERIAL_MINIMO) & (numeros < SERIAL_MAXIMO + 1)
    posiciones = np.flatnonzero(es_numero)
    dias[posiciones[validos]] = _EPOCA_EXCEL + np.floor(numeros[validos]).astype("timedelta64[D]")
    motivo = ("Hay un número donde va una fecha: escriba la fecha (por ejemplo 24/11/2026) "
              "o dé a la celda formato de fecha.")
    malas.update(dict.fromkeys(posiciones[~validos].tolist(), motivo))


def enteros(celdas: np.ndarray) -> ColumnaConvertida:
    """Whole numbers (días): numeric cells or text like ``30`` / ``30 días`` → int64 (0 when blank)."""
    clases = tipos(celdas)
    vacia = vacias(celdas, clases)
    valores = np.zeros(len(celdas), dtype=np.int64)
    malas: dict[int, str] = {}
    es_numero = _numericas(clases)
    numeros = celdas[es_numero].astype(np.float64)
    buenos = np.isfinite(numeros) & (numeros == np.round(numeros)) & (np.abs(numeros) < 1e9)
    posiciones = np.flatnonzero(es_numero)
    valores[posiciones[buenos]] = numeros[buenos].astype(np.int64)
    malas.update(dict.fromkeys(posiciones[~buenos].tolist(), "Debe ser un número entero de días (por ejemplo 30)."))
    _por_celda(celdas, (clases == TEXTO) & ~vacia, valores, malas, texto_a_entero)
    for pos in np.flatnonzero(~(es_numero | vacia | (clases == TEXTO))).tolist():
        malas[pos] = _motivo_tipo(celdas[pos], "un número entero")
    return ColumnaConvertida(valores, vacia, malas)


def texto_a_entero(texto: str) -> int | Invalido:
    """``"30"``, ``"-3"``, ``"30 días"`` → int."""
    limpio = texto.strip().casefold().replace("í", "i").removesuffix("dias").removesuffix("dia").strip()
    if re.fullmatch(r"[+-]?\d{1,9}", limpio):
        return int(limpio)
    return Invalido("Debe ser un número entero de días (por ejemplo 30).")
