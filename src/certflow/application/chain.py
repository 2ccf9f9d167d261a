"""Tamper evidence: every stored event bound into a hash chain, and a verifier that streams.

Each stored record gets a row in ``certflow_chain``, written in the same transaction as the
event by a subclass of eventsourcing's own application recorder (SQLite or PostgreSQL, in
:mod:`certflow.adapters`; this module holds the hashing they use and the verifier):

- ``record = SHA-256(originator id, version, topic, state bytes as stored)``;
- ``aggregate_hash = SHA-256(previous aggregate_hash of that record, record)``: a chain per
  aggregate, so an altered, removed or reordered event breaks it;
- ``chain_hash = SHA-256(previous chain_hash, notification id, aggregate_hash)``: one chain over
  the whole store in notification order, so removed rows (even a whole aggregate with its chain
  rows) break it;
- ``certflow_checkpoint`` keeps the count, the last notification id and the head hash, so a
  truncated tail is caught too.

What this does not protect against: someone able to rewrite every table, chain and checkpoint
included, can forge a consistent store. Anchor the head hash outside the store (print it in the
batch report, send it to BNSP or the inspectorate, or pass it back as ``verify --expect``).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from uuid import UUID

from certflow.application.bulk import cyclic_gc_paused
from certflow.application.ports import ChainedRecorder

__all__ = ["ZERO", "Finding", "VerifyReport", "link", "nid_bytes", "record_hash", "verify"]

ZERO = bytes(32)
"""The link before the first: the start of every chain."""


def record_hash(originator_id: UUID | str, version: int, topic: str, state: bytes) -> bytes:
    """The hash of one stored record: position, type and payload bytes as stored.

    Each part is fed with its length (8 bytes, big-endian) before it.
    """
    oid, ver, kind = str(originator_id).encode(), str(version).encode(), topic.encode()
    return hashlib.sha256(
        b"".join(
            (
                len(oid).to_bytes(8, "big"),
                oid,
                len(ver).to_bytes(8, "big"),
                ver,
                len(kind).to_bytes(8, "big"),
                kind,
                len(state).to_bytes(8, "big"),
                state,
            )
        )
    ).digest()


def link(previous: bytes, *parts: bytes) -> bytes:
    """The next link of a chain."""
    digest = hashlib.sha256(previous)
    for part in parts:
        digest.update(part)
    return digest.digest()


def nid_bytes(notification_id: int) -> bytes:
    """A notification id as it is fed into the store-wide chain."""
    return notification_id.to_bytes(8, "big")


_LENGTH = struct.Struct(">Q").pack
"""A length (or a notification id) as the chains feed it: 8 bytes, big-endian."""


@dataclass(frozen=True)
class Finding:
    """One problem found by :func:`verify`."""

    kind: str
    """``altered``, ``deleted``, ``inserted``, ``reordered``, ``broken_chain`` or ``truncated``."""
    originator_id: UUID | None
    version: int | None
    notification_id: int | None
    detail: str


@dataclass
class VerifyReport:
    """What a verification found."""

    records: int = 0
    chained: int = 0
    head: str = ""
    """The recomputed head hash (hex): anchor it outside the store."""
    findings: list[Finding] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        """Whether nothing was found."""
        return not self.findings


def _uuid(value: str | UUID) -> UUID | None:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        return None


def verify(
    recorder: object,
    *,
    page: int = 2000,
    on_progress: Callable[[int, int], None] | None = None,
) -> VerifyReport:
    """Re-read every stored event with its chain row, in pages, and report what does not match.

    One query per page joins the events and the chain. Memory holds one page plus the last
    chain row of at most 20,000 aggregates (one forgotten is read back when needed): it does
    not grow with the store.
    """
    if not isinstance(recorder, ChainedRecorder):
        raise TypeError("only SQLite and PostgreSQL stores opened by certflow are chained")
    with cyclic_gc_paused():
        return _verify(recorder, page, on_progress)


def _canonical(oid: str) -> str:
    """An originator id as stored, written as the chain writes it (``str(UUID)``)."""
    if len(oid) == 32:
        h = oid.lower()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    found = _uuid(oid)
    return oid if found is None else str(found)


class _Tips:
    """The last chain row (version, aggregate hash) seen of each aggregate, at most ``size``.

    The least recently moved go first; one forgotten is read back from the chain table.
    """

    def __init__(self, recorder: ChainedRecorder, size: int) -> None:
        self._recorder, self.size = recorder, size
        self.tips: dict[str, tuple[int, bytes]] = {}
        self._forgot = False

    def missed(self, oid: str, version: int, nid: int) -> tuple[int, bytes]:
        """The tip of ``oid`` (not in :attr:`tips`) before the event ``version`` at ``nid``."""
        # Nothing forgotten yet: an aggregate not seen has no chain row before. Once some were
        # forgotten, a first version is still taken as a chain's start (a moved first event is
        # reported where it now stands), any later one is looked up.
        if not self._forgot or version == 1:
            return 0, ZERO
        return self._recorder.chain_before(oid, nid) or (0, ZERO)

    def forget(self) -> None:
        """Drop the least recently moved tip."""
        del self.tips[next(iter(self.tips))]
        self._forgot = True


_TIPS = 20_000
"""Aggregates whose last chain row a verification keeps in memory (about 250 bytes each)."""


def _verify(
    recorder: ChainedRecorder,
    page: int,
    on_progress: Callable[[int, int], None] | None,
) -> VerifyReport:
    report = VerifyReport()
    total = recorder.max_notification_id() or 0
    tips = _Tips(recorder, _TIPS)
    tip_of, most = tips.tips, tips.size
    prefixes: dict[str, tuple[str, bytes]] = {}
    """Originator id as stored -> as the chain writes it, and its length-prefixed bytes."""
    head = ZERO
    found = report.findings
    sha256, length, topics = hashlib.sha256, _LENGTH, dict[str, bytes]()
    records = chained = 0

    def add(
        kind: str, oid: str | UUID | None, version: int | None, nid: int | None, detail: str
    ) -> None:
        found.append(Finding(kind, _uuid(oid) if oid is not None else None, version, nid, detail))

    for rows in recorder.chained_events(page):
        for nid, oid, version, topic, state, c_oid, c_version, aggregate, chain in rows:
            if oid is None:
                add(
                    "deleted",
                    c_oid,
                    c_version,
                    nid,
                    "a chained event is missing from the events table",
                )
            elif c_oid is None:
                add(
                    "inserted",
                    oid,
                    version,
                    nid,
                    "a stored event with no chain row: it was added behind certflow's back",
                )
                records += 1
                continue
            else:
                records += 1
                known = prefixes.get(oid)
                if known is None:
                    if len(prefixes) >= most:
                        prefixes.clear()
                    # SQLite stores 32 hex digits: write it as the chain does
                    text = oid if len(oid) == 36 else _canonical(oid)
                    raw = text.encode()
                    known = prefixes[oid] = (text, length(len(raw)) + raw)
                oid, prefix = known
                if oid != c_oid or version != c_version:
                    add(
                        "reordered",
                        oid,
                        version,
                        nid,
                        f"the chain expects {c_oid} v{c_version} at this position",
                    )
                else:
                    last, previous = tip_of.get(oid) or tips.missed(oid, version, nid)
                    if version != last + 1:
                        add(
                            "deleted",
                            oid,
                            last + 1,
                            None,
                            f"versions {last + 1} to {version - 1} are missing",
                        )
                    kind = topics.get(topic)
                    if kind is None:
                        kind = topics[topic] = length(len(topic.encode())) + topic.encode()
                    raw_version, state = b"%d" % version, bytes(state)
                    record = sha256(
                        b"".join(
                            (
                                prefix,
                                length(len(raw_version)),
                                raw_version,
                                kind,
                                length(len(state)),
                                state,
                            )
                        )
                    ).digest()
                    if sha256(previous + record).digest() != aggregate:
                        add(
                            "altered",
                            oid,
                            version,
                            nid,
                            "the stored bytes, type or position of this event changed",
                        )
            # The chain row, its event here or not: the store-wide chain must run through it.
            if sha256(head + length(nid) + aggregate).digest() != chain:
                add(
                    "broken_chain",
                    c_oid,
                    c_version,
                    nid,
                    "the store-wide chain breaks here: records before it were removed or inserted",
                )
            head = chain
            tip_of.pop(c_oid, None)
            tip_of[c_oid] = (c_version, aggregate)
            if len(tip_of) > most:
                tips.forget()
            chained += 1
        if on_progress is not None:
            on_progress(int(rows[-1][0]), total)
    report.records, report.chained = records, chained
    mark = recorder.checkpoint()
    if mark is not None and (mark.events != report.chained or mark.head != head):
        add(
            "truncated",
            None,
            None,
            mark.last_notification_id,
            f"the checkpoint records {mark.events} events up to notification "
            f"{mark.last_notification_id}; {report.chained} chained events remain",
        )
    elif mark is None and report.chained:
        add("truncated", None, None, None, "the checkpoint is missing")
    if on_progress is not None:
        on_progress(total, total)
    report.head = head.hex()
    return report
