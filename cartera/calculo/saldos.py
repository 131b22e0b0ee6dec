"""Payments applied to facturas: how much each factura has received, when it was paid, and credits.

Rules (PRODUCT.md section 2, ``Pagos``), all vectorised:

* Only payments dated on or before the fecha de corte count: a later one has
  not been received as of that date.
* A payment naming a factura goes to it, up to the factura's Total; the
  excess is the client's credit (saldo a favor) in the factura's currency.
  This also holds for closed facturas (Pagada, Anulada, Incobrable).
  A payment naming a factura that does not exist is treated as a payment
  naming only its client (if it names none, it is ignored).
* A payment naming only a client goes to that client's *eligible* facturas
  (the caller decides: not closed and already issued) in the payment's
  currency — its ``moneda`` column when present and not blank, else the
  default currency — oldest first: by vencimiento, then emisión, then factura
  number (as text).  What is left is the client's credit.  Client-level
  payments are applied after the named ones, whatever their dates.
* FIFO without loops: per (cliente, moneda), the pool of client-level money
  is spread with ``aplicado_i = clip(pool − acumulado_antes_i, 0, restante_i)``.
* ``fecha_pago``: the date of the payment that made ``pagado`` reach the
  Total.  Named payments are counted in date order; when client-level money
  completes the factura, the date is the later of the last named payment and
  the client-level payment (in date order) that covered the factura's slice
  of the pool.

All sums are exact ``int64`` centavos (a sum past 9·10^16 currency units
would overflow; no real workbook comes near it).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import pandas as pd

NAT = np.datetime64("NaT", "ns")


class Aplicacion(NamedTuple):
    """What the payments did, aligned with the facturas (positional arrays).

    ``pagado``: int64 centavos applied (<= total).  ``cliente_aplicado``: the
    part of it that came from client-level payments.  ``fecha_pago``:
    datetime64[ns], NaT when not fully paid by payments.  ``saldos_a_favor``:
    DataFrame cliente, moneda, monto (int64 centavos > 0), sorted.
    """

    pagado: np.ndarray
    cliente_aplicado: np.ndarray
    fecha_pago: np.ndarray
    saldos_a_favor: pd.DataFrame


def _texto(serie: pd.Series) -> np.ndarray:
    """A text column as an object array of str ("" for blanks); values come trimmed from the reader."""
    return serie.fillna("").to_numpy(dtype=object)


def _pagos_vigentes(pagos: pd.DataFrame, fecha_corte: dt.date, moneda: str) -> pd.DataFrame:
    """Payments received by the fecha de corte, normalised: fecha (D), factura, cliente, moneda, monto."""
    fecha = pagos["fecha"].to_numpy().astype("datetime64[D]")
    vigente = (fecha <= np.datetime64(fecha_corte, "D")) | np.isnat(fecha)  # undated: stated in the invoice row
    if "moneda" in pagos.columns:
        monedas = _texto(pagos["moneda"])
        monedas = np.where(monedas == "", moneda, monedas)
    else:
        monedas = np.full(len(pagos), moneda, dtype=object)
    normalizados = pd.DataFrame(
        {
            "fecha": fecha,
            "factura": _texto(pagos["factura"]),
            "cliente": _texto(pagos["cliente"]),
            "moneda": monedas,
            "monto": pagos["monto"].to_numpy(dtype=np.int64),
        }
    )
    return normalizados[vigente].reset_index(drop=True)


def _nombrados(facturas: pd.DataFrame, pagos: pd.DataFrame, posicion: np.ndarray):
    """Named payments: (aplicado, exceso, fecha de pago completo, fecha del último pago) per factura."""
    total = facturas["total"].to_numpy(dtype=np.int64)
    suma = np.zeros(len(facturas), dtype=np.int64)
    np.add.at(suma, posicion, pagos["monto"].to_numpy(dtype=np.int64))
    aplicado = np.minimum(suma, total)
    orden = pd.DataFrame({"pos": posicion, "fecha": pagos["fecha"].to_numpy(), "monto": pagos["monto"].to_numpy()})
    orden = orden.sort_values(["pos", "fecha"], kind="mergesort")
    acumulado = orden.groupby("pos")["monto"].cumsum().to_numpy()
    completa = acumulado >= total[orden["pos"].to_numpy()]
    fechas = orden["fecha"].to_numpy().astype("datetime64[ns]")
    fecha_completa = np.full(len(facturas), NAT)
    primeras = orden[completa].groupby("pos")["fecha"].min()
    fecha_completa[primeras.index.to_numpy()] = primeras.to_numpy().astype("datetime64[ns]")
    ultima = np.full(len(facturas), NAT)
    ultimas = pd.Series(fechas).groupby(orden["pos"].to_numpy()).max()
    ultima[ultimas.index.to_numpy()] = ultimas.to_numpy().astype("datetime64[ns]")
    return aplicado, suma - aplicado, fecha_completa, ultima


def _grupos(facturas: pd.DataFrame, pagos: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Integer (cliente, moneda) group codes shared by facturas and payments."""
    n = len(facturas)
    clientes, _ = pd.factorize(np.concatenate([_texto(facturas["cliente"]), pagos["cliente"].to_numpy(dtype=object)]))
    monedas, unicas = pd.factorize(np.concatenate([_texto(facturas["moneda"]), pagos["moneda"].to_numpy(dtype=object)]))
    grupo = clientes.astype(np.int64) * max(len(unicas), 1) + monedas
    return grupo[:n], grupo[n:]


