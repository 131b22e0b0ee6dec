"""Third red team, books 1–5: a Serie beside the Número (A-001 and B-001 for two clients), a «Fecha de pago»
column with no amount paid, «Pagada» with a Saldo still shown, the same payments in Pagos and in the row's
«Abonos», two clients with one name and two NITs (see ``generar.py``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from comun import FECHA, NEGRITA, Cliente, D, Libro, agregar, nit, numero, tabla
from openpyxl import Workbook

CO = {"pais": "CO", "locale": "es_CO.UTF-8", "moneda": "COP"}
PESOS = '"$" #,##0'


def libro_plano(nombre, familia, descripcion, clientes, filas, columnas, formatos, hoja="Cartera", pais=CO,
                antes=None) -> Libro:
    """A book with one flat invoice sheet (header in row 1) written by ``tabla``; ``antes(wb, libro)`` adds sheets."""
    libro = Libro(nombre, familia, descripcion=descripcion, escribir=lambda ruta: _escribir(ruta, libro),
                  hoja_facturas=hoja, fila_encabezado=1, clientes=list(clientes), **pais)
    agregar(libro, filas, hoja, 2, pais["moneda"], clientes)

    def _escribir(ruta: Path, libro: Libro) -> None:
        wb = Workbook()
        hoja_wb = wb.active
        hoja_wb.title = hoja
        tabla(hoja_wb, 1, 1, columnas, libro, formatos)
        if antes:
            antes(wb, libro)
        wb.save(ruta)
    return libro


def dato(attr):
    return lambda f, c, r, L: getattr(f, attr)


def monto(attr):
    return lambda f, c, r, L: None if getattr(f, attr) is None else numero(getattr(f, attr))


NOMBRE = ("Cliente", lambda f, c, r, L: c.nombre)
NIT = ("NIT", lambda f, c, r, L: c.id_fiscal)
CORREO = ("Correo", lambda f, c, r, L: c.correos[0])

CLIENTES = [
    Cliente(nit(900123456), "Ferretería El Tornillo S.A.S.", nit(900123456), ("compras@eltornillo.example",)),
    Cliente(nit(901334455), "Hotel Bahía Azul S.A.S.", nit(901334455), ("pagos@bahiaazul.example",)),
    Cliente(nit(800765432), "Droguería San Jorge S.A.S.", nit(800765432), ("pagos@sanjorge.example",)),
]


# --- v01 (CO): «Serie» + «Número»: A-001 (one client) and B-001 (another) share the number -----------------------

_FILAS_1 = [
    (0, "A-001", 50, 30, D("2000000"), None, "", False), (1, "B-001", 45, 30, D("3500000"), D("500000"), "", False),
    (0, "A-002", 20, 30, D("800000"), None, "", False), (1, "B-002", 10, 30, D("1200000"), None, "", False),
    (2, "C-001", 35, 30, D("640000"), None, "", False), (2, "C-002", 5, 30, D("410000"), D("410000"), "", False),
]


def v01() -> Libro:
    return libro_plano("serie_y_numero_co.xlsx", "v01", (
        "Columnas «Serie» (A, B, C: una por sede) y «Número» (001, 002 en cada serie): A-001 de la ferretería y B-001 "
        "del hotel tienen el mismo número. Son seis facturas distintas, ninguna se funde con otra."), CLIENTES, _FILAS_1,
        [("Serie", lambda f, c, r, L: f.factura[0]), ("Número", lambda f, c, r, L: f.factura[2:]), NOMBRE, NIT, CORREO,
         ("Fecha", dato("emision")), ("Vence", dato("vencimiento")), ("Valor", monto("total")),
         ("Abonos", monto("pagado_fila"))], {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS, "Abonos": PESOS})


# --- v02 (CO): a «Fecha de pago» column (paid date) and no amount paid column --------------------------------------

_PAGADAS_2 = {"FV-702": dt.date(2026, 10, 20), "FV-704": dt.date(2026, 11, 3), "FV-706": dt.date(2026, 11, 25)}
_FILAS_2 = [
    (0, "FV-701", 60, 30, D("1500000"), None, "", False), (0, "FV-702", 40, 30, D("900000"), None, "", True),
    (1, "FV-703", 33, 30, D("2750000"), None, "", False), (1, "FV-704", 25, 30, D("1100000"), None, "", True),
    (2, "FV-705", 12, 30, D("380000"), None, "", False), (2, "FV-706", 2, 30, D("520000"), None, "", True),
]


def v02() -> Libro:
    libro = libro_plano("fecha_de_pago_co.xlsx", "v02", (
        "Columna «Fecha de pago» llena en las facturas pagadas (FV-702, FV-704, FV-706) y sin columna de abonos ni "
        "de saldo ni de estado: una factura con fecha de pago está pagada y no se cobra."), CLIENTES, _FILAS_2,
        [("Factura", dato("factura")), NOMBRE, NIT, CORREO, ("Fecha", dato("emision")), ("Vence", dato("vencimiento")),
         ("Valor", monto("total")), ("Fecha de pago", lambda f, c, r, L: _PAGADAS_2.get(f.factura))],
        {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS, "Fecha de pago": FECHA})
    libro.particularidades = ["Aceptable también: un aviso en grande de que «Fecha de pago» no se usa."]
    return libro


# --- v03 (CO): Estado «Pagada» while Saldo still shows money owed ---------------------------------------------------

_FILAS_3 = [
    (0, "5501", 50, 30, D("1000000"), D("400000"), "Pagada", False),
    (1, "5502", 30, 30, D("2300000"), D("2300000"), "Pagada", True),
    (1, "5503", 20, 30, D("780000"), D("180000"), "Abono parcial", False),
    (2, "5504", 15, 30, D("1450000"), D("450000"), "PAGADA", False),
    (2, "5505", -3, 30, D("600000"), None, "Pendiente", False),
]


def v03() -> Libro:
    libro = libro_plano("pagada_con_saldo_co.xlsx", "v03", (
        "«Estado» = «Pagada» en 5501 y 5504 pero «Saldo» (=Valor−Abonos) sigue en 600.000 y 1.000.000: la hoja dice "
        "que aún se deben. Cerrarlas en silencio dejaría de cobrar dinero que la hoja muestra."), CLIENTES, _FILAS_3,
        [("Factura", dato("factura")), NOMBRE, NIT, CORREO, ("Fecha", dato("emision")), ("Vence", dato("vencimiento")),
         ("Valor", monto("total")), ("Abonos", monto("pagado_fila")), ("Saldo", lambda f, c, r, L: f"=G{r}-H{r}"),
         ("Estado", dato("estado"))], {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS, "Abonos": PESOS, "Saldo": PESOS})
    libro.particularidades = ["Lo esperado son los importes (abiertas); aceptable: cerrarlas con un aviso por fila."]
    return libro


# --- v04 (CO): Pagos sheet listing the same payments the row's «Abonos» already adds up ----------------------------

_FILAS_4 = [
    (0, "FV-901", 55, 30, D("3000000"), D("1000000"), "", False), (0, "FV-902", 25, 30, D("1200000"), D("1200000"), "", False),
    (1, "FV-903", 40, 30, D("2500000"), D("500000"), "", False), (1, "FV-904", 8, 30, D("900000"), None, "", False),
]
_PAGOS_4 = [(dt.date(2026, 10, 15), "FV-901", 0, D("1000000")), (dt.date(2026, 11, 2), "FV-902", 0, D("1200000")),
            (dt.date(2026, 11, 10), "FV-903", 1, D("500000"))]


def _pagos_4(wb, libro) -> None:
    pagos = wb.create_sheet("Pagos")
    for j, h in enumerate(["Fecha", "Factura", "Cliente", "Monto", "Forma de pago"], start=1):
        pagos.cell(1, j, h).font = NEGRITA
    for fila, (fecha, factura, cli, valor) in enumerate(_PAGOS_4, start=2):
        for j, v in enumerate([fecha, factura, CLIENTES[cli].nombre, numero(valor), "Transferencia"], start=1):
            pagos.cell(fila, j, v)
        pagos.cell(fila, 1).number_format = FECHA
        pagos.cell(fila, 4).number_format = PESOS


def v04() -> Libro:
    libro = libro_plano("abonos_y_pagos_iguales_co.xlsx", "v04", (
        "«Cartera» con «Abonos» y «Saldo» (=Valor−Abonos) y una hoja «Pagos» que detalla esos mismos abonos (misma "
        "factura, mismo monto): el dueño lleva el detalle en Pagos y la suma en la fila. Contarlos dos veces rebaja "
        "saldos que se deben (FV-901 quedaría en 1.000.000 en vez de 2.000.000)."), CLIENTES, _FILAS_4,
        [("Factura", dato("factura")), NOMBRE, NIT, CORREO, ("Fecha", dato("emision")), ("Vence", dato("vencimiento")),
         ("Valor", monto("total")), ("Abonos", monto("pagado_fila")), ("Saldo", lambda f, c, r, L: f"=G{r}-H{r}")],
        {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS, "Abonos": PESOS, "Saldo": PESOS}, antes=_pagos_4)
    libro.particularidades = [
        "README: «Una hoja Pagos sigue sumando aparte» — con Saldo en la fila, vale el Saldo; los pagos de Pagos ya "
        "están en él. Aceptable: un aviso en grande de que Pagos repite los abonos de la fila."]
    return libro


# --- v05 (CO): two different clients with the same name and two NITs (two branches, two companies) ----------------

CLIENTES_5 = [
    Cliente(nit(900555111), "Restaurante El Cielo", nit(900555111), ("bogota@elcielo.example",)),
    Cliente(nit(901666222), "Restaurante El Cielo", nit(901666222), ("medellin@elcielo-med.example",)),
    Cliente(nit(800765432), "Droguería San Jorge S.A.S.", nit(800765432), ("pagos@sanjorge.example",)),
]
_FILAS_5 = [
    (0, "FE-301", 45, 30, D("1800000"), None, "", False), (1, "FE-302", 35, 30, D("2200000"), None, "", False),
    (0, "FE-303", 10, 30, D("650000"), None, "", False), (1, "FE-304", 3, 30, D("990000"), None, "", False),
    (2, "FE-305", 20, 30, D("430000"), None, "", False), (1, "NC-021", 5, 30, D("-400000"), None, "", False),
]


def v05() -> Libro:
    return libro_plano("mismo_nombre_dos_nit_co.xlsx", "v05", (
        "Dos empresas distintas llamadas «Restaurante El Cielo» (NIT 900.555.111 en Bogotá, 901.666.222 en Medellín, "
        "correos distintos); una nota crédito de la de Medellín. Son dos clientes: fundirlos enviaría a una las "
        "facturas de la otra y le aplicaría su nota crédito."), CLIENTES_5, _FILAS_5,
        [("Factura", dato("factura")), NOMBRE, NIT, CORREO, ("Fecha", dato("emision")), ("Vence", dato("vencimiento")),
         ("Valor", monto("total"))], {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS})
