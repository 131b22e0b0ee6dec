"""The workbook's vocabulary as data — the one schema, used by reading *and* writing.

Sheet names and their aliases, every field with its header aliases, which
fields hold money, the tool-owned ``(calculado)`` columns of Facturas and the
headers of Historial are defined here and nowhere else: ``lectura`` reads
with them, ``libro.nuevo`` writes the template with them, ``libro.escritura``
writes back with them (under the names reading found, ``modelo.OrigenHoja``).

Each sheet has a table of ``Campo`` rows (field id, canonical header,
aliases in order of preference, required?).  Headers are compared after
:func:`normalizar`, so case, accents, surrounding spaces, a trailing colon
and the many spellings of "número" (``N°``, ``Nº``, ``No.``, ``Nro``, ``#``)
do not matter.  When several headers of a sheet match one field, the
canonical header wins, then the aliases in the order written here; the
others stay as extra columns.

Headers ending in ``(calculado)`` belong to the tool (``COLUMNAS_PROPIAS``)
and are never read as input.  :func:`normalizar` is the one comparison key
for sheet names and headers in the domain (the package editor
``libro.paquete``, which may import nothing of cartera, has its own generic
``clave_de_nombre``).

The value parsers (``texto_a_fecha``, ``texto_a_centavos``,
``texto_a_porcentaje`` …) live in :mod:`cartera.lectura.textos` and are
re-exported here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from cartera.lectura import alias
from cartera.lectura.textos import (  # noqa: F401  (re-exported API)
    Invalido,
    correo_valido,
    numero_a_porcentaje,
    texto_a_centavos,
    texto_a_fecha,
    texto_a_porcentaje,
)

CLIENTES = "Clientes"
FACTURAS = "Facturas"
PAGOS = "Pagos"
CONFIGURACION = "Configuración"
ETAPAS = "Etapas"
RECARGOS = "Recargos"
HISTORIAL = "Historial"
ACUERDOS, CUOTAS = alias.HOJAS_ACUERDOS  # payment agreements and their instalments (issue 17: ``cartera.acuerdos``)
HOJAS_REQUERIDAS = (CLIENTES, FACTURAS)
HOJAS_OPCIONALES = (PAGOS, CONFIGURACION, ETAPAS, RECARGOS, HISTORIAL, ACUERDOS, CUOTAS)

ALIAS_HOJAS: dict[str, tuple[str, ...]] = {
    CLIENTES: ("Clientes", "Cliente"),  # not «Deudores»: «Deudores por ventas» is the receivables list itself
    FACTURAS: ("Facturas", "Factura", "Cuentas por cobrar"),
    PAGOS: ("Pagos", "Pago", "Abonos", "Recaudos", "Cobros"),
    CONFIGURACION: ("Configuración", "Configuracion", "Config", "Ajustes", "Parámetros"),
    ETAPAS: ("Etapas", "Etapas de cobro"),
    RECARGOS: ("Recargos", "Recargos por mora", "Intereses de mora"),
    HISTORIAL: ("Historial", "Historial de cobro", "Historial de cobros", "Historial de envíos"), **alias.HOJAS_ACUERDOS,
}
"""Accepted sheet names, canonical first."""

SUFIJO_CALCULADO = "(calculado)"


class Campo(NamedTuple):
    """One input column of a sheet.

    ``campo`` is the identifier used in code and in ``Columna <Campo> = …``
    mappings (the canonical header works there too); ``alias`` are the other
    accepted headers, best first.  ``en_plantilla`` = written by ``cartera
    iniciar`` (``CANONICOS``).  ``dinero`` = the column holds an amount of
    money (read into int centavos; written as units with a money format).
    ``ignorado``: recognised but not used, and why (``alias.IGNORADOS``).
    """

    campo: str
    encabezado: str
    alias: tuple[str, ...] = ()
    requerido: bool = False
    en_plantilla: bool = True
    dinero: bool = False
    ignorado: str = ""


ENCABEZADOS_HISTORIAL = (
    "Fecha", "Cliente", "Facturas", "Etapa", "Canal", "Destinatarios", "Asunto", "Resultado", "Detalle", "Message-ID",
)
"""Headers of ``Historial`` (written by the tool), in order."""
_IDS_HISTORIAL = ("fecha", "cliente", "facturas", "etapa", "canal", "destinatarios", "asunto", "resultado", "detalle", "message_id")
_CAMPOS_HISTORIAL = tuple(
    Campo(ident, encabezado, (), ident in ("fecha", "facturas", "etapa", "resultado"))
    for ident, encabezado in zip(_IDS_HISTORIAL, ENCABEZADOS_HISTORIAL, strict=True)
)

CAMPOS: dict[str, tuple[Campo, ...]] = {
    CLIENTES: (
        Campo("cliente", "Cliente", alias.CODIGO_CLIENTE, True),
        Campo("nombre", "Nombre", alias.NOMBRE_CLIENTE[:-1]),
        Campo("nit", "Identificación", alias.IDENTIFICACION, en_plantilla=False),
        Campo("contacto", "Contacto", alias.CONTACTO),
        Campo("correo", "Correo", alias.CORREO),
        Campo("cc", "CC", alias.CC),
        Campo("telefono", "Teléfono", alias.TELEFONO),
        Campo("whatsapp", "WhatsApp", alias.WHATSAPP),
        Campo("trato", "Trato", ("Tratamiento", "Tuteo")),
        Campo("no_contactar", "No contactar", ("No enviar", "No molestar", "Excluir", "No contactar?")),
        Campo("dias_credito", "Días de crédito", alias.DIAS_CREDITO + ("Días", "Crédito")),
        Campo("respuesta_vista", "Respuesta vista", ("Respuesta leída", "Vista", "Reanudar"), en_plantilla=False),
    ),
    FACTURAS: (
        Campo("factura", "Factura", alias.NUMERO_FACTURA, True),
        Campo("serie", "Serie", alias.SERIE, en_plantilla=False),
        Campo("cliente", "Cliente", alias.CODIGO_CLIENTE, True),
        Campo("nombre", "Nombre del cliente", alias.NOMBRE_CLIENTE, en_plantilla=False),
        Campo("nit", "Identificación", alias.IDENTIFICACION, en_plantilla=False),
        Campo("emision", "Emisión", alias.EMISION, True),
        Campo("vencimiento", "Vencimiento", alias.VENCIMIENTO),
        Campo("dias_credito", "Días de crédito", alias.DIAS_CREDITO, en_plantilla=False),
        Campo("total", "Total", alias.TOTAL, True, dinero=True),
        Campo("pagado", "Pagado", alias.PAGADO, en_plantilla=False, dinero=True),
        Campo("saldo", "Saldo", alias.SALDO, en_plantilla=False, dinero=True),
        Campo("deduccion", "Descuento", alias.DEDUCCION, en_plantilla=False, dinero=True),
        Campo("moneda", "Moneda", ("Divisa",)),
        Campo("estado", "Estado", alias.ESTADO),
        Campo("tipo", "Tipo", alias.TIPO, en_plantilla=False),
        Campo("promesa", "Promesa de pago", ("Promesa", "Fecha promesa", "Fecha de promesa", "Compromiso de pago", "Fecha compromiso")),
        Campo("enlace", "Enlace de pago", ("Link de pago", "Enlace", "Link", "URL de pago", "URL")),
        Campo("archivo", "Archivo", ("PDF", "Archivo PDF", "Adjunto", "Ruta", "Ruta PDF")),
        Campo("correo", "Correo", alias.CORREO, en_plantilla=False),
        Campo("cc", "CC", alias.CC, en_plantilla=False),
        Campo("telefono", "Teléfono", alias.TELEFONO, en_plantilla=False),
        Campo("contacto", "Contacto", alias.CONTACTO, en_plantilla=False),
        Campo("whatsapp", "WhatsApp", alias.WHATSAPP, en_plantilla=False),
        *(Campo(ident, enc, otros, en_plantilla=False, ignorado=motivo) for ident, enc, otros, motivo in alias.IGNORADOS),
    ),
    PAGOS: (
        Campo("fecha", "Fecha", ("Fecha de pago", "Fecha pago", "Fecha del pago", "Fecha de recaudo", "Fecha abono"), True),
        Campo("factura", "Factura", tuple(a for a in alias.NUMERO_FACTURA if "omprobante" not in a)),
        Campo("cliente", "Cliente", alias.CODIGO_CLIENTE + alias.IDENTIFICACION + alias.NOMBRE_CLIENTE),
        Campo("monto", "Monto", ("Importe", "Valor", "Valor pagado", "Monto pagado", "Importe pagado", "Pago", "Abono", "Total"), True,
              dinero=True),
        Campo("metodo", "Método", ("Método de pago", "Forma de pago", "Medio de pago", "Medio")),
        Campo("referencia", "Referencia", ("Ref", "Comprobante", "Comprobante de pago", "Nro operación", "Transacción")),
        Campo("moneda", "Moneda", ("Divisa",), en_plantilla=False),
        Campo("clave", "Clave extracto", ("Clave del extracto", "Clave bancaria"), en_plantilla=False),  # issue 16
    ),
    CONFIGURACION: (
        Campo("parametro", "Parámetro", ("Parámetros", "Ajuste", "Concepto", "Opción"), True),
        Campo("valor", "Valor", ("Dato", "Valores"), True),
        Campo("ayuda", "Ayuda"),  # written by the template for the owner; not used by reading
    ),
    ETAPAS: (
        Campo("etapa", "Etapa", ("Nombre", "Nombre de la etapa"), True),
        Campo("dias", "Días", ("Día", "Días desde", "Cuándo"), True),
        Campo("desde", "Desde", ("Contar desde", "Respecto de", "Base")),
        Campo("canal", "Canal", ("Canales", "Medio", "Acción")),
        Campo("plantilla", "Plantilla", ("Modelo", "Mensaje")),
    ),
    RECARGOS: (
        Campo("desde", "Desde (días)", ("Desde", "Desde días", "A partir de", "Días vencidos", "Días"), True),
        Campo("tipo", "Tipo", ("Tipo de recargo", "Clase"), True),
        Campo("valor", "Valor", ("Porcentaje", "Tasa", "Monto", "Recargo"), True),
    ),
    HISTORIAL: _CAMPOS_HISTORIAL,
    **{hoja: tuple(Campo(i, e, a, r, p, d) for i, e, a, r, d, p in filas) for hoja, filas in alias.CAMPOS_ACUERDOS.items()},
}

COLUMNAS_PROPIAS: tuple[Campo, ...] = (
    Campo("pagado", "Pagado (calculado)", en_plantilla=False, dinero=True),
    Campo("saldo", "Saldo (calculado)", en_plantilla=False, dinero=True),
    Campo("dias_vencidos", "Días vencidos (calculado)", en_plantilla=False),
    Campo("tramo", "Tramo (calculado)", en_plantilla=False),
    Campo("recargo", "Recargo (calculado)", en_plantilla=False, dinero=True),
    Campo("ultimo_aviso", "Último aviso (calculado)", en_plantilla=False),
    Campo("fecha_ultimo_aviso", "Fecha último aviso (calculado)", en_plantilla=False),
)
"""Tool-owned columns of ``Facturas``, in the order they are written (to the right of the user's)."""
ENCABEZADOS_PROPIOS = tuple(c.encabezado for c in COLUMNAS_PROPIAS)
"""Their headers, as the write-back writes them."""

CANONICOS: dict[str, tuple[str, ...]] = {
    hoja: tuple(c.encabezado for c in campos if c.en_plantilla) for hoja, campos in CAMPOS.items() if hoja != CUOTAS
}
"""Canonical headers of every sheet, in PRODUCT.md order (for ``cartera iniciar`` and the sample)."""

ENCABEZADOS_DINERO = frozenset(c.encabezado for h, campos in CAMPOS.items() if h != CUOTAS for c in campos if c.dinero)
"""Canonical headers of the input columns that hold money (the template formats them as money)."""


# --- Normalización ------------------------------------------------------------
_NUMERO = re.compile(
    r"(?<![a-z0-9])(?:n\s*\.?\s*[°º]\.?|#|no\.|nro\.|n[uú]m\.)|(?<![a-z0-9])(?:nro|n[uú]m|n[uú]mero)(?![a-z0-9])")
_SEPARADORES = re.compile(r"[\s._]+")


def normalizar(texto: object) -> str:
    """Comparable form of a sheet name or header.

    Casefolds, turns every spelling of "número" (``N°``, ``Nº``, ``No.``,
    ``Nro``, ``Num.``, ``#``) into ``nro``, strips accents, turns dots and
    underscores into spaces, collapses spaces, and drops a trailing colon:
    ``" N° de Factura: "`` → ``"nro de factura"``, ``"F. Vencimiento"`` →
    ``"f vencimiento"``.  ``"No contactar"`` (no dot) is left alone.
    """
    texto = unicodedata.normalize("NFC", str(texto)).casefold().strip()
    texto = _NUMERO.sub(" nro ", texto)
    texto = "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c))
    texto = _SEPARADORES.sub(" ", texto).strip()
    return texto.rstrip(":").strip()


_SIGLAS = re.compile(r"(?<![a-z0-9])((?:[a-z]\.){2,}[a-z]?)(?![a-z0-9])")
_UNIDAD = re.compile(r"\s*\((?:\$|€|s|es|us\$|[a-z]{3}|fecha|dias?|en dias|valor|monto|pesos|euros)\)\s*$"
                     r"|\s+(?:\$|€|cop|usd|mxn|eur|pen|clp|ars|uyu|gtq|dop|crc|pyg|bob|hnl|nio|pesos|euros|rd\$|us\$|q|s/)$")
_ESCALA = re.compile(r"(?:\s+|\s*\(\s*)(?:en\s+)?(?:\$\s*)?(miles|millones|'?000)(?:\s+de\s+[a-z$]+)?(?:\s*\$)?\s*\)?\s*$")
_FACTORES = {"miles": 1_000, "millones": 1_000_000}


def escala(encabezado: object) -> int:
    """What a money header says its figures are counted in: ``Valor (miles)``, ``Saldo (miles de pesos)``,
    ``Total $000`` → 1000; ``Total en millones`` → 1000000; any other header → 1.

    >>> [escala(h) for h in ("Valor (miles)", "Saldo (miles de pesos)", "Total en millones", "Valor 2000", "Valor")]
    [1000, 1000, 1000000, 1, 1]
    """
    hallada = _ESCALA.search(normalizar(encabezado))
    return _FACTORES.get(hallada.group(1), 1_000) if hallada else 1


_ABREVIATURAS = {
    "fra": "factura", "fact": "factura", "fac": "factura", "fv": "factura", "doc": "documento", "docto": "documento",
    "fec": "fecha", "fch": "fecha", "f": "fecha", "venc": "vencimiento", "vto": "vencimiento", "vcto": "vencimiento",
    "vencto": "vencimiento", "cond": "condicion", "x": "por", "tel": "telefono", "cel": "celular", "cte": "cliente",
    "cli": "cliente", "imp": "importe", "pte": "pendiente", "pend": "pendiente", "dias": "dias",
}
_VACIAS = frozenset({"de", "del", "la", "el", "los", "las", "a"})


@functools.lru_cache(maxsize=4096)
def clave_encabezado(texto: object) -> str:
    """The comparison key of a header: :func:`normalizar`, then acronyms without dots (``R.U.T.`` → ``rut``),
    units and scales dropped (``Total ($)``, ``Saldo COP``, ``Abono(s)``, ``Valor (miles)``), abbreviations spelled out (``Fec. Venc.`` →
    ``fecha vencimiento``, ``No. Fra.`` → ``nro factura``, ``Saldo x cobrar`` → ``saldo por cobrar``) and
    the little words dropped (``Fecha de emisión`` = ``Fecha emisión``).  For headers only, never for values.

    >>> [clave_encabezado(h) for h in ("R.U.T.", "Total ($)", "Fec. Venc.", "No. Fra.", "Valor de la factura")]
    ['rut', 'total', 'fecha vencimiento', 'nro factura', 'valor factura']
    """
    texto = unicodedata.normalize("NFC", str(texto)).casefold().strip().rstrip(":").strip()
    texto = _SIGLAS.sub(lambda m: m.group(1).replace(".", ""), texto)
    texto = normalizar(_UNIDAD.sub("", _ESCALA.sub("", normalizar(texto))) if not texto.endswith(SUFIJO_CALCULADO) else texto)
    palabras = [_ABREVIATURAS.get(p, p) for p in texto.replace("(", " (").split()]
    return " ".join(p for p in palabras if p not in _VACIAS).replace(" (", "(").replace("( ", "(")


def es_calculado(encabezado: object) -> bool:
    """True for a tool-owned header (ends in ``(calculado)``): never read as input."""
    return normalizar(encabezado).endswith(SUFIJO_CALCULADO)


def encabezado(hoja: str, campo: str) -> str:
    """The canonical header of field ``campo`` of sheet ``hoja`` (e.g. ``("Pagos", "metodo")`` → ``"Método"``)."""
    return next(c.encabezado for c in CAMPOS[hoja] if c.campo == campo)


def hoja_canonica(nombre: str) -> str | None:
    """The canonical sheet a user's sheet name stands for, or None."""
    clave = normalizar(nombre)
    for hoja, nombres in ALIAS_HOJAS.items():
        if clave in {normalizar(a) for a in nombres}:
            return hoja
    return None


def rango_alias(campo: Campo, encabezado: str) -> int | None:
    """0 for the canonical header, 1.. for aliases in order, None when it does not match."""
    return claves_alias(campo).get(clave_encabezado(encabezado))


def campo_por_nombre(hoja: str, nombre: str) -> Campo | None:
    """The field of ``hoja`` named ``nombre`` (id, canonical header or alias), for ``Columna X`` rows."""
    clave = clave_encabezado(nombre)
    for campo in CAMPOS.get(hoja, ()):
        if clave == clave_encabezado(campo.campo.replace("_", " ")) or rango_alias(campo, nombre) is not None:
            return campo
    return None


@functools.cache
def claves_alias(campo: Campo) -> dict[str, int]:
    """Normalised header → rank (0 = canonical) for ``campo``; the best rank wins on duplicates."""
    claves: dict[str, int] = {}
    for rango, nombre in enumerate((campo.encabezado, *campo.alias)):
        claves.setdefault(clave_encabezado(nombre), rango)
    return claves