def _orden_fifo(facturas: pd.DataFrame, grupo: np.ndarray, candidatas: np.ndarray) -> np.ndarray:
    """Positions of the ``candidatas`` sorted by group, then vencimiento, emisión, factura number."""
    posiciones = np.flatnonzero(candidatas)
    elegidas = facturas.iloc[posiciones]
    numero, _ = pd.factorize(_texto(elegidas["factura"]), sort=True)
    vencimiento = elegidas["vencimiento"].to_numpy().astype("datetime64[D]").astype(np.int64)
    emision = elegidas["emision"].to_numpy().astype("datetime64[D]").astype(np.int64)
    return posiciones[np.lexsort((numero, emision, vencimiento, grupo[posiciones]))]


def _fifo(restante: np.ndarray, grupo: np.ndarray, pool: np.ndarray, orden: np.ndarray):
    """Client-level money per factura, and the pool consumed before each one (positional)."""
    r = restante[orden]
    antes = pd.Series(r).groupby(grupo[orden]).cumsum().to_numpy() - r
    aplicado_ord = np.clip(pool[orden] - antes, 0, r)
    aplicado = np.zeros_like(restante)
    aplicado[orden] = aplicado_ord
    acumulado_antes = np.zeros_like(restante)
    acumulado_antes[orden] = antes
    return aplicado, acumulado_antes


def _fecha_cliente(pagos_cli: pd.DataFrame, grupo_pago: np.ndarray, grupo: np.ndarray, hasta: np.ndarray) -> np.ndarray:
    """Date of the client-level payment (in date order) at which the group's pool reached ``hasta``."""
    if len(pagos_cli) == 0:
        return np.full(len(grupo), NAT)
    orden = np.lexsort((pagos_cli["fecha"].to_numpy().astype(np.int64), grupo_pago))
    monto = pagos_cli["monto"].to_numpy(dtype=np.int64)[orden]
    acumulado = np.cumsum(monto)
    inicio = pd.Series(acumulado - monto).groupby(grupo_pago[orden]).first()
    base = inicio.reindex(grupo, fill_value=0).to_numpy()
    indice = np.searchsorted(acumulado, base + hasta, side="left")
    indice = np.minimum(indice, len(acumulado) - 1)
    return pagos_cli["fecha"].to_numpy()[orden][indice].astype("datetime64[ns]")


