"""Free text that goes into an event: checked once, at the boundary, for what it must not hold.

Reasons, findings, grounds, a breach's nature, an adjustment's arrangement: prose a person
types, stored for good in the append-only log. Events hold no direct identifiers (R58; UU PDP),
so before any is recorded :func:`free_text` refuses text that looks like one: a NIK (16 digits,
also written in groups), an e-mail address, an Indonesian phone number. It also refuses control,
zero-width and bidirectional-override characters and text over a length limit (what is stored
is what the person saw, and bounded). A name cannot be told from other words; the sentence of
each refusal says to describe without naming people.
"""

from __future__ import annotations

from certflow.application.documents import printable
from certflow.domain.identifiers import identifier_in
from certflow.engine import InvalidInputError, Text

__all__ = ["MAX_FREE_TEXT", "free_text"]

MAX_FREE_TEXT = 2000
"""The most characters a free-text field of an event may hold."""


def free_text(value: str, field: str, *, rule_id: str = "R58", limit: int = MAX_FREE_TEXT) -> str:
    """``value`` trimmed, in NFC, if it may be recorded; else a refusal naming ``field``.

    Raises:
        InvalidInputError: a control or invisible character, over ``limit`` characters, or
            something that looks like a NIK, an e-mail address or a phone number (``rule_id``,
            R58 by default: events hold no direct identifiers).
    """
    try:
        text = printable(value)
    except ValueError as error:
        raise InvalidInputError([f"{field}: {error}"], (rule_id,)) from None
    if len(text) > limit:
        raise InvalidInputError(
            [
                Text(
                    "{field}: {text_count} characters; at most {limit} (summarise, "
                    "attach a document)",
                    field=field,
                    text_count=len(text),
                    limit=limit,
                )
            ],
            (rule_id,),
        )
    what = identifier_in(text)
    if what is not None:
        raise InvalidInputError(
            [
                Text(
                    "{field} looks like it holds {what}; records keep no personal "
                    "data: describe without naming or identifying people (their data "
                    "stays in the subject store)",
                    field=field,
                    what=what,
                )
            ],
            (rule_id,),
        )
    return text
