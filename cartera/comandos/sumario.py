"""The end-of-run summary, in Spanish, as text for the screen or as a dict for ``--json``.

Both show the run's totals (``Salida.totales``, computed once by the run):
one line per currency with an open factura, the figures the trend keeps.

``--json`` carries money exactly, never through a float: each amount is a
decimal string in currency units with exactly two decimals and a dot
(``"por_cobrar": "92911800.50"``), i.e. integer centavos ÷ 100 as
``dinero.a_pesos`` gives it; parse it with ``decimal.Decimal``.
"""

from __future__ import annotations

from collections import Counter

from cartera import dinero, formato
from cartera.calculo import totales
from cartera.vocabulario import ENVIADO, FALLIDO, INCIERTO, OMITIDO, VISTA_PREVIA, Modo


def _totales(salida) -> list[tuple[str, int, int]]:
    """(moneda, por cobrar, vencido) in centavos, per currency with an open factura: the trend's figures."""
    return [(t.moneda, t.por_cobrar, t.vencido) for t in totales.con_saldo(salida.totales)]


def _exacto(centavos: int) -> str:
    """Centavos as an exact decimal string in currency units: 9291180050 → "92911800.50"."""
    return str(dinero.a_pesos(centavos))


def como_dict(salida) -> dict:
    """Machine-readable summary (amounts as exact decimal strings, see the module docstring)."""
    cuenta = Counter(r.resultado for r in salida.resultados)
    rechazos = [r for r in salida.cartera.rechazos if r.grave]
    return {
        "fecha_corte": salida.calculo.fecha_corte.isoformat(),
        "modo": Modo.ENVIO if salida.envio else Modo.PRUEBA,
        "facturas_validas": len(salida.cartera.facturas),
        "filas_rechazadas": len(rechazos),
        "advertencias": len(salida.cartera.rechazos) - len(rechazos),
        "totales": [{"moneda": m, "por_cobrar": _exacto(t), "vencido": _exacto(v)} for m, t, v in _totales(salida)],
        "mensajes": {k: cuenta.get(k, 0) for k in (ENVIADO, VISTA_PREVIA, FALLIDO, INCIERTO, OMITIDO)},
        "llamadas": len(salida.plan.llamadas),
        "escalados": len(salida.plan.escalados),
        "informe": str(salida.ruta_informe),
        "notas": list(salida.notas),
        "codigo_salida": salida.codigo,
    }


def _pendientes(salida, cuenta: Counter) -> list[str]:
    """What needs the owner's attention first, most urgent first."""
    lineas = list(salida.notas)
    if cuenta.get(INCIERTO):
        lineas.append(f"{cuenta[INCIERTO]} mensaje(s) inciertos: revise en Gmail «Enviados» (hoja Recordatorios).")
    if cuenta.get(FALLIDO):
        lineas.append(f"{cuenta[FALLIDO]} mensaje(s) fallidos: vea el motivo en la hoja Recordatorios.")
    graves = sum(1 for r in salida.cartera.rechazos if r.grave)
    if graves:
        lineas.append(f"{graves} fila(s) rechazadas: corríjalas en el libro (hoja Errores del informe).")
    if salida.plan.escalados:
        lineas.append(f"{len(salida.plan.escalados)} cuenta(s) para pasar a cobranza (hoja Escalar).")
    if salida.plan.llamadas:
        lineas.append(f"{len(salida.plan.llamadas)} llamada(s) para hacer hoy (hoja Llamadas).")
    return lineas


def como_texto(salida) -> str:
    """A short summary for the screen."""
    pais = salida.cartera.configuracion.pais
    cuenta = Counter(r.resultado for r in salida.resultados)
    graves = sum(1 for r in salida.cartera.rechazos if r.grave)
    advertencias = len(salida.cartera.rechazos) - graves
    lineas = [
        f"Cartera al {formato.fecha(salida.calculo.fecha_corte, pais)} — modo {Modo.ENVIO if salida.envio else Modo.PRUEBA}",
        f"  Facturas leídas: {len(salida.cartera.facturas)}; filas rechazadas: {graves}"
        + (f"; advertencias: {advertencias}" if advertencias else ""),
    ]
    for moneda, total, vencido in _totales(salida):
        porcentaje = f" ({formato.porcentaje(vencido / total, pais)})" if total else ""
        lineas.append(f"  Por cobrar {moneda}: {formato.dinero(total, moneda, pais)}; "
                      f"vencido: {formato.dinero(vencido, moneda, pais)}{porcentaje}")
    if salida.envio:
        lineas.append(f"  Mensajes enviados: {cuenta.get(ENVIADO, 0)}; fallidos: {cuenta.get(FALLIDO, 0)}; "
                      f"inciertos: {cuenta.get(INCIERTO, 0)}; pendientes: {cuenta.get(OMITIDO, 0)}")
    else:
        lineas.append(f"  Mensajes en vista previa (no se envió nada): {cuenta.get(VISTA_PREVIA, 0)}")
    lineas.append(f"  Llamadas: {len(salida.plan.llamadas)}; a cobranza: {len(salida.plan.escalados)}")
    lineas.append(f"  Informe: {salida.ruta_informe}")
    atencion = _pendientes(salida, cuenta)
    if atencion:
        lineas.append("Requiere su atención:")
        lineas.extend(f"  • {linea}" for linea in atencion)
    return "\n".join(lineas)
