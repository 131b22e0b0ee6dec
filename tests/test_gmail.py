"""gmail: one login per run, TLS verified, and Gmail's answers turned into the right outcome.

Every test talks to a real SMTP server on 127.0.0.1 (``servidor_smtp``).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from servidor_smtp import CLAVE, USUARIO, Comportamiento, ServidorSMTP

from cartera import errores
from cartera.correo import gmail
from cartera.correo import respuestas as respuestas_smtp

RAPIDO = {"reintentos": 2, "espera_inicial": 0.01, "tiempo_espera": 5.0}


def correo(para: str = "cliente@example.org", *, cc: str = "", bcc: str = "", asunto: str = "Recordatorio") -> EmailMessage:
    mensaje = EmailMessage()
    mensaje["From"] = f"Cobros <{USUARIO}>"
    mensaje["To"] = para
    if cc:
        mensaje["Cc"] = cc
    if bcc:
        mensaje["Bcc"] = bcc
    mensaje["Subject"] = asunto
    mensaje["Message-ID"] = make_msgid(domain="example.com")
    mensaje.set_content("Buenos días, señora Núñez:\n.Esta línea empieza con un punto.\nGracias.\n")
    return mensaje


def ajustes(servidor: ServidorSMTP, seguridad: str = "Ninguna") -> gmail.Ajustes:
    return gmail.Ajustes(servidor.host, servidor.puerto, seguridad, USUARIO)


def enviar_todos(servidor: ServidorSMTP, correos: list[EmailMessage], **opciones: float) -> list[gmail.Entrega]:
    with gmail.conectar(ajustes(servidor), CLAVE, **{**RAPIDO, **opciones}) as conexion:
        return [conexion.enviar(mensaje) for mensaje in correos]


# --- the happy path ---------------------------------------------------------

def test_varios_mensajes_una_conexion_y_un_inicio_de_sesion(servidor_smtp: ServidorSMTP) -> None:
    entregas = enviar_todos(servidor_smtp, [correo(f"c{n}@example.org") for n in range(5)])
    assert [e.estado for e in entregas] == [gmail.ENVIADO] * 5
    assert all(e.codigo == 250 for e in entregas)
    assert (servidor_smtp.conexiones, servidor_smtp.inicios) == (1, 1)
    assert [r.destinatarios for r in servidor_smtp.recibidos] == [(f"c{n}@example.org",) for n in range(5)]


def test_el_mensaje_llega_intacto_y_el_bcc_no_se_ve(servidor_smtp: ServidorSMTP) -> None:
    mensaje = correo("a@example.org", cc="Contabilidad <b@example.org>", bcc="archivo@example.com")
    [entrega] = enviar_todos(servidor_smtp, [mensaje])
    assert entrega.estado == gmail.ENVIADO
    [recibido] = servidor_smtp.recibidos
    assert recibido.remitente == USUARIO
    assert recibido.destinatarios == ("a@example.org", "b@example.org", "archivo@example.com")
    assert recibido.mensaje["Message-ID"] == mensaje["Message-ID"]
    assert recibido.mensaje["Bcc"] is None and b"archivo@example.com" not in recibido.datos
    assert recibido.mensaje.get_content() == mensaje.get_content()
    assert mensaje["Bcc"] == "archivo@example.com"  # the caller's message is not modified


def test_direccion_internacional_usa_smtputf8(servidor_smtp: ServidorSMTP) -> None:
    [entrega] = enviar_todos(servidor_smtp, [correo("Año Nuevo <añonuevo@ejemplo.com.co>")])
    assert entrega.estado == gmail.ENVIADO
    [recibido] = servidor_smtp.recibidos
    assert recibido.destinatarios == ("añonuevo@ejemplo.com.co",)
    assert "To: Año Nuevo <añonuevo@ejemplo.com.co>".encode() in recibido.datos  # raw UTF-8 header


def test_mensaje_sin_destinatarios_es_fallido(servidor_smtp: ServidorSMTP) -> None:
    [entrega] = enviar_todos(servidor_smtp, [correo(para="")])
    assert entrega.estado == gmail.FALLIDO and "destinatarios" in entrega.detalle


def test_un_error_inesperado_en_un_envio_es_fallido_y_sigue(servidor_smtp: ServidorSMTP) -> None:
    roto = correo()
    roto.set_payload(object())  # cannot be serialised
    entregas = enviar_todos(servidor_smtp, [roto, correo()])
    assert entregas[0].estado == gmail.FALLIDO and "inesperado" in entregas[0].detalle
    assert entregas[1].estado == gmail.ENVIADO


# --- Gmail's refusals --------------------------------------------------------

def test_credenciales_malas_detienen_con_consejo(servidor_smtp: ServidorSMTP) -> None:
    with pytest.raises(errores.CorreoError) as error:
        gmail.conectar(ajustes(servidor_smtp), "contrasenamala", **RAPIDO)
    mensaje = str(error.value)
    assert "535 5.7.8" in mensaje and "contraseña de aplicación" in mensaje
    assert "verificación en dos pasos" in mensaje and "cartera correo" in mensaje
    assert not isinstance(error.value, gmail.LimiteAlcanzado)
    assert "contrasenamala" not in mensaje


def test_limite_diario_detiene_los_envios(crear_servidor_smtp) -> None:
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(limite_diario=2))
    with gmail.conectar(ajustes(servidor), CLAVE, **RAPIDO) as conexion:
        assert [conexion.enviar(correo()).estado for _ in range(2)] == [gmail.ENVIADO] * 2
        with pytest.raises(gmail.LimiteAlcanzado, match="5.4.5") as error:
            conexion.enviar(correo())
    assert isinstance(error.value, errores.CorreoError)
    assert "próxima ejecución" in str(error.value)
    assert len(servidor.recibidos) == 2


def test_fallo_temporal_se_reintenta_con_una_nueva_sesion(crear_servidor_smtp) -> None:
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(temporales=1))
    entregas = enviar_todos(servidor, [correo(), correo()])
    assert [e.estado for e in entregas] == [gmail.ENVIADO] * 2
    assert len(servidor.recibidos) == 2
    assert (servidor.conexiones, servidor.inicios) == (2, 2)


def test_fallo_temporal_persistente_queda_diferido(crear_servidor_smtp) -> None:
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(temporales=100))
    inicio = time.monotonic()
    [entrega] = enviar_todos(servidor, [correo()], reintentos=3, espera_inicial=0.05)
    assert entrega.estado == gmail.OMITIDO and entrega.codigo == 421
    assert "4 intentos" in entrega.detalle and "próxima ejecución" in entrega.detalle
    assert servidor.inicios == 4 and servidor.recibidos == []
    assert time.monotonic() - inicio >= 0.05 + 0.1 + 0.2  # exponential backoff


def test_corte_antes_de_los_datos_se_reintenta_sin_duplicar(crear_servidor_smtp) -> None:
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(cortes_antes=2))
    [entrega] = enviar_todos(servidor, [correo()])
    assert entrega.estado == gmail.ENVIADO
    assert len(servidor.recibidos) == 1 and servidor.inicios == 3


def test_corte_despues_de_los_datos_es_incierto_y_no_se_reenvia(crear_servidor_smtp) -> None:
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(cortes_despues=1))
    primero, segundo = enviar_todos(servidor, [correo("a@example.org"), correo("b@example.org")])
    assert primero.estado == gmail.INCIERTO and primero.codigo is None
    assert "puede haber llegado" in primero.detalle
    assert segundo.estado == gmail.ENVIADO  # the next message reconnects
    assert [r.destinatarios for r in servidor.recibidos] == [("a@example.org",), ("b@example.org",)]


def test_mensaje_demasiado_grande_es_fallido_y_la_conexion_sigue(crear_servidor_smtp) -> None:
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(demasiado_grande=True))
    entregas = enviar_todos(servidor, [correo(), correo()])
    assert [(e.estado, e.codigo) for e in entregas] == [(gmail.FALLIDO, 552)] * 2
    assert "5.3.4" in entregas[0].detalle and "tamaño" in entregas[0].detalle
    assert servidor.conexiones == 1


def test_destinatario_inexistente(crear_servidor_smtp) -> None:
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(inexistentes=frozenset({"no@example.org"})))
    solo_malo, mixto, bueno = enviar_todos(
        servidor, [correo("no@example.org"), correo("no@example.org, si@example.org"), correo("si@example.org")])
    assert (solo_malo.estado, solo_malo.codigo) == (gmail.FALLIDO, 550)
    assert "no existe" in solo_malo.detalle and "no@example.org" in solo_malo.detalle
    assert mixto.estado == gmail.ENVIADO and "No se entregó a: no@example.org" in mixto.detalle
    assert bueno.estado == gmail.ENVIADO
    assert [r.destinatarios for r in servidor.recibidos] == [("si@example.org",), ("si@example.org",)]
    assert servidor.conexiones == 1


def test_credenciales_rechazadas_al_reconectar_detienen(crear_servidor_smtp) -> None:
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(temporales=1))
    with gmail.conectar(ajustes(servidor), CLAVE, **RAPIDO) as conexion:
        servidor.clave = "otra-clave-distinta"  # the password was revoked meanwhile
        with pytest.raises(errores.CorreoError, match="535"):
            conexion.enviar(correo())


def test_servidor_lento_queda_diferido(crear_servidor_smtp) -> None:
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(demora=0.5))
    [entrega] = enviar_todos(servidor, [correo()], reintentos=1, tiempo_espera=0.1)
    assert entrega.estado == gmail.OMITIDO and "2 intentos" in entrega.detalle


def test_servidor_inalcanzable() -> None:
    cerrado = ServidorSMTP()  # never started: its port refuses connections
    with pytest.raises(errores.CorreoError, match="No se pudo conectar"):
        gmail.conectar(ajustes(cerrado), CLAVE, **RAPIDO)


@pytest.mark.parametrize(("codigo", "texto", "clase"), [
    (550, "5.4.5 Daily user sending limit exceeded.", gmail.LimiteAlcanzado),
    (550, "5.4.5 Daily SMTP relay limit exceeded for user.", gmail.LimiteAlcanzado),
    (421, "4.7.28 Gmail has detected an unusual rate of mail originating from your IP.", gmail.LimiteAlcanzado),
    (535, "5.7.8 Username and Password not accepted.", errores.CorreoError),
    (534, "5.7.9 Application-specific password required.", errores.CorreoError),
    (530, "5.7.0 Authentication Required.", errores.CorreoError),
    (454, "4.7.0 Too many login attempts, please try again later.", respuestas_smtp.Temporal),
    (421, "4.7.0 Try again later, closing connection.", respuestas_smtp.Temporal),
    (450, "4.2.1 The user you are trying to contact is receiving mail too quickly.", respuestas_smtp.Temporal),
    (451, "4.3.0 Mail server temporarily rejected message.", respuestas_smtp.Temporal),
    (552, "5.3.4 Your message exceeded Google's message size limits.", respuestas_smtp.Fallido),
    (550, "5.1.1 The email account that you tried to reach does not exist.", respuestas_smtp.Fallido),
    (553, "5.1.2 We weren't able to find the recipient domain.", respuestas_smtp.Fallido),
])
def test_clasificacion_de_respuestas_de_gmail(codigo: int, texto: str, clase: type) -> None:
    excepcion = respuestas_smtp.excepcion(codigo, texto.encode(), USUARIO)
    assert type(excepcion) is clase
    if isinstance(excepcion, respuestas_smtp.Fallido):
        assert excepcion.entrega == gmail.Entrega(gmail.FALLIDO, excepcion.entrega.detalle, codigo)
        assert texto in excepcion.entrega.detalle


# --- security ----------------------------------------------------------------

@pytest.mark.parametrize("servidor", ["127.0.0.1", "127.5.5.5", "::1", "[::1]", "localhost", "LocalHost."])
def test_es_local(servidor: str) -> None:
    assert gmail.es_local(servidor)


@pytest.mark.parametrize("servidor", ["smtp.gmail.com", "10.0.0.1", "0.0.0.0", "localhost.example.com", "::"])
def test_no_es_local(servidor: str) -> None:
    assert not gmail.es_local(servidor)


def test_sin_cifrado_solo_con_un_servidor_local() -> None:
    with pytest.raises(errores.CorreoError, match="solo se permite con un servidor local"):
        gmail.conectar(gmail.Ajustes("smtp.gmail.com", 25, "Ninguna", USUARIO), CLAVE)


def test_ajustes_se_normalizan_y_se_validan() -> None:
    assert gmail.validar_ajustes(gmail.Ajustes("smtp.gmail.com", 0, "starttls", USUARIO), CLAVE) == gmail.Ajustes(
        "smtp.gmail.com", 587, "STARTTLS", USUARIO)
    with pytest.raises(errores.CorreoError, match="SSL, STARTTLS o Ninguna"):
        gmail.validar_ajustes(gmail.Ajustes("smtp.gmail.com", 465, "TLS", USUARIO), CLAVE)
    with pytest.raises(errores.CorreoError, match="Correo remitente"):
        gmail.validar_ajustes(gmail.Ajustes("smtp.gmail.com", 465, "SSL", ""), CLAVE)
    with pytest.raises(errores.CorreoError, match="16 letras"):
        gmail.validar_ajustes(gmail.Ajustes("smtp.gmail.com", 465, "SSL", USUARIO), "contraseña")


@pytest.mark.parametrize("clave", [None, ""])
def test_sin_contrasena_pide_cartera_correo(clave: str | None) -> None:
    with pytest.raises(errores.CorreoError, match="cartera correo"):
        gmail.conectar(gmail.Ajustes("smtp.gmail.com", 465, "SSL", USUARIO), clave)


@pytest.mark.parametrize("seguridad", ["SSL", "STARTTLS"])
def test_certificado_no_confiable_se_rechaza(crear_servidor_smtp, seguridad: str) -> None:
    servidor = crear_servidor_smtp(seguridad=seguridad)
    with pytest.raises(errores.CorreoError, match="certificado"):
        gmail.conectar(ajustes(servidor, seguridad), CLAVE, **RAPIDO)
    assert servidor.inicios == 0 and servidor.intentos_fallidos == 0  # the password never left


@pytest.mark.parametrize("seguridad", ["SSL", "STARTTLS"])
def test_certificado_confiable_por_ssl_cert_file(crear_servidor_smtp, confiar_en_ca, seguridad: str) -> None:
    servidor = crear_servidor_smtp(seguridad=seguridad)
    with gmail.conectar(ajustes(servidor, seguridad), CLAVE, **RAPIDO) as conexion:
        entregas = [conexion.enviar(correo()) for _ in range(2)]
    assert [e.estado for e in entregas] == [gmail.ENVIADO] * 2
    assert (servidor.conexiones, servidor.inicios) == (1, 1)


def test_starttls_no_baja_a_texto_plano(servidor_smtp: ServidorSMTP) -> None:
    with pytest.raises(errores.CorreoError, match="STARTTLS"):
        gmail.conectar(ajustes(servidor_smtp, "STARTTLS"), CLAVE, **RAPIDO)
    assert servidor_smtp.inicios == 0 and servidor_smtp.intentos_fallidos == 0


def test_ssl_contra_un_servidor_sin_tls_explica_el_puerto(servidor_smtp: ServidorSMTP) -> None:
    with pytest.raises(errores.CorreoError, match="465"):
        gmail.conectar(ajustes(servidor_smtp, "SSL"), CLAVE, **RAPIDO)


@pytest.mark.parametrize("confiar", [True, False])
def test_ssl_cert_file_en_otro_proceso(crear_servidor_smtp, ca_smtp, tmp_path, confiar: bool) -> None:
    """``ssl.create_default_context()`` reads SSL_CERT_FILE: the way a user trusts a private CA."""
    servidor = crear_servidor_smtp(seguridad="SSL")
    entorno = {k: v for k, v in os.environ.items() if k != "SSL_CERT_FILE"}
    if confiar:
        ca_smtp.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
        entorno["SSL_CERT_FILE"] = str(tmp_path / "ca.pem")
    codigo = ("import sys; from cartera import errores; from cartera.correo import gmail\n"
              f"ajustes = gmail.Ajustes('127.0.0.1', {servidor.puerto}, 'SSL', '{USUARIO}')\n"
              f"try: gmail.probar(ajustes, '{CLAVE}')\n"
              "except errores.CorreoError as e: sys.exit(str(e))\n")
    proceso = subprocess.run([sys.executable, "-c", codigo], env=entorno, capture_output=True, text=True,
                             timeout=30)
    if confiar:
        assert proceso.returncode == 0, proceso.stderr
        assert servidor.inicios == 1
    else:
        assert proceso.returncode == 1 and "certificado" in proceso.stderr


def test_la_contrasena_no_aparece_en_el_registro(crear_servidor_smtp, caplog) -> None:
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(temporales=1, cortes_despues=1))
    with caplog.at_level(logging.DEBUG):
        enviar_todos(servidor, [correo(), correo()])
        with pytest.raises(errores.CorreoError) as error:
            gmail.conectar(ajustes(servidor), "xyzwxyzwxyzwxyzw", **RAPIDO)
    assert caplog.records  # something was logged...
    assert CLAVE not in caplog.text and "xyzwxyzwxyzwxyzw" not in caplog.text  # ...but never the password
    assert "xyzwxyzwxyzwxyzw" not in str(error.value)
