"""Draw an account statement (``EstadoCuenta``) as an A4 PDF and write it atomically (shell).

The first page always carries what a client needs to act: the company, the client and its tax id, the
summary per currency (saldo de facturas, recargos, saldo a favor, total a pagar), how to pay, and the
detail of the open facturas and instalments.  A client with more facturas than fit (about 25 rows) gets
continuation pages: the detail goes on with its headings repeated, every page says «Página N de M», and
no factura is ever left out (an accountant reconciles line by line; a «… y N más» would send them back to
ask).  Amounts and dates are written as the country writes them (``formato``), each in its currency.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from fpdf import FPDF
from fpdf.fonts import FontFace

from cartera import formato
from cartera.informe.estado_cuenta import BloqueMoneda, EstadoCuenta
from cartera.libro import resguardo

FAMILIA = "DejaVu"
FUENTES = (("", "DejaVuSansCondensed.ttf"), ("B", "DejaVuSansCondensed-Bold.ttf"))
"""The embedded font (DejaVu Sans Condensed, Bitstream Vera license: ``fuentes/LICENSE-DejaVu.txt``)."""
GRIS = (235, 235, 235)
TINTA = (40, 40, 40)
TENUE = (110, 110, 110)
ANCHO = 180.0
"""Usable width in mm (A4, 15 mm margins)."""
TAMANOS = (8.0, 7.5, 7.0, 6.5, 6.0)
"""Font sizes (pt) a table may shrink to so that its widest amount fits on one line."""
HOLGURA = 3.4
"""mm added to a cell's text: 1.2 mm of padding on each side and 1 mm to spare."""

_FACTURAS = (("Factura", 25, "L"), ("Emisión", 17, "C"), ("Vence", 17, "C"), ("Total", 28, "R"), ("Pagado", 28, "R"),
             ("Saldo", 28, "R"), ("Días", 10, "R"), ("Recargo", 27, "R"))
_CUOTAS = (("Acuerdo", 36, "L"), ("Cuota", 16, "C"), ("Vence", 20, "C"), ("Valor", 30, "R"), ("Pagado", 30, "R"),
           ("Saldo", 30, "R"), ("Días", 18, "R"))
_RESUMEN = (("Moneda", 20, "L"), ("Saldo de facturas", 40, "R"), ("Recargos", 35, "R"), ("Saldo a favor", 40, "R"),
            ("Total a pagar", 45, "R"))


class _Pagina(FPDF):
    """FPDF with the statement's running header (continuation pages) and footer (page N of M)."""

    def __init__(self, estado: EstadoCuenta) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.estado = estado

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font(FAMILIA, "", 8)
            self.set_text_color(*TENUE)
            self.cell(ANCHO, 5, f"Estado de cuenta de {self.estado.nombre} al {_fecha(self.estado, self.estado.fecha)}"
                      " (continuación)", new_x="LMARGIN", new_y="NEXT", align="L")
            self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILIA, "", 7.5)
        self.set_text_color(*TENUE)
        izquierda = f"{self.estado.empresa or 'Estado de cuenta'} — {self.estado.nombre} — al {_fecha(self.estado, self.estado.fecha)}"
        if self.get_string_width(izquierda) > ANCHO - 32:  # a long company and client name: the client and date
            izquierda = f"{self.estado.nombre} — al {_fecha(self.estado, self.estado.fecha)}"
        self.cell(ANCHO - 30, 5, izquierda)
        self.cell(30, 5, f"Página {self.page_no()} de {{nb}}", align="R")


def _fecha(estado: EstadoCuenta, dia: dt.date | None) -> str:
    return formato.fecha(dia, estado.pais) if dia else "—"


def _dinero(estado: EstadoCuenta, centavos: int, moneda: str) -> str:
    return formato.dinero(centavos, moneda, estado.pais)


