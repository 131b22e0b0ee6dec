"""Validate the located sheets and assemble the one ``Cartera`` (pure).

Besides validating each sheet (``lectura``), this is where an owner's layout
becomes the contract's: clients come from the clients sheet or from the
invoice rows (:mod:`deudores`); what an invoice row says was paid becomes a
payment of that invoice; a credit note becomes a client-level payment,
applied to the client's oldest open invoices like any other.

Payments in the row carry no date (``fecha`` NaT): the book says they were
made, not when.  They count at every fecha de corte, also an earlier
``--fecha``, and an invoice they settle has no known payment date (it does
not count for or against punctuality).  A credit note is dated on its issue
date.  A Pagos sheet that details exactly what a row says was paid replaces
the row's payment instead of adding to it (:func:`_repetidos`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from cartera import formato, paises, politica, vocabulario
from cartera.disposicion import deudores, interpretacion
from cartera.lectura import esquema
from cartera.lectura.clientes import leer_clientes
from cartera.lectura.conversion import vacias
from cartera.lectura.facturas import leer_facturas
from cartera.lectura.pagos import leer_pagos, pagos_vacios
from cartera.lectura.problemas import Lectura, filas_texto
from cartera.lectura.reglas import leer_etapas, leer_historial, leer_recargos
from cartera.lectura.tabla import Tabla
from cartera.lectura.textos import sin_adornos
from cartera.modelo import Cartera, Configuracion, Interpretacion, OrigenHoja

METODO_FILA = "en la fila de la factura"
METODO_NOTA = "nota crédito"
_AUXILIARES = ["pagado_libro", "nota_credito", "credito", "pagada_que_debe"]


def _clientes(tablas: Mapping[str, Tabla]) -> tuple[Lectura, deudores.Enlace]:
    facturas = tablas[esquema.FACTURAS]
    if esquema.CLIENTES not in tablas:
        return deudores.derivar(facturas)
    clientes = leer_clientes(tablas[esquema.CLIENTES])
    enlace = deudores.enlazar(facturas, clientes.datos)
    return deudores.completar(clientes, facturas, enlace), enlace


def _pagos_del_libro(facturas: pd.DataFrame) -> pd.DataFrame:
    """Payments stated in the invoice rows (undated) and credit notes (client-level, dated on issue)."""
    en_fila = facturas[~facturas["nota_credito"] & (facturas["pagado_libro"] != 0)]
    notas = facturas[facturas["nota_credito"] & (facturas["credito"] > 0)]
    return pd.DataFrame({
        "fecha": np.concatenate([np.full(len(en_fila), np.datetime64("NaT"), dtype="datetime64[ns]"),
                                 notas["emision"].to_numpy().astype("datetime64[ns]")]),
        "factura": np.concatenate([en_fila["factura"].to_numpy(dtype=object), np.full(len(notas), "", dtype=object)]),
        "cliente": np.concatenate([np.full(len(en_fila), "", dtype=object), notas["cliente"].to_numpy(dtype=object)]),
        "monto": np.concatenate([en_fila["pagado_libro"].to_numpy(dtype=np.int64), notas["credito"].to_numpy(dtype=np.int64)]),
        "metodo": [METODO_FILA] * len(en_fila) + [METODO_NOTA] * len(notas),
        "referencia": [""] * len(en_fila) + notas["factura"].tolist(),
        "moneda": np.concatenate([en_fila["moneda"].to_numpy(dtype=object), notas["moneda"].to_numpy(dtype=object)]),
        "fila": np.concatenate([en_fila["fila"].to_numpy(dtype=np.int64), notas["fila"].to_numpy(dtype=np.int64)]),
    })


def _pagos_con_claves(tabla: Tabla, clientes: pd.DataFrame) -> Tabla:
    """A payments sheet that names clients by tax id or name: those cells read as the client's key."""
    if "cliente" not in tabla.celdas:
        return tabla
    mapa = {}
    for campo in ("nombre", "nit", "cliente"):
        if campo in clientes.columns:
            mapa.update({deudores.comparable(campo, str(v)): k for v, k in zip(clientes[campo], clientes["cliente"], strict=True) if v})
    celdas = tabla.celdas["cliente"].copy()
    texto = np.array([isinstance(c, str) and bool(c.strip()) for c in celdas], dtype=bool)
    valores = celdas[texto]
    por_nit, por_nombre = deudores.comparables("nit", valores), deudores.comparables("nombre", valores)
    celdas[texto] = [mapa.get(n, mapa.get(m, v)) for v, n, m in zip(valores, por_nit, por_nombre, strict=True)]
    return tabla._replace(celdas={**tabla.celdas, "cliente": celdas})


