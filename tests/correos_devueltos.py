"""Real-shaped messages that come back to the owner's Gmail, written for the tests (no real mail copied).

Each function returns the bytes a server would hold: a Gmail delivery-status notification
(``multipart/report``, ``Status: 5.1.1``, the original attached), an old plain-text Gmail bounce with
``X-Failed-Recipients``, a ``4.4.7`` delay, a human reply in Spanish quoting our text, an
out-of-office auto-reply, and an unrelated newsletter.
"""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime

DUENO = "cobros@example.com"


def _fecha(momento: dt.datetime | None) -> str:
    return format_datetime(momento or dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))))


def _crlf(texto: str) -> bytes:
    return texto.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def dsn_gmail(original: bytes, destinatario: str, *, momento: dt.datetime | None = None, n: int = 1) -> bytes:
    """Gmail's «Delivery Status Notification (Failure)»: 550 5.1.1, the original message attached."""
    return _crlf(f"""Delivered-To: {DUENO}
Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: {DUENO}
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
Date: {_fecha(momento)}
Message-ID: <dsn-{n}.falla@mx.google.com>
X-Failed-Recipients: {destinatario}
MIME-Version: 1.0
Content-Type: multipart/report; boundary="00000000000034a6e2"; report-type=delivery-status

--00000000000034a6e2
Content-Type: text/plain; charset="UTF-8"

** Address not found **

Your message wasn't delivered to {destinatario} because the address couldn't be found, or is unable to receive mail.

The response from the remote server was:
550 5.1.1 The email account that you tried to reach does not exist.

--00000000000034a6e2
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; {DUENO}
Arrival-Date: {_fecha(momento)}

Final-Recipient: rfc822; {destinatario}
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.net. (192.0.2.10, the server for the domain.)
Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist.
Last-Attempt-Date: {_fecha(momento)}

--00000000000034a6e2
Content-Type: message/rfc822

""") + original.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") + _crlf("""
--00000000000034a6e2--
""")


def rebote_antiguo(message_id: str, destinatario: str, asunto: str, *, momento: dt.datetime | None = None) -> bytes:
    """The old plain-text Gmail bounce: ``X-Failed-Recipients`` and the original's headers quoted in the text."""
    return _crlf(f"""Delivered-To: {DUENO}
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: {DUENO}
X-Failed-Recipients: {destinatario}
Subject: Delivery Status Notification (Failure)
Date: {_fecha(momento)}
Message-ID: <antiguo-1.falla@mail.gmail.com>
Content-Type: text/plain; charset=ISO-8859-1

Delivery to the following recipient failed permanently:

     {destinatario}

Technical details of permanent failure:
Google tried to deliver your message, but it was rejected by the server for the recipient domain example.org by mx.example.org. [192.0.2.20].

The error that the other server returned was:
550 5.1.1 <{destinatario}>: Recipient address rejected: User unknown in virtual mailbox table

----- Original message -----

From: {DUENO}
To: {destinatario}
Subject: {asunto}
Message-ID: {message_id}
Date: {_fecha(momento)}

Estimado cliente: le recordamos el saldo pendiente.
""")


def retraso(original: bytes, destinatario: str, *, momento: dt.datetime | None = None) -> bytes:
    """Gmail's «Delivery Status Notification (Delay)»: Action delayed, Status 4.4.7."""
    return _crlf(f"""From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: {DUENO}
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Delay)
Date: {_fecha(momento)}
Message-ID: <retraso-1@mx.google.com>
MIME-Version: 1.0
Content-Type: multipart/report; boundary="limite-retraso"; report-type=delivery-status

--limite-retraso
Content-Type: text/plain; charset="UTF-8"

** Message not delivered yet **

There was a temporary problem delivering your message to {destinatario}. Gmail will retry for 46 more hours.
You'll be notified if the delivery fails permanently.

--limite-retraso
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com

Final-Recipient: rfc822; {destinatario}
Action: delayed
Status: 4.4.7
Diagnostic-Code: smtp; 421 4.4.7 Try again later
Will-Retry-Until: Fri, 27 Nov 2026 10:30:00 -0800

--limite-retraso
Content-Type: text/rfc822-headers

""") + original.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0].replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") + _crlf("""

--limite-retraso--
""")


def respuesta(message_id: str, de: str, asunto: str, *, cuerpo: str | None = None, momento: dt.datetime | None = None,
              n: int = 1, cc: str = "") -> bytes:
    """A person's reply in Spanish (Gmail's shape: text and HTML), quoting our message below «El … escribió:»."""
    texto = cuerpo or ("Buenas tardes,\n\nYa realizamos la transferencia el viernes; le adjunto el soporte.\n"
                       "Por favor confirme el recibo.\n\nSaludos,\nMaría")
    cita = (f"El mar, 24 nov 2026 a las 9:00, Cobros <{DUENO}> escribió:\n"
            "> Estimado cliente: le recordamos que la factura venció el 20/11/2026.\n> Saldo pendiente: $ 1.250.000")
    html = texto.replace("\n", "<br>")
    return _crlf(f"""From: {de}
To: Cobros <{DUENO}>
{f"Cc: {cc}" + chr(10) if cc else ""}Subject: RE: {asunto}
Date: {_fecha(momento)}
Message-ID: <CAH{n}respuesta@mail.gmail.com>
In-Reply-To: {message_id}
References: {message_id}
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="alt-{n}"

--alt-{n}
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: 8bit

{texto}

{cita}

--alt-{n}
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: 8bit

<div dir="ltr">{html}</div><div class="gmail_quote"><blockquote>Estimado cliente</blockquote></div>

--alt-{n}--
""")


def fuera_de_oficina(message_id: str, de: str, asunto: str, *, momento: dt.datetime | None = None) -> bytes:
    """An Outlook-style out-of-office answer to our message."""
    return _crlf(f"""From: {de}
To: {DUENO}
Subject: Respuesta automática: {asunto}
Date: {_fecha(momento)}
Message-ID: <fuera-1@outlook.example.com>
In-Reply-To: {message_id}
References: {message_id}
Auto-Submitted: auto-replied
X-Auto-Response-Suppress: All
Content-Type: text/plain; charset="utf-8"

Estoy fuera de la oficina hasta el 1 de diciembre, con acceso limitado al correo.
""")


def no_relacionado(*, momento: dt.datetime | None = None) -> bytes:
    """A newsletter: nothing to do with our messages."""
    return _crlf(f"""From: Boletín de Proveedores <boletin@proveedores.example>
To: {DUENO}
Subject: Novedades de noviembre
Date: {_fecha(momento)}
Message-ID: <boletin-2026-11@proveedores.example>
Precedence: bulk
List-Unsubscribe: <mailto:baja@proveedores.example>
Content-Type: text/plain; charset="utf-8"

Conozca nuestras ofertas de fin de año.
""")
