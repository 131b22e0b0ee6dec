"""Benchmark: the real ``cobrar`` pipeline on 10k / 100k / 1M invoices, against the I/O floor.

    python benchmarks/bench.py                 # 10k, 100k, 1M (generated once, cached)
    python benchmarks/bench.py --tamanos 10000 100000

For each size, in a fresh subprocess (so peak memory is per size): generate a
contract-conforming workbook (1 client per 20 invoices, payments for a third
of them, realistic dates and states; cached in ``benchmarks/datos/``), then
time each phase of the pipeline in preview mode — read+validate, compute,
plan, messages (previews: all messages are composed; ``.eml`` files written
for at most ``--previas`` of them, the rest composed only), report, and
write-back (the owned columns + Historial, on a copy of the workbook) — and
the I/O floor: python-calamine reading the Facturas sheet plus xlsxwriter
writing a same-sized sheet in ``constant_memory`` mode.  Peak memory is the
process's resident set size, sampled every 5 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CARPETA_DATOS = Path(__file__).parent / "datos"
FECHA_CORTE = dt.date(2026, 11, 24)


# --------------------------------------------------------------------------- memory
class Memoria:
    """Peak resident set size of this process, sampled in a thread."""

    def __init__(self) -> None:
        self.pico = 0
        self._activo = True
        self._hilo = threading.Thread(target=self._muestrear, daemon=True)
        self._hilo.start()

    @staticmethod
    def actual() -> int:
        with open("/proc/self/statm") as archivo:
            return int(archivo.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def _muestrear(self) -> None:
        while self._activo:
            self.pico = max(self.pico, self.actual())
            time.sleep(0.005)

    def reiniciar(self) -> None:
        self.pico = self.actual()

    def detener(self) -> None:
        self._activo = False


# --------------------------------------------------------------------------- workbook
def generar(ruta: Path, n: int, semilla: int = 7) -> None:
    """A workbook of ``n`` facturas written with xlsxwriter in constant_memory mode."""
    import xlsxwriter

    azar = random.Random(semilla)
    libro = xlsxwriter.Workbook(str(ruta), {"constant_memory": True})
    fecha = libro.add_format({"num_format": "dd/mm/yyyy"})
    n_clientes = max(1, n // 20)
    hoja = libro.add_worksheet("Clientes")
    hoja.write_row(0, 0, ["Cliente", "Nombre", "Contacto", "Correo", "Teléfono", "Días de crédito"])
    for i in range(n_clientes):
        correo = f"pagos{i}@example.com" if i % 13 else ""
        hoja.write_row(i + 1, 0, [f"C{i:06d}", f"Cliente {i} S.A.S.", f"Contacto {i}", correo,
                                  f"+57 300 {i % 1000:03d} {i % 10000:04d}", 30 if i % 3 else 45])
    hoja = libro.add_worksheet("Facturas")
    hoja.write_row(0, 0, ["Factura", "Cliente", "Emisión", "Vencimiento", "Total", "Moneda", "Estado", "Promesa de pago"])
    estados = ["", "", "", "", "", "", "Pagada", "Disputa", "Promesa", "Plan de pagos", "Anulada"]
    pagos = []
    for i in range(n):
        emision = FECHA_CORTE - dt.timedelta(days=azar.randint(0, 200))
        venc = emision + dt.timedelta(days=30)
        total = azar.randint(50_000, 20_000_000) + azar.choice((0, 0.5, 0.25))
        estado = azar.choice(estados)
        fila = i + 1
        hoja.write_string(fila, 0, f"FE-{i:07d}")
        hoja.write_string(fila, 1, f"C{i % n_clientes:06d}")
        hoja.write_datetime(fila, 2, dt.datetime.combine(emision, dt.time()), fecha)
        if i % 10:
            hoja.write_datetime(fila, 3, dt.datetime.combine(venc, dt.time()), fecha)
        hoja.write_number(fila, 4, total)
        hoja.write_string(fila, 5, "COP")
        if estado:
            hoja.write_string(fila, 6, estado)
        if estado == "Promesa":
            hoja.write_datetime(fila, 7, dt.datetime.combine(FECHA_CORTE + dt.timedelta(days=azar.randint(-5, 5)), dt.time()), fecha)
        if i % 3 == 0:
            pagos.append((emision + dt.timedelta(days=azar.randint(0, 60)), f"FE-{i:07d}", round(total * azar.choice((1, 0.5, 0.3)), 2)))
    hoja = libro.add_worksheet("Pagos")
    hoja.write_row(0, 0, ["Fecha", "Factura", "Monto", "Método"])
    for j, (cuando, factura, monto) in enumerate(pagos, start=1):
        hoja.write_datetime(j, 0, dt.datetime.combine(cuando, dt.time()), fecha)
        hoja.write_string(j, 1, factura)
        hoja.write_number(j, 2, monto)
        hoja.write_string(j, 3, "transferencia")
    hoja = libro.add_worksheet("Configuración")
    hoja.write_row(0, 0, ["Parámetro", "Valor"])
    for j, (clave, valor) in enumerate([("Empresa", "Benchmark S.A.S."), ("Correo remitente", "cobros@example.com"),
                                       ("Fecha de corte", "2026-11-24"), ("Modo", "Prueba")], start=1):
        hoja.write_row(j, 0, [clave, valor])
    libro.close()


def libro_de(n: int) -> Path:
    CARPETA_DATOS.mkdir(parents=True, exist_ok=True)
    ruta = CARPETA_DATOS / f"cartera_{n}.xlsx"
    if not ruta.exists():
        inicio = time.perf_counter()
        generar(ruta, n)
        print(f"  (generado {ruta.name} en {time.perf_counter() - inicio:.1f} s)", file=sys.stderr)
    return ruta


# --------------------------------------------------------------------------- measuring
def medir(memoria: Memoria, fases: dict, nombre: str, funcion):
    memoria.reiniciar()
    inicio = time.perf_counter()
    valor = funcion()
    fases[nombre] = {"s": time.perf_counter() - inicio, "pico_mb": memoria.pico / 2**20}
    return valor


def piso_io(ruta: Path, filas: int, carpeta: Path) -> tuple[float, float]:
    """(read s, write s): calamine over Facturas; xlsxwriter constant_memory of a same-sized sheet."""
    import python_calamine
    import xlsxwriter

    inicio = time.perf_counter()
    datos = python_calamine.CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name("Facturas").to_python()
    lectura = time.perf_counter() - inicio
    inicio = time.perf_counter()
    libro = xlsxwriter.Workbook(str(carpeta / "piso.xlsx"), {"constant_memory": True})
    hoja = libro.add_worksheet("Detalle")
    for i, fila in enumerate(datos[: filas + 1]):
        for j, valor in enumerate(fila):
            if isinstance(valor, str):
                hoja.write_string(i, j, valor)
            elif isinstance(valor, (int, float)):
                hoja.write_number(i, j, valor)
            elif isinstance(valor, (dt.date, dt.datetime)):
                hoja.write_datetime(i, j, valor)
        for j in range(len(fila), 16):  # the report's Detalle has 16 columns
            hoja.write_number(i, j, i)
    libro.close()
    return lectura, time.perf_counter() - inicio


def una_medida(n: int, previas: int) -> dict:
    """Run the pipeline phases on a copy of the n-row workbook; return the figures."""
    from cartera.calculo import antiguedad as calculo
    from cartera.calculo import calendario
    from cartera.correo import remitentes
    from cartera.correo.despacho import Despacho, despachar
    from cartera.excel import documento as excel
    from cartera.informe import armado as informe
    from cartera.libro import anotacion
    from cartera.libro import apertura as libro
    from cartera.mensajes import redaccion as mensajes
    from cartera.mensajes.indice import indexar
    from cartera.plan import agenda as plan
    from cartera.plan.urgencia import por_urgencia
    from cartera.vocabulario import ENVIADO, VISTA_PREVIA

    origen = libro_de(n)
    memoria = Memoria()
    fases: dict = {}
    with tempfile.TemporaryDirectory() as temporal:
        carpeta = Path(temporal)
        ruta = carpeta / origen.name
        shutil.copy(origen, ruta)
        cartera = medir(memoria, fases, "leer y validar", lambda: libro.leer(ruta))
        festivos = calendario.festivos("CO", range(2024, 2028))
        calc = medir(memoria, fases, "calcular", lambda: calculo.calcular(cartera, FECHA_CORTE, festivos))
        plan_ = medir(memoria, fases, "planear", lambda: plan.planificar(cartera, calc))
        ahora = dt.datetime(2026, 11, 24, 18, 0, tzinfo=dt.UTC)

        def componer():
            avisos = por_urgencia(plan_.avisos, cartera.etapas, calc.facturas)
            return mensajes.redactar(avisos, indexar(cartera, calc), mensajes.entorno()).mensajes

        compuestos = medir(memoria, fases, "redactar mensajes", componer)
        vista = remitentes.VistaPrevia(carpeta / "salida", carpeta)
        resultados = medir(memoria, fases, "vistas previas", lambda: despachar(
            compuestos[:previas], vista, Despacho(cartera.configuracion, carpeta, ahora)).resultados)
        datos = medir(memoria, fases, "informe (datos)", lambda: informe.construir(cartera, calc, plan_, resultados))
        medir(memoria, fases, "informe (xlsx)", lambda: excel.guardar(datos, carpeta, FECHA_CORTE, pais="CO"))
        enviados = tuple(r._replace(resultado=ENVIADO) for r in resultados if r.resultado == VISTA_PREVIA)
        medir(memoria, fases, "escribir en el libro", lambda: anotacion.escribir_en_libro(
            ruta, cartera, calc, enviados, anotacion.en_historial(ruta, cartera)))
        memoria.reiniciar()
        lectura, escritura_ = piso_io(origen, n, carpeta)
    memoria.detener()
    total = sum(f["s"] for f in fases.values())
    piso = lectura + escritura_
    return {"n": n, "fases": fases, "total_s": total, "piso_s": piso, "piso_lectura_s": lectura,
            "piso_escritura_s": escritura_, "razon": total / piso, "pico_mb": max(f["pico_mb"] for f in fases.values()),
            "mensajes": len(plan_.avisos), "vistas_previas": min(previas, len(compuestos))}


def envios_por_segundo(cantidad: int) -> float:
    """Messages per second over ONE authenticated connection to the Gmail-like test server on loopback."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from email.message import EmailMessage
    from email.utils import make_msgid

    from servidor_smtp import CLAVE, USUARIO, ServidorSMTP

    from cartera.correo import gmail

    with ServidorSMTP() as servidor:
        ajustes = gmail.Ajustes(servidor.host, servidor.puerto, "Ninguna", USUARIO)
        inicio = time.perf_counter()
        with gmail.conectar(ajustes, CLAVE) as conexion:
            for i in range(cantidad):
                correo = EmailMessage()
                correo["From"], correo["To"], correo["Subject"] = USUARIO, f"cliente{i}@example.com", f"Aviso {i}"
                correo["Message-ID"] = make_msgid(domain="example.com")
                correo.set_content("Saldo pendiente: $ 1.250.000\n" * 20)
                conexion.enviar(correo)
        segundos = time.perf_counter() - inicio
        assert len(servidor.recibidos) == cantidad and servidor.inicios == 1
    return cantidad / segundos


