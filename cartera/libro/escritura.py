"""Write-back into the user's workbook without losing anything the user put there.

Only the parts that change are rewritten (the Facturas and Historial sheets,
``styles.xml``, and when Historial is created, ``workbook.xml``, its rels and
``[Content_Types].xml``); every other zip entry is copied unchanged, so
shapes, sparklines, slicers, images, charts, macros, external links and the
cached values of formulas survive.  openpyxl would drop or damage several of
those and saves formulas without their cached values.

The new file is built beside the workbook, checked (zip, python-calamine,
openpyxl), a dated backup of the original goes to ``.cartera/respaldos/``,
and only then is it moved over the original with ``os.replace``.  Any failure
leaves the original untouched.
"""

from __future__ import annotations

import io
import os
import tempfile
import warnings
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import openpyxl
import pandas as pd
import python_calamine

from cartera.decisiones import Resultado
from cartera.errores import CarteraError, LibroInvalido
from cartera.libro.filas_historial import (  # noqa: F401  (message_ids_en_historial re-exported)
    ENCABEZADOS_HISTORIAL,
    HOJA_HISTORIAL,
    fila_historial,
    message_ids_en_historial,
)
from cartera.libro.paquete import PaqueteInvalido
from cartera.libro.paquete import codificacion as cx
from cartera.libro.paquete import estilos as ex
from cartera.libro.paquete import exploracion as xx
from cartera.libro.paquete import flujo as fx
from cartera.libro.paquete import hoja as hx
from cartera.libro.paquete import partes as px
from cartera.libro.paquete import valores as vx
from cartera.libro.resguardo import comprobar_cerrado, huella_de, reemplazar, respaldar
from cartera.libro.riesgos import partes_en_riesgo  # noqa: F401  (re-exported API)

ENCABEZADOS_PROPIOS = (
    "Pagado (calculado)", "Saldo (calculado)", "Días vencidos (calculado)", "Tramo (calculado)",
    "Recargo (calculado)", "Último aviso (calculado)", "Fecha último aviso (calculado)",
)
_FALLOS_CONSTRUCCION = (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, KeyError, ET.ParseError)


def escribir(ruta: Path, propias: Mapping[int, tuple] | pd.DataFrame, historial: Sequence[Resultado], *,
             hoja_facturas: str = "Facturas", encabezados_propios: tuple[str, ...] = ENCABEZADOS_PROPIOS,
             verificar: Callable[[Path], None] | None = None) -> None:
    """Write the owned columns of Facturas and append ``historial`` to Historial, safely.

    ``propias``: Excel row → values in ``encabezados_propios`` order (int
    centavos, except in "días" columns; str; date; None = empty).  Owned cells
    of other rows are cleared.  ``verificar``: an extra check of the new file
    (raises to refuse it).  Raises ``LibroOcupado`` when Excel has the file
    open, ``CarteraError`` on any other failure; the original is then untouched.
    """
    ruta = Path(ruta)
    comprobar_cerrado(ruta)
    filas = _como_filas(propias, len(encabezados_propios))
    huella = huella_de(ruta)
    tmp = Path(tempfile.mkstemp(prefix=".~cartera-tmp-", suffix=ruta.suffix, dir=ruta.parent)[1])
    try:
        nombres = _construir(ruta, tmp, filas, tuple(historial), hoja_facturas, encabezados_propios)
        _verificar(tmp, nombres, encabezados_propios, verificar)
        respaldar(ruta)
        reemplazar(tmp, ruta, huella)
    except PaqueteInvalido as error:
        raise LibroInvalido(str(error)) from error
    except _FALLOS_CONSTRUCCION as error:
        raise CarteraError(f"No se pudo guardar el libro «{ruta.name}» ({error}). El libro quedó sin cambios.") from error
    finally:
        tmp.unlink(missing_ok=True)


def _como_filas(propias: Mapping[int, tuple] | pd.DataFrame, n: int) -> vx.Valores:
    return vx.Valores.desde(propias, n)


