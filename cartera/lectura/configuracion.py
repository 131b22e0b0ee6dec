"""Parse sheet ``Configuración`` (rows ``Parámetro`` / ``Valor``) into ``modelo.Configuracion``.

Each row is read by the kind of its setting in ``politica.PARAMETROS``.  A
bad value is rejected on its row and the default is kept; an unknown
Parámetro is a warning.  ``Columna <Campo>`` rows (``Columna Factura`` =
``Nro Doc``, or ``Columna Pagos.Factura`` for one sheet only) map the
user's own headers to fields; ``Extracto <Campo>`` rows (``Extracto Importe`` =
``Monto neto``) do the same for a bank export's columns (:data:`CAMPOS_EXTRACTO`).
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from cartera import politica
from cartera.lectura import esquema as columnas
from cartera.lectura.clientes import si_no
from cartera.lectura.conversion import centavos, fechas, texto_de
from cartera.lectura.facturas import moneda_iso
from cartera.lectura.problemas import Problema, celdas_de, rechazos
from cartera.lectura.tabla import Tabla
from cartera.lectura.textos import Invalido, correo_valido, numero_a_porcentaje, texto_a_porcentaje
from cartera.modelo import Configuracion, Rechazo
from cartera.vocabulario import Modo, Seguridad

_POR_NOMBRE = {columnas.normalizar(p.nombre): p for p in politica.PARAMETROS}
_MODOS = {"prueba": Modo.PRUEBA, "envio": Modo.ENVIO, "enviar": Modo.ENVIO, "envios": Modo.ENVIO}
_SEGURIDAD = {"ssl": Seguridad.SSL, "tls": Seguridad.STARTTLS, "starttls": Seguridad.STARTTLS,
              "ninguna": Seguridad.NINGUNA, "ninguno": Seguridad.NINGUNA, "no": Seguridad.NINGUNA}
CAMPOS_EXTRACTO = {"fecha": "Fecha", "fecha_valor": "Fecha valor", "concepto": "Concepto", "referencia": "Referencia",
                   "importe": "Importe", "abono": "Abono", "cargo": "Cargo", "saldo": "Saldo", "moneda": "Moneda"}
"""The fields of a bank export (``conciliacion.planillas``) by their names in ``Extracto <Campo>`` rows."""
_POR_CAMPO_EXTRACTO = {columnas.clave_encabezado(n): c for c, n in CAMPOS_EXTRACTO.items()}
_HOJAS_MAPEABLES = (columnas.CLIENTES, columnas.FACTURAS, columnas.PAGOS, columnas.ETAPAS, columnas.RECARGOS)


def _entero(celda: object) -> int | Invalido:
    texto = texto_de(celda)
    if re.fullmatch(r"\d{1,9}", texto):
        return int(texto)
    return Invalido("Debe ser un número entero, cero o mayor (por ejemplo 30).")


def _lista_enteros(celda: object) -> tuple[int, ...] | Invalido:
    partes = [p for p in re.split(r"[;,\s]+", texto_de(celda)) if p]
    if partes and all(p.isdigit() for p in partes):
        numeros = tuple(int(p) for p in partes)
        if numeros[0] > 0 and all(a < b for a, b in zip(numeros, numeros[1:], strict=False)):
            return numeros
    return Invalido("Escriba números de días crecientes separados por comas, por ejemplo 30, 60, 90.")


def _dinero(celda: object, pais: str) -> int | Invalido:
    columna = centavos(np.array([celda], dtype=object), pais)
    if columna.malas:
        return Invalido(columna.malas[0])
    return int(columna.valores[0]) if columna.valores[0] >= 0 else Invalido("El monto no puede ser negativo.")


def porcentaje(celda: object, pais: str) -> object:
    """A percentage cell: text as written (``5 %`` → 5); a number below 1 is a fraction (0.05 → 5)."""
    if isinstance(celda, float | int) and not isinstance(celda, bool):
        return numero_a_porcentaje(celda)
    return texto_a_porcentaje(texto_de(celda), pais)


def _fecha(celda: object, pais: str) -> dt.date | Invalido:
    columna = fechas(np.array([celda], dtype=object), pais)
    return Invalido(columna.malas[0]) if columna.malas else columna.valores[0].astype("datetime64[D]").item()


def _de_tabla(tabla: dict, texto: str, motivo: str) -> object:
    return tabla.get(columnas.normalizar(texto), Invalido(motivo))


def _por_tipo(tipo: str, celda: object, pais: str) -> object:
    """The value of a setting of kind ``tipo`` (see ``politica.Parametro``), or ``Invalido``."""
    texto = texto_de(celda)
    lectores = {
        "texto": lambda: texto,
        "correo": lambda: texto if correo_valido(texto) else Invalido("No es una dirección de correo válida."),
        "modo": lambda: _de_tabla(_MODOS, texto, "Escriba Prueba o Envío."),
        "fecha": lambda: _fecha(celda, pais),
        "moneda_iso": lambda: moneda_iso(texto) or Invalido("Escriba un código ISO de tres letras (COP, MXN, EUR, USD…)."),
        "pais": lambda: texto.upper() if re.fullmatch(r"[A-Za-z]{2}", texto) else Invalido("Escriba el código ISO de dos letras del país (CO, MX, ES…)."),
        "entero": lambda: _entero(celda),
        "si_no": lambda: si_no(texto) if si_no(texto) is not None else Invalido("Escriba sí o no."),
        "lista_enteros": lambda: _lista_enteros(celda),
        "dinero": lambda: _dinero(celda, pais),
        "porcentaje": lambda: porcentaje(celda, pais),
        "seguridad": lambda: _de_tabla(_SEGURIDAD, texto, "Escriba SSL, STARTTLS o Ninguna."),
    }
    return lectores[tipo]()


def mapeo_columna(nombre: str) -> tuple[str, str] | None:
    """``"Pagos.Factura"`` → ("Pagos", "factura"); ``"Factura"`` → ("", "factura"); None if unknown."""
    hoja, _, campo = nombre.partition(".")
    canonica = columnas.hoja_canonica(hoja) if campo else None
    if canonica is not None:
        encontrado = columnas.campo_por_nombre(canonica, campo)
        return (canonica, encontrado.campo) if encontrado else None
    candidatos = [
        (columnas.rango_alias(c, nombre) or 0, orden, c.campo)
        for orden, hoja_ in enumerate(_HOJAS_MAPEABLES)
        if (c := columnas.campo_por_nombre(hoja_, nombre)) is not None
    ]
    return ("", min(candidatos)[2]) if candidatos else None


def _hoja(parametro: str, celda: object, pos: int, hojas: list) -> list[Problema]:
    """``Hoja Facturas`` = «Cartera 2026»: the owner points at the sheet that plays a role."""
    papel = columnas.hoja_canonica(parametro.strip()[len("hoja "):].strip())
    if papel not in (columnas.FACTURAS, columnas.CLIENTES, columnas.PAGOS) or not texto_de(celda):
        return [Problema(pos, "parametro", "Fila «Hoja …» no reconocida: escriba «Hoja Facturas», «Hoja Clientes» u "
                         "«Hoja Pagos» y, como valor, el nombre de la pestaña de su libro. Se ignora.", grave=False)]
    hojas.append((papel, texto_de(celda)))
    return []


def _extracto(parametro: str, celda: object, pos: int, mapeo: list) -> list[Problema]:
    """``Extracto Importe`` = «Monto neto»: the bank export's header of one field (kept as ("extracto", campo, …))."""
    campo = _POR_CAMPO_EXTRACTO.get(columnas.clave_encabezado(parametro.strip()[len("extracto "):]))
    if campo is None or not texto_de(celda):
        return [Problema(pos, "parametro", "Fila «Extracto …» no reconocida: escriba «Extracto <campo>» ("
                         + ", ".join(CAMPOS_EXTRACTO.values()) + ") y, como valor, el encabezado del archivo de su "
                         "banco. Se ignora.", grave=False)]
    mapeo.append(("extracto", campo, texto_de(celda)))
    return []


