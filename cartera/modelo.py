"""Records of cartera's core: the validated workbook and what is decided from it.

Vocabulary (see docs/glosario.md): factura, cliente, pago, saldo, vencimiento,
días vencidos, tramo, etapa, recargo, recordatorio, envío, aviso, rechazo.

Money the user sees is never a float.  Scalars are ``Decimal`` or integer
*centavos* (1/100 of the currency unit); in DataFrames money columns are
``int64`` centavos.  Dates in DataFrames are ``datetime64[ns]`` (``NaT`` =
blank; any unit is accepted, pandas 3 reads ``[us]``); scalars are
``datetime.date``.

Large tables stay columnar (pandas DataFrames with the schemas documented below);
small things (configuration, rules, rejections, the day's plan) are immutable records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

import pandas as pd

from cartera.vocabulario import Ancla, Canal, Modo, ResultadoAccion, Seguridad, TipoRecargo


class Rechazo(NamedTuple):
    """A data problem tied to its place in the workbook.

    ``fila`` is the row number as Excel shows it (1 = header row), ``None``
    when the problem is about a whole sheet.  ``columna`` is the header as the
    user wrote it (``None`` for a whole row or sheet).  ``valor`` is the
    offending value as text ("" when blank).  ``motivo`` is Spanish and says
    what to fix.  ``grave`` is True when the row was dropped; False for a
    warning on a value that was ignored (e.g. one bad address of three).
    """

    hoja: str
    fila: int | None
    columna: str | None
    valor: str
    motivo: str
    grave: bool = True


class Etapa(NamedTuple):
    """One step of the reminder schedule (sheet ``Etapas``).

    ``dias`` is counted from ``desde``; negative = before.  ``canales``: the
    stage's channels.  ``plantilla`` is the template name in ``plantillas/``
    (``None`` for stages with no e-mail, e.g. ``Cobranza``).  Stages anchored
    on the issue date are deliveries (``Envío de factura``), the rest are
    reminders; among reminders, a larger ``dias`` is more severe.
    """

    nombre: str
    dias: int
    desde: Ancla
    canales: frozenset[Canal]
    plantilla: str | None

    @property
    def es_envio(self) -> bool:
        return self.desde == Ancla.EMISION


class TramoRecargo(NamedTuple):
    """One late-fee tier (sheet ``Recargos``).

    Applies when días vencidos >= ``desde_dias`` (and past the grace).
    ``tipo``: ``PORCENTAJE`` (``valor`` % of the open saldo), ``FIJO``
    (``valor`` currency units), ``INTERES_ANUAL`` (``valor`` % a year on the
    saldo, × días vencidos / 365).
    """

    desde_dias: int
    tipo: TipoRecargo
    valor: Decimal


@dataclass(frozen=True)
class Configuracion:
    """Sheet ``Configuración``, parsed.  Help: ``politica.PARAMETROS``.

    The field defaults are the settings' defaults, stored only here (``politica.PARAMETROS`` derives its text).

    Percentages are ``Decimal`` percent (5 = 5 %); money integer centavos; ``None`` = not configured (off).
    """

    empresa: str = ""
    remitente: str = ""
    correo_remitente: str = ""
    firma: str = ""
    telefono: str = ""
    medios_pago: str = ""
    modo: Modo = Modo.PRUEBA
    fecha_corte: dt.date | None = None  # None = today (decided by the CLI)
    moneda: str = "COP"
    pais: str = "CO"
    dias_gracia: int = 2
    gracia_habiles: bool = False
    dias_credito: int = 30
    tramos: tuple[int, ...] = (30, 60, 90)
    saldo_minimo: int = 0  # centavos
    descuento_pronto_pago: Decimal | None = None  # %
    dias_pronto_pago: int | None = None
    recargo_maximo: Decimal | None = None  # % of the factura's Total
    tasa_maxima_legal: Decimal | None = None  # % a year
    compensacion: int | None = None  # centavos, once per overdue factura
    limite_diario: int = 400
    servidor_smtp: str = "smtp.gmail.com"
    puerto_smtp: int = 465
    seguridad_smtp: Seguridad = Seguridad.SSL
    servidor_imap: str = "imap.gmail.com"
    puerto_imap: int = 993
    seguridad_imap: Seguridad = Seguridad.SSL
    leer_respuestas: bool = True
    dias_pausa_respuesta: int = 14
    confirmar_envio: bool = True
    abrir_informe: bool = True
    mapeo_columnas: tuple[tuple[str, str, str], ...] = ()
    """(hoja or "" for any sheet, campo, encabezado del usuario) from ``Columna X = Y`` rows."""
    mapeo_hojas: tuple[tuple[str, str], ...] = ()  # (canonical sheet, the owner's tab) from ``Hoja Facturas = <nombre>``
    registrar_abonos_parciales: bool = False  # a statement line paying part of the invoice it names: registered
    dias_tras_incumplido: int = 7  # a broken payment agreement holds its facturas this long (issue 17)
    recargo_cuota: Decimal | None = None  # % of a late instalment's remainder, once (None: no fee in an agreement)
    mapeo_extracto: tuple[tuple[str, str], ...] = ()  # (campo, the bank's header) from ``Extracto Importe = …`` rows
    adjuntar_estado: str = "no"  # «sí», «no» or a stage's name, as written (informe.estado_cuenta.etapa_desde)
    definidos: frozenset[str] = frozenset()
    """Fields the workbook set with a non-blank value (País/Moneda inferred only when absent)."""
    @property
    def envio(self) -> bool:
        return self.modo == Modo.ENVIO


class Envio(NamedTuple):
    """One (factura, etapa) already acted on, from ``Historial`` and the journal.

    ``resultado`` is one of ``RESULTADOS``; only ``RESULTADOS_QUE_CUENTAN``
    keep a stage from being planned again.  ``message_id`` ("" when unknown)
    lets the owner release an ``incierto`` (``cartera reenviar``).
    """

    fecha: dt.date
    factura: str
    etapa: str
    resultado: ResultadoAccion
    message_id: str = ""


class OrigenHoja(NamedTuple):
    """Where reading found one sheet, so that writing back uses the owner's own names.

    Like the ``meta`` each beancount entry carries from its source.
    ``nombre``: the sheet's tab name exactly as the owner wrote it (it may be
    an accepted alias such as «Cuentas por cobrar», in any letter case).
    ``fila``: Excel row number (1-based) of its header row; a title line may
    sit above it.  ``columnas``: (field id, header as the owner wrote it,
    column letter) of each field found, in the sheet's field order.
    """

    nombre: str
    fila: int
    columnas: tuple[tuple[str, str, str], ...] = ()

    def encabezado(self, campo: str) -> str | None:
        """The owner's header of field ``campo``; None when the sheet has no such column."""
        return next((texto for ident, texto, _ in self.columnas if ident == campo), None)

    def letra(self, campo: str) -> str | None:
        """The column letter of field ``campo``; None when the sheet has no such column."""
        return next((letra for ident, _, letra in self.columnas if ident == campo), None)


