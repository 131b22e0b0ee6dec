"""Headless Chromium for the message tests: measure messages at a given width, take screenshots.

No CDP client is needed: the messages go into one harness page (``pagina``), each in a section W px
wide that stands for a mail client's reading pane; ``navegador_medir.js`` measures them on load and
writes its findings into the page, and ``chromium --headless --dump-dom`` hands the page back.  A
second run with ``--force-dark-mode`` makes ``prefers-color-scheme: dark`` match: the harness then
paints the panes dark, as a mail client in dark mode does wherever the message sets no background.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

NOMBRES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM = next((ruta for nombre in NOMBRES if (ruta := shutil.which(nombre))), None)
"""The browser binary, or None (the tests that need it are then skipped)."""

MEDIR = (Path(__file__).resolve().parent / "navegador_medir.js").read_text(encoding="utf-8")
ESPERA_S = 180
_CUERPO = re.compile(r"<body[^>]*>(.*)</body>", re.S | re.I)
_RESULTADO = re.compile(r'<pre id="resultado">(.*?)</pre>', re.S)

_MARCO = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>arnés</title>
<style>
body {{ margin: 0; padding: 8px; background: #ffffff; color: #000000; }}
section.cliente {{ display: block; margin: 0 0 24px 0; padding: 0; background: #ffffff; color: #000000; }}
@media (prefers-color-scheme: dark) {{
  body, section.cliente {{ background: #121212; color: #e8eaed; }}
}}
</style></head>
<body>
{secciones}
<pre id="resultado"></pre>
<script>{medir}</script>
</body></html>
"""


class Caso(NamedTuple):
    """One message shown in a pane ``ancho`` px wide."""

    nombre: str
    html: str
    ancho: int


class Medida(NamedTuple):
    """What the browser found for one ``Caso``: its rendered size and the problems (empty when none)."""

    ancho: int
    alto: int
    fallos: tuple[str, ...]


def cuerpo(mensaje_html: str) -> str:
    """The content of the message's <body> (what a webmail client keeps of it)."""
    encontrado = _CUERPO.search(mensaje_html)
    assert encontrado, "el HTML del mensaje no tiene <body>"
    return encontrado.group(1)


def pagina(casos: Iterable[Caso]) -> str:
    """The harness page: one pane per case, then the measuring script."""
    secciones = "\n".join(
        f'<section class="cliente" data-caso="{html.escape(c.nombre)}" style="width:{c.ancho}px">'
        f"{cuerpo(c.html)}</section>"
        for c in casos
    )
    return _MARCO.format(secciones=secciones, medir=MEDIR)


def _argumentos(*extra: str) -> list[str]:
    assert CHROMIUM, "no hay Chromium"
    base = [CHROMIUM, "--headless=new", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
            "--disable-extensions", "--mute-audio", "--virtual-time-budget=10000"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        base.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox (CI containers)
    return [*base, *extra]


def _ejecutar(argumentos: list[str], carpeta: Path) -> str:
    """Run Chromium with a throwaway profile and home in ``carpeta``; its standard output."""
    carpeta.mkdir()
    entorno = {**os.environ, "HOME": str(carpeta)}
    salida = subprocess.run([*argumentos[:1], f"--user-data-dir={carpeta}", *argumentos[1:]], capture_output=True, text=True, timeout=ESPERA_S, check=False,
                            env=entorno, cwd=carpeta)
    assert salida.returncode == 0, f"Chromium falló ({salida.returncode}): {salida.stderr[-2000:]}"
    return salida.stdout


def medir(casos: list[Caso], *, oscuro: bool = False) -> dict[str, Medida]:
    """Render every case in one Chromium run; ``oscuro`` emulates ``prefers-color-scheme: dark``."""
    with tempfile.TemporaryDirectory(prefix="cartera-navegador-") as temporal:
        carpeta = Path(temporal)
        archivo = carpeta / "arnes.html"
        archivo.write_text(pagina(casos), encoding="utf-8")
        extra = ["--force-dark-mode"] if oscuro else []
        anchura = max(c.ancho for c in casos) + 40
        dom = _ejecutar(_argumentos(*extra, f"--window-size={anchura},900", "--dump-dom", archivo.as_uri()),
                        carpeta / "perfil")
    encontrado = _RESULTADO.search(dom)
    assert encontrado and encontrado.group(1), "el script de medición no escribió su resultado"
    informe = json.loads(html.unescape(encontrado.group(1)))
    assert informe["oscuro"] == oscuro, f"la emulación de prefers-color-scheme ({oscuro=}) no se aplicó"
    return {c["caso"]: Medida(c["ancho"], c["alto"], tuple(c["fallos"])) for c in informe["casos"]}


def captura(mensaje_html: str, ancho: int, destino: Path) -> None:
    """A PNG of the message as a whole page ``ancho`` px wide (height measured first, then shot)."""
    alto = medir([Caso("captura", mensaje_html, ancho)])["captura"].alto
    with tempfile.TemporaryDirectory(prefix="cartera-captura-") as temporal:
        carpeta = Path(temporal)
        archivo = carpeta / "mensaje.html"
        archivo.write_text(mensaje_html, encoding="utf-8")
        _ejecutar(_argumentos(f"--window-size={ancho},{alto}", f"--screenshot={destino.resolve()}",
                              archivo.as_uri()), carpeta / "perfil")
