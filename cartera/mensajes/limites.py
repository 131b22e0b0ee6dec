"""The sandbox the templates run in, with a cap on what one template can produce (core).

Jinja's sandbox refuses unsafe attributes and callables and ranges over
100,000 items, but lets a template build a string or a number of any size:
``{{ 'x' * 10**9 }}`` asks for a gigabyte, ``{{ 10**10**9 }}`` for hours of
arithmetic, nested loops for any amount of output.  ``Entorno`` is the
*immutable* sandbox (no ``append``/``extend``/``update`` to grow a list in a
loop) and checks every operator that multiplies (``*``, ``**``, ``+``,
``%``), every call, every filter and every ``~``: before it runs when its
size can be told from its arguments (widths, repetitions, ``replace``,
``join``), after it runs otherwise; ``recoger`` stops reading a template's
output past ``LIMITE_TEXTO``.  A refusal raises ``Excesivo`` (a
``SecurityError``) whose ``motivo`` says in Spanish what was refused.

What stays possible: one step built from pieces that are each under the
limit may still be large before it is measured (a ``format`` with a hundred
arguments of a megabyte); Python then raises ``MemoryError``, caught like
any other template error.  A template that only loops, with no output (over
``range(100000)`` nested twice), is stopped by counting: every ``{% for %}``
iterates through ``Vueltas``, which refuses past ``LIMITE_VUELTAS`` turns in
one part of one message (a few seconds), so no template can hang the run.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Generator
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import Environment
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

LIMITE_TEXTO = 25_000_000
"""Characters one part (subject, text or HTML) of one message, or any one value, may have: Gmail's 25 MB.

Legitimate messages stay far below (a reminder listing 2,000 open invoices has about 2.5 million
characters of HTML); a larger one could not be sent anyway.
"""
LIMITE_BITS = 100_000
"""Size of an integer a template may compute (about 30,000 digits)."""

TEXTO_EXCESIVO = (f"produciría un texto de más de {LIMITE_TEXTO:,} de caracteres".replace(",", ".")
                  + ", algo que cartera no permite por seguridad")
LIMITE_VUELTAS = 10_000_000
"""Turns of all the ``{% for %}`` loops of one part of one message (a reminder of 2,000 invoices takes a few
thousand); past it the template is refused instead of running for minutes."""
VUELTAS_EXCESIVAS = (f"repite sus ciclos más de {LIMITE_VUELTAS:,} de veces".replace(",", ".")
                     + ", algo que cartera no permite por seguridad")
_VUELTAS = "cartera_vueltas"
"""The global every ``{% for %}`` iterates through (``Entorno._parse`` rewrites the loops)."""
NUMERO_EXCESIVO = "hace una cuenta con un número demasiado grande, algo que cartera no permite por seguridad"

_ANCHO_PORCENTAJE = re.compile(r"%[-+ #0]*(\*|\d{7,})|%[-+ #0]*\d*\.(\*|\d{7,})")
"""A printf-style width or precision of 7 digits or more (or taken from the arguments: ``*``)."""
_ANCHO_LLAVES = re.compile(r"\{[^{}]*:[^{}]*\d{7,}[^{}]*\}")
"""A ``str.format`` field whose spec holds 7 digits or more (``{:>1000000000}``)."""
_ANCHOS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs", "indent", "wordwrap"})
"""Methods and filters whose integer arguments are the width of what they produce."""


class Excesivo(SecurityError):
    """A template asked for more than cartera allows; ``motivo`` is the Spanish reason."""

    def __init__(self, motivo: str) -> None:
        super().__init__(motivo)
        self.motivo = motivo


def _medida(valor: Any) -> int | None:
    """Length of a string, list or tuple (None for anything else)."""
    return len(valor) if isinstance(valor, str | list | tuple) else None


def _tope(valor: Any) -> Any:
    """``valor`` itself, refused when it is a string or list past ``LIMITE_TEXTO``."""
    if (_medida(valor) or 0) > LIMITE_TEXTO:
        raise Excesivo(TEXTO_EXCESIVO)
    return valor


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


def _reemplazo(texto: Any, viejo: Any = "", nuevo: Any = "", *_: Any, **__: Any) -> int:
    """Length of ``texto.replace(viejo, nuevo)`` (every occurrence), computed without building it."""
    if not (isinstance(texto, str) and isinstance(viejo, str) and isinstance(nuevo, str)):
        return 0
    veces = texto.count(viejo) if viejo else len(texto) + 1
    return len(texto) + veces * (len(nuevo) - len(viejo))


def _union(separador: Any, partes: Any) -> int:
    """At least the length of ``separador.join(partes)`` (the separators alone)."""
    return len(separador) * len(partes) if isinstance(separador, str) and isinstance(partes, list | tuple) else 0


def _revisar_antes(nombre: str, valor: Any, argumentos: tuple[Any, ...], nombrados: dict[str, Any]) -> None:
    """Refuse before computing what a method or filter called ``nombre`` would make too large."""
    if nombre in _ANCHOS and any(isinstance(a, int) and a > LIMITE_TEXTO for a in (*argumentos, *nombrados.values())):
        raise Excesivo(TEXTO_EXCESIVO)
    if nombre == "format" and isinstance(valor, str) and (_ANCHO_PORCENTAJE.search(valor) or _ANCHO_LLAVES.search(valor)):
        raise Excesivo(TEXTO_EXCESIVO)
    if nombre == "replace" and _reemplazo(valor, *argumentos, **nombrados) > LIMITE_TEXTO:
        raise Excesivo(TEXTO_EXCESIVO)
    if nombre == "join" and (_union(valor, argumentos[0] if argumentos else ()) > LIMITE_TEXTO  # str.join
                             or _union(argumentos[0] if argumentos else nombrados.get("d", ""), valor) > LIMITE_TEXTO):
        raise Excesivo(TEXTO_EXCESIVO)


def _filtro_con_tope(nombre: str, filtro: Callable[..., Any]) -> Callable[..., Any]:
    """``filtro`` checked before (``_revisar_antes``) and after (``_tope``) it runs."""

    @functools.wraps(filtro)  # keeps Jinja's markers (``jinja_pass_arg``) on the wrapper
    def con_tope(*argumentos: Any, **nombrados: Any) -> Any:
        datos = [a for a in argumentos if not isinstance(a, EvalContext | Context | Environment)]
        if datos:
            _revisar_antes(nombre, datos[0], tuple(datos[1:]), nombrados)
        return _tope(filtro(*argumentos, **nombrados))

    return con_tope


class Vueltas:
    """Counts the turns of every loop of a render (shared by an environment and its overlays through
    ``globals``); ``reiniciar`` before each part."""

    def __init__(self) -> None:
        self.cuenta = 0

    def reiniciar(self) -> None:
        self.cuenta = 0

    def __call__(self, iterable: Any) -> Generator[Any, None, None]:
        for elemento in iterable:
            self.cuenta += 1
            if self.cuenta > LIMITE_VUELTAS:
                raise Excesivo(VUELTAS_EXCESIVAS)
            yield elemento


class _Generador(CodeGenerator):
    """Jinja's code generator with every ``~`` concatenation measured (``Entorno.medir``)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802 - Jinja's visitor name
        self.write("environment.medir(")
        super().visit_Concat(node, frame)
        self.write(")")


