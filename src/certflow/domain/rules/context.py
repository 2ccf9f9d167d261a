"""The context every certification rule reads, and small helpers the rule modules share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from certflow.domain.assessor import Assessor
from certflow.domain.certification_record import CertificationRecord
from certflow.domain.preassessment_values import Adjustment, AssessmentMode
from certflow.domain.scheme import Scheme
from certflow.domain.session import AssessmentSession
from certflow.domain.tuk import Tuk
from certflow.domain.values import (
    AppealRemedy,
    AssessmentMethod,
    ConflictDeclaration,
    EvidenceCheck,
    Purpose,
    SelfAssessment,
    Verdict,
)
from certflow.engine import Actor, Text

__all__ = ["Context", "T", "codes"]

T = Text


@dataclass(frozen=True)
class Context:
    """What a command is decided on: the record, the actor, the day, and the command's inputs.

    The record is read through :class:`~certflow.domain.certification_record.CertificationRecord`
    (id, stage, state), so the rules never import the aggregate that runs them.
    """

    trigger: str
    """The command being decided (rules shared by several moves branch on it)."""
    certification: CertificationRecord | None
    actor: Actor
    today: date
    scheme: Scheme | None = None
    session: AssessmentSession | None = None
    subject_on_file: bool = True
    purpose: Purpose = Purpose.CERTIFICATION
    previous: CertificationRecord | None = None
    entries: Sequence[SelfAssessment] = ()
    documents: Sequence[str] = ()
    reason: str = ""
    assessor: Assessor | None = None
    declaration: ConflictDeclaration | None = None
    methods: Sequence[AssessmentMethod] = ()
    appeal_explained: bool = False
    checks: Sequence[EvidenceCheck] = ()
    corrects: int | None = None
    """The version of the instrument event a correction names (R25)."""
    interviews_that_day: int = 0
    results: Mapping[str, Verdict] = field(default_factory=dict)
    recommendation: Verdict | None = None
    follow_up: str = ""
    outcome: Verdict | None = None
    justification: str = ""
    number: str = ""
    panel: Sequence[str] = ()
    remedy: AppealRemedy | None = None
    grounds: str = ""
    resolve_by: date | None = None
    superseded_by: CertificationRecord | None = None
    tuk: Tuk | None = None
    """The TUK an interview is held at, with the session (R24); ``None``: not checked."""
    proceed: bool | None = None
    """FR.APL.02 review: the assessment can proceed (R7)."""
    adjustment: Adjustment | None = None
    mode: AssessmentMode | None = None
    unit_outcomes: Mapping[str, Verdict] = field(default_factory=dict)
    """The decision's outcome per unit (R33)."""
    deciders: Sequence[str] = ()
    """The decision's named deciders, person ids (R33)."""
    signatories: Mapping[str, str] = field(default_factory=dict)
    """The printed certificate's signatories by role (R40)."""
    logbook: Sequence[str] = ()
    """A recertification's logbook or activity evidence references (R47)."""

    @property
    def cert(self) -> CertificationRecord:
        """The certification (every rule but registration's has one)."""
        assert self.certification is not None
        return self.certification


def codes(values: Sequence[str]) -> str:
    """Unit codes (or other names) as a comma-separated list for a sentence."""
    return ", ".join(values)
