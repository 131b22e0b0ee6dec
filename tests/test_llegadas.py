"""What came back, judged message by message (``correo.llegadas``) and turned into pauses (``plan.pausas``).

The messages are the real-shaped fixtures of ``correos_devueltos``; our sent messages are journal
records (``Resultado``) as the journal holds them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from correos_devueltos import DUENO, dsn_gmail, fuera_de_oficina, no_relacionado, rebote_antiguo, respuesta, retraso

from cartera.correo.llegadas import cabeceras_interesan, clasificar, extracto
from cartera.decisiones import Atencion, Llegada, Resultado, TipoLlegada
from cartera.plan import pausas
from cartera.vocabulario import ENVIADO, Canal

AHORA = dt.datetime(2026, 11, 25, 12, 0)
ID_A, ID_B = "<a1.recordatorio@cobros.example.com>", "<b1.recordatorio@cobros.example.com>"
ENVIADOS = {
    ID_A: Resultado(dt.datetime(2026, 11, 24, 9), "ACME", ("FV-1", "FV-2"), "Primer aviso", Canal.CORREO,
                    ("pagos@acme.example",), "Recordatorio de pago", ENVIADO, "", ID_A),
    ID_B: Resultado(dt.datetime(2026, 11, 24, 9), "BETA", ("FV-9",), "Primer aviso", Canal.CORREO,
                    ("nadie@beta.example",), "Recordatorio de pago", ENVIADO, "", ID_B),
}
ORIGINAL_B = (f"From: {DUENO}\r\nTo: nadie@beta.example\r\nSubject: Recordatorio de pago\r\nMessage-ID: {ID_B}\r\n"
              "Content-Type: text/plain; charset=utf-8\r\n\r\nEstimado cliente: le recordamos el saldo.\r\n").encode()


def _clasificar(datos: bytes) -> Llegada | None:
    return clasificar(datos, ENVIADOS, DUENO, AHORA)


def test_respuesta_humana_en_espanol_sin_la_cita():
    llegada = _clasificar(respuesta(ID_A, "María Pérez <maria@acme.example>", "Recordatorio de pago"))
    assert llegada.tipo == TipoLlegada.RESPUESTA and llegada.cliente == "ACME" and llegada.facturas == ("FV-1", "FV-2")
    assert llegada.de == "maria@acme.example" and llegada.asunto == "RE: Recordatorio de pago"
    assert llegada.extracto.startswith("Buenas tardes, Ya realizamos la transferencia")
    assert "Estimado cliente" not in llegada.extracto and "escribió" not in llegada.extracto
    assert llegada.fecha == dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))).astimezone().replace(tzinfo=None)
    assert llegada.original == ID_A and llegada.message_id == "<CAH1respuesta@mail.gmail.com>"


def test_respuesta_desde_otra_direccion_de_la_empresa_cuenta():
    llegada = _clasificar(respuesta(ID_A, "Contabilidad <contabilidad@acme.example>", "Recordatorio", n=2))
    assert llegada.tipo == TipoLlegada.RESPUESTA and llegada.cliente == "ACME"


def test_fuera_de_oficina_y_boletin_no_cuentan():
    assert _clasificar(fuera_de_oficina(ID_A, "maria@acme.example", "Recordatorio de pago")) is None
    assert _clasificar(no_relacionado()) is None


def test_lo_que_escribe_el_dueno_no_es_una_respuesta():
    assert _clasificar(respuesta(ID_A, f"Cobros <{DUENO}>", "Recordatorio de pago")) is None


def test_dsn_de_gmail_5_1_1_es_rebote_con_la_direccion():
    llegada = _clasificar(dsn_gmail(ORIGINAL_B, "nadie@beta.example"))
    assert llegada.tipo == TipoLlegada.REBOTE and llegada.cliente == "BETA" and llegada.facturas == ("FV-9",)
    assert llegada.direcciones == ("nadie@beta.example",) and llegada.original == ID_B
    assert llegada.extracto.startswith("La dirección no existe (5.1.1). ** Address not found **")


def test_asunto_en_utf_8_crudo_o_codificado_se_lee_bien():
    crudo = respuesta(ID_A, "maria@acme.example", "Primer aviso — factura FV-1")
    assert _clasificar(crudo).asunto == "RE: Primer aviso — factura FV-1"
    codificado = crudo.replace("RE: Primer aviso — factura FV-1".encode(), b"=?UTF-8?B?" + __import__("base64").b64encode(
        "RE: Primer aviso — factura FV-1".encode()) + b"?=")
    assert _clasificar(codificado).asunto == "RE: Primer aviso — factura FV-1"


def test_dsn_con_un_destinatario_entregado_y_otro_fallido():
    mixto = dsn_gmail(ORIGINAL_B, "nadie@beta.example").replace(
        b"Final-Recipient: rfc822; nadie@beta.example",
        b"Final-Recipient: rfc822; otro@beta.example\r\nAction: delivered\r\nStatus: 2.0.0\r\n\r\n"
        b"Final-Recipient: rfc822; nadie@beta.example")
    llegada = _clasificar(mixto)
    assert llegada.tipo == TipoLlegada.REBOTE and llegada.direcciones == ("nadie@beta.example",)


def test_rebote_antiguo_de_texto_con_x_failed_recipients():
    llegada = _clasificar(rebote_antiguo(ID_B, "nadie@beta.example", "Recordatorio de pago"))
    assert llegada.tipo == TipoLlegada.REBOTE and llegada.cliente == "BETA"
    assert llegada.direcciones == ("nadie@beta.example",)


def test_rebote_sin_identificador_se_ata_por_la_direccion():
    sin_id = rebote_antiguo("<otro@ninguno>", "nadie@beta.example", "x").replace(b"Message-ID: <otro@ninguno>\r\n", b"")
    llegada = _clasificar(sin_id)
    assert llegada is not None and llegada.cliente == "BETA"


def test_retraso_4_4_7_no_es_rebote():
    llegada = _clasificar(retraso(ORIGINAL_B, "nadie@beta.example"))
    assert llegada.tipo == TipoLlegada.RETRASO and llegada.direcciones == ("nadie@beta.example",)


def test_solo_las_cabeceras_deciden_que_se_descarga():
    nuestros = frozenset(ENVIADOS)
    assert cabeceras_interesan(respuesta(ID_A, "maria@acme.example", "x").split(b"\r\n\r\n")[0], nuestros)
    assert cabeceras_interesan(rebote_antiguo(ID_B, "nadie@beta.example", "x").split(b"\r\n\r\n")[0], nuestros)
    assert not cabeceras_interesan(no_relacionado().split(b"\r\n\r\n")[0], nuestros)
    propio = f"From: {DUENO}\r\nTo: pagos@acme.example\r\nMessage-ID: {ID_A}\r\nSubject: Recordatorio\r\n".encode()
    assert not cabeceras_interesan(propio, nuestros)  # our own sent message, in «All Mail»


@pytest.mark.parametrize(("texto", "esperado"), [
    ("Hola\n\nYa pagué.\n\nOn Tue, Nov 24, 2026 at 9:00 AM Cobros wrote:\n> texto", "Hola Ya pagué."),
    ("> citado\nNo debo esa factura.\n-----Mensaje original-----\nDe: x", "No debo esa factura."),
    ("Gracias\n--\nFirma", "Gracias"),
])
def test_extracto_sin_citas(texto, esperado):
    assert extracto(texto) == esperado


# --- plan.pausas ---------------------------------------------------------------
CLIENTES = pd.DataFrame({"cliente": ["ACME", "BETA"], "correos": [("pagos@acme.example",), ("nadie@beta.example",)],
                         "cc": [(), ("otro@beta.example",)]})


def _llegada(tipo, cliente, fecha, de="", direcciones=()):
    return Llegada(fecha, tipo, cliente, (), de, "", "", direcciones, f"<{cliente}{fecha}>", "")


def test_pausa_dura_los_dias_configurados():
    respondio = _llegada(TipoLlegada.RESPUESTA, "ACME", dt.datetime(2026, 11, 25, 10))
    assert pausas.atencion([respondio], CLIENTES, dt.date(2026, 12, 8), 14).pausas == (("ACME", dt.date(2026, 11, 25)),)
    assert pausas.atencion([respondio], CLIENTES, dt.date(2026, 12, 9), 14).pausas == ()
    assert pausas.atencion([respondio], CLIENTES, dt.date(2026, 11, 25), 0).pausas == ()


def test_rebote_vale_mientras_la_direccion_siga_en_el_libro():
    reboto = _llegada(TipoLlegada.REBOTE, "BETA", dt.datetime(2026, 11, 25), direcciones=("NADIE@beta.example",))
    assert pausas.atencion([reboto], CLIENTES, dt.date(2026, 11, 26), 14).rebotadas == (("BETA", ("NADIE@beta.example",)),)
    corregido = CLIENTES.assign(correos=[("pagos@acme.example",), ("nueva@beta.example",)])
    assert pausas.atencion([reboto], corregido, dt.date(2026, 11, 26), 14).rebotadas == ()
    demora = reboto._replace(tipo=TipoLlegada.RETRASO)
    assert pausas.atencion([demora], CLIENTES, dt.date(2026, 11, 26), 14) == Atencion()


def test_una_respuesta_desde_la_direccion_rebotada_la_rehabilita():
    reboto = _llegada(TipoLlegada.REBOTE, "BETA", dt.datetime(2026, 11, 25), direcciones=("nadie@beta.example",))
    luego = _llegada(TipoLlegada.RESPUESTA, "BETA", dt.datetime(2026, 11, 26), de="nadie@beta.example")
    assert pausas.atencion([luego, reboto], CLIENTES, dt.date(2026, 11, 27), 14).rebotadas == ()


def test_dia_mes_en_el_orden_del_pais():
    assert pausas.dia_mes(dt.date(2026, 11, 25), "CO") == "25/11"
    assert pausas.dia_mes(dt.date(2026, 11, 25), "US") == "11/25"
