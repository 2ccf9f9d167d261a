"""Data-protection duties under UU PDP as facts: corrections, disclosure, breaches, destruction.

Like :mod:`certflow.domain.subject`, no event here holds personal data. A correction records
which fields changed (the new values live in the erasable subject store, R61); a disclosure
basis records who may see what and why (R62); a breach records when it was discovered and when
the subjects and the authority were told (R63, 72 hours); a destruction records that a
subject's data was destroyed at the end of the retention schedule (R60). The BNSP report rule
(R39) lives here too, as the application checks it before a report is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from certflow.domain.values import Role
from certflow.engine import (
    Actor,
    Move,
    Rule,
    Text,
    Workflow,
    WorkflowAggregate,
    WorkflowEvent,
    WorkflowStarted,
    rule,
)

__all__ = [
    "BREACH_NOTICE_HOURS",
    "CORRECTABLE_FIELDS",
    "CORRECTION_WORKFLOW",
    "DISCLOSURE_WORKFLOW",
    "KEEPERS",
    "PROTECTION_RULES",
    "Correction",
    "DisclosureBasis",
    "DisclosureStatus",
    "LegalBasis",
    "breach_id",
    "correction_id",
    "disclosure_id",
    "retention_id",
]

_NAMESPACE = UUID("5d0c7a1e-6b1f-4d4e-9a57-0e3b8f2c6d91")
KEEPERS = (Role.DATA_PROTECTION_OFFICER, Role.LSP_ADMIN, Role.HEAD_OF_LSP)
"""Who corrects personal data and destroys it on schedule for the LSP."""
_BASIS_ROLES = (Role.DATA_PROTECTION_OFFICER, Role.HEAD_OF_LSP)
"""Who records (and withdraws) a legal basis to disclose results to a third party."""

BREACH_NOTICE_HOURS = 72
"""UU PDP Pasal 46: written notice to the subjects and the authority within 3 × 24 hours."""
CORRECTABLE_FIELDS = ("name", "nik", "nrp", "rank", "unit", "position", "phone", "email")
"""The fields of :class:`~certflow.application.subjects.PersonalData` a correction may change."""


class LegalBasis(Enum):
    """Lawful bases for processing (UU PDP Pasal 20), as a disclosure basis names them."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTEREST = "vital_interest"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTEREST = "legitimate_interest"


def correction_id(subject_id: UUID, number: int) -> UUID:
    """The id of a subject's ``number``-th correction (1, 2, ...)."""
    return uuid5(_NAMESPACE, f"correction:{subject_id}:{number}")


def disclosure_id(recipient: str, scope: str) -> UUID:
    """The id of the disclosure basis of ``recipient`` for the session ``scope``."""
    return uuid5(_NAMESPACE, f"disclosure:{recipient.strip().lower()}:{scope.strip()}")


def breach_id(code: str) -> UUID:
    """The id of the breach with this code."""
    return uuid5(_NAMESPACE, f"breach:{code.strip()}")


def retention_id(subject_id: UUID) -> UUID:
    """The id of the record of a subject's destruction at the end of retention."""
    return uuid5(_NAMESPACE, f"retention:{subject_id}")


# -- the rules ---------------------------------------------------------------------------------


@rule(
    "R39",
    Text(
        "The BNSP blank request holds the request letter, the berita "
        "acara, the decision and every candidate of the session, K and "
        "BK; it cannot be made while one is undecided.",
    ),
)
def all_decided(ctx: dict[str, Any]) -> Text | None:
    """R39: ``ctx["undecided"]`` counts the session's candidates with no decision yet."""
    undecided = int(ctx.get("undecided", 0))
    if ctx.get("listed", 0) == 0:
        return Text("this session has no decided candidate yet")
    if undecided:
        return Text(
            "{undecided} candidate(s) of this session are undecided; the "
            "blank request lists every candidate (K and BK): decide them all "
            "first",
            undecided=undecided,
        )
    return None


@rule(
    "R60",
    Text(
        "Certification records are kept until the end of the cycle "
        "(validity, or decision + minimum retention for BK/withdrawn), "
        "then destroyed per the retention schedule.",
    ),
)
def retention_ended(ctx: dict[str, Any]) -> Text | None:
    """R60: ``ctx["retain_until"]`` (None: a cycle still open) must be before ``ctx["today"]``."""
    until = ctx.get("retain_until")
    if until is None:
        return Text(
            "this subject still has a certification in progress; their "
            "personal data is kept until the end of the cycle",
        )
    if ctx["today"] <= until:
        return Text(
            "the retention period ends {until}; destroy after that date",
            until=until.isoformat(),
        )
    return None


