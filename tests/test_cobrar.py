"""End to end: the real ``cartera cobrar`` command on real files, in a subprocess."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).parent.parent
MUESTRA = RAIZ / "sample_cartera.xlsx"


def cartera(*argumentos: str, cwd: Path, entorno: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(entorno or {})}
    return subprocess.run([sys.executable, "-m", "cartera", *argumentos], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", env=env, stdin=subprocess.DEVNULL, timeout=300)


def _copiar_muestra(destino: Path) -> Path:
    shutil.copy(MUESTRA, destino / "sample_cartera.xlsx")
    if (RAIZ / "facturas_pdf").is_dir():
        shutil.copytree(RAIZ / "facturas_pdf", destino / "facturas_pdf")
    return destino / "sample_cartera.xlsx"


VISTAS_PREVIAS = (
    "001_transvalle_promesa-incumplida.eml", "002_agrosur_envio-de-factura.eml", "003_textil_envio-de-factura.eml",
    "004_cooprio_envio-de-factura.eml", "005_vaquita_envio-de-factura.eml", "006_andean_envio-de-factura.eml",
    "007_andina_aviso-final.eml", "008_palmas_tercer-aviso.eml", "009_sanjose_segundo-aviso.eml",
    "010_roble_primer-aviso.eml", "011_montana_vence-hoy.eml", "012_estrella_recordatorio-preventivo.eml",
)
"""The 12 messages the sample plans on its Fecha de corte (2026-11-24), as preview files."""


def _hash(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


SIN_LLAVERO = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
"""A machine with no usable keyring (a fresh Linux venv without keyrings.alt): the demo must not need one."""


@pytest.mark.parametrize("entorno", [None, SIN_LLAVERO], ids=["llavero", "sin-llavero"])
def test_la_demo_escribe_informe_y_vistas_previas_sin_tocar_el_libro(tmp_path: Path, entorno) -> None:
    libro = _copiar_muestra(tmp_path)
    antes = _hash(libro)
    proceso = cartera("cobrar", "sample_cartera.xlsx", "--no-abrir", cwd=tmp_path, entorno=entorno)
    assert proceso.returncode == 1, proceso.stderr  # the sample holds deliberately bad rows
    assert "Traceback" not in proceso.stdout + proceso.stderr
    assert (tmp_path / "informes" / "antiguedad_2026-11-24.xlsx").exists()
    previas = sorted(p.name for p in (tmp_path / "salida" / "2026-11-24").iterdir())
    assert previas == list(VISTAS_PREVIAS)
    assert "filas rechazadas" in proceso.stdout
    assert _hash(libro) == antes


def test_sin_llavero_con_envios_previos_leer_respuestas_es_un_aviso(tmp_path: Path) -> None:
    """A journal from earlier sending runs and no keyring: reading replies is one IMAP warning, the trial goes on."""
    _copiar_muestra(tmp_path)
    (tmp_path / ".cartera").mkdir()
    (tmp_path / ".cartera" / "diario.jsonl").write_text(json.dumps({
        "evento": "intencion", "fecha_hora": "2026-11-20T09:00:00", "cliente": "ROBLE", "facturas": ["FE-1050"],
        "etapa": "Primer aviso", "canal": "correo", "destinatarios": ["x@roble.example"], "asunto": "a",
        "resultado": "pendiente", "detalle": "", "message_id": "<1@cartera>"}) + "\n", encoding="utf-8")
    proceso = cartera("cobrar", "sample_cartera.xlsx", "--no-abrir", "--json", cwd=tmp_path, entorno=SIN_LLAVERO)
    datos = json.loads(proceso.stdout)
    assert proceso.returncode == 1 and "Traceback" not in proceso.stderr, proceso.stderr
    avisos = [n for n in datos["notas"] if "IMAP" in n]
    assert len(avisos) == 1 and "llavero" in avisos[0]


def test_resumen_en_json(tmp_path: Path) -> None:
    _copiar_muestra(tmp_path)
    proceso = cartera("cobrar", "sample_cartera.xlsx", "--no-abrir", "--json", cwd=tmp_path)
    datos = json.loads(proceso.stdout)
    assert datos["fecha_corte"] == "2026-11-24"
    assert datos["modo"] == "Prueba"
    assert datos["filas_rechazadas"] == 6 and datos["advertencias"] == 1
    assert datos["mensajes"]["vista previa"] == len(VISTAS_PREVIAS)
    # money exact, as decimal strings (comandos/sumario): the same figures as the text summary
    assert datos["totales"] == [{"moneda": "COP", "por_cobrar": "92911800.50", "vencido": "40386300.00"},
                                {"moneda": "USD", "por_cobrar": "5415.50", "vencido": "0.00"}]
    assert datos["codigo_salida"] == proceso.returncode == 1


def test_un_archivo_que_no_es_excel_sale_con_2_y_un_mensaje_claro(tmp_path: Path) -> None:
    (tmp_path / "cartera.xlsx").write_text("Cliente;Factura\n", encoding="utf-8")
    proceso = cartera("cobrar", "cartera.xlsx", "--no-abrir", cwd=tmp_path)
    assert proceso.returncode == 2
    assert "Traceback" not in proceso.stderr
    assert "cartera:" in proceso.stderr


def test_un_libro_que_no_existe_sale_con_2(tmp_path: Path) -> None:
    proceso = cartera("cobrar", "no_existe.xlsx", cwd=tmp_path)
    assert proceso.returncode == 2
    assert "No encuentro el libro" in proceso.stderr


def test_python_m_cartera_version_y_ayuda(tmp_path: Path) -> None:
    assert cartera("--version", cwd=tmp_path).stdout.startswith("cartera ")
    ayuda = cartera("--help", cwd=tmp_path).stdout
    assert "Ejemplos:" in ayuda and "cobrar" in ayuda


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="el lanzador de Linux se ejecuta solo en Linux")
def test_el_acceso_directo_de_linux_ejecuta_la_cobranza(tmp_path: Path) -> None:
    libro = _copiar_muestra(tmp_path)
    inicio = tmp_path / "home"
    proceso = cartera("acceso", str(libro), cwd=tmp_path, entorno={"HOME": str(inicio)})
    assert proceso.returncode == 0, proceso.stderr
    guion = next((inicio / ".local" / "share" / "cartera").glob("*.sh"))
    ejecucion = subprocess.run([str(guion)], capture_output=True, text=True, timeout=300,
                               env={**os.environ, "HOME": str(inicio), "CARTERA_SIN_PAUSA": "1"})
    assert ejecucion.returncode == 1, ejecucion.stderr
    assert (tmp_path / "informes" / "antiguedad_2026-11-24.xlsx").exists()


def test_iniciar_y_luego_cobrar_el_libro_nuevo(tmp_path: Path) -> None:
    carpeta = tmp_path / "Cobranza Peña"
    proceso = cartera("iniciar", str(carpeta), cwd=tmp_path)
    assert proceso.returncode == 0, proceso.stderr
    assert "Siguientes pasos" in proceso.stdout
    assert (carpeta / "cartera.xlsx").exists()
    assert (carpeta / "plantillas" / "primer_aviso.usted.j2").exists()
    cobro = cartera("cobrar", "--no-abrir", cwd=carpeta)
    assert cobro.returncode == 0, cobro.stdout + cobro.stderr
    assert list((carpeta / "informes").glob("antiguedad_*.xlsx"))
    otra_vez = cartera("iniciar", str(carpeta), cwd=tmp_path)
    assert otra_vez.returncode == 2 and "Ya existe" in otra_vez.stderr


def test_cada_rechazo_de_la_muestra_aparece_en_la_hoja_errores(tmp_path: Path) -> None:
    import openpyxl

    from cartera.libro import apertura as libro

    ruta = _copiar_muestra(tmp_path)
    rechazos = libro.leer(ruta).rechazos
    cartera("cobrar", "sample_cartera.xlsx", "--no-abrir", cwd=tmp_path)
    hoja = openpyxl.load_workbook(tmp_path / "informes" / "antiguedad_2026-11-24.xlsx", read_only=True)["Errores"]
    filas = [tuple(f) for f in hoja.iter_rows(values_only=True)]
    encabezado = next(i for i, f in enumerate(filas) if f[:5] == ("Hoja", "Fila", "Columna", "Valor", "Motivo"))
    vistos = {(f[0], f[1], f[2] or None, f[3] or "", f[4]) for f in filas[encabezado + 1:] if f[0]}
    assert len(rechazos) >= 6
    for r in rechazos:
        assert (r.hoja, r.fila, r.columna, r.valor, r.motivo) in vistos, r
