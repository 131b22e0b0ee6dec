"""Reading owners' own layouts (issue 14): real .xlsx files, read by the real reader, figures checked by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from libros import Formula, escribir_libro

from cartera.calculo.antiguedad import calcular
from cartera.errores import LibroInvalido
from cartera.lectura.estados import estado_de
from cartera.lectura.filas import omitibles
from cartera.libro import apertura
from cartera.vocabulario import EstadoFactura

D = dt.date
ENCABEZADO = ["Cliente", "NIT", "Correo", "N° Factura", "Fecha factura", "Vence", "Valor factura", "Abonos", "Saldo", "Estado"]


def _leer(tmp_path, hojas, nombre="cartera.xlsx"):
    return apertura.leer(escribir_libro(tmp_path / nombre, hojas))


def _plana(filas, encabezado=ENCABEZADO, titulo=True):
    arriba = [["Comercial Andina S.A.S. — Cartera por edades"], ["Corte al 30/11/2026"], []] if titulo else []
    return {"Cartera": arriba + [encabezado, *filas]}


def _fila(cliente, nit, correo, numero, emision, vence, valor, abonos, saldo=None, estado="", ):
    saldo = Formula(f"={valor}-{abonos}", valor - abonos) if saldo is None else saldo
    return [cliente, nit, correo, numero, emision, vence, valor, abonos, saldo, estado]


ACME = ("Acme S.A.S.", "900.123.456-7", "pagos@acme.example")
ROBLE = ("El Roble Ltda", "800.555.111-2", "cartera@roble.example")


def test_hoja_plana_con_titulo_total_y_pagos_en_la_fila(tmp_path):
    filas = [
        _fila(*ACME, "F-1", D(2026, 9, 1), D(2026, 10, 1), 1_000_000, 400_000, estado="Abono parcial"),
        _fila(*ACME, "F-2", D(2026, 10, 1), D(2026, 10, 31), 500_000, 0, estado="Vencida"),
        _fila(*ROBLE, "F-3", D(2026, 8, 1), D(2026, 8, 31), 2_000_000, 2_000_000, estado="Cancelada"),
        _fila(*ROBLE, "F-4", D(2026, 11, 20), D(2026, 12, 20), 300_000, 0, estado="Al día"),
        [],
        ["TOTAL", None, None, None, None, None, Formula("=SUM(G5:G8)", 3_800_000), Formula("=SUM(H5:H8)", 2_400_000),
         Formula("=SUM(I5:I8)", 1_400_000)],
    ]
    cartera = _leer(tmp_path, _plana(filas))
    assert [r for r in cartera.rechazos if r.grave] == []
    calculo = calcular(cartera, D(2026, 11, 30), ())
    f = calculo.facturas.set_index("factura")
    assert f["saldo"].to_dict() == {"F-1": 60_000_000, "F-2": 50_000_000, "F-3": 0, "F-4": 30_000_000}
    assert f.loc["F-2", "dias_vencidos"] == 30 and f.loc["F-2", "tramo"] == "1-30"
    assert not f.loc["F-3", "abierta"]
    assert set(cartera.clientes["cliente"]) == {"900.123.456-7", "800.555.111-2"}  # keyed by NIT, openly
    assert set(cartera.clientes["nombre"]) == {"Acme S.A.S.", "El Roble Ltda"}
    assert cartera.clientes.set_index("nombre").loc["Acme S.A.S.", "correos"] == ("pagos@acme.example",)
    leida = cartera.interpretacion
    facturas = next(h for h in leida.hojas if h.papel == "Facturas")
    assert (facturas.nombre, facturas.fila_encabezado, facturas.como) == ("Cartera", 4, "por sus encabezados")
    assert facturas.filas_omitidas == (10,)
    assert "«NIT»" in leida.clave_clientes
    assert any("Cancelada» → Pagada (en CO)" in n for n in leida.notas)


def test_pagos_en_la_fila_cuentan_en_una_fecha_anterior_y_no_tienen_fecha(tmp_path):
    filas = [_fila(*ACME, "F-1", D(2026, 9, 1), D(2026, 10, 1), 1_000_000, 1_000_000)]
    cartera = _leer(tmp_path, _plana(filas))
    f = calcular(cartera, D(2026, 9, 15), ()).facturas.iloc[0]
    assert f["saldo"] == 0 and not f["abierta"] and pd.isna(f["fecha_pago"])


def test_saldo_que_no_cuadra_es_una_advertencia_y_vale_el_saldo(tmp_path):
    filas = [_fila(*ACME, "F-1", D(2026, 9, 1), D(2026, 10, 1), 1_000_000, 400_000, saldo=500_000)]
    cartera = _leer(tmp_path, _plana(filas))
    [aviso] = [r for r in cartera.rechazos if r.columna == "Saldo"]
    assert not aviso.grave and aviso.fila == 5 and "no cuadra" in aviso.motivo
    assert calcular(cartera, D(2026, 11, 30), ()).facturas["saldo"].tolist() == [50_000_000]


def test_palabra_de_estado_desconocida_no_pierde_la_factura(tmp_path):
    filas = [_fila(*ACME, "F-1", D(2026, 9, 1), D(2026, 10, 1), 1_000_000, 0, estado="Rosa")]
    cartera = _leer(tmp_path, _plana(filas))
    assert cartera.facturas["factura"].tolist() == ["F-1"]
    [aviso] = cartera.rechazos
    assert not aviso.grave and aviso.valor == "Rosa" and aviso.columna == "Estado"


@pytest.mark.parametrize(("palabra", "pais", "estado"), [
    ("Cancelada", "CO", EstadoFactura.PAGADA), ("Cancelada", "MX", EstadoFactura.ANULADA),
    ("CANCELADA", "ES", EstadoFactura.ANULADA), ("Cobrada", "ES", EstadoFactura.PAGADA),
    ("Abono parcial", "CO", EstadoFactura.PENDIENTE), ("Al día", "CO", EstadoFactura.PENDIENTE),
    ("Vencida", "MX", EstadoFactura.PENDIENTE), ("Castigada", "CO", EstadoFactura.INCOBRABLE),
    ("En disputa", "CO", EstadoFactura.DISPUTA),
])
def test_palabras_del_dueno_por_pais(palabra, pais, estado):
    assert estado_de(palabra, pais) == estado


def test_nota_credito_reduce_el_saldo_del_cliente_la_mas_antigua_primero(tmp_path):
    encabezado = ["N.º de factura", "Fecha expedición", "Vencimiento", "Cliente", "CIF/NIF", "Total factura", "Tipo"]
    hojas = {"Facturas emitidas": [encabezado,
                                   ["2026-001", D(2026, 9, 1), D(2026, 10, 1), "Talleres Soler S.L.", "B12345674", 300.00, ""],
                                   ["2026-002", D(2026, 10, 1), D(2026, 10, 31), "Talleres Soler S.L.", "B12345674", 1000.00, ""],
                                   ["R-2026-001", D(2026, 11, 5), None, "Talleres Soler S.L.", "B12345674", -400.00, "Rectificativa"]]}
    cartera = _leer(tmp_path, hojas)
    assert cartera.facturas["factura"].tolist() == ["2026-001", "2026-002"]
    f = calcular(cartera, D(2026, 11, 30), ()).facturas.set_index("factura")
    assert f["saldo"].to_dict() == {"2026-001": 0, "2026-002": 90_000}
    assert any("nota(s) crédito (R-2026-001)" in n for n in cartera.interpretacion.notas)


def test_dias_de_credito_de_cada_fila(tmp_path):
    hojas = {"CxC": [["Folio", "RFC", "Razón social", "Fecha", "Días de crédito", "Total", "Pagado"],
                     ["A-1", "ABC010203XY4", "Abarrotes del Centro", D(2026, 10, 1), 15, 1000, 0],
                     ["A-2", "ABC010203XY4", "Abarrotes del Centro", D(2026, 10, 1), "60 días", 1000, 0],
                     ["A-3", "ABC010203XY4", "Abarrotes del Centro", D(2026, 10, 1), "Contado", 1000, 0]]}
    cartera = _leer(tmp_path, hojas)
    f = calcular(cartera, D(2026, 11, 30), ()).facturas.set_index("factura")
    assert f["vencimiento"].dt.date.to_dict() == {"A-1": D(2026, 10, 16), "A-2": D(2026, 11, 30), "A-3": D(2026, 10, 1)}


def test_subtotales_titulos_y_encabezado_en_dos_filas(tmp_path):
    hojas = {"Facturas": [
        ["Cliente", "Documento", None, None, "Valores", None],
        [None, "Número", "Emisión", "Vencimiento", "Total", "Pagado"],
        ["ZONA NORTE"],
        ["C1", "F1", D(2026, 10, 1), D(2026, 10, 31), 100, 0],
        ["C1 Total", None, None, None, Formula("=SUBTOTAL(9,E4:E4)", 100), Formula("=SUBTOTAL(9,F4:F4)", 0)],
        ["C2", "F2", D(2026, 10, 1), D(2026, 10, 31), 200, 50],
        ["C2 Total", None, None, None, Formula("=SUBTOTAL(9,E6:E6)", 200), Formula("=SUBTOTAL(9,F6:F6)", 50)],
        [None, None, None, None, Formula("=SUBTOTAL(9,E4:E7)", 300), Formula("=SUBTOTAL(9,F4:F7)", 50)],
        ["Total general", None, None, None, 300, 50],
    ]}
    cartera = _leer(tmp_path, hojas)
    assert cartera.rechazos == ()
    assert cartera.facturas["factura"].tolist() == ["F1", "F2"]
    [facturas] = [h for h in cartera.interpretacion.hojas if h.papel == "Facturas"]
    assert facturas.fila_encabezado == 2 and facturas.filas_omitidas == (3, 5, 7, 8, 9)


def test_un_cliente_llamado_total_con_numero_de_factura_sigue_siendo_factura():
    datos = np.array([["Total Energies", "F-9", dt.date(2026, 1, 1), 10.0], ["TOTAL", "", "", 10.0]], dtype=object)
    mascara = omitibles("Facturas", datos, {"cliente": 0, "factura": 1, "emision": 2, "total": 3}, [0, 1, 2, 3])
    assert mascara.tolist() == [False, True]


def test_dos_hojas_igual_de_buenas_piden_una_linea_en_configuracion(tmp_path):
    hoja = [["Factura", "Cliente", "Fecha", "Total"], ["F1", "Acme", D(2026, 10, 1), 100]]
    with pytest.raises(LibroInvalido) as error:
        _leer(tmp_path, {"Enero": hoja, "Febrero": hoja})
    texto = str(error.value)
    assert "«Enero»" in texto and "«Febrero»" in texto and "«Hoja Facturas»" in texto


def test_hoja_facturas_en_configuracion_elige_la_hoja(tmp_path):
    hoja = [["Factura", "Cliente", "Fecha", "Total"], ["F1", "Acme", D(2026, 10, 1), 100]]
    otra = [["Factura", "Cliente", "Fecha", "Total"], ["F2", "Acme", D(2026, 10, 1), 100]]
    config = [["Parámetro", "Valor"], ["Hoja Facturas", "Febrero"]]
    cartera = _leer(tmp_path, {"Enero": hoja, "Febrero": otra, "Configuración": config})
    assert cartera.facturas["factura"].tolist() == ["F2"]
    assert cartera.origen["Facturas"].nombre == "Febrero"


def test_hoja_facturas_que_no_existe_lo_dice(tmp_path):
    hoja = [["Factura", "Cliente", "Fecha", "Total"], ["F1", "Acme", D(2026, 10, 1), 100]]
    config = [["Parámetro", "Valor"], ["Hoja Facturas", "Marzo"]]
    with pytest.raises(LibroInvalido, match="«Marzo»"):
        _leer(tmp_path, {"Enero": hoja, "Configuración": config})


def test_hoja_de_clientes_manda_y_las_filas_llenan_sus_vacios(tmp_path):
    hojas = {
        "Hoja 1": [["Nº de factura", "Cliente", "Fecha", "Total", "Email", "Teléfono"],
                   ["F1", "Acme", D(2026, 10, 1), 100, "uno@acme.example", "300 111"],
                   ["F2", "Acme", D(2026, 10, 2), 100, "dos@acme.example", ""],
                   ["F3", "Roble", D(2026, 10, 2), 100, "roble@roble.example", "300 222"]],
        "Hoja 2": [["Razón social", "NIT", "Correo", "Teléfono"],
                   ["Acme", "900", "", "601 000"], ["Roble", "800", "gerencia@roble.example", ""]],
    }
    cartera = _leer(tmp_path, hojas)
    clientes = cartera.clientes.set_index("nombre")
    assert clientes.loc["Acme", "correos"] == ("uno@acme.example", "dos@acme.example")
    assert clientes.loc["Acme", "telefono"] == "601 000"
    assert clientes.loc["Roble", "correos"] == ("gerencia@roble.example",)
    assert clientes.loc["Roble", "telefono"] == "300 222"
    [aviso] = [r for r in cartera.rechazos if "correos distintos" in r.motivo]
    assert not aviso.grave and aviso.fila == 3


def test_euros_en_un_libro_configurado_en_pesos_lo_dice(tmp_path):
    hojas = {"Facturas": [["Factura", "Cliente", "Fecha", "Total"], ["F1", "Acme", D(2026, 10, 1), "1.250,00 €"]],
             "Configuración": [["Parámetro", "Valor"], ["Moneda", "COP"], ["País", "CO"]]}
    cartera = _leer(tmp_path, hojas)
    assert any("euro" in a.lower() for a in cartera.interpretacion.alertas), cartera.interpretacion.alertas


def test_sin_configuracion_el_pais_sale_del_libro(tmp_path, monkeypatch):
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.setenv("LANG", "C")
    hojas = {"Facturas emitidas": [["N.º de factura", "Fecha", "Cliente", "CIF", "Total factura"],
                                   ["1", D(2026, 10, 1), "Soler", "B12345674", "1.250,50 €"]]}
    cartera = _leer(tmp_path, hojas)
    assert (cartera.configuracion.pais, cartera.configuracion.moneda) == ("ES", "EUR")
    assert cartera.facturas["total"].tolist() == [125_050]
    assert cartera.interpretacion.origen_pais == "el libro"


def test_otra_hoja_con_facturas_que_no_se_lee_es_una_alerta(tmp_path):
    enero = [["Factura", "Cliente", "Fecha", "Vence", "Total"], ["F1", "Acme", D(2026, 10, 1), D(2026, 10, 31), 100]]
    febrero = [["Factura", "Cliente", "Fecha", "Total"], ["F2", "Acme", D(2026, 11, 1), 100]]
    cartera = _leer(tmp_path, {"Enero": enero, "Febrero": febrero})
    assert cartera.facturas["factura"].tolist() == ["F1"]
    [alerta] = cartera.interpretacion.alertas
    assert "«Febrero»" in alerta and "Hoja Facturas" in alerta


def test_una_hoja_de_pagos_sin_nombre_no_se_toma_por_facturas(tmp_path):
    facturas = [["Factura", "Cliente", "Fecha", "Vence", "Total"], ["F1", "Acme", D(2026, 10, 1), D(2026, 10, 31), 100]]
    pagos = [["Fecha", "Factura", "Cliente", "Valor", "Medio de pago"], [D(2026, 11, 2), "F1", "Acme", 40, "transferencia"]]
    cartera = _leer(tmp_path, {"Hoja 1": facturas, "Hoja 3": pagos})
    assert cartera.origen["Pagos"].nombre == "Hoja 3" and cartera.interpretacion.alertas == ()
    assert calcular(cartera, D(2026, 11, 30), ()).facturas["saldo"].tolist() == [6000]


def test_una_columna_que_parece_de_cobro_y_no_se_reconoce_es_una_alerta(tmp_path):
    hojas = {"Facturas": [["Factura", "Cliente", "Fecha", "Total", "Valor neto cancelado", "Notas"],
                          ["F1", "Acme", D(2026, 10, 1), 100, 40, "llamar"]]}
    cartera = _leer(tmp_path, hojas)
    [alerta] = cartera.interpretacion.alertas
    assert "«Valor neto cancelado» (E)" in alerta and "Columna Pagado" in alerta


# --- Third red team (issue 14): silent misreads are read right, or said loudly ---------------------------------

PLANA = ["Factura", "Cliente", "NIT", "Correo", "Fecha", "Vence", "Valor"]
SEPTIEMBRE = D(2026, 9, 1)


def _plana3(encabezado_extra, filas, otras=None):
    """A flat «Cartera» sheet (header row 1): PLANA + ``encabezado_extra``; rows are ACME's unless they say."""
    hojas = {"Cartera": [PLANA + encabezado_extra, *filas]}
    return hojas | (otras or {})


