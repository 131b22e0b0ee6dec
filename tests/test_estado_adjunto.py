"""``Adjuntar estado de cuenta``: the client's statement PDF attached to reminders, previewed and sent for real.

The demo workbook on its Fecha de corte plans 12 messages: five «Envío de factura», one broken promise and six
reminders (Recordatorio preventivo, Vence hoy, Primer, Segundo, Tercer aviso and Aviso final).  A preview run
(``.eml``) and a real send to the loopback Gmail-like server (aiosmtpd) must carry the same statement.
"""

from __future__ import annotations

import email
import email.policy
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from servidor_smtp import ServidorSMTP
from test_enviar import FECHA, LIBRO, MENSAJES, cartera, enviar, guardar_clave, preparar_libro

AVISOS_CON_ESTADO = {"ANDINA": "Aviso final", "PALMAS": "Tercer aviso", "SANJOSE": "Segundo aviso", "ROBLE": "Primer aviso"}
"""The demo's reminders from «Primer aviso» on, by client."""


def adjuntos(correo: email.message.EmailMessage) -> list[str]:
    return [a.get_filename() for a in correo.iter_attachments()]


def previas(carpeta: Path) -> dict[str, email.message.EmailMessage]:
    return {ruta.name: email.message_from_bytes(ruta.read_bytes(), policy=email.policy.default)
            for ruta in sorted((carpeta / "salida" / FECHA).glob("*.eml"))}


def texto_pdf(datos: bytes, carpeta: Path) -> str:
    ruta = carpeta / "leido.pdf"
    ruta.write_bytes(datos)
    return subprocess.run(["pdftotext", "-layout", str(ruta), "-"], capture_output=True, text=True, check=True).stdout


def test_en_prueba_las_vistas_previas_llevan_el_estado_desde_el_primer_aviso(tmp_path: Path,
                                                                              servidor_smtp: ServidorSMTP) -> None:
    preparar_libro(tmp_path, servidor_smtp, **{"Adjuntar estado de cuenta": "sí"})
    proceso = cartera("cobrar", LIBRO, "--prueba", "--no-abrir", cwd=tmp_path)
    assert proceso.returncode == 1 and "Traceback" not in proceso.stderr  # 1: the demo's deliberately bad rows

    correos = previas(tmp_path)
    assert len(correos) == MENSAJES
    con_estado = {nombre: adjuntos(c) for nombre, c in correos.items() if any(a.startswith("estado_") for a in adjuntos(c))}
    assert sorted(con_estado.values()) == sorted([f"estado_{c.lower()}_{FECHA}.pdf"] for c in AVISOS_CON_ESTADO)
    for cliente, etapa in AVISOS_CON_ESTADO.items():
        nombre = next(n for n in con_estado if f"_{cliente.lower()}_" in n)
        assert etapa.lower().replace(" ", "-") in nombre
    facturas = [c for n, c in correos.items() if "envio-de-factura" in n]
    assert facturas and all(not any(a.startswith("estado_") for a in adjuntos(c)) for c in facturas)
    estado = tmp_path / "estados" / f"estado_roble_{FECHA}.pdf"
    assert estado.is_file() and len(list((tmp_path / "estados").iterdir())) == len(AVISOS_CON_ESTADO)
    adjunto = next(a for a in correos[next(n for n in con_estado if "_roble_" in n)].iter_attachments())
    assert adjunto.get_content_type() == "application/pdf" and adjunto.get_content() == estado.read_bytes()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) no está instalado")
def test_enviado_por_smtp_el_recordatorio_lleva_el_estado_de_su_cliente(tmp_path: Path,
                                                                        servidor_smtp: ServidorSMTP) -> None:
    preparar_libro(tmp_path, servidor_smtp, **{"Adjuntar estado de cuenta": "Tercer aviso"})
    guardar_clave()
    proceso, resumen = enviar(tmp_path)
    assert resumen is not None, proceso.stderr
    assert resumen["mensajes"]["enviado"] == MENSAJES

    con_estado = {r.mensaje["Subject"]: r.mensaje for r in servidor_smtp.recibidos
                  if any(a.startswith("estado_") for a in adjuntos(r.mensaje))}
    assert len(con_estado) == 2  # Tercer aviso (PALMAS) and Aviso final (ANDINA) only
    for correo in con_estado.values():
        pdf = next(a for a in correo.iter_attachments() if a.get_filename().startswith("estado_"))
        cliente = pdf.get_filename().split("_")[1].upper()
        assert cliente in ("PALMAS", "ANDINA") and pdf.get_content_type() == "application/pdf"
        texto = texto_pdf(pdf.get_content(), tmp_path)
        assert "ESTADO DE CUENTA" in texto and "Distribuciones La Ceiba S.A.S." in texto and "Total a pagar" in texto


def test_un_valor_desconocido_no_adjunta_nada_y_lo_dice(tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    preparar_libro(tmp_path, servidor_smtp, **{"Adjuntar estado de cuenta": "a veces"})
    proceso = cartera("cobrar", LIBRO, "--prueba", "--no-abrir", "--json", cwd=tmp_path)
    assert "Traceback" not in proceso.stderr
    assert any("«Adjuntar estado de cuenta» = «a veces»" in nota for nota in json.loads(proceso.stdout)["notas"])
    assert not (tmp_path / "estados").exists()
    assert all(not any(a.startswith("estado_") for a in adjuntos(c)) for c in previas(tmp_path).values())


def test_si_no_se_puede_escribir_el_estado_el_recordatorio_sale_sin_el_y_se_dice(tmp_path: Path,
                                                                                  servidor_smtp: ServidorSMTP) -> None:
    preparar_libro(tmp_path, servidor_smtp, **{"Adjuntar estado de cuenta": "Aviso final"})
    (tmp_path / "estados").write_text("un archivo donde iría la carpeta", encoding="utf-8")
    proceso = cartera("cobrar", LIBRO, "--prueba", "--no-abrir", "--json", cwd=tmp_path)
    assert "Traceback" not in proceso.stderr
    notas = json.loads(proceso.stdout)["notas"]
    faltan = [n for n in notas if "estado de cuenta de ANDINA" in n]
    assert len(faltan) == 1 and "salen sin el estado de cuenta" in faltan[0], notas
    correos = previas(tmp_path)
    assert len(correos) == MENSAJES  # every message still previewed
    assert all(not any(a.startswith("estado_") for a in adjuntos(c)) for c in correos.values())
