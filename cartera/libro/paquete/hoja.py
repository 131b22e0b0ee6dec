"""The streaming sheet editor: splices the owned cells into a worksheet part, row by row.

The owned ``<c>`` cells are spliced in by column order; every other byte of
the sheet (cells, formulas with cached values, ``<extLst>`` with sparklines,
``<drawing>``) is copied as it was.  Strings are inline (``t="inlineStr"``),
so ``sharedStrings.xml`` is never touched.  ``PlanHoja`` and ``ColumnaOcupada``
live in ``libro.paquete.edicion``, the ``spans``/``<cols>`` helpers in ``libro.paquete.columnas``.
"""

from __future__ import annotations

import functools
import re
from typing import BinaryIO

from cartera.libro.paquete import trozo as tx
from cartera.libro.paquete.codificacion import celda, contenido_celda, letras, numero_columna
from cartera.libro.paquete.columnas import ampliar_spans, anchos_de_columna
from cartera.libro.paquete.edicion import ColumnaOcupada, PlanHoja, cruza, en_rangos, filas_intactas
from cartera.libro.paquete.flujo import (
    ATR_R,
    ATR_S,
    CELDA,
    DIMENSION,
    FILA,
    MINIGRAFICO,
    Cabeza,
    columna_de,
    combinadas,
    fila_de,
    secciones,
)


