"""Variants from Mexico, Spain, Peru, Chile, Argentina and Ecuador (see ``generar.py``)."""

from __future__ import annotations

from pathlib import Path

from comun import FECHA, Cliente, D, Libro, agregar, cif, cuit, dinero_texto, dt_texto, numero, rut, tabla
from openpyxl import Workbook


def _libro(nombre, familia, descripcion, hoja, fila, escribir, clientes, pais, locale, moneda) -> Libro:
    libro = Libro(nombre, familia, pais, locale, moneda, descripcion, lambda ruta: escribir(ruta, libro), hoja, fila,
                  clientes=list(clientes))
    return libro


def _dato(attr):
    return lambda f, c, r, L: getattr(f, attr)


def _monto(attr):
    return lambda f, c, r, L: None if getattr(f, attr) is None else numero(getattr(f, attr))


def _saldo(f) -> D:
    return f.total - (f.pagado_fila or 0)


# --- 2 (MX): all caps, trailing spaces, «FACTURA #», «ESTATUS», numbers as folios ------------------------------

MX = dict(pais="MX", locale="es_MX.UTF-8", moneda="MXN")
CLIENTES_MX = [
    Cliente("CAB980312KL4", "Comercial Abarrotera del Bajío S.A. de C.V.", "CAB980312KL4", ("cxp@abarrotera.example",)),
    Cliente("FRO050621HT2", "Ferretería y Refacciones Orozco", "FRO050621HT2", ("pagos@orozco.example",)),
    Cliente("MEGR800101AB1", "Ricardo Mena García", "MEGR800101AB1", ("rmena@correo.example",)),
]
_FILAS_2 = [
    (0, 5102, 70, 30, D("45200.50"), D("20000"), "Pagado parcialmente", False),
    (0, 5110, 35, 30, D("18900"), None, "Vencida", False),
    (1, 5120, 12, 15, D("7450.75"), D("7450.75"), "Pagada (transf.)", True),
    (1, 5125, 4, 30, D("12000"), None, "Vigente", False),
    (2, 5130, 61, 30, D("3300"), D("3300"), "Liquidada", True),
    (2, 5133, 20, 30, D("9800"), None, "Cancelada", True),
    (0, 5140, -15, 30, D("22150.40"), None, "Vigente", False),
]


def v02() -> Libro:
    libro = _libro("mayusculas_estatus_mx.xlsx", "v02", (
        "México: encabezados en MAYÚSCULAS con espacios al final («FACTURA # », «CLIENTE (RAZÓN SOCIAL)», «R.F.C.», "
        "«F. FACTURA», «VENCIMIENTO (FECHA)», «IMPORTE TOTAL», «PAGOS A LA FECHA», «SALDO ACTUAL», «ESTATUS»), folio "
        "como número, «Cancelada» (anulada en MX)."), "Cobranza", 1, _escribir_v02, CLIENTES_MX, **MX)
    agregar(libro, [(*t[:1], str(t[1]), *t[2:], {"tecleado": t[1]}) for t in _FILAS_2], "Cobranza", 2, "MXN", CLIENTES_MX)
    return libro


