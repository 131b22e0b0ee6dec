"""Replies and bounces end to end: the real ``cartera cobrar --enviar`` against a loopback SMTP server
(``servidor_smtp``) and a loopback IMAP server (``servidor_imap``, pymap) holding real-shaped messages.

Seven clients, one invoice each, due 20/11/2026.  The first run (corte 23/11, «Primer aviso») sends
to all seven; then the mailbox receives: ALFA's human reply, BRAVO's reply from another address of
the company, CHARLIE's Gmail DSN 5.1.1 (its only address), DELTA's old plain-text bounce on one of
its two addresses, ECO's 4.4.7 delay, FOXTROT's out-of-office answer, and an unrelated newsletter.
The second run (corte 30/11, «Segundo aviso» due) must pause exactly ALFA and BRAVO, put CHARLIE
on the call list with «el correo rebotó», keep writing to DELTA at its other address, ignore the
rest, and a third run must read nothing twice.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import ssl
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from correos_devueltos import dsn_gmail, fuera_de_oficina, no_relacionado, rebote_antiguo, respuesta, retraso
from libros import escribir_libro
from servidor_imap import Corte, ServidorIMAP, TunelTLS
from servidor_smtp import USUARIO, ServidorSMTP

from cartera.comandos import cobrar
from cartera.correo import buzon
from cartera.libro import diario

VENCE = dt.date(2026, 11, 20)
PRIMERA, SEGUNDA = dt.date(2026, 11, 23), dt.date(2026, 11, 30)
ZONA = dt.timezone(dt.timedelta(hours=-5))
CLIENTES = {
    "ALFA": "pagos@alfa.example", "BRAVO": "tesoreria@bravo.example", "CHARLIE": "nadie@charlie.example",
    "DELTA": "compras@delta.example; pagos@delta.example", "ECO": "cuentas@eco.example",
    "FOXTROT": "maria@foxtrot.example", "GOLF": "caja@golf.example",
}


@pytest.fixture
def servidor_imap() -> Iterator[ServidorIMAP]:
    servidor = ServidorIMAP().arrancar()
    yield servidor
    servidor.parar()


@pytest.fixture(autouse=True)
def registro_intacto():
    """``cobrar`` points the ``cartera`` logger at a file beside the workbook: put it back afterwards."""
    registro = logging.getLogger("cartera")
    antes = list(registro.handlers)
    yield
    for manejador in [m for m in registro.handlers if m not in antes]:
        registro.removeHandler(manejador)
        manejador.close()


def _libro(carpeta: Path, smtp: ServidorSMTP, imap_host: str, imap_puerto: int, *, vista: bool = False,
           **extra: object) -> Path:
    """The seven clients' workbook; ``vista``: with an empty «Respuesta vista» column in Clientes."""
    config = {"Empresa": "Suministros Andinos", "Correo remitente": USUARIO, "Moneda": "COP", "País": "CO",
              "Servidor SMTP": smtp.host, "Puerto SMTP": smtp.puerto, "Seguridad SMTP": "Ninguna",
              "Servidor IMAP": imap_host, "Puerto IMAP": imap_puerto, "Seguridad IMAP": "Ninguna", **extra}
    return escribir_libro(carpeta / "cartera.xlsx", {
        "Clientes": [["Cliente", "Nombre", "Correo", "Teléfono", *(["Respuesta vista"] if vista else [])],
                     *([c, f"{c.title()} S.A.S.", correo, "6015551234", *([None] if vista else [])]
                       for c, correo in CLIENTES.items())],
        "Facturas": [["Factura", "Cliente", "Emisión", "Vencimiento", "Total"],
                     *([f"FV-{n}", c, dt.date(2026, 10, 21), VENCE, 1_000_000 * n] for n, c in enumerate(CLIENTES, 1))],
        "Configuración": [["Parámetro", "Valor"], *([k, v] for k, v in config.items())],
    })


