"""Write-back into the user's workbook without losing anything the user put there.

Only the parts that change are rewritten (the Facturas sheet, the sheets rows are
appended to (Historial, Pagos, «Por confirmar»: ``filas_historial.Anexo``),
``styles.xml``, and when one is created, ``workbook.xml``, its rels and
``[Content_Types].xml``); every other zip entry is copied unchanged, so
shapes, sparklines, slicers, images, charts, macros, external links and the
cached values of formulas survive.  openpyxl would drop or damage several of
those and saves formulas without their cached values.

The new file is built beside the workbook, checked (zip, python-calamine,
openpyxl), a dated backup of the original goes to ``.cartera/respaldos/``,
and only then is it moved over the original with ``os.replace``.  Any failure
leaves the original untouched.

The sheets and headers are the schema's (``lectura.esquema``), under the
names reading found (``Cartera.origen``): a Facturas sheet named «Cuentas por
cobrar» gets its owned columns on its own header row, and a Historial found
under an alias is appended to, never duplicated.
"""

from __future__ import annotations

import itertools
import logging
import os
import warnings
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

import openpyxl
import pandas as pd
import python_calamine

from cartera.decisiones import Resultado
from cartera.errores import CarteraError, LibroInvalido, error_de_disco
from cartera.lectura import esquema
from cartera.libro import filas_historial as fh
from cartera.libro.colocacion import colocar, plan
from cartera.libro.filas_historial import Anexo, anexo_historial
from cartera.libro.paquete import PaqueteInvalido, averias, limites
from cartera.libro.paquete import codificacion as cx
from cartera.libro.paquete import estilos as ex
from cartera.libro.paquete import exploracion as xx
from cartera.libro.paquete import flujo as fx
from cartera.libro.paquete import hoja as hx
from cartera.libro.paquete import partes as px
from cartera.libro.paquete import tablas as tx
from cartera.libro.paquete import valores as vx
from cartera.libro.resguardo import comprobar_cerrado, huella_de, reemplazar, respaldar, temporal_junto_a
from cartera.libro.riesgos import partes_en_riesgo  # noqa: F401  (re-exported API)
from cartera.modelo import OrigenHoja

log = logging.getLogger(__name__)
_DINERO_PROPIAS = tuple(c.dinero for c in esquema.COLUMNAS_PROPIAS)
_FALLOS_CONSTRUCCION = (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, KeyError, ET.ParseError)


def escribir(ruta: Path, propias: Mapping[int, tuple] | pd.DataFrame, historial: Sequence[Resultado], *,
             origen: Mapping[str, OrigenHoja] = MappingProxyType({}), anexos: Sequence[Anexo] = (),
             verificar: Callable[[Path], None] | None = None) -> tuple[str, ...]:
    """Write the owned columns of Facturas and append ``historial`` to Historial, safely; returns notes.

    ``anexos``: more sheets to append to or refresh (``filas_historial.Anexo``: rows for Pagos, «Por
    confirmar»), created at the end of the book when missing.

    ``propias``: Excel row → values in ``esquema.COLUMNAS_PROPIAS`` order (int
    centavos in money columns; str; date; None = empty).  Owned cells of other
    rows are cleared.  ``origen``: where reading found each sheet
    (``Cartera.origen``); a sheet missing there goes by its canonical name,
    its header on the first non-empty row.  ``verificar``: an extra check of
    the new file (raises to refuse it).  The columns go where ``libro.colocacion``
    says: inside the owner's Excel Table, which grows to hold them, when there is
    room.  Returns Spanish notes for the owner (a table not grown, rows left
    alone because of merged cells), also logged.  Raises ``LibroOcupado`` when Excel has
    the file open, ``CarteraError`` on any other failure; the original is then untouched.
    """
    ruta = Path(ruta)
    comprobar_cerrado(ruta)
    filas = vx.Valores.desde(propias, len(esquema.COLUMNAS_PROPIAS))
    huella = huella_de(ruta)
    try:
        tmp = temporal_junto_a(ruta)
    except OSError as error:
        raise error_de_disco(error, "preparar la copia nueva del libro", ruta.parent) from error
    try:
        escritas = _construir(ruta, tmp, filas, _con_historial(historial, origen, anexos), origen)
        _verificar(tmp, escritas, verificar)
        respaldar(ruta)
        reemplazar(tmp, ruta, huella)
        for nota in escritas.notas:
            log.info("%s", nota)
        return escritas.notas
    except PaqueteInvalido as error:
        raise LibroInvalido(str(error)) from error
    except OSError as error:
        raise error_de_disco(error, f"guardar el libro «{ruta.name}»", ruta.parent) from error
    except _FALLOS_CONSTRUCCION as error:
        log.warning("No se pudo guardar %s", ruta, exc_info=error)
        raise CarteraError(f"No se pudo guardar el libro «{ruta.name}»: {averias.causa(error)}. "
                           "El libro quedó sin cambios.") from error
    finally:
        tmp.unlink(missing_ok=True)


