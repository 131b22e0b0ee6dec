"""The report's renderer (shell): an ``informe`` → .xlsx with xlsxwriter.

The only place colours and number formats live (``apariencia``); large
sheets are streamed column by column (``filas``); widths and heights in
``medidas``; ``documento`` writes the workbook.

May import: ``informe``, the core below it and the root contract.  Never ``correo`` (a sibling).
"""
