"""Excel 97 (.xls) and LibreOffice (.ods) workbooks: read like an .xlsx, never written back.

The fixtures are ``sample_cartera.xlsx`` converted by LibreOffice
(``tests/fixtures/construir.py``), with ``Configuración`` pointed at a
loopback SMTP server whose port a sending test writes in place of
``construir.PUERTO_MARCA``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import keyring
import pytest
from servidor_smtp import CLAVE, USUARIO, ServidorSMTP

from cartera.comandos.cobrar import encontrar_libro
from cartera.errores import LibroInvalido
from cartera.libro import apertura
from cartera.libro.anotacion import sin_escritura
from cartera.libro.correo_remitente import anotar_correo_remitente

RAIZ = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
PUERTO_MARCA = b"65001"
TOTALES = [{"moneda": "COP", "por_cobrar": "92911800.50", "vencido": "40386300.00"},
           {"moneda": "USD", "por_cobrar": "5415.50", "vencido": "0.00"}]
"""The sample's totals on its Fecha de corte (as ``test_cobrar.test_resumen_en_json``)."""


def _hash(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def _copiar(formato: str, carpeta: Path, puerto: int | None = None) -> Path:
    """The fixture in ``carpeta`` (with the PDFs), its SMTP port set to ``puerto`` when given."""
    destino = carpeta / f"cartera.{formato}"
    shutil.copy(FIXTURES / destino.name, destino)
    shutil.copytree(RAIZ / "facturas_pdf", carpeta / "facturas_pdf")
    if puerto is not None:
        _poner_puerto(destino, f"{puerto:05d}".encode())
    return destino


def _poner_puerto(ruta: Path, puerto: bytes) -> None:
    if ruta.suffix == ".xls":
        contenido = ruta.read_bytes()
        assert contenido.count(PUERTO_MARCA) == 1
        ruta.write_bytes(contenido.replace(PUERTO_MARCA, puerto))
        return
    copia = ruta.with_suffix(".tmp")
    with zipfile.ZipFile(ruta) as origen, zipfile.ZipFile(copia, "w", zipfile.ZIP_DEFLATED) as destino:
        for info in origen.infolist():
            datos = origen.read(info)
            destino.writestr(info, datos.replace(PUERTO_MARCA, puerto) if info.filename == "content.xml" else datos)
    copia.replace(ruta)


def cartera(*argumentos: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CARTERA_ESPERA_SMTP": "0.01"}
    return subprocess.run([sys.executable, "-m", "cartera", *argumentos], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env=env, stdin=subprocess.DEVNULL, timeout=300)


# --- opening -------------------------------------------------------------------------------
@pytest.mark.parametrize("formato", ["xls", "ods"])
def test_se_lee_igual_que_el_xlsx(formato: str) -> None:
    original = apertura.leer(RAIZ / "sample_cartera.xlsx")
    convertido = apertura.leer(FIXTURES / f"cartera.{formato}")
    for tabla in ("clientes", "facturas", "pagos"):  # dates, amounts (centavos) and texts alike
        assert getattr(convertido, tabla).equals(getattr(original, tabla)), tabla
    assert convertido.historial == original.historial and convertido.rechazos == original.rechazos
    assert convertido.configuracion.fecha_corte == original.configuracion.fecha_corte
    assert convertido.configuracion.puerto_smtp == int(PUERTO_MARCA)


def test_formato_de() -> None:
    assert apertura.formato_de(RAIZ / "sample_cartera.xlsx") == "xlsx"
    assert apertura.formato_de(FIXTURES / "cartera.xls") == "xls"
    assert apertura.formato_de(FIXTURES / "cartera.ods") == "ods"


def test_un_xls_cifrado_conserva_su_mensaje(tmp_path: Path) -> None:
    contenido = bytearray((FIXTURES / "cartera.xls").read_bytes())
    bof = contenido.find(bytes.fromhex("0908100000060500"))
    contenido[bof + 20:bof + 22] = b"\x2f\x00"  # the record after BOF becomes FILEPASS: a password to open
    ruta = tmp_path / "cifrado.xls"
    ruta.write_bytes(bytes(contenido))
    with pytest.raises(LibroInvalido, match="protegido con contraseña"):
        apertura.comprobar_archivo(ruta)


def test_un_ods_cifrado_y_un_documento_de_texto(tmp_path: Path) -> None:
    def paquete(nombre: str, tipo: bytes, manifiesto: bytes) -> Path:
        with zipfile.ZipFile(tmp_path / nombre, "w") as z:
            z.writestr("mimetype", tipo)
            z.writestr("content.xml", b"\x8f\x02cifrado")
            z.writestr("META-INF/manifest.xml", manifiesto)
        return tmp_path / nombre

    cifrado = paquete("cifrado.ods", b"application/vnd.oasis.opendocument.spreadsheet",
                      b"<manifest:encryption-data manifest:checksum-type='SHA1'/>")
    with pytest.raises(LibroInvalido, match="protegido con contraseña"):
        apertura.comprobar_archivo(cifrado)
    texto = paquete("carta.ods", b"application/vnd.oasis.opendocument.text", b"")
    with pytest.raises(LibroInvalido, match="no es una hoja de cálculo"):
        apertura.comprobar_archivo(texto)


def test_encontrar_libro_halla_un_ods(tmp_path: Path) -> None:
    destino = tmp_path / "Cobranza.ods"
    shutil.copy(FIXTURES / "cartera.ods", destino)
    (tmp_path / ".~lock.Cobranza.ods#").write_text("x")
    assert encontrar_libro(None, tmp_path) == destino.resolve()


def test_cartera_correo_no_escribe_en_un_xls(tmp_path: Path) -> None:
    ruta = tmp_path / "cartera.xls"
    shutil.copy(FIXTURES / "cartera.xls", ruta)
    antes = _hash(ruta)
    assert anotar_correo_remitente(ruta, "otro@example.com") is False
    assert _hash(ruta) == antes


# --- cobrar, end to end ---------------------------------------------------------------------
@pytest.mark.parametrize("formato", ["xls", "ods"])
def test_cobrar_en_prueba(tmp_path: Path, formato: str) -> None:
    libro = _copiar(formato, tmp_path)
    antes = _hash(libro)
    proceso = cartera("cobrar", libro.name, "--no-abrir", "--json", cwd=tmp_path)
    assert "Traceback" not in proceso.stdout + proceso.stderr, proceso.stderr
    datos = json.loads(proceso.stdout)
    assert datos["totales"] == TOTALES
    assert datos["mensajes"]["vista previa"] == 12
    assert (datos["filas_rechazadas"], datos["advertencias"]) == (6, 1)
    assert (tmp_path / "informes" / "antiguedad_2026-11-24.xlsx").exists()
    assert _hash(libro) == antes


@pytest.mark.parametrize("formato", ["xls", "ods"])
def test_enviar_dos_veces_no_repite_y_no_escribe_en_el_libro(tmp_path: Path, formato: str,
                                                             servidor_smtp: ServidorSMTP) -> None:
    libro = _copiar(formato, tmp_path, servidor_smtp.puerto)
    keyring.set_password("yagmail", USUARIO, CLAVE)
    antes = _hash(libro)

    primero = cartera("cobrar", libro.name, "--enviar", "--no-abrir", cwd=tmp_path)
    assert "Traceback" not in primero.stdout + primero.stderr, primero.stderr
    assert len(servidor_smtp.recibidos) == 12
    assert primero.stdout.count(f"El libro es .{formato}") == 1  # said once, in the summary
    assert sin_escritura(formato) in primero.stdout.replace("\n    ", " ")
    assert "Guárdelo como Libro de Excel (.xlsx)" in sin_escritura(formato)

    segundo = cartera("cobrar", libro.name, "--enviar", "--no-abrir", "--json", cwd=tmp_path)
    datos = json.loads(segundo.stdout)
    assert datos["mensajes"]["enviado"] == 0 and len(servidor_smtp.recibidos) == 12  # the journal remembers
    assert datos["notas"] == [sin_escritura(formato)]
    assert _hash(libro) == antes
    assert not (tmp_path / ".cartera" / "respaldos").exists()


@pytest.mark.parametrize("formato", ["xls", "ods"])
def test_sin_xml_de_hojas_no_hay_formulas_que_buscar(formato: str) -> None:
    from cartera.libro.formulas import formulas_sin_resultado

    assert formulas_sin_resultado(FIXTURES / f"cartera.{formato}", "Facturas", {"E2", "E3"}) == {}
