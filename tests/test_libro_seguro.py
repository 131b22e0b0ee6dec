"""End to end: write-back, history and exactly-once sending of the real ``cartera cobrar --enviar``.

Every test runs the real command in a subprocess on a real .xlsx (built with
xlsxwriter) and sends through a real Gmail-like SMTP server on loopback
(``servidor_smtp``), with the app password in the temp keyring of
``conftest.llavero``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from libros import Formula, escribir_libro
from servidor_smtp import USUARIO, Comportamiento, ServidorSMTP

from cartera.lectura import esquema
from cartera.libro import bloqueo, diario, escritura, resguardo

CORTE = dt.date.today()
"""The as-of date: today, so that Historial's real timestamps and --fecha agree."""
PROPIAS = esquema.ENCABEZADOS_PROPIOS
ENCABEZADOS_FACTURAS = ["Factura", "Cliente", "Emisión", "Vencimiento", "Total", "Estado", "Notas"]


# --- building workbooks ------------------------------------------------------------

def _clientes(n: int) -> list[list]:
    filas = [["Cliente", "Nombre", "Contacto", "Correo", "Trato"]]
    return filas + [[f"C{i:02d}", f"Cliente {i} S.A.S.", f"Contacto {i}", f"c{i}@cliente{i}.co", "usted"]
                    for i in range(1, n + 1)]


def _facturas(n: int, *, vencida_hace: int = 4, total: object = None) -> list[list]:
    """One open invoice per client, due ``vencida_hace`` days before CORTE (Primer aviso by default)."""
    vence = CORTE - dt.timedelta(days=vencida_hace)
    filas = [list(ENCABEZADOS_FACTURAS)]
    for i in range(1, n + 1):
        monto = total(i) if callable(total) else 100000 * i + 50.25
        filas.append([f"F-{i:03d}", f"C{i:02d}", vence - dt.timedelta(days=30), vence, monto, "", f"nota {i}"])
    return filas


def _configuracion(servidor: ServidorSMTP) -> list[list]:
    return [["Parámetro", "Valor"], ["Empresa", "Suministros Andinos"], ["Correo remitente", USUARIO],
            ["Modo", "Envío"], ["Servidor SMTP", "127.0.0.1"], ["Puerto SMTP", servidor.puerto],
            ["Seguridad SMTP", "Ninguna"], ["País", "CO"], ["Moneda", "COP"]]


def _hojas(servidor: ServidorSMTP, n: int = 3, **opciones: object) -> dict[str, list[list]]:
    return {"Clientes": _clientes(n), "Facturas": _facturas(n, **opciones),
            "Pagos": [["Fecha", "Factura", "Cliente", "Monto", "Método", "Referencia"]],
            "Configuración": _configuracion(servidor)}


def _libro(carpeta: Path, servidor: ServidorSMTP, n: int = 3, **opciones: object) -> Path:
    return escribir_libro(carpeta / "cartera.xlsx", _hojas(servidor, n, **opciones))


# --- running the command -------------------------------------------------------------

def _argumentos(libro: Path, fecha: dt.date, extra: tuple[str, ...]) -> list[str]:
    return [sys.executable, "-m", "cartera", "cobrar", str(libro), "--enviar", "--no-abrir",
            "--fecha", fecha.isoformat(), *extra]


