"""Locate a sheet's header row and columns, and cut out its data rows.

Pure: takes the rows python-calamine returned (lists of cell values) and
the position of their first cell; returns a :class:`Tabla` whose columns
are keyed by field id, with Excel row numbers.  Raises
:class:`~cartera.errores.LibroInvalido` when a required column is missing.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from cartera.errores import LibroInvalido
from cartera.lectura import esquema as columnas
from cartera.lectura.conversion import texto_de, vacias
from cartera.lectura.encabezados import asignar, bloque, deducciones, dos_filas, gemelas
from cartera.lectura.esquema import Campo
from cartera.lectura.filas import omitibles
from cartera.modelo import OrigenHoja

FILAS_DE_BUSQUEDA = 30
"""The header row is looked for among the first rows of the sheet (title lines, a «Corte al…» line above it are fine)."""

SUSTITUTOS: dict[tuple[str, str], tuple[str, ...]] = {
    (columnas.FACTURAS, "cliente"): ("nombre", "nit"),
    (columnas.FACTURAS, "total"): ("saldo",),
    (columnas.CLIENTES, "cliente"): ("nit", "nombre"),
}
"""A required field another column can stand for: clients keyed by tax id or name, a book with only a Saldo column."""


class Tabla(NamedTuple):
    """The data rows of one sheet, by field.

    ``hoja``: canonical sheet name; ``nombre``: the sheet name as the user
    wrote it; ``fila_encabezado``: Excel row number of the header row.  ``filas``: Excel row number of each data row (blank rows are
    already dropped).  ``celdas``: field id → raw cells (object array), only
    for fields present.  ``encabezados``/``letras``: field id → the user's
    header and its column letter.  ``extra``: headers the tool does not read
    (kept untouched).  ``sin_resultado``: (field id, position) → reason, for
    empty cells that hold a formula with no saved result (or an error).
    ``todas``: every header of the row as (header, letter, field id or None).
    ``omitidas``: Excel rows skipped as totals, subtotals or titles (:mod:`lectura.filas`).
    ``gemelas``: a money field kept in one column per currency → its ISO codes (assigned column first); the
    cells of each are in ``celdas["total@USD"]``…; several deductions («ReteFuente», «ReteICA») → their column
    indexes (``celdas["deduccion@7"]``…), each one subtracted.
    """

    hoja: str
    nombre: str
    fila_encabezado: int
    filas: np.ndarray
    celdas: dict[str, np.ndarray]
    encabezados: dict[str, str]
    letras: dict[str, str]
    extra: tuple[str, ...]
    sin_resultado: dict[tuple[str, int], str]
    todas: tuple[tuple[str, str, str | None], ...] = ()
    omitidas: tuple[int, ...] = ()
    gemelas: dict[str, tuple[str, ...]] = {}


def letras_columna(numero: int) -> str:
    """Letters of the 1-based column ``numero``: 1 → "A", 26 → "Z", 27 → "AA".

    The core's one conversion.  ``libro.paquete.codificacion.letras`` applies
    the same rule (1-based) and is a separate copy only because the package
    editor may import nothing of cartera.
    """
    letras = ""
    while numero:
        numero, resto = divmod(numero - 1, 26)
        letras = chr(65 + resto) + letras
    return letras


def origen_de(tabla: Tabla) -> OrigenHoja:
    """Where ``tabla`` was found: the user's sheet name, header row and each field's header and column."""
    columnas_halladas = tuple((campo, tabla.encabezados[campo], tabla.letras[campo]) for campo in tabla.encabezados)
    return OrigenHoja(tabla.nombre, tabla.fila_encabezado, columnas_halladas)


def mapeo_de_hoja(hoja: str, mapeo: tuple[tuple[str, str, str], ...]) -> dict[str, str]:
    """Field id → user header from ``Columna X = Y`` rows; a sheet-specific row beats a general one."""
    general = {campo: enc for h, campo, enc in mapeo if not h}
    propio = {campo: enc for h, campo, enc in mapeo if h == hoja}
    return {**general, **propio}


def _faltantes(asignacion: dict[str, int], campos: tuple[Campo, ...], hoja: str = "") -> list[Campo]:
    return [c for c in campos if c.requerido and c.campo not in asignacion
            and not any(s in asignacion for s in SUSTITUTOS.get((hoja, c.campo), ()))]


def _fila_encabezados(filas: list[list], campos, mapeo, hoja: str = "") -> tuple[int, list[str], dict[str, int]] | int:
    """(index, headers, assignment) of the header row, or the index of the best candidate when none qualifies.

    Each row is tried alone and together with the row above (a group row);
    the first row that has every required field wins, with whichever of the
    two readings places more fields.
    """
    mejor, mejor_cuenta = 0, -1
    anterior: list[str] = []
    for i, fila in enumerate(filas[:FILAS_DE_BUSQUEDA]):
        encabezados = [texto_de(x) for x in fila]
        lecturas = [encabezados]
        if any(anterior) and any(encabezados):
            lecturas.append(dos_filas(anterior, encabezados, campos))
        anterior = encabezados
        opciones = []
        for lectura in lecturas:
            asignacion = asignar(lectura, campos, mapeo)
            faltan = len(_faltantes(asignacion, campos, hoja))
            opciones.append((faltan, -len(asignacion), lectura, asignacion))
        faltan, negativo, lectura, asignacion = min(opciones, key=lambda o: o[:2])
        if not faltan:
            return i, lectura, asignacion
        cuenta = len(campos) - faltan if any(encabezados) else -1
        if cuenta > mejor_cuenta:
            mejor, mejor_cuenta = i, cuenta
    return mejor


def _mensaje_faltan(nombre: str, fila_excel: int, encontrados: list[str], faltan: list[Campo]) -> str:
    vistos = ", ".join(h for h in encontrados if h) or "(ninguno)"
    partes = [f"En la hoja «{nombre}» falta la columna «{c.encabezado}»." for c in faltan]
    partes.append(f"Encabezados encontrados (fila {fila_excel}): {vistos}.")
    for c in faltan:
        partes.append(f"Nombres aceptados para «{c.encabezado}»: {', '.join((c.encabezado, *c.alias))}.")
    if any(c.campo == "cliente" for c in faltan) and nombre:
        partes.append("En lugar de un código de cliente sirve también el nombre (Razón social) o la identificación (NIT, RFC, CIF/NIF).")
    if any(c.campo == "total" and c.dinero for c in faltan):
        partes.append("En lugar del total sirve también el saldo pendiente (Saldo, Saldo pendiente).")
    ejemplo = faltan[0].encabezado
    partes.append(
        f"Agregue la columna, cambie el nombre de la suya, o indíquela en la hoja Configuración con una fila "
        f"«Columna {ejemplo}» y, como valor, el encabezado que usted usa."
    )
    return "\n".join(partes)


def ubicar(hoja: str, nombre: str, filas: list[list], origen: tuple[int, int],
           mapeo: tuple[tuple[str, str, str], ...] = ()) -> Tabla:
    """The :class:`Tabla` of sheet ``hoja`` (canonical name), named ``nombre`` in the workbook.

    ``filas``: the cells as python-calamine returns them, starting at the
    sheet's first used cell ``origen`` = (row, column), both 0-based.
    """
    campos = columnas.CAMPOS[hoja]
    propio = mapeo_de_hoja(hoja, mapeo)
    hallado = _fila_encabezados(filas, campos, propio, hoja)
    if isinstance(hallado, int):
        encontrados = [texto_de(x) for x in filas[hallado]] if filas else []
        faltan = _faltantes(asignar(encontrados, campos, propio), campos, hoja)
        raise LibroInvalido(_mensaje_faltan(nombre, origen[0] + hallado + 1, encontrados, faltan))
    indice, encabezados, asignacion = hallado
    datos = _matriz(filas[indice + 1:], len(encabezados))
    encabezados, asignacion = _solo_la_tabla(hoja, encabezados, asignacion, datos, campos, propio)
    numeros = np.arange(len(datos), dtype=np.int64) + origen[0] + indice + 2
    de_entrada = [j for j, h in enumerate(encabezados) if not columnas.es_calculado(h)]
    llena = _filas_llenas(datos, de_entrada)
    omitida = omitibles(hoja, datos, asignacion, de_entrada) & llena
    llena &= ~omitida
    asignacion, restan = deducciones(encabezados, asignacion) if hoja == columnas.FACTURAS else (asignacion, ())
    gemelas_ = gemelas(encabezados, asignacion) | ({"deduccion": tuple((j, str(j)) for j in restan)} if len(restan) > 1 else {})
    usados = set(asignacion.values()) | {j for pares in gemelas_.values() for j, _ in pares}
    por_columna = {j: campo for campo, j in asignacion.items()} | {j: c for c, pares in gemelas_.items() for j, _ in pares}
    return Tabla(
        hoja=hoja,
        nombre=nombre,
        fila_encabezado=origen[0] + indice + 1,
        filas=numeros[llena],
        celdas={campo: datos[llena, j] for campo, j in asignacion.items()}
        | {f"{campo}@{iso}": datos[llena, j] for campo, pares in gemelas_.items() for j, iso in pares},
        encabezados={campo: encabezados[j] for campo, j in asignacion.items()},
        letras={campo: letras_columna(origen[1] + j + 1) for campo, j in asignacion.items()},
        extra=tuple(h for j, h in enumerate(encabezados) if h and j not in usados),
        sin_resultado={},
        todas=tuple((h, letras_columna(origen[1] + j + 1), por_columna.get(j)) for j, h in enumerate(encabezados) if h),
        omitidas=tuple(numeros[omitida].tolist()),
        gemelas={campo: tuple(iso for _, iso in pares) for campo, pares in gemelas_.items()},
    )


def _solo_la_tabla(hoja: str, encabezados: list[str], asignacion: dict[str, int], datos: np.ndarray,
                   campos: tuple[Campo, ...], mapeo: dict[str, str]) -> tuple[list[str], dict[str, int]]:
    """The headers of the table around the invoice number only, when that table has every required field
    (a summary box beside it, after an empty column, is not the invoices' «Total»)."""
    ancla = asignacion.get("factura", min(asignacion.values(), default=0))
    inicio, fin = bloque(encabezados, datos, ancla)
    if inicio == 0 and fin == len(encabezados) - 1:
        return encabezados, asignacion
    recortados = [h if inicio <= j <= fin else "" for j, h in enumerate(encabezados)]
    propia = asignar(recortados, campos, mapeo)
    if _faltantes(propia, campos, hoja) or not any(h for j, h in enumerate(encabezados) if not inicio <= j <= fin):
        return encabezados, asignacion
    return recortados, propia


def _matriz(filas: list[list], ancho: int) -> np.ndarray:
    """Rows → 2-D object array (rows shorter than the header are padded with "")."""
    if filas and all(len(f) == ancho for f in filas):
        matriz = np.array(filas, dtype=object)
        if matriz.shape == (len(filas), ancho):
            return matriz
    matriz = np.full((len(filas), ancho), "", dtype=object)
    for i, fila in enumerate(filas):
        matriz[i, : min(ancho, len(fila))] = fila[:ancho]
    return matriz


def _filas_llenas(datos: np.ndarray, de_entrada: list[int]) -> np.ndarray:
    """True for rows with something in a column the user fills (computed columns do not count)."""
    llena = np.zeros(len(datos), dtype=bool)
    for j in de_entrada:
        llena |= ~vacias(datos[:, j])
    return llena
