"""The sample's invoice PDFs: a minimal one-page PDF writer, no library needed.

``pdf_texto`` writes a valid PDF 1.4 (two standard Type 1 fonts, WinAnsi
text, a correct cross-reference table); ``pdf_factura`` lays out one sample
factura on it; ``escribir_pdfs`` writes one file per factura whose
``Archivo`` names one.  The output depends only on its arguments, so every
run writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from muestra.desorden import texto_dinero

CARPETA_PDF = "facturas_pdf"
"""The folder, beside the workbook, that holds the PDFs (``Archivo`` = ``facturas_pdf/FE-1089.pdf``)."""


class Membrete(NamedTuple):
    """The issuing company as printed on top of each PDF: its name and one line of details (NIT, address)."""

    empresa: str
    detalle: str


def escribir_pdfs(carpeta: Path, facturas: Sequence[Sequence[object]], clientes: Sequence[Sequence[object]],
                  membrete: Membrete, dias_credito: int) -> None:
    """One small PDF for every factura whose ``Archivo`` names one, under ``carpeta``.

    Rows are in canonical column order (``esquema.CANONICOS``); ``dias_credito``
    gives the due date of a factura without one whose client has no Días de crédito.
    """
    por_codigo = {fila[0]: fila for fila in clientes}
    (carpeta / CARPETA_PDF).mkdir(parents=True, exist_ok=True)
    for fila in facturas:
        if fila[9]:
            (carpeta / fila[9]).write_bytes(pdf_factura(fila, por_codigo[fila[1]], membrete, dias_credito))


def pdf_factura(factura: Sequence[object], cliente: Sequence[object], membrete: Membrete, dias_credito: int) -> bytes:
    """The one-page PDF of a sample factura (company, number, client, dates, total)."""
    numero, codigo, emision, vence, total, moneda = factura[:6]
    vence = vence or emision + dt.timedelta(days=cliente[9] or dias_credito)
    monto = texto_dinero(total, simbolo="US$", centavos=True) if moneda == "USD" else texto_dinero(total) + " COP"
    return pdf_texto((
        ("F2", 18, 790, membrete.empresa),
        ("F1", 10, 772, membrete.detalle),
        ("F2", 14, 728, f"Factura electrónica de venta {numero}"),
        ("F1", 11, 704, f"Cliente: {cliente[1]} ({codigo})"),
        ("F1", 11, 686, f"Emisión: {emision:%d/%m/%Y}      Vencimiento: {vence:%d/%m/%Y}"),
        ("F2", 13, 656, f"Total a pagar: {monto}"),
        ("F1", 9, 600, "Documento de muestra generado por cartera: no es una factura real ni tiene validez fiscal."),
    ))


def pdf_texto(lineas: Sequence[tuple[str, int, int, str]]) -> bytes:
    """A minimal valid one-page A4 PDF: (font F1 regular / F2 bold, size, y, text) lines at x = 56."""
    contenido = b"0.12 0.37 0.36 RG 1.5 w 56 758 m 539 758 l S\n" + b"".join(
        b"BT /%s %d Tf 56 %d Td (%s) Tj ET\n" % (fuente.encode(), tamano, y, _cadena_pdf(texto))
        for fuente, tamano, y, texto in lineas
    )
    fuente = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
    objetos = (
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        fuente % b"Helvetica",
        fuente % b"Helvetica-Bold",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(contenido), contenido),
    )
    salida, posiciones = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for numero, objeto in enumerate(objetos, start=1):
        posiciones.append(len(salida))
        salida += b"%d 0 obj\n%s\nendobj\n" % (numero, objeto)
    inicio_xref = len(salida)
    salida += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objetos) + 1)
    salida += b"".join(b"%010d 00000 n \n" % posicion for posicion in posiciones)
    salida += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objetos) + 1, inicio_xref)
    return bytes(salida)


def _cadena_pdf(texto: str) -> bytes:
    crudo = texto.encode("cp1252")
    return crudo.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

