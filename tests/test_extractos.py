"""Bank statements read from real files: Norma 43, OFX, camt.053, two CSV layouts and an XLSX export.

Each file is written by the test as the bank writes it and read back through ``cartera.extractos`` (csb43,
ofxtools, defusedxml, python-calamine).  A malformed file gives a Spanish error naming the file and its line
(counted from 1), with no traceback, and a batch with one bad file yields nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bancos import Linea, camt053, csv_bancolombia, csv_bbva, filas_banorte, norma43, ofx
from hypothesis import given, settings
from hypothesis import strategies as st
from libros import escribir_libro, libro_minimo_valido

from cartera.conciliacion.movimientos import MovimientoBancario, clave, con_claves
from cartera.errores import ExtractoInvalido
from cartera.extractos.archivos import formato_de, leer_extracto, leer_extractos
from cartera.libro.apertura import leer

D5, D6, D7 = dt.date(2026, 11, 5), dt.date(2026, 11, 6), dt.date(2026, 11, 7)
LINEAS = [
    Linea(D5, 121_000, "TRANSF CLIENTE UNO SL PAGO FRA FV-102", "FV-102"),
    Linea(D6, -5_000, "COMISION MANTENIMIENTO"),
    Linea(D7, 58_000, "PAGO DE CLIENTE DOS NIF B12345678"),
]


def _escribir(tmp_path: Path, nombre: str, contenido: bytes) -> Path:
    ruta = tmp_path / nombre
    ruta.write_bytes(contenido)
    return ruta


def _resumen(extracto) -> list[tuple]:
    return [(m.fecha, m.importe, m.moneda) for m in extracto.movimientos]


def test_norma43_con_sus_abonos_textos_y_lineas(tmp_path: Path) -> None:
    extracto = leer_extracto(_escribir(tmp_path, "noviembre.n43", norma43(LINEAS)), "ES")
    assert extracto.formato == "Norma 43" and extracto.avisos == ()
    assert _resumen(extracto) == [(D5, 121_000, "EUR"), (D6, -5_000, "EUR"), (D7, 58_000, "EUR")]
    primero = extracto.movimientos[0]
    assert primero.texto == "TRANSF CLIENTE UNO SL PAGO FRA FV-102" and primero.referencia == "FV-102"
    assert primero.cuenta == "018212340123456789" and primero.linea == 2
    assert [m.linea for m in extracto.movimientos] == [2, 4, 6]
    assert [m.importe for m in extracto.abonos] == [121_000, 58_000]


def test_norma43_en_cp850_conserva_las_letras(tmp_path: Path) -> None:
    lineas = [Linea(D5, 10_000, "PAGO DE MUÑOZ Y PEÑA SL")]
    extracto = leer_extracto(_escribir(tmp_path, "cp850.n43", norma43(lineas, codificacion="cp850")), "ES")
    assert extracto.movimientos[0].texto == "PAGO DE MUÑOZ Y PEÑA SL"


@pytest.mark.parametrize(("dano", "linea", "dice"), [
    (lambda r: r[:2] + [r[2][:70]] + r[3:], 3, "tiene 70 caracteres"),
    (lambda r: [r[0], r[1][:10] + "261345" + r[1][16:]] + r[2:], 2, "«261345» no existe"),
    (lambda r: [r[0], "99" + r[1][2:]] + r[2:], 2, "no es un código de la Norma 43"),
    (lambda r: r[:1] + r[3:], None, "no sigue la Norma 43"),
])
def test_norma43_danada_nombra_archivo_y_linea(tmp_path: Path, dano, linea, dice) -> None:
    registros = norma43(LINEAS).decode("latin-1").split("\r\n")[:-1]
    ruta = _escribir(tmp_path, "dañado.n43", "\r\n".join(dano(registros)).encode("latin-1"))
    with pytest.raises(ExtractoInvalido) as error:
        leer_extracto(ruta, "ES")
    assert dice in str(error.value) and str(error.value).startswith("El extracto dañado.n43")
    if linea is not None:
        assert error.value.linea == linea and f"línea {linea}:" in str(error.value)


def test_ofx_con_su_moneda_y_sus_lineas(tmp_path: Path) -> None:
    extracto = leer_extracto(_escribir(tmp_path, "banorte.ofx", ofx(LINEAS)), "MX")
    assert extracto.formato == "OFX"
    assert _resumen(extracto) == [(D5, 121_000, "MXN"), (D6, -5_000, "MXN"), (D7, 58_000, "MXN")]
    contenido = (tmp_path / "banorte.ofx").read_bytes().split(b"\r\n")
    assert b"<FITID>FV-102" in contenido[extracto.movimientos[0].linea - 1]


def test_ofx_con_fecha_imposible_nombra_la_linea(tmp_path: Path) -> None:
    contenido = ofx(LINEAS).replace(b"<DTPOSTED>20261106", b"<DTPOSTED>20261345")
    with pytest.raises(ExtractoInvalido) as error:
        leer_extracto(_escribir(tmp_path, "malo.ofx", contenido), "MX")
    numero = next(i for i, x in enumerate(contenido.split(b"\r\n"), start=1) if b"20261345" in x)
    assert error.value.linea == numero and "«20261345120000» no es válido" in str(error.value)


@pytest.mark.parametrize("version", ["02", "08", "13"])
def test_camt053_de_cualquier_version(tmp_path: Path, version: str) -> None:
    extracto = leer_extracto(_escribir(tmp_path, "extracto.xml", camt053(LINEAS, version=version)), "ES")
    assert extracto.formato == "camt.053" and extracto.avisos == ()
    assert _resumen(extracto) == [(D5, 121_000, "EUR"), (D6, -5_000, "EUR"), (D7, 58_000, "EUR")]
    assert "Cliente Uno SL" in extracto.movimientos[0].texto and "FV-102" in extracto.movimientos[0].texto


def test_camt053_cuyos_saldos_no_cuadran_avisa(tmp_path: Path) -> None:
    extracto = leer_extracto(_escribir(tmp_path, "e.xml", camt053(LINEAS, final=1)), "ES")
    assert len(extracto.avisos) == 1 and "no cuadran" in extracto.avisos[0] and "0,01 €" in extracto.avisos[0]


def test_camt053_con_fecha_imposible_o_cortado(tmp_path: Path) -> None:
    contenido = camt053(LINEAS).replace(b"2026-11-06</Dt></BookgDt>", b"2026-11-31</Dt></BookgDt>")
    with pytest.raises(ExtractoInvalido) as error:
        leer_extracto(_escribir(tmp_path, "e.xml", contenido), "ES")
    numero = next(i for i, x in enumerate(contenido.split(b"\n"), start=1) if b"2026-11-31" in x)
    assert "«2026-11-31» no existe" in str(error.value) and numero - 5 <= error.value.linea <= numero
    with pytest.raises(ExtractoInvalido, match="mal formado"):
        leer_extracto(_escribir(tmp_path, "c.xml", camt053(LINEAS)[:900]), "ES")


def test_csv_de_bancolombia_en_pesos(tmp_path: Path) -> None:
    lineas = [Linea(D5, 119_000_000, "TRANSFERENCIA DE CLIENTE UNO SAS NIT 900123456", "FV-102"), Linea(D6, -1_500_000, "CUOTA DE MANEJO")]
    extracto = leer_extracto(_escribir(tmp_path, "bancolombia.csv", csv_bancolombia(lineas)), "CO", "COP")
    assert extracto.formato == "CSV" and extracto.avisos == ()
    assert _resumen(extracto) == [(D5, 119_000_000, "COP"), (D6, -1_500_000, "COP")]
    assert [m.linea for m in extracto.movimientos] == [6, 7]
    assert extracto.movimientos[0].texto == "TRANSFERENCIA DE CLIENTE UNO SAS NIT 900123456"


def test_csv_de_bbva_en_euros_y_al_reves(tmp_path: Path) -> None:
    extracto = leer_extracto(_escribir(tmp_path, "bbva.csv", csv_bbva(LINEAS)), "ES")
    assert sorted(_resumen(extracto)) == [(D5, 121_000, "EUR"), (D6, -5_000, "EUR"), (D7, 58_000, "EUR")]
    assert extracto.movimientos[-1].texto == "TRANSF CLIENTE UNO SL PAGO FRA FV-102 / FV-102"


def test_xlsx_de_banorte_con_abono_y_cargo(tmp_path: Path) -> None:
    ruta = tmp_path / "banorte.xlsx"
    escribir_libro(ruta, {"Movimientos": filas_banorte(LINEAS)})
    extracto = leer_extracto(ruta, "MX", "MXN")
    assert extracto.formato == "XLSX" and extracto.avisos == ()
    assert _resumen(extracto) == [(D5, 121_000, "MXN"), (D6, -5_000, "MXN"), (D7, 58_000, "MXN")]
    assert [m.linea for m in extracto.movimientos] == [5, 6, 7]


def test_csv_con_fecha_imposible_nombra_linea_y_columna(tmp_path: Path) -> None:
    contenido = csv_bancolombia(LINEAS).replace(b"06/11/2026", b"31/02/2026")
    with pytest.raises(ExtractoInvalido) as error:
        leer_extracto(_escribir(tmp_path, "b.csv", contenido), "CO", "COP")
    assert error.value.linea == 7 and "«FECHA» dice «31/02/2026»" in str(error.value)


def test_columnas_desconocidas_dicen_que_fila_agregar(tmp_path: Path) -> None:
    contenido = "Día;Detalle;Monto neto\n05/11/2026;Pago;1.000,00\n".encode()
    with pytest.raises(ExtractoInvalido) as error:
        leer_extracto(_escribir(tmp_path, "raro.csv", contenido), "ES")
    assert "«Extracto Importe» = «Monto neto»" in str(error.value) and "Configuración" in str(error.value)
    extracto = leer_extracto(tmp_path / "raro.csv", "ES", "EUR", mapeo=[("importe", "Monto neto")])
    assert _resumen(extracto) == [(D5, 100_000, "EUR")]


def test_varios_archivos_todo_o_nada(tmp_path: Path) -> None:
    bueno = _escribir(tmp_path, "a.n43", norma43(LINEAS))
    malo = _escribir(tmp_path, "b.n43", norma43(LINEAS)[:200])
    assert len(leer_extractos([bueno, bueno], "ES")) == 2
    with pytest.raises(ExtractoInvalido, match="b.n43"):
        leer_extractos([bueno, malo], "ES")


def test_la_misma_linea_en_dos_exportaciones_tiene_la_misma_clave(tmp_path: Path) -> None:
    semana1 = leer_extracto(_escribir(tmp_path, "s1.n43", norma43(LINEAS[:2])), "ES")
    semana2 = leer_extracto(_escribir(tmp_path, "s2.n43", norma43(LINEAS[1:])), "ES")
    assert semana1.movimientos[1].clave == semana2.movimientos[0].clave
    dobles = leer_extracto(_escribir(tmp_path, "d.n43", norma43([LINEAS[0], LINEAS[0]])), "ES")
    assert dobles.movimientos[0].clave != dobles.movimientos[1].clave
    assert dobles.movimientos[1].clave == clave(dobles.movimientos[1], 2)


def test_formato_por_contenido() -> None:
    assert [formato_de(x) for x in (norma43(LINEAS), ofx(LINEAS), camt053(LINEAS), csv_bbva(LINEAS), b"PK\x03\x04")] \
        == ["Norma 43", "OFX", "camt.053", "CSV", "XLSX"]


def test_configuracion_lee_extracto_y_abonos_parciales(tmp_path: Path) -> None:
    hojas = libro_minimo_valido()
    hojas["Configuración"] += [["Registrar abonos parciales", "sí"], ["Extracto Importe", "Monto neto"],
                               ["Extracto F. valor", "Fecha de valor"], ["Extracto Sabor", "x"]]
    cartera = leer(escribir_libro(tmp_path / "libro.xlsx", hojas))
    assert cartera.configuracion.registrar_abonos_parciales is True
    assert cartera.configuracion.mapeo_extracto == (("importe", "Monto neto"), ("fecha_valor", "Fecha de valor"))
    assert cartera.configuracion.mapeo_columnas == ()
    assert any("Fila «Extracto …» no reconocida" in r.motivo for r in cartera.rechazos)


def test_ofx_conserva_el_dia_que_escribio_el_banco(tmp_path: Path) -> None:
    contenido = ofx(LINEAS).replace(b"<DTPOSTED>20261105120000", b"<DTPOSTED>20261105200000[-5:EST]")
    extracto = leer_extracto(_escribir(tmp_path, "tarde.ofx", contenido), "MX")
    assert extracto.movimientos[0].fecha == D5


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), st.integers(-5, 5).filter(bool), st.sampled_from(["A", "B", "a "])),
                max_size=12))
def test_las_claves_de_un_archivo_son_unicas_y_estables(lineas) -> None:
    movimientos = [MovimientoBancario(dt.date(2026, 11, d), None, c, "EUR", t, "", "ES1", "f.n43", i)
                   for i, (d, c, t) in enumerate(lineas, start=1)]
    claves = [m.clave for m in con_claves(movimientos)]
    distintas = {(m.fecha, m.importe, m.texto.strip().casefold()) for m in movimientos}
    assert len(set(claves)) == len(claves) and len(claves) == len(movimientos) >= len(distintas)
    otra_vez = [m.clave for m in con_claves([m._replace(archivo="g.n43", linea=m.linea + 7) for m in movimientos])]
    assert otra_vez == claves
