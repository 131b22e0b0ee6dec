"""LibreOffice, headless, as a second opinion on a written workbook: convert it, sort an Excel Table in it.

Each helper runs ``soffice`` with a private profile (``perfil``) so tests may
run beside another LibreOffice.  ``ordenar_tabla`` runs a small Basic macro
installed in that profile: it opens the workbook, takes the first database
range (LibreOffice's name for an imported Excel Table), sorts the table's body
(header and totals rows left in place) by one of its columns, descending, and
saves the result as .xlsx.  Tests call ``requiere_soffice()`` first: CI has no
LibreOffice, and they are skipped there.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

_MACRO = """Sub Ordenar(ruta As String, salida As String, columna As String, totales As String)
  On Error GoTo Fallo
  Dim carga(0) As New com.sun.star.beans.PropertyValue
  carga(0).Name = "Hidden"
  carga(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(ruta), "_blank", 0, carga())
  a = doc.DatabaseRanges.getByIndex(0).getDataArea()
  hoja = doc.Sheets.getByIndex(a.Sheet)
  cuerpo = hoja.getCellRangeByPosition(a.StartColumn, a.StartRow + 1, a.EndColumn, a.EndRow - CInt(totales))
  Dim campos(0) As New com.sun.star.table.TableSortField
  campos(0).Field = CInt(columna)
  campos(0).IsAscending = False
  Dim orden(0) As New com.sun.star.beans.PropertyValue
  orden(0).Name = "SortFields"
  orden(0).Value = campos()
  cuerpo.sort(orden())
  Dim guardar(0) As New com.sun.star.beans.PropertyValue
  guardar(0).Name = "FilterName"
  guardar(0).Value = "Calc MS Excel 2007 XML"
  doc.storeToURL(ConvertToURL(salida), guardar())
  doc.close(True)
  StarDesktop.terminate()
  Exit Sub
Fallo:
  Open salida & ".error" For Output As #1
  Print #1, "Error " & Err & " en la linea " & Erl & ": " & Error$
  Close #1
  StarDesktop.terminate()
End Sub
"""


def requiere_soffice() -> str:
    """The ``soffice`` program, or skip the test."""
    programa = shutil.which("soffice")
    if programa is None:
        pytest.skip("LibreOffice (soffice) no está instalado")
    return programa


def _soffice(perfil: Path, *argumentos: str) -> subprocess.CompletedProcess:
    return subprocess.run([requiere_soffice(), f"-env:UserInstallation={perfil.as_uri()}", "--headless", *argumentos],
                          capture_output=True, text=True, timeout=180, check=False)


def convertir(perfil: Path, libro: Path, formato: str, carpeta: Path) -> Path:
    """``libro`` converted by LibreOffice to ``formato`` ("csv" — comma-separated UTF-8 — or "xlsx") in
    ``carpeta``; fails the test otherwise."""
    carpeta.mkdir(parents=True, exist_ok=True)
    filtro = "csv:Text - txt - csv (StarCalc):44,34,76" if formato == "csv" else formato
    proceso = _soffice(perfil, "--convert-to", filtro, "--outdir", str(carpeta), str(libro))
    salida = carpeta / f"{libro.stem}.{formato}"
    assert proceso.returncode == 0 and salida.exists(), proceso.stdout + proceso.stderr
    return salida


def ordenar_tabla(perfil: Path, libro: Path, salida: Path, columna: int, *, totales: int) -> Path:
    """``libro`` with its first table's body sorted by ``columna`` (0-based, within the table), descending.

    ``totales``: the table's totals rows (left at the bottom).  The profile must exist (``convertir`` once).
    """
    modulo = perfil / "user" / "basic" / "Standard" / "Module1.xba"
    assert modulo.parent.exists(), "el perfil de LibreOffice no existe todavía: convierta un libro antes"
    modulo.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE script:module PUBLIC '
                      '"-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n'
                      '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" '
                      f'script:language="StarBasic">{escape(_MACRO, {chr(34): "&quot;"})}</script:module>', encoding="utf-8")
    llamada = f'macro:///Standard.Module1.Ordenar("{libro}","{salida}","{columna}","{totales}")'
    proceso = _soffice(perfil, llamada)
    error = Path(f"{salida}.error")
    assert not error.exists(), error.read_text(encoding="utf-8", errors="replace")
    assert proceso.returncode == 0 and salida.exists(), proceso.stdout + proceso.stderr
    return salida