def _correr(libro: Path, fecha: dt.date, capsys: pytest.CaptureFixture[str], modo=cobrar.Modo.ENVIO) -> tuple[int, dict]:
    """``cartera cobrar --enviar --json`` in process, its clock at 9:00 of ``fecha`` (two runs, two days)."""
    ahora = dt.datetime.combine(fecha, dt.time(9, 0), tzinfo=ZONA)
    opciones = cobrar.Opciones(libro=libro, fecha=fecha, modo=modo, interactivo=False, abrir=False,
                               ahora=ahora, json=True, espera_smtp=0.01)
    capsys.readouterr()
    codigo = cobrar.cobrar(opciones)
    return codigo, json.loads(capsys.readouterr().out)


def _enviados(carpeta: Path) -> dict[str, diario.Resultado]:
    """Our first run's messages by client."""
    return {r.cliente: r for r in diario.leer_diario(carpeta)}


def _cargar_buzon(imap: ServidorIMAP, smtp: ServidorSMTP, carpeta: Path, momento: dt.datetime) -> None:
    enviados = _enviados(carpeta)
    originales = {r.mensaje["Message-ID"]: r.datos for r in smtp.recibidos}
    alfa, bravo, charlie, delta, eco, fox = (enviados[c] for c in ("ALFA", "BRAVO", "CHARLIE", "DELTA", "ECO", "FOXTROT"))
    imap.depositar(
        respuesta(alfa.message_id, "Ana Ruiz <pagos@alfa.example>", alfa.asunto, momento=momento, n=1),
        respuesta(bravo.message_id, "Contabilidad Bravo <contabilidad@bravo.example>", bravo.asunto, momento=momento,
                  n=2, cc="tesoreria@bravo.example",
                  cuerpo="Buen día:\n\nEsa factura tiene un error en el valor; le enviamos la nota crédito."),
        dsn_gmail(originales[charlie.message_id], "nadie@charlie.example", momento=momento),
        rebote_antiguo(delta.message_id, "pagos@delta.example", delta.asunto, momento=momento),
        retraso(originales[eco.message_id], "cuentas@eco.example", momento=momento),
        fuera_de_oficina(fox.message_id, "maria@foxtrot.example", fox.asunto, momento=momento),
        no_relacionado(momento=momento),
    )


def _filas(ruta: Path, hoja: str, primera: str = "Cliente") -> list[dict]:
    """The rows under the sheet's header row (the first whose first cell is ``primera``)."""
    wb = openpyxl.load_workbook(ruta, read_only=True)
    valores = list(wb[hoja].iter_rows(values_only=True))
    wb.close()
    inicio = next(i for i, fila in enumerate(valores) if fila and fila[0] == primera)
    return [dict(zip(valores[inicio], fila, strict=False)) for fila in valores[inicio + 1:] if any(v is not None for v in fila)]


