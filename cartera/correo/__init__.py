"""Mail (shell): one sender interface, two senders — Gmail over SMTP and .eml previews.

``despacho`` is the one dispatch loop (journal, daily limit, results) over a
``remitentes.Remitente``: ``remitentes.Gmail`` or ``remitentes.VistaPrevia``;
``gmail`` holds the SMTP connection, ``respuestas`` what each Gmail reply
means, ``clave`` the app password in the keyring, ``vista_previa`` the e-mail
built from a ``Mensaje`` and its ``.eml`` file.

May import: ``libro`` (the journal), the core and the root contract.  Never ``excel`` (a sibling).
"""
