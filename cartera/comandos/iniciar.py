"""``cartera iniciar`` and ``cartera correo``: the first steps of a new owner."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from cartera.correo import clave, gmail
from cartera.libro import apertura as libro_mod
from cartera.libro import correo_remitente, nuevo

NOMBRE_LIBRO = "cartera.xlsx"


def copiar_plantillas(destino: Path) -> int:
    """Copy the packaged message templates to ``destino`` (never overwriting the owner's edits)."""
    destino.mkdir(parents=True, exist_ok=True)
    copiadas = 0
    for origen in resources.files("cartera.plantillas").iterdir():
        if origen.name.endswith(".j2") and not (destino / origen.name).exists():
            (destino / origen.name).write_bytes(origen.read_bytes())
            copiadas += 1
    return copiadas


def iniciar(carpeta: Path) -> int:
    """Create ``cartera.xlsx`` and ``plantillas/`` in ``carpeta`` and print the next steps."""
    carpeta.mkdir(parents=True, exist_ok=True)
    libro = carpeta / NOMBRE_LIBRO
    nuevo.escribir_libro_nuevo(libro)
    copiar_plantillas(carpeta / "plantillas")
    print(f"Libro creado: {libro}")
    print(f"Plantillas de mensajes para editar: {carpeta / 'plantillas'}")
    print("Siguientes pasos:")
    print("  1. Abra el libro en Excel y llene Clientes, Facturas y Configuración (Empresa, Correo remitente…).")
    print(f"  2. Pruebe sin enviar nada:  cartera cobrar \"{libro}\"")
    print("  3. Guarde su contraseña de aplicación de Gmail:  cartera correo")
    print(f"  4. Cree el acceso directo del escritorio:  cartera acceso \"{libro}\"")
    return 0


def correo(libro: Path | None) -> int:
    """Store the Gmail app password in the system keyring and test the login."""
    ajustes, sugerido = gmail.Ajustes("smtp.gmail.com", 465, gmail.SSL, ""), ""
    if libro is not None:
        config = libro_mod.leer(libro.resolve()).configuracion
        ajustes = gmail.Ajustes(config.servidor_smtp, config.puerto_smtp, config.seguridad_smtp, "")
        sugerido = config.correo_remitente
    usuario = clave.configurar(sys.stdin, sys.stdout, usuario=sugerido,
                               probar=lambda u, c: gmail.probar(ajustes._replace(usuario=u), c))
    if libro is not None and correo_remitente.anotar_correo_remitente(libro.resolve(), usuario):
        print(f"Anoté {usuario} como «Correo remitente» en la hoja Configuración de {libro.name}.")
    elif libro is None or sugerido != usuario:
        print(f"Revise que {usuario} sea el «Correo remitente» en la hoja Configuración de su libro.")
    return 0

