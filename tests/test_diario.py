"""The journal (intent before, result after, torn lines), on real files; the run lock is in test_bloqueo.py."""

from __future__ import annotations

import datetime as dt
import json

from cartera.decisiones import Resultado
from cartera.libro import diario
from cartera.modelo import Envio
from cartera.vocabulario import ENVIADO, FALLIDO, INCIERTO


def _plan(n: int, *, message_id: str | None = None) -> Resultado:
    return Resultado(dt.datetime(2026, 11, 24, 9, n, 30), f"C{n}", (f"F-{n}", f"F-{n}b"), "Primer aviso", "correo",
                     ("a@b.co",), "Asunto", "pendiente", "", f"<m{n}>" if message_id is None else message_id)


def test_intencion_sin_resultado_es_incierta(tmp_path):
    diario.anotar_intencion(tmp_path, _plan(1))
    diario.anotar_intencion(tmp_path, _plan(2))
    diario.anotar_resultado(tmp_path, "<m2>", ENVIADO, "250 OK")
    leidos = diario.leer_diario(tmp_path)
    assert [(r.message_id, r.resultado) for r in leidos] == [("<m1>", INCIERTO), ("<m2>", ENVIADO)]
    assert leidos[1].detalle == "250 OK" and leidos[1].facturas == ("F-2", "F-2b")
    lineas = diario.ruta_diario(tmp_path).read_text(encoding="utf-8").splitlines()
    assert json.loads(lineas[0])["resultado"] == "pendiente"


def test_linea_cortada_se_ignora_y_no_estorba(tmp_path):
    diario.anotar_intencion(tmp_path, _plan(1))
    with open(diario.ruta_diario(tmp_path), "ab") as f:
        f.write(b'{"evento": "resultado", "message_id": "<m1>", "resul')
    assert [r.resultado for r in diario.leer_diario(tmp_path)] == [INCIERTO]
    diario.anotar_resultado(tmp_path, "<m1>", ENVIADO, "")
    assert [r.resultado for r in diario.leer_diario(tmp_path)] == [ENVIADO]


def test_liberar_permite_reenviar(tmp_path):
    diario.anotar_intencion(tmp_path, _plan(1))
    diario.liberar(tmp_path, "<m1>")
    (r,) = diario.leer_diario(tmp_path)
    assert r.resultado == FALLIDO and r.detalle == diario.DETALLE_LIBERADO
    assert diario.liberados(tmp_path) == frozenset({"<m1>"})


def test_envios_del_diario_uno_por_factura(tmp_path):
    diario.anotar_intencion(tmp_path, _plan(1))
    diario.anotar_resultado(tmp_path, "<m1>", ENVIADO, "")
    assert diario.envios_del_diario(tmp_path) == (
        Envio(dt.date(2026, 11, 24), "F-1", "Primer aviso", ENVIADO, "<m1>"),
        Envio(dt.date(2026, 11, 24), "F-1b", "Primer aviso", ENVIADO, "<m1>"))
    assert diario.enviados_el(tmp_path, dt.date(2026, 11, 24)) == 1
    assert diario.enviados_el(tmp_path, dt.date(2026, 11, 25)) == 0


def test_pendientes_de_libro(tmp_path):
    for n in (1, 2, 3):
        diario.anotar_intencion(tmp_path, _plan(n))
    diario.anotar_intencion(tmp_path, _plan(4, message_id=""))
    diario.anotar_intencion(tmp_path, _plan(5, message_id=""))
    en_libro = ("<m1>", (dt.datetime(2026, 11, 24, 9, 4, 30, 400_000), "C4", "Primer aviso"))
    pendientes = diario.pendientes_de_libro(tmp_path, en_libro)
    assert [(r.message_id, r.cliente) for r in pendientes] == [("<m2>", "C2"), ("<m3>", "C3"), ("", "C5")]
    assert diario.pendientes_de_libro(tmp_path / "otra", ()) == ()
