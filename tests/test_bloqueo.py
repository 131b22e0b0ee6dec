"""The run lock (``cartera.libro.bloqueo``): real processes, real files, a real SMTP server on loopback.

Runs started together (2, 3, 10) — exactly one sends, each message arrives once; a holder paused with
SIGSTOP — nobody else proceeds, and after SIGKILL the next run proceeds at once (the kernel released the
lock, nothing was taken over); a run paused between opening the lock file and locking it cannot lock a
different file than the one the running holder locked (the file is never deleted); a sending run killed
leaves no lock behind; a lock folder that cannot be written gives one Spanish line naming folder and cause.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from libros import escribir_libro
from servidor_smtp import USUARIO, Comportamiento, ServidorSMTP

from cartera.errores import CarteraError, LibroOcupado
from cartera.libro import bloqueo, diario

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGSTOP/SIGKILL and chmod are POSIX")

CORTE = dt.date.today()
OCUPADO = "Otra ejecución de cartera está usando este libro"
SIN_DETALLE = f"{OCUPADO}. Espere a que termine y vuelva a ejecutar cartera."

LANZADOR = """
import os, sys, time
from pathlib import Path
import cartera.comandos.cobrar  # warm: after the signal every run reaches the lock within milliseconds
from cartera.comandos.cli import main
senal = Path(sys.argv[1])
(senal.parent / f"{senal.name}.{os.getpid()}").touch()  # ready
while not senal.exists():
    time.sleep(0.001)
raise SystemExit(main(sys.argv[2:]))
"""
"""A ``cartera`` run that waits for a starting signal (a file), so that N runs start together."""

TITULAR = """
import os, signal, sys
from pathlib import Path
from cartera.libro import bloqueo
with bloqueo.bloqueo(Path(sys.argv[1])):
    os.kill(os.getpid(), signal.SIGSTOP)
"""
"""A process that takes the lock through the real module and stops itself while holding it."""

A_MEDIAS = """
import os, signal, sys
from pathlib import Path
from cartera.errores import LibroOcupado
from cartera.libro import bloqueo
ruta = Path(sys.argv[1]).parent / bloqueo.CARPETA / bloqueo.ARCHIVO
descriptor = bloqueo._abrir(ruta)
os.kill(os.getpid(), signal.SIGSTOP)  # paused inside acquisition: the file is open, the lock not yet taken
try:
    bloqueo._tomar(descriptor, ruta)
except LibroOcupado:
    raise SystemExit(3)
