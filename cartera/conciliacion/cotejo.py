"""Which open invoice each bank credit pays: seguro, sugerido or sin identificar — safe first.

A line is **seguro** only when it is a credit, the text names the invoice (or carries the client's tax id and
the amount equals one of that client's open invoices), the amount equals what the invoice still owes (or the
client's total overdue), and there is exactly one such candidate.  With ``Registrar abonos parciales = sí``, a
line naming exactly one invoice and paying part of it is seguro too.  Everything else with a candidate is
**sugerido** (ranked candidates, see ``candidatos``), the rest **sin identificar**.  Before that, a line whose
key is already registered is **ya registrado** (never twice), and one that a payment typed by hand already
holds (same amount, a date within :data:`DIAS_CERCANOS`, its invoice or client named) is **¿ya registrado?**:
offered, not added.

Lines are taken in date order and each sure match lowers what its invoices owe, so a second line for the
same invoice is not registered against it again.  Pure: every table comes in as an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from cartera import formato
from cartera.conciliacion import candidatos as cand
from cartera.conciliacion import numeros
from cartera.conciliacion.candidatos import Abierta, Candidato
from cartera.conciliacion.movimientos import MovimientoBancario
from cartera.lectura.textos import sin_adornos

SEGURO = "seguro"
SUGERIDO = "sugerido"
SIN_IDENTIFICAR = "sin identificar"
YA_REGISTRADO = "ya registrado"
POSIBLE_DUPLICADO = "¿ya registrado?"
ESTADOS = (SEGURO, SUGERIDO, SIN_IDENTIFICAR, YA_REGISTRADO, POSIBLE_DUPLICADO)
METODO = "extracto"
"""``Método`` of a payment registered from a statement."""
DIAS_CERCANOS = 7
"""A hand-typed payment this many days or fewer from the line may be the same payment."""
MAXIMO_CANDIDATOS = 5


class PagoPropuesto(NamedTuple):
    """A row to append to ``Pagos``: ``monto`` centavos; ``clave`` the bank line's key (never registered twice)."""

    fecha: dt.date
    factura: str
    cliente: str
    monto: int
    metodo: str
    referencia: str
    clave: str
    moneda: str = ""


class Conciliacion(NamedTuple):
    """What matching decided for one credit: ``estado`` one of :data:`ESTADOS`; ``candidatos`` best first;
    ``pagos`` the rows for ``Pagos`` (only when ``seguro``); ``motivo`` why, in Spanish."""

    movimiento: MovimientoBancario
    estado: str
    candidatos: tuple[Candidato, ...] = ()
    pagos: tuple[PagoPropuesto, ...] = ()
    motivo: str = ""


def _a_mano(pagos: pd.DataFrame, de_cliente: dict[str, str]) -> list[tuple]:
    """(fecha, factura, cliente, monto, referencia, fila) of the payments already in ``Pagos``."""
    if pagos is None or not len(pagos):
        return []
    columnas = [pagos.get(c, pd.Series([""] * len(pagos), index=pagos.index)) for c in ("referencia", "fila")]
    return [(cand.fecha_de(f), str(fa), str(c) or de_cliente.get(str(fa), ""), int(m), str(r), fi) for f, fa, c, m, r, fi
            in zip(pagos["fecha"], pagos["factura"], pagos["cliente"], pagos["monto"], *columnas, strict=True)]


def _duplicado(movimiento: MovimientoBancario, a_mano: list[tuple], nombradas: set[str], clientes: set[str],
               pais: str) -> str:
    """The Spanish reason when a hand-typed payment already holds this line, "" otherwise."""
    fichas = set(numeros.fichas(cand.del_texto(movimiento)))
    for fecha, factura, cliente, monto, referencia, fila in a_mano:
        if monto != movimiento.importe or fecha is None or abs((fecha - movimiento.fecha).days) > DIAS_CERCANOS:
            continue
        if factura in nombradas or cliente in clientes or (referencia and sin_adornos(referencia) in fichas):
            donde = f"la factura {factura}" if factura else f"el cliente {cliente}"
            return (f"Pagos ya tiene un pago de {formato.dinero(monto, movimiento.moneda, pais)} del "
                    f"{formato.fecha(fecha, pais)} a {donde} (fila {fila}): ¿ya registrado? No se agrega.")
    return ""


