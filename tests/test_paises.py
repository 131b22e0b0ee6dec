"""paises: one table of country rules, so messages, report and call script write the same text.

For CO, ES, MX and US the same amounts (with centavos and whole) and the same
date are rendered (a) in a real message, (b) in a real report cell written by
xlsxwriter and read back with openpyxl, its number format applied by the small
interpreter below, and (c) in the call script and its WhatsApp text; the three
must be identical.  The interpreter handles the subset of Excel number formats
the report writes (quoted literals, ``[$€-C0A]`` currency tags, ``#,##0.00``,
``dd``/``mm``/``yyyy``) and, like Excel, takes the separators from the
computer's regional settings: here, the country's locale (non-breaking spaces
read as plain ones, as ``formato`` writes them).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import holidays
import openpyxl
import pytest
from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol
from hypothesis import given
from hypothesis import strategies as st
from test_mensajes import aviso, cliente, factura, libro

from cartera import formato, paises
from cartera.decisiones import ENVIO_FACTURA
from cartera.excel import documento
from cartera.excel.apariencia import formato_dinero, formato_fecha, papel
from cartera.informe import celdas as c
from cartera.lectura import textos
from cartera.mensajes import redaccion
from cartera.mensajes.indice import indexar
from cartera.modelo import Configuracion
from cartera.plan import llamadas

FECHA = dt.date(2026, 11, 24)
MONTOS = (125_000_050, 125_000_000)
ESPERADO = {
    ("CO", "COP"): ("$ 1.250.000,50", "$ 1.250.000,00", "24/11/2026"),
    ("ES", "EUR"): ("1.250.000,50 €", "1.250.000,00 €", "24/11/2026"),
    ("MX", "MXN"): ("$1,250,000.50", "$1,250,000.00", "24/11/2026"),
    ("US", "USD"): ("$1,250,000.50", "$1,250,000.00", "11/24/2026"),
}
_FICHA = re.compile(r'"[^"]*"|\[\$[^\]]*\]|\\.|[#0,.]+|yyyy|dd|mm|hh|.')


# --- A small, honest Excel number-format interpreter ------------------------------
def _numero(valor: float, patron: str, locale: str) -> str:
    decimales = len(patron.partition(".")[2])
    redondo = Decimal(repr(abs(valor))).quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)
    entero, _, fraccion = f"{redondo:f}".partition(".")
    if "," in patron.partition(".")[0]:
        entero = f"{int(entero):,}".replace(",", get_group_symbol(locale).replace("\xa0", " "))
    return entero + (get_decimal_symbol(locale) + fraccion if decimales else "")


def _ficha(ficha: str, valor, locale: str) -> str:
    if ficha.startswith('"'):
        return ficha[1:-1]
    if ficha.startswith("[$"):
        return ficha[2:-1].partition("-")[0]
    if ficha.startswith("\\"):
        return ficha[1]
    if ficha[0] in "#0,.":
        return _numero(valor, ficha, locale)
    fecha = {"yyyy": "%Y", "dd": "%d", "mm": "%m"}
    return valor.strftime(fecha[ficha]) if ficha in fecha else ficha


def mostrar(numero_formato: str, valor, locale: str) -> str:
    """What Excel shows for ``valor`` under the first section of ``numero_formato`` with ``locale``'s separators."""
    texto = "".join(_ficha(f, valor, locale) for f in _FICHA.findall(numero_formato.split(";")[0]))
    return ("-" + texto) if isinstance(valor, int | float) and valor < 0 else texto


def test_el_interprete_lee_lo_que_excel_mostraria() -> None:
    assert mostrar('"$ "#,##0.00', 1250000.5, "es_CO") == "$ 1.250.000,50"
    assert mostrar('#,##0.00" €"', -1250.5, "es_ES") == "-1.250,50 €"
    assert mostrar('[$€-C0A] #,##0', 1250.5, "es_ES") == "€ 1.251"
    assert mostrar("mm/dd/yyyy", dt.datetime(2026, 1, 4), "es_US") == "01/04/2026"


# --- The three places, per country ------------------------------------------------
def en_mensaje(centavos: int, moneda: str, pais: str) -> tuple[str, str]:
    """(amount, due date) as the Envío de factura subject writes them: "Factura FE-1 por X — vence el D"."""
    fila = factura("FE-1", "PAN", FECHA.isoformat(), centavos, moneda=moneda)
    cartera, calculo = libro([cliente("PAN")], [fila], pais=pais, moneda=moneda)
    plantilla = aviso("PAN", ("FE-1",), "envio_factura", ENVIO_FACTURA, "Envío de factura")
    mensaje = redaccion.componer(plantilla, indexar(cartera, calculo), redaccion.entorno())
    m = re.fullmatch(r"Factura FE-1 por (.+) — vence el (\S+)", mensaje.asunto)
    assert m, mensaje.asunto
    return m[1], m[2]


def en_informe(centavos: int, moneda: str, pais: str) -> tuple[str, str]:
    """(amount, date) as a real report cell shows them: written by xlsxwriter, format read back with openpyxl."""
    hoja = c.HojaInforme("Prueba", (c.Fila((c.Celda(centavos, c.dinero(moneda)), c.Celda(FECHA, c.FECHA))),))
    salida = io.BytesIO()
    documento.escribir(c.Informe("Prueba", "", FECHA, (), (hoja,)), salida, pais=pais)
    celda_dinero, celda_fecha = openpyxl.load_workbook(salida)["Prueba"][1]
    assert isinstance(celda_dinero.value, int | float) and isinstance(celda_fecha.value, dt.datetime)
    locale = paises.pais(pais).locale
    return (mostrar(celda_dinero.number_format, celda_dinero.value, locale),
            mostrar(celda_fecha.number_format, celda_fecha.value, locale))


