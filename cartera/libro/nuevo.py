"""The workbook's layout and look, and the empty workbook that ``cartera iniciar`` writes.

Sheets and canonical headers are the schema's (``lectura.esquema``, which
follows PRODUCT.md section 1).  :func:`escribir_hojas`
is the one writer of both this template and the demo (``muestra``):
bold filled header, frozen header row, autofilter, column widths, ``dd/mm/yyyy``
dates, ``#,##0`` money and drop-down lists where a column takes a fixed set of
words.  No formulas: text is always written as text.  The output does not
depend on the clock (fixed document dates), so the same rows give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO, NamedTuple

import xlsxwriter

from cartera import politica
from cartera.errores import CarteraError
from cartera.lectura.esquema import (
    CANONICOS,
    CLIENTES,
    CONFIGURACION,
    ENCABEZADOS_DINERO,
    ETAPAS,
    FACTURAS,
    PAGOS,
    RECARGOS,
    encabezado,
)
from cartera.libro import resguardo
from cartera.modelo import Etapa, TramoRecargo
from cartera.vocabulario import (
    CANALES,
    DESDE_EMISION,
    DESDE_VENCIMIENTO,
    ESTADOS,
    FIJO,
    INTERES_ANUAL,
    PORCENTAJE,
    Seguridad,
)

NOMBRE_PREDETERMINADO = "cartera.xlsx"

TEXTO_DESDE = MappingProxyType({DESDE_EMISION: "emisión", DESDE_VENCIMIENTO: "vencimiento"})
TEXTO_TIPO = MappingProxyType({PORCENTAJE: "porcentaje", FIJO: "fijo", INTERES_ANUAL: "interés anual"})
METODOS = ("transferencia", "tarjeta", "PayPal", "efectivo", "cheque")

_METODO = encabezado(PAGOS, "metodo")
LISTAS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    encabezado(FACTURAS, "estado"): ESTADOS,
    encabezado(CLIENTES, "trato"): ("usted", "tú"),
    encabezado(CLIENTES, "no_contactar"): ("sí", "no"),
    _METODO: METODOS,
    encabezado(ETAPAS, "desde"): tuple(TEXTO_DESDE.values()),
    encabezado(RECARGOS, "tipo"): tuple(TEXTO_TIPO.values()),
})
"""Canonical header → words offered in a drop-down (``Método`` also accepts others)."""

LISTAS_CONFIGURACION = MappingProxyType({
    "modo": ("Prueba", "Envío"),
    "si_no": ("sí", "no"),
    "seguridad": tuple(Seguridad),
})
"""``Parametro.tipo`` → drop-down for its ``Valor`` cell."""

ANCHO_MINIMO, ANCHO_MAXIMO, ANCHO_AJUSTADO = 9, 60, 55
ALTO_LINEA = 15
FECHA_DOCUMENTO = dt.datetime(2026, 1, 1)
"""Fixed document dates: the file does not change with the day it is written."""

EJEMPLO_CLIENTE = ("EJEMPLO", "Cliente de ejemplo S.A.S. (reemplace esta fila)", "Nombre del contacto",
                   "pagos@cliente.example", None, "+57 300 000 0000", None, "usted", "no", 30)
EJEMPLO_FACTURA = ("FE-0001", "EJEMPLO", dt.date(2026, 1, 15), dt.date(2026, 2, 14), 1_190_000, "COP",
                   "Pendiente", None, None, None)


class HojaPlantilla(NamedTuple):
    """One sheet of the template (or of the demo) to write: its name, headers as written, rows of plain values.

    ``campos`` is the canonical header of each column (``None`` for a user's
    extra column); it picks formats and drop-downs, so a sheet written with
    aliases looks the same.  Empty = the headers are canonical.  A row of
    ``None`` is left blank.  Values: ``str``, ``int``, ``Decimal``, ``date``.
    """

    nombre: str
    encabezados: tuple[str, ...]
    filas: tuple[tuple[object, ...], ...] = ()
    campos: tuple[str | None, ...] = ()


def filas_configuracion(valores: Mapping[str, object] = MappingProxyType({})) -> tuple[tuple[object, ...], ...]:
    """Rows (Parámetro, Valor, Ayuda) for every ``politica.PARAMETROS`` entry; ``valores`` overrides defaults."""
    return tuple((p.nombre, valores.get(p.nombre, _predeterminado(p)), p.ayuda) for p in politica.PARAMETROS)


def _predeterminado(parametro: politica.Parametro) -> object:
    texto = parametro.predeterminado
    if parametro.tipo in ("entero", "dinero") and texto.isdigit():
        return int(texto)
    return texto or None


def filas_etapas(etapas: Sequence[Etapa] = politica.ETAPAS_PREDETERMINADAS) -> tuple[tuple[object, ...], ...]:
    """Rows (Etapa, Días, Desde, Canal, Plantilla) as the user reads them: ``correo + llamada``."""
    return tuple(
        (e.nombre, e.dias, TEXTO_DESDE[e.desde], " + ".join(c for c in CANALES if c in e.canales), e.plantilla)
        for e in etapas
    )


def filas_recargos(
    recargos: Sequence[TramoRecargo] = politica.RECARGOS_PREDETERMINADOS,
) -> tuple[tuple[object, ...], ...]:
    """Rows (Desde (días), Tipo, Valor): ``1, porcentaje, 5`` and ``31, porcentaje, 10`` by default."""
    return tuple((r.desde_dias, TEXTO_TIPO[r.tipo], _numero(r.valor)) for r in recargos)


def _numero(valor: Decimal) -> int | Decimal:
    return int(valor) if valor == valor.to_integral_value() else valor


def hojas_nuevas() -> tuple[HojaPlantilla, ...]:
    """The template's sheets: canonical headers, defaults, one example client and factura."""
    filas = {
        CLIENTES: (EJEMPLO_CLIENTE,),
        FACTURAS: (EJEMPLO_FACTURA,),
        CONFIGURACION: filas_configuracion(),
        ETAPAS: filas_etapas(),
        RECARGOS: filas_recargos(),
    }
    return tuple(HojaPlantilla(nombre, encabezados, filas.get(nombre, ())) for nombre, encabezados in CANONICOS.items())