class ColumnaLeida(NamedTuple):
    """One header as reading understood it: ``campo`` None = not placed; ``uso`` «usada», «reconocida, no
    usada» or «no reconocida»; ``motivo``: why not used, or how used (Spanish)."""

    encabezado: str
    letra: str
    campo: str | None
    uso: str
    motivo: str = ""


class HojaLeida(NamedTuple):
    """How one sheet was read: its role, where its header is, what each column became."""

    papel: str  # canonical sheet: Facturas, Clientes, Pagos, Configuración…
    nombre: str  # the tab's name as the owner wrote it
    fila_encabezado: int
    como: str  # how it was found, e.g. «por su nombre», «por sus encabezados»
    columnas: tuple[ColumnaLeida, ...] = ()
    filas_datos: int = 0
    filas_omitidas: tuple[int, ...] = ()  # Excel rows skipped as totals, subtotals or section titles


_ESCRITAS_POR_CARTERA = frozenset({"Historial", "clave"})  # sheet roles and fields cartera adds itself


class Interpretacion(NamedTuple):
    """«Así leí su libro»: what reading decided about the owner's layout, for the report and the screen.

    ``origen_pais``: «Configuración», «el libro», «el equipo» or «predeterminado»; ``indicios``: the
    evidence seen; ``notas``: decisions worth saying; ``alertas``: what the owner must look at, shown
    loudly.  ``formato``: «xlsx», «xls» or «ods».
    """

    hojas: tuple[HojaLeida, ...] = ()
    clave_clientes: str = ""
    pais: str = ""
    moneda: str = ""
    origen_pais: str = ""
    indicios: tuple[str, ...] = ()
    notas: tuple[str, ...] = ()
    alertas: tuple[str, ...] = ()
    formato: str = "xlsx"

    def huella(self) -> str:
        """A stable key of the layout (sheets, header rows, which column is which field): a new one = a new layout.

        What cartera itself adds (the Historial sheet, Pagos' «Clave extracto» column) is left out: writing them
        must not make the next run greet the owner with «Así leí su libro» again."""
        partes = [f"{h.papel}|{h.nombre}|{h.fila_encabezado}|"
                  + ",".join(f"{c.letra}={c.campo}" for c in h.columnas if c.campo and c.campo not in _ESCRITAS_POR_CARTERA)
                  for h in self.hojas if h.papel not in _ESCRITAS_POR_CARTERA]
        return ";".join(sorted(partes))


