"""A generated receivables history for the forecast's back-test: clients with different paying habits.

``generar(semilla)`` returns a ``modelo.Cartera`` of about 18 months (January 2025 to June 2026):
36 clients, each issuing invoices month after month and paying them with a delay drawn from its own
habit (:data:`HABITOS`): punctual, ~15 days late, ~45 days late, erratic, slow with some invoices never
paid, early; some pay in two parts, a few pay without naming the invoice, a few arrive in the last
months (thin history), a quarter bill in USD.  Seeded numpy generator: the same history every run.

``hasta(cartera, fecha)`` keeps only what was known on ``fecha`` (invoices issued, payments dated by
then), so a forecast made on it cannot peek at the future.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from cartera import modelo
from cartera.politica import ETAPAS_PREDETERMINADAS, RECARGOS_PREDETERMINADOS

INICIO = dt.date(2025, 1, 1)
FIN = dt.date(2026, 6, 30)
NUNCA = 10_000


def _puntual(rng):
    return round(rng.normal(0, 3))


def _quince(rng):
    return round(rng.gamma(4, 4)) - 1


def _cuarenta(rng):
    return round(rng.gamma(6, 7.5))


def _erratico(rng):
    return round(rng.normal(3, 4)) if rng.random() < 0.6 else round(rng.gamma(3, 20))


def _lento(rng):
    return NUNCA if rng.random() < 0.25 else round(rng.gamma(5, 18))


def _adelantado(rng):
    return -round(rng.gamma(3, 3))


HABITOS = (_puntual, _quince, _cuarenta, _erratico, _lento, _adelantado)
"""Delay in days after the due date (``NUNCA`` = never paid) drawn per invoice, one habit per client."""


def _clientes(n: int) -> pd.DataFrame:
    codigos = [f"C{k:02d}" for k in range(n)]
    return pd.DataFrame({
        "cliente": codigos, "nombre": [f"Cliente {c}" for c in codigos], "nit": "", "contacto": "",
        "correos": [()] * n, "cc": [()] * n, "telefono": "", "whatsapp": "", "trato": "usted",
        "no_contactar": False, "dias_credito": pd.array([None] * n, dtype="Int64"),
        "fila": np.arange(2, n + 2, dtype=np.int64),
    })


def _facturas_de(rng, k: int, cliente: str, filas_f: list, filas_p: list) -> None:
    habito = HABITOS[k % len(HABITOS)]
    moneda = "USD" if k % 4 == 3 else "COP"
    desde = FIN - dt.timedelta(days=75) if k % 9 == 8 else INICIO  # a few newcomers
    por_mes = 1.5 + (k % 3)
    escala = 3_000_00 if moneda == "USD" else 2_500_000_00
    fecha = desde
    while fecha <= FIN:
        fecha += dt.timedelta(days=int(rng.exponential(30 / por_mes)) + 1)
        if fecha > FIN:
            break
        numero = f"F{len(filas_f) + 1:05d}"
        total = int(round(escala * rng.lognormal(0, 0.6)))
        credito = (15, 30, 30, 45, 60)[k % 5]
        vence = fecha + dt.timedelta(days=credito)
        filas_f.append((numero, cliente, fecha, vence, total, moneda))
        atraso = habito(rng)
        if atraso >= NUNCA:
            continue
        pago = max(vence + dt.timedelta(days=atraso), fecha)
        nombra = numero if k % 7 != 5 else ""  # one client in seven pays without naming the invoice
        if rng.random() < 0.2 and (pago - fecha).days > 10:
            primera = pago - dt.timedelta(days=int(rng.integers(5, 11)))
            filas_p.append((primera, nombra, cliente, total // 2))
            filas_p.append((pago, nombra, cliente, total - total // 2))
        else:
            filas_p.append((pago, nombra, cliente, total))


def generar(semilla: int = 17, clientes: int = 36) -> modelo.Cartera:
    """The generated history (see the module docstring)."""
    rng = np.random.default_rng(semilla)
    filas_f: list = []
    filas_p: list = []
    for k in range(clientes):
        _facturas_de(rng, k, f"C{k:02d}", filas_f, filas_p)
    f = pd.DataFrame(filas_f, columns=["factura", "cliente", "emision", "vencimiento", "total", "moneda"])
    f = f.assign(
        emision=pd.to_datetime(f["emision"]).astype("datetime64[ns]"),
        vencimiento=pd.to_datetime(f["vencimiento"]).astype("datetime64[ns]"),
        total=f["total"].astype(np.int64), estado="Pendiente", promesa=pd.NaT, enlace="", archivo="",
        dias_credito=pd.array([None] * len(f), dtype="Int64"), fila=np.arange(2, len(f) + 2, dtype=np.int64),
    ).astype({"promesa": "datetime64[ns]"})
    moneda_de = f.set_index("factura")["moneda"]
    p = pd.DataFrame(filas_p, columns=["fecha", "factura", "cliente", "monto"])
    cliente_moneda = f.drop_duplicates("cliente").set_index("cliente")["moneda"]
    p = p.assign(
        fecha=pd.to_datetime(p["fecha"]).astype("datetime64[ns]"), monto=p["monto"].astype(np.int64),
        metodo="transferencia", referencia="", moneda=p["factura"].map(moneda_de).fillna(p["cliente"].map(cliente_moneda)),
    )
    p = p[p["fecha"] <= pd.Timestamp(FIN)].sort_values("fecha", kind="stable").reset_index(drop=True)
    p = p.assign(fila=np.arange(2, len(p) + 2, dtype=np.int64))
    return modelo.Cartera(modelo.Configuracion(), _clientes(clientes), f, p, tuple(ETAPAS_PREDETERMINADAS),
                          tuple(RECARGOS_PREDETERMINADOS))


def hasta(cartera: modelo.Cartera, fecha: dt.date) -> modelo.Cartera:
    """What was known on ``fecha``: invoices issued and payments dated on or before it."""
    f, p = cartera.facturas, cartera.pagos
    dia = pd.Timestamp(fecha)
    return modelo.Cartera(cartera.configuracion, cartera.clientes, f[f["emision"] <= dia].reset_index(drop=True),
                          p[p["fecha"] <= dia].reset_index(drop=True), cartera.etapas, cartera.recargos)
