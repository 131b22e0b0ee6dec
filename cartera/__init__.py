"""cartera: cobranza de cuentas por cobrar desde un libro de Excel."""

__version__ = "0.1.0"
