"""vista_previa: the EmailMessage (headers, parts, safe attachments) and the .eml files."""

from __future__ import annotations

import datetime as dt
import os
from email import message_from_bytes, policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from cartera.correo import vista_previa
from cartera.decisiones import ENVIO_FACTURA, RECORDATORIO, Aviso, Mensaje

FECHA = dt.datetime(2026, 11, 24, 18, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
PDF = b"%PDF-1.4\n% factura de prueba\n%%EOF\n"


def mensaje(*, asunto: str = "Primer aviso: factura FE-1 por $ 1.250.000", adjuntos: tuple[str, ...] = (),
            destinatarios: tuple[str, ...] = ("marta@cliente.co",), cc: tuple[str, ...] = ()) -> Mensaje:
    tipo = ENVIO_FACTURA if adjuntos else RECORDATORIO
    aviso = Aviso(tipo, "Ferretería El Tornillo", "Primer aviso", "primer_aviso", ("FE-1",),
                  (("FE-1", "Primer aviso"),), destinatarios, cc, frozenset({"correo"}))
    return Mensaje(aviso, asunto, "Buen día, Marta:\n\nSaldo: $ 1.250.000\n",
                   "<!DOCTYPE html><html><body><p>Buen día, Marta</p></body></html>\n", adjuntos)


def construir(m: Mensaje, carpeta: Path, nombre: str = "Laura Méndez (Andina)") -> vista_previa.CorreoListo:
    return vista_previa.construir_correo(m, remitente_nombre=nombre, remitente_correo="cartera@andina.co",
                                         message_id="<abc.123@andina.co>", carpeta_libro=carpeta, fecha=FECHA)


def releer(correo) -> object:
    return BytesParser(policy=policy.default).parsebytes(correo.as_bytes())


def test_encabezados_y_partes(tmp_path: Path) -> None:
    listo = construir(mensaje(cc=("contabilidad@cliente.co",)), tmp_path)
    leido = releer(listo.correo)
    assert str(leido["From"]) == '"Laura Méndez (Andina)" <cartera@andina.co>'
    assert str(leido["Reply-To"]) == str(leido["From"])
    assert str(leido["To"]) == "marta@cliente.co" and str(leido["Cc"]) == "contabilidad@cliente.co"
    assert leido["Subject"] == "Primer aviso: factura FE-1 por $ 1.250.000"
    assert leido["Date"].datetime == FECHA and leido["Message-ID"] == "<abc.123@andina.co>"
    assert leido.get_content_type() == "multipart/alternative"
    assert leido.get_body(("plain",)).get_content() == "Buen día, Marta:\n\nSaldo: $ 1.250.000\n"
    assert "<p>Buen día, Marta</p>" in leido.get_body(("html",)).get_content()
    assert listo.omitidos == ()


def test_adjunto_dentro_de_la_carpeta(tmp_path: Path) -> None:
    (tmp_path / "facturas").mkdir()
    (tmp_path / "facturas" / "FE-1.pdf").write_bytes(PDF)
    listo = construir(mensaje(adjuntos=("facturas/FE-1.pdf",)), tmp_path)
    leido = releer(listo.correo)
    assert leido.get_content_type() == "multipart/mixed"
    adjuntos = list(leido.iter_attachments())
    assert [(a.get_content_type(), a.get_filename()) for a in adjuntos] == [("application/pdf", "FE-1.pdf")]
    assert adjuntos[0].get_content() == PDF
    assert leido.get_body(("plain",)) is not None and leido.get_body(("html",)) is not None


@pytest.mark.parametrize("ruta", ["../secreto.pdf", "facturas/../../secreto.pdf", "ABSOLUTA", "enlace.pdf"])
def test_adjunto_fuera_de_la_carpeta_se_omite(tmp_path: Path, ruta: str) -> None:
    libro = tmp_path / "libro"
    libro.mkdir()
    secreto = tmp_path / "secreto.pdf"
    secreto.write_bytes(PDF)
    (libro / "enlace.pdf").symlink_to(secreto)
    ruta = str(secreto) if ruta == "ABSOLUTA" else ruta
    listo = construir(mensaje(adjuntos=(ruta,)), libro)
    assert list(releer(listo.correo).iter_attachments()) == []
    assert len(listo.omitidos) == 1 and "fuera de la carpeta del libro" in listo.omitidos[0]


def test_adjunto_que_no_existe(tmp_path: Path) -> None:
    listo = construir(mensaje(adjuntos=("facturas/no-esta.pdf",)), tmp_path)
    assert "no se encontró" in listo.omitidos[0]


def test_adjuntos_que_superan_15_mb(tmp_path: Path) -> None:
    for nombre in ("a.pdf", "b.pdf"):
        with open(tmp_path / nombre, "wb") as archivo:
            archivo.truncate(6 * 1024 * 1024)
    listo = construir(mensaje(adjuntos=("a.pdf", "b.pdf")), tmp_path)
    assert [a.get_filename() for a in releer(listo.correo).iter_attachments()] == ["a.pdf"]
    assert "15 MB" in listo.omitidos[0] and "b.pdf" in listo.omitidos[0]
    assert len(listo.correo.as_bytes()) < 15 * 1024 * 1024


def test_no_se_inyectan_encabezados(tmp_path: Path) -> None:
    m = mensaje(asunto="Hola\r\nBcc: victima@x.co\r\n\r\ncuerpo falso",
                destinatarios=("marta@cliente.co", "otro@x.co\r\nBcc: espia@x.co"))
    listo = construir(m, tmp_path, nombre="Ana\r\nBcc: espia@x.co")
    crudo = listo.correo.as_bytes()
    assert b"\nBcc:" not in crudo and b"\nbcc:" not in crudo.lower()
    leido = message_from_bytes(crudo, policy=policy.default)
    assert leido["Bcc"] is None
    assert leido["Subject"] == "Hola Bcc: victima@x.co cuerpo falso"
    assert str(leido["To"]) == "marta@cliente.co"
    assert leido["From"].addresses[0].display_name == "Ana Bcc: espia@x.co"
    assert any("no es un correo válido" in motivo for motivo in listo.omitidos)


def test_sin_direcciones_validas(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ninguna dirección"):
        construir(mensaje(destinatarios=("no-es-correo",)), tmp_path)


def test_remitente_invalido(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="remitente"):
        vista_previa.construir_correo(mensaje(), remitente_nombre="X", remitente_correo="sin arroba",
                                      message_id="<a@b>", carpeta_libro=tmp_path, fecha=FECHA)


def test_nombre_archivo() -> None:
    aviso = mensaje().aviso
    assert vista_previa.nombre_archivo(7, aviso) == "007_ferreteria-el-tornillo_primer-aviso.eml"
    raro = aviso._replace(cliente="../../Ñandú & Cía. <S.A.>", etapa="")
    nombre = vista_previa.nombre_archivo(12, raro)
    assert nombre == "012_nandu-cia-s-a_sin-nombre.eml" and nombre.isascii()


def test_escribir_eml_completo_y_sin_sobrescribir(tmp_path: Path) -> None:
    (tmp_path / "FE-1.pdf").write_bytes(PDF)
    correo = construir(mensaje(adjuntos=("FE-1.pdf",)), tmp_path).correo
    carpeta = tmp_path / "salida" / "2026-11-24"
    primera = vista_previa.escribir_eml(correo, carpeta, "001_ferreteria_primer-aviso.eml")
    segunda = vista_previa.escribir_eml(correo, carpeta, "001_ferreteria_primer-aviso.eml")
    assert primera.name == "001_ferreteria_primer-aviso.eml" and segunda.name == "001_ferreteria_primer-aviso_2.eml"
    with open(primera, "rb") as archivo:
        leido = BytesParser(policy=policy.default).parse(archivo)
    assert leido["Subject"] == "Primer aviso: factura FE-1 por $ 1.250.000"
    assert "Saldo: $ 1.250.000" in leido.get_body(("plain",)).get_content()
    assert "Buen día" in leido.get_body(("html",)).get_content()
    assert next(leido.iter_attachments()).get_content() == PDF
    assert b"\r\n" in primera.read_bytes()


def test_escribir_eml_no_sale_de_la_carpeta(tmp_path: Path) -> None:
    correo = construir(mensaje(), tmp_path).correo
    ruta = vista_previa.escribir_eml(correo, tmp_path / "salida", "../../fuera.eml")
    assert ruta.parent == tmp_path / "salida" and ruta.name == "fuera.eml"


def test_de_principio_a_fin_con_las_plantillas(tmp_path: Path) -> None:
    """An invoice delivery rendered by mensajes, built, written and read back."""
    import test_mensajes as tm

    from cartera.mensajes import redaccion as mensajes
    from cartera.mensajes.indice import indexar

    (tmp_path / "facturas").mkdir()
    (tmp_path / "facturas" / "FE-1102.pdf").write_bytes(PDF)
    cartera, calculo = tm.libro([tm.cliente("PAN", "Panadería Sol", "Julián Rojas")], tm.UNA)
    aviso = tm.aviso("PAN", ("FE-1102",), "envio_factura", ENVIO_FACTURA, "Envío de factura")
    listo = construir(mensajes.componer(aviso, indexar(cartera, calculo), mensajes.entorno()), tmp_path)
    ruta = vista_previa.escribir_eml(listo.correo, tmp_path / "salida", vista_previa.nombre_archivo(1, aviso))
    leido = BytesParser(policy=policy.default).parsebytes(ruta.read_bytes())
    assert ruta.name == "001_pan_envio-de-factura.eml" and listo.omitidos == ()
    assert leido["Subject"].startswith("Factura FE-1102 por $ 1.250.000")
    assert "Julián Rojas" in leido.get_body(("plain",)).get_content()
    assert "FE-1102" in leido.get_body(("html",)).get_content()
    assert [a.get_filename() for a in leido.iter_attachments()] == ["FE-1102.pdf"]
    assert os.path.getsize(ruta) < 200_000
