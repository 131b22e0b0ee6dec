"""The ``cartera`` command: thin, Spanish, exit codes 0 / 1 / 2.

This is the only module that reads the clock (``datetime.now``) and the
terminal; every command maps ``CarteraError`` to one Spanish line once, and
any unexpected error to one line on screen plus the traceback in the log.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from cartera import __version__
from cartera.comandos import registro
from cartera.comandos.registro import log
from cartera.errores import CarteraError, error_de_disco
from cartera.vocabulario import Modo

SALIDA_OK, SALIDA_PROBLEMAS, SALIDA_NADA = 0, 1, 2

AYUDA = """\
cartera cobra sus cuentas por cobrar desde su propio libro de Excel.

Ejemplos:
  cartera cobrar sample_cartera.xlsx          informe y vista previa de los mensajes
  cartera cobrar cartera.xlsx --enviar        enviar los recordatorios por Gmail
  cartera iniciar Documentos/Cobranza         crear un libro nuevo para empezar
  cartera correo                              guardar la contraseña de aplicación de Gmail
  cartera acceso cartera.xlsx                 crear el acceso directo del escritorio
  cartera pagos cartera.xlsx extracto.n43     registrar los pagos del extracto del banco
  cartera estado cartera.xlsx ROBLE           el estado de cuenta de un cliente, en PDF
