"""The ``Lectura`` sheet, «Así leí su libro»: how reading understood the owner's layout.

A pure function of ``Cartera.interpretacion`` (``modelo.Interpretacion``):
the file and its format; country, currency and where they came from, with
the evidence; how clients were keyed; what the owner must look at (alertas)
and the decisions worth saying (notas); then, for each sheet read, its role,
tab name, header row and how it was found, the rows skipped as totals, and
one table of its columns (letter, header, what it was read as, whether it
was used, why).

Reading that does not fill ``interpretacion`` yet still gets a sheet: the
sheets, header rows and columns are taken from ``Cartera.origen`` and the
unused headers from ``Cartera.extra`` (:func:`interpretacion_de`).

Field names are said in the owner's words (``nombre_campo``: ``total`` →
«Total de la factura»); a field this table does not know yet falls back to
its canonical header, then to its id.
"""

from __future__ import annotations

from collections.abc import Iterable

from cartera import modelo, paises
from cartera.informe import celdas as c
from cartera.lectura import esquema

NOMBRE_HOJA = "Lectura"
TITULO = "Así leí su libro"
USADA = "usada"
RECONOCIDA = "reconocida, no usada"
NO_RECONOCIDA = "no reconocida"

NOMBRES_CAMPOS: dict[str, str] = {
    "factura": "Número de factura",
    "cliente": "Cliente",
    "emision": "Fecha de emisión",
    "vencimiento": "Fecha de vencimiento",
    "total": "Total de la factura",
    "moneda": "Moneda",
    "estado": "Estado",
    "promesa": "Promesa de pago",
    "enlace": "Enlace de pago",
    "archivo": "Archivo de la factura (PDF)",
    "pagado": "Pagado (abonos)",
    "abonos": "Abonos",
    "abono": "Abonos",
    "saldo": "Saldo pendiente",
    "serie": "Serie de la factura",
    "deduccion": "Descuento o retención",
    "dias_credito": "Días de crédito",
    "nombre": "Nombre o razón social",
    "contacto": "Persona de contacto",
    "correo": "Correo electrónico",
    "cc": "Correo en copia",
    "telefono": "Teléfono",
    "whatsapp": "WhatsApp",
    "trato": "Trato (usted o tú)",
    "no_contactar": "No contactar",
    "fecha": "Fecha",
    "monto": "Monto pagado",
    "metodo": "Método de pago",
    "referencia": "Referencia del pago",
    "parametro": "Parámetro",
    "valor": "Valor",
    "ayuda": "Ayuda",
    "etapa": "Etapa",
    "dias": "Días",
    "desde": "Desde",
    "canal": "Canal",
    "plantilla": "Plantilla",
    "tipo": "Tipo",
}
"""Field id → what the owner would call it; :data:`NOMBRES_POR_HOJA` wins for a field that means more than one thing."""

NOMBRES_POR_HOJA: dict[tuple[str, str], str] = {
    (esquema.CLIENTES, "cliente"): "Código del cliente",
    (esquema.FACTURAS, "cliente"): "Cliente de la factura",
    (esquema.PAGOS, "cliente"): "Cliente que pagó",
    (esquema.PAGOS, "factura"): "Factura pagada",
    (esquema.PAGOS, "fecha"): "Fecha del pago",
    (esquema.PAGOS, "moneda"): "Moneda del pago",
    (esquema.ETAPAS, "etapa"): "Nombre de la etapa",
    (esquema.ETAPAS, "dias"): "Días desde la fecha base",
    (esquema.ETAPAS, "desde"): "Contar desde",
    (esquema.RECARGOS, "desde"): "Desde (días vencidos)",
    (esquema.RECARGOS, "tipo"): "Tipo de recargo",
    (esquema.RECARGOS, "valor"): "Valor del recargo",
    (esquema.HISTORIAL, "fecha"): "Fecha del envío",
}

FORMATOS = {"xlsx": "Excel (.xlsx)", "xlsm": "Excel con macros (.xlsm)", "xls": "Excel 97-2003 (.xls)",
            "ods": "OpenDocument (.ods)"}
PAPELES = {
    esquema.FACTURAS: "las facturas por cobrar", esquema.CLIENTES: "los clientes y cómo contactarlos",
    esquema.PAGOS: "los pagos recibidos", esquema.CONFIGURACION: "los ajustes de cartera",
    esquema.ETAPAS: "el calendario de recordatorios", esquema.RECARGOS: "los recargos por mora",
    esquema.HISTORIAL: "los recordatorios ya enviados",
}
"""Role of a sheet → what it holds, said to the owner."""
ORDEN = (esquema.FACTURAS, esquema.CLIENTES, esquema.PAGOS, esquema.CONFIGURACION, esquema.ETAPAS, esquema.RECARGOS,
         esquema.HISTORIAL)