def en_llamada(centavos: int, moneda: str, pais: str) -> tuple[str, str, str]:
    """(amount in the script, due date in the script, amount in the WhatsApp text)."""
    quien = llamadas.Cliente("PAN", "Panadería", "Ana", ("a@b.co",), (), "3001234567", "", False)
    resumen = llamadas.Resumen(("FE-1",), ((moneda, centavos),), 0, FECHA)
    config = Configuracion(empresa="El Tornillo", pais=pais, moneda=moneda)
    guion = llamadas.guion(quien, resumen, config)
    monto = re.fullmatch(r".* por su saldo pendiente de (.+)\.", guion[0])
    fecha = re.fullmatch(r"La próxima factura vence el (\S+)\.", guion[1])
    whatsapp = re.search(r"el saldo pendiente es de (.+?)\. ¿", llamadas.texto_whatsapp(quien, resumen, config))
    assert monto and fecha and whatsapp, guion
    return monto[1], fecha[1], whatsapp[1]


@pytest.mark.parametrize(("pais", "moneda"), list(ESPERADO))
def test_mensaje_informe_y_llamada_escriben_lo_mismo(pais: str, moneda: str) -> None:
    con_centavos, entero, fecha = ESPERADO[(pais, moneda)]
    for centavos, esperado in zip(MONTOS, (con_centavos, entero), strict=True):
        assert en_mensaje(centavos, moneda, pais) == (esperado, fecha)
        assert en_informe(centavos, moneda, pais) == (esperado, fecha)
        assert en_llamada(centavos, moneda, pais) == (esperado, fecha, esperado)
        assert formato.dinero(centavos, moneda, pais) == esperado


@given(st.sampled_from(paises.PAISES), st.integers(min_value=-10**14, max_value=10**14),
       st.sampled_from(["", "COP", "USD", "EUR", "MXN", "CLP", "XYZ"]))
def test_el_formato_del_informe_muestra_el_texto_de_los_mensajes(pais: paises.Pais, centavos: int, otra: str) -> None:
    """Every country, its own currency and others: the report's number format shows formato.dinero's text."""
    for moneda in {pais.moneda, otra or pais.moneda}:
        assert mostrar(formato_dinero(moneda, pais.codigo), centavos / 100, pais.locale) == (
            formato.dinero(centavos, moneda, pais.codigo))


# --- The table itself -------------------------------------------------------------
@pytest.mark.parametrize("pais", paises.PAISES, ids=lambda p: p.codigo)
def test_cada_pais_esta_completo(pais: paises.Pais) -> None:
    locale = Locale.parse(pais.locale)
    assert (locale.language, locale.territory) == ("es", pais.codigo)
    assert holidays.country_holidays(pais.festivos, years=[2026])
    assert pais.orden_fecha in paises.ORDENES_FECHA and pais.papel in paises.PAPELES
    assert re.fullmatch(r"[A-Z]{3}", pais.moneda) and pais.decimales in (0, 2)
    assert pais.prefijo.isdigit() and 7 <= pais.largo_telefono <= 10
    assert paises.pais(pais.codigo.lower()) is pais and paises.decimales(pais.moneda) == pais.decimales


def test_codigos_unicos_y_ordenados() -> None:
    codigos = [p.codigo for p in paises.PAISES]
    assert codigos == sorted(set(codigos))
    assert len({p.moneda: p.decimales for p in paises.PAISES}) == len({p.moneda for p in paises.PAISES})


def test_pais_desconocido_usa_el_respaldo() -> None:
    assert paises.pais("fr") == paises.OTRO._replace(codigo="FR", festivos="FR")
    assert paises.pais("") == paises.OTRO and paises.pais(None).locale == "es"  # type: ignore[arg-type]
    assert Locale.parse(paises.OTRO.locale).language == "es"
    assert (paises.decimales("GBP"), paises.decimales("CLP"), paises.decimales(" cop ")) == (2, 0, 2)


def test_notas_legales() -> None:
    assert "usura" in paises.pais("CO").notas[0]
    assert "40 €" in paises.pais("ES").notas[0] and "BCE más 8 puntos" in paises.pais("ES").notas[0]


def test_papel_y_fecha_del_informe_salen_de_la_tabla() -> None:
    assert formato_fecha("US") == "mm/dd/yyyy" and formato_fecha("CO") == formato_fecha("ZZ") == "dd/mm/yyyy"
    assert papel("CO") == 1 and papel("ES") == papel("ZZ") == 9


# --- What is written can be read back --------------------------------------------
@given(st.sampled_from(paises.PAISES), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_la_fecha_escrita_se_lee_igual(pais: paises.Pais, dia: dt.date) -> None:
    assert textos.texto_a_fecha(formato.fecha(dia, pais.codigo), pais.codigo) == dia


@given(st.sampled_from(paises.PAISES), st.integers(min_value=0, max_value=10**13))
def test_el_monto_escrito_se_lee_igual(pais: paises.Pais, centavos: int) -> None:
    """A typed amount is read with the separators the messages write (e.g. Perú writes and reads 1,250.50)."""
    if pais.decimales == 0:
        centavos -= centavos % 100
    assert textos.texto_a_centavos(formato.dinero(centavos, pais.moneda, pais.codigo), pais.codigo) == centavos
