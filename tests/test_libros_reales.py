"""Owners' workbooks as they are (issue 14): the corpus in ``tests/libros_reales/``.

Each book there (flat sheets with titles and TOTAL rows, Excel Tables, Google
Sheets exports with text dates and amounts, .xls and .ods, two-row headers,
Data→Subtotals rows, payments in the row and in a Pagos sheet, credit notes…)
was written by ``tests/libros_reales/generar.py`` and saved by LibreOffice.
Beside it, ``<libro>.json`` holds what the owner typed, the country and the
fecha de corte.

These tests read every book with no edit, with the process locale set to the
book's country, and compare every invoice's saldo, vencimiento, días vencidos,
tramo, recargo and moneda with figures computed here, independently of
``cartera.calculo``, by :func:`referencia` (PRODUCT.md §2 with the default
policy: 30 días de crédito, 2 días de gracia, 5 % from day 1 and 10 % from
day 31 on the open balance, rounded half up to the cent).  Then they run the
real ``cartera cobrar`` on a copy and check the exit code and that no title,
total or subtotal row is reported in the report's ``Errores`` sheet.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import NamedTuple

import openpyxl
import pytest

from cartera.calculo.antiguedad import calcular
from cartera.libro.apertura import leer

CARPETA = Path(__file__).resolve().parent / "libros_reales"
DESCRIPCIONES = {ruta.stem: ruta for ruta in sorted(CARPETA.glob("*.json"))}
LIBROS = list(DESCRIPCIONES)
DIAS_CREDITO, DIAS_GRACIA = 30, 2
TRAMOS = ((0, "Por vencer"), (30, "1-30"), (60, "31-60"), (90, "61-90"))


@functools.cache
def datos(libro: str) -> dict:
    return json.loads(DESCRIPCIONES[libro].read_text(encoding="utf-8"))


# --- The reference computation (plain Python, from the JSON only) ------------------------------------------

class Esperada(NamedTuple):
    factura: str
    fila: int
    moneda: str
    cerrada: bool
    saldo: int  # centavos; 0 when closed
    abierta: bool
    vencimiento: dt.date
    dias: int
    tramo: str
    recargo: int  # centavos


def centavos(texto: str | None) -> int:
    return 0 if texto is None else int((Decimal(texto) * 100).to_integral_value(ROUND_HALF_UP))


def _fecha(texto: str) -> dt.date:
    return dt.date.fromisoformat(texto)


def vencimiento(factura: dict, plazos: dict[str, int | None]) -> dt.date:
    """The due date; else emisión + the row's días de crédito, else the client's, else 30."""
    if factura["vencimiento"]:
        return _fecha(factura["vencimiento"])
    dias = factura["dias_credito"]
    if dias is None:
        dias = plazos.get(factura["cliente"])
    return _fecha(factura["emision"]) + dt.timedelta(days=DIAS_CREDITO if dias is None else dias)


def tramo(dias: int) -> str:
    return next((nombre for limite, nombre in TRAMOS if dias <= limite), "Más de 90")


def recargo(saldo: int, dias: int, disputa: bool) -> int:
    """No fee within the grace or in Disputa; 5 % from day 1, 10 % from day 31 (highest tier), half up."""
    if dias <= DIAS_GRACIA or disputa:
        return 0
    porcentaje = 10 if dias >= 31 else 5
    entero, resto = divmod(saldo * porcentaje, 100)
    return entero + (1 if 2 * resto >= 100 else 0)


def _pagado_y_fondos(datos_libro: dict, facturas: list[dict], corte: dt.date):
    """Payments named to each invoice (row + Pagos), and the client-level money (payments + credit notes)."""
    pagado = {f["factura"]: centavos(f["pagado_fila"]) for f in facturas}
    fondo: dict[tuple[str, str], int] = defaultdict(int)
    for pago in datos_libro["pagos"]:
        if _fecha(pago["fecha"]) > corte:
            continue
        if pago["factura"] in pagado:
            pagado[pago["factura"]] += centavos(pago["monto"])
        elif pago["cliente"]:
            fondo[(pago["cliente"], pago["moneda"] or datos_libro["moneda"])] += centavos(pago["monto"])
    for nota in datos_libro["facturas"]:
        if nota["nota_credito"] and not nota["rechazada"] and _fecha(nota["emision"]) <= corte:
            fondo[(nota["cliente"], nota["moneda"])] += -centavos(nota["total"])
    return pagado, fondo


def referencia(datos_libro: dict) -> dict[str, Esperada]:
    """Every valid invoice's expected figures as of the book's fecha de corte (credit notes excluded)."""
    corte = _fecha(datos_libro["fecha_corte"])
    plazos = {c["clave"]: c["dias_credito"] for c in datos_libro["clientes"]}
    facturas = [f for f in datos_libro["facturas"] if not f["rechazada"] and not f["nota_credito"]]
    total = {f["factura"]: centavos(f["total"] if f["total"] is not None else f["saldo_columna"]) for f in facturas}
    vence = {f["factura"]: vencimiento(f, plazos) for f in facturas}
    pagado, fondo = _pagado_y_fondos(datos_libro, facturas, corte)
    restante = {n: max(total[n] - pagado[n], 0) for n in total}
    elegibles = [f for f in facturas if not f["cerrada"] and _fecha(f["emision"]) <= corte and restante[f["factura"]]]
    for f in sorted(elegibles, key=lambda f: (vence[f["factura"]], _fecha(f["emision"]), f["factura"])):
        clave = (f["cliente"], f["moneda"])
        usado = min(fondo[clave], restante[f["factura"]])
        restante[f["factura"]] -= usado
        fondo[clave] -= usado
    esperadas = {}
    for f in facturas:
        n = f["factura"]
        saldo = 0 if f["cerrada"] else restante[n]
        abierta = saldo > 0 and _fecha(f["emision"]) <= corte
        dias = max(0, (corte - vence[n]).days) if abierta else 0
        esperadas[n] = Esperada(n, f["fila"], f["moneda"], f["cerrada"], saldo, abierta, vence[n], dias,
                                tramo(dias) if abierta else "", recargo(saldo, dias, f["disputa"]) if abierta else 0)
    return esperadas


def test_la_referencia_sigue_las_reglas() -> None:
    """The reference itself, on hand-checked figures (a test of the test)."""
    assert [tramo(d) for d in (0, 1, 30, 31, 60, 61, 90, 91)] == [
        "Por vencer", "1-30", "1-30", "31-60", "31-60", "61-90", "61-90", "Más de 90"]
    assert recargo(123450, 2, False) == 0 and recargo(123450, 3, False) == 6173  # 61,725 → 61,73
    assert recargo(456785, 31, False) == 45679 and recargo(456785, 30, False) == 22839 and recargo(999, 40, True) == 0
    es = datos("facturas_emitidas_es")
    albufera = {f["factura"] for f in es["facturas"] if f["cliente"] == "B96123450" and not f["cerrada"]}
    abiertas = sorted((e for e in referencia(es).values() if e.factura in albufera), key=lambda e: e.vencimiento)
    assert [e.saldo for e in abiertas] == [0, 111350] and abiertas[1].recargo == 5568  # −423,50 € applied FIFO


# --- Reading and computing with cartera --------------------------------------------------------------------

@pytest.fixture
def en_su_pais(monkeypatch: pytest.MonkeyPatch):
    """Set the process locale env to a book's country; returns a function libro → its JSON."""
    def poner(libro: str) -> dict:
        monkeypatch.setenv("LC_ALL", datos(libro)["locale"])
        monkeypatch.setenv("LANG", datos(libro)["locale"])
        return datos(libro)
    return poner


