"""Low-level editing of an .xlsx/.xlsm package, part by part, without a spreadsheet library.

An .xlsx is a zip of XML parts.  ``escritura`` rewrites only the parts that
change (the Facturas and Historial sheets, ``styles.xml``, and — when it has
to create Historial — ``workbook.xml``, its rels and ``[Content_Types].xml``);
this module finds those parts and edits them as text, so namespaces, prefixes
and every element we do not understand survive byte for byte.

Sheets are streamed: a sheet of 1,000,000 rows is read in chunks of
``<row>…</row>`` elements, the owned ``<c>`` cells are spliced in by column
order, and the chunk is written out.  Strings are inline (``t="inlineStr"``),
so ``sharedStrings.xml`` is never touched.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from typing import BinaryIO, NamedTuple

import pandas as pd

from cartera.errores import LibroInvalido

REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TIPO_HOJA = REL_DOC + "/worksheet"
CT_HOJA = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
TROZO = 1 << 22
_EPOCA = {False: dt.datetime(1899, 12, 30), True: dt.datetime(1904, 1, 1)}


# --- names, columns, parts -----------------------------------------------------

def normalizar(texto: str) -> str:
    """Sheet/header name for matching: no accents, casefolded, single spaces, no trailing colon."""
    sin = "".join(c for c in unicodedata.normalize("NFKD", str(texto)) if not unicodedata.combining(c))
    return " ".join(sin.casefold().split()).rstrip(":").rstrip()


def letras(col: int) -> str:
    """1 → "A", 28 → "AB"."""
    texto = ""
    while col:
        col, resto = divmod(col - 1, 26)
        texto = chr(65 + resto) + texto
    return texto


def numero_columna(texto: str | bytes) -> int:
    """"AB" → 28."""
    if isinstance(texto, bytes):
        texto = texto.decode("ascii")
    n = 0
    for ch in texto:
        n = n * 26 + ord(ch) - 64
    return n


def _local(etiqueta: str) -> str:
    return etiqueta.rsplit("}", 1)[-1]


def _rels(zf: zipfile.ZipFile, parte: str) -> dict[str, tuple[str, str]]:
    """Relationship Id → (Type, resolved part path) of ``parte``."""
    carpeta, nombre = posixpath.split(parte)
    ruta = posixpath.join(carpeta, "_rels", nombre + ".rels")
    if ruta not in zf.NameToInfo:
        return {}
    salida = {}
    for rel in ET.fromstring(zf.read(ruta)):
        destino = rel.get("Target", "")
        if rel.get("TargetMode") != "External":
            destino = destino.lstrip("/") if destino.startswith("/") else posixpath.normpath(posixpath.join(carpeta, destino))
        salida[rel.get("Id", "")] = (rel.get("Type", ""), destino)
    return salida


def parte_libro(zf: zipfile.ZipFile) -> str:
    """Path of the workbook part (``xl/workbook.xml`` almost always)."""
    for tipo, destino in _rels(zf, "").values():
        if tipo.endswith("/officeDocument"):
            return destino
    raise LibroInvalido("El archivo no es un libro de Excel (.xlsx) válido: falta la parte del libro.")


class Hoja(NamedTuple):
    """A worksheet: its name as the user sees it and its part path in the zip."""

    nombre: str
    parte: str


def hojas(zf: zipfile.ZipFile) -> tuple[Hoja, ...]:
    """Every worksheet of the workbook, in tab order."""
    libro = parte_libro(zf)
    rels = _rels(zf, libro)
    salida = []
    for nodo in ET.fromstring(zf.read(libro)).iter():
        if _local(nodo.tag) == "sheet":
            rid = next((v for k, v in nodo.attrib.items() if k.startswith("{") and _local(k) == "id"), "")
            tipo, destino = rels.get(rid, ("", ""))
            if tipo.endswith("/worksheet"):
                salida.append(Hoja(nodo.get("name", ""), destino))
    return tuple(salida)


def buscar_hoja(zf: zipfile.ZipFile, nombre: str) -> Hoja | None:
    """The worksheet whose name matches ``nombre`` ignoring case, accents, spaces and a trailing colon."""
    clave = normalizar(nombre)
    return next((h for h in hojas(zf) if normalizar(h.nombre) == clave), None)


def fecha1904(zf: zipfile.ZipFile) -> bool:
    """True when the workbook uses the 1904 date system (old Mac workbooks)."""
    return re.search(rb'date1904="(1|true)"', zf.read(parte_libro(zf))) is not None


def parte_estilos(zf: zipfile.ZipFile) -> str | None:
    """Path of ``styles.xml``, None when the workbook has none."""
    rels = _rels(zf, parte_libro(zf))
    return next((d for t, d in rels.values() if t.endswith("/styles") and d in zf.NameToInfo), None)


# --- cell values ---------------------------------------------------------------

class Estilos(NamedTuple):
    """cellXfs indexes for what we write (None = write without a style)."""

    encabezado: int | None = None
    dinero: int | None = None
    fecha: int | None = None
    fecha_hora: int | None = None


_PROHIBIDOS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def es_vacio(valor: object) -> bool:
    """None, NaN, NaT, pd.NA or an empty string."""
    if valor is None or valor is pd.NA or valor is pd.NaT or valor == "":
        return True
    return isinstance(valor, float) and valor != valor


def _unidades(centavos: int) -> bytes:
    signo = "-" if centavos < 0 else ""
    entero, cent = divmod(abs(centavos), 100)
    return f"{signo}{entero}.{cent:02d}".encode()


def _serial(valor: dt.date, es1904: bool) -> bytes:
    if not isinstance(valor, dt.datetime):
        valor = dt.datetime(valor.year, valor.month, valor.day)
    delta = valor.replace(tzinfo=None) - _EPOCA[es1904]
    dias = delta.days + delta.seconds / 86400
    return repr(dias).removesuffix(".0").encode()


def _texto(valor: str) -> bytes:
    limpio = _PROHIBIDOS.sub("", valor)[:32767]
    limpio = limpio.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return limpio.encode("utf-8", "replace")


def contenido_celda(valor: object, dinero: bool, estilos: Estilos, es1904: bool) -> tuple[bytes, int | None, bytes] | None:
    """(type attribute, default style, inner XML) for a value; None when it is empty (memoised for
    repeated texts and dates).

    ``dinero``: integers (and integral floats) are centavos, written as units.
    """
    if type(valor) is int and not dinero:
        return b"", None, b"<v>%d</v>" % valor
    if type(valor) is int:
        return b"", estilos.dinero, b"<v>" + _unidades(valor) + b"</v>"
    if isinstance(valor, str | dt.date) and not es_vacio(valor):
        return _contenido_memo(valor, type(valor), dinero, estilos, es1904)
    return _contenido(valor, dinero, estilos, es1904)


@functools.lru_cache(maxsize=4096)
def _contenido_memo(valor: object, _tipo: type, dinero: bool, estilos: Estilos, es1904: bool) -> tuple[bytes, int | None, bytes] | None:
    return _contenido(valor, dinero, estilos, es1904)


def _contenido(valor: object, dinero: bool, estilos: Estilos, es1904: bool) -> tuple[bytes, int | None, bytes] | None:
    if es_vacio(valor):
        return None
    if isinstance(valor, bool):
        return b' t="b"', None, b"<v>%d</v>" % valor
    if isinstance(valor, dt.date):
        tiene_hora = isinstance(valor, dt.datetime) and valor.time() != dt.time(0)
        estilo = estilos.fecha_hora if tiene_hora else estilos.fecha
        return b"", estilo, b"<v>" + _serial(valor, es1904) + b"</v>"
    if isinstance(valor, str):
        return b' t="inlineStr"', None, b'<is><t xml:space="preserve">' + _texto(valor) + b"</t></is>"
    if isinstance(valor, Decimal):
        return b"", estilos.dinero if dinero else None, b"<v>" + str(valor).encode() + b"</v>"
    numero = valor.item() if hasattr(valor, "item") else valor
    if dinero:
        return b"", estilos.dinero, b"<v>" + _unidades(int(round(numero))) + b"</v>"
    texto = str(numero) if isinstance(numero, int) else repr(float(numero)).removesuffix(".0")
    return b"", None, b"<v>" + texto.encode() + b"</v>"


def celda(ref: bytes, valor: object, dinero: bool, s_previo: bytes | None, estilos: Estilos, es1904: bool) -> bytes:
    """The ``<c>`` element for ``valor`` at ``ref``; an existing style ``s_previo`` is kept."""
    partes = contenido_celda(valor, dinero, estilos, es1904)
    if partes is None:
        return b'<c r="%s" s="%s"/>' % (ref, s_previo) if s_previo else b""
    tipo, estilo, interior = partes
    s = s_previo if s_previo is not None else (str(estilo).encode() if estilo else None)
    atributo_s = b' s="%s"' % s if s else b""
    return b'<c r="%s"%s%s>%s</c>' % (ref, atributo_s, tipo, interior)


# --- streaming a sheet ---------------------------------------------------------

_SHEETDATA = re.compile(rb"<([\w.-]+:)?sheetData\b[^>]*?(/?)>")


class Cabeza(NamedTuple):
    """Everything up to and including the ``<sheetData>`` start tag."""

    datos: bytes
    prefijo: bytes
    vacia: bool  # <sheetData/>


def secciones(src: BinaryIO) -> Iterator[tuple[str, object]]:
    """Split a sheet stream: ("cabeza", Cabeza), ("filas", bytes of whole rows)…, ("cierre", b""), ("cola", bytes)…"""
    buf = b""
    while (m := _SHEETDATA.search(buf)) is None:
        trozo = src.read(TROZO)
        if not trozo:
            raise LibroInvalido("Una hoja del libro está dañada (no tiene datos de celdas).")
        buf += trozo
    prefijo, vacia = m.group(1) or b"", m.group(2) == b"/"
    yield "cabeza", Cabeza(buf[: m.end()], prefijo, vacia)
    buf = buf[m.end():]
    if not vacia:
        cierre, fin_fila = b"</" + prefijo + b"sheetData>", b"</" + prefijo + b"row>"
        while (k := buf.find(cierre)) < 0:
            j = buf.rfind(fin_fila)
            if j >= 0:
                yield "filas", buf[: j + len(fin_fila)]
                buf = buf[j + len(fin_fila):]
            trozo = src.read(TROZO)
            if not trozo:
                raise LibroInvalido("Una hoja del libro está incompleta o dañada.")
            buf += trozo
        yield "filas", buf[:k]
        buf = buf[k:]
    yield "cierre", b""
    while buf:
        yield "cola", buf
        buf = src.read(TROZO)


FILA = re.compile(rb"<(?:[\w.-]+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?row>)", re.S)
CELDA = re.compile(rb"<(?:[\w.-]+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?c>)", re.S)
ATR_R = re.compile(rb'\br="([A-Z]{1,3})?(\d+)?"')
ATR_S = re.compile(rb'\bs="(\d+)"')
ATR_T = re.compile(rb'\bt="(\w+)"')
ATR_SPANS = re.compile(rb'\bspans="([\d: ]+)"')
DIMENSION = re.compile(rb'(<(?:[\w.-]+:)?dimension\b[^>]*?\bref=")([^"]*)(")')


def columna_de(atributos: bytes, previa: int) -> int:
    """Column of a cell from its ``r`` attribute (previous + 1 when it has none)."""
    m = ATR_R.search(atributos)
    return numero_columna(m.group(1)) if m and m.group(1) else previa + 1


def fila_de(atributos: bytes, previa: int) -> int:
    """Row number from a ``<row>``'s attributes (previous + 1 when it has no ``r``)."""
    m = ATR_R.search(atributos)
    return int(m.group(2)) if m and m.group(2) else previa + 1


