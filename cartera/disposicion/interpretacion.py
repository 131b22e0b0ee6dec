"""«Así leí su libro»: the ``modelo.Interpretacion`` of a read workbook, for the report and the screen.

Every header of every sheet read is accounted for: used as a field, recognised
and not used (with the reason), or not recognised (kept as it is).  With it
go the rows skipped as totals, how clients were keyed, what the owner's
``Estado`` words were read as, payments in the row and credit notes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from cartera.disposicion.hojas import POR_NOMBRE
from cartera.lectura import esquema
from cartera.lectura.estados import significado
from cartera.lectura.tabla import Tabla
from cartera.modelo import ColumnaLeida, HojaLeida, Interpretacion

USADA, NO_USADA, DESCONOCIDA = "usada", "reconocida, no usada", "no reconocida"
NOMBRES = {
    "factura": "número de factura", "cliente": "cliente", "nombre": "nombre del cliente", "nit": "identificación fiscal",
    "emision": "fecha de emisión", "vencimiento": "fecha de vencimiento", "dias_credito": "días de crédito",
    "total": "total de la factura", "pagado": "pagado (abonos)", "saldo": "saldo pendiente", "moneda": "moneda",
    "estado": "estado", "tipo": "tipo de documento", "promesa": "promesa de pago", "enlace": "enlace de pago",
    "archivo": "archivo PDF", "correo": "correo", "cc": "correo en copia", "telefono": "teléfono",
    "contacto": "contacto", "whatsapp": "WhatsApp", "trato": "trato", "no_contactar": "no contactar",
    "respuesta_vista": "respuesta vista (quita la pausa)",
    "fecha": "fecha", "monto": "monto", "metodo": "método de pago", "referencia": "referencia",
    "parametro": "parámetro", "valor": "valor", "etapa": "etapa", "dias": "días", "desde": "desde",
    "canal": "canal", "plantilla": "plantilla", "dias_libro": "días vencidos del libro", "tramo_libro": "rango del libro",
    "impuestos": "desglose de impuestos", "notas": "observaciones", "vendedor": "dato comercial",
    "serie": "serie de la factura", "deduccion": "descuento o retención",
}


def _ignorado(papel: str, encabezado: str) -> esquema.Campo | None:
    clave = esquema.clave_encabezado(encabezado)
    return next((c for c in esquema.CAMPOS.get(papel, ()) if c.ignorado and clave in esquema.claves_alias(c)), None)


def _columna(papel: str, encabezado: str, letra: str, campo: str | None) -> ColumnaLeida:
    if esquema.es_calculado(encabezado):
        return ColumnaLeida(encabezado, letra, None, NO_USADA, "columna que escribe cartera en cada ejecución")
    definido = next((c for c in esquema.CAMPOS.get(papel, ()) if c.campo == campo), None) or _ignorado(papel, encabezado)
    if definido is None and papel == esquema.FACTURAS and esquema.clave_encabezado(encabezado) in _DEDUCCION:
        return ColumnaLeida(encabezado, letra, None, NO_USADA, "a la izquierda del total: es parte del desglose de la "
                            "factura (el total ya la descuenta); no se resta otra vez")
    if definido is None:
        return ColumnaLeida(encabezado, letra, None, DESCONOCIDA, "cartera no la reconoce: la deja tal cual")
    if definido.ignorado:
        return ColumnaLeida(encabezado, letra, definido.campo, NO_USADA, definido.ignorado)
    if campo is None:
        return ColumnaLeida(encabezado, letra, None, NO_USADA, f"ya se usa otra columna como {NOMBRES.get(definido.campo, definido.campo)}")
    if definido.dinero and (factor := esquema.escala(encabezado)) != 1:
        return ColumnaLeida(encabezado, letra, campo, USADA, f"cifras en {_ESCALAS[factor]}: se multiplican por {_puntos(factor)}")
    return ColumnaLeida(encabezado, letra, campo, USADA, _USOS.get((papel, campo), ""))


_DEDUCCION = esquema.claves_alias(next(c for c in esquema.CAMPOS[esquema.FACTURAS] if c.campo == "deduccion"))
_ESCALAS = {1_000: "miles", 1_000_000: "millones"}


def _puntos(numero: int) -> str:
    return f"{numero:,}".replace(",", ".")


_USOS = {
    (esquema.FACTURAS, "pagado"): "lo pagado según la fila: se descuenta del total",
    (esquema.FACTURAS, "saldo"): "lo que falta por pagar según la fila",
    (esquema.FACTURAS, "dias_credito"): "sin vencimiento, la factura vence a los días de esta columna",
    (esquema.FACTURAS, "tipo"): "«Nota crédito» o «Rectificativa» reducen el saldo del cliente",
    (esquema.FACTURAS, "estado"): "las palabras se leen por su significado (vea las decisiones arriba)",
    (esquema.FACTURAS, "correo"): "correo del cliente (si no hay hoja de clientes, o llena sus vacíos)",
    (esquema.FACTURAS, "serie"): "va delante del número de factura («FV» y «102» son la factura FV-102)",
    (esquema.FACTURAS, "deduccion"): "a la derecha del total: se resta de lo que se debe, como lo pagado",
}


def _clave(tabla: Tabla, columnas: tuple[ColumnaLeida, ...], campo_clave: str) -> tuple[ColumnaLeida, ...]:
    """The column that keys clients says so."""
    return tuple(c._replace(motivo="identifica al cliente" + (f"; {c.motivo}" if c.motivo else "")) if c.campo == campo_clave else c
                 for c in columnas)


def hoja_leida(tabla: Tabla, como: str, campo_clave: str = "") -> HojaLeida:
    """How one located sheet was read."""
    columnas = tuple(_columna(tabla.hoja, h, letra, campo) for h, letra, campo in tabla.todas)
    if tabla.hoja == esquema.FACTURAS and campo_clave:
        columnas = _clave(tabla, columnas, campo_clave)
    return HojaLeida(tabla.hoja, tabla.nombre, tabla.fila_encabezado, como, columnas, len(tabla.filas), tabla.omitidas)


def _notas(tablas: Mapping[str, Tabla], facturas: pd.DataFrame, pais: str) -> list[str]:
    tabla = tablas[esquema.FACTURAS]
    notas = []
    if "pagado" in tabla.encabezados or "saldo" in tabla.encabezados:
        columnas = " y ".join(f"«{tabla.encabezados[c]}»" for c in ("pagado", "saldo") if c in tabla.encabezados)
        con_pago = int((~facturas["nota_credito"] & (facturas["pagado_libro"] != 0)).sum())
        notas.append(f"Lo pagado se lee en la fila de cada factura ({columnas}): {con_pago} factura(s) con pagos. "
                     "Esos pagos no tienen fecha: cuentan en cualquier fecha de corte.")
        if "total" not in tabla.encabezados:
            pagado = f" más «{tabla.encabezados['pagado']}»" if "pagado" in tabla.encabezados else ""
            notas.append(f"El libro no trae el total de cada factura: lo que se debe es «{tabla.encabezados['saldo']}»; "
                         f"el total de la factura se toma como ese saldo{pagado}.")
        elif "saldo" in tabla.encabezados and ("pagado" in tabla.encabezados or "deduccion" in tabla.encabezados):
            resta = " − ".join(["Total"] + (["Descuentos y retenciones"] if "deduccion" in tabla.encabezados else [])
                               + (["Pagado"] if "pagado" in tabla.encabezados else []))
            notas.append(f"Se comprueba en cada fila que {resta} = Saldo; si no cuadra, vale el saldo y se avisa.")
    if "serie" in tabla.encabezados:
        notas.append(f"El número de cada factura es «{tabla.encabezados['serie']}» y «{tabla.encabezados['factura']}» "
                     "unidos con un guion («FV» y «102» son FV-102): la misma cifra en dos series son dos facturas.")
    restadas = [f"«{h}» ({letra})" for h, letra, campo in tabla.todas if campo == "deduccion"]
    if restadas:
        notas.append(f"Se restan de lo que se debe {' y '.join(restadas)} (descuentos y retenciones a la derecha del "
                     "total): saldo = Total − descuentos y retenciones − Pagado, salvo que la fila traiga su saldo.")
    notas_credito = facturas[facturas["nota_credito"]]
    if len(notas_credito):
        lista = ", ".join(notas_credito["factura"].astype(str).tolist()[:5])
        notas.append(f"{len(notas_credito)} nota(s) crédito ({lista}): reducen el saldo del cliente, aplicadas a sus "
                     "facturas más antiguas.")
    if "dias_credito" in tabla.encabezados:
        notas.append(f"Las facturas sin vencimiento vencen a los días de «{tabla.encabezados['dias_credito']}» de su fila.")
    if "estado" in tabla.celdas:
        formas = {esquema.normalizar(v): v.strip() for v in pd.unique(tabla.celdas["estado"]) if isinstance(v, str) and v.strip()}
        palabras = sorted(formas.values(), key=esquema.normalizar)
        if palabras:
            notas.append("Palabras de «" + tabla.encabezados["estado"] + "»: " + "; ".join(significado(p, pais) for p in palabras[:12]) + ".")
    return notas


_FECHA_DE_PAGO = re.compile(r"\bfecha\b.*\b(pago|pagada|pagado|cobro|abono|recaudo)\b")
_DE_COBRO = re.compile(r"venc|abon|pag|saldo|plazo|cred|total|valor|import|mont|cobr|deud|adeud|pend")


def _sospechosas(hojas: tuple[HojaLeida, ...]) -> tuple[str, ...]:
    """An alert for each unknown header of the invoice sheet that looks like a collection figure."""
    return tuple(
        f"La columna «{c.encabezado}» ({c.letra}) de «{h.nombre}» parece un dato de cobro, pero no la reconocí y no "
        + ("la usé: una fecha no dice cuánto se pagó, así que esas facturas se cobran por sus importes. Si están "
           "pagadas, escriba lo pagado en una columna «Abonos» o «Pagada» en una columna «Estado»."
           if _FECHA_DE_PAGO.search(esquema.clave_encabezado(c.encabezado)) else
           "la usé. Si cuenta para los saldos, indíquela en la hoja Configuración con una fila «Columna Pagado» (o "
           f"«Columna Saldo», «Columna Vencimiento»…) y, como valor, «{c.encabezado}».")
        for h in hojas if h.papel == esquema.FACTURAS
        for c in h.columnas if c.uso == DESCONOCIDA and _DE_COBRO.search(esquema.clave_encabezado(c.encabezado))
    )


def _escalas(tablas: Mapping[str, Tabla]) -> tuple[str, ...]:
    """An alert for each sheet whose money headers say their figures are in thousands or millions."""
    alertas = []
    for tabla in tablas.values():
        dinero = {c.campo for c in esquema.CAMPOS.get(tabla.hoja, ()) if c.dinero}
        en_escala = [(h, esquema.escala(h)) for h, _, campo in tabla.todas if campo in dinero and esquema.escala(h) != 1]
        if en_escala:
            columnas = " y ".join(f"«{h}»" for h, _ in en_escala)
            factor = en_escala[0][1]
            alertas.append(f"Las cifras de {columnas} en «{tabla.nombre}» están en {_ESCALAS[factor]}, como dice su "
                           f"encabezado: se multiplicaron por {_puntos(factor)} (1.500 se lee {_puntos(1500 * factor)}). "
                           "Si no es así, quite esa palabra del encabezado.")
    return tuple(alertas)


def interpretar(lectura: Interpretacion, tablas: Mapping[str, Tabla], clave: str, facturas: pd.DataFrame,
                pais: str, campo_clave: str = "") -> Interpretacion:
    """``lectura`` (what the shell knows: how each sheet was found, country, format) completed with the sheets read."""
    como = {h.papel: h.como for h in lectura.hojas}
    hojas = tuple(hoja_leida(t, como.get(papel, POR_NOMBRE), campo_clave) for papel, t in tablas.items())
    return lectura._replace(hojas=hojas, clave_clientes=clave, alertas=tuple(lectura.alertas) + _escalas(tablas) + _sospechosas(hojas),
                            notas=tuple(lectura.notas) + tuple(_notas(tablas, facturas, pais)))
