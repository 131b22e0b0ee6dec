"""The message context (core): workbook rows → plain, formatted data for the templates.

Everything a template may use (documented in ``plantillas/LEEME.md``) is
built here from the aviso and the run's ``Indice`` (``mensajes.indice``):
only strings, numbers, booleans, lists and dicts, already formatted for the
client's country (``formato``).  Workbook text is data, never template source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from cartera import formato
from cartera.decisiones import Aviso
from cartera.mensajes import acuerdo
from cartera.mensajes.indice import Formatos, Indice
from cartera.modelo import Configuracion
from cartera.vocabulario import Trato

_ENLACE_SEGURO = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)


def enlace_seguro(url: str) -> str:
    """``url`` when it is a plain http(s) link, else "" (no ``javascript:`` or spaces in an href)."""
    url = (url or "").strip()
    return url if _ENLACE_SEGURO.fullmatch(url) else ""


def _texto(valor: Any) -> str:
    """A workbook value as trimmed text ("" for blank/NaN)."""
    return "" if valor is None or (not isinstance(valor, str) and pd.isna(valor)) else str(valor).strip()


def _nulo(valor: Any) -> bool:
    return valor is None or (not isinstance(valor, str) and bool(pd.isna(valor)))


def _fecha(valor: Any, fmt: Formatos) -> str:
    """A date cell as ``24/11/2026``, in the country's order ("" for NaT)."""
    return "" if valor is None or pd.isna(valor) else fmt.fecha(pd.Timestamp(valor).date())


def _cliente(indice: Indice, codigo: str) -> dict[str, Any]:
    """The client's names and trato; the greeting uses Contacto, else Nombre, else the code."""
    posicion = indice.clientes.posiciones((codigo,))[0]
    fila = indice.clientes.registros(np.array([posicion]))[0] if posicion >= 0 else {}
    nombre = _texto(fila.get("nombre")) or codigo
    contacto = _texto(fila.get("contacto"))
    return {"codigo": codigo, "nombre": nombre, "contacto": contacto, "saludo": contacto or nombre,
            "tu": _texto(fila.get("trato")) == Trato.TU}


def _empresa(configuracion: Configuracion) -> dict[str, Any]:
    """Who signs: company, sender, e-mail, phone and the signature's lines."""
    return {"nombre": configuracion.empresa.strip(), "remitente": configuracion.remitente.strip(),
            "correo": configuracion.correo_remitente.strip(), "telefono": configuracion.telefono.strip(),
            "firma": formato.lineas(configuracion.firma)}


def _montos(fila: dict[str, Any], moneda: str, fmt: Formatos) -> dict[str, Any]:
    """The factura's amounts as text, plus the flags templates branch on."""
    saldo, recargo, compensacion = int(fila["saldo"]), int(fila["recargo"]), int(fila["compensacion"])
    descuento = int(fila["descuento"])

    def d(centavos: int) -> str:
        return fmt.dinero(int(centavos), moneda)

    return {"total": d(fila["total"]), "pagado": d(fila["pagado"]), "saldo": d(saldo), "recargo": d(recargo),
            "compensacion": d(compensacion), "a_pagar": d(saldo + recargo + compensacion),
            "descuento": d(descuento), "con_descuento": d(saldo - descuento),
            "tiene_recargo": recargo > 0, "tiene_compensacion": compensacion > 0,
            "tiene_descuento": descuento > 0 and saldo > 0, "abonada": int(fila["pagado"]) > 0 and saldo > 0,
            "pagada": saldo == 0}


