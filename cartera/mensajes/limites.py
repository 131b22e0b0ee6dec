"""The sandbox the templates run in, with a cap on what one template can produce (core).

Jinja's ``SandboxedEnvironment`` refuses unsafe attributes and callables and
ranges over 100,000 items, but lets a template build a string or a number of
any size: ``{{ 'x' * 10**9 }}`` asks for a gigabyte, ``{{ 9**9**9 }}`` for
minutes of arithmetic.  ``Entorno`` intercepts the operators that multiply
(``*``, ``**``, ``+``, ``%``), the padding methods and filters, and
``str.format`` widths, and refuses before computing anything larger than
``LIMITE_TEXTO`` characters or ``LIMITE_BITS`` bits; ``recoger`` stops
reading a template's output past ``LIMITE_TEXTO``.  A refusal raises
``Excesivo`` (a ``SecurityError``), whose ``motivo`` says in Spanish what
was refused.  Growth that no operator sees (``~`` doubling a namespace
attribute inside a loop) is bounded only by the memory (``MemoryError``).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Generator
from typing import Any

from jinja2.sandbox import SandboxedEnvironment, SecurityError

LIMITE_TEXTO = 1_000_000
"""Characters one part (subject, text or HTML) of one message may have; ~100 times a long reminder."""
LIMITE_BITS = 100_000
"""Size of an integer a template may compute (about 30,000 digits)."""

TEXTO_EXCESIVO = "produciría un texto de más de 1.000.000 de caracteres, algo que cartera no permite por seguridad"
NUMERO_EXCESIVO = "hace una cuenta con un número demasiado grande, algo que cartera no permite por seguridad"

_ANCHO_PORCENTAJE = re.compile(r"%[-+ #0]*(\*|\d{7,})|%[-+ #0]*\d*\.(\*|\d{7,})")
"""A printf-style width or precision of 7 digits or more (or taken from the arguments: ``*``)."""
_ANCHO_LLAVES = re.compile(r"\{[^{}]*:[^{}]*\d{7,}[^{}]*\}")
"""A ``str.format`` field whose spec holds 7 digits or more (``{:>1000000000}``)."""
_RELLENOS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})
_FILTROS_DE_ANCHO = ("center", "indent", "wordwrap")


class Excesivo(SecurityError):
    """A template asked for more than cartera allows; ``motivo`` is the Spanish reason."""

    def __init__(self, motivo: str) -> None:
        super().__init__(motivo)
        self.motivo = motivo


def _medida(valor: Any) -> int | None:
    """Length of a string, list or tuple (None for anything else)."""
    return len(valor) if isinstance(valor, str | list | tuple) else None


def _bits(valor: Any) -> float:
    return math.log2(abs(valor)) if isinstance(valor, int) and abs(valor) > 1 else 0.0


def _revisar_binop(operador: str, izquierda: Any, derecha: Any) -> None:
    if operador == "**" and isinstance(derecha, int) and derecha > 0 and _bits(izquierda) * derecha > LIMITE_BITS:
        raise Excesivo(NUMERO_EXCESIVO)
    if operador == "*":
        for secuencia, veces in ((izquierda, derecha), (derecha, izquierda)):
            medida = _medida(secuencia)
            if medida is not None and isinstance(veces, int) and medida * veces > LIMITE_TEXTO:
                raise Excesivo(TEXTO_EXCESIVO)
        if _bits(izquierda) + _bits(derecha) > LIMITE_BITS:
            raise Excesivo(NUMERO_EXCESIVO)
    if operador == "+" and (_medida(izquierda) or 0) + (_medida(derecha) or 0) > LIMITE_TEXTO:
        raise Excesivo(TEXTO_EXCESIVO)
    if operador == "%" and isinstance(izquierda, str) and _ANCHO_PORCENTAJE.search(izquierda):
        raise Excesivo(TEXTO_EXCESIVO)


def _sin_anchos_grandes(*argumentos: Any) -> None:
    if any(isinstance(a, int) and a > LIMITE_TEXTO for a in argumentos):
        raise Excesivo(TEXTO_EXCESIVO)


def _filtro_con_tope(filtro: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(filtro)
    def con_tope(valor: Any, *argumentos: Any, **nombrados: Any) -> Any:
        _sin_anchos_grandes(*argumentos, *nombrados.values())
        return filtro(valor, *argumentos, **nombrados)

    return con_tope


def _formato_con_tope(filtro: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(filtro)
    def con_tope(valor: Any, *argumentos: Any, **nombrados: Any) -> Any:
        if isinstance(valor, str) and _ANCHO_PORCENTAJE.search(valor):
            raise Excesivo(TEXTO_EXCESIVO)
        return filtro(valor, *argumentos, **nombrados)

    return con_tope


class Entorno(SandboxedEnvironment):
    """``SandboxedEnvironment`` that also refuses results past ``LIMITE_TEXTO`` / ``LIMITE_BITS``."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for nombre in _FILTROS_DE_ANCHO:
            self.filters[nombre] = _filtro_con_tope(self.filters[nombre])
        self.filters["format"] = _formato_con_tope(self.filters["format"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _revisar_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        if getattr(__obj, "__name__", "") in _RELLENOS and isinstance(getattr(__obj, "__self__", None), str):
            _sin_anchos_grandes(*args, *kwargs.values())
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        envuelta = super().wrap_str_format(value)
        if envuelta is not None and _ANCHO_LLAVES.search(value.__self__):
            raise Excesivo(TEXTO_EXCESIVO)
        return envuelta


def recoger(partes: Generator[str, None, None]) -> str:
    """A template's output (``Template.generate``) joined, refused past ``LIMITE_TEXTO`` characters.

    The refusal is thrown into the template where it stands, so its traceback names the template's line.
    """
    trozos: list[str] = []
    total = 0
    for trozo in partes:
        total += len(trozo)
        if total > LIMITE_TEXTO:
            partes.throw(Excesivo(TEXTO_EXCESIVO))
            raise Excesivo(TEXTO_EXCESIVO)  # only if the template swallowed it
        trozos.append(trozo)
    return "".join(trozos)
