"""Payment agreements (issue 17): the split, the dates, the state through time, the plan and the messages.

Real .xlsx workbooks (``acuerdos_libro``) read by the real reader; the days are run with the real
computation and plan, the history of what was sent carried from one day to the next as the journal would.
"""

from __future__ import annotations

import openpyxl
import pytest
from acuerdos_libro import ACUERDO, CODIGO, D, Dia, libro_con_acuerdo

from cartera.acuerdos import reparto
from cartera.acuerdos.abiertas import CuotaAbierta, cuotas_abiertas, vencimientos
from cartera.acuerdos.pacto import EstadoAcuerdo, EstadoCuota, Periodicidad
from cartera.calculo.pronostico import pronosticar
from cartera.comandos.cobrar import redactar
from cartera.libro import escritura


# --- the split and the dates -------------------------------------------------------------
def test_un_millon_en_tres_cuotas_redondea_hacia_abajo_y_la_ultima_absorbe_el_resto():
    assert reparto.valores(100_000_000, 3) == (33_333_333, 33_333_333, 33_333_334)
    assert reparto.valores(100, 7) == (14, 14, 14, 14, 14, 14, 16)
    assert sum(reparto.valores(123_456_789, 11)) == 123_456_789


@pytest.mark.parametrize(("primera", "esperadas"), [
    (D(2026, 1, 31), (D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30))),
    (D(2028, 1, 31), (D(2028, 1, 31), D(2028, 2, 29), D(2028, 3, 31), D(2028, 4, 30))),
    (D(2026, 11, 30), (D(2026, 11, 30), D(2026, 12, 30), D(2027, 1, 30), D(2027, 2, 28))),
])
def test_las_cuotas_mensuales_caen_el_mismo_dia_o_el_ultimo_del_mes(primera, esperadas):
    assert reparto.vencimientos(primera, 4, Periodicidad.MENSUAL) == esperadas


def test_semanal_cada_7_dias_y_quincenal_cada_15():
    assert reparto.vencimientos(D(2026, 3, 2), 3, Periodicidad.SEMANAL) == (D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16))
    assert reparto.vencimientos(D(2026, 3, 2), 3, Periodicidad.QUINCENAL) == (D(2026, 3, 2), D(2026, 3, 17), D(2026, 4, 1))


def test_la_cuota_inicial_vence_en_la_fecha_del_acuerdo_y_se_resta_de_lo_que_se_reparte(tmp_path):
    fila = ACUERDO[:6] + [100000, ""]
    dia = Dia(libro_con_acuerdo(tmp_path, acuerdos=[fila]), D(2026, 3, 1))
    cuotas = [(c.cuota.numero, c.cuota.vence, c.cuota.valor) for c in dia.situacion.cuotas]
    assert cuotas == [(0, D(2026, 3, 1), 10_000_000), (1, D(2026, 3, 31), 30_000_000), (2, D(2026, 4, 30), 30_000_000),
                      (3, D(2026, 5, 31), 30_000_000)]
    assert dia.etapas() == [f"Acuerdo {CODIGO}: cuota 0 del 2026-03-01, vencimiento"]


def test_lo_que_se_reparte_es_el_saldo_en_la_fecha_del_acuerdo_sin_recargos(tmp_path):
    pagos = [[D(2026, 2, 20), "F-001", "", 100000], [D(2026, 3, 10), "F-001", "", 50000]]  # before / after the agreement
    dia = Dia(libro_con_acuerdo(tmp_path, pagos=pagos), D(2026, 3, 12))
    s = dia.situacion
    assert (s.base, s.total, s.pagado) == (90_000_000, 90_000_000, 5_000_000)
    assert [c.cuota.valor for c in s.cuotas] == [30_000_000] * 3
    assert [(c.pagado, c.estado) for c in s.cuotas][0] == (5_000_000, EstadoCuota.PENDIENTE)


