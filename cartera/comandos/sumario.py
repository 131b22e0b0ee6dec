"""The end-of-run summary, in Spanish, as text for the screen or as a dict for ``--json``.

Both show the run's totals (``Salida.totales``, computed once by the run):
one line per currency with an open factura, the figures the trend keeps.

``--json`` carries money exactly, never through a float: each amount is a
decimal string in currency units with exactly two decimals and a dot
(``"por_cobrar": "92911800.50"``), i.e. integer centavos ÷ 100 as
``dinero.a_pesos`` gives it; parse it with ``decimal.Decimal``.

Rejected rows are counted as rows (distinct sheet and row with a grave
problem), never as problems: a row with two problems is one rejected row.
Rows skipped as totals or subtitles are counted apart and are never errors.
Reading's alerts (``Interpretacion.alertas``) are shown on every run; the
short form of «Así leí su libro» only when the layout is new
(``Salida.disposicion_nueva``).
"""

from __future__ import annotations

import textwrap
from collections import Counter

from cartera import dinero, formato, modelo
from cartera.calculo import totales
from cartera.decisiones import TipoLlegada
from cartera.informe import interpretacion as lectura
from cartera.informe.resumen import filas_rechazadas, problemas_graves
from cartera.lectura import esquema
from cartera.vocabulario import ENVIADO, FALLIDO, INCIERTO, OMITIDO, VISTA_PREVIA, Modo


def _totales(salida) -> list[tuple[str, int, int]]:
    """(moneda, por cobrar, vencido) in centavos, per currency with an open factura: the trend's figures."""
    return [(t.moneda, t.por_cobrar, t.vencido) for t in totales.con_saldo(salida.totales)]


def _exacto(centavos: int) -> str:
    """Centavos as an exact decimal string in currency units: 9291180050 → "92911800.50"."""
    return str(dinero.a_pesos(centavos))


def _leida(salida) -> modelo.Interpretacion:
    return lectura.interpretacion_de(salida.cartera)


def _nueva(salida) -> bool:
    return bool(salida.disposicion_nueva)


def como_dict(salida) -> dict:
    """Machine-readable summary (amounts as exact decimal strings, see the module docstring)."""
    cuenta = Counter(r.resultado for r in salida.resultados)
    rechazos = salida.cartera.rechazos
    leida = _leida(salida)
    return {
        "fecha_corte": salida.calculo.fecha_corte.isoformat(),
        "modo": Modo.ENVIO if salida.envio else Modo.PRUEBA,
        "facturas_validas": len(salida.cartera.facturas),
        "filas_rechazadas": filas_rechazadas(rechazos),
        "problemas": problemas_graves(rechazos),
        "advertencias": len(rechazos) - problemas_graves(rechazos),
        "filas_totales_ignoradas": lectura.filas_omitidas(leida),
        "alertas": list(leida.alertas),
        "disposicion_nueva": _nueva(salida),
        "lectura": forma_corta(leida) if _nueva(salida) else [],
        "totales": [{"moneda": m, "por_cobrar": _exacto(t), "vencido": _exacto(v)} for m, t, v in _totales(salida)],
        "mensajes": {k: cuenta.get(k, 0) for k in (ENVIADO, VISTA_PREVIA, FALLIDO, INCIERTO, OMITIDO)},
        "llamadas": len(salida.plan.llamadas),
        "escalados": len(salida.plan.escalados),
        "informe": str(salida.ruta_informe) if salida.ruta_informe else None,
        "notas": list(salida.notas),
        "respuestas": [{"fecha": x.fecha.isoformat(timespec="seconds"), "cliente": x.cliente, "tipo": str(x.tipo),
                        "de": x.de, "facturas": list(x.facturas), "direcciones": list(x.direcciones)}
                       for x in getattr(salida, "llegadas", ())],
        "extracto": _extracto_dict(getattr(salida, "banco", None)),
        "codigo_salida": salida.codigo,
    }


def _extracto_dict(banco) -> dict | None:
    """What the statements of ``extractos/`` gave (None when no line was read): lines per verdict, the
    payments written to Pagos (0 in Prueba), whether it was a trial, and the Spanish summary line."""
    if banco is None or not (banco.conciliaciones or banco.registrados):
        return None
    cuenta = Counter(c.estado for c in banco.conciliaciones)
    return {"lineas": len(banco.conciliaciones), "estados": dict(cuenta), "registrados": banco.registrados,
            "prueba": banco.prueba, "resumen": banco.resumen()}


