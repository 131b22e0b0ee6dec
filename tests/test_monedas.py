"""Currencies in owners' books (issue 14): real .xlsx files, read by the real reader.

A row typed in another currency than the book's keeps it; a code in a
minority of the cells does not turn the whole book into that currency; a
``Moneda`` column written with signs (``S/``, ``US$``, ``$``) is read.
"""

from __future__ import annotations

import datetime as dt

import pytest
from libros import escribir_libro

from cartera.calculo.antiguedad import calcular
from cartera.libro import apertura

D = dt.date
CORTE = D(2026, 11, 30)


@pytest.fixture(autouse=True)
def _sin_pais_del_equipo(monkeypatch):
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.setenv("LANG", "C")


def _leer(tmp_path, hojas):
    cartera = apertura.leer(escribir_libro(tmp_path / "cartera.xlsx", hojas))
    return cartera, calcular(cartera, CORTE, ()).facturas.set_index("factura")


def test_un_importe_en_dolares_entre_pesos_mexicanos(tmp_path):
    encabezado = ["Folio", "Cliente", "RFC", "Correo", "Fecha", "Vencimiento", "Total", "Saldo"]
    filas = [[f"{n:06d}", "Orozco", "FRO050621HT2", "pagos@orozco.example", D(2026, 10, 1), D(2026, 10, 31),
              f"${n},000.00", f"${n},000.00"] for n in range(451, 459)]
    filas.insert(3, ["000500", "Orozco", "FRO050621HT2", "pagos@orozco.example", D(2026, 10, 1), D(2026, 10, 31),
                     "USD 1,200.00", "USD 1,200.00"])
    cartera, facturas = _leer(tmp_path, {"Hoja 1": [encabezado, *filas]})
    assert (cartera.configuracion.pais, cartera.configuracion.moneda) == ("MX", "MXN")
    assert facturas.loc["000500", "moneda"] == "USD" and facturas.loc["000500", "saldo"] == 120_000
    assert set(facturas.drop(index="000500")["moneda"]) == {"MXN"}
    assert facturas.loc["000451", "saldo"] == 45_100_000
    assert [r for r in cartera.rechazos if r.grave] == []


def test_filas_escritas_en_otra_moneda_en_un_libro_de_pesos_colombianos(tmp_path):
    encabezado = ["N° Factura", "Cliente", "NIT", "Correo", "Fecha factura", "Vence", "Valor factura"]
    filas = [[f"F-{n}", "Acme", "900.123.456-7", "pagos@acme.example", D(2026, 10, 1), D(2026, 10, 31), 1_000_000 * n]
             for n in range(1, 9)]
    filas += [["F-20", "Acme", "900.123.456-7", "pagos@acme.example", D(2026, 10, 1), D(2026, 10, 31), "US$ 20"],
              ["F-21", "Acme", "900.123.456-7", "pagos@acme.example", D(2026, 10, 1), D(2026, 10, 31), "€ 300"]]
    cartera, facturas = _leer(tmp_path, {"Cartera": [encabezado, *filas]})
    assert (cartera.configuracion.pais, cartera.configuracion.moneda) == ("CO", "COP")
    assert facturas["moneda"].to_dict() == {**{f"F-{n}": "COP" for n in range(1, 9)}, "F-20": "USD", "F-21": "EUR"}
    assert facturas.loc[["F-20", "F-21"], "saldo"].tolist() == [2_000, 30_000]


def test_columna_moneda_con_signos_en_un_libro_de_peru(tmp_path):
    encabezado = ["Nro. de Comprobante", "RUC", "Razón Social", "Correo", "Fecha Emisión", "Fecha Vencimiento", "Moneda",
                  "Total"]
    cliente = ["20512345678", "Importaciones Rímac S.A.C.", "pagos@rimac.example", D(2026, 10, 1), D(2026, 10, 31)]
    filas = [["F001-1", *cliente, "US$", 2300], ["F001-2", *cliente, "S/", 15340.8], ["F001-3", *cliente, "USD", 1200],
             ["F001-4", *cliente, "S/.", 640], ["F001-5", *cliente, "PEN", 1890.9], ["F001-6", *cliente, "$", 10],
             ["F001-7", *cliente, "S/", "US$ 20.00"], ["F001-8", *cliente, "", "US$ 30.00"]]
    cartera, facturas = _leer(tmp_path, {"Registro de Ventas": [encabezado, *filas]})
    assert (cartera.configuracion.pais, cartera.configuracion.moneda) == ("PE", "PEN")
    assert facturas["moneda"].to_dict() == {"F001-1": "USD", "F001-2": "PEN", "F001-3": "USD", "F001-4": "PEN",
                                            "F001-5": "PEN", "F001-6": "PEN", "F001-7": "PEN", "F001-8": "USD"}
    assert [r for r in cartera.rechazos if r.grave] == []
    [aviso] = [r for r in cartera.rechazos if r.columna == "Moneda"]
    assert not aviso.grave and aviso.fila == 8
    assert aviso.motivo == ("El importe está escrito en USD, pero la columna de moneda dice PEN: se usa PEN; "
                            "revise la fila.")