def rango(ref: str) -> tuple[int, int, int, int] | None:
    """"B2:H90" → (2, 2, 8, 90) as (col1, row1, col2, row2); None when unreadable."""
    m = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?", ref.strip().upper())
    if not m:
        return None
    c1, f1 = numero_columna(m.group(1)), int(m.group(2))
    return (c1, f1, numero_columna(m.group(3)), int(m.group(4))) if m.group(3) else (c1, f1, c1, f1)


class ColumnaOcupada(Exception):
    """A column believed empty (the sheet's ``<dimension>`` was stale) holds a cell: retry with a full scan."""


class PlanHoja(NamedTuple):
    """What to write into one sheet.  Columns are 1-based; rows are Excel row numbers.

    ``columnas``/``dinero``: per field, its column and whether integers are
    centavos.  ``encabezados_nuevos``: (column, text) header cells to add.
    ``valores``: row → one value per field.  ``limpiar``: clear the fields of
    the other rows below the header.  ``nuevas``: columns believed empty.
    ``dimension``: the new ``<dimension ref>`` (None = leave it).
    ``anchos``: (column, width) for new ``<col>`` entries.
    """

    fila_encabezado: int
    columnas: tuple[int, ...]
    dinero: tuple[bool, ...]
    encabezados_nuevos: tuple[tuple[int, str], ...]
    valores: dict[int, tuple]
    limpiar: bool
    nuevas: frozenset[int]
    estilos: Estilos
    es1904: bool
    dimension: str | None
    anchos: tuple[tuple[int, float], ...] = ()