def _como_texto(celda: object) -> str:
    return str(int(celda)) if isinstance(celda, float) and celda.is_integer() else str(celda).strip()


def _pagos_con_facturas(tabla: Tabla, facturas: pd.DataFrame) -> tuple[Tabla, list[str]]:
    """A payment that names its invoice another way («102», «fv 103», «FV104» for FV-102…) reads as that invoice:
    first without case and separators, then by its trailing digits when exactly one invoice ends in them."""
    if "factura" not in tabla.celdas or not len(facturas):
        return tabla, []
    numeros = facturas["factura"].astype(str).tolist()
    exactos = set(numeros)
    if all(_como_texto(c) in exactos or not _como_texto(c) for c in tabla.celdas["factura"]):
        return tabla, []  # every payment names its invoice exactly (the contract's case): nothing to look up
    por_clave: dict[str, list[str]] = {}
    por_digitos: dict[str, list[str]] = {}
    for numero in numeros:
        clave = sin_adornos(numero)
        por_clave.setdefault(clave, []).append(numero)
        por_digitos.setdefault(re.sub(r"^.*?(\d+)$", r"\1", clave).lstrip("0"), []).append(numero)
    celdas = tabla.celdas["factura"].copy()
    vistos = []
    for pos, celda in enumerate(celdas.tolist()):
        texto = _como_texto(celda)
        if not texto or texto in exactos:
            continue
        clave = sin_adornos(texto)
        candidatas = por_clave.get(clave) or (por_digitos.get(clave.lstrip("0")) if clave.isdigit() else None)
        if candidatas and len(candidatas) == 1:
            celdas[pos] = candidatas[0]
            vistos.append(f"«{texto}» → {candidatas[0]}")
    notas = [f"{len(vistos)} pago(s) nombran su factura de otra forma y se leyeron como esa factura: "
             + "; ".join(vistos[:5]) + ("…" if len(vistos) > 5 else "") + "."] if vistos else []
    return tabla._replace(celdas={**tabla.celdas, "factura": celdas}), notas


def _repetidos(hoja: pd.DataFrame, del_libro: pd.DataFrame, pais: str) -> tuple[pd.DataFrame, tuple[str, ...], tuple[str, ...]]:
    """Invoices whose row says what was paid while the Pagos sheet lists payments of them too.

    When Pagos adds up to exactly what the row says, it is the detail of the
    same payments: the row's payment is dropped (Pagos keeps the dates), with a
    note.  When they differ, both count (Pagos adds up on its own) and an alert
    names each invoice with both figures.  Returns the row payments kept, the
    notes and the alerts.
    """
    en_fila = del_libro[del_libro["metodo"] == METODO_FILA].set_index("factura")
    if not len(en_fila) or not len(hoja):
        return del_libro, (), ()
    suma = hoja[hoja["factura"] != ""].groupby("factura")["monto"].sum()
    comunes = [f for f in en_fila.index if f in suma.index]
    if not comunes:
        return del_libro, (), ()
    iguales = [f for f in comunes if int(suma[f]) == int(en_fila.at[f, "monto"])]
    notas = (f"{len(iguales)} factura(s) traen lo pagado en su fila y el detalle de esos mismos pagos en «Pagos» "
             f"({', '.join(iguales[:5])}{'…' if len(iguales) > 5 else ''}): se cuentan una sola vez, con las fechas "
             "de «Pagos».",) if iguales else ()
    alertas = tuple(
        f"La factura {f} dice en su fila que se pagaron {formato.dinero(int(en_fila.at[f, 'monto']), en_fila.at[f, 'moneda'], pais)} "
        f"y la hoja «Pagos» le suma {formato.dinero(int(suma[f]), en_fila.at[f, 'moneda'], pais)}: se cuentan los dos. Si "
        "«Pagos» repite pagos que la fila ya cuenta, corrija la fila o «Pagos» para que digan lo mismo."
        for f in comunes if f not in iguales)
    quedan = ~((del_libro["metodo"] == METODO_FILA) & del_libro["factura"].isin(iguales)).to_numpy()
    return del_libro[quedan].reset_index(drop=True), notas, alertas


