"""The demo workbook: the committed file is what the generator writes, and it shows everything.

The variety checks compute buckets and stages simply from the dates (an
independent, naive model), so a change in the generator that loses a bucket
or a stage of the demo fails here.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

import muestra
from cartera import politica

RAIZ = Path(__file__).resolve().parent.parent
MUESTRA = RAIZ / "sample_cartera.xlsx"
CORTE = dt.date(2026, 11, 24)
CERRADOS = ("Pagada", "Anulada", "Incobrable")


def _valores(ruta: Path) -> dict[str, list[tuple]]:
    libro = openpyxl.load_workbook(ruta)
    return {hoja.title: [tuple(fila) for fila in hoja.iter_rows(values_only=True)] for hoja in libro.worksheets}


def _registros(filas: list[tuple]) -> list[dict]:
    def valor(v):
        return v.date() if isinstance(v, dt.datetime) else v

    return [{k: valor(v) for k, v in zip(filas[0], fila, strict=True)} for fila in filas[1:] if any(fila)]


@pytest.fixture(scope="module")
def hojas() -> dict[str, list[dict]]:
    return {nombre: _registros(filas) for nombre, filas in _valores(MUESTRA).items()}


@pytest.fixture(scope="module")
def generada(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ruta = tmp_path_factory.mktemp("muestra") / "sample_cartera.xlsx"
    muestra.escribir(ruta)
    return ruta


# --- The committed sample is the generator's output -------------------------


def test_muestra_guardada_es_la_generada(generada: Path) -> None:
    guardada, nueva = _valores(MUESTRA), _valores(generada)
    assert list(guardada) == list(nueva)
    for hoja in nueva:
        assert guardada[hoja] == nueva[hoja], f"{hoja}: ejecute python -m muestra"


def test_pdf_guardados_son_los_generados(generada: Path) -> None:
    nuevos = sorted(p.name for p in (generada.parent / muestra.CARPETA_PDF).glob("*.pdf"))
    guardados = sorted(p.name for p in (RAIZ / muestra.CARPETA_PDF).glob("*.pdf"))
    assert nuevos == guardados
    for nombre in nuevos:
        assert (RAIZ / muestra.CARPETA_PDF / nombre).read_bytes() == (
            generada.parent / muestra.CARPETA_PDF / nombre).read_bytes()


def test_generar_dos_veces_da_los_mismos_bytes(tmp_path: Path, generada: Path) -> None:
    muestra.escribir(tmp_path / "otra.xlsx")
    assert (tmp_path / "otra.xlsx").read_bytes() == generada.read_bytes()


# --- Variety ------------------------------------------------------------------


def test_tamano(hojas: dict[str, list[dict]]) -> None:
    assert 20 <= len(hojas["Clientes"]) <= 25
    assert 80 <= len(hojas["Facturas"]) <= 120
    assert 30 <= len(hojas["Pagos"]) <= 80  # a year of dated payments: the trend and the forecast read them
    assert hojas["Historial"] == []


def test_configuracion(hojas: dict[str, list[dict]]) -> None:
    valores = {fila["Parámetro"]: fila["Valor"] for fila in hojas["Configuración"]}
    assert list(valores) == [p.nombre for p in politica.PARAMETROS]
    assert valores["Fecha de corte"] == CORTE
    assert (valores["Modo"], valores["Moneda"], valores["País"]) == ("Prueba", "COP", "CO")
    assert all(valores[n] for n in ("Empresa", "Remitente", "Correo remitente", "Firma", "Teléfono"))
    assert all(medio in valores["Medios de pago"] for medio in ("cuenta", "PayPal", "Tarjeta", "Efectivo"))


def test_estados_y_promesas(hojas: dict[str, list[dict]]) -> None:
    facturas = hojas["Facturas"]
    estados = {f["Estado"] for f in facturas}
    assert estados >= {"Pagada", "Anulada", "Disputa", "Promesa", "Plan de pagos", "Incobrable", None}
    promesas = [f["Promesa de pago"] for f in facturas if f["Estado"] == "Promesa"]
    assert any(p >= CORTE for p in promesas) and any(p < CORTE for p in promesas)
    assert {f["Moneda"] for f in facturas} == {"COP", "USD"}
    assert sum(bool(f["Enlace de pago"]) for f in facturas) >= 3


def test_clientes_variados(hojas: dict[str, list[dict]]) -> None:
    clientes = hojas["Clientes"]
    assert [c["Cliente"] for c in clientes if not c["Correo"]] == ["BOTICA"]
    assert [c["Cliente"] for c in clientes if c["No contactar"] == "sí"] == ["MORENO"]
    assert [c["Cliente"] for c in clientes if c["Trato"] == "tú"] == ["ESTRELLA"]
    assert sum(bool(c["CC"]) for c in clientes) >= 1
    assert sum(bool(c["Días de crédito"]) for c in clientes) >= 3
    assert all(re.fullmatch(r"\+\d{1,2} \d{3} \d{3} \d{4}", c["Teléfono"]) for c in clientes)


def test_correos_solo_de_dominios_reservados(hojas: dict[str, list[dict]]) -> None:
    textos = [c[k] or "" for c in hojas["Clientes"] for k in ("Correo", "CC")]
    textos += [str(f["Valor"]) for f in hojas["Configuración"]]
    textos += [f["Enlace de pago"] or "" for f in hojas["Facturas"]]
    dominios = set(re.findall(r"(?:@|https?://)([\w-]+(?:\.[\w-]+)+)", " ".join(textos)))
    assert dominios and all(d.endswith(".example") or d == "smtp.gmail.com" for d in dominios), dominios


def test_pagos_variados(hojas: dict[str, list[dict]]) -> None:
    pagos, totales = hojas["Pagos"], {f["Factura"]: f["Total"] for f in hojas["Facturas"]}
    assert {p["Método"] for p in pagos} >= {"transferencia", "tarjeta", "PayPal", "efectivo", "cheque"}
    assert any(not p["Factura"] and p["Cliente"] for p in pagos)
    assert any(p["Factura"] and not p["Cliente"] for p in pagos)
    pagado = defaultdict(int)
    for p in pagos:
        pagado[p["Factura"]] += p["Monto"]
    assert any(0 < pagado[f] < totales[f] for f in pagado if f)
    assert any(pagado[f] > totales[f] for f in pagado if f)


def test_filas_malas_de_cada_tipo(hojas: dict[str, list[dict]]) -> None:
    facturas, clientes = hojas["Facturas"], {c["Cliente"] for c in hojas["Clientes"]}
    numeros = [f["Factura"] for f in facturas]
    assert len(numeros) - len(set(numeros)) == 1
    assert [f["Cliente"] for f in facturas if f["Cliente"] not in clientes] == ["ROBEL"]
    assert sum(f["Total"] == 0 for f in facturas) == 1
    fechas = [f for f in facturas if isinstance(f["Vencimiento"], dt.date)]
    assert sum(f["Vencimiento"] < f["Emisión"] for f in fechas) == 1
    assert [f["Vencimiento"] for f in facturas if isinstance(f["Vencimiento"], str)] == ["31/02/2026"]
    assert [c["Cliente"] for c in hojas["Clientes"] if c["Correo"] and "@" not in c["Correo"]] == ["YARUMAL"]


def _abiertas(hojas: dict[str, list[dict]]) -> list[dict]:
    """Naive model: valid open facturas with saldo after payments (client-only ones oldest first)."""
    credito = {c["Cliente"]: c["Días de crédito"] or 30 for c in hojas["Clientes"]}
    facturas = [
        dict(f, Vencimiento=f["Vencimiento"] or f["Emisión"] + dt.timedelta(days=credito[f["Cliente"]]))
        for f in hojas["Facturas"]
        if f["Cliente"] in credito and f["Total"] > 0 and not isinstance(f["Vencimiento"], str)
        and f["Estado"] not in CERRADOS
    ]
    saldo = {f["Factura"]: f["Total"] for f in facturas}
    for pago in hojas["Pagos"]:
        if pago["Factura"]:
            saldo[pago["Factura"]] = saldo.get(pago["Factura"], 0) - pago["Monto"]
    for pago in (p for p in hojas["Pagos"] if not p["Factura"]):
        resto = pago["Monto"]
        for f in sorted((f for f in facturas if f["Cliente"] == pago["Cliente"]), key=lambda f: f["Vencimiento"]):
            aplicado = min(resto, max(saldo[f["Factura"]], 0))
            saldo[f["Factura"]], resto = saldo[f["Factura"]] - aplicado, resto - aplicado
    return [dict(f, dias=(CORTE - f["Vencimiento"]).days) for f in facturas if saldo[f["Factura"]] > 0]


def _tramo(dias: int) -> str:
    etiquetas = politica.etiquetas_tramos((30, 60, 90))
    return etiquetas[sum(dias > limite for limite in (0, 30, 60, 90))]


def test_todos_los_tramos(hojas: dict[str, list[dict]]) -> None:
    tramos = {_tramo(f["dias"]) for f in _abiertas(hojas)}
    assert tramos == set(politica.etiquetas_tramos((30, 60, 90)))


def test_todas_las_etapas_en_la_fecha_de_corte(hojas: dict[str, list[dict]]) -> None:
    abiertas = _abiertas(hojas)
    assert any(0 <= (CORTE - f["Emisión"]).days <= 3 and f["Archivo"] for f in abiertas)
    dias = {f["dias"] for f in abiertas}
    assert {-3, 0, 3, 10, 20, 30} <= dias
    assert any(d >= 45 for d in dias)


def test_cada_aviso_en_un_cliente_distinto(hojas: dict[str, list[dict]]) -> None:
    """Primer/Segundo/Tercer aviso and Aviso final: each the most severe stage of its own client."""
    peor = defaultdict(lambda: -999)
    for f in _abiertas(hojas):
        if f["Estado"] in (None, "Pendiente"):
            peor[f["Cliente"]] = max(peor[f["Cliente"]], f["dias"])
    clientes = {dias: [c for c, d in peor.items() if d == dias] for dias in (-3, 0, 3, 10, 20, 30)}
    assert all(clientes.values()), clientes
    assert len({c[0] for c in clientes.values()}) == 6


def test_archivos_pdf_validos(hojas: dict[str, list[dict]]) -> None:
    archivos = [(f["Factura"], f["Archivo"]) for f in hojas["Facturas"] if f["Archivo"]]
    assert len(archivos) >= 5
    for numero, archivo in archivos:
        assert archivo == f"{muestra.CARPETA_PDF}/{numero}.pdf"
        datos = (RAIZ / archivo).read_bytes()
        assert datos.startswith(b"%PDF-1.4") and datos.endswith(b"%%EOF\n")
        assert b"/Count 1" in datos and f"({numero})".encode() in datos.replace(b"venta ", b"(")
        _comprobar_xref(datos)


def _comprobar_xref(datos: bytes) -> None:
    inicio = int(datos.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert datos[inicio:].startswith(b"xref\n")
    entradas = datos[inicio:].split(b"\n")[3:]
    for numero, entrada in enumerate(entradas[: datos.count(b" 0 obj\n")], start=1):
        posicion = int(entrada[:10])
        assert datos[posicion:].startswith(b"%d 0 obj" % numero)


def test_sin_formulas(generada: Path) -> None:
    for filas in _valores(generada).values():
        assert not any(isinstance(v, str) and v.startswith("=") for fila in filas for v in fila)


# --- The messy variant holds the same data -----------------------------------


def test_desordenado_tiene_otras_formas(tmp_path: Path) -> None:
    muestra.escribir(tmp_path / "desordenado.xlsx", desordenado=True)
    valores = _valores(tmp_path / "desordenado.xlsx")
    assert "configuracion" in valores and "FACTURAS " in valores
    facturas = valores["FACTURAS "]
    assert {"N° Factura", "Vence", "Importe", "Vendedor", "Observaciones"} <= set(facturas[0])
    assert any(fila == (None,) * len(fila) for fila in facturas[1:])
    textos = [v for fila in facturas for v in fila if isinstance(v, str)]
    assert any(re.fullmatch(r"\d\d/\d\d/\d{4}", t) for t in textos)
    assert any(re.fullmatch(r"\$ \d{1,3}(\.\d{3})+,\d\d", t) for t in textos)


def _motivos(rechazos) -> list[tuple[str, bool]]:
    """Reasons without row numbers (blank rows move them in the messy variant)."""
    return sorted((re.sub(r"fila \d+", "fila N", r.motivo), r.grave) for r in rechazos)


def test_limpio_y_desordenado_se_leen_igual(tmp_path: Path) -> None:
    if importlib.util.find_spec("cartera.libro.apertura") is None:
        pytest.skip("cartera.libro.apertura todavía no existe")
    from cartera.libro import apertura as libro

    muestra.escribir(tmp_path / "limpio.xlsx")
    muestra.escribir(tmp_path / "desordenado.xlsx", desordenado=True)
    limpio, desordenado = libro.leer(tmp_path / "limpio.xlsx"), libro.leer(tmp_path / "desordenado.xlsx")
    for tabla in ("facturas", "clientes", "pagos"):
        a, b = (getattr(c, tabla).drop(columns="fila").reset_index(drop=True) for c in (limpio, desordenado))
        assert a.equals(b) or a.compare(b).empty, tabla
        assert list(a.dtypes) == list(b.dtypes), tabla
    assert _motivos(limpio.rechazos) == _motivos(desordenado.rechazos)
    assert len(limpio.rechazos) >= 6
    assert limpio.configuracion == desordenado.configuracion
    assert (limpio.etapas, limpio.recargos) == (desordenado.etapas, desordenado.recargos)
