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

import io
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
from cartera.libro.colocacion import Colocacion, colocar
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
    file; the notes for the owner."""

    facturas: str
    fila_encabezado: int
    anexas: tuple[str, ...]
    crecidas: tuple[tuple[int, str], ...] = ()
    notas: tuple[str, ...] = ()


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
    hallados = []
    for anexo in anexos:
        parte = px.buscar_hoja(zin, anexo.nombre)
        expl_a = (xx.explorar(zin, parte.parte, completo=True, fila=anexo.fila)
                  if parte else xx.Exploracion(None, {}, (1, 1, 1, 1), 0, 0))
        hallados.append((anexo, parte, expl_a, colocar(anexo.encabezados, expl_a)))
    cambios, nuevas, faltan = {}, {}, [a.nombre for a, parte, *_ in hallados if parte is None]
    if disp_fact.tabla is not None:
        cambios[disp_fact.tabla.parte] = tx.ampliar(zin.read(disp_fact.tabla.parte), disp_fact.crecer)
    estilos = _estilos(zin, cambios, encabezado=bool(disp_fact.nuevos or any(d.nuevos for *_, d in hallados)))
    es1904 = px.fecha1904(zin)
    cambios[hoja.parte] = hx.EditorHoja(_plan(expl, disp_fact, filas, estilos, es1904, dinero=_DINERO_PROPIAS)).editar
    partes_nuevas, estructura = px.anadir_hojas(zin, faltan) if faltan else ([], {})
    cambios.update(estructura)
    for anexo, parte, expl_a, disp in hallados:
        plan = _plan_anexo(expl_a, disp, anexo, estilos, es1904)
        if parte is not None:
            cambios[parte.parte] = hx.EditorHoja(plan).editar
        else:
            nuevas[partes_nuevas.pop(0)] = _hoja_nueva(plan)
    _copiar(zin, tmp, cambios, nuevas)
    crecidas = tuple((disp_fact.tabla.rango[2] + 1 + k, n) for k, n in enumerate(disp_fact.crecer))
    anexas = tuple(parte.nombre if parte else a.nombre for a, parte, *_ in hallados)
    return _Escritas(hoja.nombre, expl.fila_encabezado, anexas, crecidas, disp_fact.notas)


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


def _estilos(zin: zipfile.ZipFile, cambios: dict, *, encabezado: bool) -> cx.Estilos:
    parte = px.parte_estilos(zin)
    if parte is None:
        return cx.Estilos()
    original = zin.read(parte)
    nuevo, estilos = ex.asegurar_estilos(original, encabezado=encabezado)
    if nuevo != original:
        cambios[parte] = nuevo
    return estilos


def _plan(expl: xx.Exploracion, disp: Colocacion, filas: vx.Valores, estilos: cx.Estilos, es1904: bool,
          *, dinero: tuple[bool, ...], limpiar: bool = True) -> hx.PlanHoja:
    columnas, nuevos = disp.columnas, disp.nuevos
    h = expl.fila_encabezado or 1
    valores = filas.desde_fila(h).excepto(disp.intactas)
    nuevas = frozenset(c for c, _ in nuevos)
    return hx.PlanHoja(h, columnas, dinero, nuevos, valores, limpiar and len(nuevas) < len(columnas), nuevas,
                       estilos, es1904, _dimension(expl.dimension, columnas, valores),
                       tuple((c, round(len(t) * 1.1 + 3, 1)) for c, t in nuevos), disp.intactas)


def _dimension(actual: tuple[int, int, int, int] | None, columnas: Sequence[int], valores: vx.Valores) -> str | None:
    if actual is None:
        return None
    c1, f1, c2, f2 = actual
    c2, f2 = max(c2, *columnas), max(f2, valores.ultima())
    return f"{cx.letras(c1)}{f1}:{cx.letras(c2)}{f2}"


def _plan_anexo(expl: xx.Exploracion, colocacion: Colocacion, anexo: Anexo, estilos: cx.Estilos,
                es1904: bool) -> hx.PlanHoja:
    """Rows appended after the sheet's last row, or (``anexo.reemplazar``) written under the header, the
    rest of its columns cleared."""
    ultima = 0 if anexo.reemplazar else expl.ultima_fila
    inicio = max(ultima, expl.fila_encabezado or 1, *(b for _, b in colocacion.intactas)) + 1
    ancho = len(anexo.encabezados)
    filas = vx.Valores.desde({inicio + k: tuple(f) for k, f in enumerate(anexo.filas)}, ancho)
    return _plan(expl, colocacion, filas, estilos, es1904, dinero=anexo.dinero, limpiar=anexo.reemplazar)


def _hoja_nueva(plan: hx.PlanHoja) -> bytes:
    salida = io.BytesIO()
    hx.EditorHoja(plan._replace(dimension=_dimension((1, 1, 1, 1), plan.columnas, plan.valores))).editar(
        io.BytesIO(px.HOJA_VACIA), salida)
    return salida.getvalue()


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
