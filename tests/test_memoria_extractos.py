"""``.cartera/extractos.json``: processed files (by content) and registered keys survive between runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cartera.extractos import memoria


def test_guardar_y_cargar(tmp_path: Path) -> None:
    assert memoria.cargar(tmp_path) == memoria.VACIA
    hoy = dt.date(2026, 11, 24)
    nueva = memoria.con(memoria.VACIA, [memoria.Procesado("ab" * 32, "nov.n43", hoy)], ["k1", "k2"])
    memoria.guardar(tmp_path, nueva)
    assert memoria.cargar(tmp_path) == nueva
    assert [p.name for p in (tmp_path / ".cartera").iterdir()] == ["extractos.json"]


def test_una_memoria_danada_es_vacia(tmp_path: Path) -> None:
    (tmp_path / ".cartera").mkdir()
    (tmp_path / ".cartera" / "extractos.json").write_text("{no es json", encoding="utf-8")
    assert memoria.cargar(tmp_path) == memoria.VACIA


def test_pendientes_de_la_carpeta_extractos(tmp_path: Path) -> None:
    carpeta = tmp_path / "extractos"
    carpeta.mkdir()
    (carpeta / "a.csv").write_bytes(b"Fecha;Importe\n")
    (carpeta / "b.n43").write_bytes(b"11...")
    (carpeta / "~$a.xlsx").write_bytes(b"x")
    (carpeta / "notas.docx").write_bytes(b"x")
    (carpeta / ".oculto.csv").write_bytes(b"x")
    pendientes = memoria.pendientes(tmp_path, memoria.VACIA)
    assert [r.name for r, _ in pendientes] == ["a.csv", "b.n43"]
    hecha = memoria.con(memoria.VACIA, [memoria.Procesado(pendientes[0][1], "a.csv", dt.date(2026, 11, 24))])
    (carpeta / "a-copia.csv").write_bytes(b"Fecha;Importe\n")  # the same file under another name: already read
    assert [r.name for r, _ in memoria.pendientes(tmp_path, hecha)] == ["b.n43"]
    assert memoria.pendientes(tmp_path / "otra", memoria.VACIA) == ()