def _pagos(candidato: Candidato, movimiento: MovimientoBancario, abiertas: dict[str, Abierta]) -> tuple[PagoPropuesto, ...]:
    """The Pagos rows of a sure match: each invoice its balance, or the whole line to one invoice."""
    def fila(factura: str, monto: int) -> PagoPropuesto:
        return PagoPropuesto(movimiento.fecha, factura, abiertas[factura].cliente, monto, METODO,
                             movimiento.referencia, movimiento.clave, abiertas[factura].moneda)
    if len(candidato.facturas) == 1:
        return (fila(candidato.facturas[0], movimiento.importe),)
    return tuple(fila(f, abiertas[f].saldo) for f in candidato.facturas)


def _seguro(lista: tuple[Candidato, ...], parciales: bool) -> tuple[Candidato | None, str]:
    """The one sure candidate and why, or (None, why not)."""
    nombrados = [c for c in lista if c.nombrado]
    base = nombrados or [c for c in lista if c.identificado]
    exactos = [c for c in base if c.diferencia == 0]
    if len(exactos) == 1 and not any(c.diferencia == 0 and c.identificado for c in lista if c not in base):
        if exactos[0].combinacion and not exactos[0].nombrado:
            return None, "; ".join(exactos[0].motivos) + ": el texto no nombra las facturas, confirme la combinación"
        return exactos[0], "; ".join(exactos[0].motivos)
    if len(exactos) > 1:
        return None, "hay más de un candidato que encaja exactamente: confirme cuál"
    parcial = [c for c in nombrados if len(c.facturas) == 1 and c.diferencia > 0]
    if parcial and len(nombrados) == 1:
        if parciales:
            return parcial[0], f"{parcial[0].motivos[0]}; abono parcial registrado (Registrar abonos parciales = sí)"
        return None, (f"{parcial[0].motivos[1]}: queda por confirmar (con «Registrar abonos parciales» = sí se "
                      "registraría)")
    return None, "; ".join(lista[0].motivos) if lista else "ninguna factura abierta encaja"


def _candidatos(movimiento: MovimientoBancario, pendientes: cand.Pendientes, nombradas: list[str],
                por_nit: set[str], por_nombre: set[str]) -> tuple[Candidato, ...]:
    importe, fecha, moneda = movimiento.importe, movimiento.fecha, movimiento.moneda
    lista: list[Candidato] = []
    grupos: dict[str, list[Abierta]] = {}
    for numero in nombradas:
        if (factura := pendientes.util(numero, moneda)) is not None:
            grupos.setdefault(factura.cliente, []).append(factura)
    for cliente, suyas in grupos.items():
        lista += cand.por_numero(suyas, pendientes.de(cliente, moneda), importe, fecha)
    for cliente in por_nit:
        lista += cand.de_un_cliente(pendientes.de(cliente, moneda), importe, cand.POR_NIT, "el texto trae el NIT del "
                                    "cliente", fecha, identificado=True)
    for cliente in por_nombre:
        lista += cand.de_un_cliente(pendientes.de(cliente, moneda), importe, cand.POR_NOMBRE, "el texto trae el "
                                    "nombre del cliente", fecha, identificado=False)
    if not lista:
        lista = cand.por_monto(pendientes.con_saldo(importe, moneda), importe, fecha)
    return cand.unidos(lista)


