"""The owner's files (shell): read the workbook, write back, backups, journal, lock.

``apertura`` reads the workbook with python-calamine and validates it through
``lectura``; ``formulas`` finds formulas with no saved result; ``anotacion``
computes what goes back and ``escritura`` edits only those parts of the file
(through the generic ``paquete``), under the sheet and header names reading
found (``Cartera.origen``); ``filas_historial`` the Historial rows;
``resguardo`` the backups, the atomic replace both writers share, the
atomic write (temp file in the same folder, fsync, rename) every other file
cartera writes goes through, and the sweep of temp files a killed run left;
``diario`` is the journal; ``bloqueo`` the run lock (an OS lock held for the
whole run, through portalocker); ``disposicion`` the layout last read from each workbook;
``correo_remitente`` the one-cell edit of ``Correo remitente``;
``riesgos`` what openpyxl would damage; ``nuevo`` the empty workbook of
``cartera iniciar``; ``regional`` the evidence of country and currency
(the machine's locale, the cells' number formats).  An .xls or .ods is
read like an .xlsx and never written (``apertura.formato_de``).

May import: the core (``informe``, ``mensajes``, ``plan``, ``calculo``,
``lectura``), the root contract and ``libro.paquete``.
"""
