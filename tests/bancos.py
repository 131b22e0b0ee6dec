"""Write real bank statement files for tests: Norma 43, OFX, camt.053, bank CSV exports.

Each writer takes plain Python values and returns the file's bytes, laid out as the banks lay them out;
the tests write them to disk and read them back through ``cartera.extractos`` (csb43, ofxtools,
defusedxml and python-calamine do the reading).  XLSX exports are written with ``tests.libros.escribir_libro``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from libros import escribir_libro, libro_minimo_valido


def libro_con_nit(carpeta: Path) -> Path:
    """``libros.libro_minimo_valido`` with a NIT column in Clientes (C002 800111222, C003 811000333), as
    ``carpeta/cartera.xlsx``: the statement lines of the tests name invoices or these tax ids."""
    hojas = libro_minimo_valido()
    hojas["Clientes"][0].append("NIT")
    for fila, nit in zip(hojas["Clientes"][1:], ["900.123.456-7", "800111222", "811000333"], strict=True):
        fila.append(nit)
    return escribir_libro(carpeta / "cartera.xlsx", hojas)


class Linea(NamedTuple):
    """One statement line: ``centavos`` > 0 is a credit; ``texto`` the concept; ``referencia`` the bank's."""

    fecha: dt.date
    centavos: int
    texto: str = ""
    referencia: str = ""


def _aammdd(fecha: dt.date) -> str:
    return fecha.strftime("%y%m%d")


def registro_11(inicio: dt.date, fin: dt.date, saldo: int, cuenta: str = "0123456789") -> str:
    return f"1101821234{cuenta}{_aammdd(inicio)}{_aammdd(fin)}2{saldo:014d}9783{'EMPRESA EJEMPLO SL':<26}   "


def registro_22(linea: Linea) -> str:
    signo = "2" if linea.centavos > 0 else "1"
    fecha = _aammdd(linea.fecha)
    return f"22    1234{fecha}{fecha}02099{signo}{abs(linea.centavos):014d}{'0' * 10}{'0' * 12}{linea.referencia:<16.16}"


def registro_23(texto: str) -> str:
    return f"2301{texto[:38]:<38}{texto[38:76]:<38}"


def registro_33(lineas: list[Linea], inicial: int, cuenta: str = "0123456789") -> str:
    debe = [-x.centavos for x in lineas if x.centavos < 0]
    haber = [x.centavos for x in lineas if x.centavos > 0]
    final = inicial + sum(haber) - sum(debe)
    return f"3301821234{cuenta}{len(debe):05d}{sum(debe):014d}{len(haber):05d}{sum(haber):014d}2{final:014d}978    "


def norma43(lineas: list[Linea], inicial: int = 100_000, *, codificacion: str = "latin-1") -> bytes:
    """A Norma 43 file: one account, a 22 record per line (a 23 with its text when it has one), CRLF ends."""
    fechas = [x.fecha for x in lineas] or [dt.date(2026, 11, 1)]
    registros = [registro_11(min(fechas), max(fechas), inicial)]
    for linea in lineas:
        registros.append(registro_22(linea))
        if linea.texto:
            registros.append(registro_23(linea.texto))
    registros.append(registro_33(lineas, inicial))
    registros.append(f"88{'9' * 18}{len(registros):06d}" + " " * 54)
    assert all(len(r) == 80 for r in registros), [len(r) for r in registros]
    return ("\r\n".join(registros) + "\r\n").encode(codificacion)


def ofx(lineas: list[Linea], moneda: str = "MXN", cuenta: str = "0123456789") -> bytes:
    """An OFX 1.02 (SGML) bank statement with one STMTTRN per line."""
    movimientos = "".join(
        f"<STMTTRN>\n<TRNTYPE>{'CREDIT' if x.centavos > 0 else 'DEBIT'}\n<DTPOSTED>{x.fecha:%Y%m%d}120000\n"
        f"<TRNAMT>{x.centavos / 100:.2f}\n<FITID>{x.referencia or f'T{i}'}\n<NAME>{x.texto[:32] or 'MOVIMIENTO'}\n"
        + (f"<MEMO>{x.texto}\n" if x.texto else "") + "</STMTTRN>\n"
        for i, x in enumerate(lineas, start=1))
    texto = ("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\n"
             "COMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX>\n<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0"
             "<SEVERITY>INFO</STATUS><DTSERVER>20261130120000<LANGUAGE>SPA</SONRS></SIGNONMSGSRSV1>\n"
             "<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>\n"
             f"<STMTRS><CURDEF>{moneda}\n<BANKACCTFROM><BANKID>072<ACCTID>{cuenta}<ACCTTYPE>CHECKING</BANKACCTFROM>\n"
             f"<BANKTRANLIST><DTSTART>20261101<DTEND>20261130\n{movimientos}</BANKTRANLIST>\n"
             "<LEDGERBAL><BALAMT>1000.00<DTASOF>20261130</LEDGERBAL>\n</STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n")
    return texto.replace("\n", "\r\n").encode("ascii")


