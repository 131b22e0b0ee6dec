"""ISO 20022 camt.053 (Bank to Customer Statement) files, parsed with defusedxml.

Any version (``camt.053.001.02`` to ``.13``): elements are found by their local names, whatever the
namespace.  Only booked entries (``<Sts>BOOK</Sts>``, or ``<Sts><Cd>BOOK</Cd></Sts>`` from version 8 on) are
movements; pending ones are left for the statement that books them.  The opening (``OPBD``, or ``PRCD``) and
closing (``CLBD``) balances are checked against the entries.  A line is placed at its ``<Ntry>`` tag.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from cartera.conciliacion.movimientos import Extracto, MovimientoBancario, aviso_saldos, con_claves
from cartera.dinero import a_centavos
from cartera.errores import ExtractoInvalido

FORMATO = "camt.053"
_NTRY = re.compile(rb"<(?:[\w.-]+:)?Ntry[\s>]")


def parece_camt(contenido: bytes) -> bool:
    """True for a camt.053 file: its namespace or its root element near the start."""
    inicio = contenido[:4096]
    return b"camt.053" in inicio or b"BkToCstmrStmt" in inicio


def _local(elemento: Element) -> str:
    return elemento.tag.rpartition("}")[2]


def _hijo(elemento: Element | None, *camino: str) -> Element | None:
    for nombre in camino:
        if elemento is None:
            return None
        elemento = next((h for h in elemento if _local(h) == nombre), None)
    return elemento


def _hijos(elemento: Element | None, nombre: str) -> list[Element]:
    return [h for h in elemento if _local(h) == nombre] if elemento is not None else []


def _texto(elemento: Element | None, *camino: str) -> str:
    hallado = _hijo(elemento, *camino)
    return (hallado.text or "").strip() if hallado is not None else ""


def _todos(elemento: Element, nombre: str) -> list[str]:
    return [(e.text or "").strip() for e in elemento.iter() if _local(e) == nombre and (e.text or "").strip()]


def _fecha(elemento: Element | None, archivo: str, linea: int | None) -> dt.date | None:
    texto = _texto(elemento, "Dt") or _texto(elemento, "DtTm")[:10]
    if not texto:
        return None
    try:
        return dt.date.fromisoformat(texto[:10])
    except ValueError:
        raise ExtractoInvalido(archivo, linea, f"la fecha «{texto}» no existe (camt.053 escribe AAAA-MM-DD).") from None


def _importe(elemento: Element, archivo: str, linea: int | None) -> int:
    texto = _texto(elemento, "Amt")
    try:
        centavos = a_centavos(Decimal(texto))
    except InvalidOperation:
        raise ExtractoInvalido(archivo, linea, f"el importe «{texto}» no es legible.") from None
    return -centavos if _texto(elemento, "CdtDbtInd") == "DBIT" else centavos


def _documento(contenido: bytes, archivo: str) -> Element:
    try:
        raiz = fromstring(contenido)
    except ParseError as error:
        linea = error.position[0] if getattr(error, "position", None) else None
        raise ExtractoInvalido(archivo, linea, "el XML está mal formado (una etiqueta sin cerrar o el archivo "
                               "cortado). Descárguelo de nuevo del banco.") from None
    except DefusedXmlException:
        raise ExtractoInvalido(archivo, None, "el XML declara entidades o referencias externas, que un extracto "
                               "bancario no trae: no se lee por seguridad.") from None
    if "camt.053" not in raiz.tag and _hijo(raiz, "BkToCstmrStmt") is None:
        raise ExtractoInvalido(archivo, None, "el XML no es un extracto camt.053 (falta «BkToCstmrStmt»).")
    return raiz


def _reservado(entrada: Element) -> bool:
    estado = _texto(entrada, "Sts") or _texto(entrada, "Sts", "Cd")
    return estado in ("", "BOOK")


def _texto_entrada(entrada: Element) -> str:
    partes = [*_todos(entrada, "Ustrd"), *[n for n in _todos(entrada, "Nm")], _texto(entrada, "AddtlNtryInf")]
    vistas: list[str] = []
    for parte in partes:
        if parte and parte not in vistas:
            vistas.append(parte)
    return " / ".join(vistas)


def _referencia(entrada: Element) -> str:
    for nombre in ("Ref", "EndToEndId", "AcctSvcrRef"):
        valores = [v for v in _todos(entrada, nombre) if v.upper() != "NOTPROVIDED"]
        if valores:
            return valores[0]
    return ""


def _saldo(estado: Element, codigos: tuple[str, ...], archivo: str) -> int | None:
    for saldo in _hijos(estado, "Bal"):
        if _texto(saldo, "Tp", "CdOrPrtry", "Cd") in codigos:
            return _importe(saldo, archivo, None)
    return None


def leer_camt(contenido: bytes, archivo: str, pais: str = "") -> Extracto:
    """Every booked entry of every statement (``Stmt``) of a camt.053 file, balances checked per statement."""
    raiz = _documento(contenido, archivo)
    lineas = iter(contenido.count(b"\n", 0, m.start()) + 1 for m in _NTRY.finditer(contenido))
    movimientos: list[MovimientoBancario] = []
    avisos: list[str] = []
    for estado in _hijos(_hijo(raiz, "BkToCstmrStmt") or raiz, "Stmt"):
        cuenta = _texto(estado, "Acct", "Id", "IBAN") or _texto(estado, "Acct", "Id", "Othr", "Id")
        propios = []
        for entrada in _hijos(estado, "Ntry"):
            linea = next(lineas, None)
            if not _reservado(entrada):
                continue
            moneda = (_hijo(entrada, "Amt").attrib.get("Ccy", "") if _hijo(entrada, "Amt") is not None else "")
            fecha = _fecha(_hijo(entrada, "BookgDt"), archivo, linea) or _fecha(_hijo(entrada, "ValDt"), archivo, linea)
            if fecha is None:
                raise ExtractoInvalido(archivo, linea, "el movimiento no tiene fecha contable (BookgDt).")
            propios.append(MovimientoBancario(fecha, _fecha(_hijo(entrada, "ValDt"), archivo, linea),
                                              _importe(entrada, archivo, linea), moneda, _texto_entrada(entrada),
                                              _referencia(entrada), cuenta, archivo, linea or 1))
        inicial, final = _saldo(estado, ("OPBD", "PRCD"), archivo), _saldo(estado, ("CLBD",), archivo)
        moneda_estado = _texto(estado, "Acct", "Ccy") or next((m.moneda for m in propios), "")
        avisos += aviso_saldos(tuple(propios), inicial, final, archivo, moneda_estado, pais)
        movimientos += propios
    return Extracto(archivo, FORMATO, con_claves(movimientos), avisos=tuple(avisos))
