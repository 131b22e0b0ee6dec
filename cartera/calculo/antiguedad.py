"""The computation: balances, due dates, aging, late fees, discount and stage, as of a date.

``calcular(cartera, fecha_corte, festivos)`` is a pure, vectorised function
(no loop over facturas; 1,000,000 facturas take a few seconds).  The rules,
PRODUCT.md section 2 plus these decisions:

* **Vencimiento**: a blank one is Emisión + the row's own ``dias_credito``,
  else the client's, else ``Configuracion.dias_credito``; ``vencimiento_calculado`` flags it.
* **As of the fecha de corte**: payments dated after it are ignored; a
  factura issued after it is not open (no días, tramo, fee, discount or
  stage; its saldo is Total − pagado) — the plan marks it.
* **Payments**: see ``cartera.calculo.saldos`` (named first, then client-level FIFO
  oldest vencimiento first, excess → saldo a favor).
* **Closed** (Pagada, Anulada, Incobrable): saldo 0 whatever the payments
  say, never open; client-level payments skip them, named ones are applied
  up to the Total (the excess is credit).
* ``saldo`` = Total − pagado (0 when closed); ``abierta`` = saldo > 0, not
  closed, issued by the fecha de corte.
* Only open facturas carry ``dias_vencidos`` = max(0, corte − vencimiento)
  in calendar days, ``tramo`` (``politica.etiquetas_tramos``: 0 días →
  "Por vencer", 1..30 → "1-30", …), fees, discount and ``etapa``; the rest
  get 0, "" or NaT.
* **Fees and discount**: see ``cartera.calculo.recargos``.  A factura in
  ``Disputa`` carries no recargo and no compensacion (the amount is
  contested); ``Promesa`` and ``Plan de pagos`` still accrue.
* ``etapa``: the latest reminder stage (``desde == vencimiento``) whose day
  is reached, corte >= vencimiento + etapa.dias; the largest ``dias`` wins
  (same ``dias``: the one listed last); "" if none.  Shown even for paused
  facturas: the plan decides what is sent.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from cartera.calculo import recargos, saldos
from cartera.modelo import Calculo, Cartera, Etapa
from cartera.politica import etiquetas_tramos
from cartera.vocabulario import DESDE_VENCIMIENTO, ESTADOS_CERRADOS


def _dias(serie: pd.Series) -> np.ndarray:
    """A date column as ``datetime64[D]`` (NaT kept)."""
    return serie.to_numpy().astype("datetime64[D]")


def vencimientos(facturas: pd.DataFrame, clientes: pd.DataFrame, dias_credito: int) -> tuple[np.ndarray, np.ndarray]:
    """Due dates (``datetime64[D]``) with blanks filled, and the flag of the filled ones.

    Blank → Emisión + the invoice row's own ``dias_credito`` (when the sheet
    has one), else the client's (when set), else the configuration's.
    """
    vencimiento = _dias(facturas["vencimiento"])
    calculado = np.isnat(vencimiento)
    plazo = pd.Series(dias_credito, index=facturas.index, dtype="Int64")
    if "dias_credito" in clientes.columns and len(clientes):
        por_cliente = clientes.drop_duplicates("cliente").set_index("cliente")["dias_credito"].astype("Int64")
        plazo = facturas["cliente"].map(por_cliente).astype("Int64").fillna(dias_credito)
    if "dias_credito" in facturas.columns:
        plazo = facturas["dias_credito"].astype("Int64").fillna(plazo)
    dias = plazo.to_numpy(dtype=np.int64).astype("timedelta64[D]")
    llenado = np.where(calculado, _dias(facturas["emision"]) + dias, vencimiento)
    return llenado, calculado


def tramos(dias_vencidos: np.ndarray, abierta: np.ndarray, limites: tuple[int, ...]) -> np.ndarray:
    """Aging bucket label per factura ("" when not open); ``limites`` ascending."""
    etiquetas = np.array((*etiquetas_tramos(limites), ""), dtype=object)
    indice = np.where(dias_vencidos <= 0, 0, 1 + np.searchsorted(np.asarray(limites, dtype=np.int64), dias_vencidos))
    return etiquetas[np.where(abierta, indice, len(etiquetas) - 1)]


def etapas_alcanzadas(atraso: np.ndarray, abierta: np.ndarray, etapas: tuple[Etapa, ...]) -> np.ndarray:
    """Latest reminder stage reached per factura; ``atraso`` = corte − vencimiento in days (signed)."""
    recordatorios = sorted((e for e in etapas if e.desde == DESDE_VENCIMIENTO), key=lambda e: e.dias)
    nombres = np.array([e.nombre for e in recordatorios] + [""], dtype=object)
    dias = np.array([e.dias for e in recordatorios], dtype=np.int64)
    indice = np.searchsorted(dias, atraso, side="right") - 1
    return nombres[np.where(abierta & (indice >= 0), indice, len(nombres) - 1)]


def calcular(cartera: Cartera, fecha_corte: dt.date, festivos: tuple[dt.date, ...]) -> Calculo:
    """Every computed column of every factura as of ``fecha_corte`` (see the module docstring)."""
    config = cartera.configuracion
    facturas = cartera.facturas
    corte = np.datetime64(fecha_corte, "D")
    vencimiento, calculado = vencimientos(facturas, cartera.clientes, config.dias_credito)
    emitida = _dias(facturas["emision"]) <= corte
    cerrada = facturas["estado"].isin(ESTADOS_CERRADOS).to_numpy()
    aplicacion = saldos.aplicar_pagos(
        facturas.assign(vencimiento=vencimiento), cartera.pagos,
        fecha_corte=fecha_corte, moneda=config.moneda, elegibles=emitida & ~cerrada,
    )
    total = facturas["total"].to_numpy(dtype=np.int64)
    saldo = np.where(cerrada, 0, total - aplicacion.pagado)
    abierta = (saldo > 0) & ~cerrada & emitida
    atraso = (corte - vencimiento).astype(np.int64)
    dias = np.where(abierta, np.maximum(atraso, 0), 0)
    pasada_gracia = abierta & ~recargos.en_gracia(dias, vencimiento, fecha_corte, config, festivos)
    con_mora = pasada_gracia & recargos.cobra_mora(facturas["estado"].to_numpy())
    cargos = recargos.calcular_recargos(saldo, total, dias, con_mora, cartera.recargos, config)
    descuento, limite = recargos.descuentos(saldo, vencimiento, abierta, fecha_corte, config)
    columnas = {
        "vencimiento": vencimiento.astype("datetime64[ns]"),
        "vencimiento_calculado": calculado,
        "pagado": aplicacion.pagado.astype(np.int64),
        "saldo": saldo.astype(np.int64),
        "abierta": abierta,
        "dias_vencidos": dias.astype(np.int64),
        "tramo": tramos(dias, abierta, config.tramos),
        "recargo": cargos.recargo,
        "recargo_topado": cargos.topado,
        "compensacion": cargos.compensacion,
        "descuento": descuento,
        "fecha_limite_descuento": limite,
        "etapa": etapas_alcanzadas(atraso, abierta, cartera.etapas),
        "fecha_pago": aplicacion.fecha_pago,
    }
    return Calculo(facturas.assign(**columnas), aplicacion.saldos_a_favor, fecha_corte)