# --- building the new package ----------------------------------------------------

class _Escritas(NamedTuple):
    """What was written: the real names of Facturas and of the sheets appended to, the Excel row of
    Facturas' header and the (column, name) of each column a table grew by, for the check of the new
    file; the notes for the owner; the tables of appended sheets that grew (sheet, header row, first
    column, column names)."""

    facturas: str
    fila_encabezado: int
    anexas: tuple[str, ...]
    crecidas: tuple[tuple[int, str], ...] = ()
    notas: tuple[str, ...] = ()
    tablas_anexas: tuple[tuple[str, int, int, tuple[str, ...]], ...] = ()


def _con_historial(historial: Sequence[Resultado], origen: Mapping[str, OrigenHoja],
                   anexos: Sequence[Anexo]) -> tuple[Anexo, ...]:
    return (*((anexo_historial(historial, origen.get(esquema.HISTORIAL)),) if historial else ()), *anexos)


def _construir(ruta: Path, tmp: Path, filas: vx.Valores, historial: tuple[Anexo, ...],
               origen: Mapping[str, OrigenHoja]) -> _Escritas:
    """Write the edited package to ``tmp``."""
    hallada = origen.get(esquema.FACTURAS)
    nombre = hallada.nombre if hallada else esquema.FACTURAS
    with zipfile.ZipFile(ruta) as zin:
        if exceso := limites.exceso_de_paquete(zin):
            raise LibroInvalido(limites.mensaje(exceso, ruta.name))
        hoja = px.buscar_hoja(zin, nombre)
        if hoja is None:
            raise LibroInvalido(f"El libro no tiene la hoja «{nombre}»; no se escribió nada.")
        try:
            return _construir_con(zin, tmp, hoja, filas, historial, origen, completo=False)
        except hx.ColumnaOcupada:
            return _construir_con(zin, tmp, hoja, filas, historial, origen, completo=True)