# --- through time -----------------------------------------------------------------------
def test_tres_cuotas_mensuales_seguidas_en_el_tiempo(tmp_path):
    ruta = libro_con_acuerdo(tmp_path, pagos=[[D(2026, 4, 1), "F-001", "", 333333.33]])
    historial: tuple = ()
    vistos = {}
    for fecha in (D(2026, 3, 1), D(2026, 3, 27), D(2026, 3, 28), D(2026, 3, 29), D(2026, 3, 31), D(2026, 4, 2),
                  D(2026, 4, 27), D(2026, 4, 30), D(2026, 5, 2), D(2026, 5, 3), D(2026, 5, 4), D(2026, 5, 5)):
        dia = Dia(ruta, fecha, historial)
        vistos[fecha] = (dia.etapas(), dia.situacion.estado, [x.cliente for x in dia.plan.llamadas])
        historial = dia.enviar(historial)
    assert vistos[D(2026, 3, 1)][0] == [] and vistos[D(2026, 3, 27)][0] == []
    assert vistos[D(2026, 3, 28)][0] == [f"Acuerdo {CODIGO}: cuota 1 del 2026-03-31, aviso previo"]
    assert vistos[D(2026, 3, 29)][0] == []  # told once
    assert vistos[D(2026, 3, 31)][0] == [f"Acuerdo {CODIGO}: cuota 1 del 2026-03-31, vencimiento"]
    assert vistos[D(2026, 4, 2)][0] == []  # paid on 1 April
    assert vistos[D(2026, 4, 27)][0] == [f"Acuerdo {CODIGO}: cuota 2 del 2026-04-30, aviso previo"]
    assert vistos[D(2026, 4, 30)][0] == [f"Acuerdo {CODIGO}: cuota 2 del 2026-04-30, vencimiento"]
    assert vistos[D(2026, 5, 2)][1] == EstadoAcuerdo.VIGENTE  # last day of grace (Días de gracia = 2)
    assert vistos[D(2026, 5, 3)] == ([f"Acuerdo {CODIGO} incumplido"], EstadoAcuerdo.INCUMPLIDO, ["C01"])
    assert vistos[D(2026, 5, 4)] == ([], EstadoAcuerdo.INCUMPLIDO, ["C01"])  # never repeated; still to call
    assert all(e.startswith("Acuerdo ") for v in vistos.values() for e in v[0])  # no normal reminder while in force


def test_en_vigor_las_facturas_no_tienen_recargo_ni_recordatorio_normal(tmp_path):
    dia = Dia(libro_con_acuerdo(tmp_path), D(2026, 3, 20))
    f = dia.acordado.calculo.facturas.set_index("factura")
    assert f.loc["F-001", "recargo"] == 0 and f.loc["F-002", "recargo"] == 0 and f.loc["F-003", "recargo"] > 0
    assert list(dia.plan.acciones[:2]) == [f"En acuerdo de pago {CODIGO}"] * 2
    assert "C01" not in {a.cliente for a in dia.plan.avisos} | {e.cliente for e in dia.plan.escalados}
    assert "C02" in {a.cliente for a in dia.plan.avisos} | {e.cliente for e in dia.plan.escalados}


def test_cancelado_por_el_dueno_vuelve_al_calendario_normal_con_lo_que_falta(tmp_path):
    pagos = [[D(2026, 4, 1), "F-001", "", 333333.33]]
    fila = ACUERDO[:7] + ["Cancelado"]
    dia = Dia(libro_con_acuerdo(tmp_path, pagos=pagos, acuerdos=[fila]), D(2026, 5, 5))
    s = dia.situacion
    assert s.estado == EstadoAcuerdo.CANCELADO and s.saldo == 66_666_667
    f = dia.acordado.calculo.facturas.set_index("factura")
    assert f.loc[["F-001", "F-002"], "saldo"].sum() == 66_666_667
    assert (f.loc[["F-001", "F-002"], "recargo"] > 0).all() and set(f["acuerdo"]) == {""}
    normal = {a.cliente for a in dia.plan.avisos} | {e.cliente for e in dia.plan.escalados}
    assert "C01" in normal and not any(e.startswith("Acuerdo ") for e in dia.etapas())


