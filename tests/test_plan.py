"""Tests of plan.planificar: who gets what today.

Inputs are small inline tables turned into ``modelo.Cartera`` + ``modelo.Calculo``
directly (the computed columns are filled by a tiny reference helper here, so
these tests do not depend on ``calculo``).  Fecha de corte: 30/11/2026.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cartera.decisiones import ENVIO_FACTURA, PROMESA_INCUMPLIDA, RECORDATORIO, Aviso
from cartera.modelo import Calculo, Cartera, Configuracion, Envio, Etapa
from cartera.plan import agenda as plan
from cartera.plan import llamadas
from cartera.plan.urgencia import por_urgencia
from cartera.politica import ETAPAS_PREDETERMINADAS, RECARGOS_PREDETERMINADOS
from cartera.vocabulario import (
    CORREO,
    ENVIADO,
    ESTADOS_CERRADOS,
    ETAPA_PROMESA_INCUMPLIDA,
    FALLIDO,
    INCIERTO,
    LLAMADA,
    OMITIDO,
    VISTA_PREVIA,
)

CORTE = dt.date(2026, 11, 30)
D = dt.timedelta


# --- helpers: inline tables → Cartera + Calculo -----------------------------------------

def tabla(texto: str) -> list[dict[str, str]]:
    """``a | b`` lines, the first one the headers; "-" means blank."""
    lineas = [[c.strip() for c in linea.split("|")] for linea in texto.strip().splitlines()]
    return [{k: ("" if v == "-" else v) for k, v in zip(lineas[0], fila, strict=True)} for fila in lineas[1:]]


def fecha(texto: str, corte: dt.date) -> pd.Timestamp:
    """ISO date, or ``c±N`` = N days from the corte; "" → NaT."""
    if not texto:
        return pd.NaT
    if texto.startswith("c"):
        return pd.Timestamp(corte + D(int(texto[1:] or 0)))
    return pd.Timestamp(texto)


def clientes_df(texto: str) -> pd.DataFrame:
    filas = []
    for i, f in enumerate(tabla(texto)):
        filas.append({
            "cliente": f["cliente"], "nombre": f.get("nombre") or f"Cliente {f['cliente']}",
            "contacto": f.get("contacto", ""), "cc": (), "telefono": f.get("telefono", ""),
            "correos": tuple(c for c in f.get("correos", f"{f['cliente'].lower()}@correo.co").split(";") if c),
            "whatsapp": f.get("whatsapp", ""), "trato": f.get("trato") or "usted",
            "no_contactar": f.get("no_contactar") == "sí", "dias_credito": pd.NA, "fila": i + 2,
        })
    return pd.DataFrame(filas)


def etapa_alcanzada(vence: pd.Timestamp, corte: dt.date, etapas) -> str:
    """Reference: latest reminder stage whose day (vencimiento + días) has been reached."""
    alcanzadas = [e for e in etapas if not e.es_envio and vence + D(e.dias) <= pd.Timestamp(corte)]
    return max(alcanzadas, key=lambda e: e.dias).nombre if alcanzadas else ""


def calculadas(f: dict[str, str], corte: dt.date, etapas) -> dict:
    vence = fecha(f.get("vencimiento", "c0"), corte)
    total = int(f.get("total") or 100000)
    estado = f.get("estado") or "Pendiente"
    saldo = 0 if estado in ESTADOS_CERRADOS else int(f.get("saldo") or total)
    abierta = saldo > 0
    return {
        "factura": f["factura"], "cliente": f["cliente"], "emision": fecha(f.get("emision") or "", corte)
        if f.get("emision") else vence - D(30), "vencimiento": vence, "total": total,
        "moneda": f.get("moneda") or "COP", "estado": estado, "promesa": fecha(f.get("promesa", ""), corte),
        "enlace": "", "archivo": "", "fila": 0, "vencimiento_calculado": False, "pagado": total - saldo,
        "saldo": saldo, "abierta": abierta,
        "dias_vencidos": max(0, (pd.Timestamp(corte) - vence).days) if abierta else 0,
        "tramo": "", "recargo": 0, "recargo_topado": False, "compensacion": 0, "descuento": 0,
        "fecha_limite_descuento": pd.NaT,
        "etapa": f.get("etapa") or (etapa_alcanzada(vence, corte, etapas) if abierta else ""),
        "fecha_pago": fecha(f.get("fecha_pago", ""), corte),
    }


def historial(texto: str = "") -> tuple[Envio, ...]:
    if not texto.strip():
        return ()
    return tuple(Envio(fecha(h["fecha"], CORTE).date(), h["factura"], h["etapa"], h.get("resultado") or ENVIADO)
                 for h in tabla(texto))


def escenario(clientes: str, facturas: str, hist=(), *, corte=CORTE, etapas=ETAPAS_PREDETERMINADAS, **config):
    filas = [calculadas(f, corte, etapas) for f in tabla(facturas)]
    calc = pd.DataFrame(filas, index=pd.RangeIndex(10, 10 + len(filas)))
    cartera = Cartera(Configuracion(empresa="Ferretería El Tornillo", fecha_corte=corte, **config),
                      clientes_df(clientes), calc[[c for c in calc.columns if c in BASE]], pd.DataFrame(),
                      tuple(etapas), RECARGOS_PREDETERMINADOS, tuple(hist))
    return cartera, Calculo(calc, pd.DataFrame(columns=["cliente", "moneda", "monto"]), corte)


BASE = ("factura", "cliente", "emision", "vencimiento", "total", "moneda", "estado", "promesa", "enlace",
        "archivo", "fila")


def planificar(clientes: str, facturas: str, hist=(), **kw):
    return plan.planificar(*escenario(clientes, facturas, hist, **kw))


def accion(p, factura: str, facturas: str) -> str:
    orden = [f["factura"] for f in tabla(facturas)]
    return p.acciones.iloc[orden.index(factura)]


def al_historial(p, fecha_envio: dt.date, resultado: str = ENVIADO) -> tuple[Envio, ...]:
    """What the shell would record after sending every aviso of the plan."""
    return tuple(Envio(fecha_envio, f, e, resultado) for a in p.avisos for f, e in a.cubiertas)


UN_CLIENTE = """
cliente | contacto
A       | Ana
"""


# --- pauses -------------------------------------------------------------------------------

@pytest.mark.parametrize(("fila", "config", "accion_esperada", "motivo"), [
    ("estado=Disputa", {}, "En pausa: disputa", "En pausa: disputa"),
    ("estado=Promesa;promesa=2026-12-05", {}, "En pausa: promesa de pago hasta 05/12/2026",
     "En pausa: promesa de pago hasta 05/12/2026"),
    ("estado=Promesa;promesa=c0", {}, "En pausa: promesa de pago hasta 30/11/2026",
     "En pausa: promesa de pago hasta 30/11/2026"),
    ("saldo=5000", {"saldo_minimo": 10000}, "Saldo menor al mínimo", "Saldo menor al mínimo para recordar"),
    ("estado=Incobrable", {}, "", None),
    ("estado=Pagada", {}, "", None),
    ("emision=c+2;vencimiento=c+32", {}, "Emitida después de la fecha de corte", None),
])
def test_pausas_no_envian_nada(fila, config, accion_esperada, motivo):
    campos = dict(kv.split("=") for kv in fila.split(";"))
    campos.setdefault("vencimiento", "c-5")
    facturas = "factura | cliente | " + " | ".join(campos) + "\nF1 | A | " + " | ".join(campos.values())
    p = planificar(UN_CLIENTE, facturas, **config)
    assert p.avisos == () and p.llamadas == () and p.escalados == ()
    assert accion(p, "F1", facturas) == accion_esperada
    assert [o.motivo for o in p.omisiones] == ([motivo] if motivo else [])


def test_no_contactar_ni_correo_ni_llamada():
    clientes = "cliente | no_contactar | correos\nA | sí | -"
    facturas = "factura | cliente | vencimiento | emision\nF1 | A | c-50 | c-1\nF2 | A | c-25 | c-55"
    p = planificar(clientes, facturas)
    assert (p.avisos, p.llamadas, p.escalados) == ((), (), ())
    assert list(p.acciones) == ["No contactar", "No contactar"]
    assert [(o.motivo, o.facturas, o.etapa) for o in p.omisiones] == [("No contactar", ("F1", "F2"), "Cobranza")]


# --- promises -------------------------------------------------------------------------------

PROMESA = """
factura | cliente | vencimiento | estado   | promesa
F1      | A       | c-5         | Promesa  | 2026-11-25
F2      | A       | c-12        | -        | -
"""


def test_promesa_incumplida_reemplaza_el_recordatorio():
    p = planificar(UN_CLIENTE, PROMESA)
    assert [(a.tipo, a.etapa, a.plantilla, a.facturas, a.cubiertas) for a in p.avisos] == [
        (PROMESA_INCUMPLIDA, ETAPA_PROMESA_INCUMPLIDA, "promesa_incumplida", ("F1",),
         (("F1", ETAPA_PROMESA_INCUMPLIDA),))]
    assert accion(p, "F1", PROMESA) == "Promesa incumplida: aviso"
    assert accion(p, "F2", PROMESA) == "Pendiente: queda para la próxima ejecución"
    assert [(o.facturas, o.etapa) for o in p.omisiones] == [(("F2", "F1"), "Segundo aviso")]


def test_promesa_incumplida_una_sola_vez_y_luego_sigue_el_calendario():
    hist = al_historial(planificar(UN_CLIENTE, PROMESA), CORTE)
    # Rerun the same day: nothing new.
    assert planificar(UN_CLIENTE, PROMESA, hist).avisos == ()
    # Next day: no second broken-promise aviso; the reminder resumes, covering both facturas.
    p = planificar(UN_CLIENTE, PROMESA, hist, corte=CORTE + D(1))
    assert [(a.tipo, a.etapa, a.facturas, a.cubiertas) for a in p.avisos] == [
        (RECORDATORIO, "Segundo aviso", ("F2", "F1"), (("F2", "Segundo aviso"), ("F1", "Segundo aviso")))]


def test_promesa_nueva_tras_un_aviso_viejo_se_avisa_otra_vez():
    hist = historial("fecha | factura | etapa\n2026-10-01 | F1 | Promesa incumplida")
    assert [a.tipo for a in planificar(UN_CLIENTE, PROMESA, hist).avisos] == [PROMESA_INCUMPLIDA]


def test_promesa_cumplida_no_hace_nada():
    facturas = "factura | cliente | vencimiento | estado | promesa\nF1 | A | c-5 | Pagada | 2026-11-25"
    p = planificar(UN_CLIENTE, facturas)
    assert (p.avisos, p.omisiones, list(p.acciones)) == ((), (), [""])


# --- consolidation and severity --------------------------------------------------------------

CUATRO = """
factura | cliente | vencimiento | estado
F1      | A       | c-12        | -
F2      | A       | c-4         | -
F3      | A       | c+10        | -
F4      | A       | c-40        | Disputa
"""


def test_un_recordatorio_por_cliente_con_la_etapa_mas_severa():
    p = planificar(UN_CLIENTE, CUATRO)
    (aviso,) = p.avisos
    assert (aviso.tipo, aviso.etapa, aviso.plantilla) == (RECORDATORIO, "Segundo aviso", "segundo_aviso")
    assert aviso.facturas == ("F1", "F2", "F3")
    assert aviso.cubiertas == (("F1", "Segundo aviso"), ("F2", "Segundo aviso"))
    assert (aviso.destinatarios, aviso.canales) == (("a@correo.co",), frozenset({CORREO}))
    assert list(p.acciones) == ["Recordatorio: Segundo aviso", "Incluida en el recordatorio (Segundo aviso)",
                                "Incluida en el recordatorio (Segundo aviso)", "En pausa: disputa"]
    assert [(o.facturas, o.motivo) for o in p.omisiones] == [(("F4",), "En pausa: disputa")]


@pytest.mark.parametrize(("historia", "vencimiento", "esperado"), [
    ("2026-11-20 | F1 | Segundo aviso", "c-4", None),  # covered by a more severe stage: never step down
    ("2026-11-20 | F1 | Primer aviso", "c-4", None),  # its own stage already sent
    ("2026-11-20 | F1 | Segundo aviso", "c-12", None),  # consolidated earlier at Segundo: not again
    ("2026-11-20 | F1 | Primer aviso", "c-12", "Segundo aviso"),  # a more severe stage is due
    ("2026-11-20 | F1 | Tercer aviso", "c-12", None),
])
def test_nunca_baja_de_severidad_ni_repite(historia, vencimiento, esperado):
    p = planificar(UN_CLIENTE, f"factura | cliente | vencimiento\nF1 | A | {vencimiento}",
                   historial("fecha | factura | etapa\n" + historia))
    assert [a.etapa for a in p.avisos] == ([esperado] if esperado else [])
    if not esperado:
        assert p.acciones.iloc[0] == f"Ya enviado: {historia.split(' | ')[2]} (20/11/2026)"


@pytest.mark.parametrize(("resultado", "cuenta"), [
    (ENVIADO, True), (INCIERTO, True), (VISTA_PREVIA, False), (OMITIDO, False), (FALLIDO, False)])
def test_solo_cuentan_enviado_e_incierto(resultado, cuenta):
    hist = historial(f"fecha | factura | etapa | resultado\n2026-11-28 | F1 | Primer aviso | {resultado}")
    p = planificar(UN_CLIENTE, "factura | cliente | vencimiento\nF1 | A | c-4", hist)
    assert len(p.avisos) == (0 if cuenta else 1)


def simular(dias: list[dt.date], clientes: str, facturas: str) -> list[tuple[dt.date, str, str]]:
    """Run the plan on each day, recording what was sent; return (day, factura, etapa) sent."""
    hist: tuple[Envio, ...] = ()
    enviados = []
    for dia in dias:
        p = planificar(clientes, facturas, hist, corte=dia)
        nuevo = al_historial(p, dia)
        enviados += [(dia, e.factura, e.etapa) for e in nuevo]
        hist += nuevo
    return enviados


def test_etapas_saltadas_solo_la_ultima_y_una_vez():
    facturas = "factura | cliente | vencimiento | emision\nF1 | A | 2026-10-25 | 2026-09-25"
    # Runs on 28/10 (Primer aviso), then not for 19 days (Segundo aviso was due on 04/11), twice on 16/11, 17/11.
    dias = [dt.date(2026, 10, 28), dt.date(2026, 11, 16), dt.date(2026, 11, 16), dt.date(2026, 11, 17)]
    assert simular(dias, UN_CLIENTE, facturas) == [
        (dt.date(2026, 10, 28), "F1", "Primer aviso"), (dt.date(2026, 11, 16), "F1", "Tercer aviso")]


def test_repetir_el_mismo_dia_no_planifica_nada_nuevo():
    clientes = "cliente | correos\nA | a@x.co\nB | b@x.co\nC | -"
    facturas = """
