"""Which sheet is which: by the owner's pointer, by name, and else by the headers each sheet carries.

``Hoja Facturas = <pestaña>`` (and ``Hoja Clientes``, ``Hoja Pagos``) in
``Configuración`` points at a sheet explicitly.  Otherwise a sheet named as
the contract says (or an accepted alias: «Cuentas por cobrar», «Deudores»…)
plays its role.  A role still unfilled goes to the sheet whose headers fit
it best, wherever the header row sits in its first rows: the invoice sheet
first, then a clients sheet and a payments sheet among the others.  Two
sheets that fit equally well are not guessed between: the message lists
both and the line that settles it.
"""

from __future__ import annotations

from collections.abc import Mapping

from cartera.errores import LibroInvalido
from cartera.lectura import esquema
from cartera.lectura.tabla import Tabla, ubicar

BUSCADAS = (esquema.FACTURAS, esquema.CLIENTES, esquema.PAGOS)
POR_NOMBRE = "por su nombre"
POR_ENCABEZADOS = "por sus encabezados"
POR_CONFIGURACION = "indicada en Configuración"


def por_nombre(nombres: list[str], indicadas: tuple[tuple[str, str], ...] = ()) -> dict[str, tuple[str, str]]:
    """Role → (the workbook's sheet, how it was found), from ``Hoja X`` rows and then from names and aliases."""
    hallados: dict[str, tuple[int, str]] = {}
    for nombre in nombres:
        hoja = esquema.hoja_canonica(nombre)
        if hoja is None:
            continue
        rango = [esquema.normalizar(a) for a in esquema.ALIAS_HOJAS[hoja]].index(esquema.normalizar(nombre))
        if hoja not in hallados or rango < hallados[hoja][0]:
            hallados[hoja] = (rango, nombre)
    roles = {hoja: (nombre, POR_NOMBRE) for hoja, (_, nombre) in hallados.items()}
    por_clave = {esquema.normalizar(n): n for n in nombres}
    for papel, indicada in indicadas:
        nombre = por_clave.get(esquema.normalizar(indicada))
        if nombre is None:
            lista = ", ".join(f"«{n}»" for n in nombres)
            raise LibroInvalido(f"Configuración dice «Hoja {papel}» = «{indicada}», pero el libro no tiene esa hoja. "
                                f"Hojas del libro: {lista}. Corrija el nombre en Configuración.")
        roles = {p: v for p, v in roles.items() if v[0] != nombre}
        roles[papel] = (nombre, POR_CONFIGURACION)
    return roles


def _puntaje(tabla: Tabla, papel: str) -> int | None:
    """How well a located sheet fits ``papel`` (fields placed), or None when it cannot play it."""
    usados = {c.campo for c in esquema.CAMPOS[papel] if not c.ignorado} & set(tabla.encabezados)
    if papel == esquema.CLIENTES and ("factura" in tabla.encabezados or not usados & {"correo", "telefono", "nombre", "nit"}):
        return None
    if papel == esquema.PAGOS and not usados & {"factura", "cliente"}:
        return None
    return len(usados)


def _puntajes(celdas: Mapping[str, tuple[list[list], tuple[int, int]]], libres: list[str],
              mapeo: tuple[tuple[str, str, str], ...]) -> dict[str, dict[str, int]]:
    """Sheet → role → how well it fits (only the roles it can play)."""
    puntajes: dict[str, dict[str, int]] = {}
    for nombre in libres:
        filas, origen = celdas[nombre]
        for papel in BUSCADAS:
            try:
                puntaje = _puntaje(ubicar(papel, nombre, filas, origen, mapeo), papel)
            except LibroInvalido:
                continue
            if puntaje:
                puntajes.setdefault(nombre, {})[papel] = puntaje
    return puntajes


def _elegir(papel: str, candidatas: list[tuple[int, str]]) -> str | None:
    if not candidatas:
        return None
    candidatas.sort(key=lambda c: -c[0])
    if len(candidatas) > 1 and candidatas[0][0] == candidatas[1][0]:
        raise LibroInvalido(_empate(papel, candidatas[0][1], candidatas[1][1]))
    return candidatas[0][1]


