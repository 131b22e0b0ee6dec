"""Rebuild the third held-out red team of owners' receivables workbooks in this folder.

``python tests/libros_variantes3/generar.py [familia …]`` writes every book of
``libros_a.py`` and ``libros_b.py`` with openpyxl, lets LibreOffice open and
save it (private profile ``/tmp/lo-variantes3``; formula cells then carry
cached values, as owners' files do; ``.ods`` and ``.xls`` are converted to
their format) and writes ``<libro>.json`` beside it in the corpus's shape
(``tests/libros_reales/generar.py``), read by ``tests/test_libros_variantes3.py``.

None of these books was seen by whoever wrote the reader; they were written to
find where it misreads, not to pass.
"""

from __future__ import annotations

import sys
from pathlib import Path

AQUI = Path(__file__).resolve().parent
sys.path.insert(0, str(AQUI))
sys.path.insert(1, str(AQUI.parent / "libros_variantes"))

import comun  # noqa: E402,F401  (tests/libros_variantes/comun.py; puts the corpus folder on sys.path)
import generar as corpus  # noqa: E402  (tests/libros_reales/generar.py)
import libros_a  # noqa: E402
import libros_b  # noqa: E402


def libros() -> list:
    return [libros_a.v01(), libros_a.v02(), libros_a.v03(), libros_a.v04(), libros_a.v05(), libros_b.v06(),
            libros_b.v07(), libros_b.v08(), libros_b.v09(), libros_b.v10()]


def main() -> int:
    corpus.PERFIL_LO = "file:///tmp/lo-variantes3"
    solo = set(sys.argv[1:])
    problemas = corpus.construir([libro for libro in libros() if not solo or libro.familia in solo], AQUI)
    for problema in problemas:
        print(problema, file=sys.stderr)
    return 1 if problemas else 0


if __name__ == "__main__":
    raise SystemExit(main())
