"""Renders an ``Informe`` to .xlsx with xlsxwriter (shell): the only writer of the report.

Rows are written strictly in order, one at a time, so the same code runs in
xlsxwriter's ``constant_memory`` (streaming) mode, used for large reports.
Every text from the workbook is written with ``write_string`` (a client
called ``=HYPERLINK(...)`` stays text); only our own links (``enlace``
cells with an http(s) URL) use ``write_url``.  Looks come from
``excel.apariencia``; column widths and row heights from ``excel.medidas``.

``guardar`` puts the report at ``informes/antiguedad_AAAA-MM-DD.xlsx``
beside the workbook, atomically (temp file in the same folder, then
``os.replace``); an earlier report of the same day is kept as ``-2``, ``-3``…
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from cartera import formato
from cartera.excel import medidas
from cartera.excel.apariencia import Clase, Estilos, formato_dinero, formato_fecha, papel
from cartera.excel.filas import escribir_registros, flujo, valor_celda
from cartera.informe import celdas as c
from cartera.libro import resguardo

FILAS_MEMORIA_CONSTANTE = 50_000
"""Above this many rows in a sheet the workbook is streamed (constant_memory)."""
TAMANO_GRAFICO = {"width": 560, "height": 300}


def _moneda(texto: str) -> str | None:
    return medidas.clase_de(texto).moneda


# --- Cells and rows -------------------------------------------------------------
def _es_url_propia(url: str) -> bool:
    return url.startswith(("https://", "http://")) and len(url) <= 2000


def _escribir_celda(hoja, fila: int, col: int, celda: c.Celda, formato, moneda: str | None) -> None:
    valor = valor_celda(celda.valor, moneda)
    if valor is None:
        hoja.write_blank(fila, col, None, formato)
    elif celda.enlace and _es_url_propia(celda.enlace):
        hoja.write_url(fila, col, celda.enlace, formato, string=str(celda.valor))
    elif isinstance(valor, str):
        hoja.write_string(fila, col, valor, formato)
    else:
        hoja.write_number(fila, col, valor, formato)
    if celda.nota:
        hoja.write_comment(fila, col, celda.nota, {"x_scale": 2.5, "y_scale": 1.6})



def _escribir_fila(hoja, n: int, fila: c.Fila, estilos: Estilos, ancho_columnas: list[float], en_tabla: bool,
                   directo) -> None:
    """One row: streamed whole when it can be (no height, notes or links), else cell by cell."""
    if (alto := medidas.alto(fila, ancho_columnas)) is not None:
        hoja.set_row(n, alto)
    elif directo is not None and not any(k.nota or k.enlace for k in fila.celdas):
        valores = [valor_celda(k.valor, _moneda(k.clase)) for k in fila.celdas]
        if directo.fila(n, valores, [k.clase for k in fila.celdas], fila.clase, en_tabla):
            return
    for col, celda in enumerate(fila.celdas):
        formato = estilos.formato(celda.clase, fila.clase, tabla=en_tabla)
        _escribir_celda(hoja, n, col, celda, formato, _moneda(celda.clase))


def _escribir_filas(hoja, datos: c.HojaInforme, estilos: Estilos, ancho_columnas: list[float]) -> None:
    tabla = datos.tabla

    def en_tabla(n: int) -> bool:
        return tabla is not None and tabla.fila_encabezado < n <= tabla.fila_encabezado + tabla.filas_datos

    def formato_de(clase_celda: str, clase_fila: str, en: bool):
        return estilos.formato(clase_celda, clase_fila, tabla=en)

    directo = flujo(hoja, formato_de)
    filas = datos.filas
    perezosas = isinstance(filas, c.FilasPerezosas) and medidas.sin_altos(filas)
    ultima = len(filas) - 1  # left to xlsxwriter: it flushes a sheet's last row at close, styles numbered then
    for n, fila in enumerate(filas.cabeza if perezosas else filas):
        _escribir_fila(hoja, n, fila, estilos, ancho_columnas, en_tabla(n), directo if n < ultima else None)
    if not perezosas:
        return
    escribir_registros(hoja, filas, en_tabla, formato_de, _moneda)
    for n, fila in enumerate(filas.cola, start=len(filas) - len(filas.cola)):
        _escribir_fila(hoja, n, fila, estilos, ancho_columnas, en_tabla(n), directo if n < ultima else None)


# --- Charts and page setup --------------------------------------------------------
def _grafico(libro, nombre_hoja: str, grafico: c.Grafico, estilos: Estilos, pais: str):
    tipo = {"columnas": "column", "lineas": "line"}[grafico.tipo]
    figura = libro.add_chart({"type": tipo})
    for serie in grafico.series:
        opciones = {
            "name": serie.nombre,
            "categories": [nombre_hoja, *serie.categorias],
            "values": [nombre_hoja, *serie.valores],
        }
        if serie.clases_puntos:
            opciones["points"] = [{"fill": {"color": estilos.color_grafico(k)}, "border": {"none": True}} for k in serie.clases_puntos]
            opciones["gap"] = 60
        elif tipo == "column":  # one colour per series (cobros esperados: probable beside prudente)
            opciones |= {"fill": {"color": estilos.color_grafico(serie.clase)}, "border": {"none": True}, "gap": 60}
        else:
            color = estilos.color_grafico(serie.clase)
            opciones |= {"line": {"color": color, "width": 2.25}, "marker": {"type": "circle", "size": 5,
                         "fill": {"color": color}, "border": {"color": color}}}
        figura.add_series(opciones)
    moneda = Clase.de(grafico.clase_valores).moneda
    eje = {"major_gridlines": {"visible": True, "line": {"color": "#E3E7EB"}}, "num_font": {"size": 8}, "line": {"none": True}}
    figura.set_y_axis(eje | ({"num_format": formato_dinero(moneda, pais, eje=True)} if moneda else {}))
    figura.set_x_axis({"num_font": {"size": 9}} | ({"num_format": formato_fecha(pais)[:5], "text_axis": True} if tipo == "line" else {}))
    figura.set_title({"name": grafico.titulo, "name_font": {"size": 11, "bold": True, "color": "#34495E"}})
    figura.set_legend({"position": "bottom"} if len(grafico.series) > 1 else {"none": True})
    figura.set_chartarea({"border": {"color": "#D5DBE1"}})
    figura.set_size(TAMANO_GRAFICO)
    return figura


def _cabecera(texto: str) -> str:
    """Text safe inside an Excel page header (``&`` is a control character there)."""
    return texto.replace("&", "&&")[:100]


def _pagina(hoja, datos: c.HojaInforme, informe: c.Informe, pais: str) -> None:
    hoja.set_landscape()
    hoja.set_paper(papel(pais))
    hoja.fit_to_pages(1, 0)
    hoja.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    fecha = formato.fecha(informe.fecha_corte, pais)
    hoja.set_header(f"&L{_cabecera(informe.empresa)}&C{_cabecera(datos.nombre)}&RCorte: {fecha}")
    hoja.set_footer("&CPágina &P de &N")
    if datos.portada:
        hoja.hide_gridlines(2)
        hoja.set_h_pagebreaks([n for n, fila in enumerate(datos.filas) if c.NUEVA_PAGINA in fila.clase.split()])
    tabla = datos.tabla
    if tabla is None:
        return
    hoja.repeat_rows(tabla.fila_encabezado)
    hoja.freeze_panes(tabla.fila_encabezado + 1, 1 if tabla.columnas > 6 else 0)
    if tabla.filtro and tabla.filas_datos:
        hoja.autofilter(tabla.fila_encabezado, 0, tabla.fila_encabezado + tabla.filas_datos, tabla.columnas - 1)


def _escribir_hoja(libro, datos: c.HojaInforme, informe: c.Informe, estilos: Estilos, pais: str) -> None:
    hoja = libro.add_worksheet(datos.nombre)
    ancho_columnas = medidas.anchos(datos.filas)
    for col, ancho in enumerate(ancho_columnas):
        hoja.set_column(col, col, ancho)
    _pagina(hoja, datos, informe, pais)
    _escribir_filas(hoja, datos, estilos, ancho_columnas)
    for grafico in datos.graficos:
        fila, col = grafico.ancla
        hoja.insert_chart(fila, col, _grafico(libro, datos.nombre, grafico, estilos, pais), {"x_offset": 8, "y_offset": 4})


def escribir(informe: c.Informe, destino: Path | BinaryIO, *, pais: str) -> None:
    """Write ``informe`` as .xlsx to a path or a binary buffer (streamed when large)."""
    grande = max((len(h.filas) for h in informe.hojas), default=0) > FILAS_MEMORIA_CONSTANTE
    opciones = {
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "constant_memory": grande,
    }
    libro = xlsxwriter.Workbook(str(destino) if isinstance(destino, Path) else destino, opciones)
    libro.set_properties({"title": informe.titulo, "company": informe.empresa, "author": "cartera"})
    estilos = Estilos(libro, informe.tramos, pais)
    for datos in informe.hojas:
        _escribir_hoja(libro, datos, informe, estilos, pais)
    try:
        libro.close()
    except xlsxwriter.exceptions.FileCreateError as error:  # the disk's own error, e.g. ENOSPC
        causa = error.args[0] if error.args and isinstance(error.args[0], OSError) else None
        raise (causa or OSError(str(error))) from error


# --- Files --------------------------------------------------------------------
def ruta_informe(carpeta_libro: Path, fecha: dt.date) -> Path:
    """``<carpeta del libro>/informes/antiguedad_AAAA-MM-DD.xlsx``."""
    return Path(carpeta_libro) / "informes" / f"antiguedad_{fecha:%Y-%m-%d}.xlsx"


def _ruta_libre(ruta: Path) -> Path:
    """The first of ``<nombre>-2.xlsx``, ``-3``… that does not exist."""
    n = 2
    while (candidata := ruta.with_name(f"{ruta.stem}-{n}{ruta.suffix}")).exists():
        n += 1
    return candidata


def _apartar_anterior(ruta: Path) -> Path:
    """Move an earlier report of the same day aside; return where the new one goes.

    If the earlier one cannot be moved (open in Excel on Windows), the new
    report takes the next free numbered name instead.
    """
    if not ruta.exists():
        return ruta
    libre = _ruta_libre(ruta)
    try:
        os.replace(ruta, libre)
    except PermissionError:
        return libre
    return ruta


def guardar(informe: c.Informe, carpeta_libro: Path, fecha: dt.date, *, pais: str) -> Path:
    """Write the report beside the workbook, never leaving a half-written file; return its path."""
    ruta = ruta_informe(carpeta_libro, fecha)
    ruta.parent.mkdir(parents=True, exist_ok=True)
    temporal = resguardo.temporal_junto_a(ruta)
    try:
        escribir(informe, temporal, pais=pais)
        resguardo.sincronizar(temporal)
        destino = _apartar_anterior(ruta)
        os.replace(temporal, destino)
    finally:
        temporal.unlink(missing_ok=True)
    return destino