def _encabezado(pdf: _Pagina, estado: EstadoCuenta) -> None:
    """Company (left) and title with the as-of date (right), then a rule."""
    arriba = pdf.get_y()
    pdf.set_text_color(*TINTA)
    pdf.set_font(FAMILIA, "B", 13)
    pdf.multi_cell(105, 6, estado.empresa or " ", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FAMILIA, "", 8)
    for linea in estado.contacto_empresa:
        pdf.multi_cell(105, 4, linea, new_x="LMARGIN", new_y="NEXT", align="L")
    abajo = pdf.get_y()
    pdf.set_xy(pdf.l_margin + 105, arriba)
    pdf.set_font(FAMILIA, "B", 15)
    pdf.cell(ANCHO - 105, 7, "ESTADO DE CUENTA", align="R", new_x="LEFT", new_y="NEXT")
    pdf.set_font(FAMILIA, "", 9)
    pdf.cell(ANCHO - 105, 5, f"al {formato.fecha_larga(estado.fecha, estado.pais)}", align="R", new_x="LEFT", new_y="NEXT")
    pdf.cell(ANCHO - 105, 5, f"Fecha de corte: {_fecha(estado, estado.fecha)}", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(abajo, pdf.get_y()) + 2)
    pdf.set_draw_color(*TENUE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + ANCHO, pdf.get_y())
    pdf.ln(3)


