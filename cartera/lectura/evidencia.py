"""Country and currency from the evidence, when ``Configuración`` does not say them (pure).

Each kind of evidence gives weighted :class:`Indicio` values — currency signs and codes typed in cells, the
cells' number formats (:class:`Formato`, from ``libro.regional``), a ``Moneda`` column, the clients' tax ids —
and :func:`inferir` decides, by priority:

1. ``Configuración`` (``País`` / ``Moneda`` set there) wins; workbook evidence against it is an *alerta*.
2. Else the workbook: a country whose clues weigh at least :data:`UMBRAL` and more than any other's
   (``$`` alone is :data:`DEBIL`, a dozen countries write it: it only tips a balance), each clue by the share of
   its cells (:attr:`Indicio.parte`): one «USD 1,200.00» among many «$ 1.234,00» is an exception, not the rule.
3. Else the machine's locale, when Spanish (``es_MX.UTF-8``).  4. Else the default (CO / COP), noted as a guess.

The currency is the configured one, else the one a majority of the workbook's cells state (codes, €, US$…, same
weight rule), else the country's (``cartera.paises``); a row typed in another keeps it (:func:`moneda_del_texto`).
"""

from __future__ import annotations

import numbers
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from cartera import paises
from cartera.modelo import Configuracion

CONFIGURACION, LIBRO, EQUIPO, PREDETERMINADO = "Configuración", "el libro", "el equipo", "predeterminado"
ORIGENES = (CONFIGURACION, LIBRO, EQUIPO, PREDETERMINADO)  # of the country, by priority (Interpretacion.origen_pais)
FUERTE, MEDIO, DEBIL = 3, 2, 1
UMBRAL = FUERTE  # the weight a country or currency needs (and more than the runner-up) to be decided
MAYORIA = 0.5  # a clue carried by more than this share of its cells is the rule; by fewer, an exception


class Indicio(NamedTuple):
    """One clue: the ISO-2 ``paises`` it points at; the ISO 4217 ``moneda`` it states (``""``: none); ``peso``;
    ``texto``, a sentence naming where it was seen; ``donde``, that place, for an alerta; ``contradice``: False
    when it cannot contradict ``Configuración`` (a Moneda column states each row's own currency); ``parte``: the share
    of its kind's cells carrying it: at most :data:`MAYORIA`, it weighs :data:`DEBIL` at most and states no currency."""

    paises: tuple[str, ...]
    moneda: str
    peso: int
    texto: str
    donde: str = ""
    contradice: bool = True
    parte: float = 1.0


class Formato(NamedTuple):
    """A number format used by cells.  ``codigo``: Excel's code (``#,##0.00 €``, ``[$$-80A] #,##0``), or the
    pattern rebuilt from an ODS style; ``simbolo``: an ODS ``number:currency-symbol`` (``""``: none);
    ``pais``: the ISO-2 country ODS gives that symbol or style (``""``: none); ``celdas``: cells using it (0: unknown)."""

    hoja: str
    codigo: str
    simbolo: str = ""
    pais: str = ""
    celdas: int = 0


class Inferencia(NamedTuple):
    """``pais`` (ISO-2), ``moneda`` (ISO 4217); ``origen`` of the country (:data:`ORIGENES`); ``indicios`` weighed;
    ``notas`` worth saying (a guess); ``alertas``: evidence against ``Configuración``."""

    pais: str
    moneda: str
    origen: str
    indicios: tuple[str, ...] = ()
    notas: tuple[str, ...] = ()
    alertas: tuple[str, ...] = ()


_VALIDOS = frozenset(p.codigo for p in paises.PAISES)
_DE_MONEDA = {m: tuple(p.codigo for p in paises.PAISES if p.moneda == m) for m in {p.moneda for p in paises.PAISES}}
_CODIGOS = frozenset({p.moneda for p in paises.PAISES} | {"EUR", "USD", "PAB", "GBP", "CAD", "BRL", "CHF", "CNY", "JPY"})
_POR_SIGNO = {signo: (signo, moneda, donde) for signo, moneda, donde in paises.SIGNOS}
_SIGNOS = "|".join(re.escape(x) for x in sorted({*_POR_SIGNO, *_CODIGOS}, key=len, reverse=True))
_IMPORTE = re.compile(rf"\s*(?:(?P<antes>{_SIGNOS})\s?-?\d[\d.,' ]*|-?\d[\d.,' ]*?\s?(?P<despues>{_SIGNOS})\.?)\s*")
_NOMBRES_MONEDA = {"EUR": "euros", "USD": "dólares estadounidenses", "MXN": "pesos mexicanos", "COP": "pesos colombianos"}


