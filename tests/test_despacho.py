"""despacho: the one dispatch loop, driven in-process with both senders.

The preview path writes real ``.eml`` files; the send path talks to the
Gmail-like server on 127.0.0.1 (``servidor_smtp``) with the app password in
the test keyring (``conftest.llavero``).  A scripted sender checks what the
journal holds at the moment a message is handed over.
"""

from __future__ import annotations

import datetime as dt
import json
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from servidor_smtp import CLAVE, USUARIO, Comportamiento, ServidorSMTP

from cartera.correo import clave, remitentes
from cartera.correo.despacho import CANCELADO, LIMITE_DIARIO, NO_CONFIRMADO, Despacho, cancelado, despachar
from cartera.correo.respuestas import Entrega, LimiteAlcanzado
from cartera.decisiones import Aviso, Mensaje, TipoAviso
from cartera.errores import CorreoError
from cartera.libro import diario
from cartera.modelo import Configuracion
from cartera.vocabulario import Canal, ResultadoAccion

AHORA = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def mensaje(cliente: str, factura: str = "FE-1", *, etapa: str = "Primer aviso") -> Mensaje:
    aviso = Aviso(TipoAviso.RECORDATORIO, cliente, etapa, "primer_aviso", (factura,), ((factura, etapa),),
                  (f"pagos@{cliente.lower()}.example",), (), frozenset({Canal.CORREO}))
    return Mensaje(aviso, f"{etapa}: factura {factura}", "Buen día.\n", "<p>Buen día.</p>\n", ())


MENSAJES = (mensaje("ANDINA", "FE-1"), mensaje("ROBLE", "FE-2"), mensaje("SOL", "FE-3"))


def despacho(carpeta: Path, **ajustes: object) -> Despacho:
    return Despacho(Configuracion(empresa="Andina", correo_remitente=USUARIO, **ajustes), carpeta, AHORA)


def eventos(carpeta: Path) -> list[dict]:
    ruta = diario.ruta_diario(carpeta)
    return [json.loads(linea) for linea in ruta.read_text(encoding="utf-8").splitlines()] if ruta.exists() else []


def gmail_de(servidor: ServidorSMTP, limite: int = 400) -> tuple[remitentes.Gmail, Configuracion]:
    configuracion = Configuracion(empresa="Andina", correo_remitente=USUARIO, servidor_smtp=servidor.host,
                                  puerto_smtp=servidor.puerto, seguridad_smtp=servidor.seguridad, limite_diario=limite)
    clave.guardar_clave(USUARIO, CLAVE)
    return remitentes.de_gmail(configuracion, espera_inicial=0.01), configuracion


# --- preview -------------------------------------------------------------------------------


def test_vista_previa_escribe_los_eml_y_no_anota_nada(tmp_path: Path) -> None:
    salida = tmp_path / "salida" / "2026-11-24"
    salida.mkdir(parents=True)
    (salida / "viejo.eml").write_bytes(b"de una corrida anterior")
    hecho = despachar(MENSAJES, remitentes.VistaPrevia(salida, tmp_path), despacho(tmp_path, limite_diario=1))

    assert [r.resultado for r in hecho.resultados] == [ResultadoAccion.VISTA_PREVIA] * 3, "a preview has no limit"
    assert hecho.notas == ()
    archivos = sorted(p.name for p in salida.iterdir())
    assert archivos == ["001_andina_primer-aviso.eml", "002_roble_primer-aviso.eml", "003_sol_primer-aviso.eml"]
    assert [r.detalle for r in hecho.resultados] == [f"Vista previa: salida/2026-11-24/{n}" for n in archivos]
    leido = BytesParser(policy=policy.default).parsebytes((salida / archivos[1]).read_bytes())
    assert leido["Subject"] == "Primer aviso: factura FE-2" and leido["Message-ID"] == hecho.resultados[1].message_id
    assert (hecho.resultados[0].cliente, hecho.resultados[0].facturas, hecho.resultados[0].canal) == (
        "ANDINA", ("FE-1",), Canal.CORREO)
    assert hecho.resultados[0].fecha_hora == AHORA
    assert not diario.ruta_diario(tmp_path).exists(), "a trial leaves no journal"


