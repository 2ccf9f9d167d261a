"""Read models: the case board, certificate register, deadline board and assessor workload.

Each view is a table kept up to date from the notification log with its own tracking record,
in a :class:`~certflow.application.ports.ViewStore` (one per backend, in
:mod:`certflow.adapters`). A view row is a pure function of one certification's state after an
event: the projection replays the certification with the recorded events (events are facts, no
rule runs) and writes what the record now looks like, so a rebuild gives exactly the same rows.

Queries catch the views up first, so a caller reads its own writes. A long-running runner
(``certflow projections run``) keeps them current in the background: on PostgreSQL it waits on
eventsourcing's LISTEN/NOTIFY subscription, on SQLite (which has none) it polls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from certflow.application.bulk import cyclic_gc_paused
from certflow.application.ports import ViewMoved, ViewStore
from certflow.application.view_rows import (
    VIEWS,
    CaseRow,
    DeadlineQuery,
    DeadlineRow,
    RegisterRow,
    ViewRows,
    WorkloadRow,
)
from certflow.application.views import CertificationSummary
from certflow.domain import Certification, Stage, certification_events
from certflow.engine import InvalidInputError, Text

if TYPE_CHECKING:
    from certflow.engine import WorkflowStore

__all__ = [
    "VIEW_NAMES",
    "DeadlineBoard",
    "DeadlineEntry",
    "OverdueItem",
    "ProjectionStatus",
    "ReadModels",
    "RegisterEntry",
    "StageCount",
    "WorkloadEntry",
]

VIEW_NAMES: tuple[str, ...] = VIEWS
"""The read models, in the order they are shown."""

_TOPICS = tuple(getattr(certification_events, name).TOPIC for name in certification_events.__all__)
_FROZEN = ConfigDict(frozen=True)
_ENDED = (Stage.REJECTED, Stage.WITHDRAWN, Stage.REVOKED, Stage.EXPIRED, Stage.SUPERSEDED)
"""Stages after which a record's deadlines no longer count as overdue."""
_REGISTER_STATUS = {
    Stage.CERTIFICATE_PRINTED: "valid",
    Stage.DISTRIBUTED: "valid",
    Stage.SUSPENDED: "suspended",
    Stage.REVOKED: "revoked",
    Stage.EXPIRED: "expired",
    Stage.SUPERSEDED: "superseded",
}


class ProjectionStatus(BaseModel):
    """Where one read model stands against the head of the notification log."""

    model_config = _FROZEN

    view: str
    position: int
    """The last notification id applied to the view (0: none yet)."""
    head: int
    """The last notification id in the store."""

    @property
    def behind(self) -> int:
        """Notification ids not yet applied (0: up to date)."""
        return max(self.head - self.position, 0)


class StageCount(BaseModel):
    """How many certifications of one scheme and session are at one stage."""

    model_config = _FROZEN

    stage: Stage
    scheme_code: str
    session_id: UUID
    count: int


class RegisterEntry(BaseModel):
    """One certificate in the register: no NIK, no name, no assessment details."""

    model_config = _FROZEN

    certificate_number: str
    certification_id: UUID
    subject_id: UUID
    """The holder's pseudonymous id."""
    scheme_code: str
    status: str
    """valid, suspended, revoked, expired or superseded, as of the query's day: a valid
    certificate past its last valid day reads expired even before a sweep records it."""
    valid_from: date
    valid_until: date
    copy_number: int
    registration_number: str | None


class DeadlineEntry(BaseModel):
    """A deadline of one certification, as recorded (due date, and when it was met)."""

    model_config = _FROZEN

    certification_id: UUID
    deadline: str
    rule_id: str
    due_on: date
    met_on: date | None
    on_due: str | None
    stage: Stage
    scheme_code: str


class OverdueItem(BaseModel):
    """A deadline not met and past its due date."""

    model_config = _FROZEN

    certification_id: UUID
    deadline: str
    rule_id: str
    due_on: date
    days_late: int
    stage: Stage


