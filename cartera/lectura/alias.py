"""The headers owners actually write, per field — data only, read by :mod:`cartera.lectura.esquema`.

Each tuple lists the accepted headers of one field, best first, apart from
the canonical header the schema gives.  They come from receivables books kept
in Colombia, Mexico, Spain and the rest of Latin America: ``Folio`` and
``RFC`` are Mexican, ``CIF/NIF`` and ``Cobrado`` Spanish, ``NIT`` and
``Abonos`` Colombian.  Comparison is on :func:`esquema.normalizar`, so the many
spellings of "número" (``Nº``, ``N°``, ``No.``, ``N.º``) and accents need no
entry of their own.

``IGNORADOS`` are columns of an invoice sheet that cartera recognises but
does not use, with the reason the ``Lectura`` sheet of the report gives: a
recognised column is never reported as unknown, and never read as input.
"""

NUMERO_FACTURA = (
    "N° Factura", "No. Factura", "Nro Factura", "Número de factura", "Número factura", "Factura N°",
    "No Factura", "Num Factura", "Factura Nro", "Número", "No. Documento", "Nro Documento", "No Documento",
    "Número de documento", "Documento", "Folio", "Folio factura", "Folio fiscal", "Serie y folio", "Comprobante",
    "Número de comprobante", "Nro Comprobante", "Nro", "Factura de venta", "Nro factura de venta",
    "Código factura", "Referencia factura", "Id factura", "NCF", "e-NCF", "Número NCF", "Comprobante fiscal",
    "CFE", "Número de CFE", "Nro. CFE", "Boleta", "Nº boleta", "Documento tributario",
)
SERIE = ("Serie factura", "Serie de la factura", "Serie del documento", "Prefijo", "Prefijo factura",
         "Prefijo de facturación")
"""The invoice's series beside its number («FV» + «102» is FV-102): ``lectura.facturas`` joins the two."""
CODIGO_CLIENTE = (
    "Código cliente", "Código del cliente", "Código de cliente", "Cód cliente", "Cod cliente",
    "Id cliente", "Código", "Nro cliente", "Número de cliente", "Deudor",
)
IDENTIFICACION = (
    "NIT", "RFC", "CIF", "NIF", "CIF/NIF", "NIF/CIF", "CIF-NIF", "NIT/CC", "NIT o cédula", "NIT/Cédula", "Cédula/NIT",
    "CC/NIT", "RUT", "CUIT", "CUIL", "RUC", "RTN", "Cédula", "Identificación", "Identificación fiscal", "Id fiscal",
    "Número de identificación", "Documento de identidad", "Documento cliente", "NIT cliente", "RFC cliente",
    "CIF cliente", "NIF cliente", "Tax ID", "RNC", "RNC/Cédula", "RNC cliente", "RUN", "DNI", "NIT/CI", "CI",
)
NOMBRE_CLIENTE = (
    "Razón social", "Nombre cliente", "Nombre del cliente", "Nombre o razón social", "Razón social del cliente",
    "Cliente / Razón social", "Empresa", "Nombre",
)
CORREO = ("Correo electrónico", "Email", "E-mail", "Mail", "Correos", "Emails", "Correo de cobro", "Correo facturación",
          "Correo cliente", "Email cliente", "Correo de contacto", "Correo electrónico cliente")
CC = ("Con copia", "Copia", "Correo copia", "Correos copia", "Copia a")
TELEFONO = ("Tel", "Teléfonos", "Celular", "Móvil", "Fono", "Número de teléfono", "Teléfono móvil", "Teléfono cliente",
            "Tel/Cel", "Teléfono / celular", "Teléfono de contacto")
CONTACTO = ("Persona de contacto", "Nombre de contacto", "Nombre contacto", "Atención", "Encargado")
WHATSAPP = ("Whats app", "WA", "Número WhatsApp")
DIAS_CREDITO = ("Días crédito", "Días de plazo", "Plazo", "Plazo de pago", "Plazo (días)", "Crédito (días)",
                "Condición de pago", "Condiciones de pago", "Días plazo", "Plazo en días", "Días de pago")
EMISION = ("Fecha de emisión", "Fecha emisión", "Fecha", "Fecha factura", "Fecha de factura", "F. emisión",
           "Fecha de expedición", "Fecha expedición", "Emitida", "Fecha documento", "Fecha de la factura",
           "Fecha elaboración", "Fecha de elaboración", "Fecha de emisión factura")
VENCIMIENTO = ("Fecha de vencimiento", "Fecha vencimiento", "Vence", "F. Vencimiento", "Fecha vence", "Vto", "F. Vto",
               "Fecha límite", "Fecha límite de pago", "Vencimiento factura", "Fecha de pago pactada")
