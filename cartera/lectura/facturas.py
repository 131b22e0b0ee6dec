"""Validate sheet ``Facturas`` into the ``Cartera.facturas`` DataFrame (schema in ``modelo.Cartera``).

Besides the contract's columns, an owner's invoice sheet may carry what was
paid (``Abonos``, ``Pagado``, ``Cobrado``…), what it does not pay
(``Descuento``, ``ReteFuente``… right of the total) or what is left
(``Saldo``, ``Saldo pendiente``…) in the row, a credit term per row (``Días de
crédito``), its own ``Estado`` words (:mod:`lectura.estados`) and credit
notes (a negative total, or a ``Tipo`` such as «Nota crédito» or
«Rectificativa»).  Those come out as extra columns of the DataFrame, turned
into payments by ``disposicion.ensamblado``: ``pagado_libro`` (centavos paid
according to the row), ``nota_credito`` (bool) and ``credito`` (centavos a
credit note is worth), ``dias_credito`` (Int64), ``pagada_que_debe`` (bool:
«Pagada» kept open by its Saldo, :func:`lectura.estados.pagadas_que_deben`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from cartera import paises, vocabulario
from cartera.lectura import esquema as columnas
from cartera.lectura.conversion import ColumnaConvertida, centavos, enteros, fechas, textos
from cartera.lectura.estados import estado_de, pagadas_que_deben
from cartera.lectura.evidencia import moneda_del_texto
from cartera.lectura.problemas import (
    Lectura,
    Problema,
    celdas_de,
    de_malas,
    donde,
    duplicados,
    faltan,
    filas_texto,
    por_valor,
    resultado,
)
from cartera.lectura.tabla import Tabla
from cartera.modelo import Configuracion

NOTA_CREDITO = re.compile(r"^(nc|n/c|n c|nota (de )?cr[eé]dito|nota (de )?abono|factura (de )?abono|(factura )?rectificativa"
                          r"|nota (de )?devolucion|credit note)\b")
"""``Tipo`` or ``Estado`` words of a credit note, normalised: «NC A», «N/C», «Nota de crédito electrónica»."""
_SOLO_TIPO = re.compile(r"^(abono|devolucion)\b")
"""Credit note only in a ``Tipo`` column: in an ``Estado`` column «Abono» is a partial payment (Colombia)."""


def moneda_iso(texto: str, predeterminada: str = "") -> str | None:
    """``"cop"`` → ``"COP"``, ``"€"`` → ``"EUR"``, ``"S/."`` → ``"PEN"`` (``paises.moneda_escrita``); ``"$"`` →
    ``predeterminada``; None when it is not a currency (or a sign ``predeterminada`` does not settle)."""
    return paises.moneda_escrita(texto, predeterminada) or None


def motivo_cliente(cliente: str, rechazadas: dict[str, list[int]]) -> str:
    """Why a factura's client is unusable: not in Clientes, or its row there was rejected."""
    if cliente in rechazadas:
        filas = rechazadas[cliente]
        lugar = "la fila" if len(filas) == 1 else "las filas"
        return f"El cliente «{cliente}» fue rechazado en la hoja Clientes ({lugar} {filas_texto(filas)}): corrija esa fila."
    return f"El cliente «{cliente}» no está en la hoja Clientes: agréguelo allí o corrija el código."


def clientes_desconocidos(tabla: Tabla, cliente: np.ndarray, validos: pd.Series,
                          rechazadas: dict[str, list[int]], campo: str = "cliente") -> list[Problema]:
    """A problem for every row whose (non-blank) client is not a valid client."""
    desconocido = (cliente != "") & ~pd.Series(cliente).isin(validos).to_numpy()
    return [Problema(pos, campo, motivo_cliente(cliente[pos], rechazadas)) for pos in np.flatnonzero(desconocido).tolist()]


def con_serie(numero: np.ndarray, serie: np.ndarray) -> np.ndarray:
    """Each invoice's number with its series («FV» + «102» → «FV-102»), so that A-001 and B-001 are two invoices;
    a number that already carries its series («FV-102», «FV102») or has no series stays as it is.

    >>> con_serie(np.array(["102", "FV-103", "7", ""], dtype=object), np.array(["FV", "FV", "", "FV"], dtype=object)).tolist()
    ['FV-102', 'FV-103', '7', '']
    """
    def unir(n: str, s: str) -> str:
        return n if not n or not s or columnas.normalizar(n).startswith(columnas.normalizar(s)) else f"{s}-{n}"
    return np.array([unir(n, s) for n, s in zip(numero.tolist(), serie.tolist(), strict=True)], dtype=object)


