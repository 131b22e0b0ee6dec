"""``styles.xml``: the cell formats the write-back needs, added (or reused) by editing the XML as text."""

from __future__ import annotations

import html
import re

from cartera.libro.paquete.codificacion import Estilos

_GRIS_TEXTO, _GRIS_FONDO = b"FF595959", b"FFEDEDED"


def _bloque(xml: bytes, nombre: bytes) -> re.Match | None:
    return re.search(rb"<([\w.-]+:)?%s\b([^>/]*)>(.*?)</\1?%s>" % (nombre, nombre), xml, re.S)


def _hijos(bloque: re.Match, hijo: bytes) -> list[re.Match]:
    return list(re.finditer(rb"<(?:[\w.-]+:)?%s\b([^>]*?)(/>|>.*?</(?:[\w.-]+:)?%s>)" % (hijo, hijo), bloque.group(3), re.S))


def _anadir(xml: bytes, nombre: bytes, hijo: bytes, elementos: list[bytes]) -> tuple[bytes, int]:
    """Append child elements to a styles block and fix its count; returns (xml, index of the first)."""
    bloque = _bloque(xml, nombre)
    if bloque is None:
        raise ValueError(nombre)
    n = len(_hijos(bloque, hijo))
    apertura = re.sub(rb'\bcount="\d+"', b'count="%d"' % (n + len(elementos)), xml[bloque.start(): bloque.start(3)])
    nuevo = apertura + bloque.group(3) + b"".join(elementos) + xml[bloque.end(3): bloque.end()]
    return xml[: bloque.start()] + nuevo + xml[bloque.end():], n


def _xf_existente(xml: bytes, formato: int) -> int | None:
    bloque = _bloque(xml, b"cellXfs")
    for i, m in enumerate(_hijos(bloque, b"xf") if bloque else ()):
        atributos = dict(re.findall(rb'([\w:]+)="([^"]*)"', m.group(1)))
        base = all(atributos.get(k, b"0") == b"0" for k in (b"fontId", b"fillId", b"borderId"))
        if base and m.group(2) == b"/>" and atributos.get(b"numFmtId") == str(formato).encode():
            return i
    return None


def asegurar_estilos(xml: bytes, *, encabezado: bool) -> tuple[bytes, Estilos]:
    """styles.xml with the cell formats we need (reusing identical ones already there).

    Money uses built-in format 4 (``#,##0.00``), dates 14 (short date in the
    user's locale), date-times 22; the computed header is italic grey text on
    a light grey fill.  Unreadable styles → unchanged XML, no styles.
    """
    p = (re.search(rb"<([\w.-]+:)?styleSheet\b", xml) or re.search(rb"()", xml)).group(1) or b""
    try:
        ids = []
        for formato in (4, 14, 22):
            i = _xf_existente(xml, formato)
            if i is None:
                xml, i = _anadir(xml, b"cellXfs", b"xf", [b'<%sxf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' % (p, formato)])
            ids.append(i)
        cabecera = _estilo_encabezado(xml, p) if encabezado else None
        if cabecera is not None:
            xml, indice = cabecera
            ids.insert(0, indice)
        else:
            ids.insert(0, None)
        return xml, Estilos(*ids)
    except ValueError:
        return xml, Estilos()


def _estilo_encabezado(xml: bytes, p: bytes) -> tuple[bytes, int]:
    fuentes = _bloque(xml, b"fonts")
    primera = _hijos(fuentes, b"font")[0].group(0) if fuentes else b"<font/>"
    interior = re.sub(rb"<(?:[\w.-]+:)?(?:color|i|b)\b[^>]*?/>", b"", primera)
    interior = re.sub(rb"^<[^>]*?/?>|</[^>]*>$", b"", interior)
    fuente = b'<%sfont><%si/>%s<%scolor rgb="%s"/></%sfont>' % (p, p, interior, p, _GRIS_TEXTO, p)
    xml, id_fuente = _anadir(xml, b"fonts", b"font", [fuente])
    relleno = b'<%sfill><%spatternFill patternType="solid"><%sfgColor rgb="%s"/><%sbgColor indexed="64"/></%spatternFill></%sfill>' % (
        p, p, p, _GRIS_FONDO, p, p, p)
    xml, id_relleno = _anadir(xml, b"fills", b"fill", [relleno])
    xf = b'<%sxf numFmtId="0" fontId="%d" fillId="%d" borderId="0" xfId="0" applyFont="1" applyFill="1"/>' % (p, id_fuente, id_relleno)
    return _anadir(xml, b"cellXfs", b"xf", [xf])


# --- the owner's styles for appended rows ---------------------------------------------

