"""Signed checkpoints of the event log, prefix verification, and proofs for witnesses.

The log's leaves are the stored events in chain order (notification order); leaf ``i`` (0-based;
"position" ``i + 1`` in messages) is the event's :func:`~certflow.application.chain.record_hash`.
A checkpoint is the RFC 9162 Merkle root of the first ``size`` leaves, signed with the LSP's key
as a C2SP signed note (:mod:`.notes`) and appended to the store's checkpoint log.

- :func:`make_checkpoint` reads only the events after the last logged checkpoint (its frontier
  is kept beside it), so a checkpoint costs O(events since the last one);
- :func:`verify_prefix` re-reads the log once, computing the root at every size it is asked
  about (given checkpoints, ``--expect`` roots, and the store's own log for bracketing);
- :func:`inclusion` and :func:`consistency` make proofs that :func:`check_inclusion` and
  :func:`check_consistency` verify without the store.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from eventsourcing.persistence import Notification

from certflow.application.bulk import cyclic_gc_paused
from certflow.application.merkle import (
    Frontier,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    verify_consistency,
    verify_inclusion,
)
from certflow.application.notes import (
    ForgedNoteError,
    SignedCheckpoint,
    parse_checkpoint,
    sign_checkpoint,
)
from certflow.application.ports import (
    ChainedRecorder,
    CheckpointLogStore,
    SigningKey,
    VerifyingKey,
)
from certflow.application.view_rows import LoggedCheckpoint
from certflow.engine import InvalidInputError, Text

__all__ = [
    "CheckpointKey",
    "PrefixFinding",
    "PrefixReport",
    "check_consistency",
    "check_inclusion",
    "consistency",
    "inclusion",
    "key_name",
    "leaves",
    "leaves_of",
    "make_checkpoint",
    "origin",
    "stores",
    "verify_prefix",
]

PAGE = 2000


@dataclass(frozen=True)
class CheckpointKey:
    """The LSP's key as checkpoints use it: the key, its raw public bytes and its note name."""

    public: bytes
    name: str
    signing: SigningKey | None = None
    verifying: VerifyingKey | None = None

    def read(self, text: str) -> SignedCheckpoint:
        """Parse a note and check its signature (raises :class:`ForgedNoteError`)."""
        if self.verifying is None:
            raise InvalidInputError([Text("checking a checkpoint needs the LSP's public key")])
        return parse_checkpoint(text, key=self.verifying, public=self.public, key_name=self.name)


def key_name(lsp_code: str) -> str:
    """The name the LSP's key signs checkpoints under."""
    return f"certflow/{lsp_code}"


def origin(lsp_code: str, store_id: str) -> str:
    """The origin line of a store's checkpoints."""
    return f"certflow/{lsp_code}/{store_id}"


def stores(recorder: object) -> tuple[ChainedRecorder, CheckpointLogStore]:
    """The recorder as a chained store and as a checkpoint log; refused if it is not both."""
    if not isinstance(recorder, ChainedRecorder) or not isinstance(recorder, CheckpointLogStore):
        raise InvalidInputError([Text("only SQLite and PostgreSQL stores keep a checkpoint log")])
    return recorder, recorder


def _batches(
    recorder: ChainedRecorder, page: int, after: int = 0
) -> Iterator[Sequence[Notification]]:
    start = after + 1
    while True:
        batch = recorder.select_notifications(start=start, limit=page)
        if not batch:
            return
        yield batch
        start = batch[-1].id + 1


_LENGTH = struct.Struct(">Q").pack
_KEPT = 20_000
"""Originator ids whose prefixed bytes a hasher keeps (then it starts again)."""


class _Hasher:
    """The chain's ``record_hash``, each originator's and topic's prefixed bytes made once.

    The same bytes are hashed; a test holds the two equal.
    """

    def __init__(self) -> None:
        self._oids: dict[object, bytes] = {}
        self._topics: dict[str, bytes] = {}

    def record(self, event: Notification) -> bytes:
        oid = self._oids.get(event.originator_id)
        if oid is None:
            if len(self._oids) >= _KEPT:  # memory stays flat however large the store
                self._oids.clear()
            raw = str(event.originator_id).encode()
            oid = self._oids[event.originator_id] = _LENGTH(len(raw)) + raw
        topic = self._topics.get(event.topic)
        if topic is None:
            raw = event.topic.encode()
            topic = self._topics[event.topic] = _LENGTH(len(raw)) + raw
        version = str(event.originator_version).encode()
        digest = hashlib.sha256(oid)
        digest.update(_LENGTH(len(version)) + version + topic + _LENGTH(len(event.state)))
        digest.update(event.state)
        return digest.digest()