def llegadas_texto(llegadas) -> str:
    """«2 clientes respondieron, 1 correo rebotó» ("" when nothing that needs the owner came back).

    Replies count distinct clients; bounces count distinct addresses; a delay needs nothing from the owner.
    """
    respondieron = len({x.cliente for x in llegadas if x.tipo == TipoLlegada.RESPUESTA})
    rebotaron = len({d.casefold() for x in llegadas if x.tipo == TipoLlegada.REBOTE for d in x.direcciones or (x.de,)})
    partes = []
    if respondieron:
        partes.append("1 cliente respondió" if respondieron == 1 else f"{respondieron} clientes respondieron")
    if rebotaron:
        partes.append("1 correo rebotó" if rebotaron == 1 else f"{rebotaron} correos rebotaron")
    return ", ".join(partes)


# --- «Así leí su libro», short form ------------------------------------------------
CLAVES = ("serie", "factura", "cliente", "emision", "vencimiento", "total", "pagado", "abonos", "abono", "saldo",
          "deduccion", "moneda", "estado", "dias_credito", "fecha", "monto")
"""Fields named on the screen (the rest are on the Lectura sheet)."""
ANCHO = 100
PRINCIPALES = (esquema.FACTURAS, esquema.CLIENTES, esquema.PAGOS)
"""Sheets told one by one on the screen; the others share one line."""


def _columnas_clave(h: modelo.HojaLeida) -> list[str]:
    usadas = [k for k in h.columnas if k.campo in CLAVES and k.uso == lectura.USADA]
    return [f"{lectura.nombre_campo(h.papel, k.campo)} = «{k.encabezado}»" + (f" ({k.letra})" if k.letra else "")
            for k in usadas]


def _hoja_corta(h: modelo.HojaLeida) -> list[str]:
    pestana = f"pestaña «{h.nombre}», encabezados en la fila {h.fila_encabezado}" + (f" ({h.como})" if h.como else "")
    lineas = [f"  {h.papel}: {pestana}"]
    if h.papel in (esquema.FACTURAS, esquema.PAGOS) and (claves := _columnas_clave(h)):
        lineas += textwrap.wrap("columnas: " + "; ".join(claves), ANCHO, initial_indent="    ", subsequent_indent="      ")
    if h.filas_omitidas:
        lineas.append(f"    filas de totales ignoradas: {lectura.omitidas_texto(h.filas_omitidas)}")
    ignoradas = sum(1 for k in h.columnas if k.uso != lectura.USADA)
    if ignoradas:
        lineas.append(f"    columnas no usadas: {ignoradas} — vea la hoja Lectura del informe")
    return lineas


def forma_corta(leida: modelo.Interpretacion) -> list[str]:
    """The screen's «Así leí su libro»: sheets and header rows, key columns, clients, country, skipped rows."""
    lineas = ["Así leí su libro (disposición nueva; el detalle está en la hoja Lectura del informe):"]
    hojas = lectura.en_orden(leida.hojas)
    for h in (h for h in hojas if h.papel in PRINCIPALES):
        lineas += _hoja_corta(h)
    otras = [f"{h.papel} (fila {h.fila_encabezado})" if h.nombre == h.papel else
             f"{h.papel} «{h.nombre}» (fila {h.fila_encabezado})" for h in hojas if h.papel not in PRINCIPALES]
    if otras:
        lineas += textwrap.wrap("Otras hojas: " + ", ".join(otras), ANCHO, initial_indent="  ", subsequent_indent="    ")
    if leida.clave_clientes:
        lineas += textwrap.wrap(f"Clientes identificados {lectura.clave_texto(leida.clave_clientes)}", ANCHO,
                                initial_indent="  ", subsequent_indent="    ")
    if pais := lectura.pais_texto(leida):
        origen = lectura.origen_texto(leida.origen_pais)
        indicios = f" ({'; '.join(i.rstrip('.') for i in leida.indicios)})" if leida.indicios else ""
        lineas += textwrap.wrap(f"País y moneda: {pais}" + (f" — {origen}" if origen else "") + indicios, ANCHO,
                                initial_indent="  ", subsequent_indent="    ")
    return lineas


def _alertas(leida: modelo.Interpretacion) -> list[str]:
    if not leida.alertas:
        return []
    return ["¡ATENCIÓN! Revise cómo leí su libro (hoja Lectura del informe):",
            *(f"  • {a}" for a in leida.alertas), ""]


