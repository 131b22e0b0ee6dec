"""Colombian books: (a) cartera por edades, (b) saldos por zona, (d) Google Sheets export, (k) Pagado + Pagos."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from familias import FECHA, NEGRITA, PESOS, D, encabezado, fechas, formatear, nit, numero, titulo
from generar import NO_VACIA, Cliente, Factura, Libro, Pago
from openpyxl import Workbook

CO = {"pais": "CO", "locale": "es_CO.UTF-8", "moneda": "COP"}


# --- (a) «Cartera por edades»: one flat sheet, Abonos and Saldo in the row, owners' Estado words -------------

_CLIENTES_A = [
    Cliente(nit(900481223), "Ferretería La Tuerca S.A.S.", nit(900481223), ("tesoreria@latuerca.example",), "602 885 1423"),
    Cliente(nit(830115774), "Supermercados El Trébol Ltda.", nit(830115774), ("pagos@eltrebol.example",), "601 744 2290"),
    Cliente(nit(79845112), "Droguería San Rafael", nit(79845112), ("drogueriasanrafael@correo.example",), "310 455 7812"),
    Cliente(nit(901233870), "Confecciones Marbella S.A.S.", nit(901233870), ("contabilidad@marbella.example",), "604 322 1180"),
    Cliente(nit(800654321), "Panificadora El Molino", nit(800654321), ("elmolino.pagos@correo.example",), "318 220 4461"),
]

# (cliente, N° factura, días vencidos, plazo, valor, abonos (None: blank), Estado, cerrada)
_FILAS_A = [
    (0, "FE-1187", 95, 30, D("4850000"), None, "Vencida", False),
    (0, "FE-1215", 62, 30, D("2310500"), D("1000000"), "Abono parcial", False),
    (0, "FE-1262", 3, 30, D("1180000"), D("0"), "Vencida", False),
    (0, "FE-1290", 0, 30, D("960000"), None, "Al día", False),
    (1, "FE-1190", 45, 30, D("7200000"), D("7200000"), "Cancelada", True),
    (1, "FE-1231", 31, 30, D("3455000"), None, "Vencida", False),
    (1, "FE-1270", -10, 30, D("2100000"), None, "Al día", False),
    (1, "FE-1295", -25, 30, D("1560000"), None, "Al dia", False),
    (2, "FE-1201", 2, 30, D("845300"), None, "Vencida", False),
    (2, "FE-1244", 30, 30, D("1275000"), D("275000"), "Abono parcial", False),
    (2, "FE-1278", 1, 30, D("520000"), None, "Al día", False),
    (3, "FE-1180", 120, 30, D("5600000"), D("5600000"), "Cancelada", True),
    (3, "FE-1222", 70, 30, D("3120000"), D("3120000"), "Cancelada", True),
    (3, "FE-1259", 15, 30, D("2480000"), D("2480000"), "Cancelada", True),
    (4, "FE-1195", 91, 60, D("1940000"), None, "Vencida", False),
    (4, "FE-1238", 61, 30, D("2750000"), None, "Cancelada", True),
    (4, "FE-1266", 90, 30, D("1330000"), D("330000"), "Abono parcial", False),
    (4, "FE-1284", 12, 30, D("990000"), None, "Vencida", False),
]


def familia_a() -> Libro:
    hoja_nombre = "Cartera por edades"
    libro = Libro("cartera_por_edades_co.xlsx", "a", descripcion=(
        "Hoja plana «Cartera por edades» de una distribuidora de empaques de Cali: título combinado, línea "
        "«Corte al 30/11/2026», encabezado en la fila 4, datos del cliente repetidos en cada fila, Abonos y "
        "Saldo (=H-I) en la fila, Estado escrito a mano, fila TOTAL con SUMA."),
        escribir=lambda ruta: _escribir_a(ruta, libro), hoja_facturas=hoja_nombre, fila_encabezado=4,
        clientes=list(_CLIENTES_A), **CO)
    fila = 5
    for cli, factura, dias, plazo, valor, abonos, estado, cerrada in _FILAS_A:
        emision, vence = fechas(dias, plazo)
        libro.facturas.append(Factura(hoja_nombre, fila, factura, _CLIENTES_A[cli].clave, emision, valor, "COP",
                                      vencimiento=vence, pagado_fila=abonos, saldo_columna=valor - (abonos or 0),
                                      estado=estado, cerrada=cerrada, numero_tecleado=factura))
        libro.celdas.append((hoja_nombre, f"J{fila}", valor - (abonos or 0)))
        fila += 1
    total = fila + 1  # a blank row, then TOTAL
    libro.no_datos = {hoja_nombre: [(1, "titulo"), (2, "titulo"), (total, "total")]}
    suma_valor = sum(f.total for f in libro.facturas)
    suma_abonos = sum(f.pagado_fila or 0 for f in libro.facturas)
    libro.celdas += [(hoja_nombre, f"H{total}", suma_valor), (hoja_nombre, f"I{total}", suma_abonos),
                     (hoja_nombre, f"J{total}", suma_valor - suma_abonos)]
    libro.particularidades = [
        "Cliente es el nombre; la clave natural es el NIT (con dígito de verificación) repetido en cada fila.",
        "Estado a mano: «Cancelada» = pagada en Colombia (cerrada); «Vencida», «Abono parcial», «Al día» y «Al dia» (sin tilde) son abiertas.",
        "FE-1238 dice «Cancelada» pero la columna Abonos está vacía y el Saldo (=H-I) muestra el valor completo: el Estado manda (cerrada).",
        "FE-1201 dice «Vencida» y tiene 2 días vencidos (dentro de la gracia: sin recargo); FE-1278 dice «Al día» y tiene 1 día vencido.",
        "Confecciones Marbella pagó todo (Abonos = Valor, «Cancelada»).",
        "FE-1195 tiene plazo de 60 días (columna Vence); FE-1290 vence el mismo día del corte.",
        f"Fila {total}: TOTAL con =SUMA(H5:H{fila - 1}) etc.; fila {fila} en blanco antes del total.",
    ]
    return libro


def _escribir_a(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = libro.hoja_facturas
    titulo(hoja, 1, "EMPAQUES Y CARTONES DEL PACÍFICO S.A.S. — NIT 900.377.120-8", "K")
    titulo(hoja, 2, "Corte al 30/11/2026", "K", 11)
    encabezado(hoja, 4, ["Cliente", "NIT", "Correo", "Teléfono", "N° Factura", "Fecha factura", "Vence",
                         "Valor factura", "Abonos", "Saldo", "Estado"])
    clientes = {c.clave: c for c in libro.clientes}
    for f in libro.facturas:
        c = clientes[f.cliente]
        r = f.fila
        valores = [c.nombre, c.id_fiscal, c.correos[0], c.telefono, f.factura, f.emision, f.vencimiento,
                   numero(f.total), None if f.pagado_fila is None else numero(f.pagado_fila), f"=H{r}-I{r}", f.estado]
        for columna, valor in enumerate(valores, start=1):
            hoja.cell(r, columna, valor)
        formatear(hoja, r, {"F": FECHA, "G": FECHA, "H": PESOS, "I": PESOS, "J": PESOS})
    ultima = libro.facturas[-1].fila
    total = ultima + 2
    hoja.cell(total, 1, "TOTAL").font = NEGRITA
    for letra in "HIJ":
        hoja[f"{letra}{total}"] = f"=SUM({letra}5:{letra}{ultima})"
        hoja[f"{letra}{total}"].font = NEGRITA
    formatear(hoja, total, {"H": PESOS, "I": PESOS, "J": PESOS})
    for letra, ancho in zip("ABCDEFGHIJK", (32, 15, 30, 14, 11, 13, 12, 15, 13, 15, 14), strict=True):
        hoja.column_dimensions[letra].width = ancho
    wb.save(ruta)


# --- (b) only «Saldo pendiente», zones with section titles and subtotals, «Días vencidos» =HOY()-vencimiento --

_CLIENTES_B = [
    Cliente("Materiales y Acabados Costa S.A.S.", "Materiales y Acabados Costa S.A.S.", nit(900712004)),
    Cliente("Eléctricos Bahía Ltda.", "Eléctricos Bahía Ltda.", nit(802009311)),
    Cliente("Constructora Arenales S.A.S.", "Constructora Arenales S.A.S.", nit(901120556)),
    Cliente("Ferrocentro Magangué", "Ferrocentro Magangué", nit(73112445)),
    Cliente("Inversiones Río Sinú S.A.S.", "Inversiones Río Sinú S.A.S.", nit(812004977)),
    Cliente("Depósito El Ancla", "Depósito El Ancla", nit(9287553)),
]

# zone → [(cliente, N° factura (a number), días vencidos, plazo, saldo pendiente)]
_ZONAS_B = {
    "ZONA NORTE": [(0, 30412, 104, 30, D("3875400")), (0, 30577, 38, 30, D("1290000")),
                   (1, 30455, 67, 30, D("845000")), (1, 30610, 3, 30, D("2315750")), (1, 30688, -12, 30, D("610000"))],
    "ZONA CENTRO": [(2, 30398, 150, 60, D("12400000")), (2, 30590, 31, 30, D("4100000")),
                    (3, 30501, 29, 30, D("385900")), (3, 30645, 2, 30, D("720000")), (3, 30702, -20, 30, D("1150000"))],
    "ZONA SUR": [(4, 30433, 88, 30, D("2780300")), (4, 30620, 10, 30, D("965000")),
                 (5, 30560, 45, 30, D("430500")), (5, 30699, 0, 30, D("515000"))],
}


def familia_b() -> Libro:
    hoja_nombre = "Cartera"
    libro = Libro("saldos_por_zona_co.xlsx", "b", descripcion=(
        "Ferreléctricos del Caribe: solo «Saldo pendiente» (sin valor de la factura ni abonos), columna «Días "
        "vencidos» =HOY()-vencimiento, secciones «ZONA NORTE»/«ZONA CENTRO»/«ZONA SUR» con filas en blanco y "
        "«Subtotal zona …», y «TOTAL CARTERA» al final."),
        escribir=lambda ruta: _escribir_b(ruta, libro), hoja_facturas=hoja_nombre, fila_encabezado=3,
        clientes=list(_CLIENTES_B), **CO)
    no_datos = [(1, "titulo")]
    fila = 4
    subtotales, secciones = [], []
    for zona, filas in _ZONAS_B.items():
        no_datos.append((fila, "seccion"))
        secciones.append((fila, zona))
        primera = fila + 1
        for cli, factura, dias, plazo, saldo in filas:
            fila += 1
            emision, vence = fechas(dias, plazo)
            libro.facturas.append(Factura(hoja_nombre, fila, str(factura), _CLIENTES_B[cli].clave, emision, None, "COP",
                                          vencimiento=vence, saldo_columna=saldo, numero_tecleado=factura))
            libro.celdas.append((hoja_nombre, f"G{fila}", NO_VACIA))
        fila += 1
        no_datos.append((fila, "subtotal"))
        subtotales.append((fila, primera, zona, sum(s for *_, s in filas)))
        libro.celdas.append((hoja_nombre, f"F{fila}", subtotales[-1][3]))
        fila += 2  # a blank separator, then the next section title
    total = fila - 1
    no_datos.append((total, "total"))
    libro.celdas.append((hoja_nombre, f"F{total}", sum(s[3] for s in subtotales)))
    libro.no_datos = {hoja_nombre: no_datos}
    libro.subtotales, libro.secciones = subtotales, secciones  # used by the writer only
    libro.particularidades = [
        "No hay valor de la factura ni abonos: el saldo es la columna «Saldo pendiente».",
        "«Días vencidos» es =HOY()-E (volátil): su valor guardado es el del día de la conversión, no el del corte; cartera debe calcular los días ella misma.",
        "Filas de sección «ZONA NORTE» etc. con texto solo en la columna A, filas en blanco entre zonas, «Subtotal zona …» con =SUMA() y «TOTAL CARTERA» con la suma de subtotales.",
        "N° de factura escrito como número (30412).",
        "Sin hoja de clientes ni correos; la clave del cliente es la razón social (también hay Nit).",
        "Los días vencidos van de -20 a 150 (Constructora Arenales con plazo de 60 días).",
    ]
    return libro


def _escribir_b(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = libro.hoja_facturas
    titulo(hoja, 1, "FERRELÉCTRICOS DEL CARIBE S.A.S. — CARTERA POR ZONAS", "G")
    encabezado(hoja, 3, ["Razón social", "Nit", "No. de factura", "Fecha", "Fecha vencimiento", "Saldo pendiente",
                         "Días vencidos"])
    clientes = {c.clave: c for c in libro.clientes}
    for f in libro.facturas:
        r = f.fila
        for columna, valor in enumerate([f.cliente, clientes[f.cliente].id_fiscal, f.numero_tecleado, f.emision,
                                         f.vencimiento, numero(f.saldo_columna), f"=TODAY()-E{r}"], start=1):
            hoja.cell(r, columna, valor)
        formatear(hoja, r, {"D": FECHA, "E": FECHA, "F": PESOS, "G": "0"})
    for fila, zona in libro.secciones:
        hoja.cell(fila, 1, zona).font = NEGRITA
    for fila, primera, zona, _ in libro.subtotales:
        hoja.cell(fila, 1, f"Subtotal {zona.lower()}").font = NEGRITA
        hoja[f"F{fila}"] = f"=SUM(F{primera}:F{fila - 1})"
        formatear(hoja, fila, {"F": PESOS})
    total = libro.no_datos[libro.hoja_facturas][-1][0]
    hoja.cell(total, 1, "TOTAL CARTERA").font = NEGRITA
    hoja[f"F{total}"] = "=" + "+".join(f"F{fila}" for fila, *_ in libro.subtotales)
    formatear(hoja, total, {"F": PESOS})
    for letra, ancho in zip("ABCDEFG", (34, 15, 14, 12, 17, 16, 14), strict=True):
        hoja.column_dimensions[letra].width = ancho
    wb.save(ruta)


# --- (d) Google Sheets export: «Hoja 1» / «Hoja 2», dates and amounts as text -------------------------------

def pesos_texto(valor: Decimal) -> str:
    """«$ 1.250.000» or «$ 845.300,50», as typed in a Colombian sheet."""
    entero, centavos = divmod(int(valor * 100), 100)
    texto = "$ " + f"{entero:,}".replace(",", ".")
    return texto + (f",{centavos:02d}" if centavos else "")


def fecha_texto(fecha: dt.date, ceros: bool = True) -> str:
    return f"{fecha:%d/%m/%Y}" if ceros else f"{fecha.day}/{fecha.month}/{fecha.year}"


_CLIENTES_D = [
    Cliente("Café Origen Quindío", "Café Origen Quindío", nit(900845332), ("pedidos@cafeorigen.example",), "315 778 2201", 30),
    Cliente("Tienda Naturista Vida Sana", "Tienda Naturista Vida Sana", nit(1094887) , ("vidasana@correo.example",), "300 412 9987", 15),
    Cliente("Hotel Mirador del Valle", "Hotel Mirador del Valle", nit(900310448), ("compras@miradordelvalle.example",), "606 745 1120", 45),
    Cliente("Restaurante La Fonda Paisa", "Restaurante La Fonda Paisa", nit(901566701), ("fondapaisa@correo.example",), "321 600 4512", None),
]

# (factura, cliente, días vencidos, plazo, vence escrito?, valor, abonado, Estado, cerrada, fecha sin ceros?)
_FILAS_D = [
    ("001", 0, 78, 30, True, D("1250000"), D("0"), "Debe", False, False),
    ("002", 1, 40, 15, True, D("845300.50"), D("300000"), "Abono", False, True),
    ("003", 2, 33, 45, False, D("3480000"), D("0"), "Debe", False, False),
    ("004", 0, 25, 30, True, D("990000"), D("990000"), "Pagada", True, False),
    ("005", 3, 9, 30, False, D("612400"), D("0"), "Debe", False, True),
    ("006", 2, 2, 45, True, D("2150000"), D("1000000"), "Abono", False, False),
    ("007", 1, -5, 15, False, D("318900"), D("0"), "Debe", False, False),
    ("008", 0, 64, 30, True, D("1785000"), D("0"), "Debe", False, False),
    ("009", 3, 31, 30, True, D("455000"), D("55000"), "Abono", False, False),
    ("010", 2, 100, 45, True, D("4200000"), D("4200000"), "Pagada", True, True),
    ("011", 0, 14, 30, True, D("1100000"), D("0"), "Debe", False, False),
]


def familia_d() -> Libro:
    hoja_nombre = "Hoja 1"
    libro = Libro("export_google_sheets_co.xlsx", "d", descripcion=(
        "Exportación de Google Sheets de una tostadora de café: hojas «Hoja 1» (facturas) y «Hoja 2» (clientes), "
        "encabezado en la fila 1, fechas y valores guardados como TEXTO («15/10/2026», «$ 1.250.000»)."),
        escribir=lambda ruta: _escribir_d(ruta, libro), hoja_facturas=hoja_nombre, fila_encabezado=1,
        clientes=list(_CLIENTES_D), **CO)
    fila = 1
    for factura, cli, dias, plazo, con_vence, valor, abonado, estado, cerrada, sin_ceros in _FILAS_D:
        fila += 1
        emision, vence = fechas(dias, plazo)
        nota = "" if con_vence else f"Vence en blanco: Fecha + {plazo} días de crédito del cliente en «Hoja 2»."
        libro.facturas.append(Factura(hoja_nombre, fila, factura, _CLIENTES_D[cli].clave, emision, valor, "COP",
                                      vencimiento=vence if con_vence else None, pagado_fila=abonado, estado=estado,
                                      cerrada=cerrada, numero_tecleado=factura, nota=nota))
        libro.facturas[-1].sin_ceros = sin_ceros
    fila += 1
    libro.facturas.append(Factura(hoja_nombre, fila, "012", _CLIENTES_D[3].clave, dt.date(2026, 9, 30), D("780000"), "COP",
                                  pagado_fila=D("0"), estado="Debe", rechazada=True, numero_tecleado="012",
                                  nota="Fecha «31/09/2026» no existe: fila mal a propósito (debe rechazarse y nombrarse en Errores)."))
    libro.no_datos = {hoja_nombre: []}
    libro.particularidades = [
        "Las hojas se llaman «Hoja 1» y «Hoja 2»: cartera debe reconocerlas por sus encabezados.",
        "Todo es texto: fechas «dd/mm/aaaa» (algunas sin ceros, «5/10/2026»), valores «$ 1.250.000» y «$ 845.300,50».",
        "N° de factura con ceros a la izquierda («001»): debe quedar «001».",
        "Vence en blanco en 003, 005 y 007: Fecha + Días de crédito del cliente (Hoja 2); Restaurante La Fonda Paisa no tiene plazo → 30.",
        "Estados propios: «Debe», «Abono» (abiertas), «Pagada» (cerrada).",
        "Fila 13 (factura 012) tiene la fecha «31/09/2026», que no existe: es la única fila mala a propósito (salida 1).",
        "Cliente en «Hoja 1» es el nombre, que coincide con «Cliente» de «Hoja 2».",
    ]
    return libro


def _escribir_d(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Hoja 1"
    hoja.append(["Factura", "Cliente", "Fecha", "Vence", "Valor", "Abonado", "Estado"])
    for f in libro.facturas:
        ceros = not getattr(f, "sin_ceros", False)
        emision = "31/09/2026" if f.rechazada else fecha_texto(f.emision, ceros)
        vence = fecha_texto(f.vencimiento, ceros) if f.vencimiento else ""
        hoja.append([f.factura, f.cliente, emision, vence, pesos_texto(f.total), pesos_texto(f.pagado_fila), f.estado])
    clientes = wb.create_sheet("Hoja 2")
    clientes.append(["Cliente", "NIT", "Correo", "Celular", "Días de crédito"])
    for c in libro.clientes:
        clientes.append([c.nombre, c.id_fiscal, c.correos[0], c.telefono, "" if c.dias_credito is None else str(c.dias_credito)])
    wb.save(ruta)


# --- (k) contract-like sheets with a «Pagado» column in the row AND a «Pagos» sheet ------------------------

_CLIENTES_K = [
    Cliente("CL-01", "Agroinsumos El Surco S.A.S.", nit(900559210), ("cartera@elsurco.example",), "608 664 3120", 30),
    Cliente("CL-02", "Veterinaria Los Potros", nit(91442870), ("lospotros@correo.example",), "317 555 0192", None),
    Cliente("CL-03", "Cooperativa Lechera del Alto", nit(890204117), ("tesoreria@colealto.example",), "607 633 8870", 60),
    Cliente("CL-04", "Semillas Cundinamarca S.A.S.", nit(901004338), ("pagos@semillascun.example",), "601 915 2044", 30),
]

# (factura, cliente, días vencidos, plazo, vencimiento escrito?, total, pagado en la fila, Estado, cerrada)
_FILAS_K = [
    (5101, 0, 85, 30, True, D("2640000"), D("0"), "Pendiente", False),
    (5102, 1, 50, 30, True, D("1180000"), D("500000"), "Abono", False),
    (5103, 2, 40, 60, False, D("9875000"), D("0"), "Pendiente", False),
    (5104, 0, 35, 30, True, D("1320000"), D("0"), "Pendiente", False),
    (5105, 3, 20, 30, True, D("4450000"), D("4450000"), "Pagada", True),
    (5106, 1, 12, 30, True, D("760000"), D("0"), "Pendiente", False),
    (5107, 2, 4, 60, False, D("6230000"), D("2000000"), "Abono", False),
    (5108, 0, -3, 30, True, D("2015000"), D("0"), "Pendiente", False),
    (5109, 3, 64, 30, True, D("3300000"), D("0"), "Pendiente", False),
    (5110, 1, 1, 30, True, D("890000"), D("0"), "Pendiente", False),
]

# (fecha, factura or None, cliente or None, valor, medio)
_PAGOS_K = [
    (dt.date(2026, 10, 20), 5101, None, D("1000000"), "Transferencia Bancolombia"),
    (dt.date(2026, 11, 5), 5103, None, D("3875000"), "Consignación"),
    (dt.date(2026, 11, 18), None, "CL-01", D("2000000"), "Transferencia Davivienda"),
    (dt.date(2026, 11, 25), 5102, None, D("180000"), "Nequi"),
    (dt.date(2026, 11, 28), None, "CL-04", D("3300000"), "Cheque"),
    (dt.date(2026, 12, 2), 5106, None, D("760000"), "Efectivo"),
]


def familia_k() -> Libro:
    libro = Libro("cartera_con_pagos_co.xlsx", "k", descripcion=(
        "Agroveterinaria de Boyacá: hojas Clientes, Facturas y Pagos; Facturas tiene además una columna «Pagado» "
        "(anticipos y abonos anotados en la fila) y la hoja Pagos trae pagos posteriores: se usan los dos."),
        escribir=lambda ruta: _escribir_k(ruta, libro), hoja_facturas="Facturas", fila_encabezado=1,
        clientes=list(_CLIENTES_K), **CO)
    for i, (factura, cli, dias, plazo, escrito, total, pagado, estado, cerrada) in enumerate(_FILAS_K, start=2):
        emision, vence = fechas(dias, plazo)
        libro.facturas.append(Factura("Facturas", i, str(factura), _CLIENTES_K[cli].clave, emision, total, "COP",
                                      vencimiento=vence if escrito else None, pagado_fila=pagado, estado=estado,
                                      cerrada=cerrada, numero_tecleado=factura))
    for i, (fecha, factura, cliente, valor, medio) in enumerate(_PAGOS_K, start=2):
        libro.pagos.append(Pago("Pagos", i, fecha, valor, None if factura is None else str(factura), cliente, medio))
    libro.no_datos = {}
    libro.particularidades = [
        "Pagado en la fila Y hoja Pagos: el saldo es Total − Pagado (fila) − pagos de la hoja Pagos hasta el corte (se suman; ninguna fila repite un pago de la hoja).",
        "5102: 500.000 en la fila + 180.000 en Pagos; 5107: 2.000.000 en la fila (anticipo), vencimiento en blanco → plazo del cliente (60).",
        "Pagos de cliente sin factura (CL-01: 2.000.000; CL-04: 3.300.000) van a la factura abierta más antigua (FIFO por vencimiento).",
        "CL-04 paga 3.300.000 sin factura: 5105 está «Pagada» (cerrada), así que todo va a 5109, que queda en 0.",
        "El pago del 02/12/2026 (5106) es posterior al corte: no cuenta.",
        "La hoja Pagos usa «Valor» y «Medio de pago» en vez de «Monto» y «Método»; N° de factura como número.",
    ]
    return libro


def _escribir_k(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    clientes = wb.active
    clientes.title = "Clientes"
    encabezado(clientes, 1, ["Código", "Nombre", "NIT", "Correo", "Teléfono", "Días de crédito"])
    for c in libro.clientes:
        clientes.append([c.clave, c.nombre, c.id_fiscal, c.correos[0], c.telefono, c.dias_credito])
    facturas = wb.create_sheet("Facturas")
    encabezado(facturas, 1, ["Factura", "Cliente", "Fecha", "Vencimiento", "Total", "Pagado", "Estado"])
    for f in libro.facturas:
        facturas.append([f.numero_tecleado, f.cliente, f.emision, f.vencimiento, numero(f.total),
                         numero(f.pagado_fila), f.estado])
        formatear(facturas, f.fila, {"C": FECHA, "D": FECHA, "E": PESOS, "F": PESOS})
    pagos = wb.create_sheet("Pagos")
    encabezado(pagos, 1, ["Fecha", "Factura", "Cliente", "Valor", "Medio de pago"])
    for p in libro.pagos:
        pagos.append([p.fecha, None if p.factura is None else int(p.factura), p.cliente, numero(p.monto), p.metodo])
        formatear(pagos, p.fila, {"A": FECHA, "D": PESOS})
    wb.save(ruta)