def imprimir(medida: dict) -> None:
    print(f"\n{medida['n']:,} facturas — {medida['mensajes']} mensajes ({medida['vistas_previas']} vistas previas escritas)")
    for nombre, fase in medida["fases"].items():
        print(f"  {nombre:<22} {fase['s']:8.2f} s   pico {fase['pico_mb']:8.0f} MB")
    print(f"  {'total':<22} {medida['total_s']:8.2f} s   pico {medida['pico_mb']:8.0f} MB")
    print(f"  piso de E/S: leer {medida['piso_lectura_s']:.2f} s + escribir {medida['piso_escritura_s']:.2f} s "
          f"= {medida['piso_s']:.2f} s  →  razón {medida['razon']:.2f}×")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tamanos", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--previas", type=int, default=200, help="vistas previas .eml escritas como máximo")
    parser.add_argument("--smtp", type=int, default=300, help="mensajes enviados al servidor SMTP local (0: no medir)")
    parser.add_argument("--una", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.una:
        print(json.dumps(una_medida(args.una, args.previas)))
        return 0
    medidas = []
    for n in args.tamanos:
        libro_de(n)
        proceso = subprocess.run([sys.executable, __file__, "--una", str(n), "--previas", str(args.previas)],
                                 capture_output=True, text=True, check=True)
        medida = json.loads(proceso.stdout.strip().splitlines()[-1])
        imprimir(medida)
        medidas.append(medida)
    if args.smtp:
        print(f"\nEnvío por SMTP (servidor de prueba en 127.0.0.1, una conexión, un login): "
              f"{envios_por_segundo(args.smtp):.0f} mensajes/s ({args.smtp} mensajes)")
    if len(medidas) >= 2:
        print(f"\nCrecimiento {medidas[-1]['n']:,} / {medidas[-2]['n']:,}: {medidas[-1]['total_s'] / medidas[-2]['total_s']:.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