def escribir_libro_nuevo(ruta: Path) -> None:
    """Write the empty workbook for ``cartera iniciar`` at ``ruta``; never overwrite an existing file."""
    ruta = Path(ruta)
    if ruta.exists():
        raise CarteraError(f"Ya existe {ruta}: no se sobrescribe. Elija otra carpeta o cambie el nombre del archivo.")
    buffer = io.BytesIO()
    escribir_hojas(buffer, hojas_nuevas())
    ruta.parent.mkdir(parents=True, exist_ok=True)
    try:
        with resguardo.escritura_atomica(ruta, sobrescribir=False) as temporal:
            temporal.write_bytes(buffer.getvalue())
    except FileExistsError as error:
        raise CarteraError(f"Ya existe {ruta}: no se sobrescribe. Elija otra carpeta.") from error


def escribir_hojas(destino: Path | BinaryIO, hojas: Sequence[HojaPlantilla]) -> None:
    """Write ``hojas`` as an .xlsx workbook at ``destino`` (a path or a binary buffer)."""
    destino = str(destino) if isinstance(destino, Path) else destino
    opciones = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
                "in_memory": True}
    libro = xlsxwriter.Workbook(destino, opciones)
    libro.set_properties({"created": FECHA_DOCUMENTO, "author": "cartera", "title": "Cartera"})
    formatos = _formatos(libro)
    for hoja in hojas:
        _escribir_hoja(libro.add_worksheet(hoja.nombre), hoja, formatos)
    libro.close()


def _formatos(libro: xlsxwriter.Workbook) -> dict[str, object]:
    base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
    return {
        "encabezado": libro.add_format({**base, "bold": True, "font_color": "#FFFFFF", "bg_color": "#1F5F5B",
                                        "border": 1, "border_color": "#16453F", "valign": "vcenter"}),
        "texto": libro.add_format(base),
        "ajustado": libro.add_format({**base, "text_wrap": True}),
        "fecha": libro.add_format({**base, "num_format": "dd/mm/yyyy", "align": "left"}),
        "dinero": libro.add_format({**base, "num_format": "#,##0", "align": "right", "indent": 1}),
        "centavos": libro.add_format({**base, "num_format": "#,##0.00", "align": "right", "indent": 1}),
        "numero": libro.add_format({**base, "align": "left"}),
    }


