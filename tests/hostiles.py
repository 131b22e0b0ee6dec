"""Hostile workbook files built from a valid one: damaged, renamed, with XML entities, zip bombs.

``construir(valido, carpeta, xls)`` writes one file per kind and returns kind → path;
``bomba(valido, destino, bytes_)`` streams a Facturas sheet that inflates to ``bytes_`` from a few MB;
``mentir(ruta, parte, declarado)`` makes the zip's headers understate a part's size.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

FACTURAS = "xl/worksheets/sheet2.xml"
"""The Facturas sheet of ``libros.libro_minimo_valido()`` written by ``libros.escribir_libro``."""

def reemplazar_parte(origen: Path, destino: Path, parte: str, datos: bytes) -> Path:
    """A copy of ``origen`` with ``parte`` replaced by ``datos``."""
    with zipfile.ZipFile(origen) as zin, zipfile.ZipFile(destino, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, datos if info.filename == parte else zin.read(info))
    return destino


def _con_celda(hoja: bytes, texto: bytes, doctype: bytes = b"") -> bytes:
    """The sheet with a doctype after its XML declaration and one more row whose cell holds ``texto``."""
    celda = b'<sheetData><row r="1000"><c r="A1000" t="inlineStr"><is><t>' + texto + b"</t></is></c></row>"
    return hoja.replace(b"?>", b"?>" + doctype, 1).replace(b"<sheetData>", celda, 1)


_RISAS = b"".join(b'<!ENTITY %s "%s">' % (bytes([c]), (b"&%s;" % bytes([c - 1])) * 10) for c in range(ord("b"), ord("j")))


def _escribir(carpeta: Path, nombre: str, datos: bytes) -> Path:
    (carpeta / nombre).write_bytes(datos)
    return carpeta / nombre


def _alterado(datos: bytes, desde: int, hasta: int, paso: int, mascara: int) -> bytes:
    alterado = bytearray(datos)
    for k in range(desde, hasta, paso):
        alterado[k] ^= mascara
    return bytes(alterado)


def construir(valido: Path, carpeta: Path, xls: Path) -> dict[str, Path]:
    """kind → a hostile file built from the valid workbook ``valido`` (and the valid ``xls``)."""
    datos = valido.read_bytes()
    with zipfile.ZipFile(valido) as z:
        info, hoja = z.getinfo(FACTURAS), z.read(FACTURAS)
    inicio = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    xb = xls.read_bytes()
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 200 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 200
    return {
        "truncado": _escribir(carpeta, "truncado.xlsx", datos[: len(datos) // 2]),
        "deflate": _escribir(carpeta, "deflate.xlsx", _alterado(datos, inicio + 10, inicio + min(info.compress_size - 4, 200), 1, 0x5A)),
        "xls_basura": _escribir(carpeta, "basura.xls", _alterado(xb, len(xb) // 3, len(xb) // 2, 3, 0xFF)),
        "entidad": reemplazar_parte(valido, carpeta / "entidad.xlsx", FACTURAS, _con_celda(hoja, b"&foo;")),
        "xxe": reemplazar_parte(valido, carpeta / "xxe.xlsx", FACTURAS, _con_celda(
            hoja, b"&xxe;", b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')),
        "risas": reemplazar_parte(valido, carpeta / "risas.xlsx", FACTURAS, _con_celda(
            hoja, b"&i;", b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' + _RISAS + b"]>")),
        "latin1": reemplazar_parte(valido, carpeta / "latin1.xlsx", FACTURAS, _con_celda(hoja, "Año ñandú".encode("latin-1"))),
        "csv": _escribir(carpeta, "texto.xlsx", b"Factura;Cliente;Total\nF-1;C1;100\n"),
        "vacio": _escribir(carpeta, "vacio.xlsx", b""),
        "cifrado": _escribir(carpeta, "cifrado.xlsx", ole),
        "binario": _escribir(carpeta, "binario.xlsx", bytes(range(256)) * 40),
        "mentira": mentir(reemplazar_parte(valido, carpeta / "mentira.xlsx", FACTURAS, hoja), FACTURAS, 200),
    }


def mentir(ruta: Path, parte: str, declarado: int) -> Path:
    """Make the local and central headers of ``parte`` declare ``declarado`` bytes (and the CRC of that
    prefix): a header that lies about the size of what the deflate stream inflates to."""
    datos = bytearray(ruta.read_bytes())
    with zipfile.ZipFile(ruta) as z:
        info = z.getinfo(parte)
        with z.open(parte) as f:
            crc = zlib.crc32(f.read(declarado))
    struct.pack_into("<I", datos, info.header_offset + 14, crc)
    if struct.unpack_from("<I", datos, info.header_offset + 22)[0] != 0xFFFFFFFF:
        struct.pack_into("<I", datos, info.header_offset + 22, declarado)
    central = datos.find(b"PK\x01\x02")
    while datos[central + 46: central + 46 + struct.unpack_from("<H", datos, central + 28)[0]] != parte.encode():
        central = datos.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", datos, central + 16, crc)
    struct.pack_into("<I", datos, central + 24, declarado)
    ruta.write_bytes(bytes(datos))
    return ruta


_FILA = (b'<row><c t="inlineStr"><is><t>F-1</t></is></c><c t="inlineStr"><is><t>C001</t></is></c>'
         b"<c><v>46000</v></c><c><v>46030</v></c><c><v>100</v></c></row>")


class _Repetido:
    """A stand-in for zipfile's deflate compressor: the same 1 MB of rows compressed once (a full flush
    makes each copy an independent run of deflate blocks), handed out again for every copy written."""

    def __init__(self, trozo: bytes) -> None:
        compresor = zlib.compressobj(9, zlib.DEFLATED, -15)
        self.trozo, self.bloque = trozo, compresor.compress(trozo) + compresor.flush(zlib.Z_FULL_FLUSH)

    def compress(self, datos: bytes) -> bytes:
        assert datos == self.trozo
        return self.bloque

    def flush(self) -> bytes:
        return zlib.compressobj(9, zlib.DEFLATED, -15).flush()


def bomba(valido: Path, destino: Path, bytes_: int) -> Path:
    """``valido`` with its Facturas sheet inflating to about ``bytes_`` (header, then one row repeated),
    streamed to disk: never held in memory."""
    trozo = _FILA * ((1 << 20) // len(_FILA))
    with zipfile.ZipFile(valido) as zin, zipfile.ZipFile(destino, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != FACTURAS:
                zout.writestr(info.filename, zin.read(info))
                continue
            nueva = zipfile.ZipInfo(FACTURAS, info.date_time)
            nueva.compress_type = zipfile.ZIP_DEFLATED
            cabeza, _, _ = zin.read(info).partition(b"</sheetData>")
            with zout.open(nueva, "w", force_zip64=True) as salida:
                salida.write(cabeza)
                salida._compressor = _Repetido(trozo)  # noqa: SLF001 - the fast path of this test helper
                for _ in range(bytes_ // len(trozo) + 1):
                    salida.write(trozo)
                salida._compressor = zlib.compressobj(9, zlib.DEFLATED, -15)  # noqa: SLF001
                salida.write(b"</sheetData></worksheet>")
    return destino
