"""The plan (core): who gets what today, given the history of what was sent.

Per-factura state (``estado``), the day's avisos, calls and escalations
(``agenda``), the Acción text (``acciones``), what was skipped and why
(``omisiones``), punctual payers (``puntuales``) and the call list
(``llamadas``).  Pure.

May import: ``calculo`` and the root contract.
"""
