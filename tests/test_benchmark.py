"""The benchmark script still runs end to end on a small workbook (its figures are never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def test_el_benchmark_corre_con_un_libro_pequeno() -> None:
    resultado = subprocess.run(
        [sys.executable, str(RAIZ / "benchmarks" / "bench.py"), "--tamanos", "300", "--smtp", "5", "--previas", "3"],
        cwd=RAIZ, capture_output=True, text=True, timeout=300, check=False)
    assert resultado.returncode == 0, resultado.stderr[-3000:]
    assert "300 facturas" in resultado.stdout and "escribir en el libro" in resultado.stdout
    assert "mensajes/s" in resultado.stdout
