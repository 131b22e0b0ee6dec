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
