"""Business rules as data: the settings table, the default schedule and fees.

Every setting of the ``Configuración`` sheet has exactly one row in
``PARAMETROS`` (name as the user writes it, field of ``Configuracion``, kind
of value, default as text, help in Spanish).  A docs test checks that the
README documents each one.

The defaults live in one place, the field defaults of
``modelo.Configuracion`` (what the reader falls back to); each row's
``predeterminado`` text (what ``cartera iniciar`` writes) is derived from
them by :func:`texto_predeterminado`, and tests/test_nuevo.py checks that a
new workbook reads back as ``Configuracion()``.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from typing import NamedTuple

from cartera.modelo import Configuracion, Etapa, TramoRecargo
from cartera.vocabulario import CORREO, DESDE_EMISION, DESDE_VENCIMIENTO, ESCALAR, LLAMADA, PORCENTAJE


class Parametro(NamedTuple):
    """One row of ``Configuración``.

    ``tipo``: "texto", "correo", "modo", "fecha", "moneda_iso", "pais",
    "entero", "si_no", "lista_enteros", "dinero", "porcentaje", "seguridad".
    ``predeterminado`` is what ``cartera iniciar`` writes ("" = blank/off):
    the ``Configuracion`` field default as text (:func:`texto_predeterminado`).
    """

    nombre: str
    campo: str
    tipo: str
    predeterminado: str
    ayuda: str


_PREDETERMINADOS = {f.name: f.default for f in fields(Configuracion)}


def texto_predeterminado(tipo: str, valor: object) -> str:
    """A ``Configuracion`` default as the user writes it in the sheet ("" = blank/off).

    >>> texto_predeterminado("lista_enteros", (30, 60, 90)), texto_predeterminado("si_no", True)
    ('30, 60, 90', 'sí')
    >>> texto_predeterminado("dinero", 4000), texto_predeterminado("dinero", 4050), texto_predeterminado("porcentaje", None)
    ('40', '40.50', '')
    """
    if valor is None:
        return ""
    if tipo == "si_no":
        return "sí" if valor else "no"
    if tipo == "lista_enteros":
        return ", ".join(str(n) for n in valor)
    if tipo == "dinero":  # centavos → units, no decimals when whole
        return str(valor // 100) if valor % 100 == 0 else f"{valor // 100}.{valor % 100:02d}"
    return str(getattr(valor, "value", valor))


def _parametro(nombre: str, campo: str, tipo: str, ayuda: str) -> Parametro:
    return Parametro(nombre, campo, tipo, texto_predeterminado(tipo, _PREDETERMINADOS[campo]), ayuda)


PARAMETROS: tuple[Parametro, ...] = (
    _parametro("Empresa", "empresa", "texto", "Nombre de su empresa, como lo verán sus clientes."),
    _parametro("Remitente", "remitente", "texto", "Persona que firma los mensajes."),
    _parametro("Correo remitente", "correo_remitente", "correo", "Su dirección de Gmail, desde la que salen los mensajes."),
    _parametro("Firma", "firma", "texto", "Texto que cierra cada mensaje (cargo, dirección, sitio web)."),
    _parametro("Teléfono", "telefono", "texto", "Teléfono de contacto que aparece en los mensajes."),
    _parametro("Medios de pago", "medios_pago", "texto", "Cómo pueden pagarle: cuenta bancaria, PayPal, enlace de tarjeta, efectivo en la oficina…"),
    _parametro("Modo", "modo", "modo", "Prueba: no se envía nada, los mensajes quedan como vista previa. Envío: los mensajes se envían."),
    _parametro("Fecha de corte", "fecha_corte", "fecha", "Fecha a la que se calcula la cartera. En blanco: hoy."),
    _parametro("Moneda", "moneda", "moneda_iso", "Moneda de las facturas que no dicen otra (código ISO: COP, MXN, EUR, USD…)."),
    _parametro("País", "pais", "pais", "País (código ISO): formatos de fechas y cifras, y festivos."),
    _parametro("Días de gracia", "dias_gracia", "entero", "Días después del vencimiento sin recargo."),
    _parametro("Días de gracia hábiles", "gracia_habiles", "si_no", "sí: la gracia cuenta días hábiles (sin fines de semana ni festivos del país)."),
    _parametro("Días de crédito", "dias_credito", "entero", "Plazo de pago para facturas sin vencimiento ni plazo propio del cliente."),
    _parametro("Tramos", "tramos", "lista_enteros", "Límites de los tramos de antigüedad, en días vencidos."),
    _parametro("Saldo mínimo para recordar", "saldo_minimo", "dinero", "Saldos menores no se cobran por correo."),
    _parametro("Descuento pronto pago", "descuento_pronto_pago", "porcentaje", "Descuento (%) que se ofrece por pagar antes (con Días pronto pago)."),
    _parametro("Días pronto pago", "dias_pronto_pago", "entero", "El descuento se ofrece hasta N días antes del vencimiento."),
    _parametro("Recargo máximo", "recargo_maximo", "porcentaje", "Tope del recargo por mora, en % del total de la factura."),
    _parametro("Tasa máxima legal", "tasa_maxima_legal", "porcentaje", "Tasa de interés de mora máxima legal, % anual (Colombia: tasa de usura; España: BCE + 8 puntos)."),
    _parametro("Compensación por factura", "compensacion", "dinero", "Monto fijo que se suma una vez por factura vencida (España, Ley 3/2004: 40 €)."),
    _parametro("Límite diario de envíos", "limite_diario", "entero", "Máximo de mensajes por día (Gmail admite unos 500)."),
    _parametro("Servidor SMTP", "servidor_smtp", "texto", "Servidor de correo saliente."),
    _parametro("Puerto SMTP", "puerto_smtp", "entero", "Puerto del servidor de correo saliente."),
    _parametro("Seguridad SMTP", "seguridad_smtp", "seguridad", "SSL, STARTTLS o Ninguna (Ninguna solo para un servidor local)."),
    _parametro("Servidor IMAP", "servidor_imap", "texto", "Servidor de correo entrante, del que se leen respuestas y rebotes."),
    _parametro("Puerto IMAP", "puerto_imap", "entero", "Puerto del servidor de correo entrante."),
    _parametro("Seguridad IMAP", "seguridad_imap", "seguridad", "SSL, STARTTLS o Ninguna (Ninguna solo para un servidor local)."),
    _parametro("Leer respuestas", "leer_respuestas", "si_no", "sí: antes de planear, leer en Gmail las respuestas y los rebotes, y pausar a quien respondió."),
    _parametro("Días de pausa por respuesta", "dias_pausa_respuesta", "entero", "Días sin recordatorios para un cliente que respondió."),
    _parametro("Confirmar antes de enviar", "confirmar_envio", "si_no", "Preguntar antes de enviar cuando se ejecuta en una ventana."),
    _parametro("Abrir informe", "abrir_informe", "si_no", "Abrir el informe al terminar."),
    _parametro("Registrar abonos parciales", "registrar_abonos_parciales", "si_no", "sí: un pago del extracto bancario que nombra una factura y paga solo una parte se registra; no: queda por confirmar."),
    _parametro("Días tras acuerdo incumplido", "dias_tras_incumplido", "entero", "Días que un acuerdo de pago incumplido sigue reteniendo sus facturas; después vuelven a los recordatorios y recargos normales."),
    _parametro("Recargo por cuota atrasada", "recargo_cuota", "porcentaje", "Recargo (%) sobre lo que falta de una cuota de un acuerdo de pago no pagada tras los días de gracia, una vez. En blanco: sin recargo mientras el acuerdo esté en vigor."),
    _parametro("Adjuntar estado de cuenta", "adjuntar_estado", "texto", "sí: los recordatorios llevan el estado de cuenta del cliente en PDF desde el Primer aviso; el nombre de una etapa: desde esa etapa; no: nunca."),
)


ETAPAS_PREDETERMINADAS: tuple[Etapa, ...] = (
    Etapa("Envío de factura", 0, DESDE_EMISION, frozenset({CORREO}), "envio_factura"),
    Etapa("Recordatorio preventivo", -3, DESDE_VENCIMIENTO, frozenset({CORREO}), "preventivo"),
    Etapa("Vence hoy", 0, DESDE_VENCIMIENTO, frozenset({CORREO}), "vence_hoy"),
    Etapa("Primer aviso", 3, DESDE_VENCIMIENTO, frozenset({CORREO}), "primer_aviso"),
    Etapa("Segundo aviso", 10, DESDE_VENCIMIENTO, frozenset({CORREO}), "segundo_aviso"),
    Etapa("Tercer aviso", 20, DESDE_VENCIMIENTO, frozenset({CORREO, LLAMADA}), "tercer_aviso"),
    Etapa("Aviso final", 30, DESDE_VENCIMIENTO, frozenset({CORREO, LLAMADA}), "aviso_final"),
    Etapa("Cobranza", 45, DESDE_VENCIMIENTO, frozenset({ESCALAR}), None),
)

VENTANA_ENVIO_FACTURA = 3
"""Envío de factura goes out only while the factura is at most this many days old."""

RECARGOS_PREDETERMINADOS: tuple[TramoRecargo, ...] = (
    TramoRecargo(1, PORCENTAJE, Decimal(5)),
    TramoRecargo(31, PORCENTAJE, Decimal(10)),
)

POR_VENCER = "Por vencer"


def etiquetas_tramos(limites: tuple[int, ...]) -> tuple[str, ...]:
    """Bucket labels for the limits, e.g. (30, 60, 90) → Por vencer, 1-30, 31-60, 61-90, Más de 90."""
    etiquetas = [POR_VENCER]
    inicio = 1
    for limite in limites:
        etiquetas.append(f"{inicio}-{limite}")
        inicio = limite + 1
    etiquetas.append(f"Más de {limites[-1]}" if limites else "Vencida")
    return tuple(etiquetas)
