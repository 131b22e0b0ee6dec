"""Reading the user's workbook (cartera.libro.leer) from real .xlsx files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from libros import Formula, escribir_libro, libro_minimo_valido

from cartera import modelo, politica
from cartera.errores import LibroInvalido
from cartera.lectura.esquema import ENCABEZADOS_HISTORIAL
from cartera.libro import apertura as libro


def leer(tmp_path, hojas, nombre="libro.xlsx", **opciones):
    return libro.leer(escribir_libro(tmp_path / nombre, hojas, **opciones))


def fila(hojas, hoja, **valores):
    """A row for ``hoja`` built from header → value (missing headers blank)."""
    return [valores.get(h) for h in hojas[hoja][0]]


def motivos(cartera, hoja):
    return [(r.fila, r.columna, r.valor, r.motivo, r.grave) for r in cartera.rechazos if r.hoja == hoja]


# --- A clean workbook ---------------------------------------------------------------
def test_libro_minimo_esquemas(tmp_path):
    cartera = leer(tmp_path, libro_minimo_valido())
    assert cartera.rechazos == ()
    assert list(cartera.clientes.columns) == ["cliente", "nombre", "nit", "contacto", "correos", "cc", "telefono",
                                              "whatsapp", "trato", "no_contactar", "dias_credito", "fila"]
    assert list(cartera.facturas.columns) == ["factura", "cliente", "emision", "vencimiento", "total", "moneda",
                                              "estado", "promesa", "enlace", "archivo", "dias_credito", "fila"]
    assert list(cartera.pagos.columns) == ["fecha", "factura", "cliente", "monto", "metodo", "referencia", "fila"]
    f = cartera.facturas
    assert f["total"].dtype == "int64" and f["emision"].dtype == "datetime64[ns]" and f["fila"].dtype == "int64"
    assert f["total"].tolist() == [125000050, 48000000, 9999, 300000000]
    assert f["moneda"].tolist() == ["COP", "COP", "USD", "COP"]
    assert f["estado"].tolist() == ["Pendiente", "Pendiente", "Promesa", "Disputa"]
    assert f["fila"].tolist() == [2, 3, 4, 5]
    assert pd.isna(f["vencimiento"][1]) and f["promesa"][2] == pd.Timestamp(2026, 12, 10)
    c = cartera.clientes
    assert c["correos"][1] == ("jorge@espiga.co", "pagos@espiga.co") and c["cc"][1] == ("contador@espiga.co",)
    assert c["trato"].tolist() == ["usted", "tú", "usted"]
    assert c["no_contactar"].tolist() == [False, False, True]
    assert c["dias_credito"].dtype == "Int64" and pd.isna(c["dias_credito"][1]) and c["dias_credito"][2] == 45
    assert c["telefono"][0] == "6015551234"
    assert cartera.pagos["monto"].tolist() == [25000000, 10000000]
    assert cartera.configuracion.empresa == "Suministros Andinos"
    assert cartera.configuracion.fecha_corte == dt.date(2026, 11, 24)
    assert cartera.etapas == politica.ETAPAS_PREDETERMINADAS
    assert cartera.recargos == politica.RECARGOS_PREDETERMINADOS


def test_solo_hojas_requeridas(tmp_path):
    hojas = libro_minimo_valido()
    cartera = leer(tmp_path, {"Clientes": hojas["Clientes"], "Facturas": hojas["Facturas"]})
    assert cartera.configuracion == modelo.Configuracion()
    assert cartera.pagos.empty and list(cartera.pagos.columns)[0] == "fecha"
    assert cartera.historial == ()


def _desordenado():
    """The minimal workbook as a real user might keep it: aliases, accents, order, text values, blanks, a title."""
    limpio = libro_minimo_valido()
    clientes = [["Cartera de clientes 2026"], [],
                ["CORREO ELECTRÓNICO", "Código Cliente:", "Razón social", "Notas", "Contacto", "Tel", "WhatsApp", "Trato",
                 "no contactar", "Plazo", "CC"]]
    for c in limpio["Clientes"][1:]:
        clientes.append([c[3], f"  {c[0]} ", c[1], "nota", c[2], c[5], c[6], c[7].upper() if c[7] else c[7], c[8], c[9], c[4]])
    clientes.insert(5, [None] * 11)
    facturas = [["Vence", "Nro. Factura", "IMPORTE", "Fecha de emisión", "cliente", "Divisa", "ESTADO", "Promesa",
                 "Link de pago", "PDF", "Saldo (calculado)"]]
    textos = {1250000.5: "$ 1.250.000,50", 480000: "480.000", 99.99: "99,99", 3000000: "COP 3.000.000"}
    def fecha(d):
        return d.strftime("%d/%m/%Y") if d else None

    for f in limpio["Facturas"][1:]:
        facturas.append([fecha(f[3]), f[0], textos[f[4]], fecha(f[2]), f[1], f[5], (f[6] or "").lower(), f[7], f[8], f[9], 12])
    pagos = [["Monto pagado", "Fecha de pago", "Nº Factura", "Código cliente", "Forma de pago", "Ref"]]
    for p in limpio["Pagos"][1:]:
        pagos.append([p[3], p[0].isoformat(), p[1], p[2], p[4], p[5]])
    return {"clientes ": clientes, "FACTURAS": facturas, "pagos": pagos, "Configuracion": limpio["Configuración"]}


def test_libro_desordenado_da_lo_mismo(tmp_path):
    limpio = leer(tmp_path, libro_minimo_valido(), "limpio.xlsx")
    sucio = leer(tmp_path, _desordenado(), "sucio.xlsx")
    assert sucio.rechazos == ()
    def columnas(df):
        return df.drop(columns="fila").reset_index(drop=True)

    pd.testing.assert_frame_equal(columnas(sucio.clientes), columnas(limpio.clientes))
    pd.testing.assert_frame_equal(columnas(sucio.facturas), columnas(limpio.facturas))
    pd.testing.assert_frame_equal(columnas(sucio.pagos), columnas(limpio.pagos))
    assert sucio.clientes["fila"].tolist() == [4, 5, 7]
    assert sucio.extra["Clientes"] == ("Notas",)
    assert sucio.extra["Facturas"] == ("Saldo (calculado)",)


def test_tabla_que_no_empieza_en_a1(tmp_path):
    cartera = leer(tmp_path, libro_minimo_valido(), inicio=(2, 1))
    assert cartera.rechazos == ()
    assert cartera.facturas["fila"].tolist() == [4, 5, 6, 7]


def test_mejor_alias_gana_y_el_resto_queda_extra(tmp_path):
    hojas = libro_minimo_valido()
    hojas["Facturas"] = [["Saldo", "Factura", "Cliente", "Fecha", "Monto", "Total"],
                         [1, "F1", "C001", dt.date(2026, 1, 1), 2, 300]]
    cartera = leer(tmp_path, hojas)
    assert cartera.facturas["total"].tolist() == [30000]
    assert set(cartera.extra["Facturas"]) == {"Monto"}
    assert cartera.pagos["monto"].tolist()[-1] == 29900  # «Saldo» is the owner's balance: Total − Saldo was paid


def test_columna_calculada_nunca_se_lee(tmp_path):
    hojas = libro_minimo_valido()
    hojas["Facturas"] = [["Factura", "Cliente", "Emisión", "Saldo (calculado)"], ["F1", "C001", dt.date(2026, 1, 1), 5]]
    with pytest.raises(LibroInvalido, match="Total"):
        leer(tmp_path, hojas)


def test_mapeo_de_columnas_en_configuracion(tmp_path):
    hojas = libro_minimo_valido()
    hojas["Facturas"][0][0] = "Nro Doc"
    hojas["Pagos"][0][1] = "Doc pagado"
    hojas["Configuración"] += [["Columna Factura", "Nro Doc"], ["Columna Pagos.Factura", "Doc pagado"]]
    cartera = leer(tmp_path, hojas)
    assert cartera.rechazos == ()
    assert cartera.facturas["factura"].tolist()[0] == "F-1001"
    assert cartera.pagos["factura"].tolist() == ["F-1001", ""]
    assert ("", "factura", "Nro Doc") in cartera.configuracion.mapeo_columnas
    assert ("Pagos", "factura", "Doc pagado") in cartera.configuracion.mapeo_columnas


# --- Whole-file problems ------------------------------------------------------------
def test_archivo_que_no_existe(tmp_path):
    with pytest.raises(LibroInvalido, match="No se encuentra"):
        libro.leer(tmp_path / "no_hay.xlsx")


def test_archivo_protegido_con_contrasena(tmp_path):
    ruta = tmp_path / "protegido.xlsx"
    ruta.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00basura" * 100)
    with pytest.raises(LibroInvalido, match="contraseña") as error:
        libro.leer(ruta)
    assert "copia" in str(error.value)


def test_xls_danado(tmp_path):
    """An .xls is read now (tests/test_formatos_de_libro.py); a damaged one gets a clear message."""
    ruta = tmp_path / "viejo.xls"
    ruta.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 100 + "Workbook".encode("utf-16-le") + b"\x00\x00" + b"\x00" * 50)
    with pytest.raises(LibroInvalido, match="No se puede leer «viejo.xls»"):
        libro.leer(ruta)


def test_csv_renombrado(tmp_path):
    ruta = tmp_path / "cartera.xlsx"
    ruta.write_text("Factura;Cliente;Total\nF1;C1;100\n", encoding="utf-8")
    with pytest.raises(LibroInvalido, match="CSV") as error:
        libro.leer(ruta)
    assert "Guardar como" in str(error.value)


def test_zip_que_no_es_excel(tmp_path):
    import zipfile

    ruta = tmp_path / "otro.xlsx"
    with zipfile.ZipFile(ruta, "w") as paquete:
        paquete.writestr("hola.txt", "hola")
    with pytest.raises(LibroInvalido, match="no es un libro de Excel"):
        libro.leer(ruta)


def test_sin_hoja_de_clientes_los_clientes_salen_de_las_facturas(tmp_path):
    hojas = libro_minimo_valido()
    del hojas["Clientes"]
    cartera = leer(tmp_path, hojas)
    assert set(cartera.clientes["cliente"]) == set(cartera.facturas["cliente"])
    assert "filas de facturas" in cartera.interpretacion.clave_clientes


def test_sin_hoja_de_facturas_dice_que_busco(tmp_path):
    hojas = libro_minimo_valido()
    del hojas["Facturas"]
    hojas["Notas"] = [["Apuntes"], ["nada"]]
    hojas["Resumen"] = [["Mes", "Ventas"], ["enero", 3]]
    with pytest.raises(LibroInvalido, match="No encontré la hoja de facturas") as error:
        leer(tmp_path, hojas)
    assert "«Notas», «Resumen»" in str(error.value) and "Hoja Facturas" in str(error.value)


def test_falta_columna_dice_que_hacer(tmp_path):
    hojas = libro_minimo_valido()
    hojas["Facturas"] = [["Factura", "Cliente", "Fecha", "Vence"], ["F1", "C001", dt.date(2026, 1, 1), None]]
    with pytest.raises(LibroInvalido) as error:
        leer(tmp_path, hojas)
    mensaje = str(error.value)
    assert "hoja «Facturas» falta la columna «Total»" in mensaje
    assert "Factura, Cliente, Fecha, Vence" in mensaje
    assert "Monto, Importe, Valor" in mensaje
    assert "Columna Total" in mensaje


# --- Formulas ------------------------------------------------------------------------
def test_formula_con_resultado_guardado(tmp_path):
    hojas = libro_minimo_valido()
    hojas["Facturas"][1][4] = Formula("=1000000+250000.5", 1250000.5)
    cartera = leer(tmp_path, hojas)
    assert cartera.facturas["total"][0] == 125000050 and cartera.rechazos == ()


def test_formula_sin_resultado_guardado(tmp_path):
    hojas = libro_minimo_valido()
    hojas["Facturas"][1][4] = Formula("=1000000+250000.5")
    cartera = leer(tmp_path, hojas)
    [rechazo] = motivos(cartera, "Facturas")
    assert rechazo[:3] == (2, "Total", "")
    assert "fórmula sin resultado guardado" in rechazo[3] and "guárdelo" in rechazo[3]
    assert "F-1001" not in cartera.facturas["factura"].tolist()


def test_formula_con_error(tmp_path):
    hojas = libro_minimo_valido()
    hojas["Facturas"][1][4] = Formula("=1/0", "#DIV/0!")
    [rechazo] = motivos(leer(tmp_path, hojas), "Facturas")
    assert "#DIV/0!" in rechazo[3]


# --- Row rejections -----------------------------------------------------------------
def _con_facturas(*filas):
    hojas = libro_minimo_valido()
    hojas["Facturas"] = hojas["Facturas"][:1] + [fila(hojas, "Facturas", **f) for f in filas]
    del hojas["Pagos"]
    return hojas


BUENA = {"Factura": "F9", "Cliente": "C001", "Emisión": dt.date(2026, 1, 1), "Total": 100}


@pytest.mark.parametrize(
    ("cambio", "columna", "valor", "palabra"),
    [
        ({"Factura": None}, "Factura", "", "Falta el número"),
        ({"Cliente": "C999"}, "Cliente", "C999", "no está en la hoja Clientes"),
        ({"Cliente": None}, "Cliente", "", "Falta el cliente"),
        ({"Emisión": None}, "Emisión", "", "Falta la fecha de emisión"),
        ({"Emisión": "31/02/2026"}, "Emisión", "31/02/2026", "no existe"),
        ({"Emisión": 5.0}, "Emisión", "5", "número donde va una fecha"),
        ({"Total": 0}, "Total", "0", "mayor que cero"),
        ({"Total": 0}, "Total", "0", "mayor que cero"),
        ({"Total": None}, "Total", "", "Falta el total"),
        ({"Total": "abc"}, "Total", "abc", "No es un monto"),
        ({"Total": "1,250"}, "Total", "1,250", "ambiguo"),
        ({"Vencimiento": dt.date(2025, 12, 1)}, "Vencimiento", "2025-12-01", "anterior a la emisión"),
        ({"Moneda": "Pesos"}, "Moneda", "Pesos", "tres letras"),
        ({"Promesa de pago": "pronto"}, "Promesa de pago", "pronto", "fecha"),
    ],
)
def test_factura_rechazada(tmp_path, cambio, columna, valor, palabra):
    cartera = leer(tmp_path, _con_facturas({**BUENA, "Factura": "F1"}, {**BUENA, **cambio}))
    assert cartera.facturas["factura"].tolist() == ["F1"]
    [(fila_, columna_, valor_, motivo, grave)] = motivos(cartera, "Facturas")
    assert (fila_, columna_, valor_, grave) == (3, columna, valor, True)
    assert palabra in motivo


def test_factura_valida_en_texto_y_serial(tmp_path):
    serial = (dt.date(2026, 1, 1) - dt.date(1899, 12, 30)).days
    cartera = leer(tmp_path, _con_facturas(
        {**BUENA, "Emisión": float(serial), "Total": "$ 1.250,50", "Estado": "PLAN DE PAGOS", "Moneda": "usd"},
        {**BUENA, "Factura": 1050.0, "Estado": "incobrable", "Vencimiento": "2026-02-01"}))
    assert cartera.rechazos == ()
    assert cartera.facturas["emision"][0] == pd.Timestamp(2026, 1, 1)
    assert cartera.facturas["total"].tolist() == [125050, 10000]
    assert cartera.facturas["estado"].tolist() == ["Plan de pagos", "Incobrable"]
    assert cartera.facturas["moneda"].tolist() == ["USD", "COP"]
    assert cartera.facturas["factura"].tolist() == ["F9", "1050"]


def test_factura_duplicada_rechaza_todas(tmp_path):
    cartera = leer(tmp_path, _con_facturas(BUENA, {**BUENA, "Factura": "F2"}, {**BUENA, "Factura": " F9 "}))
    assert cartera.facturas["factura"].tolist() == ["F2"]
    rechazos = motivos(cartera, "Facturas")
    assert [r[0] for r in rechazos] == [2, 4]
    assert "fila 4" in rechazos[0][3] and "fila 2" in rechazos[1][3]


def test_cliente_duplicado_y_sus_facturas(tmp_path):
    hojas = _con_facturas(BUENA)
    hojas["Clientes"].append(fila(hojas, "Clientes", Cliente="C001", Nombre="Otro"))
    cartera = leer(tmp_path, hojas)
    assert "C001" not in cartera.clientes["cliente"].tolist()
    assert [r[0] for r in motivos(cartera, "Clientes")] == [2, 5]
    [factura] = motivos(cartera, "Facturas")
    assert "rechazado en la hoja Clientes" in factura[3] and "2 y 5" in factura[3]


def test_filas_vacias_se_ignoran(tmp_path):
    hojas = _con_facturas(BUENA)
    hojas["Facturas"][1:1] = [[None] * 10, ["  ", None, ""]]
    cartera = leer(tmp_path, hojas)
    assert cartera.rechazos == () and cartera.facturas["fila"].tolist() == [4]


# --- Clientes --------------------------------------------------------------------------
def test_correos_invalidos_se_omiten_sin_rechazar(tmp_path):
    hojas = libro_minimo_valido()
    hojas["Clientes"][1][3] = "buena@x.co, mala@, otra buena@x.co; bien@y.com"
    hojas["Clientes"][2][3] = "jorge@espiga.co\nBcc: todos@x.co"
    cartera = leer(tmp_path, hojas)
    assert cartera.clientes["correos"][0] == ("buena@x.co", "bien@y.com")
    assert cartera.clientes["correos"][1] == ()
    avisos = motivos(cartera, "Clientes")
    assert all(not a[4] and a[1] == "Correo" for a in avisos)
    assert len(avisos) == 3 and "mala@" in avisos[0][3] and "salto de línea" in avisos[2][3]


@pytest.mark.parametrize(("valor", "esperado"), [("sí", True), ("SI", True), ("x", True), (1, True), (True, True),
                                                ("Verdadero", True), ("yes", True), ("no", False), (None, False), (0, False)])
def test_no_contactar(tmp_path, valor, esperado):
    hojas = libro_minimo_valido()
    hojas["Clientes"][1][8] = valor
    cartera = leer(tmp_path, hojas)
    assert cartera.clientes["no_contactar"][0] is esperado or cartera.clientes["no_contactar"][0] == esperado
    assert motivos(cartera, "Clientes") == []


def test_trato_y_dias_de_credito(tmp_path):
    hojas = libro_minimo_valido()
    hojas["Clientes"][1][7] = "vos"
    hojas["Clientes"][2][9] = "30 días"
    hojas["Clientes"][3][9] = -5
    cartera = leer(tmp_path, hojas)
    assert cartera.clientes["trato"][0] == "usted"
    assert cartera.clientes["dias_credito"][1] == 30
    avisos = motivos(cartera, "Clientes")
    assert avisos[0][1:3] == ("Trato", "vos") and avisos[0][4] is False
    assert avisos[1][:2] == (4, "Días de crédito") and avisos[1][4] is True
    assert "C003" not in cartera.clientes["cliente"].tolist()


# --- Pagos ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cambio", "columna", "palabra"),
    [
        ({"Monto": 0}, "Monto", "distinto de cero"),
        ({"Fecha": None}, "Fecha", "Falta la fecha"),
        ({"Factura": "F-9999", "Cliente": None}, "Factura", "no está en la hoja Facturas"),
        ({"Factura": None, "Cliente": None}, "Factura", "Falta la factura o el cliente"),
        ({"Factura": None, "Cliente": "C999"}, "Cliente", "no está en la hoja Clientes"),
        ({"Cliente": "C002"}, "Cliente", "es del cliente «C001»"),
    ],
)
def test_pago_rechazado(tmp_path, cambio, columna, palabra):
    hojas = libro_minimo_valido()
    base = {"Fecha": dt.date(2026, 10, 5), "Factura": "F-1001", "Cliente": "C001", "Monto": 100}
    hojas["Pagos"] = hojas["Pagos"][:1] + [fila(hojas, "Pagos", **base), fila(hojas, "Pagos", **{**base, **cambio})]
    cartera = leer(tmp_path, hojas)
    assert len(cartera.pagos) == 1
    [(fila_, columna_, _, motivo, _)] = motivos(cartera, "Pagos")
    assert (fila_, columna_) == (3, columna) and palabra in motivo


def test_pago_a_una_factura_desconocida_de_un_cliente_conocido_va_al_cliente(tmp_path):
    hojas = libro_minimo_valido()
    base = {"Fecha": dt.date(2026, 10, 5), "Factura": "F-9999", "Cliente": "C001", "Monto": 100}
    hojas["Pagos"] = hojas["Pagos"][:1] + [fila(hojas, "Pagos", **base), fila(hojas, "Pagos", **{**base, "Monto": -40})]
    cartera = leer(tmp_path, hojas)
    assert cartera.pagos[["factura", "cliente", "monto"]].values.tolist() == [["", "C001", 10000], ["", "C001", -4000]]
    avisos = motivos(cartera, "Pagos")
    assert all(not grave for *_, grave in avisos)
    assert any("se aplica al cliente «C001»" in m for *_, m, _ in avisos) and any("reverso" in m for *_, m, _ in avisos)


def test_pago_moneda_distinta(tmp_path):
    hojas = libro_minimo_valido()
    hojas["Pagos"][0].append("Moneda")
    hojas["Pagos"][1].append("USD")
    [(_, columna, valor, motivo, _)] = motivos(leer(tmp_path, hojas), "Pagos")
    assert (columna, valor) == ("Moneda", "USD") and "COP" in motivo


# --- Configuración, Etapas, Recargos, Historial --------------------------------------------
def test_configuracion_tipos_y_errores(tmp_path):
    hojas = libro_minimo_valido()
    hojas["Configuración"] = [["Parámetro", "Valor"], ["País", "es"], ["Días de gracia", "tres"], ["Tramos", "30; 60; 90; 120"],
                              ["Recargo máximo", 0.2], ["Descuento pronto pago", "2,5 %"], ["Compensación por factura", "40,00 €"],
                              ["Modo", "envío"], ["Días de gracia hábiles", "sí"], ["Color favorito", "azul"],
                              ["Saldo mínimo para recordar", "1.000"], ["Seguridad SMTP", "starttls"]]
    cartera = leer(tmp_path, hojas)
    conf = cartera.configuracion
    assert conf.pais == "ES" and conf.dias_gracia == 2 and conf.tramos == (30, 60, 90, 120)
    assert conf.recargo_maximo == Decimal(20) and conf.descuento_pronto_pago == Decimal("2.5")
    assert conf.compensacion == 4000 and conf.saldo_minimo == 100000 and conf.envio and conf.gracia_habiles
    assert conf.seguridad_smtp == "STARTTLS"
    avisos = motivos(cartera, "Configuración")
    assert [(a[0], a[1], a[4]) for a in avisos] == [(3, "Valor", True), (10, "Parámetro", False)]


def test_etapas_y_recargos(tmp_path):
    hojas = libro_minimo_valido()
    hojas["Etapas"] = [["Etapa", "Días", "Desde", "Canal", "Plantilla"],
                       ["Primer aviso", 5, "Vencimiento", "correo", None],
                       ["Llamar", "15", "vencimiento", "correo + llamada", "llamar"],
                       ["Jurídico", 60, "", "escalar", None],
                       ["Raro", 3, "mañana", "paloma", None]]
    hojas["Recargos"] = [["Desde (días)", "Tipo", "Valor"], [1, "porcentaje", 0.05], [31, "Porcentaje", "10 %"],
                         [61, "fijo", "$ 20.000"], [90, "interés anual", 25], [90, "fijo", 1]]
    cartera = leer(tmp_path, hojas)
    assert cartera.etapas == (
        modelo.Etapa("Primer aviso", 5, "vencimiento", frozenset({"correo"}), "primer_aviso"),
        modelo.Etapa("Llamar", 15, "vencimiento", frozenset({"correo", "llamada"}), "llamar"),
        modelo.Etapa("Jurídico", 60, "vencimiento", frozenset({"escalar"}), None),
    )
    assert [(r[0], r[1]) for r in motivos(cartera, "Etapas")] == [(5, "Desde"), (5, "Canal")]
    assert cartera.recargos == (
        modelo.TramoRecargo(1, "porcentaje", Decimal(5)),
        modelo.TramoRecargo(31, "porcentaje", Decimal(10)),
        modelo.TramoRecargo(61, "fijo", Decimal(20000)),
    )
    assert [r[0] for r in motivos(cartera, "Recargos")] == [5, 6]


def test_historial(tmp_path):
    hojas = libro_minimo_valido()
    fecha = dt.datetime(2026, 11, 20, 9, 30)
    hojas["Historial"] = [list(ENCABEZADOS_HISTORIAL),
                          [fecha, "C001", "F-1001", "Primer aviso", "correo", "a@x.co", "Asunto", "enviado", "", "<1@x>"],
                          [fecha, "C002", "F-1002, F-1003", "Segundo aviso", "correo", "", "", "Incierto", "", ""],
                          [fecha, "C002", "F-1002", "Tercer aviso", "correo", "", "", "vista previa", "", ""],
                          [fecha, "C002", "F-1002", "Tercer aviso", "correo", "", "", "pendiente", "", ""]]
    cartera = leer(tmp_path, hojas)
    dia = dt.date(2026, 11, 20)
    assert cartera.historial == (
        modelo.Envio(dia, "F-1001", "Primer aviso", "enviado", "<1@x>"),
        modelo.Envio(dia, "F-1002", "Segundo aviso", "incierto"),
        modelo.Envio(dia, "F-1003", "Segundo aviso", "incierto"),
        modelo.Envio(dia, "F-1002", "Tercer aviso", "vista previa"),
    )
    assert [(r[0], r[4]) for r in motivos(cartera, "Historial")] == [(5, False)]
