"""End to end: the real ``cartera cobrar --enviar`` and ``cartera correo`` against a Gmail-like server.

Each test copies ``sample_cartera.xlsx`` (12 messages on its Fecha de corte,
2026-11-24: five «Envío de factura» with their PDF, one with a CC, the rest
reminders), points its ``Configuración`` at an aiosmtpd server on
127.0.0.1 started by the test, puts the app password in the test keyring
(``conftest.llavero``; the subprocess inherits its environment) and runs
``python -m cartera`` in a subprocess.  ``CARTERA_ESPERA_SMTP`` keeps the
retry backoff tiny.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from email.utils import getaddresses
from pathlib import Path

import keyring
import openpyxl
import pytest
from servidor_smtp import CLAVE, USUARIO, Comportamiento, ServidorSMTP

from cartera.libro import diario

RAIZ = Path(__file__).parent.parent
MUESTRA = RAIZ / "sample_cartera.xlsx"
LIBRO = "sample_cartera.xlsx"
FECHA = "2026-11-24"
MENSAJES = 12
"""Messages the sample plans on its Fecha de corte."""
ENVIOS_DE_FACTURA = 5


# --- helpers ---------------------------------------------------------------------------------

def cartera(*argumentos: str, cwd: Path, entrada: str | None = None,
            entorno: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m cartera …`` with this process's environment (keyring, SSL_CERT_FILE) and a tiny backoff."""
    env = {**os.environ, "CARTERA_ESPERA_SMTP": "0.01", **(entorno or {})}
    return subprocess.run(
        [sys.executable, "-m", "cartera", *argumentos], cwd=cwd, capture_output=True, text=True,
        encoding="utf-8", env=env, timeout=120,
        **({"input": entrada} if entrada is not None else {"stdin": subprocess.DEVNULL}))


def enviar(carpeta: Path, *extra: str) -> tuple[subprocess.CompletedProcess, dict | None]:
    """``cartera cobrar LIBRO --enviar --no-abrir --json``: (process, parsed summary or None)."""
    proceso = cartera("cobrar", LIBRO, "--enviar", "--no-abrir", "--json", *extra, cwd=carpeta)
    assert "Traceback" not in proceso.stdout + proceso.stderr, proceso.stderr
    try:
        return proceso, json.loads(proceso.stdout)
    except ValueError:
        return proceso, None


def preparar_libro(carpeta: Path, servidor: ServidorSMTP, **ajustes: object) -> Path:
    """Copy the sample (and its PDFs) to ``carpeta``; point Configuración at ``servidor``, plus ``ajustes``."""
    libro = carpeta / LIBRO
    shutil.copy(MUESTRA, libro)
    shutil.copytree(RAIZ / "facturas_pdf", carpeta / "facturas_pdf")
    valores = {"Servidor SMTP": servidor.host, "Puerto SMTP": servidor.puerto,
               "Seguridad SMTP": servidor.seguridad, "Correo remitente": USUARIO, **ajustes}
    wb = openpyxl.load_workbook(libro)
    hoja = wb["Configuración"]
    for fila in hoja.iter_rows(min_row=2):
        if fila[0].value in valores:
            fila[1].value = valores.pop(fila[0].value)
    for parametro, valor in valores.items():
        hoja.append([parametro, valor])
    wb.save(libro)
    return libro


def guardar_clave(clave: str = CLAVE) -> None:
    keyring.set_password("yagmail", USUARIO, clave)


def filas(ruta: Path, hoja: str) -> list[dict]:
    """The sheet's rows as dicts keyed by the header (first row); empty rows skipped."""
    wb = openpyxl.load_workbook(ruta, read_only=True)
    valores = list(wb[hoja].iter_rows(values_only=True))
    wb.close()
    encabezado = valores[0]
    return [dict(zip(encabezado, fila, strict=False)) for fila in valores[1:] if any(v is not None for v in fila)]


def recordatorios(carpeta: Path, fecha: str = FECHA) -> list[dict]:
    """The report's Recordatorios rows that are messages (skips without recipients left out)."""
    informe = filas(carpeta / "informes" / f"antiguedad_{fecha}.xlsx", "Recordatorios")
    return [f for f in informe if f["Canal"] == "correo" and f["Destinatarios"]]


def historial(carpeta: Path) -> list[dict]:
    return filas(carpeta / LIBRO, "Historial")


