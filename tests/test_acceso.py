"""Desktop launchers for each platform, written into a temporary home."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cartera.comandos import acceso

PYTHON = Path("/opt/python 3.11/bin/python3")


def _libro(tmp_path: Path) -> Path:
    carpeta = tmp_path / "Mis Documentos" / "Cobranza año 2026"
    carpeta.mkdir(parents=True)
    libro = carpeta / "cartera de Peña.xlsx"
    libro.write_bytes(b"")
    return libro


def test_windows_crea_un_cmd_en_el_escritorio_con_rutas_absolutas_entre_comillas(tmp_path: Path) -> None:
    libro = _libro(tmp_path)
    ruta = acceso.crear(libro, plataforma="win32", inicio=tmp_path / "home", python=PYTHON)
    assert ruta == tmp_path / "home" / "Desktop" / "Cobrar cartera - cartera de Peña.cmd"
    texto = ruta.read_bytes().decode("utf-8")
    assert "chcp 65001" in texto
    assert f'"{PYTHON}" -m cartera cobrar "{libro.resolve()}"' in texto
    assert "pause" in texto and "\r\n" in texto


def test_windows_usa_el_escritorio_de_onedrive_si_existe(tmp_path: Path) -> None:
    (tmp_path / "home" / "OneDrive" / "Desktop").mkdir(parents=True)
    ruta = acceso.crear(_libro(tmp_path), plataforma="win32", inicio=tmp_path / "home", python=PYTHON)
    assert ruta.parent == tmp_path / "home" / "OneDrive" / "Desktop"


def test_macos_crea_un_command_ejecutable(tmp_path: Path) -> None:
    libro = _libro(tmp_path)
    ruta = acceso.crear(libro, plataforma="darwin", inicio=tmp_path / "home", python=PYTHON)
    assert ruta.suffix == ".command"
    assert ruta.stat().st_mode & stat.S_IXUSR
    texto = ruta.read_text(encoding="utf-8")
    assert texto.startswith("#!/bin/bash")
    assert f"'{PYTHON}' -m cartera cobrar '{libro.resolve()}'" in texto
    assert "read -n 1" in texto


def test_linux_crea_guion_entrada_de_menu_y_del_escritorio(tmp_path: Path) -> None:
    inicio = tmp_path / "home"
    (inicio / ".config").mkdir(parents=True)
    (inicio / ".config" / "user-dirs.dirs").write_text('XDG_DESKTOP_DIR="$HOME/Escritorio"\n', encoding="utf-8")
    ruta = acceso.crear(_libro(tmp_path), plataforma="linux", inicio=inicio, python=PYTHON)
    assert ruta.parent == inicio / "Escritorio"
    entrada = ruta.read_text(encoding="utf-8")
    assert "Terminal=true" in entrada and "Exec=\"" in entrada
    menu = list((inicio / ".local" / "share" / "applications").glob("cartera-*.desktop"))
    assert len(menu) == 1
    guion = list((inicio / ".local" / "share" / "cartera").glob("*.sh"))
    assert len(guion) == 1 and os.access(guion[0], os.X_OK)


def test_crear_dos_veces_reemplaza_y_no_duplica(tmp_path: Path) -> None:
    libro = _libro(tmp_path)
    for _ in range(2):
        acceso.crear(libro, plataforma="linux", inicio=tmp_path / "home", python=PYTHON)
        acceso.crear(libro, plataforma="win32", inicio=tmp_path / "home", python=PYTHON)
    assert len(list((tmp_path / "home" / "Desktop").iterdir())) == 2
    assert len(list((tmp_path / "home" / ".local" / "share" / "applications").iterdir())) == 1
