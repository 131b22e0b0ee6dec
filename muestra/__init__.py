"""The demo workbook ``sample_cartera.xlsx``: a Medellín distributor's receivables on 24/11/2026.

``python -m muestra [RUTA] [--desordenado]`` rebuilds it (by default at
the repo root) and the small invoice PDFs it attaches (``facturas_pdf/`` beside
it).  The data is fixed: no clock, no random module, so every run writes the
same workbook.  Due dates are placed around the fixed ``Fecha de corte`` so
that the demo shows every aging bucket and every reminder stage, a few
deliberately bad rows show how errors are reported, and addresses use the
reserved ``.example`` domain so no real person is ever written to.

``desordenado=True`` writes exactly the same data the way people really type
it (aliases, other case, no accents, columns moved, extra columns, dates and
amounts as text, blank rows); reading both must give the same result.  That
variant lives in :mod:`muestra.desorden`, the PDF writer in
:mod:`muestra.pdf`; their public names are re-exported here.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from cartera.lectura.esquema import (
    ACUERDOS,
    CANONICOS,
    CLIENTES,
    CONFIGURACION,
    ETAPAS,
    FACTURAS,
    HISTORIAL,
    PAGOS,
    RECARGOS,
)
from cartera.libro import nuevo
from cartera.libro.nuevo import HojaPlantilla
from muestra.desorden import DESORDEN, desordenar, texto_dinero
from muestra.pdf import CARPETA_PDF, Membrete, escribir_pdfs, pdf_factura, pdf_texto

CORTE = dt.date(2026, 11, 24)
EMPRESA = "Distribuciones La Ceiba S.A.S."
DOMINIO = "distribucioneslaceiba.example"
RAIZ = Path(__file__).resolve().parent.parent
"""The repo root (the sample's home); a non-editable install writes in the current folder instead."""
DIAS_CREDITO = 30
MEMBRETE = Membrete(EMPRESA, "NIT 900.000.000-1 · Carrera 52 # 14-80, Guayabal, Medellín · +57 320 718 4450")

__all__ = ["CARPETA_PDF", "DESORDEN", "datos", "desordenar", "escribir", "hojas", "main", "pdf_factura", "pdf_texto",
           "texto_dinero"]


def _d(texto: str) -> dt.date:
    return dt.date.fromisoformat(texto)


def _cliente(codigo, nombre, contacto, correo, telefono, *, whatsapp=True, trato="usted", no_contactar="no",
             credito=None, cc=None) -> tuple[object, ...]:
    return (codigo, nombre, contacto, correo, cc, telefono, telefono if whatsapp else None, trato, no_contactar,
            credito)


CLIENTES_MUESTRA = (
    _cliente("ROBLE", "Ferretería El Roble S.A.S.", "Luz Marina Restrepo", "tesoreria@ferreteriaelroble.example", "+57 310 482 1934"),
    _cliente("SANJOSE", "Droguería San José", "Andrés Felipe Gómez", "pagos@drogueriasanjose.example", "+57 314 207 5561"),
    _cliente("PALMAS", "Supermercado Las Palmas Ltda.", "Carolina Jaramillo", "cuentasporpagar@superlaspalmas.example; carolina.jaramillo@superlaspalmas.example", "+57 300 615 2208"),
    _cliente("ANDINA", "Constructora Andina del Norte S.A.S.", "Jorge Iván Zapata", "contabilidad@constructoraandina.example", "+57 318 774 0921", whatsapp=False, cc="gerencia@constructoraandina.example"),
    _cliente("TRIGAL", "Panadería El Trigal", "Gloria Patricia Henao", "gloria.henao@paneltrigal.example", "+57 312 908 4417"),
    _cliente("MONTANA", "Restaurante La Montaña", "Santiago Uribe", "administracion@restaurantelamontana.example", "+57 315 330 7742"),
    _cliente("ESTRELLA", "Papelería La Estrella", "Camila Torres", "camila@papelerialaestrella.example", "+57 301 556 8120", trato="tú"),
    _cliente("AGROSUR", "Agropecuaria del Suroeste S.A.S.", "Hernán Darío Cardona", "compras@agrosuroeste.example", "+57 313 640 2257"),
    _cliente("TEXTIL", "Textiles Laureles S.A.S.", "Marcela Londoño", "cartera@textileslaureles.example", "+57 316 219 4083", whatsapp=False, credito=60),
    _cliente("ANDEAN", "Andean Gourmet Imports LLC", "Laura Méndez", "ap@andeangourmet.example", "+1 305 555 0142", whatsapp=False, credito=30),
    _cliente("BOTICA", "Drogas La Botica", "Ramiro Acevedo", None, "+57 311 867 3390"),
    _cliente("MORENO", "Almacén Moreno e Hijos", "Rubén Moreno", "rmoreno@almacenmoreno.example", "+57 317 402 6618", no_contactar="sí"),
    _cliente("PATITAS", "Clínica Veterinaria Patitas", "Paula Salazar", "administracion@vetpatitas.example", "+57 304 381 5526"),
    _cliente("RIOVERDE", "Hotel Río Verde", "Mauricio Betancur", "tesoreria@hotelrioverde.example", "+57 319 245 6603"),
    _cliente("TRANSVALLE", "Transportes Valle de Aburrá S.A.S.", "Diana Marcela Quintero", "facturacion@transvalle.example", "+57 320 118 4972"),
    _cliente("SANTAINES", "Colegio Santa Inés", "Lucía Arbeláez", "tesoreria@colegiosantaines.example", "+57 310 927 3341", whatsapp=False),
    _cliente("DONAROSA", "Miscelánea Doña Rosa", "Rosa Elvira Cano", "rosaelvira.cano@correo.example", "+57 312 554 0187"),
    _cliente("VAQUITA", "Lácteos La Vaquita", "Alejandro Mejía", "pagos@lacteoslavaquita.example", "+57 314 660 9215", credito=15),
    _cliente("ORIENTE", "Carnes Finas del Oriente", "Beatriz Elena Ochoa", "pagos@carnesdeloriente.example", "+57 300 872 1459"),
    _cliente("POLONORTE", "Heladería Polo Norte", "Felipe Castaño", "felipe@heladeriapolonorte.example", "+57 315 908 2276"),
    _cliente("COOPRIO", "Cooperativa Multiactiva de Rionegro", "Juan Camilo Vélez", "tesoreria@cooprionegro.example", "+57 318 203 7764", credito=45),
    _cliente("YARUMAL", "Distribuciones Yarumal", "Óscar Rendón", "ventas.yarumal.example", "+57 313 495 8830"),
)


class Factura(NamedTuple):
    """A factura of the sample before numbering.

    Dates are ISO text; a ``vencimiento`` without "-" is kept as typed text (a bad row), ``None`` = blank.
    ``numero``: "" = the next FE number, "@etiqueta" = copy that factura's number, else fixed.
    """

    etiqueta: str
    cliente: str
    emision: str
    vencimiento: str | None
    total: int | Decimal
    moneda: str = "COP"
    estado: str = ""
    promesa: str | None = None
    enlace: bool = False
    numero: str = ""


F = Factura
FACTURAS_CLAVE = (
    F("roble_anulada", "ROBLE", "2026-10-05", "2026-11-04", 3_900_000, estado="Anulada"),
    F("roble_1", "ROBLE", "2026-10-22", "2026-11-21", 4_380_000, enlace=True),  # Primer aviso (3 días)
    F("roble_2", "ROBLE", "2026-11-13", "2026-12-13", Decimal("2145500.50")),
    F("sanjose_1", "SANJOSE", "2026-10-15", "2026-11-14", 1_876_300, enlace=True),  # Segundo aviso (10)
    F("palmas_a", "PALMAS", "2026-09-10", "2026-10-10", 2_400_000),  # pagada por un pago sin factura
    F("palmas_b", "PALMAS", "2026-10-05", "2026-11-04", 3_150_000),  # Tercer aviso (20), saldo parcial
    F("palmas_c", "PALMAS", "2026-11-05", "2026-12-05", 2_870_000),
    F("andina_1", "ANDINA", "2026-09-25", "2026-10-25", 8_950_000, enlace=True),  # Aviso final (30)
    F("andina_2", "ANDINA", "2026-11-10", "2026-12-10", 5_400_000),
    F("trigal_1", "TRIGAL", "2026-07-17", "2026-08-16", 1_265_000),  # Más de 90 → Cobranza
    F("trigal_2", "TRIGAL", "2026-09-10", "2026-10-10", 980_000),  # 45 días: Cobranza
    F("trigal_3", "TRIGAL", "2026-10-08", "2026-11-07", 1_140_000),
    F("montana_1", "MONTANA", "2026-10-25", "2026-11-24", 2_730_000, enlace=True),  # Vence hoy
    F("estrella_1", "ESTRELLA", "2026-10-28", "2026-11-27", 845_000),  # Recordatorio preventivo
    F("agrosur_1", "AGROSUR", "2026-11-24", "2026-12-24", 6_720_000, enlace=True),  # Envío de factura
    F("textil_0", "TEXTIL", "2026-08-20", None, 6_100_000),
    F("textil_1", "TEXTIL", "2026-10-02", None, 7_300_000),
    F("textil_2", "TEXTIL", "2026-11-21", None, 5_980_000),  # Envío de factura
    F("andean_1", "ANDEAN", "2026-09-15", "2026-10-15", 4_850, moneda="USD"),
    F("andean_2", "ANDEAN", "2026-10-30", "2026-11-29", Decimal("3275.50"), moneda="USD", enlace=True),
    F("andean_3", "ANDEAN", "2026-11-23", None, 2_140, moneda="USD"),  # Envío de factura
    F("botica_1", "BOTICA", "2026-10-12", "2026-11-11", 1_120_000),  # sin correo: llamada
    F("moreno_1", "MORENO", "2026-09-30", "2026-10-30", 2_560_000),  # No contactar
    F("patitas_1", "PATITAS", "2026-08-16", "2026-09-15", 3_480_000, estado="Disputa"),  # 61-90
    F("rioverde_1", "RIOVERDE", "2026-10-11", "2026-11-10", 5_210_000, estado="Promesa", promesa="2026-11-27"),
    F("transvalle_1", "TRANSVALLE", "2026-09-20", "2026-10-20", 9_875_000, estado="Promesa", promesa="2026-11-20"),
    F("santaines_1", "SANTAINES", "2026-08-10", "2026-12-10", 12_600_000, estado="Plan de pagos"),
    F("donarosa_1", "DONAROSA", "2026-03-05", "2026-04-04", 1_890_000, estado="Incobrable"),
    F("vaquita_0", "VAQUITA", "2025-10-06", None, 1_480_000, estado="Pagada"),
    F("vaquita_1", "VAQUITA", "2026-08-03", None, 1_620_000),
    F("vaquita_2", "VAQUITA", "2026-09-01", None, 1_705_000),
    F("vaquita_3", "VAQUITA", "2026-10-01", None, 1_590_000),
    F("vaquita_4", "VAQUITA", "2026-11-03", None, 1_760_000),
    F("vaquita_5", "VAQUITA", "2026-11-23", None, 1_815_000),  # Envío de factura
    F("oriente_0", "ORIENTE", "2025-10-01", "2025-10-31", 2_950_000, estado="Pagada"),
    F("oriente_1", "ORIENTE", "2026-07-06", "2026-08-05", 3_120_000),
    F("oriente_2", "ORIENTE", "2026-08-05", "2026-09-04", 2_980_000),
    F("oriente_3", "ORIENTE", "2026-09-07", "2026-10-07", 3_340_000),
    F("oriente_4", "ORIENTE", "2026-10-06", "2026-11-05", 3_065_000),
    F("oriente_5", "ORIENTE", "2026-11-06", "2026-12-06", 3_210_000),
    F("polonorte_0", "POLONORTE", "2025-09-15", "2025-10-15", 980_000, estado="Pagada"),
    F("polonorte_1", "POLONORTE", "2026-06-10", "2026-07-10", 1_040_000),
    F("polonorte_2", "POLONORTE", "2026-07-15", "2026-08-14", 1_310_000),
    F("polonorte_3", "POLONORTE", "2026-09-01", "2026-10-01", 1_275_000),
    F("polonorte_4", "POLONORTE", "2026-10-20", "2026-11-19", 1_150_000),  # pagada de más: saldo a favor
    F("cooprio_1", "COOPRIO", "2026-09-14", None, 4_200_000),
    F("cooprio_2", "COOPRIO", "2026-10-19", None, 3_980_000),
    F("cooprio_3", "COOPRIO", "2026-11-23", None, 4_450_000),  # Envío de factura
    F("yarumal_0", "YARUMAL", "2026-05-11", "2026-06-10", 2_310_000, estado="Pagada"),
    F("yarumal_1", "YARUMAL", "2026-11-02", "2026-12-02", 1_930_000),
)

FACTURAS_MALAS = (
    F("mala_duplicada", "YARUMAL", "2026-05-12", "2026-06-11", 2_310_000, estado="Pagada", numero="@yarumal_0"),
    F("mala_cliente", "ROBEL", "2026-11-17", "2026-12-17", 1_320_000),
    F("mala_cero", "SANJOSE", "2026-11-09", None, 0, numero="FE-1102"),  # a negative total would be a credit note
    F("mala_vencimiento", "COOPRIO", "2026-11-18", "2026-10-18", 2_640_000),
    F("mala_fecha", "BOTICA", "2026-01-31", "31/02/2026", 1_050_000),
)
"""Deliberately bad rows, each wrong in a different way (the invalid e-mail is YARUMAL's)."""

PAGOS_CLAVE = (
    ("2026-11-15", "roble_1", "ROBLE", 1_500_000, "transferencia"),  # parcial
    ("2026-11-18", "", "PALMAS", 4_000_000, "transferencia"),  # sin factura: la más antigua primero
    ("2026-11-06", "", "TRIGAL", 500_000, "efectivo"),  # sin factura
    ("2026-10-16", "textil_0", "TEXTIL", 6_100_000, "transferencia"),
    ("2026-10-14", "andean_1", "ANDEAN", 4_850, "PayPal"),
    ("2026-09-10", "santaines_1", "SANTAINES", 3_150_000, "cheque"),
    ("2026-10-09", "santaines_1", "SANTAINES", 3_150_000, "cheque"),
    ("2026-11-10", "santaines_1", "SANTAINES", 3_150_000, "transferencia"),
    ("2026-08-14", "vaquita_1", "VAQUITA", 1_620_000, "tarjeta"),
    ("2026-09-16", "vaquita_2", "VAQUITA", 1_705_000, "transferencia"),
    ("2026-10-13", "vaquita_3", "", 1_590_000, "tarjeta"),
    ("2026-11-18", "vaquita_4", "VAQUITA", 1_760_000, "transferencia"),
    ("2026-08-01", "oriente_1", "ORIENTE", 3_120_000, "efectivo"),
    ("2026-09-04", "oriente_2", "", 2_980_000, "transferencia"),
    ("2026-10-02", "oriente_3", "ORIENTE", 3_340_000, "tarjeta"),
    ("2026-11-05", "oriente_4", "ORIENTE", 3_065_000, "cheque"),
    ("2026-07-08", "polonorte_1", "POLONORTE", 1_040_000, "transferencia"),
    ("2026-08-12", "polonorte_2", "POLONORTE", 1_310_000, "tarjeta"),
    ("2026-09-29", "polonorte_3", "POLONORTE", 1_275_000, "efectivo"),
    ("2026-11-19", "polonorte_4", "POLONORTE", 1_200_000, "transferencia"),  # 50.000 de más
    ("2026-10-28", "cooprio_1", "COOPRIO", 4_200_000, "tarjeta"),
)
"""(Fecha, etiqueta de la factura or "", Cliente, Monto, Método)."""

CLIENTES_CON_HISTORIA = ("ROBLE", "SANJOSE", "PALMAS", "ANDINA", "TRIGAL", "MONTANA", "ESTRELLA", "TEXTIL",
                         "BOTICA", "MORENO", "PATITAS", "RIOVERDE", "TRANSVALLE", "SANTAINES", "COOPRIO", "YARUMAL")
"""Clients with three older, settled facturas (Dec 2025 – Sep 2026): Pagada, or paid in Pagos from July on."""

CONFIGURACION_MUESTRA = {
    "Empresa": EMPRESA,
    "Remitente": "Natalia Ospina Vélez",
    "Correo remitente": f"cartera@{DOMINIO}",
    "Firma": f"Natalia Ospina Vélez\nCartera y cobranza · {EMPRESA}\nCarrera 52 # 14-80, Guayabal, Medellín",
    "Teléfono": "+57 320 718 4450",
    "Medios de pago": (
        "Transferencia o consignación a la cuenta corriente 123-456789-01 del Banco de Ejemplo, a nombre de "
        f"{EMPRESA}, NIT 900.000.000-1\nPayPal: pagos@{DOMINIO}\n"
        f"Tarjeta de crédito o débito: https://pagos.{DOMINIO}\n"
        "Efectivo o cheque en nuestra oficina de Guayabal, de lunes a viernes de 8:00 a. m. a 5:00 p. m."
    ),
    "Modo": "Prueba",
    "Fecha de corte": CORTE,
    "Moneda": "COP",
    "País": "CO",
    "Tasa máxima legal": 25,
    "Adjuntar estado de cuenta": "sí",
}

AYUDA_MUESTRA = {
    "Tasa máxima legal": (
        "Tasa de usura, % anual: el interés de mora más alto que permite la ley en Colombia. La certifica cada mes "
        "la Superintendencia Financiera; consúltela y actualice este valor cada mes (25 es un valor de ejemplo). "
        "Un recargo que la supere se reduce a ese tope y queda marcado en el informe."
    ),
}
"""Help texts of the sample's Configuración that say more than the generic ones."""

ACUERDOS_MUESTRA = (("SANTAINES", "santaines_1", "2026-08-10", 4, "mensual", "2026-09-10", None, None),)
"""(Cliente, etiqueta de la factura, Fecha del acuerdo, Cuotas, Periodicidad, Primera cuota, Cuota inicial, Estado):
the «Plan de pagos» invoice of Santa Inés in 4 monthly instalments of 3.150.000 on the 10th (Sep–Dec 2026), three
of them paid by cheque and transfer (PAGOS_CLAVE): in force on the Fecha de corte, the last one reminded on 7/12."""


class Muestra(NamedTuple):
    """The sample's rows in canonical column order (``esquema.CANONICOS``)."""

    clientes: tuple[tuple[object, ...], ...]
    facturas: tuple[tuple[object, ...], ...]
    pagos: tuple[tuple[object, ...], ...]
    configuracion: tuple[tuple[object, ...], ...]
    acuerdos: tuple[tuple[object, ...], ...] = ()


def _pseudo(semilla: int) -> int:
    """A fixed pseudo-random number (one LCG step): the same on every Python."""
    return (semilla * 1_103_515_245 + 12_345) % 2**31


def _vencimiento(factura: Factura) -> dt.date:
    if factura.vencimiento:
        return _d(factura.vencimiento)
    credito = {c[0]: c[9] for c in CLIENTES_MUESTRA}.get(factura.cliente) or DIAS_CREDITO
    return _d(factura.emision) + dt.timedelta(days=credito)


def _historia() -> tuple[tuple[Factura, ...], tuple[tuple, ...]]:
    """Older settled facturas and their dated payments (some late): a year of history for the trend and the forecast."""
    facturas, pagos = [], []
    metodos = ("transferencia", "transferencia", "efectivo", "cheque", "tarjeta")
    for k, cliente in enumerate(CLIENTES_CON_HISTORIA):
        credito = {c[0]: c[9] for c in CLIENTES_MUESTRA}[cliente]
        for j in range(3):
            mes = (k + 3 * j) % 10
            emision = dt.date(2025 + (mes + 11) // 12, (mes + 11) % 12 + 1, 2 + (7 * k + 11 * j) % 26)
            total = 600_000 + _pseudo(31 * k + j) % 8_400 * 1_000
            vence = None if credito else (emision + dt.timedelta(days=30)).isoformat()
            factura = F(f"historia_{cliente.lower()}_{j}", cliente, emision.isoformat(), vence, total)
            facturas.append(factura)
            retraso = (-4, 0, 6, 15, 27)[(k + j) % 5]
            fecha = min(_vencimiento(factura) + dt.timedelta(days=retraso), CORTE - dt.timedelta(days=4))
            pagos.append((fecha.isoformat(), factura.etiqueta, cliente if j else "", total, metodos[(k + j) % 5]))
    return tuple(facturas), tuple(pagos)


def _numeros(facturas: Sequence[Factura]) -> dict[str, str]:
    """FE numbers in issue order (FE-1001…); fixed numbers kept; "@x" copies x's number."""
    numeros, siguiente = {}, 1001
    for factura in sorted(facturas, key=lambda f: f.emision):
        if not factura.numero:
            numeros[factura.etiqueta], siguiente = f"FE-{siguiente}", siguiente + 1
    for factura in facturas:
        if factura.numero:
            numeros[factura.etiqueta] = numeros.get(factura.numero[1:], factura.numero)
    return numeros


def _fila_factura(factura: Factura, numero: str) -> tuple[object, ...]:
    reciente = factura.emision >= "2026-11-01" and not factura.etiqueta.startswith("mala_")
    vence = factura.vencimiento
    return (numero, factura.cliente, _d(factura.emision), _d(vence) if vence and "-" in vence else vence,
            factura.total, factura.moneda, factura.estado or None, _d(factura.promesa) if factura.promesa else None,
            f"https://pagos.{DOMINIO}/{numero}" if factura.enlace else None,
            f"{CARPETA_PDF}/{numero}.pdf" if reciente else None)


def _referencia(metodo: str, n: int) -> str:
    codigo = _pseudo(n + 17)
    return {"transferencia": f"TRF {codigo % 10**8:08d}", "tarjeta": f"Aut. {codigo % 10**6:06d}",
            "PayPal": f"PayPal {codigo:X}", "efectivo": f"Recibo de caja RC-{codigo % 9000 + 1000}",
            "cheque": f"Cheque {codigo % 10**7:07d}"}[metodo]


def datos() -> Muestra:
    """The sample's rows, canonical and clean (bad rows included on purpose)."""
    historia, pagos_historia = _historia()
    facturas = sorted(FACTURAS_CLAVE + historia + FACTURAS_MALAS, key=lambda f: (f.emision, f.etiqueta))
    numeros = _numeros(facturas)
    pagos = sorted(PAGOS_CLAVE + pagos_historia)
    filas_pagos = tuple(
        (_d(fecha), numeros.get(etiqueta), cliente or None, monto, metodo, _referencia(metodo, n))
        for n, (fecha, etiqueta, cliente, monto, metodo) in enumerate(pagos)
    )
    return Muestra(
        clientes=CLIENTES_MUESTRA,
        facturas=tuple(_fila_factura(f, numeros[f.etiqueta]) for f in facturas),
        pagos=filas_pagos,
        configuracion=tuple((nombre, valor, AYUDA_MUESTRA.get(nombre, ayuda))
                            for nombre, valor, ayuda in nuevo.filas_configuracion(CONFIGURACION_MUESTRA)),
        acuerdos=tuple((cliente, numeros[etiqueta], _d(fecha), cuotas, periodo, _d(primera), inicial, estado)
                       for cliente, etiqueta, fecha, cuotas, periodo, primera, inicial, estado in ACUERDOS_MUESTRA),
    )


def hojas(muestra: Muestra) -> tuple[HojaPlantilla, ...]:
    """The clean workbook: canonical sheet names and headers."""
    filas = {CLIENTES: muestra.clientes, FACTURAS: muestra.facturas, PAGOS: muestra.pagos,
             CONFIGURACION: muestra.configuracion, ETAPAS: nuevo.filas_etapas(), RECARGOS: nuevo.filas_recargos(),
             HISTORIAL: (), ACUERDOS: muestra.acuerdos}
    return tuple(HojaPlantilla(nombre, CANONICOS[nombre], filas[nombre]) for nombre in CANONICOS)


def escribir(ruta: Path, *, desordenado: bool = False) -> None:
    """Write the sample workbook at ``ruta`` and its invoice PDFs in ``facturas_pdf/`` beside it.

    ``desordenado=True`` writes the same data as people type it (see ``muestra_desorden.DESORDEN``).
    """
    ruta = Path(ruta)
    muestra = datos()
    limpias = hojas(muestra)
    ruta.parent.mkdir(parents=True, exist_ok=True)
    nuevo.escribir_hojas(ruta, desordenar(limpias) if desordenado else limpias)
    escribir_pdfs(ruta.parent, muestra.facturas, muestra.clientes, MEMBRETE, DIAS_CREDITO)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m muestra [RUTA] [--desordenado]``."""
    parser = argparse.ArgumentParser(
        prog="python -m muestra",
        description="Reconstruye el libro de demostración y los PDF de sus facturas. "
                    "Ejemplo: python -m muestra /tmp/demo.xlsx",
    )
    raiz = RAIZ if (RAIZ / "pyproject.toml").exists() else Path.cwd()
    parser.add_argument("ruta", nargs="?", type=Path, default=raiz / "sample_cartera.xlsx",
                        help="dónde escribir el libro (predeterminado: sample_cartera.xlsx en la raíz del proyecto)")
    parser.add_argument("--desordenado", action="store_true",
                        help="los mismos datos escritos como los teclea la gente (alias, texto, filas vacías)")
    argumentos = parser.parse_args(argv)
    escribir(argumentos.ruta, desordenado=argumentos.desordenado)
    print(f"Libro de muestra escrito en {argumentos.ruta}")
    return 0
