"""The functional core stays pure (STYLE rule 1): no files, network, clock, environment or console.

The check parses each core module with ``ast`` (nothing is imported or run).
The rule, precisely:

1. **Forbidden modules.**  A core module imports none of ``MODULOS_PROHIBIDOS``
   (``os``, ``sys``, ``io``, ``subprocess``, ``socket``, ``smtplib``,
   ``shutil``, ``tempfile``, ``time``, ``random``…, and the libraries that
   read or write files or talk to the user: ``openpyxl``, ``xlsxwriter``,
   ``python_calamine``, ``keyring``, ``yagmail``, ``rich``), nor a submodule
   of one, wherever the import statement is.
2. **pathlib only as a type.**  ``pathlib`` may be imported, but its names may
   appear only in annotations (parameters, returns, annotated assignments)
   or inside an ``if TYPE_CHECKING:`` block.  Building a ``Path(...)`` or
   touching the disk through one is an effect, so it belongs to the shell.
3. **Forbidden calls.**  No ``open()``, ``print()``, ``input()``,
   ``breakpoint()``, ``__import__()``; no clock (any ``.today()``, ``.now()``,
   ``.utcnow()`` — ``date.today``, ``datetime.now``, ``pd.Timestamp.now`` —
   nor the strings ``"today"``/``"now"`` passed to a call, as in
   ``pd.Timestamp("today")``); no ``time.time`` (``datetime.time()`` is fine); no ``environ``/``getenv``;
   no disk methods (``read_text``, ``mkdir``, ``is_dir``…) nor pandas
   readers and writers (``read_excel``, ``to_csv``…).
4. **Closed over the core.**  From ``cartera`` a core module imports only
   other core modules (and ``errores``), so no effect leaks in through a
   shell module.

Exemptions would be named per (module, function), each with its reason, in
``EXCEPCIONES``; a test fails when an exemption no longer excuses anything,
so it is removed once the code moves.  There are none: the owner's
``plantillas/`` folder is looked for by the shell (``comandos.cobrar``),
which hands ``mensajes.entorno`` a loader for it.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import NamedTuple

import pytest

CARTERA = Path(__file__).resolve().parent.parent / "cartera"

PAQUETES_NUCLEO = ("lectura", "calculo", "plan", "mensajes", "informe", "disposicion", "conciliacion", "acuerdos")
"""The core subpackages; with the root contract modules (every ``cartera/*.py``) they are the core.

Found by folder, never by a hand-kept list of modules: a new module is checked the day it is added.
The imports between layers are import-linter's (``tests/test_capas.py``); this test adds what an
import graph cannot see: calls to the clock, the environment and the disk.
"""

PERMITIDOS_DEL_PAQUETE = frozenset({"errores"})
"""Non-core ``cartera`` modules a core module may import (exceptions only, no effects)."""

MODULOS_PROHIBIDOS = frozenset({
    "os", "sys", "io", "subprocess", "socket", "smtplib", "ssl", "shutil", "tempfile", "glob", "fileinput",
    "time", "random", "secrets", "uuid", "importlib", "urllib.request", "http", "ftplib", "asyncio", "logging",
    "openpyxl", "xlsxwriter", "python_calamine", "keyring", "yagmail", "rich", "portalocker",
})
FUNCIONES_PROHIBIDAS = frozenset({"open", "print", "input", "breakpoint", "__import__"})
RELOJ = frozenset({"today", "now", "utcnow"})
ATRIBUTOS_PROHIBIDOS = RELOJ | frozenset({
    "environ", "getenv",
    "read_text", "write_text", "read_bytes", "write_bytes", "mkdir", "rmdir", "unlink", "touch", "iterdir",
    "exists", "is_dir", "is_file", "rglob", "resolve", "cwd", "home",
    "read_excel", "read_csv", "read_json", "read_parquet", "read_pickle", "read_table", "read_feather",
    "read_hdf", "to_excel", "to_csv", "to_parquet", "to_pickle", "to_feather", "to_hdf",
})

EXCEPCIONES: dict[tuple[str, str], str] = {}


class Falta(NamedTuple):
    """One violation: module, line, enclosing function ('' = module level) and what is wrong."""

    modulo: str
    linea: int
    funcion: str
    problema: str

    def __str__(self) -> str:
        return f"cartera/{self.modulo.replace('.', '/')}.py:{self.linea} ({self.funcion or 'módulo'}): {self.problema}"


def modulos_nucleo() -> tuple[str, ...]:
    """The core modules, dotted below ``cartera`` (``modelo``, ``lectura.textos``…)."""
    raiz = [p for p in CARTERA.glob("*.py") if p.stem not in ("__init__", "__main__")]
    paquetes = [p for nombre in PAQUETES_NUCLEO for p in (CARTERA / nombre).rglob("*.py")]
    return tuple(sorted(_nombre(p) for p in raiz + paquetes))


def _nombre(ruta: Path) -> str:
    partes = ruta.relative_to(CARTERA).with_suffix("").parts
    return ".".join(partes[:-1] if partes[-1] == "__init__" else partes)


def _ruta(modulo: str) -> Path:
    ruta = CARTERA.joinpath(*modulo.split(".")).with_suffix(".py")
    return ruta if ruta.exists() else CARTERA.joinpath(*modulo.split("."), "__init__.py")


def _prohibido(nombre: str) -> bool:
    return any(nombre == m or nombre.startswith(m + ".") for m in MODULOS_PROHIBIDOS)


def _es_type_checking(nodo: ast.AST) -> bool:
    prueba = getattr(nodo, "test", None)
    return isinstance(nodo, ast.If) and (
        (isinstance(prueba, ast.Name) and prueba.id == "TYPE_CHECKING")
        or (isinstance(prueba, ast.Attribute) and prueba.attr == "TYPE_CHECKING")
    )


def _anotaciones(arbol: ast.AST) -> set[int]:
    """ids of every node inside an annotation or an ``if TYPE_CHECKING:`` block."""
    raices: list[ast.AST] = []
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.arg | ast.AnnAssign) and nodo.annotation is not None:
            raices.append(nodo.annotation)
        elif isinstance(nodo, ast.FunctionDef | ast.AsyncFunctionDef) and nodo.returns is not None:
            raices.append(nodo.returns)
        elif _es_type_checking(nodo):
            raices.extend(nodo.body)
    return {id(hijo) for raiz in raices for hijo in ast.walk(raiz)}


def _funciones(arbol: ast.AST) -> dict[int, str]:
    """id of every node → name of the outermost function holding it."""
    dentro: dict[int, str] = {}
    for nodo in ast.iter_child_nodes(arbol):
        if isinstance(nodo, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            for hijo in ast.walk(nodo):
                dentro[id(hijo)] = nodo.name
    return dentro


def _en(modulo: str, nucleo: frozenset[str]) -> bool:
    """``modulo`` is a core module, a core package, or a name imported from one (``from cartera.plan import x``)."""
    return modulo in nucleo or modulo.split(".")[0] in PAQUETES_NUCLEO or modulo.rpartition(".")[0] in nucleo


def _faltas_import(nodo: ast.AST, nucleo: frozenset[str]) -> list[str]:
    if isinstance(nodo, ast.Import):
        nombres = [a.name for a in nodo.names]
    elif isinstance(nodo, ast.ImportFrom) and nodo.level == 0 and nodo.module:
        nombres = [nodo.module] + [f"{nodo.module}.{a.name}" for a in nodo.names if nodo.module == "cartera"]
    else:
        return []
    faltas = [f"importa {n}" for n in nombres if _prohibido(n)]
    propios = [n.removeprefix("cartera.") for n in nombres if n.startswith("cartera.")]
    faltas += [f"importa cartera.{m}, que no es del núcleo" for m in propios
               if not _en(m, nucleo) and m not in PERMITIDOS_DEL_PAQUETE]
    return faltas


def _faltas_llamada(nodo: ast.AST) -> list[str]:
    if not isinstance(nodo, ast.Call):
        return []
    funcion, faltas = nodo.func, []
    if isinstance(funcion, ast.Name) and funcion.id in FUNCIONES_PROHIBIDAS:
        faltas.append(f"llama {funcion.id}()")
    textos = [a.value for a in nodo.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    faltas += [f"lee el reloj con {t!r}" for t in textos if t.strip().lower() in RELOJ]
    return faltas


def _faltas_atributo(nodo: ast.AST) -> list[str]:
    if not isinstance(nodo, ast.Attribute):
        return []
    if nodo.attr in ATRIBUTOS_PROHIBIDOS:
        return [f"usa .{nodo.attr}"]
    if nodo.attr == "time" and isinstance(nodo.value, ast.Name) and nodo.value.id == "time":
        return ["usa time.time"]
    return []


def _nombres_pathlib(arbol: ast.AST) -> set[str]:
    nombres = set()
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Import):
            nombres |= {(a.asname or a.name) for a in nodo.names if a.name == "pathlib"}
        elif isinstance(nodo, ast.ImportFrom) and nodo.module == "pathlib":
            nombres |= {(a.asname or a.name) for a in nodo.names}
    return nombres


def faltas_de(modulo: str, fuente: str, nucleo: frozenset[str]) -> list[Falta]:
    """Every violation of the rule in one module's source (exemptions not applied)."""
    arbol = ast.parse(fuente)
    tipos, funciones, de_pathlib = _anotaciones(arbol), _funciones(arbol), _nombres_pathlib(arbol)
    faltas = []
    for nodo in ast.walk(arbol):
        problemas = _faltas_import(nodo, nucleo) + _faltas_llamada(nodo) + _faltas_atributo(nodo)
        if isinstance(nodo, ast.Name) and nodo.id in de_pathlib and id(nodo) not in tipos:
            problemas.append(f"usa pathlib.{nodo.id} fuera de una anotación de tipo")
        faltas += [Falta(modulo, nodo.lineno, funciones.get(id(nodo), ""), p) for p in problemas]
    return faltas


def _todas() -> list[Falta]:
    nucleo = frozenset(modulos_nucleo())
    return [f for m in sorted(nucleo) for f in faltas_de(m, _ruta(m).read_text("utf-8"), nucleo)]


# --- The core as it is ---------------------------------------------------------


@pytest.mark.parametrize("paquete", PAQUETES_NUCLEO)
def test_cada_paquete_del_nucleo_existe_y_se_revisa(paquete: str) -> None:
    nucleo = modulos_nucleo()
    assert (CARTERA / paquete / "__init__.py").is_file(), f"cartera/{paquete}/: ¿renombrado? actualice PAQUETES_NUCLEO"
    assert sum(m.startswith(paquete + ".") for m in nucleo) >= 2
    assert {"modelo", "dinero", "formato", "paises"} <= set(nucleo)


def test_nucleo_puro() -> None:
    faltas = [f for f in _todas() if (f.modulo, f.funcion) not in EXCEPCIONES]
    assert not faltas, "El núcleo toca archivos, reloj, red o entorno:\n" + "\n".join(map(str, faltas))


def test_cada_excepcion_sigue_haciendo_falta() -> None:
    usadas = {(f.modulo, f.funcion) for f in _todas()}
    sobran = [clave for clave in EXCEPCIONES if clave not in usadas]
    assert not sobran, f"Quite de EXCEPCIONES lo que ya no hace falta: {sobran}"


# --- The checker itself (so a green run means something) ----------------------

MALO = '''
import os
import datetime as dt
from pathlib import Path
from cartera.libro import apertura as libro
import pandas as pd

import time

def hoy() -> dt.date:
    return dt.date.today()

def leer(ruta: Path) -> str:
    with open(ruta) as f:
        return f.read() + os.environ["X"]

def ruta() -> Path:
    return Path("x")

def ahora():
    return pd.Timestamp("now"), pd.read_excel("a.xlsx"), time.time()
'''

BUENO = '''
from __future__ import annotations
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING
from cartera import modelo
from cartera.errores import CarteraError

if TYPE_CHECKING:
    from pathlib import PurePath

def nombre(ruta: Path, otra: PurePath | None = None) -> str:
    """A path given only as a type: its name is data here."""
    return str(ruta)

def dias(hoy: dt.date, antes: dt.datetime) -> int:
    return (hoy - antes.date()).days + (antes.time() == dt.time())
'''


def test_el_verificador_encuentra_cada_falta() -> None:
    problemas = {(f.funcion, f.problema) for f in faltas_de("malo", MALO, frozenset({"modelo"}))}
    assert ("", "importa os") in problemas
    assert ("", "importa cartera.libro, que no es del núcleo") in problemas
    assert ("hoy", "usa .today") in problemas
    assert ("leer", "llama open()") in problemas
    assert ("leer", "usa .environ") in problemas
    assert ("ruta", "usa pathlib.Path fuera de una anotación de tipo") in problemas
    assert ("ahora", "lee el reloj con 'now'") in problemas
    assert ("ahora", "usa .read_excel") in problemas
    assert ("ahora", "usa time.time") in problemas
    assert not [p for p in problemas if p[0] == "leer" and "anotación" in p[1]], "Path as a type is fine"


def test_el_verificador_acepta_tipos_y_fechas_como_argumento() -> None:
    assert faltas_de("bueno", BUENO, frozenset({"modelo"})) == []
