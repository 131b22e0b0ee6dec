"""Core: bank statements as data, and which open invoices their credits pay (issue 16, «pagos desde el extracto»).

Pure: every function takes what was read (bytes of a file, or rows of cells that the shell decoded from a
CSV or an XLSX export) and returns records; nothing here opens a file, reads the clock or logs.

- ``movimientos``: the records (``MovimientoBancario``, ``Extracto``), the line key that keeps a bank line
  from being registered twice, and the balance check.
- ``norma43``, ``ofx``, ``camt``: Spain's Norma 43 / Cuaderno 43 (csb43), OFX (ofxtools), ISO 20022
  camt.053 (defusedxml).  ``planillas``: the CSV / XLSX exports banks give, columns found by their names.
- ``numeros``: invoice numbers found in a bank line's free text; ``cotejo``: the matching (seguro,
  sugerido, sin identificar).

May import the root contract, ``lectura`` (texts, conversions, header keys) and the statement libraries.
"""
