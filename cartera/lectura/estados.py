"""The owner's own words in ``Estado``, mapped to states by meaning, country by country.

Owners write ``Vencida``, ``Abono parcial``, ``Al día``, ``Cobrada``,
``Cancelada``…  Words that only describe where an open invoice stands
(``Vencida``, ``Abono parcial``, ``Por vencer``) are read as ``Pendiente``:
the amounts and dates decide the rest.  Words that close an invoice close it.
``Cancelada`` means *paid* in Colombia and most of Latin America («cancelar
una deuda») but *voided* in Mexico and Spain («cancelar una factura»):
closed either way.  A word not listed here is not an error: the invoice keeps
its row, is read as ``Pendiente`` (its state then follows from its amounts)
and a warning names the word.  A paid word on a row whose Saldo column
still shows money owed is said, and the amounts may win
(:func:`pagadas_que_deben`).
"""

from __future__ import annotations

import re

import numpy as np

from cartera import formato
from cartera.lectura.conversion import textos
from cartera.lectura.esquema import normalizar
from cartera.lectura.problemas import Problema, celdas_de
from cartera.lectura.tabla import Tabla
from cartera.vocabulario import EstadoFactura

_E = EstadoFactura
_PALABRAS: dict[EstadoFactura, tuple[str, ...]] = {
    _E.PENDIENTE: (
        "", "pendiente", "pendiente de pago", "por cobrar", "por pagar", "abierta", "abierto", "vigente", "al dia",
        "por vencer", "no vencida", "sin vencer", "vencida", "vencido", "vencidas", "en mora", "mora", "morosa",
        "moroso", "atrasada", "atrasado", "debe", "adeuda", "abono", "abonos", "con abonos", "abono parcial", "abonada", "abonado", "pago parcial", "parcial",
        "parcialmente pagada", "pagada parcialmente", "cobro parcial", "cobrada parcialmente", "con abono",
        "impagada", "impagado", "no pagada", "sin pagar", "por cobrar vencida", "emitida", "enviada", "facturada",
        "en cobro", "en gestion", "en gestion de cobro", "reclamada al cliente", "recordada",
    ),
    _E.PAGADA: (
        "pagada", "pagado", "pagadas", "cobrada", "cobrado", "saldada", "saldado", "liquidada", "liquidado",
        "pago total", "pagada total", "pagada totalmente", "totalmente pagada", "recaudada", "recaudado", "paz y salvo",
        "pago", "pagó", "pagaron", "cancelado total", "cancelada total",
        "finiquitada", "cerrada", "cerrado",
    ),
    _E.ANULADA: ("anulada", "anulado", "nula", "nulo", "anulada por nota credito", "sin efecto", "rectificada", "void"),
    _E.DISPUTA: ("disputa", "en disputa", "reclamo", "en reclamo", "reclamada", "glosada", "glosa", "objetada",
                 "en revision", "devuelta", "controversia", "impugnada"),
    _E.PROMESA: ("promesa", "promesa de pago", "compromiso de pago", "comprometida", "con promesa"),
    _E.PLAN_DE_PAGOS: ("plan de pagos", "plan de pago", "acuerdo de pago", "acuerdo de pagos", "convenio",
                       "convenio de pago", "en acuerdo", "financiada", "refinanciada"),
    _E.INCOBRABLE: ("incobrable", "castigada", "castigado", "cartera castigada", "perdida", "dudoso cobro",
                    "de dudoso cobro", "provisionada", "en cobro juridico", "cobro juridico", "juridico",
                    "cobranza judicial", "cobro judicial", "en cobro judicial", "en cobranza judicial", "judicial",
                    "demanda", "demandada", "en demanda", "abogado", "en abogado"),
}
_CANCELADA_ANULA = frozenset({"MX", "ES"})
"""Where «cancelada» means the invoice was voided, not paid."""

_MAPA = {normalizar(p): estado for estado, palabras in _PALABRAS.items() for p in palabras}
_MAPA.update({normalizar(e.value): e for e in EstadoFactura})


_ADORNOS = re.compile(r"\([^)]*\)|\d+([/.\-]\d+)*|[^\w\s]")
_ABIERTA = re.compile(r"\b(parcial|parcialmente|abono|abonos|abonada|pendiente|debe|saldo)\b|^(no|sin|falta)\b|por (pagar|cobrar)")