factura | cliente | vencimiento | emision | estado  | promesa
F1      | A       | c-25        | c-1     | -       | -
F2      | A       | c-4         | c-34    | -       | -
F3      | B       | c-5         | c-35    | Promesa | c-2
F4      | C       | c-12        | c-42    | -       | -
"""
    p1 = planificar(clientes, facturas)
    assert sorted(a.tipo for a in p1.avisos) == [ENVIO_FACTURA, PROMESA_INCUMPLIDA, RECORDATORIO]
    p2 = planificar(clientes, facturas, al_historial(p1, CORTE))
    assert p2.avisos == ()
    assert [ll.cliente for ll in p2.llamadas] == ["C"]  # no e-mail: still to be phoned


# --- property: never the same stage twice, never stepping down --------------------------

ETAPAS_RECORDATORIO = [e.nombre for e in ETAPAS_PREDETERMINADAS if not e.es_envio]
RANGO = {n: r for r, n in enumerate(ETAPAS_RECORDATORIO)}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    vencimientos=st.lists(st.integers(-80, 10), min_size=1, max_size=4),
    historia=st.lists(st.tuples(st.integers(0, 3), st.sampled_from(ETAPAS_RECORDATORIO + ["Envío de factura"]),
                                st.sampled_from([ENVIADO, INCIERTO, FALLIDO]), st.integers(-60, 0)), max_size=8),
)
def test_propiedad_no_planifica_lo_ya_cubierto(vencimientos, historia):
    facturas = "factura | cliente | vencimiento | emision\n" + "\n".join(
        f"F{i} | A | c{v:+d} | c{v - 2:+d}" for i, v in enumerate(vencimientos))
    hist = tuple(Envio(CORTE + D(d), f"F{i}", e, r) for i, e, r, d in historia if i < len(vencimientos))
    p = planificar(UN_CLIENTE, facturas, hist)
    contado = [h for h in hist if h.resultado in (ENVIADO, INCIERTO)]
    for aviso in p.avisos:
        for factura, etapa in aviso.cubiertas:
            if etapa in RANGO:
                assert not any(h.factura == factura and RANGO.get(h.etapa, -1) >= RANGO[etapa] for h in contado)
            else:
                assert not any(h.factura == factura and h.etapa == etapa for h in contado)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vencimientos=st.lists(st.integers(-40, 5), min_size=1, max_size=3),
       saltos=st.lists(st.integers(1, 12), min_size=1, max_size=8))
def test_propiedad_corridas_diarias_nunca_repiten_etapa(vencimientos, saltos):
    facturas = "factura | cliente | vencimiento | emision\n" + "\n".join(
        f"F{i} | A | c{v:+d} | c{v - 2:+d}" for i, v in enumerate(vencimientos))
    dias = list(np.cumsum([0, *saltos]))
    enviados = simular([CORTE + D(int(d)) for d in dias], UN_CLIENTE, facturas)
    pares = [(f, e) for _, f, e in enviados]
    assert len(pares) == len(set(pares))
    for i in range(len(vencimientos)):
        rangos = [RANGO[e] for _, f, e in enviados if f == f"F{i}" and e in RANGO]
        assert rangos == sorted(rangos)


# --- envío de factura ------------------------------------------------------------------------

@pytest.mark.parametrize(("emision", "estado", "historia", "sale"), [
    ("c0", "-", "", True), ("c-3", "-", "", True), ("c-4", "-", "", False), ("c+1", "-", "", False),
    ("c-1", "Disputa", "", False), ("c-1", "Promesa", "", True), ("c-1", "Pagada", "", False),
    ("c-1", "-", "2026-11-29 | F1 | Envío de factura", False),
])
def test_envio_de_factura_ventana_y_una_vez(emision, estado, historia, sale):
    facturas = f"factura | cliente | emision | vencimiento | estado | promesa\nF1 | A | {emision} | c+30 | {estado} | c+5"
    hist = historial("fecha | factura | etapa\n" + historia) if historia else ()
    p = planificar(UN_CLIENTE, facturas, hist)
    esperado = [(ENVIO_FACTURA, "Envío de factura", "envio_factura", ("F1",), (("F1", "Envío de factura"),))]
    assert [(a.tipo, a.etapa, a.plantilla, a.facturas, a.cubiertas) for a in p.avisos] == (esperado if sale else [])
    if sale:
        assert p.acciones.iloc[0] == "Envío de factura"


def test_envio_de_factura_ademas_del_recordatorio():
    facturas = "factura | cliente | emision | vencimiento\nF1 | A | c-1 | c+29\nF2 | A | c-34 | c-4"
    p = planificar(UN_CLIENTE, facturas)
    assert [(a.tipo, a.facturas) for a in p.avisos] == [(ENVIO_FACTURA, ("F1",)), (RECORDATORIO, ("F2", "F1"))]
    assert list(p.acciones) == ["Envío de factura", "Recordatorio: Primer aviso"]


def test_envio_de_factura_sin_correo_se_omite():
    p = planificar("cliente | correos\nA | -", "factura | cliente | emision | vencimiento\nF1 | A | c-1 | c+29")
    assert p.avisos == () and p.llamadas == ()
    assert [(o.facturas, o.etapa, o.motivo) for o in p.omisiones] == [
        (("F1",), "Envío de factura", "Sin correo válido: no se pudo enviar la factura")]
    assert list(p.acciones) == ["Envío de factura: sin correo válido"]


# --- escalation, calls, no e-mail ------------------------------------------------------------

def test_escalar_suprime_el_correo():
    facturas = "factura | cliente | vencimiento\nF1 | A | c-50\nF2 | A | c-4\nF3 | A | c+5"
    p = planificar(UN_CLIENTE, facturas)
    assert p.avisos == ()
    (esc,) = p.escalados
    assert (esc.cliente, esc.etapa, esc.facturas, esc.saldos, esc.dias_vencidos, esc.motivo) == (
        "A", "Cobranza", ("F1", "F2", "F3"), (("COP", 300000),), 50, "Cuenta en cobranza")
    assert list(p.acciones) == ["Escalar a cobranza", "Escalar a cobranza", "Sin acción hoy"]
    assert [o.motivo for o in p.omisiones] == ["Cuenta en cobranza: no se envía recordatorio"]


def test_etapa_con_llamada_envia_correo_y_llama():
    facturas = "factura | cliente | vencimiento | moneda\nF1 | A | c-21 | COP\nF2 | A | c-2 | USD"
    p = planificar("cliente | contacto | telefono\nA | Ana | 300 123 4567", facturas)
    (aviso,) = p.avisos
    assert (aviso.etapa, aviso.canales) == ("Tercer aviso", frozenset({CORREO, LLAMADA}))
    (ll,) = p.llamadas
    assert (ll.cliente, ll.etapa, ll.motivo, ll.facturas, ll.dias_vencidos) == (
        "A", "Tercer aviso", "Etapa Tercer aviso", ("F1", "F2"), 21)
    assert ll.saldos == (("COP", 100000), ("USD", 100000))
    assert ll.enlace_whatsapp.startswith("https://wa.me/573001234567?text=")
    assert 3 <= len(ll.guion) <= 4
    assert list(p.acciones) == ["Recordatorio: Tercer aviso + Llamar", "Incluida en el recordatorio (Tercer aviso)"]


def test_sin_correo_valido_va_a_llamadas():
    p = planificar("cliente | correos | whatsapp\nA | - | +52 55 1234 5678",
                   "factura | cliente | vencimiento\nF1 | A | c-4")
    assert p.avisos == ()
    (ll,) = p.llamadas
    assert (ll.motivo, ll.etapa, ll.enlace_whatsapp[:29]) == ("Sin correo válido", "Primer aviso",
                                                             "https://wa.me/525512345678?te")
    assert [(o.canal, o.motivo) for o in p.omisiones] == [
        (CORREO, "Sin correo válido: se agregó a la lista de llamadas")]
    assert list(p.acciones) == ["Llamar: sin correo válido"]


def test_etapa_sin_correo_solo_llama():
    etapas = (*ETAPAS_PREDETERMINADAS[:4], Etapa("Llamada de cortesía", 7, "vencimiento", frozenset({LLAMADA}), None))
    p = planificar(UN_CLIENTE, "factura | cliente | vencimiento\nF1 | A | c-8", etapas=etapas)
    assert p.avisos == ()
    assert [ll.motivo for ll in p.llamadas] == ["Etapa Llamada de cortesía"]
    assert list(p.acciones) == ["Llamar: Llamada de cortesía"]


@pytest.mark.parametrize(("numero", "pais", "digitos"), [
    ("300 123 4567", "CO", "573001234567"),
    ("+57 300 123 4567", "CO", "573001234567"),
    ("57 300 123 4567", "CO", "573001234567"),
    ("0057 3001234567", "CO", "573001234567"),
    ("(55) 1234-5678", "MX", "525512345678"),
    ("612 34 56 78", "ES", "34612345678"),
    ("099 123 4567", "EC", "593991234567"),
    ("9 8765 4321", "CL", "56987654321"),
    ("987 654 321", "PE", "51987654321"),
    ("(555) 123-4567", "US", "15551234567"),
    ("", "CO", ""),
])
def test_numero_whatsapp_con_codigo_de_pais(numero, pais, digitos):
    assert llamadas.numero_whatsapp(numero, pais) == digitos


def test_enlace_whatsapp_texto_cortes():
    cliente = llamadas.Cliente("A", "Ana S.A.S.", "Ana", (), (), "", "3001234567", False)
    resumen = llamadas.Resumen(("F1", "F2"), (("COP", 125000050),), 12, dt.date(2026, 11, 18))
    enlace = llamadas.enlace_whatsapp(cliente, resumen, Configuracion(empresa="El Tornillo"))
    base, texto = enlace.split("?text=")
    assert base == "https://wa.me/573001234567" and " " not in texto
    assert unquote(texto) == ("Buen día, Ana. Le escribimos de El Tornillo sobre su cuenta (las facturas F1 y F2):"
                              " el saldo pendiente es de $ 1.250.000,50. ¿Nos confirma una fecha de pago? Si le"
                              " resulta útil, podemos acordar un plan de pagos. Muchas gracias.")
    tu = llamadas.texto_whatsapp(cliente._replace(tu=True), resumen, Configuracion())
    assert "Te escribimos sobre" in tu and "¿Nos confirmas" in tu



def test_guion_y_whatsapp_piden_el_saldo_vencido_si_lo_hay():
    cliente = llamadas.Cliente("A", "Ana S.A.S.", "Ana", (), (), "", "3001234567", False)
    resumen = llamadas.Resumen(("F1", "F2"), (("COP", 150000000), ("USD", 5000)), 12, dt.date(2026, 11, 12),
                               (("COP", 100000000), ("USD", 0)))
    config = Configuracion(empresa="El Tornillo")
    assert llamadas.guion(cliente, resumen, config)[0] == (
        "Buen día, Ana, le llamo de El Tornillo por su saldo vencido de $ 1.000.000,00.")
    assert "sobre su cuenta (las facturas F1 y F2): el saldo vencido es de $ 1.000.000,00." in (
        llamadas.texto_whatsapp(cliente, resumen, config))
    tu = cliente._replace(tu=True)
    assert "por tu saldo vencido de $ 1.000.000,00." in llamadas.guion(tu, resumen, config)[0]
    assert "Te escribimos de El Tornillo sobre tu cuenta" in llamadas.texto_whatsapp(tu, resumen, config)


def test_sin_nada_vencido_el_guion_dice_el_saldo_pendiente():
    cliente = llamadas.Cliente("A", "Ana S.A.S.", "Ana", (), (), "", "", True)
    resumen = llamadas.Resumen(("F1",), (("COP", 150000000),), 0, dt.date(2026, 12, 1))
    assert llamadas.guion(cliente, resumen, Configuracion())[0] == (
        "Hola, Ana, te llamo de la empresa por tu saldo pendiente de $ 1.500.000,00.")
    assert "sobre tu cuenta (la factura F1): el saldo pendiente es de $ 1.500.000,00." in (
        llamadas.texto_whatsapp(cliente, resumen, Configuracion()))

# --- punctual payers --------------------------------------------------------------------------

def test_buenos_pagadores():
    clientes = "cliente | nombre\nA | Zapatería Andina\nB | Bodega Central\nC | Café Real\nD | Droguería Sol\nE | Eléctricos"
    facturas = """
