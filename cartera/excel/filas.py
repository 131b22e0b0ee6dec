"""Writes the records of a lazy table (``FilasPerezosas``) column by column (shell).

The report's large sheets (Detalle, Clientes) reach a million rows.  Building
a ``Fila`` of ``Celda`` per record and dispatching on each value's type costs
more than xlsxwriter itself, so here each chunk of records is converted per
column with numpy (dates → Excel serial numbers, centavos → units) and then
written with exactly the calls, values and formats that ``excel`` writes cell
by cell (:func:`valor_celda` is the one rule for both).

In xlsxwriter's ``constant_memory`` mode (large reports) the records' rows are
serialised here straight to the sheet's row stream, in the very bytes
xlsxwriter's own cell writer produces (same ``<row>`` tag, cell references,
style indices assigned in the same order, inline strings escaped by
xlsxwriter's own helpers when they need it): its per-cell Python path is
the report's main cost at a million rows.  Any sheet this does not cover
(not streamed, past Excel's last row, an xlsxwriter without these
internals) takes the cell-by-cell path.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np
from xlsxwriter import worksheet as xw
from xlsxwriter.utility import xl_col_to_name

from cartera.informe import celdas as c

EPOCA_EXCEL = dt.date(1899, 12, 30).toordinal()
EPOCA_UNIX = dt.date(1970, 1, 1).toordinal() - EPOCA_EXCEL
"""Excel's serial number of 1970-01-01 (numpy's day 0)."""

Formato = Callable[[str, str, bool], Any]
"""(cell class, row class, in the table) → xlsxwriter format."""
Moneda = Callable[[str], "str | None"]
"""cell class → its currency, or None when it is not money."""


def serial(valor: dt.date) -> float:
    """Excel's serial number of a date or datetime."""
    dia = valor.toordinal() - EPOCA_EXCEL
    if isinstance(valor, dt.datetime):
        return dia + (valor.hour * 3600 + valor.minute * 60 + valor.second) / 86400
    return float(dia)


def valor_celda(valor: Any, moneda: str | None) -> Any:
    """What a cell holding ``valor`` shows: None (blank, still styled), a text, or a number."""
    if valor is None or (isinstance(valor, float) and valor != valor):
        return None
    if isinstance(valor, str):
        return valor
    if isinstance(valor, dt.date):
        return serial(valor)
    if moneda is not None:
        return int(valor) / 100
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    return valor


def _es_dinero(clases: str | np.ndarray, moneda_de: Moneda) -> np.ndarray | bool:
    """Whether each cell (or the whole column, as a bool) is money."""
    if isinstance(clases, str):
        return moneda_de(clases) is not None
    unicas, inversa = np.unique(clases, return_inverse=True)
    marcas = np.array([moneda_de(k) is not None for k in unicas.tolist()], dtype=bool)
    return bool(marcas[0]) if len(marcas) and (marcas == marcas[0]).all() else marcas[inversa]


def _sin_nulos(lista: list, nulos: np.ndarray) -> list:
    for i in np.flatnonzero(nulos).tolist():
        lista[i] = None
    return lista


def convertir(columna: c.Columna, moneda_de: Moneda) -> list:
    """The column's chunk as the values :func:`valor_celda` gives, vectorised where the dtype allows."""
    valores = columna.valores
    dinero = _es_dinero(columna.clases, moneda_de)
    tipo = valores.dtype
    if tipo == np.dtype("datetime64[D]"):
        dias = valores.astype(np.int64) + EPOCA_UNIX
        return _sin_nulos(dias.astype(np.float64).tolist(), np.isnat(valores))
    if tipo.kind in "iu" and dinero is True:
        return (valores / 100).tolist()
    if tipo.kind in "iu" and dinero is False:
        return valores.tolist()
    if tipo.kind == "f" and dinero is False:
        return _sin_nulos(valores.tolist(), np.isnan(valores))
    lista = valores.tolist()
    if isinstance(dinero, bool):
        return [valor_celda(v, "" if dinero else None) for v in lista]
    return [valor_celda(v, "" if d else None) for v, d in zip(lista, dinero.tolist(), strict=True)]