def por_encabezados(roles: dict[str, tuple[str, str]], celdas: Mapping[str, tuple[list[list], tuple[int, int]]],
                    mapeo: tuple[tuple[str, str, str], ...] = ()) -> tuple[dict[str, tuple[str, str]], tuple[str, ...]]:
    """``roles`` completed with the sheets of ``celdas`` (name → (rows, origin)) whose headers fit an unfilled role,
    and the alerts about sheets that look like invoices but are not read.

    A sheet that fits payments better than invoices (``Fecha``, ``Factura``, ``Valor``, ``Medio de pago``) is
    never taken for the invoice sheet, nor an invoice sheet for the payments sheet.
    """
    roles = dict(roles)
    ocupadas = {nombre for nombre, _ in roles.values()}
    libres = [n for n in celdas if n not in ocupadas and esquema.hoja_canonica(n) is None]
    puntajes = _puntajes(celdas, libres, mapeo)

    def facturas(n: str) -> int:
        return puntajes.get(n, {}).get(esquema.FACTURAS, 0)

    def pagos(n: str) -> int:
        return puntajes.get(n, {}).get(esquema.PAGOS, 0)

    elegibles = {
        esquema.FACTURAS: lambda n: facturas(n) >= pagos(n),
        esquema.PAGOS: lambda n: pagos(n) > facturas(n),
        esquema.CLIENTES: lambda n: not facturas(n) and not pagos(n),
    }
    for papel in BUSCADAS:
        if papel in roles:
            continue
        usadas = {nombre for nombre, _ in roles.values()}
        candidatas = [(puntajes[n][papel], n) for n in libres
                      if n not in usadas and papel in puntajes.get(n, {}) and elegibles[papel](n)]
        if (elegida := _elegir(papel, candidatas)) is not None:
            roles[papel] = (elegida, POR_ENCABEZADOS)
    usadas = {nombre for nombre, _ in roles.values()}
    sobrantes = [n for n in libres if n not in usadas and facturas(n) and facturas(n) >= pagos(n)]
    return roles, tuple(_sobrante(n, roles) for n in sobrantes)


def _sobrante(nombre: str, roles: Mapping[str, tuple[str, str]]) -> str:
    leida = roles.get(esquema.FACTURAS, ("",))[0]
    return (f"La hoja «{nombre}» también parece tener facturas y no se leyó: cartera lee una sola hoja de facturas "
            f"(«{leida}»). Si sus facturas están repartidas en varias hojas (una por mes, por ejemplo), júntelas en una; "
            f"si la buena es «{nombre}», escríbalo en la hoja Configuración con una fila «Hoja Facturas».")


def _empate(papel: str, una: str, otra: str) -> str:
    if papel == esquema.FACTURAS:
        return (f"Dos hojas parecen ser la de facturas: «{una}» y «{otra}», con encabezados igual de completos, y "
                "cartera lee una sola hoja de facturas. Si sus facturas están repartidas en varias hojas (una por mes, "
                "por ejemplo), júntelas en una sola hoja: si eligiera una, las facturas abiertas de las otras no se "
                "cobrarían. Si solo una es la vigente, indíquela en la hoja Configuración con una fila «Hoja Facturas» "
                f"y, como valor, el nombre de la pestaña (por ejemplo «{una}»).")
    return (f"Dos hojas parecen ser la de {papel.lower()}: «{una}» y «{otra}», con encabezados igual de completos. "
            f"Indique cuál usar en la hoja Configuración con una fila «Hoja {papel}» y, como valor, el nombre de la "
            f"pestaña (por ejemplo «{una}»).")


def faltan(roles: Mapping[str, tuple[str, str]], nombres: list[str]) -> str | None:
    """The message when no sheet can be the invoice sheet; None when there is one."""
    if esquema.FACTURAS in roles:
        return None
    lista = ", ".join(f"«{n}»" for n in nombres) or "(ninguna)"
    aceptados = ", ".join(("Factura", "Cliente", "Emisión", "Total") + ("Saldo",))
    return (f"No encontré la hoja de facturas: ninguna hoja tiene una fila de encabezados con el número de factura, el "
            f"cliente, la fecha y el total (o el saldo). Hojas del libro: {lista}. Encabezados que reconozco, entre "
            f"otros: {aceptados}, «N° de factura», «Folio», «Razón social», «NIT», «Valor factura», «Saldo pendiente». "
            "Si su hoja de facturas tiene otros nombres de columna, indíquelos en la hoja Configuración con filas "
            "«Columna Factura», «Columna Cliente»… y, como valor, su encabezado; o nombre la pestaña con una fila "
            "«Hoja Facturas».")
