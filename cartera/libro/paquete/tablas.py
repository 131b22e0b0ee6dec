"""Excel Tables (ListObjects) of a worksheet: found through the sheet's relationships, grown to the right
(``ampliar``: new columns) or down (``alargar``: rows appended under the table).

A table is a part of its own (``xl/tables/tableN.xml``, referenced from the
sheet's rels and ``<tableParts>``) that names its range (``ref``), its header
and totals rows and one ``<tableColumn>`` per column, whose ``name`` must be
the header cell's text (Excel repairs the file otherwise).  Growing a table
edits that part as text, like the rest of the package editor: ``ref`` and
``autoFilter`` widened to the right, one ``<tableColumn>`` per new column,
``count`` updated.  Its rows stay as they were, so a totals row stays the last
row of the table (and new columns get no ``totalsRowFunction``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from typing import NamedTuple

from cartera.libro.paquete import PaqueteInvalido
from cartera.libro.paquete.codificacion import letras
from cartera.libro.paquete.edicion import Rango
from cartera.libro.paquete.flujo import rango
from cartera.libro.paquete.partes import relaciones

_INICIO = re.compile(rb"<([\w.-]+:)?table\b[^>]*>")
_REF = re.compile(rb'(\sref=")([^"]*)(")')
_FILTRO = re.compile(rb"<(?:[\w.-]+:)?autoFilter\b[^>]*>")
_COLUMNAS = re.compile(rb"<([\w.-]+:)?tableColumns\b[^>]*>")
_CUENTA = re.compile(rb'(\scount=")(\d+)(")')
_ID = re.compile(rb'<(?:[\w.-]+:)?tableColumn\b[^>]*?\sid="(\d+)"')


def _local(etiqueta: str) -> str:
    return etiqueta.rsplit("}", 1)[-1]


class TablaExcel(NamedTuple):
    """One Excel Table of a sheet.

    ``parte``: its zip path.  ``nombre``: its ``displayName`` (the name formulas use).
    ``rango``: its ``ref`` as (col1, row1, col2, row2), header and totals rows included.
    ``filas_encabezado``/``filas_totales``: ``headerRowCount`` (1 unless 0) and ``totalsRowCount``.
    ``columnas``: the ``<tableColumn>`` names, left to right.  ``tipo``: ``tableType``
    («worksheet» unless the table is fed by a query or XML map).
    """

    parte: str
    nombre: str
    rango: Rango
    filas_encabezado: int
    filas_totales: int
    columnas: tuple[str, ...]
    tipo: str

    @property
    def ampliable(self) -> bool:
        """A plain worksheet table whose columns agree with its range (the only kind grown)."""
        c1, _, c2, _ = self.rango
        return self.tipo == "worksheet" and self.filas_encabezado > 0 and len(self.columnas) == c2 - c1 + 1


def tablas_de_hoja(zf: zipfile.ZipFile, parte: str) -> tuple[TablaExcel, ...]:
    """Every table the sheet ``parte`` holds, in the order of its relationships."""
    salida = []
    for tipo, destino in relaciones(zf, parte).values():
        if not tipo.endswith("/table") or destino not in zf.NameToInfo:
            continue
        tabla = _leer(destino, zf.read(destino))
        if tabla is not None:
            salida.append(tabla)
    return tuple(salida)


def _leer(parte: str, xml: bytes) -> TablaExcel | None:
    raiz = ET.fromstring(xml)
    ref = rango(raiz.get("ref", ""))
    if _local(raiz.tag) != "table" or ref is None:
        return None
    nombres = tuple(n.get("name", "") for n in raiz.iter() if _local(n.tag) == "tableColumn")
    return TablaExcel(parte, raiz.get("displayName") or raiz.get("name", ""), ref,
                      int(raiz.get("headerRowCount", "1")), int(raiz.get("totalsRowCount", "0")),
                      nombres, raiz.get("tableType", "worksheet"))


def _atributo(texto: str) -> bytes:
    return (texto.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;").encode("utf-8"))


def _con_final(ref: bytes, c2: int | None = None, f2: int | None = None) -> bytes:
    """``ref`` ("A1:D5") with its last column set to ``c2`` ("A1:F5") and/or its last row to ``f2`` ("A1:D9")."""
    actual = rango(ref.decode("ascii", "replace"))
    if actual is None:
        raise PaqueteInvalido("Una tabla de Excel del libro tiene un rango ilegible; no se modificó.")
    c1, f1, c2_actual, f2_actual = actual
    return f"{letras(c1)}{f1}:{letras(c2 or c2_actual)}{f2 or f2_actual}".encode()


def ampliar(xml: bytes, nombres: Sequence[str]) -> bytes:
    """The table part ``xml`` grown by one column per name, at its right (names as the header cells say)."""
    inicio = _INICIO.search(xml)
    ref = _REF.search(xml, inicio.start(), inicio.end()) if inicio else None
    columnas = _COLUMNAS.search(xml)
    if ref is None or columnas is None or (cierre := xml.find(b"</%stableColumns>" % (columnas.group(1) or b""))) < 0:
        raise PaqueteInvalido("Una tabla de Excel del libro tiene una estructura que cartera no reconoce; no se modificó.")
    c2 = rango(ref.group(2).decode("ascii", "replace"))[2] + len(nombres)
    p = columnas.group(1) or b""
    siguiente = max((int(i) for i in _ID.findall(xml)), default=0) + 1
    nuevas = b"".join(b'<%stableColumn id="%d" name="%s"/>' % (p, siguiente + k, _atributo(n)) for k, n in enumerate(nombres))
    cuenta = _CUENTA.search(xml, columnas.start(), columnas.end())
    partes = [xml[: ref.start(2)], _con_final(ref.group(2), c2=c2), xml[ref.end(2): columnas.start()]]
    apertura = columnas.group(0)
    if cuenta is not None:
        k = cuenta.start(2) - columnas.start()
        apertura = apertura[:k] + b"%d" % (int(cuenta.group(2)) + len(nombres)) + apertura[cuenta.end(2) - columnas.start():]
    partes += [apertura, xml[columnas.end(): cierre], nuevas, xml[cierre:]]
    nuevo = _filtro_ampliado(b"".join(partes), c2)
    _comprobar(nuevo)
    return nuevo


def _filtro_ampliado(xml: bytes, c2: int | None = None, f2: int | None = None) -> bytes:
    """The table's ``autoFilter`` widened to column ``c2`` and/or lengthened to row ``f2``."""
    filtro = _FILTRO.search(xml)
    ref = _REF.search(xml, filtro.start(), filtro.end()) if filtro else None
    if ref is None:
        return xml
    return xml[: ref.start(2)] + _con_final(ref.group(2), c2=c2, f2=f2) + xml[ref.end(2):]


