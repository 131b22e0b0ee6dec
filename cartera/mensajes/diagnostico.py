"""What went wrong in a template, in Spanish, with its file and line (core).

Any error a template raises — while compiling (syntax, an unknown filter)
or while rendering (a division by zero, an undefined variable, a sandbox
refusal, a missing included template, a recursion, a result too large) —
becomes a ``FalloPlantilla``: the template files and lines involved (from
the traceback Jinja rewrites so that its frames point at the template
source), what kind of problem it is as a Spanish phrase, and the library's
own text for the log.  Nothing of Jinja's English reaches the owner: the
shell writes ``detalle`` to ``cartera.log`` and shows ``explicar``.
"""

from __future__ import annotations

import re
from types import TracebackType
from typing import NamedTuple

import jinja2
from jinja2.sandbox import MAX_RANGE, SecurityError

from cartera.mensajes.limites import Excesivo


class FalloPlantilla(NamedTuple):
    """One template error.

    ``lugares``: (file, line) of each template frame, outermost first and
    innermost (where it happened) last; the file as its loader names it (a
    path for a folder, the name when no file is known); empty when no
    template was found.  ``plantilla``: the template the message asked for.
    ``motivo``: what is wrong, a Spanish phrase whose subject is the template
    («divide por cero»), without a final period.  ``detalle``: the library's
    text, for the log only.
    """

    plantilla: str
    lugares: tuple[tuple[str, int], ...]
    motivo: str
    detalle: str


_SIN_ARCHIVO = ("<template>", "<unknown>", "")


def _lugares(error: BaseException) -> tuple[tuple[str, int], ...]:
    """The template frames of ``error``'s traceback (Jinja marks them with ``__jinja_exception__``)."""
    lugares: list[tuple[str, int]] = []
    tb: TracebackType | None = error.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            lugar = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
            if not lugares or lugares[-1] != lugar:
                lugares.append(lugar)
        tb = tb.tb_next
    if isinstance(error, jinja2.TemplateSyntaxError) and error.lineno:
        archivo = error.filename or error.name or ""
        if not lugares or lugares[-1] != (archivo, error.lineno):
            lugares.append((archivo, error.lineno))
    return tuple(lugares)


_SINTAXIS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"No filter named '([^']*)'"), "usa el filtro «{}», que no existe"),
    (re.compile(r"No test named '([^']*)'"), "usa la prueba «{}» (is …), que no existe"),
    (re.compile(r"(?i)unexpected end of template"),
     "termina sin cerrar un bloque o una expresión (falta un {{% end… %}}, un }}}} o un %}}): revise cada apertura"),
    (re.compile(r"Encountered unknown tag '([^']*)'"), "usa la etiqueta «{}», que no existe o no va en ese lugar"),
    (re.compile(r"block '([^']*)' defined twice"), "define dos veces el bloque «{}»"),
    (re.compile(r"unexpected char '(.)'"), "tiene el carácter «{}» donde no corresponde"),
    (re.compile(r"expected token '[^']*', got '([^']*)'"), "tiene «{}» donde no corresponde"),
    (re.compile(r"unexpected '([^']*)'"), "tiene «{}» donde no corresponde"),
    (re.compile(r"Expected an expression, got '([^']*)'"), "tiene una etiqueta vacía o incompleta (antes de «{}»)"),
)
_TOKENS = {"end of print statement": "}}", "end of statement block": "%}", "end of template": "el final"}


def _sintaxis(error: jinja2.TemplateSyntaxError) -> str:
    for patron, frase in _SINTAXIS:
        if encontrado := patron.search(error.message or ""):
            valor = encontrado.group(1) if patron.groups else ""
            return frase.format(_TOKENS.get(valor, valor))
    return "tiene un error de escritura"


_INDEFINIDA = re.compile(r"^'([^']*)' is undefined")
_SIN_ATRIBUTO = re.compile(r"has no attribute '([^']*)'")
_SIN_ELEMENTO = re.compile(r"has no element (.+)$")


def _indefinido(error: jinja2.UndefinedError) -> str:
    texto = error.message or ""
    if encontrado := _INDEFINIDA.search(texto):
        return f"usa la variable «{encontrado.group(1)}», que no existe"
    if (encontrado := _SIN_ATRIBUTO.search(texto)) and "TemplateModule" in texto:
        return f"usa «{encontrado.group(1)}», que no está en la plantilla que importa"
    if encontrado:
        return f"usa el dato «{encontrado.group(1)}», que no existe"
    if encontrado := _SIN_ELEMENTO.search(texto):
        return f"usa el elemento {encontrado.group(1).strip(chr(39))} de una lista que no lo tiene"
    return "usa un dato que no existe"


