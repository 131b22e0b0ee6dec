"""Second red team, books 7–14: dates as text in a Mexican book, struck-through and hidden rows, a totals
box above the header with a «#» counter and the invoice number at the right end, an Excel Table that does not
start at A1 with a calculated column, a «Resumen» sheet before the data, USD and COP columns side by side, and
flat sheets with titles saved as .ods (Uruguay) and .xls (Dominican Republic)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from comun import FECHA, NEGRITA, Cliente, D, Libro, agregar, cuit, numero, tabla
from libros_a import CLIENTES_2, CLIENTES_3, CO, MX, PESOS, _dato, _libro, _monto
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.table import Table, TableColumn, TableFormula, TableStyleInfo

MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre"]


def _texto(fecha: dt.date, estilo: str) -> str:
    if estilo == "dmy":
        return f"{fecha.day:02d}/{fecha.month:02d}/{fecha.year}"
    if estilo == "dmy2":
        return f"{fecha.day}/{fecha.month}/{fecha.year % 100:02d}"
    if estilo == "abrev":
        return f"{fecha.day:02d}-{MESES[fecha.month - 1][:3]}.-{fecha.year}"
    return f"{fecha.day} de {MESES[fecha.month - 1]} de {fecha.year}"


# --- w07 (MX): dates typed as text, day first, some ambiguous, two-digit years and month names ---------------------

_FILAS_7 = [
    (0, "A-201", 19, 30, D("15400.00"), None, "", False, {"fecha": "dmy"}),    # vence 11/11/2026 → emitida 12/10
    (0, "A-202", 84, 30, D("8200.00"), None, "", False, {"fecha": "dmy"}),    # vence 07/09, emitida 08/08: ambiguous
    (1, "A-203", 46, 30, D("3150.75"), None, "", False, {"fecha": "dmy2"}),
    (1, "A-204", 3, 30, D("12000.00"), None, "", False, {"fecha": "abrev"}),
    (0, "A-205", -15, 30, D("6780.00"), None, "", False, {"fecha": "larga"}),
    (1, "A-206", 31, 30, D("990.00"), None, "", False, {"fecha": "dmy"}),      # vence 30/10, emitida 30/09
]


def w07() -> Libro:
    libro = _libro("fechas_texto_mx.xlsx", "w07", (
        "México: fechas escritas como texto, día primero: «11/11/2026», «08/08/2026» y «07/09/2026» (ambiguas), "
        "«31/8/26», «27-nov.-2026», «15 de diciembre de 2026»; importes numéricos."), "Cobranza", 1, _escribir_w07,
        CLIENTES_3, MX)
    agregar(libro, _FILAS_7, "Cobranza", 2, "MXN", CLIENTES_3)
    libro.estilos = {t[1]: t[8]["fecha"] for t in _FILAS_7}
    return libro


def _escribir_w07(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cobranza"
    columnas = [("Folio", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("RFC", lambda f, c, r, L: c.id_fiscal),
                ("Correo", lambda f, c, r, L: c.correos[0]),
                ("Fecha", lambda f, c, r, L: _texto(f.emision, libro.estilos[f.factura])),
                ("Vencimiento", lambda f, c, r, L: _texto(f.vencimiento, libro.estilos[f.factura])),
                ("Importe", _monto("total"))]
    tabla(hoja, 1, 1, columnas, libro, {"Importe": '"$"#,##0.00'})
    wb.save(ruta)


# --- w08 (CO): a struck-through grey row = «anulada», hidden rows and a hidden column, a filter applied ------------

_FILAS_8 = [
    (0, "5001", 40, 30, D("1200000"), None, "", False), (1, "5002", 25, 30, D("850000"), D("850000"), "", False),
    (2, "5003", 12, 30, D("2300000"), None, "", True, {"nota": "tachada y gris: anulada"}),
    (0, "5004", 70, 30, D("640000"), D("140000"), "", False, {"nota": "fila oculta"}),
    (1, "5005", 5, 30, D("1980000"), None, "", False), (2, "5006", -3, 30, D("415000"), None, "", False),
]


def w08() -> Libro:
    libro = _libro("tachadas_y_ocultas_co.xlsx", "w08", (
        "La factura 5003 está TACHADA con relleno gris (así marca el dueño una anulada; no hay columna Estado); la "
        "fila de 5004 (abierta) y la de 5002 (pagada) están ocultas; la columna «Abonos» está oculta; autofiltro."),
        "Cartera", 1, _escribir_w08, CLIENTES_2, CO)
    agregar(libro, _FILAS_8, "Cartera", 2, "COP", CLIENTES_2)
    libro.particularidades = ["cartera no ve formatos: 5003 solo puede leerse como abierta; se espera que lo diga."]
    return libro


def _escribir_w08(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cartera"
    columnas = [("Factura", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("NIT", lambda f, c, r, L: c.id_fiscal),
                ("Correo", lambda f, c, r, L: c.correos[0]), ("Fecha", _dato("emision")), ("Vence", _dato("vencimiento")),
                ("Valor", _monto("total")), ("Abonos", _monto("pagado_fila")), ("Saldo", lambda f, c, r, L: f"=G{r}-H{r}")]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS, "Abonos": PESOS, "Saldo": PESOS})
    for f in libro.facturas:
        if f.factura == "5003":
            for celda in hoja[f.fila]:
                celda.font = Font(strike=True, color="808080")
                celda.fill = PatternFill("solid", fgColor="D9D9D9")
        if f.factura in ("5002", "5004"):
            hoja.row_dimensions[f.fila].hidden = True
    hoja.column_dimensions["H"].hidden = True
    hoja.auto_filter.ref = f"A1:I{libro.facturas[-1].fila}"
    wb.save(ruta)


# --- w09 (CO): a totals box ABOVE the header, a «#» counter first, the invoice number at the right end -------------

_FILAS_9 = [
    (0, "FE-120", 48, 30, D("3100000"), None, "", False), (1, "FE-121", 33, 30, D("720000"), None, "", False),
    (2, "FE-122", 20, 30, D("5400000"), D("2400000"), "", False), (0, "FE-123", 9, 30, D("980000"), None, "", False),
    (1, "FE-124", 1, 30, D("455000"), None, "", False), (2, "FE-125", -12, 30, D("1345000"), None, "", False),
]


def w09() -> Libro:
    libro = _libro("total_arriba_numero_al_final_co.xlsx", "w09", (
        "Arriba del encabezado un cuadro «Total cartera:» / «Vencido:» / «Por vencer:» con sumas (filas 2–4); encabezado "
        "en la fila 6: «#» (contador 1, 2, 3…), «Cliente», «NIT», «Correo», «Fecha», «Vence», «Saldo», «Factura» (al "
        "final)."), "Cartera", 6, _escribir_w09, CLIENTES_2, CO)
    agregar(libro, _FILAS_9, "Cartera", 7, "COP", CLIENTES_2)
    for f in libro.facturas:
        f.saldo_columna, f.total, f.pagado_fila = f.total - (f.pagado_fila or 0), None, None
    libro.no_datos = {"Cartera": [(1, "titulo"), (2, "total"), (3, "total"), (4, "total")]}
    return libro


def _escribir_w09(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cartera"
    hoja["A1"] = "ESTADO DE CARTERA"
    hoja["A1"].font = NEGRITA
    ultima = libro.facturas[-1].fila
    for fila, (etiqueta, formula) in enumerate([("Total cartera:", f"=SUM(G7:G{ultima})"),
                                                ("Vencido:", f'=SUMIF(F7:F{ultima},"<"&DATE(2026,11,30),G7:G{ultima})'),
                                                ("Por vencer:", "=C2-C3")], start=2):
        hoja.cell(fila, 2, etiqueta).font = NEGRITA
        hoja.cell(fila, 3, formula).number_format = PESOS
    columnas = [("#", lambda f, c, r, L: r - 6), ("Cliente", lambda f, c, r, L: c.nombre),
                ("NIT", lambda f, c, r, L: c.id_fiscal), ("Correo", lambda f, c, r, L: c.correos[0]),
                ("Fecha", _dato("emision")), ("Vence", _dato("vencimiento")), ("Saldo", _monto("saldo_columna")),
                ("Factura", _dato("factura"))]
    tabla(hoja, 6, 1, columnas, libro, {"Fecha": FECHA, "Vence": FECHA, "Saldo": PESOS})
    wb.save(ruta)


# --- w10 (MX): an Excel Table at B5 with a calculated column (structured refs) and a SUBTOTAL(109) totals row ------

_FILAS_10 = [
    (0, "F-3301", 75, 30, D("22000.00"), D("5000.00"), "", False), (0, "F-3302", 31, 30, D("8400.00"), None, "", False),
    (1, "F-3303", 16, 30, D("15500.00"), D("15500.00"), "", False), (1, "F-3304", 2, 30, D("4300.00"), D("300.00"), "", False),
    (0, "F-3305", -9, 30, D("11250.00"), None, "", False),
]


def w10() -> Libro:
    libro = _libro("tabla_en_b5_mx.xlsx", "w10", (
        "Tabla de Excel «TblCxC» en B5:H11 (título en B2, filas 1–4 sin tabla), filas con bandas, columna calculada "
        "«Saldo» = [@Total]-[@Pagado] y fila de totales SUBTOTAL(109, …)."), "CxC", 5, _escribir_w10, CLIENTES_3, MX)
    agregar(libro, _FILAS_10, "CxC", 6, "MXN", CLIENTES_3)
    libro.no_datos = {"CxC": [(2, "titulo"), (libro.facturas[-1].fila + 1, "total")]}
    return libro


def _escribir_w10(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "CxC"
    hoja["B2"] = "Cuentas por cobrar — Tlapalería y Servicios"
    hoja["B2"].font = Font(bold=True, size=16)
    mxn = '"$"#,##0.00'
    columnas = [("Folio", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("Correo", lambda f, c, r, L: c.correos[0]),
                ("Fecha", _dato("emision")), ("Vencimiento", _dato("vencimiento")), ("Total", _monto("total")),
                ("Pagado", lambda f, c, r, L: numero(f.pagado_fila or D(0))),
                ("Saldo", lambda f, c, r, L: "=TblCxC[[#This Row],[Total]]-TblCxC[[#This Row],[Pagado]]")]
    tabla(hoja, 5, 2, columnas, libro, {"Fecha": FECHA, "Vencimiento": FECHA, "Total": mxn, "Pagado": mxn, "Saldo": mxn})
    totales = libro.facturas[-1].fila + 1
    hoja.cell(totales, 2, "Total")
    for letra, nombre in zip("GHI", ("Total", "Pagado", "Saldo"), strict=True):
        hoja[f"{letra}{totales}"] = f"=SUBTOTAL(109,TblCxC[{nombre}])"
        hoja[f"{letra}{totales}"].number_format = mxn
    tabla_excel = Table(displayName="TblCxC", ref=f"B5:I{totales}", totalsRowCount=1)
    tabla_excel.tableColumns = [TableColumn(id=i, name=h) for i, (h, _) in enumerate(columnas, start=1)]
    tabla_excel.tableColumns[0].totalsRowLabel = "Total"
    for columna in tabla_excel.tableColumns[5:]:
        columna.totalsRowFunction = "sum"
    tabla_excel.tableColumns[7].calculatedColumnFormula = TableFormula(attr_text="TblCxC[[#This Row],[Total]]-TblCxC[[#This Row],[Pagado]]")
    tabla_excel.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
    hoja.add_table(tabla_excel)
    wb.save(ruta)


# --- w11 (AR): a «Resumen» sheet first (Cliente | Saldo), the invoices in «Base» -----------------------------------

CLIENTES_AR = [
    Cliente(cuit(30, 71234567), "Distribuidora Pampa S.R.L.", cuit(30, 71234567), ("pagos@pampa.example",)),
    Cliente(cuit(20, 25678901), "Martín Sosa", cuit(20, 25678901), ("msosa@correo.example",)),
    Cliente(cuit(33, 70998877), "Agro Litoral S.A.", cuit(33, 70998877), ("tesoreria@agrolitoral.example",)),
]
_FILAS_11 = [
    (0, "0003-00001201", 66, 30, D("845000.00"), D("45000.00"), "", False),
    (0, "0003-00001230", 14, 30, D("312500.50"), None, "", False),
    (1, "0003-00001215", 38, 30, D("98000.00"), None, "", False),
    (2, "0003-00001222", 25, 30, D("1520000.00"), D("1520000.00"), "", False),
    (2, "0003-00001240", -7, 30, D("430000.00"), None, "", False),
]


def w11() -> Libro:
    libro = _libro("resumen_primero_ar.xlsx", "w11", (
        "Argentina: primera hoja «Resumen» (tabla dinámica pegada como valores: «Cliente», «Saldo», «Total general»), "
        "las facturas en la hoja «Base» («Comprobante» 0003-00001201, «Razón social», «CUIT», «Fecha», «Vto.», "
        "«Importe», «Cobrado», «Saldo»)."), "Base", 1, _escribir_w11, CLIENTES_AR,
        {"pais": "AR", "locale": "es_AR.UTF-8", "moneda": "ARS"})
    agregar(libro, _FILAS_11, "Base", 2, "ARS", CLIENTES_AR)
    libro.no_datos = {"Resumen": [(5, "total")]}
    return libro


def _escribir_w11(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    resumen = wb.active
    resumen.title = "Resumen"
    resumen["A1"], resumen["B1"] = "Cliente", "Saldo"
    pesos = '"$" #,##0.00'
    saldos = {}
    for f in libro.facturas:
        saldos[f.cliente] = saldos.get(f.cliente, D(0)) + f.total - (f.pagado_fila or 0)
    for fila, c in enumerate(libro.clientes, start=2):
        resumen.cell(fila, 1, c.nombre)
        resumen.cell(fila, 2, numero(saldos[c.clave])).number_format = pesos
    resumen.cell(5, 1, "Total general")
    resumen.cell(5, 2, numero(sum(saldos.values()))).number_format = pesos
    base = wb.create_sheet("Base")
    columnas = [("Comprobante", _dato("factura")), ("Razón social", lambda f, c, r, L: c.nombre),
                ("CUIT", lambda f, c, r, L: c.id_fiscal), ("Mail", lambda f, c, r, L: c.correos[0]),
                ("Fecha", _dato("emision")), ("Vto.", _dato("vencimiento")), ("Importe", _monto("total")),
                ("Cobrado", _monto("pagado_fila")), ("Saldo", lambda f, c, r, L: f"=G{r}-H{r}")]
    tabla(base, 1, 1, columnas, libro, {"Fecha": FECHA, "Vto.": FECHA, "Importe": pesos, "Cobrado": pesos, "Saldo": pesos})
    wb.save(ruta)


# --- w12 (CO): «Valor USD» and «Valor COP» side by side (export invoices in dollars, COP at the TRM) --------------

_TRM = D("4000")
_FILAS_12 = [
    (0, "EX-01", 45, 30, D("2500.00"), None, "", False, {"moneda": "USD"}),
    (0, "EX-02", 10, 30, D("1800.00"), None, "", False, {"moneda": "USD"}),
    (1, "FV-77", 35, 30, D("3600000"), None, "", False),
    (2, "FV-78", 5, 30, D("1250000"), None, "", False),
    (2, "EX-03", -4, 30, D("950.00"), None, "", False, {"moneda": "USD"}),
]


def w12() -> Libro:
    libro = _libro("usd_y_cop_co.xlsx", "w12", (
        "Colombia, exportador: columnas «Valor USD» y «Valor COP» lado a lado; las facturas de exportación tienen el "
        "valor en dólares y su equivalente a la TRM (fórmula), las nacionales solo «Valor COP»."),
        "Cartera", 1, _escribir_w12, CLIENTES_2, CO)
    agregar(libro, _FILAS_12, "Cartera", 2, "COP", CLIENTES_2)
    return libro


def _escribir_w12(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cartera"
    columnas = [("Factura", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("NIT", lambda f, c, r, L: c.id_fiscal),
                ("Correo", lambda f, c, r, L: c.correos[0]), ("Fecha", _dato("emision")), ("Vence", _dato("vencimiento")),
                ("Valor USD", lambda f, c, r, L: numero(f.total) if f.moneda == "USD" else None),
                ("TRM", lambda f, c, r, L: numero(_TRM) if f.moneda == "USD" else None),
                ("Valor COP", lambda f, c, r, L: f"=G{r}*H{r}" if f.moneda == "USD" else numero(f.total))]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vence": FECHA, "Valor USD": '"US$" #,##0.00',
                                        "Valor COP": PESOS})
    wb.save(ruta)


# --- w13 (UY, .ods) and w14 (DO, .xls): flat sheets with title rows, a subtotal and a TOTAL ---------------------

CLIENTES_UY = [
    Cliente("214567890018", "Barraca del Sur S.A.", "214567890018", ("compras@barracadelsur.example",)),
    Cliente("216789010012", "Almacén Don Pepe", "216789010012", ("donpepe@correo.example",)),
]
_FILAS_13 = [(0, "A 10231", 52, 30, D("48500.00"), D("8500.00"), "", False), (0, "A 10244", 17, 30, D("12300.00"), None, "", False),
             (1, "A 10250", 33, 30, D("7600.00"), None, "", False), (1, "A 10262", -2, 30, D("15890.50"), None, "", False)]
CLIENTES_DO = [
    Cliente("131245678", "Colmado La Bendición", "131245678", ("colmado@correo.example",)),
    Cliente("101876543", "Constructora Caribe SRL", "101876543", ("cxp@caribe.example",)),
]
_FILAS_14 = [(0, "B0100000123", 41, 30, D("35400.00"), None, "", False),
             (0, "B0100000131", 12, 30, D("8260.00"), D("2000.00"), "", False),
             (1, "B0100000127", 95, 30, D("118000.00"), D("18000.00"), "", False),
             (1, "B0100000140", -6, 30, D("59000.00"), None, "", False)]


def _plano(libro: Libro, titulo: list[str], encabezados: list[str], formato: str) -> None:
    def escribir(ruta: Path, libro: Libro = libro) -> None:
        wb = Workbook()
        hoja = wb.active
        hoja.title = libro.hoja_facturas
        for fila, texto in enumerate(titulo, start=1):
            hoja.cell(fila, 1, texto).font = NEGRITA
        getters = [_dato("factura"), lambda f, c, r, L: c.nombre, lambda f, c, r, L: c.id_fiscal,
                   lambda f, c, r, L: c.correos[0], _dato("emision"), _dato("vencimiento"), _monto("total"),
                   _monto("pagado_fila"), lambda f, c, r, L: f"=G{r}-H{r}"]
        tabla(hoja, libro.fila_encabezado, 1, list(zip(encabezados, getters, strict=True)), libro,
              {encabezados[4]: FECHA, encabezados[5]: FECHA, encabezados[6]: formato, encabezados[7]: formato,
               encabezados[8]: formato})
        total = libro.facturas[-1].fila + 1
        hoja.cell(total, 1, "TOTAL").font = NEGRITA
        for letra in "GHI":
            hoja[f"{letra}{total}"] = f"=SUM({letra}{libro.fila_encabezado + 1}:{letra}{total - 1})"
        wb.save(ruta)
    libro.escribir = escribir


def w13() -> Libro:
    libro = Libro("titulos_uy.ods", "w13", "UY", "es_UY.UTF-8", "UYU", (
        "Uruguay, guardado como .ods: dos líneas de título, «Nº Factura» («A 10231», serie y número), «Razón social», "
        "«RUT» de 12 dígitos, «Importe $», «Cobrado», «Saldo» (fórmula) y TOTAL."), None, "Deudores", 4,
        clientes=list(CLIENTES_UY))
    agregar(libro, _FILAS_13, "Deudores", 5, "UYU", CLIENTES_UY)
    _plano(libro, ["Barraca y Ferretería Oriental", "Deudores por ventas al 30/11/2026"],
           ["Nº Factura", "Razón social", "RUT", "Email", "Fecha", "Vencimiento", "Importe $", "Cobrado", "Saldo"],
           '"$" #,##0.00')
    libro.no_datos = {"Deudores": [(1, "titulo"), (2, "titulo"), (libro.facturas[-1].fila + 1, "total")]}
    return libro


def w14() -> Libro:
    libro = Libro("titulos_do.xls", "w14", "DO", "es_DO.UTF-8", "DOP", (
        "República Dominicana, guardado como .xls (Excel 97): título, el número de la factura es el «NCF» "
        "(B0100000123), «RNC», «Monto RD$», «Pagado», «Pendiente» (fórmula) y TOTAL."), None, "CxC", 3,
        clientes=list(CLIENTES_DO))
    agregar(libro, _FILAS_14, "CxC", 4, "DOP", CLIENTES_DO)
    _plano(libro, ["CUENTAS POR COBRAR - NOVIEMBRE 2026"],
           ["NCF", "Cliente", "RNC", "Correo", "Fecha", "Vence", "Monto RD$", "Pagado", "Pendiente"], '"RD$" #,##0.00')
    libro.no_datos = {"CxC": [(1, "titulo"), (libro.facturas[-1].fila + 1, "total")]}
    return libro
