"""The owner's templates (``plantillas/`` beside the workbook) failing in every way, through the real command.

A real workbook with three clients, each due a different stage on its
Fecha de corte (C1 «Primer aviso», C2 «Segundo aviso», C3 «Vence hoy»), and
a real ``plantillas/primer_aviso.usted.j2`` whose line 5 fails in one way
per test.  Whatever the failure, the run goes on: C1's message is neither
written nor sent, the others are; the screen names the file and the line
and says in Spanish what is wrong, with no English and no traceback; Jinja's
own text is in ``cartera.log``; the exit code is 1.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import tracemalloc
from pathlib import Path

import jinja2
import openpyxl
import pytest
import test_mensajes as mensajes_de_prueba
from libros import escribir_libro
from servidor_smtp import ServidorSMTP
from test_cobrar import cartera as cartera_en_proceso_aparte
from test_enviar import enviar, guardar_clave, historial, preparar_libro, recordatorios

from cartera.comandos import cli
from cartera.mensajes import redaccion
from cartera.mensajes.indice import indexar

FECHA = "2026-11-24"
ARCHIVO = "plantillas/primer_aviso.usted.j2"
LINEA = 5
"""The line of ``ARCHIVO`` that holds the failing expression."""

INGLES = re.compile(
    r"\b(unsafe|undefined|division|object|Error|range|Range|Traceback|expected|token|sandbox|recursion|maximum"
    r"|template|not found|is not|has no|attribute|iterable|unsupported|operand|MAX_RANGE|NoneType|str|int)\b")
"""English words a Jinja or Python message would bring (none of them is Spanish)."""


def _libro(carpeta: Path, etapas: list[list] | None = None) -> Path:
    d = dt.date
    return escribir_libro(carpeta / "cartera.xlsx", {**({"Etapas": etapas} if etapas else {}),
        "Clientes": [["Cliente", "Nombre", "Contacto", "Correo", "Trato"],
                     ["C1", "Ferretería Uno", "Ana", "ana@uno.example", "usted"],
                     ["C2", "Panadería Dos", "Beto", "beto@dos.example", "usted"],
                     ["C3", "Tienda Tres", "Caro", "caro@tres.example", "usted"]],
        "Facturas": [["Factura", "Cliente", "Emisión", "Vencimiento", "Total", "Moneda"],
                     ["F-1", "C1", d(2026, 10, 15), d(2026, 11, 19), 100000, "COP"],
                     ["F-2", "C2", d(2026, 10, 1), d(2026, 11, 10), 200000, "COP"],
                     ["F-3", "C3", d(2026, 10, 20), d(2026, 11, 24), 300000, "COP"]],
        "Configuración": [["Parámetro", "Valor"], ["Empresa", "Suministros Andinos"], ["Moneda", "COP"],
                          ["País", "CO"], ["Fecha de corte", d(2026, 11, 24)]],
    })


ETAPAS = [["Etapa", "Días", "Desde", "Canal", "Plantilla"],
          ["Vence hoy", 0, "vencimiento", "correo", "vence_hoy"],
          ["Primer aviso", 3, "vencimiento", "correo", "primer_aviso"],
          ["Segundo aviso", 10, "vencimiento", "correo", "segundo_aviso"]]


def _plantilla(carpeta: Path, linea_5: str, nombre: str = "primer_aviso.usted.j2") -> None:
    propias = carpeta / "plantillas"
    propias.mkdir(exist_ok=True)
    (propias / nombre).write_text(
        '{% extends "_base.j2" %}\n'
        "{% block asunto %}Primer aviso de prueba{% endblock %}\n"
        "{% block texto %}\n"
        "Buen día, {{ cliente.saludo }}:\n"
        f"{linea_5}\n"
        "{% endblock %}\n"
        "{% block html %}<p>Buen día, {{ cliente.saludo }}</p>{% endblock %}\n", encoding="utf-8")


def _cobrar(carpeta: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """``cartera cobrar cartera.xlsx --prueba --no-abrir`` in this process: (exit code, screen)."""
    monkeypatch.chdir(carpeta)
    codigo = cli.main(["cobrar", "cartera.xlsx", "--prueba", "--no-abrir"])
    salida = capsys.readouterr()
    return codigo, salida.out + salida.err


def _vistas_previas(carpeta: Path) -> list[str]:
    return sorted(p.name for p in (carpeta / "salida" / FECHA).glob("*.eml"))


def _nota(pantalla: str) -> str:
    """The screen's line about the broken template."""
    lineas = [linea for linea in pantalla.splitlines() if "La plantilla «" in linea]
    assert len(lineas) == 1, pantalla
    return lineas[0]