def escribir_registros(hoja, filas: c.FilasPerezosas, en_tabla: Callable[[int], bool],
                       formato_de: Formato, moneda_de: Moneda) -> None:
    """Write every record of ``filas`` (rows after its head), chunk by chunk, in row order."""
    primera = len(filas.cabeza)
    n = len(filas) - primera - len(filas.cola)
    directo = n > 0 and _flujo_directo(hoja, primera, n, len(filas.columnas))
    escribir = _xml_bloque if directo else _escribir_bloque
    ultima = n - 1 if directo and not filas.cola else n  # a sheet's last row: xlsxwriter's (styles numbered at close)
    for inicio, columnas, clases_fila in filas.bloques():
        valores = [convertir(col, moneda_de) for col in columnas]
        clases = [[col.clases] * len(clases_fila) if isinstance(col.clases, str) else col.clases.tolist()
                  for col in columnas]
        k = min(len(clases_fila), ultima - inicio)
        escribir(hoja, primera + inicio, [v[:k] for v in valores], [m[:k] for m in clases], clases_fila[:k].tolist(),
                 en_tabla, formato_de)
        if directo:
            hoja.previous_row = primera + inicio + k - 1
        if k < len(clases_fila):
            _escribir_bloque(hoja, primera + inicio + k, [v[k:] for v in valores], [m[k:] for m in clases],
                             clases_fila[k:].tolist(), en_tabla, formato_de)


# --- Streamed rows (constant_memory) -------------------------------------------------
INTERNOS = ("fh", "previous_row", "table", "row_info", "comments", "_write_single_row", "_check_dimensions",
            "_write_row", "_escape_control_characters", "_escape_data", "xls_rowmax", "xls_strmax")
