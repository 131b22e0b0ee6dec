"""Third red team, books 6–10: amounts in thousands, a «Descuento» and a «Retención» that reduce what is owed,
a totals row between two blocks of invoices, a due date typed as text before the issue date (see ``generar.py``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from comun import FECHA, NEGRITA, Cliente, D, Libro, agregar, dt_texto, numero
from libros_a import CLIENTES, CO, CORREO, NIT, NOMBRE, PESOS, dato, libro_plano, monto
from openpyxl import Workbook

MX = {"pais": "MX", "locale": "es_MX.UTF-8", "moneda": "MXN"}


# --- v06 (CO): «Valor (miles)»: 3.200 means $ 3.200.000 --------------------------------------------------------------

_FILAS_6 = [
    (0, "FV-1201", 48, 30, D("3200000"), None, "", False), (1, "FV-1202", 30, 30, D("12500000"), D("2500000"), "", False),
    (2, "FV-1203", 15, 30, D("875000"), None, "", False), (0, "FV-1204", -4, 30, D("1640000"), None, "", False),
]


def _miles(attr):
    return lambda f, c, r, L: None if getattr(f, attr) is None else numero(getattr(f, attr) / 1000)


def v06() -> Libro:
    libro = libro_plano("valores_en_miles_co.xlsx", "v06", (
        "Encabezados «Valor (miles)» y «Abonos (miles)»: 3.200 es $ 3.200.000. Un recordatorio que cobre $ 3.200 es "
        "un error grave."), CLIENTES, _FILAS_6,
        [("Factura", dato("factura")), NOMBRE, NIT, CORREO, ("Fecha", dato("emision")), ("Vence", dato("vencimiento")),
         ("Valor (miles)", _miles("total")), ("Abonos (miles)", _miles("pagado_fila"))],
        {"Fecha": FECHA, "Vence": FECHA, "Valor (miles)": "#,##0", "Abonos (miles)": "#,##0"})
    libro.particularidades = ["Aceptable: un rechazo o aviso en grande de que las cifras están en miles."]
    return libro


# --- v07 (CO): «Descuento» (pronto pago / comercial) reduces what is owed; no Saldo column ----------------------------

_DESCUENTO_7 = {"FV-1301": D("150000"), "FV-1303": D("50000"), "FV-1304": D("90000")}
_FILAS_7 = [  # pagado = abonos + descuento (what the owner no longer expects)
    (0, "FV-1301", 42, 30, D("3000000"), D("1150000"), "", False), (1, "FV-1302", 28, 30, D("1250000"), None, "", False),
    (2, "FV-1303", 16, 30, D("1000000"), D("50000"), "", False), (0, "FV-1304", 6, 30, D("1800000"), D("1800000"), "", False),
]


def _menos(descuentos: dict[str, Decimal]):
    def abonos(f, c, r, L):
        resto = (f.pagado_fila or 0) - descuentos.get(f.factura, 0)
        return numero(resto) if resto else None
    return abonos


def v07() -> Libro:
    return libro_plano("descuento_co.xlsx", "v07", (
        "Columnas «Valor», «Descuento» y «Abonos», sin «Saldo»: lo que se debe es Valor − Descuento − Abonos "
        "(FV-1304: 1.800.000 − 90.000 − 1.710.000 = 0, pagada)."), CLIENTES, _FILAS_7,
        [("Factura", dato("factura")), NOMBRE, NIT, CORREO, ("Fecha", dato("emision")), ("Vence", dato("vencimiento")),
         ("Valor", monto("total")), ("Descuento", lambda f, c, r, L: numero(_DESCUENTO_7[f.factura]) if f.factura in _DESCUENTO_7 else None),
         ("Abonos", _menos(_DESCUENTO_7))], {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS, "Descuento": PESOS, "Abonos": PESOS})


# --- v08 (CO): «Retención» (ReteFuente 2,5 %) withheld by the customer: it pays Valor − Retención ---------------------

_RETENCION_8 = {"FV-1401": D("100000"), "FV-1402": D("62500"), "FV-1404": D("25000")}
_FILAS_8 = [  # pagado = abonos + retención
    (0, "FV-1401", 38, 30, D("4000000"), D("100000"), "", False),
    (1, "FV-1402", 22, 30, D("2500000"), D("2500000"), "", False),
    (2, "FV-1403", 12, 30, D("560000"), None, "", False),
    (0, "FV-1404", 4, 30, D("1000000"), D("525000"), "", False),
]


def v08() -> Libro:
    return libro_plano("retencion_co.xlsx", "v08", (
        "Columnas «Valor», «Retención» (ReteFuente que el cliente descuenta y paga a la DIAN) y «Abonos», sin «Saldo»: "
        "se cobra Valor − Retención − Abonos (FV-1402: 2.500.000 − 62.500 − 2.437.500 = 0, pagada)."), CLIENTES, _FILAS_8,
        [("Factura", dato("factura")), NOMBRE, NIT, CORREO, ("Fecha", dato("emision")), ("Vence", dato("vencimiento")),
         ("Valor", monto("total")), ("Retención", lambda f, c, r, L: numero(_RETENCION_8[f.factura]) if f.factura in _RETENCION_8 else None),
         ("Abonos", _menos(_RETENCION_8))], {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS, "Retención": PESOS, "Abonos": PESOS})


# --- v09 (CO): «Total 2025» between the 2025 block and the 2026 block ------------------------------------------------

_FILAS_9 = [
    (0, "FV-0981", 400, 30, D("2100000"), D("600000"), "", False), (1, "FV-0990", 380, 30, D("950000"), None, "", False),
    (2, "FV-0995", 340, 30, D("700000"), D("700000"), "", False),
    (0, "FV-1001", 70, 30, D("1500000"), None, "", False), (1, "FV-1002", 33, 30, D("2600000"), D("600000"), "", False),
    (2, "FV-1003", 9, 30, D("480000"), None, "", False), (0, "FV-1004", -7, 30, D("3300000"), None, "", False),
]
_COLUMNAS_9 = [("Factura", dato("factura")), NOMBRE, NIT, CORREO, ("Fecha", dato("emision")), ("Vence", dato("vencimiento")),
               ("Valor", monto("total")), ("Abonos", monto("pagado_fila")), ("Saldo", lambda f, c, r, L: f"=G{r}-H{r}")]


def v09() -> Libro:
    libro = Libro("total_en_medio_co.xlsx", "v09", descripcion=(
        "Bloque de facturas 2025 (filas 2–4), «Total 2025» (fila 5) con sumas, una fila en blanco, el título «2026» "
        "(fila 7) y las facturas 2026 debajo (filas 8–11), «Total 2026» y «Total general» al final. Las facturas "
        "debajo del primer total son tan facturas como las de arriba."), escribir=lambda ruta: _escribir_9(ruta, libro),
        hoja_facturas="Cartera", fila_encabezado=1, clientes=list(CLIENTES), **CO)
    agregar(libro, _FILAS_9, "Cartera", 2, "COP", CLIENTES, saltar=(5, 6, 7))
    libro.no_datos = {"Cartera": [(5, "subtotal"), (7, "titulo"), (12, "subtotal"), (13, "total")]}
    return libro


def _escribir_9(ruta, libro) -> None:
    from comun import tabla
    wb = Workbook()
    hoja = wb.active
    hoja.title = "Cartera"
    tabla(hoja, 1, 1, _COLUMNAS_9, libro, {"Fecha": FECHA, "Vence": FECHA, "Valor": PESOS, "Abonos": PESOS, "Saldo": PESOS})
    for fila, texto, desde, hasta in ((5, "Total 2025", 2, 4), (12, "Total 2026", 8, 11)):
        hoja.cell(fila, 1, texto).font = NEGRITA
        for letra in "GHI":
            hoja[f"{letra}{fila}"] = f"=SUM({letra}{desde}:{letra}{hasta})"
            hoja[f"{letra}{fila}"].number_format = PESOS
    hoja.cell(7, 1, "2026").font = NEGRITA
    hoja.cell(13, 1, "Total general").font = NEGRITA
    for letra in "GHI":
        hoja[f"{letra}13"] = f"={letra}5+{letra}12"
    wb.save(ruta)


# --- v10 (MX): a due date typed as text BEFORE the issue date (a typo: «15/09/2026» for «15/11/2026») --------------

CLIENTES_10 = [
    Cliente("GOMS750210QW3", "Servicios Gómez Morales", "GOMS750210QW3", ("sgomez@correo.example",)),
    Cliente("TLA1203157Z8", "Tlapalería La Esperanza S.A. de C.V.", "TLA1203157Z8", ("pagos@laesperanza.example",)),
]
_FILAS_10 = [
    (0, "F-2201", 45, 30, D("18500.00"), None, "", False), (1, "F-2202", 15, 30, D("9200.00"), None, "", False),
    (0, "F-2203", 0, 30, D("12750.00"), None, "", False), (1, "F-2204", -10, 30, D("6400.00"), None, "", False),
]
_VENCE_TECLEADO = {"F-2203": "30/08/2026"}  # emitted 31/10/2026: typed three months early


def v10() -> Libro:
    libro = libro_plano("vence_antes_de_emitir_mx.xlsx", "v10", (
        "México: «Vencimiento» escrito como texto («dd/mm/aaaa»); F-2203 emitida el 31/10/2026 «vence» el 30/08/2026 "
        "(error de dedo). Cobrarla con 92 días de atraso y su recargo es un error: se rechaza la fila o se avisa."),
        CLIENTES_10, _FILAS_10,
        [("Folio", dato("factura")), NOMBRE, ("RFC", lambda f, c, r, L: c.id_fiscal), CORREO, ("Fecha", dato("emision")),
         ("Vencimiento", lambda f, c, r, L: _VENCE_TECLEADO.get(f.factura, dt_texto(f.vencimiento, "barra"))),
         ("Total", monto("total"))], {"Fecha": FECHA, "Total": '"$"#,##0.00'}, pais=MX)
    for f in libro.facturas:
        if f.factura in _VENCE_TECLEADO:
            f.rechazada = True
    libro.particularidades = ["Aceptable también: leerla con vencimiento = emisión + plazo y un aviso en grande."]
    return libro


_ = dt
