"""Where every factura stands today, vectorised: pauses, due stage, history coverage.

Pure: a function of the Cartera, the Calculo and the history.  One column
per decision, all aligned with ``Calculo.facturas.index``; no Python loop
over facturas (the plan must handle 1,000,000 of them in seconds).

Severity: the reminder stages (``not Etapa.es_envio``) are ranked by ``dias``
(``rango`` 0 = least severe); a larger rank is more severe.  ``-1`` = none.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import pandas as pd

from cartera import politica
from cartera.modelo import Calculo, Cartera, Envio, Etapa
from cartera.vocabulario import CORREO, DISPUTA, ESCALAR, ETAPA_PROMESA_INCUMPLIDA, PROMESA, RESULTADOS_QUE_CUENTAN

SIN_RANGO = -1


class Escalera(NamedTuple):
    """The reminder stages, least severe first (index = ``rango``), and the delivery stages.

    ``rango_escalar``: the lowest rank whose stage has canal ``escalar``
    (``len(recordatorios)`` when none does: nothing escalates).
    """

    recordatorios: tuple[Etapa, ...]
    envios: tuple[Etapa, ...]
    rango_escalar: int

    @property
    def rangos(self) -> dict[str, int]:
        return {etapa.nombre: rango for rango, etapa in enumerate(self.recordatorios)}


def escalera(etapas: tuple[Etapa, ...]) -> Escalera:
    """Split the schedule into reminders (sorted by ``dias``, stable) and deliveries."""
    recordatorios = tuple(sorted((e for e in etapas if not e.es_envio), key=lambda e: e.dias))
    envios = tuple(sorted((e for e in etapas if e.es_envio), key=lambda e: e.dias))
    escalar = [r for r, e in enumerate(recordatorios) if ESCALAR in e.canales]
    return Escalera(recordatorios, envios, min(escalar, default=len(recordatorios)))


ORIGEN = 500_000
"""Days added to day numbers so that keys stay positive for any real date."""


def historial_contado(historial: tuple[Envio, ...], facturas: pd.Series) -> pd.DataFrame:
    """The counted history as a table: pos (row of the factura in ``facturas``), dia, fecha, etapa.

    Only ``RESULTADOS_QUE_CUENTAN``; entries for unknown facturas are dropped.
    ``dia``: the date as a day number (+ ``ORIGEN``), for fast integer keys.
    """
    tabla = pd.DataFrame(list(historial), columns=list(Envio._fields))
    tabla = tabla[tabla["resultado"].isin(RESULTADOS_QUE_CUENTAN)]
    fecha = pd.to_datetime(tabla["fecha"]).to_numpy().astype("datetime64[D]")
    pos = pd.Index(facturas.astype(str)).get_indexer(tabla["factura"].astype(str))
    tabla = pd.DataFrame({"pos": pos, "dia": fecha.astype("int64") + ORIGEN, "fecha": fecha,
                          "etapa": tabla["etapa"].astype(str).to_numpy()})
    return tabla[tabla["pos"] >= 0]


def _maximo(n: int, pos: np.ndarray, valores: np.ndarray) -> np.ndarray:
    """Per row 0..n-1, the largest of ``valores`` whose ``pos`` is that row (-1 when none)."""
    salida = np.full(n, -1, dtype="int64")
    np.maximum.at(salida, pos, valores)
    return salida


def _cobertura(hist: pd.DataFrame, rangos: dict[str, int], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per factura, the most severe reminder stage the history covers and the latest date at it.

    (``rango_cubierto`` int64, ``SIN_RANGO`` when none; ``fecha_cubierta`` datetime64, NaT when none).
    """
    h = hist[hist["etapa"].isin(list(rangos))]
    clave = h["etapa"].map(rangos).to_numpy(dtype="int64") * 10 * ORIGEN + h["dia"].to_numpy()
    mejor = _maximo(n, h["pos"].to_numpy(), clave)
    dia = np.where(mejor >= 0, mejor % (10 * ORIGEN) - ORIGEN, 0).astype("datetime64[D]")
    fecha = np.where(mejor >= 0, dia, np.datetime64("NaT")).astype("datetime64[ns]")
    return np.where(mejor >= 0, mejor // (10 * ORIGEN), SIN_RANGO), fecha


def _por_cliente(clientes: pd.DataFrame, facturas: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(cpos, no_contactar, tiene_correo) per factura: the client's row in ``clientes`` (-1 unknown)."""
    cpos = pd.Index(clientes["cliente"].astype(str)).get_indexer(facturas.astype(str))
    no_contactar = np.append(clientes["no_contactar"].to_numpy(dtype=bool), False)[cpos]
    tiene_correo = np.append((clientes["correos"].map(len) > 0).to_numpy(dtype=bool), False)[cpos]
    return cpos, no_contactar, tiene_correo


def _envio_debido(f: pd.DataFrame, hist: pd.DataFrame, corte: pd.Timestamp, envios: tuple[Etapa, ...],
                  puede: np.ndarray) -> np.ndarray:
    """Name of the delivery stage due today per factura ("" = none).

    Due while 0 ≤ corte − (emisión + días) ≤ ``VENTANA_ENVIO_FACTURA`` and no
    counted Envio (factura, that stage) exists.  Stages with no e-mail are skipped;
    with several in the window, the latest one wins.
    """
    resultado = np.full(len(f), "", dtype=object)
    dias = (corte - f["emision"]).dt.days.to_numpy()
    for etapa in envios:
        if CORREO not in etapa.canales or not etapa.plantilla:
            continue
        edad = dias - etapa.dias
        hecho = np.zeros(len(f), dtype=bool)
        hecho[hist.loc[hist["etapa"] == etapa.nombre, "pos"].to_numpy()] = True
        en_ventana = (edad >= 0) & (edad <= politica.VENTANA_ENVIO_FACTURA)
        resultado[puede & en_ventana & ~hecho] = etapa.nombre
    return resultado


def _promesa_pendiente(f: pd.DataFrame, hist: pd.DataFrame, corte: pd.Timestamp) -> np.ndarray:
    """Promise date before the corte and no counted ``Promesa incumplida`` Envio dated after it.

    (The caller checks the estado is Promesa.)
    """
    h = hist[hist["etapa"] == ETAPA_PROMESA_INCUMPLIDA]
    ultima = _maximo(len(f), h["pos"].to_numpy(), h["dia"].to_numpy())
    promesa = f["promesa"].to_numpy().astype("datetime64[D]")
    rota = (f["promesa"] < corte).to_numpy()
    avisada = ultima > promesa.astype("int64") + ORIGEN
    return rota & ~avisada


def _es_estado(estado: pd.Series, valores: tuple[str, ...]) -> list[np.ndarray]:
    """For each value, estado == value (factorised once: cheap on a million rows)."""
    codigos, unicos = pd.factorize(estado)
    posiciones = pd.Index(unicos).get_indexer(list(valores))
    return [(codigos == p) if p >= 0 else np.zeros(len(estado), dtype=bool) for p in posiciones]


def estado_facturas(cartera: Cartera, calculo: Calculo, esc: Escalera, hist: pd.DataFrame) -> pd.DataFrame:
    """One row per factura (same index as ``calculo.facturas``) with every flag the plan needs.

    ``vigente``: open and issued on or before the fecha de corte.  Pauses
    (only on vigentes): ``disputa``, ``promesa_vigente`` (Promesa with date ≥
    corte), ``no_contactar``, ``bajo_minimo``; ``activa`` = vigente and not
    paused.  ``rango``: latest reminder stage reached (``calculo`` column
    ``etapa``).  ``debida``: activa, and the history covers neither that
    stage nor a more severe one.  ``por_fecha``: the same but judged only
    on history dated before the corte, paused or not (for omissions).
    ``promesa_rota``: activa with a broken promise not yet told.
    ``escalada``: activa at or past an ``escalar`` stage.  ``en_acuerdo``: held by a payment agreement in
    force (``calculo`` column ``acuerdo``, :func:`cartera.acuerdos.situacion.con_acuerdos`): paused, not listed.  ``envio``: the
    delivery stage due today ("" none).  ``listada``: shown in the client's
    reminder (vigente, not in dispute).  ``cpos``: the client's row in
    ``cartera.clientes`` (-1 = unknown client).
    """
    f = calculo.facturas
    corte = pd.Timestamp(calculo.fecha_corte)
    abierta = f["abierta"].to_numpy(dtype=bool)
    vigente = abierta & (f["emision"] <= corte).to_numpy()
    cpos, no_contactar, tiene_correo = _por_cliente(cartera.clientes, f["cliente"])
    es_promesa, disputa = _es_estado(f["estado"], (PROMESA, DISPUTA))
    disputa = vigente & disputa
    promesa_vigente = vigente & es_promesa & (f["promesa"] >= corte).to_numpy()
    bajo_minimo = vigente & (f["saldo"] < cartera.configuracion.saldo_minimo).to_numpy()
    en_acuerdo = vigente & (f["acuerdo"].to_numpy() != "") if "acuerdo" in f.columns else np.zeros(len(f), dtype=bool)
    activa = vigente & ~(disputa | promesa_vigente | no_contactar | bajo_minimo | en_acuerdo)
    codigos, etapas = pd.factorize(f["etapa"])
    rango = np.array([esc.rangos.get(str(e), SIN_RANGO) for e in etapas] + [SIN_RANGO], dtype="int64")[codigos]
    cubierto, fecha_cubierta = _cobertura(hist, esc.rangos, len(f))
    previo, _ = _cobertura(hist[hist["fecha"] < corte.to_datetime64()], esc.rangos, len(f))
    return pd.DataFrame({
        "factura": f["factura"].to_numpy(), "cliente": f["cliente"].to_numpy(), "cpos": cpos,
        "moneda": f["moneda"].to_numpy(), "saldo": f["saldo"].to_numpy(),
        "dias_vencidos": f["dias_vencidos"].to_numpy(), "vencimiento": f["vencimiento"].to_numpy(),
        "promesa": f["promesa"].to_numpy(), "abierta": abierta,
        "vigente": vigente, "emitida_despues": abierta & ~vigente,
        "disputa": disputa, "promesa_vigente": promesa_vigente,
        "no_contactar": vigente & no_contactar, "bajo_minimo": bajo_minimo, "activa": activa,
        "tiene_correo": tiene_correo, "rango": rango, "rango_cubierto": cubierto, "fecha_cubierta": fecha_cubierta,
        "debida": activa & (rango > cubierto) & (rango > SIN_RANGO),
        "por_fecha": vigente & (rango > SIN_RANGO) & (rango > previo),
        "promesa_rota": activa & es_promesa & _promesa_pendiente(f, hist, corte),
        "escalada": activa & (rango >= esc.rango_escalar),
        "envio": _envio_debido(f, hist, corte, esc.envios, vigente & ~disputa & ~no_contactar),
        "listada": vigente & ~disputa & ~en_acuerdo, "en_acuerdo": en_acuerdo,
        "acuerdo": f["acuerdo"].to_numpy() if "acuerdo" in f.columns else np.full(len(f), "", dtype=object),
    }, index=f.index)


def clientes_avisados(hist: pd.DataFrame, est: pd.DataFrame, esc: Escalera, fecha: dt.date) -> frozenset[str]:
    """Clients that already got a reminder or a broken-promise aviso dated on ``fecha``."""
    etapas = [*esc.rangos, ETAPA_PROMESA_INCUMPLIDA]
    hoy = hist[(hist["fecha"] == np.datetime64(fecha)) & hist["etapa"].isin(etapas)]
    return frozenset(est["cliente"].to_numpy()[hoy["pos"].to_numpy()])


def orden_listado(est: pd.DataFrame, mascara: np.ndarray) -> np.ndarray:
    """Row positions of ``mascara`` sorted by client, vencimiento, then workbook order."""
    filas = np.flatnonzero(mascara)
    vence = est["vencimiento"].to_numpy().astype("datetime64[D]").astype("int64")[filas]
    return filas[np.lexsort((filas, vence, est["cpos"].to_numpy()[filas]))]


def rachas(*claves: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of equal keys in already sorted arrays (one client's rows, say).

    Not to be confused with a *tramo*, an aging bucket (glossary).
    """
    if not len(claves[0]):
        return []
    cambia = np.zeros(len(claves[0]) - 1, dtype=bool)
    for clave in claves:
        cambia |= clave[1:] != clave[:-1]
    inicios = np.r_[0, np.flatnonzero(cambia) + 1]
    return list(zip(inicios.tolist(), [*inicios[1:].tolist(), len(claves[0])], strict=True))
