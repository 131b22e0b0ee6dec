"""What goes back into the workbook after a sending run: owned columns and new Historial rows.

The values are computed here (pure helpers) and handed to ``escritura``,
which edits only those parts of the file, under the sheet and header names
reading found (``Cartera.origen``).  When the workbook cannot be
written (Excel has it open, a save failure) the history stays in the
journal and is merged on the next run; the run itself goes on.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from cartera.decisiones import Resultado
from cartera.errores import CarteraError
from cartera.lectura import esquema
from cartera.libro import diario, escritura
from cartera.libro.apertura import formato_de
from cartera.libro.filas_historial import message_ids_en_historial
from cartera.modelo import Calculo, Cartera, Envio
from cartera.vocabulario import INCIERTO, RESULTADOS_QUE_CUENTAN

log = logging.getLogger(__name__)


def ultimos_avisos(historial: tuple[Envio, ...], resultados: tuple[Resultado, ...]) -> pd.DataFrame:
    """Per factura, the latest stage that counts as sent and its date: columns factura, etapa, fecha."""
    hoy = [Envio(r.fecha_hora.date(), f, r.etapa, r.resultado) for r in resultados for f in r.facturas]
    filas = [e for e in (*historial, *hoy) if e.resultado in RESULTADOS_QUE_CUENTAN]
    tabla = pd.DataFrame(filas, columns=list(Envio._fields))
    if tabla.empty:
        return pd.DataFrame({"factura": [], "etapa": [], "fecha": []})
    tabla = tabla.sort_values("fecha", kind="stable").drop_duplicates("factura", keep="last")
    return tabla[["factura", "etapa", "fecha"]]


def valores_propios(calculado: Calculo, ultimos: pd.DataFrame) -> pd.DataFrame:
    """The owned columns of Facturas, one row per valid factura, indexed by Excel row (``fila``).

    Columns are the field ids of ``esquema.COLUMNAS_PROPIAS``, in its order.  Closed facturas show Pagado and Saldo, and blanks for días, tramo and recargo.
    """
    facturas = calculado.facturas
    abierta = facturas["abierta"]
    unidos = facturas[["factura"]].merge(ultimos, on="factura", how="left")
    tabla = pd.DataFrame({
        "pagado": facturas["pagado"].to_numpy(),
        "saldo": facturas["saldo"].to_numpy(),
        "dias_vencidos": facturas["dias_vencidos"].where(abierta).astype("Int64").to_numpy(),
        "tramo": facturas["tramo"].where(abierta, "").to_numpy(),
        "recargo": facturas["recargo"].where(abierta).astype("Int64").to_numpy(),
        "ultimo_aviso": unidos["etapa"].fillna("").to_numpy(),
        "fecha_ultimo_aviso": pd.to_datetime(unidos["fecha"]).to_numpy(),
    }, index=facturas["fila"].to_numpy())
    return tabla[[c.campo for c in esquema.COLUMNAS_PROPIAS]]


def en_historial(ruta: Path, cartera: Cartera) -> tuple:
    """What the workbook's Historial already records (Message-IDs, else time/client/stage keys), read
    from the sheet reading found (any accepted name); once per run, before sending."""
    return message_ids_en_historial(ruta, cartera.origen.get(esquema.HISTORIAL))


def inciertos_por_revisar(ruta: Path, registrados: tuple) -> tuple[Resultado, ...]:
    """Journaled ``incierto`` messages the workbook's Historial does not record yet (a run was killed
    mid-send): shown in this run's report so that the owner checks Gmail's «Enviados»."""
    pendientes = diario.pendientes_de_libro(ruta.parent, registrados)
    liberados = diario.liberados(ruta.parent)
    return tuple(r for r in pendientes if r.resultado == INCIERTO and r.message_id not in liberados)


def sin_escritura(formato: str) -> str:
    """The one note of a sending run on an .xls or .ods: what was not written back, and how to get it written."""
    como = ("en LibreOffice, Archivo → Guardar como → «Excel 2007-365 (.xlsx)»" if formato == "ods"
            else "en Excel, Archivo → Guardar como → «Libro de Excel (.xlsx)»")
    return (f"El libro es .{formato}: no se escribieron las columnas calculadas ni el Historial (lo enviado quedó "
            f"anotado aparte, en la carpeta .cartera, y no se repetirá). Guárdelo como Libro de Excel (.xlsx) "
            f"({como}) y use ese archivo para que cartera anote en él.")


class Anotado(NamedTuple):
    """What the write-back did: notes for the owner, and whether the workbook was written (False: it failed,
    the run's exit code says so; an .xls or .ods, never written by design, counts as written)."""

    notas: tuple[str, ...]
    escrito: bool = True


def escribir_en_libro(ruta: Path, cartera: Cartera, calculado: Calculo, resultados: tuple[Resultado, ...],
                      registrados: tuple, anexos: tuple = ()) -> Anotado:
    """Write the owned columns and the journal rows Historial lacks (``registrados``), and ``anexos`` (the
    ``Cuotas`` sheet of the payment agreements: ``filas_historial.Anexo``).

    An .xls or .ods is never written (only .xlsx is): one note says so; the journal keeps what was sent.
    A failure (Excel has it open, a full disk, a layout that does not fit) leaves the workbook as it was,
    the history in the journal for the next run, and ``escrito`` False.
    """
    formato = formato_de(ruta)
    if formato != "xlsx":
        log.info("Libro .%s: no se escribe en él", formato)
        return Anotado((sin_escritura(formato),))
    carpeta = ruta.parent
    propias = valores_propios(calculado, ultimos_avisos(cartera.historial, resultados))
    pendientes = diario.pendientes_de_libro(carpeta, registrados)
    try:
        return Anotado(escritura.escribir(ruta, propias, pendientes, origen=cartera.origen, anexos=anexos))
    except CarteraError as error:
        log.warning("No se escribió en el libro: %s", error)
        return Anotado((f"El libro no se modificó. {error} Lo enviado quedó anotado aparte (carpeta .cartera) "
                        "y se pasará al libro en la próxima ejecución.",), escrito=False)
