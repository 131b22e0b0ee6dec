"""Colombian variants: logo area and header on row 6 from column B, one sheet per month, grouped by client,
a summary box beside the table, unlabeled totals and notes, units in headers with formulas, Estado words,
invoice numbers as numbers."""

from __future__ import annotations

from pathlib import Path

from comun import FECHA, NEGRITA, Cliente, D, Libro, agregar, nit, numero, tabla
from openpyxl import Workbook

CO = {"pais": "CO", "locale": "es_CO.UTF-8", "moneda": "COP"}
PESOS = '"$" #,##0'

CLIENTES = [
    Cliente(nit(900512334), "Distribuidora Los Andes S.A.S.", nit(900512334), ("cartera@losandes.example",), "601 555 0101"),
    Cliente(nit(830442118), "Comercializadora El Faro Ltda.", nit(830442118), ("pagos@elfaro.example",), "604 555 0202"),
    Cliente(nit(71234556), "Tienda Doña Rosa", nit(71234556), ("donarosa@correo.example",), "310 555 0303"),
    Cliente(nit(901887002), "Hotel Mirador del Río S.A.S.", nit(901887002), ("contabilidad@mirador.example",), "605 555 0404"),
]


def _libro(nombre: str, familia: str, descripcion: str, hoja: str, fila: int, escribir, **extra) -> Libro:
    libro = Libro(nombre, familia, descripcion=descripcion, escribir=lambda ruta: escribir(ruta, libro),
                  hoja_facturas=hoja, fila_encabezado=fila, clientes=list(extra.pop("clientes", CLIENTES)), **CO)
    return libro


def _dato(attr):
    return lambda f, c, r, L: getattr(f, attr)


def _monto(attr):
    return lambda f, c, r, L: None if getattr(f, attr) is None else numero(getattr(f, attr))


# --- 1: logo area, header on row 6 starting at column B, unusual spellings, TOTAL GENERAL and a signature ----

_FILAS_1 = [
    (0, "FV-2201", 95, 30, D("4850000"), None, "En mora", False),
    (0, "FV-2240", 20, 45, D("2310500"), D("1000000"), "Abonada", False),
    (1, "FV-2215", 3, 60, D("1180000"), D("0"), "Vencida", False),
    (1, "FV-2290", -5, 30, D("960000"), None, "Vigente", False),
    (2, "FV-2230", 31, 15, D("845300"), D("845300"), "Saldada", True),
    (2, "FV-2277", 2, 30, D("1275000"), D("275000"), "Abonada", False),
    (3, "FV-2199", 120, 90, D("5600000"), None, "Cobro jurídico", True),
    (3, "FV-2288", 10, 60, D("3120000"), None, "En mora", False),
]


def v01() -> Libro:
    libro = _libro("logo_fila6_columna_b_co.xlsx", "v01", (
        "Área de logo y cuatro líneas de título, encabezado en la fila 6 desde la columna B (A vacía), encabezados "
        "«# Factura», «Razón Social / Nombre», «N.I.T.», «Fecha Emisión», «Fec. Venc.», «Valor Total Factura», "
        "«Abono(s)», «Saldo x cobrar» (=fórmula), paneles inmovilizados, autofiltro, «TOTAL GENERAL» y "
        "«Elaboró:/Revisó:» debajo."), "CxC Nov 2026", 6, _escribir_v01)
    agregar(libro, _FILAS_1, "CxC Nov 2026", 7, "COP", CLIENTES)
    ultima = libro.facturas[-1].fila
    libro.no_datos = {"CxC Nov 2026": [(1, "titulo"), (2, "titulo"), (3, "titulo"), (4, "titulo"),
                                       (ultima + 2, "total"), (ultima + 4, "nota")]}
    libro.particularidades = ["Plazos de 15, 45, 60 y 90 días: solo «Fec. Venc.» los dice.",
                              "«Cobro jurídico» = incobrable (cerrada)."]
    return libro


