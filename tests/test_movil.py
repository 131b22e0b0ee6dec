"""The HTML of every message reads right on a phone (390 px), on a desktop (800 px) and in dark mode.

Every template, in ``usted`` and ``tú``, for a client with many facturas (two currencies, abonos,
recargos, costes de cobro, a credit, a discount, a broken promise), very long names, e-mail addresses,
account numbers and payment links; plus every message of the demo run and of docs/ejemplos.  Each is
rendered by headless Chromium (``navegador``) in a pane 320, 390 and 800 px wide, with the light and
the dark colour scheme, and fails on any element or line of text past the pane's edge, any content
hidden in a box that scrolls sideways, and any text without a background of the message's own or
with a contrast below 4.5:1.  Skipped, with the reason, where no Chromium is installed (CI installs
it: ``.ci/run``).

The pictures of the README come from here too::

    python tests/test_movil.py docs     # docs/correo_390.png and docs/correo_800.png
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from functools import cache
from pathlib import Path

import navegador
import pytest
from test_mensajes import PLANTILLAS, _con_a_favor, aviso, cliente, factura, libro

from cartera.calculo import antiguedad, calendario
from cartera.correo import vista_previa
from cartera.decisiones import Mensaje, TipoAviso
from cartera.libro import apertura
from cartera.mensajes import redaccion as mensajes
from cartera.mensajes.indice import indexar
from cartera.plan import agenda

ANCHOS = (320, 390, 800)
"""The narrowest phone in use, a common one, a desktop reading pane (the issue: the widest line fits 320 px)."""
FOTOS = (390, 800)
LIMITE_GMAIL = 102 * 1024
"""Gmail clips a message bigger than this (the "[Mensaje recortado]" link)."""
RAIZ = Path(__file__).resolve().parent.parent
MUESTRA = RAIZ / "sample_cartera.xlsx"
EJEMPLOS = RAIZ / "docs" / "ejemplos" / "generar.py"
CORTE_MUESTRA = dt.date(2026, 11, 24)
TRATOS = ("usted", "tú")
SIN_CHROMIUM = pytest.mark.skipif(
    navegador.CHROMIUM is None,
    reason="No hay Chromium: instálelo (Debian: apt-get install chromium) para medir los correos a 390 y 800 px.",
)

DOMINIO = "distribucionesinternacionalesdelpacificoyelcaribe.example"
CORREO_LARGO = f"cuentasporcobrar.departamentofinanciero@{DOMINIO}"
NOMBRE_LARGO = "Comercializadora Internacional de Productos Agroindustriales del Pacífico y el Caribe S.A.S."
CONTACTO_LARGO = "María de los Ángeles Hernández-Villavicencio de la Torre y Montenegro"
CONFIGURACION = {
    "empresa": "Distribuciones Internacionales del Pacífico y el Caribe S.A.S.",
    "remitente": "Laura Méndez-Castañeda", "correo_remitente": CORREO_LARGO, "telefono": "+57 601 345 6789 ext. 1234",
    "firma": "Coordinadora de cartera y cobranzas\nAvenida Carrera 72 # 10-34, Torre Empresarial, Bogotá D.C.",
    "medios_pago": ("Transferencia a la cuenta corriente 0012-3456-7890-1234-5678-90 del Banco Internacional de "
                    f"Ejemplo, NIT 900.123.456-7; PayPal: {CORREO_LARGO}; Tarjeta de crédito o débito: "
                    f"https://pagos.{DOMINIO}/portal/clientes/COMERCIALIZADORA-INTERNACIONAL-DEL-PACIFICO"),
}


def _enlace(numero: str) -> str:
    return f"https://pagos.{DOMINIO}/facturas/{numero}?cliente=COMERCIALIZADORA-INTERNACIONAL&token=8f3b2c1d9e7a6f5b4c3d"


def _muchas() -> list[dict]:
    """Fourteen facturas: overdue with abonos, fees and costs, one in USD, some not yet due, one discounted."""
    filas = [
        factura("FE-2026-000101", "CLI", "2026-08-20", 1_286_000_050, recargo=64_300_000, compensacion=4_000_000,
                total=2_000_000_000, pagado=713_999_950, enlace=_enlace("FE-2026-000101")),
        factura("FE-2026-000117", "CLI", "2026-09-15", 987_654_321, recargo=39_506_173, promesa="2026-11-20",
                enlace=_enlace("FE-2026-000117")),
        factura("EX-2026-0042", "CLI", "2026-10-01", 1_234_567, moneda="USD", recargo=61_728,
                enlace=_enlace("EX-2026-0042")),
    ]
    filas += [factura(f"FE-2026-0002{i:02d}", "CLI", f"2026-{10 + i // 5:02d}-{1 + 5 * (i % 5):02d}",
                      45_000_000 * (i + 1) + 17, recargo=900_000 * (i + 1), enlace=_enlace(f"FE-2026-0002{i:02d}"))
              for i in range(7)]
    filas += [factura(f"FE-2026-0003{i:02d}", "CLI", f"2026-12-{10 + 5 * i:02d}", 99_999_999_99 + i,
                      enlace=_enlace("LOTE")) for i in range(3)]
    filas.append(factura("FE-2026-000400", "CLI", "2026-12-30", 48_350_050, descuento=967_001,
                         fecha_limite_descuento="2026-12-05", enlace=_enlace("FE-2026-000400")))
    return filas


@cache
def mensajes_de_prueba() -> dict[str, Mensaje]:
    """Every template × trato for the client with many facturas, by name ``plantilla-trato``."""
    compuestos = {}
    for trato in TRATOS:
        facturas = _muchas()
        cartera, calculo = libro([cliente("CLI", NOMBRE_LARGO, CONTACTO_LARGO, trato)], facturas, **CONFIGURACION)
        indice = indexar(cartera, _con_a_favor(calculo, ("CLI", "COP", 12_345_678)))
        numeros = tuple(f["factura"] for f in facturas)
        for plantilla, tipo, etapa in PLANTILLAS:
            compuestos[f"{plantilla}-{trato}"] = mensajes.componer(
                aviso("CLI", numeros, plantilla, tipo, etapa), indice, mensajes.entorno())
    return compuestos


@cache
def mensajes_de_la_muestra() -> dict[str, Mensaje]:
    """Every message of the demo run (the sample workbook at its fecha de corte)."""
    cartera = apertura.leer(MUESTRA)
    calculo = antiguedad.calcular(cartera, CORTE_MUESTRA, calendario.festivos("CO", range(2024, 2028)))
    plan = agenda.planificar(cartera, calculo)
    indice, env = indexar(cartera, calculo), mensajes.entorno()
    return {f"muestra-{n:02d}-{a.cliente}": mensajes.componer(a, indice, env) for n, a in enumerate(plan.avisos, 1)}


@cache
def mensajes_de_los_ejemplos() -> dict[str, Mensaje]:
    """The messages of docs/ejemplos (a Colombian and a Spanish company), without writing the .eml files."""
    especificacion = importlib.util.spec_from_file_location("ejemplos_generar", EJEMPLOS)
    assert especificacion and especificacion.loader
    generar = importlib.util.module_from_spec(especificacion)
    especificacion.loader.exec_module(generar)
    env, compuestos = mensajes.entorno(), {}
    for numero, (configuracion, un_aviso) in enumerate(generar.EJEMPLOS, 1):
        cartera, calculo = generar.datos(configuracion)
        compuestos[f"ejemplo-{numero:03d}-{un_aviso.cliente}"] = mensajes.componer(un_aviso, indexar(cartera, calculo), env)
    return compuestos


def _reales() -> dict[str, Mensaje]:
    return {**mensajes_de_la_muestra(), **mensajes_de_los_ejemplos()}


def _casos() -> list[navegador.Caso]:
    todos = {**mensajes_de_prueba(), **_reales()}
    return [navegador.Caso(f"{nombre}@{ancho}", m.html, ancho) for nombre, m in todos.items() for ancho in ANCHOS]


@pytest.fixture(scope="module")
def medidas() -> dict[bool, dict[str, navegador.Medida]]:
    """Findings of the light and of the dark run, by case name ``nombre@ancho``."""
    casos = _casos()
    return {oscuro: navegador.medir(casos, oscuro=oscuro) for oscuro in (False, True)}


def _fallos(medidas: dict[bool, dict[str, navegador.Medida]], nombre: str) -> list[str]:
    fallos = []
    for oscuro, por_caso in medidas.items():
        for ancho in ANCHOS:
            medida = por_caso[f"{nombre}@{ancho}"]
            assert medida.ancho == ancho, f"{nombre}: el panel midió {medida.ancho} px y no {ancho}"
            esquema = "oscuro" if oscuro else "claro"
            fallos += [f"{ancho} px, {esquema}: {fallo}" for fallo in medida.fallos]
    return fallos


@SIN_CHROMIUM
@pytest.mark.parametrize("trato", TRATOS)
@pytest.mark.parametrize("plantilla", [p[0] for p in PLANTILLAS])
def test_cada_plantilla_cabe_en_un_telefono_y_en_modo_oscuro(medidas, plantilla, trato) -> None:
    fallos = _fallos(medidas, f"{plantilla}-{trato}")
    assert not fallos, "\n".join(fallos[:20])


@SIN_CHROMIUM
def test_cada_mensaje_de_la_muestra_y_de_los_ejemplos_cabe_en_un_telefono(medidas) -> None:
    nombres = list(_reales())
    assert len(nombres) > 20
    fallos = [f"{nombre}: {fallo}" for nombre in nombres for fallo in _fallos(medidas, nombre)]
    assert not fallos, "\n".join(fallos[:20])


@SIN_CHROMIUM
def test_el_arnes_detecta_lo_que_se_sale_y_lo_que_se_esconde() -> None:
    """The harness itself: a wide table, a sideways-scrolling box and text on the client's canvas are caught."""
    def mensaje(contenido: str) -> str:
        return f'<!DOCTYPE html><html><body><div style="background-color:#ffffff">{contenido}</div></body></html>'

    casos = [
        navegador.Caso("ancho", mensaje('<table style="width:600px"><tr><td>$ 1</td></tr></table>'), 390),
        navegador.Caso("desplaza", mensaje('<div style="overflow-x:auto"><p style="width:600px">x</p></div>'), 390),
        navegador.Caso("enlace", mensaje("<p>https://pagos.example/" + "a" * 120 + "</p>"), 390),
        navegador.Caso("transparente", '<html><body><p style="color:#1f2933">Saldo</p></body></html>', 390),
        navegador.Caso("palido", mensaje('<p style="color:#b0b7c0">Saldo $ 1</p>'), 390),
        navegador.Caso("bien", mensaje('<p style="color:#1f2933">Saldo $ 1</p>'), 390),
    ]
    medidas = navegador.medir(casos, oscuro=True)
    assert any("termina a" in f for f in medidas["ancho"].fallos)
    assert any("desplaza de lado" in f for f in medidas["desplaza"].fallos)
    assert any("pasa del borde" in f for f in medidas["enlace"].fallos)
    assert any("no tiene fondo propio" in f for f in medidas["transparente"].fallos)
    assert any("contraste" in f for f in medidas["palido"].fallos)
    assert medidas["bien"].fallos == ()


