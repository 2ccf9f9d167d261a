"""What the application needs from the edge, as ``typing.Protocol`` classes.

The use cases talk to these ports only; :mod:`certflow.adapters` implements them (one module per
backend or format) and :mod:`certflow.bootstrap` picks and wires the implementations. Nothing
here knows SQL, a file format or a cryptography library.

- :class:`StoreBackend`: the event store's environment, its setup lock, and the stores that live
  beside its tables (:class:`SubjectStore`, :class:`ViewStore`);
- :class:`ChainedRecorder`: an event recorder that also keeps the hash chain (``verify``);
- :class:`ViewStore`: the read models' tables and tracking records, with the rows of
  :mod:`.view_rows`;
- :class:`RowReader`: rows of an intake file (CSV, XLSX, JSON);
- :class:`SigningKey` / :class:`VerifyingKey`: the LSP's key pair, as checkpoints are signed and
  checked with it (the keys of ``cryptography`` fit as they are);
- :class:`TokenSigner` / :class:`TokenVerifier`: the LSP's current key and key set, as
  certificate tokens (compact JWS) are signed and checked (:mod:`certflow.adapters.tokens`).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable
from uuid import UUID

from certflow.engine import InvalidInputError, Text

if TYPE_CHECKING:
    from eventsourcing.persistence import ApplicationRecorder, Notification

    from certflow.application.erasure import ErasureReport
    from certflow.application.intake_limits import IntakeLimits
    from certflow.application.settings import StoreSettings
    from certflow.application.subjects import SubjectRecord
    from certflow.application.view_rows import (
        CaseRow,
        ChainRow,
        Checkpoint,
        DeadlineQuery,
        DeadlineRow,
        LoggedCheckpoint,
        RegisterRow,
        StageCountRow,
        ViewRows,
        WorkloadCount,
    )

__all__ = [
    "ChainedRecorder",
    "CheckpointLogStore",
    "Heads",
    "OpenedToken",
    "RowReader",
    "SigningKey",
    "StoreBackend",
    "SubjectStore",
    "TokenSigner",
    "TokenState",
    "TokenVerifier",
    "VerifyingKey",
    "ViewMoved",
    "ViewStore",
]


class SubjectStore(Protocol):
    """Keeps personal data by subject id; one implementation per backend.

    Implementations subclass this protocol explicitly and inherit the NIK check of :meth:`put`
    and the one-by-one defaults of the bulk reads, which they may replace with faster ones.
    """

    def put(self, record: SubjectRecord) -> None:
        """Store a new subject; a NIK already on file is refused (one person, one subject)."""
        if record.data.nik is not None:
            existing = self.find_by_nik(record.data.nik)
            if existing is not None and existing.subject_id != record.subject_id:
                raise InvalidInputError(
                    [Text("a person with this NIK is already on file; use their subject id")]
                )
        self._insert(record)

    def put_many(self, records: Iterable[SubjectRecord]) -> None:
        """Store new subjects in one transaction (bulk intake); the caller checked their NIKs."""
        for record in records:
            self.put(record)

    @abstractmethod
    def _insert(self, record: SubjectRecord) -> None: ...

    def correct(self, record: SubjectRecord) -> None:
        """Replace a subject's personal data with corrected values (R61; the NIK stays unique).

        The store keeps the latest values only; that a correction was made, and of which
        fields, is an event. The default deletes and inserts; SQL stores update in place.
        """
        if record.data.nik is not None:
            existing = self.find_by_nik(record.data.nik)
            if existing is not None and existing.subject_id != record.subject_id:
                raise InvalidInputError(
                    [Text("a person with this NIK is already on file")],
                    ("R61",),
                )
        self.erase(record.subject_id)
        self._insert(record)

    @abstractmethod
    def erase(self, subject_id: UUID) -> bool:
        """Delete the subject's personal data for good; return whether there was any."""

    def settle(self, erased: Sequence[UUID], needles: Sequence[bytes] = ()) -> ErasureReport:
        """Make erased rows physically unreadable in the store, or say they are pending.

        ``erased`` are the subjects just erased (none: finish those pending); ``needles`` byte
        strings of their data to look for in the store's files, where it can read them. A store
        in this process's memory has nothing to settle.
        """
        from certflow.application.erasure import ErasureReport, ErasureState, unique

        return ErasureReport(unique(erased), ErasureState.PHYSICAL)

    @abstractmethod
    def get(self, subject_id: UUID) -> SubjectRecord | None:
        """Return the record, or ``None``."""

    def has(self, subject_id: UUID) -> bool:
        """Whether personal data of this subject is on file (without reading it)."""
        return self.get(subject_id) is not None

    @abstractmethod
    def find_by_nik(self, nik: str) -> SubjectRecord | None:
        """Return the record of the person with this NIK, or ``None``."""

    def find_many_by_nik(self, niks: Iterable[str]) -> dict[str, SubjectRecord]:
        """Return the records on file for these NIKs, by NIK."""
        found = {}
        for nik in niks:
            record = self.find_by_nik(nik)
            if record is not None:
                found[nik] = record
        return found

    def get_many(self, subject_ids: Iterable[UUID]) -> dict[UUID, SubjectRecord]:
        """Return the records found for ``subject_ids``."""
        found = {}
        for subject_id in subject_ids:
            record = self.get(subject_id)
            if record is not None:
                found[subject_id] = record
        return found