def _cobrar(libro: Path, fecha: dt.date = CORTE, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(_argumentos(libro, fecha, extra), cwd=libro.parent, capture_output=True, text=True,
                          encoding="utf-8", stdin=subprocess.DEVNULL, timeout=120)


def _cobrar_json(libro: Path, fecha: dt.date = CORTE) -> dict:
    proceso = _cobrar(libro, fecha, "--json")
    assert "Traceback" not in proceso.stderr, proceso.stderr
    return json.loads(proceso.stdout)


# --- reading results -----------------------------------------------------------------

def _hash(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def _partes(ruta: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(ruta) as z:
        return {n: z.read(n) for n in z.namelist()}


def _etapas_recibidas(servidor: ServidorSMTP) -> Counter:
    """(recipient, subject) → how many times it arrived."""
    return Counter((r.destinatarios, str(r.mensaje["Subject"])) for r in servidor.recibidos)


def _hoja(ruta: Path, nombre: str) -> list[tuple]:
    libro = openpyxl.load_workbook(ruta)
    try:
        return [tuple(f) for f in libro[nombre].iter_rows(values_only=True)]
    finally:
        libro.close()


def _como_dicts(filas: list[tuple]) -> list[dict]:
    return [dict(zip(filas[0], f, strict=True)) for f in filas[1:] if any(v is not None for v in f)]


def _recordatorios(salida: dict) -> list[dict]:
    return _como_dicts(_hoja(Path(salida["informe"]), "Recordatorios"))


def _detalle(salida: dict) -> list[tuple]:
    filas = _hoja(Path(salida["informe"]), "Detalle")
    return [f for f in filas if f and isinstance(f[0], str) and f[0].startswith("F-")]


# --- the basic run -------------------------------------------------------------------

def test_envio_escribe_columnas_propias_e_historial(tmp_path, servidor_smtp, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp)
    salida = _cobrar_json(libro)
    assert salida["mensajes"]["enviado"] == 3 and salida["codigo_salida"] == 0, salida
    assert len(servidor_smtp.recibidos) == 3
    facturas = _hoja(libro, "Facturas")
    assert facturas[0][: len(ENCABEZADOS_FACTURAS)] == tuple(ENCABEZADOS_FACTURAS)
    assert facturas[0][len(ENCABEZADOS_FACTURAS):] == PROPIAS
    fila = dict(zip(facturas[0], facturas[1], strict=True))
    assert fila["Pagado (calculado)"] == 0 and fila["Saldo (calculado)"] == pytest.approx(100050.25)
    assert fila["Días vencidos (calculado)"] == 4 and fila["Tramo (calculado)"] == "1-30"
    assert fila["Último aviso (calculado)"] == "Primer aviso"
    assert fila["Fecha último aviso (calculado)"].date() == CORTE
    assert fila["Notas"] == "nota 1"
    historial = _como_dicts(_hoja(libro, "Historial"))
    assert [h["Resultado"] for h in historial] == ["enviado"] * 3
    assert {h["Cliente"] for h in historial} == {"C01", "C02", "C03"}
    assert all(h["Message-ID"].startswith("<") and h["Etapa"] == "Primer aviso" for h in historial)
    assert isinstance(historial[0]["Fecha"], dt.datetime)


def test_encabezados_propios_marcados_visiblemente(tmp_path, servidor_smtp, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp)
    _cobrar_json(libro)
    hoja = openpyxl.load_workbook(libro)["Facturas"]
    propia, del_usuario = hoja.cell(1, len(ENCABEZADOS_FACTURAS) + 1), hoja.cell(1, 1)
    assert propia.value.endswith("(calculado)")
    assert propia.font.i and propia.fill.fgColor.rgb != del_usuario.fill.fgColor.rgb
    assert hoja.column_dimensions[propia.column_letter].width > 10


# --- (1) a kill mid-send -----------------------------------------------------------------

def _eventos(carpeta: Path) -> Counter:
    ruta = diario.ruta_diario(carpeta)
    lineas = ruta.read_bytes().splitlines() if ruta.exists() else []
    return Counter(json.loads(x).get("evento") for x in lineas if x.strip().endswith(b"}"))


def _matar_en_pleno_envio(libro: Path, servidor: ServidorSMTP, enviados: int) -> None:
    """Start a sending run and SIGKILL it once ``enviados`` messages have a result and the next one is in flight."""
    proceso = subprocess.Popen(_argumentos(libro, CORTE, ()), cwd=libro.parent, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        limite = time.monotonic() + 60
        while time.monotonic() < limite:
            eventos = _eventos(libro.parent)
            if eventos["resultado"] >= enviados and eventos["intencion"] == eventos["resultado"] + 1:
                break
            assert proceso.poll() is None, "la ejecución terminó antes de poder interrumpirla"
            time.sleep(0.01)
        os.kill(proceso.pid, signal.SIGKILL)
    finally:
        proceso.wait(timeout=30)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_matar_a_mitad_de_envio_no_duplica_y_deja_un_incierto(tmp_path, crear_servidor_smtp, clave_guardada):
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(demora=0.15))
    libro = _libro(tmp_path, servidor, n=5)
    original = _hash(libro)
    _matar_en_pleno_envio(libro, servidor, enviados=2)
    assert _hash(libro) == original  # killed before the write-back: the workbook is untouched
    servidor.comportamiento = Comportamiento()
    salida = _cobrar_json(libro)
    recibidos = _etapas_recibidas(servidor)
    assert max(recibidos.values()) == 1, recibidos  # nobody got a stage twice
    inciertos = [r for r in _recordatorios(salida) if r["Resultado"] == "incierto"]
    assert len(inciertos) == 1 and salida["codigo_salida"] == 1
    clientes = {r.destinatarios for r in servidor.recibidos}
    assert len(clientes) in (4, 5)  # the one in flight may or may not have arrived
    historial = _como_dicts(_hoja(libro, "Historial"))
    assert Counter(h["Resultado"] for h in historial) == {"enviado": 4, "incierto": 1}
    incierto = next(h for h in historial if h["Resultado"] == "incierto")
    assert incierto["Cliente"] == inciertos[0]["Cliente"]

    assert _cobrar_json(libro)["mensajes"]["enviado"] == 0  # not re-sent automatically
    liberar = subprocess.run([sys.executable, "-m", "cartera", "reenviar", str(libro), incierto["Message-ID"]],
                             cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert liberar.returncode == 0, liberar.stderr
    antes = len(servidor.recibidos)
    salida = _cobrar_json(libro)
    assert salida["mensajes"]["enviado"] == 1
    nuevo = servidor.recibidos[antes:]
    assert len(nuevo) == 1 and nuevo[0].destinatarios == (f"c{incierto['Cliente'][1:].lstrip('0')}@cliente"
                                                            f"{incierto['Cliente'][1:].lstrip('0')}.co",)
    assert _cobrar_json(libro)["mensajes"]["enviado"] == 0


# --- (2) Excel has the workbook open -----------------------------------------------------

def test_excel_abierto_envia_no_toca_el_libro_y_luego_fusiona(tmp_path, servidor_smtp, clave_guardada):
    libro = _libro(tmp_path, servidor_smtp)
    dueño = tmp_path / "~$cartera.xlsx"
    dueño.write_bytes(b"\x0bMarta Gomez" + b"\x00" * 40)
    original = _hash(libro)
    proceso = _cobrar(libro)
    assert proceso.returncode == 1, proceso.stderr  # sent, not written back: the exit code says so (issue 18)
    assert "✗ Anotando en el libro" in proceso.stderr
    assert _hash(libro) == original and len(servidor_smtp.recibidos) == 3
    assert "Cierre el archivo en Excel" in proceso.stdout and "Mensajes enviados: 3" in proceso.stdout
    dueño.unlink()
    salida = _cobrar_json(libro)
    assert salida["mensajes"]["enviado"] == 0 and len(servidor_smtp.recibidos) == 3
    historial = _como_dicts(_hoja(libro, "Historial"))
    assert len(historial) == 3 and {h["Resultado"] for h in historial} == {"enviado"}
    assert {h["Message-ID"] for h in historial} == {r.mensaje["Message-ID"] for r in servidor_smtp.recibidos}
    assert {f[len(ENCABEZADOS_FACTURAS) + 5] for f in _hoja(libro, "Facturas")[1:]} == {"Primer aviso"}
    _cobrar_json(libro)
    assert len(_como_dicts(_hoja(libro, "Historial"))) == 3  # merged once, never twice


# --- (3) parts a spreadsheet library would drop ----------------------------------------------

def _png() -> bytes:
    import struct
    import zlib

    def trozo(tipo: bytes, datos: bytes) -> bytes:
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))
    cabecera = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + trozo(b"IHDR", cabecera) + trozo(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + trozo(b"IEND", b"")


def _libro_decorado(carpeta: Path, servidor: ServidorSMTP, decorar) -> Path:
    """The test workbook written by xlsxwriter directly, then ``decorar(libro, hojas)`` adds extras."""
    ruta = carpeta / "cartera.xlsx"
    libro = xlsxwriter.Workbook(str(ruta))
    fecha = libro.add_format({"num_format": "dd/mm/yyyy"})
    hojas = {}
    for nombre, filas in _hojas(servidor).items():
        hoja = hojas[nombre] = libro.add_worksheet(nombre)
        for i, fila in enumerate(filas):
            for j, valor in enumerate(fila):
                if isinstance(valor, dt.date):
                    hoja.write_datetime(i, j, dt.datetime.combine(valor, dt.time()), fecha)
                elif valor is not None:
                    hoja.write(i, j, valor)
    decorar(libro, hojas, carpeta)
    libro.close()
    return ruta


def _formas(libro, hojas, carpeta: Path) -> None:
    imagen = carpeta / "logo.png"
    imagen.write_bytes(_png())
    hojas["Facturas"].insert_textbox("J2", "Llamar a Marta antes del viernes", {"width": 220, "height": 60})
    hojas["Facturas"].add_sparkline("H2", {"range": "Facturas!E2:E4", "type": "column"})
    hojas["Facturas"].insert_image("J8", str(imagen))
    hojas["Clientes"].insert_image("G2", str(imagen))


def _sin_cambio(antes: dict[str, bytes], despues: dict[str, bytes], cambiadas: set[str]) -> list[str]:
    return [n for n in antes if n not in cambiadas and antes[n] != despues.get(n)]


def test_formas_minigraficos_e_imagenes_sobreviven_byte_a_byte(tmp_path, servidor_smtp, clave_guardada):
    libro = _libro_decorado(tmp_path, servidor_smtp, _formas)
    assert "formas y cuadros de texto" in escritura.partes_en_riesgo(libro)
    antes = _partes(libro)
    salida = _cobrar_json(libro)
    assert salida["mensajes"]["enviado"] == 3 and salida["notas"] == []
    despues = _partes(libro)
    facturas = "xl/worksheets/sheet2.xml"
    cambiadas = {facturas, "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    assert _sin_cambio(antes, despues, cambiadas) == []
    assert any(n.startswith("xl/drawings/") for n in antes) and any(n.startswith("xl/media/") for n in antes)
    for trozo in (b"<drawing ", b"<x14:sparklineGroups"):
        inicio = antes[facturas].index(trozo)
        fin = antes[facturas].index(b"</extLst>") if b"sparkline" in trozo else antes[facturas].index(b"/>", inicio)
        assert antes[facturas][inicio:fin] in despues[facturas]
    assert "Pagado (calculado)" in _hoja(libro, "Facturas")[0]
    assert openpyxl.load_workbook(libro)["Facturas"]["H1"].value is None  # the sparkline's cell stays free


# --- (4) a richly formatted workbook ------------------------------------------------------------

def _formatos(libro, hojas, carpeta: Path) -> None:
    facturas = hojas["Facturas"]
    negrita = libro.add_format({"bold": True, "bg_color": "#FFF2CC", "border": 1})
    moneda = libro.add_format({"num_format": "#,##0.00 [$COP]", "font_color": "#1F4E79"})
    for j, titulo in enumerate(ENCABEZADOS_FACTURAS):
        facturas.write(0, j, titulo, negrita)
    for i in range(1, 4):
        facturas.write_number(i, 4, 100000 * i + 50.25, moneda)
    facturas.set_column("A:A", 14)
    facturas.set_column("G:G", 40)
    facturas.freeze_panes(1, 0)
    facturas.write_comment("A2", "Factura con acuerdo verbal")
    facturas.data_validation("F2:F500", {"validate": "list", "source": ["Pendiente", "Pagada", "Disputa"]})
    facturas.conditional_format("E2:E500", {"type": "cell", "criteria": ">", "value": 200000,
                                            "format": libro.add_format({"font_color": "#9C0006"})})
    facturas.autofilter("A1:G4")
    libro.define_name("Montos", "=Facturas!$E$2:$E$4")
    calculos = libro.add_worksheet("Cálculos")
    calculos.write_formula("A1", "=SUM(Montos)", None, 600150.75)
    calculos.write_formula("A2", '=COUNTIF(Facturas!F2:F4,"")', None, 3)
    calculos.write("B1", "Total facturado", negrita)


def test_libro_con_formato_queda_intacto(tmp_path, servidor_smtp, clave_guardada):
    libro = _libro_decorado(tmp_path, servidor_smtp, _formatos)
    antes = _partes(libro)
    _cobrar_json(libro)
    despues = _partes(libro)
    cambiadas = {"xl/worksheets/sheet2.xml", "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                 "[Content_Types].xml"}
    assert _sin_cambio(antes, despues, cambiadas) == []  # comments, the extra sheet, sharedStrings…
    hoja = openpyxl.load_workbook(libro)
    facturas, calculos = hoja["Facturas"], hoja["Cálculos"]
    assert facturas["A1"].font.b and facturas["A1"].fill.fgColor.rgb == "FFFFF2CC" and facturas["A1"].border.left.style
    assert facturas["E2"].number_format == "#,##0.00 [$COP]" and facturas["E2"].font.color.rgb == "FF1F4E79"
    assert facturas.column_dimensions["A"].width == pytest.approx(14.7109375, abs=1)
    assert facturas.column_dimensions["G"].width == pytest.approx(40.7109375, abs=1)
    assert facturas.freeze_panes == "A2" and facturas.auto_filter.ref == "A1:G4"
    assert facturas["A2"].comment.text.startswith("Factura con acuerdo verbal")
    assert [str(v.sqref) for v in facturas.data_validations.dataValidation] == ["F2:F500"]
    assert [str(r.sqref) for r in facturas.conditional_formatting] == ["E2:E500"]
    assert hoja.defined_names["Montos"].attr_text == "Facturas!$E$2:$E$4"
    assert calculos["A1"].value == "=SUM(Montos)" and calculos["B1"].font.b
    assert facturas["H1"].value == "Pagado (calculado)" and facturas["I2"].number_format == "#,##0.00"
    valores = openpyxl.load_workbook(libro, data_only=True)["Cálculos"]
    assert valores["A1"].value == 600150.75 and valores["A2"].value == 3  # cached values kept


# --- (5) Total as a formula with Excel's cached value ---------------------------------------------

def test_total_como_formula_da_las_mismas_cifras_tras_escribir(tmp_path, servidor_smtp, clave_guardada):
    def total(i: int) -> Formula:
        return Formula(f"=100000*{i}+50.25", 100000 * i + 50.25)

    libro = escribir_libro(tmp_path / "cartera.xlsx", _hojas(servidor_smtp, total=total))
    primera = _cobrar_json(libro)
    assert primera["totales"] == [{"moneda": "COP", "por_cobrar": "600150.75", "vencido": "600150.75"}]
    segunda = _cobrar_json(libro)
    assert segunda["totales"] == primera["totales"] and segunda["filas_rechazadas"] == 0
    columnas = slice(0, 11)  # Factura … Recargo
    assert [f[columnas] for f in _detalle(segunda)] == [f[columnas] for f in _detalle(primera)]
    assert openpyxl.load_workbook(libro)["Facturas"]["E2"].value == "=100000*1+50.25"


# --- (6) two runs at once ---------------------------------------------------------------------------

def test_dos_ejecuciones_a_la_vez_la_segunda_se_niega(tmp_path, crear_servidor_smtp, clave_guardada):
    servidor = crear_servidor_smtp(comportamiento=Comportamiento(demora=0.5))  # the first run sends for ~7 s
    libro = _libro(tmp_path, servidor, n=5)
    primera = subprocess.Popen(_argumentos(libro, CORTE, ()), cwd=tmp_path, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        limite = time.monotonic() + 60
        while not _eventos(tmp_path)["intencion"] and time.monotonic() < limite:
            time.sleep(0.01)
        segunda = _cobrar(libro)
    finally:
        salida_primera, _ = primera.communicate(timeout=60)
    assert segunda.returncode == 2
    assert "Otra ejecución de cartera está usando este libro" in segunda.stderr
    assert f"proceso {primera.pid}" in segunda.stderr and "Traceback" not in segunda.stderr
    assert primera.returncode == 0, salida_primera
    assert len(servidor.recibidos) == 5
    assert not (tmp_path / bloqueo.CARPETA / bloqueo.NOTA).exists()  # the note goes; the (empty) lock file stays


# --- (7) the save fails mid-write ---------------------------------------------------------------------

def _limitar_archivos(bytes_maximos: int):
    def limitar() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (bytes_maximos, bytes_maximos))
    return limitar


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_fallo_al_guardar_deja_el_original(tmp_path, servidor_smtp, clave_guardada):
    hojas = _hojas(servidor_smtp)
    hojas["Notas"] = [[os.urandom(24).hex() for _ in range(8)] for _ in range(1500)]  # ~400 kB, incompressible
    libro = escribir_libro(tmp_path / "cartera.xlsx", hojas)
    original, tamaño = _hash(libro), libro.stat().st_size
    proceso = subprocess.run(_argumentos(libro, CORTE, ("--json",)), cwd=tmp_path, capture_output=True, text=True,
                             encoding="utf-8", stdin=subprocess.DEVNULL, timeout=120,
                             preexec_fn=_limitar_archivos(tamaño // 2))
    salida = json.loads(proceso.stdout)
    assert salida["mensajes"]["enviado"] == 3
    assert any("El libro no se modificó" in n for n in salida["notas"]), salida["notas"]
    assert _hash(libro) == original
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~cartera-tmp")] == []
    siguiente = _cobrar_json(libro)
    assert siguiente["mensajes"]["enviado"] == 0 and siguiente["notas"] == []
    assert len(_como_dicts(_hoja(libro, "Historial"))) == 3
    assert resguardo.respaldos(libro) and _hash(resguardo.respaldos(libro)[-1]) == original


# --- (8) idempotency across days, and edits between runs ------------------------------------------

def _editar(libro: Path, hoja: str, celda: str, valor: object = None, fila: list | None = None) -> None:
    """What the owner does in Excel between two runs."""
    wb = openpyxl.load_workbook(libro)
    if fila is not None:
        wb[hoja].append(fila)
    else:
        wb[hoja][celda] = valor
    wb.save(libro)


def test_dias_siguientes_solo_etapas_nuevas_y_respeta_las_ediciones(tmp_path, servidor_smtp, clave_guardada):
    hojas = _hojas(servidor_smtp, n=4)
    vencimientos = {1: -4, 2: 10, 3: -12, 4: -4}  # days until due: Primer aviso, por vencer, Segundo aviso, Primer aviso
    for i, dias in vencimientos.items():
        hojas["Facturas"][i][3] = CORTE + dt.timedelta(days=dias)
        hojas["Facturas"][i][2] = CORTE + dt.timedelta(days=dias - 30)
    hojas["Clientes"][4][3] = "correo-roto"  # C04 cannot be e-mailed
    libro = escribir_libro(tmp_path / "cartera.xlsx", hojas)
    primera = _cobrar_json(libro)
    assert primera["mensajes"]["enviado"] == 2 and primera["llamadas"] >= 1  # C01 and C03; C04 to the call list
    assert _cobrar_json(libro)["mensajes"]["enviado"] == 0  # same day again: nothing new
    _editar(libro, "Clientes", "D5", "c4@cliente4.co")  # the owner fixes C04's e-mail…
    _editar(libro, "Pagos", "", fila=[CORTE + dt.timedelta(days=2), "F-001", "", 100050.25, "transferencia", "T-1"])
    antes = len(servidor_smtp.recibidos)
    semana = _cobrar_json(libro, CORTE + dt.timedelta(days=7))
    nuevos = {r.destinatarios[0]: str(r.mensaje["Subject"]) for r in servidor_smtp.recibidos[antes:]}
    # C01 paid (no Segundo aviso); C02 reaches Recordatorio preventivo; C03 stays at Segundo aviso (already sent);
    # C04 (e-mail fixed) gets its reminder now
    assert set(nuevos) == {"c2@cliente2.co", "c4@cliente4.co"}, nuevos
    assert semana["mensajes"]["enviado"] == 2
    assert _cobrar_json(libro, CORTE + dt.timedelta(days=7))["mensajes"]["enviado"] == 0
    facturas = _como_dicts(_hoja(libro, "Facturas"))
    f1 = next(f for f in facturas if f["Factura"] == "F-001")
    assert f1["Saldo (calculado)"] == 0 and f1["Pagado (calculado)"] == pytest.approx(100050.25)
    assert f1["Tramo (calculado)"] is None and f1["Último aviso (calculado)"] == "Primer aviso"
    historial = _como_dicts(_hoja(libro, "Historial"))
    assert len(historial) == 4 and len({h["Message-ID"] for h in historial}) == 4