def _unir_pagos(hoja: pd.DataFrame, del_libro: pd.DataFrame) -> pd.DataFrame:
    if not len(del_libro):
        return hoja
    if "moneda" not in hoja.columns:
        hoja = hoja.assign(moneda="")
    if "clave" in hoja.columns and "clave" not in del_libro.columns:
        del_libro = del_libro.assign(clave="")
    unidos = pd.concat([hoja, del_libro[hoja.columns]], ignore_index=True)
    return unidos.astype({"fecha": "datetime64[ns]", "monto": np.int64, "fila": np.int64})


def por_moneda(tabla: Tabla, local: str) -> Tabla:
    """Amounts kept in one column per currency («Valor USD», «Valor COP»): each row takes the column it fills
    (a foreign currency first, then the book's), and that column's currency unless its Moneda cell says one."""
    if "total" not in tabla.gemelas:
        return tabla
    isos = sorted(tabla.gemelas["total"], key=lambda iso: iso == local)
    total = np.full(len(tabla.filas), "", dtype=object)
    moneda = np.full(len(tabla.filas), "", dtype=object)
    for iso in isos:
        columna = tabla.celdas[f"total@{iso}"]
        llenar = (moneda == "") & ~vacias(columna)
        total[llenar], moneda[llenar] = columna[llenar], iso
    celdas = {**tabla.celdas, "total": total}
    for campo in ("pagado", "saldo"):
        if campo in tabla.gemelas:
            elegida = tabla.celdas[campo].copy()
            for iso in tabla.gemelas[campo]:
                elegida = np.where(moneda == iso, tabla.celdas[f"{campo}@{iso}"], elegida)
            celdas[campo] = elegida
    propia = tabla.celdas.get("moneda")
    celdas["moneda"] = moneda if propia is None else np.where(vacias(propia), moneda, propia)
    return tabla._replace(celdas=celdas)