def test_respuestas_y_rebotes_de_punta_a_punta(tmp_path, capsys, servidor_smtp, servidor_imap, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp, servidor_imap.host, servidor_imap.puerto)
    codigo, primero = _correr(libro, PRIMERA, capsys)
    assert codigo == 0 and primero["mensajes"]["enviado"] == 7 and primero["respuestas"] == []
    momento = dt.datetime.combine(PRIMERA, dt.time(15, 0), tzinfo=ZONA)
    _cargar_buzon(servidor_imap, servidor_smtp, tmp_path, momento)
    antes = len(servidor_smtp.recibidos)

    codigo, segundo = _correr(libro, SEGUNDA, capsys)
    assert codigo == 0, segundo["notas"]
    tipos = sorted((x["cliente"], x["tipo"]) for x in segundo["respuestas"])
    assert tipos == [("ALFA", "respuesta"), ("BRAVO", "respuesta"), ("CHARLIE", "rebote"), ("DELTA", "rebote"),
                     ("ECO", "retraso")]
    nuevos = servidor_smtp.recibidos[antes:]
    destinos = {d for r in nuevos for d in r.destinatarios}
    assert destinos == {"compras@delta.example", "cuentas@eco.example", "maria@foxtrot.example", "caja@golf.example"}
    assert all(r.mensaje["Subject"] for r in nuevos)

    informe = tmp_path / "informes" / f"antiguedad_{SEGUNDA.isoformat()}.xlsx"
    wb = openpyxl.load_workbook(informe, read_only=True)
    assert wb.sheetnames[0] == "Respuestas"
    wb.close()
    filas = _filas(informe, "Respuestas", "Fecha")
    assert list(filas[0]) == ["Fecha", "Cliente", "Facturas", "Tipo", "De", "Asunto", "Extracto", "Acción"]
    bravo = next(f for f in filas if f["Cliente"] == "BRAVO")
    assert bravo["De"] == "contabilidad@bravo.example" and bravo["Facturas"] == "FV-2"
    assert bravo["Extracto"].startswith("Buen día: Esa factura tiene un error")
    pausa = "En pausa: respondió el 23/11"
    omitidas = {f["Cliente"]: f["Motivo"] for f in _filas(informe, "Recordatorios") if f["Resultado"] == "omitido"}
    assert omitidas["ALFA"] == omitidas["BRAVO"] == pausa
    assert "el correo rebotó" in omitidas["CHARLIE"]
    llamadas = {f["Cliente"]: f["Motivo"] for f in _filas(informe, "Llamadas")}
    assert llamadas == {"CHARLIE": "Sin correo válido: el correo rebotó"}
    acciones = {f["Cliente"]: f["Acción"] for f in _filas(informe, "Detalle", "Factura")}
    assert acciones["ALFA"] == pausa and acciones["CHARLIE"] == "Llamar: el correo rebotó"

    # the third run (a day later, same corte) reads nothing twice; the pauses and the bounce stand
    guardado = buzon.cargar(tmp_path)
    assert len(guardado.llegadas) == 5 and guardado.carpetas["INBOX"].uid > 0
    _, tercero = _correr(libro, SEGUNDA + dt.timedelta(days=1), capsys)
    assert tercero["respuestas"] == [] and tercero["llamadas"] == 1
    informe3 = tmp_path / "informes" / f"antiguedad_{(SEGUNDA + dt.timedelta(days=1)).isoformat()}.xlsx"
    assert "Respuestas" not in openpyxl.load_workbook(informe3, read_only=True).sheetnames
    # nothing was marked read: every message in the mailbox is still unseen
    assert all(b"\\Seen" not in f for f in servidor_imap.banderas())


def test_respuesta_vista_quita_la_pausa(tmp_path, capsys, servidor_smtp, servidor_imap, clave_guardada):
    """The owner writes the day they read ALFA's reply in «Respuesta vista»: ALFA's reminders resume, BRAVO's wait."""
    libro = _libro(tmp_path, servidor_smtp, servidor_imap.host, servidor_imap.puerto, vista=True)
    _correr(libro, PRIMERA, capsys)
    _cargar_buzon(servidor_imap, servidor_smtp, tmp_path, dt.datetime.combine(PRIMERA, dt.time(15, 0), tzinfo=ZONA))
    _correr(libro, SEGUNDA, capsys)
    wb = openpyxl.load_workbook(libro)
    hoja = wb["Clientes"]
    for fila in hoja.iter_rows(min_row=2):
        if fila[0].value == "ALFA":
            fila[4].value = dt.datetime(2026, 11, 23)
    wb.save(libro)
    antes = len(servidor_smtp.recibidos)
    _, tercero = _correr(libro, SEGUNDA + dt.timedelta(days=1), capsys)
    destinos = {d for r in servidor_smtp.recibidos[antes:] for d in r.destinatarios}
    assert destinos == {"pagos@alfa.example"} and tercero["mensajes"]["enviado"] == 1
    informe = tmp_path / "informes" / f"antiguedad_{(SEGUNDA + dt.timedelta(days=1)).isoformat()}.xlsx"
    omitidas = {f["Cliente"]: f["Motivo"] for f in _filas(informe, "Recordatorios") if f["Resultado"] == "omitido"}
    assert omitidas["BRAVO"] == "En pausa: respondió el 23/11" and "ALFA" not in omitidas


