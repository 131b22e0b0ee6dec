"""Messages (core): an aviso → subject, plain text and HTML, from Jinja2 templates.

``indice`` indexes what composing reads from the run, once per run;
``contexto`` turns those rows into the plain data the templates see;
``redaccion`` renders them in a sandboxed, autoescaped environment whose
extra loaders (the owner's ``plantillas/`` folder) the shell passes in;
``limites`` caps what a template may produce and ``diagnostico`` turns any
template error into a Spanish reason with its file and line.

May import: ``plan``, ``calculo`` and the root contract.  Never ``informe`` (a sibling).
"""
