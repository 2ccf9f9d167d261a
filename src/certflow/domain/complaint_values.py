"""The values of a complaint (R53): stages, subjects, outcomes, the policy, and its rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol
from uuid import UUID

from certflow.domain.identifiers import identifier_in
from certflow.engine import Actor, Text, rule


class Investigated(Protocol):
    """What the resolving rule reads of a complaint."""

    @property
    def investigator(self) -> str | None:
        """The assigned investigator's person id."""
        ...


__all__ = [
    "COMPLAINT_RULES",
    "ComplaintContext",
    "ComplaintOutcome",
    "ComplaintPolicy",
    "ComplaintStage",
    "ComplaintSubject",
    "complaint_named",
    "investigator_independent",
    "resolved_by_investigator",
]


class ComplaintStage(Enum):
    """Where a complaint stands."""

    FILED = "filed"
    ACKNOWLEDGED = "acknowledged"
    UNDER_INVESTIGATION = "under_investigation"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"


class ComplaintSubject(Enum):
    """What a complaint is about."""

    LSP = "lsp"
    """The LSP itself (its service, its staff as a body)."""
    ASSESSOR = "assessor"
    """One of its assessors (by register id)."""
    CERTIFIED_PERSON = "certified_person"
    """A certified person, through their certification."""


class ComplaintOutcome(Enum):
    """What the investigation found."""

    SUBSTANTIATED = "substantiated"
    UNSUBSTANTIATED = "unsubstantiated"


@dataclass(frozen=True)
class ComplaintPolicy:
    """The LSP's complaint deadlines, in calendar days from receipt (certflow policy [A])."""

    acknowledge_within_days: int = 7
    """The complaint is acknowledged within a week."""
    resolve_within_days: int = 60
    """The complaint is resolved within two months."""


@dataclass(frozen=True)
class ComplaintContext:
    """What the complaint rules read: the record (if any) and the command's inputs."""

    actor: Actor
    complaint: Investigated | None = None
    subject: ComplaintSubject | None = None
    assessor_id: UUID | None = None
    certification_id: UUID | None = None
    summary: str = ""
    conflicts: Sequence[Text] = field(default_factory=tuple)
    """Why the investigator named is involved with the subject (found by the application)."""
    outcome: ComplaintOutcome | None = None
    findings: str = ""
    actions: Sequence[str] = ()


@rule(
    "R53",
    Text(
        "A complaint names its subject (the LSP, an assessor, or a "
        "certified person's certification) and a summary without "
        "personal data.",
    ),
)
def complaint_named(ctx: ComplaintContext) -> Text | None:
    """R53 (filing)."""
    if ctx.subject is ComplaintSubject.ASSESSOR and ctx.assessor_id is None:
        return Text("name the assessor complained about")
    if ctx.subject is ComplaintSubject.CERTIFIED_PERSON and ctx.certification_id is None:
        return Text("name the certification of the person complained about")
    if not ctx.summary.strip():
        return Text("a complaint needs a written summary")
    if identifier_in(ctx.summary) is not None:
        return Text(
            "the summary holds personal data (a NIK, e-mail or phone); keep it out of the log",
        )
    return None


@rule(
    "R53",
    Text("A complaint is investigated by someone not involved with its subject."),
)
def investigator_independent(ctx: ComplaintContext) -> Text | None:
    """R53 (assigning the investigator)."""
    if ctx.conflicts:
        conflicts = Text.join(ctx.conflicts)
        return Text("{conflicts}; assign another investigator", conflicts=conflicts)
    return None


@rule(
    "R53",
    Text("A complaint is resolved by its assigned investigator, with findings and actions."),
)
def resolved_by_investigator(ctx: ComplaintContext) -> Text | None:
    """R53 (resolving)."""
    investigator = ctx.complaint.investigator if ctx.complaint is not None else None
    if ctx.actor.id != investigator:
        return Text(
            "{actor_id} is not the assigned investigator ({investigator})",
            actor_id=ctx.actor.id,
            investigator=investigator,
        )
    if not ctx.findings.strip():
        return Text("write down the investigation's findings")
    if ctx.outcome is ComplaintOutcome.SUBSTANTIATED and not [a for a in ctx.actions if a.strip()]:
        return Text("a substantiated complaint needs the actions taken")
    return None


COMPLAINT_RULES = (complaint_named, investigator_independent, resolved_by_investigator)
"""The complaint rules, for the rulebook."""