def huella(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def repetidos(servidor: ServidorSMTP) -> list[tuple]:
    """(subject, recipients) pairs the server received more than once: duplicates."""
    veces = Counter((r.mensaje["Subject"], r.destinatarios) for r in servidor.recibidos)
    return [clave for clave, n in veces.items() if n > 1]


def visibles(correo) -> set[str]:
    """The addresses in To and Cc."""
    return {direccion for _, direccion in getaddresses([str(v) for v in correo.get_all("To", []) + correo.get_all("Cc", [])])}


# --- success ----------------------------------------------------------------------------------

def test_envio_completo_llega_bien_y_queda_anotado(tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    preparar_libro(tmp_path, servidor_smtp)
    guardar_clave()
    proceso, resumen = enviar(tmp_path)

    assert resumen is not None, proceso.stderr
    assert resumen["mensajes"]["enviado"] == MENSAJES
    assert resumen["mensajes"]["fallido"] == resumen["mensajes"]["incierto"] == 0
    assert proceso.returncode == 1  # only because the sample holds deliberately bad rows
    assert (servidor_smtp.conexiones, servidor_smtp.inicios) == (1, 1)  # one connection, one login
    recibidos = servidor_smtp.recibidos
    assert len(recibidos) == MENSAJES
    ids = [r.mensaje["Message-ID"] for r in recibidos]
    assert len(set(ids)) == MENSAJES and all(ids)

    for recibido in recibidos:
        correo = recibido.mensaje
        assert recibido.remitente == USUARIO
        assert USUARIO in str(correo["From"]) and USUARIO in str(correo["Reply-To"])
        assert set(recibido.destinatarios) == visibles(correo) and recibido.destinatarios  # envelope = To + Cc
        texto, html = correo.get_body(("plain",)), correo.get_body(("html",))
        assert texto is not None and html is not None
        assert "Distribuciones La Ceiba" in texto.get_content()
        assert "<html" in html.get_content().lower()
        assert correo["Subject"]

    con_copia = [r for r in recibidos if r.mensaje.get("Cc")]
    assert any("gerencia@constructoraandina.example" in r.destinatarios for r in con_copia)

    facturas = [r.mensaje for r in recibidos if r.mensaje["Subject"].startswith("Factura ")]
    assert len(facturas) == ENVIOS_DE_FACTURA
    for correo in facturas:
        adjuntos = list(correo.iter_attachments())
        assert [a.get_content_type() for a in adjuntos] == ["application/pdf"]
        nombre = adjuntos[0].get_filename()
        assert nombre.split(".")[0] in correo["Subject"]
        assert adjuntos[0].get_content() == (tmp_path / "facturas_pdf" / nombre).read_bytes()

    correos = recordatorios(tmp_path)
    assert len(correos) == MENSAJES and {f["Resultado"] for f in correos} == {"enviado"}
    anotado = [f for f in historial(tmp_path) if f["Resultado"] == "enviado"]
    assert {f["Message-ID"] for f in anotado} == set(ids)
    assert Counter(f["Asunto"] for f in anotado) == Counter(r.mensaje["Subject"] for r in recibidos)


def test_otra_ejecucion_el_mismo_dia_no_repite_ningun_mensaje(tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    preparar_libro(tmp_path, servidor_smtp)
    guardar_clave()
    enviar(tmp_path)
    proceso, resumen = enviar(tmp_path)

    assert resumen is not None, proceso.stderr
    assert not repetidos(servidor_smtp)
    assert sum(f["Resultado"] == "enviado" for f in historial(tmp_path)) == len(servidor_smtp.recibidos)
    assert resumen["mensajes"]["enviado"] == 0  # one message per client per day, by the real date


# --- Gmail refusals ---------------------------------------------------------------------------

def test_credenciales_rechazadas_detienen_todo_con_el_consejo(tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    libro = preparar_libro(tmp_path, servidor_smtp)
    guardar_clave("zzzzzzzzzzzzzzzz")
    antes = huella(libro)
    proceso, _ = enviar(tmp_path)

    assert proceso.returncode != 0
    assert "contraseña de aplicación" in proceso.stderr and "dos pasos" in proceso.stderr
    assert "535" in proceso.stderr
    assert "zzzzzzzzzzzzzzzz" not in proceso.stdout + proceso.stderr
    assert servidor_smtp.recibidos == [] and servidor_smtp.inicios == 0
    assert servidor_smtp.conexiones == 1  # refused credentials are never retried
    assert huella(libro) == antes
    assert not any(f["Resultado"] == "enviado" for f in historial(tmp_path))


def test_credenciales_rechazadas_a_mitad_de_la_ejecucion_no_dejan_mensajes_inciertos(
        tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    """A 421 closes the line and the new login is refused: the unsent message is not «incierto»."""
    servidor_smtp.comportamiento = Comportamiento(temporales=1, inicios_validos=1)
    preparar_libro(tmp_path, servidor_smtp)
    guardar_clave()
    proceso, _ = enviar(tmp_path)

    assert proceso.returncode == 2
    assert "contraseña de aplicación" in proceso.stderr
    assert servidor_smtp.recibidos == []
    assert [r.resultado for r in diario.leer_diario(tmp_path)] == ["omitido"]  # known unsent, not «incierto»

    servidor_smtp.comportamiento = Comportamiento()  # the owner stored a good password again
    proceso, resumen = enviar(tmp_path)
    assert resumen is not None, proceso.stderr
    assert resumen["mensajes"]["enviado"] == MENSAJES == len(servidor_smtp.recibidos)


def test_limite_de_gmail_deja_el_resto_para_la_proxima_ejecucion(
        tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    servidor_smtp.comportamiento = Comportamiento(limite_diario=5)
    preparar_libro(tmp_path, servidor_smtp)
    guardar_clave()
    proceso, resumen = enviar(tmp_path)

    assert resumen is not None, proceso.stderr
    assert len(servidor_smtp.recibidos) == 5
    assert resumen["mensajes"]["enviado"] == 5 and resumen["mensajes"]["omitido"] == MENSAJES - 5
    assert any("5.4.5" in nota and "próxima ejecución" in nota for nota in resumen["notas"])
    informe = recordatorios(tmp_path)
    pendientes = [f for f in informe if f["Resultado"] == "omitido"]
    assert len(pendientes) == MENSAJES - 5
    assert all("próxima ejecución" in f["Motivo"] for f in pendientes)
    assert sum(f["Resultado"] == "enviado" for f in historial(tmp_path)) == 5
    primeros = {(r.mensaje["Subject"], r.destinatarios) for r in servidor_smtp.recibidos}

    servidor_smtp.comportamiento = Comportamiento()  # Gmail's counter resets the next day
    proceso, resumen = enviar(tmp_path, "--fecha", "2026-11-25")
    assert resumen is not None, proceso.stderr
    segundos = servidor_smtp.recibidos[5:]
    clientes_pendientes = {f["Cliente"] for f in pendientes}
    enviados_hoy = {f["Cliente"] for f in recordatorios(tmp_path, "2026-11-25") if f["Resultado"] == "enviado"}
    assert clientes_pendientes <= enviados_hoy
    assert resumen["mensajes"]["enviado"] == len(segundos) >= MENSAJES - 5
    assert not primeros & {(r.mensaje["Subject"], r.destinatarios) for r in segundos}


@pytest.mark.parametrize("comportamiento", [Comportamiento(temporales=1), Comportamiento(cortes_antes=1)],
                         ids=["421", "corte-antes-del-mensaje"])
def test_un_fallo_temporal_se_reintenta_y_el_mensaje_sale_una_vez(
        tmp_path: Path, crear_servidor_smtp: Callable, comportamiento: Comportamiento) -> None:
    servidor = crear_servidor_smtp(comportamiento=comportamiento)
    preparar_libro(tmp_path, servidor)
    guardar_clave()
    proceso, resumen = enviar(tmp_path)

    assert resumen is not None, proceso.stderr
    assert resumen["mensajes"]["enviado"] == MENSAJES == len(servidor.recibidos)
    assert len({r.mensaje["Message-ID"] for r in servidor.recibidos}) == MENSAJES
    assert servidor.conexiones == servidor.inicios == 2  # the line was closed: one reconnection, one login
    assert {f["Resultado"] for f in recordatorios(tmp_path)} == {"enviado"}


def test_conexion_cortada_tras_el_mensaje_queda_incierta_y_no_se_repite(
        tmp_path: Path, crear_servidor_smtp: Callable) -> None:
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(cortes_despues=1))
    preparar_libro(tmp_path, servidor)
    guardar_clave()
    proceso, resumen = enviar(tmp_path)

    assert resumen is not None, proceso.stderr
    assert proceso.returncode == 1
    assert resumen["mensajes"]["incierto"] == 1 and resumen["mensajes"]["enviado"] == MENSAJES - 1
    assert len(servidor.recibidos) == MENSAJES  # the cut one did arrive
    incierto = next(r.mensaje["Message-ID"] for r in servidor.recibidos[:1])
    filas_historial = {f["Message-ID"]: f for f in historial(tmp_path)}
    assert filas_historial[incierto]["Resultado"] == "incierto"
    assert "Enviados" in filas_historial[incierto]["Detalle"]
    assert [f["Resultado"] for f in recordatorios(tmp_path)].count("incierto") == 1

    enviar(tmp_path)  # the next run must not send it again
    assert [r.mensaje["Message-ID"] for r in servidor.recibidos].count(incierto) == 1
    assert not repetidos(servidor)


# --- TLS --------------------------------------------------------------------------------------

def test_tls_implicito_rechaza_un_certificado_no_confiable_y_envia_si_se_confia(
        tmp_path: Path, crear_servidor_smtp: Callable, monkeypatch: pytest.MonkeyPatch, ca_smtp) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    servidor = crear_servidor_smtp(seguridad="SSL")
    libro = preparar_libro(tmp_path, servidor)
    guardar_clave()
    antes = huella(libro)
    proceso, _ = enviar(tmp_path)

    assert proceso.returncode == 2
    assert "No se pudo verificar el certificado de 127.0.0.1" in proceso.stderr
    assert "SSL_CERT_FILE" in proceso.stderr
    assert servidor.recibidos == [] and servidor.inicios == 0
    assert huella(libro) == antes

    ca_smtp.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))  # the subprocess inherits it
    proceso, resumen = enviar(tmp_path)
    assert resumen is not None, proceso.stderr
    assert resumen["mensajes"]["enviado"] == MENSAJES == len(servidor.recibidos)
    assert servidor.inicios == 1


# --- the password -----------------------------------------------------------------------------

def test_sin_contrasena_se_detiene_antes_del_primer_mensaje(tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    libro = preparar_libro(tmp_path, servidor_smtp)
    antes = huella(libro)
    proceso, _ = enviar(tmp_path)

    assert proceso.returncode == 2
    assert "cartera correo" in proceso.stderr and USUARIO in proceso.stderr
    assert servidor_smtp.conexiones == 0 and servidor_smtp.recibidos == []
    assert huella(libro) == antes


def test_cartera_correo_prueba_la_clave_y_solo_guarda_la_que_funciona(
        tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    preparar_libro(tmp_path, servidor_smtp)
    proceso = cartera("correo", LIBRO, cwd=tmp_path, entrada=f"{USUARIO}\nzzzzzzzzzzzzzzzz\n")
    assert proceso.returncode == 2
    assert "contraseña de aplicación" in proceso.stderr and "no se guardó" in proceso.stdout
    assert keyring.get_password("yagmail", USUARIO) is None

    proceso = cartera("correo", LIBRO, cwd=tmp_path, entrada="\nabcd efgh ijkl mnop\n")  # Enter: Correo remitente
    assert proceso.returncode == 0, proceso.stderr
    assert keyring.get_password("yagmail", USUARIO) == CLAVE
    assert servidor_smtp.inicios == 1
    assert CLAVE not in proceso.stdout + proceso.stderr and "abcd efgh" not in proceso.stdout
    assert "quedó guardada" in proceso.stdout

    proceso, resumen = enviar(tmp_path)  # and the daily run now uses it
    assert resumen is not None, proceso.stderr
    assert resumen["mensajes"]["enviado"] == MENSAJES


# --- the owner's own daily limit --------------------------------------------------------------

def test_limite_diario_configurado_se_respeta_entre_dos_ejecuciones(
        tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    preparar_libro(tmp_path, servidor_smtp, **{"Límite diario de envíos": 5})
    guardar_clave()
    proceso, resumen = enviar(tmp_path)
    assert resumen is not None, proceso.stderr
    assert resumen["mensajes"]["enviado"] == 5 == len(servidor_smtp.recibidos)
    omitidos = [f for f in recordatorios(tmp_path) if f["Resultado"] == "omitido"]
    assert len(omitidos) == MENSAJES - 5 and all("Límite diario" in f["Motivo"] for f in omitidos)

    proceso, resumen = enviar(tmp_path)  # same day: the quota is spent
    assert resumen is not None, proceso.stderr
    assert resumen["mensajes"]["enviado"] == 0 and len(servidor_smtp.recibidos) == 5
    otra_vez = {f["Cliente"] for f in recordatorios(tmp_path) if "Límite diario" in (f["Motivo"] or "")}
    assert otra_vez >= {f["Cliente"] for f in omitidos}