def test_vista_previa_sin_mensajes_vacia_la_carpeta_del_dia(tmp_path: Path) -> None:
    salida = tmp_path / "salida" / "2026-11-24"
    salida.mkdir(parents=True)
    (salida / "viejo.eml").write_bytes(b"x")
    assert despachar((), remitentes.VistaPrevia(salida, tmp_path), despacho(tmp_path)).resultados == ()
    assert list(salida.iterdir()) == []


# --- send, against the loopback server ---------------------------------------------------------


def test_envio_por_gmail_anota_intencion_y_resultado(tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    gmail, configuracion = gmail_de(servidor_smtp)
    hecho = despachar(MENSAJES, gmail, Despacho(configuracion, tmp_path, AHORA))

    assert [r.resultado for r in hecho.resultados] == [ResultadoAccion.ENVIADO] * 3 and hecho.notas == ()
    assert [r.mensaje["Subject"] for r in servidor_smtp.recibidos] == [m.asunto for m in MENSAJES]
    ids = [r.message_id for r in hecho.resultados]
    assert [r.mensaje["Message-ID"] for r in servidor_smtp.recibidos] == ids
    lineas = eventos(tmp_path)
    assert [(e["evento"], e["resultado"], e["message_id"]) for e in lineas] == [
        par for i in ids for par in (("intencion", "pendiente", i), ("resultado", "enviado", i))]
    assert lineas[0]["facturas"] == ["FE-1"] and lineas[0]["destinatarios"] == ["pagos@andina.example"]
    assert diario.enviados_el(tmp_path, AHORA.date()) == 3
    assert servidor_smtp.inicios == 1, "one login per run"


def test_limite_diario_cuenta_lo_ya_enviado_hoy(tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    gmail, configuracion = gmail_de(servidor_smtp, limite=2)
    primero = despachar(MENSAJES[:1], gmail, Despacho(configuracion, tmp_path, AHORA))
    assert [r.resultado for r in primero.resultados] == [ResultadoAccion.ENVIADO]

    gmail, _ = gmail_de(servidor_smtp, limite=2)
    hecho = despachar(MENSAJES[1:], gmail, Despacho(configuracion, tmp_path, AHORA))
    assert [(r.cliente, r.resultado) for r in hecho.resultados] == [
        ("ROBLE", ResultadoAccion.ENVIADO), ("SOL", ResultadoAccion.OMITIDO)]
    assert hecho.resultados[1].detalle == LIMITE_DIARIO and hecho.resultados[1].message_id == ""
    assert len(servidor_smtp.recibidos) == 2
    assert [e["message_id"] for e in eventos(tmp_path) if e["evento"] == "intencion"] == [
        primero.resultados[0].message_id, hecho.resultados[0].message_id], "the omitted one is not journaled"


def test_cupo_agotado_no_se_conecta(tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    gmail, configuracion = gmail_de(servidor_smtp, limite=0)
    hecho = despachar(MENSAJES, gmail, Despacho(configuracion, tmp_path, AHORA))
    assert {(r.resultado, r.detalle) for r in hecho.resultados} == {(ResultadoAccion.OMITIDO, LIMITE_DIARIO)}
    assert servidor_smtp.conexiones == 0 and eventos(tmp_path) == []


def test_limite_de_gmail_a_mitad_de_corrida(tmp_path: Path, crear_servidor_smtp) -> None:
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(limite_diario=1))
    gmail, configuracion = gmail_de(servidor)
    hecho = despachar(MENSAJES, gmail, Despacho(configuracion, tmp_path, AHORA))
    assert [r.resultado for r in hecho.resultados] == [ResultadoAccion.ENVIADO] + [ResultadoAccion.OMITIDO] * 2
    assert "5.4.5" in hecho.resultados[1].detalle and hecho.resultados[2].detalle == LIMITE_DIARIO
    assert len(hecho.notas) == 1 and "5.4.5" in hecho.notas[0]
    assert [e["resultado"] for e in eventos(tmp_path) if e["evento"] == "resultado"] == ["enviado", "omitido"]


def test_envio_sin_mensajes_no_pide_nada(tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    gmail, configuracion = gmail_de(servidor_smtp)
    assert despachar((), gmail, Despacho(configuracion, tmp_path, AHORA)).resultados == ()
    assert servidor_smtp.conexiones == 0


def test_sin_clave_guardada_no_hay_remitente_gmail() -> None:
    with pytest.raises(CorreoError, match="cartera correo"):
        remitentes.de_gmail(Configuracion(correo_remitente="otro@example.com"), espera_inicial=0.01)
    with pytest.raises(CorreoError, match="Correo remitente"):
        remitentes.de_gmail(Configuracion(), espera_inicial=0.01)


# --- the journal around each hand-over, with a scripted sender -----------------------------------


class Guionado:
    """A sender that records what the journal held when each message was handed over, and obeys a script."""

    registra = True

    def __init__(self, carpeta: Path, guion: dict[str, Exception | Entrega], *, al_abrir: Exception | None = None):
        self.carpeta, self.guion, self.al_abrir = carpeta, guion, al_abrir
        self.vistos: list[list[dict]] = []
        self.cerrado = False

    def abrir(self) -> None:
        if self.al_abrir:
            raise self.al_abrir

    def entregar(self, correo: EmailMessage, aviso: Aviso) -> Entrega:
        self.vistos.append(eventos(self.carpeta))
        respuesta = self.guion.get(aviso.cliente, Entrega(ResultadoAccion.ENVIADO, "250 OK"))
        if isinstance(respuesta, Exception):
            raise respuesta
        return respuesta

    def cerrar(self) -> None:
        self.cerrado = True


def test_la_intencion_se_anota_antes_de_entregar(tmp_path: Path) -> None:
    remitente = Guionado(tmp_path, {"ROBLE": Entrega(ResultadoAccion.INCIERTO, "se cortó la línea")})
    hecho = despachar(MENSAJES, remitente, despacho(tmp_path))
    for visto, resultado in zip(remitente.vistos, hecho.resultados, strict=True):
        assert (visto[-1]["evento"], visto[-1]["resultado"], visto[-1]["message_id"]) == (
            "intencion", "pendiente", resultado.message_id)
    assert [r.resultado for r in hecho.resultados] == [
        ResultadoAccion.ENVIADO, ResultadoAccion.INCIERTO, ResultadoAccion.ENVIADO]
    assert [r.resultado for r in diario.leer_diario(tmp_path)] == [r.resultado for r in hecho.resultados]
    assert diario.enviados_el(tmp_path, AHORA.date()) == 3, "an incierto counts against the limit"
    assert remitente.cerrado


def test_un_error_de_correo_anota_omitido_y_detiene(tmp_path: Path) -> None:
    remitente = Guionado(tmp_path, {"ROBLE": CorreoError("Gmail no aceptó la contraseña")})
    with pytest.raises(CorreoError):
        despachar(MENSAJES, remitente, despacho(tmp_path))
    assert [(r.cliente, r.resultado) for r in diario.leer_diario(tmp_path)] == [
        ("ANDINA", ResultadoAccion.ENVIADO), ("ROBLE", ResultadoAccion.OMITIDO)]
    assert remitente.cerrado


def test_limite_al_iniciar_sesion_deja_todo_para_la_proxima(tmp_path: Path) -> None:
    remitente = Guionado(tmp_path, {}, al_abrir=LimiteAlcanzado("Gmail no admite más envíos por ahora"))
    hecho = despachar(MENSAJES, remitente, despacho(tmp_path))
    assert {(r.resultado, r.detalle) for r in hecho.resultados} == {
        (ResultadoAccion.OMITIDO, "Gmail no admite más envíos por ahora")}
    assert hecho.notas == ("Gmail no admite más envíos por ahora",)
    assert remitente.vistos == [] and eventos(tmp_path) == []


def test_cancelado_omite_todo_con_una_nota(tmp_path: Path) -> None:
    hecho = cancelado(MENSAJES, despacho(tmp_path))
    assert {(r.resultado, r.detalle) for r in hecho.resultados} == {(ResultadoAccion.OMITIDO, NO_CONFIRMADO)}
    assert hecho.notas == (CANCELADO,) and eventos(tmp_path) == []