@functools.cache
def _leido(libro: str):
    descripcion = datos(libro)
    cartera = leer(CARPETA / descripcion["libro"])
    calculo = calcular(cartera, _fecha(descripcion["fecha_corte"]), festivos=())
    filas = {str(fila["factura"]): fila for fila in calculo.facturas.to_dict("records")}
    return cartera, calculo, filas


def leido(libro: str, en_su_pais) -> tuple[dict, dict[str, Esperada], dict[str, dict]]:
    """(the book's JSON, the expected figures, cartera's computed rows by factura) — read once per book."""
    descripcion = en_su_pais(libro)
    _, _, filas = _leido(libro)
    return descripcion, referencia(descripcion), filas


def _dinero(c: int) -> str:
    return f"{c / 100:,.2f}"


def _fallos(libro: str, nombre: str, fallos: list[str]) -> str:
    return f"{nombre}: {len(fallos)} diferencia(s)\n  " + "\n  ".join(fallos)


def _comparar(libro: str, en_su_pais, campo: str, solo_abiertas: bool, leer_valor, valor_esperado, mostrar=str) -> None:
    descripcion, esperadas, filas = leido(libro, en_su_pais)
    fallos = []
    for e in esperadas.values():
        if solo_abiertas and not e.abierta:
            continue
        if e.factura not in filas:
            fallos.append(f"factura {e.factura} (fila {e.fila}): no está entre las facturas leídas")
            continue
        leida, esperada = leer_valor(filas[e.factura]), valor_esperado(e)
        if leida != esperada:
            fallos.append(f"factura {e.factura} (fila {e.fila}), {campo}: leído {mostrar(leida)}, esperado {mostrar(esperada)}")
    assert not fallos, _fallos(libro, descripcion["libro"], fallos)


