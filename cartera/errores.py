"""Environment and configuration errors: each message states the remedy.

Data problems are not exceptions: they are ``modelo.Rechazo`` values.  These
exceptions stop a run; the CLI maps them once to exit codes and one Spanish
line on screen (the traceback goes to the log file).
"""

from __future__ import annotations


class CarteraError(Exception):
    """Base: a problem the user can fix.  ``str(error)`` is the Spanish message."""

    codigo_salida = 2


class LibroInvalido(CarteraError):
    """The workbook cannot be used at all (not .xlsx, protected, missing sheet or column)."""


class LibroOcupado(CarteraError):
    """Another run holds the workbook, or Excel has it open for writing."""


class CorreoError(CarteraError):
    """Gmail/SMTP cannot be used (no password, bad credentials, untrusted certificate)."""


class DiscoError(CarteraError):
    """The disk refused a write or a read (full, read-only, no permission): the message names cause and folder."""


_CAUSAS = {
    "ENOSPC": "el disco está lleno",
    "EDQUOT": "se agotó su cuota de disco",
    "EFBIG": "el archivo supera el tamaño que permite el disco",
    "EROFS": "la carpeta es de solo lectura",
    "EACCES": "no hay permiso para escribir ahí",
    "EPERM": "no hay permiso para escribir ahí",
    "EIO": "el disco dio un error de lectura o escritura",
    "ENAMETOOLONG": "la ruta es demasiado larga",
}


def causa_del_disco(error: OSError) -> str:
    """What an ``OSError`` means for the owner, in Spanish («el disco está lleno»…), never the library's English.

    >>> import errno
    >>> causa_del_disco(OSError(errno.ENOSPC, "No space left on device"))
    'el disco está lleno'
    >>> causa_del_disco(PermissionError(errno.EACCES, "Permission denied"))
    'no hay permiso para escribir ahí'
    """
    import errno

    nombre = errno.errorcode.get(error.errno or 0, "")
    if nombre in _CAUSAS:
        return _CAUSAS[nombre]
    if isinstance(error, PermissionError) or getattr(error, "winerror", None) in (5, 32, 33):
        return "no hay permiso para escribir ahí, o otro programa tiene el archivo abierto"
    if getattr(error, "winerror", None) in (39, 112):
        return "el disco está lleno"
    return f"el sistema no permitió la operación (código {error.errno or getattr(error, 'winerror', '?')})"


def error_de_disco(error: OSError, que: str, carpeta: object = None) -> DiscoError:
    """``DiscoError`` for «No se pudo <que> en <carpeta>: <causa>.», the folder taken from the error when not given.

    >>> import errno
    >>> str(error_de_disco(OSError(errno.ENOSPC, "x", "/datos/.cartera/diario.jsonl"), "anotar el envío"))
    'No se pudo anotar el envío en la carpeta /datos/.cartera: el disco está lleno. Libere espacio y vuelva a ejecutar cartera.'
    """
    if carpeta is None:
        nombre = str(error.filename or "")
        carpeta = max(nombre.rpartition("/")[0], nombre.rpartition("\\")[0], key=len) or "del libro"
    causa = causa_del_disco(error)
    remedio = {"el disco está lleno": "Libere espacio", "se agotó su cuota de disco": "Libere espacio"}.get(
        causa, "Revise la carpeta")
    return DiscoError(f"No se pudo {que} en la carpeta {carpeta}: {causa}. {remedio} y vuelva a ejecutar cartera.")


class ExtractoInvalido(CarteraError):
    """A bank statement cannot be read: the message names the file, its line (counted from 1) and what is wrong.

    ``archivo`` is the file's name as given, ``linea`` the 1-based line (or row) number, ``None`` for the whole file.
    Raised while reading, before anything is registered: one bad file stops the whole ``cartera pagos`` command.
    """

    def __init__(self, archivo: str, linea: int | None, motivo: str) -> None:
        donde = f"{archivo}, línea {linea}" if linea is not None else archivo
        super().__init__(f"El extracto {donde}: {motivo}")
        self.archivo = archivo
        self.linea = linea
        self.motivo = motivo
