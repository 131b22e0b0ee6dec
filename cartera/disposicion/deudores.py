"""Who owes: the client key of every invoice row, and clients derived from invoice rows.

With a clients sheet, the invoice column that best matches one of its key
columns (code, tax id, name) links each invoice to its client; the sheet
wins and invoice-row data (e-mail, phone, contact…) fills its blanks.
Without one, the clients are the distinct clients of the invoice rows, keyed
openly: by an explicit client code when the sheet has one, else by tax id
(NIT, RFC, CIF/NIF…) when every row has one, else by name.  A name that
comes with two tax ids is then two clients (two companies may share a name:
merging them would send one the other's invoices), with a warning.  Tax ids are compared without dots, dashes and spaces; names without
case and accents.  Rows that give one client two different e-mails use both,
with a warning.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from cartera.lectura import esquema
from cartera.lectura.clientes import direcciones
from cartera.lectura.conversion import textos
from cartera.lectura.problemas import Lectura, Problema, celdas_de, con_tipos, rechazos
from cartera.lectura.tabla import Tabla
from cartera.vocabulario import Trato

_IDENTIDAD = ("cliente", "nit", "nombre")
_NOMBRES = {"cliente": "código de cliente", "nit": "identificación fiscal", "nombre": "nombre"}
_RELLENO = ("contacto", "telefono", "whatsapp")


class Enlace(NamedTuple):
    """Each invoice row's client key, the invoice column it came from, and how clients were keyed (a sentence)."""

    claves: np.ndarray
    campo: str
    frase: str


_SOCIEDAD = re.compile(
    r"\b(s\s?a\s?s|s\s?a\s?de\s?c\s?v|s\s?de\s?r\s?l(\s?de\s?c\s?v)?|s\s?a\s?c|s\s?r\s?l|s\s?l|s\s?a|ltda|limitada|"
    r"cia|compania|y\s?cia|e\s?u|e\s?i\s?r\s?l|spa|s\s?en\s?c|sociedad anonima|inc|llc|corp)\b")


def comparable(campo: str, valor: str) -> str:
    """The form two spellings of one client share.

    Tax ids: letters and digits only, without a check digit written after a dash (``900.123.456-8``,
    ``900123456-8`` and ``900123456`` are one NIT).  Names: casefolded, without accents, punctuation, «&»/«y»
    and the company's legal form (``ACME SAS`` = ``Acme S.A.S.``, ``Pérez & Cía`` = ``Pérez y Cía. Ltda.``).
    """
    if campo == "nit":
        return re.sub(r"[^0-9A-Z]", "", re.sub(r"-\s*[0-9kK]\s*$", "", valor.strip()).upper())
    texto = re.sub(r"[.,;:&'´`\"()\-]", " ", esquema.normalizar(valor))
    texto = _SOCIEDAD.sub(" ", re.sub(r"\by\b", " ", texto))
    return " ".join(texto.split()) or esquema.normalizar(valor)


def _columna(tabla: Tabla, campo: str) -> np.ndarray:
    return textos(celdas_de(tabla, campo))


def _es_codigo(tabla: Tabla) -> bool:
    """The invoice sheet's client column is an explicit code («Código cliente», «Id cliente»), not just «Cliente»."""
    encabezado = tabla.encabezados.get("cliente")
    return encabezado is not None and esquema.normalizar(encabezado) not in ("cliente", "deudor", "clientes")


def _nit_completo(tabla: Tabla) -> bool:
    return not (comparables("nit", _columna(tabla, "nit")) == "").any()


def _nombres_con_dos_nit(tabla: Tabla) -> list[Problema]:
    """Clients keyed by tax id: a name that comes with two tax ids is two clients, with a warning on the first row
    of each tax id after the first (two companies may share a name; one mistyped tax id splits one client)."""
    campo = next((c for c in ("nombre", "cliente") if c in tabla.celdas), None)
    if campo is None:
        return []
    nit, escritos = comparables("nit", _columna(tabla, "nit")), _columna(tabla, "nit")
    nombres, textos_nombre = comparables(campo, _columna(tabla, campo)), _columna(tabla, campo)
    marco = pd.DataFrame({"nombre": nombres, "nit": nit}).reset_index()
    marco = marco[marco["nombre"] != ""]
    dobles = marco.groupby("nombre")["nit"].nunique()
    problemas = []
    for _, filas in marco[marco["nombre"].isin(dobles[dobles > 1].index)].groupby("nombre", sort=False):
        primeras = filas.drop_duplicates("nit")["index"].tolist()
        lista = " y ".join(escritos[p] for p in primeras)
        problemas += [Problema(p, "nit", f"El cliente «{textos_nombre[p]}» aparece con {len(primeras)} identificaciones "
                               f"distintas ({lista}): se leen como clientes distintos, uno por identificación. Si es "
                               "uno solo, corrija la identificación en sus filas.", grave=False) for p in primeras[1:]]
    return problemas


