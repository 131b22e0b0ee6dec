"""The sheets cartera appends rows to (Historial; Pagos and «Por confirmar» for issue 16) as ``Anexo``s for
``escritura.escribir``: one Historial row per ``Resultado``, one Pagos row per bank payment; where and how
they are written (``destino``, ``plan_anexo``, ``hoja_nueva``); and what Historial already records.

Rows appended under the owner's rows look like them: each cell takes the style of the cell above it in the
last row (its number format when the value fits it, else the same look with cartera's number format:
``paquete.estilos.de_columnas``); cartera's own styles only where that cell has none.  When the sheet's data
is an Excel Table that ends right above the new rows, the table grows down to hold them; a table with a totals
row is left as it is, the rows go below it and a note tells the owner how to move them in.  A sheet cartera
creates gets its columns fitted to their contents and its header row frozen.

Its name and headers are the schema's (``lectura.esquema``); a Historial the
owner named otherwise (an accepted alias, other letter case) is read and
appended to under the name reading found (``modelo.OrigenHoja``).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import python_calamine

from cartera.decisiones import Resultado
from cartera.errores import LibroInvalido
from cartera.lectura import esquema
from cartera.libro.colocacion import Colocacion, ancho, colocar, dimension, plan, tabla_del_encabezado
from cartera.libro.paquete import averias
from cartera.libro.paquete import codificacion as cx
from cartera.libro.paquete import estilos as ex
from cartera.libro.paquete import exploracion as xx
from cartera.libro.paquete import hoja as hx
from cartera.libro.paquete import partes as px
from cartera.libro.paquete import tablas as tx
from cartera.libro.paquete import valores as vx
from cartera.modelo import OrigenHoja

CAMPOS_HISTORIAL = tuple(c.campo for c in esquema.CAMPOS[esquema.HISTORIAL])
"""Field ids of Historial, in the schema's column order."""
_CLAVES = ("message_id", "fecha", "cliente", "etapa")
CAMPOS_PAGO = ("fecha", "factura", "cliente", "monto", "metodo", "referencia", "clave")
"""The Pagos columns a payment from a bank statement fills (``Clave extracto`` created when missing)."""


class Anexo(NamedTuple):
    """Rows for one sheet: ``nombre`` its tab (created at the end when missing), ``fila`` its header row (None:
    the first non-empty one), ``encabezados`` the columns (found by name, else added at the right end),
    ``filas`` tuples in that order, ``dinero`` which columns hold integer centavos; ``reemplazar``: the rows
    replace the sheet's (written under the header, the rest of those columns cleared) instead of following them.
    ``titulo``: a line written above the header of a sheet cartera creates (its header then on row 2)."""

    nombre: str
    fila: int | None
    encabezados: tuple[str, ...]
    filas: tuple[tuple, ...]
    dinero: tuple[bool, ...]
    reemplazar: bool = False
    titulo: str = ""


def _encabezados(hoja: str, campos: Sequence[str], hallada: OrigenHoja | None) -> tuple[str, ...]:
    """The headers as the owner's sheet spells them; the schema's for columns it lacks."""
    por_campo = {c.campo: c.encabezado for c in esquema.CAMPOS[hoja]}
    return tuple((hallada.encabezado(c) if hallada else None) or por_campo[c] for c in campos)


def anexo_historial(resultados: Sequence[Resultado], hallada: OrigenHoja | None) -> Anexo:
    """Historial rows appended under the sheet reading found (``hallada``; None: «Historial», created)."""
    return Anexo(hallada.nombre if hallada else esquema.HISTORIAL, hallada.fila if hallada else None,
                 _encabezados(esquema.HISTORIAL, CAMPOS_HISTORIAL, hallada),
                 tuple(fila_historial(r) for r in resultados), (False,) * len(CAMPOS_HISTORIAL))


def anexo_pagos(pagos: Sequence, hallada: OrigenHoja | None) -> Anexo:
    """Pagos rows (``conciliacion.cotejo.PagoPropuesto``: fecha, factura, cliente, monto in centavos, método,
    referencia, clave, moneda) appended under the sheet reading found (None: «Pagos», created); the currency
    only goes into a Moneda column the owner already has."""
    campos = CAMPOS_PAGO + (("moneda",) if hallada and hallada.letra("moneda") else ())
    filas = tuple(tuple(getattr(p, c) for c in campos) for p in pagos)
    return Anexo(hallada.nombre if hallada else esquema.PAGOS, hallada.fila if hallada else None,
                 _encabezados(esquema.PAGOS, campos, hallada), filas, tuple(c == "monto" for c in campos))


def fila_historial(resultado: Resultado) -> tuple:
    """A Historial row, in the schema's column order (``esquema.ENCABEZADOS_HISTORIAL``)."""
    valores = {
        "fecha": resultado.fecha_hora, "cliente": resultado.cliente, "facturas": ", ".join(resultado.facturas),
        "etapa": resultado.etapa, "canal": resultado.canal, "destinatarios": "; ".join(resultado.destinatarios),
        "asunto": resultado.asunto, "resultado": resultado.resultado, "detalle": resultado.detalle,
        "message_id": resultado.message_id,
    }
    return tuple(valores[campo] for campo in CAMPOS_HISTORIAL)