def test_dias_tras_acuerdo_incumplido_devuelve_las_facturas_solo(tmp_path):
    ruta = libro_con_acuerdo(tmp_path, configuracion=[["Días tras acuerdo incumplido", 3]])
    assert Dia(ruta, D(2026, 4, 3)).situacion.estado == EstadoAcuerdo.INCUMPLIDO  # cuota 1: 31/03 + 2 días de gracia
    assert Dia(ruta, D(2026, 4, 5)).situacion.estado == EstadoAcuerdo.INCUMPLIDO
    terminado = Dia(ruta, D(2026, 4, 6))
    assert terminado.situacion.estado == EstadoAcuerdo.TERMINADO
    assert all("incumplido" not in x.motivo for x in terminado.plan.llamadas)
    assert set(terminado.acordado.calculo.facturas["acuerdo"]) == {""}


def test_pagado_completo_agradece_una_vez(tmp_path):
    ruta = libro_con_acuerdo(tmp_path, pagos=[[D(2026, 3, 31), "F-001", "", 600000], [D(2026, 4, 20), "F-002", "", 400000]])
    antes = Dia(ruta, D(2026, 4, 19))
    assert antes.situacion.estado == EstadoAcuerdo.VIGENTE and [c.estado for c in antes.situacion.cuotas][:1] == ["Pagada"]
    dia = Dia(ruta, D(2026, 4, 21))
    assert dia.situacion.estado == EstadoAcuerdo.PAGADO
    assert dia.etapas() == [f"Acuerdo {CODIGO} pagado"]
    assert Dia(ruta, D(2026, 4, 22), dia.enviar(())).etapas() == []


def test_un_pago_entre_cuotas_se_aplica_a_la_cuota_abierta_mas_antigua(tmp_path):
    pagos = [[D(2026, 3, 30), "F-001", "", 333333.33], [D(2026, 4, 10), "", "C01", 500000]]  # a client-level payment
    dia = Dia(libro_con_acuerdo(tmp_path, pagos=pagos), D(2026, 5, 28))
    s = dia.situacion
    assert [(c.pagado, c.saldo) for c in s.cuotas] == [(33_333_333, 0), (33_333_333, 0), (16_666_667, 16_666_667)]
    assert dia.etapas() == [f"Acuerdo {CODIGO}: cuota 3 del 2026-05-31, aviso previo"]
    assert cuotas_abiertas(dia.acordado.situaciones) == {
        "C01": (CuotaAbierta(CODIGO, 3, D(2026, 5, 31), 33_333_334, 16_666_667, 16_666_667, "COP"),)}


def test_recargo_por_cuota_atrasada_configurable(tmp_path):
    ruta = libro_con_acuerdo(tmp_path, configuracion=[["Recargo por cuota atrasada", "2 %"]])
    dia = Dia(ruta, D(2026, 4, 3))
    f = dia.acordado.calculo.facturas.set_index("factura")
    assert dia.situacion.recargo == 666_667 and f.loc["F-001", "recargo"] == 666_667 and f.loc["F-002", "recargo"] == 0


# --- the messages ------------------------------------------------------------------------
def _mensajes(dia: Dia, carpeta):
    return redactar(dia.acordado.cartera, dia.acordado.calculo, dia.plan, carpeta).mensajes


def test_los_mensajes_citan_la_cuota_su_fecha_y_lo_que_falta(tmp_path):
    ruta = libro_con_acuerdo(tmp_path, pagos=[[D(2026, 3, 29), "F-001", "", 100000]])
    previo = [m for m in _mensajes(Dia(ruta, D(2026, 3, 28)), tmp_path) if m.aviso.cliente == "C01"]
    assert len(previo) == 1
    assert previo[0].asunto == "La cuota 1 de 3 de su acuerdo de pago vence el 31/03/2026 — $ 333.333,33"
    hoy = [m for m in _mensajes(Dia(ruta, D(2026, 3, 31)), tmp_path) if m.aviso.cliente == "C01"][0]
    assert "vence hoy, 31 de marzo de 2026" in hoy.texto
    assert "de su valor de $ 333.333,33 queda por pagar $ 233.333,33" in hoy.texto.replace("\xa0", " ")
    roto = [m for m in _mensajes(Dia(ruta, D(2026, 4, 3)), tmp_path) if m.aviso.cliente == "C01"][0]
    assert "incumplido" in roto.asunto and "31/03/2026" in roto.asunto
    assert "$ 233.333,33" in roto.texto.replace("\xa0", " ")


