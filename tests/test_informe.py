"""The report as data: ``informe.construir`` on a realistic hand-built run.

``ejemplo()`` builds the inputs directly as ``modelo`` records (20 clients,
80 facturas in every tramo, COP and USD, payments, a dispute, a promise,
history, rejected rows, a plan and today's results), without calculo/plan,
so these tests only depend on the shared contract.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cartera import decisiones, modelo, politica, vocabulario
from cartera.calculo.cierres import Cierre, cierres_de_mes
from cartera.informe import armado as informe
from cartera.informe import celdas as c

CORTE = dt.date(2026, 11, 24)
NOMBRES = (
    "Ferretería El Tornillo S.A.S.", "Panadería La Espiga", "Distribuidora Andina Ltda.", "Café Montaña Azul",
    "Textiles Río Claro", "Clínica Veterinaria Huellitas", "Papelería Escolar Lápiz Mágico", "Restaurante Sazón Paisa",
    "Transportes Rápidos del Sur", "Constructora Horizonte", "Droguería Salud Total", "Taller Mecánico Don Pedro",
    "Floristería Jardín Secreto", "Librería El Quijote", '=HYPERLINK("http://x","y")', "@SUM(A1)",
    "Andes Export Inc.", "Pacific Coffee Traders LLC", "Blue Mountain Imports", "Green Valley Foods Corp.",
)
DIAS_DESDE_VENCIMIENTO = (-20, -3, 0, 2, 5, 15, 25, 30, 31, 45, 55, 61, 75, 90, 91, 120, 150, 200, -8, 10)
ETAPAS = ((-3, "Recordatorio preventivo"), (0, "Vence hoy"), (3, "Primer aviso"), (10, "Segundo aviso"),
          (20, "Tercer aviso"), (30, "Aviso final"), (45, "Cobranza"))


def _clientes() -> pd.DataFrame:
    n = len(NOMBRES)
    codigos = [f"C{i:03d}" for i in range(1, n + 1)]
    return pd.DataFrame({
        "cliente": codigos,
        "nombre": list(NOMBRES),
        "contacto": [f"Contacto {i}" for i in range(1, n + 1)],
        "correos": [(f"pagos{i}@ejemplo.co",) if i != 7 else () for i in range(1, n + 1)],
        "cc": [()] * n,
        "telefono": [f"+57 300 555 {i:04d}" for i in range(1, n + 1)],
        "whatsapp": [f"57300555{i:04d}" for i in range(1, n + 1)],
        "trato": ["usted"] * n,
        "no_contactar": [i == 12 for i in range(1, n + 1)],
        "dias_credito": pd.array([pd.NA] * n, dtype="Int64"),
        "fila": np.arange(2, n + 2, dtype=np.int64),
    })


def _etapa(dias: int) -> str:
    alcanzadas = [nombre for limite, nombre in ETAPAS if dias >= limite]
    return alcanzadas[-1] if alcanzadas else ""


def _facturas(n: int, *, semilla: int = 7, compensacion: bool = False) -> pd.DataFrame:
    """``n`` facturas with the computed columns (a hand-made stand-in for calculo.calcular)."""
    rng = np.random.default_rng(semilla)
    i = np.arange(n)
    cliente = np.array([f"C{(k % 20) + 1:03d}" for k in range(n)], dtype=object)
    usd = np.isin(cliente, ["C017", "C018", "C019", "C020"])
    desde_venc = np.array(DIAS_DESDE_VENCIMIENTO)[(i * 7 + i // 20) % len(DIAS_DESDE_VENCIMIENTO)]
    vencimiento = pd.Timestamp(CORTE) - pd.to_timedelta(desde_venc, unit="D")
    total = np.where(usd, rng.integers(500, 20_000, n) * 100, rng.integers(150, 25_000, n) * 100_000)
    estado = np.full(n, vocabulario.PENDIENTE, dtype=object)
    estado[i % 9 == 4] = vocabulario.PAGADA
    estado[i == 11] = vocabulario.DISPUTA
    estado[i == 13] = vocabulario.PROMESA
    pagado = np.where(estado == vocabulario.PAGADA, total, np.where(i % 5 == 1, total // 4, 0))
    cerrada = np.isin(estado, vocabulario.ESTADOS_CERRADOS)
    saldo = np.where(cerrada, 0, total - pagado)
    abierta = saldo > 0
    dias = np.where(abierta, np.maximum(0, desde_venc), 0)
    tramo = np.where(abierta, _tramos(dias), "")
    recargo = np.where(abierta & (dias > 2), np.where(dias > 30, saldo // 10, saldo // 20), 0)
    fecha_pago = pd.Series(pd.NaT, index=i, dtype="datetime64[ns]")
    fecha_pago[cerrada] = (vencimiento + pd.to_timedelta(i % 40, unit="D"))[cerrada]
    return pd.DataFrame({
        "factura": [f"FV-{1000 + k}" for k in range(n)],
        "cliente": cliente,
        "emision": vencimiento - pd.Timedelta(days=30),
        "vencimiento": vencimiento,
        "total": total.astype(np.int64),
        "moneda": np.where(usd, "USD", "COP").astype(object),
        "estado": estado,
        "promesa": pd.Series(pd.NaT, index=i, dtype="datetime64[ns]"),
        "enlace": "",
        "archivo": "",
        "fila": i.astype(np.int64) + 2,
        "vencimiento_calculado": i % 10 == 3,
        "pagado": np.where(cerrada & (estado != vocabulario.PAGADA), 0, pagado).astype(np.int64),
        "saldo": saldo.astype(np.int64),
        "abierta": abierta,
        "dias_vencidos": dias.astype(np.int64),
        "tramo": tramo.astype(object),
        "recargo": recargo.astype(np.int64),
        "recargo_topado": abierta & (dias > 120),
        "compensacion": np.where(compensacion & (dias > 0), 4000, 0).astype(np.int64),
        "descuento": np.zeros(n, dtype=np.int64),
        "fecha_limite_descuento": pd.Series(pd.NaT, index=i, dtype="datetime64[ns]"),
        "etapa": np.array([_etapa(int(d)) for d in desde_venc], dtype=object),
        "fecha_pago": fecha_pago,
    })


def _tramos(dias: np.ndarray) -> np.ndarray:
    etiquetas = politica.etiquetas_tramos((30, 60, 90))
    return np.array(etiquetas, dtype=object)[np.digitize(dias, [1, 31, 61, 91])]


RECHAZOS = (
    *(modelo.Rechazo("Facturas", 80 + k, "Total", "abc", "El total no es un número.") for k in range(6)),
    modelo.Rechazo("Clientes", 9, "Correo", "sin-arroba", "Dirección de correo no válida; se ignoró.", grave=False),
)


def ejemplo(*, n: int = 80, rechazos: tuple[modelo.Rechazo, ...] = RECHAZOS, compensacion: bool = False):
    """(cartera, calculo, plan, resultados) of a realistic run on 24/11/2026."""
    facturas = _facturas(n, compensacion=compensacion)
    base = facturas[[col for col in facturas.columns if col in ("factura", "cliente", "emision", "total", "moneda",
                                                                "estado", "promesa", "enlace", "archivo", "fila")]]
    historial = (
        modelo.Envio(dt.date(2026, 10, 2), "FV-1000", "Primer aviso", vocabulario.ENVIADO),
        modelo.Envio(dt.date(2026, 11, 1), "FV-1000", "Segundo aviso", vocabulario.ENVIADO),
        modelo.Envio(dt.date(2026, 11, 3), "FV-1003", "Tercer aviso", vocabulario.FALLIDO),
    )
    cartera = modelo.Cartera(
        configuracion=modelo.Configuracion(empresa="Comercial Los Álamos & Cía.", fecha_corte=CORTE),
        clientes=_clientes(),
        facturas=base.assign(vencimiento=facturas["vencimiento"]),
        pagos=pd.DataFrame(columns=["fecha", "factura", "cliente", "monto", "metodo", "referencia", "fila"]),
        etapas=politica.ETAPAS_PREDETERMINADAS,
        recargos=politica.RECARGOS_PREDETERMINADOS,
        historial=historial,
        rechazos=rechazos,
    )
    a_favor = pd.DataFrame({"cliente": ["C005", "C018"], "moneda": ["COP", "USD"], "monto": np.array([5_000_000, 12_550], dtype=np.int64)})
    calculo = modelo.Calculo(facturas, a_favor, CORTE)
    return cartera, calculo, _plan(facturas), _resultados()


def _plan(facturas: pd.DataFrame) -> decisiones.Plan:
    llamadas = (
        decisiones.Llamada("C003", "Distribuidora Andina Ltda.", "Marta Gómez", "+57 300 555 0003", "573005550003",
                       "https://wa.me/573005550003?text=Hola%20Marta", "Tercer aviso", ("FV-1002", "FV-1022"),
                       (("COP", 350_000_000),), 25, "Etapa con llamada",
                       ("Saludar y presentarse.", "Recordar el saldo vencido y su fecha.", "Acordar una fecha de pago.")),
        decisiones.Llamada("C007", "Papelería Escolar Lápiz Mágico", "", "+57 300 555 0007", "", "", "Primer aviso",
                       ("FV-1006",), (("COP", 90_000_000), ("USD", 15_000)), 5, "Sin correo válido", ("Pedir un correo.",)),
    )
    escalados = (decisiones.Escalado("C010", "Constructora Horizonte", "Cobranza", ("FV-1009",), (("COP", 780_000_000),), 150,
                                 "Cobranza: 45 días o más"),)
    puntuales = (decisiones.Puntual("C002", "Panadería La Espiga", 11, (("COP", 2_400_000_000),)),
                 decisiones.Puntual("C019", "Blue Mountain Imports", 4, (("USD", 1_250_000),)))
    omisiones = (decisiones.Omision("C012", ("FV-1011",), "Primer aviso", "correo", "No contactar"),
                 decisiones.Omision("C012", ("FV-1031",), "Segundo aviso", "correo", "En pausa: disputa"))
    acciones = pd.Series(np.where(facturas["abierta"], "Recordatorio", ""), index=facturas.index, dtype=object)
    return decisiones.Plan((), llamadas, escalados, puntuales, omisiones, acciones)


def _resultados() -> tuple[decisiones.Resultado, ...]:
    hora = dt.datetime(2026, 11, 24, 18, 5)
    def r(cliente, facturas, etapa, resultado, detalle=""):
        return decisiones.Resultado(hora, cliente, facturas, etapa, "correo", (f"pagos@{cliente.lower()}.co",), "Aviso",
                                resultado, detalle, "")
    return (
        r("C001", ("FV-1000", "FV-1020"), "Aviso final", vocabulario.ENVIADO),
        r("C004", ("FV-1003",), "Segundo aviso", vocabulario.VISTA_PREVIA),
        r("C015", ("FV-1014",), "Primer aviso", vocabulario.FALLIDO, "Buzón lleno (452)"),
        r("C016", ("FV-1015",), "Tercer aviso", vocabulario.INCIERTO, "Se cortó la conexión"),
    )


# --- helpers -----------------------------------------------------------------
def hoja(inf: informe.Informe, nombre: str) -> informe.HojaInforme:
    return next(h for h in inf.hojas if h.nombre == nombre)


def valores(fila: c.Fila) -> list:
    return [celda.valor for celda in fila.celdas]


def datos(h: informe.HojaInforme) -> list[c.Fila]:
    filas = list(h.filas)
    inicio = h.tabla.fila_encabezado + 1
    return filas[inicio:inicio + h.tabla.filas_datos]


@pytest.fixture(scope="module")
def run():
    return ejemplo()


@pytest.fixture(scope="module")
def inf(run):
    return informe.construir(*run)


# --- tests -------------------------------------------------------------------
def test_hojas_en_orden(inf):
    assert [h.nombre for h in inf.hojas] == [
        "Resumen", "Clientes", "Detalle", "Recordatorios", "Llamadas", "Escalar", "Puntuales", "Pronóstico", "Errores", "Lectura"]
    assert inf.tramos == ("Por vencer", "1-30", "31-60", "61-90", "Más de 90")


def test_errores_solo_con_rechazos():
    sin = informe.construir(*ejemplo(rechazos=()))
    assert "Errores" not in [h.nombre for h in sin.hojas]
    textos = [valores(f) for f in hoja(sin, "Resumen").filas]
    assert ["Todas las filas del libro se leyeron sin problemas."] in textos


def test_detalle_una_fila_por_factura_abierta(run, inf):
    _, calculo, _, _ = run
    abiertas = calculo.facturas[calculo.facturas["abierta"]]
    h = hoja(inf, "Detalle")
    filas = datos(h)
    assert len(filas) == len(abiertas) == h.tabla.filas_datos
    encabezado = valores(list(h.filas)[h.tabla.fila_encabezado])
    assert encabezado == ["Factura", "Cliente", "Nombre", "Emisión", "Vencimiento", "Total", "Pagado", "Saldo",
                          "Días vencidos", "Tramo", "Recargo", "Moneda", "Estado", "Etapa", "Acción"]
    assert {f.clase for f in filas} == {c.tramo(t) for t in inf.tramos}
    assert sum(f.celdas[7].valor for f in filas) == abiertas["saldo"].sum()
    assert all(c.tramo(f.celdas[9].valor) == f.clase for f in filas)


def test_detalle_marca_recargo_topado_y_moneda(inf):
    filas = datos(hoja(inf, "Detalle"))
    topados = [f for f in filas if c.TOPADO in f.celdas[10].clase.split()]
    assert topados and all(f.celdas[8].valor > 120 for f in topados)
    assert all(f.celdas[5].clase == c.dinero(f.celdas[11].valor) for f in filas)
    assert isinstance(filas[0].celdas[3].valor, dt.date)


def test_compensacion_solo_si_hay():
    h = hoja(informe.construir(*ejemplo(compensacion=True)), "Detalle")
    assert "Compensación" in valores(list(h.filas)[h.tabla.fila_encabezado])


def test_clientes_por_moneda_con_totales(run, inf):
    _, calculo, _, _ = run
    h = hoja(inf, "Clientes")
    filas = list(h.filas)
    titulos = valores(filas[0])
    assert titulos[:8] == ["Cliente", "Nombre", "Moneda", *inf.tramos]
    totales = {f.celdas[0].valor: f for f in filas if f.clase == c.TOTAL}
    assert set(totales) == {"Total COP", "Total USD"}
    abiertas = calculo.facturas[calculo.facturas["abierta"]]
    for moneda in ("COP", "USD"):
        esperado = abiertas.loc[abiertas["moneda"] == moneda, "saldo"].sum()
        assert totales[f"Total {moneda}"].celdas[titulos.index("Total")].valor == esperado
    con_saldo = set(abiertas.groupby(["moneda", "cliente"]).groups) | set(
        zip(calculo.saldos_a_favor["moneda"], calculo.saldos_a_favor["cliente"], strict=True))
    assert len(datos(h)) == len(con_saldo)


def test_clientes_ultimo_aviso_y_riesgo(inf):
    h = hoja(inf, "Clientes")
    titulos = valores(list(h.filas)[0])
    por_cliente = {f.celdas[0].valor: f for f in datos(h)}
    c001 = por_cliente["C001"].celdas
    assert c001[titulos.index("Último aviso")].valor == "Aviso final"
    assert c001[titulos.index("Fecha último aviso")].valor == CORTE
    c004 = por_cliente["C004"].celdas
    assert c004[titulos.index("Último aviso")].valor == "Segundo aviso (vista previa)"
    assert {f.celdas[titulos.index("Riesgo")].valor for f in datos(h)} <= {"Bajo", "Medio", "Alto", "Sin historial"}
    nota = list(h.filas)[0].celdas[titulos.index("Riesgo")].nota
    assert nota.startswith("Riesgo: el peor entre el historial de pagos y la situación actual")
    assert "Medio de 31 a 60 días vencidos, Alto más de 60" in nota and "(hoja Escalar) es Alto" in nota


def _riesgo_calculo(filas: list[tuple]) -> modelo.Calculo:
    """(cliente, vencimiento, fecha_pago, abierta, dias_vencidos) rows → a minimal Calculo."""
    facturas = pd.DataFrame(filas, columns=["cliente", "vencimiento", "fecha_pago", "abierta", "dias_vencidos"])
    facturas = facturas.assign(vencimiento=pd.to_datetime(facturas["vencimiento"]),
                               fecha_pago=pd.to_datetime(facturas["fecha_pago"]))
    return modelo.Calculo(facturas, pd.DataFrame(), CORTE)


def test_riesgo_por_atraso_promedio():
    calculo = _riesgo_calculo([
        ("A", "2026-01-01", "2025-12-20", False, 0), ("A", "2026-01-01", "2026-01-15", False, 0),
        ("B", "2026-01-01", "2026-01-20", False, 0), ("C", "2026-01-01", "2026-03-01", False, 0),
        ("D", "2026-01-01", None, False, 0),
    ])
    assert informe.tablas.riesgos(calculo).to_dict() == {"A": "Bajo", "B": "Medio", "C": "Alto"}


def test_riesgo_es_el_peor_entre_historial_y_situacion_actual():
    calculo = _riesgo_calculo([
        ("BUENO", "2026-01-01", "2026-01-01", False, 0), ("BUENO", "2026-11-01", None, True, 23),
        ("VENCIDO", "2026-01-01", "2026-01-02", False, 0), ("VENCIDO", "2026-08-16", None, True, 100),
        ("MEDIO", "2026-10-01", None, True, 31),
        ("NUEVO", "2026-11-20", None, True, 4),
        ("LIMITE", "2026-09-25", None, True, 60),
        ("ALTO_NUEVO", "2026-09-15", None, True, 70),
        ("MALO", "2026-01-01", "2026-03-01", False, 0), ("MALO", "2026-12-01", None, True, 0),
        ("ESCALADO", "2026-01-01", "2026-01-01", False, 0), ("ESCALADO", "2026-10-01", None, True, 50),
        ("PAGADA_SIN_PAGOS", "2026-01-01", None, False, 0),
    ])
    riesgo = informe.tablas.riesgos(calculo, frozenset({"ESCALADO"})).to_dict()
    assert riesgo == {
        "BUENO": "Bajo", "VENCIDO": "Alto", "MEDIO": "Medio", "NUEVO": "Sin historial", "LIMITE": "Medio",
        "ALTO_NUEVO": "Alto", "MALO": "Alto", "ESCALADO": "Alto",
    }, "a Pagada factura without payments (no fecha_pago) is no history"


def test_clientes_riesgo_de_la_muestra_mira_la_deuda_actual_y_la_cobranza():
    from cartera.calculo import antiguedad as calculo_mod
    from cartera.calculo import calendario
    from cartera.libro import apertura as libro
    from cartera.plan import agenda as plan_mod
    cartera = libro.leer(Path(__file__).resolve().parent.parent / "sample_cartera.xlsx")
    calculado = calculo_mod.calcular(cartera, CORTE, calendario.festivos("CO", range(2024, 2028)))
    plan = plan_mod.planificar(cartera, calculado)
    assert {e.cliente for e in plan.escalados} == informe.tablas.clientes_escalados(cartera, calculado) == {"TRIGAL"}
    h = informe.tablas.hoja_clientes(cartera, calculado, (), politica.etiquetas_tramos((30, 60, 90)))
    titulos = valores(list(h.filas)[0])
    riesgo = {f.celdas[0].valor: f.celdas[titulos.index("Riesgo")].valor for f in datos(h)}
    assert riesgo["TRIGAL"] == "Alto"  # 100 días vencidos and in cobranza, though it used to pay on time
    assert riesgo["PATITAS"] == "Alto"  # 70 días vencidos, no payment history


def test_clientes_incluye_quien_solo_tiene_saldo_a_favor(run):
    cartera, calculo, plan, resultados = run
    a_favor = pd.concat([calculo.saldos_a_favor, pd.DataFrame(
        {"cliente": ["C099"], "moneda": ["COP"], "monto": np.array([5_000_000], dtype=np.int64)})], ignore_index=True)
    clientes = pd.concat([cartera.clientes, cartera.clientes.iloc[[0]].assign(cliente="C099", nombre="Heladería Polo")],
                         ignore_index=True)
    cartera = modelo.Cartera(cartera.configuracion, clientes, cartera.facturas, cartera.pagos, cartera.etapas,
                             cartera.recargos, cartera.historial)
    h = informe.tablas.hoja_clientes(cartera, modelo.Calculo(calculo.facturas, a_favor, CORTE), resultados,
                                     politica.etiquetas_tramos((30, 60, 90)))
    filas = list(h.filas)
    titulos = valores(filas[0])
    polo = next(f for f in datos(h) if f.celdas[0].valor == "C099")
    assert polo.celdas[titulos.index("Nombre")].valor == "Heladería Polo"
    assert polo.celdas[titulos.index("Total")].valor == 0 and polo.celdas[titulos.index("Saldo a favor")].valor == 5_000_000
    assert polo.clase == "", "a credit-only row has no tramo colour"
    total_cop = next(f for f in filas if f.clase == c.TOTAL and f.celdas[0].valor == "Total COP")
    esperado = int(a_favor.loc[a_favor["moneda"] == "COP", "monto"].sum())
    assert total_cop.celdas[titulos.index("Saldo a favor")].valor == esperado  # reconciles with Resumen


def test_resumen_totales_dso_y_grafico(run, inf):
    _, calculo, _, _ = run
    h = hoja(inf, "Resumen")
    filas = list(h.filas)
    assert valores(filas[0]) == ["Informe de antigüedad de saldos"]
    assert valores(filas[1]) == ["Comercial Los Álamos & Cía."]
    assert valores(filas[2]) == ["Fecha de corte", CORTE]
    por_etiqueta = {}
    for f in filas:
        if f.celdas:
            por_etiqueta.setdefault(f.celdas[0].valor, f)
    abiertas = calculo.facturas[calculo.facturas["abierta"] & (calculo.facturas["moneda"] == "COP")]
    assert por_etiqueta["Total por cobrar"].celdas[1].valor == abiertas["saldo"].sum()
    vencido = abiertas.loc[abiertas["dias_vencidos"] > 0, "saldo"].sum()
    assert por_etiqueta["Total vencido"].celdas[2].valor == pytest.approx(vencido / abiertas["saldo"].sum())
    assert "ventas de los últimos 90 días" in por_etiqueta["DSO (días de cartera)"].celdas[1].nota
    assert [g.titulo for g in h.graficos] == [
        "Saldo por tramo (COP)", "Saldo por tramo (USD)", "Evolución de la cartera (COP)", "Evolución de la cartera (USD)",
        "Cobros esperados (COP)", "Cobros esperados (USD)"]
    serie = h.graficos[0].series[0]
    primera = serie.valores[0]
    assert [filas[primera + k].celdas[0].valor for k in range(5)] == list(inf.tramos)
    assert h.portada and h.tabla is None


def test_dso_saldo_sobre_ventas_de_90_dias():
    facturas = pd.DataFrame({
        "emision": pd.to_datetime(["2026-11-01", "2026-09-01", "2026-06-01", "2026-10-10"]),
        "moneda": ["COP"] * 4, "estado": [vocabulario.PENDIENTE, vocabulario.PENDIENTE, vocabulario.PENDIENTE, vocabulario.ANULADA],
        "total": [600_00, 300_00, 10_000_00, 999_00],
    })
    calculo = modelo.Calculo(facturas, pd.DataFrame(), CORTE)
    assert informe.resumen.dso(calculo, "COP", 450_00) == 45
    assert informe.resumen.dso(calculo, "USD", 450_00) is None


def test_resumen_acciones_y_rechazos(inf):
    textos = {f.celdas[0].valor: f for f in hoja(inf, "Resumen").filas if f.celdas}
    assert textos["Mensajes enviados"].celdas[1].valor == 1
    assert textos["Mensajes en vista previa (no enviados)"].celdas[1].valor == 1
    assert textos["Envíos fallidos"].celdas[1].valor == 1
    assert textos["Envíos inciertos"].celdas[1].valor == 1
    assert textos["Avisos omitidos"].celdas[1].valor == 2
    assert textos["Llamadas por hacer"].celdas[1].valor == 2
    assert "Filas rechazadas: 6 — ver hoja Errores" in textos
    assert "Advertencias: 1 — ver hoja Errores" in textos


def test_avisos_libro_y_tendencia(run):
    aviso = "El libro no se modificó porque contiene objetos que no se pueden conservar"
    octubre, noviembre = dt.date(2026, 10, 31), dt.date(2026, 11, 24)
    puntos = (Cierre(octubre, "COP", 9_000_000_000, 4_000_000_000, 41, sin_fecha=250_000_000),
              Cierre(noviembre, "COP", 9_500_000_000, 4_200_000_000, 44, hoy=True),
              Cierre(noviembre, "USD", 1_000_000, 0, None, hoy=True))
    inf = informe.construir(*run, tendencia=puntos, avisos_libro=(aviso,))
    h = hoja(inf, "Resumen")
    assert [aviso] in [valores(f) for f in h.filas]
    lineas = [g for g in h.graficos if g.tipo == "lineas"]
    assert len(lineas) == 1 and lineas[0].titulo == "Evolución de la cartera (COP)"  # USD: today only, no trend
    fechas = lineas[0].series[0].categorias
    filas = list(h.filas)
    assert valores(filas[fechas[0] - 1]) == ["Fecha", "Por cobrar", "Vencido", "% vencido", "DSO (días)", "Pagado sin fecha"]
    assert [valores(filas[r]) for r in range(fechas[0], fechas[2] + 1)] == [
        [octubre, 9_000_000_000, 4_000_000_000, 4 / 9, 41, 250_000_000],
        [noviembre, 9_500_000_000, 4_200_000_000, 42 / 95, 44, None]]
    assert filas[fechas[2]].clase == c.TOTAL  # today's row
    notas = [f.celdas[0] for f in filas[fechas[2] + 1:fechas[2] + 8]]
    assert [n.clase for n in notas] == [c.NOTA] * 3 + [c.AVISO] * 4
    assert notas[3].valor.startswith("«Pagado sin fecha» ($ 2.500.000,00 en total)")
    solo_hoy = informe.construir(*run, tendencia=puntos[1:])
    assert all(g.tipo == "columnas" for g in hoja(solo_hoy, "Resumen").graficos)


def test_tendencia_calculada_del_libro(run):
    """Without a given trend, construir recomputes it: 12 month-ends and today, per currency."""
    h = hoja(informe.construir(*run), "Resumen")
    lineas = {g.titulo: g for g in h.graficos if g.tipo == "lineas"}
    assert set(lineas) == {"Evolución de la cartera (COP)", "Evolución de la cartera (USD)"}
    filas = list(h.filas)
    categorias = lineas["Evolución de la cartera (COP)"].series[0].categorias
    fechas = [filas[r].celdas[0].valor for r in range(categorias[0], categorias[2] + 1)]
    assert fechas[-1] == CORTE and fechas[:-1] == list(cierres_de_mes(CORTE))[-len(fechas) + 1:]
    hoy = filas[categorias[2]]
    dso = next(f for f in filas if f.celdas and f.celdas[0].valor == "DSO (días de cartera)").celdas[1].valor
    total = next(f for f in filas if f.celdas and f.celdas[0].valor == "Total por cobrar").celdas[1].valor
    assert hoy.celdas[1].valor == total and hoy.celdas[4].valor == dso  # today's row is the Resumen's own figures


def test_recordatorios_llamadas_y_listas(run, inf):
    _, _, plan, resultados = run
    rec = hoja(inf, "Recordatorios")
    assert valores(list(rec.filas)[0])[:7] == ["Cliente", "Facturas", "Etapa", "Canal", "Destinatarios", "Resultado", "Motivo"]
    assert len(datos(rec)) == len(resultados) + len(plan.omisiones)
    assert datos(rec)[2].clase == c.resultado(vocabulario.FALLIDO) and datos(rec)[2].celdas[6].valor == "Buzón lleno (452)"
    llamadas = datos(hoja(inf, "Llamadas"))
    enlace = llamadas[0].celdas[4]
    assert (enlace.valor, enlace.clase, enlace.enlace) == ("Abrir WhatsApp", c.ENLACE, "https://wa.me/573005550003?text=Hola%20Marta")
    assert llamadas[0].celdas[-1].valor.count("\n") == 2
    assert len(llamadas) == 3  # the second client owes in two currencies: a continuation row
    assert [x.valor for x in llamadas[2].celdas[7:9]] == [15_000, "USD"]
    assert datos(hoja(inf, "Escalar"))[0].celdas[0].valor == "C010"
    assert len(datos(hoja(inf, "Puntuales"))) == 2
    errores = datos(hoja(inf, "Errores"))
    assert [f.celdas[5].valor for f in errores] == ["Rechazada"] * 6 + ["Advertencia"]


def test_listas_vacias_dicen_por_que():
    cartera, calculo, plan, _ = ejemplo()
    vacio = plan._replace(llamadas=(), escalados=(), puntuales=(), omisiones=())
    inf = informe.construir(cartera, calculo, vacio, ())
    assert valores(list(hoja(inf, "Llamadas").filas)[1]) == ["Hoy no hay llamadas pendientes."]
    assert hoja(inf, "Llamadas").tabla.filas_datos == 0


def test_filas_perezosas_se_pueden_recorrer_e_indexar(inf):
    filas = hoja(inf, "Detalle").filas
    lista = list(filas)
    assert len(lista) == len(filas)
    assert filas[-1] == lista[-1] and filas[5] == lista[5] and filas[1:3] == lista[1:3]


def test_informe_es_nucleo_puro():
    prohibidos = {"os", "pathlib", "io", "shutil", "tempfile", "xlsxwriter", "openpyxl", "time"}
    for modulo in Path(informe.__file__).parent.glob("*.py"):
        arbol = ast.parse(modulo.read_text(encoding="utf-8"))
        nombres = {a.name.split(".")[0] for n in ast.walk(arbol) if isinstance(n, ast.Import) for a in n.names}
        nombres |= {n.module.split(".")[0] for n in ast.walk(arbol) if isinstance(n, ast.ImportFrom) and n.module}
        assert not nombres & prohibidos, modulo.name
        assert "today(" not in modulo.read_text(encoding="utf-8") and "now(" not in modulo.read_text(encoding="utf-8")


def test_puntuales_dice_total_facturado(inf):
    """The column sums the invoices' Total (what was billed), not the payments."""
    titulos = valores(list(hoja(inf, "Puntuales").filas)[0])
    assert "Total facturado" in titulos and "Total pagado" not in titulos
