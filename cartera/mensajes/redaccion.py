"""Render an ``Aviso`` into a ``Mensaje``: subject, plain text and HTML (core).

The templates live in ``plantillas/`` (package ``cartera.plantillas``); the
shell may put loaders in front of them (the owner's ``plantillas/`` folder
beside the workbook overrides any of them by name: ``comandos.cobrar``).
One file per stage and trato (``primer_aviso.usted.j2``,
``primer_aviso.tu.j2``) defines the blocks ``asunto``, ``texto`` and
``html``; ``_base.j2`` picks the block to render (variable ``parte``) and
wraps the HTML, ``_macros.j2`` holds the invoice table, the payment
section and the signature.

Workbook text is only ever *data* in the template context, never template
source, so a client called ``{{ 7*7 }}`` is shown literally.  The HTML is
rendered with autoescape on; the subject and the plain text are rendered by
a twin environment with autoescape off (same loaders, own cache), so an
``&`` in a name stays an ``&`` in the text part.  The context holds only
strings, numbers, booleans, lists and dicts, already formatted for the
client's country (``formato``); it is built by ``contexto`` from the run's
``Indice`` (``indice.indexar``, once per run).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import jinja2

from cartera import formato
from cartera.decisiones import Aviso, Mensaje, TipoAviso
from cartera.errores import CarteraError
from cartera.mensajes import limites
from cartera.mensajes.contexto import contexto_de
from cartera.mensajes.diagnostico import FalloPlantilla, diagnosticar, explicar
from cartera.mensajes.indice import Indice
from cartera.mensajes.limites import Entorno

TAMANO_CACHE = 400
"""Compiled templates kept per environment (far more than stages × tratos)."""

_GEMELO = "_cartera_gemelo_texto"
_LINEAS_VACIAS = re.compile(r"\n{3,}")


class PlantillaInvalida(CarteraError):
    """A template cannot be found, compiled or rendered; ``fallo`` says where and why, in Spanish."""

    def __init__(self, fallo: FalloPlantilla) -> None:
        archivo, linea = fallo.lugares[-1] if fallo.lugares else (fallo.plantilla, None)
        super().__init__(f"{explicar(archivo, linea, fallo.motivo)}." + ("" if fallo.motivo == NO_EXISTE else f" {REMEDIO}"))
        self.fallo = fallo


REMEDIO = "Corríjala, o bórrela de la carpeta plantillas para usar la original."
REMEDIO_ORIGINAL = ("Revise las plantillas de su carpeta plantillas que esta usa (como _macros.j2 o _base.j2), "
                    "o bórrelas para usar las originales.")
NO_EXISTE = ("no existe (revise la columna Plantilla de la hoja Etapas "
             "o agregue el archivo a la carpeta plantillas junto al libro)")


class SinRedactar(NamedTuple):
    """An aviso whose message could not be composed, and why."""

    aviso: Aviso
    fallo: FalloPlantilla


class Redactado(NamedTuple):
    """A run's messages (in the order given) and the avisos whose template failed (nothing to send for them)."""

    mensajes: tuple[Mensaje, ...]
    sin_redactar: tuple[SinRedactar, ...] = ()