def _saldos_a_favor(partes: list[pd.DataFrame]) -> pd.DataFrame:
    """Sum credits per (cliente, moneda), keep the positive ones, sorted."""
    todas = pd.concat(partes, ignore_index=True)
    suma = todas.groupby(["cliente", "moneda"], as_index=False, sort=True)["monto"].sum()
    suma = suma[suma["monto"] > 0].reset_index(drop=True)
    return suma.astype({"monto": np.int64})


def aplicar_pagos(
    facturas: pd.DataFrame, pagos: pd.DataFrame, *, fecha_corte: dt.date, moneda: str, elegibles: np.ndarray
) -> Aplicacion:
    """Apply ``pagos`` to ``facturas`` as of ``fecha_corte`` (see the module docstring).

    ``facturas`` needs factura, cliente, emision, vencimiento (filled),
    total, moneda.  ``moneda`` is the default currency of payments that do
    not say.  ``elegibles`` (bool, positional) marks the facturas that may
    receive client-level payments.
    """
    vigentes = _pagos_vigentes(pagos, fecha_corte, moneda)
    posicion = pd.Index(_texto(facturas["factura"])).get_indexer(vigentes["factura"].to_numpy())
    nombrados = vigentes[posicion >= 0]
    aplicado_n, exceso, fecha_n, ultima_n = _nombrados(facturas, nombrados, posicion[posicion >= 0])
    de_cliente = vigentes[(posicion < 0) & (vigentes["cliente"] != "")].reset_index(drop=True)
    total = facturas["total"].to_numpy(dtype=np.int64)
    aplicado_c, fecha_c, sobrantes = _de_cliente(facturas, de_cliente, np.where(elegibles, total - aplicado_n, 0))
    pagado = aplicado_n + aplicado_c
    fecha_pago = np.where(aplicado_c > 0, np.fmax(ultima_n, fecha_c), fecha_n)
    fecha_pago = np.where(pagado >= total, fecha_pago, NAT)
    excesos = pd.DataFrame({"cliente": _texto(facturas["cliente"]), "moneda": _texto(facturas["moneda"]), "monto": exceso})
    return Aplicacion(pagado, aplicado_c, fecha_pago, _saldos_a_favor([excesos, sobrantes]))


def _de_cliente(facturas: pd.DataFrame, de_cliente: pd.DataFrame, restante: np.ndarray):
    """Client-level payments: (aplicado per factura, date it completed the factura, leftovers)."""
    grupo, grupo_pago = _grupos(facturas, de_cliente)
    pool_grupo = pd.Series(de_cliente["monto"].to_numpy(dtype=np.int64)).groupby(grupo_pago).sum()
    pool = pool_grupo.reindex(grupo, fill_value=0).to_numpy(dtype=np.int64)
    orden = _orden_fifo(facturas, grupo, (restante > 0) & (pool > 0))
    aplicado, antes = _fifo(restante, grupo, pool, orden)
    fecha = _fecha_cliente(de_cliente, grupo_pago, grupo, antes + restante)
    usado = pd.Series(aplicado).groupby(grupo).sum()
    sobrante = pool_grupo.sub(usado.reindex(pool_grupo.index, fill_value=0))
    return aplicado, fecha, _sobrantes(de_cliente, grupo_pago, sobrante)


def _sobrantes(de_cliente: pd.DataFrame, grupo_pago: np.ndarray, sobrante: pd.Series) -> pd.DataFrame:
    """Client-level money left over per (cliente, moneda) group."""
    claves = de_cliente.assign(grupo=grupo_pago).drop_duplicates("grupo").set_index("grupo")
    return pd.DataFrame(
        {
            "cliente": claves["cliente"].reindex(sobrante.index).to_numpy(dtype=object),
            "moneda": claves["moneda"].reindex(sobrante.index).to_numpy(dtype=object),
            "monto": sobrante.to_numpy(dtype=np.int64),
        }
    )