def test_cambio_de_uidvalidity_no_duplica(tmp_path, capsys, servidor_smtp, servidor_imap, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp, servidor_imap.host, servidor_imap.puerto)
    _correr(libro, PRIMERA, capsys)
    _cargar_buzon(servidor_imap, servidor_smtp, tmp_path, dt.datetime.combine(PRIMERA, dt.time(15, 0), tzinfo=ZONA))
    _, segundo = _correr(libro, SEGUNDA, capsys)
    assert len(segundo["respuestas"]) == 5
    servidor_imap.cambiar_uidvalidity()
    _, tercero = _correr(libro, SEGUNDA + dt.timedelta(days=1), capsys)
    assert tercero["respuestas"] == []
    assert len(buzon.cargar(tmp_path).llegadas) == 5


@pytest.mark.parametrize("falla", ["clave", "cerrado", "corte"])
def test_falla_imap_deja_el_dia_como_sin_respuestas(falla, tmp_path, capsys, servidor_smtp, servidor_imap,
                                                      clave_guardada):
    """Refused login, nothing listening, the server gone mid-read: one warning naming IMAP, the same plan."""
    corte = Corte(servidor_imap)
    puertos = {"clave": servidor_imap.puerto, "cerrado": _puerto_cerrado(), "corte": corte.puerto}
    carpetas = {}
    for nombre, extra in (("falla", {"Puerto IMAP": puertos[falla]}), ("apagado", {"Leer respuestas": "no"})):
        carpeta = tmp_path / nombre
        carpeta.mkdir()
        libro = _libro(carpeta, servidor_smtp, servidor_imap.host, servidor_imap.puerto, **extra)
        _correr(libro, PRIMERA, capsys)
        carpetas[nombre] = (carpeta, libro)
    _cargar_buzon(servidor_imap, servidor_smtp, carpetas["falla"][0], dt.datetime.now(ZONA))
    if falla == "clave":
        servidor_imap.clave = "otra-clave"
        _cambiar_clave(servidor_imap)
    resultados = {}
    for nombre, (_, libro) in carpetas.items():
        antes = len(servidor_smtp.recibidos)
        codigo, resumen = _correr(libro, SEGUNDA, capsys)
        enviados = sorted(d for r in servidor_smtp.recibidos[antes:] for d in r.destinatarios)
        resultados[nombre] = (codigo, resumen, enviados)
    (codigo, resumen, enviados), (codigo_sin, resumen_sin, enviados_sin) = resultados["falla"], resultados["apagado"]
    assert (codigo, enviados, resumen["mensajes"], resumen["llamadas"]) == (
        codigo_sin, enviados_sin, resumen_sin["mensajes"], resumen_sin["llamadas"])
    avisos = [n for n in resumen["notas"] if "IMAP" in n]
    assert len(avisos) == 1 and "respuestas" in avisos[0] and resumen_sin["notas"] == []
    assert resumen["respuestas"] == [] and not buzon.ruta_memoria(carpetas["falla"][0]).exists()
    if falla == "corte":
        assert corte.cortes >= 1
    corte.cerrar()


def test_en_prueba_se_lee_pero_no_se_recuerda(tmp_path, capsys, servidor_smtp, servidor_imap, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp, servidor_imap.host, servidor_imap.puerto)
    _correr(libro, PRIMERA, capsys)
    memoria = buzon.ruta_memoria(tmp_path)
    assert not memoria.exists()  # the first run had nothing of ours to look for yet
    _cargar_buzon(servidor_imap, servidor_smtp, tmp_path, dt.datetime.combine(PRIMERA, dt.time(15, 0), tzinfo=ZONA))
    enviados = len(servidor_smtp.recibidos)
    _, prueba = _correr(libro, SEGUNDA, capsys, modo=cobrar.Modo.PRUEBA)
    assert len(prueba["respuestas"]) == 5 and prueba["llamadas"] == 1
    assert not memoria.exists() and len(servidor_smtp.recibidos) == enviados
    _, envio = _correr(libro, SEGUNDA, capsys)
    assert len(envio["respuestas"]) == 5  # the trial remembered nothing: the sending run reads them itself


