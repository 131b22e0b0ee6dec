"""A generic SpreadsheetML package editor: an .xlsx edited part by part, as text.

Streams a worksheet in chunks of whole rows, splices cells in by column
order, adds cell formats to ``styles.xml`` and parts to the package — without
a spreadsheet library and without knowing anything of cartera's domain.

May import: nothing of cartera (it raises its own ``PaqueteInvalido``).
"""


class PaqueteInvalido(Exception):
    """The package or one of its parts is not what SpreadsheetML says it should be.

    The message is Spanish and fit for the owner; the caller (``cartera.libro``)
    re-raises it as its own error.
    """