def _factura(fila: dict[str, Any], corte: dt.date, fmt: Formatos) -> dict[str, Any]:
    """One listed factura, formatted; ``frase_vencimiento`` is "vence el …" or "venció el …"."""
    moneda = _texto(fila["moneda"]).upper()
    vencimiento = pd.Timestamp(fila["vencimiento"]).date()
    dias = int(fila["dias_vencidos"])
    verbo = "venció" if vencimiento < corte else "vence"
    return {"numero": _texto(fila["factura"]), "moneda": moneda, "emision": _fecha(fila["emision"], fmt),
            "vencimiento": fmt.fecha(vencimiento), "vencimiento_largo": fmt.fecha_larga(vencimiento),
            "frase_vencimiento": f"{verbo} el {fmt.fecha(vencimiento)}", "dias": dias, "vencida": dias > 0,
            "dias_texto": str(dias) if dias > 0 else "—",
            "fecha_limite_descuento": _fecha(fila["fecha_limite_descuento"], fmt),
            "fecha_pago": _fecha(fila["fecha_pago"], fmt), "promesa": _fecha(fila["promesa"], fmt), "enlace": enlace_seguro(_texto(fila["enlace"])),
            "archivo": _texto(fila["archivo"]), **_montos(fila, moneda, fmt)}


def _total(moneda: str, sumas: list[int], credito: int, fmt: Formatos) -> dict[str, Any]:
    """One currency's totals; the client's credit is deducted from what is asked when something is overdue."""
    vencido, por_vencer, recargo, compensacion = sumas
    bruto = vencido + recargo + compensacion
    credito = credito if vencido > 0 else 0

    def d(centavos: int) -> str:
        return fmt.dinero(centavos, moneda)

    return {"moneda": moneda, "saldo": d(vencido + por_vencer), "vencido": d(vencido), "por_vencer": d(por_vencer),
            "recargo": d(recargo), "compensacion": d(compensacion), "a_pagar": d(max(0, bruto - credito)),
            "bruto": d(bruto), "a_favor": d(credito), "a_favor_restante": d(max(0, credito - bruto)),
            "hay_a_favor": credito > 0, "cubierto": credito >= bruto > 0, "hay_a_favor_restante": credito > bruto,
            "hay_vencido": vencido > 0, "hay_por_vencer": por_vencer > 0}


def _totales(filas: list[dict[str, Any]], fmt: Formatos, a_favor: Mapping[str, int] | None = None) -> list[dict[str, Any]]:
    """Per currency (first-seen order); never summed across currencies.

    ``saldo``: every listed factura; ``vencido``: those past due (días
    vencidos > 0); ``por_vencer``: the rest (due later or on the fecha de
    corte); ``recargo`` and ``compensacion`` (only overdue facturas carry
    them); ``a_favor``: the client's credit in that currency, applied only
    when something is overdue (``hay_a_favor``); ``a_pagar`` = vencido +
    recargo + compensacion − a_favor, floored at 0: what is asked now
    (``bruto`` before the credit; ``cubierto`` when the credit covers it
    all; ``a_favor_restante`` what is left of the credit).  Each amount as text, with flags.
    """
    sumas: dict[str, list[int]] = {}
    for f in filas:
        suma = sumas.setdefault(str(f["moneda"]), [0, 0, 0, 0])
        suma[0 if int(f["dias_vencidos"]) > 0 else 1] += int(f["saldo"])
        suma[2] += int(f["recargo"])
        suma[3] += int(f["compensacion"])
    a_favor = a_favor or {}
    return [_total(moneda, suma, a_favor.get(moneda, 0), fmt) for moneda, suma in sumas.items()]


def _lista_totales(totales: list[dict[str, Any]], campo: str, *, bandera: str = "") -> str:
    """One amount per currency joined ("$ 1.250.000,00 y US$ 300,00"); with ``bandera``, only where it holds."""
    return formato.lista(t[campo] for t in totales if not bandera or t[bandera])