class EditorHoja:
    """Rewrites a sheet stream chunk by chunk according to a ``PlanHoja``."""

    def __init__(self, plan: PlanHoja) -> None:
        self.plan = plan
        self.por_col = {c: i for i, c in enumerate(plan.columnas)}
        self.letras = {c: letras(c).encode() for c in plan.columnas}
        self.encabezados = dict(plan.encabezados_nuevos)
        self.filas_plan = plan.valores.filas
        self.objetivos = self.filas_plan.tolist()
        self.i = 0
        self.previa = 0
        self.prefijo = b""
        self.vacia = False
        self.encabezado_hecho = False
        self.propia: re.Pattern | None = None
        self.por_campo = plan.por_campo or (plan.estilos,) * len(plan.columnas)
        self.campos = sorted((c, i, letras(c).encode(), plan.dinero[i], self.por_campo[i]) for i, c in enumerate(plan.columnas))
        letras_nuevas = b"|".join(letras(c).encode() for c in sorted(plan.nuevas))
        self.ocupadas = re.compile(rb'<(?:[\w.-]+:)?c\b[^>]*?\br="(?:%s)\d' % letras_nuevas) if plan.nuevas else None
        self.ajenas: re.Pattern | None = None
        self.spans = functools.lru_cache(maxsize=1024)(self._spans)
        self._prerender: tuple | None = None

    def prerender(self) -> tuple:
        """(owned-cell block per plan row, expected styles per field), computed once."""
        if self._prerender is None:
            self._prerender = self.plan.valores.bloques(tuple(self.campos), self.plan.estilos, self.plan.es1904)
        return self._prerender

    def _spans(self, valor: bytes) -> bytes:
        atributo = ampliar_spans(b' spans="' + valor + b'"', list(self.plan.columnas))
        return atributo[len(b' spans="'): -1]

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
                self.comprobar_cola(datos)
                dst.write(datos)

    def comprobar_cola(self, cola: bytes) -> None:
        """A sparkline in a column believed empty, or a merged range the plan did not expect across
        its columns below the header (or across a new header): retry with a full scan (which counts them)."""
        ocupadas = [c for c in MINIGRAFICO.findall(cola) if numero_columna(c) in self.plan.nuevas]
        if ocupadas:
            raise ColumnaOcupada(ocupadas[0].decode("ascii"))
        merges, h = combinadas(cola), self.plan.fila_encabezado
        if not set(filas_intactas(merges, self.plan.columnas, h)) <= set(self.plan.intactas) or any(
                m[1] <= h <= m[3] and cruza(m, self.plan.nuevas) for m in merges):
            raise ColumnaOcupada("celdas combinadas")

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
        partes, pos = [], 0
        if self.previa < self.plan.fila_encabezado or (self.encabezados and not self.encabezado_hecho):
            partes, pos = self.filas_lentas(bloque, 0, hasta_encabezado=True)  # the header row checks its own cells
        rapido = self.trozo_rapido(bloque[pos:]) if pos < len(bloque) else None
        if rapido is not None:
            return b"".join(partes) + rapido  # a plain chunk holds no cell in a column believed empty
        self.comprobar_ocupadas(bloque, pos)
        resto, _ = self.filas_lentas(bloque, pos, hasta_encabezado=False)
        return b"".join(partes + resto)

    def comprobar_ocupadas(self, bloque: bytes, desde: int) -> None:
        """A cell below the header sits in a column believed empty (stale ``<dimension>``): retry with a
        full scan.  Cells above the header (a title) are never touched, so they may sit there."""
        if self.ocupadas is not None and (m := self.ocupadas.search(bloque, desde)):
            raise ColumnaOcupada(m.group(0).decode("utf-8", "replace"))

    def trozo_rapido(self, datos: bytes) -> bytes | None:
        """The whole chunk at once when it is plain (see ``libro.paquete.trozo``); None otherwise."""
        if self.previa < self.plan.fila_encabezado or (self.encabezados and not self.encabezado_hecho):
            return None
        if self.ajenas is None:
            self.ajenas = tx.patron_desde(min(self.plan.columnas), self.prefijo)
        hecho = tx.editar_trozo(datos, self.prefijo, self.previa, self.filas_plan, self.i, self.prerender()[0],
                                self.ajenas, self.spans)
        if hecho is None:
            return None
        datos, self.i, self.previa = hecho
        return datos

    def filas_lentas(self, bloque: bytes, pos: int, *, hasta_encabezado: bool) -> tuple[list[bytes], int]:
        """Row by row from ``pos``; stops after the header row when ``hasta_encabezado``."""
        partes = []
        for m in FILA.finditer(bloque, pos):
            r = fila_de(m.group(1), self.previa)
            self.previa = r
            partes.append(bloque[pos: m.start()])
            partes.append(self.nuevas_filas(r))
            partes.append(self.fila(m, r))
            pos = m.end()
            if hasta_encabezado and r >= self.plan.fila_encabezado and (self.encabezado_hecho or not self.encabezados):
                return partes, pos
        if hasta_encabezado:
            return partes, pos
        partes.append(bloque[pos:])
        return partes, len(bloque)

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
            partes.append(self.fila_nueva(r, self.bloque(r, {})))
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
                     self.por_campo[i], self.plan.es1904)

    def fila(self, m: re.Match, r: int) -> bytes:
        """The row, edited when the plan has something for it, else the original bytes."""
        if self.i < len(self.objetivos) and self.objetivos[self.i] == r:
            self.i += 1
        elif r == self.plan.fila_encabezado:
            self.encabezado_hecho = True
            if not self.encabezados:
                return m.group(0)
        elif r < self.plan.fila_encabezado or not self.plan.limpiar or en_rangos(r, self.plan.intactas):
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
        """All the owned cells of data row ``r``, in column order: the pre-rendered block when the
        existing cells' styles are the ones it expects, else cell by cell."""
        k = self.i - 1 if 0 < self.i <= len(self.objetivos) and self.objetivos[self.i - 1] == r else self.plan.valores.posicion(r)
        bloques, esperados = self.prerender()
        if k >= 0 and all(s is None or s == esperados[self.por_col[c]][k] for c, s in previos.items()):
            return bloques[k]
        return self.bloque_lento(r, previos)

    def bloque_lento(self, r: int, previos: dict[int, bytes | None]) -> bytes:
        valores, fila, es1904, partes = self.plan.valores.get(r), b"%d" % r, self.plan.es1904, []
        for col, i, letra, dinero, estilos in self.campos:
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