class EditorHoja:
    """Rewrites a sheet stream chunk by chunk according to a ``PlanHoja``."""

    def __init__(self, plan: PlanHoja) -> None:
        self.plan = plan
        self.por_col = {c: i for i, c in enumerate(plan.columnas)}
        self.letras = {c: letras(c).encode() for c in plan.columnas}
        self.encabezados = dict(plan.encabezados_nuevos)
        self.objetivos = sorted(r for r in plan.valores if r > plan.fila_encabezado)
        self.i = 0
        self.previa = 0
        self.prefijo = b""
        self.vacia = False
        self.encabezado_hecho = False
        self.propia: re.Pattern | None = None
        self.campos = sorted((c, i, letras(c).encode(), plan.dinero[i]) for i, c in enumerate(plan.columnas))
        letras_nuevas = b"|".join(letras(c).encode() for c in sorted(plan.nuevas))
        self.ocupadas = re.compile(rb'<(?:[\w.-]+:)?c\b[^>]*?\br="(?:%s)\d' % letras_nuevas) if plan.nuevas else None

    def editar(self, src: BinaryIO, dst: BinaryIO) -> None:
        """Copy ``src`` to ``dst``, splicing the plan's cells in."""
        for tipo, datos in secciones(src):
            if tipo == "cabeza":
                dst.write(self.cabeza(datos))
            elif tipo == "filas":
                dst.write(self.filas(datos))
            elif tipo == "cierre":
                dst.write(self.cierre())
            else:
                dst.write(datos)

    def cabeza(self, cabeza: Cabeza) -> bytes:
        self.prefijo, self.vacia = cabeza.prefijo, cabeza.vacia
        datos = cabeza.datos
        if self.plan.dimension:
            datos = DIMENSION.sub(lambda m: m.group(1) + self.plan.dimension.encode() + m.group(3), datos, count=1)
        datos = anchos_de_columna(datos, self.plan.anchos, self.prefijo)
        if self.vacia and (self.objetivos or self.encabezados):
            datos = datos[:-2] + b">"
        return datos

    def cierre(self) -> bytes:
        resto = self.nuevas_filas(None)
        if self.vacia and (self.objetivos or self.encabezados):
            resto += b"</" + self.prefijo + b"sheetData>"
        return resto

    def filas(self, bloque: bytes) -> bytes:
        if self.ocupadas is not None and (m := self.ocupadas.search(bloque)):
            raise ColumnaOcupada(m.group(0).decode("utf-8", "replace"))
        partes, pos = [], 0
        for m in FILA.finditer(bloque):
            r = fila_de(m.group(1), self.previa)
            self.previa = r
            partes.append(bloque[pos: m.start()])
            partes.append(self.nuevas_filas(r))
            partes.append(self.fila(m, r))
            pos = m.end()
        partes.append(bloque[pos:])
        return b"".join(partes)

    def nuevas_filas(self, hasta: int | None) -> bytes:
        """Rows of the plan missing from the sheet that come before row ``hasta`` (all when None)."""
        partes = []
        h = self.plan.fila_encabezado
        if self.encabezados and not self.encabezado_hecho and (hasta is None or hasta > h):
            self.encabezado_hecho = True
            partes.append(self.fila_nueva(h, self.celdas_encabezado()))
        while self.i < len(self.objetivos) and (hasta is None or self.objetivos[self.i] < hasta):
            r = self.objetivos[self.i]
            self.i += 1
            partes.append(self.fila_nueva(r, self.celdas_valores(r, {})))
        return b"".join(partes)

    def fila_nueva(self, r: int, celdas: bytes) -> bytes:
        if not celdas:
            return b""
        p = self.prefijo
        return b'<%srow r="%d">%s</%srow>' % (p, r, celdas, p)

    def celdas_encabezado(self) -> bytes:
        s = self.plan.estilos.encabezado
        return b"".join(
            celda(letras(c).encode() + str(self.plan.fila_encabezado).encode(), t, False,
                  str(s).encode() if s is not None else None, self.plan.estilos, self.plan.es1904)
            for c, t in sorted(self.encabezados.items()))

    def celdas_valores(self, r: int, previos: dict[int, bytes | None]) -> bytes:
        return b"".join(self.una_celda(c, r, previos.get(c)) for c in sorted(self.plan.columnas))

    def una_celda(self, col: int, r: int, s_previo: bytes | None) -> bytes:
        if r == self.plan.fila_encabezado:
            if col not in self.encabezados:
                return b""
            s = self.plan.estilos.encabezado
            return celda(self.letras.get(col, letras(col).encode()) + b"%d" % r, self.encabezados[col], False,
                         str(s).encode() if s is not None else None, self.plan.estilos, self.plan.es1904)
        valores = self.plan.valores.get(r)
        i = self.por_col[col]
        valor = valores[i] if valores is not None else None
        return celda(self.letras[col] + b"%d" % r, valor, self.plan.dinero[i], s_previo,
                     self.plan.estilos, self.plan.es1904)

    def fila(self, m: re.Match, r: int) -> bytes:
        """The row, edited when the plan has something for it, else the original bytes."""
        if self.i < len(self.objetivos) and self.objetivos[self.i] == r:
            self.i += 1
        elif r == self.plan.fila_encabezado:
            self.encabezado_hecho = True
            if not self.encabezados:
                return m.group(0)
        elif r < self.plan.fila_encabezado or not self.plan.limpiar:
            return m.group(0)
        cols = sorted(self.encabezados) if r == self.plan.fila_encabezado else self.plan.columnas
        contenido = m.group(2) or b""
        nuevo = self.empalmar(contenido, r, sorted(cols))
        if nuevo == contenido:
            return m.group(0)
        p = self.prefijo
        apertura = m.group(0)[: m.start(1) - m.start(0)] + ampliar_spans(m.group(1), cols) + b">"
        return apertura + nuevo + b"</" + p + b"row>"

    def empalmar(self, contenido: bytes, r: int, cols: list[int]) -> bytes:
        """Row content with the cells of ``cols`` replaced or inserted, in column order."""
        fin = contenido.find(b"<" + self.prefijo + b"extLst")
        fin = len(contenido) if fin < 0 else fin
        rapido = None if r == self.plan.fila_encabezado else self.empalmar_al_final(contenido, r, cols, fin)
        if rapido is not None:
            return rapido
        partes, pos, i, previa = [], 0, 0, 0
        for m in CELDA.finditer(contenido, 0, fin):
            col = columna_de(m.group(1), previa)
            previa = col
            while i < len(cols) and cols[i] < col:
                partes += [contenido[pos: m.start()], self.una_celda(cols[i], r, None)]
                pos, i = m.start(), i + 1
            if i < len(cols) and cols[i] == col:
                if col in self.plan.nuevas:
                    raise ColumnaOcupada(letras(col))
                s = ATR_S.search(m.group(1))
                partes += [contenido[pos: m.start()], self.una_celda(col, r, s.group(1) if s else None)]
                pos, i = m.end(), i + 1
        partes.append(contenido[pos:fin])
        partes += [self.una_celda(c, r, None) for c in cols[i:]]
        partes.append(contenido[fin:])
        return b"".join(partes)


    def empalmar_al_final(self, contenido: bytes, r: int, cols: list[int], fin: bytes) -> bytes | None:
        """Fast path when the row's cells from the first owned one on are all owned (None otherwise)."""
        if self.propia is None:
            letras_propias = b"|".join(letras(c).encode() for c in self.plan.columnas)
            self.propia = re.compile(rb'<(?:[\w.-]+:)?c\b([^>]*?\br="(%s)\d+"[^>]*?)(?:/>|>.*?</(?:[\w.-]+:)?c>)' % letras_propias, re.S)
        abre = b"<" + self.prefijo + b"c "
        primera = self.propia.search(contenido, 0, fin)
        k = primera.start() if primera else fin
        j = contenido.rfind(abre, 0, k)
        if j >= 0:
            a = ATR_R.search(contenido, j, contenido.find(b">", j))
            if a is None or a.group(1) is None or numero_columna(a.group(1)) >= cols[0]:
                return None
        previos: dict[int, bytes | None] = {}
        if primera is not None:
            tramo = contenido[k:fin]
            halladas = list(self.propia.finditer(tramo))
            if len(halladas) != tramo.count(abre) + tramo.count(b"<" + self.prefijo + b"c>"):
                return None
            for m in halladas:
                s = ATR_S.search(m.group(1))
                previos[numero_columna(m.group(2))] = s.group(1) if s else None
        return contenido[:k] + self.bloque(r, previos) + contenido[fin:]

    def bloque(self, r: int, previos: dict[int, bytes | None]) -> bytes:
        """All the owned cells of data row ``r``, in column order (the hot path: kept flat)."""
        valores, fila, estilos, es1904, partes = self.plan.valores.get(r), b"%d" % r, self.plan.estilos, self.plan.es1904, []
        for col, i, letra, dinero in self.campos:
            s_previo = previos.get(col)
            partes_celda = contenido_celda(valores[i] if valores is not None else None, dinero, estilos, es1904)
            if partes_celda is None:
                if s_previo:
                    partes.append(b'<c r="' + letra + fila + b'" s="' + s_previo + b'"/>')
                continue
            tipo, estilo, interior = partes_celda
            atributo_s = b' s="' + s_previo + b'"' if s_previo else (b' s="%d"' % estilo if estilo else b"")
            partes.append(b'<c r="' + letra + fila + b'"' + atributo_s + tipo + b">" + interior + b"</c>")
        return b"".join(partes)