@rule(
    "R61",
    Text("Personal-data corrections are appended events; views show the latest value."),
)
def correction_changes(ctx: dict[str, Any]) -> Text | None:
    """R61: a correction names known fields, changes at least one, and keeps values out."""
    fields = ctx.get("fields", ())
    unknown = [f for f in fields if f not in CORRECTABLE_FIELDS]
    if unknown:
        return Text(
            "unknown field(s): {unknown}; correctable: {correctable_fields}",
            unknown=", ".join(unknown),
            correctable_fields=", ".join(CORRECTABLE_FIELDS),
        )
    if not fields:
        return Text("the correction changes nothing: the new values are those on file")
    reason = str(ctx.get("reason", "")).casefold()
    if any(str(v).casefold() in reason for v in ctx.get("values", ()) if str(v).strip()):
        return Text(
            "the reason holds a personal-data value; state the reason without personal data (R58)",
        )
    return None


@rule(
    "R62",
    Text(
        "Assessment results are disclosed only to the candidate, "
        "assigned assessors, LSP decision roles, BNSP and parties with a "
        "recorded consent or legal basis.",
    ),
)
def disclosure_allowed(ctx: dict[str, Any]) -> Text | None:
    """R62: a recorded basis in force for ``ctx["recipient"]`` and ``ctx["scope"]``."""
    if ctx.get("trigger") == "record_disclosure_basis":
        if not str(ctx.get("recipient", "")).strip() or not str(ctx.get("reference", "")).strip():
            return Text(
                "a disclosure basis needs its recipient and the reference of its "
                "document (consent, agreement or regulation)",
            )
        return None
    basis = ctx.get("basis")
    if basis is None or basis.status is not DisclosureStatus.RECORDED:
        recipient, scope = ctx.get("recipient", ""), ctx.get("scope", "")
        return Text(
            "no recorded legal basis or consent for {recipient} for session "
            "{scope}; record one first with `certflow disclosure record`",
            recipient=recipient,
            scope=scope,
        )
    return None


@rule(
    "R63",
    Text(
        "A personal-data breach is notified to the subjects and the "
        "authority within 3 × 24 hours of its discovery.",
    ),
)
def breach_described(ctx: dict[str, Any]) -> Text | None:
    """R63: a breach has a nature, a count of subjects, and is not discovered in the future."""
    if not str(ctx.get("nature", "")).strip() or int(ctx.get("subjects_affected", -1)) < 0:
        return Text(
            "a breach record needs its nature and the number of subjects affected (0 or more)",
        )
    if ctx["discovered_at"] > ctx["now"]:
        return Text("the time of discovery cannot be in the future")
    return None


PROTECTION_RULES: tuple[Rule[Any], ...] = (
    all_decided,
    retention_ended,
    correction_changes,
    disclosure_allowed,
    breach_described,
)
"""The data-protection rules, for the rulebook."""


# -- corrections (R61) -------------------------------------------------------------------------


class CorrectionStatus(Enum):
    """A correction is recorded once and stands."""

    RECORDED = "recorded"


CORRECTION_WORKFLOW: Workflow[CorrectionStatus] = Workflow(
    "personal_data_correction",
    version=1,
    stages=CorrectionStatus,
    initial=CorrectionStatus.RECORDED,
    final=[CorrectionStatus.RECORDED],
    moves=[
        Move(
            "correct_personal_data",
            source=None,
            dest=CorrectionStatus.RECORDED,
            roles=KEEPERS,
            rules=[correction_changes],
        )
    ],
)


