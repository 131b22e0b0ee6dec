"""The invoices a bank credit may pay, ranked: what the matching (``cotejo``) decides from.

Each candidate is one client's invoice or set of invoices, with how much they owe, the difference from the
line's amount, a score and the reasons in Spanish.  The evidence, strongest first: the text names the
invoice; the text carries the client's tax id; the text carries the client's name; only the amount agrees.
A set of invoices comes from the invoices named together, from the client's total overdue, or from a bounded
search among the identified client's open invoices (:data:`MAXIMO_COMBINADAS` oldest, at most
:data:`TAMANO_COMBINACION` together): an amount alone is never searched among every client's combinations.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from cartera.conciliacion import numeros
from cartera.conciliacion.movimientos import MovimientoBancario

MAXIMO_COMBINADAS = 12
"""Open invoices of one client (oldest due first) among which a combination equal to a line is searched."""
TAMANO_COMBINACION = 4
"""At most this many invoices in one combination (12 invoices → 793 sets at most: bounded work per line)."""
COMISION_MAXIMA = (5, 1000)
"""A line short of the invoice by at most 0,5 % of it: a bank fee, said so (numerator, denominator)."""
RETENCION_MAXIMA = (12, 100)
"""Short by at most 12 %: a withholding (retención en la fuente 2,5–11 %, ICA, IVA), said so."""
DIAS_PROMESA = 3
"""A line within this many days of an invoice's promised date (Promesa de pago) ranks that invoice higher."""

# Scores: the evidence, strongest first; + IGUAL when the amount is exactly what is owed.
POR_NUMERO, POR_NIT, POR_NOMBRE, POR_MONTO, IGUAL, PROMESA = 60, 45, 30, 10, 30, 10


class Abierta(NamedTuple):
    """One open invoice as matching needs it (saldo: centavos still owed, after earlier lines of this run)."""

    factura: str
    cliente: str
    saldo: int
    moneda: str
    vencimiento: dt.date | None
    vencida: bool
    promesa: dt.date | None


class Candidato(NamedTuple):
    """Invoices of one client that a line may pay.  ``saldo``: what they owe together (centavos);
    ``diferencia``: ``saldo`` − the line's amount (> 0 the line pays less: partial, fee, withholding;
    < 0 more); ``puntaje``: higher first; ``motivos``: Spanish; ``identificado``: found by the invoice number or
    the tax id in the text (the only evidence a sure match may rest on); ``nombrado``: by the invoice number."""

    facturas: tuple[str, ...]
    cliente: str
    saldo: int
    diferencia: int
    puntaje: int
    motivos: tuple[str, ...]
    identificado: bool = False
    nombrado: bool = False
    combinacion: bool = False  # some of a client's invoices whose sum is the line (never sure unless named)


def fecha_de(valor) -> dt.date | None:
    """A cell of a datetime64 column as a date (None for NaT or blank)."""
    return None if valor is None or pd.isna(valor) else pd.Timestamp(valor).date()


def abiertas(facturas: pd.DataFrame) -> dict[str, Abierta]:
    """The open invoices of ``calculo``'s table (``saldo`` > 0 and ``abierta`` when present), by number."""
    tabla = facturas[facturas["saldo"] > 0]
    if "abierta" in tabla:
        tabla = tabla[tabla["abierta"].astype(bool)]
    vencimiento, promesa = (tabla.get(c, pd.Series([None] * len(tabla), index=tabla.index)) for c in ("vencimiento", "promesa"))
    vencida = tabla["dias_vencidos"] > 0 if "dias_vencidos" in tabla else pd.Series(False, index=tabla.index)
    return {str(f): Abierta(str(f), str(c), int(s), str(m), fecha_de(v), bool(x), fecha_de(p)) for f, c, s, m, v, x, p in zip(
        tabla["factura"], tabla["cliente"], tabla["saldo"], tabla["moneda"], vencimiento, vencida, promesa, strict=True)}