def _acme(numero, valor, *extra, cliente=ACME, emision=SEPTIEMBRE):
    return [numero, cliente[0], cliente[1], cliente[2], emision, emision + dt.timedelta(days=30), valor, *extra]


def test_pagada_con_saldo_y_abono_parcial_sigue_abierta_y_se_avisa(tmp_path):
    filas = [_acme("F-1", 1_000_000, 400_000, Formula("=G2-H2", 600_000), "Pagada"),
             _acme("F-2", 500_000, None, Formula("=G3-H3", 500_000), "Pagada"),
             _acme("F-3", 300_000, 300_000, Formula("=G4-H4", 0), "Pagada")]
    cartera = _leer(tmp_path, _plana3(["Abonos", "Saldo", "Estado"], filas))
    f = calcular(cartera, D(2026, 11, 30), ()).facturas.set_index("factura")
    assert f["saldo"].to_dict() == {"F-1": 60_000_000, "F-2": 0, "F-3": 0}  # F-2: nothing typed as paid, the word wins
    avisos = {r.fila: r for r in cartera.rechazos if r.columna == "Estado"}
    assert set(avisos) == {2, 3} and not any(r.grave for r in avisos.values())
    assert "Pagada" in avisos[2].valor and "$ 600.000,00" in avisos[2].motivo and "sigue abierta" in avisos[2].motivo
    assert "se toma como pagada" in avisos[3].motivo
    [alerta] = cartera.interpretacion.alertas
    assert "«Cartera»" in alerta and "(filas 2)" in alerta and "«Saldo»" in alerta


