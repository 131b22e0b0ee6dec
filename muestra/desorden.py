"""The sample's messy variant: the same data typed the way people really type it.

``desordenar`` rewrites the clean sheets of :mod:`muestra` with other
sheet names and header aliases (other case, no accents, a trailing colon),
columns moved, the user's own extra columns (Vendedor, Observaciones), most
dates and amounts as Colombian text and a blank row every seven.  Reading the
clean and the messy workbook must give the same result (``tests/test_muestra.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from cartera.lectura.esquema import (
    ACUERDOS,
    CANONICOS,
    CLIENTES,
    CONFIGURACION,
    ENCABEZADOS_DINERO,
    ETAPAS,
    FACTURAS,
    HISTORIAL,
    PAGOS,
    RECARGOS,
)
from cartera.libro.nuevo import HojaPlantilla

DESORDEN = (
    (CONFIGURACION, "configuracion", (("Parámetro", "parametro"), ("Valor", "VALOR:"), ("Ayuda", "ayuda"))),
    (FACTURAS, "FACTURAS ", (("Cliente", "cliente:"), ("Factura", "N° Factura"), (None, "Vendedor"),
                             ("Emisión", "Fecha de emisión"), ("Vencimiento", "Vence"), ("Moneda", "MONEDA"),
                             ("Total", "Importe"), ("Estado", "estado"), (None, "Observaciones"),
                             ("Promesa de pago", "Promesa de Pago:"), ("Archivo", "archivo"),
                             ("Enlace de pago", "enlace de pago"))),
    (CLIENTES, "CLIENTES", ((None, "Vendedor"), ("Nombre", "nombre:"), ("Cliente", "CLIENTE"), ("Correo", "E-mail"),
                            ("Teléfono", "Tel"), ("Contacto", " Contacto"), ("CC", "cc"), ("WhatsApp", "Whatsapp:"),
                            ("Días de crédito", "dias de credito"), ("Trato", "TRATO"),
                            ("No contactar", "No Contactar"), (None, "Observaciones"))),
    (PAGOS, "pagos", (("Cliente", "CLIENTE"), ("Fecha", "Fecha de pago"), ("Monto", "Valor pagado"),
                      ("Factura", "N° Factura"), ("Referencia", "Referencia "), ("Método", "forma de pago:"))),
    (ETAPAS, "ETAPAS", (("Etapa", "etapa"), ("Días", "dias"), ("Desde", "DESDE"), ("Canal", "canal:"),
                        ("Plantilla", "plantilla"))),
    (RECARGOS, "recargos", (("Desde (días)", "desde (dias)"), ("Tipo", "TIPO"), ("Valor", "valor"))),
    (HISTORIAL, "historial", tuple((campo, campo.lower()) for campo in CANONICOS[HISTORIAL])),
    (ACUERDOS, "Acuerdos de pago", (("Cliente", "cliente"), ("Facturas", "Facturas:"), ("Fecha del acuerdo", "fecha acuerdo"),
                                    ("Cuotas", "N° de cuotas"), ("Periodicidad", "PERIODICIDAD"),
                                    ("Primera cuota", "Primera Cuota"), ("Cuota inicial", "cuota inicial"),
                                    ("Estado", "estado"))),
)
"""(canonical sheet, sheet name as typed, ((canonical header or None for a user's column, header as typed), …))."""

VENDEDORES = ("Juan Pablo", "Marta Lucía", "Óscar")
OBSERVACIONES = {"Disputa": "Reclama 4 bultos averiados", "Promesa": "Prometió pagar por teléfono",
                 "Plan de pagos": "Acuerdo de pago en 4 cuotas", "sí": "Cartera en manos del abogado"}


def desordenar(limpias: Sequence[HojaPlantilla]) -> tuple[HojaPlantilla, ...]:
    """The clean sheets rewritten with aliases, moved and extra columns, text values and blank rows."""
    por_nombre = {hoja.nombre: hoja for hoja in limpias}
    return tuple(_desordenar_hoja(por_nombre[canonica], nombre, columnas) for canonica, nombre, columnas in DESORDEN)


def _desordenar_hoja(hoja: HojaPlantilla, nombre: str, columnas: tuple[tuple[str | None, str], ...]) -> HojaPlantilla:
    filas = []
    for n, fila in enumerate(hoja.filas):
        valores = dict(zip(hoja.encabezados, fila, strict=True))
        filas.append(tuple(_valor_tecleado(campo, encabezado, valores, n) for campo, encabezado in columnas))
        if n % 7 == 6:
            filas.append(())
    return HojaPlantilla(nombre, tuple(e for _, e in columnas), tuple(filas), tuple(c for c, _ in columnas))


def _valor_tecleado(campo: str | None, encabezado: str, valores: dict[str, object], n: int) -> object:
    """A value as a person types it: most dates and amounts as Colombian text, numbers as text."""
    if campo is None:
        return _columna_extra(encabezado, valores, n)
    valor = valores[campo]
    if isinstance(valor, dt.date) and (n % 4 != 3 or "Parámetro" in valores):
        return valor.strftime("%d/%m/%Y")
    if campo in ENCABEZADOS_DINERO and isinstance(valor, int | Decimal) and valor > 0 and n % 3 != 2:
        return texto_dinero(valor)
    if isinstance(valor, int) and campo not in ENCABEZADOS_DINERO:
        return str(valor)
    return valor


def _columna_extra(encabezado: str, valores: dict[str, object], n: int) -> object:
    """The user's own columns: a salesperson, and a note on disputes, promises and the like."""
    if encabezado == "Vendedor":
        return VENDEDORES[n % 3]
    return OBSERVACIONES.get(valores.get("Estado") or valores.get("No contactar"))


def texto_dinero(valor: int | Decimal, *, simbolo: str = "$", centavos: bool = False) -> str:
    """Colombian money text: 1250000.5 → "$ 1.250.000,50", 845000 → "$ 845.000" (",00" kept if ``centavos``)."""
    texto = f"{Decimal(valor):,.2f}".translate(str.maketrans(",.", ".,"))
    return f"{simbolo} {texto if centavos else texto.removesuffix(',00')}"
