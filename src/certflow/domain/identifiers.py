"""What a direct identifier looks like in free text: a NIK, an e-mail address, a phone number.

Events hold no direct identifiers (R58); the application refuses free text holding one at the
boundary (:mod:`certflow.application.free_text`), and a rule may refuse it again at decision
time. Both ask :func:`identifier_in`, so there is one definition of what is refused.
"""

from __future__ import annotations

import re

from certflow.engine import Text

__all__ = ["identifier_in"]

_NIK = re.compile(r"(?<!\d)(?:\d[ .\-]?){15}\d(?!\d)")
"""16 digits, also written in groups (``3201 0123 4567 8901``)."""
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]{2,}")
_PHONE = re.compile(r"(?<!\d)(?:\+62|62|0)[ .\-]?8\d(?:[ .\-]?\d){6,10}(?!\d)")
"""An Indonesian mobile number: ``08…``, ``+62 8…``, ``628…``."""
_IDENTIFIERS = (
    (_NIK, Text("NIK", "a NIK")),
    (_EMAIL, Text("alamat e-mail", "an e-mail address")),
    (_PHONE, Text("nomor telepon", "a phone number")),
)


def identifier_in(text: str) -> Text | None:
    """What kind of direct identifier ``text`` seems to hold ("a NIK"...), or ``None``."""
    for pattern, what in _IDENTIFIERS:
        if pattern.search(text):
            return what
    return None