def _sin_ingles(pantalla: str) -> None:
    assert not INGLES.search(pantalla), INGLES.search(pantalla)
    assert ".." not in pantalla.replace("…", "")
    assert "inesperado" not in pantalla


CASOS = {
    "division-por-cero": ("{{ 1/0 }}", "divide por cero"),
    "variable-inexistente-en-una-cuenta": ("{{ nada + 1 }}", "usa la variable «nada», que no existe"),
    "dato-inexistente": ("{{ cliente.apodo + 1 }}", "usa el dato «apodo», que no existe"),
    "serie-demasiado-larga": ("{% for i in range(10**9) %}{{ i }}{% endfor %}",
                              "pide una serie de más de 100.000 números, algo que cartera no permite por seguridad"),
    "atributo-prohibido": ("{{ cliente.saludo.__class__.__mro__ }}", "hace algo que cartera no permite por seguridad"),
    "filtro-con-otro-tipo": ("{{ 5|first }}", "aplica el filtro «first» a un dato que no le corresponde"),
    "tipos-mezclados": ("{{ cliente.saludo - 1 }}", "mezcla datos de tipos distintos"),
    "filtro-con-texto": ("{{ 'abc'|round }}", "aplica el filtro «round» a un dato que no le corresponde"),
    "valor-que-no-sirve": ("{{ 'abc'.index('z') }}", "usa un valor que no sirve para esa operación"),
    "incluida-que-no-existe": ("{% include 'no_existe.j2' %}", "no encuentra la plantilla incluida «no_existe.j2»"),
    "recursion": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", "se llama a sí misma sin fin"),
    "texto-enorme": ("{{ 'x' * 10**9 }}", "produciría un texto de más de 25.000.000 de caracteres"),
    "relleno-enorme": ("{{ 'x'|center(10**9) }}", "produciría un texto de más de 25.000.000 de caracteres"),
    "formato-enorme": ("{{ '{:>1000000000}'.format('x') }}", "produciría un texto de más de 25.000.000 de caracteres"),
    "porcentaje-enorme": ("{{ '%1000000000s' % 'x' }}", "produciría un texto de más de 25.000.000 de caracteres"),
    "ciclos-anidados": ("{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx{% endfor %}{% endfor %}",
                        "produciría un texto de más de 25.000.000 de caracteres"),
    "ciclos-sin-salida": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                          "repite sus ciclos más de 10.000.000 de veces, algo que cartera no permite por seguridad"),
    "numero-enorme": ("{{ 10**100000 }}", "hace una cuenta con un número demasiado grande"),
    "filtro-inexistente": ("{{ 1|no_hay }}", "usa el filtro «no_hay», que no existe"),
    "sintaxis": ("{{ cliente.saludo }", "tiene «}» donde no corresponde"),
    "etiqueta-desconocida": ("{% repetir %}", "usa la etiqueta «repetir», que no existe"),
}


@pytest.mark.parametrize(("linea_5", "motivo"), list(CASOS.values()), ids=list(CASOS))
def test_una_plantilla_rota_no_detiene_a_los_demas_clientes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        linea_5: str, motivo: str) -> None:
    _libro(tmp_path)
    _plantilla(tmp_path, linea_5)
    inicio = time.perf_counter()
    codigo, pantalla = _cobrar(tmp_path, capsys, monkeypatch)

    assert time.perf_counter() - inicio < 60, "a template may not hang the run"
    assert codigo == 1, pantalla
    nota = _nota(pantalla)
    assert f"«{ARCHIVO}», línea {LINEA}, {motivo}" in nota, nota
    assert "C1" in nota and "Corríjala" in nota
    assert "Mensajes en vista previa (no se envió nada): 2; fallidos: 1" in pantalla
    _sin_ingles(pantalla)
    assert _vistas_previas(tmp_path) == ["001_c2_segundo-aviso.eml", "002_c3_vence-hoy.eml"]
    registro = (tmp_path / "cartera.log").read_text(encoding="utf-8")
    assert f"«{ARCHIVO}», línea {LINEA}" in registro and "Detalle: " in registro