def _construir_con(zin: zipfile.ZipFile, tmp: Path, hoja: px.ParteHoja, filas: vx.Valores,
                   anexos: tuple[Anexo, ...], origen: Mapping[str, OrigenHoja], *, completo: bool) -> _Escritas:
    tablas = tx.tablas_de_hoja(zin, hoja.parte)
    expl = _explorar_facturas(zin, hoja, origen.get(esquema.FACTURAS), completo=completo or bool(tablas))
    disp_fact = colocar(esquema.ENCABEZADOS_PROPIOS, expl, tablas=tablas, filas=filas.filas, hoja=hoja.nombre)
    lugares = [fh.destino(zin, anexo) for anexo in anexos]
    cambios, nuevas = {}, {}
    if disp_fact.tabla is not None:
        cambios[disp_fact.tabla.parte] = tx.ampliar(zin.read(disp_fact.tabla.parte), disp_fact.crecer)
    for lugar in lugares:
        cambios.update(_tabla_anexa(zin, lugar))
    estilos, por_campo = _estilos(zin, cambios, lugares, encabezado=bool(
        disp_fact.nuevos or any(lugar.colocacion.nuevos for lugar in lugares)))
    es1904 = px.fecha1904(zin)
    cambios[hoja.parte] = hx.EditorHoja(plan(expl, disp_fact, filas, estilos, es1904, dinero=_DINERO_PROPIAS)).editar
    faltan = [lugar.anexo.nombre for lugar in lugares if lugar.parte is None]
    partes_nuevas, estructura = px.anadir_hojas(zin, faltan) if faltan else ([], {})
    cambios.update(estructura)
    for lugar, propios in zip(lugares, por_campo, strict=True):
        plan_anexo = fh.plan_anexo(lugar, estilos, es1904, propios)
        if lugar.parte is not None:
            cambios[lugar.parte.parte] = hx.EditorHoja(plan_anexo).editar
        else:
            nuevas[partes_nuevas.pop(0)] = fh.hoja_nueva(plan_anexo, lugar.anexo.titulo)
    _copiar(zin, tmp, cambios, nuevas)
    crecidas = tuple((disp_fact.tabla.rango[2] + 1 + k, n) for k, n in enumerate(disp_fact.crecer))
    anexas = tuple(lugar.parte.nombre if lugar.parte else lugar.anexo.nombre for lugar in lugares)
    tablas_anexas = tuple((lugar.parte.nombre, lugar.expl.fila_encabezado, t.rango[0], (*t.columnas, *lugar.colocacion.crecer))
                          for lugar in lugares if (t := lugar.tabla or lugar.colocacion.tabla) is not None)
    notas = (*disp_fact.notas, *(n for lugar in lugares for n in lugar.notas))
    return _Escritas(hoja.nombre, expl.fila_encabezado, anexas, crecidas, notas, tablas_anexas)


def _tabla_anexa(zin: zipfile.ZipFile, lugar: fh.Destino) -> dict[str, bytes]:
    """The owner's Excel Table where an Anexo's rows go, grown right (new columns) and down (the rows)."""
    tabla = lugar.tabla or lugar.colocacion.tabla
    if tabla is None:
        return {}
    xml = zin.read(tabla.parte)
    xml = tx.ampliar(xml, lugar.colocacion.crecer) if lugar.colocacion.tabla is not None else xml
    return {tabla.parte: tx.alargar(xml, lugar.fila_final) if lugar.tabla is not None else xml}


def _explorar_facturas(zin: zipfile.ZipFile, hoja: px.ParteHoja, hallada: OrigenHoja | None,
                       *, completo: bool) -> xx.Exploracion:
    """Facturas' header (on the row reading found it, when known) and extent; refuses a sheet without it."""
    fila = hallada.fila if hallada else None
    expl = xx.explorar(zin, hoja.parte, completo=completo or _sin_dimension(zin, hoja.parte), fila=fila)
    if expl.fila_encabezado is None and fila is not None:
        raise LibroInvalido(f"La fila {fila} de la hoja «{hoja.nombre}», donde estaban los encabezados, quedó vacía "
                            "(¿se modificó el libro durante la ejecución?); no se escribió nada.")
    if expl.fila_encabezado is None:
        raise LibroInvalido(f"La hoja «{hoja.nombre}» está vacía; no se escribió nada.")
    return expl


def _copiar(zin: zipfile.ZipFile, tmp: Path, cambios: dict, nuevas: dict[str, bytes]) -> None:
    with open(tmp, "wb") as salida:
        with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
            px.copiar_paquete(zin, zout, cambios, nuevas)
        salida.flush()
        os.fsync(salida.fileno())


def _sin_dimension(zin: zipfile.ZipFile, parte: str) -> bool:
    with zin.open(parte) as src:
        return fx.DIMENSION.search(src.read(1 << 16)) is None


def _estilos(zin: zipfile.ZipFile, cambios: dict, lugares: Sequence[fh.Destino],
             *, encabezado: bool) -> tuple[cx.Estilos, list[tuple[cx.Estilos, ...]]]:
    """cartera's styles, and per Anexo the styles of its rows appended under the owner's (``fh.estilos_propios``)."""
    parte = px.parte_estilos(zin)
    if parte is None:
        return cx.Estilos(), [()] * len(lugares)
    original = zin.read(parte)
    nuevo, estilos = ex.asegurar_estilos(original, encabezado=encabezado)
    por_campo = []
    for lugar in lugares:
        nuevo, propios = fh.estilos_propios(lugar, nuevo, estilos)
        por_campo.append(propios)
    if nuevo != original:
        cambios[parte] = nuevo
    return estilos, por_campo