def entorno(*propios: jinja2.BaseLoader) -> Entorno:
    """The template environment: ``propios`` first (in order), then the packaged templates.

    The shell passes the owner's folder as a ``FileSystemLoader``; with no
    loader only the packaged templates (read-only package data) are used.
    Sandboxed with caps on what a template may produce (``limites``),
    autoescaped (HTML), ``StrictUndefined``; templates are compiled once and
    cached.
    """
    env = Entorno(
        loader=jinja2.ChoiceLoader([*propios, jinja2.PackageLoader("cartera.plantillas", "")]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        cache_size=TAMANO_CACHE,
    )
    setattr(env, _GEMELO, _crear_gemelo(env))
    return env


def _crear_gemelo(env: jinja2.Environment) -> jinja2.Environment:
    """Same loaders and settings, autoescape off, its own cache (for subject and text)."""
    return env.overlay(autoescape=False, cache_size=TAMANO_CACHE)


def _gemelo_texto(env: jinja2.Environment) -> jinja2.Environment:
    """The text twin of ``env``, created on first use for environments not built by ``entorno``."""
    gemelo = getattr(env, _GEMELO, None)
    if gemelo is None:
        gemelo = _crear_gemelo(env)
        setattr(env, _GEMELO, gemelo)
    return gemelo


def nombres_plantilla(plantilla: str, *, tu: bool) -> tuple[str, ...]:
    """Template files tried in order: the trato's own, then ``usted``, then a plain ``X.j2``."""
    propios = (f"{plantilla}.tu.j2",) if tu else ()
    return (*propios, f"{plantilla}.usted.j2", f"{plantilla}.j2")


def _elegir(env: jinja2.Environment, nombres: tuple[str, ...]) -> jinja2.Template:
    """The first of ``nombres`` that exists (as ``select_template``); any error names the file that raised it."""
    for nombre in nombres:
        try:
            return env.get_template(nombre)
        except jinja2.TemplateNotFound as error:
            if error.name != nombre:  # found, but what it extends or includes at compile time is missing
                raise PlantillaInvalida(diagnosticar(error, nombre)) from error
        except Exception as error:  # noqa: BLE001 - every compile error of the owner's file is explained, none escapes
            raise PlantillaInvalida(diagnosticar(error, nombre)) from error
    raise PlantillaInvalida(FalloPlantilla(nombres[0], (), NO_EXISTE, f"TemplatesNotFound: {', '.join(nombres)}"))


def _renderizar(env: jinja2.Environment, nombres: tuple[str, ...], contexto: dict[str, Any], parte: str) -> str:
    """Render one part (``asunto``, ``texto`` or ``html``); any template error becomes ``PlantillaInvalida``."""
    plantilla = _elegir(env, nombres)
    try:
        if isinstance(plantilla.environment, limites.Entorno):
            plantilla.environment.reiniciar_vueltas()
        return limites.recoger(plantilla.generate(contexto, parte=parte))
    except Exception as error:  # noqa: BLE001 - whatever a template raises (its code is the owner's) is explained
        raise PlantillaInvalida(diagnosticar(error, plantilla.name or nombres[0])) from error


def una_linea(texto: str) -> str:
    """Collapse every run of whitespace (line breaks included) to one space."""
    return " ".join(texto.split())


def limpiar_texto(texto: str) -> str:
    """Plain-text body tidy-up: no trailing spaces, at most one blank line in a row."""
    lineas = [linea.rstrip() for linea in texto.replace(formato.NBSP, " ").replace("\r\n", "\n").split("\n")]
    return _LINEAS_VACIAS.sub("\n\n", "\n".join(lineas)).strip() + "\n"


def adjuntos_de(aviso: Aviso, contexto: dict[str, Any]) -> tuple[str, ...]:
    """The ``Archivo`` of each listed factura for an invoice delivery (relative paths as written)."""
    if aviso.tipo != TipoAviso.ENVIO_FACTURA:
        return ()
    return tuple(f["archivo"] for f in contexto["facturas"] if f["archivo"])


def componer(aviso: Aviso, indice: Indice, env: jinja2.Environment) -> Mensaje:
    """The message for ``aviso``: subject (one line), plain text and HTML; pure given ``env``.

    ``indice``: the run's lookups (``indexar(cartera, calculo)``, built once).
    Raises ``PlantillaInvalida`` when the stage's template is missing or
    fails in any way (``diagnostico``).
    """
    contexto = contexto_de(aviso, indice)
    nombres = nombres_plantilla(aviso.plantilla, tu=contexto["tu"])
    texto_env = _gemelo_texto(env)
    asunto = una_linea(_renderizar(texto_env, nombres, contexto, "asunto"))
    texto = limpiar_texto(_renderizar(texto_env, nombres, contexto, "texto"))
    html = _renderizar(env, nombres, contexto, "html").strip() + "\n"
    return Mensaje(aviso, asunto, texto, html, adjuntos_de(aviso, contexto))


def redactar(avisos: tuple[Aviso, ...], indice: Indice, env: jinja2.Environment) -> Redactado:
    """Every aviso composed, in the order given; one whose template fails is set aside with its ``FalloPlantilla``.

    A message is either composed whole (all three parts) or not at all: a
    failure is known here, before anything is sent.
    """
    mensajes: list[Mensaje] = []
    sin_redactar: list[SinRedactar] = []
    for aviso in avisos:
        try:
            mensajes.append(componer(aviso, indice, env))
        except PlantillaInvalida as error:
            sin_redactar.append(SinRedactar(aviso, error.fallo))
    return Redactado(tuple(mensajes), tuple(sin_redactar))