def message_ids_en_historial(ruta: Path, hallada: OrigenHoja | None) -> tuple[str | tuple[dt.datetime, str, str], ...]:
    """What the workbook's Historial already records: Message-IDs, and (fecha_hora, cliente, etapa)
    for rows without one.  ``hallada``: where reading found Historial (None: the workbook has none,
    so nothing is recorded).  For ``diario.pendientes_de_libro``."""
    if hallada is None:
        return ()
    try:
        libro = python_calamine.CalamineWorkbook.from_path(str(ruta))
        try:
            nombre = hallada.nombre if hallada.nombre in libro.sheet_names else None
            filas = libro.get_sheet_by_name(nombre).to_python(skip_empty_area=False) if nombre else []
        finally:
            libro.close()
    except python_calamine.CalamineError as error:
        raise LibroInvalido(averias.danado(Path(ruta).name, error, hallada.nombre)) from error
    columnas = [cx.numero_columna(letra) - 1 if (letra := hallada.letra(campo)) else None for campo in _CLAVES]
    return tuple(filter(None, (_clave_historial(f, columnas) for f in filas[hallada.fila:])))


def _clave_historial(fila: list, columnas: list[int | None]) -> str | tuple | None:
    valor = [fila[i] if i is not None and i < len(fila) else "" for i in columnas]
    if str(valor[0]).strip():
        return str(valor[0]).strip()
    if isinstance(valor[1], dt.datetime):
        return valor[1], str(valor[2]), str(valor[3])
    return None


# --- where and how the rows are written --------------------------------------------------

_ANCHO_MAXIMO = 60
"""Characters: the widest column cartera fits to its contents (longer texts are cut on screen)."""


class Destino(NamedTuple):
    """Where an ``Anexo``'s rows go: its sheet (``parte`` None: created), what a first pass found there,
    the columns (``colocacion``), the first row written, the Excel Table that grows down to hold the rows
    (None: none) and Spanish notes for the owner."""

    anexo: Anexo
    parte: px.ParteHoja | None
    expl: xx.Exploracion
    colocacion: Colocacion
    inicio: int
    tabla: tx.TablaExcel | None = None
    notas: tuple[str, ...] = ()

    @property
    def fila_final(self) -> int:
        return self.inicio + len(self.anexo.filas) - 1


def destino(zin: zipfile.ZipFile, anexo: Anexo) -> Destino:
    """Where ``anexo`` is written in the package ``zin``."""
    parte = px.buscar_hoja(zin, anexo.nombre)
    if parte is None:
        h = anexo.fila or (2 if anexo.titulo else 1)
        expl = xx.Exploracion(h, {}, (1, 1, 1, 1), 0, 0)
        return Destino(anexo, None, expl, colocar(anexo.encabezados, expl), h + 1)
    expl = xx.explorar(zin, parte.parte, completo=True, fila=anexo.fila)
    tablas = () if anexo.reemplazar else tx.tablas_de_hoja(zin, parte.parte)
    colocacion = colocar(anexo.encabezados, expl, tablas=tablas, hoja=parte.nombre)
    ultima = 0 if anexo.reemplazar else expl.ultima_fila
    inicio = max(ultima, expl.fila_encabezado or 1, *(b for _, b in colocacion.intactas)) + 1
    tabla = colocacion.tabla or tabla_del_encabezado(tablas, expl.fila_encabezado or 1, expl)
    lugar = Destino(anexo, parte, expl, colocacion, inicio)
    return _bajo_la_tabla(zin, lugar, tabla) if tabla is not None and anexo.filas else lugar


def _bajo_la_tabla(zin: zipfile.ZipFile, lugar: Destino, tabla: tx.TablaExcel) -> Destino:
    """The rows and the owner's Excel Table: it grows down when they start right under it; a totals row
    stays the table's last row (the rows go below it, looking like the table's last data row, and a note
    says how to move them in)."""
    _, f1, _, f2 = tabla.rango
    hoja, n = lugar.parte.nombre, len(lugar.anexo.filas)
    if lugar.inicio + n - 1 <= f2 - tabla.filas_totales and lugar.inicio > f1:
        return lugar  # empty rows of the table hold them
    if tabla.filas_totales:
        inicio = max(lugar.inicio, f2 + 1)
        if lugar.inicio <= f2 + 1 and f2 - tabla.filas_totales > f1:  # right under the totals: not their look
            estilos = xx.estilos_de_fila(zin, lugar.parte.parte, f2 - tabla.filas_totales)
            lugar = lugar._replace(expl=lugar.expl._replace(estilos_ultima=estilos))
        nota = (f"En la hoja «{hoja}», la tabla de Excel «{tabla.nombre}» tiene fila de totales: las filas nuevas "
                f"({_filas(inicio, n)}) se agregaron debajo de ella, fuera de la tabla, y sus totales no las cuentan. "
                "Para pasarlas a la tabla, selecciónelas, córtelas (Ctrl+X), haga clic derecho en la fila de totales "
                "y elija «Insertar celdas cortadas». Si quita la fila de totales (Diseño de tabla › Fila de totales), "
                "cartera alargará la tabla con las filas siguientes.")
        return lugar._replace(inicio=inicio, notas=(nota,))
    if not tabla.ampliable or lugar.inicio > f2 + 1:
        motivo = ("es de un tipo que cartera no modifica" if not tabla.ampliable
                  else f"termina en la fila {f2} y debajo hay filas con contenido o formato")
        return lugar._replace(notas=(f"En la hoja «{hoja}», las filas nuevas ({_filas(lugar.inicio, n)}) quedaron "
                                     f"debajo de la tabla de Excel «{tabla.nombre}», no dentro de ella ({motivo}). "
                                     "Para incluirlas, use Diseño de tabla › Cambiar el tamaño de la tabla.",))
    return lugar._replace(tabla=tabla)


