"""The call list: phone, WhatsApp link with a pre-filled message, a short script.

Pure text building, no I/O.  Every text is ours, polite and firm, in the
client's ``trato`` (``usted`` by default, ``tú`` when the workbook says so).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple
from urllib.parse import quote

from cartera import formato, paises
from cartera.decisiones import Llamada
from cartera.modelo import Configuracion
from cartera.vocabulario import Trato

MAX_FACTURAS_EN_TEXTO = 5


class Resumen(NamedTuple):
    """What a client owes today: the facturas a reminder lists, sorted by vencimiento.

    ``saldos``: (moneda, centavos) per currency, never summed across
    currencies.  ``dias_vencidos``: the largest among them.  ``vencimiento``:
    the earliest due date (``None`` when unknown).  ``vencidos``: the
    overdue part of ``saldos`` per currency (empty when nothing is overdue
    or the caller does not say); the call asks for it when there is one.
    """

    facturas: tuple[str, ...]
    saldos: tuple[tuple[str, int], ...]
    dias_vencidos: int
    vencimiento: dt.date | None
    vencidos: tuple[tuple[str, int], ...] = ()


class Cliente(NamedTuple):
    """The contact data of one row of ``Cartera.clientes``."""

    cliente: str
    nombre: str
    contacto: str
    correos: tuple[str, ...]
    cc: tuple[str, ...]
    telefono: str
    whatsapp: str
    tu: bool


def cliente_de(fila) -> Cliente:
    """The contact record of one row of ``Cartera.clientes`` (an ``itertuples`` row)."""
    return Cliente(str(fila.cliente), str(fila.nombre or fila.cliente), str(fila.contacto or ""), tuple(fila.correos),
                   tuple(fila.cc), str(fila.telefono or ""), str(fila.whatsapp or ""), str(fila.trato) == Trato.TU)


def numero_whatsapp(numero: str, pais: str) -> str:
    """Digits for wa.me: the country code is added when the number has none.

    ``+57 300 123 4567`` and ``0057…`` already carry it; a number longer than
    the national length that starts with the code carries it too; otherwise
    leading trunk zeros are dropped and the calling code of ``pais``
    (``paises``) is prepended (a country without one: the digits alone).
    """
    texto = (numero or "").strip()
    digitos = re.sub(r"\D", "", texto)
    if not digitos or texto.startswith("+"):
        return digitos
    if digitos.startswith("00"):
        return digitos[2:]
    datos = paises.pais(pais)
    if datos.prefijo and len(digitos) > datos.largo_telefono and digitos.startswith(datos.prefijo):
        return digitos
    return datos.prefijo + digitos.lstrip("0")


def total_texto(saldos: tuple[tuple[str, int], ...], pais: str) -> str:
    """Every currency's total, joined: "$ 1.250.000,00 y US$ 300,00" (``formato.dinero``)."""
    return formato.lista(formato.dinero(c, m, pais) for m, c in saldos)


def lista_facturas(facturas: tuple[str, ...]) -> str:
    """"F1, F2 y F3", or the first five and how many more."""
    mostradas = list(facturas[:MAX_FACTURAS_EN_TEXTO])
    resto = len(facturas) - len(mostradas)
    if not mostradas:
        return ""
    if resto:
        return ", ".join(mostradas) + f" y {resto} más"
    return mostradas[0] if len(mostradas) == 1 else ", ".join(mostradas[:-1]) + " y " + mostradas[-1]


def deuda(resumen: Resumen, pais: str) -> tuple[str, str]:
    """What the call asks about: ("saldo vencido", its total) when something is overdue, else the open balance."""
    vencidos = tuple((m, c) for m, c in resumen.vencidos if c > 0)
    if vencidos:
        return "saldo vencido", total_texto(vencidos, pais)
    return "saldo pendiente", total_texto(resumen.saldos, pais)


def texto_whatsapp(cliente: Cliente, resumen: Resumen, config: Configuracion) -> str:
    """The pre-filled WhatsApp message: company, facturas, total, a request for a date."""
    saludo = f"Buen día, {cliente.contacto or cliente.nombre}."
    de = f" de {config.empresa}" if config.empresa else ""
    palabra = "la factura" if len(resumen.facturas) == 1 else "las facturas"
    que, total = deuda(resumen, config.pais)
    sobre = f"{'tu' if cliente.tu else 'su'} cuenta ({palabra} {lista_facturas(resumen.facturas)}): el {que} es de {total}"
    if cliente.tu:
        cuerpo = (f" Te escribimos{de} sobre {sobre}. ¿Nos confirmas una fecha de pago?"
                  " Si te sirve, podemos acordar un plan de pagos. ¡Gracias!")
    else:
        cuerpo = (f" Le escribimos{de} sobre {sobre}. ¿Nos confirma una fecha de pago?"
                  " Si le resulta útil, podemos acordar un plan de pagos. Muchas gracias.")
    return saludo + cuerpo


def enlace_whatsapp(cliente: Cliente, resumen: Resumen, config: Configuracion) -> str:
    """``https://wa.me/<digits>?text=<message>``; "" when the client has no number.

    Uses the WhatsApp column, else the phone.
    """
    digitos = numero_whatsapp(cliente.whatsapp or cliente.telefono, config.pais)
    if not digitos:
        return ""
    return f"https://wa.me/{digitos}?text={quote(texto_whatsapp(cliente, resumen, config), safe='')}"


def _hechos(resumen: Resumen, pais: str) -> str:
    """The facts of the call: the oldest due date and the days overdue."""
    if resumen.vencimiento is None:
        return f"Tenemos {len(resumen.facturas)} facturas pendientes de pago."
    vence = formato.fecha(resumen.vencimiento, pais)
    if resumen.dias_vencidos > 0:
        return f"La factura más antigua venció el {vence} y lleva {resumen.dias_vencidos} días de atraso."
    return f"La próxima factura vence el {vence}."


def guion(cliente: Cliente, resumen: Resumen, config: Configuracion) -> tuple[str, ...]:
    """Four short phrases for the call: greet and state the amount, the facts, a commitment, next step."""
    quien = config.empresa or "la empresa"
    que, total = deuda(resumen, config.pais)
    hechos = _hechos(resumen, config.pais)
    if cliente.tu:
        return (f"Hola, {cliente.contacto or cliente.nombre}, te llamo de {quien} por tu {que} de {total}.",
                hechos,
                "¿Qué fecha de pago podemos dejar acordada hoy? Si lo necesitas, te ofrecemos un plan de pagos.",
                "Te envío por escrito lo que acordemos para que quede registrado.")
    return (f"Buen día, {cliente.contacto or cliente.nombre}, le llamo de {quien} por su {que} de {total}.",
            hechos,
            "¿Qué fecha de pago podemos dejar acordada hoy? Si lo necesita, le ofrecemos un plan de pagos.",
            "Le envío por escrito lo que acordemos para que quede registrado.")


def llamada(cliente: Cliente, resumen: Resumen, config: Configuracion, *, etapa: str, motivo: str) -> Llamada:
    """A call list entry for the client, with its WhatsApp link and script."""
    return Llamada(
        cliente=cliente.cliente, nombre=cliente.nombre, contacto=cliente.contacto,
        telefono=cliente.telefono, whatsapp=cliente.whatsapp,
        enlace_whatsapp=enlace_whatsapp(cliente, resumen, config), etapa=etapa,
        facturas=resumen.facturas, saldos=resumen.saldos, dias_vencidos=resumen.dias_vencidos,
        motivo=motivo, guion=guion(cliente, resumen, config),
    )
