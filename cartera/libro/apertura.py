"""Read the user's workbook into a validated ``modelo.Cartera`` (shell).

``leer(ruta)`` checks the file is a usable .xlsx/.xlsm, reads every sheet
with python-calamine (fast, values only), finds the header row and columns
by name (:mod:`cartera.lectura.esquema`), and validates each sheet into DataFrames
and ``Rechazo`` values (``lectura_*`` modules, pure).  A problem with the
whole file (missing, not Excel, protected, a required sheet or column
missing) raises :class:`~cartera.errores.LibroInvalido`, whose message says
what to fix; a bad row only rejects that row.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from types import MappingProxyType

import numpy as np
from python_calamine import CalamineError, CalamineWorkbook

from cartera.disposicion import hojas, pais
from cartera.disposicion.ensamblado import ensamblar
from cartera.errores import LibroInvalido
from cartera.lectura import esquema as columnas
from cartera.lectura.configuracion import leer_configuracion
from cartera.lectura.conversion import vacias
from cartera.lectura.tabla import Tabla, origen_de, ubicar
from cartera.libro import regional
from cartera.libro.formulas import formulas_sin_resultado
from cartera.libro.paquete import averias, limites
from cartera.modelo import Cartera, Configuracion, HojaLeida, Interpretacion

FIRMA_OLE = bytes.fromhex("D0CF11E0A1B11AE1")
_GUARDAR_XLSX = "Ábralo en Excel y use Guardar como → «Libro de Excel (.xlsx)»; luego indique ese archivo."


MIME_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
"""The ``mimetype`` entry of an OpenDocument spreadsheet (.ods)."""
_BOF_BIFF8 = bytes.fromhex("0908100000060500")
"""A BIFF8 BOF record opening the workbook globals (type 0x0809, 16 bytes, version 0x0600, kind 0x0005)."""
FORMATOS = ("xlsx", "xls", "ods")
"""What :func:`formato_de` answers: only «xlsx» (and .xlsm) is written back; «xls» and «ods» are read only."""


def comprobar_archivo(ruta: Path) -> None:
    """Raise ``LibroInvalido`` unless ``ruta`` is a workbook python-calamine reads (checked by content, not by name).

    Accepted: an .xlsx/.xlsm package, an Excel 97–2003 .xls (OLE, not encrypted) and a LibreOffice
    .ods (not encrypted).  Refused with the remedy: encrypted files, .xlsb, CSV and HTML renamed as
    Excel, other zip files.
    """
    if not ruta.exists():
        raise LibroInvalido(f"No se encuentra el libro «{ruta}». Revise la carpeta y el nombre del archivo.")
    if ruta.is_dir():
        raise LibroInvalido(f"«{ruta}» es una carpeta, no un libro de Excel. Indique el archivo .xlsx.")
    with ruta.open("rb") as archivo:
        inicio = archivo.read(4096)
    if inicio.startswith(FIRMA_OLE):
        if (tamano := ruta.stat().st_size) > limites.LIMITE_PARTE:
            raise LibroInvalido(limites.mensaje(limites.Exceso("total", "", tamano, limites.LIMITE_PARTE), ruta.name))
        if not _es_xls(ruta):
            raise LibroInvalido(_mensaje_protegido(ruta))
        return
    if not zipfile.is_zipfile(ruta):
        raise LibroInvalido(_mensaje_no_zip(ruta, inicio))
    try:
        with zipfile.ZipFile(ruta) as paquete:
            _comprobar_paquete(ruta, paquete)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error, ValueError) as error:
        raise LibroInvalido(averias.danado(ruta.name, error)) from error


def _comprobar_paquete(ruta: Path, paquete: zipfile.ZipFile) -> None:
    """The package's limits (sizes first, nothing inflated), its kind (.xlsx or an unencrypted .ods), its sheets' extent."""
    if exceso := limites.exceso_de_paquete(paquete):
        raise LibroInvalido(limites.mensaje(exceso, ruta.name))
    partes = set(paquete.namelist())
    tipo = paquete.read("mimetype") if "mimetype" in partes else b""
    manifiesto = paquete.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in partes else b""
    ods = tipo.strip() == MIME_ODS and "content.xml" in partes
    if ods and b"encryption-data" in manifiesto:
        raise LibroInvalido(_mensaje_protegido(ruta))
    if not ods and "xl/workbook.xml" not in partes:
        raise LibroInvalido(_mensaje_otro_zip(ruta, partes, tipo))
    if exceso := limites.exceso_de_hojas(paquete):
        raise LibroInvalido(limites.mensaje(exceso, ruta.name))


def formato_de(ruta: Path) -> str:
    """«xls» (OLE), «ods» (OpenDocument) or «xlsx» (any other package), by content; for a file
    :func:`comprobar_archivo` accepted.  Only «xlsx» is written back."""
    with Path(ruta).open("rb") as archivo:
        inicio = archivo.read(len(FIRMA_OLE))
    if inicio == FIRMA_OLE:
        return "xls"
    try:
        with zipfile.ZipFile(ruta) as paquete:
            if "mimetype" in paquete.namelist() and paquete.read("mimetype").strip() == MIME_ODS:
                return "ods"
    except (zipfile.BadZipFile, OSError):
        pass
    return "xlsx"


def _es_xls(ruta: Path) -> bool:
    """An OLE file holding an Excel workbook stream (``Workbook``, or ``Book`` in Excel 5) and not encrypted."""
    contenido = ruta.read_bytes()
    return "EncryptedPackage".encode("utf-16-le") not in contenido and any(
        nombre.encode("utf-16-le") + b"\x00\x00" in contenido for nombre in ("Workbook", "Book")
    ) and not _xls_cifrado(contenido)


def _xls_cifrado(contenido: bytes) -> bool:
    """A BIFF8 workbook saved with a password to open: the record after its first BOF is FILEPASS (0x002F).

    Record headers (type, size) stay in clear in an encrypted .xls, so this reads without the password.
    """
    posicion = contenido.find(_BOF_BIFF8)
    if posicion < 0:
        return False
    siguiente = posicion + 4 + int.from_bytes(contenido[posicion + 2:posicion + 4], "little")
    return contenido[siguiente:siguiente + 2] == b"\x2f\x00"



def _mensaje_protegido(ruta: Path) -> str:
    return (f"«{ruta.name}» está protegido con contraseña y no se puede leer. Ábralo en Excel, quite la contraseña "
            "(Archivo → Información → Proteger libro → Cifrar con contraseña, y deje la contraseña en blanco) "
            "y guarde una copia sin ella; luego indique esa copia.")


def _mensaje_no_zip(ruta: Path, inicio: bytes) -> str:
    texto = inicio.decode("utf-8", errors="ignore").lstrip("\ufeff").lstrip().lower()
    if texto.startswith("<") and ("<html" in texto or "<table" in texto):
        return f"«{ruta.name}» es una página web (HTML) con nombre de libro de Excel. {_GUARDAR_XLSX}"
    if inicio and (b"\x00" not in inicio) and any(s in texto for s in (",", ";", "\t")):
        return f"«{ruta.name}» es un archivo de texto (CSV), no un libro de Excel. {_GUARDAR_XLSX}"
    return f"«{ruta.name}» no es un libro de Excel (.xlsx) o está dañado. {_GUARDAR_XLSX}"


def _mensaje_otro_zip(ruta: Path, partes: set[str], tipo: bytes) -> str:
    if "xl/workbook.bin" in partes:
        return f"«{ruta.name}» es un libro binario de Excel (.xlsb), que esta herramienta no lee. {_GUARDAR_XLSX}"
    if b"opendocument" in tipo:
        return f"«{ruta.name}» es un documento de LibreOffice que no es una hoja de cálculo. {_GUARDAR_XLSX}"
    return f"«{ruta.name}» no es un libro de Excel (.xlsx): es otro tipo de archivo comprimido. {_GUARDAR_XLSX}"


def _abrir(ruta: Path) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_path(str(ruta))
    except CalamineError as error:
        raise LibroInvalido(averias.danado(ruta.name, error)) from error


def _filas(libro: CalamineWorkbook, nombre: str, ruta: Path) -> tuple[list[list], tuple[int, int]]:
    try:
        hoja = libro.get_sheet_by_name(nombre)
        inicio = tuple(hoja.start or (0, 0))
        return _combinadas_hacia_abajo(hoja.to_python(), inicio, hoja.merged_cell_ranges or ()), inicio
    except CalamineError as error:
        raise LibroInvalido(averias.danado(ruta.name, error, nombre)) from error


def _combinadas_hacia_abajo(filas: list[list], inicio: tuple[int, int], combinadas) -> list[list]:
    """A cell merged down over several rows (a client's name over its invoices) reads as its value on each row,
    as the owner sees it; merges across columns (titles, group headers) are left as they are."""
    for (f0, c0), (f1, c1) in combinadas:
        if c0 != c1 or f1 <= f0:
            continue
        i0, j = f0 - inicio[0], c0 - inicio[1]
        if not (0 <= i0 < len(filas)) or j < 0 or j >= len(filas[i0]):
            continue
        for i in range(i0 + 1, min(f1 - inicio[0], len(filas) - 1) + 1):
            if j < len(filas[i]) and filas[i][j] in ("", None):
                filas[i][j] = filas[i0][j]
    return filas


def _con_ceros(tabla: Tabla, ruta: Path, formato: str) -> Tabla:
    """Invoice numbers stored as numbers with a zero-padded format (``000123``) read as the owner sees them."""
    if "factura" not in tabla.celdas or formato != "xlsx":
        return tabla
    celdas = tabla.celdas["factura"]
    if not any(isinstance(c, float | int) and not isinstance(c, bool) for c in celdas):
        return tabla
    anchos = regional.ceros_a_la_izquierda(ruta, tabla.nombre, tabla.letras["factura"])
    if not anchos:
        return tabla
    nuevas = celdas.copy()
    for pos, fila in enumerate(tabla.filas.tolist()):
        if fila in anchos and isinstance(nuevas[pos], float | int) and float(nuevas[pos]).is_integer():
            nuevas[pos] = str(int(nuevas[pos])).zfill(anchos[fila])
    return tabla._replace(celdas={**tabla.celdas, "factura": nuevas})


def _con_formulas(tabla: Tabla, ruta: Path) -> Tabla:
    """Mark the empty required cells that hold a formula with no saved result (looked up only if there are any)."""
    referencias: dict[str, tuple[str, int]] = {}
    for campo in columnas.CAMPOS[tabla.hoja]:
        if campo.requerido and campo.campo in tabla.celdas:
            for pos in np.flatnonzero(vacias(tabla.celdas[campo.campo])).tolist():
                referencias[f"{tabla.letras[campo.campo]}{tabla.filas[pos]}"] = (campo.campo, pos)
    motivos = formulas_sin_resultado(ruta, tabla.nombre, set(referencias))
    return tabla._replace(sin_resultado={referencias[ref]: motivo for ref, motivo in motivos.items()})


def _tablas(libro: CalamineWorkbook, ruta: Path, roles: dict[str, str], mapeo,
            cargadas: dict[str, tuple[list[list], tuple[int, int]]], formato: str) -> dict[str, Tabla]:
    """Every sheet with a role located; all missing-column problems reported together."""
    tablas: dict[str, Tabla] = {}
    errores: list[str] = []
    for hoja, nombre in roles.items():
        if hoja == columnas.CONFIGURACION:
            continue
        filas, origen = cargadas[nombre] if nombre in cargadas else _filas(libro, nombre, ruta)
        try:
            tablas[hoja] = _con_ceros(_con_formulas(ubicar(hoja, nombre, filas, origen, mapeo), ruta), ruta, formato)
        except LibroInvalido as error:
            errores.append(str(error))
    if errores:
        raise LibroInvalido("\n\n".join(errores))
    return tablas


def _configuracion(libro: CalamineWorkbook, ruta: Path, nombre: str | None) -> tuple[Configuracion, tuple, Tabla | None]:
    """(configuration, its rechazos, the located sheet or None when the workbook has no Configuración)."""
    if nombre is None:
        return Configuracion(), (), None
    filas, origen = _filas(libro, nombre, ruta)
    tabla = ubicar(columnas.CONFIGURACION, nombre, filas, origen)
    return (*leer_configuracion(tabla), tabla)


def _roles(libro: CalamineWorkbook, ruta: Path, configuracion: Configuracion) -> tuple[dict[str, tuple[str, str]], dict, tuple]:
    """Role → (sheet, how found); the rows of the sheets that had to be looked into; alerts about sheets not read."""
    nombres = list(libro.sheet_names)
    roles = hojas.por_nombre(nombres, configuracion.mapeo_hojas)
    cargadas: dict[str, tuple[list[list], tuple[int, int]]] = {}
    alertas: tuple[str, ...] = ()
    libres = [n for n in nombres if n not in {v[0] for v in roles.values()} and columnas.hoja_canonica(n) is None]
    if libres:
        cargadas = {n: _filas(libro, n, ruta) for n in libres}
        roles, alertas = hojas.por_encabezados(roles, cargadas, configuracion.mapeo_columnas)
    if columnas.FACTURAS not in roles:
        if len(libres) == 1:  # one sheet: say what its header row lacks
            filas, origen = cargadas[libres[0]]
            ubicar(columnas.FACTURAS, libres[0], filas, origen, configuracion.mapeo_columnas)
        raise LibroInvalido(hojas.faltan(roles, nombres))
    return roles, cargadas, alertas


def leer(ruta: Path) -> Cartera:
    """The validated workbook at ``ruta``; raises ``LibroInvalido`` (Spanish, with the remedy) if unusable."""
    ruta = Path(ruta)
    comprobar_archivo(ruta)
    formato = formato_de(ruta)
    libro = _abrir(ruta)
    por_nombre = hojas.por_nombre(list(libro.sheet_names))
    hoja_config = por_nombre.get(columnas.CONFIGURACION, (None,))[0]
    configuracion, rechazos, tabla_configuracion = _configuracion(libro, ruta, hoja_config)
    roles, cargadas, alertas = _roles(libro, ruta, configuracion)
    tablas = _tablas(libro, ruta, {p: n for p, (n, _) in roles.items()}, configuracion.mapeo_columnas, cargadas, formato)
    halladas = {**tablas, **({columnas.CONFIGURACION: tabla_configuracion} if tabla_configuracion else {})}
    origen = MappingProxyType({hoja: origen_de(tabla) for hoja, tabla in halladas.items()})
    formatos = regional.formatos_de_numero(ruta, roles[columnas.FACTURAS][0])
    configuracion, inferencia = pais.decidir(configuracion, tablas, formatos, regional.configuracion_regional())
    lectura = Interpretacion(
        hojas=tuple(HojaLeida(p, n, 0, como) for p, (n, como) in roles.items()),
        pais=inferencia.pais, moneda=inferencia.moneda, origen_pais=inferencia.origen, indicios=inferencia.indicios,
        notas=inferencia.notas, alertas=alertas + inferencia.alertas, formato=formato,
    )
    facturas = tablas[columnas.FACTURAS]
    tachadas = (regional.tachadas(ruta, facturas.nombre, facturas.letras["factura"])
                if formato == "xlsx" and "factura" in facturas.letras else ())
    return ensamblar(configuracion, rechazos, tablas, origen, lectura, tabla_configuracion, tachadas)


def releer(ruta: Path, cartera: Cartera, hojas_pedidas: tuple[str, ...]) -> dict[str, Tabla]:
    """The sheets ``hojas_pedidas`` (roles, e.g. ``Acuerdos``) of the workbook ``cartera`` was read from, located
    where reading found them (``Cartera.origen``) and read exactly as :func:`leer` reads them (merged cells
    filled down, required cells holding a formula without a saved result marked); a role not found is left out.
    """
    pedidas = {h: cartera.origen[h].nombre for h in hojas_pedidas if h in cartera.origen}
    if not pedidas:
        return {}
    libro = _abrir(ruta)
    return {hoja: _con_formulas(ubicar(hoja, nombre, *_filas(libro, nombre, ruta), cartera.configuracion.mapeo_columnas), ruta)
            for hoja, nombre in pedidas.items()}
