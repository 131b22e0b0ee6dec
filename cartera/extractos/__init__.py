"""Shell: bank statement files on disk → ``conciliacion.Extracto`` records (issue 16).

Reads bytes, decodes CSV (the csv module) and XLSX / XLS / ODS exports (python-calamine, through
``libro.apertura``'s checks), tells the format by content, and hands everything else to the core package
``conciliacion``.  May import ``libro`` and below; imported by ``comandos``.
"""
