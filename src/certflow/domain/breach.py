"""Breaches (R63) and destruction at the end of retention (R60), as facts with no personal data.

A breach records when it was discovered, its nature and how many subjects it touched; its
notification is due 72 hours later, a deadline on the workflow the sweep reads (decision 0004).
A destruction records that a candidate's data was destroyed once the retention schedule ended.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID

from certflow.domain.data_protection import (
    BREACH_NOTICE_HOURS,
    KEEPERS,
    breach_described,
    breach_id,
    retention_ended,
    retention_id,
)
from certflow.domain.values import Role
from certflow.engine import (
    Actor,
    Deadline,
    Move,
    Text,
    Workflow,
    WorkflowAggregate,
    WorkflowEvent,
    WorkflowStarted,
)

__all__ = [
    "BREACH_WORKFLOW",
    "RETENTION_WORKFLOW",
    "Breach",
    "BreachStatus",
    "Retention",
    "RetentionStatus",
]

_DPO = (Role.DATA_PROTECTION_OFFICER,)
"""Who records breaches and their notification: the data protection officer."""


# -- breaches (R63) ----------------------------------------------------------------------------


class BreachStatus(Enum):
    """Where a breach's notification stands."""

    DISCOVERED = "discovered"
    NOTIFICATION_OVERDUE = "notification_overdue"
    NOTIFIED = "notified"


def _notify_by(breach: Any) -> date | None:
    return breach.notify_by.date()  # type: ignore[no-any-return]


def _open_notify_by(breach: Any) -> date | None:
    return _notify_by(breach) if breach.stage_name == BreachStatus.DISCOVERED.value else None


def _notified_on(breach: Any) -> date | None:
    notified: datetime | None = breach.notified_at
    return None if notified is None else notified.date()


BREACH_WORKFLOW: Workflow[BreachStatus] = Workflow(
    "personal_data_breach",
    version=1,
    stages=BreachStatus,
    initial=BreachStatus.DISCOVERED,
    final=[BreachStatus.NOTIFIED],
    moves=[
        Move(
            "record_breach",
            source=None,
            dest=BreachStatus.DISCOVERED,
            roles=_DPO,
            rules=[breach_described],
            applies=["R63"],
        ),
        Move(
            "escalate_breach",
            source=BreachStatus.DISCOVERED,
            dest=BreachStatus.NOTIFICATION_OVERDUE,
            roles=(Role.SYSTEM,),
        ),
        Move(
            "notify_breach",
            source=[BreachStatus.DISCOVERED, BreachStatus.NOTIFICATION_OVERDUE],
            dest=BreachStatus.NOTIFIED,
            roles=_DPO,
            source_rule="R63",
        ),
    ],
    deadlines=[
        Deadline(
            "breach_notification",
            rule_id="R63",
            due=_notify_by,
            met=_notified_on,
            description=Text("breach notification within 3 × 24 hours"),
        ),
        Deadline(
            "breach_escalation",
            rule_id="R63",
            due=_open_notify_by,
            on_due="escalate_breach",
            description=Text("a late notification is recorded by the sweep"),
        ),
    ],
)