def _escribir_v02(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cobranza"
    pesos = '"$"#,##0.00'
    columnas = [("FACTURA # ", lambda f, c, r, L: int(f.factura)), ("CLIENTE (RAZÓN SOCIAL) ", lambda f, c, r, L: c.nombre),
                ("R.F.C.", lambda f, c, r, L: c.id_fiscal), ("CORREO ", lambda f, c, r, L: c.correos[0]),
                ("F. FACTURA", _dato("emision")), ("VENCIMIENTO (FECHA)", _dato("vencimiento")),
                ("IMPORTE TOTAL ", _monto("total")), ("PAGOS A LA FECHA", _monto("pagado_fila")),
                ("SALDO ACTUAL", lambda f, c, r, L: numero(_saldo(f))), ("ESTATUS", _dato("estado"))]
    tabla(hoja, 1, 1, columnas, libro, {"F. FACTURA": FECHA, "VENCIMIENTO (FECHA)": FECHA, "IMPORTE TOTAL ": pesos,
                                        "PAGOS A LA FECHA": pesos, "SALDO ACTUAL": pesos})
    hoja.freeze_panes = "A2"
    hoja.auto_filter.ref = f"A1:J{libro.facturas[-1].fila}"
    wb.save(ruta)


# --- 3 (ES): amounts and dates as text, «No. Fra.», line break in a header, a rectificativa in parentheses -----

ES = dict(pais="ES", locale="es_ES.UTF-8", moneda="EUR")
CLIENTES_ES = [
    Cliente(cif("B", "4612345"), "Talleres Mediterráneo S.L.", cif("B", "4612345"), ("admin@talleresmed.example",)),
    Cliente(cif("A", "2876543"), "Hostelería Guadalquivir S.A.", cif("A", "2876543"), ("facturas@guadalquivir.example",)),
    Cliente("12345678Z", "Lucía Fernández Soto", "12345678Z", ("lucia.fs@correo.example",)),
]
_FILAS_3 = [
    (0, "F-2026/101", 92, 30, D("1234.56"), None, "Impagada", False, {"fecha": "mes"}),
    (0, "F-2026/140", 40, 30, D("2890.00"), D("1000.00"), "Cobrada parcialmente", False, {"fecha": "corta"}),
    (1, "F-2026/118", 61, 60, D("780.40"), D("780.40"), "Cobrada", True, {"fecha": "iso"}),
    (1, "F-2026/150", 3, 30, D("4500.00"), None, "Pendiente de pago", False, {"fecha": "mes"}),
    (2, "F-2026/155", -12, 30, D("350.00"), None, "Pendiente de pago", False, {"fecha": "barra"}),
    (0, "R-2026/007", 20, 30, D("-300.00"), None, "", False, {"fecha": "barra"}),
]


def v03() -> Libro:
    libro = _libro("texto_y_rectificativa_es.xlsx", "v03", (
        "España: importes escritos como texto «1.234,56 €», «Cobrado» con «-» por cero, fechas como texto "
        "(«15-oct-2026», «15/10/26», «2026-10-15»), «No. Fra.», «N.I.F.», «Fecha de\\nvencimiento» con salto de línea, "
        "«Importe (€)» y una rectificativa con el importe entre paréntesis «(300,00 €)»."),
        "Facturas 2026", 3, _escribir_v03, CLIENTES_ES, **ES)
    agregar(libro, _FILAS_3, "Facturas 2026", 4, "EUR", CLIENTES_ES)
    libro.no_datos = {"Facturas 2026": [(1, "titulo")]}
    return libro


def _escribir_v03(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Facturas 2026"
    hoja["A1"] = "Registro de facturas emitidas 2026"
    estilos = {f.factura: e.get("fecha") for f, e in zip(libro.facturas, [t[8] for t in _FILAS_3], strict=True)}

    def importe(f, c, r, L):
        if f.total < 0:
            return f"({dinero_texto(-f.total, 'ES', '€', despues=True)})"
        return dinero_texto(f.total, "ES", "€", despues=True)

    columnas = [("No. Fra.", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("N.I.F.", lambda f, c, r, L: c.id_fiscal),
                ("Email", lambda f, c, r, L: c.correos[0]),
                ("Fecha Emisión", lambda f, c, r, L: dt_texto(f.emision, estilos[f.factura])),
                ("Fecha de\nvencimiento", lambda f, c, r, L: dt_texto(f.vencimiento, estilos[f.factura])),
                ("Importe (€)", importe),
                ("Cobrado", lambda f, c, r, L: "-" if not f.pagado_fila else dinero_texto(f.pagado_fila, "ES", "€", True)),
                ("Pendiente", lambda f, c, r, L: "" if f.total < 0 else dinero_texto(_saldo(f), "ES", "€", True)),
                ("Estado", _dato("estado"))]
    tabla(hoja, 3, 1, columnas, libro)
    wb.save(ruta)


# --- 4 (PE): soles and dollars, «S/» in the Moneda column, «Nro. de Comprobante» --------------------------------

PE = dict(pais="PE", locale="es_PE.UTF-8", moneda="PEN")
CLIENTES_PE = [
    Cliente("20512345678", "Importaciones Rímac S.A.C.", "20512345678", ("pagos@rimac-imp.example",)),
    Cliente("20600123451", "Constructora Los Incas E.I.R.L.", "20600123451", ("tesoreria@losincas.example",)),
    Cliente("10456789012", "Pedro Quispe Mamani", "10456789012", ("pquispe@correo.example",)),
]
_FILAS_4 = [
    (0, "F001-00012345", 50, 30, D("15340.80"), D("5000"), "", False, {"moneda": "PEN", "simbolo": "S/"}),
    (0, "F001-00012390", 10, 30, D("2300.00"), None, "", False, {"moneda": "USD", "simbolo": "US$"}),
    (1, "F001-00012360", 33, 30, D("8750.50"), None, "", False, {"moneda": "PEN", "simbolo": "S/"}),
    (1, "F001-00012401", -5, 30, D("1200.00"), None, "", False, {"moneda": "USD", "simbolo": "USD"}),
    (2, "B001-00004512", 95, 30, D("640.00"), D("640.00"), "", False, {"moneda": "PEN", "simbolo": "PEN"}),
    (2, "B001-00004530", 2, 30, D("1890.90"), None, "", False, {"moneda": "PEN", "simbolo": "S/."}),
]


def v04() -> Libro:
    libro = _libro("soles_y_dolares_pe.xlsx", "v04", (
        "Perú: «Nro. de Comprobante» (F001-00012345), «RUC», «Razón Social», columna «Moneda» con «S/», «S/.», «US$», "
        "«PEN», «USD»; importes como texto «S/ 15,340.80», «Monto Original», «Monto Pagado», «Saldo»."),
        "Registro de Ventas", 1, _escribir_v04, CLIENTES_PE, **PE)
    agregar(libro, _FILAS_4, "Registro de Ventas", 2, "PEN", CLIENTES_PE)
    for f in libro.facturas:
        if f.total == f.pagado_fila:
            f.cerrada = False  # closed by its balance (0), not by a word: saldo 0 in the reference
    return libro


def _escribir_v04(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Registro de Ventas"
    simbolos = {t[1]: t[8]["simbolo"] for t in _FILAS_4}

    def texto(valor, f):
        signo = "S/" if f.moneda == "PEN" else "US$"
        return dinero_texto(valor, "PE", signo)

    columnas = [("Nro. de Comprobante", _dato("factura")), ("RUC", lambda f, c, r, L: c.id_fiscal),
                ("Razón Social", lambda f, c, r, L: c.nombre), ("Correo", lambda f, c, r, L: c.correos[0]),
                ("Fecha Emisión", _dato("emision")), ("Fecha Vencimiento", _dato("vencimiento")),
                ("Moneda", lambda f, c, r, L: simbolos[f.factura]), ("Monto Original", lambda f, c, r, L: texto(f.total, f)),
                ("Monto Pagado", lambda f, c, r, L: texto(f.pagado_fila or D(0), f)),
                ("Saldo", lambda f, c, r, L: texto(_saldo(f), f))]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha Emisión": FECHA, "Fecha Vencimiento": FECHA})
    wb.save(ruta)


# --- 5 (CL): RUT, amounts as text «$1.234.567», «-» for no payment, «Cobranza judicial» ---------------------------

CL = dict(pais="CL", locale="es_CL.UTF-8", moneda="CLP")
CLIENTES_CL = [
    Cliente(rut(76123456), "Comercial Andes Sur SpA", rut(76123456), ("pagos@andessur.example",)),
    Cliente(rut(77888999), "Transportes Biobío Ltda.", rut(77888999), ("finanzas@biobio.example",)),
    Cliente(rut(12345678), "Marcela Rojas Díaz", rut(12345678), ("mrojas@correo.example",)),
]
_FILAS_5 = [
    (0, "N° 4501", 45, 30, D("1234567"), D("234567"), "Vigente", False),
    (0, "N° 4520", 8, 30, D("850000"), None, "Vigente", False),
    (1, "N° 4490", 100, 30, D("3200000"), None, "Cobranza judicial", True),
    (1, "N° 4533", 31, 30, D("990000"), None, "Morosa", False),
    (2, "N° 4511", 62, 30, D("450000"), D("450000"), "Pagada", True),
    (2, "N° 4540", -10, 30, D("275990"), None, "Vigente", False),
]


def v05() -> Libro:
    libro = _libro("rut_montos_texto_cl.xlsx", "v05", (
        "Chile: «R.U.T.», «N° Doc.», «Fecha Doc.», «Fecha Venc.», montos como texto «$1.234.567», «Abonos» con «-» "
        "cuando no hay, «Cobranza judicial» (cerrada, incobrable); título en la fila 1."), "Cuentas por Cobrar", 2,
        _escribir_v05, CLIENTES_CL, **CL)
    agregar(libro, [(t[0], t[1].removeprefix("N° "), *t[2:]) for t in _FILAS_5], "Cuentas por Cobrar", 3, "CLP", CLIENTES_CL)
    libro.no_datos = {"Cuentas por Cobrar": [(1, "titulo")]}
    return libro


def _escribir_v05(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cuentas por Cobrar"
    hoja["A1"] = "CUENTAS POR COBRAR — NOVIEMBRE 2026"

    def clp(valor):
        return "-" if not valor else "$" + f"{int(valor):,}".replace(",", ".")

    columnas = [("R.U.T.", lambda f, c, r, L: c.id_fiscal), ("Cliente", lambda f, c, r, L: c.nombre),
                ("N° Doc.", _dato("factura")), ("Fecha Doc.", _dato("emision")), ("Fecha Venc.", _dato("vencimiento")),
                ("Monto", lambda f, c, r, L: clp(f.total)), ("Abonos", lambda f, c, r, L: clp(f.pagado_fila)),
                ("Saldo", lambda f, c, r, L: clp(_saldo(f))), ("Estado", _dato("estado"))]
    tabla(hoja, 2, 1, columnas, libro, {"Fecha Doc.": FECHA, "Fecha Venc.": FECHA})
    wb.save(ruta)


# --- 6 (AR): CUIT, «Tipo» FC A / NC A, «Vto.», «Importe ($)», «Cobrado» -----------------------------------------

AR = dict(pais="AR", locale="es_AR.UTF-8", moneda="ARS")
CLIENTES_AR = [
    Cliente(cuit(30, 71234567), "Distribuidora Pampeana S.R.L.", cuit(30, 71234567), ("cobranzas@pampeana.example",)),
    Cliente(cuit(30, 70987654), "Frigorífico del Litoral S.A.", cuit(30, 70987654), ("pagos@litoral.example",)),
    Cliente(cuit(20, 28765432), "Martín Gómez", cuit(20, 28765432), ("mgomez@correo.example",)),
]
_FILAS_6 = [
    (0, "0001-00001234", 40, 30, D("185000.00"), D("85000.00"), "", False, {"tipo": "FC A"}),
    (0, "0001-00001260", 5, 30, D("92300.50"), None, "", False, {"tipo": "FC A"}),
    (0, "0001-00000055", 15, 30, D("-40000.00"), None, "", False, {"tipo": "NC A"}),
    (1, "0001-00001240", 70, 30, D("430000.00"), None, "", False, {"tipo": "FC A"}),
    (2, "0002-00000310", 31, 30, D("58000.00"), D("58000.00"), "", False, {"tipo": "FC B"}),
    (2, "0002-00000322", -9, 30, D("77500.00"), None, "", False, {"tipo": "FC B"}),
]


def v06() -> Libro:
    libro = _libro("cuit_nota_credito_ar.xlsx", "v06", (
        "Argentina: «CUIT», «Tipo» (FC A, FC B, NC A), «Comprobante» 0001-00001234, «Vto.», «Importe ($)», «Cobrado», "
        "«Saldo»; la nota de crédito NC A está en positivo (el Tipo la identifica)."), "Ctas Ctes", 1, _escribir_v06,
        CLIENTES_AR, **AR)
    agregar(libro, _FILAS_6, "Ctas Ctes", 2, "ARS", CLIENTES_AR)
    for f in libro.facturas:
        f.cerrada = False
    return libro


def _escribir_v06(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Ctas Ctes"
    tipos = {t[1]: t[8]["tipo"] for t in _FILAS_6}
    pesos = '"$" #,##0.00'
    columnas = [("CUIT", lambda f, c, r, L: c.id_fiscal), ("Razón Social", lambda f, c, r, L: c.nombre),
                ("Mail", lambda f, c, r, L: c.correos[0]), ("Tipo", lambda f, c, r, L: tipos[f.factura]),
                ("Comprobante", _dato("factura")), ("Fecha", _dato("emision")), ("Vto.", _dato("vencimiento")),
                ("Importe ($)", lambda f, c, r, L: numero(abs(f.total))), ("Cobrado", _monto("pagado_fila")),
                ("Saldo", lambda f, c, r, L: numero(abs(f.total) - (f.pagado_fila or 0)))]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vto.": FECHA, "Importe ($)": pesos, "Cobrado": pesos, "Saldo": pesos})
    wb.save(ruta)


# --- 7 (EC): Excel serials with General format, «Días Crédito» with «Contado», no due date -----------------------

EC = dict(pais="EC", locale="es_EC.UTF-8", moneda="USD")
CLIENTES_EC = [
    Cliente("1791234567001", "Comercial Pichincha Cía. Ltda.", "1791234567001", ("pagos@pichincha.example",)),
    Cliente("0992345678001", "Exportadora Guayas S.A.", "0992345678001", ("tesoreria@guayas.example",)),
    Cliente("1712345678001", "Andrea Vélez", "1712345678001", ("avelez@correo.example",)),
]
_FILAS_7 = [
    (0, "001-001-000012345", 40, 30, D("1520.40"), D("520.40"), "", False, {"sin_vencimiento": True, "dias_credito": 30}),
    (0, "001-001-000012388", 20, 45, D("980.00"), None, "", False, {"sin_vencimiento": True, "dias_credito": 45}),
    (1, "001-001-000012301", 70, 60, D("4300.25"), None, "", False, {"sin_vencimiento": True, "dias_credito": 60}),
    (1, "001-001-000012399", 3, 0, D("250.00"), None, "", False, {"sin_vencimiento": True, "dias_credito": 0}),
    (2, "001-002-000000456", 31, 15, D("615.75"), None, "", False, {"sin_vencimiento": True, "dias_credito": 15}),
]


def v07() -> Libro:
    libro = _libro("seriales_dias_credito_ec.xlsx", "v07", (
        "Ecuador (USD): «No. Factura» 001-001-000012345, «Fecha Emisión» como número de serie de Excel sin formato de "
        "fecha, «Días Crédito» (30, 45, 60, «Contado», 15), sin vencimiento; «Valor Total», «Abonos», «Saldo»."),
        "Cartera", 1, _escribir_v07, CLIENTES_EC, **EC)
    agregar(libro, _FILAS_7, "Cartera", 2, "USD", CLIENTES_EC)
    return libro


def _escribir_v07(ruta: Path, libro: Libro) -> None:
    import datetime as dt

    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cartera"
    columnas = [("No. Factura", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("RUC", lambda f, c, r, L: c.id_fiscal),
                ("Email", lambda f, c, r, L: c.correos[0]),
                ("Fecha Emisión", lambda f, c, r, L: (f.emision - dt.date(1899, 12, 30)).days),
                ("Días Crédito", lambda f, c, r, L: "Contado" if f.dias_credito == 0 else f.dias_credito),
                ("Valor Total", _monto("total")), ("Abonos", _monto("pagado_fila")),
                ("Saldo", lambda f, c, r, L: numero(_saldo(f)))]
    tabla(hoja, 1, 1, columnas, libro)
    wb.save(ruta)


# --- 12 (MX): Google Sheets export, everything text, «USD 1,200.00» with no Moneda column -------------------------

_FILAS_12 = [
    (0, "000451", 50, 30, D("12500.00"), D("2500.00"), "", False, {"fecha": "mes"}),
    (1, "000452", 33, 30, D("1200.00"), None, "", False, {"fecha": "iso", "moneda": "USD"}),
    (1, "000460", 12, 30, D("8400.00"), None, "", False, {"fecha": "corta"}),
    (2, "000470", 3, 30, D("930.50"), None, "", False, {"fecha": "barra"}),
    (2, "000480", -6, 30, D("15000.00"), None, "", False, {"fecha": "mes"}),
]


def v12() -> Libro:
    libro = _libro("google_sheets_texto_mx.xlsx", "v12", (
        "México, exportado de Google Sheets: todo como texto, fechas «20-oct-2026», «2026-10-28», «18/11/26», «27/11/2026»; "
        "importes «$12,500.00», «$ -» por cero, una factura «USD 1,200.00» sin columna Moneda; folio «000451»."),
        "Hoja 1", 1, _escribir_v12, CLIENTES_MX, **MX)
    agregar(libro, _FILAS_12, "Hoja 1", 2, "MXN", CLIENTES_MX)
    return libro


def _escribir_v12(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Hoja 1"
    estilos = {t[1]: t[8]["fecha"] for t in _FILAS_12}

    def monto(valor, f):
        if not valor:
            return "$ -"
        return f"USD {valor:,.2f}" if f.moneda == "USD" else f"${valor:,.2f}"

    columnas = [("Folio", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("RFC", lambda f, c, r, L: c.id_fiscal),
                ("Correo", lambda f, c, r, L: c.correos[0]),
                ("Fecha", lambda f, c, r, L: dt_texto(f.emision, estilos[f.factura])),
                ("Vencimiento", lambda f, c, r, L: dt_texto(f.vencimiento, estilos[f.factura])),
                ("Total", lambda f, c, r, L: monto(f.total, f)), ("Pagado", lambda f, c, r, L: monto(f.pagado_fila, f)),
                ("Saldo", lambda f, c, r, L: monto(_saldo(f), f))]
    tabla(hoja, 1, 1, columnas, libro)
    wb.save(ruta)


# --- 16 (ES): the client's name merged down over its invoices ---------------------------------------------------

_FILAS_16 = [
    (0, "A-301", 45, 30, D("1500.00"), None, "", False), (0, "A-302", 20, 30, D("820.50"), None, "", False),
    (0, "A-303", 2, 30, D("310.00"), None, "", False), (1, "A-310", 95, 30, D("2400.00"), D("400.00"), "", False),
    (1, "A-311", -4, 30, D("760.00"), None, "", False), (2, "A-320", 31, 30, D("99.90"), None, "", False),
]


def v16() -> Libro:
    libro = _libro("cliente_combinado_es.xlsx", "v16", (
        "España: la celda del cliente está COMBINADA verticalmente sobre sus facturas (solo la primera fila guarda el "
        "nombre); «Base imponible», «IVA 21 %», «Total factura», «Cobrado»."), "Clientes pendientes", 1,
        _escribir_v16, CLIENTES_ES, **ES)
    agregar(libro, _FILAS_16, "Clientes pendientes", 2, "EUR", CLIENTES_ES)
    return libro


def _escribir_v16(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Clientes pendientes"
    euros = "#,##0.00 €"
    columnas = [("Cliente", lambda f, c, r, L: c.nombre), ("Nº Factura", _dato("factura")), ("Fecha", _dato("emision")),
                ("Vencimiento", _dato("vencimiento")), ("Base imponible", lambda f, c, r, L: f"=F{r}/1.21"),
                ("Total factura", _monto("total")), ("Cobrado", _monto("pagado_fila"))]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Vencimiento": FECHA, "Total factura": euros, "Cobrado": euros,
                                        "Base imponible": euros})
    inicio = {}
    for f in libro.facturas:
        inicio.setdefault(f.cliente, [f.fila, f.fila])[1] = f.fila
    for desde, hasta in inicio.values():
        if hasta > desde:
            hoja.merge_cells(f"A{desde}:A{hasta}")
    wb.save(ruta)


# --- 17 (MX): «Cond. pago» with «30 días», «Contado», «Neto 60», no due date ----------------------------------------

_FILAS_17 = [
    (0, "B-100", 40, 30, D("5000"), None, "", False, {"sin_vencimiento": True, "dias_credito": 30, "cond": "30 días"}),
    (0, "B-101", 20, 0, D("1500"), None, "", False, {"sin_vencimiento": True, "dias_credito": 0, "cond": "Contado"}),
    (1, "B-102", 10, 60, D("12000"), None, "", False, {"sin_vencimiento": True, "dias_credito": 60, "cond": "Neto 60"}),
    (1, "B-103", 35, 45, D("7300"), None, "", False, {"sin_vencimiento": True, "dias_credito": 45, "cond": "45 DIAS"}),
    (2, "B-104", 5, 15, D("980"), None, "", False, {"sin_vencimiento": True, "dias_credito": 15, "cond": "Crédito 15 días"}),
]


def v17() -> Libro:
    libro = _libro("condicion_de_pago_mx.xlsx", "v17", (
        "México: sin vencimiento; el plazo está en «Cond. pago» escrito a mano: «30 días», «Contado», «Neto 60», "
        "«45 DIAS», «Crédito 15 días»."), "CxC", 1, _escribir_v17, CLIENTES_MX, **MX)
    agregar(libro, _FILAS_17, "CxC", 2, "MXN", CLIENTES_MX)
    return libro


def _escribir_v17(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    hoja = wb.active
    hoja.title = "CxC"
    cond = {t[1]: t[8]["cond"] for t in _FILAS_17}
    columnas = [("Folio", _dato("factura")), ("Cliente", lambda f, c, r, L: c.nombre), ("Fecha", _dato("emision")),
                ("Cond. pago", lambda f, c, r, L: cond[f.factura]), ("Importe", _monto("total"))]
    tabla(hoja, 1, 1, columnas, libro, {"Fecha": FECHA, "Importe": '"$"#,##0.00'})
    wb.save(ruta)
