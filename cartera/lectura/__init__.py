"""Reading (core): the rows of each sheet → validated DataFrames and rechazos.

Holds the one schema of the workbook (``esquema``: sheets, fields, header
aliases, owned columns, used by reading *and* writing), the parsers of values
typed as text (``textos``), the vectorised cell conversion (``conversion``),
locating a header and its columns (``tabla``), data problems (``problemas``)
and one validator per sheet.  Pure: it takes what python-calamine returned
and never opens a file.

May import: the root contract (``modelo``, ``vocabulario``, ``decisiones``,
``politica``, ``dinero``, ``errores``, ``formato``, ``paises``).  Nothing else of cartera.
"""
