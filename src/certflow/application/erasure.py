"""What an erasure left behind: physically gone, or pending until the store can let go (UU PDP).

Deleting a subject's row is immediate; making its bytes physically unreadable in the store's
files or pages can have to wait for another connection. An :class:`ErasureReport` says which,
and where bytes may remain, so that nobody reports an erasure as done while they do.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from uuid import UUID

from certflow.application.subjects import PersonalData
from certflow.engine import Text

__all__ = ["ErasureReport", "ErasureState", "erasure_needles", "unique"]


class ErasureState(Enum):
    """Whether an erased subject's bytes are physically gone from the store."""

    PHYSICAL = "physical"
    """Gone from every file or page certflow can reach (backups, replicas: see docs)."""
    PENDING = "pending"
    """Deleted for every reader, but old copies may remain until the erasure is finished."""


@dataclass(frozen=True)
class ErasureReport:
    """The outcome of an erasure, or of finishing pending ones.

    ``subject_ids`` are the subjects it concerns: when physical, those whose erasure is now
    complete (the one erased and any pending before); when pending, every subject still pending.
    ``remains`` says where bytes may still be and why.
    """

    subject_ids: tuple[UUID, ...]
    state: ErasureState
    remains: tuple[Text, ...] = ()

    @property
    def physical(self) -> bool:
        """The bytes are gone from the store's files or pages."""
        return self.state is ErasureState.PHYSICAL

    def advice(self) -> Text:
        """What to do next, for a person."""
        if self.physical:
            return Text("personal data physically erased from the store")
        return Text(
            "erasure pending: close the other connections still reading the "
            "store, then run `certflow erase --finish`",
        )


def erasure_needles(data: PersonalData) -> tuple[bytes, ...]:
    """Byte strings that only this person's stored record holds, to look for after erasure.

    The NIK as it is (16 digits, also in the NIK index), and the name, NIK and NRP as the JSON
    fields the record stores: specific enough that nobody else's data matches them.
    """
    record = data.model_dump(mode="json")
    needles = [
        f'"{key}":{json.dumps(record[key], ensure_ascii=False)}'.encode()
        for key in ("name", "nik", "nrp")
        if record[key]
    ]
    if data.nik:
        needles.append(data.nik.encode())
    return tuple(needles)


def unique(ids: Sequence[UUID]) -> tuple[UUID, ...]:
    """``ids`` without repeats, in order."""
    return tuple(dict.fromkeys(ids))
