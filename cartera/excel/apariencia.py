"""Colours and formats of the report: the one place that turns semantic classes into looks.

A cell's look is the sum of its class tokens (``dinero:COP``, ``fecha``,
``encabezado``, ``topado``…) and its row's tokens (``tramo:61-90``,
``total``, ``resultado:fallido``…); xlsxwriter formats are built once per
combination and cached.  Money and date formats follow the country's rules
(``cartera.paises``) and look exactly like the messages' text: the same
symbol, on the same side, with the currency's decimals (``"$ "#,##0.00`` for
COP in Colombia, ``#,##0.00" €"`` for EUR in España).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from cartera import formato, paises
from cartera.informe import celdas as c

# --- Palette: calm slate, soft bucket tints, one strong red ---------------------
PIZARRA = "#34495E"
GRIS_NOTA = "#6B7780"
BORDE = "#D5DBE1"
FONDO_TOTAL = "#E7EBEF"
ROJO_AVISO = "#A12A2A"
AZUL_ENLACE = "#1F5FA8"
FONDOS_TRAMO = ("#DDEFD9", "#FFF3C4", "#FDDCBF", "#F5B7B1", "#8E2323")
"""Row tints, least to most overdue: green, yellow, orange, red, dark red (with white text)."""
COLORES_GRAFICO = ("#6AA84F", "#E6B800", "#E8883A", "#D0453A", "#8E2323")
COLORES_SERIE = {"serie:total": PIZARRA, "serie:vencido": "#D0453A", "serie:probable": "#3A7CA5", "serie:prudente": "#9CC3DA"}
COLOR_RESULTADO = {
    "resultado:enviado": "#2E7D32",
    "resultado:vista_previa": "#1F5FA8",
    "resultado:fallido": ROJO_AVISO,
    "resultado:incierto": "#B26A00",
    "resultado:omitido": GRIS_NOTA,
    "llegada:respuesta": "#1F5FA8",
    "llegada:rebote": ROJO_AVISO,
    "llegada:retraso": "#B26A00",
}
COLOR_RIESGO = {"riesgo:Bajo": "#2E7D32", "riesgo:Medio": "#B26A00", "riesgo:Alto": ROJO_AVISO, "riesgo:Sin_historial": GRIS_NOTA}

# --- Money, dates and paper: from the country's rules --------------------------
PAPELES_XLSXWRITER = {paises.CARTA: 1, paises.A4: 9}
"""``paises`` paper → xlsxwriter paper code."""
FECHAS_EXCEL = {paises.DIA_MES: "dd/mm/yyyy", paises.MES_DIA: "mm/dd/yyyy"}
"""``paises`` date order → Excel date format."""


def _literal(texto: str) -> str:
    """Text shown as is inside an Excel number format (quoted; nothing when empty)."""
    return f'"{texto}"' if texto else ""


def formato_dinero(moneda: str, pais: str, *, eje: bool = False) -> str:
    """Excel number format of ``moneda`` for ``pais``, the same look as the messages: COP in CO → ``"$ "#,##0.00``.

    Built from ``formato.forma_dinero`` (symbol, its side and spacing, decimals);
    Excel puts the minus sign first, as ``formato.dinero`` does.  ``eje``: for a
    chart's axis, which shows a scale rather than an amount, without decimals.
    """
    iso = "".join(ch for ch in moneda.upper() if ch.isalnum())[:3]
    forma = formato.forma_dinero(iso, pais)
    numero = "#,##0" + ("." + "0" * forma.decimales if forma.decimales and not eje else "")
    return _literal(forma.prefijo) + numero + _literal(forma.sufijo)


def formato_fecha(pais: str) -> str:
    """Excel date format in the country's order: ``dd/mm/yyyy`` or ``mm/dd/yyyy``."""
    return FECHAS_EXCEL[paises.pais(pais).orden_fecha]


def papel(pais: str) -> int:
    """xlsxwriter paper code of the country's paper: Letter in most of the Americas, A4 elsewhere."""
    return PAPELES_XLSXWRITER[paises.pais(pais).papel]


def indice_color(posicion: int, cuantos: int) -> int:
    """Palette slot of bucket ``posicion`` of ``cuantos``: first green, last dark red, the rest spread between."""
    if posicion <= 0:
        return 0
    if posicion >= cuantos - 1:
        return len(FONDOS_TRAMO) - 1
    return min(3, max(1, round(1 + (posicion - 1) * 2 / max(1, cuantos - 3))))