class DeadlineBoard(BaseModel):
    """What needs attention as of ``today``."""

    model_config = _FROZEN

    today: date
    distributions_overdue: tuple[DeadlineEntry, ...]
    """Certificates not handed over within the scheme's deadline (R41)."""
    certificates_expiring: tuple[DeadlineEntry, ...]
    """Certificates whose last valid day falls within the window (R46)."""
    appeals_awaiting_decision: tuple[DeadlineEntry, ...]
    """Appeals lodged and not yet decided, earliest due first (R50)."""


class WorkloadEntry(BaseModel):
    """Candidates one assessor has on one day (interviews held, or planned for the session)."""

    model_config = _FROZEN

    assessor_id: UUID
    day: date
    candidates: int
    held: int
    """Of those, interviews already recorded."""


# -- rows of each view, from a certification's state --------------------------------------------


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


class _Batch:
    """The rows of one batch: the last state of each certification seen in it, per view."""

    def __init__(self) -> None:
        self.case: dict[str, CaseRow] = {}
        self.register: dict[str, RegisterRow] = {}
        self.deadlines: dict[str, list[DeadlineRow]] = {}
        self.workload: dict[str, WorkloadRow] = {}

    def add(self, view: str, cert: Certification, notification_id: int) -> None:
        cid = str(cert.id)
        if view == "case_board":
            self.case[cid] = CaseRow(
                cid,
                notification_id,  # where it was first seen in the batch: the list's order
                str(cert.state.subject_id),
                cert.state.scheme_code,
                str(cert.state.session_id),
                cert.stage.value,
                cert.version,
                cert.state.certificate_number,
                cert.updated_at.isoformat(),
                cert.workflow_version,
            )
        elif view == "certificate_register":
            state = cert.state
            if state.certificate_number is not None and state.valid_from and state.valid_until:
                self.register[state.certificate_number] = RegisterRow(
                    state.certificate_number,
                    cid,
                    str(state.subject_id),
                    state.scheme_code,
                    _REGISTER_STATUS.get(cert.stage, cert.stage.value),
                    state.valid_from.isoformat(),
                    state.valid_until.isoformat(),
                    state.certificate_copy,
                    state.registration_number,
                )
        elif view == "deadline_board":
            rows = []
            if cert.workflow_version in cert.definitions:
                for deadline in cert.definition.deadlines:
                    due = deadline.due(cert)
                    if due is not None:
                        rows.append(
                            DeadlineRow(
                                cid,
                                deadline.name,
                                deadline.rule_id,
                                due.isoformat(),
                                _iso(deadline.met(cert)),
                                deadline.on_due,
                                cert.stage.value,
                                cert.state.scheme_code,
                            )
                        )
            self.deadlines[cid] = rows
        elif cert.state.assessor_id is not None:  # assessor_workload
            held = cert.state.interviewed_on is not None
            day = cert.state.interviewed_on or cert.state.assessment_date
            self.workload[cid] = WorkloadRow(
                cid,
                str(cert.state.assessor_id),
                day.isoformat(),
                int(held),
                cert.stage.value,
            )

    def rows(self) -> ViewRows:
        """Upserts, and each certification's deadline rows replaced (cleared, then inserted)."""
        return ViewRows(
            case=list(self.case.values()),
            register=list(self.register.values()),
            deadlines_replaced=list(self.deadlines),
            deadlines=[row for rows in self.deadlines.values() for row in rows],
            workload=list(self.workload.values()),
        )


