"""Golden snapshots of the sample run (STYLE rule 15): message bodies, report cells and the plan.

The sample workbook has a fixed ``Fecha de corte`` (24/11/2026) and the run is
built in-process from the core (read → compute → plan → compose / report), so
every snapshot is deterministic; nothing needs normalising.  Snapshots live in
``tests/instantaneas/`` as plain text meant to be read by a person (money as
pesos with centavos, dates ISO).  After an intended change, rewrite them with::

    CARTERA_ACTUALIZAR_INSTANTANEAS=1 python -m pytest tests/test_instantaneas.py

and review the diff like code.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import pytest

from cartera.calculo import antiguedad as calculo
from cartera.calculo import calendario
from cartera.decisiones import Plan
from cartera.informe import armado as informe
from cartera.informe.celdas import Celda, Fila
from cartera.libro import apertura as libro
from cartera.mensajes import redaccion as mensajes
from cartera.mensajes.indice import indexar
from cartera.modelo import Calculo, Cartera
from cartera.plan import agenda as plan

RAIZ = Path(__file__).resolve().parent.parent
MUESTRA = RAIZ / "sample_cartera.xlsx"
CARPETA = Path(__file__).resolve().parent / "instantaneas"
CORTE = dt.date(2026, 11, 24)
ACTUALIZAR = os.environ.get("CARTERA_ACTUALIZAR_INSTANTANEAS") == "1"


class Corrida(NamedTuple):
    """The sample run, in memory."""

    cartera: Cartera
    calculo: Calculo
    plan: Plan


@pytest.fixture(scope="module")
def corrida() -> Corrida:
    cartera = libro.leer(MUESTRA)
    calculado = calculo.calcular(cartera, CORTE, calendario.festivos("CO", range(2024, 2028)))
    return Corrida(cartera, calculado, plan.planificar(cartera, calculado))


def comparar(nombre: str, texto: str) -> None:
    """Compare ``texto`` with the snapshot ``nombre`` (or rewrite it when the update flag is set)."""
    ruta = CARPETA / nombre
    if ACTUALIZAR:
        ruta.parent.mkdir(parents=True, exist_ok=True)
        ruta.write_text(texto, encoding="utf-8", newline="\n")
        return
    assert ruta.is_file(), f"Falta {ruta.name}: ejecute CARTERA_ACTUALIZAR_INSTANTANEAS=1 python -m pytest {__file__}"
    esperado = ruta.read_text(encoding="utf-8")
    assert texto == esperado, f"{ruta.name} cambió; revise el diff y actualice con CARTERA_ACTUALIZAR_INSTANTANEAS=1"


# --- Readable text -------------------------------------------------------------


def pesos(centavos: int) -> str:
    """12345678 → "123.456,78" (Colombian grouping, always two decimals)."""
    signo, centavos = ("-" if centavos < 0 else ""), abs(int(centavos))
    return f"{signo}{centavos // 100:,}".replace(",", ".") + f",{centavos % 100:02d}"


def texto_valor(valor: object) -> str:
    if valor is None:
        return ""
    if isinstance(valor, dt.datetime):
        return valor.isoformat(" ")
    if isinstance(valor, dt.date):
        return valor.isoformat()
    if isinstance(valor, float):
        return f"{valor:.6g}"
    return str(valor).replace("\n", " ⏎ ")


def texto_celda(celda: Celda) -> str:
    if celda.clase.startswith("dinero:") and isinstance(celda.valor, int) and not isinstance(celda.valor, bool):
        return f"{pesos(celda.valor)} {celda.clase.split()[0].removeprefix('dinero:')}"
    return texto_valor(celda.valor)


def texto_fila(numero: int, fila: Fila) -> str:
    celdas = [texto_celda(c) for c in fila.celdas]
    while celdas and not celdas[-1]:
        celdas.pop()
    return f"{numero:>4} | " + " | ".join(celdas) if celdas else f"{numero:>4} |"


def saldos(pares: Iterable[tuple[str, int]]) -> str:
    return ", ".join(f"{pesos(monto)} {moneda}" for moneda, monto in pares)


def lista(valores: Sequence[object]) -> str:
    return ", ".join(map(str, valores)) or "—"


# --- (a) Message bodies ----------------------------------------------------------


def _nombre_mensaje(numero: int, aviso) -> str:
    etapa = re.sub(r"[^a-z0-9]+", "_", aviso.etapa.lower().translate(str.maketrans("áéíóúñ", "aeioun"))).strip("_")
    return f"mensajes/{numero:02d}_{aviso.cliente.lower()}_{etapa}.txt"


def _texto_mensaje(mensaje) -> str:
    aviso = mensaje.aviso
    return "\n".join((
        f"Para: {lista(aviso.destinatarios)}",
        f"CC: {lista(aviso.cc)}",
        f"Etapa: {aviso.etapa} ({aviso.tipo}, plantilla {aviso.plantilla})",
        f"Facturas: {lista(aviso.facturas)}",
        f"Adjuntos: {lista(mensaje.adjuntos)}",
        f"Asunto: {mensaje.asunto}",
        "",
        mensaje.texto.rstrip("\n"),
        "",
    ))


def test_mensajes(corrida: Corrida) -> None:
    env = mensajes.entorno()
    indice = indexar(corrida.cartera, corrida.calculo)
    nombres = []
    for numero, aviso in enumerate(corrida.plan.avisos, start=1):
        mensaje = mensajes.componer(aviso, indice, env)
        nombres.append(_nombre_mensaje(numero, aviso))
        comparar(nombres[-1], _texto_mensaje(mensaje))
    assert nombres, "la muestra debe producir avisos"
    if not ACTUALIZAR:
        guardados = sorted(f"mensajes/{p.name}" for p in (CARPETA / "mensajes").glob("*.txt"))
        assert guardados == sorted(nombres), "sobran o faltan instantáneas de mensajes"


# --- (b) Report cells ------------------------------------------------------------


def test_informe(corrida: Corrida) -> None:
    datos = informe.construir(corrida.cartera, corrida.calculo, corrida.plan, ())
    nombres = []
    for hoja in datos.hojas:
        nombres.append(f"informe/{hoja.nombre.lower()}.txt")
        lineas = [f"Hoja {hoja.nombre} — {datos.titulo}, {datos.empresa}, corte {datos.fecha_corte.isoformat()}"]
        lineas += [texto_fila(n, fila) for n, fila in enumerate(hoja.filas, start=1)]
        comparar(nombres[-1], "\n".join(lineas) + "\n")
    if not ACTUALIZAR:
        assert sorted(f"informe/{p.name}" for p in (CARPETA / "informe").glob("*.txt")) == sorted(nombres)


# --- (c) The plan ----------------------------------------------------------------


def _avisos(p: Plan) -> list[str]:
    lineas = [f"AVISOS ({len(p.avisos)})"]
    for a in p.avisos:
        lineas.append(f"- {a.cliente}: {a.etapa} [{a.tipo}, plantilla {a.plantilla}, canales {lista(sorted(a.canales))}]")
        lineas.append(f"    facturas: {lista(a.facturas)}")
        lineas.append(f"    cubre: {lista([f'{f} ({e})' for f, e in a.cubiertas])}")
        lineas.append(f"    para: {lista(a.destinatarios)}; cc: {lista(a.cc)}")
    return lineas


def _llamadas(p: Plan) -> list[str]:
    lineas = [f"LLAMADAS ({len(p.llamadas)})"]
    for x in p.llamadas:
        lineas.append(f"- {x.cliente} ({x.nombre}), {x.contacto}, tel. {x.telefono}, WhatsApp {x.whatsapp or '—'}")
        lineas.append(f"    {x.etapa}; {x.dias_vencidos} días; {x.motivo}; saldo {saldos(x.saldos)}")
        lineas.append(f"    facturas: {lista(x.facturas)}")
        lineas += [f"    guion: {g}" for g in x.guion]
        lineas.append(f"    enlace: {x.enlace_whatsapp or '—'}")
    return lineas


def _escalados(p: Plan) -> list[str]:
    lineas = [f"ESCALADOS ({len(p.escalados)})"]
    for x in p.escalados:
        lineas.append(f"- {x.cliente} ({x.nombre}): {x.etapa}; {x.dias_vencidos} días; {x.motivo}")
        lineas.append(f"    facturas: {lista(x.facturas)}; saldo {saldos(x.saldos)}")
    return lineas


def _puntuales_y_omisiones(p: Plan) -> list[str]:
    lineas = [f"PUNTUALES ({len(p.puntuales)})"]
    lineas += [f"- {x.cliente} ({x.nombre}): {x.facturas_pagadas} pagadas, {saldos(x.total)}" for x in p.puntuales]
    lineas.append(f"OMISIONES ({len(p.omisiones)})")
    lineas += [f"- {o.cliente} {lista(o.facturas)}: {o.etapa} por {o.canal} — {o.motivo}" for o in p.omisiones]
    return lineas


def _acciones(corrida: Corrida) -> list[str]:
    facturas = corrida.calculo.facturas
    filas = zip(facturas["factura"], facturas["cliente"], corrida.plan.acciones, strict=True)
    con_accion = [f"- {f} {c}: {a}" for f, c, a in filas if a]
    return [f"ACCIONES ({len(con_accion)} de {len(facturas)} facturas)"] + con_accion


def test_plan(corrida: Corrida) -> None:
    p = corrida.plan
    bloques = (_avisos(p), _llamadas(p), _escalados(p), _puntuales_y_omisiones(p), _acciones(corrida))
    comparar("plan.txt", "\n\n".join("\n".join(b) for b in bloques) + "\n")


def test_pesos() -> None:
    assert (pesos(0), pesos(5), pesos(123456789), pesos(-150)) == ("0,00", "0,05", "1.234.567,89", "-1,50")
