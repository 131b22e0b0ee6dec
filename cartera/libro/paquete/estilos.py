"""``styles.xml``: the cell formats the write-back needs, added (or reused) by editing the XML as text."""

from __future__ import annotations

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