def _no_encontrada(error: jinja2.TemplateNotFound) -> str:
    nombres = getattr(error, "templates", None) or [error.name]
    return "no encuentra la plantilla incluida " + " ni ".join(f"«{getattr(n, 'name', n)}»" for n in nombres)


def motivo(error: BaseException) -> str:
    """What kind of problem ``error`` is, as a Spanish phrase whose subject is the template."""
    if isinstance(error, Excesivo):
        return error.motivo
    if isinstance(error, jinja2.TemplateSyntaxError):  # also TemplateAssertionError (unknown filter or test)
        return _sintaxis(error)
    if isinstance(error, jinja2.TemplateNotFound):  # also TemplatesNotFound
        return _no_encontrada(error)
    if isinstance(error, SecurityError):  # checked before UndefinedError: both are TemplateRuntimeError
        return "hace algo que cartera no permite por seguridad"
    if isinstance(error, jinja2.UndefinedError):
        return _indefinido(error)
    return _motivo_python(error)


_POR_TIPO: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], str], ...] = (
    (ZeroDivisionError, "divide por cero"),
    (ArithmeticError, "hace una cuenta cuyo resultado es demasiado grande o imposible"),
    (RecursionError,
     "se llama a sí misma sin fin (un macro que se usa a sí mismo, o plantillas que se incluyen entre sí)"),
    (MemoryError, "produciría un texto demasiado grande para la memoria del equipo"),
    (UnicodeDecodeError, "no está guardada como texto UTF-8 (guárdela con la codificación UTF-8 en su editor)"),
    (OSError, "no se puede leer (revise que el archivo no esté abierto ni protegido)"),
    (TypeError, "mezcla datos de tipos distintos (por ejemplo, suma texto y números) "
                "o aplica un filtro a un dato que no le corresponde"),
    (ValueError, "usa un valor que no sirve para esa operación (por ejemplo, un texto donde va un número)"),
    ((LookupError, AttributeError), "usa un dato que no existe"),
)
"""Python's own errors raised by template code, most specific first."""
SERIE_EXCESIVA = (f"pide una serie de más de {MAX_RANGE:,} números".replace(",", ".")
                  + ", algo que cartera no permite por seguridad")


def _filtro(error: BaseException) -> str:
    """The Jinja filter the error was raised in ("" if none): ``do_first`` → ``first``."""
    nombre = ""
    tb: TracebackType | None = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_globals.get("__name__") == "jinja2.filters":
            nombre = tb.tb_frame.f_code.co_name.removeprefix("sync_").removeprefix("do_")
        tb = tb.tb_next
    return nombre


def _motivo_python(error: BaseException) -> str:
    if isinstance(error, OverflowError) and str(error).startswith("Range too big"):  # the sandbox's range()
        return SERIE_EXCESIVA
    if isinstance(error, TypeError | ValueError | AttributeError | LookupError) and (filtro := _filtro(error)):
        return f"aplica el filtro «{filtro}» a un dato que no le corresponde"
    return next((frase for tipo, frase in _POR_TIPO if isinstance(error, tipo)), "no se pudo completar")


def diagnosticar(error: BaseException, plantilla: str) -> FalloPlantilla:
    """The ``FalloPlantilla`` of ``error``, raised while composing with the template ``plantilla``."""
    lugares = tuple(lugar for lugar in _lugares(error) if lugar[0] not in _SIN_ARCHIVO) or tuple(
        (plantilla, linea) for _, linea in _lugares(error)[-1:])
    return FalloPlantilla(plantilla, lugares, motivo(error), f"{type(error).__name__}: {error}")


def explicar(archivo: str, linea: int | None, que: str, *, original: bool = False) -> str:
    """«La plantilla «plantillas/primer_aviso.usted.j2», línea 3, divide por cero» (no final period).

    ``original``: the file is one of cartera's own (said after its name).
    """
    return (f"La plantilla «{archivo}»" + (" (la original de cartera)" if original else "")
            + (f", línea {linea}," if linea else "") + f" {que}")