def camt053(lineas: list[Linea], *, version: str = "02", inicial: int = 100_000, final: int | None = None,
            moneda: str = "EUR", pagador: str = "Cliente Uno SL") -> bytes:
    """A camt.053 statement (version 02 or 08: their Sts and Dbtr differ), opening and closing balances."""
    final = inicial + sum(x.centavos for x in lineas) if final is None else final
    sts = "<Sts>BOOK</Sts>" if int(version) < 8 else "<Sts><Cd>BOOK</Cd></Sts>"
    nombre = f"<Nm>{pagador}</Nm>" if int(version) < 8 else f"<Pty><Nm>{pagador}</Nm></Pty>"
    entradas = "".join(f"""
      <Ntry>
        <Amt Ccy="{moneda}">{abs(x.centavos) / 100:.2f}</Amt>
        <CdtDbtInd>{'CRDT' if x.centavos > 0 else 'DBIT'}</CdtDbtInd>
        {sts}
        <BookgDt><Dt>{x.fecha.isoformat()}</Dt></BookgDt>
        <ValDt><Dt>{x.fecha.isoformat()}</Dt></ValDt>
        <AcctSvcrRef>{x.referencia or f'R{i}'}</AcctSvcrRef>
        <NtryDtls><TxDtls><RltdPties><Dbtr>{nombre}</Dbtr></RltdPties>
          <RmtInf><Ustrd>{x.texto}</Ustrd></RmtInf></TxDtls></NtryDtls>
      </Ntry>""" for i, x in enumerate(lineas, start=1))

    def saldo(codigo: str, centavos: int, dia: str) -> str:
        return (f"<Bal><Tp><CdOrPrtry><Cd>{codigo}</Cd></CdOrPrtry></Tp><Amt Ccy=\"{moneda}\">{abs(centavos) / 100:.2f}"
                f"</Amt><CdtDbtInd>{'CRDT' if centavos >= 0 else 'DBIT'}</CdtDbtInd><Dt><Dt>{dia}</Dt></Dt></Bal>")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-30T10:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>S1</Id>
      <Acct><Id><IBAN>ES9121000418450200051332</IBAN></Id><Ccy>{moneda}</Ccy></Acct>
      {saldo("OPBD", inicial, "2026-11-01")}
      {saldo("CLBD", final, "2026-11-30")}{entradas}
    </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()


def _cop(centavos: int) -> str:
    """1.190.000,00 with a sign: Colombia's way."""
    entero, decimales = divmod(abs(centavos), 100)
    return ("-" if centavos < 0 else "") + f"{entero:,}".replace(",", ".") + f",{decimales:02d}"


def csv_bancolombia(lineas: list[Linea], saldo_inicial: int = 10_000_000_00) -> bytes:
    """Bancolombia's export: a title block, then FECHA;DESCRIPCIÓN;SUCURSAL;REFERENCIA;VALOR;SALDO, «Valor»
    signed, dd/mm/yyyy, 1.234.567,89, Windows-1252."""
    filas = ["BANCOLOMBIA S.A.;;;;;", "Cuenta de ahorros 123-456789-00;;;;;", "Desde 01/11/2026 hasta 30/11/2026;;;;;", ";;;;;",
             "FECHA;DESCRIPCIÓN;SUCURSAL;REFERENCIA;VALOR;SALDO"]
    saldo = saldo_inicial
    for x in lineas:
        saldo += x.centavos
        filas.append(f"{x.fecha:%d/%m/%Y};{x.texto};MEDELLIN;{x.referencia};{_cop(x.centavos)};{_cop(saldo)}")
    return ("\r\n".join(filas) + "\r\n").encode("cp1252")


def csv_bbva(lineas: list[Linea]) -> bytes:
    """BBVA Spain's export (newest first): Fecha,Fecha valor,Concepto,Movimiento,Importe,Divisa with 1.234,56."""
    filas = ['"Fecha","Fecha valor","Concepto","Movimiento","Importe","Divisa"']
    for x in reversed(lineas):
        filas.append(f'"{x.fecha:%d/%m/%Y}","{x.fecha:%d/%m/%Y}","{x.texto}","{x.referencia}","{_cop(x.centavos)}","EUR"')
    return ("\n".join(filas) + "\n").encode("utf-8-sig")


def filas_banorte(lineas: list[Linea]) -> list[list]:
    """Banorte's XLSX export as rows: a title, then Fecha | Concepto | Referencia | Abono | Cargo | Saldo (numbers)."""
    filas: list[list] = [["Banorte - Estado de cuenta"], ["Cuenta: 0123456789"], [],
                         ["Fecha", "Concepto", "Referencia", "Abono", "Cargo", "Saldo"]]
    saldo = 10_000_00
    for x in lineas:
        saldo += x.centavos
        abono, cargo = (x.centavos / 100, None) if x.centavos > 0 else (None, -x.centavos / 100)
        filas.append([dt.datetime.combine(x.fecha, dt.time()), x.texto, x.referencia, abono, cargo, saldo / 100])
    return filas
