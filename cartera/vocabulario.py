"""The closed vocabularies of cartera: each a ``StrEnum`` whose values are the words the
workbook, the journal and the report hold.

Estados de factura, resultados of an action, canales and anchors of a stage,
kinds of late fee, and the run's mode.  The module-level names below are the
members themselves (``vocabulario.PAGADA is EstadoFactura.PAGADA``), as
``re.IGNORECASE`` is ``re.RegexFlag.IGNORECASE``.
"""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class EstadoFactura(StrEnum):
    """Column ``Estado`` of ``Facturas``, spelled as shown to the user."""

    PENDIENTE = "Pendiente"
    PAGADA = "Pagada"
    ANULADA = "Anulada"
    DISPUTA = "Disputa"
    PROMESA = "Promesa"
    PLAN_DE_PAGOS = "Plan de pagos"
    INCOBRABLE = "Incobrable"


@unique
class ResultadoAccion(StrEnum):
    """What became of one planned action (column ``Resultado`` of ``Historial`` and ``Recordatorios``).

    ``INCIERTO``: the line dropped after the message was handed over; it may
    have arrived and is never re-sent automatically.  ``PENDIENTE`` exists
    only in the journal: the intent written before a send, until its result.
    """

    ENVIADO = "enviado"
    VISTA_PREVIA = "vista previa"
    OMITIDO = "omitido"
    FALLIDO = "fallido"
    INCIERTO = "incierto"
    PENDIENTE = "pendiente"


@unique
class Canal(StrEnum):
    """The channels of an ``Etapa``."""

    CORREO = "correo"
    LLAMADA = "llamada"
    ESCALAR = "escalar"


@unique
class Ancla(StrEnum):
    """The date an ``Etapa``'s ``dias`` count from."""

    EMISION = "emision"
    VENCIMIENTO = "vencimiento"


@unique
class TipoRecargo(StrEnum):
    """How a ``TramoRecargo``'s ``valor`` is applied."""

    PORCENTAJE = "porcentaje"
    FIJO = "fijo"
    INTERES_ANUAL = "interes_anual"


@unique
class Trato(StrEnum):
    """Column ``Trato`` of ``Clientes``: how the messages address the client (``lectura`` folds ``tu`` → ``tú``)."""

    USTED = "usted"
    TU = "tú"


@unique
class Seguridad(StrEnum):
    """``Seguridad SMTP``: implicit TLS (``SSL``, port 465), ``STARTTLS`` (587), or ``Ninguna`` (loopback only)."""

    SSL = "SSL"
    STARTTLS = "STARTTLS"
    NINGUNA = "Ninguna"


@unique
class Modo(StrEnum):
    """``Modo`` of ``Configuración`` (and ``--prueba`` / ``--enviar``)."""

    PRUEBA = "Prueba"
    ENVIO = "Envío"


PENDIENTE, PAGADA, ANULADA, DISPUTA, PROMESA, PLAN_DE_PAGOS, INCOBRABLE = EstadoFactura
ESTADOS = tuple(EstadoFactura)
ESTADOS_CERRADOS = (PAGADA, ANULADA, INCOBRABLE)
"""A factura in one of these is closed whatever the payments say (saldo 0)."""

RESULTADOS = tuple(r for r in ResultadoAccion if r is not ResultadoAccion.PENDIENTE)
"""The results a row of ``Historial`` may hold (``PENDIENTE`` stays in the journal)."""
ENVIADO, VISTA_PREVIA, OMITIDO, FALLIDO, INCIERTO = RESULTADOS
RESULTADOS_QUE_CUENTAN = (ENVIADO, INCIERTO)
"""Results that count as "already sent" for the plan (incierto is never re-sent)."""

CORREO, LLAMADA, ESCALAR = CANALES = tuple(Canal)
DESDE_EMISION, DESDE_VENCIMIENTO = Ancla
PORCENTAJE, FIJO, INTERES_ANUAL = TipoRecargo

ETAPA_PROMESA_INCUMPLIDA = "Promesa incumplida"
PLANTILLA_PROMESA_INCUMPLIDA = "promesa_incumplida"


