"""Signed checkpoints as a use case: make one, check a store against some, prove, automate.

The work is :mod:`.checkpoints`'; this class gives it the store, the LSP code and the clock,
and keeps the automatic checkpointing state of one open store.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from certflow.application.checkpoints import (
    CheckpointKey,
    PrefixReport,
    consistency,
    inclusion,
    leaves_of,
    make_checkpoint,
    stores,
    verify_prefix,
)
from certflow.application.notes import SignedCheckpoint
from certflow.application.services import Services
from certflow.engine import InvalidInputError, Text

__all__ = ["DEFAULT_CHECKPOINT_EVERY", "DEFAULT_CHECKPOINT_SECONDS", "Checkpoints"]

DEFAULT_CHECKPOINT_EVERY = 1000
"""Automatic checkpoints: at most this many events apart."""
DEFAULT_CHECKPOINT_SECONDS = 3600.0
"""Automatic checkpoints: at most this many seconds apart (when anything was written)."""
ISSUE_TOPIC = "certflow/Certification.CertificatePrinted"


_log = logging.getLogger("certflow.checkpoints")


class Checkpoints:
    """Signed checkpoints of the event log (SQLite and PostgreSQL stores)."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._auto: tuple[CheckpointKey, int, float] | None = None
        self._saves = 0
        self._last = time.monotonic()

    def checkpoint(self, *, key: CheckpointKey, every: int = 1) -> SignedCheckpoint | None:
        """Sign the log's size and Merkle root with the LSP's key and append it to the log.

        Returns ``None`` when fewer than ``every`` events were added since the last one.
        """
        return make_checkpoint(
            self._s.store.recorder, key, self._s.lsp_code, self._s.now(), every=every
        )

    def verify_checkpoints(
        self,
        *,
        key: CheckpointKey | None,
        notes: Sequence[tuple[str, str]] = (),
        expect: Sequence[tuple[bytes, int]] = (),
    ) -> PrefixReport:
        """Check the store still extends each checkpoint note and each expected (root, size)."""
        return verify_prefix(self._s.store.recorder, key, self._s.lsp_code, notes, expect)

    def prove_inclusion(
        self, *, size: int, position: int | None = None, certification_id: UUID | None = None
    ) -> dict[str, Any]:
        """The inclusion proof of an event (by position, or a certificate's printing event)."""
        if (position is None) == (certification_id is None):
            raise InvalidInputError([Text("give an event position or a certification, not both")])
        if position is None:
            position = self._issued_at(str(certification_id))
        return inclusion(self._s.store.recorder, position, size)

    def prove_consistency(self, *, old: int, new: int) -> dict[str, Any]:
        """The consistency proof from the log of ``old`` events to that of ``new``."""
        return consistency(self._s.store.recorder, old, new)

    def auto_checkpoint(
        self,
        key: CheckpointKey,
        *,
        every: int = DEFAULT_CHECKPOINT_EVERY,
        seconds: float = DEFAULT_CHECKPOINT_SECONDS,
    ) -> None:
        """Make a checkpoint after a save when ``every`` saves or ``seconds`` passed since the last.

        A save stores one or more events, so checkpoints are at most ``every`` saves apart;
        each reads only the events after the last logged checkpoint.
        """
        if key.signing is None:
            raise InvalidInputError([Text("automatic checkpoints need the LSP's private key")])
        stores(self._s.store.recorder)[1].keep_records()  # refuses a memory store
        if self._auto is None:
            self._s.store.on_save(self._saved)
        self._auto = (key, max(every, 1), seconds)

    def _saved(self, record_ids: Sequence[object]) -> None:
        if self._auto is None:
            return
        key, every, seconds = self._auto
        self._saves += 1
        if self._saves < every and time.monotonic() - self._last < seconds:
            return
        self._saves, self._last = 0, time.monotonic()
        try:
            self.checkpoint(key=key)
        except Exception as error:  # the command is stored: its caller must not see it fail
            self._saves = every  # try again after the next save
            _log.warning(
                "automatic checkpoint failed, will retry after the next save: %s",
                str(error).splitlines()[0][:300] if str(error) else type(error).__name__,
            )

    def _issued_at(self, oid: str) -> int:
        for position, (_, topic, originator) in enumerate(leaves_of(self._s.store.recorder), 1):
            if originator == oid and topic == ISSUE_TOPIC:
                return position
        raise InvalidInputError([Text("no certificate was printed for {oid}", oid=oid)])