def _pendientes(salida, cuenta: Counter) -> list[str]:
    """What needs the owner's attention first, most urgent first."""
    lineas = list(salida.notas)
    banco = getattr(salida, "banco", None)
    if banco is not None and banco.resumen():
        lineas.insert(0, f"{banco.resumen()} (hoja Conciliación del informe).")
    if cuenta.get(INCIERTO):
        lineas.append(f"{cuenta[INCIERTO]} mensaje(s) inciertos: revise en Gmail «Enviados» (hoja Recordatorios).")
    if cuenta.get(FALLIDO):
        lineas.append(f"{cuenta[FALLIDO]} mensaje(s) fallidos: vea el motivo en la hoja Recordatorios.")
    graves = filas_rechazadas(salida.cartera.rechazos)
    if graves:
        lineas.append(f"{graves} fila(s) rechazadas: corríjalas en el libro (hoja Errores del informe).")
    if salida.plan.escalados:
        lineas.append(f"{len(salida.plan.escalados)} cuenta(s) para pasar a cobranza (hoja Escalar).")
    if salida.plan.llamadas:
        lineas.append(f"{len(salida.plan.llamadas)} llamada(s) para hacer hoy (hoja Llamadas).")
    return lineas


def _linea_filas(salida, leida: modelo.Interpretacion) -> str:
    """«Facturas leídas: 120; filas rechazadas: 8 (16 problemas); advertencias: 1; filas de totales ignoradas: 3»."""
    rechazos = salida.cartera.rechazos
    filas, problemas = filas_rechazadas(rechazos), problemas_graves(rechazos)
    advertencias = len(rechazos) - problemas
    omitidas = lectura.filas_omitidas(leida)
    return (f"  Facturas leídas: {len(salida.cartera.facturas)}; filas rechazadas: {filas}"
            + (f" ({problemas} problemas)" if problemas != filas else "")
            + (f"; advertencias: {advertencias}" if advertencias else "")
            + (f"; filas de totales ignoradas: {omitidas}" if omitidas else ""))


def como_texto(salida) -> str:
    """A short summary for the screen: reading's alerts, the layout when new, then the run's figures."""
    pais = salida.cartera.configuracion.pais
    cuenta = Counter(r.resultado for r in salida.resultados)
    leida = _leida(salida)
    llegaron = llegadas_texto(getattr(salida, "llegadas", ()))
    lineas = [f"Requiere su atención: {llegaron} (hoja Respuestas del informe)"] if llegaron else []
    lineas += _alertas(leida) + ([*forma_corta(leida), ""] if _nueva(salida) else [])
    lineas += [
        f"Cartera al {formato.fecha(salida.calculo.fecha_corte, pais)} — modo {Modo.ENVIO if salida.envio else Modo.PRUEBA}",
        _linea_filas(salida, leida),
    ]
    for moneda, total, vencido in _totales(salida):
        porcentaje = f" ({formato.porcentaje(vencido / total, pais)})" if total else ""
        lineas.append(f"  Por cobrar {moneda}: {formato.dinero(total, moneda, pais)}; "
                      f"vencido: {formato.dinero(vencido, moneda, pais)}{porcentaje}")
    if salida.envio:
        lineas.append(f"  Mensajes enviados: {cuenta.get(ENVIADO, 0)}; fallidos: {cuenta.get(FALLIDO, 0)}; "
                      f"inciertos: {cuenta.get(INCIERTO, 0)}; pendientes: {cuenta.get(OMITIDO, 0)}")
    else:
        lineas.append(f"  Mensajes en vista previa (no se envió nada): {cuenta.get(VISTA_PREVIA, 0)}"
                      + (f"; fallidos: {cuenta[FALLIDO]}" if cuenta.get(FALLIDO) else ""))
    lineas.append(f"  Llamadas: {len(salida.plan.llamadas)}; a cobranza: {len(salida.plan.escalados)}")
    lineas.append(f"  Informe: {salida.ruta_informe or 'no se pudo escribir (vea abajo)'}")
    atencion = _pendientes(salida, cuenta)
    if leida.alertas:
        atencion.insert(0, f"{len(leida.alertas)} alerta(s) sobre cómo leí su libro (arriba y en la hoja Lectura).")
    if atencion:
        lineas.append("Requiere su atención:")
        lineas.extend(f"  • {linea}" for linea in atencion)
    return "\n".join(lineas)