@dataclass(frozen=True)
class Cartera:
    """The validated workbook.  Every row here passed validation.
    ``clientes`` — one row per client, index 0..n-1, columns:
        cliente (str, unique key, trimmed), nombre (str), nit (str tax id), contacto (str),
        correos (object: tuple[str, ...] of valid addresses), cc (object:
        tuple[str, ...]), telefono (str), whatsapp (str), trato ("usted" | "tú"),
        no_contactar (bool), dias_credito (Int64, <NA> = not set), fila (int64).
    ``facturas`` — one row per invoice:
        factura (str, unique), cliente (str, exists in clientes),
        emision (datetime64), vencimiento (datetime64, NaT = blank),
        total (int64 centavos, > 0), moneda (str ISO), estado (str, an
        EstadoFactura), promesa (datetime64, NaT = none), enlace (str), archivo
        (str), dias_credito (Int64, the row's own term), fila (int64).
    ``pagos`` — one row per payment:
        fecha (datetime64; NaT = stated in the invoice row, undated), factura (str, "" = none), cliente (str, "" = take
        it from the factura), monto (int64 centavos, > 0), metodo (str), referencia (str), moneda (str, optional
        column; "" = the default currency), fila (int64); clave (str, only with a «Clave extracto» column: issue 16).
    ``historial`` — what was already done, as (factura, etapa) records.
    ``rechazos`` — every data problem found while reading; ``extra`` — per sheet, the headers not used.
    ``origen`` — canonical sheet name → where that sheet was found (``OrigenHoja``); none for a missing sheet.
    ``interpretacion`` — how the layout was read («Así leí su libro»).
    """

    configuracion: Configuracion
    clientes: pd.DataFrame
    facturas: pd.DataFrame
    pagos: pd.DataFrame
    etapas: tuple[Etapa, ...]
    recargos: tuple[TramoRecargo, ...]
    historial: tuple[Envio, ...] = ()
    rechazos: tuple[Rechazo, ...] = ()
    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)
    origen: Mapping[str, OrigenHoja] = field(default_factory=lambda: MappingProxyType({}))
    interpretacion: Interpretacion = field(default_factory=Interpretacion)


# --- Columns of the computed factura table (calculo.calcular output) --------
COLUMNAS_CALCULADAS = (
    "vencimiento",  # datetime64: filled (Emisión + Días de crédito when blank)
    "vencimiento_calculado",  # bool: True when it was filled in
    "pagado",  # int64 centavos applied to the factura (<= total)
    "saldo",  # int64 centavos, 0 when closed
    "abierta",  # bool: saldo > 0 and estado not closed
    "dias_vencidos",  # int64 >= 0 (0 for closed facturas)
    "tramo",  # str: "Por vencer", "1-30", ... (see politica.etiquetas_tramos); "" when closed
    "recargo",  # int64 centavos late fee (0 within grace, closed)
    "recargo_topado",  # bool: capped by Tasa máxima legal
    "compensacion",  # int64 centavos fixed compensation (Ley 3/2004), 0 if none
    "descuento",  # int64 centavos early-payment discount offered today, 0 if none
    "fecha_limite_descuento",  # datetime64: last day the discount holds, NaT if none
    "etapa",  # str: latest reminder stage reached by date ("" if none)
    "fecha_pago",  # datetime64: day the factura was fully paid by Pagos, NaT if not
)


class Calculo(NamedTuple):
    """What ``calculo.calcular`` returns: pure function of (Cartera, fecha de corte, festivos).

    ``facturas`` is ``Cartera.facturas`` (same rows, same order, same index)
    plus ``COLUMNAS_CALCULADAS``.  ``saldos_a_favor`` has one row per
    (cliente, moneda) with a credit: columns cliente, moneda, monto (int64
    centavos > 0).  ``fecha_corte`` is the as-of date used.
    """

    facturas: pd.DataFrame
    saldos_a_favor: pd.DataFrame
    fecha_corte: dt.date
