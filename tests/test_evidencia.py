"""Country and currency from the evidence (``lectura.evidencia``, pure): each kind of clue, and the decision."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cartera import paises
from cartera.lectura import evidencia as ev
from cartera.lectura.evidencia import Formato, Indicio, inferir


def _uno(indicios: tuple[Indicio, ...]) -> tuple[tuple[str, ...], str, int]:
    assert len(indicios) == 1, indicios
    return indicios[0][:3]


# --- amounts typed as text ---------------------------------------------------------
@pytest.mark.parametrize(("texto", "moneda", "pais", "peso"), [
    ("€ 1.234,50", "EUR", "ES", ev.FUERTE),
    ("1.234,50 €", "EUR", "ES", ev.FUERTE),
    ("US$ 20", "USD", "US", ev.FUERTE),
    ("MXN 5,000.00", "MXN", "MX", ev.FUERTE),
    ("5.000,00 COP", "COP", "CO", ev.FUERTE),
    ("RD$ 1,500.00", "DOP", "DO", ev.FUERTE),
    ("S/ 350.00", "PEN", "PE", ev.FUERTE),
    ("₡ 25.000", "CRC", "CR", ev.FUERTE),
    ("Q 1,200.00", "GTQ", "GT", ev.FUERTE),
    ("$ 1.250.000", "", "CO", ev.DEBIL),
])
def test_un_importe_escrito_como_texto(texto: str, moneda: str, pais: str, peso: int) -> None:
    paises_, moneda_, peso_ = _uno(ev.indicios_de_textos([texto], hoja="Facturas", columna="Total"))
    assert (moneda_, peso_) == (moneda, peso) and pais in paises_


def test_el_signo_dolar_solo_apunta_a_muchos_paises() -> None:
    (indicio,) = ev.indicios_de_textos(["$ 1.250.000", "$ 20"], hoja="Facturas", columna="Total")
    assert {"CO", "MX", "AR", "CL", "US"} <= set(indicio.paises)
    assert "«$» en 2 de 2 celdas de Facturas, columna «Total»" in indicio.texto


def test_textos_sin_importe_no_son_indicio() -> None:
    textos = ["Pagada", "COP", "USD", None, 12.5, "Ref. EUR-5", "F-1001 $", "Pago de US$ 20 el lunes"]
    assert ev.indicios_de_textos(textos, hoja="F", columna="C") == ()


# --- number formats ------------------------------------------------------------------
@pytest.mark.parametrize(("codigo", "paises_", "moneda", "peso"), [
    ("#,##0.00 €", ("ES",), "EUR", ev.FUERTE),
    ('#,##0.00 "€"', ("ES",), "EUR", ev.FUERTE),
    ("[$€-C0A] #,##0.00", ("ES",), "EUR", ev.FUERTE),
    ("[$€-x-sysdecimal]#,##0.00", ("ES",), "EUR", ev.FUERTE),
    ("[$MXN] #,##0.00", ("MX",), "MXN", ev.FUERTE),
    ("[$$-80A] #,##0.00", ("MX",), "MXN", ev.FUERTE),
    ("[$-240A]dd/mm/yyyy", ("CO",), "", ev.FUERTE),
    ("[$$-240A] #,##0", ("CO",), "COP", ev.FUERTE),
    ("[$$-2C0A] #,##0.00", ("AR",), "ARS", ev.FUERTE),
    ("[$-340A]d\\-mmm", ("CL",), "", ev.FUERTE),
    ("[$$-409]#,##0.00", ("US",), "USD", ev.FUERTE),
    ("[$-409]d-mmm-yy;@", ("US",), "", ev.DEBIL),
])
def test_formatos_de_excel(codigo: str, paises_: tuple[str, ...], moneda: str, peso: int) -> None:
    assert _uno(ev.indicios_de_formatos([Formato("Facturas", codigo)])) == (paises_, moneda, peso)


def test_formato_con_dolar_entre_comillas_es_debil() -> None:
    paises_, moneda, peso = _uno(ev.indicios_de_formatos([Formato("Facturas", '"$"#,##0.00')]))
    assert (moneda, peso) == ("", ev.DEBIL) and "CO" in paises_


@pytest.mark.parametrize("codigo", ["General", "0.00", "#,##0", "dd/mm/yyyy", "0%", "@", "[Red]#,##0"])
def test_formatos_sin_pista(codigo: str) -> None:
    assert ev.indicios_de_formatos([Formato("Facturas", codigo)]) == ()


def test_estilo_ods_con_simbolo_y_pais() -> None:
    indicio, = ev.indicios_de_formatos([Formato("Facturas", "$ #,##0.00", simbolo="$", pais="CO")])
    assert indicio[:3] == (("CO",), "COP", ev.FUERTE)
    assert indicio.texto == "Formato «$ #,##0.00» en Facturas (pesos colombianos)."


def test_un_formato_repetido_es_un_solo_indicio() -> None:
    assert len(ev.indicios_de_formatos([Formato("Facturas", "#,##0.00 €")] * 3)) == 1


# --- Moneda column ---------------------------------------------------------------------
def test_columna_moneda_da_la_mas_frecuente() -> None:
    indicio, = ev.indicios_de_monedas(["COP"] * 8 + ["USD", "usd", "", None, "pesos"], hoja="Facturas", columna="Moneda")
    assert indicio[:3] == (("CO",), "COP", ev.FUERTE)
    assert indicio.texto == "Moneda COP en 8 de 10 filas de Facturas, columna «Moneda»."
    assert not indicio.contradice


def test_columna_moneda_vacia() -> None:
    assert ev.indicios_de_monedas(["", None, "pesos"], hoja="Facturas", columna="Moneda") == ()


# --- tax ids ---------------------------------------------------------------------------
@pytest.mark.parametrize(("encabezado", "valores", "pais"), [
    ("NIT", ["900.123.456-7", "800123456-1", "1.020.304.050-3"], "CO"),
    ("RFC", ["PEMJ800101AB1", "GOM750505XY2", "ÑAÑ010101AAA"], "MX"),
    ("CIF", ["B12345678", "A87654321"], "ES"),
    ("NIF", ["12345678Z", "X1234567L"], "ES"),
    ("RUT", ["76.123.456-K", "12.345.678-5"], "CL"),
    ("CUIT", ["30-71234567-8", "20-12345678-3"], "AR"),
    ("RUC", ["20123456789", "10456789012"], "PE"),
    ("RUC", ["1790012345001"], "EC"),
    ("RUC", ["80012345-6", "4567890-1"], "PY"),
    ("Documento", ["76.123.456-K", "12.345.678-5"], "CL"),
])
def test_identificaciones_por_su_forma(encabezado: str, valores: list[str], pais: str) -> None:
    paises_, moneda, peso = _uno(ev.indicios_de_identificacion(valores, hoja="Clientes", columna=encabezado))
    assert (paises_, moneda, peso) == ((pais,), "", ev.FUERTE)


def test_la_palabra_sola_es_media_y_nit_apunta_a_varios() -> None:
    indicio, = ev.indicios_de_identificacion(["123", "abc"], hoja="Clientes", columna="NIT del cliente")
    assert indicio.peso == ev.MEDIO and {"CO", "GT", "BO"} <= set(indicio.paises)
    assert indicio.texto == "Columna «NIT del cliente» en Clientes (NIT)."


def test_sin_palabra_ni_forma_no_hay_indicio() -> None:
    assert ev.indicios_de_identificacion(["123", "abc"], hoja="Clientes", columna="Código") == ()


@pytest.mark.parametrize(("encabezado", "es"), [("NIT", True), ("N.I.T.", True), ("RFC cliente", True),
                                                 ("Cédula / RUT", True), ("Nombre", False), ("Unitario", False)])
def test_es_identificacion(encabezado: str, es: bool) -> None:
    assert ev.es_identificacion(encabezado) is es


# --- the machine's locale ------------------------------------------------------------------
@pytest.mark.parametrize(("regional", "pais"), [
    ("es_MX.UTF-8", "MX"), ("es-CO", "CO"), ("es_ES@euro", "ES"), ("es_ES", "ES"), ("Spanish_Mexico.1252", "MX"),
    ("Spanish_Colombia.1252", "CO"), ("Spanish_Spain.1252", "ES"), ("Spanish_Peru", "PE"), ("es_419", ""),
    ("en_US.UTF-8", ""), ("C.UTF-8", ""), ("POSIX", ""), ("", ""), ("es_FR.UTF-8", ""), ("fr_FR", ""),
])
def test_pais_del_equipo(regional: str, pais: str) -> None:
    assert ev.pais_del_equipo(regional) == pais


# --- the decision ------------------------------------------------------------------------
EUROS = ev.indicios_de_formatos([Formato("Facturas", "#,##0.00 €")])
RFC = ev.indicios_de_identificacion(["PEMJ800101AB1"], hoja="Clientes", columna="RFC")
DOLAR = ev.indicios_de_textos(["$ 1.250.000"], hoja="Facturas", columna="Total")
NIT = ev.indicios_de_identificacion(["x"], hoja="Clientes", columna="NIT")


def test_euros_en_un_libro_configurado_en_pesos_colombianos_es_una_alerta() -> None:
    resultado = inferir(EUROS, pais_configurado="CO", moneda_configurada="COP")
    assert resultado[:3] == ("CO", "COP", ev.CONFIGURACION)
    assert resultado.alertas == ("El libro tiene importes en euros (formato «#,##0.00 €» en Facturas), pero "
                                 "Configuración dice Moneda = COP: revise Moneda y País.",)


def test_pais_contradicho_sin_moneda_contradicha() -> None:
    resultado = inferir(RFC, pais_configurado="CO", moneda_configurada="COP")
    assert resultado.alertas == ("El libro parece de México (RFC de México en 1 de 1 filas de Clientes, columna "
                                 "«RFC»), pero Configuración dice País = CO: revise País y Moneda.",)


def test_la_columna_moneda_no_contradice_la_configuracion() -> None:
    usd = ev.indicios_de_monedas(["USD"] * 5, hoja="Facturas", columna="Moneda")
    assert inferir(usd, pais_configurado="CO", moneda_configurada="COP").alertas == ()


def test_configuracion_de_acuerdo_no_alerta() -> None:
    assert inferir(EUROS, pais_configurado="ES", moneda_configurada="EUR").alertas == ()


def test_el_libro_decide_cuando_configuracion_calla() -> None:
    resultado = inferir(RFC, regional="es_ES.UTF-8")
    assert resultado[:3] == ("MX", "MXN", ev.LIBRO)
    assert resultado.indicios == ("RFC de México en 1 de 1 filas de Clientes, columna «RFC».",)
    assert "País deducido del libro: México (MXN)" in resultado.notas[0]


def test_el_dolar_solo_no_decide_pero_inclina_la_balanza() -> None:
    assert inferir(DOLAR).origen == ev.PREDETERMINADO
    assert inferir(NIT).origen == ev.PREDETERMINADO  # NIT alone: Colombia, Guatemala, Bolivia, El Salvador
    assert inferir(NIT + DOLAR).origen == ev.PREDETERMINADO  # Colombia and El Salvador both write $
    bolivianos = ev.indicios_de_textos(["Bs 100"], hoja="Facturas", columna="Total")  # Bolivia or Venezuela
    assert inferir(NIT + bolivianos)[:3] == ("BO", "BOB", ev.LIBRO)
    rut = ev.indicios_de_identificacion(["1"], hoja="Clientes", columna="RUT")  # Chile or Uruguay
    assert inferir(rut + DOLAR).origen == ev.PREDETERMINADO  # both write $ too
    assert inferir(rut + ev.indicios_de_textos(["$U 100"], hoja="F", columna="T"))[:3] == ("UY", "UYU", ev.LIBRO)


def test_el_equipo_cuando_el_libro_no_dice() -> None:
    resultado = inferir(DOLAR, regional="es_MX.UTF-8")
    assert resultado[:3] == ("MX", "MXN", ev.EQUIPO)
    assert resultado.indicios[-1] == "Configuración regional del equipo: es_MX.UTF-8 (México)."


def test_predeterminado_con_nota_de_suposicion() -> None:
    resultado = inferir(regional="en_US.UTF-8")
    assert resultado[:3] == ("CO", "COP", ev.PREDETERMINADO)
    assert "supongo Colombia (COP)" in resultado.notas[0]


def test_la_moneda_explicita_gana_a_la_del_pais() -> None:
    usd = ev.indicios_de_textos(["US$ 20", "US$ 30"], hoja="Facturas", columna="Total")
    assert inferir(usd, pais_configurado="CO")[:2] == ("CO", "USD")
    assert inferir((), pais_configurado="MX")[:2] == ("MX", "MXN")
    assert inferir((), pais_configurado="ec")[:2] == ("EC", "USD")


def test_la_moneda_configurada_es_indicio_del_pais() -> None:
    assert inferir(moneda_configurada="MXN")[:3] == ("MX", "MXN", ev.LIBRO)
    assert inferir(moneda_configurada="USD", regional="es_SV")[:3] == ("SV", "USD", ev.EQUIPO)  # USD: five countries


def test_empate_de_monedas_sigue_al_pais() -> None:
    mezcla = (ev.indicios_de_textos(["€ 5"], hoja="F", columna="A") + ev.indicios_de_textos(["MXN 5"], hoja="F", columna="B"))
    resultado = inferir(mezcla)
    assert resultado.origen == ev.PREDETERMINADO and resultado.moneda == "COP"


# --- properties ------------------------------------------------------------------------------
CODIGOS = sorted(p.codigo for p in paises.PAISES)
indicios = st.builds(Indicio, st.lists(st.sampled_from(CODIGOS), max_size=3).map(tuple),
                     st.sampled_from(["", "EUR", "USD", "COP", "MXN"]), st.sampled_from([ev.DEBIL, ev.MEDIO, ev.FUERTE]),
                     st.text(max_size=10), st.text(max_size=10), st.booleans())


@given(st.lists(indicios, max_size=6), st.sampled_from(["", *CODIGOS]), st.sampled_from(["", "COP", "EUR", "USD"]),
       st.sampled_from(["", "es_MX.UTF-8", "en_US", "Spanish_Spain.1252"]))
def test_siempre_decide_un_pais_conocido_y_una_moneda(lista, pais, moneda, regional) -> None:
    resultado = inferir(lista, pais_configurado=pais, moneda_configurada=moneda, regional=regional)
    assert resultado.origen in ev.ORIGENES
    assert resultado.pais in CODIGOS and len(resultado.moneda) == 3
    if pais:
        assert (resultado.pais, resultado.origen) == (pais, ev.CONFIGURACION)
    if moneda:
        assert resultado.moneda == moneda
    if not (pais or moneda):
        assert resultado.alertas == ()
    assert inferir(list(reversed(lista)), pais_configurado=pais, moneda_configurada=moneda,
                   regional=regional)[:3] == resultado[:3]  # the order of the clues does not matter


@given(st.lists(indicios, max_size=6))
def test_solo_indicios_debiles_nunca_deciden(lista) -> None:
    debiles = [i._replace(peso=ev.DEBIL, paises=i.paises[:1]) for i in lista][:2]
    assert inferir(debiles).origen == ev.PREDETERMINADO


# --- share of cells: one code among many amounts is an exception ------------------------------------------
def _textos(valores: list[object], columna: str = "Total") -> tuple[Indicio, ...]:
    return ev.indicios_de_textos(valores, hoja="Hoja 1", columna=columna)


def test_un_codigo_entre_muchos_pesos_no_cambia_la_moneda_del_libro() -> None:
    pistas = _textos(["$ 1.234,00"] * 40 + ["USD 1,200.00"]) + _textos(["$ 5"] * 40 + ["USD 1,200.00"], "Saldo")
    assert inferir(pistas + RFC)[:3] == ("MX", "MXN", ev.LIBRO)
    assert inferir(pistas, regional="es_MX.UTF-8")[:2] == ("MX", "MXN")
    usd = next(i for i in pistas if i.moneda == "USD")
    assert usd.parte == 1 / 41 and "«USD» en 1 de 41 celdas de Hoja 1, columna «Total»" in usd.texto


def test_los_numeros_cuentan_en_la_parte() -> None:
    (usd,) = _textos([1200.0] * 9 + ["USD 5", "", None, "-"])
    assert usd.parte == 1 / 10
    assert inferir((usd,), pais_configurado="CO").moneda == "COP"


def test_la_mayoria_de_celdas_con_codigo_si_decide() -> None:
    assert inferir(_textos(["USD 1", "USD 2", "$ 3"]), pais_configurado="CO").moneda == "USD"
    assert inferir(_textos(["USD 1", "$ 3"]), pais_configurado="CO").moneda == "COP"  # half is no majority


def test_columna_moneda_con_signos_de_peru() -> None:
    (indicio,) = ev.indicios_de_monedas(["S/", "US$", "S/", "USD", "PEN", "S/."], hoja="Registro", columna="Moneda")
    assert indicio[:3] == (("PE",), "PEN", ev.FUERTE) and indicio.parte == 4 / 6
    assert indicio.texto == "Moneda PEN en 4 de 6 filas de Registro, columna «Moneda»."
    assert inferir((indicio,))[:3] == ("PE", "PEN", ev.LIBRO)


def test_columna_moneda_sin_mayoria_clara_sigue_al_pais() -> None:
    (indicio,) = ev.indicios_de_monedas(["USD", "PEN", "USD", "PEN"], hoja="R", columna="Moneda")
    assert indicio.moneda == "PEN" and indicio.parte == 0.5  # ties settled by the code, not by first appearance
    ruc = ev.indicios_de_identificacion(["20512345678"], hoja="R", columna="RUC")
    assert inferir((indicio, *ruc))[:2] == ("PE", "PEN")
    (indicio,) = ev.indicios_de_monedas(["$"] * 3 + ["USD"] * 2, hoja="R", columna="Moneda")  # «$» counts, says none
    assert indicio.parte == 2 / 5 and inferir((indicio,), regional="es_MX").moneda == "MXN"


# --- the currency a text states ----------------------------------------------------------------------------
@pytest.mark.parametrize(("texto", "moneda"), [
    ("USD 1,200.00", "USD"), ("US$ 20", "USD"), ("€ 300", "EUR"), ("300 €", "EUR"), ("S/. 15,340.80", "PEN"),
    ("S/ 350.00", "PEN"), ("L 1,500.00", "HNL"), ("MX$ 5", "MXN"), ("COL$ 5.000", "COP"), ("1.500,00 COP", "COP"),
    ("$ 1.234,00", ""), ("$12,500.00", ""), ("Bs 5", ""), ("1200", ""), (1200.0, ""), (None, ""), ("Pagada", ""),
    ("Pago de US$ 20 el lunes", ""),
])
def test_moneda_del_texto(texto: object, moneda: str) -> None:
    assert ev.moneda_del_texto(texto) == moneda


@pytest.mark.parametrize(("texto", "predeterminada", "moneda"), [
    ("S/", "", "PEN"), ("S/.", "", "PEN"), ("s/", "", "PEN"), ("Bs", "BOB", "BOB"), ("Bs.", "VES", "VES"),
    ("Bs", "COP", ""), ("Q", "", "GTQ"), ("RD$", "", "DOP"), ("₡", "", "CRC"), ("L", "", "HNL"), ("C$", "", "NIO"),
    ("B/.", "", "USD"), ("Gs", "", "PYG"), ("$U", "", "UYU"), ("US$", "COP", "USD"), ("U$S", "", "USD"),
    ("€", "", "EUR"), ("MX$", "", "MXN"), ("COL$", "", "COP"), ("usd", "", "USD"), ("Dólares", "", "USD"),
    ("$", "MXN", "MXN"), ("$", "", ""), ("pesos", "COP", None), ("", "COP", None), ("x", "COP", None),
])
def test_moneda_escrita_en_una_columna_moneda(texto: str, predeterminada: str, moneda: str | None) -> None:
    assert paises.moneda_escrita(texto, predeterminada) == moneda


CANTIDADES = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@given(st.sampled_from(paises.SIGNOS), CANTIDADES, st.booleans(), st.sampled_from(["", " "]))
def test_cada_signo_de_la_tabla_se_lee_en_un_importe_y_en_una_columna_moneda(fila, cantidad, antes, espacio) -> None:
    signo, moneda, donde = fila
    texto = f"{signo}{espacio}{cantidad:,.2f}" if antes else f"{cantidad:,.2f}{espacio}{signo}"
    assert ev.moneda_del_texto(texto) == moneda
    de_su_pais = paises.pais(donde[0]).moneda if donde else "USD"
    assert paises.moneda_escrita(signo, de_su_pais) == (moneda or de_su_pais)


@given(st.lists(indicios, max_size=6), st.sampled_from(CODIGOS), st.sampled_from(["EUR", "USD", "COP", "MXN"]),
       st.floats(min_value=0.0, max_value=ev.MAYORIA))
def test_una_minoria_nunca_cambia_la_moneda(lista, pais, moneda, parte) -> None:
    minoria = Indicio((pais,), moneda, ev.FUERTE, "x", "x", True, parte)
    assert inferir([*lista, minoria], pais_configurado=pais).moneda == inferir(lista, pais_configurado=pais).moneda
