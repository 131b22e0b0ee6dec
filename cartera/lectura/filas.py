"""Rows of a data sheet that are not records: totals, subtotals, section titles.

Owners' books carry a TOTAL row with SUM formulas, the «<cliente> Total» and
«Total general» rows of Data → Subtotals, an Excel Table's totals row, and
section titles such as «ZONA NORTE» or a year («2026») between two blocks.
None of them is an invoice, and none is an error: they are skipped and
counted once («filas de totales ignoradas»).  Only rows whose key cells are
blank (or hold the totals label, or a year alone in an otherwise empty row)
are examined, so a real invoice is never skipped because of a word — a
client called «Total Energies» with an invoice number stays an invoice.

A row is skipped when its key cells are blank (or say «Total…») and
* a cell says total (``TOTAL``, ``Subtotal zona norte``, ``Acme Total``,
  ``Total general``, ``Gran total``, ``Suma``) and no cell is a date; or
* it has no date and no client but holds numbers (a SUM row with no label); or
* its only non-blank cell is a text, or it holds only words with no figure
  (a section title, «Elaboró: María Pérez» under the table); or
* it comes after the last totals row (notes and signatures under the table).
"""

from __future__ import annotations

import re

import numpy as np

from cartera.lectura.conversion import FECHA, NUMERO, TEXTO, tipos, vacias

_TOTAL = re.compile(r"^(sub\s?)?total(es)?\b|\btotal(es)?(\s+general)?\W*$|^gran\s+total|^suma\b|^saldo\s+total\b")
_ANIO = re.compile(r"\s*((año|ano|facturas|ventas|periodo|período|ejercicio)\s+)?(19|20)\d\d\s*", re.IGNORECASE)
_CLAVES = {"Facturas": ("factura",), "Clientes": ("cliente", "nombre", "nit"), "Pagos": ("fecha",)}
_IDENTIDAD = ("cliente", "nombre", "nit")


def es_total(texto: object) -> bool:
    """True for a totals label: ``TOTAL``, ``Subtotal zona norte``, ``Acme Total``, ``Total general``.

    >>> [es_total(t) for t in ("TOTAL", "Subtotal Zona Norte", "Acme S.A.S. Total", "Total general:", "Totalgas")]
    [True, True, True, True, False]
    """
    return isinstance(texto, str) and bool(_TOTAL.search(texto.strip().casefold()))


def es_anio(celda: object) -> bool:
    """True for a year typed as a section title: ``2026``, «2025», «Año 2026» (text or a whole number).

    >>> [es_anio(c) for c in ("2026", 2025.0, "Año 2026", "FV-2026", 202, "20261")]
    [True, True, True, False, False, False]
    """
    if isinstance(celda, bool):
        return False
    if isinstance(celda, int | float):
        return float(celda).is_integer() and 1900 <= celda <= 2099
    return isinstance(celda, str) and bool(_ANIO.fullmatch(celda))


def omitibles(hoja: str, datos: np.ndarray, asignacion: dict[str, int], de_entrada: list[int]) -> np.ndarray:
    """Bool mask of the rows of ``datos`` (rows × columns, raw cells) that are totals or titles, not records.

    ``asignacion``: field id → column index; ``de_entrada``: the columns the
    owner fills (the tool's ``(calculado)`` columns are not looked at).
    """
    n = len(datos)
    claves = [asignacion[c] for c in _CLAVES.get(hoja, ()) if c in asignacion]
    if not n or not claves:
        return np.zeros(n, dtype=bool)
    candidata = np.ones(n, dtype=bool)
    for j in claves:
        columna = datos[:, j]
        anio = np.fromiter(map(es_anio, columna), dtype=bool, count=n)  # «2026» alone in its row: a section title
        for i in np.flatnonzero(anio).tolist():
            anio[i] = int((~vacias(datos[i, de_entrada])).sum()) == 1
        candidata &= vacias(columna) | np.fromiter(map(es_total, columna), dtype=bool, count=n) | anio
    omitida = np.zeros(n, dtype=bool)
    for i in np.flatnonzero(candidata).tolist():
        omitida[i] = _no_es_registro(datos[i, de_entrada], datos[i], asignacion)
    totales = [i for i in np.flatnonzero(omitida).tolist() if any(es_total(x) for x in datos[i, de_entrada])]
    if totales:  # below the grand total, a row with no key is a note («Elaboró: …»), not an invoice
        for i in range(max(totales) + 1, n):
            clases = tipos(datos[i, de_entrada])
            omitida[i] |= bool(candidata[i] or not ((clases == FECHA) | (clases == NUMERO)).any())
    return omitida


def _no_es_registro(entrada: np.ndarray, fila: np.ndarray, asignacion: dict[str, int]) -> bool:
    clases = tipos(entrada)
    llenas = ~vacias(entrada, clases)
    if not (clases == FECHA).any() and any(es_total(x) for x in entrada[clases == TEXTO]):
        return True
    if llenas.sum() == 1 and (clases[llenas] == TEXTO).all():
        return True
    textos = entrada[llenas & (clases == TEXTO)]
    if (clases[llenas] == TEXTO).all() and not any(any(c.isdigit() for c in t) for t in textos):
        return True  # words only, no figure, no date: «Elaboró: María Pérez», «Observaciones generales»
    sin_cliente = all(c not in asignacion or vacias(fila[[asignacion[c]]])[0] for c in _IDENTIDAD)
    return bool(sin_cliente and not (clases == FECHA).any() and (clases[llenas] == NUMERO).any())