def test_leer_respuestas_no_no_lee(tmp_path, capsys, servidor_smtp, servidor_imap, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp, servidor_imap.host, servidor_imap.puerto, **{"Leer respuestas": "no"})
    _correr(libro, PRIMERA, capsys)
    _cargar_buzon(servidor_imap, servidor_smtp, tmp_path, dt.datetime.combine(PRIMERA, dt.time(15, 0), tzinfo=ZONA))
    _, segundo = _correr(libro, SEGUNDA, capsys)
    assert segundo["respuestas"] == [] and segundo["llamadas"] == 0 and segundo["mensajes"]["enviado"] == 7
    assert not buzon.ruta_memoria(tmp_path).exists()


def _puerto_cerrado() -> int:
    from servidor_smtp import puerto_libre

    return puerto_libre()


def _cambiar_clave(servidor: ServidorIMAP) -> None:
    """The owner revoked the app password: the server now refuses the one in the keyring."""
    import asyncio

    from pymap.user import Passwords, UserMetadata

    async def cambiar() -> None:
        config = servidor._config  # noqa: SLF001
        login_ = servidor._login  # noqa: SLF001
        hashed = await Passwords(config).hash_password("otra-clave")
        login_.users_dict[servidor.usuario] = UserMetadata(config, servidor.usuario, password=hashed)
    asyncio.run_coroutine_threadsafe(cambiar(), servidor._bucle).result(timeout=30)  # noqa: SLF001


def test_message_id_unico_aun_con_el_mismo_asunto_y_destinatario(tmp_path):
    """yagmail derives a Message-ID from sender, recipient and subject; ours (make_msgid) differ per message."""
    from cartera.correo.despacho import Despacho, _construir
    from cartera.decisiones import Aviso, Mensaje, TipoAviso
    from cartera.modelo import Configuracion
    from cartera.vocabulario import Canal

    aviso = Aviso(TipoAviso.RECORDATORIO, "ALFA", "Primer aviso", "primer_aviso", ("FV-1",), (("FV-1", "Primer aviso"),),
                  ("pagos@alfa.example",), (), frozenset({Canal.CORREO}))
    mensaje = Mensaje(aviso, "Recordatorio de pago", "Texto", "<p>Texto</p>", ())
    despacho = Despacho(Configuracion(correo_remitente=USUARIO), tmp_path, dt.datetime(2026, 11, 23, 9, tzinfo=ZONA))
    ids = [_construir(mensaje, despacho)[1] for _ in range(50)]  # noqa: SLF001
    assert len(set(ids)) == 50 and all(i.endswith("@example.com>") for i in ids)


