"""The daily run in process: ``comandos.cobrar.cobrar``, the summary, the write-back and the trend.

The subprocess tests (``test_cobrar``, ``test_enviar``) run the real
command; these call the same functions directly, so a failure points at a
line and the figures can be checked exactly: a trial run of the sample, two
sending runs on consecutive days against a Gmail-like server on 127.0.0.1
(messages, Historial, the trend recomputed with today's point), the write-back of
the journal into a copy of the sample, and the ``--json`` summary carrying
money that a float would round.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import shutil
from pathlib import Path

import openpyxl
import pytest
from test_cobrar import VISTAS_PREVIAS
from test_enviar import guardar_clave, preparar_libro

from cartera.calculo import antiguedad, calendario
from cartera.calculo import totales as tt
from cartera.comandos import cobrar, sumario
from cartera.decisiones import Resultado
from cartera.libro import anotacion, apertura, diario
from cartera.plan import agenda
from cartera.vocabulario import ENVIADO, INCIERTO

RAIZ = Path(__file__).parent.parent
MUESTRA = RAIZ / "sample_cartera.xlsx"
CORTE = dt.date(2026, 11, 24)
ZONA = dt.timezone(dt.timedelta(hours=-5))


@pytest.fixture(autouse=True)
def registro_intacto():
    """``cobrar`` points the ``cartera`` logger at a file beside the workbook: put it back afterwards."""
    registro = logging.getLogger("cartera")
    antes = (list(registro.handlers), registro.level, registro.propagate)
    yield
    for manejador in [m for m in registro.handlers if m not in antes[0]]:
        registro.removeHandler(manejador)
        manejador.close()
    for manejador in antes[0]:
        if manejador not in registro.handlers:
            registro.addHandler(manejador)
    registro.setLevel(antes[1])
    registro.propagate = antes[2]


def _opciones(libro: Path, *, fecha: dt.date = CORTE, json_: bool = True) -> cobrar.Opciones:
    ahora = dt.datetime.combine(fecha, dt.time(9, 0), tzinfo=ZONA)
    return cobrar.Opciones(libro=libro, fecha=fecha, modo=None, interactivo=False, abrir=False, ahora=ahora,
                           json=json_, espera_smtp=0.01)


def _huella(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def _copia_muestra(carpeta: Path) -> Path:
    shutil.copy(MUESTRA, carpeta / MUESTRA.name)
    shutil.copytree(RAIZ / "facturas_pdf", carpeta / "facturas_pdf")
    return carpeta / MUESTRA.name


def _resumen_json(capsys: pytest.CaptureFixture[str], libro: Path, **opciones) -> tuple[int, dict]:
    codigo = cobrar.cobrar(_opciones(libro, **opciones))
    return codigo, json.loads(capsys.readouterr().out)


def _celdas(ruta: Path, hoja: str) -> list[tuple]:
    libro = openpyxl.load_workbook(ruta, read_only=True)
    filas = [tuple(f) for f in libro[hoja].iter_rows(values_only=True)]
    libro.close()
    return filas


# --- a trial run --------------------------------------------------------------------------------

def test_prueba_deja_informe_y_vistas_previas_sin_tocar_libro_ni_tendencia(tmp_path, capsys):
    libro = _copia_muestra(tmp_path)
    antes = _huella(libro)
    codigo, resumen = _resumen_json(capsys, libro)
    assert codigo == resumen["codigo_salida"] == 1  # the sample holds deliberately bad rows
    assert resumen["modo"] == "Prueba" and resumen["mensajes"]["vista previa"] == len(VISTAS_PREVIAS)
    assert sorted(p.name for p in (tmp_path / "salida" / CORTE.isoformat()).iterdir()) == list(VISTAS_PREVIAS)
    assert resumen["totales"] == [{"moneda": "COP", "por_cobrar": "92911800.50", "vencido": "40386300.00"},
                                  {"moneda": "USD", "por_cobrar": "5415.50", "vencido": "0.00"}]
    assert Path(resumen["informe"]) == tmp_path / "informes" / "antiguedad_2026-11-24.xlsx"
    assert _huella(libro) == antes
    assert not (tmp_path / diario.CARPETA / "totales.csv").exists()  # a trial leaves no trace
    assert not diario.ruta_diario(tmp_path).exists()


def test_prueba_resumen_en_texto(tmp_path, capsys):
    libro = _copia_muestra(tmp_path)
    assert cobrar.cobrar(_opciones(libro, json_=False)) == 1
    lineas = capsys.readouterr().out.splitlines()
    assert lineas[0].startswith("Así leí su libro")  # a first run: the layout is new (comandos/sumario)
    lineas = lineas[lineas.index("Cartera al 24/11/2026 — modo Prueba"):]
    assert lineas[:5] == [
        "Cartera al 24/11/2026 — modo Prueba",
        "  Facturas leídas: 97; filas rechazadas: 6; advertencias: 1",
        "  Por cobrar COP: $ 92.911.800,50; vencido: $ 40.386.300,00 (43,5 %)",
        "  Por cobrar USD: US$ 5.415,50; vencido: US$ 0,00 (0,0 %)",
        f"  Mensajes en vista previa (no se envió nada): {len(VISTAS_PREVIAS)}",
    ]


# --- two sending runs ---------------------------------------------------------------------------

def test_envio_en_dos_dias_anota_el_libro_y_la_tendencia(tmp_path, capsys, servidor_smtp):
    libro = preparar_libro(tmp_path, servidor_smtp, Modo="Envío")
    guardar_clave()
    codigo, primero = _resumen_json(capsys, libro)
    assert codigo == 1 and primero["modo"] == "Envío"
    assert primero["mensajes"][ENVIADO] == len(servidor_smtp.recibidos) == len(VISTAS_PREVIAS)
    historial = [f for f in _celdas(libro, "Historial")[1:] if any(f)]
    assert len(historial) == len(VISTAS_PREVIAS) and {f[7] for f in historial} == {ENVIADO}

    siguiente = CORTE + dt.timedelta(days=1)
    codigo, segundo = _resumen_json(capsys, libro, fecha=siguiente)
    asuntos = [(r.mensaje["Subject"], r.destinatarios) for r in servidor_smtp.recibidos]
    assert len(asuntos) == len(set(asuntos))  # nothing sent twice
    assert not (tmp_path / diario.CARPETA / "totales.csv").exists()  # the trend comes from the workbook, no sidecar
    resumen = [f for f in _celdas(Path(segundo["informe"]), "Resumen") if f and f[0]]
    inicio = resumen.index(("Evolución de la cartera (COP)",) + (None,) * (len(resumen[0]) - 1))
    fechas = [f[0].date() for f in resumen[inicio + 2:inicio + 15]]
    assert fechas[0] == dt.date(2025, 11, 30) and fechas[-2:] == [dt.date(2026, 10, 31), siguiente]
    por_cobrar = {t["moneda"]: t["por_cobrar"] for t in segundo["totales"]}
    assert f"{resumen[inicio + 14][1]:.2f}" == por_cobrar["COP"]  # today's row: the run's own total


# --- the write-back, in process ---------------------------------------------------------------

def _calculado(libro: Path):
    cartera = apertura.leer(libro)
    festivos = calendario.festivos(cartera.configuracion.pais, range(CORTE.year - 2, CORTE.year + 2))
    return cartera, antiguedad.calcular(cartera, CORTE, festivos)


def _resultado(cliente: str, factura: str, etapa: str, minuto: int) -> Resultado:
    return Resultado(dt.datetime(2026, 11, 24, 9, minuto), cliente, (factura,), etapa, "correo",
                     ("pagos@example.com",), f"{etapa} {factura}", "pendiente", "", f"<{minuto}.{factura}@cartera.example>")


def test_escribir_en_libro_pasa_el_diario_a_historial_una_vez(tmp_path):
    libro = _copia_muestra(tmp_path)
    cartera, calculado = _calculado(libro)
    abierta = calculado.facturas[calculado.facturas["abierta"]].iloc[0]
    enviado = _resultado(abierta["cliente"], abierta["factura"], "Primer aviso", 1)
    cortado = _resultado(abierta["cliente"], abierta["factura"], "Segundo aviso", 2)
    for resultado in (enviado, cortado):
        diario.anotar_intencion(tmp_path, resultado)
    diario.anotar_resultado(tmp_path, enviado.message_id, ENVIADO, "")  # the second one never got its result
    resultados = (enviado._replace(resultado=ENVIADO), cortado._replace(resultado=INCIERTO))

    assert anotacion.escribir_en_libro(libro, cartera, calculado, resultados, anotacion.en_historial(libro, cartera)) == ((), True)
    leido = apertura.leer(libro)
    nuevos = [e for e in leido.historial if e.factura == abierta["factura"] and e.fecha == CORTE]
    assert {(e.etapa, e.resultado) for e in nuevos} == {("Primer aviso", ENVIADO), ("Segundo aviso", INCIERTO)}
    facturas = _celdas(libro, "Facturas")
    fila = facturas[int(abierta["fila"]) - 1]
    columnas = {titulo: i for i, titulo in enumerate(facturas[0])}
    assert fila[columnas["Saldo (calculado)"]] == pytest.approx(abierta["saldo"] / 100)
    assert fila[columnas["Tramo (calculado)"]] == abierta["tramo"]

    assert anotacion.escribir_en_libro(libro, leido, calculado, (), anotacion.en_historial(libro, leido)) == ((), True)
    assert len(apertura.leer(libro).historial) == len(leido.historial)  # merged once, never twice


# --- the summary carries money exactly --------------------------------------------------------

def test_resumen_json_sin_float(tmp_path):
    cartera, calculado = _calculado(MUESTRA)
    plan = agenda.planificar(cartera, calculado, hoy=CORTE)
    cifras = tt.calcular(calculado, cartera.configuracion.tramos)
    enorme = tt.TotalMoneda("COP", por_cobrar=10**17 + 1, vencido=9_007_199_254_740_993, recargo=0, cantidad=1)
    salida = cobrar.Salida(cartera, calculado, plan, (), tmp_path / "informe.xlsx", (), False,
                           cifras._replace(monedas=(enorme,)))
    assert float(10**17 + 1) / 100 == 10**15  # what a float makes of it
    assert sumario.como_dict(salida)["totales"] == [
        {"moneda": "COP", "por_cobrar": "1000000000000000.01", "vencido": "90071992547409.93"}]
    normal = sumario.como_dict(salida._replace(totales=cifras))
    assert normal["totales"][0] == {"moneda": "COP", "por_cobrar": "92911800.50", "vencido": "40386300.00"}
    assert "Por cobrar COP: $ 92.911.800,50; vencido: $ 40.386.300,00 (43,5 %)" in sumario.como_texto(
        salida._replace(totales=cifras))