"""Sheets are told in this order (the owner's facturas first); a role not listed goes last."""
ORIGENES = {"predeterminado": "el valor predeterminado"}
"""``Interpretacion.origen_pais`` → how the sentence «según …» says it."""


def nombre_campo(papel: str, campo: str) -> str:
    """The owner's name of field ``campo`` of sheet ``papel``: ``("Facturas", "saldo")`` → «Saldo pendiente»."""
    if (papel, campo) in NOMBRES_POR_HOJA:
        return NOMBRES_POR_HOJA[papel, campo]
    if campo in NOMBRES_CAMPOS:
        return NOMBRES_CAMPOS[campo]
    conocido = next((k.encabezado for k in esquema.CAMPOS.get(papel, ()) if k.campo == campo), None)
    return conocido or campo.replace("_", " ").capitalize()


def filas_texto(filas: Iterable[int], limite: int = 12) -> str:
    """``[12, 25, 40]`` → «filas 12, 25 y 40»; one row → «fila 12»; more than ``limite`` → «… y N más»."""
    numeros = [str(f) for f in filas]
    if len(numeros) == 1:
        return f"fila {numeros[0]}"
    if len(numeros) > limite:
        return f"filas {', '.join(numeros[:limite])} y {len(numeros) - limite} más"
    return f"filas {', '.join(numeros[:-1])} y {numeros[-1]}"


def omitidas_texto(filas: tuple[int, ...]) -> str:
    """«3 (filas 12, 25 y 40)», or «ninguna»."""
    return f"{len(filas)} ({filas_texto(filas)})" if filas else "ninguna"


def filas_omitidas(interpretacion: modelo.Interpretacion) -> int:
    """Rows skipped as totals, subtotals or titles, over every sheet read."""
    return sum(len(h.filas_omitidas) for h in interpretacion.hojas)


def origen_texto(origen: str) -> str:
    """«según Configuración», «según el libro»… (empty when reading did not say)."""
    return f"según {ORIGENES.get(origen, origen)}" if origen else ""


def en_orden(hojas: Iterable[modelo.HojaLeida]) -> list[modelo.HojaLeida]:
    """The sheets read, in :data:`ORDEN` (stable for sheets of the same role)."""
    return sorted(hojas, key=lambda h: ORDEN.index(h.papel) if h.papel in ORDEN else len(ORDEN))


def clave_texto(clave: str) -> str:
    """How clients were keyed, as the end of «Clientes identificados …»: always starting with «por»."""
    return clave if clave.startswith("por ") else f"por {clave}"


def pais_texto(interpretacion: modelo.Interpretacion) -> str:
    """«Colombia (CO), moneda COP» (or what there is of it)."""
    partes = []
    if interpretacion.pais:
        datos = paises.pais(interpretacion.pais)
        partes.append(f"{datos.nombre} ({datos.codigo})" if datos.nombre != paises.OTRO.nombre else datos.codigo)
    if interpretacion.moneda:
        partes.append(f"moneda {interpretacion.moneda}")
    return ", ".join(partes)


# --- When reading does not fill it: from Cartera.origen -----------------------------
def _desde_origen(papel: str, origen: modelo.OrigenHoja, extra: tuple[str, ...]) -> modelo.HojaLeida:
    columnas = tuple(modelo.ColumnaLeida(texto, letra, campo, USADA) for campo, texto, letra in origen.columnas)
    otras = tuple(modelo.ColumnaLeida(texto, "", None, NO_RECONOCIDA, "cartera no usa esta columna") for texto in extra)
    return modelo.HojaLeida(papel, origen.nombre, origen.fila, "", columnas + otras)


def interpretacion_de(cartera: modelo.Cartera) -> modelo.Interpretacion:
    """``cartera.interpretacion``; when reading left it empty, one built from ``origen`` and ``extra``."""
    propia = cartera.interpretacion
    if propia.hojas:
        return propia
    hojas = tuple(_desde_origen(papel, o, cartera.extra.get(papel, ())) for papel, o in cartera.origen.items())
    return propia._replace(hojas=hojas, pais=propia.pais or cartera.configuracion.pais,
                           moneda=propia.moneda or cartera.configuracion.moneda)


# --- The sheet ---------------------------------------------------------------------
COLUMNAS = ("Columna", "Encabezado", "Leída como", "Uso", "Motivo")


def _par(etiqueta: str, valor: object, clase: str = c.TEXTO_LARGO) -> c.Fila:
    return c.Fila((c.Celda(etiqueta), c.Celda(valor, clase)))