# --- Token → format properties ---------------------------------------------------
BASE: dict[str, Any] = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
POR_CLASE: dict[str, dict[str, Any]] = {
    c.TITULO: {"bold": True, "font_size": 16, "font_color": PIZARRA},
    c.SUBTITULO: {"font_size": 12, "font_color": GRIS_NOTA},
    c.SECCION: {"bold": True, "font_size": 12, "font_color": PIZARRA, "bottom": 2, "bottom_color": PIZARRA},
    c.ENCABEZADO: {
        "bold": True, "font_color": "#FFFFFF", "bg_color": PIZARRA, "text_wrap": True, "valign": "vcenter",
        "border": 1, "border_color": PIZARRA,
    },
    c.NOTA: {"italic": True, "font_size": 9, "font_color": GRIS_NOTA},
    c.AVISO: {"bold": True, "font_color": ROJO_AVISO},
    c.TEXTO_LARGO: {"text_wrap": True},
    c.ENLACE: {"font_color": AZUL_ENLACE, "underline": 1},
    c.TOTAL: {"bold": True},
    c.TOPADO: {"italic": True, "font_color": ROJO_AVISO},
    c.CALCULADO: {"italic": True},
    c.CODIGO: {"align": "center"},
    c.RECUADRO: {"border": 1, "border_color": BORDE},
    c.IGNORADA: {"font_color": GRIS_NOTA},
    c.ENTERO: {"num_format": "#,##0"},
    c.DIAS: {"num_format": "#,##0", "align": "center"},
    c.PORCENTAJE: {"num_format": "0.0%"},
    **{k: {"font_color": v} for k, v in COLOR_RESULTADO.items()},
    **{k: {"font_color": v, "bold": True} for k, v in COLOR_RIESGO.items()},
}
FILA_TOTAL = {"bold": True, "bg_color": FONDO_TOTAL, "top": 1, "top_color": PIZARRA}
BORDES_TABLA = {"border": 1, "border_color": BORDE}


class Clase(NamedTuple):
    """A parsed class string: its tokens, and the currency when it is money."""

    fichas: tuple[str, ...]
    moneda: str | None

    @classmethod
    def de(cls, texto: str) -> Clase:
        fichas = tuple(texto.split())
        moneda = next((f.split(":", 1)[1] for f in fichas if f.startswith("dinero:")), None)
        return cls(fichas, moneda)


class Estilos:
    """Builds and caches the xlsxwriter format of each (cell class, row class, in a table) combination."""

    def __init__(self, libro, tramos: tuple[str, ...], pais: str) -> None:
        self._libro = libro
        self._pais = pais
        self._posicion = {t.replace(" ", "_"): i for i, t in enumerate(tramos)}
        self._cuantos = len(tramos)
        self._cache: dict[tuple[str, str, bool], Any] = {}

    def formato(self, clase_celda: str, clase_fila: str, *, tabla: bool):
        clave = (clase_celda, clase_fila, tabla)
        if clave not in self._cache:
            self._cache[clave] = self._libro.add_format(self.propiedades(clase_celda, clase_fila, tabla=tabla))
        return self._cache[clave]

    def propiedades(self, clase_celda: str, clase_fila: str, *, tabla: bool) -> dict[str, Any]:
        """Format properties: base, table borders, cell tokens, then row tokens (fills win)."""
        props = dict(BASE) | (BORDES_TABLA if tabla else {})
        for ficha in Clase.de(clase_celda).fichas:
            props |= self._de_ficha(ficha, celda=True)
        for ficha in Clase.de(clase_fila).fichas:
            props |= self._de_ficha(ficha, celda=False)
        if c.TOPADO in clase_celda.split() and "num_format" in props:
            props["num_format"] += ' "(tope)"'
        return props

    def _de_ficha(self, ficha: str, *, celda: bool) -> dict[str, Any]:
        if ficha.startswith("dinero:"):
            return {"num_format": formato_dinero(ficha.split(":", 1)[1], self._pais)}
        if ficha == c.FECHA:
            return {"num_format": formato_fecha(self._pais), "align": "center"}
        if ficha == c.FECHA_HORA:
            return {"num_format": formato_fecha(self._pais) + " hh:mm"}
        if ficha.startswith("tramo:"):
            return self.relleno_tramo(ficha.split(":", 1)[1])
        if ficha == c.TOTAL and not celda:
            return FILA_TOTAL
        return POR_CLASE.get(ficha, {})

    def indice(self, etiqueta: str) -> int:
        return indice_color(self._posicion.get(etiqueta, 0), self._cuantos)

    def relleno_tramo(self, etiqueta: str) -> dict[str, Any]:
        i = self.indice(etiqueta)
        oscuro = i == len(FONDOS_TRAMO) - 1
        return {"bg_color": FONDOS_TRAMO[i]} | ({"font_color": "#FFFFFF"} if oscuro else {})

    def color_grafico(self, clase: str) -> str:
        """Colour of a chart point or series from its class."""
        if clase.startswith("tramo:"):
            return COLORES_GRAFICO[self.indice(clase.split(":", 1)[1])]
        return COLORES_SERIE.get(clase, PIZARRA)