def _tachadas(tabla: Tabla, facturas: pd.DataFrame, filas: tuple[int, ...]) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Struck-through invoice rows with a blank Estado are voided (not chased); an alert names them all."""
    if not filas:
        return facturas, ()
    sin_estado = {int(f) for f, e in zip(tabla.filas, tabla.celdas.get("estado", [""] * len(tabla.filas)), strict=True)
                  if not str(e).strip()}
    anular = facturas["fila"].isin([f for f in filas if f in sin_estado]).to_numpy()
    facturas = facturas.assign(estado=np.where(anular, vocabulario.ANULADA, facturas["estado"].to_numpy(dtype=object)))
    alerta = (f"Las filas {filas_texto(list(filas), 8)} de «{tabla.nombre}» están tachadas: las que no dicen nada en "
              "Estado se toman por anuladas y no se cobran. Si alguna se debe, quite el tachado o escriba su estado "
              "(por ejemplo «Pendiente») en la columna Estado.")
    return facturas, (alerta,)


def _pagadas_que_deben(tabla: Tabla, facturas: pd.DataFrame) -> tuple[str, ...]:
    """An alert naming the rows whose Estado says paid while their Saldo column shows money owed (kept open)."""
    filas = facturas.loc[facturas["pagada_que_debe"], "fila"].tolist()
    if not filas:
        return ()
    estado, saldo = tabla.encabezados.get("estado", "Estado"), tabla.encabezados.get("saldo", "Saldo")
    return (f"{len(filas)} factura(s) de «{tabla.nombre}» dicen pagada en «{estado}», pero «{saldo}» muestra dinero "
            f"pendiente (filas {filas_texto(filas, 8)}): se siguen cobrando por ese saldo. Si ya se pagaron, ponga el "
            "saldo en cero; si no, corrija el estado.",)


def ensamblar(configuracion: Configuracion, rechazos: tuple, tablas: Mapping[str, Tabla],
              origen: Mapping[str, OrigenHoja], lectura: Interpretacion | None = None,
              configuracion_leida: Tabla | None = None, tachadas: tuple[int, ...] = ()) -> Cartera:
    """The ``Cartera`` of the located sheets; ``lectura``: what the shell already knows (country, format…);
    ``configuracion_leida``: the located ``Configuración`` sheet, listed in the interpretation; ``tachadas``:
    the Excel rows of the invoice sheet whose invoice number is struck through."""
    pais = configuracion.pais
    local = paises.pais(pais).moneda or configuracion.moneda
    tablas = {**tablas, esquema.FACTURAS: por_moneda(tablas[esquema.FACTURAS], local)}
    clientes, enlace = _clientes(tablas)
    facturas = leer_facturas(tablas[esquema.FACTURAS], clientes, configuracion, enlace.claves, enlace.campo)
    todas, alertas = _tachadas(tablas[esquema.FACTURAS], facturas.datos, tachadas)
    alertas += _pagadas_que_deben(tablas[esquema.FACTURAS], todas)
    validas = todas[~todas["nota_credito"]].drop(columns=_AUXILIARES).reset_index(drop=True)
    facturas_validas = Lectura(validas, facturas.rechazos, facturas.rechazadas)
    notas: list[str] = []
    if esquema.PAGOS in tablas:
        tabla_pagos, notas = _pagos_con_facturas(_pagos_con_claves(tablas[esquema.PAGOS], clientes.datos), validas)
        pagos = leer_pagos(tabla_pagos, clientes, facturas_validas, configuracion)
    else:
        pagos = Lectura(pagos_vacios(), (), {})
    del_libro, repetidos, distintos = _repetidos(pagos.datos, _pagos_del_libro(todas), pais)
    lectura = (lectura or Interpretacion())
    lectura = lectura._replace(notas=tuple(lectura.notas) + tuple(notas) + repetidos,
                               alertas=tuple(lectura.alertas) + alertas + distintos)
    etapas, rech_etapas = leer_etapas(tablas[esquema.ETAPAS]) if esquema.ETAPAS in tablas else (politica.ETAPAS_PREDETERMINADAS, ())
    recargos, rech_recargos = (leer_recargos(tablas[esquema.RECARGOS], pais) if esquema.RECARGOS in tablas
                               else (politica.RECARGOS_PREDETERMINADOS, ()))
    historial, rech_historial = leer_historial(tablas[esquema.HISTORIAL], pais) if esquema.HISTORIAL in tablas else ((), ())
    return Cartera(
        configuracion=configuracion,
        clientes=clientes.datos,
        facturas=validas,
        pagos=_unir_pagos(pagos.datos, del_libro),
        etapas=etapas,
        recargos=recargos,
        historial=historial,
        rechazos=(*rechazos, *clientes.rechazos, *facturas.rechazos, *pagos.rechazos, *rech_etapas, *rech_recargos, *rech_historial),
        extra={hoja: tabla.extra for hoja, tabla in tablas.items()},
        origen=origen,
        interpretacion=interpretacion.interpretar(
            lectura, {**tablas, **({esquema.CONFIGURACION: configuracion_leida} if configuracion_leida else {})},
            enlace.frase, todas, pais, enlace.campo),
    )