factura | cliente | emision    | vencimiento | estado  | fecha_pago | total
A1      | A       | 2026-05-01 | 2026-05-31  | Pagada  | 2026-05-30 | 100000
A2      | A       | 2026-11-20 | c+20        | -       | -          | 50000
B1      | B       | 2026-06-01 | 2026-07-01  | Pagada  | 2026-07-01 | 70000
B2      | B       | 2026-09-01 | 2026-10-01  | Anulada | -          | 9000
C1      | C       | 2026-06-01 | 2026-07-01  | Pagada  | 2026-07-02 | 100000
D1      | D       | 2025-06-01 | 2025-07-01  | Pagada  | 2025-07-01 | 100000
E1      | E       | 2026-06-01 | 2026-07-01  | Pagada  | 2026-06-20 | 100000
E2      | E       | 2025-01-01 | 2025-02-01  | -       | -          | 100000
"""
    p = planificar(clientes, facturas)
    assert [(x.cliente, x.nombre, x.facturas_pagadas, x.total) for x in p.puntuales] == [
        ("B", "Bodega Central", 1, (("COP", 70000),)), ("A", "Zapatería Andina", 1, (("COP", 100000),))]


# --- ordering and scale -----------------------------------------------------------------------

def test_orden_determinista_por_cliente_y_tipo():
    clientes = "cliente\nB\nA"
    facturas = "factura | cliente | vencimiento | emision\nF9 | B | c-4 | c-34\nF2 | A | c+29 | c-1\nF1 | A | c-4 | c-34"
    p = planificar(clientes, facturas)
    assert [(a.cliente, a.tipo) for a in p.avisos] == [("A", ENVIO_FACTURA), ("A", RECORDATORIO), ("B", RECORDATORIO)]
    assert list(p.acciones.index) == [10, 11, 12]


def test_escala_cien_mil_facturas_rapido():
    n = 100_000
    rng = np.random.default_rng(1)
    vence = pd.Timestamp(CORTE) + pd.to_timedelta(rng.integers(-90, 30, n), unit="D")
    calc = pd.DataFrame({
        "factura": [f"F{i}" for i in range(n)], "cliente": [f"C{i % 5000}" for i in range(n)],
        "emision": vence - pd.Timedelta(days=30), "vencimiento": vence, "total": 100000, "moneda": "COP",
        "estado": "Pendiente", "promesa": pd.NaT, "saldo": 100000, "abierta": True,
        "dias_vencidos": np.maximum(0, (pd.Timestamp(CORTE) - vence).days), "fecha_pago": pd.NaT,
    })
    calc["etapa"] = np.select([calc["dias_vencidos"] >= d for d in (45, 30, 20, 10, 3)],
                              ["Cobranza", "Aviso final", "Tercer aviso", "Segundo aviso", "Primer aviso"], "")
    cartera, _ = escenario("cliente\nX", "factura | cliente\nX1 | X")
    cartera = Cartera(cartera.configuracion, clientes_df("cliente\n" + "\n".join(f"C{i}" for i in range(5000))),
                      calc, pd.DataFrame(), ETAPAS_PREDETERMINADAS, ())
    p = plan.planificar(cartera, Calculo(calc, pd.DataFrame(), CORTE))
    assert len(p.acciones) == n and len(p.escalados) > 0


def test_urgencia_etapa_mas_severa_luego_mayor_saldo_luego_cliente():
    def aviso(cliente: str, etapa: str, *facturas: str) -> Aviso:
        tipo = ENVIO_FACTURA if etapa == "Envío de factura" else RECORDATORIO
        return Aviso(tipo, cliente, etapa, "x", facturas, (), (), (), frozenset())

    avisos = (aviso("A", "Primer aviso", "F1"), aviso("B", "Tercer aviso", "F2"), aviso("C", "Primer aviso", "F3", "F4"),
              aviso("D", "Envío de factura", "F5"), aviso("E", "Primer aviso", "F6"), aviso("F", "Primer aviso", "F9"))
    facturas = pd.DataFrame({"factura": ["F1", "F2", "F3", "F4", "F5", "F6"],
                             "saldo": [500, 10, 300, 300, 1, 500]})
    ordenados = por_urgencia(avisos, ETAPAS_PREDETERMINADAS, facturas)
    assert [a.cliente for a in ordenados] == ["D", "B", "C", "A", "E", "F"]
    assert por_urgencia((), ETAPAS_PREDETERMINADAS, facturas) == ()