def alargar(xml: bytes, fila_final: int) -> bytes:
    """The table part ``xml`` lengthened down to row ``fila_final`` (``ref`` and ``autoFilter``), for rows
    appended right under its last row.  Refuses a table with a totals row (its last row would no longer be
    the totals) or one that would shrink."""
    inicio = _INICIO.search(xml)
    ref = _REF.search(xml, inicio.start(), inicio.end()) if inicio else None
    tabla = _leer("", xml) if ref else None
    if tabla is None or tabla.filas_totales or fila_final < tabla.rango[3]:
        raise PaqueteInvalido("Una tabla de Excel del libro no pudo alargarse sin dañarla; no se modificó.")
    nuevo = _filtro_ampliado(xml[: ref.start(2)] + _con_final(ref.group(2), f2=fila_final) + xml[ref.end(2):],
                             f2=fila_final)
    _comprobar(nuevo)
    return nuevo


def _comprobar(xml: bytes) -> None:
    """Refuse a table whose columns do not match its range, or whose column ids or names repeat."""
    tabla = _leer("", xml)
    raiz = ET.fromstring(xml)
    grupo = next((n for n in raiz if _local(n.tag) == "tableColumns"), None)
    ids = [n.get("id") for n in raiz.iter() if _local(n.tag) == "tableColumn"]
    claves = [n.casefold() for n in tabla.columnas] if tabla else []
    if (tabla is None or not tabla.ampliable or len(set(ids)) != len(ids) or len(set(claves)) != len(claves)
            or (grupo is not None and grupo.get("count") not in (None, str(len(ids))))):
        raise PaqueteInvalido("Una tabla de Excel del libro no pudo ampliarse sin dañarla; no se modificó.")
