"""The account statement (estado de cuenta): its figures, its PDF read back with pdftotext, the command.

A real workbook (xlsxwriter) of a Spanish client with facturas in EUR and USD, a payment that leaves a credit
(saldo a favor) in USD and instalments of a payment agreement built here (``CuotaAbierta`` records: the agreements
are read elsewhere).  The PDF is checked by its text (poppler's ``pdftotext``, installed by ``.ci/run``).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from libros import escribir_libro

from cartera import formato
from cartera.acuerdos.abiertas import CuotaAbierta
from cartera.calculo import antiguedad, calendario
from cartera.comandos.estado import nombre_archivo
from cartera.informe import estado_cuenta as ec
from cartera.libro import apertura
from cartera.pdf import documento
from cartera.politica import ETAPAS_PREDETERMINADAS

pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) no está instalado")
CORTE = dt.date(2026, 11, 24)
CUOTAS = (
    CuotaAbierta("AC-7", 0, dt.date(2026, 10, 20), 20_000, 20_000, 0, "EUR"),  # the down payment, paid: not shown
    CuotaAbierta("AC-7", 1, dt.date(2026, 11, 20), 40_000, 15_000, 25_000, "EUR"),
    CuotaAbierta("AC-7", 2, dt.date(2026, 12, 20), 40_000, 0, 40_000, "EUR"),
)


def libro_espanol(carpeta: Path, *, facturas_extra: int = 0, acuerdos: tuple[list, ...] = ()) -> Path:
    """Ferretería La Peña (NIF, ñ in its name) owes EUR and USD and has 50 USD in its favour.

    ``acuerdos``: rows of an ``Acuerdos`` sheet (Cliente, Facturas, Fecha del acuerdo, Cuotas, Periodicidad,
    Primera cuota), when given.
    """
    facturas = [
        ["Factura", "Cliente", "Emisión", "Vencimiento", "Total", "Moneda"],
        ["F-101", "PENA", dt.date(2026, 9, 1), dt.date(2026, 10, 1), 1250.50, "EUR"],
        ["F-102", "PENA", dt.date(2026, 11, 1), dt.date(2026, 12, 1), 800, "EUR"],
        ["F-103", "PENA", dt.date(2026, 10, 1), dt.date(2026, 10, 31), 300, "USD"],
        ["F-104", "PENA", dt.date(2026, 8, 1), dt.date(2026, 8, 31), 100, "USD"],
        ["F-201", "OTRO", dt.date(2026, 10, 1), dt.date(2026, 10, 31), 999, "EUR"],
    ]
    facturas += [[f"G-{300 + i}", "PENA", dt.date(2026, 11, 2), dt.date(2026, 12, 2), 10 + i, "EUR"]
                 for i in range(facturas_extra)]
    hojas_acuerdos = {"Acuerdos": [["Cliente", "Facturas", "Fecha del acuerdo", "Cuotas", "Periodicidad", "Primera cuota"],
                                   *acuerdos]} if acuerdos else {}
    return escribir_libro(carpeta / "cartera.xlsx", {
        **hojas_acuerdos,
        "Clientes": [
            ["Cliente", "Nombre", "NIF", "Contacto", "Correo"],
            ["PENA", "Ferretería La Peña S.L.", "B12345678", "Íñigo Muñoz", "pagos@lapena.example"],
            ["OTRO", "Otro Cliente S.A.", "A87654321", "", "otro@example.com"],
        ],
        "Facturas": facturas,
        "Pagos": [
            ["Fecha", "Factura", "Cliente", "Monto"],
            [dt.date(2026, 10, 15), "F-101", "", 250.50],
            [dt.date(2026, 9, 10), "F-104", "", 150],
        ],
        "Configuración": [
            ["Parámetro", "Valor"],
            ["Empresa", "Suministros Ibéricos S.L."],
            ["Teléfono", "+34 910 000 000"],
            ["Medios de pago", "Transferencia a ES91 2100 0418 4502 0005 1332\nBizum al 600 000 000"],
            ["País", "ES"],
            ["Moneda", "EUR"],
            ["Fecha de corte", CORTE],
        ],
    })


def calcular(ruta: Path, fecha: dt.date = CORTE):
    cartera = apertura.leer(ruta)
    return cartera, antiguedad.calcular(cartera, fecha, calendario.festivos("ES", range(2025, 2028)))


def texto_pdf(ruta: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(ruta), "-"], capture_output=True, text=True, check=True).stdout


# --- the figures -----------------------------------------------------------------------------------

def test_un_bloque_por_moneda_con_su_total_y_el_saldo_a_favor(tmp_path: Path) -> None:
    cartera, calculado = calcular(libro_espanol(tmp_path))
    estado = ec.construir(cartera, calculado, "PENA", CUOTAS)

    assert (estado.nombre, estado.nit, estado.contacto, estado.correos) == (
        "Ferretería La Peña S.L.", "B12345678", "Íñigo Muñoz", ("pagos@lapena.example",))
    assert [b.moneda for b in estado.bloques] == ["EUR", "USD"]  # the default currency first, never added together
    eur, usd = estado.bloques
    assert [f.numero for f in eur.facturas] == ["F-101", "F-102"] and [f.numero for f in usd.facturas] == ["F-103"]
    assert (eur.saldo, usd.saldo) == (180_000, 30_000)  # 1.000 + 800 €; 300 US$ (F-104 is paid)
    f101 = eur.facturas[0]
    assert (f101.total, f101.pagado, f101.saldo, f101.dias) == (125_050, 25_050, 100_000, 54)
    assert eur.recargos == f101.recargo > 0 and eur.facturas[1].recargo == 0
    assert (eur.a_favor, usd.a_favor) == (0, 5_000)  # F-104 was overpaid by 50 US$
    assert eur.a_pagar == eur.saldo + eur.recargos
    assert usd.a_pagar == usd.saldo + usd.recargos - 5_000
    assert [(c.acuerdo, c.cuota) for c in eur.cuotas] == [("AC-7", 1), ("AC-7", 2)]  # the paid one is not open
    assert usd.cuotas == ()


def test_un_saldo_a_favor_mayor_que_la_deuda_deja_cero_a_pagar_y_dice_cuanto_queda() -> None:
    bloque = ec.BloqueMoneda("USD", (), (), saldo=1_000, recargos=0, a_favor=5_000)
    assert (bloque.a_pagar, bloque.a_favor_restante) == (0, 4_000)


# --- the PDF, read back ----------------------------------------------------------------------------

@pdftotext
def test_el_pdf_dice_todo_con_euros_enes_y_rayas(tmp_path: Path) -> None:
    cartera, calculado = calcular(libro_espanol(tmp_path))
    estado = ec.construir(cartera, calculado, "PENA", CUOTAS)
    ruta = documento.guardar(estado, tmp_path / "estados" / "estado.pdf")
    texto = texto_pdf(ruta)
    eur, usd = estado.bloques

    for esperado in ("Suministros Ibéricos S.L.", "ESTADO DE CUENTA", "al 24 de noviembre de 2026", "24/11/2026",
                     "Ferretería La Peña S.L.", "Identificación: B12345678", "Íñigo Muñoz", "+34 910 000 000",
                     "Transferencia a ES91 2100 0418 4502 0005 1332", "Bizum al 600 000 000",
                     "Facturas abiertas en EUR (2)", "Facturas abiertas en USD (1)",
                     "Cuotas pendientes de acuerdos de pago en EUR", "Página 1 de 1"):
        assert esperado in texto, esperado
    assert "1.250,50 €" in texto and "1.800,00 €" in texto  # F-101's total; the EUR balance
    assert "—" in texto and "Peña" in texto and "€" in texto  # the embedded font prints them
    lineas = {linea.split()[0]: linea for linea in texto.splitlines() if linea.split()}
    assert "54" in lineas["F-101"].split() and formato.dinero(eur.facturas[0].recargo, "EUR", "ES") in lineas["F-101"]
    assert "—" in lineas["F-102"]  # not due yet: no days, no fee
    usd_fila = lineas["USD"]
    for cifra in (usd.saldo, usd.recargos, usd.a_pagar):
        assert formato.dinero(cifra, "USD", "ES") in usd_fila
    assert "− " + formato.dinero(5_000, "USD", "ES") in usd_fila  # the credit, deducted
    assert formato.dinero(eur.a_pagar, "EUR", "ES") in lineas["EUR"]
    assert "F-104" not in texto and "F-201" not in texto  # paid; another client's
    cuota = next(linea for linea in texto.splitlines() if linea.split()[:2] == ["AC-7", "1"])
    assert "20/11/2026" in cuota and "250,00 €" in cuota and cuota.split()[-1] == "4"  # 4 days late


@pdftotext
def test_muchas_facturas_siguen_en_otra_pagina_sin_perder_ninguna(tmp_path: Path) -> None:
    cartera, calculado = calcular(libro_espanol(tmp_path, facturas_extra=45))
    estado = ec.construir(cartera, calculado, "PENA")
    texto = texto_pdf(documento.guardar(estado, tmp_path / "largo.pdf"))

    assert "Página 1 de 2" in texto and "Página 2 de 2" in texto and "(continuación)" in texto
    assert all(f"G-{300 + i}" in texto for i in range(45))  # every factura listed
    assert texto.split("\f")[0].count("Total a pagar") >= 1  # the total due is on the first page


def test_el_mismo_estado_da_los_mismos_bytes(tmp_path: Path) -> None:
    cartera, calculado = calcular(libro_espanol(tmp_path))
    estado = ec.construir(cartera, calculado, "PENA", CUOTAS)
    assert documento.dibujar(estado) == documento.dibujar(estado)


def test_la_fuente_va_incrustada_y_no_se_busca_en_el_sistema(tmp_path: Path) -> None:
    cartera, calculado = calcular(libro_espanol(tmp_path))
    datos = documento.dibujar(ec.construir(cartera, calculado, "PENA"))
    assert b"/FontFile2" in datos and b"DejaVuSansCondensed" in datos
    assert (Path(documento.__file__).parent / "fuentes" / "LICENSE-DejaVu.txt").is_file()


# --- which client, which stage ---------------------------------------------------------------------

def test_el_cliente_se_busca_por_codigo_o_nombre_sin_mayusculas_ni_tildes() -> None:
    clientes = pd.DataFrame({"cliente": ["PENA", "OTRO", "ROBLE"],
                             "nombre": ["Ferretería La Peña S.L.", "Otro Cliente S.A.", "Ferretería El Roble"]})
    assert ec.buscar_cliente(clientes, "pena").cliente == "PENA"
    assert ec.buscar_cliente(clientes, "FERRETERIA LA PEÑA s.l.").cliente == "PENA"
    assert ec.buscar_cliente(clientes, "ferreteria la pena s.l.").cliente == "PENA"
    cerca = ec.buscar_cliente(clientes, "ferreteria")
    assert cerca.cliente == "" and cerca.parecidos[:2] == ("PENA — Ferretería La Peña S.L.", "ROBLE — Ferretería El Roble")
    assert ec.buscar_cliente(clientes, "robel").parecidos == ("ROBLE — Ferretería El Roble",)
    assert ec.buscar_cliente(clientes, "zzz") == ec.Busqueda("", ())


@pytest.mark.parametrize(("valor", "desde"), [
    ("no", None), ("", None), ("sí", "Primer aviso"), ("Si", "Primer aviso"), ("segundo AVISO", "Segundo aviso"),
    ("Aviso final", "Aviso final"),
])
def test_adjuntar_estado_de_cuenta_desde_que_etapa(valor: str, desde: str | None) -> None:
    etapa, aviso = ec.etapa_desde(valor, ETAPAS_PREDETERMINADAS)
    assert (etapa.nombre if etapa else None, aviso) == (desde, "")


def test_un_valor_que_no_es_si_no_ni_etapa_da_un_aviso_que_lo_nombra() -> None:
    etapa, aviso = ec.etapa_desde("Tercero", ETAPAS_PREDETERMINADAS)
    assert etapa is None
    assert "«Adjuntar estado de cuenta» = «Tercero»" in aviso and "Segundo aviso" in aviso


def test_las_etapas_mas_severas_llevan_el_estado_y_el_envio_de_factura_nunca() -> None:
    desde, _ = ec.etapa_desde("Segundo aviso", ETAPAS_PREDETERMINADAS)
    lleva = {e.nombre: ec.lleva_estado(e.nombre, desde, ETAPAS_PREDETERMINADAS) for e in ETAPAS_PREDETERMINADAS}
    assert lleva == {"Envío de factura": False, "Recordatorio preventivo": False, "Vence hoy": False,
                     "Primer aviso": False, "Segundo aviso": True, "Tercer aviso": True, "Aviso final": True,
                     "Cobranza": True}
    assert not ec.lleva_estado("Segundo aviso", None, ETAPAS_PREDETERMINADAS)


# --- the command, end to end -----------------------------------------------------------------------

def cartera_cli(*argumentos: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cartera", *argumentos], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, stdin=subprocess.DEVNULL)


@pdftotext
def test_cartera_estado_escribe_el_pdf_junto_al_libro_e_imprime_su_ruta(tmp_path: Path) -> None:
    libro_espanol(tmp_path)
    proceso = cartera_cli("estado", "cartera.xlsx", "ferreteria la pena s.l.", cwd=tmp_path)
    assert proceso.returncode == 0, proceso.stderr
    ruta = tmp_path / "estados" / "estado_pena_2026-11-24.pdf"
    assert proceso.stdout.strip() == str(ruta)
    assert "Ferretería La Peña S.L." in texto_pdf(ruta)
    assert not [p for p in (tmp_path / "estados").iterdir() if p != ruta]  # no temp file left behind

    otra = cartera_cli("estado", "cartera.xlsx", "PENA", "--fecha", "2026-12-31", cwd=tmp_path)
    assert otra.returncode == 0, otra.stderr
    texto = texto_pdf(tmp_path / "estados" / "estado_pena_2026-12-31.pdf")
    assert "al 31 de diciembre de 2026" in texto and "F-102" in texto


@pdftotext
def test_cartera_estado_lista_las_cuotas_del_acuerdo_del_libro(tmp_path: Path) -> None:
    """An agreement written in the workbook reaches the statement: its open instalments, its facturas without fee."""
    libro_espanol(tmp_path, acuerdos=(["PENA", "F-101", dt.date(2026, 10, 20), 2, "mensual", dt.date(2026, 11, 20)],))
    proceso = cartera_cli("estado", "cartera.xlsx", "PENA", cwd=tmp_path)
    assert proceso.returncode == 0, proceso.stderr
    texto = texto_pdf(tmp_path / "estados" / "estado_pena_2026-11-24.pdf")
    cuotas = texto[texto.index("Cuotas pendientes de acuerdos de pago en EUR"):].splitlines()
    # 1.250,50 − 250,50 paid before the agreement = 1.000,00 in two monthly instalments of 500,00
    assert [linea.split()[:3] for linea in cuotas if linea.startswith("PENA-20261020")] == [
        ["PENA-20261020", "1", "20/11/2026"], ["PENA-20261020", "2", "20/12/2026"]]
    assert all(linea.count("500,00 €") == 2 for linea in cuotas if linea.startswith("PENA-20261020"))
    f101 = next(linea for linea in texto.splitlines() if linea.startswith("F-101"))
    assert f101.split()[-1] == "—"  # no late fee while the agreement is in force
    assert "USD" in texto and "Saldo a favor" in texto  # the other currency and the credit are still there


def test_cartera_estado_con_un_cliente_desconocido_sugiere_los_parecidos(tmp_path: Path) -> None:
    libro_espanol(tmp_path)
    proceso = cartera_cli("estado", "cartera.xlsx", "Ferreteria La Pena", cwd=tmp_path)
    assert proceso.returncode == 2 and "Traceback" not in proceso.stderr
    assert "«Ferreteria La Pena»" in proceso.stderr and "PENA — Ferretería La Peña S.L." in proceso.stderr
    assert not (tmp_path / "estados").exists()


def test_dos_clientes_nunca_comparten_archivo() -> None:
    assert nombre_archivo("ROBLE", CORTE) == "estado_roble_2026-11-24.pdf"
    assert nombre_archivo("CLI-7", CORTE) == "estado_cli-7_2026-11-24.pdf"
    nombres = {nombre_archivo(c, CORTE) for c in ("C-1", "C 1", "c-1", "c 1", "Ferretería El Roble", "ferreteria el roble")}
    assert len(nombres) == 6
    assert all(n.startswith("estado_") and n.endswith("_2026-11-24.pdf") and n.isascii() for n in nombres)


def test_la_identificacion_fiscal_sale_tambien_de_una_columna_rfc_de_facturas(tmp_path: Path) -> None:
    ruta = escribir_libro(tmp_path / "mx.xlsx", {
        "Clientes": [["Cliente", "Nombre", "Correo"], ["C1", "Abarrotes Peña", "a@example.com"]],
        "Facturas": [["Factura", "Cliente", "RFC", "Emisión", "Total"], ["A-1", "C1", "XAXX010101000", CORTE, 100]],
        "Configuración": [["Parámetro", "Valor"], ["País", "MX"], ["Moneda", "MXN"]],
    })
    cartera = apertura.leer(ruta)
    calculado = antiguedad.calcular(cartera, CORTE, calendario.festivos("MX", range(2025, 2028)))
    estado = ec.construir(cartera, calculado, "C1")
    assert (estado.nit, [b.moneda for b in estado.bloques]) == ("XAXX010101000", ["MXN"])


@pdftotext
def test_sin_nada_que_pagar_no_dice_como_pagar_y_el_saldo_a_favor_se_lee_solo(tmp_path: Path) -> None:
    cartera, calculado = calcular(libro_espanol(tmp_path))
    estado = ec.construir(cartera, calculado, "PENA")
    solo_favor = estado._replace(bloques=(ec.BloqueMoneda("USD", (), (), 0, 0, 5_000),))
    texto = texto_pdf(documento.guardar(solo_favor, tmp_path / "favor.pdf"))
    assert "Tiene 50,00 US$ a favor en USD." in texto and "Cómo pagar" not in texto
    vacio = texto_pdf(documento.guardar(estado._replace(bloques=()), tmp_path / "vacio.pdf"))
    assert "no tiene facturas pendientes ni saldo a favor" in vacio and "Resumen" not in vacio