@pytest.mark.parametrize("libro", LIBROS)
def test_facturas_leidas(libro: str, en_su_pais) -> None:
    """Every invoice is read; no title/total row and no credit note becomes an open invoice; bad rows are not."""
    descripcion, esperadas, filas = leido(libro, en_su_pais)
    fallos = [f"factura {e.factura} (fila {e.fila}): no leída" for e in esperadas.values() if e.factura not in filas]
    abiertas_de_mas = [n for n, fila in filas.items() if bool(fila["abierta"]) and not (n in esperadas and esperadas[n].abierta)]
    fallos += [f"«{n}» (fila {filas[n].get('fila')}): abierta, pero no es una factura abierta del libro" for n in abiertas_de_mas]
    for f in descripcion["facturas"]:
        if f["rechazada"] and f["factura"] in filas:
            fallos.append(f"factura {f['factura']} (fila {f['fila']}): debía rechazarse ({f['nota']})")
    assert not fallos, _fallos(libro, descripcion["libro"], fallos)


CIFRAS = {
    "abierta": (False, lambda fila: bool(fila["abierta"]), lambda e: e.abierta, str),
    "saldo": (False, lambda fila: int(fila["saldo"]), lambda e: 0 if e.cerrada else e.saldo, _dinero),
    "vencimiento": (True, lambda fila: fila["vencimiento"].date(), lambda e: e.vencimiento, str),
    "días vencidos": (True, lambda fila: int(fila["dias_vencidos"]), lambda e: e.dias, str),
    "tramo": (True, lambda fila: fila["tramo"], lambda e: e.tramo, str),
    "recargo": (False, lambda fila: int(fila["recargo"]), lambda e: e.recargo, _dinero),
    "moneda": (False, lambda fila: fila["moneda"], lambda e: e.moneda, str),
}
"""Figure → (only for open invoices?, read it from cartera's row, the expected one, how to show it).

Closed by the owner's Estado word (or paid to 0) → not open; Saldo = Total − payments in the row − Pagos
(≤ corte) − client-level money and credit notes (FIFO); the rest as PRODUCT.md §2."""


@pytest.mark.parametrize("cifra", list(CIFRAS), ids=lambda c: c.replace("í", "i").replace(" ", "_"))
@pytest.mark.parametrize("libro", LIBROS)
def test_cifra(libro: str, cifra: str, en_su_pais) -> None:
    _comparar(libro, en_su_pais, cifra, *CIFRAS[cifra])


# --- The real command on a copy -------------------------------------------------------------------------------

_COBROS: dict[str, tuple[subprocess.CompletedProcess, Path]] = {}


