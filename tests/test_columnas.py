"""Header vocabulary and the text parsers of cartera.columnas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cartera.lectura import esquema as columnas
from cartera.lectura.esquema import Invalido, normalizar, texto_a_centavos, texto_a_fecha


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("Factura", "factura"),
        ("  FACTURA:  ", "factura"),
        ("N° Factura", "nro factura"),
        ("Nº Factura", "nro factura"),
        ("No. Factura", "nro factura"),
        ("Nro. factura", "nro factura"),
        ("# Factura", "nro factura"),
        ("N°Factura", "nro factura"),
        ("Núm. factura", "nro factura"),
        ("Fecha de Emisión:", "fecha de emision"),
        ("F. Vencimiento", "f vencimiento"),
        ("fecha_vencimiento", "fecha vencimiento"),
        ("No contactar", "no contactar"),
        ("Días   de  crédito", "dias de credito"),
        ("Configuración", "configuracion"),
    ],
)
def test_normalizar(texto, esperado):
    assert normalizar(texto) == esperado


def test_alias_mejor_primero():
    total = next(c for c in columnas.CAMPOS["Facturas"] if c.campo == "total")
    assert columnas.rango_alias(total, "TOTAL") == 0
    assert columnas.rango_alias(total, "monto:") == 1
    assert columnas.rango_alias(total, "Valor bruto") == len(total.alias)
    assert columnas.rango_alias(total, "Saldo") is None  # the owner's balance: its own field
    saldo = next(c for c in columnas.CAMPOS["Facturas"] if c.campo == "saldo")
    assert columnas.rango_alias(saldo, "Saldo pendiente") == 1
    assert columnas.rango_alias(saldo, "Saldo (calculado)") is None
    factura = next(c for c in columnas.CAMPOS["Facturas"] if c.campo == "factura")
    for alias in ("N° Factura", "No. Factura", "Nro Factura", "Número", "No. Documento", "Folio", "Comprobante"):
        assert columnas.rango_alias(factura, alias) is not None, alias


@pytest.mark.parametrize(("encabezado", "clave", "factor"), [
    ("Valor (miles)", "valor", 1_000), ("Saldo (miles de pesos)", "saldo", 1_000), ("Total en millones", "total", 1_000_000),
    ("Abonos en miles", "abonos", 1_000), ("Valor ($ miles)", "valor", 1_000), ("Total $000", "total", 1_000),
    ("Valor COP (miles)", "valor", 1_000), ("Valor 2000", "valor 2000", 1), ("Miles", "miles", 1), ("Total ($)", "total", 1),
])
def test_encabezados_en_miles_o_millones(encabezado, clave, factor):
    assert (columnas.clave_encabezado(encabezado), columnas.escala(encabezado)) == (clave, factor)


def test_descuentos_retenciones_y_serie_tienen_su_campo():
    facturas = {c.campo: c for c in columnas.CAMPOS["Facturas"]}
    for encabezado in ("Descuento", "Dcto.", "Rebaja", "Retención", "ReteFuente", "Rete IVA", "ReteICA", "Retención en la fuente"):
        assert columnas.rango_alias(facturas["deduccion"], encabezado) is not None, encabezado
        assert columnas.rango_alias(facturas["impuestos"], encabezado) is None, encabezado
    assert columnas.rango_alias(facturas["impuestos"], "IRPF") is not None  # Spain: on the invoice, already in its total
    assert columnas.rango_alias(facturas["serie"], "Serie") == 0 and columnas.rango_alias(facturas["serie"], "Prefijo") is not None


def test_constantes_publicas():
    assert columnas.ENCABEZADOS_HISTORIAL == (
        "Fecha", "Cliente", "Facturas", "Etapa", "Canal", "Destinatarios", "Asunto", "Resultado", "Detalle", "Message-ID")
    assert columnas.ENCABEZADOS_PROPIOS == tuple(c.encabezado for c in columnas.COLUMNAS_PROPIAS) == (
        "Pagado (calculado)", "Saldo (calculado)", "Días vencidos (calculado)", "Tramo (calculado)",
        "Recargo (calculado)", "Último aviso (calculado)", "Fecha último aviso (calculado)")
    assert all(columnas.es_calculado(h) for h in columnas.ENCABEZADOS_PROPIOS)
    assert [c.campo for c in columnas.COLUMNAS_PROPIAS if c.dinero] == ["pagado", "saldo", "recargo"]
    assert columnas.ENCABEZADOS_DINERO == {"Total", "Monto", "Pagado", "Saldo", "Descuento", "Cuota inicial"}
    assert columnas.CANONICOS["Facturas"][:5] == ("Factura", "Cliente", "Emisión", "Vencimiento", "Total")
    assert columnas.CANONICOS["Pagos"] == ("Fecha", "Factura", "Cliente", "Monto", "Método", "Referencia")
    assert columnas.CANONICOS["Recargos"] == ("Desde (días)", "Tipo", "Valor")
    assert set(columnas.CANONICOS) == {"Clientes", "Facturas", "Pagos", "Configuración", "Etapas", "Recargos", "Historial",
                                       "Acuerdos"}


def test_hojas_por_alias():
    assert columnas.hoja_canonica(" clientes ") == "Clientes"
    assert columnas.hoja_canonica("CONFIGURACION") == "Configuración"
    assert columnas.hoja_canonica("Notas") is None


@pytest.mark.parametrize(
    ("texto", "pais", "centavos"),
    [
        ("$ 1.250.000,50", "CO", 125000050),
        ("1.250,50 €", "ES", 125050),
        ("$1,250.50", "MX", 125050),
        ("US$ 1,250.50", "US", 125050),
        ("COP 1.250", "CO", 125000),
        ("1250000", "CO", 125000000),
        ("1.250", "CO", 125000),
        ("1,250", "MX", 125000),
        ("12,5", "CO", 1250),
        ("1 250,50", "ES", 125050),
        ("MXN 1,250,000.00", "MX", 125000000),
        ("$1,250.50", "CO", 125050),
        ("-1.250,00", "CO", -125000),
        ("(1.250,00)", "CO", -125000),
        ("0,125", "ES", 13),
        ("1.000,005", "ES", 100001),
        ("1.25", "CO", 125),
    ],
)
def test_texto_a_centavos(texto, pais, centavos):
    assert texto_a_centavos(texto, pais) == centavos


@pytest.mark.parametrize(
    ("texto", "pais", "palabra"),
    [("1,250", "CO", "ambiguo"), ("1.250", "MX", "ambiguo"), ("abc", "CO", "monto"), ("1.2.3", "CO", "separadores"),
     ("1,25.000", "CO", "separadores"), ("", "CO", "monto"), ("10,005", "ES", "ambiguo")],
)
def test_texto_a_centavos_rechaza(texto, pais, palabra):
    resultado = texto_a_centavos(texto, pais)
    assert isinstance(resultado, Invalido)
    assert palabra in resultado.motivo.lower()


@pytest.mark.parametrize(
    ("texto", "pais", "fecha"),
    [
        ("24/11/2026", "CO", dt.date(2026, 11, 24)),
        ("24-11-2026", "ES", dt.date(2026, 11, 24)),
        ("24.11.2026", "AR", dt.date(2026, 11, 24)),
        ("2026-11-24", "US", dt.date(2026, 11, 24)),
        ("11/24/2026", "US", dt.date(2026, 11, 24)),
        ("24/11/26", "CO", dt.date(2026, 11, 24)),
        ("24 de noviembre de 2026", "CO", dt.date(2026, 11, 24)),
        ("24-nov-2026", "MX", dt.date(2026, 11, 24)),
        ("2026-11-24 10:30:00", "CO", dt.date(2026, 11, 24)),
    ],
)
def test_texto_a_fecha(texto, pais, fecha):
    assert texto_a_fecha(texto, pais) == fecha


@pytest.mark.parametrize(("texto", "pais"), [("31/02/2026", "CO"), ("abc", "CO"), ("24/11/2026", "US"), ("13/13/2026", "ES")])
def test_texto_a_fecha_rechaza(texto, pais):
    assert isinstance(texto_a_fecha(texto, pais), Invalido)


def test_porcentajes():
    assert columnas.texto_a_porcentaje("5 %", "CO") == Decimal(5)
    assert columnas.texto_a_porcentaje("5%", "CO") == Decimal(5)
    assert columnas.texto_a_porcentaje("2,5 %", "CO") == Decimal("2.5")
    assert columnas.numero_a_porcentaje(0.05) == Decimal(5)
    assert columnas.numero_a_porcentaje(5) == Decimal(5)
    assert str(columnas.numero_a_porcentaje(0.1)) == "10"
    assert isinstance(columnas.texto_a_porcentaje("cinco", "CO"), Invalido)


@pytest.mark.parametrize(
    ("direccion", "valida"),
    [("ana@empresa.co", True), ("a.b+c@sub.dominio.com", True), ("ana@empresa", False), ("ana empresa@x.co", False),
     ("ana@@x.co", False), ("ana@x.co\nBcc: otro@x.co", False), ("@x.co", False), ("ana@.co", False)],
)
def test_correo_valido(direccion, valida):
    assert columnas.correo_valido(direccion) is valida


def _miles(entero: int, separador: str) -> str:
    return f"{entero:,}".replace(",", separador)


@given(st.integers(min_value=0, max_value=10**13))
def test_centavos_ida_y_vuelta(centavos):
    entero, fraccion = divmod(centavos, 100)
    colombia = f"$ {_miles(entero, '.')},{fraccion:02d}"
    espana = f"{_miles(entero, '.')},{fraccion:02d} €"
    mexico = f"${_miles(entero, ',')}.{fraccion:02d}"
    assert texto_a_centavos(colombia, "CO") == centavos
    assert texto_a_centavos(espana, "ES") == centavos
    assert texto_a_centavos(mexico, "MX") == centavos
    if fraccion == 0:
        assert texto_a_centavos(f"$ {_miles(entero, '.')}", "CO") == centavos
        assert texto_a_centavos(f"${_miles(entero, ',')}", "MX") == centavos


def test_celdas_numericas_a_centavos_vectorizado():
    import numpy as np

    from cartera.lectura.conversion import centavos

    columna = centavos(np.array([1250000.5, 1.005, 0.125, 2.675, -1.5, 1e16, "1.250,5", ""], dtype=object), "CO")
    assert columna.valores[:5].tolist() == [125000050, 101, 13, 268, -150]
    assert columna.valores[6] == 125050 and columna.vacias.tolist()[-1] is True
    assert list(columna.malas) == [5]
