"""A sending run killed anywhere (issue 18): never a truncated backup, never a temp file left after the
next run, never a message twice, and the workbook byte-identical or completely written.

Every test runs the real ``cartera cobrar --enviar`` in a subprocess on a real .xlsx against the loopback
Gmail-like server, and kills it with SIGKILL at a chosen point, spotted from outside as the files appear:
a journal line, the backup's temp file, the new package's temp file beside the workbook, the backup under
its final name, the report's temp file.  The workbook carries a 12 MB incompressible part so that copying
and rebuilding it take long enough to be caught in the middle.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from libros import escribir_libro
from servidor_smtp import Comportamiento
from test_libro_seguro import CORTE, _argumentos, _cobrar, _eventos, _hojas

from cartera.comandos.cobrar import encontrar_libro
from cartera.libro import resguardo

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

def _libro_pesado(carpeta: Path, servidor, n: int = 6) -> Path:
    """A sending workbook plus an unreferenced 12 MB part of random bytes (copied as is by every writer)."""
    libro = escribir_libro(carpeta / "cartera.xlsx", _hojas(servidor, n))
    with zipfile.ZipFile(libro, "a", zipfile.ZIP_STORED) as z:
        z.writestr("xl/media/relleno.bin", os.urandom(12 * 1024 * 1024))
    return libro


def _hash(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def _temporales(carpeta: Path) -> list[Path]:
    return [p for p in carpeta.rglob(".~*") if p.is_file()]


def _hay(patron: str) -> Callable[[Path], bool]:
    return lambda carpeta: any(carpeta.glob(patron))


def _resultados(n: int) -> Callable[[Path], bool]:
    return lambda carpeta: _eventos(carpeta)["resultado"] >= n


PUNTOS = {
    "tras el primer envío": _resultados(1),
    "a mitad de los envíos": _resultados(3),
    "dentro de la copia de seguridad": _hay(".cartera/respaldos/.~cartera-tmp-*"),
    "armando el libro nuevo": _hay(".~cartera-tmp-*.xlsx"),
    "con la copia ya hecha": _hay(".cartera/respaldos/cartera_*.xlsx"),
    "escribiendo el informe": _hay("informes/.~cartera-tmp-*"),
}


def _matar_cuando(libro: Path, condicion: Callable[[Path], bool]) -> bool:
    """Start a sending run, SIGKILL it as soon as ``condicion`` holds; False when it finished first."""
    proceso = subprocess.Popen(_argumentos(libro, CORTE, ()),
                               cwd=libro.parent, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        limite = time.monotonic() + 90
        while time.monotonic() < limite and proceso.poll() is None:
            if condicion(libro.parent):
                os.kill(proceso.pid, signal.SIGKILL)
                return True
            time.sleep(0.0005)
        return False
    finally:
        proceso.wait(timeout=30)


def _backups_completos(libro: Path, versiones: set[str]) -> None:
    for copia in resguardo.respaldos(libro):
        with zipfile.ZipFile(copia) as z:
            assert z.testzip() is None, copia
        assert _hash(copia) in versiones, f"{copia.name} no es copia completa de ninguna versión del libro"


@pytest.mark.parametrize("punto", list(PUNTOS))
def test_matar_en_cualquier_punto_no_rompe_nada(tmp_path, crear_servidor_smtp, clave_guardada, punto):
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(demora=0.02))
    libro = _libro_pesado(tmp_path, servidor)
    original = _hash(libro)
    matado = _matar_cuando(libro, PUNTOS[punto])
    assert matado, f"la ejecución terminó antes de llegar a «{punto}»"
    # right after the kill: the workbook is the original, or the complete new one (a zip that reads)
    if _hash(libro) != original:
        with zipfile.ZipFile(libro) as z:
            assert z.testzip() is None
    _backups_completos(libro, {original, _hash(libro)})
    siguiente = _cobrar(libro)
    assert "Traceback" not in siguiente.stderr and siguiente.returncode in (0, 1), siguiente.stderr
    assert _temporales(tmp_path) == [], "la ejecución siguiente dejó temporales"
    recibidos = Counter((r.destinatarios, str(r.mensaje["Subject"])) for r in servidor.recibidos)
    assert recibidos and max(recibidos.values()) == 1, recibidos  # nobody got a stage twice
    _backups_completos(libro, {original, *(_hash(c) for c in resguardo.respaldos(libro)), _hash(libro)})
    with zipfile.ZipFile(libro) as z:
        assert z.read("xl/media/relleno.bin")  # the owner's parts survived every rewrite


def test_temporales_ajenos_no_se_tocan_y_los_propios_se_barren(tmp_path, servidor_smtp, clave_guardada):
    libro = escribir_libro(tmp_path / "cartera.xlsx", _hojas(servidor_smtp))
    propios = [tmp_path / ".~cartera-tmp-abc123.xlsx", tmp_path / ".cartera" / "respaldos" / ".~cartera-tmp-x.xlsx",
               tmp_path / "informes" / ".~antiguedad_q1w2.xlsx.tmp", tmp_path / ".cartera" / ".~cartera-tmp-n.json"]
    contenidos = [libro.read_bytes()[:5000], b"", b"PK\x03\x04" + b"\x00" * 30, b'{"a": 1']
    for ruta, contenido in zip(propios, contenidos, strict=True):
        ruta.parent.mkdir(parents=True, exist_ok=True)
        ruta.write_bytes(contenido)
    ajeno = tmp_path / ".~cartera-tmp-del-dueño.txt"  # our prefix, not our content: left alone
    ajeno.write_text("lista de compras del lunes", encoding="utf-8")
    excel = tmp_path / "~$cartera.xlsx.bak"
    excel.write_bytes(b"\x0bMarta")
    proceso = _cobrar(libro)
    assert proceso.returncode == 0, proceso.stderr
    assert not any(p.exists() for p in propios)
    assert ajeno.exists() and excel.exists()


def test_el_libro_se_encuentra_aunque_haya_temporales_y_ocultos(tmp_path):
    (tmp_path / "cobranza.xlsx").write_bytes(b"PK")
    for nombre in (".~cartera-tmp-k2j3.xlsx", "~$cobranza.xlsx", ".oculto.xlsx", ".~lock.cobranza.xlsx#"):
        (tmp_path / nombre).write_bytes(b"PK")
    assert encontrar_libro(None, tmp_path) == (tmp_path / "cobranza.xlsx").resolve()


def test_escritura_atomica_fallida_deja_el_destino_y_ningun_temporal(tmp_path):
    destino = tmp_path / "nota.json"
    destino.write_text("viejo", encoding="utf-8")
    with pytest.raises(RuntimeError), resguardo.escritura_atomica(destino) as temporal:
        temporal.write_text("a medias", encoding="utf-8")
        raise RuntimeError("interrumpido")
    assert destino.read_text(encoding="utf-8") == "viejo" and _temporales(tmp_path) == []
    with resguardo.escritura_atomica(destino) as temporal:
        temporal.write_text("nuevo", encoding="utf-8")
    assert destino.read_text(encoding="utf-8") == "nuevo" and _temporales(tmp_path) == []
    with pytest.raises(FileExistsError), resguardo.escritura_atomica(destino, sobrescribir=False) as temporal:
        temporal.write_text("otro", encoding="utf-8")
    assert destino.read_text(encoding="utf-8") == "nuevo" and _temporales(tmp_path) == []