def _plano(texto: object) -> str:
    sin = "".join(c for c in unicodedata.normalize("NFKD", str(texto)) if not unicodedata.combining(c))
    return " ".join(sin.casefold().replace("_", " ").replace(".", "").split())


def _simbolo_en(texto: str) -> tuple[str, str, tuple[str, ...]] | None:
    """(sign, currency, countries) when ``texto`` is an amount written with a currency sign or ISO code, else None."""
    hallado = _IMPORTE.fullmatch(texto)
    signo = hallado and (hallado["antes"] or hallado["despues"])
    return (signo, signo, _DE_MONEDA.get(signo, ())) if signo in _CODIGOS else _POR_SIGNO.get(signo) if signo else None


def _indicio_simbolo(simbolo: str, moneda: str, donde: tuple[str, ...], visto: str) -> Indicio:
    donde = donde or _DE_MONEDA.get(moneda, ())
    peso = DEBIL if simbolo == "$" else MEDIO if moneda == "" and len(donde) > 1 else FUERTE
    que = f"en {_NOMBRES_MONEDA.get(moneda, moneda)}" if moneda else f"con «{simbolo}»"
    return Indicio(donde, moneda, peso, f"Importes {que} ({visto}).", visto)


def moneda_del_texto(texto: object) -> str:
    """The ISO code an amount typed as text states (``USD 1,200.00``, ``US$ 20``, ``300 €``); "" for none or an
    ambiguous sign (``$ 20``, ``Bs 5``).

    >>> moneda_del_texto("USD 1,200.00"), moneda_del_texto("S/. 15,340.80"), moneda_del_texto("$ 1.234,00")
    ('USD', 'PEN', '')
    """
    visto = _simbolo_en(texto.strip()) if isinstance(texto, str) else None
    return visto[1] if visto else ""


def _es_importe(valor: object) -> bool:  # the cells a share of amounts is counted over: numbers, texts with a digit
    if isinstance(valor, str):
        return any(c.isdigit() for c in valor)
    return isinstance(valor, numbers.Number) and not isinstance(valor, bool) and valor == valor


def indicios_de_textos(textos: Iterable[object], *, hoja: str, columna: str) -> tuple[Indicio, ...]:
    """Amounts typed as text (``€ 1.234,50``, ``MXN 5,000.00``, ``$ 1.250.000``): a clue per sign, by its share.

    >>> [i.moneda for i in indicios_de_textos(["€ 1.234,50", "1.234,50 €", "x"], hoja="Facturas", columna="Total")]
    ['EUR']
    """
    importes = [t.strip() if isinstance(t, str) else t for t in textos if _es_importe(t)]
    vistos = Counter(s for t in importes if isinstance(t, str) and (s := _simbolo_en(t)))
    return tuple(_indicio_simbolo(*s, f"«{s[0]}» en {n} de {len(importes)} celdas de {hoja}, columna «{columna}»")
                 ._replace(parte=n / len(importes)) for s, n in vistos.items())


def indicios_de_monedas(valores: Iterable[object], *, hoja: str, columna: str) -> tuple[Indicio, ...]:
    """A ``Moneda`` column (codes, signs: ``$`` counts, stating none): its most frequent currency, the book's only
    when a clear majority (:data:`MAYORIA`).

    >>> indicios_de_monedas(["COP", "COP", "usd", ""], hoja="Facturas", columna="Moneda")[0][:3]
    (('CO',), 'COP', 3)
    """
    escritas = [m for v in valores if (m := paises.moneda_escrita(str(v or ""))) is not None and (m in _CODIGOS or not m)]
    cuenta = Counter(m for m in escritas if m)
    if not cuenta:
        return ()
    moneda, veces = min(cuenta.items(), key=lambda x: (-x[1], x[0]))
    donde = f"{moneda} en {veces} de {len(escritas)} filas de {hoja}, columna «{columna}»"
    return (Indicio(_DE_MONEDA.get(moneda, ()), moneda, FUERTE, f"Moneda {donde}.", donde, False, veces / len(escritas)),)


def _formato_excel(codigo: str) -> tuple[tuple[str, ...], str, int] | None:
    """(countries, currency, weight) an Excel number-format code shows, else None."""
    for simbolo, sufijo in re.findall(r"\[\$([^\]\-]*)(?:-([0-9A-Fa-f]{1,8}|x-\w+))?\]", codigo):
        pais = paises.LCID.get(int(sufijo, 16) & 0xFFFF, "") if sufijo and not sufijo.startswith("x-") else ""
        visto = _simbolo_en(f"{simbolo}1") if simbolo else None
        moneda = visto[1] if visto else ""
        if pais:
            moneda = moneda or (paises.pais(pais).moneda if visto else "")
            return (pais,), moneda, DEBIL if pais == "US" and not simbolo and int(sufijo, 16) == 0x0409 else FUERTE
        if visto:
            return _indicio_simbolo(*visto, "")[:3]
    seccion = re.sub(r'\[[^\]]*\]|[_*\\].|[()"]', "", codigo.split(";")[0])  # first section, no padding
    visto = _simbolo_en(re.sub(r"[#0?]", "1", seccion))
    return _indicio_simbolo(*visto, "")[:3] if visto else None