def ampliar_spans(atributos: bytes, cols: list[int]) -> bytes:
    """Widen a row's ``spans`` hint so it covers ``cols``."""
    m = ATR_SPANS.search(atributos)
    if not m or not cols:
        return atributos
    rangos = [tuple(int(x) for x in s.split(b":")) for s in m.group(1).split() if b":" in s]
    if not rangos:
        return atributos
    bajo, alto = min(min(a for a, _ in rangos), min(cols)), max(max(b for _, b in rangos), max(cols))
    return atributos[: m.start(1)] + b"%d:%d" % (bajo, alto) + atributos[m.end(1):]


def anchos_de_columna(cabeza: bytes, anchos: tuple[tuple[int, float], ...], p: bytes) -> bytes:
    """Add ``<col>`` widths for new columns not covered by the sheet's own ``<cols>``."""
    if not anchos:
        return cabeza
    existentes = [(int(a), int(b)) for a, b in re.findall(rb'<(?:[\w.-]+:)?col\b[^>]*?\bmin="(\d+)"[^>]*?\bmax="(\d+)"', cabeza)]
    libres = [(c, w) for c, w in anchos if not any(a <= c <= b for a, b in existentes)]
    if not libres:
        return cabeza
    nuevos = b"".join(b'<%scol min="%d" max="%d" width="%s" customWidth="1"/>' % (p, c, c, str(w).encode()) for c, w in libres)
    cierre = re.search(rb"</(?:[\w.-]+:)?cols>", cabeza)
    if existentes and cierre is not None and max(b for _, b in existentes) < min(c for c, _ in libres):
        return cabeza[: cierre.start()] + nuevos + cabeza[cierre.start():]
    if existentes or cierre is not None:
        return cabeza
    m = _SHEETDATA.search(cabeza)
    return cabeza[: m.start()] + b"<%scols>%s</%scols>" % (p, nuevos, p) + cabeza[m.start():]