raise SystemExit(0)
"""
"""A process paused between opening the lock file and locking it (where an unlink-based lock races)."""


# --- workbook, server, runs -------------------------------------------------------------------------------

def _libro(carpeta: Path, servidor: ServidorSMTP, n: int = 3) -> Path:
    vence = CORTE - dt.timedelta(days=4)
    clientes = [["Cliente", "Nombre", "Contacto", "Correo", "Trato"]] + [
        [f"C{i:02d}", f"Cliente {i} S.A.S.", f"Contacto {i}", f"c{i}@cliente{i}.co", "usted"] for i in range(1, n + 1)]
    facturas = [["Factura", "Cliente", "Emisión", "Vencimiento", "Total", "Estado"]] + [
        [f"F-{i:03d}", f"C{i:02d}", vence - dt.timedelta(days=30), vence, 100000 * i, ""] for i in range(1, n + 1)]
    configuracion = [["Parámetro", "Valor"], ["Empresa", "Suministros Andinos"], ["Correo remitente", USUARIO],
                     ["Modo", "Envío"], ["Servidor SMTP", "127.0.0.1"], ["Puerto SMTP", servidor.puerto],
                     ["Seguridad SMTP", "Ninguna"], ["País", "CO"], ["Moneda", "COP"]]
    carpeta.mkdir(parents=True, exist_ok=True)
    return escribir_libro(carpeta / "cartera.xlsx", {
        "Clientes": clientes, "Facturas": facturas,
        "Pagos": [["Fecha", "Factura", "Cliente", "Monto", "Método", "Referencia"]], "Configuración": configuracion})


def _orden(libro: Path) -> list[str]:
    return ["cobrar", str(libro), "--enviar", "--no-abrir", "--fecha", CORTE.isoformat()]


def _popen(argumentos: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(argumentos, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def _juntas(libro: Path, n: int) -> list[tuple[int, str, str]]:
    """Start ``n`` sending runs, release them at the same instant, return (exit code, stdout, stderr) of each."""
    senal = libro.parent / f"salida-{time.monotonic_ns()}"
    procesos = [_popen([sys.executable, "-c", LANZADOR, str(senal), *_orden(libro)], libro.parent) for _ in range(n)]
    limite = time.monotonic() + 60
    while len(list(senal.parent.glob(f"{senal.name}.*"))) < n and time.monotonic() < limite:
        time.sleep(0.01)  # until every process has imported and waits for the signal
    senal.touch()
    salidas = [p.communicate(timeout=120) for p in procesos]
    return [(p.returncode, out, err) for p, (out, err) in zip(procesos, salidas, strict=True)]


def _cobrar(libro: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cartera", *_orden(libro)], cwd=libro.parent, capture_output=True,
                          text=True, encoding="utf-8", stdin=subprocess.DEVNULL, timeout=120)


def _recibidos(servidor: ServidorSMTP) -> Counter:
    return Counter((r.destinatarios, str(r.mensaje["Subject"])) for r in servidor.recibidos)


def _esperar_parado(proceso: subprocess.Popen) -> None:
    _, estado = os.waitpid(proceso.pid, os.WUNTRACED)
    assert os.WIFSTOPPED(estado), estado


def _matar(proceso: subprocess.Popen) -> None:
    proceso.kill()  # SIGKILL: no finally, no atexit; only the kernel cleans up
    proceso.wait(timeout=30)


def _lock(libro: Path) -> Path:
    return libro.parent / bloqueo.CARPETA / bloqueo.ARCHIVO


# --- (1) runs started together -------------------------------------------------------------------------

@pytest.mark.parametrize("n", [2, 3, 10])
def test_ejecuciones_a_la_vez_solo_una_envia(tmp_path, crear_servidor_smtp, clave_guardada, n):
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(demora=0.15))  # the winner sends for ~1.5 s: all the others arrive meanwhile
    libro = _libro(tmp_path, servidor)
    corridas = _juntas(libro, n)
    codigos = Counter(c for c, _, _ in corridas)
    assert codigos == {0: 1, 2: n - 1}, corridas
    ganadora = next(err for c, _, err in corridas if c == 0)
    assert OCUPADO not in ganadora
    for codigo, _, err in corridas:
        assert "Traceback" not in err, err
        if codigo == 2:
            assert err.count("\n") == 1 and OCUPADO in err and "?" not in err, err
    assert len(servidor.recibidos) == 3 and set(_recibidos(servidor).values()) == {1}
    assert _lock(libro).exists() and _lock(libro).stat().st_size == 0  # stays, empty, for the next run
    assert not (tmp_path / bloqueo.CARPETA / bloqueo.NOTA).exists()
    assert sorted(p.name for p in (tmp_path / bloqueo.CARPETA).iterdir() if p.name.startswith("bloqueo")) == ["bloqueo"]


# --- (2) a holder paused, then killed --------------------------------------------------------------------

def test_titular_pausado_nadie_pasa_y_al_matarlo_la_siguiente_sigue(tmp_path, servidor_smtp, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp)
    titular = _popen([sys.executable, "-c", TITULAR, str(libro)], tmp_path)
    try:
        _esperar_parado(titular)
        inodo = _lock(libro).stat().st_ino
        for codigo, _, err in _juntas(libro, 3):
            assert codigo == 2 and f"{OCUPADO} (equipo " in err and f", proceso {titular.pid}, desde " in err, err
        assert servidor_smtp.recibidos == []
        nota = json.loads((tmp_path / bloqueo.CARPETA / bloqueo.NOTA).read_text(encoding="utf-8"))
        assert nota["pid"] == titular.pid and nota["libro"] == "cartera.xlsx"
    finally:
        _matar(titular)
    inicio = time.monotonic()
    siguiente = _cobrar(libro)
    assert siguiente.returncode == 0, siguiente.stderr
    assert time.monotonic() - inicio < 30  # at once: no waiting out a stale lock
    assert len(servidor_smtp.recibidos) == 3 and set(_recibidos(servidor_smtp).values()) == {1}
    assert _lock(libro).stat().st_ino == inodo  # the same file: nothing moved aside, deleted or taken over
    assert sorted(p.name for p in (tmp_path / bloqueo.CARPETA).iterdir() if p.name.startswith("bloqueo")) == ["bloqueo"]


def test_pausada_entre_abrir_y_bloquear_no_bloquea_otro_archivo(tmp_path):
    """The race of lock files that are deleted: a run opens the file and is descheduled; another run takes and
    releases the lock; a third takes it.  The first must then find it held — the same file, never a new one."""
    libro = tmp_path / "cartera.xlsx"
    a_medias = _popen([sys.executable, "-c", A_MEDIAS, str(libro)], tmp_path)
    titular = None
    try:
        _esperar_parado(a_medias)
        with bloqueo.bloqueo(libro):  # a whole run in between: takes and releases
            pass
        titular = _popen([sys.executable, "-c", TITULAR, str(libro)], tmp_path)
        _esperar_parado(titular)
        os.kill(a_medias.pid, signal.SIGCONT)
        assert a_medias.wait(timeout=30) == 3  # refused: it had opened the very file the holder locked
    finally:
        a_medias.kill()
        if titular:
            _matar(titular)


# --- (3) a sending run killed leaves no lock ---------------------------------------------------------------

def test_corrida_matada_no_deja_bloqueo(tmp_path, crear_servidor_smtp, clave_guardada):
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(demora=0.15))
    libro = _libro(tmp_path, servidor)
    primera = _popen([sys.executable, "-m", "cartera", *_orden(libro)], tmp_path)
    try:
        limite = time.monotonic() + 60
        while not diario.leer_diario(tmp_path) and time.monotonic() < limite:
            time.sleep(0.01)
        assert diario.leer_diario(tmp_path), "the first run never reached its first message"
    finally:
        _matar(primera)
    assert (tmp_path / bloqueo.CARPETA / bloqueo.NOTA).exists()  # the killed run's note: no lock by itself
    segunda = _cobrar(libro)
    assert OCUPADO not in segunda.stderr and segunda.returncode in (0, 1), segunda.stderr
    assert set(_recibidos(servidor).values()) == {1}  # the one in flight is «incierto», never sent twice
    assert not (tmp_path / bloqueo.CARPETA / bloqueo.NOTA).exists()


def test_un_programa_abierto_por_la_corrida_no_retiene_el_bloqueo(tmp_path):
    """What a run starts (the report opened in Excel) outlives it without holding the lock: the descriptor is not inherited."""
    hijo = tmp_path / "hijo.pid"
    codigo = f"""