def _moneda_dicha(texto: str, predeterminada: str) -> str | None:
    """A Moneda cell's currency; "" when blank or a sign the book's currency settles («$»); None: not a currency."""
    if not texto:
        return ""
    escrita = moneda_iso(texto)
    return "" if escrita is None and moneda_iso(texto, predeterminada) else escrita


def _monedas(tabla: Tabla, predeterminada: str) -> tuple[np.ndarray, list[Problema]]:
    """Each row's currency: its Moneda cell, else the one its amount is typed in («USD 1,200.00», «US$ 20», «€ 300»),
    else the book's.  An amount typed in a currency its Moneda cell contradicts is a warning (the cell wins)."""
    valores, inversa = por_valor(textos(celdas_de(tabla, "moneda")), lambda t: _moneda_dicha(t, predeterminada))
    dicha = valores[inversa]
    mala = pd.isna(dicha)
    del_importe = np.full(len(dicha), "", dtype=object)
    for campo in ("total", "saldo", "pagado"):
        valores, inversa = por_valor(textos(celdas_de(tabla, campo)), moneda_del_texto)
        del_importe = np.where(del_importe == "", valores[inversa], del_importe)
    motivo = "La moneda debe ser un código ISO de tres letras (COP, MXN, EUR, USD…)."
    problemas = donde(mala, "moneda", motivo)
    dicha = np.where(mala, "", dicha)
    problemas += [Problema(pos, "moneda", f"El importe está escrito en {del_importe[pos]}, pero la columna de moneda dice "
                           f"{dicha[pos]}: se usa {dicha[pos]}; revise la fila.", grave=False)
                  for pos in np.flatnonzero((dicha != "") & (del_importe != "") & (dicha != del_importe)).tolist()]
    return np.where(dicha != "", dicha, np.where(del_importe != "", del_importe, predeterminada)), problemas


def _estados(tabla: Tabla, pais: str, nota: np.ndarray) -> tuple[np.ndarray, list[Problema]]:
    """Each row's state; an unknown word is a warning and the row is read as Pendiente (its amounts decide)."""
    valores, inversa = por_valor(textos(celdas_de(tabla, "estado")), lambda t: estado_de(t, pais))
    estado = valores[inversa]
    malo = pd.isna(estado) & ~nota
    motivo = ("Estado no reconocido: la factura se lee como pendiente y sus importes deciden si está abierta. "
              f"Palabras que cartera entiende: {', '.join(vocabulario.ESTADOS)}, Vencida, Abono parcial, Cancelada, Cobrada….")
    return np.where(pd.isna(estado), vocabulario.PENDIENTE, estado), donde(malo, "estado", motivo, grave=False)


def _notas_credito(tabla: Tabla) -> np.ndarray:
    """Rows whose ``Tipo`` (or ``Estado``) says credit note."""
    nota = np.zeros(len(tabla.filas), dtype=bool)
    for campo, patrones in (("tipo", (NOTA_CREDITO, _SOLO_TIPO)), ("estado", (NOTA_CREDITO,))):
        valores, inversa = por_valor(textos(celdas_de(tabla, campo)),
                                     lambda t, ps=patrones: any(p.match(columnas.normalizar(t)) for p in ps))
        nota |= valores[inversa].astype(bool)
    return nota


def _fechas(tabla: Tabla, pais: str) -> tuple[dict[str, np.ndarray], list[Problema]]:
    problemas: list[Problema] = []
    valores = {}
    for campo in ("emision", "vencimiento", "promesa"):
        columna = fechas(celdas_de(tabla, campo), pais)
        valores[campo] = columna.valores
        problemas += de_malas(columna.malas, campo)
        if campo == "emision":
            problemas += faltan(tabla, columna.vacias, campo, "Falta la fecha de emisión.")
    antes = valores["vencimiento"] < valores["emision"]
    problemas += donde(antes, "vencimiento", "El vencimiento es anterior a la emisión: revise las dos fechas.")
    return valores, problemas


class Importes(NamedTuple):
    """Total, what the row says was paid, credit notes and their worth (centavos), the problems, and what the
    row's own Saldo column says is still owed (0 where it has none or says nothing)."""

    total: np.ndarray
    pagado: np.ndarray
    nota: np.ndarray
    credito: np.ndarray
    problemas: list[Problema]
    debe: np.ndarray