def _escribir_hoja(hoja_excel, hoja: HojaPlantilla, formatos: Mapping[str, object]) -> None:
    campos = hoja.campos or hoja.encabezados
    anchos = _anchos(hoja)
    hoja_excel.write_row(0, 0, hoja.encabezados, formatos["encabezado"])
    for numero, fila in enumerate(hoja.filas, start=1):
        for columna, valor in enumerate(fila):
            ajustar = hoja.nombre == CONFIGURACION and anchos[columna] >= ANCHO_AJUSTADO
            _escribir_celda(hoja_excel, numero, columna, valor, _formato(valor, campos[columna], ajustar, formatos))
        if hoja.nombre == CONFIGURACION:
            hoja_excel.set_row(numero, ALTO_LINEA * _lineas(fila, anchos))
    for columna, ancho in enumerate(anchos):
        hoja_excel.set_column(columna, columna, ancho)
    hoja_excel.set_row(0, 20)
    hoja_excel.freeze_panes(1, 0)
    hoja_excel.autofilter(0, 0, max(len(hoja.filas), 1), len(hoja.encabezados) - 1)
    hoja_excel.set_landscape()
    hoja_excel.fit_to_pages(1, 0)
    hoja_excel.repeat_rows(0)
    _validaciones(hoja_excel, hoja, campos)


def _formato(valor: object, campo: str | None, ajustar: bool, formatos: Mapping[str, object]) -> object:
    if isinstance(valor, dt.date):
        return formatos["fecha"]
    if isinstance(valor, int | Decimal | float) and campo in ENCABEZADOS_DINERO:
        return formatos["dinero"] if valor == int(valor) else formatos["centavos"]
    if isinstance(valor, int | Decimal | float):
        return formatos["numero"]
    return formatos["ajustado"] if ajustar else formatos["texto"]


def _escribir_celda(hoja_excel, fila: int, columna: int, valor: object, formato: object) -> None:
    if valor is None or valor == "":
        return
    if isinstance(valor, dt.date):
        hoja_excel.write_datetime(fila, columna, valor, formato)
    elif isinstance(valor, int | Decimal | float) and not isinstance(valor, bool):
        hoja_excel.write_number(fila, columna, float(valor), formato)
    else:
        hoja_excel.write_string(fila, columna, str(valor), formato)


def _anchos(hoja: HojaPlantilla) -> list[int]:
    """Column widths from the longest value shown (dates 10, money with separators), clamped.

    In ``Configuración`` long texts wrap inside a narrower column instead.
    """
    tope = ANCHO_AJUSTADO if hoja.nombre == CONFIGURACION else ANCHO_MAXIMO
    anchos = [len(encabezado) + 4 for encabezado in hoja.encabezados]
    for fila in hoja.filas:
        for columna, valor in enumerate(fila):
            anchos[columna] = max(anchos[columna], len(_como_se_ve(valor)) + 2)
    return [min(max(ancho, ANCHO_MINIMO), tope) for ancho in anchos]


def _lineas(fila: Sequence[object], anchos: Sequence[int]) -> int:
    """How many text lines the tallest wrapped cell of a row needs (about 1.2 characters per width unit)."""
    lineas = 1
    for valor, ancho in zip(fila, anchos, strict=False):
        if isinstance(valor, str):
            por_linea = max(int(ancho * 1.2) - 2, 1)
            lineas = max(lineas, sum(-(-max(len(parte), 1) // por_linea) for parte in valor.split("\n")))
    return lineas


def _como_se_ve(valor: object) -> str:
    if valor is None:
        return ""
    if isinstance(valor, dt.date):
        return "00/00/0000"
    if isinstance(valor, int | Decimal | float):
        return f"{valor:,.2f}" if valor != int(valor) else f"{int(valor):,}"
    return str(valor)


def _validaciones(hoja_excel, hoja: HojaPlantilla, campos: Sequence[str | None]) -> None:
    for columna, campo in enumerate(campos):
        if campo in LISTAS and hoja.nombre != CONFIGURACION:
            estricta = campo != _METODO
            hoja_excel.data_validation(1, columna, 1_048_575, columna, _lista(LISTAS[campo], estricta=estricta))
    if hoja.nombre == CONFIGURACION:
        _validaciones_configuracion(hoja_excel, hoja)


def _validaciones_configuracion(hoja_excel, hoja: HojaPlantilla) -> None:
    tipos = {p.nombre: p.tipo for p in politica.PARAMETROS}
    for numero, fila in enumerate(hoja.filas, start=1):
        tipo = tipos.get(fila[0]) if fila else None
        if tipo in LISTAS_CONFIGURACION:
            hoja_excel.data_validation(numero, 1, numero, 1, _lista(LISTAS_CONFIGURACION[tipo], estricta=True))


def _lista(valores: Sequence[str], *, estricta: bool) -> dict[str, object]:
    """A drop-down; a strict one refuses other words, a loose one only warns."""
    return {
        "validate": "list",
        "source": list(valores),
        "error_type": "stop" if estricta else "information",
        "error_title": "Valor no previsto",
        "error_message": "Elija uno de la lista: " + ", ".join(valores) + ".",
    }