def indicios_de_formatos(formatos: Iterable[Formato]) -> tuple[Indicio, ...]:
    """Cells' number formats: ``#,##0.00 €``, ``[$$-80A]`` (locale id: México), ``"$"#,##0`` (weak), ODS styles.

    >>> indicios_de_formatos([Formato("Facturas", "[$$-80A] #,##0.00")])[0][:3]
    (('MX',), 'MXN', 3)
    """
    hallados = []
    for formato in dict.fromkeys(formatos):
        pais, visto = formato.pais.upper(), _simbolo_en(f"{formato.simbolo}1")
        moneda = (visto[1] if visto else "") or (paises.pais(pais).moneda if formato.simbolo else "")
        peso = FUERTE if formato.simbolo else DEBIL if pais == "US" else MEDIO  # ODS: a date style's country is weaker
        if hallado := ((pais,), moneda, peso) if pais in _VALIDOS else _formato_excel(formato.codigo):
            hallados.append((formato, hallado))
    celdas = sum((Counter({f.hoja: f.celdas}) for f, h in hallados if h[1] or re.search(r"\$(?!-)", f.codigo)), Counter())
    return tuple(Indicio(*hallado, f"Formato «{f.codigo}» en {f.hoja}" + (f" ({_NOMBRES_MONEDA.get(hallado[1], hallado[1])})"
                                                                         if hallado[1] else "") + ".",
                         f"formato «{f.codigo}» en {f.hoja}", parte=f.celdas / celdas[f.hoja] if f.celdas and hallado[1] else 1.0)
                 for f, hallado in hallados)


def _nombra(regla: tuple, encabezado: object) -> bool:
    palabras = set(_plano(encabezado).split())
    return any(set(p.split()) <= palabras for p in regla[1])


def es_identificacion(encabezado: object) -> bool:
    """Whether a header names a tax id (NIT, RFC, CIF, RUT, CUIT, RUC …), for finding the column."""
    return any(_nombra(r, encabezado) for r in paises.IDENTIFICACIONES)


def indicios_de_identificacion(valores: Iterable[object], *, hoja: str, columna: str) -> tuple[Indicio, ...]:
    """The clients' tax ids: a pattern most values match is strong; the header's word alone is medium.

    >>> indicios_de_identificacion(["PEMJ800101AB1", "GOMA750505XY2"], hoja="Clientes", columna="RFC")[0][:3]
    (('MX',), '', 3)
    """
    limpios = [re.sub(r"\s", "", str(v)).upper() for v in valores if str(v or "").strip()]
    nombradas = [r for r in paises.IDENTIFICACIONES if _nombra(r, columna)]
    for nombre, _, _, patrones in nombradas + [r for r in paises.IDENTIFICACIONES if r not in nombradas]:  # header's first
        for patron, donde in patrones:
            iguales = sum(1 for v in limpios if re.fullmatch(patron, v))
            if iguales and 2 * iguales >= len(limpios):
                lugar = f"{nombre} de {paises.pais(donde[0]).nombre} en {iguales} de {len(limpios)} filas de {hoja}, columna «{columna}»"
                return (Indicio(donde, "", FUERTE, lugar[0].upper() + lugar[1:] + ".", lugar),)
    return tuple(Indicio(r[2], "", MEDIO, f"Columna «{columna}» en {hoja} ({r[0]}).",
                         f"columna «{columna}» en {hoja}") for r in nombradas[:1])




def pais_del_equipo(regional: str) -> str:
    """The country of a Spanish locale string (``es_MX.UTF-8``, ``es-CO``, ``Spanish_Mexico.1252``), else "".

    >>> pais_del_equipo("es_MX.UTF-8"), pais_del_equipo("Spanish_Colombia.1252"), pais_del_equipo("en_US.UTF-8")
    ('MX', 'CO', '')
    """
    texto = (regional or "").strip().split(".")[0].split("@")[0]
    if hallado := re.fullmatch(r"es[-_]([A-Za-z]{2})", texto):
        return hallado.group(1).upper() if hallado.group(1).upper() in _VALIDOS else ""
    hallado = re.fullmatch(r"spanish[_ ]\(?(.+?)\)?", texto, re.IGNORECASE)
    return ({_plano(p.nombre): p.codigo for p in paises.PAISES} | paises.NOMBRES_EN_INGLES).get(_plano(hallado[1]), "") if hallado else ""


