"""The two large sheets of the report, built columnar: ``Clientes`` and ``Detalle``.

Both are pure functions of the computed facturas (``modelo.Calculo``) and
return a ``HojaInforme`` whose rows are a lazy sequence, so they scale to a million
facturas.  Riesgo thresholds (:data:`UMBRALES_RIESGO`,
:data:`UMBRALES_RIESGO_ACTUAL`) are documented in the sheet itself, as a
note on the header.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cartera import decisiones, modelo, vocabulario
from cartera.informe import celdas as c
from cartera.plan import estado as plan_estado

UMBRALES_RIESGO: tuple[tuple[str, int], ...] = (("Bajo", 7), ("Medio", 30))
"""History: average days late of the client's paid facturas: up to 7 → Bajo, up to 30 → Medio, more → Alto."""
UMBRALES_RIESGO_ACTUAL: tuple[tuple[str, int], ...] = (("Bajo", 30), ("Medio", 60))
"""Today: the client's largest días vencidos among open facturas: up to 30 → Bajo, up to 60 → Medio, more → Alto."""
SIN_HISTORIAL = "Sin historial"
NIVELES_RIESGO = (SIN_HISTORIAL, "Bajo", "Medio", "Alto")
"""Riesgo levels, least severe first (the code of each is its position)."""
NOTA_RIESGO = (
    "Riesgo: el peor entre el historial de pagos y la situación actual. Historial: atraso promedio con "
    "que el cliente pagó sus facturas (fecha del pago que la saldó menos vencimiento): Bajo hasta 7 días, "
    "Medio de 8 a 30 días, Alto más de 30. Actual: su factura abierta más vencida: Medio de 31 a 60 días "
    "vencidos, Alto más de 60; una cuenta en cobranza (hoja Escalar) es Alto. Sin historial: todavía no "
    "hay facturas suyas pagadas en la hoja Pagos (una factura marcada Pagada sin pagos registrados no "
    "cuenta) y ninguna abierta pasa de 30 días vencida."
)
AVISOS_QUE_CUENTAN = (vocabulario.ENVIADO, vocabulario.INCIERTO, vocabulario.VISTA_PREVIA)


def abiertas(calculo: modelo.Calculo) -> pd.DataFrame:
    """The open facturas (saldo > 0, not closed)."""
    return calculo.facturas[calculo.facturas["abierta"].astype(bool)]


def _fechas(serie: pd.Series) -> np.ndarray:
    return serie.to_numpy(dtype="datetime64[D]")


def _objetos(serie: pd.Series) -> np.ndarray:
    return serie.to_numpy(dtype=object)


def _prefijo(prefijo: str, serie: pd.Series) -> np.ndarray:
    """Per-row classes ``prefijo + valor`` (spaces in the value → ``_``, classes are space-separated)."""
    return (prefijo + serie.astype(str).str.replace(" ", "_")).to_numpy(dtype=object)


# --- Detalle -----------------------------------------------------------------
TITULOS_DETALLE = (
    "Factura", "Cliente", "Nombre", "Emisión", "Vencimiento", "Total", "Pagado", "Saldo",
    "Días vencidos", "Tramo", "Recargo",
)
TITULOS_DETALLE_FIN = ("Moneda", "Estado", "Etapa", "Acción")
LEYENDA_DETALLE = (
    "Vencimiento en cursiva: calculado con los días de crédito.  "
    "«(tope)» junto al recargo: limitado por la tasa máxima legal."
)


COLUMNA_LEYENDA = 3
"""The bucket legend starts under Emisión (the first columns are narrow codes)."""


def _cabeza_detalle(tramos: tuple[str, ...], titulos: tuple[str, ...]) -> tuple[c.Fila, ...]:
    vacias = tuple(c.Celda(None, c.NOTA) for _ in range(COLUMNA_LEYENDA - 1))
    leyenda = (c.Celda("Colores por tramo:", c.NOTA), *vacias, *(c.Celda(t, c.tramo(t)) for t in tramos))
    return (
        c.fila_texto("Facturas abiertas", c.TITULO),
        c.Fila(leyenda),
        c.fila_texto(LEYENDA_DETALLE, c.NOTA),
        c.encabezados(*titulos),
    )