def test_pagos_que_repiten_los_abonos_de_la_fila_se_cuentan_una_vez(tmp_path):
    filas = [_acme("F-1", 1_000_000, 400_000, Formula("=G2-H2", 600_000)),
             _acme("F-2", 1_000_000, 300_000, Formula("=G3-H3", 700_000))]
    pagos = {"Pagos": [["Fecha", "Factura", "Monto"], [D(2026, 10, 1), "F-1", 150_000], [D(2026, 10, 5), "F-1", 250_000],
                       [D(2026, 10, 9), "F-2", 100_000]]}
    cartera = _leer(tmp_path, _plana3(["Abonos", "Saldo"], filas, pagos))
    f = calcular(cartera, D(2026, 11, 30), ()).facturas.set_index("factura")
    assert f.loc["F-1", "saldo"] == 60_000_000  # the Pagos detail of the row's 400.000, not 400.000 more
    assert f.loc["F-2", "saldo"] == 60_000_000  # 100.000 ≠ 300.000: both count, and an alert says so
    assert any("F-1" in n and "una sola vez" in n for n in cartera.interpretacion.notas)
    [alerta] = cartera.interpretacion.alertas
    assert "F-2" in alerta and "$ 300.000,00" in alerta and "$ 100.000,00" in alerta and "se cuentan los dos" in alerta


