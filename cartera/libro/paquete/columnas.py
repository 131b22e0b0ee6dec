"""Column hints in a worksheet's XML: a row's ``spans`` and the sheet's ``<cols>`` widths."""

from __future__ import annotations

import re

from cartera.libro.paquete.flujo import ATR_SPANS, SHEETDATA


def ampliar_spans(atributos: bytes, cols: list[int]) -> bytes:
    """Widen a row's ``spans`` hint so it covers ``cols``."""
    m = ATR_SPANS.search(atributos)
    if not m or not cols:
        return atributos
    rangos = [tuple(int(x) for x in s.split(b":")) for s in m.group(1).split() if b":" in s]
    if not rangos:
        return atributos
    bajo, alto = min(min(a for a, _ in rangos), min(cols)), max(max(b for _, b in rangos), max(cols))
    return atributos[: m.start(1)] + b"%d:%d" % (bajo, alto) + atributos[m.end(1):]


def anchos_de_columna(cabeza: bytes, anchos: tuple[tuple[int, float], ...], p: bytes) -> bytes:
    """Add ``<col>`` widths for new columns not covered by the sheet's own ``<cols>``."""
    if not anchos:
        return cabeza
    existentes = [(int(a), int(b)) for a, b in re.findall(rb'<(?:[\w.-]+:)?col\b[^>]*?\bmin="(\d+)"[^>]*?\bmax="(\d+)"', cabeza)]
    libres = [(c, w) for c, w in anchos if not any(a <= c <= b for a, b in existentes)]
    if not libres:
        return cabeza
    nuevos = b"".join(b'<%scol min="%d" max="%d" width="%s" customWidth="1"/>' % (p, c, c, str(w).encode()) for c, w in libres)
    cierre = re.search(rb"</(?:[\w.-]+:)?cols>", cabeza)
    if existentes and cierre is not None and max(b for _, b in existentes) < min(c for c, _ in libres):
        return cabeza[: cierre.start()] + nuevos + cabeza[cierre.start():]
    if existentes or cierre is not None:
        return cabeza
    m = SHEETDATA.search(cabeza)
    return cabeza[: m.start()] + b"<%scols>%s</%scols>" % (p, nuevos, p) + cabeza[m.start():]
