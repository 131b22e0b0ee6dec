"""formato: money, dates and lists as each country writes them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cartera import formato


@pytest.mark.parametrize(
    ("pais", "locale"),
    [("CO", "es_CO"), ("mx", "es_MX"), (" ES ", "es_ES"), ("AR", "es_AR"), ("CL", "es_CL"), ("PE", "es_PE"),
     ("US", "es_US"), ("FR", "es"), ("", "es")],
)
def test_locale_de(pais: str, locale: str) -> None:
    assert formato.locale_de(pais) == locale


@pytest.mark.parametrize(
    ("centavos", "moneda", "pais", "esperado"),
    [
        (125_000_000, "COP", "CO", "$ 1.250.000,00"),
        (125_000_050, "COP", "CO", "$ 1.250.000,50"),
        (5, "COP", "CO", "$ 0,05"),
        (0, "COP", "CO", "$ 0,00"),
        (125_050, "EUR", "ES", "1.250,50 €"),
        (125_000, "EUR", "ES", "1.250,00 €"),
        (125_050, "MXN", "MX", "$1,250.50"),
        (125_050, "USD", "CO", "US$ 1.250,50"),
        (125_050, "USD", "MX", "USD 1,250.50"),
        (125_000_000, "CLP", "CL", "$ 1.250.000"),
        (125_000_050, "CLP", "CL", "$ 1.250.001"),
        (125_000_049, "CLP", "CL", "$ 1.250.000"),
        (125_050, "USD", "US", "$1,250.50"),
        (125_050, "USD", "FR", "1.250,50 US$"),
        (125_050, "ARS", "AR", "$ 1.250,50"),
        (125_050, "PEN", "PE", "S/ 1,250.50"),
        (125_050, "cop", "co", "$ 1.250,50"),
        (-125_000_000, "COP", "CO", "-$ 1.250.000,00"),
        (-125_050, "EUR", "ES", "-1.250,50 €"),
    ],
)
def test_dinero(centavos: int, moneda: str, pais: str, esperado: str) -> None:
    assert formato.dinero(centavos, moneda, pais) == esperado


def test_dinero_acepta_enteros_de_numpy() -> None:
    import numpy as np

    assert formato.dinero(np.int64(125_000_000), "COP", "CO") == "$ 1.250.000,00"


@given(st.integers(min_value=0, max_value=10**15))
def test_dinero_conserva_cada_digito(centavos: int) -> None:
    """No rounding and no lost centavos: the digits shown are exactly the amount's."""
    eur = re.sub(r"\D", "", formato.dinero(centavos, "EUR", "ES"))
    assert int(eur) == centavos
    cop = re.sub(r"\D", "", formato.dinero(centavos, "COP", "CO"))
    assert int(cop) == centavos


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["COP", "USD", "EUR", "MXN"]),
       st.sampled_from(["CO", "MX", "ES", "AR", "CL", "PE", "US"]))
def test_dinero_sin_espacios_duros(centavos: int, moneda: str, pais: str) -> None:
    texto = formato.dinero(centavos, moneda, pais)
    assert "\xa0" not in texto and "\u202f" not in texto
    assert not re.search(r"[A-Za-z]\d|\d[A-Za-z]", texto)


def test_fechas() -> None:
    assert formato.fecha(dt.date(2026, 11, 24), "CO") == "24/11/2026"
    assert formato.fecha(dt.date(2026, 1, 4), "ES") == "04/01/2026"
    assert formato.fecha(dt.date(2026, 1, 4), "FR") == "04/01/2026"
    assert formato.fecha(dt.date(2026, 11, 24), "US") == "11/24/2026"
    assert formato.fecha_larga(dt.date(2026, 11, 24), "CO") == "24 de noviembre de 2026"
    assert formato.fecha_larga(dt.date(2026, 1, 4), "ES") == "4 de enero de 2026"


def test_fecha_acepta_timestamp() -> None:
    import pandas as pd

    assert formato.fecha(pd.Timestamp("2026-11-24"), "CO") == "24/11/2026"


@pytest.mark.parametrize(
    ("partes", "esperado"),
    [([], ""), (["A"], "A"), (["A", "B"], "A y B"), (["A", "B", "C"], "A, B y C")],
)
def test_lista(partes: list[str], esperado: str) -> None:
    assert formato.lista(partes) == esperado


def test_dinero_junto_usa_espacios_duros() -> None:
    assert formato.dinero(125_050, "EUR", "ES", junto=True) == "1.250,50\xa0€"
    assert formato.dinero(125_000_000, "COP", "CO", junto=True) == "$\xa01.250.000,00"