def _filas(inicio: int, n: int) -> str:
    return f"fila {inicio}" if n == 1 else f"filas {inicio} a {inicio + n - 1}"


def estilos_propios(lugar: Destino, xml: bytes, base: cx.Estilos) -> tuple[bytes, tuple[cx.Estilos, ...]]:
    """``styles.xml`` and, per field, the styles of the rows appended under the owner's last row (``()``:
    cartera's own for every field: a sheet created, rewritten, or without rows below its header)."""
    anexo, previos = lugar.anexo, lugar.expl.estilos_ultima
    if anexo.reemplazar or lugar.parte is None or not previos or not anexo.filas:
        return xml, ()
    columnas = lugar.colocacion.columnas
    clases = [{k for f in anexo.filas if (k := cx.clase(f[i], anexo.dinero[i])) is not None} for i in range(len(columnas))]
    return ex.de_columnas(xml, base, [previos.get(c) for c in columnas], clases)


def plan_anexo(lugar: Destino, estilos: cx.Estilos, es1904: bool, por_campo: tuple[cx.Estilos, ...] = ()) -> hx.PlanHoja:
    """Rows appended from ``lugar.inicio``, or (``anexo.reemplazar``) written under the header, the rest of its
    columns cleared; new columns as wide as their contents."""
    anexo = lugar.anexo
    filas = vx.Valores.desde({lugar.inicio + k: tuple(f) for k, f in enumerate(anexo.filas)}, len(anexo.encabezados))
    return plan(lugar.expl, lugar.colocacion, filas, estilos, es1904, dinero=anexo.dinero, limpiar=anexo.reemplazar,
                por_campo=por_campo, anchos=_anchos(lugar))


def _anchos(lugar: Destino) -> tuple[tuple[int, float], ...]:
    """(column, width) of each new column, fitted to its header and values (at most ``_ANCHO_MAXIMO``)."""
    anexo, columnas = lugar.anexo, lugar.colocacion.columnas
    salida = []
    for col, encabezado in lugar.colocacion.nuevos:
        i = columnas.index(col)
        largo = max((len(encabezado), *(_largo(f[i], anexo.dinero[i]) for f in anexo.filas[:500])))
        salida.append((col, ancho(min(largo, _ANCHO_MAXIMO))))
    return tuple(salida)


def _largo(valor: object, dinero: bool) -> int:
    """About how many characters ``valor`` shows as."""
    if cx.es_vacio(valor):
        return 0
    if isinstance(valor, dt.datetime) and valor.time() != dt.time(0):
        return 16
    if isinstance(valor, dt.date):
        return 10
    if dinero and isinstance(valor, int | Decimal) and not isinstance(valor, bool):
        return len(f"{(valor / 100 if isinstance(valor, int) else valor):,.2f}")
    return max(len(linea) for linea in str(valor).splitlines() or [""])


def hoja_nueva(plan_hoja: hx.PlanHoja, titulo: str = "") -> bytes:
    """A new worksheet holding ``plan_hoja``: ``titulo`` on row 1 (above the header), the header row frozen."""
    h = plan_hoja.fila_encabezado
    panel = (b'<sheetView workbookViewId="0"><pane ySplit="%d" topLeftCell="A%d" activePane="bottomLeft" '
             b'state="frozen"/><selection pane="bottomLeft" activeCell="A%d" sqref="A%d"/></sheetView>' % (h, h + 1, h + 1, h + 1))
    plantilla = px.HOJA_VACIA.replace(b'<sheetView workbookViewId="0"/>', panel)
    if titulo:
        fila = b'<row r="1">' + cx.celda(b"A1", titulo, False, None, cx.Estilos(), False) + b"</row>"
        plantilla = plantilla.replace(b"<sheetData/>", b"<sheetData>" + fila + b"</sheetData>")
    salida = io.BytesIO()
    completo = plan_hoja._replace(dimension=dimension((1, 1, 1, 1), plan_hoja.columnas, plan_hoja.valores))
    hx.EditorHoja(completo).editar(io.BytesIO(plantilla), salida)
    return salida.getvalue()