def _columnas_detalle(f: pd.DataFrame, nombres: pd.Series, acciones: pd.Series) -> list[c.Columna]:
    dinero = _prefijo("dinero:", f["moneda"])
    topado = np.where(f["recargo_topado"].astype(bool).to_numpy(), " " + c.TOPADO, "")
    vencimiento = np.where(f["vencimiento_calculado"].astype(bool).to_numpy(), f"{c.FECHA} {c.CALCULADO}", c.FECHA)
    return [
        c.Columna(_objetos(f["factura"]), c.TEXTO),
        c.Columna(_objetos(f["cliente"]), c.TEXTO),
        c.Columna(_objetos(f["cliente"].map(nombres).fillna(f["cliente"])), c.TEXTO),
        c.Columna(_fechas(f["emision"]), c.FECHA),
        c.Columna(_fechas(f["vencimiento"]), vencimiento.astype(object)),
        c.Columna(f["total"].to_numpy(np.int64), dinero),
        c.Columna(f["pagado"].to_numpy(np.int64), dinero),
        c.Columna(f["saldo"].to_numpy(np.int64), dinero),
        c.Columna(f["dias_vencidos"].to_numpy(np.int64), c.DIAS),
        c.Columna(_objetos(f["tramo"]), _prefijo("tramo:", f["tramo"])),
        c.Columna(f["recargo"].to_numpy(np.int64), (dinero + topado).astype(object)),
    ]


def hoja_detalle(cartera: modelo.Cartera, calculo: modelo.Calculo, plan: decisiones.Plan, tramos: tuple[str, ...]) -> c.HojaInforme:
    """``Detalle``: one row per open factura, coloured by its tramo, sorted by client and due date."""
    f = abiertas(calculo).sort_values(["cliente", "vencimiento", "factura"], kind="stable")
    nombres = cartera.clientes.set_index("cliente")["nombre"]
    acciones = plan.acciones.reindex(f.index).fillna("").astype(str)
    columnas = _columnas_detalle(f, nombres, acciones)
    titulos = TITULOS_DETALLE
    if (f["compensacion"] > 0).any():
        columnas.append(c.Columna(f["compensacion"].to_numpy(np.int64), _prefijo("dinero:", f["moneda"])))
        titulos += ("Compensación",)
    columnas += [
        c.Columna(_objetos(f["moneda"]), c.CODIGO),
        c.Columna(_objetos(f["estado"]), c.TEXTO),
        c.Columna(_objetos(f["etapa"]), c.TEXTO),
        c.Columna(acciones.to_numpy(dtype=object), c.TEXTO),
    ]
    titulos += TITULOS_DETALLE_FIN
    cabeza = _cabeza_detalle(tramos, titulos)
    filas = c.FilasPerezosas(cabeza, tuple(columnas), _prefijo("tramo:", f["tramo"]))
    return c.HojaInforme("Detalle", filas, c.Tabla(len(cabeza) - 1, len(f), len(titulos)))


# --- Clientes ----------------------------------------------------------------
def ultimo_aviso_por_cliente(cartera: modelo.Cartera, resultados: tuple[decisiones.Resultado, ...]) -> pd.DataFrame:
    """Per client, the latest stage sent (Historial, then today's results): cliente → etapa, fecha."""
    cliente_de = cartera.facturas.set_index("factura")["cliente"]
    historial = pd.DataFrame(list(cartera.historial), columns=list(modelo.Envio._fields))
    historial = historial.assign(cliente=historial["factura"].map(cliente_de))
    hoy = pd.DataFrame(
        [(r.fecha_hora.date(), r.cliente, r.etapa, r.resultado) for r in resultados],
        columns=["fecha", "cliente", "etapa", "resultado"],
    )
    todos = pd.concat([historial[["fecha", "cliente", "etapa", "resultado"]], hoy], ignore_index=True)
    todos = todos[todos["resultado"].isin(AVISOS_QUE_CUENTAN) & todos["cliente"].notna()]
    vista = np.where(todos["resultado"] == vocabulario.VISTA_PREVIA, " (vista previa)", "")
    todos = todos.assign(etapa=todos["etapa"].astype(str) + vista, fecha=pd.to_datetime(todos["fecha"]))
    return todos.sort_values("fecha", kind="stable").groupby("cliente").last()[["etapa", "fecha"]]


