"""``cartera acceso``: a desktop launcher that runs the daily job on one workbook.

Windows: a ``.cmd`` on the Desktop (OneDrive-redirected Desktops included).
macOS: an executable ``.command`` on the Desktop.  Linux: an executable
script in ``~/.local/share/cartera/`` plus a ``.desktop`` entry in the
applications menu and on the Desktop.  Every launcher uses absolute paths
(spaces and accents are fine), the Python that installed cartera, shows the
summary, keeps the window open until a key is pressed, and the run itself
opens the report.  Creating it twice replaces it, never duplicates it.

``CARTERA_SIN_PAUSA=1`` in the environment skips the final key press (tests).
"""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

from cartera.correo.vista_previa import slug


def nombre_visible(libro: Path) -> str:
    return f"Cobrar cartera - {libro.stem}"


def escritorio(inicio: Path, plataforma: str) -> Path:
    """The user's Desktop folder (localized or redirected where we can tell)."""
    if plataforma.startswith("win"):
        return _escritorio_windows(inicio)
    if plataforma.startswith("linux"):
        configurado = _escritorio_xdg(inicio)
        if configurado:
            return configurado
    for nombre in ("Desktop", "Escritorio"):
        if (inicio / nombre).is_dir():
            return inicio / nombre
    return inicio / "Desktop"


def _escritorio_windows(inicio: Path) -> Path:
    try:
        import winreg  # type: ignore[import-not-found]

        clave = r"Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders"
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, clave) as registro:
            return Path(os.path.expandvars(winreg.QueryValueEx(registro, "Desktop")[0]))
    except (ImportError, OSError):
        onedrive = inicio / "OneDrive" / "Desktop"
        return onedrive if onedrive.is_dir() else inicio / "Desktop"


def _escritorio_xdg(inicio: Path) -> Path | None:
    """Read XDG_DESKTOP_DIR from ~/.config/user-dirs.dirs (e.g. "$HOME/Escritorio")."""
    archivo = inicio / ".config" / "user-dirs.dirs"
    if not archivo.exists():
        return None
    coincidencia = re.search(r'^XDG_DESKTOP_DIR="(.+)"', archivo.read_text(encoding="utf-8"), re.MULTILINE)
    if not coincidencia:
        return None
    return Path(coincidencia.group(1).replace("$HOME", str(inicio)))


def guion_windows(libro: Path, python: Path) -> str:
    """A .cmd that runs the job in a UTF-8 console and waits for a key."""
    return "\r\n".join([
        "@echo off",
        "chcp 65001 >nul",
        f"title {nombre_visible(libro)}",
        "set PYTHONUTF8=1",
        f'"{python}" -m cartera cobrar "{libro}"',
        "echo.",
        'if not defined CARTERA_SIN_PAUSA pause',
        "",
    ])


def guion_unix(libro: Path, python: Path) -> str:
    """A bash script (macOS .command / Linux) that runs the job and waits for a key."""
    return "\n".join([
        "#!/bin/bash",
        f"# {nombre_visible(libro)} — creado por «cartera acceso»",
        f"cd {_comillas(str(libro.parent))} || exit 2",
        f"{_comillas(str(python))} -m cartera cobrar {_comillas(str(libro))}",
        "codigo=$?",
        "echo",
        'if [ -z "$CARTERA_SIN_PAUSA" ]; then read -n 1 -s -r -p "Presione una tecla para cerrar esta ventana…"; echo; fi',
        "exit $codigo",
        "",
    ])


def _comillas(texto: str) -> str:
    """Single-quote for bash, safe for any path."""
    return "'" + texto.replace("'", "'\\''") + "'"


def entrada_desktop(libro: Path, guion: Path) -> str:
    """A freedesktop .desktop entry that runs the script in a terminal."""
    exec_ = '"' + str(guion).replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`") + '"'
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.0",
        f"Name={nombre_visible(libro)}",
        "Comment=Calcula la cartera, envía los recordatorios y abre el informe",
        f"Exec={exec_}",
        f"Path={libro.parent}",
        "Terminal=true",
        "Icon=x-office-spreadsheet",
        "Categories=Office;Finance;",
        "",
    ])


def _escribir(ruta: Path, contenido: str, *, ejecutable: bool) -> Path:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(contenido, encoding="utf-8", newline="\n")
    if ejecutable:
        ruta.chmod(ruta.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return ruta


def crear(libro: Path, *, plataforma: str = sys.platform, inicio: Path | None = None, python: Path | None = None) -> Path:
    """Create (or replace) the launcher for ``libro``.  Returns the path the user double-clicks."""
    libro = libro.resolve()
    inicio = inicio or Path.home()
    python = python or Path(sys.executable)
    if plataforma.startswith("win"):
        destino = escritorio(inicio, plataforma) / f"{nombre_visible(libro)}.cmd"
        destino.parent.mkdir(parents=True, exist_ok=True)
        destino.write_bytes(guion_windows(libro, python).encode("utf-8"))
        return destino
    if plataforma == "darwin":
        return _escribir(escritorio(inicio, plataforma) / f"{nombre_visible(libro)}.command", guion_unix(libro, python), ejecutable=True)
    guion = _escribir(inicio / ".local" / "share" / "cartera" / f"cobrar-{slug(libro.stem)}.sh", guion_unix(libro, python), ejecutable=True)
    entrada = entrada_desktop(libro, guion)
    _escribir(inicio / ".local" / "share" / "applications" / f"cartera-{slug(libro.stem)}.desktop", entrada, ejecutable=False)
    return _escribir(escritorio(inicio, plataforma) / f"cartera-{slug(libro.stem)}.desktop", entrada, ejecutable=True)