def test_el_error_en_una_plantilla_incluida_nombra_la_incluida(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _libro(tmp_path)
    _plantilla(tmp_path, "{% include 'pie.j2' %}")
    (tmp_path / "plantillas" / "pie.j2").write_text("Atentamente,\n{{ 10 / 0 }}\n", encoding="utf-8")
    codigo, pantalla = _cobrar(tmp_path, capsys, monkeypatch)

    assert codigo == 1
    assert "«plantillas/pie.j2», línea 2, divide por cero" in _nota(pantalla)
    _sin_ingles(pantalla)
    assert _vistas_previas(tmp_path) == ["001_c2_segundo-aviso.eml", "002_c3_vence-hoy.eml"]


def test_una_plantilla_que_falla_con_algunos_datos_solo_afecta_a_esos_clientes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The same broken place for several clients is one line on screen; one failing client spares the others."""
    _libro(tmp_path)
    for nombre in ("primer_aviso.usted.j2", "segundo_aviso.usted.j2"):
        _plantilla(tmp_path, "{{ 1 // 0 if cliente.codigo != 'C9' else '' }}", nombre)
    codigo, pantalla = _cobrar(tmp_path, capsys, monkeypatch)

    assert codigo == 1
    lineas = [linea for linea in pantalla.splitlines() if "La plantilla «" in linea]
    assert len(lineas) == 2, pantalla
    assert any("«plantillas/segundo_aviso.usted.j2», línea 5, divide por cero" in linea and "(C2)" in linea
               for linea in lineas)
    assert _vistas_previas(tmp_path) == ["001_c3_vence-hoy.eml"]


def test_en_proceso_aparte_sin_traceback_y_con_el_motivo_en_el_informe(tmp_path: Path) -> None:
    _libro(tmp_path)
    _plantilla(tmp_path, "{{ nada + 1 }}")
    proceso = cartera_en_proceso_aparte("cobrar", "cartera.xlsx", "--prueba", "--no-abrir", cwd=tmp_path)

    assert proceso.returncode == 1, proceso.stderr
    pantalla = proceso.stdout + proceso.stderr
    assert f"«{ARCHIVO}», línea {LINEA}, usa la variable «nada», que no existe" in _nota(pantalla)
    _sin_ingles(pantalla)
    assert _vistas_previas(tmp_path) == ["001_c2_segundo-aviso.eml", "002_c3_vence-hoy.eml"]
    informe = openpyxl.load_workbook(tmp_path / "informes" / f"antiguedad_{FECHA}.xlsx", read_only=True)
    filas = list(informe["Recordatorios"].iter_rows(values_only=True))
    informe.close()
    fallidas = [f for f in filas if "fallido" in f]
    assert len(fallidas) == 1 and "C1" in fallidas[0], filas
    detalle = next(v for v in fallidas[0] if isinstance(v, str) and "La plantilla" in v)
    assert detalle == (f"La plantilla «{ARCHIVO}», línea {LINEA}, usa la variable «nada», que no existe: "
                       "el mensaje no se preparó ni se envió.")


def test_enviando_no_sale_nada_para_ese_cliente_y_el_resto_sale(tmp_path: Path, servidor_smtp: ServidorSMTP) -> None:
    """``--enviar`` with the sample: Roble's «Primer aviso» template breaks; the other 11 go out, Roble's never."""
    preparar_libro(tmp_path, servidor_smtp)
    guardar_clave()
    _plantilla(tmp_path, "{{ 1/0 }}")
    proceso, resumen = enviar(tmp_path)

    assert resumen is not None, proceso.stderr
    assert resumen["mensajes"]["enviado"] == 11 and resumen["mensajes"]["fallido"] == 1
    assert proceso.returncode == 1
    assert any(f"«{ARCHIVO}», línea {LINEA}, divide por cero" in nota for nota in resumen["notas"])
    asuntos = [r.mensaje["Subject"] for r in servidor_smtp.recibidos]
    assert len(asuntos) == 11 and not any(a.startswith("Primer aviso") for a in asuntos)
    assert not any(f["Etapa"] == "Primer aviso" for f in historial(tmp_path)), "nothing went out: nothing to record"
    fallidas = [f for f in recordatorios(tmp_path) if f["Resultado"] == "fallido"]
    assert len(fallidas) == 1 and "divide por cero" in fallidas[0]["Motivo"]


def test_una_plantilla_que_no_es_utf8(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing was read, so no line: the owner's file is still named with its folder."""
    _libro(tmp_path)
    _plantilla(tmp_path, "{{ cliente.saludo }}")
    (tmp_path / "plantillas" / "primer_aviso.usted.j2").write_bytes("{{ 'ñ' }}".encode("latin-1"))
    codigo, pantalla = _cobrar(tmp_path, capsys, monkeypatch)

    assert codigo == 1
    assert f"«{ARCHIVO}» no está guardada como texto UTF-8" in _nota(pantalla)
    _sin_ingles(pantalla)


# --- the caps, straight on the core ----------------------------------------------------------------

CRECIMIENTOS = {
    "concatenar": "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "sumar-listas": "{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}{% endfor %}",
    "reemplazar": ("{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                   "{% set ns.s = ns.s|replace('x', 'xx') %}{% endfor %}"),
    "reemplazo-enorme": "{{ ('x' * 1000)|replace('x', 'y' * 100000) }}",
    "unir-con-separador-enorme": "{{ (' ' * 1000000).join(['a'] * 1000) }}",
    "unir-filtro": "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = [ns.s, ns.s]|join %}{% endfor %}",
    "porcentaje": ("{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                   "{% set ns.s = '%s%s' % (ns.s, ns.s) %}{% endfor %}"),
    "formato": ("{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                "{% set ns.s = '{}{}'.format(ns.s, ns.s) %}{% endfor %}"),
    "rellenar": ("{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                 "{% set ns.s = ns.s|center(ns.s|length * 2) %}{% endfor %}"),
    "multiplicar-enteros": "{% set ns = namespace(n=3) %}{% for i in range(64) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
    "lista-que-crece-sola": "{% set l = [1] %}{% for i in range(64) %}{{ l.extend(l) or '' }}{% endfor %}",
}


@pytest.mark.parametrize("bloque", list(CRECIMIENTOS.values()), ids=list(CRECIMIENTOS))
def test_nada_crece_sin_limite_ni_ocupa_la_memoria(tmp_path: Path, bloque: str) -> None:
    _plantilla(tmp_path, bloque)
    cartera, calculo = mensajes_de_prueba.libro([mensajes_de_prueba.cliente("C")],
                                                [mensajes_de_prueba.factura("FE-1", "C", "2026-11-20", 100)])
    entorno = redaccion.entorno(jinja2.FileSystemLoader(str(tmp_path / "plantillas")))
    tracemalloc.start()
    try:
        with pytest.raises(redaccion.PlantillaInvalida) as error:
            redaccion.componer(mensajes_de_prueba.aviso("C", ("FE-1",)), indexar(cartera, calculo), entorno)
        _, pico = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pico < 256 * 2**20, f"{pico / 2**20:.0f} MB"
    fallo = error.value.fallo
    assert fallo.lugares[-1] == (str(tmp_path / ARCHIVO), LINEA)
    assert fallo.motivo.endswith("algo que cartera no permite por seguridad"), fallo.motivo
    _sin_ingles(str(error.value))


# --- which file, and what to do ----------------------------------------------------------------------

def test_una_etapa_con_una_plantilla_que_no_existe(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    etapas = [fila[:4] + ["primer_avizo" if fila[0] == "Primer aviso" else fila[4]] for fila in ETAPAS]
    _libro(tmp_path, etapas)
    codigo, pantalla = _cobrar(tmp_path, capsys, monkeypatch)

    assert codigo == 1
    nota = _nota(pantalla)
    assert nota.strip("• ").startswith("La plantilla «primer_avizo.usted.j2» no existe (revise la columna Plantilla "
                                       "de la hoja Etapas"), nota
    assert "(C1)." in nota and "Corríjala" not in nota
    _sin_ingles(pantalla)
    assert _vistas_previas(tmp_path) == ["001_c2_segundo-aviso.eml", "002_c3_vence-hoy.eml"]


def test_unas_macros_propias_incompletas_nombran_la_original_que_las_usa(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The owner's ``_macros.j2`` lacks what cartera's templates import: every message names its template."""
    _libro(tmp_path)
    (tmp_path / "plantillas").mkdir()
    (tmp_path / "plantillas" / "_macros.j2").write_text("{% macro firma() %}Yo{% endmacro %}\n", encoding="utf-8")
    codigo, pantalla = _cobrar(tmp_path, capsys, monkeypatch)

    assert codigo == 1
    lineas = [linea for linea in pantalla.splitlines() if "La plantilla «" in linea]
    assert len(lineas) == 3, pantalla
    assert any("«primer_aviso.usted.j2» (la original de cartera), línea 8, usa «asunto_cobro», que no está en "
               "la plantilla que importa" in linea for linea in lineas), lineas
    assert all("_macros.j2" in linea for linea in lineas)
    _sin_ingles(pantalla)
    assert _vistas_previas(tmp_path) == []


def test_un_mensaje_legitimo_grande_no_se_confunde_con_un_exceso() -> None:
    """A reminder listing 2,000 open invoices (about 2.5 million characters of HTML) is composed as before."""
    numeros = tuple(f"F-{i}" for i in range(2000))
    cartera, calculo = mensajes_de_prueba.libro(
        [mensajes_de_prueba.cliente("C")], [mensajes_de_prueba.factura(n, "C", "2026-11-20", 100_000) for n in numeros])
    mensaje = redaccion.componer(mensajes_de_prueba.aviso("C", numeros), indexar(cartera, calculo), redaccion.entorno())
    assert len(mensaje.html) > 2_000_000 and "F-1999" in mensaje.texto