class Pendientes:
    """The open invoices during one matching run, by number, by client and by balance; a sure match lowers them."""

    def __init__(self, abiertas: dict[str, Abierta]) -> None:
        self.facturas = dict(abiertas)
        self._por_cliente: dict[str, list[str]] = {}
        self._por_saldo: dict[int, list[str]] = {}
        for f in abiertas.values():
            self._por_cliente.setdefault(f.cliente, []).append(f.factura)
            self._por_saldo.setdefault(f.saldo, []).append(f.factura)

    def util(self, numero: str, moneda: str) -> Abierta | None:
        """The invoice when it still owes something in ``moneda`` ("" = any currency)."""
        f = self.facturas.get(numero)
        return f if f is not None and f.saldo > 0 and (not moneda or f.moneda == moneda) else None

    def de(self, cliente: str, moneda: str) -> list[Abierta]:
        return [f for n in self._por_cliente.get(cliente, ()) if (f := self.util(n, moneda)) is not None]

    def con_saldo(self, importe: int, moneda: str) -> list[Abierta]:
        return [f for n in self._por_saldo.get(importe, ()) if (f := self.util(n, moneda)) is not None and f.saldo == importe]

    def pagar(self, factura: str, monto: int) -> None:
        nueva = self.facturas[factura]._replace(saldo=self.facturas[factura].saldo - monto)
        self.facturas[factura] = nueva
        self._por_saldo.setdefault(nueva.saldo, []).append(factura)


def explicar_diferencia(diferencia: int, saldo: int) -> str:
    """Spanish: what a difference between the line and what is owed most likely is."""
    if diferencia == 0:
        return "el monto es igual a lo que se debe"
    if diferencia < 0:
        return "el pago es mayor que lo que se debe: lo que sobra quedaría como saldo a favor"
    if diferencia * COMISION_MAXIMA[1] <= saldo * COMISION_MAXIMA[0]:
        return "faltan unos pocos pesos: posible comisión bancaria descontada por el banco"
    if diferencia * RETENCION_MAXIMA[1] <= saldo * RETENCION_MAXIMA[0]:
        return "falta una parte pequeña: posible retención (en la fuente, de ICA o de IVA) que el cliente descontó"
    return "es un abono parcial: paga solo una parte"


def _candidato(facturas: Iterable[Abierta], importe: int, puntaje: int, motivo: str, fecha: dt.date, *,
               identificado: bool = False, nombrado: bool = False, combinacion: bool = False) -> Candidato:
    lista = tuple(facturas)
    saldo = sum(f.saldo for f in lista)
    promesa = [f for f in lista if f.promesa and abs((f.promesa - fecha).days) <= DIAS_PROMESA]
    motivos = [motivo, explicar_diferencia(saldo - importe, saldo)]
    if promesa:
        motivos.append(f"llegó cerca de la promesa de pago del {promesa[0].promesa:%d/%m/%Y}")
    bono = (IGUAL if saldo == importe else 0) + (PROMESA if promesa else 0)
    return Candidato(tuple(f.factura for f in lista), lista[0].cliente, saldo, saldo - importe, puntaje + bono,
                     tuple(motivos), identificado, nombrado, combinacion)


def combinaciones(facturas: list[Abierta], importe: int) -> list[tuple[Abierta, ...]]:
    """Sets of 2 to :data:`TAMANO_COMBINACION` of the :data:`MAXIMO_COMBINADAS` oldest invoices summing exactly to
    ``importe`` (oldest sets first)."""
    orden = sorted(facturas, key=lambda f: (f.vencimiento or dt.date.max, f.factura))[:MAXIMO_COMBINADAS]
    return [c for n in range(2, min(TAMANO_COMBINACION, len(orden)) + 1)
            for c in itertools.combinations(orden, n) if sum(f.saldo for f in c) == importe]


