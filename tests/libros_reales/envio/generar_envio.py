"""Rebuild the two corpus books used by the sending test, each with a ``Configuración`` sheet pointing at a
loopback SMTP server: ``python tests/libros_reales/envio/generar_envio.py`` (needs LibreOffice).

The books are the corpus's flat sheet (family a) and Excel Table (family c), written by the corpus's own
writers, plus the settings a sending run needs (the SMTP port is the marker 65001, replaced by the test).
They go through LibreOffice like the corpus, so formula cells carry cached values.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import openpyxl

AQUI = Path(__file__).resolve().parent
CONFIGURACION = [
    ("Parámetro", "Valor"), ("Empresa", "Empresa de prueba S.A.S."), ("Correo remitente", "cobros@example.com"),
    ("Servidor SMTP", "127.0.0.1"), ("Puerto SMTP", 65001), ("Seguridad SMTP", "Ninguna"), ("Confirmar antes de enviar", "no"),
]


def main() -> int:
    sys.path.insert(0, str(AQUI.parent))
    import generar
    import libros_co
    import libros_es_mx

    with tempfile.TemporaryDirectory(prefix="envio-") as carpeta:
        temporal = Path(carpeta)
        for libro in (libros_co.familia_a(), libros_es_mx.familia_c()):
            fuente = temporal / libro.nombre
            libro.escribir(fuente)
            wb = openpyxl.load_workbook(fuente)
            hoja = wb.create_sheet("Configuración")
            for fila in CONFIGURACION:
                hoja.append(fila)
            wb.save(fuente)
            salida = generar.convertir(fuente, "xlsx", temporal / "lo")
            shutil.copyfile(salida, AQUI / f"envio_{libro.nombre}")
            print(f"envio_{libro.nombre}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
