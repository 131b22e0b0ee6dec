"""Holidays and business days (cartera.calendario)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from cartera.calculo.calendario import dias_habiles, festivos


def d(texto: str) -> dt.date:
    return dt.date.fromisoformat(texto)


@pytest.mark.parametrize("pais", ["CO", "MX", "ES", "AR", "CL", "PE", "co"])
def test_festivos_de_paises_hispanos_incluyen_navidad(pais):
    dias = festivos(pais, range(2026, 2027))
    assert d("2026-12-25") in dias
    assert list(dias) == sorted(dias)
    assert all(f.year == 2026 for f in dias)


def test_festivos_de_colombia_se_trasladan_al_lunes():
    dias = festivos("CO", [2026])
    assert d("2026-11-16") in dias  # Independencia de Cartagena (observado)
    assert d("2026-11-11") not in dias


@pytest.mark.parametrize("pais", ["XX", "", "   "])
def test_pais_desconocido_da_lista_vacia(pais):
    assert festivos(pais, [2026]) == ()


def test_sin_anios_da_lista_vacia():
    assert festivos("CO", []) == ()


def test_varios_anios():
    dias = festivos("MX", range(2025, 2028))
    assert {f.year for f in dias} == {2025, 2026, 2027}


FESTIVO_CO = (d("2026-11-16"),)


@pytest.mark.parametrize(
    ("desde", "hasta", "feriados", "esperado"),
    [
        ("2026-11-13", "2026-11-13", (), 0),  # same day: empty interval
        ("2026-11-13", "2026-11-14", (), 0),  # Friday → Saturday
        ("2026-11-13", "2026-11-15", (), 0),  # → Sunday
        ("2026-11-13", "2026-11-16", (), 1),  # → Monday
        ("2026-11-13", "2026-11-16", FESTIVO_CO, 0),  # Monday is a holiday
        ("2026-11-13", "2026-11-17", FESTIVO_CO, 1),
        ("2026-11-13", "2026-11-18", FESTIVO_CO, 2),
        ("2026-11-13", "2026-11-19", FESTIVO_CO, 3),
        ("2026-11-16", "2026-11-20", (), 4),  # Monday excluded, Friday included
        ("2026-11-20", "2026-11-16", (), 0),  # reversed → 0
    ],
)
def test_dias_habiles(desde, hasta, feriados, esperado):
    resultado = dias_habiles(np.array([desde], dtype="datetime64[D]"), np.array([hasta], dtype="datetime64[D]"), feriados)
    assert resultado.tolist() == [esperado]
    assert resultado.dtype == np.int64


def test_dias_habiles_vectorizado_con_hasta_escalar_y_nat():
    desde = np.array(["2026-11-13", "NaT", "2026-11-19"], dtype="datetime64[ns]")
    resultado = dias_habiles(desde, np.datetime64("2026-11-19"), FESTIVO_CO)
    assert resultado.tolist() == [3, 0, 0]


def test_festivos_con_fecha_repetida_o_desordenados():
    feriados = (d("2026-11-17"), d("2026-11-16"), d("2026-11-16"))
    resultado = dias_habiles(np.array(["2026-11-13"], dtype="datetime64[D]"), np.array(["2026-11-18"], dtype="datetime64[D]"), feriados)
    assert resultado.tolist() == [1]