def _fila(parametro: str, celda: object, pais: str, pos: int, valores: dict, mapeo: list, hojas: list) -> list[Problema]:
    """Read one row into ``valores`` / ``mapeo`` / ``hojas``; return its problems."""
    clave = columnas.normalizar(parametro)
    if clave.startswith("hoja "):
        return _hoja(parametro, celda, pos, hojas)
    if clave.startswith("extracto "):
        return _extracto(parametro, celda, pos, mapeo)
    if clave.startswith("columna "):
        destino = mapeo_columna(parametro.strip()[len("columna "):].strip())
        if destino is None or not texto_de(celda):
            return [Problema(pos, "parametro", "Fila «Columna …» no reconocida: escriba «Columna <campo>» (por ejemplo "
                             "Columna Factura) y, como valor, el encabezado de su hoja. Se ignora.", grave=False)]
        mapeo.append((*destino, texto_de(celda)))
        return []
    if clave not in _POR_NOMBRE:
        return [Problema(pos, "parametro", "Parámetro desconocido: se ignora.", grave=False)]
    parametro_ = _POR_NOMBRE[clave]
    if parametro_.campo in valores:
        return [Problema(pos, "parametro", "Parámetro repetido: vale la primera fila que lo trae.", grave=False)]
    if not texto_de(celda):
        valores[parametro_.campo] = getattr(Configuracion(), parametro_.campo)
        return []
    valor = _por_tipo(parametro_.tipo, celda, pais)
    if isinstance(valor, Invalido):
        valores[parametro_.campo] = getattr(Configuracion(), parametro_.campo)
        return [Problema(pos, "valor", f"{valor.motivo} Se usa el valor predeterminado.")]
    valores[parametro_.campo] = valor
    return []


