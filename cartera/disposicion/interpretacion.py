"""«Así leí su libro»: the ``modelo.Interpretacion`` of a read workbook, for the report and the screen.

Every header of every sheet read is accounted for: used as a field, recognised
and not used (with the reason), or not recognised (kept as it is).  With it
go the rows skipped as totals, how clients were keyed, what the owner's
``Estado`` words were read as, payments in the row and credit notes.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from cartera.lectura import esquema
from cartera.lectura.estados import significado
from cartera.lectura.problemas import filas_texto
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
    "fecha": "fecha", "monto": "monto", "metodo": "método de pago", "referencia": "referencia",
    "parametro": "parámetro", "valor": "valor", "etapa": "etapa", "dias": "días", "desde": "desde",
    "canal": "canal", "plantilla": "plantilla", "dias_libro": "días vencidos del libro", "tramo_libro": "rango del libro",
    "impuestos": "desglose de impuestos", "notas": "observaciones", "vendedor": "dato comercial",
}


def _ignorado(papel: str, encabezado: str) -> esquema.Campo | None:
    clave = esquema.normalizar(encabezado)
    return next((c for c in esquema.CAMPOS.get(papel, ()) if c.ignorado and clave in esquema.claves_alias(c)), None)


def _columna(papel: str, encabezado: str, letra: str, campo: str | None) -> ColumnaLeida:
    if esquema.es_calculado(encabezado):
        return ColumnaLeida(encabezado, letra, None, NO_USADA, "columna que escribe cartera en cada ejecución")
    definido = next((c for c in esquema.CAMPOS.get(papel, ()) if c.campo == campo), None) or _ignorado(papel, encabezado)
    if definido is None:
        return ColumnaLeida(encabezado, letra, None, DESCONOCIDA, "cartera no la reconoce: la deja tal cual")
    if definido.ignorado:
        return ColumnaLeida(encabezado, letra, definido.campo, NO_USADA, definido.ignorado)
    if campo is None:
        return ColumnaLeida(encabezado, letra, None, NO_USADA, f"ya se usa otra columna como {NOMBRES.get(definido.campo, definido.campo)}")
    return ColumnaLeida(encabezado, letra, campo, USADA, NOMBRES.get(campo, campo))


def hoja_leida(tabla: Tabla, como: str) -> HojaLeida:
    """How one located sheet was read."""
    columnas = tuple(_columna(tabla.hoja, h, letra, campo) for h, letra, campo in tabla.todas)
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
            notas.append(f"El libro no trae el total de cada factura: se toma «{tabla.encabezados['saldo']}» como lo que se debe.")
        elif "pagado" in tabla.encabezados and "saldo" in tabla.encabezados:
            notas.append("Se comprueba en cada fila que Total − Pagado = Saldo; si no cuadra, vale el saldo y se avisa.")
    notas_credito = facturas[facturas["nota_credito"]]
    if len(notas_credito):
        lista = ", ".join(notas_credito["factura"].astype(str).tolist()[:5])
        notas.append(f"{len(notas_credito)} nota(s) crédito ({lista}): reducen el saldo del cliente, aplicadas a sus "
                     "facturas más antiguas.")
    if "dias_credito" in tabla.encabezados:
        notas.append(f"Las facturas sin vencimiento vencen a los días de «{tabla.encabezados['dias_credito']}» de su fila.")
    if "estado" in tabla.celdas:
        palabras = sorted({str(v).strip() for v in tabla.celdas["estado"] if isinstance(v, str) and v.strip()})
        if palabras:
            notas.append("Palabras de «" + tabla.encabezados["estado"] + "»: " + "; ".join(significado(p, pais) for p in palabras[:12]) + ".")
    return notas


def interpretar(lectura: Interpretacion, tablas: Mapping[str, Tabla], clave: str, facturas: pd.DataFrame,
                pais: str) -> Interpretacion:
    """``lectura`` (what the shell knows: how each sheet was found, country, format) completed with the sheets read."""
    como = {h.papel: h.como for h in lectura.hojas}
    hojas = tuple(hoja_leida(t, como.get(papel, "por su nombre")) for papel, t in tablas.items())
    omitidas = [f for h in hojas for f in h.filas_omitidas]
    notas = list(lectura.notas)
    if omitidas:
        notas.insert(0, f"Filas de totales ignoradas: {len(omitidas)} (filas {filas_texto(sorted(omitidas), 8)}).")
    return lectura._replace(hojas=hojas, clave_clientes=clave, notas=tuple(notas + _notas(tablas, facturas, pais)))
