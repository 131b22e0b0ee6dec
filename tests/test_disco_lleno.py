"""A full disk at every point of a sending run (issue 18): one Spanish line naming the cause and the folder,
the exit code that matches what happened, no traceback, the workbook byte-identical or completely written
back, no message twice, and nothing (a lock, a temp file) that blocks the next run once space is freed.

Two real ways of filling the disk, each run against the real command and the loopback Gmail-like server:

* ``tmpfs``: the workbook's folder is a small tmpfs mounted for the test, filled with a file until only
  0 B, 4 KB, 16 KB… are left (ENOSPC from the kernel).  Needs root and a kernel that lets it mount;
  skipped otherwise.
* ``rlimit``: ``RLIMIT_FSIZE`` caps every file the process writes (EFBIG from the kernel), from 0 bytes
  (not even the journal or the log can be written) to more than the workbook: runs everywhere on POSIX.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from libros import escribir_libro
from test_libro_seguro import CORTE, _argumentos, _hojas

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="tmpfs y RLIMIT_FSIZE")

INGLES = ("Traceback", "Logging error", "Errno", "No space left", "File too large", "Permission denied")
CAUSAS = ("el disco está lleno", "el archivo supera el tamaño que permite el disco")


def _hash(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def _historial(libro: Path) -> list[tuple]:
    wb = openpyxl.load_workbook(libro, read_only=True)
    try:
        return [f for f in wb["Historial"].iter_rows(min_row=2, values_only=True) if any(f)] if "Historial" in wb.sheetnames else []
    finally:
        wb.close()


@pytest.fixture
def disco(tmp_path: Path) -> Iterator[Path]:
    """A 6 MB tmpfs mounted on a fresh folder (unmounted after the test)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("montar un tmpfs requiere root")
    punto = tmp_path / "disco"
    punto.mkdir()
    montado = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(punto)], capture_output=True)
    if montado.returncode:
        pytest.skip(f"este sistema no deja montar un tmpfs: {montado.stderr.decode(errors='replace').strip()}")
    try:
        yield punto
    finally:
        subprocess.run(["umount", "-l", str(punto)], check=False)


def _llenar(carpeta: Path, dejar: int) -> Path:
    """Fill the disk under ``carpeta`` until ``dejar`` bytes are free; returns the filler (remove it to free)."""
    relleno = carpeta / f"relleno-{uuid.uuid4().hex}.bin"
    with open(relleno, "wb") as f:
        bloque = b"\x00" * 4096
        try:
            while shutil.disk_usage(carpeta).free > dejar + len(bloque):
                f.write(bloque)
                f.flush()
            while shutil.disk_usage(carpeta).free > dejar:
                f.write(b"\x00" * 512)
                f.flush()
        except OSError:
            pass
    return relleno


def _limite(bytes_maximos: int) -> Callable[[], None]:
    def limitar() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (bytes_maximos, bytes_maximos))
    return limitar


def _correr(libro: Path, preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess:
    entorno = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(_argumentos(libro, CORTE, ()), cwd=libro.parent, capture_output=True, text=True,
                          encoding="utf-8", stdin=subprocess.DEVNULL, timeout=120, env=entorno,
                          preexec_fn=preexec)


def _comprobar_primera(proceso: subprocess.CompletedProcess, libro: Path, original: str, enviados: int) -> None:
    """What the run with the full disk must have done: honest screen, honest exit code, a whole workbook."""
    pantalla = proceso.stdout + proceso.stderr
    assert not any(x in pantalla for x in INGLES), pantalla
    escrito = _hash(libro) != original
    if escrito:  # the write-back got through: complete, with every message sent
        with zipfile.ZipFile(libro) as z:
            assert z.testzip() is None
        assert len(_historial(libro)) == enviados
    completa = escrito and proceso.returncode == 0
    if not completa:
        assert any(c in pantalla for c in CAUSAS), pantalla  # the cause, in Spanish
        assert str(libro.parent) in pantalla, pantalla        # and the folder
    if enviados and not escrito:
        assert proceso.returncode == 1, pantalla  # messages went out, the write-back did not
    if not enviados:
        assert proceso.returncode in (1, 2), pantalla
        assert not escrito


def _comprobar_siguiente(libro: Path, servidor) -> None:
    """Space freed: the next run is not refused, sends only what had not gone out, leaves no temp file."""
    siguiente = _correr(libro)
    assert "Otra ejecución" not in siguiente.stderr, siguiente.stderr
    assert siguiente.returncode in (0, 1) and "Traceback" not in siguiente.stderr, siguiente.stderr
    recibidos = Counter((r.destinatarios, str(r.mensaje["Subject"])) for r in servidor.recibidos)
    assert max(recibidos.values()) == 1, recibidos
    assert len(recibidos) == 3  # everyone reached once, across the two runs
    assert [p for p in libro.parent.rglob(".~*") if p.is_file()] == []
    with zipfile.ZipFile(libro) as z:
        assert z.testzip() is None


@pytest.mark.parametrize("libre", [0, 4 * 1024, 16 * 1024, 56 * 1024, 200 * 1024, 600 * 1024])
def test_tmpfs_lleno(disco, servidor_smtp, clave_guardada, libre):
    libro = escribir_libro(disco / "cartera.xlsx", _hojas(servidor_smtp))
    original = _hash(libro)
    relleno = _llenar(disco, libre)
    proceso = _correr(libro)
    _comprobar_primera(proceso, libro, original, len(servidor_smtp.recibidos))
    relleno.unlink()
    _comprobar_siguiente(libro, servidor_smtp)


@pytest.mark.parametrize("limite", [0, 200, 2 * 1024, 8 * 1024, "mitad", "doble"])
def test_archivos_limitados(tmp_path, servidor_smtp, clave_guardada, limite):
    libro = escribir_libro(tmp_path / "cartera.xlsx", _hojas(servidor_smtp))
    tamano = libro.stat().st_size
    bytes_maximos = {"mitad": tamano // 2, "doble": tamano * 2}.get(limite, limite)
    original = _hash(libro)
    proceso = _correr(libro, _limite(int(bytes_maximos)))
    _comprobar_primera(proceso, libro, original, len(servidor_smtp.recibidos))
    _comprobar_siguiente(libro, servidor_smtp)


@pytest.mark.parametrize("limite", [0, 1024])
def test_vistas_previas_sin_disco(tmp_path, servidor_smtp, limite):
    """Preview mode: the .eml previews and the report cannot be written; the screen says so, exit code 1,
    the workbook untouched (a trial never writes it), no traceback."""
    libro = escribir_libro(tmp_path / "cartera.xlsx", _hojas(servidor_smtp))
    original = _hash(libro)
    argumentos = [sys.executable, "-m", "cartera", "cobrar", str(libro), "--prueba", "--no-abrir",
                  "--fecha", CORTE.isoformat()]
    proceso = subprocess.run(argumentos, cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
                             stdin=subprocess.DEVNULL, timeout=120, preexec_fn=_limite(limite),
                             env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    pantalla = proceso.stdout + proceso.stderr
    assert not any(x in pantalla for x in INGLES), pantalla
    assert proceso.returncode == 1, pantalla
    assert "No se pudo escribir la vista previa en la carpeta" in pantalla and str(tmp_path / "salida") in pantalla
    assert "Informe: no se pudo escribir" in pantalla
    assert _hash(libro) == original and servidor_smtp.recibidos == []
    assert [p for p in tmp_path.rglob("*") if p.is_file() and p.name.startswith((".~", "tmp"))] == []
