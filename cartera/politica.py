"""Business rules as data: the settings table, the default schedule and fees.

Every setting of the ``Configuración`` sheet has exactly one row in
``PARAMETROS`` (name as the user writes it, field of ``Configuracion``, kind
of value, default as text, help in Spanish).  A docs test checks that the
README documents each one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from cartera.modelo import CORREO, DESDE_EMISION, DESDE_VENCIMIENTO, ESCALAR, LLAMADA, PORCENTAJE, Etapa, TramoRecargo


class Parametro(NamedTuple):
    """One row of ``Configuración``.

    ``tipo``: "texto", "correo", "modo", "fecha", "moneda_iso", "pais",
    "entero", "si_no", "lista_enteros", "dinero", "porcentaje", "seguridad".
    ``predeterminado`` is what ``cartera iniciar`` writes ("" = blank/off).
    """

    nombre: str
    campo: str
    tipo: str
    predeterminado: str
    ayuda: str


PARAMETROS: tuple[Parametro, ...] = (
    Parametro("Empresa", "empresa", "texto", "", "Nombre de su empresa, como lo verán sus clientes."),
    Parametro("Remitente", "remitente", "texto", "", "Persona que firma los mensajes."),
    Parametro("Correo remitente", "correo_remitente", "correo", "", "Su dirección de Gmail, desde la que salen los mensajes."),
    Parametro("Firma", "firma", "texto", "", "Texto que cierra cada mensaje (cargo, dirección, sitio web)."),
    Parametro("Teléfono", "telefono", "texto", "", "Teléfono de contacto que aparece en los mensajes."),
    Parametro("Medios de pago", "medios_pago", "texto", "", "Cómo pueden pagarle: cuenta bancaria, PayPal, enlace de tarjeta, efectivo en la oficina…"),
    Parametro("Modo", "modo", "modo", "Prueba", "Prueba: no se envía nada, los mensajes quedan como vista previa. Envío: los mensajes se envían."),
    Parametro("Fecha de corte", "fecha_corte", "fecha", "", "Fecha a la que se calcula la cartera. En blanco: hoy."),
    Parametro("Moneda", "moneda", "moneda_iso", "COP", "Moneda de las facturas que no dicen otra (código ISO: COP, MXN, EUR, USD…)."),
    Parametro("País", "pais", "pais", "CO", "País (código ISO): formatos de fechas y cifras, y festivos."),
    Parametro("Días de gracia", "dias_gracia", "entero", "2", "Días después del vencimiento sin recargo."),
    Parametro("Días de gracia hábiles", "gracia_habiles", "si_no", "no", "sí: la gracia cuenta días hábiles (sin fines de semana ni festivos del país)."),
    Parametro("Días de crédito", "dias_credito", "entero", "30", "Plazo de pago para facturas sin vencimiento ni plazo propio del cliente."),
    Parametro("Tramos", "tramos", "lista_enteros", "30, 60, 90", "Límites de los tramos de antigüedad, en días vencidos."),
    Parametro("Saldo mínimo para recordar", "saldo_minimo", "dinero", "0", "Saldos menores no se cobran por correo."),
    Parametro("Descuento pronto pago", "descuento_pronto_pago", "porcentaje", "", "Descuento (%) que se ofrece por pagar antes (con Días pronto pago)."),
    Parametro("Días pronto pago", "dias_pronto_pago", "entero", "", "El descuento se ofrece hasta N días antes del vencimiento."),
    Parametro("Recargo máximo", "recargo_maximo", "porcentaje", "", "Tope del recargo por mora, en % del total de la factura."),
    Parametro("Tasa máxima legal", "tasa_maxima_legal", "porcentaje", "", "Tasa de interés de mora máxima legal, % anual (Colombia: tasa de usura; España: BCE + 8 puntos)."),
    Parametro("Compensación por factura", "compensacion", "dinero", "", "Monto fijo que se suma una vez por factura vencida (España, Ley 3/2004: 40 €)."),
    Parametro("Límite diario de envíos", "limite_diario", "entero", "400", "Máximo de mensajes por día (Gmail admite unos 500)."),
    Parametro("Servidor SMTP", "servidor_smtp", "texto", "smtp.gmail.com", "Servidor de correo saliente."),
    Parametro("Puerto SMTP", "puerto_smtp", "entero", "465", "Puerto del servidor de correo saliente."),
    Parametro("Seguridad SMTP", "seguridad_smtp", "seguridad", "SSL", "SSL, STARTTLS o Ninguna (Ninguna solo para un servidor local)."),
    Parametro("Confirmar antes de enviar", "confirmar_envio", "si_no", "sí", "Preguntar antes de enviar cuando se ejecuta en una ventana."),
    Parametro("Abrir informe", "abrir_informe", "si_no", "sí", "Abrir el informe al terminar."),
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
