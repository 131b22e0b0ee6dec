"""Spain's Norma 43 / Cuaderno 43 (AEB / CSB) statements, read with csb43.

Every record is 80 characters; the first two say what it is (11 account header, 22 movement, 23 its
concepts, 24 currency exchange, 33 account closing, 88 end of file).  Before csb43 reads the file, each record
is checked here so that a bad one is named in Spanish with its line (counted from 1): its length, its code,
its dates (AAMMDD) and its amounts.  The text is cp850 (most banks) or latin-1: told apart by the bytes used.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings

from csb43.aeb43 import read_batch
from csb43.aeb43.record.context import Aeb43Context

from cartera.conciliacion.movimientos import Extracto, MovimientoBancario, aviso_saldos, extracto
from cartera.dinero import a_centavos
from cartera.errores import ExtractoInvalido

FORMATO = "Norma 43"
LARGO = 80
_CODIGOS = frozenset({"11", "22", "23", "24", "33", "88"})
_FECHAS = {"11": ((20, 26), (26, 32)), "22": ((10, 16), (16, 22))}
"""Where each record keeps its dates (0-based slices of the 80 characters)."""
_CIFRAS = {"11": ((32, 33), (33, 47)), "22": ((27, 28), (28, 42)), "33": ((58, 59), (59, 73))}
"""Where each record keeps its debit/credit mark (1 or 2) and its 14-digit amount."""


def parece_norma43(contenido: bytes) -> bool:
    """True when the file looks like Norma 43: its first record is an account header (11) of 80 characters."""
    primera = contenido.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
    return len(primera) in range(70, 90) and primera[:2] == b"11" and primera[2:20].strip().isdigit()


def codificacion(contenido: bytes) -> str:
    """cp850 when the bytes are cp850's letters (á = A0, é = 82, ñ = A4), latin-1 otherwise."""
    altos = {b for b in contenido if b >= 0x80}
    if any(0x80 <= b <= 0x9F for b in altos) or (altos & set(range(0xA0, 0xA6)) and not any(b >= 0xC0 for b in altos)):
        return "cp850"
    return "latin-1"


def _fecha(texto: str, archivo: str, linea: int) -> None:
    try:
        dt.date(2000 + int(texto[:2]), int(texto[2:4]), int(texto[4:6]))
    except ValueError:
        raise ExtractoInvalido(archivo, linea, f"la fecha «{texto}» no existe (la Norma 43 escribe AAMMDD, "
                               "año, mes y día). El archivo está dañado: descárguelo de nuevo del banco.") from None


def _revisar(registro: str, archivo: str, linea: int) -> None:
    """Length, code, dates and amounts of one record; ExtractoInvalido naming the line otherwise."""
    if len(registro) != LARGO:
        raise ExtractoInvalido(archivo, linea, f"el registro tiene {len(registro)} caracteres y la Norma 43 exige "
                               f"{LARGO} en cada uno. El archivo está cortado o fue editado: descárguelo de nuevo del banco.")
    if registro[:2] not in _CODIGOS:
        raise ExtractoInvalido(archivo, linea, f"el registro empieza por «{registro[:2]}», que no es un código de la "
                               "Norma 43 (11, 22, 23, 24, 33 u 88).")
    for inicio, fin in _FECHAS.get(registro[:2], ()):
        _fecha(registro[inicio:fin], archivo, linea)
    if cifras := _CIFRAS.get(registro[:2]):
        (a, b), (c, d) = cifras
        if registro[a:b] not in ("1", "2") or not registro[c:d].isdigit():
            raise ExtractoInvalido(archivo, linea, f"el importe «{registro[a:d]}» no es legible (se esperan 1 o 2 y "
                                   "14 cifras).")


def _registros(contenido: bytes, archivo: str) -> tuple[list[bytes], list[int], str]:
    """The records (non-blank lines), their line numbers from 1, and the encoding; each record checked."""
    codigo = codificacion(contenido)
    registros, lineas = [], []
    for numero, crudo in enumerate(contenido.lstrip(b"\xef\xbb\xbf").split(b"\n"), start=1):
        registro = crudo.rstrip(b"\r")
        if not registro.strip():
            continue
        _revisar(registro.decode(codigo), archivo, numero)
        registros.append(registro)
        lineas.append(numero)
    if not registros:
        raise ExtractoInvalido(archivo, None, "el archivo está vacío.")
    return registros, lineas, codigo


_LINEA_CSB43 = re.compile(r"^\[(\d+)\]\s*")


def _leidos(registros: list[bytes], lineas: list[int], codigo: str, archivo: str):
    contexto = Aeb43Context(strict=True, silent=True, encoding=codigo)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return read_batch(registros, context=contexto)
    except (ValueError, ArithmeticError) as error:
        hallado = _LINEA_CSB43.match(str(error))
        indice = int(hallado[1]) if hallado else None
        linea = lineas[indice] if indice is not None and indice < len(lineas) else None
        raise ExtractoInvalido(archivo, linea, "el archivo no sigue la Norma 43: los registros no están en el orden "
                               "que la norma exige (11, 22, 23…, 33, 88) o los totales del registro 33 no cuadran con "
                               "los movimientos. Descárguelo de nuevo del banco.") from None


def _texto(transaccion) -> str:
    partes = [p.strip() for item in transaccion.optional_items for p in (item.item1, item.item2)]
    return " / ".join(p for p in partes if p)


def _referencia(transaccion) -> str:
    partes = (transaccion.reference2, transaccion.reference1, transaccion.document_number)
    return next((p.strip() for p in partes if p.strip().strip("0")), "")


def leer_norma43(contenido: bytes, archivo: str) -> Extracto:
    """Every movement of a Norma 43 file (all its accounts), balances checked per account."""
    registros, lineas, codigo = _registros(contenido, archivo)
    lote = _leidos(registros, lineas, codigo, archivo)
    de_movimientos = iter(n for n, r in zip(lineas, registros, strict=True) if r[:2] == b"22")
    movimientos: list[MovimientoBancario] = []
    avisos: list[str] = []
    for cuenta in lote.accounts:
        numero = f"{cuenta.bank_code}{cuenta.branch_code}{cuenta.account_number}"
        moneda = cuenta.currency.alpha_3 if cuenta.currency else ""
        propios = [MovimientoBancario(t.transaction_date, t.value_date, a_centavos(t.amount), moneda, _texto(t),
                                      _referencia(t), numero, archivo, next(de_movimientos))
                   for t in cuenta.transactions]
        final = a_centavos(cuenta.summary.final_balance) if cuenta.summary else None
        avisos += aviso_saldos(tuple(propios), a_centavos(cuenta.initial_balance), final, archivo, moneda, "ES")
        movimientos += propios
    return extracto(archivo, FORMATO, movimientos, avisos=tuple(avisos), pais="ES")