# --- reading a sheet's header ---------------------------------------------------

class Exploracion(NamedTuple):
    """What a first pass learns about a sheet.

    ``fila_encabezado``: first row with a non-empty cell (None: blank sheet).
    ``encabezado``: column → header text of that row.  ``dimension``: the
    ``<dimension>`` range as (col1, row1, col2, row2), None when absent.
    ``ultima_fila``/``ultima_columna``: the largest seen (the whole sheet only
    when scanned ``completo``; else ``ultima_columna`` comes from the dimension).
    """

    fila_encabezado: int | None
    encabezado: dict[int, str]
    dimension: tuple[int, int, int, int] | None
    ultima_fila: int
    ultima_columna: int


_T = re.compile(rb"<(?:[\w.-]+:)?t\b[^>]*>(.*?)</(?:[\w.-]+:)?t>", re.S)
_V = re.compile(rb"<(?:[\w.-]+:)?v\b[^>]*>(.*?)</(?:[\w.-]+:)?v>", re.S)
_INICIO_FILA = re.compile(rb"<(?:[\w.-]+:)?row\b([^>]*)")
_COL_R = re.compile(rb'<(?:[\w.-]+:)?c\b[^>]*?\br="([A-Z]{1,3})')


def _desescapar(texto: bytes) -> str:
    import html
    return html.unescape(texto.decode("utf-8", "replace"))


