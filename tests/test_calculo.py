"""The computation pipeline (cartera.calculo): due dates, aging, estados, stages, totals, properties.

Inputs are written as small inline tables (``|``-separated, blanks allowed)
and turned into a ``modelo.Cartera`` by the builder below; money is written
in currency units ("100.10") and stored as centavos.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cartera import modelo, vocabulario
from cartera.calculo.antiguedad import calcular as calcular_cartera
from cartera.calculo.totales import por_tramo as totales_por_tramo
from cartera.dinero import a_centavos
from cartera.politica import ETAPAS_PREDETERMINADAS, RECARGOS_PREDETERMINADOS, etiquetas_tramos

# --- builder ----------------------------------------------------------------

FECHAS = ("emision", "vencimiento", "promesa", "fecha")
DINERO = ("total", "monto")
ENTEROS = ("dias_credito",)

FACTURA = {"cliente": "A", "emision": "2026-01-01", "vencimiento": "", "total": "100", "moneda": "COP",
           "estado": "Pendiente", "promesa": "", "enlace": "", "archivo": ""}
PAGO = {"fecha": "2026-01-15", "factura": "", "cliente": "", "metodo": "transferencia", "referencia": ""}
CLIENTE = {"nombre": "", "contacto": "", "correos": (), "cc": (), "telefono": "", "whatsapp": "",
           "trato": "usted", "no_contactar": False, "dias_credito": ""}


def tabla(texto: str) -> pd.DataFrame:
    """``| a | b |`` rows (first row: headers) → DataFrame of stripped strings."""
    lineas = [linea.strip() for linea in texto.strip().splitlines() if linea.strip()]
    celdas = [[celda.strip() for celda in linea.split("|")] for linea in lineas]
    return pd.DataFrame(celdas[1:], columns=celdas[0], dtype=object)


def _tipar(crudo: pd.DataFrame, predeterminados: dict) -> pd.DataFrame:
    """Fill missing columns with defaults and give each column the dtype of ``modelo.Cartera``."""
    datos = crudo.copy()
    for columna, valor in predeterminados.items():
        if columna not in datos.columns:
            datos[columna] = [valor] * len(datos)
    for columna in datos.columns:
        if columna in FECHAS:
            datos[columna] = pd.to_datetime(datos[columna].replace("", None)).astype("datetime64[ns]")
        elif columna in DINERO:
            datos[columna] = np.array([a_centavos(v) for v in datos[columna]], dtype=np.int64)
        elif columna in ENTEROS:
            datos[columna] = pd.array([int(v) if v != "" else None for v in datos[columna]], dtype="Int64")
    datos["fila"] = np.arange(2, len(datos) + 2, dtype=np.int64)
    return datos


def facturas_de(texto: str) -> pd.DataFrame:
    return _tipar(tabla(texto), FACTURA)


def pagos_de(texto: str) -> pd.DataFrame:
    if not texto.strip():
        return _tipar(pd.DataFrame({"monto": pd.Series([], dtype=object)}), PAGO)
    return _tipar(tabla(texto), PAGO)


def clientes_de(texto: str, facturas: pd.DataFrame) -> pd.DataFrame:
    """Clients from the table, plus any client the facturas name that the table lacks."""
    dados = tabla(texto) if texto.strip() else pd.DataFrame({"cliente": pd.Series([], dtype=object)})
    faltan = sorted(set(facturas["cliente"]) - set(dados["cliente"]))
    todos = pd.concat([dados, pd.DataFrame({"cliente": faltan}, dtype=object)], ignore_index=True)
    return _tipar(todos.fillna(""), CLIENTE)


def cartera_de(facturas: str, pagos: str = "", clientes: str = "", *, recargos=RECARGOS_PREDETERMINADOS,
               etapas=ETAPAS_PREDETERMINADAS, **config) -> modelo.Cartera:
    tabla_facturas = facturas_de(facturas)
    return modelo.Cartera(
        configuracion=modelo.Configuracion(**config),
        clientes=clientes_de(clientes, tabla_facturas),
        facturas=tabla_facturas,
        pagos=pagos_de(pagos),
        etapas=tuple(etapas),
        recargos=tuple(recargos),
    )


def calcular(facturas: str, pagos: str = "", clientes: str = "", *, corte: str = "2026-03-01",
             festivos: tuple[dt.date, ...] = (), **opciones) -> modelo.Calculo:
    cartera = cartera_de(facturas, pagos, clientes, **opciones)
    return calcular_cartera(cartera, dt.date.fromisoformat(corte), festivos)


def fila(resultado: modelo.Calculo, factura: str) -> pd.Series:
    """The computed row of one factura."""
    return resultado.facturas.set_index("factura").loc[factura]


def vence_hace(dias: int, corte: str = "2026-03-01") -> str:
    """The due date that leaves a factura ``dias`` days past due at ``corte``."""
    return (dt.date.fromisoformat(corte) - dt.timedelta(days=dias)).isoformat()


# --- output shape -----------------------------------------------------------


def test_salida_conserva_indice_orden_y_agrega_columnas_con_tipos():
    cartera = cartera_de("""
        factura | emision    | vencimiento | total
        F3      | 2026-01-01 | 2026-02-01  | 10
        F1      | 2026-01-01 |             | 20
        F2      | 2026-04-01 | 2026-05-01  | 30
    """)
    entrada = cartera.facturas.set_axis([30, 10, 20])
    cartera = modelo.Cartera(cartera.configuracion, cartera.clientes, entrada, cartera.pagos, cartera.etapas, cartera.recargos)
    resultado = calcular_cartera(cartera, dt.date(2026, 3, 1), ())
    facturas = resultado.facturas
    assert facturas.index.tolist() == [30, 10, 20]
    assert facturas["factura"].tolist() == ["F3", "F1", "F2"]
    assert set(modelo.COLUMNAS_CALCULADAS) <= set(facturas.columns)
    for columna in ("pagado", "saldo", "dias_vencidos", "recargo", "compensacion", "descuento"):
        assert facturas[columna].dtype == np.int64, columna
    for columna in ("vencimiento_calculado", "abierta", "recargo_topado"):
        assert facturas[columna].dtype == bool, columna
    for columna in ("vencimiento", "fecha_limite_descuento", "fecha_pago"):
        assert facturas[columna].dtype == "datetime64[ns]", columna
    assert resultado.fecha_corte == dt.date(2026, 3, 1)
    assert list(resultado.saldos_a_favor.columns) == ["cliente", "moneda", "monto"]
    assert cartera.facturas["vencimiento"].isna().sum() == 1  # input untouched


def test_cartera_vacia():
    resultado = calcular("factura | total")
    assert resultado.facturas.empty
    assert resultado.saldos_a_favor.empty
    assert totales_por_tramo(resultado.facturas, (30, 60, 90)).empty


# --- vencimiento ------------------------------------------------------------


def test_vencimiento_en_blanco_usa_plazo_del_cliente_o_de_la_configuracion():
    resultado = calcular("""
        factura | cliente | emision    | vencimiento
        F1      | A       | 2026-01-10 |
        F2      | B       | 2026-01-10 |
        F3      | A       | 2026-01-10 | 2026-01-20
    """, clientes="""
        cliente | dias_credito
        A       | 15
        B       |
    """, dias_credito=45)
    assert fila(resultado, "F1")["vencimiento"] == pd.Timestamp("2026-01-25")
    assert fila(resultado, "F2")["vencimiento"] == pd.Timestamp("2026-02-24")
    assert fila(resultado, "F3")["vencimiento"] == pd.Timestamp("2026-01-20")
    assert resultado.facturas["vencimiento_calculado"].tolist() == [True, True, False]


def test_vencimiento_en_blanco_sin_columna_de_plazo_usa_30_dias():
    cartera = cartera_de("factura | emision\nF1 | 2026-01-10")
    cartera = modelo.Cartera(cartera.configuracion, cartera.clientes.drop(columns="dias_credito"),
                             cartera.facturas, cartera.pagos, cartera.etapas, cartera.recargos)
    resultado = calcular_cartera(cartera, dt.date(2026, 3, 1), ())
    assert resultado.facturas["vencimiento"].iloc[0] == pd.Timestamp("2026-02-09")


# --- días vencidos and tramo ------------------------------------------------


@pytest.mark.parametrize(
    ("dias", "dias_vencidos", "tramo"),
    [(-5, 0, "Por vencer"), (0, 0, "Por vencer"), (1, 1, "1-30"), (30, 30, "1-30"), (31, 31, "31-60"),
     (60, 60, "31-60"), (61, 61, "61-90"), (90, 90, "61-90"), (91, 91, "Más de 90"), (400, 400, "Más de 90")],
)
def test_tramos_predeterminados(dias, dias_vencidos, tramo):
    resultado = calcular(f"factura | emision | vencimiento\nF1 | 2025-01-01 | {vence_hace(dias)}")
    assert fila(resultado, "F1")["dias_vencidos"] == dias_vencidos
    assert fila(resultado, "F1")["tramo"] == tramo


@pytest.mark.parametrize(
    ("limites", "dias", "tramo"),
    [((15, 45), 15, "1-15"), ((15, 45), 16, "16-45"), ((15, 45), 46, "Más de 45"), ((15, 45), 0, "Por vencer"),
     ((), 1, "Vencida"), ((), 0, "Por vencer"), ((30, 60, 90, 180), 181, "Más de 180")],
)
def test_tramos_configurados(limites, dias, tramo):
    resultado = calcular(f"factura | emision | vencimiento\nF1 | 2025-01-01 | {vence_hace(dias)}", tramos=limites)
    assert fila(resultado, "F1")["tramo"] == tramo


# --- estados and as-of ------------------------------------------------------


@pytest.mark.parametrize(
    ("estado", "abierta"),
    [("Pendiente", True), ("Disputa", True), ("Promesa", True), ("Plan de pagos", True),
     ("Pagada", False), ("Anulada", False), ("Incobrable", False)],
)
def test_estados(estado, abierta):
    resultado = calcular(f"""
        factura | vencimiento | total | estado
        F1      | 2026-01-01  | 100   | {estado}
    """, pagos="fecha | factura | monto\n2026-01-05 | F1 | 40")
    factura = fila(resultado, "F1")
    assert factura["abierta"] == abierta
    assert factura["pagado"] == 4000
    assert factura["saldo"] == (6000 if abierta else 0)
    assert factura["dias_vencidos"] == (59 if abierta else 0)
    assert factura["tramo"] == ("31-60" if abierta else "")
    assert factura["recargo"] == (600 if abierta and estado != "Disputa" else 0)
    assert factura["etapa"] == ("Cobranza" if abierta else "")


def test_factura_emitida_despues_del_corte_no_esta_abierta():
    resultado = calcular("""
        factura | emision    | vencimiento | total
        F1      | 2026-03-02 | 2026-01-01  | 100
        F2      | 2026-03-01 | 2026-01-01  | 100
    """, compensacion=4000, descuento_pronto_pago=Decimal(2), dias_pronto_pago=1)
    futura, hoy = fila(resultado, "F1"), fila(resultado, "F2")
    assert (futura["abierta"], futura["saldo"], futura["dias_vencidos"], futura["tramo"]) == (False, 10000, 0, "")
    assert (futura["recargo"], futura["compensacion"], futura["etapa"]) == (0, 0, "")
    assert hoy["abierta"] and hoy["tramo"] == "31-60"


def test_factura_pagada_por_pagos_no_esta_abierta():
    resultado = calcular("factura | vencimiento | total\nF1 | 2026-01-01 | 100",
                         pagos="fecha | factura | monto\n2026-01-05 | F1 | 100")
    factura = fila(resultado, "F1")
    assert (factura["saldo"], factura["abierta"], factura["tramo"], factura["etapa"]) == (0, False, "", "")


# --- etapa ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dias", "etapa"),
    [(-4, ""), (-3, "Recordatorio preventivo"), (-1, "Recordatorio preventivo"), (0, "Vence hoy"), (2, "Vence hoy"),
     (3, "Primer aviso"), (10, "Segundo aviso"), (19, "Segundo aviso"), (20, "Tercer aviso"), (30, "Aviso final"),
     (44, "Aviso final"), (45, "Cobranza"), (300, "Cobranza")],
)
def test_etapa_alcanzada_por_fecha(dias, etapa):
    resultado = calcular(f"factura | emision | vencimiento\nF1 | 2025-01-01 | {vence_hace(dias)}")
    assert fila(resultado, "F1")["etapa"] == etapa


def test_etapa_ignora_envio_de_factura_y_respeta_etapas_propias():
    etapas = (
        modelo.Etapa("Envío", 0, vocabulario.DESDE_EMISION, frozenset({vocabulario.CORREO}), "envio_factura"),
        modelo.Etapa("Aviso tardío", 15, vocabulario.DESDE_VENCIMIENTO, frozenset({vocabulario.CORREO}), "x"),
        modelo.Etapa("Aviso", 5, vocabulario.DESDE_VENCIMIENTO, frozenset({vocabulario.CORREO}), "y"),
    )
    resultado = calcular(f"""
        factura | emision    | vencimiento
        F1      | 2026-03-01 | {vence_hace(-10)}
        F2      | 2026-01-01 | {vence_hace(5)}
        F3      | 2026-01-01 | {vence_hace(16)}
    """, etapas=etapas)
    assert resultado.facturas["etapa"].tolist() == ["", "Aviso", "Aviso tardío"]


# --- properties ---------------------------------------------------------------

CORTE = dt.date(2026, 3, 1)


@st.composite
def carteras(draw):
    """Small random carteras: 1–6 facturas, 1–2 clients, two currencies, random payments."""
    n = draw(st.integers(1, 6))
    filas = ["factura | cliente | emision | vencimiento | total | moneda | estado"]
    for i in range(n):
        emision = CORTE + dt.timedelta(days=draw(st.integers(-200, 5)))
        vence = "" if draw(st.booleans()) else (emision + dt.timedelta(days=draw(st.integers(0, 90)))).isoformat()
        total = Decimal(draw(st.integers(1, 10**7))) / 100
        filas.append(f"F{i} | {draw(st.sampled_from('AB'))} | {emision} | {vence} | {total} | "
                     f"{draw(st.sampled_from(['COP', 'USD']))} | {draw(st.sampled_from(vocabulario.ESTADOS))}")
    pagos = [_pago(draw, n) for _ in range(draw(st.integers(0, 6)))]
    return "\n".join(filas), pagos


def _pago(draw, n: int) -> str:
    fecha = CORTE + dt.timedelta(days=draw(st.integers(-200, 10)))
    factura = draw(st.sampled_from([""] + [f"F{i}" for i in range(n)]))
    monto = Decimal(draw(st.integers(1, 10**7))) / 100
    return f"{fecha} | {factura} | {draw(st.sampled_from('AB'))} | {monto} | {draw(st.sampled_from(['', 'COP', 'USD']))}"


def _tabla_pagos(pagos: list[str]) -> str:
    return "\n".join(["fecha | factura | cliente | monto | moneda", *pagos]) if pagos else ""


PROPIEDADES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPIEDADES
@given(carteras())
def test_propiedades_de_saldos_tramos_y_totales(datos):
    facturas, pagos = datos
    resultado = calcular(facturas, _tabla_pagos(pagos), corte=CORTE.isoformat(), dias_gracia=2)
    f = resultado.facturas
    assert (f["saldo"] >= 0).all() and (f["saldo"] <= f["total"]).all()
    assert (f["pagado"] >= 0).all() and (f["pagado"] <= f["total"]).all()
    assert (f.loc[f["dias_vencidos"] <= 2, "recargo"] == 0).all()
    assert ((f["tramo"] != "") == f["abierta"]).all()
    assert set(f.loc[f["abierta"], "tramo"]) <= set(etiquetas_tramos((30, 60, 90)))
    totales = totales_por_tramo(f, (30, 60, 90)).groupby("moneda")["saldo"].sum()
    abiertas = f[f["abierta"]].groupby("moneda")["saldo"].sum()
    assert totales[totales > 0].to_dict() == abiertas[abiertas > 0].to_dict()
    assert totales_por_tramo(f, (30, 60, 90))["cantidad"].sum() == f["abierta"].sum()
    recibidos = pagos_de(_tabla_pagos(pagos))
    recibido = recibidos.loc[recibidos["fecha"] <= pd.Timestamp(CORTE), "monto"].sum()
    assert recibido == f["pagado"].sum() + resultado.saldos_a_favor["monto"].sum()


@PROPIEDADES
@given(carteras(), st.data())
def test_un_pago_mas_nunca_aumenta_un_saldo(datos, data):
    facturas, pagos = datos
    antes = calcular(facturas, _tabla_pagos(pagos), corte=CORTE.isoformat()).facturas
    despues = calcular(facturas, _tabla_pagos([*pagos, _pago(data.draw, len(antes))]), corte=CORTE.isoformat()).facturas
    assert (despues["saldo"] <= antes["saldo"]).all()
    assert (despues["pagado"] >= antes["pagado"]).all()
