"""Spanish and Mexican books: (c) Excel-template Tables (MX), (e) facturas emitidas (ES), (f) cuentas por cobrar
(MX), (j) Clientes sheet plus client data on every invoice row (ES)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import xlsxwriter
from familias import EUROS, FECHA, MXN, NEGRITA, D, cif, encabezado, fechas, formatear, nif, numero, titulo
from generar import Cliente, Factura, Libro
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table, TableStyleInfo

MX = {"pais": "MX", "locale": "es_MX.UTF-8", "moneda": "MXN"}
ES = {"pais": "ES", "locale": "es_ES.UTF-8", "moneda": "EUR"}


# --- (c) Microsoft-template style: Excel Tables «TablaFacturas» (with a totals row) and «TablaClientes» --------

_CLIENTES_C = [
    Cliente("Abarrotes Don Chuy", "Abarrotes Don Chuy", "", ("donchuy.abarrotes@correo.example",), "33 3614 2290"),
    Cliente("Papelería El Estudiante", "Papelería El Estudiante", "", ("ventas@elestudiante.example",), "33 3826 7415"),
    Cliente("Clínica Dental Sonrisa Plena, S.C.", "Clínica Dental Sonrisa Plena, S.C.", "",
            ("administracion@sonrisaplena.example",), "33 3120 5588"),
    Cliente("Taller Mecánico Hermanos Ruiz", "Taller Mecánico Hermanos Ruiz", "", ("hnosruiz@correo.example",),
            "33 3655 0143"),
]

# (Nº de factura, cliente, días vencidos, importe, pagado, fecha de vencimiento escrita?)
_FILAS_C = [
    (2041, 0, 96, D("18450.00"), D("5000.00"), True),
    (2042, 1, 61, D("7320.40"), D("0"), True),
    (2043, 2, 47, D("25600.00"), D("25600.00"), True),
    (2044, 3, 31, D("4567.85"), D("0"), True),
    (2045, 0, 30, D("9875.50"), D("2000.00"), True),
    (2046, 1, 22, D("1234.50"), D("0"), True),
    (2047, 2, 3, D("15000.00"), D("0"), True),
    (2048, 3, 2, D("3210.00"), D("0"), True),
    (2049, 0, -4, D("12480.90"), D("0"), True),
    (2050, 1, 8, D("5640.00"), D("640.00"), False),
    (2051, 2, -18, D("8900.00"), D("0"), True),
    (2052, 3, 130, D("2750.25"), D("1000.00"), True),
]
_ENCABEZADOS_C = ["Nº de factura", "Cliente", "Fecha", "Fecha de vencimiento", "Importe", "Pagado", "Saldo pendiente"]
_SALDO_C = "TablaFacturas[[#This Row],[Importe]]-TablaFacturas[[#This Row],[Pagado]]"


def _libro_c(nombre: str, familia: str, escribir, convertir: bool) -> Libro:
    libro = Libro(nombre, familia, descripcion=(
        "Plantilla de Microsoft «Seguimiento de facturas» de una comercializadora de Guadalajara: Tabla de Excel "
        "«TablaFacturas» (hoja Facturas, con fila de totales) y «TablaClientes» (hoja Clientes); Saldo pendiente "
        "con referencias estructuradas; título encima de la tabla."),
        escribir=lambda ruta: escribir(ruta, libro), hoja_facturas="Facturas", fila_encabezado=4,
        clientes=list(_CLIENTES_C), convertir=convertir, **MX)
    for fila, (factura, cli, dias, importe, pagado, escrita) in enumerate(_FILAS_C, start=5):
        emision, vence = fechas(dias)
        libro.facturas.append(Factura("Facturas", fila, str(factura), _CLIENTES_C[cli].clave, emision, importe, "MXN",
                                      vencimiento=vence if escrita else None, pagado_fila=pagado,
                                      saldo_columna=importe - pagado, numero_tecleado=factura,
                                      nota="" if escrita else "Sin fecha de vencimiento ni plazo: emisión + 30 días."))
        libro.celdas.append(("Facturas", f"G{fila}", importe - pagado))
    totales = 5 + len(_FILAS_C)
    libro.no_datos = {"Facturas": [(1, "titulo"), (2, "titulo"), (totales, "total")]}
    importe = sum(f.total for f in libro.facturas)
    pagado = sum(f.pagado_fila for f in libro.facturas)
    libro.celdas += [("Facturas", f"E{totales}", importe), ("Facturas", f"F{totales}", pagado),
                     ("Facturas", f"G{totales}", importe - pagado)]
    libro.particularidades = [
        "Facturas y clientes son Tablas de Excel (ListObject); la de facturas tiene fila de totales (SUBTOTAL(109,…)).",
        "El Cliente de la factura es la razón social elegida de TablaClientes (que tiene además «Id cliente»).",
        "No hay columna Moneda ni Estado ni hoja Configuración: la moneda (MXN) sale del país.",
        "2050 no tiene fecha de vencimiento ni hay plazos: emisión + 30 días.",
        "2043 está pagada (Pagado = Importe): no queda abierta.",
        "Redondeo a medias: 2044 (10 % de 4.567,85 = 456,785 → 456,79), 2045 (5 % de 7.875,50 = 393,775 → 393,78), 2046 (5 % de 1.234,50 = 61,725 → 61,73).",
    ]
    return libro


def familia_c() -> Libro:
    libro = _libro_c("plantilla_facturas_tabla_mx.xlsx", "c", _escribir_c, True)
    libro.particularidades.append("Guardado por LibreOffice: ver «tras_libreoffice» (la tabla y su fila de totales se conservan).")
    return libro


def familia_c_original() -> Libro:
    libro = _libro_c("plantilla_facturas_tabla_mx_original.xlsx", "c-original", _escribir_c_original, False)
    libro.particularidades.append("Sin pasar por LibreOffice: escrito con xlsxwriter, con los valores de las fórmulas guardados "
                                  "y la fila de totales declarada en la tabla (totalsRowFunction).")
    return libro


def _escribir_c(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Facturas"
    hoja["A1"] = "Seguimiento de facturas"
    hoja["A1"].font = Font(bold=True, size=18)
    hoja["A2"] = "Comercializadora Lumbre, S.A. de C.V."
    encabezado(hoja, 4, _ENCABEZADOS_C)
    for f in libro.facturas:
        for columna, valor in enumerate([f.numero_tecleado, f.cliente, f.emision, f.vencimiento, numero(f.total),
                                         numero(f.pagado_fila), "=" + _SALDO_C], start=1):
            hoja.cell(f.fila, columna, valor)
        formatear(hoja, f.fila, {"C": FECHA, "D": FECHA, "E": MXN, "F": MXN, "G": MXN})
    totales = libro.facturas[-1].fila + 1
    hoja.cell(totales, 1, "Total")
    for letra, columna in zip("EFG", ("Importe", "Pagado", "Saldo pendiente"), strict=True):
        hoja[f"{letra}{totales}"] = f"=SUBTOTAL(109,TablaFacturas[{columna}])"
    formatear(hoja, totales, {"E": MXN, "F": MXN, "G": MXN})
    tabla = Table(displayName="TablaFacturas", ref=f"A4:G{totales}", totalsRowCount=1)
    tabla._initialise_columns()
    tabla.tableColumns[0].totalsRowLabel = "Total"
    for columna in tabla.tableColumns[4:]:
        columna.totalsRowFunction = "sum"
    tabla.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    hoja.add_table(tabla)
    clientes = wb.create_sheet("Clientes")
    clientes.append(["Id cliente", "Razón social", "Correo electrónico", "Teléfono"])
    for i, c in enumerate(libro.clientes, start=1):
        clientes.append([f"CL{i:03d}", c.nombre, c.correos[0], c.telefono])
    tabla_clientes = Table(displayName="TablaClientes", ref=f"A1:D{len(libro.clientes) + 1}")
    tabla_clientes.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    clientes.add_table(tabla_clientes)
    for letra, ancho in zip("ABCDEFG", (14, 34, 12, 20, 14, 14, 16), strict=True):
        hoja.column_dimensions[letra].width = ancho
    wb.save(ruta)


def _escribir_c_original(ruta: Path, libro: Libro) -> None:
    wb = xlsxwriter.Workbook(str(ruta))
    fecha = wb.add_format({"num_format": "dd/mm/yyyy"})
    dinero = wb.add_format({"num_format": '"$"#,##0.00'})
    hoja = wb.add_worksheet("Facturas")
    hoja.write("A1", "Seguimiento de facturas", wb.add_format({"bold": True, "font_size": 18}))
    hoja.write("A2", "Comercializadora Lumbre, S.A. de C.V.")
    totales = libro.facturas[-1].fila + 1
    suma = {"Importe": sum(f.total for f in libro.facturas), "Pagado": sum(f.pagado_fila for f in libro.facturas)}
    suma["Saldo pendiente"] = suma["Importe"] - suma["Pagado"]
    columnas = [{"header": "Nº de factura", "total_string": "Total"}, {"header": "Cliente"},
                {"header": "Fecha", "format": fecha}, {"header": "Fecha de vencimiento", "format": fecha}]
    columnas += [{"header": n, "format": dinero, "total_function": "sum", "total_value": numero(suma[n])}
                 for n in ("Importe", "Pagado")]
    columnas.append({"header": "Saldo pendiente", "format": dinero, "formula": "=[@Importe]-[@Pagado]",
                     "total_function": "sum", "total_value": numero(suma["Saldo pendiente"])})
    hoja.add_table(f"A4:G{totales}", {"name": "TablaFacturas", "total_row": True, "columns": columnas,
                                      "style": "Table Style Medium 2"})
    for f in libro.facturas:
        r = f.fila - 1
        hoja.write_number(r, 0, f.numero_tecleado)
        hoja.write_string(r, 1, f.cliente)
        hoja.write_datetime(r, 2, dt.datetime.combine(f.emision, dt.time()), fecha)
        if f.vencimiento:
            hoja.write_datetime(r, 3, dt.datetime.combine(f.vencimiento, dt.time()), fecha)
        hoja.write_number(r, 4, numero(f.total), dinero)
        hoja.write_number(r, 5, numero(f.pagado_fila), dinero)
        hoja.write_formula(r, 6, "=" + _SALDO_C, dinero, numero(f.total - f.pagado_fila))
    hoja.set_column("A:A", 14)
    hoja.set_column("B:B", 34)
    hoja.set_column("C:G", 16)
    clientes = wb.add_worksheet("Clientes")
    datos = [[f"CL{i:03d}", c.nombre, c.correos[0], c.telefono] for i, c in enumerate(libro.clientes, start=1)]
    clientes.add_table(f"A1:D{len(datos) + 1}", {"name": "TablaClientes", "data": datos, "columns": [
        {"header": h} for h in ("Id cliente", "Razón social", "Correo electrónico", "Teléfono")]})
    wb.close()


# --- (e) Spain: «Facturas emitidas», IVA, € formats, a negative «factura rectificativa» ----------------------

_CLIENTES_E = [
    Cliente(cif("B", "9612345"), "Hostelería Albufera, S.L.", cif("B", "9612345"), ("administracion@albufera.example",)),
    Cliente(cif("B", "9640017"), "Librería Papiro, S.L.", cif("B", "9640017"), ("pedidos@libreriapapiro.example",)),
    Cliente(cif("G", "9607733"), "Asociación Cultural La Lonja", cif("G", "9607733"), ("tesoreria@lalonja.example",)),
    Cliente(nif(20481736), "Marta Ferrer Llopis", nif(20481736), ("marta.ferrer@correo.example",)),
    Cliente(cif("B", "9834512"), "Clínica Veterinaria Turia, S.L.", cif("B", "9834512"), ("gestion@vetturia.example",)),
]

# (cliente, días vencidos, plazo, base imponible, cobrado (None: blank), Estado, cerrada)
_FILAS_E = [
    (0, 70, 30, D("250.00"), None, "Pendiente", False),
    (0, 5, 30, D("1020.25"), None, "Pendiente", False),
    (0, 40, 30, D("800.00"), D("968.00"), "Cobrada", True),
    (1, 95, 60, D("1480.00"), D("500.00"), "Cobro parcial", False),
    (1, 31, 30, D("620.00"), None, "Pendiente", False),
    (1, -15, 30, D("95.40"), None, "Pendiente", False),
    (2, 45, 30, D("2300.00"), D("2783.00"), "Cobrada", True),
    (2, 3, 30, D("410.00"), None, "Pendiente", False),
    (2, 3, 30, D("410.00"), None, "Anulada", True),
    (3, 2, 30, D("180.00"), None, "Pendiente", False),
    (3, 61, 30, D("360.00"), D("100.00"), "Cobro parcial", False),
    (4, 120, 60, D("3150.00"), None, "Impagada", False),
    (4, 0, 30, D("745.00"), None, "Pendiente", False),
    (4, -30, 30, D("1200.00"), None, "Pendiente", False),
]
_RECTIFICATIVA = (0, dt.date(2026, 10, 15), D("-350.00"))


def iva(base: Decimal) -> Decimal:
    return (base * D("0.21")).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def familia_e() -> Libro:
    hoja_nombre = "Facturas emitidas"
    libro = Libro("facturas_emitidas_es.xlsx", "e", descripcion=(
        "Libro registro de facturas expedidas de una imprenta de Valencia: orden cronológico, Base imponible, IVA "
        "(=REDONDEAR(F*21%;2)), Total factura (=F+G), Cobrado, formatos «#.##0,00 €» y una factura rectificativa "
        "negativa R-2026-001; sin hoja Configuración."),
        escribir=lambda ruta: _escribir_e(ruta, libro), hoja_facturas=hoja_nombre, fila_encabezado=4,
        clientes=list(_CLIENTES_E), **ES)
    filas = []
    for cli, dias, plazo, base, cobrado, estado, cerrada in _FILAS_E:
        emision, vence = fechas(dias, plazo)
        filas.append((emision, cli, vence, base, cobrado, estado, cerrada, False))
    cli, emision, base = _RECTIFICATIVA
    filas.append((emision, cli, None, base, None, "", False, True))
    filas.sort(key=lambda f: (f[0], f[7]))
    numero_factura = 0
    for fila, (emision, cli, vence, base, cobrado, estado, cerrada, rectificativa) in enumerate(filas, start=5):
        numero_factura += not rectificativa
        factura = "R-2026-001" if rectificativa else f"2026-{numero_factura:03d}"
        total = base + iva(base)
        libro.facturas.append(Factura(hoja_nombre, fila, factura, _CLIENTES_E[cli].clave, emision, total, "EUR",
                                      vencimiento=vence, pagado_fila=cobrado, estado=estado, cerrada=cerrada,
                                      nota_credito=rectificativa, numero_tecleado=factura))
        libro.facturas[-1].base = base
        libro.celdas += [(hoja_nombre, f"G{fila}", iva(base)), (hoja_nombre, f"H{fila}", total)]
    totales = libro.facturas[-1].fila + 1
    libro.no_datos = {hoja_nombre: [(1, "titulo"), (2, "titulo"), (totales, "total")]}
    libro.celdas.append((hoja_nombre, f"H{totales}", sum(f.total for f in libro.facturas)))
    libro.particularidades = [
        "R-2026-001 es una factura rectificativa (abono) de −423,50 € de Hostelería Albufera, sin factura de referencia: "
        "se aplica como pago del cliente a su factura abierta más antigua (302,50 € → 0) y el resto (121,00 €) a la siguiente.",
        "Tras el abono, la factura de 1.234,50 € de Albufera queda en 1.113,50 € con 5 días: recargo 5 % = 55,675 → 55,68 (medio hacia arriba).",
        "Estados: «Cobrada» y «Anulada» cerradas (la anulada duplica a la anterior de La Lonja); «Pendiente», «Cobro parcial» e «Impagada» abiertas.",
        "CIF/NIF con dígito de control válido; una clienta es persona física (NIF 20481736 + letra).",
        "Fila «Totales» al final; títulos en las filas 1 y 2; cifras con formato «#,##0.00 €»; IVA y Total son fórmulas.",
        "Sin hoja Configuración ni columna Moneda: España → EUR, sin compensación de 40 € (no configurada).",
    ]
    return libro


def _escribir_e(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = libro.hoja_facturas
    titulo(hoja, 1, "IMPRENTA MEDITERRÁNEA, S.L. — Facturas emitidas 2026", "J")
    titulo(hoja, 2, f"NIF {cif('B', '9755310')} · C/ de la Reina 41, 46011 València", "J", 10)
    encabezado(hoja, 4, ["N.º de factura", "Fecha expedición", "Fecha vencimiento", "Cliente", "CIF/NIF",
                         "Base imponible", "IVA", "Total factura", "Cobrado", "Estado"])
    nombres = {c.clave: c.nombre for c in libro.clientes}
    for f in libro.facturas:
        r = f.fila
        for columna, valor in enumerate([f.factura, f.emision, f.vencimiento, nombres[f.cliente], f.cliente,
                                         numero(f.base), f"=ROUND(F{r}*21%,2)", f"=F{r}+G{r}",
                                         None if f.pagado_fila is None else numero(f.pagado_fila), f.estado or None],
                                        start=1):
            hoja.cell(r, columna, valor)
        formatear(hoja, r, {"B": FECHA, "C": FECHA, "F": EUROS, "G": EUROS, "H": EUROS, "I": EUROS})
    ultima = libro.facturas[-1].fila
    totales = ultima + 1
    hoja.cell(totales, 1, "Totales").font = NEGRITA
    for letra in "FGHI":
        hoja[f"{letra}{totales}"] = f"=SUM({letra}5:{letra}{ultima})"
        hoja[f"{letra}{totales}"].font = NEGRITA
    formatear(hoja, totales, {"F": EUROS, "G": EUROS, "H": EUROS, "I": EUROS})
    for letra, ancho in zip("ABCDEFGHIJ", (14, 15, 16, 32, 12, 14, 11, 13, 12, 13), strict=True):
        hoja.column_dimensions[letra].width = ancho
    wb.save(ruta)


# --- (f) Mexico: «Cuentas por cobrar», Días de crédito per row, Moneda column (one USD invoice) ---------------

_CLIENTES_F = [
    Cliente("THR080512KJ3", "Transportes Hernández Rivera, S.A. de C.V.", "THR080512KJ3"),
    Cliente("ALA110930P45", "Agrícola Los Altos de Jalisco, S.P.R. de R.L.", "ALA110930P45"),
    Cliente("CCG150204MN8", "Constructora Cañada Grande, S.A. de C.V.", "CCG150204MN8"),
    Cliente("MEOJ780415H27", "Juan Carlos Medina Ortiz", "MEOJ780415H27"),
    Cliente("ABN190722QW1", "Autopartes del Bajío Norte, S. de R.L.", "ABN190722QW1"),
]

# (folio, cliente, días vencidos, días de crédito, total, pagado, moneda, estatus, cerrada)
_FILAS_F = [
    ("A-1520", 0, 98, 30, D("48720.00"), D("0"), "MXN", "Vencida", False),
    ("A-1523", 1, 62, 60, D("125400.50"), D("50000.00"), "MXN", "Parcial", False),
    ("A-1527", 2, 40, 45, D("87650.00"), D("87650.00"), "MXN", "Pagada", True),
    ("A-1531", 3, 33, 15, D("6380.40"), D("0"), "MXN", "Vencida", False),
    ("A-1533", 0, 31, 30, D("15230.00"), D("0"), "MXN", "Vencida", False),
    ("A-1536", 4, 20, 30, D("2890.50"), D("0"), "USD", "Pendiente", False),
    ("A-1538", 2, 12, 45, D("34100.00"), D("10000.00"), "MXN", "Parcial", False),
    ("A-1540", 1, 3, 60, D("71250.75"), D("0"), "MXN", "Vencida", False),
    ("A-1541", 3, 2, 15, D("4120.00"), D("0"), "MXN", "Pendiente", False),
    ("A-1543", 0, 0, 30, D("22480.00"), D("0"), "MXN", "Pendiente", False),
    ("A-1544", 4, 25, 30, D("9800.00"), D("0"), "MXN", "Cancelada", True),
    ("A-1546", 2, -20, 45, D("56300.00"), D("0"), "MXN", "Pendiente", False),
    ("A-1548", 1, -45, 60, D("98760.30"), D("0"), "MXN", "Pendiente", False),
    ("A-1550", 4, 70, 30, D("1450.90"), D("0"), "USD", "Vencida", False),
]


def familia_f() -> Libro:
    hoja_nombre = "Cuentas por cobrar"
    libro = Libro("cuentas_por_cobrar_mx.xlsx", "f", descripcion=(
        "Cuentas por cobrar de una refaccionaria de León: Folio, RFC, Razón social, Fecha, Días de crédito por "
        "fila (sin columna de vencimiento), Total, Pagado, Saldo (=F-G), Moneda y Estatus; formato \"$\"#,##0.00."),
        escribir=lambda ruta: _escribir_f(ruta, libro), hoja_facturas=hoja_nombre, fila_encabezado=4,
        clientes=list(_CLIENTES_F), **MX)
    for fila, (folio, cli, dias, plazo, total, pagado, moneda, estatus, cerrada) in enumerate(_FILAS_F, start=5):
        emision, _ = fechas(dias, plazo)
        libro.facturas.append(Factura(hoja_nombre, fila, folio, _CLIENTES_F[cli].clave, emision, total, moneda,
                                      dias_credito=plazo, pagado_fila=pagado, saldo_columna=total - pagado,
                                      estado=estatus, cerrada=cerrada, numero_tecleado=folio))
        libro.celdas.append((hoja_nombre, f"H{fila}", total - pagado))
    totales = libro.facturas[-1].fila + 1
    libro.no_datos = {hoja_nombre: [(1, "titulo"), (2, "titulo"), (totales, "total")]}
    libro.celdas.append((hoja_nombre, f"H{totales}", sum(f.total - f.pagado_fila for f in libro.facturas)))
    libro.particularidades = [
        "Sin fecha de vencimiento: Vencimiento = Fecha + «Días de crédito» de la fila (15, 30, 45 o 60).",
        "Clave del cliente: RFC (personas morales de 12 caracteres, una persona física de 13).",
        "A-1536 y A-1550 están en USD (columna Moneda); el resto en MXN. La fila «Totales» suma todo junto (como lo hace el dueño).",
        "«Cancelada» en México es un CFDI cancelado (anulada): cerrada, sin pago. «Pagada» cerrada; «Vencida», «Parcial», «Pendiente» abiertas.",
        "A-1536: 5 % de 2.890,50 USD = 144,525 → 144,53 (medio hacia arriba).",
    ]
    return libro


def _escribir_f(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = libro.hoja_facturas
    titulo(hoja, 1, "REFACCIONARIA Y SERVICIOS BAJÍO, S.A. DE C.V.", "J")
    titulo(hoja, 2, "Cuentas por cobrar — saldos al 30 de noviembre de 2026", "J", 11)
    encabezado(hoja, 4, ["Folio", "RFC", "Razón social", "Fecha", "Días de crédito", "Total", "Pagado", "Saldo",
                         "Moneda", "Estatus"])
    nombres = {c.clave: c.nombre for c in libro.clientes}
    for f in libro.facturas:
        r = f.fila
        for columna, valor in enumerate([f.factura, f.cliente, nombres[f.cliente], f.emision, f.dias_credito,
                                         numero(f.total), numero(f.pagado_fila), f"=F{r}-G{r}", f.moneda, f.estado],
                                        start=1):
            hoja.cell(r, columna, valor)
        formatear(hoja, r, {"D": FECHA, "F": MXN, "G": MXN, "H": MXN})
    ultima = libro.facturas[-1].fila
    hoja.cell(ultima + 1, 1, "Totales").font = NEGRITA
    for letra in "FGH":
        hoja[f"{letra}{ultima + 1}"] = f"=SUM({letra}5:{letra}{ultima})"
    formatear(hoja, ultima + 1, {"F": MXN, "G": MXN, "H": MXN})
    for letra, ancho in zip("ABCDEFGHIJ", (10, 16, 42, 12, 10, 14, 14, 14, 9, 11), strict=True):
        hoja.column_dimensions[letra].width = ancho
    wb.save(ruta)


# --- (j) Spain: a Clientes sheet AND client data on the invoice rows; one client with two e-mails -------------

_CLIENTES_J = [
    Cliente("C01", "Frutas Vega Baja, S.L.", cif("B", "3045821"), ("compras@frutasvegabaja.example",), "965 301 224"),
    Cliente("C02", "Supermercados Almendro, S.A.", cif("A", "3012458"), ("pagos@almendro.example",), "968 220 415"),
    Cliente("C03", "Conservas La Huerta, S.L.", cif("B", "3077215"), ("administracion@conservaslahuerta.example",),
            "968 774 310"),
    Cliente("C04", "Restaurante El Azahar", nif(48391527), ("elazahar@correo.example",), "639 412 087"),
]
_OTRO_CORREO_C03 = "facturas@conservaslahuerta.example"

# (factura, cliente, días vencidos, plazo, importe, cobrado, Estado, cerrada)
_FILAS_J = [
    ("FV26-0101", 0, 88, 30, D("2345.60"), D("0"), "Impagada", False),
    ("FV26-0108", 2, 66, 30, D("1890.00"), D("890.00"), "Pendiente", False),
    ("FV26-0112", 1, 45, 60, D("5120.35"), D("5120.35"), "Cobrada", True),
    ("FV26-0115", 2, 38, 30, D("742.50"), D("0"), "Pendiente", False),
    ("FV26-0119", 3, 31, 30, D("318.70"), D("0"), "Pendiente", False),
    ("FV26-0122", 0, 16, 30, D("1675.30"), D("0"), "Pendiente", False),
    ("FV26-0126", 2, 9, 30, D("2210.00"), D("0"), "Pendiente", False),
    ("FV26-0129", 1, 2, 60, D("4480.00"), D("0"), "Pendiente", False),
    ("FV26-0131", 3, -7, 30, D("265.40"), D("0"), "Pendiente", False),
    ("FV26-0134", 2, -22, 30, D("1330.80"), D("0"), "Pendiente", False),
    ("FV26-0137", 0, 0, 30, D("990.00"), D("0"), "Pendiente", False),
    ("FV26-0140", 1, 105, 60, D("3005.00"), D("3005.00"), "Cobrada", True),
]


def familia_j() -> Libro:
    libro = Libro("clientes_y_facturas_es.xlsx", "j", descripcion=(
        "Mayorista hortofrutícola de Murcia: hoja Clientes (Código, Razón social, NIF, Correo electrónico, "
        "Teléfono) y hoja Facturas que repite en cada fila la razón social, el NIF, el correo y el teléfono del "
        "cliente; Conservas La Huerta aparece con dos correos distintos según la fila."),
        escribir=lambda ruta: _escribir_j(ruta, libro), hoja_facturas="Facturas", fila_encabezado=1,
        clientes=list(_CLIENTES_J), **ES)
    libro.clientes[2] = Cliente("C03", "Conservas La Huerta, S.L.", cif("B", "3077215"),
                                ("administracion@conservaslahuerta.example", _OTRO_CORREO_C03), "968 774 310")
    vistos = 0
    for fila, (factura, cli, dias, plazo, importe, cobrado, estado, cerrada) in enumerate(_FILAS_J, start=2):
        emision, vence = fechas(dias, plazo)
        nota = ""
        if cli == 2:
            vistos += 1
            nota = f"Correo en la fila: {_OTRO_CORREO_C03 if vistos % 2 == 0 else _CLIENTES_J[2].correos[0]}"
        libro.facturas.append(Factura("Facturas", fila, factura, _CLIENTES_J[cli].clave, emision, importe, "EUR",
                                      vencimiento=vence, pagado_fila=cobrado, estado=estado, cerrada=cerrada,
                                      numero_tecleado=factura, nota=nota))
    libro.no_datos = {}
    libro.particularidades = [
        "Datos del cliente en dos sitios: hoja Clientes y columnas Razón social/NIF/Correo/Teléfono en cada factura.",
        f"C03 (Conservas La Huerta) usa «administracion@…» en Clientes y en unas filas, y «{_OTRO_CORREO_C03}» en otras.",
        "Importe y Cobrado en la fila, sin columna Saldo; «Cobrada» cerrada, «Pendiente» e «Impagada» abiertas.",
        "FV26-0115: 10 % de 742,50 = 74,25; FV26-0122: 5 % de 1.675,30 = 83,765 → 83,77.",
    ]
    return libro


def _escribir_j(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    clientes = wb.active
    clientes.title = "Clientes"
    encabezado(clientes, 1, ["Código", "Razón social", "NIF", "Correo electrónico", "Teléfono"])
    for c in libro.clientes:
        clientes.append([c.clave, c.nombre, c.id_fiscal, c.correos[0], c.telefono])
    facturas = wb.create_sheet("Facturas")
    encabezado(facturas, 1, ["Factura", "Cliente", "Razón social", "NIF", "Correo", "Teléfono", "Fecha",
                             "Vencimiento", "Importe", "Cobrado", "Estado"])
    por_clave = {c.clave: c for c in libro.clientes}
    for f in libro.facturas:
        c = por_clave[f.cliente]
        correo = f.nota.removeprefix("Correo en la fila: ") if f.nota else c.correos[0]
        facturas.append([f.factura, c.clave, c.nombre, c.id_fiscal, correo, c.telefono, f.emision, f.vencimiento,
                         numero(f.total), numero(f.pagado_fila), f.estado])
        formatear(facturas, f.fila, {"G": FECHA, "H": FECHA, "I": EUROS, "J": EUROS})
    wb.save(ruta)
