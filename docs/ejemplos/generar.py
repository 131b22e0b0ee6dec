"""Rebuild the sample messages in this folder: ``python docs/ejemplos/generar.py [CARPETA]``.

Realistic data for a Colombian distributor (one client per stage, a client
with two currencies, a few clients addressed as ``tú``) and a Spanish
supplier in euros, rendered with the packaged templates and written as
``.eml`` files that any mail program opens.  Dates are fixed, so the output
is the same whatever the day it is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd

from cartera.correo import vista_previa
from cartera.decisiones import ENVIO_FACTURA, PROMESA_INCUMPLIDA, RECORDATORIO, Aviso
from cartera.dinero import dividir_redondeando
from cartera.mensajes import redaccion as mensajes
from cartera.mensajes.indice import indexar
from cartera.modelo import Calculo, Cartera, Configuracion
from cartera.politica import ETAPAS_PREDETERMINADAS, RECARGOS_PREDETERMINADOS

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repo root, where muestra/ lives
from muestra.pdf import pdf_texto  # noqa: E402

CARPETA = Path(__file__).resolve().parent
CORTE = dt.date(2026, 11, 24)
FECHAS = ("emision", "vencimiento", "promesa", "fecha_limite_descuento", "fecha_pago")

COLOMBIA = Configuracion(
    empresa="Distribuidora Andina S.A.S.",
    remitente="Laura Méndez",
    correo_remitente="cartera@distribuidoraandina.example",
    firma="Coordinadora de cartera\nCalle 72 # 10-34, Bogotá",
    telefono="+57 601 345 6789",
    medios_pago=(
        "Transferencia a Bancolombia, cuenta de ahorros 123-456789-01, NIT 900.123.456-7\n"
        "Nequi o Daviplata al 300 123 4567\n"
        "Efectivo o cheque en nuestra oficina, de lunes a viernes de 8:00 a 17:00"
    ),
)
ESPANA = replace(
    COLOMBIA, empresa="Suministros Levante S.L.", remitente="Jordi Puig", correo_remitente="cobros@suministroslevante.example",
    firma="Administración\nAvda. del Puerto 118, 46023 Valencia", telefono="+34 963 123 456",
    medios_pago="Transferencia al IBAN ES91 2100 0418 4502 0005 1332 (CaixaBank)\nBizum al 600 123 456",
    moneda="EUR", pais="ES",
)

CLIENTES = (
    # cliente, nombre, contacto, correo, trato
    ("FERRETORNILLO", "Ferretería El Tornillo", "Marta Gómez", "marta.gomez@eltornillo.example", "usted"),
    ("PANADERIA-SOL", "Panadería Sol de Oriente", "Julián Rojas", "julian@soldeoriente.example", "usted"),
    ("HOTEL-BRISAS", "Hotel Brisas del Mar", "Carolina Ospina", "compras@hotelbrisas.example", "usted"),
    ("PAPELERIA-CENTRAL", "Papelería Central", "", "contabilidad@papeleriacentral.example", "usted"),
    ("CONSTRUCTORA-ROBLE", "Constructora El Roble S.A.", "Ing. Hernán Vargas", "pagos@constructoraroble.example", "usted"),
    ("TRANSPORTES-ANDES", "Transportes de los Andes Ltda.", "Patricia Ruiz", "tesoreria@transandes.example", "usted"),
    ("IMPORTEC", "Importaciones Técnicas del Caribe", "Andrés Felipe Castaño", "tesoreria@importec.example", "usted"),
    ("FOGON-PAISA", "Restaurante El Fogón Paisa", "Gloria Restrepo", "gloria@fogonpaisa.example", "usted"),
    ("DROGUERIA-SALUD", "Droguería Salud Total", "Ricardo Pérez", "administracion@drogueriasalud.example", "usted"),
    ("CAFE-MONTANA", "Café La Montaña", "", "pagos@cafelamontana.example", "tú"),
    ("OPTICA-VISION", "Óptica Visión Clara", "Sofía Herrera", "sofia@visionclara.example", "tú"),
    ("ESTUDIO-LUZ", "Estudio Creativo Luz", "Valentina", "hola@estudioluz.example", "tú"),
    ("LIBRERIA-ALCALA", "Librería Alcalá", "Carmen Navarro", "carmen@libreriaalcala.example", "usted"),
)


def _factura(numero: str, cliente: str, emision: str, vencimiento: str, total: int, *, pagado: int = 0,
             tasa: int = 0, moneda: str = "COP", **otros) -> dict:
    """One computed factura row.  ``total``/``pagado`` in centavos; ``tasa``: late fee % of the saldo."""
    saldo = total - pagado
    dias = max(0, (CORTE - dt.date.fromisoformat(vencimiento)).days) if saldo else 0
    fila = {
        "factura": numero, "cliente": cliente, "emision": emision, "vencimiento": vencimiento, "total": total,
        "moneda": moneda, "estado": "Pendiente" if saldo else "Pagada", "promesa": None, "enlace": "", "archivo": "",
        "fila": 2, "vencimiento_calculado": False, "pagado": pagado, "saldo": saldo, "abierta": saldo > 0,
        "dias_vencidos": dias, "tramo": "", "recargo": dividir_redondeando(saldo * tasa, 100), "recargo_topado": False,
        "compensacion": 0, "descuento": 0, "fecha_limite_descuento": None, "etapa": "", "fecha_pago": None,
    }
    fila.update(otros)
    return fila


ENLACE = "https://pagos.distribuidoraandina.example/"
FACTURAS = (
    _factura("FE-1131", "FERRETORNILLO", "2026-11-23", "2026-12-23", 438_000_000, archivo="facturas/FE-1131.pdf",
             enlace=ENLACE + "FE-1131", descuento=8_760_000, fecha_limite_descuento="2026-12-08"),
    _factura("FE-1102", "PANADERIA-SOL", "2026-10-28", "2026-11-27", 125_000_000, enlace=ENLACE + "FE-1102"),
    _factura("FE-1118", "PANADERIA-SOL", "2026-11-10", "2026-12-10", 48_350_000, enlace=ENLACE + "FE-1118"),
    _factura("FE-1088", "HOTEL-BRISAS", "2026-10-25", "2026-11-24", 296_780_000),
    _factura("FE-1079", "PAPELERIA-CENTRAL", "2026-10-21", "2026-11-20", 73_420_000, tasa=5),
    _factura("FE-1050", "CONSTRUCTORA-ROBLE", "2026-10-14", "2026-11-13", 1_845_000_000, tasa=5),
    _factura("FE-1099", "CONSTRUCTORA-ROBLE", "2026-10-31", "2026-11-30", 612_500_000),
    _factura("FE-1022", "TRANSPORTES-ANDES", "2026-10-04", "2026-11-03", 238_900_000, tasa=5),
    _factura("FE-1064", "TRANSPORTES-ANDES", "2026-10-15", "2026-11-14", 97_600_000, tasa=5),
    _factura("FE-1045", "IMPORTEC", "2026-09-20", "2026-10-20", 1_260_000_000, pagado=400_000_000, tasa=10),
    _factura("FE-1061", "IMPORTEC", "2026-10-05", "2026-11-04", 315_000_000, tasa=5),
    _factura("EX-0207", "IMPORTEC", "2026-10-10", "2026-11-09", 248_000, moneda="USD", tasa=5),
    _factura("FE-1070", "FOGON-PAISA", "2026-10-12", "2026-11-11", 210_000_000, tasa=5, promesa="2026-11-20",
             enlace=ENLACE + "FE-1070"),
    _factura("FE-1091", "DROGUERIA-SALUD", "2026-10-27", "2026-11-26", 156_400_000, pagado=156_400_000,
             fecha_pago="2026-11-18"),
    _factura("FE-1089", "CAFE-MONTANA", "2026-10-25", "2026-11-24", 86_540_000, enlace=ENLACE + "FE-1089"),
    _factura("FE-1053", "OPTICA-VISION", "2026-10-13", "2026-11-12", 129_900_000, tasa=5),
    _factura("FE-1080", "ESTUDIO-LUZ", "2026-10-20", "2026-11-19", 35_000_000, tasa=5, enlace=ENLACE + "FE-1080"),
    _factura("FE-1083", "ESTUDIO-LUZ", "2026-10-22", "2026-11-21", 18_250_050, tasa=5, enlace=ENLACE + "FE-1083"),
    _factura("A-2026-0412", "LIBRERIA-ALCALA", "2026-09-14", "2026-10-14", 384_750, moneda="EUR", compensacion=4_000,
             recargo=4_140),
    _factura("A-2026-0467", "LIBRERIA-ALCALA", "2026-10-09", "2026-11-08", 129_080, moneda="EUR", compensacion=4_000,
             recargo=563),
)


def datos(configuracion: Configuracion = COLOMBIA) -> tuple[Cartera, Calculo]:
    """The sample workbook, already computed, with the given configuration."""
    clientes = pd.DataFrame(
        [{"cliente": c, "nombre": n, "contacto": k, "correos": (e,), "cc": (), "telefono": "", "whatsapp": "",
          "trato": t, "no_contactar": False, "dias_credito": pd.NA, "fila": i + 2}
         for i, (c, n, k, e, t) in enumerate(CLIENTES)]
    )
    facturas = pd.DataFrame(list(FACTURAS)).assign(**{c: lambda t, c=c: pd.to_datetime(t[c]) for c in FECHAS})
    cartera = Cartera(configuracion, clientes, facturas, pd.DataFrame(), ETAPAS_PREDETERMINADAS,
                      RECARGOS_PREDETERMINADOS)
    return cartera, Calculo(facturas, pd.DataFrame(columns=["cliente", "moneda", "monto"]), CORTE)


def aviso(tipo: str, cliente: str, etapa: str, plantilla: str, facturas: tuple[str, ...],
          cubiertas: tuple[str, ...] | None = None) -> Aviso:
    """An aviso for a sample client; ``cubiertas`` defaults to every listed factura."""
    correo = next(c[3] for c in CLIENTES if c[0] == cliente)
    pares = tuple((f, etapa) for f in (facturas if cubiertas is None else cubiertas))
    return Aviso(tipo, cliente, etapa, plantilla, facturas, pares, (correo,), (), frozenset({"correo"}))


EJEMPLOS: tuple[tuple[Configuracion, Aviso], ...] = (
    (COLOMBIA, aviso(ENVIO_FACTURA, "FERRETORNILLO", "Envío de factura", "envio_factura", ("FE-1131",))),
    (COLOMBIA, aviso(RECORDATORIO, "PANADERIA-SOL", "Recordatorio preventivo", "preventivo", ("FE-1102", "FE-1118"),
                     ("FE-1102",))),
    (COLOMBIA, aviso(RECORDATORIO, "HOTEL-BRISAS", "Vence hoy", "vence_hoy", ("FE-1088",))),
    (COLOMBIA, aviso(RECORDATORIO, "PAPELERIA-CENTRAL", "Primer aviso", "primer_aviso", ("FE-1079",))),
    (COLOMBIA, aviso(RECORDATORIO, "CONSTRUCTORA-ROBLE", "Segundo aviso", "segundo_aviso", ("FE-1050", "FE-1099"),
                     ("FE-1050",))),
    (COLOMBIA, aviso(RECORDATORIO, "TRANSPORTES-ANDES", "Tercer aviso", "tercer_aviso", ("FE-1022", "FE-1064"),
                     ("FE-1022",))),
    (COLOMBIA, aviso(RECORDATORIO, "IMPORTEC", "Aviso final", "aviso_final", ("FE-1045", "FE-1061", "EX-0207"),
                     ("FE-1045",))),
    (COLOMBIA, aviso(PROMESA_INCUMPLIDA, "FOGON-PAISA", "Promesa incumplida", "promesa_incumplida", ("FE-1070",))),
    (COLOMBIA, aviso(RECORDATORIO, "DROGUERIA-SALUD", "Agradecimiento", "agradecimiento", ("FE-1091",))),
    (COLOMBIA, aviso(RECORDATORIO, "CAFE-MONTANA", "Vence hoy", "vence_hoy", ("FE-1089",))),
    (COLOMBIA, aviso(RECORDATORIO, "OPTICA-VISION", "Segundo aviso", "segundo_aviso", ("FE-1053",))),
    (COLOMBIA, aviso(RECORDATORIO, "ESTUDIO-LUZ", "Primer aviso", "primer_aviso", ("FE-1080", "FE-1083"))),
    (ESPANA, aviso(RECORDATORIO, "LIBRERIA-ALCALA", "Segundo aviso", "segundo_aviso", ("A-2026-0412", "A-2026-0467"),
                   ("A-2026-0467",))),
)


def pdf_minimo(titulo: str) -> bytes:
    """A one-page PDF showing ``titulo``, so the example has a real attachment (the sample's own builder)."""
    return pdf_texto([("F2", 18, 720, titulo)])


def generar(carpeta: Path = CARPETA) -> list[Path]:
    """Render every example and write it as an ``.eml`` into ``carpeta`` (old ones are replaced)."""
    (carpeta / "facturas").mkdir(parents=True, exist_ok=True)
    (carpeta / "facturas" / "FE-1131.pdf").write_bytes(pdf_minimo("Distribuidora Andina S.A.S. - Factura FE-1131"))
    for viejo in carpeta.glob("*.eml"):
        viejo.unlink()
    env, escritos = mensajes.entorno(), []
    for indice, (configuracion, un_aviso) in enumerate(EJEMPLOS, start=1):
        cartera, calculo = datos(configuracion)
        mensaje = mensajes.componer(un_aviso, indexar(cartera, calculo), env)
        listo = vista_previa.construir_correo(
            mensaje, remitente_nombre=f"{configuracion.remitente} ({configuracion.empresa})",
            remitente_correo=configuracion.correo_remitente, message_id=f"<ejemplo-{indice:03d}@cartera.invalid>",
            carpeta_libro=carpeta, fecha=dt.datetime(2026, 11, 24, 18, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        )
        if listo.omitidos:
            raise RuntimeError("; ".join(listo.omitidos))
        for numero, parte in enumerate(p for p in listo.correo.walk() if p.is_multipart()):
            parte.set_boundary(f"=_cartera_ejemplo_{indice:03d}_{numero}")  # stable files from run to run
        escritos.append(vista_previa.escribir_eml(listo.correo, carpeta, vista_previa.nombre_archivo(indice, un_aviso)))
    return escritos


if __name__ == "__main__":
    for ruta in generar(Path(sys.argv[1]) if len(sys.argv) > 1 else CARPETA):
        print(ruta)