def en_pesos(tabla: Tabla, campo: str, pais: str) -> ColumnaConvertida:
    """The centavos of a money column, multiplied by the scale its header states (``Valor (miles)``: × 1000)."""
    columna = centavos(celdas_de(tabla, campo), pais)
    factor = columnas.escala(tabla.encabezados.get(campo, ""))
    return columna if factor == 1 else columna._replace(valores=columna.valores * factor)


def _deducido(tabla: Tabla, pais: str, nota: np.ndarray) -> tuple[np.ndarray, list[Problema]]:
    """What each row's discounts and withholdings take off what is owed (centavos; ``encabezados.deducciones``)."""
    campos = ([f"deduccion@{j}" for j in tabla.gemelas["deduccion"]] if "deduccion" in tabla.gemelas
              else ["deduccion"] if "deduccion" in tabla.celdas else [])
    suma, problemas = np.zeros(len(tabla.filas), dtype=np.int64), []
    for campo in campos:
        columna = en_pesos(tabla, campo, pais)
        valores = np.where(columna.vacias | nota, 0, columna.valores)
        problemas += de_malas(columna.malas, campo) + donde(valores < 0, campo, "Un descuento o una retención no puede ser negativo.")
        suma += valores
    return suma, problemas


def _importes(tabla: Tabla, pais: str, nota: np.ndarray) -> Importes:
    """Total, paid and balance of each row, cross-checked (Total − Descuentos − Pagado = Saldo) when the sheet has
    a Saldo column and something to subtract; discounts and withholdings right of the total count as paid."""
    con_total, con_pagado, con_saldo = ("total" in tabla.celdas, "pagado" in tabla.celdas, "saldo" in tabla.celdas)
    total = en_pesos(tabla, "total" if con_total else "saldo", pais)
    campo_total = "total" if con_total else "saldo"
    problemas = de_malas(total.malas, campo_total)
    problemas += faltan(tabla, total.vacias, campo_total, "Falta el total de la factura." if con_total else "Falta el saldo.")
    nota = nota | (~total.vacias & (total.valores < 0))
    debe = np.where(~total.vacias & ~nota, np.maximum(total.valores, 0), 0) if not con_total else np.zeros(len(nota), np.int64)
    pagado = np.zeros(len(total.valores), dtype=np.int64)
    if con_pagado:
        columna = en_pesos(tabla, "pagado", pais)
        problemas += de_malas(columna.malas, "pagado")
        pagado = np.where(columna.vacias, 0, columna.valores)
        problemas += donde(~nota & (pagado < 0), "pagado", "Lo pagado no puede ser negativo.")
    if not con_total and con_pagado:  # only a balance and what was paid: the invoice was balance + paid
        total = total._replace(valores=np.where(nota, total.valores, total.valores + pagado))
    deducido, problemas_deducido = _deducido(tabla, pais, nota)
    problemas += problemas_deducido
    pagado = pagado + deducido
    saldo = en_pesos(tabla, "saldo", pais) if con_total and con_saldo else None
    credito = np.abs(total.valores)
    if saldo is not None:
        problemas += de_malas(saldo.malas, "saldo")
        dado = ~saldo.vacias & ~nota
        if con_pagado or "deduccion" in tabla.celdas:
            resta = "Total − Descuentos y retenciones" + (" − Pagado" if con_pagado else "") if "deduccion" in tabla.celdas else "Total − Pagado"
            distinto = dado & (total.valores - pagado != saldo.valores)
            problemas += [Problema(pos, "saldo", f"El saldo no cuadra: {resta} = {_unidades(total.valores[pos] - pagado[pos])}, "
                                   f"pero la columna de saldo dice {_unidades(saldo.valores[pos])}. Se usa el saldo; revise la fila.",
                                   grave=False) for pos in np.flatnonzero(distinto).tolist()]
        elif (en_blanco := ~nota & saldo.vacias & ~total.vacias).any():
            problemas += donde(en_blanco, "saldo", "El saldo está en blanco: se toma el total como pendiente.", grave=False)
        pagado = np.where(dado, total.valores - saldo.valores, pagado)
        debe = np.where(dado, np.maximum(saldo.valores, 0), 0)
        credito = np.where(nota & ~saldo.vacias, np.abs(saldo.valores), credito)
    cero = ~total.vacias & ~nota & (total.valores == 0)
    cero[list(total.malas)] = False
    if con_total:
        problemas += donde(cero, "total", "El total debe ser mayor que cero.")
    return Importes(np.abs(total.valores), pagado, nota, np.where(nota, credito, 0), problemas, debe)