def test_un_nombre_con_dos_nit_son_dos_clientes_con_advertencia(tmp_path):
    bogota = ("Restaurante El Cielo", "900.555.111-6", "bogota@cielo.example")
    medellin = ("Restaurante El Cielo", "901.666.222-5", "medellin@cielo.example")
    filas = [_acme("F-1", 100_000, cliente=bogota), _acme("F-2", 200_000, cliente=medellin),
             _acme("F-3", 300_000, cliente=bogota), _acme("NC-1", -50_000, cliente=medellin)]
    cartera = _leer(tmp_path, _plana3([], filas))
    assert sorted(cartera.clientes["cliente"]) == ["900.555.111-6", "901.666.222-5"]
    f = calcular(cartera, D(2026, 11, 30), ()).facturas.set_index("factura")
    assert f["cliente"].to_dict() == {"F-1": "900.555.111-6", "F-2": "901.666.222-5", "F-3": "900.555.111-6"}
    assert f["saldo"].to_dict() == {"F-1": 10_000_000, "F-2": 15_000_000, "F-3": 30_000_000}  # the note is Medellín's
    [aviso] = cartera.rechazos
    assert (aviso.fila, aviso.columna, aviso.grave) == (3, "NIT", False) and "900.555.111-6 y 901.666.222-5" in aviso.motivo


