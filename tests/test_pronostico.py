"""Expected collections (calculo.pronostico, calculo.atrasos): the method on small tables, and the back-test.

The back-test (``test_retroprueba_*``) generates 18 months of invoices and payments (tests/historia_pagos.py),
forecasts as of seven month-ends using only what was known then, and compares each week with what was
actually paid in the 8 weeks that followed.  Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import datetime as dt
import io
from fractions import Fraction

import historia_pagos
import numpy as np
import openpyxl
import pandas as pd
import pytest
from test_calculo import calcular, cartera_de, vence_hace

from cartera.calculo import antiguedad, atrasos, pronostico
from cartera.excel import documento
from cartera.informe import armado, cobros
from cartera.plan import agenda

CORTE = "2026-03-01"
D = dt.date.fromisoformat(CORTE)


def _dia(dias: int) -> str:
    """The date ``dias`` days after the fecha de corte (negative = before)."""
    return (D + dt.timedelta(days=dias)).isoformat()


def _historia(cliente: str, atraso: int, n: int, *, moneda: str = "COP", desde: int = 0) -> tuple[list[str], list[str]]:
    """``n`` facturas of ``cliente`` paid ``atraso`` days after their due date, all before the corte."""
    facturas, pagos = [], []
    for k in range(n):
        vence = -200 + 7 * k
        numero = f"H{cliente}{desde + k}"
        facturas.append(f"{numero} | {cliente} | {_dia(vence - 30)} | {_dia(vence)} | 100 | {moneda} | Pendiente")
        pagos.append(f"{_dia(vence + atraso)} | {numero} | {cliente} | 100")
    return facturas, pagos


def _pronostico(abiertas: list[str], historias: list[tuple[list[str], list[str]]], pagos: list[str] = ()):
    facturas = ["factura | cliente | emision | vencimiento | total | moneda | estado", *abiertas]
    filas_pagos = ["fecha | factura | cliente | monto", *pagos]
    for f, p in historias:
        facturas += f
        filas_pagos += p
    return pronostico.pronosticar(calcular("\n".join(facturas), "\n".join(filas_pagos), corte=CORTE))


def _semanas(p: pronostico.Pronostico, cliente: str, campo: str = "probable") -> list[int]:
    filas = p.por_cliente[p.por_cliente["cliente"] == cliente].sort_values("semana")
    return filas[campo].tolist()


def test_semanas_de_siete_dias_desde_el_dia_siguiente_al_corte():
    semanas = pronostico.semanas_desde(D)
    assert len(semanas) == 8
    assert semanas[0] == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert semanas[-1] == (dt.date(2026, 4, 20), dt.date(2026, 4, 26))
    assert all((b - a).days == 6 for a, b in semanas)
    assert all((s[0] - r[1]).days == 1 for r, s in zip(semanas, semanas[1:], strict=False))


def test_limites_de_semana_cliente_puntual():
    """A punctual history: due on the last day of week 1 → week 1; one day later → week 2."""
    p = _pronostico(
        ["A1 | A | 2026-02-01 | 2026-03-08 | 50 | COP | Pendiente", "A2 | A | 2026-02-01 | 2026-03-09 | 70 | COP | Pendiente"],
        [_historia("A", 0, 12)],
    )
    assert p.con_historial
    assert _semanas(p, "A") == [5000, 7000, 0, 0, 0, 0, 0, 0]
    assert p.por_moneda["prudente"].tolist() == [5000, 7000, 0, 0, 0, 0, 0, 0]  # certain: nothing to discount
    assert _semanas(p, "A", "saldo") == [12000] * 8
    fila = p.por_cliente[(p.por_cliente["cliente"] == "A") & (p.por_cliente["semana"] == 1)].iloc[0]
    assert (fila["desde"], fila["hasta"], fila["facturas"], fila["historial"]) == (
        pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-08"), 2, 12)


def test_cliente_sin_historial_sigue_a_la_cartera():
    p = _pronostico(["N1 | N | 2026-02-01 | 2026-03-10 | 80 | COP | Pendiente"], [_historia("A", 0, 12)])
    assert _semanas(p, "N") == [0, 8000, 0, 0, 0, 0, 0, 0]
    assert _semanas(p, "N", "historial") == [0] * 8


def test_historial_corto_se_mezcla_con_la_cartera():
    """Z paid 5 facturas 21 days late; the portfolio (A: 12 on time, and Z's 5) pays 12/17 on time.

    Z's open factura, due in 7 days: its own history says week 4 (day 21); the portfolio says week 1
    with 12/17 and week 4 with 5/17; with 5 of its own facturas and 5 of the portfolio's, half and half.
    """
    p = _pronostico(["Z1 | Z | 2026-02-01 | 2026-03-08 | 1700 | COP | Pendiente"],
                    [_historia("A", 0, 12), _historia("Z", 21, 5)])
    esperado = [Fraction(1, 2) * Fraction(12, 17), 0, 0, Fraction(1, 2) + Fraction(1, 2) * Fraction(5, 17), 0, 0, 0, 0]
    assert _semanas(p, "Z") == [round(170000 * x) for x in esperado]


def test_factura_mas_atrasada_que_todo_el_historial_no_se_espera():
    p = _pronostico([f"V1 | A | 2026-01-01 | {vence_hace(30)} | 90 | COP | Pendiente"], [_historia("A", 3, 12)])
    assert _semanas(p, "A") == [0] * 8
    assert p.resto.set_index("moneda").loc["COP", "despues"] == 9000


def test_abono_parcial_se_pronostica_el_saldo():
    p = _pronostico(["P1 | A | 2026-02-01 | 2026-03-05 | 100 | COP | Pendiente"], [_historia("A", 0, 12)],
                    pagos=["2026-02-20 | P1 | A | 40"])
    assert _semanas(p, "A") == [6000, 0, 0, 0, 0, 0, 0, 0]
    assert p.resto.set_index("moneda").loc["COP", "saldo"] == 6000


def test_factura_en_disputa_no_se_pronostica():
    p = _pronostico(
        ["D1 | A | 2026-02-01 | 2026-03-05 | 100 | COP | Disputa", "A1 | A | 2026-02-01 | 2026-03-05 | 30 | COP | Pendiente"],
        [_historia("A", 0, 12)],
    )
    assert _semanas(p, "A") == [3000, 0, 0, 0, 0, 0, 0, 0]
    assert _semanas(p, "A", "facturas") == [1] * 8
    resto = p.resto.set_index("moneda").loc["COP"]
    assert (resto["saldo"], resto["despues"], resto["disputa"]) == (3000, 0, 10000)


def test_dos_monedas_nunca_se_suman():
    p = _pronostico(
        ["A1 | A | 2026-02-01 | 2026-03-05 | 30 | COP | Pendiente", "U1 | U | 2026-02-01 | 2026-03-12 | 20 | USD | Pendiente"],
        [_historia("A", 0, 12), _historia("U", 0, 3, moneda="USD")],
    )
    por = p.por_moneda.set_index(["moneda", "semana"])["probable"]
    assert por.loc[("COP", 1)] == 3000 and por.loc[("COP", 2)] == 0
    assert por.loc[("USD", 1)] == 0 and por.loc[("USD", 2)] == 2000
    assert sorted(p.resto["moneda"]) == ["COP", "USD"]


def test_una_sola_moneda_solo_tiene_sus_filas():
    p = _pronostico(["A1 | A | 2026-02-01 | 2026-03-05 | 30 | COP | Pendiente"], [_historia("A", 0, 12)])
    assert set(p.por_moneda["moneda"]) == {"COP"} and len(p.por_moneda) == 8


def test_sin_historial_en_el_libro_cada_factura_en_su_vencimiento():
    p = _pronostico(
        [f"A1 | A | 2026-01-01 | {vence_hace(10)} | 30 | COP | Pendiente",
         "A2 | A | 2026-02-01 | 2026-03-10 | 40 | COP | Pendiente",
         "A3 | A | 2026-02-01 | 2026-06-10 | 50 | COP | Pendiente"],
        [_historia("A", 0, 3)],
    )
    assert not p.con_historial
    assert _semanas(p, "A") == [3000, 4000, 0, 0, 0, 0, 0, 0]
    assert p.resto.set_index("moneda").loc["COP", "despues"] == 5000


def test_totales_por_moneda_son_la_suma_de_los_clientes_y_prudente_no_supera_probable():
    cartera = historia_pagos.generar(5)
    p = pronostico.pronosticar(antiguedad.calcular(historia_pagos.hasta(cartera, dt.date(2026, 1, 31)), dt.date(2026, 1, 31), ()))
    suma = p.por_cliente.groupby(["moneda", "semana"])["probable"].sum()
    assert suma.to_numpy().tolist() == p.por_moneda.set_index(["moneda", "semana"])["probable"].to_numpy().tolist()
    assert (p.por_moneda["prudente"] <= p.por_moneda["probable"]).all() and (p.por_moneda["prudente"] >= 0).all()
    assert (p.por_moneda["prudente"] > 0).any()


def test_supervivencia_con_facturas_abiertas():
    """Kaplan–Meier: 4 facturas, paid at 0 and 10, one open at 5, one open at 20: S(0)=3/4, S(10)=3/4·1/2."""
    c = atrasos.curvas(np.zeros(4, dtype=np.int64), np.array([0, 10, 5, 20]), np.array([True, True, False, False]))
    s = atrasos.supervivencia(c, np.zeros(4, dtype=np.int64), np.array([-1, 0, 9, 10]))
    assert s.tolist() == pytest.approx([1.0, 0.75, 0.75, 0.375])
    assert atrasos.en_riesgo(c, np.zeros(3, dtype=np.int64), np.array([-1, 5, 10])).tolist() == [4, 2, 1]


# --- Back-test ------------------------------------------------------------------------------------------
CORTES_RETRO = tuple(dt.date(a, m, 1) - dt.timedelta(days=1)
                     for a, m in ((2025, 11), (2025, 12), (2026, 1), (2026, 2), (2026, 3), (2026, 4), (2026, 5)))
"""Seven month-ends from October 2025 to April 2026: each followed by 8 weeks inside the history."""


def _cobrado(cartera, corte: dt.date, facturas: set[str]) -> pd.DataFrame:
    """What was actually paid in each of the 8 weeks after ``corte`` on the facturas open then: moneda × semana."""
    pagado = []
    for semana in range(pronostico.SEMANAS + 1):
        f = antiguedad.calcular(cartera, corte + dt.timedelta(days=7 * semana), ()).facturas
        pagado.append(f[f["factura"].isin(facturas)].groupby("moneda")["pagado"].sum())
    tabla = pd.concat(pagado, axis=1).fillna(0).astype(np.int64)
    return tabla.diff(axis=1).iloc[:, 1:].set_axis(range(1, pronostico.SEMANAS + 1), axis=1)


def _retroprueba(semilla: int = 17) -> pd.DataFrame:
    """One row per (corte, moneda, semana): real, probable, prudente, ingenuo (due date), cartera (portfolio only)."""
    completa = historia_pagos.generar(semilla)
    filas = []
    for corte in CORTES_RETRO:
        calculo = antiguedad.calcular(historia_pagos.hasta(completa, corte), corte, ())
        p = pronostico.pronosticar(calculo).por_moneda.set_index(["moneda", "semana"])
        solo_cartera = pronostico.pronosticar(calculo, peso=1e12).por_moneda.set_index(["moneda", "semana"])
        abiertas = calculo.facturas[calculo.facturas["abierta"]]
        atraso = (np.datetime64(corte, "D") - abiertas["vencimiento"].to_numpy().astype("datetime64[D]")).astype(np.int64)
        ingenuo = pd.DataFrame(pronostico.al_vencimiento(atraso) * abiertas["saldo"].to_numpy()[:, None],
                               columns=range(1, 9)).groupby(abiertas["moneda"].to_numpy()).sum()
        real = _cobrado(completa, corte, set(abiertas["factura"]))
        for (moneda, semana), fila in p.iterrows():
            filas.append((corte, moneda, semana, real.loc[moneda, semana], fila["probable"], fila["prudente"],
                          ingenuo.loc[moneda, semana], solo_cartera.loc[(moneda, semana), "probable"]))
    return pd.DataFrame(filas, columns=["corte", "moneda", "semana", "real", "probable", "prudente", "ingenuo", "cartera"])


def cifras_retroprueba(t: pd.DataFrame) -> pd.DataFrame:
    """Per currency: weekly WAPE of the forecast, of the due-date rule and of the portfolio alone; share of weeks
    whose actual reached the cautious figure; error of the 8-week total; forecast ÷ actual over all weeks."""
    def wape(g, columna):
        return float((g["real"] - g[columna]).abs().sum() / g["real"].sum())

    filas = {}
    for moneda, g in t.groupby("moneda"):
        total = g.groupby("corte")[["real", "probable"]].sum()
        filas[moneda] = {
            "wape": wape(g, "probable"), "wape_ingenuo": wape(g, "ingenuo"), "wape_cartera": wape(g, "cartera"),
            "cobertura_prudente": float((g["real"] >= g["prudente"]).mean()),
            "error_8_semanas": float((total["real"] - total["probable"]).abs().sum() / total["real"].sum()),
            "sesgo": float(g["probable"].sum() / g["real"].sum()),
            "prudente_sobre_probable": float(g["prudente"].sum() / g["probable"].sum()),
        }
    return pd.DataFrame(filas).T


@pytest.fixture(scope="module")
def retro() -> pd.DataFrame:
    return cifras_retroprueba(_retroprueba())


def test_retroprueba_error_semanal(retro):
    print("\nRetroprueba del pronóstico (7 cortes × 8 semanas):\n" + retro.round(3).to_string())
    assert retro.loc["COP", "wape"] <= 0.35
    assert retro.loc["USD", "wape"] <= 0.55  # 9 clients in USD: lumpier weeks


def test_retroprueba_mejor_que_pagar_al_vencimiento_y_que_la_cartera_sola(retro):
    assert (retro["wape"] < retro["wape_ingenuo"]).all()
    assert (retro["wape"] < retro["wape_cartera"]).all()


def test_retroprueba_total_de_ocho_semanas(retro):
    assert (retro["error_8_semanas"] <= 0.15).all()
    assert ((retro["sesgo"] > 0.85) & (retro["sesgo"] < 1.15)).all()


def test_retroprueba_cifra_prudente(retro):
    """The cautious figure is reached in most weeks, and still says something (not zero)."""
    assert (retro["cobertura_prudente"] >= 0.85).all()
    assert (retro["prudente_sobre_probable"] >= 0.25).all()  # USD: few clients, wide margin


def test_sin_facturas_abiertas_no_hay_filas():
    p = _pronostico([], [_historia("A", 0, 12)])
    assert p.por_cliente.empty and p.por_moneda.empty and p.resto.empty
    filas, graficos = cobros.bloque_cobros(p, ("COP",), 10, "CO")
    assert filas == [] and graficos == []
    assert len(cobros.hoja_pronostico(p, pd.Series(dtype=object)).filas) == len(cobros.NOTA_METODO) + len(cobros.NOTA_CLIENTES) + 2


# --- In the report --------------------------------------------------------------------------------------
def test_bloque_de_resumen_por_moneda_con_grafico():
    p = _pronostico(
        ["A1 | A | 2026-02-01 | 2026-03-05 | 30 | COP | Pendiente", "U1 | U | 2026-02-01 | 2026-03-12 | 20 | USD | Pendiente",
         "D1 | A | 2026-02-01 | 2026-03-05 | 100 | COP | Disputa"],
        [_historia("A", 0, 12), _historia("U", 0, 3, moneda="USD")],
    )
    filas, graficos = cobros.bloque_cobros(p, ("COP", "USD"), 40, "CO")
    textos = [f.celdas[0].valor if f.celdas else None for f in filas]
    assert textos[0] == "Cobros esperados (COP)" and "Cobros esperados (USD)" in textos
    assert sum(1 for t in textos if t and t.startswith("Probable:")) == 1  # the method is said once
    assert textos.count("Total 8 semanas") == 2 and textos.count("En disputa (no se pronostica)") == 1
    assert [g.titulo for g in graficos] == ["Cobros esperados (COP)", "Cobros esperados (USD)"]
    for g in graficos:
        assert g.tipo == "columnas" and g.clase_valores.startswith("dinero:")
        probable, prudente = g.series
        primera, columna, ultima, _ = probable.valores
        assert (columna, prudente.valores[1], ultima - primera) == (3, 4, 7)
        semana = filas[primera - 40]
        assert semana.celdas[0].valor == "02/03 – 08/03" and semana.celdas[1].valor == dt.date(2026, 3, 2)
        assert g.ancla[0] - 40 == textos.index(g.titulo)
    cop = filas[textos.index("Total 8 semanas")]
    assert cop.clase == "total" and cop.celdas[3].valor == 3000


def test_hoja_pronostico_por_cliente_y_semana():
    p = _pronostico(["A1 | A | 2026-02-01 | 2026-03-05 | 30 | COP | Pendiente", "A2 | A | 2026-02-01 | 2026-03-12 | 20 | COP | Pendiente"],
                    [_historia("A", 0, 12)])
    hoja = cobros.hoja_pronostico(p, pd.Series({"A": "Almacén A"}))
    filas = list(hoja.filas)
    encabezado = filas[hoja.tabla.fila_encabezado]
    assert [k.valor for k in encabezado.celdas] == list(cobros.TITULOS_PRONOSTICO)
    datos = [[k.valor for k in f.celdas] for f in filas[hoja.tabla.fila_encabezado + 1:]]
    assert len(datos) == hoja.tabla.filas_datos == 8
    assert datos[0][:9] == ["A", "Almacén A", "COP", 1, dt.date(2026, 3, 2), dt.date(2026, 3, 8), 3000, 3000, 5000]
    assert datos[1][6:8] == [2000, 5000]
    assert hoja.nombre == "Pronóstico"


def test_informe_completo_cobros_en_su_propia_pagina():
    """The whole report: Resumen ends with Cobros esperados, printed from a new page (as the trend before it),
    and the Pronóstico sheet."""
    cartera = cartera_de("\n".join(["factura | cliente | emision | vencimiento | total | moneda | estado",
                                    "A1 | A | 2026-02-01 | 2026-03-05 | 30 | COP | Pendiente", *_historia("A", 0, 12)[0]]),
                         "\n".join(["fecha | factura | cliente | monto", *_historia("A", 0, 12)[1]]))
    calculo = antiguedad.calcular(cartera, D, ())
    informe = armado.construir(cartera, calculo, agenda.planificar(cartera, calculo, hoy=D), ())
    resumen = informe.hojas[0]
    filas = list(resumen.filas)
    saltos = [n for n, f in enumerate(filas) if "nueva_pagina" in f.clase.split()]
    assert [filas[n].celdas[0].valor for n in saltos] == ["Evolución de la cartera (COP)", "Cobros esperados (COP)"]
    buffer = io.BytesIO()
    documento.escribir(informe, buffer, pais="CO")
    libro = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert [b.id for b in libro["Resumen"].row_breaks.brk] == saltos
    assert libro["Pronóstico"]["A1"].value == "Cobros esperados por cliente y semana"