def _cliente(pdf: _Pagina, estado: EstadoCuenta) -> None:
    pdf.set_font(FAMILIA, "", 8)
    pdf.set_text_color(*TENUE)
    pdf.cell(ANCHO, 4, "CLIENTE", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(*TINTA)
    pdf.set_font(FAMILIA, "B", 11)
    pdf.multi_cell(ANCHO, 5.5, estado.nombre, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FAMILIA, "", 9)
    datos = [f"Código: {estado.cliente}"] + ([f"Identificación: {estado.nit}"] if estado.nit else [])
    pdf.multi_cell(ANCHO, 4.5, "    ".join(datos), new_x="LMARGIN", new_y="NEXT", align="L")
    contacto = " · ".join(x for x in (estado.contacto, "; ".join(estado.correos)) if x)
    if contacto:
        pdf.multi_cell(ANCHO, 4.5, f"Contacto: {contacto}", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(3)


def _titulo(pdf: _Pagina, texto: str) -> None:
    pdf.set_font(FAMILIA, "B", 10)
    pdf.set_text_color(*TINTA)
    pdf.cell(ANCHO, 6, texto, new_x="LMARGIN", new_y="NEXT", align="L")


Medidas = tuple[float, tuple[float, ...]]
"""A table's font size (pt) and column widths (mm)."""


def _medidas(pdf: _Pagina, columnas: tuple, filas: list[tuple[str, ...]], negritas: list[tuple[str, ...]]) -> Medidas:
    """The largest font size (8 pt down to 6) at which every cell (``negritas``: bold rows) fits on one line,
    and the widths; the width left over goes to the columns in proportion to their nominal widths."""
    for tamano in TAMANOS:
        anchos = [0.0] * len(columnas)
        for estilo, grupo in (("B", [tuple(c[0] for c in columnas), *negritas]), ("", filas)):
            pdf.set_font(FAMILIA, estilo, tamano)
            for fila in grupo:
                anchos = [max(a, pdf.get_string_width(t)) for a, t in zip(anchos, fila, strict=True)]
        anchos = [a + HOLGURA for a in anchos]
        if sum(anchos) <= ANCHO:
            break
    sobra = max(0.0, ANCHO - sum(anchos))
    nominal = sum(c[1] for c in columnas)
    return tamano, tuple(a + sobra * c[1] / nominal for a, c in zip(anchos, columnas, strict=True))


def _tabla(pdf: _Pagina, columnas: tuple, filas: list[tuple[str, ...]], *, total: tuple[str, ...] | None = None,
           medidas: Medidas | None = None) -> None:
    """A table with grey headings repeated on each page; ``total``: a last bold row; ``medidas``: shared with
    the same table of the other currencies, so their columns line up (else measured here)."""
    tamano, anchos = medidas or _medidas(pdf, columnas, filas, [total] if total else [])
    pdf.set_font(FAMILIA, "", tamano)
    with pdf.table(col_widths=anchos, width=sum(anchos), align="LEFT", line_height=tamano * 0.575,
                   text_align=tuple(c[2] for c in columnas), borders_layout="HORIZONTAL_LINES",
                   headings_style=FontFace(emphasis="BOLD", fill_color=GRIS), padding=(0.6, 1.2),
                   repeat_headings=1) as tabla:
        cabeza = tabla.row()
        for titulo, _, alineado in columnas:
            cabeza.cell(titulo, align=alineado)
        for fila in filas:
            fila_pdf = tabla.row()
            for texto in fila:
                fila_pdf.cell(texto)
        if total:
            fila_pdf = tabla.row()
            for texto in total:
                fila_pdf.cell(texto, style=FontFace(emphasis="BOLD"))
    pdf.ln(2)


def _resumen(pdf: _Pagina, estado: EstadoCuenta) -> None:
    _titulo(pdf, "Resumen")
    filas = []
    for b in estado.bloques:
        d = lambda c, m=b.moneda: _dinero(estado, c, m)  # noqa: E731 - one currency's formatter
        filas.append((b.moneda, d(b.saldo), d(b.recargos), ("− " + d(b.a_favor)) if b.a_favor else d(0), d(b.a_pagar)))
    _tabla(pdf, _RESUMEN, filas)
    pdf.set_font(FAMILIA, "", 7.5)
    pdf.set_text_color(*TENUE)
    pdf.multi_cell(ANCHO, 3.8, "Total a pagar = saldo de las facturas + recargos − saldo a favor, en cada moneda "
                   "(las monedas no se suman entre sí). Días: días vencidos; Recargo: recargo por mora (con la compensación, si "
                   "la hay), ambos a la fecha de corte.", new_x="LMARGIN", new_y="NEXT", align="L")
    for b in estado.bloques:
        if b.a_favor_restante:
            queda = _dinero(estado, b.a_favor_restante, b.moneda)
            frase = (f"Su saldo a favor en {b.moneda} cubre lo adeudado y le quedan {queda} a favor." if b.bruto
                     else f"Tiene {queda} a favor en {b.moneda}.")
            pdf.multi_cell(ANCHO, 3.8, frase, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(*TINTA)
    pdf.ln(2)


def _como_pagar(pdf: _Pagina, estado: EstadoCuenta) -> None:
    if not estado.medios_pago or not any(b.a_pagar for b in estado.bloques):
        return
    _titulo(pdf, "Cómo pagar")
    pdf.set_font(FAMILIA, "", 8.5)
    for linea in estado.medios_pago:
        pdf.cell(4, 4.3, "•")
        pdf.multi_cell(ANCHO - 4, 4.3, linea, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(2)


class _Detalle(NamedTuple):
    """One currency's detail as text: the facturas' rows and total row, the instalments' rows."""

    facturas: list[tuple[str, ...]]
    total: tuple[str, ...]
    cuotas: list[tuple[str, ...]]


def _textos(estado: EstadoCuenta, bloque: BloqueMoneda) -> _Detalle:
    def d(centavos: int) -> str:
        return _dinero(estado, centavos, bloque.moneda)

    facturas = [(f.numero, _fecha(estado, f.emision), _fecha(estado, f.vencimiento), d(f.total), d(f.pagado),
                 d(f.saldo), str(f.dias) if f.dias > 0 else "—", d(f.recargo) if f.recargo else "—")
                for f in bloque.facturas]
    cuotas = [(c.acuerdo, "inicial" if c.cuota == 0 else str(c.cuota), _fecha(estado, c.vence), d(c.valor),
               d(c.pagado), d(c.saldo), str((estado.fecha - c.vence).days) if c.vence < estado.fecha else "—")
              for c in bloque.cuotas]
    return _Detalle(facturas, (f"Total {bloque.moneda}", "", "", "", "", d(bloque.saldo), "", d(bloque.recargos)), cuotas)


def _detalles(pdf: _Pagina, estado: EstadoCuenta) -> None:
    """Each currency's facturas and instalments, the tables of one kind with the same columns."""
    textos = [_textos(estado, b) for b in estado.bloques]
    con_facturas = [t for t, b in zip(textos, estado.bloques, strict=True) if b.facturas]
    medidas_facturas = _medidas(pdf, _FACTURAS, [f for t in con_facturas for f in t.facturas], [t.total for t in con_facturas])
    medidas_cuotas = _medidas(pdf, _CUOTAS, [c for t in textos for c in t.cuotas], [])
    for bloque, texto in zip(estado.bloques, textos, strict=True):
        _detalle(pdf, bloque, texto, medidas_facturas, medidas_cuotas)


def _detalle(pdf: _Pagina, bloque: BloqueMoneda, texto: _Detalle, medidas_facturas: Medidas,
             medidas_cuotas: Medidas) -> None:
    if bloque.facturas:
        _titulo(pdf, f"Facturas abiertas en {bloque.moneda} ({len(bloque.facturas)})")
        _tabla(pdf, _FACTURAS, texto.facturas, total=texto.total, medidas=medidas_facturas)
    if bloque.cuotas:
        _titulo(pdf, f"Cuotas pendientes de acuerdos de pago en {bloque.moneda}")
        _tabla(pdf, _CUOTAS, texto.cuotas, medidas=medidas_cuotas)
        pdf.set_font(FAMILIA, "", 7.5)
        pdf.set_text_color(*TENUE)
        pdf.multi_cell(ANCHO, 3.8, "Las cuotas reparten en el tiempo saldos de las facturas de arriba: ya están "
                       "incluidas en el total y no se suman de nuevo.", new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_text_color(*TINTA)
        pdf.ln(2)


def _sin_nada(pdf: _Pagina, estado: EstadoCuenta) -> None:
    pdf.set_font(FAMILIA, "", 10)
    pdf.multi_cell(ANCHO, 6, f"Al {_fecha(estado, estado.fecha)} no tiene facturas pendientes ni saldo a favor. "
                   "¡Gracias!", new_x="LMARGIN", new_y="NEXT", align="L")


def dibujar(estado: EstadoCuenta) -> bytes:
    """The statement as PDF bytes (the same statement always gives the same bytes)."""
    with contextlib.ExitStack() as pila:
        pdf = _Pagina(estado)
        for estilo, archivo in FUENTES:
            ruta = pila.enter_context(resources.as_file(resources.files(__package__) / "fuentes" / archivo))
            pdf.add_font(FAMILIA, estilo, ruta)
        pdf.set_margins(15, 14, 15)
        pdf.set_auto_page_break(auto=True, margin=16)
        pdf.set_title(f"Estado de cuenta — {estado.nombre} — {estado.fecha.isoformat()}")
        pdf.set_author(estado.empresa or "cartera")
        pdf.set_creator("cartera")
        pdf.set_creation_date(dt.datetime.combine(estado.fecha, dt.time(), tzinfo=dt.UTC))
        pdf.add_page()
        _encabezado(pdf, estado)
        _cliente(pdf, estado)
        if not estado.bloques:
            _sin_nada(pdf, estado)
        else:
            _resumen(pdf, estado)
            _como_pagar(pdf, estado)
            _detalles(pdf, estado)
        return bytes(pdf.output())


def guardar(estado: EstadoCuenta, destino: Path) -> Path:
    """Write the statement to ``destino`` (its folder created; temp file, fsync, atomic replace)."""
    datos = dibujar(estado)
    destino.parent.mkdir(parents=True, exist_ok=True)
    with resguardo.escritura_atomica(destino) as temporal:
        temporal.write_bytes(datos)
    return destino