def elegir_campo(tabla: Tabla) -> str:
    """The invoice column that keys clients when there is no clients sheet (see the module docstring)."""
    if "cliente" in tabla.celdas and _es_codigo(tabla):
        return "cliente"
    if "nit" in tabla.celdas and _nit_completo(tabla):
        return "nit"
    return "cliente" if "cliente" in tabla.celdas else "nombre" if "nombre" in tabla.celdas else "nit"


def _frase(tabla: Tabla, campo: str, origen: str) -> str:
    encabezado = tabla.encabezados.get(campo, campo)
    return f"por la columna «{encabezado}» ({_NOMBRES[campo]}); clientes {origen}"


def derivar(tabla: Tabla) -> tuple[Lectura, Enlace]:
    """Clients derived from the invoice rows (no clients sheet): one per distinct key."""
    campo = elegir_campo(tabla)
    valores = _columna(tabla, campo)
    comunes = comparables(campo, valores)
    primera = pd.Series(valores).where(valores != "").groupby(comunes, sort=False).transform("first")
    claves = np.where(comunes == "", "", primera.fillna("").to_numpy(dtype=object))
    primeros = _primeros(tabla, claves)
    problemas: list[Problema] = _nombres_con_dos_nit(tabla) if campo == "nit" else []
    filas = []
    for clave, posiciones in pd.Series(np.arange(len(claves))).groupby(claves, sort=False):
        if not clave:
            continue
        filas.append(_cliente(tabla, str(clave), posiciones.to_numpy(), problemas, primeros))
    datos = pd.DataFrame(filas, columns=["cliente", "nombre", "nit", "contacto", "correos", "cc", "telefono", "whatsapp",
                                         "trato", "no_contactar", "dias_credito", "fila"])
    datos["dias_credito"] = pd.array([None] * len(datos), dtype="Int64")
    lectura = Lectura(con_tipos(datos), rechazos(tabla, problemas), {})
    return lectura, Enlace(claves, campo, _frase(tabla, campo, "tomados de las filas de facturas"))


def _primeros(tabla: Tabla, claves: np.ndarray) -> dict[str, dict[str, str]]:
    """Client key → field → the first non-blank value its invoice rows give (each column converted once)."""
    campos = [c for c in (*_RELLENO, "nit", "nombre", "cliente") if c in tabla.celdas]
    marco = pd.DataFrame({c: pd.Series(_columna(tabla, c)).replace("", None) for c in campos}).assign(clave=claves)
    primeros = marco[marco["clave"] != ""].groupby("clave", sort=False).first()
    return {clave: {c: v for c, v in fila.items() if isinstance(v, str)} for clave, fila in primeros.to_dict("index").items()}


def _correos(tabla: Tabla, campo: str, posiciones: np.ndarray, problemas: list[Problema]) -> tuple[str, ...]:
    """Every valid address the client's rows give; a warning when the rows disagree."""
    vistas: dict[str, str] = {}
    distintas: list[tuple[int, tuple[str, ...]]] = []
    for pos in posiciones.tolist():
        celda = celdas_de(tabla, campo)[pos]
        if celda == "" or celda is None:
            continue
        propias, avisos = direcciones(celda, campo, pos)
        problemas.extend(avisos)
        if propias and all(d.casefold() not in vistas for d in propias):
            distintas.append((pos, propias))
        for d in propias:
            vistas.setdefault(d.casefold(), d)
    if len(distintas) > 1 and campo == "correo":
        lista = ", ".join(vistas.values())
        for pos, _ in distintas[1:]:
            problemas.append(Problema(pos, campo, f"Las filas de este cliente traen correos distintos: se escribirá a todos ({lista}).",
                                      grave=False))
    return tuple(vistas.values())