@pytest.mark.parametrize(("encabezados", "factor"), [
    (["Valor (miles)", "Abonos (miles)"], 1_000), (["Valor en miles de pesos", "Abonos (miles)"], 1_000),
    (["Total en millones", "Pagado (millones)"], 1_000_000),
])
def test_cifras_en_miles_o_millones_se_multiplican_y_se_dice(tmp_path, encabezados, factor):
    hojas = {"Cartera": [PLANA[:-1] + encabezados, _acme("F-1", 3_200)[:-1] + [3_200, 200]]}
    cartera = _leer(tmp_path, hojas)
    f = calcular(cartera, D(2026, 11, 30), ()).facturas.iloc[0]
    assert (f["total"], f["saldo"]) == (3_200 * factor * 100, 3_000 * factor * 100)
    [alerta] = cartera.interpretacion.alertas
    assert f"«{encabezados[0]}»" in alerta and ("miles" in alerta if factor == 1_000 else "millones" in alerta)
    [facturas] = [h for h in cartera.interpretacion.hojas if h.papel == "Facturas"]
    assert any(k.encabezado == encabezados[0] and "se multiplican" in k.motivo for k in facturas.columnas)


def test_descuentos_y_retenciones_a_la_derecha_del_total_se_restan(tmp_path):
    filas = [_acme("F-1", 3_000_000, 150_000, 1_000_000, None, None), _acme("F-2", 2_500_000, None, 2_437_500, 62_500, None),
             _acme("F-3", 1_000_000, 50_000, None, 25_000, 5_000)]
    cartera = _leer(tmp_path, _plana3(["Descuento", "Abonos", "ReteFuente", "ReteICA"], filas))
    f = calcular(cartera, D(2026, 11, 30), ()).facturas.set_index("factura")
    assert f["saldo"].to_dict() == {"F-1": 185_000_000, "F-2": 0, "F-3": 92_000_000}
    assert f["total"].to_dict() == {"F-1": 300_000_000, "F-2": 250_000_000, "F-3": 100_000_000}
    assert any("«Descuento» (H) y «ReteFuente» (J) y «ReteICA» (K)" in n for n in cartera.interpretacion.notas)
    assert cartera.rechazos == ()