class ViewMoved(Exception):  # noqa: N818 - a signal between runner and store, not an error
    """Another runner moved a view on since this batch started; start again from its position."""


@dataclass
class Heads:
    """Views' positions (by tracking key) and the event log's head, read with a query."""

    keys: tuple[str, ...]
    positions: dict[str, int] | None = None
    head: int | None = None
    """``None`` when the log is not in the views' database (its recorder knows it)."""


class ViewStore(Protocol):
    """The read models' tables and their tracking records, whichever the database.

    Dates and ids are exchanged as ISO text and ``str(uuid)``, the way they are stored.
    """

    def positions(self, keys: Sequence[str]) -> dict[str, int]:
        """Each tracking key's last applied notification id (0 when none)."""

    def heads(self, keys: Sequence[str]) -> tuple[dict[str, int], int | None]:
        """Each key's position and the event log's head, in one read.

        The head is ``None`` when the log is not in this database.
        """

    def reading(self, keys: Sequence[str]) -> AbstractContextManager[Heads]:
        """Read ``keys``' positions and the log's head with the next read made inside.

        Sent together with it, before it (one round trip where the database can); the yielded
        :class:`Heads` is filled on leaving.
        """

    def write(self, rows: ViewRows, moves: Mapping[str, tuple[int, int]]) -> None:
        """Write ``rows`` and move each tracking key from ``old`` to ``new``, atomically.

        Raises :class:`ViewMoved`, having changed nothing, when a key is no longer at ``old``.
        """

    def reset(self, views: Sequence[str], keys: Sequence[str]) -> None:
        """Empty the tables of ``views`` and set their tracking keys back to the start."""

    def case_board(
        self,
        *,
        stages: Sequence[str] | None,
        scheme_code: str | None,
        session_id: str | None,
        after: int | None = None,
        limit: int | None = None,
    ) -> list[CaseRow]:
        """Case board rows (any of ``stages`` when given), in registration order.

        ``after``/``limit``: at most ``limit`` rows listed after ``after`` (a keyset page).
        """

    def stage_counts(
        self, *, scheme_code: str | None, session_id: str | None
    ) -> list[StageCountRow]:
        """Certifications per stage, scheme and session, by scheme, session and stage."""

    def register(
        self, *, today: str, number: str | None, status: str | None, holder: str | None = None
    ) -> list[RegisterRow]:
        """Register rows by number (or one ``holder``'s); past ``today`` valid reads expired."""

    def deadlines(self, query: DeadlineQuery) -> list[DeadlineRow]:
        """Deadline board rows matching ``query``, earliest due first."""

    def due_for_sweep(self, *, today: str) -> list[str]:
        """Ids with an unmet deadline due before ``today`` that makes a move, listed order."""

    def unknown_versions(self, *, stages: Sequence[str], known: Sequence[int]) -> list[str]:
        """Ids at one of ``stages`` under a definition version not in ``known``."""

    def workload(
        self, *, left_out: Sequence[str], day: str | None, assessor_id: str | None
    ) -> list[WorkloadCount]:
        """Candidates per assessor per day, stages in ``left_out`` not counted."""

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every view (unsorted), by view name."""

    def close(self) -> None:
        """Release what the store holds privately (nothing when it shares the event store's)."""


@runtime_checkable
class ChainedRecorder(Protocol):
    """An application recorder that binds every stored event into the hash chain."""

    def max_notification_id(self) -> int | None:
        """The last notification id, or ``None`` when the store is empty."""

    def select_notifications(
        self, start: int | None, limit: int, stop: int | None = None, topics: Sequence[str] = ()
    ) -> Sequence[Notification]:
        """Stored events in notification order."""

    def chain_rows(self, page: int) -> Iterator[ChainRow]:
        """Every chain row in notification order, read ``page`` rows at a time."""

    def chained_events(self, page: int) -> Iterator[Sequence[Sequence[Any]]]:
        """Every stored event joined with its chain row, in notification order, in pages.

        Rows are ``(notification id, originator id, version, topic, state, chain's originator
        id, chain's version, aggregate hash, chain hash)``; the chain's four are ``None`` for an
        event with no chain row, the event's four for a chain row whose event is gone.
        """

    def chain_before(self, originator_id: str, notification_id: int) -> tuple[int, bytes] | None:
        """``originator_id``'s last chain row before ``notification_id``: (version, hash)."""

    def checkpoint(self) -> Checkpoint | None:
        """The recorded head of the chain, or ``None`` when none was recorded."""


@runtime_checkable
class CheckpointLogStore(Protocol):
    """A chained recorder's signed checkpoint log and store id (SQLite and PostgreSQL)."""

    def store_id(self) -> str:
        """The store's id, made once and kept."""

    def append_checkpoint(self, entry: LoggedCheckpoint) -> bool:
        """Add a checkpoint; ``False`` when one of that size is already logged."""

    def logged_checkpoints(self) -> list[LoggedCheckpoint]:
        """Every logged checkpoint, smallest first."""

    def last_checkpoint(self) -> LoggedCheckpoint | None:
        """The largest logged checkpoint, or ``None``."""

    def keep_records(self) -> None:
        """Keep the record hashes this process commits, for the next checkpoints."""

    def recent_records(self, after: int, last: int) -> list[tuple[int, bytes]] | None:
        """Kept (notification id, record hash) of the events in ``(after, last]``, or ``None``."""

    def forget_records(self, upto: int) -> None:
        """Drop the kept record hashes up to notification ``upto``."""


class StoreBackend(Protocol):
    """One kind of store: the event store's environment and the stores beside its tables."""

    settings: StoreSettings
    """The parsed store URL, with eventsourcing's environment for the event store."""
    subscribes: bool
    """Whether the event store can wake a waiting reader when events are recorded."""

    def setup_lock(self) -> AbstractContextManager[None]:
        """Held while the store's tables are created (so that concurrent openers take turns)."""

    def probe(self) -> None:
        """Refuse a store that cannot be opened as its settings ask, before anything is made.

        Raises :class:`~certflow.engine.StoreUnavailableError` for a store that does not exist
        when it is not to be created (``settings.create`` false or ``settings.readonly``), one
        that is not a certflow store, or one that cannot be reached; may adjust ``settings``
        (eventsourcing's environment) to open the store as asked.
        """

    def subject_store(self, recorder: ApplicationRecorder) -> SubjectStore:
        """The subject store beside ``recorder``'s tables."""

    def view_store(self, recorder: ApplicationRecorder) -> ViewStore | None:
        """The read models' store beside ``recorder``'s tables.

        ``None`` when the store is opened read-only and has no view tables yet (made by an
        older certflow): the views are then built in memory, for this process only.
        """


class RowReader(Protocol):
    """Reads an intake file into numbered rows of raw values."""

    def __call__(
        self, path: Path, limits: IntakeLimits = ...
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """Rows of ``path`` numbered as a person would count them, keys normalised.

        ``limits`` (the defaults when left out) are checked while the file is read; a file
        broken, empty or over a limit raises
        :class:`~certflow.application.intake.IntakeFileError`.
        """


class SigningKey(Protocol):
    """The LSP's private key, as certificate tokens are signed with it (Ed25519 by default)."""

    def sign(self, data: bytes) -> bytes:
        """The signature of ``data``."""


class VerifyingKey(Protocol):
    """The LSP's public key, as certificate tokens are checked with it."""

    def verify(self, signature: bytes, data: bytes) -> None:
        """Return when ``signature`` is ``data``'s; raise (any exception) when it is not."""


class TokenState(Enum):
    """What opening a compact JWS found, before its claims are read."""

    SIGNED = "signed"
    """Well-formed and signed by a key of the set that is in use."""
    DAMAGED = "damaged"
    """Not a well-formed token: bad segments, non-canonical base64url, bad header."""
    UNKNOWN_KEY = "unknown_key"
    """Its ``kid`` is not in the key set."""
    REVOKED_KEY = "revoked_key"
    """Signed by a key of the set that the LSP has revoked."""
    FORGED = "forged"
    """Well-formed, but the signature is not valid for the key its ``kid`` names."""


@dataclass(frozen=True)
class OpenedToken:
    """A token as a :class:`TokenVerifier` found it: its state, key id and (if signed) payload."""

    state: TokenState
    kid: str | None = None
    payload: bytes | None = None


class TokenSigner(Protocol):
    """The LSP's current key, as certificate tokens (compact JWS) are signed with it."""

    @property
    def kid(self) -> str:
        """The key's id, put in each token's header."""

    def sign_token(self, payload: bytes) -> str:
        """A compact JWS of ``payload`` with this key's ``kid`` in the protected header."""


class TokenVerifier(Protocol):
    """The LSP's key set, as certificate tokens are checked against it."""

    def open_token(self, token: str) -> OpenedToken:
        """Check the token's form, key and signature; never raise for a bad token."""