def _celdas_crudas(contenido: bytes) -> dict[int, tuple[bytes, str]]:
    """Non-empty cells of a row: column → (type, raw text or shared-string index)."""
    salida, previa = {}, 0
    for m in CELDA.finditer(contenido):
        col = previa = columna_de(m.group(1), previa)
        interior = m.group(2) or b""
        t = ATR_T.search(m.group(1))
        tipo = t.group(1) if t else b"n"
        textos = _T.findall(interior) if tipo == b"inlineStr" else _V.findall(interior)[:1]
        texto = "".join(_desescapar(x) for x in textos)
        if texto.strip():
            salida[col] = (tipo, texto)
    return salida


def compartidas(zf: zipfile.ZipFile, indices: set[int]) -> dict[int, str]:
    """The shared strings at ``indices`` (reads sharedStrings.xml only as far as needed)."""
    nombre = next((n for n in zf.NameToInfo if n.lower().endswith("sharedstrings.xml")), None)
    if not indices or nombre is None:
        return {}
    salida, i, tope = {}, 0, max(indices)
    with zf.open(nombre) as f:
        for _, nodo in ET.iterparse(f, events=("end",)):
            if _local(nodo.tag) != "si":
                continue
            if i in indices:
                salida[i] = "".join(t.text or "" for t in nodo.iter() if _local(t.tag) == "t" and not _en_rph(nodo, t))
            nodo.clear()
            i += 1
            if i > tope:
                break
    return salida


def _en_rph(si: ET.Element, t: ET.Element) -> bool:
    return any(_local(h.tag) == "rPh" and t in list(h.iter()) for h in si)