# --- building the new package ----------------------------------------------------

def _construir(ruta: Path, tmp: Path, filas: vx.Valores, historial: tuple[Resultado, ...],
               hoja_facturas: str, encabezados: tuple[str, ...]) -> tuple[str, str | None]:
    """Write the edited package to ``tmp``; returns the real names of the Facturas and Historial sheets."""
    with zipfile.ZipFile(ruta) as zin:
        hoja = px.buscar_hoja(zin, hoja_facturas)
        if hoja is None:
            raise LibroInvalido(f"El libro no tiene la hoja «{hoja_facturas}»; no se escribió nada.")
        try:
            return _construir_con(zin, tmp, hoja, filas, historial, encabezados, completo=False)
        except hx.ColumnaOcupada:
            return _construir_con(zin, tmp, hoja, filas, historial, encabezados, completo=True)


def _construir_con(zin: zipfile.ZipFile, tmp: Path, hoja: px.Hoja, filas: vx.Valores,
                   historial: tuple[Resultado, ...], encabezados: tuple[str, ...], *, completo: bool) -> tuple[str, str | None]:
    expl = xx.explorar(zin, hoja.parte, completo=completo or _sin_dimension(zin, hoja.parte))
    if expl.fila_encabezado is None:
        raise LibroInvalido(f"La hoja «{hoja.nombre}» está vacía; no se escribió nada.")
    hist = px.buscar_hoja(zin, HOJA_HISTORIAL) if historial else None
    expl_hist = xx.explorar(zin, hist.parte, completo=True) if hist else xx.Exploracion(None, {}, (1, 1, 1, 1), 0, 0)
    disp_fact, disp_hist = _disponer(encabezados, expl), _disponer(ENCABEZADOS_HISTORIAL, expl_hist)
    cambios, nuevas = {}, {}
    estilos = _estilos(zin, cambios, encabezado=bool(disp_fact[1] or (historial and disp_hist[1])))
    es1904 = px.fecha1904(zin)
    plan = _plan(expl, disp_fact, filas, estilos, es1904, dinero=tuple("dias" not in px.normalizar(e) for e in encabezados))
    cambios[hoja.parte] = hx.EditorHoja(plan).editar
    if historial:
        plan_hist = _plan_historial(expl_hist, disp_hist, historial, estilos, es1904)
        if hist is not None:
            cambios[hist.parte] = hx.EditorHoja(plan_hist).editar
        else:
            parte, estructura = px.anadir_hoja(zin, HOJA_HISTORIAL)
            cambios.update(estructura)
            nuevas[parte] = _hoja_nueva(plan_hist)
    with open(tmp, "wb") as salida:
        with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
            px.copiar_paquete(zin, zout, cambios, nuevas)
        salida.flush()
        os.fsync(salida.fileno())
    return hoja.nombre, (hist.nombre if hist else HOJA_HISTORIAL) if historial else None


def _sin_dimension(zin: zipfile.ZipFile, parte: str) -> bool:
    with zin.open(parte) as src:
        return fx.DIMENSION.search(src.read(1 << 16)) is None


def _disponer(encabezados: Sequence[str], expl: xx.Exploracion) -> tuple[tuple[int, ...], tuple[tuple[int, str], ...]]:
    """Column of each field: the existing header's, else a new one right of the last used column."""
    por_nombre: dict[str, int] = {}
    for col, texto in sorted(expl.encabezado.items()):
        por_nombre.setdefault(px.normalizar(texto), col)
    siguiente, columnas, nuevos = expl.ultima_columna + 1, [], []
    for encabezado in encabezados:
        col = por_nombre.get(px.normalizar(encabezado))
        if col is None:
            col, siguiente = siguiente, siguiente + 1
            nuevos.append((col, encabezado))
        columnas.append(col)
    return tuple(columnas), tuple(nuevos)