def _una(movimiento: MovimientoBancario, pendientes: cand.Pendientes, indice: numeros.Indice, clientes: cand.Directorio,
         a_mano: list[tuple], parciales: bool, pais: str) -> Conciliacion:
    texto = cand.del_texto(movimiento)
    nombradas = list(numeros.facturas_nombradas(texto, indice))
    por_nit, por_nombre = cand.clientes_del_texto(texto, clientes)
    abiertas = pendientes.facturas
    de_factura = {abiertas[n].cliente for n in nombradas if n in abiertas}
    if motivo := _duplicado(movimiento, a_mano, set(nombradas), por_nit | por_nombre | de_factura, pais):
        return Conciliacion(movimiento, POSIBLE_DUPLICADO, (), (), motivo)
    lista = _candidatos(movimiento, pendientes, nombradas, por_nit, por_nombre)
    elegido, motivo = _seguro(lista, parciales)
    if elegido is not None:
        return Conciliacion(movimiento, SEGURO, (elegido,), _pagos(elegido, movimiento, abiertas), motivo)
    if not lista and (pagadas := [n for n in nombradas if n not in abiertas or abiertas[n].saldo <= 0]):
        motivo = f"el texto nombra la factura {', '.join(pagadas)}, que ya no tiene saldo: ¿pago doble o ya registrado?"
    return Conciliacion(movimiento, SUGERIDO if lista else SIN_IDENTIFICAR, lista[:MAXIMO_CANDIDATOS], (), motivo)


BORRADA = "cartera ya la registró en Pagos y la fila no está (¿la borró o volvió a un respaldo?): confírmela o escriba no"


def conciliar(abonos: Iterable[MovimientoBancario], facturas: pd.DataFrame, clientes: pd.DataFrame,
              pagos: pd.DataFrame | None = None, *, registradas: frozenset[str] = frozenset(),
              borradas: frozenset[str] = frozenset(), registrar_parciales: bool = False,
              pais: str = "") -> tuple[Conciliacion, ...]:
    """Match every credit of the statements against the open invoices.

    ``facturas``: ``Calculo.facturas`` (factura, cliente, saldo, moneda; vencimiento, dias_vencidos, abierta and
    promesa when present).  ``clientes``: ``Cartera.clientes`` (cliente, nombre, nit).  ``pagos``:
    ``Cartera.pagos`` (hand-typed payments, for «¿ya registrado?»).  ``registradas``: the keys of lines already
    registered (Pagos' key column) or discarded by the owner.  ``borradas``: keys registered by an earlier run
    that Pagos no longer holds (a deleted row, a backup restored): such a line is never registered again by
    itself, only suggested, so the owner decides.  Debits are ignored; the result follows the lines in date
    order.
    """
    pendientes = cand.Pendientes(cand.abiertas(facturas))
    indice = numeros.indice(facturas["factura"].astype(str))
    de_cliente = dict(zip(facturas["factura"].astype(str), facturas["cliente"].astype(str), strict=True))
    a_mano = _a_mano(pagos, de_cliente)
    directorio = cand.directorio(clientes)
    salida, vistas = [], set()
    for movimiento in sorted((m for m in abonos if m.es_abono), key=lambda m: (m.fecha, m.archivo, m.linea)):
        if movimiento.clave and (movimiento.clave in registradas or movimiento.clave in vistas):
            motivo = ("esta línea del banco ya está registrada" if movimiento.clave in registradas
                      else "la misma línea del banco ya vino en otro extracto de esta importación")
            salida.append(Conciliacion(movimiento, YA_REGISTRADO, motivo=motivo))
            continue
        resultado = _una(movimiento, pendientes, indice, directorio, a_mano, registrar_parciales, pais)
        if movimiento.clave in borradas and resultado.estado in (SEGURO, SUGERIDO):
            resultado = resultado._replace(estado=SUGERIDO, pagos=(), motivo=f"{BORRADA}; {resultado.motivo}")
        for pago in resultado.pagos:
            pendientes.pagar(pago.factura, pago.monto)
        vistas.add(movimiento.clave)
        salida.append(resultado)
    return tuple(salida)


def resumen(conciliaciones: Iterable[Conciliacion]) -> str:
    """«3 pagos registrados desde el extracto, 2 por confirmar» (lines registered, lines to confirm)."""
    lista = list(conciliaciones)
    registrados = sum(c.estado == SEGURO for c in lista)
    por_confirmar = sum(c.estado == SUGERIDO for c in lista)
    pagos = "1 pago registrado" if registrados == 1 else f"{registrados} pagos registrados"
    return f"{pagos} desde el extracto, {por_confirmar} por confirmar"
