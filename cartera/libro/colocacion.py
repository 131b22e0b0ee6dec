"""Where the owned columns go in the owner's sheet: beside their data, inside their Excel Table.

In order:

- a header the sheet already has (in any spelling reading accepts) keeps its column;
- new columns go immediately right of the Excel Table whose header row is the
  sheet's header row, when those columns hold no cell on the header row or
  below it and no merged range crosses them: the table then grows to include
  them (an Excel sort or filter of the table moves them with their invoice);
- otherwise right of the last used column, and the table is not grown (a note says why);
- never across a merged range on the header row or on a row that gets values:
  the new columns move right of it.  Below the header, the rows where a merged
  range crosses an owned column are left exactly as they are (no value
  written, nothing cleared), so no cell of a merged range is ever touched.

Owned columns found right next to the table (written there by an older
version, before tables grew) make the table grow too, when they follow it
without a gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from cartera.errores import LibroInvalido
from cartera.lectura import esquema
from cartera.libro.paquete import exploracion as xx
from cartera.libro.paquete import tablas as tx
from cartera.libro.paquete import valores as vx
from cartera.libro.paquete.codificacion import Estilos, letras
from cartera.libro.paquete.edicion import PlanHoja, Rango, cruza, filas_intactas
from cartera.libro.paquete.limites import LIMITE_COLUMNAS


class Colocacion(NamedTuple):
    """Where each field of one sheet is written.

    ``columnas``: its column, per field (1-based).  ``nuevos``: (column, header)
    of the header cells to add.  ``intactas``: (first, last) rows below the
    header left as they are (merged ranges).  ``tabla``: the Excel Table that
    grows (None: none grows); ``crecer``: the names of the columns it grows by,
    left to right, exactly the header cells' text.  ``notas``: Spanish notes
    for the owner (a table not grown, rows not written).
    """

    columnas: tuple[int, ...]
    nuevos: tuple[tuple[int, str], ...]
    intactas: tuple[tuple[int, int], ...] = ()
    tabla: tx.TablaExcel | None = None
    crecer: tuple[str, ...] = ()
    notas: tuple[str, ...] = ()


def colocar(encabezados: Sequence[str], expl: xx.Exploracion, *, tablas: Sequence[tx.TablaExcel] = (),
             filas: np.ndarray | Sequence[int] = (), hoja: str = "") -> Colocacion:
    """The columns of ``encabezados`` in the sheet ``expl`` explored; ``filas``: the sorted rows that get values."""
    h = expl.fila_encabezado or 1
    existentes = _existentes(encabezados, expl)
    faltan = sum(c is None for c in existentes)
    bloquean = [m for m in expl.combinadas if _en_filas(m, h, np.asarray(filas, dtype=np.int64))]
    tabla = tabla_del_encabezado(tablas, h, expl)
    notas: list[str] = []
    inicio = _junto_a_tabla(tabla, existentes, faltan, expl, bloquean, notas) if tabla else None
    if inicio is None:
        inicio = _libre(expl.ultima_columna + 1, faltan, bloquean)
    columnas, nuevos = [], []
    for encabezado, col in zip(encabezados, existentes, strict=True):
        if col is None:
            col, inicio = inicio, inicio + 1
            nuevos.append((col, encabezado))
        columnas.append(col)
    _caben(nuevos, expl, hoja)
    crecer = _crecimiento(tabla, columnas, dict(nuevos), expl, notas) if tabla else ()
    intactas = filas_intactas(expl.combinadas, columnas, h)
    notas += _nota_intactas(intactas, filas, hoja)
    return Colocacion(tuple(columnas), tuple(nuevos), intactas, tabla if crecer else None, crecer, tuple(notas))


def _caben(nuevos: list[tuple[int, str]], expl: xx.Exploracion, hoja: str) -> None:
    """Refuse (``LibroInvalido``, nothing written) new columns past Excel's last column, XFD."""
    if not nuevos or (ultima := max(c for c, _ in nuevos)) <= LIMITE_COLUMNAS:
        return
    raise LibroInvalido(
        f"En la hoja «{hoja or 'Historial'}» no caben las {len(nuevos)} columnas calculadas: irían de la "
        f"{letras(nuevos[0][0])} a la {letras(ultima)}, más allá de la última columna de Excel "
        f"({letras(LIMITE_COLUMNAS)}), porque la hoja tiene algo escrito hasta la columna "
        f"{letras(expl.ultima_columna)}. Borre las columnas vacías o sobrantes a la derecha de sus datos "
        "(selecciónelas y use Eliminar) y guarde el libro: cartera escribirá las columnas en la próxima ejecución.")


def _existentes(encabezados: Sequence[str], expl: xx.Exploracion) -> list[int | None]:
    por_nombre: dict[str, int] = {}
    for col, texto in sorted(expl.encabezado.items()):
        por_nombre.setdefault(esquema.normalizar(texto), col)
    return [por_nombre.get(esquema.normalizar(e)) for e in encabezados]


def _en_filas(rango: Rango, h: int, filas: np.ndarray) -> bool:
    """The merged range spans the header row or a row that gets values."""
    _, f1, _, f2 = rango
    k = int(np.searchsorted(filas, f1))
    return f1 <= h <= f2 or (k < len(filas) and int(filas[k]) <= f2)


def _libre(inicio: int, ancho: int, bloquean: Sequence[Rango]) -> int:
    """The first column from ``inicio`` where ``ancho`` columns cross none of ``bloquean``."""
    while ancho and (cruzan := [m for m in bloquean if cruza(m, range(inicio, inicio + ancho))]):
        inicio = max(m[2] for m in cruzan) + 1
    return inicio