def test_el_comando_real_lee_respuestas_y_lo_dice_primero(tmp_path, servidor_smtp, servidor_imap, clave_guardada):
    """``python -m cartera cobrar --enviar`` twice the same day: the second run reads the replies and the bounce."""
    from test_enviar import cartera as comando

    libro = _libro(tmp_path, servidor_smtp, servidor_imap.host, servidor_imap.puerto)
    primero = comando("cobrar", libro.name, "--enviar", "--no-abrir", "--fecha", PRIMERA.isoformat(), cwd=tmp_path)
    assert primero.returncode == 0, primero.stderr
    enviados = _enviados(tmp_path)
    originales = {r.mensaje["Message-ID"]: r.datos for r in servidor_smtp.recibidos}
    hace_un_rato = dt.datetime.now().astimezone() - dt.timedelta(hours=1)
    alfa, bravo, charlie, fox = (enviados[c] for c in ("ALFA", "BRAVO", "CHARLIE", "FOXTROT"))
    servidor_imap.depositar(
        respuesta(alfa.message_id, "pagos@alfa.example", alfa.asunto, momento=hace_un_rato, n=1),
        respuesta(bravo.message_id, "contabilidad@bravo.example", bravo.asunto, momento=hace_un_rato, n=2),
        dsn_gmail(originales[charlie.message_id], "nadie@charlie.example", momento=hace_un_rato),
        fuera_de_oficina(fox.message_id, "maria@foxtrot.example", fox.asunto, momento=hace_un_rato),
        no_relacionado(momento=hace_un_rato),
    )
    segundo = comando("cobrar", libro.name, "--enviar", "--no-abrir", "--fecha", SEGUNDA.isoformat(), cwd=tmp_path)
    assert segundo.returncode == 0, segundo.stdout + segundo.stderr
    lineas = segundo.stdout.splitlines()
    assert lineas[0] == "Requiere su atención: 2 clientes respondieron, 1 correo rebotó (hoja Respuestas del informe)"
    assert "IMAP" not in segundo.stdout
    informe = tmp_path / "informes" / f"antiguedad_{SEGUNDA.isoformat()}.xlsx"
    pausa = f"En pausa: respondió el {hace_un_rato.strftime('%d/%m')}"
    omitidas = {f["Cliente"]: f["Motivo"] for f in _filas(informe, "Recordatorios") if f["Resultado"] == "omitido"}
    assert omitidas["ALFA"] == omitidas["BRAVO"] == pausa
    assert {f["Cliente"]: f["Motivo"] for f in _filas(informe, "Llamadas")} == {"CHARLIE": "Sin correo válido: el correo rebotó"}
    assert [f["Tipo"] for f in _filas(informe, "Respuestas", "Fecha")] == ["respuesta", "respuesta", "rebote"]


def _contexto_servidor(ca) -> ssl.SSLContext:  # noqa: ANN001 - a trustme.CA
    """A server-side TLS context with a certificate for 127.0.0.1 signed by the test CA."""
    contexto = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(contexto)
    return contexto


def test_starttls_con_certificado_verificado(tmp_path, ca_smtp, confiar_en_ca, capsys, servidor_smtp, clave_guardada):
    """``Seguridad IMAP = STARTTLS`` against a server whose certificate the test CA signed (verified for real)."""
    contexto = _contexto_servidor(ca_smtp)
    servidor = ServidorIMAP(tls=contexto).arrancar()
    try:
        libro = _libro(tmp_path, servidor_smtp, "127.0.0.1", servidor.puerto, **{"Seguridad IMAP": "STARTTLS"})
        _correr(libro, PRIMERA, capsys)
        enviados = _enviados(tmp_path)
        alfa = enviados["ALFA"]
        _depositar_con_tls(servidor, respuesta(alfa.message_id, "pagos@alfa.example", alfa.asunto))
        _, segundo = _correr(libro, SEGUNDA, capsys)
        assert [x["cliente"] for x in segundo["respuestas"]] == ["ALFA"] and not any("IMAP" in n for n in segundo["notas"])
    finally:
        servidor.parar()


def _depositar_con_tls(servidor: ServidorIMAP, datos: bytes) -> None:
    import imaplib

    conexion = imaplib.IMAP4(servidor.host, servidor.puerto)
    conexion.starttls()
    conexion.login(servidor.usuario, servidor.clave)
    conexion.append("INBOX", None, imaplib.Time2Internaldate(dt.datetime.now(dt.UTC).timestamp()), datos)
    conexion.logout()


def test_starttls_con_certificado_no_confiable_es_un_aviso(tmp_path, ca_smtp, capsys, servidor_smtp, clave_guardada):
    """A certificate no trusted authority signed: the read is refused (one IMAP warning), the day goes on."""
    contexto = _contexto_servidor(ca_smtp)
    servidor = ServidorIMAP(tls=contexto).arrancar()
    try:
        libro = _libro(tmp_path, servidor_smtp, "127.0.0.1", servidor.puerto, **{"Seguridad IMAP": "STARTTLS"})
        _correr(libro, PRIMERA, capsys)
        codigo, segundo = _correr(libro, SEGUNDA, capsys)
        avisos = [n for n in segundo["notas"] if "IMAP" in n]
        assert codigo == 0 and len(avisos) == 1 and segundo["mensajes"]["enviado"] == 7
        assert "certificado" in avisos[0]
    finally:
        servidor.parar()