_TEXTO_ESPECIAL = re.compile(r"^\s|\s$|[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
"""Text xlsxwriter would change (escapes, xml:space, rich-text marker): built by its own helpers."""


def _flujo_directo(hoja, primera: int, n: int, columnas: int) -> bool:
    """Prepare to stream rows ``primera``… ourselves: flush the pending row, record the dimensions."""
    if not getattr(hoja, "constant_memory", False) or not all(hasattr(hoja, a) for a in INTERNOS):
        return False
    if not all(hasattr(xw, f) for f in ("_utf16_len", "_utf16_truncate", "_preserve_whitespace")):
        return False
    if primera < hoja.previous_row or primera + n > hoja.xls_rowmax or columnas == 0:
        return False
    if any(primera <= r < primera + n for r in (*hoja.row_info, *hoja.comments)):
        return False
    hoja._write_single_row(primera)
    hoja._check_dimensions(primera, 0)
    hoja._check_dimensions(primera + n - 1, columnas - 1)
    return True


def _apertura_fila(hoja) -> tuple[str, str]:
    """xlsxwriter's ``<row>`` start tag for a row without attributes, split around the row number."""
    salida, hoja.fh = hoja.fh, io.StringIO()
    try:
        hoja._write_row(0, None)
        etiqueta = hoja.fh.getvalue()
    finally:
        hoja.fh = salida
    antes, _, despues = etiqueta.partition(' r="1"')
    return antes + ' r="', '"' + despues


def _texto_xml(hoja, texto: str) -> str:
    """The ``<is>`` content xlsxwriter writes for ``texto`` in constant_memory mode."""
    if len(texto) > hoja.xls_strmax // 2 and xw._utf16_len(texto) > hoja.xls_strmax:
        texto = xw._utf16_truncate(texto, hoja.xls_strmax)
    if texto and not _TEXTO_ESPECIAL.search(texto):
        return f"<t>{texto}</t>"
    texto = hoja._escape_control_characters(texto)
    if texto.startswith("<r>") and texto.endswith("</r>"):
        return texto
    espacio = ' xml:space="preserve"' if xw._preserve_whitespace(texto) else ""
    return f"<t{espacio}>{hoja._escape_data(texto)}</t>"


class Flujo:
    """Serialises rows as xlsxwriter's constant_memory writer would, straight to the sheet's row stream."""

    def __init__(self, hoja, formato_de: Formato) -> None:
        self.hoja = hoja
        self.formato_de = formato_de
        self.antes, self.despues = _apertura_fila(hoja)
        self.estilos: dict[tuple[str, str, bool], str] = {}
        self.letras: list[str] = []

    def xml(self, n: int, valores, clases, clase_fila: str, tabla: bool) -> str:
        """Row ``n`` (zero-based) holding ``valores`` (as :func:`valor_celda` gives) from column A."""
        if len(self.letras) < len(valores):
            self.letras = [xl_col_to_name(col) for col in range(len(valores))]
        numero = str(n + 1)
        partes = [self.antes + numero + self.despues]
        for letra, v, k in zip(self.letras, valores, clases):  # noqa: B905 (letras may be longer)
            clave = (k, clase_fila, tabla)
            estilo = self.estilos.get(clave)
            if estilo is None:
                estilo = self.estilos[clave] = f' s="{self.formato_de(*clave)._get_xf_index()}"'
            if v is None:
                partes.append(f'<c r="{letra}{numero}"{estilo}/>')
            elif isinstance(v, str):
                partes.append(f'<c r="{letra}{numero}"{estilo} t="inlineStr"><is>{_texto_xml(self.hoja, v)}</is></c>')
            elif isinstance(v, float) and not math.isfinite(v):
                self.hoja.write_number(n, 0, v)  # raises like the cell-by-cell path
            else:
                partes.append(f'<c r="{letra}{numero}"{estilo}><v>{v:.16G}</v></c>')
        partes.append("</row>")
        return "".join(partes)

    def fila(self, n: int, valores: list, clases: list[str], clase_fila: str, tabla: bool) -> bool:
        """Stream one whole row now if it can be (else False: the caller writes it cell by cell)."""
        hoja = self.hoja
        if not valores or n < hoja.previous_row or n >= hoja.xls_rowmax or n in hoja.row_info or n in hoja.comments:
            return False
        if n > hoja.previous_row or hoja.table:
            hoja._write_single_row(n)
        hoja._check_dimensions(n, 0)
        hoja._check_dimensions(n, len(valores) - 1)
        hoja.fh.write(self.xml(n, valores, clases, clase_fila, tabla))
        hoja.previous_row = n
        return True


def flujo(hoja, formato_de: Formato) -> Flujo | None:
    """A row streamer for a constant_memory sheet, or None (not streamed, or unknown xlsxwriter internals)."""
    if not getattr(hoja, "constant_memory", False) or not all(hasattr(hoja, a) for a in INTERNOS):
        return None
    if not all(hasattr(xw, f) for f in ("_utf16_len", "_utf16_truncate", "_preserve_whitespace")):
        return None
    return Flujo(hoja, formato_de)


def _xml_bloque(hoja, primera: int, valores: list[list], clases: list[list], clases_fila: list[str],
                en_tabla: Callable[[int], bool], formato_de: Formato) -> None:
    escritor = Flujo(hoja, formato_de)
    partes = [escritor.xml(primera + i, vals, ks, clase_fila, en_tabla(primera + i))
              for i, (clase_fila, vals, ks) in enumerate(zip(clases_fila, zip(*valores), zip(*clases)))]  # noqa: B905
    hoja.fh.write("".join(partes))


def _escribir_bloque(hoja, primera: int, valores: list[list], clases: list[list], clases_fila: list[str],
                     en_tabla: Callable[[int], bool], formato_de: Formato) -> None:
    vacia, texto, numero = hoja.write_blank, hoja.write_string, hoja.write_number
    formatos: dict[tuple[str, str, bool], Any] = {}
    columnas = list(enumerate(zip(valores, clases, strict=True)))
    for i, clase_fila in enumerate(clases_fila):
        n = primera + i
        tabla = en_tabla(n)
        for col, (vals, ks) in columnas:
            clave = (ks[i], clase_fila, tabla)
            formato = formatos.get(clave)
            if formato is None:
                formato = formatos[clave] = formato_de(*clave)
            v = vals[i]
            if v is None:
                vacia(n, col, None, formato)
            elif isinstance(v, str):
                texto(n, col, v, formato)
            else:
                numero(n, col, v, formato)