def explorar(zf: zipfile.ZipFile, parte: str, *, completo: bool) -> Exploracion:
    """First pass over a sheet: header row and its texts; the whole sheet when ``completo``."""
    dimension, encabezado, fila_enc, ultima, cols, previa = None, {}, None, 0, set(), 0
    with zf.open(parte) as src:
        for tipo, datos in secciones(src):
            if tipo == "cabeza":
                m = DIMENSION.search(datos.datos)
                dimension = rango(m.group(2).decode()) if m else None
            elif tipo == "filas":
                if fila_enc is None:
                    for m in FILA.finditer(datos):
                        previa = fila_de(m.group(1), previa)
                        crudas = _celdas_crudas(m.group(2) or b"")
                        if crudas:
                            fila_enc, encabezado = previa, crudas
                            break
                if not completo and fila_enc is not None:
                    break
                for atributos in _INICIO_FILA.findall(datos):
                    ultima = fila_de(atributos, ultima)
                cols.update(_COL_R.findall(datos))
            elif tipo != "cabeza":
                break
    textos = _textos_encabezado(zf, encabezado)
    ultima_col = max((numero_columna(c) for c in cols), default=0) if completo else (dimension[2] if dimension else 0)
    return Exploracion(fila_enc, textos, dimension, ultima, max(ultima_col, max(textos, default=0)))


def _textos_encabezado(zf: zipfile.ZipFile, crudas: dict[int, tuple[bytes, str]]) -> dict[int, str]:
    indices = {int(t) for tipo, t in crudas.values() if tipo == b"s" and t.strip().isdigit()}
    sst = compartidas(zf, indices)
    return {c: (sst.get(int(t), "") if tipo == b"s" else t) for c, (tipo, t) in crudas.items()}


# --- styles.xml -------------------------------------------------------------------

_GRIS_TEXTO, _GRIS_FONDO = b"FF595959", b"FFEDEDED"


def _bloque(xml: bytes, nombre: bytes) -> re.Match | None:
    return re.search(rb"<([\w.-]+:)?%s\b([^>/]*)>(.*?)</\1?%s>" % (nombre, nombre), xml, re.S)


def _hijos(bloque: re.Match, hijo: bytes) -> list[re.Match]:
    return list(re.finditer(rb"<(?:[\w.-]+:)?%s\b([^>]*?)(/>|>.*?</(?:[\w.-]+:)?%s>)" % (hijo, hijo), bloque.group(3), re.S))


def _anadir(xml: bytes, nombre: bytes, hijo: bytes, elementos: list[bytes]) -> tuple[bytes, int]:
    """Append child elements to a styles block and fix its count; returns (xml, index of the first)."""
    bloque = _bloque(xml, nombre)
    if bloque is None:
        raise ValueError(nombre)
    n = len(_hijos(bloque, hijo))
    apertura = re.sub(rb'\bcount="\d+"', b'count="%d"' % (n + len(elementos)), xml[bloque.start(): bloque.start(3)])
    nuevo = apertura + bloque.group(3) + b"".join(elementos) + xml[bloque.end(3): bloque.end()]
    return xml[: bloque.start()] + nuevo + xml[bloque.end():], n


def _xf_existente(xml: bytes, formato: int) -> int | None:
    bloque = _bloque(xml, b"cellXfs")
    for i, m in enumerate(_hijos(bloque, b"xf") if bloque else ()):
        atributos = dict(re.findall(rb'([\w:]+)="([^"]*)"', m.group(1)))
        base = all(atributos.get(k, b"0") == b"0" for k in (b"fontId", b"fillId", b"borderId"))
        if base and m.group(2) == b"/>" and atributos.get(b"numFmtId") == str(formato).encode():
            return i
    return None


def asegurar_estilos(xml: bytes, *, encabezado: bool) -> tuple[bytes, Estilos]:
    """styles.xml with the cell formats we need (reusing identical ones already there).

    Money uses built-in format 4 (``#,##0.00``), dates 14 (short date in the
    user's locale), date-times 22; the computed header is italic grey text on
    a light grey fill.  Unreadable styles → unchanged XML, no styles.
    """
    p = (re.search(rb"<([\w.-]+:)?styleSheet\b", xml) or re.search(rb"()", xml)).group(1) or b""
    try:
        ids = []
        for formato in (4, 14, 22):
            i = _xf_existente(xml, formato)
            if i is None:
                xml, i = _anadir(xml, b"cellXfs", b"xf", [b'<%sxf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' % (p, formato)])
            ids.append(i)
        cabecera = _estilo_encabezado(xml, p) if encabezado else None
        if cabecera is not None:
            xml, indice = cabecera
            ids.insert(0, indice)
        else:
            ids.insert(0, None)
        return xml, Estilos(*ids)
    except ValueError:
        return xml, Estilos()


