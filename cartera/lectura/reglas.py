"""Parse sheets ``Etapas`` (the reminder schedule), ``Recargos`` (late-fee tiers) and ``Historial``.

``Historial`` (written by the tool) becomes ``modelo.Envio`` records: each
row whose Resultado is one of ``vocabulario.RESULTADOS`` gives one ``Envio``
per factura listed in its ``Facturas`` cell (split on ``,`` or ``;``); a row
whose date cannot be read still counts (with ``datetime.date.min``) so that
nothing recorded as sent is sent again.

All are small: rows are read one by one.  A sheet with no usable row
falls back to ``politica.ETAPAS_PREDETERMINADAS``; an empty ``Recargos``
sheet means no late fee at all (the user cleared the table on purpose).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import numpy as np

from cartera import politica, vocabulario
from cartera.lectura import esquema as columnas
from cartera.lectura.configuracion import porcentaje
from cartera.lectura.conversion import centavos, enteros, fechas, textos
from cartera.lectura.problemas import Problema, celdas_de, conservadas, duplicados, rechazos
from cartera.lectura.tabla import Tabla
from cartera.lectura.textos import Invalido
from cartera.modelo import Envio, Etapa, Rechazo, TramoRecargo

CANALES = {
    "correo": vocabulario.CORREO, "email": vocabulario.CORREO, "e-mail": vocabulario.CORREO, "mail": vocabulario.CORREO,
    "correo electronico": vocabulario.CORREO, "llamada": vocabulario.LLAMADA, "llamar": vocabulario.LLAMADA,
    "telefono": vocabulario.LLAMADA, "escalar": vocabulario.ESCALAR, "escalamiento": vocabulario.ESCALAR,
    "cobranza": vocabulario.ESCALAR, "cobro juridico": vocabulario.ESCALAR,
}
DESDE = {
    "": vocabulario.DESDE_VENCIMIENTO, "vencimiento": vocabulario.DESDE_VENCIMIENTO, "vence": vocabulario.DESDE_VENCIMIENTO,
    "emision": vocabulario.DESDE_EMISION, "fecha de emision": vocabulario.DESDE_EMISION, "emitida": vocabulario.DESDE_EMISION,
}
TIPOS = {
    "porcentaje": vocabulario.PORCENTAJE, "%": vocabulario.PORCENTAJE, "porcentual": vocabulario.PORCENTAJE,
    "fijo": vocabulario.FIJO, "valor fijo": vocabulario.FIJO, "monto fijo": vocabulario.FIJO, "cargo fijo": vocabulario.FIJO,
    "interes anual": vocabulario.INTERES_ANUAL, "anual": vocabulario.INTERES_ANUAL, "interes": vocabulario.INTERES_ANUAL,
    "interes de mora": vocabulario.INTERES_ANUAL,
}
_PLANTILLAS = {columnas.normalizar(e.nombre): e.plantilla for e in politica.ETAPAS_PREDETERMINADAS}


def canales(texto: str) -> frozenset[str] | Invalido:
    """``"correo + llamada"``, ``"correo, llamada"``, ``"escalar"`` → channels; blank → correo."""
    partes = [columnas.normalizar(p) for p in re.split(r"\s*(?:\+|,|;|/|\by\b)\s*", texto) if p.strip()]
    if not partes:
        return frozenset({vocabulario.CORREO})
    if all(p in CANALES for p in partes):
        return frozenset(CANALES[p] for p in partes)
    return Invalido("Canal no reconocido: use correo, llamada o escalar (se pueden combinar: correo + llamada).")


def _etapa(tabla: Tabla, pos: int, nombre: str, dias: int, textos_: dict[str, np.ndarray]) -> Etapa | list[Problema]:
    desde = DESDE.get(columnas.normalizar(textos_["desde"][pos]))
    canal = canales(textos_["canal"][pos])
    problemas = []
    if desde is None:
        problemas.append(Problema(pos, "desde", "Escriba «emisión» o «vencimiento» (o déjelo en blanco: vencimiento)."))
    if isinstance(canal, Invalido):
        problemas.append(Problema(pos, "canal", canal.motivo))
    if problemas:
        return problemas
    plantilla = textos_["plantilla"][pos] or _PLANTILLAS.get(columnas.normalizar(nombre))
    return Etapa(nombre, dias, desde, canal, plantilla)


def leer_etapas(tabla: Tabla) -> tuple[tuple[Etapa, ...], tuple[Rechazo, ...]]:
    """The schedule of ``Etapas`` (defaults when it has no usable row) and the problems found."""
    nombre = textos(celdas_de(tabla, "etapa"))
    dias = enteros(celdas_de(tabla, "dias"))
    textos_ = {c: textos(celdas_de(tabla, c)) for c in ("desde", "canal", "plantilla")}
    problemas = [Problema(p, "etapa", "Falta el nombre de la etapa.") for p in np.flatnonzero(nombre == "").tolist()]
    problemas += duplicados(tabla, np.array([columnas.normalizar(n) for n in nombre], dtype=object), "etapa", "El nombre de etapa")
    problemas += [Problema(p, "dias", m) for p, m in dias.malas.items()]
    problemas += [Problema(p, "dias", "Faltan los días de la etapa.") for p in np.flatnonzero(dias.vacias).tolist()]
    etapas = []
    for pos in np.flatnonzero(conservadas(len(tabla.filas), problemas)).tolist():
        leida = _etapa(tabla, pos, nombre[pos], int(dias.valores[pos]), textos_)
        if isinstance(leida, Etapa):
            etapas.append(leida)
        else:
            problemas += leida
    if not etapas:
        aviso = Rechazo(tabla.nombre, None, None, "", "La hoja Etapas no tiene etapas utilizables: se usan las predeterminadas.", False)
        return politica.ETAPAS_PREDETERMINADAS, (*rechazos(tabla, problemas), aviso)
    return tuple(etapas), rechazos(tabla, problemas)


def _valor_recargo(tipo: str, celda: object, pais: str) -> Decimal | Invalido:
    if tipo == vocabulario.FIJO:
        columna = centavos(np.array([celda], dtype=object), pais)
        if columna.malas or columna.vacias[0]:
            return Invalido(columna.malas.get(0, "Falta el valor del recargo."))
        return Decimal(int(columna.valores[0])) / 100
    if textos(np.array([celda], dtype=object))[0] == "":
        return Invalido("Falta el valor del recargo.")
    return porcentaje(celda, pais)


def _tramo(pos: int, desde: int, tipo_texto: str, celda: object, pais: str) -> TramoRecargo | list[Problema]:
    tipo = TIPOS.get(columnas.normalizar(tipo_texto))
    if tipo is None:
        return [Problema(pos, "tipo", "Tipo de recargo no reconocido: use porcentaje, fijo o interés anual.")]
    valor = _valor_recargo(tipo, celda, pais)
    if isinstance(valor, Invalido):
        return [Problema(pos, "valor", valor.motivo)]
    if valor < 0:
        return [Problema(pos, "valor", "El valor del recargo no puede ser negativo.")]
    return TramoRecargo(desde, tipo, valor)


def leer_recargos(tabla: Tabla, pais: str) -> tuple[tuple[TramoRecargo, ...], tuple[Rechazo, ...]]:
    """The late-fee tiers of ``Recargos``, sorted by ``Desde (días)``, and the problems found."""
    desde = enteros(celdas_de(tabla, "desde"))
    tipo = textos(celdas_de(tabla, "tipo"))
    celdas = celdas_de(tabla, "valor")
    problemas = [Problema(p, "desde", m) for p, m in desde.malas.items()]
    problemas += [Problema(p, "desde", "Faltan los días desde los que aplica el recargo.") for p in np.flatnonzero(desde.vacias).tolist()]
    problemas += [Problema(p, "desde", "Los días no pueden ser negativos.") for p in np.flatnonzero(~desde.vacias & (desde.valores < 0)).tolist()]
    claves = np.where(desde.vacias, "", desde.valores.astype(str)).astype(object)
    problemas += duplicados(tabla, claves, "desde", "El tramo de recargo desde el día")
    tramos = []
    for pos in np.flatnonzero(conservadas(len(tabla.filas), problemas)).tolist():
        leido = _tramo(pos, int(desde.valores[pos]), tipo[pos], celdas[pos], pais)
        if isinstance(leido, TramoRecargo):
            tramos.append(leido)
        else:
            problemas += leido
    if not len(tabla.filas):
        aviso = Rechazo(tabla.nombre, None, None, "", "La hoja Recargos está vacía: no se cobran recargos por mora.", False)
        return (), (aviso,)
    return tuple(sorted(tramos)), rechazos(tabla, problemas)


# --- Historial -------------------------------------------------------------------
_RESULTADOS = {columnas.normalizar(r): r for r in vocabulario.RESULTADOS}


def leer_historial(tabla: Tabla, pais: str) -> tuple[tuple[Envio, ...], tuple[Rechazo, ...]]:
    """The (factura, etapa) pairs already acted on, and warnings on unreadable rows."""
    fecha = fechas(celdas_de(tabla, "fecha"), pais)
    facturas = textos(celdas_de(tabla, "facturas"))
    etapa = textos(celdas_de(tabla, "etapa"))
    resultado = textos(celdas_de(tabla, "resultado"))
    ids = textos(celdas_de(tabla, "message_id"))
    dias = fecha.valores.astype("datetime64[D]")
    envios: list[Envio] = []
    problemas: list[Problema] = []
    for pos in np.flatnonzero(resultado != "").tolist():
        normal = _RESULTADOS.get(columnas.normalizar(resultado[pos]))
        if normal is None:
            problemas.append(Problema(pos, "resultado", "Resultado desconocido: la fila no se tiene en cuenta.", grave=False))
            continue
        dia = dt.date.min if np.isnat(dias[pos]) else dias[pos].item()
        if np.isnat(dias[pos]):
            problemas.append(Problema(pos, "fecha", "Fecha ilegible en el historial: la fila se tiene en cuenta igual.", grave=False))
        envios += [Envio(dia, f, etapa[pos], normal, ids[pos]) for f in re.split(r"\s*[,;]\s*", facturas[pos]) if f]
    return tuple(envios), rechazos(tabla, problemas)
