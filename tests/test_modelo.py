"""vocabulario and decisiones: every enumeration is a StrEnum and its module-level names are its members."""

from __future__ import annotations

import json
from enum import StrEnum

import pytest

from cartera import decisiones, vocabulario
from cartera.vocabulario import Ancla, Canal, EstadoFactura, ResultadoAccion, TipoRecargo

ALIAS = [
    *((vocabulario, nombre, EstadoFactura) for nombre in EstadoFactura.__members__),
    *((vocabulario, nombre, ResultadoAccion) for nombre in ResultadoAccion.__members__ if nombre != "PENDIENTE"),
    *((vocabulario, nombre, Canal) for nombre in Canal.__members__),
    *((vocabulario, nombre, TipoRecargo) for nombre in TipoRecargo.__members__),
    *((decisiones, nombre, decisiones.TipoAviso) for nombre in decisiones.TipoAviso.__members__),
]


@pytest.mark.parametrize(("modulo", "nombre", "enumeracion"), ALIAS, ids=[a[1] for a in ALIAS])
def test_cada_nombre_es_el_miembro(modulo, nombre: str, enumeracion: type[StrEnum]) -> None:
    assert getattr(modulo, nombre) is enumeracion[nombre]


def test_anclas_y_tuplas() -> None:
    assert (vocabulario.DESDE_EMISION, vocabulario.DESDE_VENCIMIENTO) == (Ancla.EMISION, Ancla.VENCIMIENTO)
    assert vocabulario.ESTADOS == tuple(EstadoFactura) and vocabulario.CANALES == tuple(Canal)
    assert ResultadoAccion.PENDIENTE not in vocabulario.RESULTADOS, "pendiente lives only in the journal"
    assert set(vocabulario.RESULTADOS_QUE_CUENTAN) == {ResultadoAccion.ENVIADO, ResultadoAccion.INCIERTO}


def test_los_valores_se_leen_y_escriben_como_antes() -> None:
    """The workbook, the journal and the snapshots hold the same text as when these were plain strings."""
    assert [str(r) for r in vocabulario.RESULTADOS] == ["enviado", "vista previa", "omitido", "fallido", "incierto"]
    assert f"{ResultadoAccion.VISTA_PREVIA}" == "vista previa" and str(vocabulario.PLAN_DE_PAGOS) == "Plan de pagos"
    assert json.dumps({ResultadoAccion.ENVIADO: vocabulario.Modo.ENVIO}, ensure_ascii=False) == '{"enviado": "Envío"}'
    assert ResultadoAccion("incierto") is vocabulario.INCIERTO and "fallido" == vocabulario.FALLIDO