def test_tuteo_en_los_mensajes_del_acuerdo(tmp_path):
    fila = ["C02", "F-003", D(2026, 3, 1), 2, "quincenal", D(2026, 3, 15), None, ""]
    dia = Dia(libro_con_acuerdo(tmp_path, acuerdos=[fila]), D(2026, 3, 12))
    mensaje = [m for m in _mensajes(dia, tmp_path) if m.aviso.cliente == "C02"][0]
    assert mensaje.asunto.startswith("La cuota 1 de 2 de tu acuerdo de pago vence el 15/03/2026")
    assert "Te recordamos" in mensaje.texto


# --- the owner's edits and bad rows --------------------------------------------------------
CUOTAS = ["Acuerdo", "Cliente", "Cuota", "Vence", "Valor", "Pagado", "Estado"]


def test_las_cuotas_editadas_por_el_dueno_se_respetan(tmp_path):
    editadas = [CUOTAS, [CODIGO, "C01", 1, D(2026, 4, 10), 500000, 0, "Pendiente"],
                [CODIGO, "C01", 2, D(2026, 5, 10), 500000, 0, "Pendiente"]]
    dia = Dia(libro_con_acuerdo(tmp_path, cuotas_hoja=editadas), D(2026, 4, 7))
    s = dia.situacion
    assert not s.nuevas and [(c.cuota.vence, c.cuota.valor) for c in s.cuotas] == [(D(2026, 4, 10), 50_000_000),
                                                                                   (D(2026, 5, 10), 50_000_000)]
    assert dia.etapas() == [f"Acuerdo {CODIGO}: cuota 1 del 2026-04-10, aviso previo"]
    assert dia.acordado.anexos[0].reemplazar  # refreshed in place: Pagado and Estado only change
    assert [f[3:] for f in dia.acordado.anexos[0].filas] == [(D(2026, 4, 10), 50_000_000, 0, "Pendiente"),
                                                           (D(2026, 5, 10), 50_000_000, 0, "Pendiente")]


def test_acuerdo_editado_a_mitad_de_camino(tmp_path):
    """The owner changes the Acuerdos row after its Cuotas were written: Cuotas win (4 instalments asked, the 3
    written stay); a new Fecha del acuerdo is a new agreement (new code): its instalments are generated, the old
    rows are kept but marked «Sin acuerdo»; an invoice added to the list is paused with the others."""
    escritas = [CUOTAS] + [[CODIGO, "C01", n, v, 333333.33 if n < 3 else 333333.34, 0, "Pendiente"]
                           for n, v in ((1, D(2026, 3, 31)), (2, D(2026, 4, 30)), (3, D(2026, 5, 31)))]
    mas_cuotas = ["C01", "F-001, F-002", D(2026, 3, 1), 4, "mensual", D(2026, 3, 31), None, ""]
    dia = Dia(libro_con_acuerdo(tmp_path, acuerdos=[mas_cuotas], cuotas_hoja=escritas), D(2026, 4, 5))
    assert len(dia.situacion.cuotas) == 3 and not dia.situacion.nuevas
    otra_fecha = ["C01", "F-001, F-002", D(2026, 4, 1), 2, "mensual", D(2026, 4, 30), None, ""]
    (tmp_path / "b").mkdir()
    dia = Dia(libro_con_acuerdo(tmp_path / "b", acuerdos=[otra_fecha], cuotas_hoja=escritas), D(2026, 4, 5))
    s = dia.situacion
    assert s.acuerdo.acuerdo == "C01-20260401" and s.nuevas and [c.cuota.valor for c in s.cuotas] == [50_000_000] * 2
    filas = dia.acordado.anexos[0].filas
    assert [f[6] for f in filas] == ["Sin acuerdo"] * 3 + ["Pendiente"] * 2
    con_otra = ["C01", "F-001, F-002, F-003", D(2026, 3, 1), 3, "mensual", D(2026, 3, 31), None, ""]
    (tmp_path / "c").mkdir()
    dia = Dia(libro_con_acuerdo(tmp_path / "c", acuerdos=[con_otra], cuotas_hoja=escritas), D(2026, 4, 5))
    rechazo = [r for r in dia.acordado.cartera.rechazos if r.hoja == "Acuerdos"]
    assert [(r.fila, r.columna) for r in rechazo] == [(2, "Facturas")] and "C02" in rechazo[0].motivo  # F-003 is C02's