def _nivel(valores: pd.Series, umbrales: tuple[tuple[str, int], ...]) -> pd.Series:
    """Per client, the code in ``NIVELES_RIESGO`` of each value: up to the first limit Bajo, the second Medio, else Alto."""
    (_, hasta_bajo), (_, hasta_medio) = umbrales
    codigos = np.select([valores <= hasta_bajo, valores <= hasta_medio], [1, 2], 3)
    return pd.Series(codigos, index=valores.index, dtype=np.int64)


def riesgos(calculo: modelo.Calculo, escalados: frozenset[str] = frozenset()) -> pd.Series:
    """Per client, Bajo/Medio/Alto/Sin historial: the worse of history and today (see ``NOTA_RIESGO``).

    History: the average days late of its facturas fully paid by Pagos
    (``fecha_pago``; one marked Pagada with no payments has none and is
    ignored), by :data:`UMBRALES_RIESGO`.  Today: the largest días vencidos
    among its open facturas, by :data:`UMBRALES_RIESGO_ACTUAL` (Bajo today
    adds nothing: a client without history stays "Sin historial").
    ``escalados`` (accounts gone to collections) are Alto.  Clients with
    neither paid nor open facturas are absent.
    """
    f = calculo.facturas
    pagadas = f[f["fecha_pago"].notna()]
    atraso = (pagadas["fecha_pago"] - pagadas["vencimiento"]).dt.days.clip(lower=0)
    historia = _nivel(atraso.groupby(pagadas["cliente"]).mean(), UMBRALES_RIESGO)
    abiertas_hoy = f[f["abierta"].astype(bool)]
    hoy = _nivel(abiertas_hoy.groupby("cliente")["dias_vencidos"].max(), UMBRALES_RIESGO_ACTUAL)
    hoy = hoy.where(hoy > 1, 0)
    hoy = hoy.where(~hoy.index.isin(list(escalados)), len(NIVELES_RIESGO) - 1)
    codigo = pd.concat([historia, hoy], axis=1).max(axis=1).astype(np.int64)
    return pd.Series(np.asarray(NIVELES_RIESGO, dtype=object)[codigo.to_numpy()], index=codigo.index, dtype=object)


def clientes_escalados(cartera: modelo.Cartera, calculo: modelo.Calculo) -> frozenset[str]:
    """Clients whose account goes to collections today, by the plan's own rule (``plan.estado`` ``escalada``)."""
    esc = plan_estado.escalera(cartera.etapas)
    hist = plan_estado.historial_contado(cartera.historial, calculo.facturas["factura"])
    est = plan_estado.estado_facturas(cartera, calculo, esc, hist)
    return frozenset(est.loc[est["escalada"].to_numpy(dtype=bool), "cliente"].astype(str))


def _por_cliente(calculo: modelo.Calculo, tramos: tuple[str, ...]) -> pd.DataFrame:
    """Per (moneda, cliente) with open saldo: saldo per tramo, ``_total``, ``_dias`` (max) and ``_peor`` tramo."""
    f = abiertas(calculo)
    claves = [f["moneda"], f["cliente"]]
    montos = f.groupby([*claves, f["tramo"]])["saldo"].sum().unstack(fill_value=0)
    montos = montos.reindex(columns=list(tramos), fill_value=0).astype(np.int64)
    peor = np.asarray(tramos, dtype=object)[len(tramos) - 1 - np.argmax((montos.to_numpy() > 0)[:, ::-1], axis=1)]
    dias = f.groupby(claves)["dias_vencidos"].max()
    return montos.assign(_total=montos.sum(axis=1), _dias=dias, _peor=peor).reset_index()


def _con_saldos_a_favor(t: pd.DataFrame, a_favor: pd.Series, tramos: tuple[str, ...]) -> pd.DataFrame:
    """``t`` plus a zero row for each (moneda, cliente) with only a saldo a favor (so the sheet reconciles
    with Resumen); such rows have no tramo (``_peor`` "")."""
    a_favor = a_favor[a_favor > 0]
    faltan = a_favor.index.difference(pd.MultiIndex.from_frame(t[["moneda", "cliente"]]))
    if not len(faltan):
        return t
    extra = pd.DataFrame({"moneda": faltan.get_level_values(0), "cliente": faltan.get_level_values(1)})
    extra = extra.assign(**{e: np.int64(0) for e in tramos}, _total=np.int64(0), _dias=np.int64(0), _peor="")
    return pd.concat([t, extra], ignore_index=True)