def test_saldo_explicito_gana_y_se_cruza_con_los_descuentos(tmp_path):
    filas = [_acme("F-1", 1_000_000, 100_000, 200_000, 700_000), _acme("F-2", 1_000_000, 100_000, 200_000, 800_000)]
    cartera = _leer(tmp_path, _plana3(["Retención", "Abonos", "Saldo"], filas))
    f = calcular(cartera, D(2026, 11, 30), ()).facturas.set_index("factura")
    assert f["saldo"].to_dict() == {"F-1": 70_000_000, "F-2": 80_000_000}
    [aviso] = cartera.rechazos
    assert aviso.fila == 3 and not aviso.grave and "Total − Descuentos y retenciones − Pagado = 700000.00" in aviso.motivo


def test_un_descuento_a_la_izquierda_del_total_es_parte_del_desglose(tmp_path):
    hojas = {"Cartera": [["Factura", "Cliente", "Fecha", "Subtotal", "Descuento", "IVA", "Total"],
                         ["F-1", "Acme", D(2026, 11, 1), 1_000_000, 100_000, 171_000, 1_071_000]]}
    cartera = _leer(tmp_path, hojas)
    assert calcular(cartera, D(2026, 11, 30), ()).facturas.iloc[0]["saldo"] == 107_100_000
    [facturas] = [h for h in cartera.interpretacion.hojas if h.papel == "Facturas"]
    [descuento] = [k for k in facturas.columnas if k.encabezado == "Descuento"]
    assert descuento.campo is None and "desglose" in descuento.motivo


