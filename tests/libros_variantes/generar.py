"""Rebuild the held-out variants of owners' receivables workbooks in this folder.

``python tests/libros_variantes/generar.py [familia …]`` writes every variant of
``variantes_co.py`` and ``variantes_otros.py`` with openpyxl, lets LibreOffice
open and save it (formula cells then carry cached values, as owners' files
do) and writes ``<libro>.json`` beside it: what the owner typed, the country,
the fecha de corte and which rows are titles, totals and notes — the same
shape as the corpus in ``tests/libros_reales`` (whose ``generar.construir`` does
the work), read by ``tests/test_libros_variantes.py``.

These books were written to find where the reader misreads, not to pass:
see the module docstring of the test for what each one checks.
"""

from __future__ import annotations

import sys
from pathlib import Path

AQUI = Path(__file__).resolve().parent
sys.path.insert(0, str(AQUI))

import comun  # noqa: E402,F401  (puts the corpus folder on sys.path)
import generar as corpus  # noqa: E402  (tests/libros_reales/generar.py)
import variantes_co  # noqa: E402
import variantes_otros  # noqa: E402


def libros() -> list:
    return [variantes_co.v01(), variantes_otros.v02(), variantes_otros.v03(), variantes_otros.v04(), variantes_otros.v05(),
            variantes_otros.v06(), variantes_otros.v07(), variantes_co.v08(), variantes_co.v09(), variantes_co.v10(),
            variantes_co.v11(), variantes_otros.v12(), variantes_co.v13(), variantes_co.v14(), variantes_co.v15(),
            variantes_otros.v16(), variantes_otros.v17(), variantes_co.v18()]


def main() -> int:
    corpus.PERFIL_LO = "file:///tmp/lo-variantes"
    solo = set(sys.argv[1:])
    problemas = corpus.construir([libro for libro in libros() if not solo or libro.familia in solo], AQUI)
    for problema in problemas:
        print(problema, file=sys.stderr)
    return 1 if problemas else 0


if __name__ == "__main__":
    raise SystemExit(main())