def _estilo_encabezado(xml: bytes, p: bytes) -> tuple[bytes, int]:
    fuentes = _bloque(xml, b"fonts")
    primera = _hijos(fuentes, b"font")[0].group(0) if fuentes else b"<font/>"
    interior = re.sub(rb"<(?:[\w.-]+:)?(?:color|i|b)\b[^>]*?/>", b"", primera)
    interior = re.sub(rb"^<[^>]*?/?>|</[^>]*>$", b"", interior)
    fuente = b'<%sfont><%si/>%s<%scolor rgb="%s"/></%sfont>' % (p, p, interior, p, _GRIS_TEXTO, p)
    xml, id_fuente = _anadir(xml, b"fonts", b"font", [fuente])
    relleno = b'<%sfill><%spatternFill patternType="solid"><%sfgColor rgb="%s"/><%sbgColor indexed="64"/></%spatternFill></%sfill>' % (
        p, p, p, _GRIS_FONDO, p, p, p)
    xml, id_relleno = _anadir(xml, b"fills", b"fill", [relleno])
    xf = b'<%sxf numFmtId="0" fontId="%d" fillId="%d" borderId="0" xfId="0" applyFont="1" applyFill="1"/>' % (p, id_fuente, id_relleno)
    return _anadir(xml, b"cellXfs", b"xf", [xf])


# --- adding a sheet, copying the package -----------------------------------------------

HOJA_VACIA = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              b'xmlns:r="' + REL_DOC.encode() + b'"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/>'
              b'</sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.7" right="0.7" '
              b'top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')


def _antes_de_cierre(xml: bytes, nombre: bytes, elemento: bytes) -> bytes:
    m = list(re.finditer(rb"</(?:[\w.-]+:)?%s>" % nombre, xml))
    if not m:
        raise LibroInvalido("El libro tiene una estructura que cartera no reconoce; no se modificó.")
    return xml[: m[-1].start()] + elemento + xml[m[-1].start():]


def anadir_hoja(zf: zipfile.ZipFile, nombre: str) -> tuple[str, dict[str, bytes]]:
    """A new worksheet at the end: (its part path, edited workbook.xml, rels and content types)."""
    libro = parte_libro(zf)
    carpeta = posixpath.dirname(libro)
    n = 1
    while posixpath.join(carpeta, f"worksheets/sheet{n}.xml") in zf.NameToInfo:
        n += 1
    parte = posixpath.join(carpeta, f"worksheets/sheet{n}.xml")
    ruta_rels = posixpath.join(carpeta, "_rels", posixpath.basename(libro) + ".rels")
    rels = zf.read(ruta_rels)
    usados = set(re.findall(rb'\bId="([^"]+)"', rels))
    rid = next(b"rId%d" % k for k in range(1, len(usados) + 2) if b"rId%d" % k not in usados)
    rels = _antes_de_cierre(rels, b"Relationships", b'<Relationship Id="%s" Type="%s" Target="worksheets/sheet%d.xml"/>' % (
        rid, TIPO_HOJA.encode(), n))
    xml = zf.read(libro)
    p = re.search(rb"<([\w.-]+:)?workbook\b", xml).group(1) or b""
    ids = [int(x) for x in re.findall(rb'<(?:[\w.-]+:)?sheet\b[^>]*?\bsheetId="(\d+)"', xml)]
    prefijo_r = re.search(rb'xmlns:([\w.-]+)="%s"' % re.escape(REL_DOC.encode()), xml)
    atributo = b"%s:id" % prefijo_r.group(1) if prefijo_r else b'xmlns:cr="%s" cr:id' % REL_DOC.encode()
    hoja = b'<%ssheet name="%s" sheetId="%d" %s="%s"/>' % (p, _texto(nombre), max(ids, default=0) + 1, atributo, rid)
    tipos = _antes_de_cierre(zf.read("[Content_Types].xml"), b"Types",
                             b'<Override PartName="/%s" ContentType="%s"/>' % (parte.encode(), CT_HOJA.encode()))
    return parte, {libro: _antes_de_cierre(xml, b"sheets", hoja), ruta_rels: rels, "[Content_Types].xml": tipos}


def _info(original: zipfile.ZipInfo) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(original.filename, original.date_time)
    info.compress_type = original.compress_type
    info.external_attr, info.create_system, info.comment = original.external_attr, original.create_system, original.comment
    return info


def copiar_paquete(zin: zipfile.ZipFile, zout: zipfile.ZipFile, cambios: dict, nuevas: dict[str, bytes]) -> None:
    """Every entry of ``zin`` into ``zout`` in the same order and compression; ``cambios`` maps a
    part to new bytes or to a function ``(src, dst)`` that streams it; ``nuevas`` are added at the end."""
    import shutil
    import time
    for original in zin.infolist():
        cambio, info = cambios.get(original.filename), _info(original)
        if isinstance(cambio, bytes):
            zout.writestr(info, cambio)
            continue
        with zin.open(original) as src, zout.open(info, "w", force_zip64=original.file_size > 1 << 30) as dst:
            if cambio is None:
                shutil.copyfileobj(src, dst, TROZO)
            else:
                cambio(src, dst)
    for nombre, datos in nuevas.items():
        zout.writestr(zipfile.ZipInfo(nombre, time.localtime()[:6]), datos, compress_type=zipfile.ZIP_DEFLATED)
