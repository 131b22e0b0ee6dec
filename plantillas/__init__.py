"""Plantillas de mensajes (Jinja2).  El paquete solo existe para instalarlas junto al código."""