"""


def _fecha(texto: str) -> dt.date:
    try:
        return dt.date.fromisoformat(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{texto}» no es una fecha AAAA-MM-DD (por ejemplo 2026-11-24)") from None


class _Formato(argparse.RawDescriptionHelpFormatter):
    """Help in Spanish, usage line included."""

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001 - argparse API
        super().add_usage(usage, actions, groups, prefix="uso: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Spanish errors and help (exit code 2: nothing done)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["formatter_class"] = _Formato
        super().__init__(*args, **kwargs)
        self._optionals.title = "opciones"
        self._positionals.title = "argumentos"

    def error(self, message: str) -> None:  # noqa: D401 - argparse API
        self.print_usage(sys.stderr)
        self.exit(SALIDA_NADA, f"cartera: error: {_traducir(message)}\n")


def _traducir(mensaje: str) -> str:
    reemplazos = {
        "the following arguments are required": "faltan los argumentos",
        "unrecognized arguments": "argumentos no reconocidos",
        "invalid choice": "opción no válida",
        "argument": "argumento",
        "not allowed with argument": "no se puede usar junto con",
        "expected one argument": "falta el valor",
    }
    for ingles, espanol in reemplazos.items():
        mensaje = mensaje.replace(ingles, espanol)
    return mensaje


def construir_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cartera", description=AYUDA, add_help=False)
    parser.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")
    parser.add_argument("--version", action="version", version=f"cartera {__version__}", help="muestra la versión")
    comandos = parser.add_subparsers(dest="comando", title="comandos", metavar="COMANDO", parser_class=_Parser)
    _parser_cobrar(comandos)
    _parser_iniciar(comandos)
    _parser_correo(comandos)
    _parser_acceso(comandos)
    _parser_reenviar(comandos)
    _parser_pagos(comandos)
    _parser_estado(comandos)
    return parser


def _subparser(comandos, nombre: str, ayuda: str, ejemplo: str) -> argparse.ArgumentParser:
    sub = comandos.add_parser(nombre, help=ayuda, description=f"{ayuda}\n\nEjemplo:\n  {ejemplo}", add_help=False)
    sub.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")
    return sub


def _parser_cobrar(comandos) -> None:
    sub = _subparser(comandos, "cobrar", "la ejecución diaria: calcula, avisa, informa y anota en el libro",
                     "cartera cobrar cartera.xlsx --fecha 2026-11-24")
    sub.add_argument("libro", nargs="?", type=Path, metavar="LIBRO", help="libro de Excel (por omisión, el de esta carpeta)")
    sub.add_argument("--fecha", type=_fecha, metavar="AAAA-MM-DD", help="fecha de corte (por omisión, la del libro o hoy)")
    modo = sub.add_mutually_exclusive_group()
    modo.add_argument("--enviar", dest="modo", action="store_const", const=Modo.ENVIO, help="enviar los mensajes por Gmail")
    modo.add_argument("--prueba", dest="modo", action="store_const", const=Modo.PRUEBA, help="no enviar nada: solo vista previa")
    sub.add_argument("--no-abrir", dest="abrir", action="store_false", help="no abrir el informe al terminar")
    sub.add_argument("--json", action="store_true", help="imprimir el resumen en JSON (para otros programas)")
    sub.set_defaults(funcion=_cobrar)


def _parser_iniciar(comandos) -> None:
    sub = _subparser(comandos, "iniciar", "crea un libro nuevo listo para llenar", "cartera iniciar Documentos/Cobranza")
    sub.add_argument("carpeta", nargs="?", type=Path, default=Path("."), metavar="CARPETA", help="dónde crearlo (por omisión, aquí)")
    sub.set_defaults(funcion=_iniciar)


def _parser_correo(comandos) -> None:
    sub = _subparser(comandos, "correo", "guarda la contraseña de aplicación de Gmail y prueba el acceso", "cartera correo cartera.xlsx")
    sub.add_argument("libro", nargs="?", type=Path, metavar="LIBRO", help="libro cuyo Correo remitente se completa")
    sub.set_defaults(funcion=_correo)


def _parser_acceso(comandos) -> None:
    sub = _subparser(comandos, "acceso", "crea un acceso directo en el escritorio para la ejecución diaria", "cartera acceso cartera.xlsx")
    sub.add_argument("libro", nargs="?", type=Path, metavar="LIBRO", help="libro de Excel")
    sub.set_defaults(funcion=_acceso)


def _parser_reenviar(comandos) -> None:
    sub = _subparser(comandos, "reenviar", "libera un mensaje «incierto» para que se vuelva a enviar",
                     "cartera reenviar cartera.xlsx '<abc123@cartera>'")
    sub.add_argument("libro", type=Path, metavar="LIBRO", help="libro de Excel")
    sub.add_argument("message_id", metavar="MESSAGE-ID", help="el Message-ID que aparece en el informe")
    sub.set_defaults(funcion=_reenviar)


def _parser_pagos(comandos) -> None:
    sub = _subparser(comandos, "pagos", "registra los pagos que trae el extracto del banco (Norma 43, OFX, camt.053, "
                     "CSV o Excel del banco)", "cartera pagos cartera.xlsx noviembre.n43 movimientos.csv --prueba")
    sub.add_argument("libro", type=Path, metavar="LIBRO", help="libro de Excel")
    sub.add_argument("extractos", nargs="+", type=Path, metavar="EXTRACTO", help="uno o varios extractos del banco")
    sub.add_argument("--fecha", type=_fecha, metavar="AAAA-MM-DD", help="fecha de corte (por omisión, la del libro o hoy)")
    modo = sub.add_mutually_exclusive_group()
    modo.add_argument("--enviar", dest="modo", action="store_const", const=Modo.ENVIO, help="registrar en el libro")
    modo.add_argument("--prueba", dest="modo", action="store_const", const=Modo.PRUEBA,
                      help="no escribir nada: mostrar lo que se registraría")
    sub.add_argument("--json", action="store_true", help="imprimir el resultado en JSON (para otros programas)")
    sub.set_defaults(funcion=_pagos)


def _parser_estado(comandos) -> None:
    sub = _subparser(comandos, "estado", "escribe el estado de cuenta de un cliente en PDF (carpeta estados, junto al libro)",
                     "cartera estado cartera.xlsx \"Ferretería El Roble\" --fecha 2026-11-24")
    sub.add_argument("libro", type=Path, metavar="LIBRO", help="libro de Excel")
    sub.add_argument("cliente", metavar="CLIENTE", help="código o nombre del cliente (sin importar mayúsculas ni tildes)")
    sub.add_argument("--fecha", type=_fecha, metavar="AAAA-MM-DD", help="fecha de corte (por omisión, la del libro o hoy)")
    sub.set_defaults(funcion=_estado)


def _estado(args: argparse.Namespace) -> int:
    from cartera.comandos import estado

    return estado.estado(estado.OpcionesEstado(libro=args.libro.expanduser().resolve(), cliente=args.cliente,
                                               fecha=args.fecha, ahora=dt.datetime.now().astimezone()))


def _pagos(args: argparse.Namespace) -> int:
    from cartera.comandos import pagos

    opciones = pagos.OpcionesPagos(libro=args.libro.expanduser().resolve(), extractos=tuple(args.extractos),
                                   modo=args.modo, fecha=args.fecha, ahora=dt.datetime.now().astimezone(),
                                   json=args.json)
    return pagos.pagos(opciones)


def _cobrar(args: argparse.Namespace) -> int:
    from cartera.comandos import cobrar

    opciones = cobrar.Opciones(
        libro=cobrar.encontrar_libro(args.libro, Path.cwd()),
        fecha=args.fecha,
        modo=args.modo,
        interactivo=sys.stdin.isatty() and sys.stdout.isatty(),
        abrir=args.abrir,
        ahora=dt.datetime.now().astimezone(),
        json=args.json,
        espera_smtp=_espera_smtp(),
    )
    return cobrar.cobrar(opciones)


def _espera_smtp() -> float:
    """``CARTERA_ESPERA_SMTP``: seconds before the first SMTP retry (tests use a tiny one); 2 by default."""
    try:
        return max(0.0, float(os.environ.get("CARTERA_ESPERA_SMTP", "2")))
    except ValueError:
        return 2.0


def _iniciar(args: argparse.Namespace) -> int:
    from cartera.comandos import iniciar as inicio

    return inicio.iniciar(args.carpeta.resolve())


def _correo(args: argparse.Namespace) -> int:
    from cartera.comandos import iniciar as inicio

    return inicio.correo(args.libro)


def _acceso(args: argparse.Namespace) -> int:
    from cartera.comandos import acceso, cobrar

    ruta = acceso.crear(cobrar.encontrar_libro(args.libro, Path.cwd()))
    print(f"Acceso directo creado: {ruta}")
    return SALIDA_OK


def _reenviar(args: argparse.Namespace) -> int:
    from cartera.libro import diario

    diario.liberar(args.libro.resolve().parent, args.message_id)
    print(f"Mensaje {args.message_id} liberado: se volverá a enviar en la próxima ejecución.")
    return SALIDA_OK


def _utf8() -> None:
    """Windows consoles: never fail on accents."""
    for flujo in (sys.stdout, sys.stderr):
        try:
            flujo.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass


def _sin_ruido(no_lanzable: sys.UnraisableHookArgs) -> None:
    """An error Python can only report (a file closed while collected, on a full disk): to the log, never the screen."""
    log.warning("Error ignorado en %r", no_lanzable.object,
                exc_info=(no_lanzable.exc_type, no_lanzable.exc_value, no_lanzable.exc_traceback))


def _carpeta_temporal() -> None:
    """Python finds its temp folder by writing a probe file there; on a full disk that fails with a misleading
    «No usable temporary directory» at the first import that asks (portalocker does).  Then take the folder
    Python would have taken, unprobed: the real cause («el disco está lleno») surfaces at cartera's first
    write, in Spanish, and no library's temp file lands in the owner's folder."""
    try:
        tempfile.gettempdir()
    except OSError:
        variables = (os.environ.get(v) for v in ("TMPDIR", "TEMP", "TMP"))
        tempfile.tempdir = next((v for v in variables if v), "/tmp" if os.name == "posix" else os.path.expanduser("~"))  # noqa: S108


def main(argv: Sequence[str] | None = None) -> int:
    _utf8()
    sys.unraisablehook = _sin_ruido
    _carpeta_temporal()
    parser = construir_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "funcion", None):
        parser.print_help()
        return SALIDA_NADA
    try:
        return args.funcion(args)
    except CarteraError as error:
        log.error("%s", error)
        print(f"cartera: {error}", file=sys.stderr)
        return error.codigo_salida
    except KeyboardInterrupt:
        print("\ncartera: interrumpido por el usuario.", file=sys.stderr)
        return SALIDA_PROBLEMAS
    except OSError as error:  # a disk or a folder refused something no step above expected to fail
        log.exception("Error del sistema de archivos")
        print(f"cartera: {error_de_disco(error, 'leer o escribir')}{_DETALLE if registro.escribe() else ''}",
              file=sys.stderr)
        return SALIDA_NADA
    except Exception:  # noqa: BLE001 - the one place an unexpected error is turned into a message
        log.exception("Error inesperado")
        detalle = "el detalle quedó en cartera.log, junto al libro" if registro.escribe() else "no se pudo guardar el detalle"
        print(f"cartera: ocurrió un error inesperado ({detalle}). "
              "Su libro nunca queda a medio escribir: si alcanzó a anotarse, se guardó completo.", file=sys.stderr)
        return SALIDA_NADA


_DETALLE = " (El detalle quedó en cartera.log, junto al libro.)"