def leaves(
    recorder: ChainedRecorder, after: int = 0, page: int = PAGE
) -> Iterator[tuple[int, bytes]]:
    """(notification id, leaf data) of every event after notification ``after``, in order."""
    hasher = _Hasher()
    for batch in _batches(recorder, page, after):
        for event in batch:
            yield event.id, hasher.record(event)


def leaves_of(recorder: object) -> Iterator[tuple[int, str, str]]:
    """(notification id, topic, originator id) of every event, in chain order."""
    chained, _ = stores(recorder)
    start = 1
    while True:
        batch = chained.select_notifications(start=start, limit=PAGE)
        if not batch:
            return
        for event in batch:
            yield event.id, event.topic, str(event.originator_id)
        start = batch[-1].id + 1


def make_checkpoint(
    recorder: object, key: CheckpointKey, lsp_code: str, now: datetime, *, every: int = 1
) -> SignedCheckpoint | None:
    """Sign the log's current size and root, and append it to the checkpoint log.

    Returns ``None`` (and signs nothing) when fewer than ``every`` events were added since the
    last logged checkpoint; with ``every=0``, the last logged one when nothing was added.
    """
    chained, log = stores(recorder)
    if key.signing is None:
        raise InvalidInputError([Text("making a checkpoint needs the LSP's private key")])
    last = log.last_checkpoint()
    frontier = Frontier() if last is None else Frontier.restore(last.size, last.frontier)
    last_id = 0 if last is None else last.last_notification_id
    recent = log.recent_records(last_id, chained.max_notification_id() or 0)
    with cyclic_gc_paused():
        for nid, data in leaves(chained, last_id) if recent is None else recent:
            frontier.append(data)
            last_id = nid
    grown = frontier.size - (0 if last is None else last.size)
    if last is not None and grown < max(every, 1):
        return key.read(last.note) if every == 0 else None
    signed = sign_checkpoint(
        origin(lsp_code, log.store_id()),
        frontier.size,
        frontier.root(),
        now,
        key=key.signing,
        public=key.public,
        key_name=key.name,
    )
    log.append_checkpoint(LoggedCheckpoint(frontier.size, last_id, frontier.state(), signed.text))
    log.forget_records(last_id)
    return signed


@dataclass(frozen=True)
class PrefixFinding:
    """One way the store fails to extend a checkpoint or expected root."""

    kind: str
    """``forged`` (not the LSP's signature), ``other_store`` (another origin), ``truncated``
    (the store holds fewer events) or ``rewritten`` (the first ``size`` events differ)."""
    size: int
    source: str
    """Which checkpoint: a file name or ``ROOT@SIZE``."""
    detail: str
    after: int | None = None
    """Rewritten: the largest size of the store's own checkpoint log still matching (or 0)."""
    by: int | None = None
    """Rewritten: the smallest position the change can be at most (the first logged
    checkpoint that no longer matches, or the checkpoint's size)."""


@dataclass
class PrefixReport:
    """What :func:`verify_prefix` found."""

    events: int = 0
    checked: list[tuple[str, int]] = field(default_factory=list)
    """(source, size) of every checkpoint that the store extends."""
    findings: list[PrefixFinding] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        """Whether the store extends every checkpoint given."""
        return not self.findings


