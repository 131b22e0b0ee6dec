"""The account statement's renderer (shell): an ``informe.estado_cuenta.EstadoCuenta`` → PDF with fpdf2.

``documento`` draws the page(s) with the DejaVu Sans Condensed font shipped in ``fuentes/`` (embedded,
subset, so «€», «ñ» and «—» print on any machine, Windows included: no system font is looked for) and
writes the file atomically (``libro.resguardo``).

May import: ``informe``, ``libro``, the core below them and the root contract.  Never ``correo`` or
``excel`` (siblings).
"""