def _escribir_v01(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = libro.hoja_facturas
    hoja["B1"] = "[LOGO]"
    hoja["D1"] = "DISTRIBUCIONES ANDINAS S.A.S."
    hoja["D1"].font = NEGRITA
    hoja["D2"] = "NIT 900.377.120-8"
    hoja["D3"] = "CARTERA A 30 DE NOVIEMBRE DE 2026"
    hoja["D4"] = "Cifras en pesos colombianos"
    columnas = [
        ("# Factura", _dato("factura")), ("Razón Social / Nombre", lambda f, c, r, L: c.nombre),
        ("N.I.T.", lambda f, c, r, L: c.id_fiscal), ("E-mail contacto", lambda f, c, r, L: c.correos[0]),
        ("Teléfono(s)", lambda f, c, r, L: c.telefono), ("Fecha Emisión", _dato("emision")),
        ("Fec. Venc.", _dato("vencimiento")), ("Valor Total Factura", _monto("total")), ("Abono(s)", _monto("pagado_fila")),
        ("Saldo x cobrar", lambda f, c, r, L: f"={L['Valor Total Factura']}{r}-{L['Abono(s)']}{r}"), ("Estado", _dato("estado")),
    ]
    formatos = {"Fecha Emisión": FECHA, "Fec. Venc.": FECHA, "Valor Total Factura": PESOS, "Abono(s)": PESOS,
                "Saldo x cobrar": PESOS}
    letras = tabla(hoja, 6, 2, columnas, libro, formatos)
    ultima = libro.facturas[-1].fila
    total = ultima + 2
    hoja.cell(total, 2, "TOTAL GENERAL").font = NEGRITA
    for h in ("Valor Total Factura", "Abono(s)", "Saldo x cobrar"):
        hoja[f"{letras[h]}{total}"] = f"=SUM({letras[h]}7:{letras[h]}{ultima})"
    hoja.cell(total + 2, 2, "Elaboró: Auxiliar contable")
    hoja.cell(total + 2, 7, "Revisó: Gerencia")
    hoja.freeze_panes = "C7"
    hoja.auto_filter.ref = f"B6:{letras['Estado']}{ultima}"
    wb.save(ruta)


# --- 8: one sheet per month ------------------------------------------------------------------------------

_MESES = {
    "Septiembre": [(0, "1001", 75, 30, D("1500000"), None, "", False), (1, "1002", 70, 30, D("820000"), D("820000"), "Pagada", True),
                   (2, "1003", 64, 30, D("455000"), D("100000"), "", False)],
    "Octubre": [(0, "1010", 45, 30, D("2300000"), None, "", False), (3, "1011", 40, 30, D("3900000"), D("1900000"), "", False),
                (1, "1012", 33, 30, D("610000"), None, "", False)],
    "Noviembre": [(2, "1020", 10, 30, D("720000"), None, "", False), (3, "1021", 3, 30, D("1250000"), None, "", False),
                  (0, "1022", -20, 30, D("990000"), None, "", False)],
}


def v08() -> Libro:
    libro = _libro("una_hoja_por_mes_co.xlsx", "v08", (
        "Una hoja por mes («Septiembre», «Octubre», «Noviembre») con los mismos encabezados; cada una con las facturas "
        "emitidas ese mes. El lector debe leerlas todas o decir claramente que no."), "Noviembre", 1, _escribir_v08)
    for hoja, filas in _MESES.items():
        agregar(libro, filas, hoja, 2, "COP", CLIENTES)
    libro.particularidades = ["Las facturas abiertas están en las tres hojas."]
    return libro


def _escribir_v08(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for mes in _MESES:
        hoja = wb.create_sheet(mes)
        columnas = [("Factura", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("NIT", lambda f, c, r, L: c.id_fiscal),
                    ("Correo", lambda f, c, r, L: c.correos[0]), ("Fecha", _dato("emision")), ("Vence", _dato("vencimiento")),
                    ("Valor", _monto("total")), ("Abonos", _monto("pagado_fila")), ("Estado", _dato("estado"))]
        tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS, "Abonos": PESOS})
    wb.save(ruta)


# --- 9: grouped by client, the client only on a section line ----------------------------------------------

_GRUPOS = [(0, [("4501", 50, 30, D("2000000"), None), ("4502", 5, 30, D("700000"), D("200000"))]),
           (1, [("4510", 35, 30, D("1300000"), None)]),
           (2, [("4520", 95, 30, D("450000"), None), ("4521", -3, 30, D("380000"), None)])]


def v09() -> Libro:
    libro = _libro("agrupado_por_cliente_co.xlsx", "v09", (
        "Facturas agrupadas por cliente: una línea «Cliente: <razón social> — NIT …» y debajo sus facturas SIN "
        "columna de cliente; subtotal por cliente. No se exige adivinar, pero no debe leer mal en silencio."),
        "Cartera", 3, _escribir_v09)
    fila, no_datos = 4, [(1, "titulo")]
    libro.grupos = []
    for cli, facturas in _GRUPOS:
        no_datos.append((fila, "seccion"))
        libro.grupos.append((fila, cli))
        agregar(libro, [(cli, n, d, p, t, a, "", False) for n, d, p, t, a in facturas], "Cartera", fila + 1, "COP", CLIENTES)
        fila += len(facturas) + 1
        no_datos.append((fila, "subtotal"))
        fila += 2
    libro.no_datos = {"Cartera": no_datos}
    libro.agrupado = True
    return libro


def _escribir_v09(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cartera"
    hoja["A1"] = "CARTERA POR CLIENTE"
    columnas = [("N° Factura", _dato("factura")), ("Fecha", _dato("emision")), ("Vence", _dato("vencimiento")),
                ("Valor", _monto("total")), ("Abonos", _monto("pagado_fila")),
                ("Saldo", lambda f, c, r, L: f"=D{r}-E{r}")]
    tabla(hoja, 3, 1, columnas, libro, {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS, "Abonos": PESOS, "Saldo": PESOS})
    for fila, cli in libro.grupos:
        hoja.cell(fila, 1, f"Cliente: {CLIENTES[cli].nombre} — NIT {CLIENTES[cli].id_fiscal}").font = NEGRITA
    for tipo_fila, tipo in libro.no_datos["Cartera"]:
        if tipo == "subtotal":
            hoja.cell(tipo_fila, 5, "Subtotal")
            hoja.cell(tipo_fila, 6, f"=SUM(F{tipo_fila - 3}:F{tipo_fila - 1})")
    wb.save(ruta)


# --- 10: a summary box beside the table, headers on the same row ------------------------------------------

_FILAS_10 = [
    (0, "7001", 100, 30, D("3000000"), D("500000"), "", False), (0, "7002", 40, 30, D("1200000"), None, "", False),
    (1, "7003", 15, 30, D("800000"), None, "", False), (2, "7004", 65, 30, D("560000"), D("60000"), "", False),
    (3, "7005", -10, 30, D("2500000"), None, "", False), (3, "7006", 3, 30, D("1750000"), None, "", False),
    (1, "7007", 33, 30, D("640000"), D("40000"), "", False), (2, "7008", 8, 30, D("915000"), None, "", False),
]


def v10() -> Libro:
    libro = _libro("resumen_al_lado_co.xlsx", "v10", (
        "Tabla de facturas en A:H y, a la derecha (J:K), un cuadro «Resumen por edades» con encabezados «Edad» y «Total» "
        "en la MISMA fila que los de la tabla, y seis filas de resumen (la tabla tiene ocho facturas)."), "Cartera", 1, _escribir_v10)
    agregar(libro, _FILAS_10, "Cartera", 2, "COP", CLIENTES)
    libro.particularidades = ["La tabla de facturas usa «Valor factura»; la palabra «Total» solo está en el cuadro de resumen."]
    return libro


def _escribir_v10(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cartera"
    columnas = [("N° Factura", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("NIT", lambda f, c, r, L: c.id_fiscal),
                ("Fecha factura", _dato("emision")), ("Fecha vencimiento", _dato("vencimiento")),
                ("Valor factura", _monto("total")), ("Abonos", _monto("pagado_fila")), ("Saldo", lambda f, c, r, L: f"=F{r}-G{r}")]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha factura": FECHA, "Fecha vencimiento": FECHA, "Valor factura": PESOS,
                                        "Abonos": PESOS, "Saldo": PESOS})
    hoja["J1"], hoja["K1"] = "Edad", "Total"
    for i, (edad, valor) in enumerate([("Por vencer", 2500000), ("1-30", 2550000), ("31-60", 1200000),
                                       ("61-90", 500000), ("Más de 90", 2500000), ("TOTAL", 9250000)], start=2):
        hoja.cell(i, 10, edad)
        hoja.cell(i, 11, valor).number_format = PESOS
    wb.save(ruta)


# --- 11: totals without label, subtotal label in another column, notes after the TOTAL -----------------------

_FILAS_11 = [
    (0, "FE-301", 50, 30, D("1000000"), None, "", False), (0, "FE-305", 12, 30, D("2000000"), D("500000"), "", False),
    (1, "FE-310", 33, 30, D("700000"), None, "", False), (1, "FE-311", 1, 30, D("650000"), None, "", False),
    (2, "FE-320", 91, 30, D("1850000"), D("850000"), "", False),
]


def v11() -> Libro:
    libro = _libro("totales_sin_etiqueta_co.xlsx", "v11", (
        "Subtotal por cliente con la etiqueta «Subtotal» en la columna de Fecha (no en la primera), una fila de sumas "
        "SIN etiqueta, «TOTAL GENERAL», y debajo «Elaboró: María Pérez» y «Revisó: Juan Gómez» en dos celdas."),
        "Cartera", 1, _escribir_v11)
    agregar(libro, _FILAS_11, "Cartera", 2, "COP", CLIENTES, saltar=(4, 7))
    libro.no_datos = {"Cartera": [(4, "subtotal"), (7, "subtotal"), (9, "subtotal"), (10, "total"), (11, "total"),
                                  (13, "nota"), (14, "nota")]}
    return libro


def _escribir_v11(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cartera"
    columnas = [("Cliente", lambda f, c, r, L: c.nombre), ("Factura", _dato("factura")), ("Fecha", _dato("emision")),
                ("Vencimiento", _dato("vencimiento")), ("Valor", _monto("total")), ("Abonos", _monto("pagado_fila")),
                ("Saldo", lambda f, c, r, L: f"=E{r}-F{r}")]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vencimiento": FECHA, "Valor": PESOS, "Abonos": PESOS, "Saldo": PESOS})
    for fila, desde in ((4, 2), (7, 5), (9, 8)):
        hoja.cell(fila, 3, "Subtotal")
        for letra in "EFG":
            hoja[f"{letra}{fila}"] = f"=SUM({letra}{desde}:{letra}{fila - 1})"
    for letra in "EFG":
        hoja[f"{letra}10"] = f"={letra}4+{letra}7+{letra}9"
        hoja[f"{letra}11"] = f"={letra}10"
    hoja["A11"] = "TOTAL GENERAL"
    hoja["A13"], hoja["C13"] = "Elaboró:", "María Pérez"
    hoja["A14"], hoja["C14"] = "Revisó:", "Juan Gómez"
    wb.save(ruta)


# --- 13: units in headers, formula columns (LibreOffice) ------------------------------------------------------

_FILAS_13 = [
    (0, "3301", 80, 30, D("2750000"), D("750000"), "", False), (1, "3302", 31, 30, D("1100000"), None, "", False),
    (2, "3303", 2, 30, D("495000"), D("495000"), "", True), (3, "3304", 45, 60, D("6200000"), D("1200000"), "", False),
    (0, "3305", -8, 30, D("1300000"), None, "", False),
]


def v13() -> Libro:
    libro = _libro("unidades_en_encabezados_co.xlsx", "v13", (
        "Encabezados con unidades: «Valor ($)», «Abonos ($)», «Saldo COP» (=fórmula), «Plazo (días)», «Vencimiento» "
        "=Fecha+Plazo, «Días» =HOY()-Vencimiento, Estado =SI(saldo=0;\"Pagada\";…) (guardado por LibreOffice)."),
        "Cartera", 1, _escribir_v13)
    agregar(libro, _FILAS_13, "Cartera", 2, "COP", CLIENTES)
    for f in libro.facturas:
        f.estado = "Pagada" if f.cerrada else "Pendiente"
    return libro


def _escribir_v13(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cartera"
    plazos = {f.factura: (f.vencimiento - f.emision).days for f in libro.facturas}
    columnas = [("Factura", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("Correo", lambda f, c, r, L: c.correos[0]),
                ("Fecha", _dato("emision")), ("Plazo (días)", lambda f, c, r, L: plazos[f.factura]),
                ("Vencimiento", lambda f, c, r, L: f"=D{r}+E{r}"), ("Valor ($)", _monto("total")),
                ("Abonos ($)", _monto("pagado_fila")), ("Saldo COP", lambda f, c, r, L: f"=G{r}-H{r}"),
                ("Días", lambda f, c, r, L: f"=TODAY()-F{r}"),
                ("Estado", lambda f, c, r, L: f'=IF(I{r}=0,"Pagada","Pendiente")')]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vencimiento": FECHA, "Valor ($)": PESOS, "Abonos ($)": PESOS,
                                        "Saldo COP": PESOS, "Días": "0"})
    wb.save(ruta)


# --- 14: the owner's Estado words, no payment columns -------------------------------------------------------

_ESTADOS_14 = [
    ("Pagado parcialmente", False), ("Vigente", False), ("En mora", False), ("Cobro jurídico", True), ("Castigada", True),
    ("Saldada", True), ("Liquidada", True), ("Pendiente de pago", False), ("Pagada (transf.)", True), ("PAGADA 15/11", True),
    ("Cancelada", True), ("Paz y salvo", True), ("Anulada", True), ("En acuerdo de pago", False), ("Pagada.", True),
    ("  pagada  ", True), ("Pagado ✔", True), ("Cancelado total", True), ("Vencida 60 días", False), ("Pagó", True),
]


def v14() -> Libro:
    libro = _libro("palabras_de_estado_co.xlsx", "v14", (
        "Solo «Valor» y «Estado» (sin abonos ni saldo): el Estado es la única señal de pago. Palabras de dueños "
        "colombianos: «Pagada (transf.)», «PAGADA 15/11», «Pagado ✔», «Pagó», «Cobro jurídico», «Castigada», "
        "«Paz y salvo», «Cancelado total»…"), "Cartera", 1, _escribir_v14)
    filas = [(i % 4, f"E-{500 + i}", 10 + 7 * i, 30, D(1000000 + 50000 * i), None, estado, cerrada)
             for i, (estado, cerrada) in enumerate(_ESTADOS_14)]
    agregar(libro, filas, "Cartera", 2, "COP", CLIENTES)
    return libro


def _escribir_v14(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cartera"
    columnas = [("Factura", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("NIT", lambda f, c, r, L: c.id_fiscal),
                ("Fecha", _dato("emision")), ("Vence", _dato("vencimiento")), ("Valor", _monto("total")), ("Estado", _dato("estado"))]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS})
    wb.save(ruta)


# --- 15: invoice numbers as numbers, with a 000000 format, with leading zeros --------------------------------

_FILAS_15 = [
    (0, "5102", 40, 30, D("1500000"), None, "", False, {"tecleado": 5102}),
    (1, "000123", 20, 30, D("800000"), None, "", False, {"tecleado": ("formato", 123)}),
    (2, "0456", 5, 30, D("430000"), None, "", False, {"tecleado": "0456"}),
    (3, "20260001", 65, 30, D("2100000"), None, "", False, {"tecleado": 20260001}),
    (0, "5103", -2, 30, D("990000"), None, "", False, {"tecleado": 5103.0}),
]


def v15() -> Libro:
    libro = _libro("numeros_de_factura_co.xlsx", "v15", (
        "N° de factura como número (5102, 20260001), con formato 000000 (123 se ve «000123») y como texto con ceros "
        "a la izquierda («0456»)."), "Cartera", 1, _escribir_v15)
    agregar(libro, _FILAS_15, "Cartera", 2, "COP", CLIENTES)
    libro.particularidades = ["«000123»: la celda guarda 123 con formato 000000; el dueño ve 000123 (cosmético)."]
    return libro


def _numero_tecleado(f, c, r, L):
    valor = f.numero_tecleado
    return valor[1] if isinstance(valor, tuple) else valor


def _escribir_v15(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cartera"
    columnas = [("No. Factura", _numero_tecleado), ("Cliente", lambda f, c, r, L: c.nombre), ("Fecha", _dato("emision")),
                ("Vencimiento", _dato("vencimiento")), ("Valor", _monto("total"))]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vencimiento": FECHA, "Valor": PESOS})
    for f in libro.facturas:
        if isinstance(f.numero_tecleado, tuple):
            hoja.cell(f.fila, 1).number_format = "000000"
    wb.save(ruta)


# --- 18: a Pagos sheet with the owner's own headers --------------------------------------------------------------

_FILAS_18 = [
    (0, "FV-901", 60, 30, D("3000000"), None, "", False), (1, "FV-902", 35, 30, D("1250000"), None, "", False),
    (2, "FV-903", 10, 30, D("800000"), None, "", False), (3, "FV-904", -4, 30, D("2200000"), None, "", False),
]


def v18() -> Libro:
    from comun import Pago

    libro = _libro("hoja_de_recaudos_co.xlsx", "v18", (
        "Hojas «Facturas» y «Pagos»; la de pagos con los encabezados del dueño: «Fecha de pago», «N° Factura», "
        "«Valor recibido», «Banco», «Observación»."), "Facturas", 1, _escribir_v18)
    agregar(libro, _FILAS_18, "Facturas", 2, "COP", CLIENTES)
    import datetime as dt

    libro.pagos = [Pago("Pagos", 2, dt.date(2026, 10, 20), D("1000000"), "FV-901", None, "Bancolombia"),
                   Pago("Pagos", 3, dt.date(2026, 11, 5), D("1250000"), "FV-902", None, "Davivienda"),
                   Pago("Pagos", 4, dt.date(2026, 11, 28), D("300000"), "FV-903", None, "Nequi")]
    return libro


def _escribir_v18(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Facturas"
    columnas = [("N° Factura", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("NIT", lambda f, c, r, L: c.id_fiscal),
                ("Correo", lambda f, c, r, L: c.correos[0]), ("Fecha", _dato("emision")), ("Vence", _dato("vencimiento")),
                ("Valor", _monto("total"))]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS})
    pagos = wb.create_sheet("Pagos")
    for j, h in enumerate(["Fecha de pago", "N° Factura", "Valor recibido", "Banco", "Observación"], start=1):
        pagos.cell(1, j, h).font = NEGRITA
    for p in libro.pagos:
        for j, valor in enumerate([p.fecha, p.factura, numero(p.monto), p.metodo, "Transferencia"], start=1):
            pagos.cell(p.fila, j, valor)
        pagos.cell(p.fila, 1).number_format = FECHA
        pagos.cell(p.fila, 3).number_format = PESOS
    wb.save(ruta)
