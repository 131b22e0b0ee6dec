"""The owner's layout, understood (core): which sheet is which, how clients are keyed, and the assembled Cartera.

Owners keep receivables their own way: one flat sheet with the client's
name, tax id and e-mail repeated on every invoice row, payments in the row,
no clients sheet, sheets called «Hoja 1».  This package turns the located
sheets (``lectura.tabla.Tabla``) into the one ``modelo.Cartera`` the rest of
cartera works on, and says how it read them (``modelo.Interpretacion``):
``hojas`` finds the sheets by their headers, ``deudores`` keys the clients
(tax id, code or name) and derives them from invoice rows when there is no
clients sheet, ``ensamblado`` validates and assembles (payments in the row and
credit notes become payments), ``interpretacion`` writes «Así leí su libro».

Pure.  May import: ``lectura`` and the root contract.
"""
