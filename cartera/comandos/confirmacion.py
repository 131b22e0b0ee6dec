"""The question before sending: the day's messages in a table, then «¿Enviar ahora? [s/N]».

Asked only when sending, on a terminal, with ``Confirmar antes de enviar``
on and something to send; the default answer is no.
"""

from __future__ import annotations

import pandas as pd
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cartera import formato
from cartera.decisiones import Mensaje
from cartera.modelo import Calculo, Cartera

AFIRMATIVAS = ("s", "si", "sí", "y", "yes")


def hay_que_preguntar(compuestos: tuple[Mensaje, ...], cartera: Cartera, *, envio: bool, interactivo: bool) -> bool:
    """Sending, on a terminal, configured so, and with something to send."""
    return bool(envio and compuestos and interactivo and cartera.configuracion.confirmar_envio)


def confirmar(compuestos: tuple[Mensaje, ...], cartera: Cartera, calculado: Calculo) -> bool:
    """Show the plan (client, stage, amount, recipients) and ask; the default answer is no."""
    tabla = Table(title=f"Se enviarán {len(compuestos)} mensajes desde {cartera.configuracion.correo_remitente}",
                  title_justify="left", header_style="bold")
    for columna, alineacion in (("Cliente", "left"), ("Mensaje", "left"), ("Saldo", "right"), ("Para", "left")):
        tabla.add_column(columna, justify=alineacion)
    nombres = cartera.clientes.drop_duplicates("cliente").set_index("cliente")["nombre"]
    f = calculado.facturas
    abiertas = f.loc[f["abierta"].to_numpy(dtype=bool), ["factura", "moneda", "saldo"]].set_index("factura")
    pais = cartera.configuracion.pais
    for mensaje in compuestos:
        aviso = mensaje.aviso
        tabla.add_row(escape(str(nombres.get(aviso.cliente, aviso.cliente))), escape(aviso.etapa),
                      escape(_saldo_texto(aviso.facturas, abiertas, pais)), escape(", ".join(aviso.destinatarios)))
    consola = Console()
    consola.print(tabla)
    return consola.input("¿Enviar ahora? [s/N] ").strip().casefold() in AFIRMATIVAS


def _saldo_texto(facturas: tuple[str, ...], abiertas: pd.DataFrame, pais: str) -> str:
    """The listed facturas' open balance, per currency, in the country's format.

    ``abiertas``: the open facturas indexed by number, built once per confirmation
    (a hash lookup per message instead of a scan of up to a million rows).
    """
    elegidas = abiertas.loc[abiertas.index.intersection(list(facturas))]
    sumas = elegidas.groupby("moneda", sort=True)["saldo"].sum()
    return formato.lista(formato.dinero(int(c), str(m), pais) for m, c in sumas.items())
