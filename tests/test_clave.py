"""clave: the app password in a (temporary) keyring and the ``cartera correo`` dialogue."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from servidor_smtp import CLAVE, USUARIO, ServidorSMTP

from cartera import errores
from cartera.correo import clave, gmail

CLAVE_CON_ESPACIOS = "abcd efgh ijkl mnop"
assert CLAVE_CON_ESPACIOS.replace(" ", "") == CLAVE


def test_guardar_y_leer_en_el_llavero_temporal(llavero: Path) -> None:
    assert clave.leer_clave(USUARIO) is None
    clave.guardar_clave(USUARIO, CLAVE)
    assert clave.leer_clave(USUARIO) == CLAVE
    assert keyring.get_password("yagmail", USUARIO) == CLAVE  # where yagmail.register puts it
    assert list(llavero.rglob("*.cfg"))  # the file lives in the temp folder, not the user's keyring


def test_comparte_la_clave_con_yagmail() -> None:
    import yagmail.password

    clave.guardar_clave(USUARIO, CLAVE)
    assert yagmail.password.handle_password(USUARIO, None) == CLAVE  # found, so yagmail would not prompt


def test_el_llavero_temporal_llega_a_otro_proceso() -> None:
    clave.guardar_clave(USUARIO, CLAVE)
    proceso = subprocess.run(
        [sys.executable, "-c", f"from cartera.correo import clave; print(clave.leer_clave('{USUARIO}'))"],
        capture_output=True, text=True, env=os.environ.copy(), timeout=30)
    assert proceso.stdout.strip() == CLAVE, proceso.stderr


def test_sin_clave_pide_cartera_correo() -> None:
    with pytest.raises(errores.CorreoError, match="cartera correo") as error:
        clave.exigir_clave(USUARIO)
    assert USUARIO in str(error.value)
    clave.guardar_clave(USUARIO, CLAVE)
    assert clave.exigir_clave(USUARIO) == CLAVE


def test_sin_llavero_en_el_sistema() -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(errores.CorreoError, match="llavero"):
        clave.leer_clave(USUARIO)
    with pytest.raises(errores.CorreoError, match="llavero"):
        clave.guardar_clave(USUARIO, CLAVE)


def test_limpiar_clave() -> None:
    assert clave.limpiar_clave(f"  {CLAVE_CON_ESPACIOS}\t\n") == CLAVE


@pytest.mark.parametrize(("texto", "valida"), [
    ("cobros@gmail.com", True), ("a.b@empresa.com.co", True), ("cobros", False), ("cobros@gmail", False),
    ("@gmail.com", False), ("a b@gmail.com", False), ("a@b@gmail.com", False), ("", False),
])
def test_es_direccion(texto: str, valida: bool) -> None:
    assert clave.es_direccion(texto) is valida


class Probador:
    """A ``probar`` that records its calls and optionally fails like a bad login."""

    def __init__(self, falla: bool = False) -> None:
        self.llamadas: list[tuple[str, str]] = []
        self.falla = falla

    def __call__(self, usuario: str, contrasena: str) -> None:
        self.llamadas.append((usuario, contrasena))
        if self.falla:
            raise errores.CorreoError("Gmail no aceptó el usuario y la contraseña (535 5.7.8).")


def dialogo(texto: str, probar: Probador, **opciones: str) -> tuple[str, str]:
    salida = io.StringIO()
    usuario = clave.configurar(io.StringIO(texto), salida, probar=probar, **opciones)
    return usuario, salida.getvalue()


def test_configurar_desde_una_tuberia() -> None:
    probar = Probador()
    usuario, salida = dialogo(f"{USUARIO}\n{CLAVE_CON_ESPACIOS}\n", probar)
    assert usuario == USUARIO
    assert probar.llamadas == [(USUARIO, CLAVE)]
    assert clave.leer_clave(USUARIO) == CLAVE
    assert "verificación en dos pasos" in salida.lower() and "Contraseñas de aplicaciones" in salida
    assert "16 letras" in salida and "Listo" in salida and "Aviso" not in salida
    assert CLAVE not in salida and CLAVE_CON_ESPACIOS not in salida


def test_configurar_vuelve_a_preguntar_la_direccion_y_ofrece_la_sugerida() -> None:
    usuario, salida = dialogo(f"cobros\n{USUARIO}\n{CLAVE}\n", Probador())
    assert usuario == USUARIO and "no parece una dirección" in salida
    usuario, salida = dialogo(f"\n{CLAVE}\n", Probador(), usuario="otra@example.com")
    assert usuario == "otra@example.com" and "[otra@example.com]" in salida


def test_configurar_avisa_si_no_parece_una_clave_de_aplicacion() -> None:
    _, salida = dialogo(f"{USUARIO}\nmi-clave-de-siempre\n", Probador())
    assert "Aviso" in salida and "19 caracteres" in salida


def test_configurar_no_guarda_una_clave_que_no_funciona() -> None:
    clave.guardar_clave(USUARIO, "clave-anterior-buena")
    with pytest.raises(errores.CorreoError, match="535"):
        dialogo(f"{USUARIO}\nmalamalamalamala\n", Probador(falla=True))
    assert clave.leer_clave(USUARIO) == "clave-anterior-buena"


@pytest.mark.parametrize("texto", ["", f"{USUARIO}\n", f"{USUARIO}\n   \n"])
def test_configurar_con_entrada_incompleta(texto: str) -> None:
    probar = Probador()
    with pytest.raises(errores.CorreoError, match="(terminó|ninguna contraseña)"):
        dialogo(texto, probar)
    assert probar.llamadas == [] and clave.leer_clave(USUARIO) is None


def test_configurar_contra_un_servidor_smtp_real(servidor_smtp: ServidorSMTP) -> None:
    def probar(usuario: str, contrasena: str) -> None:
        gmail.probar(gmail.Ajustes(servidor_smtp.host, servidor_smtp.puerto, "Ninguna", usuario), contrasena)

    salida = io.StringIO()
    with pytest.raises(errores.CorreoError, match="contraseña de aplicación"):
        clave.configurar(io.StringIO(f"{USUARIO}\nzzzz zzzz zzzz zzzz\n"), salida, probar=probar)
    assert "No funcionó" in salida.getvalue() and clave.leer_clave(USUARIO) is None
    assert clave.configurar(io.StringIO(f"{USUARIO}\n{CLAVE_CON_ESPACIOS}\n"), io.StringIO(), probar=probar) == USUARIO
    assert clave.leer_clave(USUARIO) == CLAVE
    assert servidor_smtp.inicios == 1
