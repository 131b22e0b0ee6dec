"""A bank statement as records: its credit lines, their keys, its balances.

Amounts are integer centavos (``dinero``); a credit (money in) is positive, a debit negative.  Only credits
reach matching; debits only take part in the balance check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from cartera import formato

ABONO = "abono"
"""A credit: money into the account."""


class MovimientoBancario(NamedTuple):
    """One line of a bank statement.

    ``fecha``: booking date; ``fecha_valor``: value date (``None`` when the file has none).  ``importe``:
    integer centavos, > 0 for a credit, < 0 for a debit.  ``moneda``: ISO code, "" when the file does not say.
    ``texto``: the line's free text (concepts, description, payer) joined by « / ».  ``referencia``: the bank's
    or the payer's reference ("" none).  ``cuenta``: the account as the file names it ("" unknown).
    ``archivo``: the file's name; ``linea``: where the line starts in it, counted from 1 (a spreadsheet's row
    number for CSV / XLSX exports).  ``clave``: :func:`clave` of the line, with its occurrence number among
    identical lines of the same file; "" until :func:`con_claves` sets it.
    """

    fecha: dt.date
    fecha_valor: dt.date | None
    importe: int
    moneda: str
    texto: str
    referencia: str
    cuenta: str
    archivo: str
    linea: int
    clave: str = ""

    @property
    def es_abono(self) -> bool:
        return self.importe > 0


class Extracto(NamedTuple):
    """One statement file read.

    ``formato``: «Norma 43», «OFX», «camt.053», «CSV» or «XLSX».  ``movimientos``: every line, credits and
    debits, in file order, each with its key.  ``saldo_inicial`` / ``saldo_final``: centavos, ``None`` when the
    file has none.  ``avisos``: Spanish warnings (a balance that does not add up, a currency not the book's).
    """

    archivo: str
    formato: str
    movimientos: tuple[MovimientoBancario, ...]
    saldo_inicial: int | None = None
    saldo_final: int | None = None
    avisos: tuple[str, ...] = ()

    @property
    def abonos(self) -> tuple[MovimientoBancario, ...]:
        """The credits: the only lines that may pay an invoice."""
        return tuple(m for m in self.movimientos if m.es_abono)


def _plano(texto: str) -> str:
    """Casefolded, accents dropped, spaces collapsed: the same line typed twice gives the same key."""
    sin = "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c))
    return " ".join(sin.casefold().split())


def clave(movimiento: MovimientoBancario, ocurrencia: int) -> str:
    """The line key: sha256 of account, dates, amount, text and reference, and ``ocurrencia`` (1 for the first
    of identical lines in a file, 2 for the second…), as 20 hex digits.  The file's name is not part of it:
    the same line in next week's overlapping export has the same key.

    >>> m = MovimientoBancario(dt.date(2026, 11, 5), None, 121000, "EUR", "Pago  FV-102", "", "ES12", "a.n43", 3)
    >>> clave(m, 1) == clave(m._replace(texto="pago fv-102", archivo="b.csv", linea=9), 1) != clave(m, 2)
    True
    """
    partes = (_plano(movimiento.cuenta), movimiento.fecha.isoformat(),
              movimiento.fecha_valor.isoformat() if movimiento.fecha_valor else "", str(movimiento.importe),
              _plano(movimiento.texto), _plano(movimiento.referencia), str(ocurrencia))
    return hashlib.sha256("|".join(partes).encode("utf-8")).hexdigest()[:20]


def con_claves(movimientos: Iterable[MovimientoBancario]) -> tuple[MovimientoBancario, ...]:
    """Each line with its key; identical lines of one file are told apart by their occurrence number."""
    vistas: Counter[tuple] = Counter()
    resultado = []
    for movimiento in movimientos:
        identidad = (movimiento.archivo, clave(movimiento, 0))  # lines equal once folded count as identical
        vistas[identidad] += 1
        resultado.append(movimiento._replace(clave=clave(movimiento, vistas[identidad])))
    return tuple(resultado)


def aviso_saldos(movimientos: tuple[MovimientoBancario, ...], inicial: int | None, final: int | None,
                 archivo: str, moneda: str = "", pais: str = "") -> tuple[str, ...]:
    """A Spanish warning when opening balance + lines ≠ closing balance (nothing when either is missing)."""
    if inicial is None or final is None:
        return ()
    calculado = inicial + sum(m.importe for m in movimientos)
    if calculado == final:
        return ()
    cifras = [formato.dinero(c, moneda, pais) for c in (inicial, calculado, final)]
    return (f"Los saldos de {archivo} no cuadran: saldo inicial {cifras[0]} más los movimientos da {cifras[1]}, "
            f"pero el extracto dice {cifras[2]}. Revise que el archivo esté completo.",)


def extracto(archivo: str, formato_: str, movimientos: Iterable[MovimientoBancario], inicial: int | None = None,
             final: int | None = None, avisos: tuple[str, ...] = (), pais: str = "") -> Extracto:
    """The ``Extracto`` of a parsed file: keys set, balances checked."""
    con = con_claves(movimientos)
    moneda = next((m.moneda for m in con if m.moneda), "")
    return Extracto(archivo, formato_, con, inicial, final, avisos + aviso_saldos(con, inicial, final, archivo, moneda, pais))