def leer_configuracion(tabla: Tabla) -> tuple[Configuracion, tuple[Rechazo, ...]]:
    """The settings of ``Configuración`` (defaults for what is missing) and the problems found."""
    parametros = [texto_de(x) for x in celdas_de(tabla, "parametro")]
    celdas = celdas_de(tabla, "valor")
    pais = Configuracion().pais
    for parametro, celda in zip(parametros, celdas, strict=True):
        if columnas.normalizar(parametro) == "pais" and isinstance(p := _por_tipo("pais", celda, pais), str):
            pais = p
    valores: dict[str, object] = {}
    mapeo: list[tuple[str, str, str]] = []
    hojas: list[tuple[str, str]] = []
    problemas: list[Problema] = []
    for pos, (parametro, celda) in enumerate(zip(parametros, celdas, strict=True)):
        if not parametro:
            problemas.append(Problema(pos, "parametro", "Falta el nombre del parámetro: se ignora la fila.", grave=False))
            continue
        problemas += _fila(parametro, celda, pais, pos, valores, mapeo, hojas)
    predeterminada = Configuracion()
    definidos = frozenset(c for c, v in valores.items() if v != getattr(predeterminada, c) or _escrito(c, parametros, celdas))
    extracto = tuple((campo, encabezado) for hoja, campo, encabezado in mapeo if hoja == "extracto")
    mapeo = [m for m in mapeo if m[0] != "extracto"]
    return (Configuracion(**valores, mapeo_columnas=tuple(mapeo), mapeo_hojas=tuple(hojas), mapeo_extracto=extracto,
                          definidos=definidos),
            rechazos(tabla, problemas))


def _escrito(campo: str, parametros: list[str], celdas) -> bool:
    """True when the row of setting ``campo`` has a value (one equal to the default is still the owner's choice)."""
    return any(texto_de(celda) and (p := _POR_NOMBRE.get(columnas.normalizar(parametro))) is not None and p.campo == campo
               for parametro, celda in zip(parametros, celdas, strict=True))