TOTAL = ("Monto", "Importe", "Valor", "Valor total", "Total factura", "Monto total", "Importe total", "Total a pagar",
         "Valor factura", "Valor de la factura", "Importe factura", "Valor facturado", "Total facturado",
         "Monto factura", "Valor original", "Importe original", "Total con IVA", "Total IVA incluido",
         "Monto facturado", "Valor bruto")
PAGADO = ("Abonos", "Abono", "Cobrado", "Pagos", "Valor pagado", "Monto pagado", "Importe pagado", "Importe cobrado",
          "Total pagado", "Total abonos", "Abonado", "Recaudado", "Pagos recibidos", "Valor abonado", "Pago",
          "Pagos realizados", "Cobros", "Monto cobrado", "Total cobrado")
SALDO = ("Saldo pendiente", "Pendiente", "Saldo actual", "Saldo por cobrar", "Por cobrar", "Importe pendiente",
         "Pendiente de cobro", "Saldo factura", "Valor pendiente", "Adeudo", "Saldo insoluto", "Saldo a cobrar",
         "Saldo adeudado", "Deuda", "Monto pendiente", "Importe adeudado", "Saldo total", "Pendiente de pago")
DEDUCCION = ("Descuento", "Descuentos", "Dcto", "Dto", "Desc", "Rebaja", "Rebajas", "Descuento comercial",
             "Descuento pronto pago", "Descuento por pronto pago", "Descuento financiero", "Retención", "Retenciones",
             "Retención en la fuente", "Rete fuente", "ReteFuente", "Retefte", "Rete fte", "ReteIVA", "Rete IVA",
             "Retención IVA", "Retención de IVA", "ReteICA", "Rete ICA", "Retención ICA", "Retención ISR")
"""What the client does not pay of the invoice: a discount, a tax withheld (Colombia's retenciones).  Right of the
total it reduces what is owed; left of it, it is the invoice's breakdown, already in the total
(:func:`lectura.encabezados.deducciones`)."""
ESTADO = ("Situación", "Estatus", "Status", "Estado factura", "Estado de la factura", "Estado de pago")
TIPO = ("Tipo de documento", "Tipo documento", "Clase de documento", "Tipo de comprobante")

IGNORADOS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("dias_libro", "Días vencidos", (
        "Días", "Días de vencido", "Días de vencida", "Días de mora", "Días mora", "Días en mora", "Días de atraso",
        "Días atraso", "Días transcurridos", "Días vencimiento", "Edad", "Edad (días)", "Antigüedad",
        "Antigüedad (días)", "Días sin pagar", "Días por vencer"),
     "cartera calcula los días vencidos a la fecha de corte; esta columna no se usa"),
    ("tramo_libro", "Rango", (
        "Tramo", "Rango de días", "Rango de mora", "Edad de cartera", "Clasificación", "Rango de vencimiento",
        "Tramo de mora", "Categoría de mora", "Vencimiento (rango)"),
     "cartera calcula el tramo a la fecha de corte; esta columna no se usa"),
    ("impuestos", "IVA", (
        "Base imponible", "Base", "Subtotal", "Impuesto", "Impuestos", "IRPF", "Cuota IVA", "Tipo IVA", "% IVA",
        "IEPS", "Importe IVA", "Valor IVA", "Valor antes de IVA", "Neto"),
     "desglose de la factura: cartera cobra el total de la factura"),
    ("notas", "Observaciones", (
        "Notas", "Comentarios", "Nota", "Observación", "Detalle", "Concepto", "Descripción", "Gestión",
        "Última gestión", "Seguimiento", "Comentario"),
     "texto del dueño: se deja tal cual"),
    ("vendedor", "Vendedor", (
        "Asesor", "Ejecutivo", "Comercial", "Cobrador", "Zona", "Sucursal", "Ciudad", "Dirección", "Ruta",
        "Centro de costo", "Región", "Provincia", "Estado (región)", "Municipio", "Código postal"),
     "dato del dueño que cartera no necesita para cobrar"),
)
"""(field id, canonical header, aliases, why it is not used) of the recognised, unused invoice columns."""

