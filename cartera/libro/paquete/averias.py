"""Why a workbook file could not be read or written, in the owner's Spanish; the library's own words go to the log.

The readers (zipfile, zlib, python-calamine, expat, openpyxl) explain a
failure in English («corrupt deflate stream», «cannot decode input using
UTF-8», «unrecognized entity»).  :func:`causa` turns the exception into the
likely cause as the owner understands it; :func:`danado` is the whole
message, naming the file (and the sheet) and the remedy.  The original text
is logged (``cartera.log``) with its traceback, never shown.
"""

from __future__ import annotations

import errno
import logging

log = logging.getLogger(__name__)

_CAUSAS = (
    (("password", "encrypt", "decrypt"), "está protegido con contraseña"),
    (("entity", "dtd", "doctype"), "contiene definiciones XML (entidades) que Excel nunca escribe y que cartera "
                                   "rechaza por seguridad"),
    (("decode", "utf-8", "utf8", "encoding", "codec"), "tiene texto guardado con una codificación distinta de la "
                                                       "de Excel (suele pasar con archivos hechos por otros programas)"),
    (("cell limit",), "tiene más celdas de las que cartera puede leer"),
    (("zip", "deflate", "crc", "compress", "truncat", "eof", "declared", "stored block", "distance", "header",
      "magic", "end of"), "su contenido está cortado o alterado (pasa con una descarga o una copia "
                          "interrumpida)"),
)
_ERRNO = {
    errno.ENOSPC: "el disco está lleno",
    errno.EACCES: "no hay permiso para escribir en la carpeta",
    errno.EPERM: "no hay permiso para escribir en la carpeta",
    errno.EROFS: "la carpeta es de solo lectura",
}


def causa(error: BaseException) -> str:
    """The likely cause of ``error`` in Spanish, for the owner (never the library's text)."""
    if isinstance(error, OSError) and error.errno in _ERRNO:
        return _ERRNO[error.errno]
    texto = f"{type(error).__name__} {error}".casefold()
    for claves, frase in _CAUSAS:
        if any(c in texto for c in claves):
            return frase
    if isinstance(error, OSError):
        return "el sistema no permitió leer o escribir el archivo"
    return "su contenido no es el de un libro de Excel válido"


def danado(archivo: str, error: BaseException, hoja: str | None = None) -> str:
    """The owner's message for a workbook (or one of its sheets) that could not be read; logs the detail."""
    log.warning("No se pudo leer %s%s: %s", archivo, f" (hoja {hoja})" if hoja else "", error, exc_info=error)
    donde = f"la hoja «{hoja}» de «{archivo}»" if hoja else f"«{archivo}»"
    return (f"No se puede leer {donde}: {causa(error)}. Ábralo en Excel y guárdelo de nuevo (Archivo → Guardar "
            "como → «Libro de Excel (.xlsx)»), o use una copia de respaldo (carpeta .cartera/respaldos); si no "
            "reconoce el archivo, no lo abra. El detalle técnico quedó en cartera.log.")
