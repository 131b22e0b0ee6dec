"""mensajes: every template, both tratos, one and many facturas, and workbook text kept as data."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pandas as pd
import pytest

from cartera.comandos.cobrar import entorno_del_libro
from cartera.decisiones import ENVIO_FACTURA, PROMESA_INCUMPLIDA, RECORDATORIO, Aviso
from cartera.mensajes import redaccion as mensajes
from cartera.mensajes.indice import indexar
from cartera.modelo import Calculo, Cartera, Configuracion
from cartera.politica import ETAPAS_PREDETERMINADAS, RECARGOS_PREDETERMINADOS

CORTE = dt.date(2026, 11, 24)
FECHAS = ("emision", "vencimiento", "promesa", "fecha_limite_descuento", "fecha_pago")
CONFIGURACION = Configuracion(
    empresa="Distribuidora Andina S.A.S.", remitente="Laura Méndez", correo_remitente="cartera@andina.co",
    firma="Coordinadora de cartera\nCalle 72 # 10-34, Bogotá", telefono="601 345 6789",
    medios_pago="Transferencia Bancolombia 123-456789-01; Nequi 300 123 4567",
)
PLANTILLAS = (
    ("envio_factura", ENVIO_FACTURA, "Envío de factura"),
    ("preventivo", RECORDATORIO, "Recordatorio preventivo"),
    ("vence_hoy", RECORDATORIO, "Vence hoy"),
    ("primer_aviso", RECORDATORIO, "Primer aviso"),
    ("segundo_aviso", RECORDATORIO, "Segundo aviso"),
    ("tercer_aviso", RECORDATORIO, "Tercer aviso"),
    ("aviso_final", RECORDATORIO, "Aviso final"),
    ("promesa_incumplida", PROMESA_INCUMPLIDA, "Promesa incumplida"),
    ("agradecimiento", RECORDATORIO, "Agradecimiento"),
)


def cliente(codigo: str, nombre: str = "", contacto: str = "", trato: str = "usted") -> dict:
    return {"cliente": codigo, "nombre": nombre or codigo, "contacto": contacto, "correos": ("a@cliente.co",),
            "cc": (), "telefono": "", "whatsapp": "", "trato": trato, "no_contactar": False,
            "dias_credito": pd.NA, "fila": 2}


def factura(numero: str, codigo: str, vencimiento: str, saldo: int, **otros) -> dict:
    """A computed factura; ``saldo`` etc. in centavos; days overdue from ``CORTE``."""
    dias = max(0, (CORTE - dt.date.fromisoformat(vencimiento)).days)
    fila = {"factura": numero, "cliente": codigo, "emision": "2026-10-01", "vencimiento": vencimiento,
            "total": saldo, "moneda": "COP", "estado": "Pendiente", "promesa": None, "enlace": "", "archivo": "",
            "fila": 2, "vencimiento_calculado": False, "pagado": 0, "saldo": saldo, "abierta": True,
            "dias_vencidos": dias, "tramo": "", "recargo": 0, "recargo_topado": False, "compensacion": 0,
            "descuento": 0, "fecha_limite_descuento": None, "etapa": "", "fecha_pago": None}
    fila.update(otros)
    return fila


def libro(clientes: list[dict], facturas: list[dict], **config) -> tuple[Cartera, Calculo]:
    tabla = pd.DataFrame(facturas).assign(**{c: lambda t, c=c: pd.to_datetime(t[c]) for c in FECHAS})
    configuracion = Configuracion(**{**CONFIGURACION.__dict__, **config})
    cartera = Cartera(configuracion, pd.DataFrame(clientes), tabla, pd.DataFrame(), ETAPAS_PREDETERMINADAS,
                      RECARGOS_PREDETERMINADOS)
    return cartera, Calculo(tabla, pd.DataFrame(columns=["cliente", "moneda", "monto"]), CORTE)


def aviso(codigo: str, facturas: tuple[str, ...], plantilla: str = "primer_aviso", tipo: str = RECORDATORIO,
          etapa: str = "Primer aviso") -> Aviso:
    return Aviso(tipo, codigo, etapa, plantilla, facturas, tuple((f, etapa) for f in facturas), ("a@cliente.co",),
                 (), frozenset({"correo"}))


UNA = [factura("FE-1102", "PAN", "2026-11-20", 125_000_000, recargo=6_250_000,
               enlace="https://pagos.ejemplo.co/FE-1102", archivo="facturas/FE-1102.pdf")]
VARIAS = [
    factura("FE-1045", "PAN", "2026-10-20", 860_000_000, recargo=86_000_000, total=1_260_000_000,
            pagado=400_000_000),
    factura("FE-1061", "PAN", "2026-11-04", 315_000_000, recargo=15_750_000, promesa="2026-11-20"),
    factura("EX-0207", "PAN", "2026-11-09", 248_000, moneda="USD", recargo=12_400),
    factura("FE-1118", "PAN", "2026-12-10", 48_350_050, descuento=967_001, fecha_limite_descuento="2026-11-30"),
]


@pytest.fixture(scope="module")
def env():
    return mensajes.entorno()


class _Etiquetas(HTMLParser):
    """Checks that every non-void tag is closed in order."""

    VACIAS = {"br", "meta", "img", "hr", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.pila: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag not in self.VACIAS:
            self.pila.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.pila and self.pila[-1] == tag, f"</{tag}> no cierra {self.pila[-1:]}"
        self.pila.pop()


def _html_bien_formado(html: str) -> None:
    parser = _Etiquetas()
    parser.feed(html)
    assert parser.pila == []


@pytest.mark.parametrize("trato", ["usted", "tú"])
@pytest.mark.parametrize("facturas", [UNA, VARIAS], ids=["una", "varias"])
@pytest.mark.parametrize(("plantilla", "tipo", "etapa"), PLANTILLAS, ids=[p[0] for p in PLANTILLAS])
def test_cada_plantilla_se_lee_completa(env, plantilla, tipo, etapa, facturas, trato) -> None:
    cartera, calculo = libro([cliente("PAN", "Panadería Sol", "Julián Rojas", trato)], facturas)
    numeros = tuple(f["factura"] for f in facturas)
    mensaje = mensajes.componer(aviso("PAN", numeros, plantilla, tipo, etapa), indexar(cartera, calculo), env)

    assert mensaje.asunto and "\n" not in mensaje.asunto and "{" not in mensaje.asunto
    for parte in (mensaje.texto, mensaje.html):
        assert "Julián Rojas" in parte
        assert all(numero in parte for numero in numeros)
        assert "Laura Méndez" in parte and "Distribuidora Andina S.A.S." in parte and "601 345 6789" in parte
        assert not re.search(r"\bhoy\b", parte, re.IGNORECASE), "a date, never a bare 'hoy'"
        assert "{{" not in parte and "{%" not in parte
    assert ("Hola, Julián Rojas:" in mensaje.texto) == (trato == "tú")
    assert mensaje.html.startswith("<!DOCTYPE html>")
    _html_bien_formado(mensaje.html)
    if plantilla != "agradecimiento":
        assert "Nequi 300 123 4567" in mensaje.texto and "Nequi 300 123 4567" in mensaje.html
        assert "ignorar este mensaje" in mensaje.texto or plantilla == "envio_factura"
        assert "$ 1.250.000,00" in mensaje.texto if facturas is UNA else "US$ 2.480,00" in mensaje.texto


def test_totales_por_moneda_nunca_sumados(env) -> None:
    cartera, calculo = libro([cliente("PAN")], VARIAS)
    mensaje = mensajes.componer(aviso("PAN", tuple(f["factura"] for f in VARIAS)), indexar(cartera, calculo), env)
    assert "Saldo vencido (COP): $ 11.750.000,00" in mensaje.texto
    assert "Total a pagar (COP): $ 12.767.500,00" in mensaje.texto
    assert "Por vencer (COP): $ 483.500,50" in mensaje.texto.replace(" (para su información; aún no se cobra)", "")
    assert "Total a pagar (USD): US$ 2.604,00" in mensaje.texto and "Por vencer (USD)" not in mensaje.texto
    assert "Saldo vencido COP" in mensaje.html and "Saldo vencido USD" in mensaje.html
    assert mensaje.asunto.endswith("saldo vencido de $ 11.750.000,00 y US$ 2.480,00")
    assert "(total $ 12.600.000,00, abonado $ 4.000.000,00)" in mensaje.texto


@pytest.mark.parametrize(
    ("plantilla", "etapa", "esperado"),
    [
        ("preventivo", "Recordatorio preventivo", "Recordatorio: su factura FE-1 vence el 27/11/2026"),
        ("vence_hoy", "Vence hoy", "Aviso de vencimiento: su factura FE-1 vence el 27/11/2026"),
        ("primer_aviso", "Primer aviso", "Primer aviso de cobro: factura FE-1 — saldo pendiente de $ 1.250.000,00"),
        ("tercer_aviso", "Tercer aviso", "Tercer aviso de cobro: factura FE-1 — saldo pendiente de $ 1.250.000,00"),
        ("aviso_final", "Aviso final", "Aviso final de cobro: factura FE-1 — saldo pendiente de $ 1.250.000,00"),
        ("segundo_aviso", "Segundo aviso", "Segundo aviso de cobro: factura FE-1 — saldo pendiente de $ 1.250.000,00"),
        ("envio_factura", "Envío de factura", "Factura FE-1 por $ 1.250.000,00 — vence el 27/11/2026"),
    ],
)
def test_asuntos(env, plantilla, etapa, esperado) -> None:
    cartera, calculo = libro([cliente("C")], [factura("FE-1", "C", "2026-11-27", 125_000_000)])
    assert mensajes.componer(aviso("C", ("FE-1",), plantilla, etapa=etapa), indexar(cartera, calculo), env).asunto == esperado


def test_primer_aviso_dice_la_fecha_y_el_monto(env) -> None:
    cartera, calculo = libro([cliente("C")], [factura("FE-1102", "C", "2026-11-20", 125_000_000)])
    mensaje = mensajes.componer(aviso("C", ("FE-1102",)), indexar(cartera, calculo), env)
    assert mensaje.asunto == "Primer aviso de cobro: factura FE-1102 — saldo vencido de $ 1.250.000,00"
    assert "venció el 20/11/2026" in mensaje.texto and "(4 días vencida)" in mensaje.texto


# One overdue factura (with a fee) and one not yet due: what is asked now is only the overdue part.
VENCIDA_Y_POR_VENCER = [
    factura("FE-1085", "ROB", "2026-11-21", 288_000_000, recargo=591_781, total=438_000_000, pagado=150_000_000),
    factura("FE-1094", "ROB", "2026-12-13", 214_550_050),
]
COBROS = ["primer_aviso", "segundo_aviso", "tercer_aviso", "aviso_final"]


@pytest.mark.parametrize("trato", ["usted", "tú"])
@pytest.mark.parametrize("plantilla", COBROS)
def test_el_cobro_pide_el_saldo_vencido_y_el_por_vencer_es_informativo(env, plantilla, trato) -> None:
    cartera, calculo = libro([cliente("ROB", trato=trato)], VENCIDA_Y_POR_VENCER)
    etapa = plantilla.replace("_", " ").capitalize()
    mensaje = mensajes.componer(aviso("ROB", ("FE-1085", "FE-1094"), plantilla, etapa=etapa), indexar(cartera, calculo), env)
    assert mensaje.asunto == f"{etapa} de cobro — saldo vencido de $ 2.880.000,00"
    informacion = "para tu información" if trato == "tú" else "para su información"
    assert ("Saldo vencido: $ 2.880.000,00\nRecargos por mora: $ 5.917,81\nTotal a pagar: $ 2.885.917,81\n"
            f"Por vencer ({informacion}; aún no se cobra): $ 2.145.500,50\n") in mensaje.texto
    for parte in (mensaje.asunto, mensaje.texto, mensaje.html):
        assert "5.025.500,50" not in parte and "5.031.418,31" not in parte, "nothing sums in the amount not yet due"
    bloque_por_vencer = re.search(r"Factura FE-1094</strong>(.*?)</table>", mensaje.html, re.S).group(1)
    assert re.findall(r">([^<>]+)</(?:td|span)>", bloque_por_vencer) == ["vence el 13/12/2026", "Saldo", "$\xa02.145.500,50"]
    assert "bold" not in bloque_por_vencer, "no days, no fee and nothing to pay in bold: it is not asked for yet"
    assert "Saldo vencido</th>" in mensaje.html and f"Por vencer ({informacion}; aún no se cobra)</th>" in mensaje.html
    assert "$\xa02.885.917,81" in mensaje.html


@pytest.mark.parametrize("trato", ["usted", "tú"])
def test_aviso_final_cita_el_saldo_vencido(env, trato) -> None:
    cartera, calculo = libro([cliente("ROB", trato=trato)], VENCIDA_Y_POR_VENCER)
    mensaje = mensajes.componer(aviso("ROB", ("FE-1085", "FE-1094"), "aviso_final", etapa="Aviso final"),
                                indexar(cartera, calculo), env)
    cuenta = "tu cuenta" if trato == "tú" else "su cuenta"
    assert f"el saldo vencido de {cuenta} es de $ 2.880.000,00, más los recargos" in mensaje.texto
    assert f"el saldo vencido de {cuenta} es de <strong>$\xa02.880.000,00</strong>" in mensaje.html


@pytest.mark.parametrize(("plantilla", "etapa"), [("preventivo", "Recordatorio preventivo"), ("vence_hoy", "Vence hoy")])
def test_preventivo_y_vence_hoy_siguen_diciendo_el_monto_que_vence(env, plantilla, etapa) -> None:
    facturas = [factura("FE-1", "C", "2026-11-24", 125_000_000), factura("FE-2", "C", "2026-11-27", 50_000_000)]
    cartera, calculo = libro([cliente("C")], facturas)
    mensaje = mensajes.componer(aviso("C", ("FE-1", "FE-2"), plantilla, etapa=etapa), indexar(cartera, calculo), env)
    assert "Total pendiente: $ 1.750.000,00" in mensaje.texto
    assert "Saldo vencido" not in mensaje.texto and "Por vencer" not in mensaje.texto
    if plantilla == "vence_hoy":
        assert mensaje.asunto == "Aviso de vencimiento: facturas FE-1 y FE-2 — saldo de $ 1.750.000,00"


def test_contexto_separa_vencido_y_por_vencer_por_moneda() -> None:
    cartera, calculo = libro([cliente("PAN")], VARIAS)
    contexto = mensajes.contexto_de(aviso("PAN", tuple(f["factura"] for f in VARIAS)), indexar(cartera, calculo))
    contexto = {k: v.replace("\xa0", " ") if isinstance(v, str) else v for k, v in contexto.items()}
    cop, usd = ({k: v.replace("\xa0", " ") if isinstance(v, str) else v for k, v in t.items()}
                for t in contexto["totales"])
    assert (cop["vencido"], cop["por_vencer"], cop["saldo"]) == ("$ 11.750.000,00", "$ 483.500,50", "$ 12.233.500,50")
    assert cop["a_pagar"] == "$ 12.767.500,00" and (cop["hay_vencido"], cop["hay_por_vencer"]) == (True, True)
    assert (usd["vencido"], usd["a_pagar"], usd["hay_por_vencer"]) == ("US$ 2.480,00", "US$ 2.604,00", False)
    assert contexto["vencido_total"] == "$ 11.750.000,00 y US$ 2.480,00"
    assert contexto["por_vencer_total"] == "$ 483.500,50"
    assert contexto["a_pagar_total"] == "$ 12.767.500,00 y US$ 2.604,00"


@pytest.mark.parametrize("trato", ["usted", "tú"])
@pytest.mark.parametrize("plantilla", ["primer_aviso", "segundo_aviso", "tercer_aviso", "aviso_final",
                                       "promesa_incumplida"])
def test_quien_ya_abono_no_lee_que_no_pago(env, plantilla, trato) -> None:
    """A partly paid overdue factura: thanks for the abonos and the balance left, never "no hemos recibido"."""
    cartera, calculo = libro([cliente("C", trato=trato)], [factura("FE-1", "C", "2026-11-20", 100_000_000,
                                                                   total=250_000_000, pagado=150_000_000)])
    mensaje = mensajes.componer(aviso("C", ("FE-1",), plantilla), indexar(cartera, calculo), env)
    for parte in (mensaje.texto, mensaje.html.replace("\xa0", " ")):
        assert "$ 1.500.000,00 que ya abon" in parte and "queda un saldo pendiente de $ 1.000.000,00" in parte
        assert not re.search(r"no hemos recibido (su|el) pago[;.]|el pago ni|no vemos tu pago|no lo hemos", parte)


def test_envio_de_factura_detalla_la_factura_y_no_la_cuenta(env) -> None:
    cartera, calculo = libro([cliente("PAN")], [factura("FE-1102", "PAN", "2026-12-24", 125_000_000)])
    mensaje = mensajes.componer(aviso("PAN", ("FE-1102",), "envio_factura", ENVIO_FACTURA, "Envío de factura"),
                                indexar(cartera, calculo), env)
    for parte in (mensaje.texto, mensaje.html):
        assert "Detalle de la factura FE-1102" in parte and "Estado de" not in parte
    assert "Valor de la factura: $ 1.250.000,00" in mensaje.texto


def test_una_etapa_enviada_tarde_habla_en_pasado(env) -> None:
    """A 'vence hoy' that goes out two days late says 'venció el …', never 'vence hoy'."""
    cartera, calculo = libro([cliente("C")], [factura("FE-1", "C", "2026-11-22", 100_000)])
    mensaje = mensajes.componer(aviso("C", ("FE-1",), "vence_hoy", etapa="Vence hoy"), indexar(cartera, calculo), env)
    assert "venció el 22/11/2026" in mensaje.asunto and "venció el 22/11/2026" in mensaje.texto


def test_saludo_con_contacto_y_si_no_con_nombre(env) -> None:
    cartera, calculo = libro([cliente("C", "Ferretería El Tornillo")], [factura("FE-1", "C", "2026-11-20", 100)])
    mensaje = mensajes.componer(aviso("C", ("FE-1",)), indexar(cartera, calculo), env)
    assert mensaje.texto.startswith("Buen día, Ferretería El Tornillo:")


def test_descuento_pronto_pago(env) -> None:
    cartera, calculo = libro([cliente("C")], [VARIAS[-1] | {"cliente": "C"}])
    mensaje = mensajes.componer(aviso("C", ("FE-1118",), "preventivo", etapa="Recordatorio preventivo"),
                                indexar(cartera, calculo), env)
    assert "a más tardar el 30/11/2026" in mensaje.texto
    assert "$ 9.670,01" in mensaje.texto and "$ 473.830,49" in mensaje.texto
    assert "Descuento por pronto pago" in mensaje.html


def test_promesa_incumplida_recuerda_la_fecha(env) -> None:
    cartera, calculo = libro([cliente("C")], [VARIAS[1] | {"cliente": "C"}])
    mensaje = mensajes.componer(aviso("C", ("FE-1061",), "promesa_incumplida", PROMESA_INCUMPLIDA,
                                      "Promesa incumplida"), indexar(cartera, calculo), env)
    assert mensaje.asunto.startswith("Su compromiso de pago del 20/11/2026")
    assert "nueva fecha de pago" in mensaje.texto and "20/11/2026" in mensaje.texto


def test_envio_de_factura_pide_confirmar_y_adjunta(env) -> None:
    cartera, calculo = libro([cliente("PAN")], UNA)
    mensaje = mensajes.componer(aviso("PAN", ("FE-1102",), "envio_factura", ENVIO_FACTURA, "Envío de factura"),
                                indexar(cartera, calculo), env)
    assert mensaje.adjuntos == ("facturas/FE-1102.pdf",)
    assert "confirmarnos que la recibió" in mensaje.texto and "adjunto" in mensaje.texto


def test_un_recordatorio_no_adjunta(env) -> None:
    cartera, calculo = libro([cliente("PAN")], UNA)
    assert mensajes.componer(aviso("PAN", ("FE-1102",)), indexar(cartera, calculo), env).adjuntos == ()


def test_agradecimiento_sin_facturas(env) -> None:
    cartera, calculo = libro([cliente("C", contacto="Ana")], [factura("FE-1", "C", "2026-11-20", 100)])
    mensaje = mensajes.componer(aviso("C", (), "agradecimiento", etapa="Agradecimiento"), indexar(cartera, calculo), env)
    assert mensaje.asunto == "Gracias por su puntualidad — Distribuidora Andina S.A.S."
    assert "pagado a tiempo" in mensaje.texto


def test_texto_del_libro_es_dato_y_no_codigo(env) -> None:
    nombre = "{{ 7*7 }} <script>alert('x')</script> & Cía"
    cartera, calculo = libro([cliente("C", contacto=nombre)],
                             [factura("{% raw %}<b>", "C", "2026-11-20", 100, enlace="javascript:alert(1)")],
                             empresa="Andina <i>S.A.S.</i>", medios_pago="<img src=x onerror=alert(1)>")
    mensaje = mensajes.componer(aviso("C", ("{% raw %}<b>",)), indexar(cartera, calculo), env)
    assert f"Buen día, {nombre}:" in mensaje.texto
    assert "49" not in mensaje.texto and "49" not in mensaje.html
    assert "<script>" not in mensaje.html and "&lt;script&gt;" in mensaje.html
    assert "{{ 7*7 }}" in mensaje.html and "&amp; Cía" in mensaje.html
    assert "<b>" not in mensaje.html and "<img" not in mensaje.html and "<i>" not in mensaje.html
    assert "javascript:" not in mensaje.html and "javascript:" not in mensaje.texto
    assert "{% raw %}<b>" in mensaje.texto


def test_el_asunto_es_una_sola_linea(env) -> None:
    cartera, calculo = libro([cliente("C")], [factura("FE-1\r\nBcc: otro@x.co", "C", "2026-11-20", 100)])
    mensaje = mensajes.componer(aviso("C", ("FE-1\r\nBcc: otro@x.co",)), indexar(cartera, calculo), env)
    assert "\r" not in mensaje.asunto and "\n" not in mensaje.asunto
    assert "FE-1 Bcc: otro@x.co" in mensaje.asunto


def _escribir(carpeta: Path, nombre: str, contenido: str) -> None:
    carpeta.mkdir(parents=True, exist_ok=True)
    (carpeta / nombre).write_text(contenido, encoding="utf-8")


def test_la_carpeta_del_usuario_gana(tmp_path: Path) -> None:
    _escribir(tmp_path / "plantillas", "primer_aviso.usted.j2",
              '{% extends "_base.j2" %}{% block asunto %}Mío: {{ cliente.saludo }}{% endblock %}'
              "{% block texto %}Texto propio{% endblock %}{% block html %}<p>propio</p>{% endblock %}")
    cartera, calculo = libro([cliente("C", contacto="Ana")], [factura("FE-1", "C", "2026-11-20", 100)])
    mensaje = mensajes.componer(aviso("C", ("FE-1",)), indexar(cartera, calculo), entorno_del_libro(tmp_path))
    assert mensaje.asunto == "Mío: Ana" and mensaje.texto == "Texto propio\n" and "<p>propio</p>" in mensaje.html
    otro = mensajes.componer(aviso("C", ("FE-1",), "tercer_aviso", etapa="Tercer aviso"), indexar(cartera, calculo),
                             entorno_del_libro(tmp_path))
    assert otro.asunto.startswith("Tercer aviso de cobro"), "the other templates still come from the package"


def test_carpeta_del_usuario_inexistente_usa_las_del_paquete(tmp_path: Path) -> None:
    cartera, calculo = libro([cliente("C")], [factura("FE-1", "C", "2026-11-20", 100)])
    mensaje = mensajes.componer(aviso("C", ("FE-1",)), indexar(cartera, calculo), entorno_del_libro(tmp_path / "no-existe"))
    assert mensaje.asunto.startswith("Primer aviso")


@pytest.mark.parametrize(
    ("contenido", "fragmento"),
    [
        ("{% block asunto %}{{ cliente.saludo }{% endblock %}", "línea 1"),
        ('{% extends "_base.j2" %}{% block asunto %}{{ no_existe }}{% endblock %}', "no_existe"),
        ('{% extends "_base.j2" %}{% block asunto %}{{ "".__class__.__mro__ }}{% endblock %}', "por seguridad"),
    ],
    ids=["sintaxis", "variable-desconocida", "sandbox"],
)
def test_plantilla_rota_da_un_error_claro(tmp_path: Path, contenido: str, fragmento: str) -> None:
    _escribir(tmp_path, "primer_aviso.usted.j2", contenido)
    cartera, calculo = libro([cliente("C")], [factura("FE-1", "C", "2026-11-20", 100)])
    with pytest.raises(mensajes.PlantillaInvalida, match=fragmento):
        mensajes.componer(aviso("C", ("FE-1",)), indexar(cartera, calculo),
                          mensajes.entorno(jinja2.FileSystemLoader(str(tmp_path))))


def test_plantilla_que_no_existe(env) -> None:
    cartera, calculo = libro([cliente("C")], [factura("FE-1", "C", "2026-11-20", 100)])
    with pytest.raises(mensajes.PlantillaInvalida, match="no_hay"):
        mensajes.componer(aviso("C", ("FE-1",), "no_hay"), indexar(cartera, calculo), env)


def test_factura_que_no_esta_en_el_calculo(env) -> None:
    cartera, calculo = libro([cliente("C")], [factura("FE-1", "C", "2026-11-20", 100)])
    with pytest.raises(ValueError, match="FE-9"):
        mensajes.componer(aviso("C", ("FE-9",)), indexar(cartera, calculo), env)


def test_las_plantillas_se_compilan_una_vez(env) -> None:
    cartera, calculo = libro([cliente("C")], [factura("FE-1", "C", "2026-11-20", 100)])
    mensajes.componer(aviso("C", ("FE-1",)), indexar(cartera, calculo), env)
    primera = env.get_template("primer_aviso.usted.j2")
    mensajes.componer(aviso("C", ("FE-1",)), indexar(cartera, calculo), env)
    assert env.get_template("primer_aviso.usted.j2") is primera


def test_cada_etapa_tiene_usted_y_tu() -> None:
    carpeta = Path(mensajes.__file__).resolve().parents[2] / "plantillas"
    nombres = {p.name for p in carpeta.glob("*.j2")}
    for plantilla, _, _ in PLANTILLAS:
        assert {f"{plantilla}.usted.j2", f"{plantilla}.tu.j2"} <= nombres


def test_busqueda_en_tabla_grande_con_un_indice(env) -> None:
    """Every message of a run looks its facturas up in one index built once (no full scan per message)."""
    muchas = [factura(f"F-{i}", "C", "2026-11-20", 100) for i in range(20_000)]
    cartera, calculo = libro([cliente("C")], muchas)
    indice = indexar(cartera, calculo)
    for numero in ("F-19999", "F-5", "F-12345"):
        mensaje = mensajes.componer(aviso("C", (numero,)), indice, env)
        assert numero in mensaje.texto
    assert len(indice.facturas.claves) == 20_000
    assert list(indice.facturas.posiciones(("F-19999", "F-5", "no-existe"))) == [19_999, 5, -1]


def test_el_indice_es_de_solo_lectura_y_una_clave_repetida_da_su_primera_fila() -> None:
    cartera, calculo = libro([cliente("C")], [factura("F-1", "C", "2026-11-20", 100)])
    repetida = calculo.facturas.iloc[[0, 0]].reset_index(drop=True).assign(total=[100, 999])
    indice = indexar(cartera, calculo._replace(facturas=repetida))
    assert list(indice.facturas.posiciones(("F-1",))) == [0]
    assert indice.facturas.registros(indice.facturas.posiciones(("F-1",)))[0]["total"] == 100
    with pytest.raises(ValueError, match="read-only"):
        indice.facturas.columnas["total"][0] = 5
    with pytest.raises(TypeError):
        indice.facturas.columnas["total"] = None  # type: ignore[index]


def test_montos_sin_corte_en_html_y_espacios_normales_en_texto(env) -> None:
    cartera, calculo = libro([cliente("C")], [factura("FE-1", "C", "2026-11-20", 125_000_000)])
    mensaje = mensajes.componer(aviso("C", ("FE-1",)), indexar(cartera, calculo), env)
    assert "$\xa01.250.000,00" in mensaje.html
    assert "\xa0" not in mensaje.texto and "\xa0" not in mensaje.asunto


def _con_a_favor(calculo: Calculo, *creditos: tuple[str, str, int]) -> Calculo:
    tabla = pd.DataFrame(list(creditos), columns=["cliente", "moneda", "monto"]).astype({"monto": "int64"})
    return calculo._replace(saldos_a_favor=tabla)


A_FAVOR = [factura("FE-2001", "PAN", "2026-11-10", 100_000_000, recargo=5_000_000),
           factura("FE-2002", "PAN", "2026-12-10", 50_000_000)]


@pytest.mark.parametrize("plantilla", ["primer_aviso", "segundo_aviso", "tercer_aviso", "aviso_final",
                                       "promesa_incumplida"])
@pytest.mark.parametrize("trato", ["usted", "tú"])
def test_el_saldo_a_favor_se_descuenta_de_lo_vencido(env, plantilla, trato) -> None:
    cartera, calculo = libro([cliente("PAN", "Panadería Sol", "Julián Rojas", trato)], A_FAVOR)
    calculo = _con_a_favor(calculo, ("PAN", "COP", 30_000_000), ("OTRO", "COP", 99_000_000))
    mensaje = mensajes.componer(aviso("PAN", ("FE-2001", "FE-2002"), plantilla), indexar(cartera, calculo), env)

    suyo = "tu" if trato == "tú" else "su"
    assert f"Saldo a {suyo} favor (se descuenta): $ 300.000,00\nTotal a pagar: $ 750.000,00" in mensaje.texto
    assert "Saldo vencido: $ 1.000.000,00\nRecargos por mora: $ 50.000,00" in mensaje.texto
    assert f"Por vencer (para {suyo} información; aún no se cobra): $ 500.000,00" in mensaje.texto
    html = mensaje.html.replace("\xa0", " ")
    assert f"Saldo a {suyo} favor (se descuenta)</th>" in html and "$ 750.000,00</td></tr>" in html
    assert "cubre lo vencido" not in mensaje.texto + mensaje.html and "990.000" not in mensaje.texto
    _html_bien_formado(mensaje.html)


@pytest.mark.parametrize(("trato", "frase"), [
    ("usted", "Su saldo a favor cubre lo vencido; no necesita pagar nada por ahora. Aún le queda a favor $ 250.000,00."),
    ("tú", "Tu saldo a favor cubre lo vencido; no necesitas pagar nada por ahora. Aún te queda a favor $ 250.000,00."),
])
def test_un_saldo_a_favor_que_cubre_lo_vencido_no_pide_pago(env, trato, frase) -> None:
    cartera, calculo = libro([cliente("PAN", "Panadería Sol", "Julián Rojas", trato)], A_FAVOR)
    calculo = _con_a_favor(calculo, ("PAN", "COP", 130_000_000))
    mensaje = mensajes.componer(aviso("PAN", ("FE-2001", "FE-2002")), indexar(cartera, calculo), env)

    assert "(se descuenta): $ 1.300.000,00\nTotal a pagar: $ 0,00\n" + frase in mensaje.texto
    html = mensaje.html.replace("\xa0", " ")
    assert frase in html and "$ 0,00</td>" in html
    _html_bien_formado(mensaje.html)


def test_el_saldo_a_favor_es_por_moneda_y_solo_contra_lo_vencido(env) -> None:
    facturas = [factura("FE-1", "PAN", "2026-11-10", 100_000_000), factura("EX-1", "PAN", "2026-11-10", 50_000,
                                                                            moneda="USD"),
                factura("FE-9", "QUI", "2026-12-10", 40_000_000)]
    cartera, calculo = libro([cliente("PAN"), cliente("QUI")], facturas)
    calculo = _con_a_favor(calculo, ("PAN", "USD", 10_000), ("QUI", "COP", 5_000_000))
    pan = mensajes.componer(aviso("PAN", ("FE-1", "EX-1")), indexar(cartera, calculo), env).texto
    qui = mensajes.componer(aviso("QUI", ("FE-9",), "preventivo"), indexar(cartera, calculo), env).texto

    assert "Saldo vencido (COP): $ 1.000.000,00\n\n" in pan and "favor (se descuenta) (COP)" not in pan
    assert "Saldo a su favor (se descuenta) (USD): US$ 100,00\nTotal a pagar (USD): US$ 400,00" in pan
    assert "a su favor" not in qui, "nothing overdue: the credit is not applied to a factura not yet due"