def _estilos(zin: zipfile.ZipFile, cambios: dict, *, encabezado: bool) -> cx.Estilos:
    parte = px.parte_estilos(zin)
    if parte is None:
        return cx.Estilos()
    original = zin.read(parte)
    nuevo, estilos = ex.asegurar_estilos(original, encabezado=encabezado)
    if nuevo != original:
        cambios[parte] = nuevo
    return estilos


def _plan(expl: xx.Exploracion, disposicion: tuple, filas: vx.Valores, estilos: cx.Estilos, es1904: bool,
          *, dinero: tuple[bool, ...], limpiar: bool = True) -> hx.PlanHoja:
    columnas, nuevos = disposicion
    h = expl.fila_encabezado or 1
    valores = filas.desde_fila(h)
    nuevas = frozenset(c for c, _ in nuevos)
    return hx.PlanHoja(h, columnas, dinero, nuevos, valores, limpiar and len(nuevas) < len(columnas), nuevas,
                       estilos, es1904, _dimension(expl.dimension, columnas, valores),
                       tuple((c, round(len(t) * 1.1 + 3, 1)) for c, t in nuevos))


def _dimension(actual: tuple[int, int, int, int] | None, columnas: Sequence[int], valores: vx.Valores) -> str | None:
    if actual is None:
        return None
    c1, f1, c2, f2 = actual
    c2, f2 = max(c2, *columnas), max(f2, valores.ultima())
    return f"{cx.letras(c1)}{f1}:{cx.letras(c2)}{f2}"


def _plan_historial(expl: xx.Exploracion, disposicion: tuple, historial: tuple[Resultado, ...],
                    estilos: cx.Estilos, es1904: bool) -> hx.PlanHoja:
    inicio = max(expl.ultima_fila, expl.fila_encabezado or 1) + 1
    filas = vx.Valores.desde({inicio + k: fila_historial(r) for k, r in enumerate(historial)}, len(ENCABEZADOS_HISTORIAL))
    return _plan(expl, disposicion, filas, estilos, es1904, dinero=(False,) * len(ENCABEZADOS_HISTORIAL), limpiar=False)


def _hoja_nueva(plan: hx.PlanHoja) -> bytes:
    salida = io.BytesIO()
    hx.EditorHoja(plan._replace(dimension=_dimension((1, 1, 1, 1), plan.columnas, plan.valores))).editar(
        io.BytesIO(px.HOJA_VACIA), salida)
    return salida.getvalue()


# --- checking, backing up, replacing ------------------------------------------------

def _verificar(tmp: Path, nombres: tuple[str, str | None], encabezados: Sequence[str],
               extra: Callable[[Path], None] | None) -> None:
    """Refuse the new file unless it is a sound zip that python-calamine and openpyxl can open.

    Any exception while checking means the file is not good: the one broad
    ``except`` of this module turns it into a ``CarteraError``.
    """
    try:
        with zipfile.ZipFile(tmp) as z:
            dañada = z.testzip()
        if dañada is not None:
            raise CarteraError(f"la parte {dañada} quedó dañada")
        _leer_con_calamine(tmp, nombres, encabezados)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            openpyxl.load_workbook(tmp, read_only=True).close()
        if extra is not None:
            extra(tmp)
    except Exception as error:  # noqa: BLE001 - any failure of the check rejects the new file
        raise CarteraError(f"La copia nueva del libro no pasó la verificación ({error}); el libro quedó sin cambios.") from error


def _leer_con_calamine(tmp: Path, nombres: tuple[str, str | None], encabezados: Sequence[str]) -> None:
    libro = python_calamine.CalamineWorkbook.from_path(str(tmp))
    try:
        filas = libro.get_sheet_by_name(nombres[0]).iter_rows()
        primera = next((f for f in filas if any(v not in ("", None) for v in f)), [])
        faltan = {px.normalizar(e) for e in encabezados} - {px.normalizar(str(v)) for v in primera}
        if faltan:
            raise CarteraError(f"faltan columnas calculadas: {', '.join(sorted(faltan))}")
        if nombres[1] is not None:
            libro.get_sheet_by_name(nombres[1]).to_python()
    finally:
        libro.close()
