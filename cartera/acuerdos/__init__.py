"""Payment agreements (core): acuerdos de pago and their cuotas, as of a date.

An owner writes an agreement as one row of the ``Acuerdos`` sheet; its
instalments are generated once (:mod:`reparto`) and kept in the ``Cuotas``
sheet, where the owner's later edits win.  :mod:`situacion` says, on a
date, how much of each instalment is paid, whether the agreement is in
force, broken, paid or cancelled, and adjusts the day's computation (the
covered facturas carry no late fee while it is in force); ``plan.cuotas``
turns that into the day's messages.  :mod:`abiertas` lists a client's open
instalments for other readers (the account statement).

Pure, like ``calculo``: no files, no clock.  May import ``calculo``,
``lectura`` and the root contract; ``plan``, ``mensajes`` and ``informe``
import it.
"""
