"""Matching bank credits to open invoices: seguro only when the rule of issue 16 holds, sugerido otherwise.

Inputs are small inline tables shaped like ``Calculo.facturas``, ``Cartera.clientes`` and ``Cartera.pagos``;
lines are ``MovimientoBancario`` records with their keys.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from cartera.conciliacion import candidatos, numeros
from cartera.conciliacion.cotejo import (
    POSIBLE_DUPLICADO,
    SEGURO,
    SIN_IDENTIFICAR,
    SUGERIDO,
    YA_REGISTRADO,
    conciliar,
    resumen,
)
from cartera.conciliacion.movimientos import MovimientoBancario, con_claves

HOY = dt.date(2026, 11, 20)

FACTURAS = [  # factura, cliente, saldo (centavos), moneda, vencimiento, días vencidos, promesa
    ("FV-101", "C1", 50_000_00, "COP", dt.date(2026, 10, 1), 50, None),
    ("FV-102", "C1", 119_000_00, "COP", dt.date(2026, 11, 1), 19, None),
    ("FV-103", "C2", 80_000_00, "COP", dt.date(2026, 11, 10), 10, dt.date(2026, 11, 21)),
    ("FV-104", "C2", 80_000_00, "COP", dt.date(2026, 12, 10), 0, None),
    ("FV-105", "C3", 30_000_00, "COP", dt.date(2026, 11, 5), 15, None),
    ("FV-106", "C3", 45_000_00, "COP", dt.date(2026, 11, 15), 5, None),
    ("FV-107", "C3", 25_000_00, "COP", dt.date(2026, 12, 15), 0, None),
    ("FV-090", "C1", 0, "COP", dt.date(2026, 9, 1), 0, None),
]
CLIENTES = pd.DataFrame({
    "cliente": ["C1", "C2", "C3"],
    "nombre": ["Ferretería El Tornillo S.A.S.", "Panadería La Espiga", "Distribuidora Norte Ltda"],
    "nit": ["900.123.456-7", "800111222", ""],
})


def facturas(filas=FACTURAS) -> pd.DataFrame:
    tabla = pd.DataFrame(filas, columns=["factura", "cliente", "saldo", "moneda", "vencimiento", "dias_vencidos", "promesa"])
    return tabla.assign(vencimiento=pd.to_datetime(tabla["vencimiento"]), promesa=pd.to_datetime(tabla["promesa"]),
                        abierta=tabla["saldo"] > 0)


def linea(importe: int, texto: str, *, fecha: dt.date = HOY, referencia: str = "", moneda: str = "COP",
          archivo: str = "e.csv", n: int = 1) -> MovimientoBancario:
    return con_claves([MovimientoBancario(fecha, None, importe, moneda, texto, referencia, "", archivo, n)])[0]


def uno(movimiento: MovimientoBancario, **opciones):
    return conciliar([movimiento], facturas(), CLIENTES, **opciones)[0]


PAGOS_VACIOS = pd.DataFrame(columns=["fecha", "factura", "cliente", "monto", "metodo", "referencia", "fila"])


# --- seguro ---------------------------------------------------------------------------------------------------------

def test_factura_nombrada_y_monto_igual_es_seguro() -> None:
    r = uno(linea(119_000_00, "TRANSFERENCIA PAGO FRA FV-102"))
    assert r.estado == SEGURO and r.candidatos[0].facturas == ("FV-102",)
    assert [(p.factura, p.cliente, p.monto, p.metodo) for p in r.pagos] == [("FV-102", "C1", 119_000_00, "extracto")]
    assert r.pagos[0].clave == r.movimiento.clave and r.pagos[0].fecha == HOY


def test_el_numero_se_reconoce_de_varias_formas() -> None:
    for texto in ("PAGO FV102", "pago fv 102", "Fra. 102", "ABONO FACTURA 102", "ref 102", "PAGO 0102"):
        assert uno(linea(119_000_00, texto)).estado == SEGURO, texto


def test_nit_y_monto_igual_a_una_factura_es_seguro() -> None:
    r = uno(linea(50_000_00, "TRANSF NIT 900123456-7 FERRETERIA"))
    assert r.estado == SEGURO and r.pagos[0].factura == "FV-101"


def test_nit_y_todo_lo_vencido_es_seguro_con_un_pago_por_factura() -> None:
    r = uno(linea(169_000_00, "PAGO NIT 9001234567"))
    assert r.estado == SEGURO
    assert sorted((p.factura, p.monto) for p in r.pagos) == [("FV-101", 50_000_00), ("FV-102", 119_000_00)]


def test_una_transferencia_que_nombra_varias_facturas() -> None:
    r = uno(linea(169_000_00, "PAGO FV-101 Y FV-102"))
    assert r.estado == SEGURO and {p.factura for p in r.pagos} == {"FV-101", "FV-102"}
    assert "varias" in r.motivo


def test_la_referencia_tambien_cuenta() -> None:
    assert uno(linea(80_000_00, "TRANSFERENCIA RECIBIDA", referencia="FV-103")).estado == SEGURO


# --- sugerido -------------------------------------------------------------------------------------------------------

def test_solo_el_monto_es_sugerido_nunca_seguro() -> None:
    r = uno(linea(119_000_00, "TRANSFERENCIA RECIBIDA"))
    assert r.estado == SUGERIDO and r.candidatos[0].facturas == ("FV-102",) and not r.pagos
    assert "solo el monto" in r.candidatos[0].motivos[0]


def test_dos_facturas_con_el_mismo_monto_y_el_nit_es_sugerido() -> None:
    r = uno(linea(80_000_00, "PAGO NIT 800111222"))
    assert r.estado == SUGERIDO and {c.facturas for c in r.candidatos} >= {("FV-103",), ("FV-104",)}


def test_promesa_cercana_ordena_primero() -> None:
    r = uno(linea(80_000_00, "PAGO NIT 800111222"))
    assert r.candidatos[0].facturas == ("FV-103",) and any("promesa" in m for m in r.candidatos[0].motivos)


def test_nombre_del_cliente_sugiere_pero_no_asegura() -> None:
    r = uno(linea(50_000_00, "TRANSF DE FERRETERIA TORNILLO"))
    assert r.estado == SUGERIDO and r.candidatos[0].facturas == ("FV-101",)
    assert "nombre del cliente" in r.candidatos[0].motivos[0]


def test_combinacion_de_facturas_de_un_cliente() -> None:
    r = uno(linea(55_000_00, "DISTRIBUIDORA NORTE PAGO"))
    assert r.estado == SUGERIDO
    assert ("FV-105", "FV-107") in [c.facturas for c in r.candidatos]
    assert "suma 2 facturas" in " ".join(r.candidatos[0].motivos)


def test_nit_y_una_combinacion_que_no_es_todo_lo_vencido_se_confirma() -> None:
    """The tax id and a sum of some invoices (not one invoice, not all the overdue): suggested, never sure."""
    r = uno(linea(160_000_00, "PAGO NIT 800111222"))
    assert r.estado == SUGERIDO and not r.pagos and r.candidatos[0].facturas == ("FV-103", "FV-104")
    assert "confirme la combinación" in r.motivo


def test_abono_parcial_se_sugiere_salvo_que_se_registren() -> None:
    parcial = linea(60_000_00, "ABONO FV-102")
    r = uno(parcial)
    assert r.estado == SUGERIDO and "abono parcial" in r.motivo and "Registrar abonos parciales" in r.motivo
    r = uno(parcial, registrar_parciales=True)
    assert r.estado == SEGURO and r.pagos[0].monto == 60_000_00 and r.pagos[0].factura == "FV-102"


def test_retencion_y_comision_se_explican() -> None:
    retencion = uno(linea(119_000_00 - 2_975_00, "PAGO FV-102"))  # 2,5 % retención en la fuente
    assert retencion.estado == SUGERIDO and "retención" in retencion.motivo
    comision = uno(linea(119_000_00 - 300_00, "PAGO FV-102"))
    assert comision.estado == SUGERIDO and "comisión" in comision.motivo


def test_pago_de_mas_se_sugiere() -> None:
    r = uno(linea(120_000_00, "PAGO FV-102"))
    assert r.estado == SUGERIDO and "saldo a favor" in " ".join(r.candidatos[0].motivos)


def test_factura_nombrada_y_nit_de_otro_cliente_que_encaja() -> None:
    r = uno(linea(80_000_00, "PAGO FV-105 NIT 800111222"))
    assert r.estado == SUGERIDO


def test_sin_identificar() -> None:
    r = uno(linea(1_234_00, "INTERESES"))
    assert r.estado == SIN_IDENTIFICAR and r.candidatos == ()


def test_otra_moneda_no_encaja() -> None:
    assert uno(linea(119_000_00, "PAGO FV-102", moneda="USD")).estado == SIN_IDENTIFICAR


def test_una_factura_cerrada_no_se_paga_otra_vez() -> None:
    assert uno(linea(10_000_00, "PAGO FV-090")).estado == SIN_IDENTIFICAR


# --- nunca dos veces -----------------------------------------------------------------------------------------------

def test_clave_ya_registrada() -> None:
    movimiento = linea(119_000_00, "PAGO FV-102")
    r = uno(movimiento, registradas=frozenset({movimiento.clave}))
    assert r.estado == YA_REGISTRADO and not r.pagos


def test_una_clave_borrada_de_pagos_solo_se_sugiere() -> None:
    """Registered before, its Pagos row since deleted (or a backup restored): suggested with its invoice, never
    registered again by itself."""
    movimiento = linea(119_000_00, "PAGO FV-102")
    r = uno(movimiento, borradas=frozenset({movimiento.clave}))
    assert r.estado == SUGERIDO and not r.pagos and r.candidatos[0].facturas == ("FV-102",)
    assert r.motivo.startswith("cartera ya la registró en Pagos y la fila no está")


def test_la_misma_linea_en_dos_archivos_de_una_vez() -> None:
    a, b = linea(119_000_00, "PAGO FV-102", archivo="s1.csv"), linea(119_000_00, "PAGO FV-102", archivo="s2.csv", n=9)
    assert a.clave == b.clave
    estados = [r.estado for r in conciliar([a, b], facturas(), CLIENTES)]
    assert estados == [SEGURO, YA_REGISTRADO]


def test_dos_lineas_distintas_para_la_misma_factura_no_la_pagan_dos_veces() -> None:
    a, b = linea(119_000_00, "PAGO FV-102"), linea(119_000_00, "PAGO FV-102", fecha=HOY + dt.timedelta(days=1))
    primero, segundo = conciliar([a, b], facturas(), CLIENTES)
    assert (primero.estado, segundo.estado) == (SEGURO, SIN_IDENTIFICAR) and not segundo.pagos
    assert "FV-102, que ya no tiene saldo" in segundo.motivo


def test_pago_tecleado_a_mano_no_se_duplica() -> None:
    pagos = pd.DataFrame({"fecha": pd.to_datetime([HOY - dt.timedelta(days=2)]), "factura": ["FV-102"], "cliente": [""],
                          "monto": [119_000_00], "metodo": ["transferencia"], "referencia": [""], "fila": [7]})
    pagadas = facturas([(*f[:2], 0 if f[0] == "FV-102" else f[2], *f[3:]) for f in FACTURAS])
    r = conciliar([linea(119_000_00, "PAGO FV-102")], pagadas, CLIENTES, pagos)[0]
    assert r.estado == POSIBLE_DUPLICADO and "¿ya registrado?" in r.motivo and "fila 7" in r.motivo and not r.pagos
    lejos = pagos.assign(fecha=pd.to_datetime([HOY - dt.timedelta(days=30)]))
    assert conciliar([linea(119_000_00, "PAGO FV-102")], pagadas, CLIENTES, lejos)[0].estado == SIN_IDENTIFICAR


def test_los_cargos_no_se_concilian() -> None:
    assert conciliar([linea(-119_000_00, "PAGO FV-102")], facturas(), CLIENTES) == ()


def test_resumen() -> None:
    lineas = [linea(119_000_00, "FV-102"), linea(50_000_00, "FV-101"), linea(30_000_00, "FV-105"),
              linea(80_000_00, "NIT 800111222"), linea(7_00, "X", n=2)]
    assert resumen(conciliar(lineas, facturas(), CLIENTES)) == "3 pagos registrados desde el extracto, 1 por confirmar"


# --- números en el texto ------------------------------------------------------------------------------------------

def test_las_fechas_y_los_digitos_cortos_no_nombran_facturas() -> None:
    tabla = numeros.indice(["FV-11", "FV-2026", "FV-7"])
    assert numeros.facturas_nombradas("PAGO DEL 05/11/2026", tabla) == ()
    assert numeros.facturas_nombradas("PAGO 7 UNIDADES", tabla) == ()
    assert numeros.facturas_nombradas("PAGO FRA 7", tabla) == ("FV-7",)


def test_formas_del_nit() -> None:
    assert numeros.formas_nit("900.123.456-7") == ("9001234567", "900123456")
    assert numeros.nombra_nit("NIT 900123456", numeros.formas_nit("900.123.456-7"))
    assert numeros.formas_nit("123") == ()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=14), st.data())
def test_combinaciones_suman_exacto_y_estan_acotadas(saldos: list[int], data) -> None:
    propias = [candidatos.Abierta(f"F{i}", "C", s, "COP", dt.date(2026, 1, 1) + dt.timedelta(days=i), True, None)
               for i, s in enumerate(saldos)]
    importe = data.draw(st.integers(min_value=1, max_value=40_000))
    halladas = candidatos.combinaciones(propias, importe)
    assert all(sum(f.saldo for f in c) == importe and 2 <= len(c) <= candidatos.TAMANO_COMBINACION for c in halladas)
    assert all(f in propias[:candidatos.MAXIMO_COMBINADAS] for c in halladas for f in c)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["FV-101", "FV-102", "FV-103", "FV-105", "NIT 800111222", "ABONO", ""]),
                          st.sampled_from([50_000_00, 119_000_00, 80_000_00, 30_000_00, 1_00, 60_000_00])), max_size=8))
def test_nunca_se_registra_mas_de_lo_que_se_debe(lineas) -> None:
    movimientos = [linea(m, t, n=i, fecha=HOY + dt.timedelta(days=i)) for i, (t, m) in enumerate(lineas)]
    resultado = conciliar(movimientos, facturas(), CLIENTES, registrar_parciales=True)
    debe = {f[0]: f[2] for f in FACTURAS}
    for r in resultado:
        assert (r.estado == SEGURO) == bool(r.pagos)
        assert sum(p.monto for p in r.pagos) == r.movimiento.importe if r.pagos else True
        for p in r.pagos:
            debe[p.factura] -= p.monto
    assert all(v >= 0 for v in debe.values())


def test_cliente_por_nombre_sin_monto_igual_sugiere_su_factura_mas_antigua() -> None:
    r = uno(linea(10_000_00, "ABONO PANADERIA ESPIGA"))
    assert r.estado == SUGERIDO and r.candidatos[0].facturas == ("FV-103",)
    assert "más antigua" in r.candidatos[0].motivos[0] and "abono parcial" in " ".join(r.candidatos[0].motivos)


def test_nombre_del_cliente_en_el_texto() -> None:
    palabras = numeros.nombre_significativo("Ferretería El Tornillo S.A.S.")
    assert palabras == ("ferreteria", "tornillo")
    assert numeros.nombra_cliente("TRANSF FERRETERIA EL TORNILLO", palabras)
    assert not numeros.nombra_cliente("TRANSF FERRETERIA CENTRAL", palabras)
    assert not numeros.nombra_cliente("PAGO SA", numeros.nombre_significativo("S.A."))


# --- Por confirmar ------------------------------------------------------------------------------------------------

def _pendientes():
    return candidatos.Pendientes(candidatos.abiertas(facturas()))


def _fila_de(c, confirmar: str) -> dict:
    from cartera.conciliacion import confirmacion

    return dict(zip(confirmacion.ENCABEZADOS, confirmacion.filas([c], "CO")[0], strict=True)) | {"Confirmar": confirmar}


def test_por_confirmar_ida_y_vuelta() -> None:
    from cartera.conciliacion import confirmacion

    sugerido = uno(linea(80_000_00, "PAGO NIT 800111222"))
    assert sugerido.estado == SUGERIDO
    fila = _fila_de(sugerido, "")
    assert fila["Factura sugerida"] == "FV-103" and fila["Clave"] == sugerido.movimiento.clave
    assert "1) FV-103 (C2" in fila["Candidatos"] and confirmacion.filas([uno(linea(1_00, "X"))], "CO") == []
    si = confirmacion.confirmadas([fila | {"Confirmar": "sí"}], _pendientes(), frozenset())
    assert [(p.factura, p.monto, p.clave) for p in si.pagos] == [("FV-103", 80_000_00, sugerido.movimiento.clave)]
    otra = confirmacion.confirmadas([fila | {"Confirmar": "fv 104"}], _pendientes(), frozenset())
    assert [(p.factura, p.monto) for p in otra.pagos] == [("FV-104", 80_000_00)]
    no = confirmacion.confirmadas([fila | {"Confirmar": "no"}], _pendientes(), frozenset())
    assert no.pagos == () and no.descartadas == (sugerido.movimiento.clave,)
    hecha = confirmacion.confirmadas([fila | {"Confirmar": "sí"}], _pendientes(), frozenset({sugerido.movimiento.clave}))
    assert hecha == confirmacion.Confirmadas()
    mala = confirmacion.confirmadas([fila | {"Confirmar": "FV-999"}], _pendientes(), frozenset())
    assert mala.pagos == () and "fila 2: no hay factura abierta «FV-999»" in mala.avisos[0]


def test_confirmar_varias_facturas_reparte_el_importe() -> None:
    from cartera.conciliacion import confirmacion

    fila = _fila_de(uno(linea(100_000_00, "DISTRIBUIDORA NORTE")), "FV-105, FV-106 y FV-107")
    pagos = confirmacion.confirmadas([fila], _pendientes(), frozenset()).pagos
    assert [(p.factura, p.monto) for p in pagos] == [("FV-105", 30_000_00), ("FV-106", 45_000_00), ("FV-107", 25_000_00)]
