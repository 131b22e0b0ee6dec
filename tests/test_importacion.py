"""Importing any module of cartera has no effect, so pytest may collect the doctests of every one.

``python -m pytest`` runs with ``--doctest-modules`` over ``cartera/`` (pyproject.toml), which imports
each module.  Here every module is imported in a fresh process whose working folder and ``HOME`` are
empty temporary folders: nothing may be printed, no file created, no exit requested.  Only
``cartera/__main__.py`` runs the program when imported (pytest never imports it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CARTERA = Path(__file__).resolve().parent.parent / "cartera"

IMPORTAR_TODO = """
import importlib, pathlib, sys
raiz = pathlib.Path(sys.argv[1])
for ruta in sorted(raiz.rglob("*.py")):
    partes = ruta.relative_to(raiz.parent).with_suffix("").parts
    if partes[-1] == "__main__":
        continue
    importlib.import_module(".".join(partes[:-1] if partes[-1] == "__init__" else partes))
"""


def test_importar_cada_modulo_no_tiene_efectos(tmp_path: Path) -> None:
    casa, trabajo = tmp_path / "casa", tmp_path / "trabajo"
    casa.mkdir()
    trabajo.mkdir()
    entorno = {**os.environ, "HOME": str(casa), "USERPROFILE": str(casa), "PYTHONDONTWRITEBYTECODE": "1",
               "PYTHONPATH": str(CARTERA.parent)}
    proceso = subprocess.run([sys.executable, "-c", IMPORTAR_TODO, str(CARTERA)], cwd=trabajo, env=entorno,
                             capture_output=True, text=True, timeout=120, check=False)
    assert proceso.returncode == 0, proceso.stderr
    assert proceso.stdout == proceso.stderr == ""
    assert sorted(tmp_path.rglob("*")) == [casa, trabajo]
