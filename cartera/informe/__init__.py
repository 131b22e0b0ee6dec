"""The aging report as data (core): sheets of rows of cells tagged with meaning.

``celdas`` (the cell vocabulary), ``resumen`` (the Resumen sheet), ``tablas``
(Clientes and Detalle, columnar), ``listas`` (the small sheets) and ``armado``
(the whole report).  No colours or number formats: ``excel`` renders them.

May import: ``plan``, ``calculo`` and the root contract.  Never ``mensajes`` (a sibling).
"""
