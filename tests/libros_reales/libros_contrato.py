"""The contract workbook (PRODUCT.md §1: Clientes, Facturas, Pagos) as (g) .xls, (h) .ods, and (i) with a
two-row header and Data→Subtotals rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from familias import FECHA, NEGRITA, PESOS, D, encabezado, fechas, formatear, numero
from generar import Cliente, Factura, Libro, Pago
from openpyxl import Workbook
from openpyxl.styles import Alignment

CO = {"pais": "CO", "locale": "es_CO.UTF-8", "moneda": "COP"}

# --- (g) and (h): the same contract workbook saved as .xls and as .ods -----------------------------------------

_CLIENTES_G = [
    Cliente("T01", "Textiles Aburrá S.A.S.", correos=("catalina.restrepo@textilesaburra.example",), telefono="604 448 2210", dias_credito=30),
    Cliente("T02", "Lácteos La Pradera Ltda.", correos=("hzapata@lapradera.example",), telefono="604 861 0934", dias_credito=45),
    Cliente("T03", "Muebles Roble y Nogal", correos=("gcardenas@robleynogal.example",), telefono="312 778 4410"),
    Cliente("T04", "Hotel Plaza Envigado", correos=("contabilidad@plazaenvigado.example",), telefono="604 332 9087", dias_credito=30),
    Cliente("T05", "Imprenta Litográfica Sabaneta", correos=("paula.ochoa@litosabaneta.example",), telefono="604 288 5521"),
]
_CONTACTOS_G = ("Catalina Restrepo", "Hernán Zapata", "Gloria Cárdenas", "Andrés Mejía", "Paula Ochoa")

# (factura, cliente, días vencidos, plazo, vencimiento escrito?, total, Estado, cerrada, disputa, promesa)
_FILAS_G = [
    ("FV-3301", 0, 99, 30, True, D("4250000"), "", False, False, None),
    ("FV-3302", 1, 80, 45, False, D("6120000"), "", False, False, None),
    ("FV-3303", 2, 70, 30, True, D("1560000"), "Disputa", False, True, None),
    ("FV-3304", 3, 66, 30, True, D("3900000"), "Pagada", True, False, None),
    ("FV-3305", 0, 58, 30, True, D("1875000"), "Pendiente", False, False, None),
    ("FV-3306", 4, 45, 30, True, D("890000"), "Anulada", True, False, None),
    ("FV-3308", 1, 36, 45, False, D("3340000"), "Promesa", False, False, dt.date(2026, 12, 5)),
    ("FV-3309", 3, 33, 30, True, D("2450000"), "", False, False, None),
    ("FV-3310", 0, 24, 30, True, D("2390000"), "", False, False, None),
    ("FV-3311", 2, 19, 30, False, D("980000"), "", False, False, None),
    ("FV-3312", 3, 3, 30, True, D("1275500"), "", False, False, None),
    ("FV-3313", 4, 2, 30, True, D("1420000"), "", False, False, None),
    ("FV-3314", 1, -6, 45, False, D("2780000"), "", False, False, None),
    ("FV-3315", 4, 31, 30, True, D("650000"), "", False, False, None),
    ("FV-3316", 2, -14, 30, True, D("2200000"), "", False, False, None),
]

# (fecha, factura, cliente, monto, método, referencia)
_PAGOS_G = [
    (dt.date(2026, 10, 2), "FV-3301", None, D("1500000"), "transferencia", "TRF-55120"),
    (dt.date(2026, 11, 10), None, "T01", D("3000000"), "transferencia", "TRF-56877"),
    (dt.date(2026, 11, 15), "FV-3304", None, D("3900000"), "cheque", "CH-004471"),
    (dt.date(2026, 11, 20), "FV-3309", None, D("2450000"), "cheque", "CH-004502"),
    (dt.date(2026, 11, 25), None, "T05", D("1000000"), "efectivo", ""),
    (dt.date(2026, 11, 28), "FV-3302", None, D("7000000"), "transferencia", "TRF-57310"),
    (dt.date(2026, 12, 3), "FV-3312", None, D("1275500"), "transferencia", "TRF-57702"),
]


def _contrato(nombre: str, familia: str, formato: str) -> Libro:
    libro = Libro(nombre, familia, descripcion=(
        f"El libro del contrato (hojas Clientes, Facturas y Pagos, sin Configuración) de una comercializadora de "
        f"Medellín, guardado por LibreOffice como .{formato}."),
        escribir=lambda ruta: _escribir_contrato(ruta, libro), hoja_facturas="Facturas", fila_encabezado=1,
        clientes=list(_CLIENTES_G), **CO)
    for fila, (factura, cli, dias, plazo, escrito, total, estado, cerrada, disputa, promesa) in enumerate(_FILAS_G, 2):
        emision, vence = fechas(dias, plazo)
        libro.facturas.append(Factura("Facturas", fila, factura, _CLIENTES_G[cli].clave, emision, total, "COP",
                                      vencimiento=vence if escrito else None, estado=estado, cerrada=cerrada,
                                      disputa=disputa, numero_tecleado=factura))
        libro.facturas[-1].promesa = promesa
    for fila, (fecha, factura, cliente, monto, metodo, referencia) in enumerate(_PAGOS_G, start=2):
        libro.pagos.append(Pago("Pagos", fila, fecha, monto, factura, cliente, metodo))
        libro.pagos[-1].referencia = referencia
    libro.no_datos = {}
    libro.particularidades = [
        f"Formato .{formato}: cartera lo lee tal cual (la escritura de vuelta es solo .xlsx).",
        "Vencimiento en blanco: FV-3302/3308/3314 → Emisión + 45 (Días de crédito de T02); FV-3311 → + 30 (T03 sin plazo).",
        "Pago de cliente T01 (3.000.000) sin factura: FIFO → FV-3301 queda en 0 y FV-3305 recibe 250.000.",
        "Pago de cliente T05 (1.000.000): FV-3306 está Anulada (no recibe); FV-3315 (vence antes) queda en 0, FV-3313 recibe 350.000.",
        "FV-3302 recibe 7.000.000 sobre 6.120.000: saldo 0 y 880.000 de saldo a favor.",
        "El pago del 03/12/2026 a FV-3312 es posterior al corte: no cuenta.",
        "FV-3303 en Disputa: sin recargo; FV-3308 en Promesa (05/12/2026): sigue causando recargo.",
    ]
    return libro


def familia_g() -> Libro:
    return _contrato("contrato_excel97_co.xls", "g", "xls")


def familia_h() -> Libro:
    return _contrato("contrato_calc_co.ods", "h", "ods")


def _escribir_contrato(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    clientes = wb.active
    clientes.title = "Clientes"
    encabezado(clientes, 1, ["Cliente", "Nombre", "Contacto", "Correo", "Teléfono", "Días de crédito"])
    for c, contacto in zip(libro.clientes, _CONTACTOS_G, strict=True):
        clientes.append([c.clave, c.nombre, contacto, c.correos[0], c.telefono, c.dias_credito])
    facturas = wb.create_sheet("Facturas")
    encabezado(facturas, 1, ["Factura", "Cliente", "Emisión", "Vencimiento", "Total", "Moneda", "Estado",
                             "Promesa de pago"])
    for f in libro.facturas:
        facturas.append([f.factura, f.cliente, f.emision, f.vencimiento, numero(f.total), f.moneda, f.estado or None,
                         f.promesa])
        formatear(facturas, f.fila, {"C": FECHA, "D": FECHA, "E": PESOS, "H": FECHA})
    pagos = wb.create_sheet("Pagos")
    encabezado(pagos, 1, ["Fecha", "Factura", "Cliente", "Monto", "Método", "Referencia"])
    for p in libro.pagos:
        pagos.append([p.fecha, p.factura, p.cliente, numero(p.monto), p.metodo, p.referencia or None])
        formatear(pagos, p.fila, {"A": FECHA, "D": PESOS})
    wb.save(ruta)


# --- (i) the contract with a two-row header and Data→Subtotals rows ------------------------------------------

_CLIENTES_I = [
    Cliente("D01", "Transportadora del Meta S.A.S.", correos=("tesoreria@transmeta.example",), dias_credito=30),
    Cliente("D02", "Estación de Servicio Puerto López", correos=("eds.puertolopez@correo.example",)),
    Cliente("D03", "Arrocera La Esperanza S.A.S.", correos=("pagos@arroceraesperanza.example",), dias_credito=60),
    Cliente("D04", "Taller Diésel Los Centauros", correos=("dieselcentauros@correo.example",)),
]

# cliente → [(factura, días vencidos, plazo, vencimiento escrito?, total, Estado, cerrada)]
_GRUPOS_I = {
    "D01": [("LL-801", 92, 30, True, D("5400000"), "", False), ("LL-815", 33, 30, True, D("3120000"), "", False),
            ("LL-829", 1, 30, True, D("2875000"), "", False)],
    "D02": [("LL-803", 64, 30, True, D("1890000"), "", False), ("LL-818", 30, 30, True, D("945000"), "Pagada", True),
            ("LL-831", -9, 30, True, D("1230000"), "", False)],
    "D03": [("LL-806", 47, 60, False, D("8750000"), "", False), ("LL-820", 5, 60, False, D("4100000"), "", False),
            ("LL-834", -40, 60, False, D("6650000"), "", False)],
    "D04": [("LL-809", 120, 30, True, D("760000"), "Incobrable", True), ("LL-824", 15, 30, True, D("1340000"), "", False),
            ("LL-827", 3, 30, True, D("560000"), "", False)],
}
_PAGOS_I = [
    (dt.date(2026, 11, 5), "LL-803", None, D("890000"), "transferencia"),
    (dt.date(2026, 11, 21), None, "D01", D("6000000"), "transferencia"),
    (dt.date(2026, 11, 29), "LL-824", None, D("1340000"), "consignación"),
]


def familia_i() -> Libro:
    libro = Libro("contrato_subtotales_co.xlsx", "i", descripcion=(
        "Distribuidora de lubricantes de Villavicencio: el contrato con encabezado de dos filas (fila 1 "
        "«Documento» y «Valores» combinadas sobre sus columnas, «Cliente» y «Estado» combinadas en vertical) y "
        "filas de Datos → Subtotales («D01 Total» con SUBTOTALES(9;…)) y «Total general»."),
        escribir=lambda ruta: _escribir_i(ruta, libro), hoja_facturas="Facturas", fila_encabezado=2,
        clientes=list(_CLIENTES_I), **CO)
    no_datos = [(1, "encabezado_grupo")]
    fila = 3
    libro.grupos = []
    for cliente, filas in _GRUPOS_I.items():
        primera = fila
        for factura, dias, plazo, escrito, total, estado, cerrada in filas:
            emision, vence = fechas(dias, plazo)
            libro.facturas.append(Factura("Facturas", fila, factura, cliente, emision, total, "COP",
                                          vencimiento=vence if escrito else None, estado=estado, cerrada=cerrada,
                                          numero_tecleado=factura))
            fila += 1
        no_datos.append((fila, "subtotal"))
        libro.grupos.append((cliente, primera, fila))
        libro.celdas.append(("Facturas", f"E{fila}", sum(f[4] for f in filas)))
        fila += 1
    no_datos.append((fila, "total"))
    libro.celdas.append(("Facturas", f"E{fila}", sum(f.total for f in libro.facturas)))
    libro.no_datos = {"Facturas": no_datos}
    for i, (fecha, factura, cliente, monto, metodo) in enumerate(_PAGOS_I, start=2):
        libro.pagos.append(Pago("Pagos", i, fecha, monto, factura, cliente, metodo))
    libro.particularidades = [
        "Encabezado en dos filas: «Cliente» y «Estado» están combinadas A1:A2 y G1:G2 (su texto está en la fila 1); "
        "«Documento» (B1:D1) y «Valores» (E1:F1) agrupan Factura/Emisión/Vencimiento y Total/Moneda de la fila 2.",
        "Después de cada cliente, una fila «D0x Total» con =SUBTOTAL(9,E…) y al final «Total general»; filas con nivel de esquema.",
        "D03 tiene 60 días de crédito y sus facturas no tienen vencimiento; D02 y D04 no tienen plazo → 30.",
        "Pago de cliente D01 (6.000.000): LL-801 queda en 0 y LL-815 recibe 600.000.",
        "LL-818 «Pagada» sin pago anotado y LL-809 «Incobrable»: cerradas.",
    ]
    return libro


def _escribir_i(ruta: Path, libro: Libro) -> None:
    wb = Workbook()
    clientes = wb.active
    clientes.title = "Clientes"
    encabezado(clientes, 1, ["Cliente", "Nombre", "Correo", "Días de crédito"])
    for c in libro.clientes:
        clientes.append([c.clave, c.nombre, c.correos[0], c.dias_credito])
    hoja = wb.create_sheet("Facturas")
    for ref, texto in (("A1", "Cliente"), ("B1", "Documento"), ("E1", "Valores"), ("G1", "Estado")):
        hoja[ref] = texto
        hoja[ref].font = NEGRITA
        hoja[ref].alignment = Alignment(horizontal="center", vertical="center")
    for rango in ("A1:A2", "B1:D1", "E1:F1", "G1:G2"):
        hoja.merge_cells(rango)
    for ref, texto in (("B2", "Factura"), ("C2", "Emisión"), ("D2", "Vencimiento"), ("E2", "Total"), ("F2", "Moneda")):
        hoja[ref] = texto
        hoja[ref].font = NEGRITA
    for f in libro.facturas:
        for columna, valor in enumerate([f.cliente, f.factura, f.emision, f.vencimiento, numero(f.total), f.moneda,
                                         f.estado or None], start=1):
            hoja.cell(f.fila, columna, valor)
        formatear(hoja, f.fila, {"C": FECHA, "D": FECHA, "E": PESOS})
        hoja.row_dimensions[f.fila].outline_level = 2
    for cliente, primera, subtotal in libro.grupos:
        hoja.cell(subtotal, 1, f"{cliente} Total").font = NEGRITA
        hoja[f"E{subtotal}"] = f"=SUBTOTAL(9,E{primera}:E{subtotal - 1})"
        formatear(hoja, subtotal, {"E": PESOS})
        hoja.row_dimensions[subtotal].outline_level = 1
    total = libro.no_datos["Facturas"][-1][0]
    hoja.cell(total, 1, "Total general").font = NEGRITA
    hoja[f"E{total}"] = f"=SUBTOTAL(9,E3:E{total - 1})"
    formatear(hoja, total, {"E": PESOS})
    pagos = wb.create_sheet("Pagos")
    encabezado(pagos, 1, ["Fecha", "Factura", "Cliente", "Monto", "Método"])
    for p in libro.pagos:
        pagos.append([p.fecha, p.factura, p.cliente, numero(p.monto), p.metodo])
        formatear(pagos, p.fila, {"A": FECHA, "D": PESOS})
    wb.save(ruta)