def _unidades(centavos_: int) -> str:
    return f"{centavos_ / 100:.2f}"


_PALABRAS_PLAZO = frozenset({"neto", "net", "credito", "dias", "dia", "d", "plazo", "a", "de", "fecha", "factura", "pago",
                             "cond", "condicion", "n"})  # compared after esquema.normalizar (no accents)


def _plazo_en_palabras(texto: str) -> int | None:
    """«Contado» → 0; «Neto 60», «Crédito 15 días», «30 días fecha factura» → the one number; else None."""
    clave = columnas.normalizar(texto)
    if clave in ("contado", "de contado", "al contado", "inmediato", "pago inmediato"):
        return 0
    numeros = re.findall(r"\d+", clave)
    resto = set(re.sub(r"\d+", " ", clave).replace(".", " ").split())
    return int(numeros[0]) if len(numeros) == 1 and resto <= _PALABRAS_PLAZO else None


def _dias_credito(tabla: Tabla) -> tuple[pd.arrays.IntegerArray, list[Problema]]:
    """Per-row credit days (``Días de crédito``, ``Plazo``): «30», «30 días», «Contado» (0)."""
    celdas = celdas_de(tabla, "dias_credito")
    if "dias_credito" not in tabla.celdas:
        return pd.array([None] * len(celdas), dtype="Int64"), []
    valores, inversa = por_valor(textos(celdas), _plazo_en_palabras)
    en_palabras = valores[inversa]
    dias = enteros(np.where(pd.isna(en_palabras), celdas, en_palabras))
    malo = np.zeros(len(celdas), dtype=bool)
    malo[list(dias.malas)] = True
    malo |= ~dias.vacias & (dias.valores < 0)
    motivo = "Días de crédito no reconocidos (escriba un número, como 30): se usa el plazo del cliente o el general."
    valores = np.where(dias.vacias | malo, None, dias.valores)
    return pd.array(valores, dtype="Int64"), donde(malo, "dias_credito", motivo, grave=False)


def leer_facturas(tabla: Tabla, clientes: Lectura, configuracion: Configuracion,
                  cliente: np.ndarray | None = None, campo_cliente: str = "cliente") -> Lectura:
    """Validate ``Facturas``: unique number, known client, dates, amounts, Moneda, Estado, Promesa de pago.

    ``cliente``: each row's client key when the caller resolved it (clients
    keyed by tax id or name, :mod:`disposicion.deudores`); ``campo_cliente``:
    the column problems with it are reported on.
    """
    factura = textos(celdas_de(tabla, "factura"))
    if "serie" in tabla.celdas:
        factura = con_serie(factura, textos(tabla.celdas["serie"]))
    cliente = textos(celdas_de(tabla, "cliente")) if cliente is None else cliente
    problemas = faltan(tabla, factura == "", "factura", "Falta el número de factura.")
    problemas += duplicados(tabla, factura, "factura", "El número de factura")
    problemas += faltan(tabla, cliente == "", campo_cliente, "Falta el cliente.")
    problemas += clientes_desconocidos(tabla, cliente, clientes.datos["cliente"], clientes.rechazadas, campo_cliente)
    fechas_, problemas_fechas = _fechas(tabla, configuracion.pais)
    importes = _importes(tabla, configuracion.pais, _notas_credito(tabla))
    moneda, problemas_moneda = _monedas(tabla, configuracion.moneda)
    estado, problemas_estado = _estados(tabla, configuracion.pais, importes.nota)
    estado, contradicha, avisos = pagadas_que_deben(tabla, estado, importes.debe, importes.pagado, moneda, configuracion.pais)
    problemas_estado += avisos
    dias, problemas_dias = _dias_credito(tabla)
    problemas += problemas_fechas + importes.problemas + problemas_moneda + problemas_estado + problemas_dias
    datos = pd.DataFrame({
        "factura": factura,
        "cliente": cliente,
        "emision": fechas_["emision"],
        "vencimiento": fechas_["vencimiento"],
        "total": importes.total,
        "moneda": moneda,
        "estado": estado,
        "promesa": fechas_["promesa"],
        "enlace": textos(celdas_de(tabla, "enlace")),
        "archivo": textos(celdas_de(tabla, "archivo")),
        "dias_credito": dias,
        "pagado_libro": importes.pagado,
        "nota_credito": importes.nota,
        "credito": importes.credito,
        "pagada_que_debe": contradicha,
        "fila": tabla.filas,
    })
    return resultado(tabla, datos, factura, problemas)
