"""The README documents every setting, every command and every option (sqlite-utils' test_docs spirit)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from cartera.comandos.cli import construir_parser
from cartera.politica import PARAMETROS

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _subcomandos() -> dict[str, argparse.ArgumentParser]:
    parser = construir_parser()
    acciones = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(acciones[0].choices)


@pytest.mark.parametrize("parametro", [p.nombre for p in PARAMETROS])
def test_cada_parametro_esta_en_el_readme(parametro: str) -> None:
    assert f"| {parametro} |" in README


@pytest.mark.parametrize("comando", sorted(_subcomandos()))
def test_cada_comando_esta_en_el_readme_y_su_ayuda_tiene_ejemplo(comando: str) -> None:
    assert f"`cartera {comando}" in README
    assert "Ejemplo:" in _subcomandos()[comando].format_help()


@pytest.mark.parametrize("comando", sorted(_subcomandos()))
def test_cada_opcion_esta_en_el_readme(comando: str) -> None:
    for accion in _subcomandos()[comando]._actions:
        for opcion in accion.option_strings:
            if opcion.startswith("--") and opcion != "--help":
                assert opcion in README, f"{comando} {opcion}"


def test_los_dos_comandos_del_readme_son_los_de_ci() -> None:
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    comando_pruebas = "python -m pip install -e '.[test]' && python -m pytest"
    assert comando_pruebas in README
    lineas = ci.strip().splitlines()
    assert lineas[-1] == comando_pruebas
    assert any(linea.startswith("python -m ruff check cartera tests") for linea in lineas[:-1])