def verify_prefix(
    recorder: object,
    key: CheckpointKey | None,
    lsp_code: str,
    notes: Sequence[tuple[str, str]] = (),
    expect: Sequence[tuple[bytes, int]] = (),
) -> PrefixReport:
    """Check that the store still extends each checkpoint and each expected root.

    ``notes`` are (source, note text); ``expect`` (root, size). One pass over the log, memory
    O(log n) plus one root per size asked about.
    """
    chained, log = stores(recorder)
    report = PrefixReport()
    wanted: list[tuple[str, int, bytes]] = []
    store_origin = origin(lsp_code, log.store_id())
    for source, text in notes:
        try:
            if key is None:
                raise InvalidInputError([Text("--checkpoint needs the LSP's public key")])
            note = key.read(text)
        except ForgedNoteError as error:
            report.findings.append(PrefixFinding("forged", 0, source, str(error)))
            continue
        if note.origin != store_origin:
            detail = f"the checkpoint is of {note.origin}, this store is {store_origin}"
            report.findings.append(PrefixFinding("other_store", note.size, source, detail))
            continue
        wanted.append((source, note.size, note.root))
    wanted += [(f"{root.hex()}@{size}", size, root) for root, size in expect]
    logged: list[tuple[int, bytes]] = []
    if key is not None and key.verifying is not None:
        for entry in log.logged_checkpoints():
            try:
                logged.append((entry.size, key.read(entry.note).root))
            except ForgedNoteError:
                continue
    sizes = {size for _, size, _ in wanted} | {size for size, _ in logged}
    roots: dict[int, bytes] = {}
    frontier = Frontier()
    if 0 in sizes:
        roots[0] = frontier.root()
    append, record, sha256 = frontier.append_hash, _Hasher().record, hashlib.sha256
    with cyclic_gc_paused():
        for batch in _batches(chained, PAGE):
            for event in batch:
                append(sha256(b"\x00" + record(event)).digest())
                if frontier.size in sizes:
                    roots[frontier.size] = frontier.root()
    report.events = frontier.size
    known = [*logged, *((size, root) for _, size, root in wanted)]
    matching = sorted(size for size, root in known if roots.get(size) == root)
    differing = sorted(size for size, root in known if roots.get(size, root) != root)
    for source, size, root in wanted:
        if size > frontier.size:
            detail = (
                f"the checkpoint covers {size} events; the store holds {frontier.size}: "
                f"events {frontier.size + 1} to {size} were removed"
            )
            report.findings.append(PrefixFinding("truncated", size, source, detail))
        elif roots[size] != root:
            after = max((s for s in matching if s < size), default=0)
            by = min((s for s in differing if s > after), default=size)
            by = min(by, size)
            detail = (
                f"the first {size} events differ from the checkpoint's; the change is after "
                f"position {after} and at or before position {by} (the checkpoints given and "
                "the store's own checkpoint log)"
            )
            report.findings.append(PrefixFinding("rewritten", size, source, detail, after, by))
        else:
            report.checked.append((source, size))
    return report


def _hashes(recorder: ChainedRecorder, size: int) -> tuple[list[bytes], list[int]]:
    hashes: list[bytes] = []
    ids: list[int] = []
    for nid, data in leaves(recorder):
        if len(hashes) == size:
            break
        hashes.append(leaf_hash(data))
        ids.append(nid)
    if len(hashes) < size:
        raise InvalidInputError(
            [
                Text(
                    "the store holds {hashes_count} events, not {size}",
                    hashes_count=len(hashes),
                    size=size,
                )
            ]
        )
    return hashes, ids


def inclusion(recorder: object, position: int, size: int) -> dict[str, object]:
    """The proof that event ``position`` (1-based, chain order) is in the tree of ``size``."""
    chained, _ = stores(recorder)
    if not 1 <= position <= size:
        raise InvalidInputError(
            [
                Text(
                    "position {position} is not within the first {size} events",
                    position=position,
                    size=size,
                )
            ]
        )
    hashes, ids = _hashes(chained, size)
    return {
        "type": "inclusion",
        "position": position,
        "notification_id": ids[position - 1],
        "tree_size": size,
        "leaf_hash": hashes[position - 1].hex(),
        "proof": [h.hex() for h in inclusion_proof(hashes, position - 1, size)],
    }


def consistency(recorder: object, old: int, new: int) -> dict[str, object]:
    """The proof that the tree of ``old`` events is a prefix of the tree of ``new``."""
    chained, _ = stores(recorder)
    if not 0 <= old <= new:
        raise InvalidInputError(
            [Text("no consistency proof from {old} to {new} events", old=old, new=new)]
        )
    hashes, _ = _hashes(chained, new)
    return {
        "type": "consistency",
        "old_size": old,
        "new_size": new,
        "proof": [h.hex() for h in consistency_proof(hashes, old, new)],
    }


def _proof(proof: dict[str, object]) -> list[bytes]:
    try:
        return [bytes.fromhex(str(h)) for h in proof["proof"]]  # type: ignore[attr-defined]
    except (KeyError, TypeError, ValueError):
        raise InvalidInputError([Text("the proof is malformed")]) from None


def check_inclusion(proof: dict[str, object], checkpoint: SignedCheckpoint) -> bool:
    """Whether an inclusion proof holds under a (signature-checked) checkpoint."""
    try:
        size, position = int(str(proof["tree_size"])), int(str(proof["position"]))
        leaf = bytes.fromhex(str(proof["leaf_hash"]))
    except (KeyError, ValueError):
        raise InvalidInputError([Text("the proof is malformed")]) from None
    if size != checkpoint.size:
        return False
    return verify_inclusion(leaf, position - 1, size, _proof(proof), checkpoint.root)


def check_consistency(
    proof: dict[str, object], old: SignedCheckpoint, new: SignedCheckpoint
) -> bool:
    """Whether a consistency proof shows ``new`` extends ``old`` (both signature-checked)."""
    if old.origin != new.origin:
        return False
    if (proof.get("old_size"), proof.get("new_size")) != (old.size, new.size):
        return False
    return verify_consistency(old.size, new.size, old.root, new.root, _proof(proof))
