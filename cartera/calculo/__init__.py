"""Computation (core): every figure as of the fecha de corte.

Calendar and business days (``calendario``), payments applied (``saldos``),
late fees, ceilings and discounts (``recargos``), due dates, aging and the
stage reached (``antiguedad``), and the totals per currency and tramo, with the trend's
one merge of past and today's points (``totales``); each client's history of payment delays
(``atrasos``) and the expected collections of the coming weeks built on it (``pronostico``).
Pure and vectorised; money is int64 centavos.

May import: the root contract only.  Never ``lectura`` (a sibling).
"""