def de_un_cliente(propias: list[Abierta], importe: int, puntaje: int, como: str, fecha: dt.date, *,
                  identificado: bool) -> list[Candidato]:
    """Candidates among one identified client's open invoices: one equal to the line, or short of it by a fee or
    a withholding; all the overdue together; a combination equal to the line."""
    salida = [_candidato([f], importe, puntaje, f"{como}; factura {f.factura}", fecha, identificado=identificado)
              for f in propias if f.saldo == importe or 0 < f.saldo - importe <= f.saldo * RETENCION_MAXIMA[0] // 100]
    vencidas = [f for f in propias if f.vencida]
    if len(vencidas) > 1 and sum(f.saldo for f in vencidas) == importe:
        salida.append(_candidato(vencidas, importe, puntaje, f"{como}; el monto es todo lo vencido del cliente", fecha,
                                 identificado=identificado))
    salida += [_candidato(c, importe, puntaje - 5, f"{como}; el monto suma {len(c)} facturas abiertas del cliente",
                          fecha, identificado=identificado, combinacion=True) for c in combinaciones(propias, importe)]
    if not salida and propias:
        antigua = min(propias, key=lambda f: (f.vencimiento or dt.date.max, f.factura))
        salida.append(_candidato([antigua], importe, puntaje - 10, f"{como}; a su factura más antigua, {antigua.factura}",
                                 fecha, identificado=identificado))
    return salida


def por_numero(nombradas: list[Abierta], propias: list[Abierta], importe: int, fecha: dt.date) -> list[Candidato]:
    """The invoices the text names (one client's together), and that client's total overdue when it is the line."""
    lista = ", ".join(f.factura for f in nombradas)
    salida = [_candidato(nombradas, importe, POR_NUMERO, f"el texto nombra la factura {lista}" if len(nombradas) == 1
                         else f"el texto nombra las facturas {lista} (una transferencia paga varias)", fecha,
                         identificado=True, nombrado=True)]
    vencidas = [f for f in propias if f.vencida]
    if sum(f.saldo for f in vencidas) == importe and {f.factura for f in vencidas} != {f.factura for f in nombradas}:
        salida.append(_candidato(vencidas, importe, POR_NUMERO, f"el texto nombra la factura {lista} y el monto es todo "
                                 "lo vencido del cliente", fecha, identificado=True, nombrado=True))
    return salida


def unidos(candidatos: Iterable[Candidato]) -> tuple[Candidato, ...]:
    """One candidate per set of invoices (the best score, every reason), best first."""
    mejores: dict[frozenset[str], Candidato] = {}
    for c in candidatos:
        clave = frozenset(c.facturas)
        previo = mejores.get(clave)
        if previo is None or c.puntaje > previo.puntaje:
            motivos = tuple(dict.fromkeys(c.motivos + (previo.motivos if previo else ())))
            c = c._replace(motivos=motivos, identificado=c.identificado or bool(previo and previo.identificado),
                           nombrado=c.nombrado or bool(previo and previo.nombrado))
            mejores[clave] = c
        else:
            mejores[clave] = previo._replace(motivos=tuple(dict.fromkeys(previo.motivos + c.motivos)))
    return tuple(sorted(mejores.values(), key=lambda c: (-c.puntaje, abs(c.diferencia), c.facturas)))


def del_texto(movimiento: MovimientoBancario) -> str:
    """What a line says, reference included: where numbers and names are looked for."""
    return f"{movimiento.texto} {movimiento.referencia}"


def por_monto(todas: Iterable[Abierta], importe: int, fecha: dt.date) -> list[Candidato]:
    """Nothing in the text: invoices owing exactly the amount, any client (a weak hint only)."""
    return [_candidato([f], importe, POR_MONTO, f"solo el monto coincide con la factura {f.factura}", fecha)
            for f in todas if f.saldo == importe]


class Directorio(NamedTuple):
    """The clients as a text is searched for them, indexed by token: ``por_nit`` (each form of a tax id → clients)
    and ``por_palabra`` (the longest significant word of a name → (client, all its words))."""

    por_nit: dict[str, tuple[str, ...]]
    por_palabra: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]


def directorio(clientes: pd.DataFrame) -> Directorio:
    """Built once per run, so that each line costs its own tokens, not the number of clients."""
    vacias = pd.Series([""] * len(clientes), index=clientes.index)
    por_nit: dict[str, list[str]] = {}
    por_palabra: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for cliente, nit, nombre in zip(clientes["cliente"], clientes.get("nit", vacias), clientes.get("nombre", vacias),
                                    strict=True):
        for forma in numeros.formas_nit(str(nit)):
            por_nit.setdefault(forma, []).append(str(cliente))
        palabras = numeros.nombre_significativo(str(nombre or cliente))
        if palabras and max(map(len, palabras)) >= 4:
            por_palabra.setdefault(max(palabras, key=len), []).append((str(cliente), palabras))
    return Directorio({k: tuple(v) for k, v in por_nit.items()}, {k: tuple(v) for k, v in por_palabra.items()})


def clientes_del_texto(texto: str, clientes: Directorio) -> tuple[set[str], set[str]]:
    """(clients whose tax id the text carries, clients whose every significant name word it carries)."""
    fichas = set(numeros.fichas(texto)) | set(numeros.palabras(texto))
    por_nit = {c for f in fichas for c in clientes.por_nit.get(f, ())}
    por_nombre = {c for f in fichas for c, palabras in clientes.por_palabra.get(f, ())
                  if c not in por_nit and set(palabras) <= fichas}
    return por_nit, por_nombre
