"""Render an ``Aviso`` into a ``Mensaje``: subject, plain text and HTML (core).

The templates live in ``plantillas/`` (package ``cartera.plantillas``); a
``plantillas/`` folder beside the workbook overrides any of them by name.
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
client's country (``formato``); it is built by ``contexto``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from cartera import formato
from cartera.decisiones import ENVIO_FACTURA, Aviso, Mensaje
from cartera.errores import CarteraError
from cartera.mensajes.contexto import (  # noqa: F401  (_INDICES re-exported for the tests)
    _INDICES,
    contexto_de,
)
from cartera.modelo import Calculo, Cartera

TAMANO_CACHE = 400
"""Compiled templates kept per environment (far more than stages × tratos)."""

_GEMELO = "_cartera_gemelo_texto"
_LINEAS_VACIAS = re.compile(r"\n{3,}")


class PlantillaInvalida(CarteraError):
    """A template cannot be found or rendered; the message names the file and the remedy."""


def entorno(carpeta_usuario: Path | None = None) -> SandboxedEnvironment:
    """The template environment: the user's folder first, then the packaged templates.

    ``carpeta_usuario`` is the ``plantillas`` folder beside the workbook
    (ignored when it does not exist).  Sandboxed, autoescaped (HTML),
    ``StrictUndefined``; templates are compiled once and cached.
    """
    cargadores: list[jinja2.BaseLoader] = []
    if carpeta_usuario is not None and Path(carpeta_usuario).is_dir():
        cargadores.append(jinja2.FileSystemLoader(str(carpeta_usuario)))
    cargadores.append(jinja2.PackageLoader("cartera.plantillas", ""))
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(cargadores),
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


def _renderizar(env: jinja2.Environment, nombres: tuple[str, ...], contexto: dict[str, Any], parte: str) -> str:
    """Render one part (``asunto``, ``texto`` or ``html``), mapping Jinja errors to Spanish."""
    try:
        return env.select_template(list(nombres)).render(contexto, parte=parte)
    except jinja2.TemplatesNotFound as error:
        raise PlantillaInvalida(
            f"No se encontró la plantilla «{nombres[0]}». Revise la columna Plantilla de la hoja Etapas "
            "o agregue el archivo a la carpeta plantillas junto al libro."
        ) from error
    except jinja2.TemplateSyntaxError as error:
        raise PlantillaInvalida(
            f"La plantilla «{error.filename or error.name}» tiene un error en la línea {error.lineno}: "
            f"{error.message}. Corríjala o bórrela para usar la plantilla original."
        ) from error
    except jinja2.TemplateError as error:
        raise PlantillaInvalida(
            f"No se pudo preparar el mensaje con la plantilla «{nombres[0]}»: {error}. "
            "Revise los nombres entre {{ }} de la plantilla."
        ) from error


def una_linea(texto: str) -> str:
    """Collapse every run of whitespace (line breaks included) to one space."""
    return " ".join(texto.split())


def limpiar_texto(texto: str) -> str:
    """Plain-text body tidy-up: no trailing spaces, at most one blank line in a row."""
    lineas = [linea.rstrip() for linea in texto.replace(formato.NBSP, " ").replace("\r\n", "\n").split("\n")]
    return _LINEAS_VACIAS.sub("\n\n", "\n".join(lineas)).strip() + "\n"


def adjuntos_de(aviso: Aviso, contexto: dict[str, Any]) -> tuple[str, ...]:
    """The ``Archivo`` of each listed factura for an invoice delivery (relative paths as written)."""
    if aviso.tipo != ENVIO_FACTURA:
        return ()
    return tuple(f["archivo"] for f in contexto["facturas"] if f["archivo"])



def componer(aviso: Aviso, cartera: Cartera, calculo: Calculo, env: jinja2.Environment) -> Mensaje:
    """The message for ``aviso``: subject (one line), plain text and HTML; pure given ``env``.

    Raises ``PlantillaInvalida`` when the stage's template is missing or broken.
    """
    contexto = contexto_de(aviso, cartera, calculo)
    nombres = nombres_plantilla(aviso.plantilla, tu=contexto["tu"])
    texto_env = _gemelo_texto(env)
    asunto = una_linea(_renderizar(texto_env, nombres, contexto, "asunto"))
    texto = limpiar_texto(_renderizar(texto_env, nombres, contexto, "texto"))
    html = _renderizar(env, nombres, contexto, "html").strip() + "\n"
    return Mensaje(aviso, asunto, texto, html, adjuntos_de(aviso, contexto))
