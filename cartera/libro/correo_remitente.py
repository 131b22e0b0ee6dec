"""``cartera correo`` fills an empty ``Correo remitente`` in ``Configuración``: a one-cell edit.

Like the write-back, only the ``Configuración`` sheet part changes (an inline
string in the ``Valor`` cell of that row, keeping the cell's style); the
package is copied, verified, backed up and atomically replaced.  A workbook
whose ``Configuración`` has no ``Correo remitente`` row, or a value already
there, is left untouched.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import python_calamine

from cartera.disposicion.hojas import por_nombre
from cartera.errores import LibroInvalido
from cartera.lectura import esquema
from cartera.lectura.tabla import ubicar
from cartera.libro import resguardo
from cartera.libro.apertura import comprobar_archivo, formato_de
from cartera.libro.paquete import PaqueteInvalido, averias
from cartera.libro.paquete import codificacion as cx
from cartera.libro.paquete import partes as px

PARAMETRO = "Correo remitente"


def _buscar(ruta: Path) -> tuple[str, str, object] | None:
    """(sheet name, cell ref like "B7", current value) of the Valor of ``Correo remitente``, else None.

    The sheet and its columns are found as reading finds them (schema aliases, header row).
    """
    try:
        libro = python_calamine.CalamineWorkbook.from_path(str(ruta))
        try:
            nombre = por_nombre(list(libro.sheet_names)).get(esquema.CONFIGURACION, (None,))[0]
            filas = libro.get_sheet_by_name(nombre).to_python(skip_empty_area=False) if nombre else []
        finally:
            libro.close()
    except python_calamine.CalamineError as error:
        raise LibroInvalido(averias.danado(Path(ruta).name, error)) from error
    try:
        tabla = ubicar(esquema.CONFIGURACION, nombre, filas, (0, 0)) if nombre else None
    except LibroInvalido:
        return None
    if tabla is None:
        return None
    clave = esquema.normalizar(PARAMETRO)
    for pos, parametro in enumerate(tabla.celdas["parametro"].tolist()):
        if esquema.normalizar(parametro) == clave:
            return nombre, f"{tabla.letras['valor']}{tabla.filas[pos]}", tabla.celdas["valor"][pos]
    return None


def _con_celda(xml: bytes, ref: str, valor: str) -> bytes:
    """The sheet XML with cell ``ref`` holding ``valor`` as an inline string (style kept)."""
    fila = int(re.sub(r"\D", "", ref))
    nueva_sin_estilo = b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref.encode(), escape(valor).encode())
    existente = re.search(rb'<c r="%s"(?P<attrs>[^>]*?)(?:/>|>.*?</c>)' % ref.encode(), xml, re.S)
    if existente:
        estilo = re.search(rb'\ss="(\d+)"', existente.group("attrs"))
        nueva = nueva_sin_estilo.replace(b't="inlineStr"', b's="%s" t="inlineStr"' % estilo.group(1)) if estilo else nueva_sin_estilo
        return xml[:existente.start()] + nueva + xml[existente.end():]
    renglon = re.search(rb'<row r="%d"[^>]*?(?:/>|>(?P<celdas>.*?)</row>)' % fila, xml, re.S)
    if renglon is None:
        raise ValueError(f"no se encontró la fila {fila}")
    columna = cx.numero_columna(ref)
    celdas = renglon.group("celdas") or b""
    antes = [m for m in re.finditer(rb'<c r="([A-Z]+)\d+"', celdas) if cx.numero_columna(m.group(1)) < columna]
    corte = (renglon.start("celdas") if renglon.group("celdas") is not None else None)
    if corte is None:  # <row .../> with no cells
        abierta = renglon.group(0)[:-2] + b">" + nueva_sin_estilo + b"</row>"
        return xml[:renglon.start()] + abierta + xml[renglon.end():]
    posicion = corte + (_fin_de_celda(celdas, antes[-1].start()) if antes else 0)
    return xml[:posicion] + nueva_sin_estilo + xml[posicion:]


def _fin_de_celda(celdas: bytes, inicio: int) -> int:
    cierre = re.compile(rb"<c\b[^>]*?/>|<c\b.*?</c>", re.S).match(celdas, inicio)
    return cierre.end()


def anotar_correo_remitente(ruta: Path, direccion: str) -> bool:
    """Write ``direccion`` into the empty ``Correo remitente`` value.  True when written (never in an .xls/.ods)."""
    ruta = Path(ruta)
    comprobar_archivo(ruta)  # the limits and the damage checks, before anything inflates it
    if formato_de(ruta) != "xlsx":
        return False
    lugar = _buscar(ruta)
    if lugar is None or lugar[2] not in ("", None):
        return False
    resguardo.comprobar_cerrado(ruta)
    nombre, ref, _ = lugar
    huella = resguardo.huella_de(ruta)
    tmp = resguardo.temporal_junto_a(ruta)
    try:
        with zipfile.ZipFile(ruta) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
            parte = px.buscar_hoja(zin, nombre).parte
            px.copiar_paquete(zin, zout, {parte: _con_celda(zin.read(parte), ref, direccion)}, {})
        if (_buscar(tmp) or (None, None, None))[2] != direccion:
            raise ValueError("la dirección no quedó en el libro")
        resguardo.respaldar(ruta)  # the same backups and atomic replace as the write-back
        resguardo.reemplazar(tmp, ruta, huella)
    except PaqueteInvalido as error:
        raise LibroInvalido(str(error)) from error
    finally:
        tmp.unlink(missing_ok=True)
    return True