@pytest.mark.parametrize("confiable", [True, False])
def test_ssl_implicito_como_gmail(tmp_path, ca_smtp, request, capsys, servidor_smtp, servidor_imap, clave_guardada,
                                  confiable):
    """``Seguridad IMAP = SSL`` (Gmail's port 993): TLS from the first byte, the certificate verified for real;
    an untrusted one is one IMAP warning and the day goes on."""
    if confiable:
        request.getfixturevalue("confiar_en_ca")
    tunel = TunelTLS(servidor_imap, _contexto_servidor(ca_smtp))
    try:
        libro = _libro(tmp_path, servidor_smtp, "127.0.0.1", tunel.puerto, **{"Seguridad IMAP": "SSL"})
        _correr(libro, PRIMERA, capsys)
        alfa = _enviados(tmp_path)["ALFA"]
        servidor_imap.depositar(respuesta(alfa.message_id, "pagos@alfa.example", alfa.asunto))
        codigo, segundo = _correr(libro, SEGUNDA, capsys)
        avisos = [n for n in segundo["notas"] if "IMAP" in n]
        if confiable:
            assert [x["cliente"] for x in segundo["respuestas"]] == ["ALFA"] and avisos == []
        else:
            assert segundo["respuestas"] == [] and len(avisos) == 1 and "certificado" in avisos[0]
            assert codigo == 0 and segundo["mensajes"]["enviado"] == 7
    finally:
        tunel.cerrar()


@pytest.fixture
def dovecot_gmail() -> Iterator:
    """Dovecot with Gmail's folders under their Spanish names (skipped where dovecot cannot run)."""
    import dovecot

    motivo = dovecot.disponible()
    if motivo:
        pytest.skip(motivo)
    servidor = dovecot.Dovecot().arrancar()
    yield servidor
    servidor.parar()


def test_todos_los_correos_por_su_bandera_especial(tmp_path, capsys, servidor_smtp, dovecot_gmail, clave_guardada):
    """«All Mail» found by ``\\All`` though named «[Gmail]/Todos»: a reply the owner archived (only there) is
    read; a reply in both folders, as Gmail keeps it, counts once; nothing is marked read; a third run reads
    nothing again."""
    from dovecot import TODOS

    libro = _libro(tmp_path, servidor_smtp, dovecot_gmail.host, dovecot_gmail.puerto)
    _correr(libro, PRIMERA, capsys)
    enviados = _enviados(tmp_path)
    momento = dt.datetime.combine(PRIMERA, dt.time(15, 0), tzinfo=ZONA)
    alfa, bravo = enviados["ALFA"], enviados["BRAVO"]
    de_alfa = respuesta(alfa.message_id, "Ana Ruiz <pagos@alfa.example>", alfa.asunto, momento=momento, n=1)
    archivada = respuesta(bravo.message_id, "Tesorería <tesoreria@bravo.example>", bravo.asunto, momento=momento, n=2)
    dovecot_gmail.depositar(de_alfa)
    dovecot_gmail.depositar(de_alfa, archivada, carpeta=TODOS)
    codigo, segundo = _correr(libro, SEGUNDA, capsys)
    assert codigo == 0 and not any("IMAP" in n for n in segundo["notas"]), segundo["notas"]
    assert sorted(x["cliente"] for x in segundo["respuestas"]) == ["ALFA", "BRAVO"]
    assert set(buzon.cargar(tmp_path).carpetas) == {"INBOX", TODOS}
    assert dovecot_gmail.sin_leer("INBOX") == 1 and dovecot_gmail.sin_leer(TODOS) == 2
    _, tercero = _correr(libro, SEGUNDA + dt.timedelta(days=1), capsys)
    assert tercero["respuestas"] == []
