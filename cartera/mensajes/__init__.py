"""Messages (core): an aviso → subject, plain text and HTML, from Jinja2 templates.

``contexto`` turns workbook rows into the plain data the templates see;
``redaccion`` renders them in a sandboxed, autoescaped environment.

May import: ``plan``, ``calculo`` and the root contract.  Never ``informe`` (a sibling).
"""
