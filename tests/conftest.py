"""Shared fixtures.  Keep this file small: helpers live in their own modules (``servidor_smtp``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring
from servidor_smtp import CLAVE, USUARIO, ServidorSMTP

if TYPE_CHECKING:
    import trustme

collect_ignore_glob = ["libros_reales/*.py", "libros_variantes/*.py", "libros_variantes2/*.py", "libros_variantes3/*.py", "fixtures/*.py"]
"""The scripts that rebuild committed workbooks (they need LibreOffice) are not test modules."""


@pytest.fixture(autouse=True)
def llavero(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test (and every subprocess it starts) uses a plain-text keyring in a temp folder.

    The user's real keyring is never read or written by the tests.  Returns
    the folder that plays ``HOME``.
    """
    casa = tmp_path_factory.mktemp("casa")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    for variable, carpeta in (("HOME", ""), ("XDG_DATA_HOME", "datos"), ("XDG_CONFIG_HOME", "config"),
                              ("LOCALAPPDATA", "datos"), ("USERPROFILE", "")):
        monkeypatch.setenv(variable, str(casa / carpeta))
    keyring.set_keyring(PlaintextKeyring())
    return casa


@pytest.fixture(scope="session")
def ca_smtp() -> trustme.CA:
    """A throw-away certificate authority for the TLS test servers (not trusted unless a test says so)."""
    import trustme  # test dependency (pyproject [test]); imported here so only the TLS tests need it

    return trustme.CA()


@pytest.fixture
def confiar_en_ca(ca_smtp: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Trust ``ca_smtp`` through ``SSL_CERT_FILE`` (honoured by ``ssl.create_default_context``)."""
    archivo = tmp_path / "ca.pem"
    ca_smtp.cert_pem.write_to_path(str(archivo))
    monkeypatch.setenv("SSL_CERT_FILE", str(archivo))
    return archivo


@pytest.fixture
def crear_servidor_smtp(request: pytest.FixtureRequest) -> Iterator[Callable[..., ServidorSMTP]]:
    """Factory of started Gmail-like servers: ``crear_servidor_smtp(seguridad=..., comportamiento=...)``.

    Every server it made is stopped when the test ends.
    """
    servidores: list[ServidorSMTP] = []

    def crear(**opciones: object) -> ServidorSMTP:
        if opciones.get("seguridad", "Ninguna") != "Ninguna":
            opciones.setdefault("ca", request.getfixturevalue("ca_smtp"))
        servidor = ServidorSMTP(**opciones).arrancar()  # type: ignore[arg-type]
        servidores.append(servidor)
        return servidor

    yield crear
    for servidor in servidores:
        servidor.parar()


@pytest.fixture
def servidor_smtp(crear_servidor_smtp: Callable[..., ServidorSMTP]) -> ServidorSMTP:
    """A started plain-SMTP (``Ninguna``) server on 127.0.0.1 that accepts everything."""
    return crear_servidor_smtp()


@pytest.fixture
def clave_guardada() -> None:
    """The loopback server's app password in the test keyring (as ``cartera correo`` would store it)."""
    from cartera.correo import clave

    clave.guardar_clave(USUARIO, CLAVE)