def _exacta(clave: str, pais: str) -> EstadoFactura | None:
    if clave in ("cancelada", "cancelado", "canceladas", "cancelados"):
        return _E.ANULADA if pais in _CANCELADA_ANULA else _E.PAGADA
    return _MAPA.get(clave)


def estado_de(texto: str, pais: str) -> EstadoFactura | None:
    """The state an owner's ``Estado`` word means in ``pais``; None for a word cartera does not know.

    The word as written first; then without what owners add to it (a date, a
    note in parentheses, a tick: «Pagada (transf.)», «PAGADA 15/11», «Pagado ✔»)
    and by its first words («Cancelado total»).  A word that says part is still
    owed («Pagada parcialmente», «No pagada») is never read as paid.

    >>> estado_de("Cancelada", "CO"), estado_de("Cancelada", "MX"), estado_de("Abono parcial", "CO")
    (<EstadoFactura.PAGADA: 'Pagada'>, <EstadoFactura.ANULADA: 'Anulada'>, <EstadoFactura.PENDIENTE: 'Pendiente'>)
    >>> estado_de("Pagada (transf.) 15/11", "CO"), estado_de("Pagada parcialmente", "CO"), estado_de("Rosa", "CO")
    (<EstadoFactura.PAGADA: 'Pagada'>, <EstadoFactura.PENDIENTE: 'Pendiente'>, None)
    """
    clave = normalizar(texto).rstrip(".!")
    if (exacta := _exacta(clave, pais)) is not None:
        return exacta
    limpia = " ".join(_ADORNOS.sub(" ", clave).split())
    if _ABIERTA.search(limpia):
        return _E.PENDIENTE
    palabras = limpia.split()
    for n in (len(palabras), 3, 2, 1):
        if (hallada := _exacta(" ".join(palabras[:n]), pais)) is not None:
            return hallada
    return None


def significado(texto: str, pais: str) -> str:
    """How a word was read, for the ``Lectura`` sheet: «Cancelada → Pagada (en CO)»."""
    estado = estado_de(texto, pais)
    if estado is None:
        return f"«{texto}» → no reconocida: se lee como pendiente y deciden los importes"
    nota = f" (en {pais})" if normalizar(texto).startswith("cancelad") else ""
    return f"«{texto}» → {estado.value}{nota}"


def pagadas_que_deben(tabla: Tabla, estado: np.ndarray, debe: np.ndarray, pagado: np.ndarray, moneda: np.ndarray,
                      pais: str) -> tuple[np.ndarray, np.ndarray, list[Problema]]:
    """A paid word in Estado («Pagada») on a row whose Saldo column still shows money owed.

    When the row records part of the invoice as paid (Total − Saldo > 0), the
    owner keeps the amounts up to date: they win, the invoice stays open (read
    as Pendiente) and a warning names the word and the balance.  When it
    records nothing paid (Saldo = Total: the payment was never typed), the
    word is the only record of the payment and closes the invoice, also with
    a warning.  ``debe``: what the row's Saldo column says is owed (0: none);
    ``pagado``: what the row records as paid.  Returns the states, the rows
    kept open and the warnings.
    """
    palabras = textos(celdas_de(tabla, "estado"))
    dice_pagada = (estado == _E.PAGADA) & (debe > 0)
    abierta = dice_pagada & (pagado > 0)
    columna = tabla.encabezados.get("saldo", "Saldo")
    avisos = [Problema(pos, "estado", f"El estado dice «{palabras[pos]}», pero «{columna}» dice "
                       f"{formato.dinero(int(debe[pos]), moneda[pos], pais)}: "
                       + ("la factura sigue abierta por ese saldo (la fila registra un abono parcial). Si ya se pagó, "
                          "ponga el saldo en cero." if abierta[pos] else
                          "se toma como pagada (la fila no registra ningún abono). Si aún se debe, corrija el estado."),
                       grave=False) for pos in np.flatnonzero(dice_pagada).tolist()]
    return np.where(abierta, _E.PENDIENTE, estado), abierta, avisos