class Entorno(ImmutableSandboxedEnvironment):
    """The immutable sandbox (no ``append``, ``update``…) that also refuses results past the limits.

    Every operator that multiplies (``*``, ``**``, ``+``, ``%``), every call,
    every filter and every ``~`` is checked: before it runs when its size
    can be told from its arguments, after it runs otherwise.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _Generador

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters = {nombre: _filtro_con_tope(nombre, filtro) for nombre, filtro in self.filters.items()}
        self.globals[_VUELTAS] = Vueltas()

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's tree with every ``{% for %}`` iterating through ``Vueltas``."""
        arbol = super()._parse(source, name, filename)
        for ciclo in arbol.find_all(nodes.For):
            ciclo.iter = nodes.Call(nodes.Name(_VUELTAS, "load", lineno=ciclo.lineno), [ciclo.iter], [], None, None,
                                    lineno=ciclo.lineno)
        return arbol

    def reiniciar_vueltas(self) -> None:
        """Start counting loop turns again (one part of one message)."""
        self.globals[_VUELTAS].reiniciar()

    @staticmethod
    def medir(texto: str) -> str:
        """A ``~`` concatenation's result, refused past ``LIMITE_TEXTO``."""
        return _tope(texto)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _revisar_binop(operator, left, right)
        return _tope(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        propio = getattr(__obj, "__self__", None)
        if isinstance(propio, str):
            _revisar_antes(getattr(__obj, "__name__", ""), propio, args, kwargs)
        return _tope(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        envuelta = super().wrap_str_format(value)
        if envuelta is not None and _ANCHO_LLAVES.search(value.__self__):
            raise Excesivo(TEXTO_EXCESIVO)
        return envuelta


def recoger(partes: Generator[str, None, None]) -> str:
    """A template's output (``Template.generate``) joined, refused past ``LIMITE_TEXTO`` characters.

    The refusal is thrown into the template where it stands, so its traceback names the template's line.
    Small pieces are joined in blocks as they come, so millions of them never sit in one list.
    """
    bloques: list[str] = []
    trozos: list[str] = []
    total = 0
    for trozo in partes:
        total += len(trozo)
        if total > LIMITE_TEXTO:
            partes.throw(Excesivo(TEXTO_EXCESIVO))
            raise Excesivo(TEXTO_EXCESIVO)  # only if the template swallowed it
        trozos.append(trozo)
        if len(trozos) == _TROZOS_POR_BLOQUE:
            bloques.append("".join(trozos))
            trozos.clear()
    return "".join([*bloques, *trozos])


_TROZOS_POR_BLOQUE = 4096
