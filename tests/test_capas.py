"""The walls between the subpackages hold (import-linter), and a line that crosses one fails.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``): the layers
from ``comandos`` down to the root contract, "the package editor imports
nothing of the domain" and "the core imports no I/O module".  The first test
runs ``lint-imports`` on the package as it is; the others copy the package to
a temporary folder, add one forbidden import, and check that ``lint-imports``
refuses it — so a green run means the contracts really bite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(carpeta: Path) -> subprocess.CompletedProcess[str]:
    entorno = {**os.environ, "PYTHONPATH": str(carpeta), "PYTHONIOENCODING": "utf-8"}
    orden = [str(LINT_IMPORTS)] if LINT_IMPORTS.exists() else [sys.executable, "-m", "importlinter.cli"]
    return subprocess.run([*orden, "--no-cache", "--config", str(carpeta / "pyproject.toml")], cwd=carpeta,
                          env=entorno, capture_output=True, text=True, timeout=120, check=False)


def _copia(tmp_path: Path) -> Path:
    shutil.copytree(RAIZ / "cartera", tmp_path / "cartera", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(RAIZ / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_las_capas_se_respetan() -> None:
    resultado = _lint_imports(RAIZ)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "0 broken" in resultado.stdout


@pytest.mark.parametrize(("modulo", "linea", "contrato"), [
    ("calculo/saldos.py", "import smtplib", "El núcleo no importa"),
    ("plan/estado.py", "import zipfile", "El núcleo no importa"),
    ("lectura/tabla.py", "from cartera.excel import apariencia", "Capas"),
    ("calculo/recargos.py", "from cartera.lectura import textos", "Capas"),
    ("libro/paquete/hoja.py", "from cartera import modelo", "El editor de paquetes"),
])
def test_una_importacion_prohibida_rompe_un_contrato(tmp_path: Path, modulo: str, linea: str, contrato: str) -> None:
    carpeta = _copia(tmp_path)
    ruta = carpeta / "cartera" / modulo
    ruta.write_text(ruta.read_text(encoding="utf-8") + f"\n{linea}  # noqa\n", encoding="utf-8")
    resultado = _lint_imports(carpeta)
    assert resultado.returncode != 0, f"{modulo} con «{linea}» pasó los contratos"
    rotos = resultado.stdout.split("Broken contracts", 1)[-1]
    assert contrato in rotos, resultado.stdout


def test_el_contrato_del_paquete_nombra_cada_modulo_de_libro() -> None:
    """The editor's forbidden list names libro's other modules one by one: a new one must be added there."""
    contratos = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    prohibidos = set(next(c for c in contratos if c["id"] == "paquete")["forbidden_modules"])
    modulos = {f"cartera.libro.{p.stem}" for p in (RAIZ / "cartera" / "libro").glob("*.py") if p.stem != "__init__"}
    assert modulos <= prohibidos, sorted(modulos - prohibidos)
    raiz = {f"cartera.{p.stem}" for p in (RAIZ / "cartera").glob("*.py") if p.stem not in ("__init__", "__main__")}
    assert raiz <= prohibidos, sorted(raiz - prohibidos)


def test_cada_paquete_se_lee_de_una_sentada() -> None:
    """No module over 300 lines, no package over 15 modules, no prefix family, no name with an _xlsx suffix."""
    for paquete in [RAIZ / "cartera", *sorted(p.parent for p in (RAIZ / "cartera").rglob("__init__.py"))]:
        modulos = [p for p in paquete.glob("*.py") if p.stem not in ("__init__", "__main__")]
        assert len(modulos) <= 15, f"{paquete.name}: {len(modulos)} módulos"
        prefijos = [p.stem.split("_")[0] for p in modulos if "_" in p.stem]
        repetidos = {x for x in prefijos if prefijos.count(x) > 1}
        assert not repetidos, f"{paquete.name}: familias de nombres {repetidos}"
    for modulo in (RAIZ / "cartera").rglob("*.py"):
        lineas = len(modulo.read_text(encoding="utf-8").splitlines())
        assert lineas <= 300, f"{modulo.relative_to(RAIZ)}: {lineas} líneas"
        assert not modulo.stem.endswith(("_xlsx", "_excel")), modulo


def test_cada_subpaquete_se_instala() -> None:
    """pyproject's explicit package list names every subpackage: a wheel (not only an editable install) runs."""
    listados = set(tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    paquetes = {".".join(p.parent.relative_to(RAIZ).parts) for p in (RAIZ / "cartera").rglob("__init__.py")}
    assert paquetes <= listados, sorted(paquetes - listados)
