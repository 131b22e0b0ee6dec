"""OFX statements (Open Financial Exchange, SGML 1.x and XML 2.x), read with ofxtools.

ofxtools reads from a binary stream; :class:`_Memoria` gives it the file's bytes without any I/O module, so
this module stays in the core.  A line is placed by its ``<FITID>`` (the bank's id of the transaction); an
error by the first line holding the value ofxtools refused.  OFX has a closing balance (``LEDGERBAL``) but no
opening one: the balance check needs both, so an OFX file is not checked.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings

from ofxtools.Parser import OFXTree

from cartera.conciliacion.movimientos import Extracto, MovimientoBancario, extracto
from cartera.dinero import a_centavos
from cartera.errores import ExtractoInvalido

FORMATO = "OFX"


class _Memoria:
    """The few methods of a binary file that ofxtools calls (read, readline, seek, tell) over bytes."""

    def __init__(self, contenido: bytes) -> None:
        self._contenido = contenido
        self._pos = 0
        self.mode = "rb"

    def read(self, cuanto: int = -1) -> bytes:
        fin = len(self._contenido) if cuanto is None or cuanto < 0 else self._pos + cuanto
        trozo, self._pos = self._contenido[self._pos:fin], min(fin, len(self._contenido))
        return trozo

    def readline(self, cuanto: int = -1) -> bytes:
        fin = self._contenido.find(b"\n", self._pos)
        fin = len(self._contenido) if fin < 0 else fin + 1
        if cuanto is not None and cuanto >= 0:
            fin = min(fin, self._pos + cuanto)
        return self.read(fin - self._pos)

    def seek(self, pos: int, desde: int = 0) -> int:
        self._pos = pos if desde == 0 else (self._pos + pos if desde == 1 else len(self._contenido) + pos)
        return self._pos

    def tell(self) -> int:
        return self._pos


def parece_ofx(contenido: bytes) -> bool:
    """True for an OFX file: its header (``OFXHEADER:``) or an ``<OFX>`` element near the start."""
    inicio = contenido[:2048].upper()
    return b"OFXHEADER" in inicio or b"<OFX>" in inicio


def linea_de(contenido: bytes, fragmento: str) -> int | None:
    """The first line (from 1) holding ``fragmento``, None when it is nowhere."""
    pos = contenido.find(fragmento.encode("latin-1", "replace")) if fragmento else -1
    return contenido.count(b"\n", 0, pos) + 1 if pos >= 0 else None


def _culpable(error: Exception, contenido: bytes) -> tuple[str, int | None]:
    """The value ofxtools named in its error («Can't set STMTTRN.dtposted to 20261345120000: …») and its line."""
    for hallado in re.finditer(r"\bto (\S+?):|'([^'\s]{2,})'", str(error)):
        valor = hallado[1] or hallado[2]
        if (linea := linea_de(contenido, valor)) is not None:
            return valor, linea
    return "", None


def _estados(contenido: bytes, archivo: str):
    arbol = OFXTree()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arbol.parse(_Memoria(contenido))
            return arbol.convert().statements
    except (ValueError, SyntaxError, LookupError, TypeError, AttributeError, ArithmeticError) as error:
        valor, linea = _culpable(error, contenido)
        que = f"el valor «{valor}» no es válido" if valor else "una etiqueta o un valor no sigue el estándar"
        raise ExtractoInvalido(archivo, linea, f"el archivo OFX no se puede leer: {que} (una fecha que no existe, un "
                               "importe ilegible o el archivo cortado). Descárguelo de nuevo del banco.") from error


def fecha_escrita(contenido: bytes, marca: str, etiqueta: str) -> dt.date | None:
    """The date as the bank wrote it in the transaction holding ``marca``: ofxtools turns
    ``20261105200000[-5:EST]`` into 6 November in UTC, but the owner's bank booked it on the 5th."""
    pos = contenido.find(marca.encode("latin-1", "replace"))
    if pos < 0:
        return None
    inicio = contenido.rfind(b"<STMTTRN>", 0, pos)
    fin = contenido.find(b"</STMTTRN>", pos)
    bloque = contenido[max(inicio, 0):fin if fin >= 0 else len(contenido)]
    hallado = re.search(rb"<" + etiqueta.encode() + rb">\s*(\d{4})(\d{2})(\d{2})", bloque)
    try:
        return dt.date(int(hallado[1]), int(hallado[2]), int(hallado[3])) if hallado else None
    except ValueError:
        return None


def _cuenta(estado) -> str:
    cuenta = getattr(estado, "account", None)
    return str(getattr(cuenta, "acctid", "") or "")


def _texto(transaccion) -> str:
    partes = (transaccion.name, transaccion.extdname, transaccion.memo)
    return " / ".join(str(p).strip() for p in partes if p and str(p).strip())


def _referencia(transaccion) -> str:
    return str(transaccion.refnum or transaccion.checknum or transaccion.fitid or "").strip()


def leer_ofx(contenido: bytes, archivo: str, pais: str = "") -> Extracto:
    """Every transaction of every statement in an OFX file (credits have a positive ``TRNAMT``)."""
    movimientos = []
    for estado in _estados(contenido, archivo):
        moneda, cuenta = str(estado.curdef or ""), _cuenta(estado)
        for t in estado.banktranlist or ():
            linea = linea_de(contenido, f"<FITID>{t.fitid}") or linea_de(contenido, str(t.fitid)) or 1
            fecha = fecha_escrita(contenido, f"<FITID>{t.fitid}", "DTPOSTED") or t.dtposted.date()
            valor = t.dtavail.date() if t.dtavail else None
            movimientos.append(MovimientoBancario(fecha, valor, a_centavos(t.trnamt), moneda, _texto(t),
                                                  _referencia(t), cuenta, archivo, linea))
    return extracto(archivo, FORMATO, movimientos, pais=pais)