def _lista(etiqueta: str, textos: tuple[str, ...], clase: str = c.TEXTO_LARGO, clase_etiqueta: str = c.TEXTO) -> list[c.Fila]:
    """One row per text, the label on the first only."""
    return [c.Fila((c.Celda(etiqueta if i == 0 else "", clase_etiqueta), c.Celda(t, clase))) for i, t in enumerate(textos)]


def _archivo(interpretacion: modelo.Interpretacion, archivo: str) -> list[c.Fila]:
    filas = [c.fila_texto("El archivo", c.SECCION)]
    if archivo:
        filas.append(_par("Archivo", archivo))
    formato = interpretacion.formato
    filas.append(_par("Formato", FORMATOS.get(formato, formato)))
    if pais := pais_texto(interpretacion):
        origen = origen_texto(interpretacion.origen_pais)
        filas.append(_par("País y moneda", f"{pais} — {origen}" if origen else pais))
    filas += _lista("Indicios", interpretacion.indicios)
    if interpretacion.clave_clientes:
        filas.append(_par("Clientes identificados", clave_texto(interpretacion.clave_clientes)))
    filas.append(_par("Filas de totales ignoradas", _omitidas_total(interpretacion)))
    return [*filas, c.FILA_VACIA]


def _omitidas_total(interpretacion: modelo.Interpretacion) -> str:
    n = filas_omitidas(interpretacion)
    return f"{n} (no son errores: no se leen como facturas)" if n else "ninguna"


def _alertas(interpretacion: modelo.Interpretacion) -> list[c.Fila]:
    if not interpretacion.alertas:
        return []
    return [c.fila_texto("Revise esto", c.SECCION),
            *_lista("Alerta", interpretacion.alertas, f"{c.AVISO} {c.TEXTO_LARGO}", c.AVISO), c.FILA_VACIA]


def _notas(interpretacion: modelo.Interpretacion) -> list[c.Fila]:
    if not interpretacion.notas:
        return []
    return [c.fila_texto("Decisiones que tomé", c.SECCION), *_lista("Nota", interpretacion.notas), c.FILA_VACIA]


def _fila_columna(papel: str, columna: modelo.ColumnaLeida) -> c.Fila:
    leida = nombre_campo(papel, columna.campo) if columna.campo else "—"
    celdas = (c.Celda(columna.letra, c.CODIGO), c.Celda(columna.encabezado), c.Celda(leida), c.Celda(columna.uso),
              c.Celda(columna.motivo, c.TEXTO_LARGO))
    return c.Fila(celdas, c.RECUADRO if columna.uso == USADA else f"{c.RECUADRO} {c.IGNORADA}")


def _hoja(h: modelo.HojaLeida) -> list[c.Fila]:
    titulo = h.papel if h.nombre == h.papel else f"{h.papel} — pestaña «{h.nombre}»"
    papel = f"{h.papel}: {PAPELES[h.papel]}" if h.papel in PAPELES else h.papel
    filas = [c.fila_texto(titulo, c.SECCION), _par("Leída como", papel), _par("Pestaña", h.nombre),
             _par("Encabezados", f"en la fila {h.fila_encabezado}")]
    if h.como:
        filas.append(_par("Cómo la encontré", h.como))
    if h.filas_datos:
        filas.append(_par("Datos", f"{h.filas_datos} fila{'s' if h.filas_datos != 1 else ''}"))
    filas.append(_par("Filas de totales ignoradas", omitidas_texto(h.filas_omitidas)))
    if h.columnas:
        filas += [c.FILA_VACIA, c.encabezados(*COLUMNAS), *(_fila_columna(h.papel, k) for k in h.columnas)]
    return [*filas, c.FILA_VACIA]


def hoja_lectura(interpretacion: modelo.Interpretacion, *, archivo: str = "") -> c.HojaInforme:
    """``Lectura``: «Así leí su libro», readable by the owner (see the module docstring)."""
    filas = [
        c.fila_texto(TITULO, c.TITULO),
        c.fila_texto("Qué hojas leí, en qué fila estaban los encabezados y qué dato tomé de cada columna.", c.NOTA),
        c.FILA_VACIA,
        *_alertas(interpretacion),
        *_archivo(interpretacion, archivo),
        *_notas(interpretacion),
    ]
    for h in en_orden(interpretacion.hojas):
        filas += _hoja(h)
    if not interpretacion.hojas:
        filas.append(c.fila_texto("No hay hojas leídas que mostrar.", c.NOTA))
    return c.HojaInforme(NOMBRE_HOJA, tuple(filas))