PISTAS: tuple[tuple[str, tuple[frozenset[str], ...], frozenset[str]], ...] = tuple(
    (campo, tuple(frozenset(g.split()) for g in grupos), frozenset(prohibidas.split()))
    for campo, grupos, prohibidas in (
        ("nit", ("nit", "rfc", "cif", "nif", "rut", "cuit", "ruc", "cedula", "identificacion", "cif/nif", "nif/cif"), ""),
        ("correo", ("correo", "email", "e-mail", "mail", "emails", "correos"), "cc copia"),
        ("cc", ("cc", "copia"), ""),
        ("telefono", ("telefono", "telefonos", "celular", "movil", "fono"), ""),
        ("whatsapp", ("whatsapp",), ""),
        ("contacto", ("contacto",), "correo email e-mail mail telefono celular"),
        ("pagado", ("abono", "abonos", "abonado", "pagado", "pagos", "cobrado", "cobros", "recaudado", "pagado/abonos"),
         "saldo pendiente forma medio metodo tipo"),
        ("saldo", ("saldo", "pendiente", "adeudo", "deuda", "adeudado"), "fecha dias"),
        ("dias_libro", ("dias vencidos", "dias mora", "dias atraso", "dias vencido", "edad"), "credito plazo"),
        ("vencimiento", ("vencimiento", "vence"), "dias rango tramo promesa"),
        ("dias_credito", ("plazo", "credito dias", "condicion pago", "condiciones pago"), "vencimiento"),
        ("emision", ("fecha factura", "fecha emision", "fecha expedicion", "fecha documento", "emision"),
         "vencimiento pago promesa compromiso"),
        ("factura", ("factura nro", "folio", "comprobante nro", "documento nro", "factura"),
         "fecha valor total importe monto saldo tipo estado cliente"),
        ("nombre", ("razon social", "nombre cliente"), "contacto"),
        ("estado", ("estado", "estatus", "status", "situacion"), ""),
        ("total", ("total", "valor", "importe", "monto"),
         "pagado abono abonos abonado cobrado pagos saldo pendiente iva base impuesto impuestos descuento retencion "
         "recibido recibida"),
        ("metodo", ("medio", "forma", "metodo"), ""),
        ("referencia", ("referencia", "ref"), ""),
        ("monto", ("valor", "monto", "importe", "pago", "abono"), "fecha factura medio forma metodo"),
        ("fecha", ("fecha",), "factura emision vencimiento"),
        ("cliente", ("cliente",), "nit rfc correo email telefono razon nombre contacto direccion ciudad tipo"),
    )
)
"""Last resort for a header no alias matches: (field, groups of words one of which must all appear, words that
rule the field out).  ``Valor Total Factura`` → total, ``E-mail contacto`` → correo, ``Pagos a la fecha`` → pagado."""

HOJAS_ACUERDOS = {"Acuerdos": ("Acuerdos", "Acuerdos de pago", "Planes de pago", "Plan de pagos"),
                  "Cuotas": ("Cuotas", "Cuotas de acuerdos", "Cuotas de los acuerdos")}
"""Sheet names of payment agreements (issue 17), canonical first."""
CAMPOS_ACUERDOS = {  # (id, canonical header, aliases, required, money, in the new workbook's template)
    "Acuerdos": (
        ("acuerdo", "Acuerdo", ("Nro acuerdo", "Código acuerdo"), False, False, False),
        ("cliente", "Cliente", CODIGO_CLIENTE, True, False, True),
        ("facturas", "Facturas", ("Factura", "Facturas incluidas", "Nros de factura"), True, False, True),
        ("fecha", "Fecha del acuerdo", ("Fecha acuerdo", "Fecha", "Fecha de firma"), True, False, True),
        ("cuotas", "Cuotas", ("Nro de cuotas", "Número de cuotas", "Cantidad de cuotas"), True, False, True),
        ("periodicidad", "Periodicidad", ("Frecuencia",), True, False, True),
        ("primera", "Primera cuota", ("Fecha primera cuota", "Vence primera cuota", "Primer vencimiento"), True, False, True),
        ("inicial", "Cuota inicial", ("Abono inicial", "Pago inicial", "Anticipo"), False, True, True),
        ("estado", "Estado", ("Situación", "Estatus"), False, False, True),
    ),
    "Cuotas": (
        ("acuerdo", "Acuerdo", ("Nro acuerdo", "Código acuerdo"), True, False, False),
        ("cliente", "Cliente", CODIGO_CLIENTE, False, False, False),
        ("cuota", "Cuota", ("Nro cuota", "Número de cuota"), True, False, False),
        ("vence", "Vence", ("Vencimiento", "Fecha", "Fecha de pago"), True, False, False),
        ("valor", "Valor", ("Monto", "Importe", "Valor cuota"), True, True, False),
        ("pagado", "Pagado", ("Abonado",), False, True, False),
        ("estado", "Estado", ("Situación",), False, False, False),
    ),
}
"""Columns of Acuerdos and Cuotas (read by ``lectura.esquema``; the agreement's own logic is ``cartera.acuerdos``)."""
