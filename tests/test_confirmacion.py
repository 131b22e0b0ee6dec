"""The interactive confirmation before sending, driven through a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from servidor_smtp import ServidorSMTP
from test_enviar import guardar_clave, preparar_libro

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pty de Linux")


def _correr_en_terminal(carpeta: Path, respuesta: bytes) -> tuple[str, int]:
    """Run ``cartera cobrar --enviar`` on a pty, answer the prompt, return (screen text, exit code)."""
    maestro, esclavo = pty.openpty()
    proceso = subprocess.Popen([sys.executable, "-m", "cartera", "cobrar", "sample_cartera.xlsx", "--enviar", "--no-abrir"],
                               cwd=carpeta, stdin=esclavo, stdout=esclavo, stderr=esclavo, close_fds=True,
                               env={**os.environ, "COLUMNS": "140", "CARTERA_ESPERA_SMTP": "0.01"})
    os.close(esclavo)
    pantalla = _leer_hasta(maestro, "¿Enviar ahora?", proceso)
    os.write(maestro, respuesta)
    pantalla += _leer_hasta(maestro, None, proceso)
    os.close(maestro)
    return pantalla, proceso.wait(timeout=60)


def _leer_hasta(maestro: int, texto: str | None, proceso: subprocess.Popen, limite: float = 90) -> str:
    leido = b""
    fin = time.monotonic() + limite
    while time.monotonic() < fin:
        if texto and texto.encode() in leido:
            break
        listos, _, _ = select.select([maestro], [], [], 0.2)
        if listos:
            try:
                trozo = os.read(maestro, 65536)
            except OSError:  # the child closed the terminal
                break
            if not trozo:
                break
            leido += trozo
        elif proceso.poll() is not None and not texto:
            break
    return leido.decode("utf-8", "replace")


def test_sin_respuesta_no_se_envia_nada(tmp_path: Path) -> None:
    with ServidorSMTP() as servidor:
        preparar_libro(tmp_path, servidor)
        guardar_clave()
        pantalla, codigo = _correr_en_terminal(tmp_path, b"\r")
        assert "Se enviarán 12 mensajes" in pantalla and "Transportes" in pantalla
        assert "Envío cancelado" in pantalla or "no se envió" in pantalla.lower()
        assert servidor.recibidos == []
    assert codigo == 1  # the sample holds deliberately bad rows


def test_con_s_se_envia(tmp_path: Path) -> None:
    with ServidorSMTP() as servidor:
        preparar_libro(tmp_path, servidor)
        guardar_clave()
        pantalla, codigo = _correr_en_terminal(tmp_path, b"s\r")
        assert len(servidor.recibidos) == 12, pantalla
    assert "Mensajes enviados: 12" in pantalla
    assert codigo == 1  # the sample holds deliberately bad rows