def test_una_fila_mala_de_acuerdos_dice_hoja_fila_columna_y_valor_y_las_buenas_siguen(tmp_path):
    malas = [["C01", "F-001, F-999", D(2026, 3, 1), 3, "mensual", D(2026, 3, 31), None, ""],
             ["C02", "F-003", D(2026, 3, 1), 3, "cada tanto", D(2026, 3, 31), None, ""],
             ["C01", "F-002", D(2026, 3, 1), 2, "semanal", D(2026, 3, 8), None, ""]]
    dia = Dia(libro_con_acuerdo(tmp_path, acuerdos=malas), D(2026, 3, 5))
    rechazos = [r for r in dia.acordado.cartera.rechazos if r.hoja == "Acuerdos"]
    assert [(r.fila, r.columna, r.valor) for r in rechazos] == [(2, "Facturas", "F-001, F-999"),
                                                               (3, "Periodicidad", "cada tanto")]
    assert "F-999" in rechazos[0].motivo and "semanal, quincenal o mensual" in rechazos[1].motivo
    assert all(r.grave for r in rechazos)
    assert [s.acuerdo.facturas for s in dia.acordado.situaciones] == [("F-002",)]
    assert f"Acuerdo {CODIGO}: cuota 1 del 2026-03-08, aviso previo" in dia.etapas()  # F-001 is on the normal schedule


def test_la_hoja_cuotas_se_crea_tambien_en_un_libro_guardado_por_openpyxl(tmp_path):
    """openpyxl declares the relationships prefix on each <sheet>, not on <workbook>: a new sheet declares its own."""
    ruta = libro_con_acuerdo(tmp_path)
    openpyxl.load_workbook(ruta).save(ruta)
    dia = Dia(ruta, D(2026, 3, 5))
    escritura.escribir(ruta, {}, (), origen=dia.acordado.cartera.origen, anexos=dia.acordado.anexos)
    filas = list(openpyxl.load_workbook(ruta, read_only=True)["Cuotas"].iter_rows(values_only=True))
    assert [f[2] for f in filas[1:]] == [1, 2, 3] and filas[1][6] == "Pendiente"


# --- the forecast -------------------------------------------------------------------------
def test_el_pronostico_espera_lo_del_acuerdo_en_las_fechas_de_sus_cuotas(tmp_path):
    dia = Dia(libro_con_acuerdo(tmp_path, pagos=[[D(2026, 3, 10), "F-001", "", 50000]]), D(2026, 3, 12))
    fechas = vencimientos(dia.acordado.calculo, dia.acordado.situaciones)
    # paid goes to the oldest instalment: what is owed is the latest ones' share, to the centavo
    assert [(v.date(), s) for v, s in zip(fechas["vencimiento"], fechas["saldo"], strict=True)] == [
        (D(2026, 5, 31), 33_333_334), (D(2026, 4, 30), 33_333_333), (D(2026, 3, 31), 28_333_333)]
    previsto = pronosticar(dia.acordado.calculo, cuotas=fechas)  # too little history: each on its due date
    semanas = previsto.por_moneda.set_index("semana")["probable"]
    assert semanas[1] == 50_000_000  # F-003, outside the agreement, long due
    assert (semanas[3], semanas[7]) == (28_333_333, 33_333_333)  # the instalments of 31/03 and 30/04
    assert previsto.resto.set_index("moneda").loc["COP", "despues"] == 33_333_334  # 31/05: after the 8 weeks
    sin_acuerdo = pronosticar(dia.acordado.calculo).por_moneda.set_index("semana")["probable"]
    assert sin_acuerdo[1] == 145_000_000  # the facturas' own due dates, long past


def test_un_acuerdo_que_ya_no_rige_no_cambia_el_pronostico(tmp_path):
    fila = ACUERDO[:7] + ["Cancelado"]
    dia = Dia(libro_con_acuerdo(tmp_path, acuerdos=[fila]), D(2026, 3, 12))
    assert vencimientos(dia.acordado.calculo, dia.acordado.situaciones).empty