class Correction(WorkflowAggregate[CorrectionStatus]):
    """One correction of a subject's personal data: which fields, why; never the values."""

    TOPIC = "certflow/Correction"
    workflow = CORRECTION_WORKFLOW

    class PersonalDataCorrected(WorkflowStarted):
        """Fields of a subject's personal data were corrected (UU PDP Pasal 6, R61)."""

        TOPIC = "certflow/Correction.PersonalDataCorrected"
        subject_id: UUID
        number: int
        fields: list[str]
        reason: str

        def record(self, aggregate: Any) -> None:
            """Keep what changed, not the values."""
            aggregate.subject_id = self.subject_id
            aggregate.number = self.number
            aggregate.fields = list(self.fields)
            aggregate.reason = self.reason
            aggregate.corrected_at = self.at
            aggregate.corrected_by = self.actor_id

    if TYPE_CHECKING:
        subject_id: UUID
        number: int
        fields: list[str]
        reason: str
        corrected_at: datetime
        corrected_by: str

    @classmethod
    def record_correction(
        cls,
        subject_id: UUID,
        number: int,
        changes: Mapping[str, object],
        reason: str,
        *,
        actor: Actor,
        at: datetime,
    ) -> Correction:
        """Record the ``number``-th correction; ``changes`` are read by the rule, never stored."""
        context = {"fields": list(changes), "values": list(changes.values()), "reason": reason}
        return cls.start_move(
            cls.PersonalDataCorrected,
            "correct_personal_data",
            id=correction_id(subject_id, number),
            actor=actor,
            at=at,
            context=context,
            subject_id=subject_id,
            number=number,
            fields=sorted(changes),
            reason=reason.strip(),
        )


# -- disclosure bases (R62) --------------------------------------------------------------------


class DisclosureStatus(Enum):
    """Whether a disclosure basis is in force."""

    RECORDED = "recorded"
    WITHDRAWN = "withdrawn"


DISCLOSURE_WORKFLOW: Workflow[DisclosureStatus] = Workflow(
    "disclosure_basis",
    version=1,
    stages=DisclosureStatus,
    initial=DisclosureStatus.RECORDED,
    final=[DisclosureStatus.WITHDRAWN],
    moves=[
        Move(
            "record_disclosure_basis",
            source=None,
            dest=DisclosureStatus.RECORDED,
            roles=_BASIS_ROLES,
            rules=[disclosure_allowed],
        ),
        Move(
            "withdraw_disclosure_basis",
            source=DisclosureStatus.RECORDED,
            dest=DisclosureStatus.WITHDRAWN,
            roles=_BASIS_ROLES,
            source_rule="R62",
        ),
    ],
)


class DisclosureBasis(WorkflowAggregate[DisclosureStatus]):
    """A recorded legal basis or consent for a third party (the sponsor) to see results."""

    TOPIC = "certflow/DisclosureBasis"
    workflow = DISCLOSURE_WORKFLOW

    class Recorded(WorkflowStarted):
        """A basis to disclose a session's results to a recipient was recorded (R62)."""

        TOPIC = "certflow/DisclosureBasis.Recorded"
        recipient: str
        basis: str
        scope: str
        reference: str

        def record(self, aggregate: Any) -> None:
            """Keep the basis."""
            aggregate.recipient = self.recipient
            aggregate.basis = self.basis
            aggregate.scope = self.scope
            aggregate.reference = self.reference
            aggregate.withdrawn_reason = ""

    class Withdrawn(WorkflowEvent):
        """The basis was withdrawn (consent withdrawn, agreement ended)."""

        TOPIC = "certflow/DisclosureBasis.Withdrawn"
        reason: str

        def record(self, aggregate: Any) -> None:
            """Keep the reason."""
            aggregate.withdrawn_reason = self.reason

    if TYPE_CHECKING:
        recipient: str
        basis: str
        scope: str
        reference: str
        withdrawn_reason: str

    @property
    def status(self) -> DisclosureStatus:
        """In force or withdrawn."""
        return DisclosureStatus(self.stage_name)

    @classmethod
    def record_basis(
        cls,
        *,
        recipient: str,
        basis: LegalBasis,
        scope: str,
        reference: str,
        actor: Actor,
        at: datetime,
    ) -> DisclosureBasis:
        """Record a basis for ``recipient`` to see the results of session ``scope``."""
        context = {
            "trigger": "record_disclosure_basis",
            "recipient": recipient,
            "reference": reference,
        }
        return cls.start_move(
            cls.Recorded,
            "record_disclosure_basis",
            id=disclosure_id(recipient, scope),
            actor=actor,
            at=at,
            context=context,
            recipient=recipient.strip().lower(),
            basis=basis.value,
            scope=scope.strip(),
            reference=reference.strip(),
        )

    def withdraw(self, reason: str, *, actor: Actor, at: datetime) -> None:
        """Withdraw the basis: the recipient sees nothing more from now on."""
        decision = self.decide_move("withdraw_disclosure_basis", actor)
        self.record_move(self.Withdrawn, decision, actor=actor, at=at, reason=reason.strip())