def _tamano_mime(mensaje: Mensaje) -> int:
    correo = vista_previa.construir_correo(
        mensaje._replace(adjuntos=()), remitente_nombre="Distribuciones", remitente_correo="cartera@ejemplo.co",
        message_id="<1@ejemplo.co>", carpeta_libro=Path("."), fecha=dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
    return len(correo.correo.as_bytes())


def test_ningun_mensaje_pasa_del_limite_de_gmail() -> None:
    """The biggest message (14 facturas, long texts), encoded as sent, stays below Gmail's clipping size."""
    todos = {**mensajes_de_prueba(), **_reales()}
    nombre, mayor = max(todos.items(), key=lambda par: len(par[1].html.encode()))
    assert len(mayor.html.encode()) < LIMITE_GMAIL, f"{nombre}: {len(mayor.html.encode())} bytes de HTML"
    assert _tamano_mime(mayor) < LIMITE_GMAIL, f"{nombre}: {_tamano_mime(mayor)} bytes con texto y encabezados"


def _pictures(carpeta: Path) -> None:
    """docs/correo_390.png and docs/correo_800.png: the example reminder that lists the most facturas."""
    cobros = [m for m in mensajes_de_los_ejemplos().values() if m.aviso.tipo == TipoAviso.RECORDATORIO]
    elegido = max(cobros, key=lambda m: (len(m.aviso.facturas), len(m.html)))
    for ancho in FOTOS:
        navegador.captura(elegido.html, ancho, carpeta / f"correo_{ancho}.png")
    print(f"{elegido.aviso.cliente}, {elegido.aviso.etapa}: {', '.join(elegido.aviso.facturas)}")


if __name__ == "__main__":
    _pictures(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