def _enlaces(facturas: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Distinct payment links, each with the facturas it pays (``"FE-1 y FE-2"``)."""
    por_enlace: dict[str, list[str]] = {}
    for f in facturas:
        if f["enlace"] and not f["pagada"]:
            por_enlace.setdefault(f["enlace"], []).append(f["numero"])
    return [{"url": url, "facturas": formato.lista(nums), "cuantas": len(nums)} for url, nums in por_enlace.items()]


def _vencimientos(facturas: list[dict[str, Any]]) -> str:
    """E.g. "la factura FE-1 venció el 22/11/2026 y las facturas FE-2 y FE-3 vencen el 27/11/2026"."""
    grupos: dict[str, list[str]] = {}
    for f in facturas:
        grupos.setdefault(f["frase_vencimiento"], []).append(f["numero"])
    frases = []
    for frase, numeros in grupos.items():
        if len(numeros) == 1:
            frases.append(f"la factura {numeros[0]} {frase}")
        else:
            plural = frase.replace("venció", "vencieron", 1).replace("vence ", "vencen ", 1)
            frases.append(f"las facturas {formato.lista(numeros)} {plural}")
    return formato.lista(frases)


def _filas(indice: Indice, numeros: tuple[str, ...]) -> list[dict[str, Any]]:
    """The computed rows of the listed facturas, in the aviso's order (``moneda`` trimmed, upper case)."""
    posiciones = indice.facturas.posiciones(numeros)
    faltan = [n for n, p in zip(numeros, posiciones, strict=True) if p < 0]
    if faltan:
        raise ValueError(f"Facturas del aviso que no están en el cálculo: {', '.join(faltan)}")
    return indice.facturas.registros(posiciones)


def contexto_de(aviso: Aviso, indice: Indice) -> dict[str, Any]:
    """Everything a template may use, formatted for the country (documented in plantillas/LEEME.md)."""
    configuracion, corte = indice.configuracion, indice.fecha_corte
    pais = configuracion.pais
    filas = _filas(indice, aviso.facturas)
    facturas = [_factura(f, corte, indice.formatos) for f in filas]
    cubiertas = {numero for numero, _ in aviso.cubiertas}
    avisadas = [f for f in facturas if f["numero"] in cubiertas] or facturas
    totales = _totales(filas, indice.formatos, indice.a_favor.get(aviso.cliente.strip(), {}))
    promesas = sorted({p for f in filas if not _nulo(p := f["promesa"]) and pd.Timestamp(p).date() < corte})
    cliente = _cliente(indice, aviso.cliente)
    vencidas = sorted((f for f in facturas if f["vencida"]), key=lambda f: -f["dias"])
    return {"cliente": cliente, "tu": cliente["tu"], "empresa": _empresa(configuracion),
            "medios_pago": formato.lineas(configuracion.medios_pago, "\n;"), "facturas": facturas,
            "avisadas": avisadas, "una": len(avisadas) == 1, "mas_antigua": vencidas[0] if vencidas else None,
            "numeros": formato.lista(f["numero"] for f in avisadas), "vencimientos": _vencimientos(avisadas), "con_adjunto": any(f["archivo"] for f in facturas),
            "totales": totales, "saldo_total": _lista_totales(totales, "saldo"),
            "vencido_total": _lista_totales(totales, "vencido", bandera="hay_vencido"),
            "por_vencer_total": _lista_totales(totales, "por_vencer", bandera="hay_por_vencer"),
            "a_pagar_total": _lista_totales(totales, "a_pagar", bandera="hay_vencido"),
            "hay_vencidas": any(f["vencida"] for f in facturas), "hay_a_favor": any(t["hay_a_favor"] for t in totales),
            "hay_recargo": any(f["tiene_recargo"] for f in facturas),
            "hay_compensacion": any(f["tiene_compensacion"] for f in facturas),
            "descuentos": [f for f in facturas if f["tiene_descuento"]], "enlaces": _enlaces(facturas),
            "promesa": _fecha(promesas[-1], indice.formatos) if promesas else "",
            "fecha_corte": indice.formatos.fecha(corte),
            "fecha_corte_larga": indice.formatos.fecha_larga(corte), "etapa": aviso.etapa, "tipo": aviso.tipo,
            "acuerdo": acuerdo.contexto(aviso.acuerdo, indice.formatos),
            "pais": (pais or "").strip().upper()}