def cobrar(libro: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    """``cartera cobrar <copia> --fecha <corte> --prueba --no-abrir`` in the book's locale (once per book)."""
    if libro not in _COBROS:
        descripcion = datos(libro)
        carpeta = tmp_path_factory.mktemp(libro)
        copia = carpeta / descripcion["libro"]
        shutil.copyfile(CARPETA / descripcion["libro"], copia)
        entorno = {**os.environ, "LC_ALL": descripcion["locale"], "LANG": descripcion["locale"],
                   "PYTHONIOENCODING": "utf-8"}
        proceso = subprocess.run(
            [sys.executable, "-m", "cartera", "cobrar", str(copia), "--fecha", descripcion["fecha_corte"], "--prueba",
             "--no-abrir"], cwd=carpeta, env=entorno, capture_output=True, text=True, encoding="utf-8",
            stdin=subprocess.DEVNULL, timeout=300, check=False)
        _COBROS[libro] = (proceso, carpeta)
    return _COBROS[libro]


def filas_de_errores(carpeta: Path) -> list[tuple[str, int, str]]:
    """(Hoja, Fila, Motivo) of every row of the report's ``Errores`` sheet ([] when it has none)."""
    informes = sorted((carpeta / "informes").glob("antiguedad_*.xlsx"))
    assert informes, f"no se escribió el informe en {carpeta / 'informes'}"
    libro = openpyxl.load_workbook(informes[-1], read_only=True)
    if "Errores" not in libro.sheetnames:
        return []
    filas = list(libro["Errores"].iter_rows(values_only=True))
    inicio = next((i for i, fila in enumerate(filas) if "Hoja" in fila and "Fila" in fila), None)
    if inicio is None:
        return []
    titulos = list(filas[inicio])
    hoja, fila, motivo = titulos.index("Hoja"), titulos.index("Fila"), titulos.index("Motivo")
    return [(str(f[hoja]), int(f[fila]), str(f[motivo])) for f in filas[inicio + 1:]
            if f[hoja] is not None and isinstance(f[fila], int | float)]


def _salida(proceso: subprocess.CompletedProcess) -> str:
    return f"salida:\n{proceso.stdout}\nerrores:\n{proceso.stderr[-3000:]}"


@pytest.mark.parametrize("libro", LIBROS)
def test_cobrar_codigo_de_salida(libro: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Exit 0 on a book with no deliberately bad row; 1 on one with (the run is done, with problems)."""
    proceso, _ = cobrar(libro, tmp_path_factory)
    esperado = datos(libro)["codigo_salida"]
    assert proceso.returncode == esperado, (
        f"{datos(libro)['libro']}: cartera cobrar terminó con {proceso.returncode}, esperado {esperado}\n{_salida(proceso)}")


def _de_la_hoja(hoja_informe: str, hoja_facturas: str) -> bool:
    """A row of the report's Errores names the invoices sheet (by the owner's name or its role)."""
    return hoja_informe.strip().casefold() in (hoja_facturas.casefold(), "facturas")


@pytest.mark.parametrize("libro", LIBROS)
def test_cobrar_no_reporta_titulos_ni_totales(libro: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Title, total, subtotal and section rows are skipped (counted), never rejected; bad rows are reported."""
    descripcion = datos(libro)
    proceso, carpeta = cobrar(libro, tmp_path_factory)
    assert proceso.returncode in (0, 1), f"{descripcion['libro']}: cartera cobrar no hizo nada\n{_salida(proceso)}"
    errores = filas_de_errores(carpeta)
    fallos = []
    for hoja, filas in descripcion["filas_no_datos"].items():
        for no_dato in filas:
            fallos += [f"{hoja} fila {no_dato['fila']} ({no_dato['tipo']}) aparece en Errores: «{motivo}»"
                       for hoja_informe, fila, motivo in errores
                       if fila == no_dato["fila"] and _de_la_hoja(hoja_informe, hoja)]
    for hoja, filas in descripcion["filas_rechazadas"].items():
        fallos += [f"{hoja} fila {fila} (mala a propósito) no aparece en Errores" for fila in filas
                   if not any(f == fila and _de_la_hoja(h, hoja) for h, f, _ in errores)]
    assert not fallos, _fallos(libro, descripcion["libro"], fallos) + f"\nErrores del informe: {errores}"
