"""Progress of the long steps, on standard error so the summary (or ``--json``) stays clean.

On a terminal: a rich spinner per step, then a check mark with its time.  Elsewhere
(a pipe, a log, CI): one plain line per finished step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from cartera.comandos.registro import log


class Paso:
    """What a step yields: ``paso.fallo()`` when it did not do its work (shown with ✗, not ✓)."""

    def __init__(self) -> None:
        self.ok = True

    def fallo(self) -> None:
        self.ok = False


class Progreso:
    """``with progreso.paso("Leyendo el libro") as paso:`` around each long step."""

    def __init__(self, *, terminal: bool | None = None, silencioso: bool = False) -> None:
        self.consola = Console(stderr=True, highlight=False)
        self.terminal = sys.stderr.isatty() if terminal is None else terminal
        self.silencioso = silencioso

    @contextmanager
    def paso(self, texto: str) -> Iterator[Paso]:
        estado = Paso()
        if self.silencioso:
            yield estado
            return
        inicio = time.perf_counter()
        if self.terminal:
            with self.consola.status(f"{escape(texto)}…", spinner="dots"):
                yield estado
            marca = "[green]✓[/green]" if estado.ok else "[red]✗[/red]"
            self.consola.print(f"{marca} {escape(texto)} [dim]({time.perf_counter() - inicio:.1f} s)[/dim]")
        else:
            yield estado
            marca = "·" if estado.ok else "✗"
            print(f"{marca} {texto} ({time.perf_counter() - inicio:.1f} s)", file=sys.stderr, flush=True)


def abrir_archivo(ruta: Path) -> None:
    """Open a file with the platform's default program; silently nothing where there is none."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(ruta)  # type: ignore[attr-defined]  # noqa: S606
        elif sys.platform == "darwin":
            subprocess.Popen(["open", str(ruta)])  # noqa: S603, S607
        elif shutil.which("xdg-open"):
            subprocess.Popen(["xdg-open", str(ruta)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603, S607
    except OSError as error:
        log.warning("No se pudo abrir %s: %s", ruta, error)
