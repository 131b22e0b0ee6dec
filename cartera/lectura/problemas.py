"""Data problems found while validating a sheet, and their conversion to ``Rechazo``.

Validators collect :class:`Problema` values (position in the ``Tabla``,
field, reason); :func:`rechazos` turns them into ``modelo.Rechazo`` with the
Excel row number, the user's header and the offending value as text, and
:func:`conservadas` says which rows survive.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import pandas as pd

from cartera.lectura.conversion import texto_de
from cartera.lectura.tabla import Tabla
from cartera.modelo import Rechazo

MOTIVO_SIN_RESULTADO = (
    "La celda tiene una fórmula sin resultado guardado (el archivo se creó con un programa y no se ha "
    "abierto en Excel): ábralo en Excel, guárdelo y vuelva a intentar."
)


class Problema(NamedTuple):
    """A problem at position ``pos`` of a ``Tabla`` (``campo`` None = the whole row)."""

    pos: int
    campo: str | None
    motivo: str
    grave: bool = True


def donde(mascara: np.ndarray, campo: str | None, motivo: str, *, grave: bool = True) -> list[Problema]:
    """One problem per True position of ``mascara``."""
    return [Problema(pos, campo, motivo, grave) for pos in np.flatnonzero(mascara).tolist()]


def de_malas(malas: dict[int, str], campo: str) -> list[Problema]:
    """Problems from a converter's ``malas`` (position → reason)."""
    return [Problema(pos, campo, motivo) for pos, motivo in malas.items()]


def faltan(tabla: Tabla, mascara: np.ndarray, campo: str, motivo: str) -> list[Problema]:
    """A required value is blank: the reason says so, or that its formula has no saved result."""
    return [
        Problema(pos, campo, tabla.sin_resultado.get((campo, pos), motivo))
        for pos in np.flatnonzero(mascara).tolist()
    ]


def conservadas(n: int, problemas: Iterable[Problema]) -> np.ndarray:
    """Bool mask of the rows with no grave problem."""
    buena = np.ones(n, dtype=bool)
    graves = [p.pos for p in problemas if p.grave]
    buena[graves] = False
    return buena


def rechazos(tabla: Tabla, problemas: Iterable[Problema]) -> tuple[Rechazo, ...]:
    """The problems as ``Rechazo`` values, in sheet order (row, then column)."""
    orden = {campo: i for i, campo in enumerate(tabla.letras)}
    lista = sorted(problemas, key=lambda p: (p.pos, orden.get(p.campo, -1) if p.campo else -1))
    return tuple(
        Rechazo(
            hoja=tabla.nombre,
            fila=int(tabla.filas[p.pos]),
            columna=tabla.encabezados.get(p.campo) if p.campo else None,
            valor=texto_de(tabla.celdas[p.campo][p.pos]) if p.campo in tabla.celdas else "",
            motivo=p.motivo,
            grave=p.grave,
        )
        for p in lista
    )


def filas_texto(filas: Iterable[int], limite: int = 5) -> str:
    """``[4, 9, 12]`` → ``"4, 9 y 12"`` (at most ``limite`` numbers, then "y N más")."""
    numeros = [str(f) for f in filas]
    if len(numeros) > limite:
        return f"{', '.join(numeros[:limite])} y {len(numeros) - limite} más"
    return numeros[0] if len(numeros) == 1 else f"{', '.join(numeros[:-1])} y {numeros[-1]}"


def duplicados(tabla: Tabla, claves: np.ndarray, campo: str, sujeto: str) -> list[Problema]:
    """Every row whose key appears more than once (we cannot know which one is right)."""
    repetida = pd.Series(claves).duplicated(keep=False).to_numpy() & (claves != "")
    if not repetida.any():
        return []
    filas_de = pd.Series(tabla.filas[repetida]).groupby(claves[repetida]).agg(list).to_dict()
    problemas = []
    for pos in np.flatnonzero(repetida).tolist():
        otras = [f for f in filas_de[claves[pos]] if f != tabla.filas[pos]]
        lugar = "la fila" if len(otras) == 1 else "las filas"
        motivo = (f"{sujeto} «{claves[pos]}» está repetido: también aparece en {lugar} {filas_texto(otras)}. "
                  "No se puede saber cuál es la correcta: deje una sola fila.")
        problemas.append(Problema(pos, campo, motivo))
    return problemas


def celdas_de(tabla: Tabla, campo: str) -> np.ndarray:
    """The raw cells of ``campo``, or a column of blanks when the sheet does not have it."""
    if campo in tabla.celdas:
        return tabla.celdas[campo]
    return np.full(len(tabla.filas), "", dtype=object)


def por_valor(textos: np.ndarray, convertir) -> tuple[np.ndarray, np.ndarray]:
    """Apply ``convertir`` once per distinct text: (converted values, inverse index of each row).

    For categorical columns (Estado, Trato, No contactar …) whose distinct
    values are few however many rows there are.
    """
    inversa, unicos = pd.factorize(textos)
    return np.array([convertir(u) for u in unicos.tolist()] + [None], dtype=object)[:-1], inversa


class Lectura(NamedTuple):
    """A validated sheet: the DataFrame, its problems, and the rejected keys → their Excel rows."""

    datos: pd.DataFrame
    rechazos: tuple[Rechazo, ...]
    rechazadas: dict[str, list[int]]


def resultado(tabla: Tabla, datos: pd.DataFrame, claves: np.ndarray, problemas: list[Problema]) -> Lectura:
    """Keep the rows with no grave problem; note the keys of the dropped ones."""
    buena = conservadas(len(datos), problemas)
    rechazadas: dict[str, list[int]] = {}
    for clave, fila in zip(claves[~buena].tolist(), tabla.filas[~buena].tolist(), strict=True):
        rechazadas.setdefault(clave, []).append(fila)
    conservados = datos[buena].reset_index(drop=True)
    return Lectura(con_tipos(conservados), rechazos(tabla, problemas), rechazadas)


def con_tipos(datos: pd.DataFrame) -> pd.DataFrame:
    """Text columns as ``str``, ``fila`` as int64 (whatever the input's inference)."""
    texto = [c for c in datos.columns if datos[c].dtype == object and c not in ("correos", "cc")]
    return datos.astype({**dict.fromkeys(texto, str), "fila": np.int64})
