"""The plan (core): who gets what today, given the history of what was sent.

Per-factura state (``estado``), the day's avisos, calls and escalations
(``agenda``), the Acción text (``acciones``), what was skipped and why
(``omisiones``), every Spanish text of those in one table (``frases``),
punctual payers (``puntuales``), the call list (``llamadas``) and the
order the avisos go out in (``urgencia``).  Pure.

May import: ``calculo`` and the root contract.
"""