class Breach(WorkflowAggregate[BreachStatus]):
    """A personal-data breach: discovered, notified within 72 hours (or recorded as overdue)."""

    TOPIC = "certflow/Breach"
    workflow = BREACH_WORKFLOW

    class Discovered(WorkflowStarted):
        """A breach was discovered (no personal data: its nature and how many were affected)."""

        TOPIC = "certflow/Breach.Discovered"
        code: str
        nature: str
        subjects_affected: int
        discovered_at: datetime
        notify_by: datetime

        def record(self, aggregate: Any) -> None:
            """Keep the breach and its deadline."""
            aggregate.code = self.code
            aggregate.nature = self.nature
            aggregate.subjects_affected = self.subjects_affected
            aggregate.discovered_at = self.discovered_at
            aggregate.notify_by = self.notify_by
            aggregate.notified_at = None
            aggregate.escalated = False

    class NotificationOverdue(WorkflowEvent):
        """The 72 hours passed without a notification (recorded by the sweep)."""

        TOPIC = "certflow/Breach.NotificationOverdue"

        def record(self, aggregate: Any) -> None:
            """Mark it."""
            aggregate.escalated = True

    class Notified(WorkflowEvent):
        """The subjects and the authority were notified in writing (UU PDP Pasal 46)."""

        TOPIC = "certflow/Breach.Notified"
        notified_at: datetime
        late: bool

        def record(self, aggregate: Any) -> None:
            """Keep the time."""
            aggregate.notified_at = self.notified_at

    if TYPE_CHECKING:
        code: str
        nature: str
        subjects_affected: int
        discovered_at: datetime
        notify_by: datetime
        notified_at: datetime | None
        escalated: bool

    @property
    def status(self) -> BreachStatus:
        """Where the notification stands."""
        return BreachStatus(self.stage_name)

    @classmethod
    def discover(
        cls,
        code: str,
        *,
        nature: str,
        subjects_affected: int,
        discovered_at: datetime,
        actor: Actor,
        at: datetime,
    ) -> Breach:
        """Record a breach discovered at ``discovered_at``; notification is due 72 h later."""
        context = {
            "nature": nature,
            "subjects_affected": subjects_affected,
            "discovered_at": discovered_at,
            "now": at,
        }
        return cls.start_move(
            cls.Discovered,
            "record_breach",
            id=breach_id(code),
            actor=actor,
            at=at,
            context=context,
            code=code.strip(),
            nature=nature.strip(),
            subjects_affected=subjects_affected,
            discovered_at=discovered_at,
            notify_by=discovered_at + timedelta(hours=BREACH_NOTICE_HOURS),
        )

    def escalate_breach(self, *, actor: Actor, at: datetime) -> None:
        """Record that the notification is overdue (the sweep's move)."""
        decision = self.decide_move("escalate_breach", actor)
        self.record_move(self.NotificationOverdue, decision, actor=actor, at=at)

    def notify(self, *, actor: Actor, at: datetime) -> None:
        """Record the notification of the subjects and the authority, late or not."""
        decision = self.decide_move("notify_breach", actor)
        late = at > self.notify_by
        self.record_move(self.Notified, decision, actor=actor, at=at, notified_at=at, late=late)


# -- destruction at the end of retention (R60) -------------------------------------------------


class RetentionStatus(Enum):
    """A subject's data was destroyed on schedule."""

    DESTROYED = "destroyed"


RETENTION_WORKFLOW: Workflow[RetentionStatus] = Workflow(
    "personal_data_retention",
    version=1,
    stages=RetentionStatus,
    initial=RetentionStatus.DESTROYED,
    final=[RetentionStatus.DESTROYED],
    moves=[
        Move(
            "destroy_personal_data",
            source=None,
            dest=RetentionStatus.DESTROYED,
            roles=KEEPERS,
            rules=[retention_ended],
        )
    ],
)


class Retention(WorkflowAggregate[RetentionStatus]):
    """The destruction of a subject's personal data at the end of the retention schedule."""

    TOPIC = "certflow/Retention"
    workflow = RETENTION_WORKFLOW

    class PersonalDataDestroyed(WorkflowStarted):
        """The subject's personal data was destroyed at the end of retention (Pasal 44, R60)."""

        TOPIC = "certflow/Retention.PersonalDataDestroyed"
        subject_id: UUID
        retained_until: date
        destroyed_on: date

        def record(self, aggregate: Any) -> None:
            """Keep the dates."""
            aggregate.subject_id = self.subject_id
            aggregate.retained_until = self.retained_until
            aggregate.destroyed_on = self.destroyed_on

    if TYPE_CHECKING:
        subject_id: UUID
        retained_until: date
        destroyed_on: date

    @classmethod
    def destroy(
        cls, subject_id: UUID, retain_until: date | None, *, actor: Actor, at: datetime
    ) -> Retention:
        """Record the destruction; refused (R60) before the end of the cycle."""
        context = {"retain_until": retain_until, "today": at.date()}
        return cls.start_move(
            cls.PersonalDataDestroyed,
            "destroy_personal_data",
            id=retention_id(subject_id),
            actor=actor,
            at=at,
            context=context,
            subject_id=subject_id,
            retained_until=retain_until,
            destroyed_on=at.date(),
        )