def _clases_filas(t: pd.DataFrame) -> np.ndarray:
    """Row class per client row: its worst tramo, none for a credit-only row."""
    return np.where(t["_peor"].astype(str) != "", _prefijo("tramo:", t["_peor"]), "").astype(object)


def _columnas_clientes(t: pd.DataFrame, tramos: tuple[str, ...]) -> list[c.Columna]:
    dinero = _prefijo("dinero:", t["moneda"])
    return [
        c.Columna(_objetos(t["cliente"]), c.TEXTO),
        c.Columna(_objetos(t["nombre"]), c.TEXTO),
        c.Columna(_objetos(t["moneda"]), c.CODIGO),
        *(c.Columna(t[e].to_numpy(np.int64), dinero) for e in tramos),
        c.Columna(t["_total"].to_numpy(np.int64), dinero + " " + c.TOTAL),
        c.Columna(t["a_favor"].to_numpy(dtype=object), dinero),
        c.Columna(t["_dias"].to_numpy(np.int64), c.DIAS),
        c.Columna(_objetos(t["etapa"].fillna("")), c.TEXTO),
        c.Columna(_fechas(pd.to_datetime(t["fecha"])), c.FECHA),
        c.Columna(_objetos(t["riesgo"]), _prefijo("riesgo:", t["riesgo"])),
    ]


def _totales_clientes(t: pd.DataFrame, tramos: tuple[str, ...]) -> tuple[c.Fila, ...]:
    filas = [c.FILA_VACIA]
    for moneda, grupo in t.groupby("moneda", sort=True):
        clase = c.dinero(str(moneda))
        montos = [c.Celda(int(grupo[e].sum()), clase) for e in (*tramos, "_total")]
        a_favor = int(grupo["a_favor"].fillna(0).sum())
        celdas = (c.Celda(f"Total {moneda}", c.TEXTO), c.Celda(None), c.Celda(str(moneda), c.CODIGO), *montos, c.Celda(a_favor, clase))
        filas.append(c.Fila(celdas, c.TOTAL))
    return tuple(filas)


def hoja_clientes(
    cartera: modelo.Cartera,
    calculo: modelo.Calculo,
    resultados: tuple[decisiones.Resultado, ...],
    tramos: tuple[str, ...],
) -> c.HojaInforme:
    """``Clientes``: one row per (client, currency) with open saldo or a saldo a favor, coloured by its
    worst tramo (a credit-only row has none), then one totals row per currency (never summed across
    currencies)."""
    nombres = cartera.clientes.set_index("cliente")["nombre"]
    a_favor = calculo.saldos_a_favor.set_index(["moneda", "cliente"])["monto"]
    t = _con_saldos_a_favor(_por_cliente(calculo, tramos), a_favor, tramos)
    llave = pd.MultiIndex.from_frame(t[["moneda", "cliente"]])
    riesgo = riesgos(calculo, clientes_escalados(cartera, calculo))
    t = t.assign(
        nombre=t["cliente"].map(nombres).fillna(t["cliente"]),
        a_favor=a_favor.reindex(llave).astype("Int64").to_numpy(dtype=object, na_value=None),
        riesgo=t["cliente"].map(riesgo).fillna(SIN_HISTORIAL),
    ).join(ultimo_aviso_por_cliente(cartera, resultados), on="cliente")
    t = t.sort_values(["moneda", "_total"], ascending=[True, False], kind="stable").reset_index(drop=True)
    titulos = (
        "Cliente", "Nombre", "Moneda", *tramos, "Total", "Saldo a favor", "Días vencidos (máx.)",
        "Último aviso", "Fecha último aviso", "Riesgo",
    )
    encabezado = c.Fila(tuple(c.Celda(x, c.ENCABEZADO, NOTA_RIESGO if x == "Riesgo" else "") for x in titulos))
    filas = c.FilasPerezosas(
        (encabezado,), tuple(_columnas_clientes(t, tramos)), _clases_filas(t), _totales_clientes(t, tramos)
    )
    return c.HojaInforme("Clientes", filas, c.Tabla(0, len(t), len(titulos)))
