"""Record, with tmux, the interactive confirmation before sending: ``python docs/grabar_confirmacion.py``.

Starts the Gmail-like test server on loopback, a throw-away keyring and a copy
of the sample pointed at that server, runs ``cartera cobrar --enviar`` in a
tmux window, captures the screen at the question and after answering «s», and
writes both captures to ``docs/sesion_confirmacion.txt``.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "tests"))


def _esperar(sesion: str, texto: str, limite: float = 60) -> str:
    fin = time.monotonic() + limite
    pantalla = ""
    while time.monotonic() < fin:
        pantalla = subprocess.run(["tmux", "capture-pane", "-p", "-t", sesion], capture_output=True, text=True).stdout
        if texto in pantalla:
            return pantalla
        time.sleep(0.3)
    raise SystemExit(f"No apareció «{texto}»:\n{pantalla}")


def main() -> int:
    carpeta = Path(tempfile.mkdtemp(prefix="cartera-sesion-"))
    os.environ.update({"PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring", "HOME": str(carpeta),
                       "XDG_DATA_HOME": str(carpeta / "datos")})
    import keyring
    from servidor_smtp import ServidorSMTP
    from test_enviar import guardar_clave, preparar_libro

    keyring.set_keyring(__import__("keyrings.alt.file", fromlist=["PlaintextKeyring"]).PlaintextKeyring())
    with ServidorSMTP() as servidor:
        preparar_libro(carpeta, servidor)
        guardar_clave()
        entorno = " ".join(f"{k}={shlex.quote(os.environ[k])}" for k in ("PYTHON_KEYRING_BACKEND", "HOME", "XDG_DATA_HOME"))
        orden = f"cd {shlex.quote(str(carpeta))} && {entorno} {shlex.quote(sys.executable)} -m cartera cobrar sample_cartera.xlsx --enviar --no-abrir"
        sesion = "cartera-confirmacion"
        subprocess.run(["tmux", "kill-session", "-t", sesion], capture_output=True)
        subprocess.run(["tmux", "new-session", "-d", "-s", sesion, "-x", "150", "-y", "45", "bash", "--norc"], check=True)
        subprocess.run(["tmux", "send-keys", "-t", sesion, f"PS1='$ ' clear; {orden}", "Enter"], check=True)
        pregunta = _esperar(sesion, "¿Enviar ahora?")
        subprocess.run(["tmux", "send-keys", "-t", sesion, "s", "Enter"], check=True)
        final = _esperar(sesion, "Informe:")
        time.sleep(1)
        final = subprocess.run(["tmux", "capture-pane", "-p", "-t", sesion], capture_output=True, text=True).stdout
        subprocess.run(["tmux", "kill-session", "-t", sesion], capture_output=True)
        enviados = len(servidor.recibidos)
    texto = (f"# Sesión grabada con tmux (capture-pane): cartera cobrar --enviar, con confirmación\n"
             f"# Servidor SMTP de prueba en 127.0.0.1; mensajes recibidos por el servidor: {enviados}\n\n"
             f"## En la pregunta\n\n{pregunta.rstrip()}\n\n## Después de responder «s»\n\n{final.rstrip()}\n")
    texto = texto.replace(str(carpeta), "/home/ana/cobranza")
    (RAIZ / "docs" / "sesion_confirmacion.txt").write_text(texto, encoding="utf-8")
    print(texto)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