_FECHAS = frozenset((*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)))
"""Built-in number formats that show a date or a time."""
_LITERALES = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]', re.I)
_PROPIO = {"dinero": 4, "numero": 0, "fecha": 14, "fecha_hora": 22}
"""The number format cartera gives each kind of value (``asegurar_estilos``)."""
_ENCAJA = {"dinero": ("numero", "general"), "numero": ("numero", "general"), "fecha": ("fecha",),
           "fecha_hora": ("fecha",)}
"""The categories of the owner's format a value of each kind is shown right in (a text shows right in any)."""


def _formatos(xml: bytes) -> dict[int, str]:
    bloque = _bloque(xml, b"numFmts")
    salida = {}
    for m in _hijos(bloque, b"numFmt") if bloque else ():
        atributos = dict(re.findall(rb'([\w:]+)="([^"]*)"', m.group(1)))
        if atributos.get(b"numFmtId", b"").isdigit():
            salida[int(atributos[b"numFmtId"])] = html.unescape(atributos.get(b"formatCode", b"").decode("utf-8", "replace"))
    return salida


def categoria(formato: int, codigo: str | None) -> str:
    """What a number format shows: "general", "texto" (``@``), "fecha" (a date or a time), "porcentaje" or
    "numero".  ``codigo``: its formatCode when the workbook defines it (None: a built-in format)."""
    if codigo is None:
        return ("general" if formato == 0 else "texto" if formato == 49 else "fecha" if formato in _FECHAS
                else "porcentaje" if formato in (9, 10) else "numero")
    seccion = _LITERALES.sub("", codigo).split(";")[0].strip().lower()
    if seccion in ("general", ""):
        return "general"
    if re.search(r"[dmyhs]|\[[hms]+\]", seccion.replace("general", "")):
        return "fecha"
    return "texto" if "@" in seccion else "porcentaje" if "%" in seccion else "numero"


def _con_formato(xml: bytes, xfs: list[bytes], xf: bytes, formato: int) -> tuple[bytes, int]:
    """The index of a cell format like ``xf`` but showing numbers with ``formato`` (reused when it exists);
    ``xfs``: the workbook's cell formats, kept in step (a new one is appended)."""
    apertura = re.match(rb"<[^>]*?/?>", xf).group(0)
    cambiada = re.sub(rb'\snumFmtId="\d*"', b"", apertura)
    cambiada = re.sub(rb'\sapplyNumberFormat="\w*"', b"", cambiada)
    cierre = 2 if cambiada.endswith(b"/>") else 1
    cambiada = cambiada[:-cierre] + b' numFmtId="%d" applyNumberFormat="1"' % formato + cambiada[-cierre:]
    nueva = cambiada + xf[len(apertura):]
    if nueva in xfs:
        return xml, xfs.index(nueva)
    xml, indice = _anadir(xml, b"cellXfs", b"xf", [nueva])
    xfs.append(nueva)
    return xml, indice


def de_columnas(xml: bytes, base: Estilos, previos: list[bytes | None], clases: list[set[str]]) -> tuple[bytes, tuple[Estilos, ...]]:
    """Per field, the styles of a row appended under the owner's rows: the cell above's own (``previos``: its
    ``s``, None when it has none or there is no row above) for the kinds of value (``clases``, see
    ``codificacion.clase``) its number format shows right; for the others, the same cell format (font, fill,
    borders, alignment) with cartera's number format (a date under a text or number cell, an amount under a date);
    ``base``, cartera's own, where the cell above has no style.  Unreadable styles → ``base`` everywhere."""
    bloque = _bloque(xml, b"cellXfs")
    xfs = [m.group(0) for m in _hijos(bloque, b"xf")] if bloque else []
    formatos, salida = _formatos(xml), []
    for s, tipos in zip(previos, clases, strict=True):
        i = int(s) if s is not None and s.isdigit() else -1
        if not 0 < i < len(xfs):  # no style, style 0 (the default), or a broken index: cartera's own
            salida.append(base)
            continue
        numero = re.search(rb'\snumFmtId="(\d+)"', re.match(rb"<[^>]*>", xfs[i]).group(0))
        formato = int(numero.group(1)) if numero else 0
        propia = categoria(formato, formatos.get(formato))
        elegidos = {"texto": i}
        for tipo in tipos - {"texto"}:
            if propia in _ENCAJA[tipo]:
                elegidos[tipo] = i
            else:
                xml, elegidos[tipo] = _con_formato(xml, xfs, xfs[i], _PROPIO[tipo])
        salida.append(base._replace(**elegidos))
    return xml, tuple(salida)