import os, subprocess, sys
from pathlib import Path
from cartera.libro import bloqueo
with bloqueo.bloqueo(Path(sys.argv[1])):
    Path({str(hijo)!r}).write_text(str(subprocess.Popen(["sleep", "30"], close_fds=False).pid))
    os._exit(0)  # dies holding it: no finally, no unlock
"""
    subprocess.run([sys.executable, "-c", codigo, str(tmp_path / "cartera.xlsx")], check=True, timeout=60)
    try:
        with bloqueo.bloqueo(tmp_path / "cartera.xlsx"):
            pass
    finally:
        os.kill(int(hijo.read_text()), signal.SIGKILL)


# --- the refusal and its note -----------------------------------------------------------------------------

def test_segunda_toma_en_el_mismo_proceso_se_niega_y_se_libera(tmp_path):
    libro = tmp_path / "cartera.xlsx"
    with bloqueo.bloqueo(libro) as ruta:
        nota = bloqueo.leer_nota(ruta.parent)
        assert nota["pid"] == os.getpid() and nota["libro"] == "cartera.xlsx"
        with pytest.raises(LibroOcupado, match=rf"proceso {os.getpid()}, desde "), bloqueo.bloqueo(libro):
            pass
        (ruta.parent / bloqueo.NOTA).write_text("{no es json", encoding="utf-8")
        with pytest.raises(LibroOcupado) as rechazo, bloqueo.bloqueo(libro):
            pass
        assert str(rechazo.value) == SIN_DETALLE
        (ruta.parent / bloqueo.NOTA).unlink()
        with pytest.raises(LibroOcupado) as rechazo, bloqueo.bloqueo(libro):
            pass
        assert str(rechazo.value) == SIN_DETALLE
    with bloqueo.bloqueo(libro):  # released: taken again at once
        pass
    assert ruta.exists() and not (ruta.parent / bloqueo.NOTA).exists()


def test_un_bloqueo_viejo_de_antes_no_estorba(tmp_path):
    """The O_EXCL lock of earlier versions (JSON in ``.cartera/bloqueo``) is just a file now: nobody holds it."""
    ruta = tmp_path / bloqueo.CARPETA / bloqueo.ARCHIVO
    ruta.parent.mkdir()
    ruta.write_text(json.dumps({"pid": 1, "equipo": "otro-equipo", "inicio": "2026-11-24T08:00:00"}))
    (ruta.parent / f"{bloqueo.NOTA}.999.tmp").write_text('{"pid": 9')  # a holder killed mid-note
    with bloqueo.bloqueo(tmp_path / "cartera.xlsx"):
        assert bloqueo.leer_nota(ruta.parent)["pid"] == os.getpid()
        assert not (ruta.parent / f"{bloqueo.NOTA}.999.tmp").exists()


# --- (4) a lock folder that cannot be written --------------------------------------------------------------

@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only (chmod) folder")
def test_carpeta_sin_permiso_da_el_mensaje_en_castellano(tmp_path, servidor_smtp, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp)
    carpeta = tmp_path / bloqueo.CARPETA
    carpeta.mkdir()
    carpeta.chmod(0o555)
    try:
        with pytest.raises(CarteraError) as error, bloqueo.bloqueo(libro):
            pass
        corrida = _cobrar(libro)
    finally:
        carpeta.chmod(0o755)
    assert str(error.value) == (
        f"No se puede crear el archivo de bloqueo de cartera en la carpeta {carpeta}: no hay permiso para escribir "
        "en ella. No se hizo nada. Use el libro desde una carpeta donde pueda escribir.")
    assert corrida.returncode == 2 and corrida.stderr == f"cartera: {error.value}\n"
    assert servidor_smtp.recibidos == []


@pytest.fixture
def montar(tmp_path):
    """Mount a small tmpfs (root only; skipped where mounting is not allowed): ``montar(carpeta, "ro,size=64k")``."""
    montados: list[Path] = []

    def montar_(carpeta: Path, opciones: str) -> Path:
        if os.geteuid() != 0:
            pytest.skip("mounting a tmpfs needs root")
        carpeta.mkdir(parents=True, exist_ok=True)
        hecho = subprocess.run(["mount", "-t", "tmpfs", "-o", opciones, "tmpfs", str(carpeta)], capture_output=True)
        if hecho.returncode != 0:
            pytest.skip(f"mount not allowed here: {hecho.stderr!r}")
        montados.append(carpeta)
        return carpeta

    yield montar_
    for carpeta in reversed(montados):
        subprocess.run(["umount", "-l", str(carpeta)], check=False)


def test_carpeta_de_solo_lectura(tmp_path, montar, servidor_smtp, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp)
    carpeta = montar(tmp_path / bloqueo.CARPETA, "ro,size=64k")
    with pytest.raises(CarteraError) as error, bloqueo.bloqueo(libro):
        pass
    assert str(error.value) == (
        f"No se puede crear el archivo de bloqueo de cartera en la carpeta {carpeta}: la carpeta es de solo lectura. "
        "No se hizo nada. Use el libro desde una carpeta donde se pueda escribir.")
    corrida = _cobrar(libro)
    assert corrida.returncode == 2 and corrida.stderr == f"cartera: {error.value}\n"
    assert servidor_smtp.recibidos == []


def test_disco_lleno_sin_lugar_para_el_archivo(tmp_path, montar):
    carpeta = montar(tmp_path / bloqueo.CARPETA, "size=64k,nr_inodes=3")
    for i in range(10):  # use up the inodes
        try:
            (carpeta / f"relleno{i}").touch()
        except OSError:
            break
    with pytest.raises(CarteraError, match=rf"en la carpeta {carpeta}: el disco está lleno\. No se hizo nada\. Libere"), \
            bloqueo.bloqueo(tmp_path / "cartera.xlsx"):
        pass


def test_disco_lleno_el_bloqueo_vale_sin_nota(tmp_path, montar):
    """Room for an empty file but not for a byte more: the OS lock holds; the refusal has no «?»."""
    carpeta = montar(tmp_path / bloqueo.CARPETA, "size=4k")
    with pytest.raises(OSError), open(carpeta / "relleno", "wb") as f:  # noqa: PT012 - fill the disk to the last byte
        while True:
            f.write(b"x" * 4096)
            f.flush()
            os.fsync(f.fileno())
    (carpeta / bloqueo.NOTA).write_text("")  # an old, empty note must not name anyone
    with bloqueo.bloqueo(tmp_path / "cartera.xlsx"):
        assert not (carpeta / bloqueo.NOTA).exists()
        assert not list(carpeta.glob("*.tmp"))
        with pytest.raises(LibroOcupado) as rechazo, bloqueo.bloqueo(tmp_path / "cartera.xlsx"):
            pass
        assert str(rechazo.value) == SIN_DETALLE