# --- checking, backing up, replacing ------------------------------------------------

def _verificar(tmp: Path, escritas: _Escritas, extra: Callable[[Path], None] | None) -> None:
    """Refuse the new file unless it is a sound zip that python-calamine and openpyxl can open.

    Any exception while checking means the file is not good: the one broad
    ``except`` of this module turns it into a ``CarteraError``.
    """
    try:
        with zipfile.ZipFile(tmp) as z:
            dañada = z.testzip()
        if dañada is not None:
            raise CarteraError(f"la parte {dañada} quedó dañada")
        _leer_con_calamine(tmp, escritas)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            openpyxl.load_workbook(tmp, read_only=True).close()
        if extra is not None:
            extra(tmp)
    except Exception as error:  # noqa: BLE001 - any failure of the check rejects the new file
        log.warning("La copia nueva no pasó la verificación", exc_info=error)
        motivo = str(error) if isinstance(error, CarteraError) else averias.causa(error)
        raise CarteraError(f"La copia nueva del libro no pasó la verificación ({motivo}); el libro quedó sin cambios.") from error


def _leer_con_calamine(tmp: Path, escritas: _Escritas) -> None:
    """Facturas' header row holds every owned header, and Historial (if written) reads back."""
    libro = python_calamine.CalamineWorkbook.from_path(str(tmp))
    try:
        hoja = libro.get_sheet_by_name(escritas.facturas)
        primeras = list(itertools.islice(hoja.iter_rows(), escritas.fila_encabezado))
        buscados = {esquema.normalizar(e) for e in esquema.ENCABEZADOS_PROPIOS}
        faltan = min((buscados - {esquema.normalizar(v) for v in f} for f in primeras), key=len, default=buscados)
        if faltan:
            raise CarteraError(f"faltan columnas calculadas: {', '.join(sorted(faltan))}")
        _comprobar_tabla(hoja, primeras, escritas)
        for nombre in escritas.anexas:
            libro.get_sheet_by_name(nombre).to_python()
        for nombre, fila, c1, columnas in escritas.tablas_anexas:
            anexa = libro.get_sheet_by_name(nombre)
            _comprobar_encabezados(anexa, list(itertools.islice(anexa.iter_rows(), fila))[-1:], c1, columnas)
    finally:
        libro.close()


def _comprobar_tabla(hoja: python_calamine.CalamineSheet, primeras: list[list], escritas: _Escritas) -> None:
    """The header cells of the columns a table grew by read exactly as the table names them."""
    inicio = (hoja.start or (0, 0))[1]  # iter_rows starts at row 1 but at the first used column
    encabezado = primeras[-1] if len(primeras) == escritas.fila_encabezado else []
    for col, nombre in escritas.crecidas:
        k = col - 1 - inicio
        if not 0 <= k < len(encabezado) or encabezado[k] != nombre:
            raise CarteraError(f"el encabezado de la columna {cx.letras(col)} no coincide con la tabla («{nombre}»)")


def _comprobar_encabezados(hoja: python_calamine.CalamineSheet, fila: list[list], c1: int, columnas: Sequence[str]) -> None:
    """The header row (``fila``: [its cells] from calamine) names a grown table's columns as the table does."""
    inicio = (hoja.start or (0, 0))[1]
    celdas = fila[0] if fila else []
    for k, nombre in enumerate(columnas):
        j = c1 - 1 + k - inicio
        valor = celdas[j] if 0 <= j < len(celdas) else ""
        valor = int(valor) if isinstance(valor, float) and valor.is_integer() else valor
        if isinstance(valor, str | int) and str(valor) != nombre:
            raise CarteraError(f"el encabezado de la columna {cx.letras(c1 + k)} de «{hoja.name}» no coincide con su tabla («{nombre}»)")
