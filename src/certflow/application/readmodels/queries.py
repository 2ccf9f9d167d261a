"""Queries of the read models: the case board, certificate register, deadline board, workload.

Queries check their view against the head of the log with the read itself (one round trip on
PostgreSQL) and catch it up first when it lags, so a caller reads its own writes (on a store opened
read-only they read the views as they stand and note the lag in ``behind``). A long-running runner
(``certflow projections run``) keeps them current in the background: on PostgreSQL it waits on
eventsourcing's LISTEN/NOTIFY subscription, on SQLite (which has none) it polls.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from certflow.application.readmodels.rows import (
    CasePage,
    DeadlineBoard,
    DeadlineEntry,
    OverdueItem,
    RegisterEntry,
    StageCount,
    WorkloadEntry,
)
from certflow.application.readmodels.runner import ViewRunner
from certflow.application.view_rows import CaseRow, DeadlineQuery
from certflow.application.views import CertificationSummary
from certflow.domain import Stage

__all__ = ["ReadModels"]

_ENDED = (Stage.REJECTED, Stage.WITHDRAWN, Stage.REVOKED, Stage.EXPIRED, Stage.SUPERSEDED)
"""Stages after which a record's deadlines no longer count as overdue."""


class ReadModels(ViewRunner):
    """The four read models of one store, and the runner that keeps them current."""

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
        rows = self._read(
            "case_board",
            lambda: self._store.case_board(
                stages=_stages(stage), scheme_code=scheme_code, session_id=_text(session_id)
            ),
        )
        return [_summary(r) for r in rows]

    def certification_page(
        self,
        *,
        stage: Stage | Sequence[Stage] | None = None,
        scheme_code: str | None = None,
        session_id: UUID | None = None,
        after: int | None = None,
        limit: int = 50,
    ) -> CasePage:
        """One page of :meth:`certifications`: at most ``limit`` after the key ``after``.

        A keyset page: its cost does not grow with the board (one stage or one session is an
        index range scan). Pass the page's ``after`` back for the next one; ``None`` means
        the last page was read.
        """
        rows = self._read(
            "case_board",
            lambda: self._store.case_board(
                stages=_stages(stage),
                scheme_code=scheme_code,
                session_id=_text(session_id),
                after=after,
                limit=limit + 1,
            ),
        )
        more = len(rows) > limit
        rows = rows[:limit]
        return CasePage(
            items=tuple(_summary(r) for r in rows),
            after=int(rows[-1].listed) if more and rows else None,
        )

    def stage_counts(
        self, *, scheme_code: str | None = None, session_id: UUID | None = None
    ) -> list[StageCount]:
        """How many certifications are at each stage, per scheme and session."""
        rows = self._read(
            "case_board",
            lambda: self._store.stage_counts(scheme_code=scheme_code, session_id=_text(session_id)),
        )
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
        self,
        *,
        today: date,
        number: str | None = None,
        status: str | None = None,
        holder: UUID | None = None,
    ) -> list[RegisterEntry]:
        """Certificates by number, with their status as of ``today``.

        ``holder`` (a subject id) keeps one holder's certificates.
        """
        rows = self._read(
            "certificate_register",
            lambda: self._store.register(
                today=today.isoformat(), number=number, status=status, holder=_text(holder)
            ),
        )
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
        self._fresh("deadline_board")
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
        self._fresh("deadline_board")
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
        self._fresh()
        due = self._store.due_for_sweep(today=today.isoformat())
        unknown = self._store.unknown_versions(
            stages=[stage.value for stage in stages], known=list(known_versions)
        )
        return [UUID(cid) for cid in due], [UUID(cid) for cid in unknown]

    def assessor_workload(
        self, *, day: date | None = None, assessor_id: UUID | None = None
    ) -> list[WorkloadEntry]:
        """Candidates per assessor per day (withdrawn and rejected candidates left out)."""
        rows = self._read(
            "assessor_workload",
            lambda: self._store.workload(
                left_out=[Stage.WITHDRAWN.value, Stage.REJECTED.value],
                day=None if day is None else day.isoformat(),
                assessor_id=_text(assessor_id),
            ),
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
        self._fresh()
        return {view: sorted(rows, key=repr) for view, rows in self._store.dump().items()}


def _stages(stage: Stage | Sequence[Stage] | None) -> list[str] | None:
    if stage is None:
        return None
    several: Iterable[object] = (
        stage if isinstance(stage, (list, tuple, set, frozenset)) else [stage]
    )
    return [_value(s) for s in several]


def _summary(r: CaseRow) -> CertificationSummary:
    return CertificationSummary(
        id=UUID(r.certification_id),
        subject_id=UUID(r.subject_id),
        scheme_code=r.scheme_code,
        session_id=UUID(r.session_id),
        stage=Stage(r.stage),
        version=int(r.version),
        certificate_number=r.certificate_number,
        updated_at=datetime.fromisoformat(r.updated_at),
    )


def _text(value: UUID | None) -> str | None:
    return None if value is None else str(value)


def _value(stage: object) -> str:
    return stage.value if isinstance(stage, Stage) else str(stage)
