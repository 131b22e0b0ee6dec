"""Second red team, books 1–6: clients by name and by NIT in two forms, Pagos naming invoices without their
prefix, an unrecognised payments column beside Total and Saldo, hand-typed «Días vencidos» with the term on
the clients sheet, payment reversals and an overpaid invoice (see ``generar.py``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from comun import FECHA, NEGRITA, Cliente, D, Libro, Pago, agregar, nit, numero, tabla
from openpyxl import Workbook

CO = {"pais": "CO", "locale": "es_CO.UTF-8", "moneda": "COP"}
MX = {"pais": "MX", "locale": "es_MX.UTF-8", "moneda": "MXN"}
GT = {"pais": "GT", "locale": "es_GT.UTF-8", "moneda": "GTQ"}
PESOS = '"$" #,##0'


def _libro(nombre, familia, descripcion, hoja, fila, escribir, clientes, pais) -> Libro:
    libro = Libro(nombre, familia, descripcion=descripcion, escribir=lambda ruta: escribir(ruta, libro),
                  hoja_facturas=hoja, fila_encabezado=fila, clientes=list(clientes), **pais)
    return libro


def _dato(attr):
    return lambda f, c, r, L: getattr(f, attr)


def _monto(attr):
    return lambda f, c, r, L: None if getattr(f, attr) is None else numero(getattr(f, attr))


def _tecleado(f, c, r, L):
    """The client's name as typed on that row (``nota``), else the clients sheet's."""
    return f.nota or c.nombre


# --- w01 (CO): clients sheet keyed by Código, invoices name the client with other spellings; term on the sheet --

CLIENTES_1 = [
    Cliente("C001", "Acme S.A.S.", nit(900123456), ("cartera@acme.example",), "601 555 0110", 60),
    Cliente("C002", "Inversiones Pérez y Cía. Ltda.", nit(830501772), ("tesoreria@iperez.example",), "604 555 0220", 30),
    Cliente("C003", "Panadería La Espiga", nit(71234556), ("laespiga@correo.example",), "310 555 0330", 15),
]
_FILAS_1 = [
    (0, "FV-501", 70, 60, D("3200000"), None, "", False, {"sin_vencimiento": True, "nota": "ACME SAS"}),
    (0, "FV-502", 20, 60, D("1850000"), D("850000"), "", False, {"sin_vencimiento": True, "nota": "Acme S.A.S"}),
    (1, "FV-503", 40, 30, D("960000"), None, "", False, {"sin_vencimiento": True, "nota": "INVERSIONES PEREZ Y CIA LTDA"}),
    (1, "FV-504", -5, 30, D("1200000"), None, "", False, {"sin_vencimiento": True, "nota": "Inversiones Pérez & Cía"}),
    (2, "FV-505", 12, 15, D("345000"), None, "", False, {"sin_vencimiento": True, "nota": "Panaderia la Espiga"}),
    (2, "FV-506", 2, 15, D("410000"), D("410000"), "Pagada", True, {"sin_vencimiento": True, "nota": "Panadería  La Espiga "}),
]


def w01() -> Libro:
    libro = _libro("clientes_por_nombre_co.xlsx", "w01", (
        "Hoja «Clientes» con «Código», «Razón social», «NIT», «Correo», «Días crédito» (60, 30, 15); la hoja «Facturas» "
        "nombra al cliente por su RAZÓN SOCIAL escrita de otra forma («ACME SAS», «Acme S.A.S», «INVERSIONES PEREZ Y "
        "CIA LTDA», «Inversiones Pérez & Cía», «Panaderia la Espiga») y no tiene vencimiento: el plazo sale de la hoja "
        "de clientes."), "Facturas", 1, _escribir_w01, CLIENTES_1, CO)
    agregar(libro, _FILAS_1, "Facturas", 2, "COP", CLIENTES_1)
    libro.particularidades = ["El vencimiento es la emisión + los «Días crédito» del cliente (60, 30, 15), no 30."]
    return libro


def _escribir_w01(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    clientes = wb.active
    clientes.title = "Clientes"
    for j, h in enumerate(["Código", "Razón social", "NIT", "Correo", "Teléfono", "Días crédito"], start=1):
        clientes.cell(1, j, h).font = NEGRITA
    for c in libro.clientes:
        clientes.append([c.clave, c.nombre, c.id_fiscal, c.correos[0], c.telefono, c.dias_credito])
    hoja = wb.create_sheet("Facturas")
    columnas = [("Factura", _dato("factura")), ("Cliente", _tecleado), ("Fecha", _dato("emision")),
                ("Valor", _monto("total")), ("Abonos", _monto("pagado_fila")), ("Estado", _dato("estado"))]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Valor": PESOS, "Abonos": PESOS})
    wb.save(ruta)


# --- w02 (CO): one client, its NIT with and without check digit, two spellings of its name, a credit note ---------

CLIENTES_2 = [
    Cliente(nit(900123456), "Ferretería El Tornillo S.A.S.", nit(900123456), ("compras@eltornillo.example",)),
    Cliente(nit(71234556), "Jorge Iván Restrepo", "71.234.556", ("jirestrepo@correo.example",)),
    Cliente(nit(901334455), "Hotel Bahía Azul S.A.S.", nit(901334455), ("pagos@bahiaazul.example",)),
]
_NIT_FORMAS = {"FE-8801": "900123456", "FE-8805": "900.123.456-8", "FE-8810": "900123456-8", "FE-8815": "900.123.456",
               "NC-0031": "900123456", "FE-8803": "71.234.556", "FE-8812": "71234556", "FE-8808": "901.334.455-1",
               "FE-8818": "901334455-1"}
_FILAS_2 = [
    (0, "FE-8801", 65, 30, D("2450000"), None, "", False, {"nota": "Ferretería El Tornillo S.A.S."}),
    (1, "FE-8803", 45, 30, D("780000"), D("80000"), "", False, {"nota": "Jorge Iván Restrepo"}),
    (0, "FE-8805", 33, 30, D("1320000"), None, "", False, {"nota": "FERRETERIA EL TORNILLO"}),
    (2, "FE-8808", 28, 30, D("5600000"), D("1600000"), "", False, {"nota": "Hotel Bahía Azul S.A.S."}),
    (0, "FE-8810", 15, 30, D("890000"), None, "", False, {"nota": "Ferretería El Tornillo SAS"}),
    (1, "FE-8812", 3, 30, D("455000"), None, "", False, {"nota": "Jorge I. Restrepo"}),
    (0, "FE-8815", -6, 30, D("640000"), None, "", False, {"nota": "Ferretería El Tornillo S.A.S."}),
    (0, "NC-0031", 10, 30, D("-500000"), None, "", False, {"nota": "FERRETERIA EL TORNILLO"}),
    (2, "FE-8818", 0, 30, D("1100000"), None, "", False, {"nota": "Hotel Bahia Azul"}),
]


def w02() -> Libro:
    libro = _libro("nit_dos_formas_co.xlsx", "w02", (
        "Hoja plana sin hoja de clientes; cada cliente tiene UN NIT escrito de varias formas («900123456», "
        "«900.123.456-8», «900123456-8», «900.123.456») y su nombre con variantes («FERRETERIA EL TORNILLO», "
        "«Ferretería El Tornillo SAS»); una nota crédito de −500.000 escrita con la otra forma del NIT."),
        "Cartera", 3, _escribir_w02, CLIENTES_2, CO)
    agregar(libro, _FILAS_2, "Cartera", 4, "COP", CLIENTES_2)
    ultima = libro.facturas[-1].fila
    libro.no_datos = {"Cartera": [(1, "titulo"), (ultima + 1, "total")]}
    libro.particularidades = ["Un cliente por NIT: la nota crédito se aplica a las facturas más antiguas de la ferretería."]
    return libro


def _escribir_w02(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cartera"
    hoja["A1"] = "CARTERA CLIENTES - NOVIEMBRE 2026"
    hoja["A1"].font = NEGRITA
    columnas = [("Cliente", _tecleado), ("NIT", lambda f, c, r, L: _NIT_FORMAS[f.factura]),
                ("Correo", lambda f, c, r, L: c.correos[0]), ("Factura", _dato("factura")), ("Fecha", _dato("emision")),
                ("Vence", _dato("vencimiento")), ("Valor", _monto("total")), ("Abonos", _monto("pagado_fila")),
                ("Saldo", lambda f, c, r, L: f"=G{r}-H{r}")]
    tabla(hoja, 3, 1, columnas, libro, {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS, "Abonos": PESOS, "Saldo": PESOS})
    total = libro.facturas[-1].fila + 1
    hoja.cell(total, 1, "TOTAL").font = NEGRITA
    for letra in "GHI":
        hoja[f"{letra}{total}"] = f"=SUM({letra}4:{letra}{total - 1})"
    wb.save(ruta)


# --- w03 (MX): a Pagos sheet naming invoices without (or with another) prefix --------------------------------------

CLIENTES_3 = [
    Cliente("GOMS750210QW3", "Servicios Gómez Morales", "GOMS750210QW3", ("sgomez@correo.example",)),
    Cliente("TLA1203157Z8", "Tlapalería La Esperanza S.A. de C.V.", "TLA1203157Z8", ("pagos@laesperanza.example",)),
]
_FILAS_3 = [
    (0, "FV-101", 62, 30, D("18500.00"), None, "", False), (0, "FV-102", 40, 30, D("9200.00"), None, "", False),
    (0, "FV-103", 8, 30, D("4350.50"), None, "", False), (1, "FV-104", 50, 30, D("27400.00"), None, "", False),
    (1, "FV-105", 25, 30, D("13100.00"), None, "", False), (1, "FV-106", -10, 30, D("6000.00"), None, "", False),
]
# (fecha, factura as the owner meant it, as typed in Pagos, cliente, monto)
_PAGOS_3 = [
    (dt.date(2026, 11, 5), "FV-102", "102", 0, D("9200.00")),
    (dt.date(2026, 11, 12), "FV-103", "fv 103", 0, D("2000.00")),
    (dt.date(2026, 11, 18), "FV-105", "105", 1, D("13100.00")),
    (dt.date(2026, 11, 20), "FV-104", "FV104", 1, D("7400.00")),
]


def w03() -> Libro:
    libro = _libro("pagos_sin_prefijo_mx.xlsx", "w03", (
        "México: «Facturas» con folios «FV-101»…; «Pagos» (Fecha, Factura, Cliente, Importe, Forma de pago) los nombra "
        "«102», «fv 103», «105», «FV104». Los pagos son de facturas recientes: leerlos como pagos del cliente (a la "
        "más antigua) cambiaría los saldos."), "Facturas", 1, _escribir_w03, CLIENTES_3, MX)
    agregar(libro, _FILAS_3, "Facturas", 2, "MXN", CLIENTES_3)
    for fila, (fecha, factura, _, cli, monto) in enumerate(_PAGOS_3, start=2):
        libro.pagos.append(Pago("Pagos", fila, fecha, monto, factura, CLIENTES_3[cli].clave, "Transferencia"))
    return libro


def _escribir_w03(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Facturas"
    mxn = '"$"#,##0.00'
    columnas = [("Folio", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("RFC", lambda f, c, r, L: c.id_fiscal),
                ("Correo", lambda f, c, r, L: c.correos[0]), ("Fecha", _dato("emision")), ("Vencimiento", _dato("vencimiento")),
                ("Total", _monto("total"))]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vencimiento": FECHA, "Total": mxn})
    pagos = wb.create_sheet("Pagos")
    for j, h in enumerate(["Fecha", "Factura", "Cliente", "Importe", "Forma de pago"], start=1):
        pagos.cell(1, j, h).font = NEGRITA
    for fila, (fecha, _, tecleada, cli, monto) in enumerate(_PAGOS_3, start=2):
        for j, valor in enumerate([fecha, tecleada, CLIENTES_3[cli].nombre, numero(monto), "Transferencia"], start=1):
            pagos.cell(fila, j, valor)
        pagos.cell(fila, 1).number_format = FECHA
        pagos.cell(fila, 4).number_format = mxn
    wb.save(ruta)


# --- w04 (CO): Total and Saldo (=Total−Recibido) with an unrecognisable payments header «Recibido» ----------------

_FILAS_4 = [
    (0, "3301", 55, 30, D("4200000"), D("1200000"), "", False), (1, "3302", 35, 30, D("1750000"), None, "", False),
    (2, "3303", 18, 30, D("990000"), D("990000"), "", False), (0, "3304", 4, 30, D("2300000"), D("300000"), "", False),
    (1, "3305", -8, 30, D("640000"), D("40000"), "", False),
]


def w04() -> Libro:
    libro = _libro("recibido_y_saldo_co.xlsx", "w04", (
        "Columnas «Total», «Recibido» (encabezado no reconocido) y «Saldo» (=Total−Recibido): lo que se cobra es el Saldo."),
        "Cartera", 1, _escribir_w04, CLIENTES_2, CO)
    agregar(libro, _FILAS_4, "Cartera", 2, "COP", CLIENTES_2)
    return libro


def _escribir_w04(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cartera"
    columnas = [("Factura", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("NIT", lambda f, c, r, L: c.id_fiscal),
                ("Correo", lambda f, c, r, L: c.correos[0]), ("Fecha", _dato("emision")), ("Vence", _dato("vencimiento")),
                ("Total", _monto("total")), ("Recibido", _monto("pagado_fila")), ("Saldo", lambda f, c, r, L: f"=G{r}-H{r}")]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vence": FECHA, "Total": PESOS, "Recibido": PESOS, "Saldo": PESOS})
    wb.save(ruta)


# --- w05 (CO): «Días vencidos» typed by hand (wrong); «Vencimiento» blank on some rows, term on the clients sheet ---

CLIENTES_5 = [
    Cliente(nit(800765432), "Droguería San Jorge S.A.S.", nit(800765432), ("pagos@sanjorge.example",), "", 45),
    Cliente(nit(901334455), "Hotel Bahía Azul S.A.S.", nit(901334455), ("pagos@bahiaazul.example",), "", 60),
    Cliente(nit(71234556), "Jorge Iván Restrepo", nit(71234556), ("jirestrepo@correo.example",), "", 8),
]
_FILAS_5 = [
    (0, "2101", 50, 45, D("1500000"), None, "", False, {"sin_vencimiento": True, "a_mano": 10}),
    (0, "2102", 10, 30, D("800000"), None, "", False, {"a_mano": 0}),
    (1, "2103", 31, 60, D("3400000"), D("400000"), "", False, {"sin_vencimiento": True, "a_mano": 61}),
    (1, "2104", -20, 60, D("2100000"), None, "", False, {"sin_vencimiento": True, "a_mano": 5}),
    (2, "2105", 3, 8, D("275000"), None, "", False, {"sin_vencimiento": True, "a_mano": 33}),
    (2, "2106", 95, 30, D("190000"), None, "", False, {"a_mano": 9}),
]


def w05() -> Libro:
    libro = _libro("dias_a_mano_co.xlsx", "w05", (
        "Hoja «Clientes» (NIT, Razón social, Correo, Días crédito 45/60/8) y «Facturas» con «Vencimiento» en blanco en "
        "cuatro filas y «Días vencidos» escritos a mano con números equivocados (no se usan)."),
        "Facturas", 1, _escribir_w05, CLIENTES_5, CO)
    agregar(libro, _FILAS_5, "Facturas", 2, "COP", CLIENTES_5)
    libro.a_mano = {t[1]: t[8]["a_mano"] for t in _FILAS_5}
    return libro


def _escribir_w05(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    clientes = wb.active
    clientes.title = "Clientes"
    for j, h in enumerate(["NIT", "Razón social", "Correo", "Días crédito"], start=1):
        clientes.cell(1, j, h).font = NEGRITA
    for c in libro.clientes:
        clientes.append([c.id_fiscal, c.nombre, c.correos[0], c.dias_credito])
    hoja = wb.create_sheet("Facturas")
    columnas = [("NIT", lambda f, c, r, L: c.id_fiscal), ("Factura", _dato("factura")), ("Fecha", _dato("emision")),
                ("Vencimiento", _dato("vencimiento")), ("Días vencidos", lambda f, c, r, L: libro.a_mano[f.factura]),
                ("Valor", _monto("total")), ("Abonos", _monto("pagado_fila"))]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vencimiento": FECHA, "Valor": PESOS, "Abonos": PESOS})
    wb.save(ruta)


# --- w06 (GT): a bounced cheque reversed in Pagos (negative), an overpaid invoice (Saldo negative) ------------------

CLIENTES_6 = [
    Cliente("4567890-1", "Distribuidora El Quetzal S.A.", "4567890-1", ("cobros@elquetzal.example",)),
    Cliente("1234567-K", "Comercial Xela", "1234567-K", ("admin@xela.example",)),
]
_FILAS_6 = [
    (0, "A-1001", 40, 30, D("5000.00"), D("1000.00"), "", False), (0, "A-1002", 20, 30, D("3000.00"), None, "", False),
    (1, "A-1003", 35, 30, D("1000.00"), D("1000.00"), "", False), (1, "A-1004", 10, 30, D("2500.00"), None, "", False),
]
_SOBREPAGO = D("200.00")


def w06() -> Libro:
    libro = _libro("reversos_y_saldo_a_favor_gt.xlsx", "w06", (
        "Guatemala (Q): «Pagos» con un cheque de Q 1.500 y su reverso «Cheque rechazado» −1.500 (neto 0) y un pago "
        "de Q 500; en «Facturas» A-1003 pagada de más (Abonos 1.200 sobre 1.000, Saldo −200): los Q 200 a favor del "
        "cliente rebajan su otra factura."), "Facturas", 1, _escribir_w06, CLIENTES_6, GT)
    agregar(libro, _FILAS_6, "Facturas", 2, "GTQ", CLIENTES_6)
    pagos = [(dt.date(2026, 11, 2), "A-1001", D("1500.00"), "Cheque"), (dt.date(2026, 11, 9), "A-1001", D("-1500.00"),
             "Cheque rechazado"), (dt.date(2026, 11, 16), "A-1002", D("500.00"), "Depósito")]
    for fila, (fecha, factura, monto, metodo) in enumerate(pagos, start=2):
        libro.pagos.append(Pago("Pagos", fila, fecha, monto, factura, CLIENTES_6[0].clave, metodo))
    # A-1003 is paid over its total (Abonos 1.200 on 1.000): cartera keeps the 200 as the client's «saldo a favor»
    # (shown in the report), as it does for any overpaid invoice, and does not apply it to other invoices by itself.
    return libro


def _escribir_w06(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Facturas"
    quetzales = '"Q" #,##0.00'

    def abonos(f, c, r, L):
        return numero(f.pagado_fila + _SOBREPAGO) if f.factura == "A-1003" else _monto("pagado_fila")(f, c, r, L)

    columnas = [("No. Factura", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("NIT", lambda f, c, r, L: c.id_fiscal),
                ("Correo", lambda f, c, r, L: c.correos[0]), ("Fecha", _dato("emision")), ("Vence", _dato("vencimiento")),
                ("Total", _monto("total")), ("Abonos", abonos), ("Saldo", lambda f, c, r, L: f"=G{r}-H{r}")]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vence": FECHA, "Total": quetzales, "Abonos": quetzales,
                                        "Saldo": quetzales})
    pagos = wb.create_sheet("Pagos")
    for j, h in enumerate(["Fecha", "Factura", "Monto", "Forma de pago"], start=1):
        pagos.cell(1, j, h).font = NEGRITA
    for p in libro.pagos:
        if p.hoja == "Pagos":
            for j, valor in enumerate([p.fecha, p.factura, numero(p.monto), p.metodo], start=1):
                pagos.cell(p.fila, j, valor)
            pagos.cell(p.fila, 1).number_format = FECHA
            pagos.cell(p.fila, 3).number_format = quetzales
    wb.save(ruta)