def tabla_del_encabezado(tablas: Sequence[tx.TablaExcel], h: int, expl: xx.Exploracion) -> tx.TablaExcel | None:
    """The table whose header row is the sheet's header row (the one holding most of its headers)."""
    candidatas = [t for t in tablas if t.rango[1] == h and t.filas_encabezado > 0]
    return max(candidatas, key=lambda t: sum(t.rango[0] <= c <= t.rango[2] for c in expl.encabezado), default=None)


def _junto_a_tabla(tabla: tx.TablaExcel, existentes: list[int | None], faltan: int, expl: xx.Exploracion,
                   bloquean: Sequence[Rango], notas: list[str]) -> int | None:
    """The first new column when the new columns go right of ``tabla``; None: where they would go anyway."""
    c1, f1, c2, f2 = tabla.rango
    if not faltan or any(c is not None and not c1 <= c <= c2 for c in existentes):
        return None
    if not tabla.ampliable:
        notas.append(f"La tabla de Excel «{tabla.nombre}» no se amplió (es de un tipo que cartera no modifica); "
                     "las columnas calculadas quedaron a la derecha de la última columna usada.")
        return None
    nuevas = range(c2 + 1, c2 + 1 + faltan)
    combinada = any(cruza(m, nuevas) and (m in bloquean or (m[1] <= f2 and m[3] >= f1)) for m in expl.combinadas)
    if combinada or any(c in expl.usadas for c in nuevas):
        notas.append(f"La tabla de Excel «{tabla.nombre}» no se amplió: la columna {letras(c2 + 1)}, a su derecha, "
                     "tiene datos; las columnas calculadas quedaron a la derecha de la última columna usada.")
        return None
    return c2 + 1


def _crecimiento(tabla: tx.TablaExcel, columnas: list[int], nuevos: dict[int, str], expl: xx.Exploracion,
                 notas: list[str]) -> tuple[str, ...]:
    """Names of the columns ``tabla`` grows by: the owned columns right of it, when they follow it without a gap."""
    c1, f1, c2, f2 = tabla.rango
    fuera = sorted(c for c in columnas if not c1 <= c <= c2)
    if not fuera or not tabla.ampliable:
        return ()
    nombres = tuple(nuevos.get(c) or expl.encabezado.get(c, "") for c in fuera)
    claves = [n.casefold() for n in (*tabla.columnas, *nombres)]
    seguidas = fuera == list(range(c2 + 1, c2 + 1 + len(fuera)))
    combinada = any(cruza(m, fuera) and m[1] <= f2 and m[3] >= f1 for m in expl.combinadas)
    if seguidas and not combinada and all(n.strip() for n in nombres) and len(set(claves)) == len(claves):
        return nombres
    if not notas:  # (a note on this table may already say why)
        notas.append(f"La tabla de Excel «{tabla.nombre}» no incluye las columnas calculadas: no están junto a ella "
                     "o sus encabezados repiten los de la tabla.")
    return ()


def _nota_intactas(intactas: tuple[tuple[int, int], ...], filas: np.ndarray | Sequence[int], hoja: str) -> list[str]:
    filas = np.asarray(filas, dtype=np.int64)
    dentro = np.zeros(len(filas), dtype=bool)
    for a, b in intactas:
        dentro |= (filas >= a) & (filas <= b)
    saltadas = filas[dentro].tolist()
    if not saltadas:
        return []
    lista = ", ".join(str(f) for f in saltadas[:10]) + (" …" if len(saltadas) > 10 else "")
    return [f"En la hoja «{hoja}», las filas {lista} tienen celdas combinadas donde van las columnas calculadas; "
            "no se escribieron. Separe esas celdas (Inicio › Combinar y centrar) para que cartera las llene."]


def ancho(caracteres: int) -> float:
    """Excel's column width that shows ``caracteres`` characters of the default font, with a little air."""
    return round(caracteres * 1.1 + 3, 1)


def plan(expl: xx.Exploracion, disp: Colocacion, filas: vx.Valores, estilos: Estilos, es1904: bool, *,
         dinero: tuple[bool, ...], limpiar: bool = True, por_campo: tuple[Estilos, ...] = (),
         anchos: tuple[tuple[int, float], ...] | None = None) -> PlanHoja:
    """The sheet editor's plan for ``filas`` written where ``disp`` says (``anchos``: of the new columns;
    None: fitted to their headers)."""
    columnas, nuevos = disp.columnas, disp.nuevos
    h = expl.fila_encabezado or 1
    valores = filas.desde_fila(h).excepto(disp.intactas)
    nuevas = frozenset(c for c, _ in nuevos)
    anchos = tuple((c, ancho(len(t))) for c, t in nuevos) if anchos is None else anchos
    return PlanHoja(h, columnas, dinero, nuevos, valores, limpiar and len(nuevas) < len(columnas), nuevas,
                    estilos, es1904, dimension(expl.dimension, columnas, valores), anchos, disp.intactas, por_campo)


def dimension(actual: Rango | None, columnas: Sequence[int], valores: vx.Valores) -> str | None:
    """The sheet's new ``<dimension ref>``: ``actual`` grown to the columns and rows written."""
    if actual is None:
        return None
    c1, f1, c2, f2 = actual
    c2, f2 = max(c2, *columnas), max(f2, valores.ultima())
    return f"{letras(c1)}{f1}:{letras(c2)}{f2}"
