"""The account statement (estado de cuenta) of one client as data (core, pure).

What a client's accountant files: who owes whom (the company and the client with its tax id), every open
factura (number, issue and due dates, total, paid, balance, days overdue, late fee), the open instalments of
its payment agreements, its credit (saldo a favor) and, per currency, what it must pay:

    Total a pagar = saldos de las facturas + recargos − saldo a favor   (never below 0; what is left of the
    credit is shown apart).

One ``BloqueMoneda`` per currency: amounts of different currencies are never added.  Instalments
(``acuerdos.abiertas.CuotaAbierta``) are the payment calendar of balances already listed among the
facturas, so they are shown but never added to the total again.  Amounts are integer centavos; ``pdf`` formats them with ``formato``.

:func:`buscar_cliente` resolves what the owner typed (code or name, any case or accents) to a client code,
or the closest names for the Spanish message.  :func:`etapa_desde` reads the ``Adjuntar estado de cuenta``
setting against the workbook's stages.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import NamedTuple

import pandas as pd

from cartera import formato
from cartera.acuerdos.abiertas import CuotaAbierta
from cartera.lectura.clientes import si_no
from cartera.lectura.esquema import normalizar
from cartera.modelo import Calculo, Cartera, Configuracion, Etapa


class FilaFactura(NamedTuple):
    """One open factura.  Money in centavos; ``recargo`` = late fee + fixed compensation; ``dias`` ≥ 0."""

    numero: str
    emision: dt.date | None
    vencimiento: dt.date | None
    total: int
    pagado: int
    saldo: int
    dias: int
    recargo: int


class BloqueMoneda(NamedTuple):
    """One currency's part of the statement and its totals (centavos).

    ``a_pagar`` = ``saldo`` + ``recargos`` − ``a_favor``, floored at 0; ``a_favor_restante`` is the credit
    left when it exceeds what is owed.  ``cuotas`` are informative (already inside ``saldo``).
    """

    moneda: str
    facturas: tuple[FilaFactura, ...]
    cuotas: tuple[CuotaAbierta, ...]
    saldo: int
    recargos: int
    a_favor: int

    @property
    def bruto(self) -> int:
        return self.saldo + self.recargos

    @property
    def a_pagar(self) -> int:
        return max(0, self.bruto - self.a_favor)

    @property
    def a_favor_restante(self) -> int:
        return max(0, self.a_favor - self.bruto)


class EstadoCuenta(NamedTuple):
    """Everything one statement shows, as of ``fecha``; ``pais`` decides how amounts and dates are written.

    ``empresa``: name, contact lines (sender, e-mail, phone, the signature's lines); ``medios_pago``: how to
    pay, one line each (the ``Medios de pago`` setting, the one the messages use); ``bloques``: one per
    currency with something open, a credit or an instalment, the default currency first.
    """

    fecha: dt.date
    pais: str
    empresa: str
    contacto_empresa: tuple[str, ...]
    cliente: str
    nombre: str
    nit: str
    contacto: str
    correos: tuple[str, ...]
    medios_pago: tuple[str, ...]
    bloques: tuple[BloqueMoneda, ...]


def _fecha(valor: object) -> dt.date | None:
    return None if valor is None or pd.isna(valor) else pd.Timestamp(valor).date()


def _filas(facturas: pd.DataFrame) -> dict[str, list[FilaFactura]]:
    """The open facturas per currency, oldest due date first (then issue date, then number)."""
    abiertas = facturas[facturas["abierta"]].sort_values(["vencimiento", "emision", "factura"], kind="stable")
    por_moneda: dict[str, list[FilaFactura]] = {}
    for f in abiertas.itertuples(index=False):  # one client's facturas: a few rows
        fila = FilaFactura(str(f.factura), _fecha(f.emision), _fecha(f.vencimiento), int(f.total), int(f.pagado),
                           int(f.saldo), int(f.dias_vencidos), int(f.recargo) + int(f.compensacion))
        por_moneda.setdefault(str(f.moneda), []).append(fila)
    return por_moneda


def _empresa(config: Configuracion) -> tuple[str, ...]:
    contacto = [config.remitente.strip(), config.correo_remitente.strip(), config.telefono.strip()]
    firma = [linea for linea in formato.lineas(config.firma) if linea not in contacto and linea != config.empresa.strip()]
    return tuple(x for x in (*contacto, *firma) if x)


def _dato(clientes: pd.DataFrame, cliente: str, campo: str) -> object:
    filas = clientes[clientes["cliente"] == cliente]
    return filas[campo].iloc[0] if campo in filas.columns and len(filas) else ""


def construir(cartera: Cartera, calculado: Calculo, cliente: str, cuotas: tuple[CuotaAbierta, ...] = ()) -> EstadoCuenta:
    """The statement of ``cliente`` (a client code) as of ``calculado.fecha_corte``.

    ``cuotas``: the instalments of this client's agreements, in the order shown (``acuerdos.abiertas.
    cuotas_abiertas`` gives them by due date); those with nothing left to pay are dropped here.
    """
    config = cartera.configuracion
    facturas = _filas(calculado.facturas[calculado.facturas["cliente"] == cliente])
    creditos = calculado.saldos_a_favor[calculado.saldos_a_favor["cliente"] == cliente]
    a_favor = {str(m): int(v) for m, v in zip(creditos["moneda"], creditos["monto"], strict=True)}
    por_cuota: dict[str, list[CuotaAbierta]] = {}
    for cuota in (c for c in cuotas if c.saldo > 0):
        por_cuota.setdefault(cuota.moneda, []).append(cuota)
    monedas = sorted({*facturas, *a_favor, *por_cuota}, key=lambda m: (m != config.moneda.upper(), m))
    bloques = tuple(BloqueMoneda(m, tuple(facturas.get(m, ())), tuple(por_cuota.get(m, ())),
                                 sum(f.saldo for f in facturas.get(m, ())), sum(f.recargo for f in facturas.get(m, ())),
                                 a_favor.get(m, 0)) for m in monedas)
    correos = _dato(cartera.clientes, cliente, "correos")
    return EstadoCuenta(
        fecha=calculado.fecha_corte, pais=config.pais, empresa=config.empresa.strip(),
        contacto_empresa=_empresa(config), cliente=cliente,
        nombre=str(_dato(cartera.clientes, cliente, "nombre") or cliente).strip(),
        nit=str(_dato(cartera.clientes, cliente, "nit") or "").strip(),
        contacto=str(_dato(cartera.clientes, cliente, "contacto") or "").strip(),
        correos=tuple(correos) if isinstance(correos, tuple | list) else (),
        medios_pago=tuple(formato.lineas(config.medios_pago, "\n;")), bloques=bloques)


# --- Which client the owner meant -----------------------------------------------------------------------

class Busqueda(NamedTuple):
    """What :func:`buscar_cliente` found: ``cliente`` (the code) or, when "", ``parecidos`` (code — name)."""

    cliente: str
    parecidos: tuple[str, ...] = ()


def buscar_cliente(clientes: pd.DataFrame, texto: str) -> Busqueda:
    """The client whose code or name is ``texto`` (case, accents and spaces ignored); else up to 5 near ones.

    A code wins over a name; a name two clients share is not a match (their codes are offered).
    """
    clave = normalizar(texto)
    codigos = [str(c) for c in clientes["cliente"]]
    nombres = [str(n) for n in clientes.get("nombre", pd.Series([""] * len(codigos)))]
    por_codigo = [c for c in codigos if normalizar(c) == clave]
    if len(por_codigo) == 1:
        return Busqueda(por_codigo[0])
    por_nombre = [c for c, n in zip(codigos, nombres, strict=True) if normalizar(n) == clave]
    if len(por_nombre) == 1:
        return Busqueda(por_nombre[0])
    rotulos = {c: f"{c} — {n}" if n and n != c else c for c, n in zip(codigos, nombres, strict=True)}
    if por_nombre:
        return Busqueda("", tuple(rotulos[c] for c in por_nombre))
    claves = {normalizar(c): c for c in codigos} | {normalizar(n): c for c, n in zip(codigos, nombres, strict=True) if n}
    contienen = [k for k in claves if clave and clave in k]
    cercanos = difflib.get_close_matches(clave, list(claves), n=5, cutoff=0.6)
    elegidos = dict.fromkeys(claves[k] for k in [*contienen, *cercanos])
    return Busqueda("", tuple(rotulos[c] for c in list(elegidos)[:5]))


# --- The «Adjuntar estado de cuenta» setting -------------------------------------------------------------

PARAMETRO = "Adjuntar estado de cuenta"
PRIMER_AVISO = "Primer aviso"


def etapa_desde(valor: str, etapas: tuple[Etapa, ...]) -> tuple[Etapa | None, str]:
    """(the first reminder stage that carries the statement, or None; a Spanish warning or "").

    ``no`` (or blank) → none; ``sí`` → from «Primer aviso» (or, without it, the first reminder after the
    due date); a stage's name → from that stage on.  Anything else: none, and the warning names the setting
    and the value.  Invoice deliveries (stages counted from the issue date) never carry it.
    """
    clave, respuesta = normalizar(valor), si_no(valor)
    recordatorios = [e for e in etapas if not e.es_envio]
    if respuesta is False:
        return None, ""
    if respuesta:
        por_nombre = [e for e in recordatorios if normalizar(e.nombre) == normalizar(PRIMER_AVISO)]
        despues = sorted((e for e in recordatorios if e.dias > 0), key=lambda e: e.dias)
        elegida = (por_nombre or despues or [None])[0]
        return elegida, "" if elegida else (f"Configuración: «{PARAMETRO}» = «{valor}», pero no hay etapas de "
                                            "recordatorio después del vencimiento: no se adjunta el estado de cuenta.")
    elegida = next((e for e in recordatorios if normalizar(e.nombre) == clave), None)
    if elegida is None:
        nombres = ", ".join(e.nombre for e in recordatorios)
        return None, (f"Configuración: «{PARAMETRO}» = «{valor}» no es «sí», «no» ni el nombre de una etapa de "
                      f"recordatorio ({nombres}): no se adjunta el estado de cuenta.")
    return elegida, ""


def lleva_estado(etapa: str, desde: Etapa | None, etapas: tuple[Etapa, ...]) -> bool:
    """True when a reminder of stage ``etapa`` carries the statement (its stage is ``desde`` or more severe)."""
    if desde is None:
        return False
    propia = next((e for e in etapas if normalizar(e.nombre) == normalizar(etapa)), None)
    return propia is not None and not propia.es_envio and propia.dias >= desde.dias