def _peso(indicio: Indicio) -> int:
    return indicio.peso if indicio.parte > MAYORIA else min(indicio.peso, DEBIL)


def _decidido(puntos: Counter) -> str:  # the key weighing at least UMBRAL and more than any other, else ""
    (primero, peso), segundo = (*puntos.most_common(2), ("", 0), ("", 0))[:2]
    return primero if peso >= UMBRAL and peso > segundo[1] else ""


def pais_del_libro(indicios: Iterable[Indicio]) -> str:
    """The country the workbook's clues decide (:data:`UMBRAL`, no tie), else ""."""
    return _decidido(Counter(p for i in indicios for p in set(i.paises) for _ in range(_peso(i))))


def moneda_del_libro(indicios: Iterable[Indicio]) -> str:
    """The currency the workbook states explicitly, by a majority of its cells (:data:`UMBRAL`, no tie), else ""."""
    return _decidido(Counter(i.moneda for i in indicios if i.moneda and i.parte > MAYORIA for _ in range(i.peso)))


def inferir(indicios: Iterable[Indicio] = (), *, pais_configurado: str = "", moneda_configurada: str = "",
            regional: str = "") -> Inferencia:
    """Country and currency by the priority in the module docstring.

    ``pais_configurado`` / ``moneda_configurada``: what ``Configuración`` sets (``""``: not set there); ``regional``:
    the machine's locale string (``libro.regional.configuracion_regional``).

    >>> inferir([Indicio(("MX",), "", FUERTE, "RFC.")])[:3]
    ('MX', 'MXN', 'el libro')
    >>> inferir(regional="es_ES.UTF-8")[:3]
    ('ES', 'EUR', 'el equipo')
    >>> inferir()[:3]
    ('CO', 'COP', 'predeterminado')
    """
    indicios = tuple(indicios)
    pais_conf, moneda_conf = pais_configurado.strip().upper(), moneda_configurada.strip().upper()
    moneda_libro = moneda_del_libro(indicios)
    de_config = Indicio(_DE_MONEDA.get(moneda_conf, ()), moneda_conf, FUERTE, "")  # Moneda set, País not: a clue
    pais_libro = pais_del_libro(indicios + ((de_config,) if moneda_conf else ()))
    pais, origen, notas = _pais(pais_conf, pais_libro, regional)
    moneda = moneda_conf or moneda_libro or paises.pais(pais).moneda or Configuracion().moneda
    if origen == LIBRO:
        notas += (f"País deducido del libro: {paises.pais(pais).nombre} ({moneda}); para fijarlo, escriba País "
                  "y Moneda en la hoja Configuración.",)
    textos = tuple(dict.fromkeys(i.texto for i in sorted(indicios, key=lambda i: -_peso(i))))
    if origen == EQUIPO:
        textos += (f"Configuración regional del equipo: {regional.strip()} ({paises.pais(pais).nombre}).",)
    return Inferencia(pais, moneda, origen, textos, notas, _alertas(indicios, pais_conf, moneda_conf))


def _pais(pais_conf: str, pais_libro: str, regional: str) -> tuple[str, str, tuple[str, ...]]:
    """(country, origin, notes) by priority: Configuración, the workbook, the machine, the default."""
    for pais, origen in ((pais_conf, CONFIGURACION), (pais_libro, LIBRO), (pais_del_equipo(regional), EQUIPO)):
        if pais:
            return pais, origen, ()
    defecto = Configuracion()
    return defecto.pais, PREDETERMINADO, (
        f"No hallé en el libro ni en el equipo indicios del país: supongo {paises.pais(defecto.pais).nombre} "
        f"({defecto.moneda}). Si no es así, escriba País y Moneda en la hoja Configuración.",)


def _alertas(indicios: tuple[Indicio, ...], pais_conf: str, moneda_conf: str) -> tuple[str, ...]:
    """Workbook evidence against ``Configuración``: the currency first; the country when the currency agrees."""
    contra = sorted((i for i in indicios if i.contradice), key=lambda i: -_peso(i))
    moneda = moneda_del_libro(contra)
    if moneda_conf and moneda and moneda != moneda_conf:
        donde = next(i.donde for i in contra if i.moneda == moneda and i.parte > MAYORIA)
        return (f"El libro tiene importes en {_NOMBRES_MONEDA.get(moneda, moneda)} ({donde}), pero Configuración dice "
                f"Moneda = {moneda_conf}: revise Moneda y País.",)
    pais = pais_del_libro(contra)
    if pais_conf and pais and pais != pais_conf:
        donde = next(i.donde for i in contra if pais in i.paises)
        return (f"El libro parece de {paises.pais(pais).nombre} ({donde}), pero Configuración dice "
                f"País = {pais_conf}: revise País y Moneda.",)
    return ()