class ReadModels:
    """The four read models of one store, and the runner that keeps them current."""

    def __init__(
        self,
        records: WorkflowStore,
        store: ViewStore,
        *,
        subscribes: bool = False,
        cache_size: int = 20_000,
    ) -> None:
        self._app = records
        self._store = store
        self._subscribes = subscribes
        """Whether the event store wakes a waiting reader (else :meth:`follow` polls)."""
        self._cache: dict[UUID, Certification] = {}
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self.races = 0
        """Batches rolled back because another runner moved a view on first (then redone)."""

    def close(self) -> None:
        """Release what the view store holds privately (an in-memory database)."""
        self._store.close()

    # -- the runner --------------------------------------------------------------------------

    def _key(self, view: str) -> str:
        return f"{self._app.name}.{view}"

    def _views(self, view: str | None) -> tuple[str, ...]:
        if view is None:
            return VIEW_NAMES
        if view not in VIEWS:
            raise InvalidInputError(
                [f"unknown view {view!r}; the views are: {', '.join(VIEW_NAMES)}"]
            )
        return (view,)

    def status(self) -> list[ProjectionStatus]:
        """Each view's position against the head of the notification log."""
        head = self._app.recorder.max_notification_id() or 0
        positions = self._store.positions([self._key(v) for v in VIEW_NAMES])
        return [
            ProjectionStatus(view=v, position=positions[self._key(v)], head=head)
            for v in VIEW_NAMES
        ]

    def catch_up(
        self,
        view: str | None = None,
        *,
        batch_size: int = 1000,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Apply every event not yet in the views (or in ``view``); return how many were applied.

        ``on_progress(done, total)`` counts notification ids. Safe to run from several processes
        at once: a batch that lost the race is rolled back and redone from the new position.
        """
        views = self._views(view)
        with self._lock, cyclic_gc_paused():
            for _ in range(1000):
                try:
                    return self._catch_up(views, batch_size, on_progress)
                except ViewMoved:
                    self.races += 1
        raise RuntimeError("read models kept moving under this runner")  # pragma: no cover

    def _catch_up(
        self,
        views: tuple[str, ...],
        batch_size: int,
        on_progress: Callable[[int, int], None] | None,
    ) -> int:
        keys = {v: self._key(v) for v in views}
        positions = self._store.positions(list(keys.values()))
        at = {v: positions[keys[v]] for v in views}
        head = self._app.recorder.max_notification_id() or 0
        start = min(at.values())
        applied = 0
        while start < head:
            notifications = self._app.recorder.select_notifications(
                start=start + 1, limit=batch_size, stop=head, topics=_TOPICS
            )
            end = notifications[-1].id if notifications else head
            if len(notifications) < batch_size:
                end = head  # nothing of interest up to the head
            # Each certification's rows are written once per batch, from its last state in it
            # (states only move forward); the case board keeps the id it was first seen at.
            latest: dict[UUID, tuple[Certification, int, Sequence[str]]] = {}
            ahead = max(at.values())  # past every view's position, every view wants the event
            for notification in notifications:
                if notification.id > ahead:
                    wanting: Sequence[str] = views
                else:
                    wanting = [v for v in views if notification.id > at[v]]
                    if not wanting:
                        continue
                event = self._app.mapper.to_domain_event(notification)
                cert = self._state_after(event)
                seen = latest.get(cert.id)
                first = notification.id if seen is None else seen[1]
                wanted = wanting if seen is None else sorted({*seen[2], *wanting})
                latest[cert.id] = (cert, first, wanted)
                applied += 1
            batch = _Batch()
            for cert, first, wanting in latest.values():
                for v in wanting:
                    batch.add(v, cert, first)
            moves = {keys[v]: (at[v], max(at[v], end)) for v in views}
            self._store.write(batch.rows(), moves)
            at = {v: max(at[v], end) for v in views}
            if on_progress is not None:
                on_progress(end - min(positions.values()), head - min(positions.values()))
            start = end
        return applied

    def _state_after(self, event: Any) -> Certification:
        """The certification as it stands after ``event``.

        The cached state moved on by the event, or (for a state not cached) the certification
        loaded from the repository at that version.
        """
        cid: UUID = event.originator_id
        version: int = event.originator_version
        cached = self._cache.get(cid)
        if cached is not None and cached.version == version - 1:
            mutated: Certification = event.mutate(cached)
            return mutated  # the same object, moved on: it stays where it is in the cache
        if version == 1:
            cert: Certification = event.mutate(None)
        else:
            found = self._app.find(Certification, cid, version)
            assert found is not None
            cert = found
        self._cache[cid] = cert
        if len(self._cache) > self._cache_size:  # the oldest entry goes first
            del self._cache[next(iter(self._cache))]
        return cert

    def rebuild(
        self,
        view: str | None = None,
        *,
        batch_size: int = 1000,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Empty ``view`` (or all views) and replay the whole log into it; return events applied.

        While it runs, queries of that view see it partly rebuilt.
        """
        views = self._views(view)
        with self._lock:
            self._store.reset(views, [self._key(v) for v in views])
            self._cache.clear()
        return self.catch_up(view, batch_size=batch_size, on_progress=on_progress)

    def follow(self, stop: threading.Event, *, poll_interval: float = 1.0) -> None:
        """Keep the views current until ``stop`` is set.

        On PostgreSQL, eventsourcing's LISTEN/NOTIFY subscription wakes the runner when events
        are recorded; on SQLite, which has no subscription, it polls every ``poll_interval``
        seconds. Each wake-up catches up in batches.
        """
        self.catch_up()
        if not self._subscribes:
            while not stop.wait(poll_interval):
                self.catch_up()
            return
        position = min(s.position for s in self.status())
        with self._app.recorder.subscribe(gt=position, topics=_TOPICS) as subscription:

            def wake() -> None:
                stop.wait()
                subscription.stop()

            waker = threading.Thread(target=wake)
            waker.start()
            try:
                for notification in subscription:
                    if notification.id > position:
                        self.catch_up()
                        position = min(s.position for s in self.status())
            finally:
                stop.set()
                waker.join()

    # -- queries -----------------------------------------------------------------------------

    def certifications(
        self,
        *,
        stage: Stage | Sequence[Stage] | None = None,
        scheme_code: str | None = None,
        session_id: UUID | None = None,
    ) -> list[CertificationSummary]:
        """Certifications from the case board, in registration order.

        ``stage`` is one stage or several (any of them).
        """
        self.catch_up("case_board")
        stages = None
        if stage is not None:
            several: Iterable[object] = (
                stage if isinstance(stage, (list, tuple, set, frozenset)) else [stage]
            )
            stages = [_value(s) for s in several]
        rows = self._store.case_board(
            stages=stages, scheme_code=scheme_code, session_id=_text(session_id)
        )
        return [
            CertificationSummary(
                id=UUID(r.certification_id),
                subject_id=UUID(r.subject_id),
                scheme_code=r.scheme_code,
                session_id=UUID(r.session_id),
                stage=Stage(r.stage),
                version=int(r.version),
                certificate_number=r.certificate_number,
                updated_at=datetime.fromisoformat(r.updated_at),
            )
            for r in rows
        ]

    def stage_counts(
        self, *, scheme_code: str | None = None, session_id: UUID | None = None
    ) -> list[StageCount]:
        """How many certifications are at each stage, per scheme and session."""
        self.catch_up("case_board")
        rows = self._store.stage_counts(scheme_code=scheme_code, session_id=_text(session_id))
        return [
            StageCount(
                stage=Stage(r.stage),
                scheme_code=r.scheme_code,
                session_id=UUID(r.session_id),
                count=int(r.certifications),
            )
            for r in rows
        ]

    def certificate_register(
        self, *, today: date, number: str | None = None, status: str | None = None
    ) -> list[RegisterEntry]:
        """Certificates by number, with their status as of ``today``."""
        self.catch_up("certificate_register")
        rows = self._store.register(today=today.isoformat(), number=number, status=status)
        return [
            RegisterEntry(
                certificate_number=r.certificate_number,
                certification_id=UUID(r.certification_id),
                subject_id=UUID(r.subject_id),
                scheme_code=r.scheme_code,
                status=r.status,
                valid_from=date.fromisoformat(r.valid_from),
                valid_until=date.fromisoformat(r.valid_until),
                copy_number=int(r.copy),
                registration_number=r.registration_number,
            )
            for r in rows
        ]

    def _deadlines(self, query: DeadlineQuery) -> list[DeadlineEntry]:
        """Rows of the deadline board as they are (the caller caught the board up)."""
        return [
            DeadlineEntry(
                certification_id=UUID(r.certification_id),
                deadline=r.deadline,
                rule_id=r.rule_id,
                due_on=date.fromisoformat(r.due_on),
                met_on=None if r.met_on is None else date.fromisoformat(r.met_on),
                on_due=r.on_due,
                stage=Stage(r.stage),
                scheme_code=r.scheme_code,
            )
            for r in self._store.deadlines(query)
        ]

    def deadline_board(self, *, today: date, expiring_within_days: int = 90) -> DeadlineBoard:
        """Overdue distributions, certificates expiring soon and appeals awaiting a decision."""
        horizon = today + timedelta(days=expiring_within_days)
        self.catch_up("deadline_board")
        day = today.isoformat()
        return DeadlineBoard(
            today=today,
            distributions_overdue=tuple(
                self._deadlines(DeadlineQuery(deadline="distribution", unmet=True, due_before=day))
            ),
            certificates_expiring=tuple(
                self._deadlines(
                    DeadlineQuery(deadline="expiry", due_from=day, due_until=horizon.isoformat())
                )
            ),
            appeals_awaiting_decision=tuple(
                self._deadlines(DeadlineQuery(deadline="appeal_decision", unmet=True))
            ),
        )

    def overdue(self, *, today: date) -> list[OverdueItem]:
        """Every deadline not met and past its due date, earliest first (ended records left out)."""
        self.catch_up("deadline_board")
        query = DeadlineQuery(
            unmet=True,
            due_before=today.isoformat(),
            stages_left_out=tuple(stage.value for stage in _ENDED),
        )
        return [
            OverdueItem(
                certification_id=e.certification_id,
                deadline=e.deadline,
                rule_id=e.rule_id,
                due_on=e.due_on,
                days_late=(today - e.due_on).days,
                stage=e.stage,
            )
            for e in self._deadlines(query)
        ]

    def sweep_candidates(
        self, *, today: date, stages: Collection[Stage], known_versions: Collection[int]
    ) -> tuple[list[UUID], list[UUID]]:
        """What a sweep on ``today`` must look at, in registration order.

        Returns the certifications with a deadline past due, unmet, whose passing makes a move
        (``on_due``), and those at one of ``stages`` running under a definition version not in
        ``known_versions`` (the board cannot compute their deadlines).
        """
        self.catch_up()
        due = self._store.due_for_sweep(today=today.isoformat())
        unknown = self._store.unknown_versions(
            stages=[stage.value for stage in stages], known=list(known_versions)
        )
        return [UUID(cid) for cid in due], [UUID(cid) for cid in unknown]

    def assessor_workload(
        self, *, day: date | None = None, assessor_id: UUID | None = None
    ) -> list[WorkloadEntry]:
        """Candidates per assessor per day (withdrawn and rejected candidates left out)."""
        self.catch_up("assessor_workload")
        rows = self._store.workload(
            left_out=[Stage.WITHDRAWN.value, Stage.REJECTED.value],
            day=None if day is None else day.isoformat(),
            assessor_id=_text(assessor_id),
        )
        return [
            WorkloadEntry(
                assessor_id=UUID(r.assessor_id),
                day=date.fromisoformat(r.day),
                candidates=int(r.candidates),
                held=int(r.held),
            )
            for r in rows
        ]

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every view, sorted: two stores' views are equal when their dumps are."""
        self.catch_up()
        return {view: sorted(rows, key=repr) for view, rows in self._store.dump().items()}


def _text(value: UUID | None) -> str | None:
    return None if value is None else str(value)


def _value(stage: object) -> str:
    return stage.value if isinstance(stage, Stage) else str(stage)


def describe(view: str) -> Text:
    """One line about a view, for ``certflow projections status``."""
    return _DESCRIPTIONS[view]


_DESCRIPTIONS = {
    "case_board": Text(
        "sertifikasi per tahap, skema dan sesi", "certifications per stage, scheme and session"
    ),
    "certificate_register": Text(
        "nomor sertifikat, pemegang (id samaran), status, masa berlaku",
        "certificate number, holder (pseudonymous id), status, validity",
    ),
    "deadline_board": Text(
        "distribusi terlambat, sertifikat akan kedaluwarsa, banding menunggu putusan",
        "overdue distributions, expiring certificates, appeals awaiting decision",
    ),
    "assessor_workload": Text("kandidat per asesor per hari", "candidates per assessor per day"),
}