def test_serie_y_numero_son_el_numero_de_la_factura(tmp_path):
    hojas = {"Cartera": [["Serie", "Número", "Cliente", "Fecha", "Valor"],
                         ["A", "001", "Acme", D(2026, 11, 1), 100], ["B", "001", "Roble", D(2026, 11, 1), 200],
                         ["FV", "FV-7", "Acme", D(2026, 11, 1), 300], ["", "9", "Roble", D(2026, 11, 1), 400]]}
    cartera = _leer(tmp_path, hojas)
    assert cartera.rechazos == ()
    assert cartera.facturas["factura"].tolist() == ["A-001", "B-001", "FV-7", "9"]
    assert any("«Serie» y «Número»" in n for n in cartera.interpretacion.notas)


def test_un_anio_solo_es_un_titulo_de_seccion(tmp_path):
    hojas = {"Cartera": [PLANA, _acme("F-1", 100), ["Total 2025", None, None, None, None, None, 100], [],
                         ["2026"], _acme("F-2", 200), [2027], _acme("F-3", 300), ["2028", "Acme", None, None, None, None, 500]]}
    cartera = _leer(tmp_path, hojas)
    [facturas] = [h for h in cartera.interpretacion.hojas if h.papel == "Facturas"]
    assert facturas.filas_omitidas == (3, 5, 7)
    assert cartera.facturas["factura"].tolist() == ["F-1", "F-2", "F-3"]
    assert {r.fila for r in cartera.rechazos if r.grave} == {9}  # a year beside a client is not a title


def test_una_fecha_de_pago_sin_importe_es_una_alerta_que_lo_explica(tmp_path):
    cartera = _leer(tmp_path, _plana3(["Fecha de pago"], [_acme("F-1", 100, D(2026, 10, 20))]))
    [alerta] = cartera.interpretacion.alertas
    assert alerta.startswith("La columna «Fecha de pago» (H) de «Cartera» parece un dato de cobro") and "«Abonos»" in alerta