def _cliente(tabla: Tabla, clave: str, posiciones: np.ndarray, problemas: list[Problema],
             primeros: dict[str, dict[str, str]]) -> dict:
    dato = primeros.get(clave, {})
    return {
        "cliente": clave, "nombre": dato.get("nombre") or dato.get("cliente") or clave, "nit": dato.get("nit", ""),
        "contacto": dato.get("contacto", ""),
        "correos": _correos(tabla, "correo", posiciones, problemas), "cc": _correos(tabla, "cc", posiciones, problemas),
        "telefono": dato.get("telefono", ""), "whatsapp": dato.get("whatsapp", ""),
        "trato": Trato.USTED.value, "no_contactar": False, "dias_credito": None, "fila": int(tabla.filas[posiciones[0]]),
    }


def comparables(campo: str, valores: np.ndarray) -> np.ndarray:
    """:func:`comparable` of every value, computed once per distinct value (a big book repeats its clients)."""
    inversa, unicos = pd.factorize(valores)
    return np.array([comparable(campo, str(v)) for v in unicos] + [""], dtype=object)[inversa]


def enlazar(tabla: Tabla, clientes: pd.DataFrame) -> Enlace:
    """Each invoice row's client key, through the invoice column that best matches a clients-sheet column."""
    if "cliente" in tabla.celdas:  # the contract's case: every invoice names a client code exactly
        valores = _columna(tabla, "cliente")
        if pd.Series(valores[valores != ""]).isin(clientes["cliente"]).all():
            return Enlace(valores, "cliente", _frase(tabla, "cliente", "de la hoja de clientes, enlazados a las facturas"))
    mejor = (-1.0, 0, "cliente", "cliente")
    for orden, (campo_f, campo_c) in enumerate([(f, c) for f in _IDENTIDAD for c in _IDENTIDAD]):
        if campo_f not in tabla.celdas or campo_c not in clientes.columns:
            continue
        conocidos = set(comparables(campo_c, clientes[campo_c].astype(str).to_numpy(dtype=object))) - {""}
        valores = comparables(campo_c, _columna(tabla, campo_f))
        valores = valores[valores != ""]
        tasa = float(pd.Series(valores).isin(conocidos).mean()) if len(valores) else 0.0
        if (tasa, -orden) > mejor[:2]:
            mejor = (tasa, -orden, campo_f, campo_c)
    _, _, campo_f, campo_c = mejor
    mapa = {comparable(campo_c, str(v)): k for v, k in zip(clientes[campo_c], clientes["cliente"], strict=True) if v}
    valores = _columna(tabla, campo_f)
    claves = np.array([mapa.get(c, v) for c, v in zip(comparables(campo_c, valores), valores, strict=True)], dtype=object)
    return Enlace(claves, campo_f, _frase(tabla, campo_f, "de la hoja de clientes, enlazados a las facturas"))


def completar(clientes: Lectura, tabla: Tabla, enlace: Enlace) -> Lectura:
    """Fill the clients sheet's blanks (e-mail, phone, contact, tax id) from the invoice rows; the sheet wins."""
    datos = clientes.datos.copy()
    problemas: list[Problema] = []
    por_cliente = pd.Series(np.arange(len(enlace.claves))).groupby(enlace.claves, sort=False).indices
    primeros = _primeros(tabla, enlace.claves)
    for i, clave in enumerate(datos["cliente"].tolist()):
        posiciones = por_cliente.get(clave, np.array([], dtype=np.int64))
        if not len(posiciones):
            continue
        for campo in (*_RELLENO, "nit"):
            if campo in tabla.celdas and not datos.at[i, campo]:
                datos.at[i, campo] = primeros.get(clave, {}).get(campo, "")
        for campo, columna in (("correo", "correos"), ("cc", "cc")):
            if campo in tabla.celdas and not datos.at[i, columna]:
                datos.at[i, columna] = _correos(tabla, campo, posiciones, problemas)
    return Lectura(datos, clientes.rechazos + rechazos(tabla, problemas), clientes.rechazadas)
