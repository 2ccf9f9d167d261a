"""The state of one certification: every recorded fact, declared once, typed and immutable.

Events compute the next state from the last one (:meth:`CertificationState.evolve`); they never
change a state in place, so a state handed out (to a view, a cached record's copy, a rule) never
changes under its holder. The aggregate holds the current state as ``certification.state``;
``CertificationView`` extends it with the computed fields of a query.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Annotated, Any, Final, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from certflow.domain.preassessment_values import Adjustment, AssessmentMode
from certflow.domain.values import (
    AssessmentMethod,
    Purpose,
    SchemePolicy,
    SelfAssessment,
    Verdict,
)
from certflow.engine import WorkflowEvent

__all__ = ["PER_ROUND", "STATE_FIELDS", "CertificationEvent", "CertificationState"]

_set = object.__setattr__


class _PerRound:
    """Marks a fact of one assessment round: a new round starts it at its declared default."""

    def __repr__(self) -> str:
        return "PER_ROUND"


PER_ROUND: Final = _PerRound()
"""Field marker (``Annotated[T, PER_ROUND]``): reset by :meth:`CertificationState.new_round`."""


class CertificationState(BaseModel):
    """What is known about one certification after its events so far.

    The first group is recorded at registration and never changes; every later field starts at
    its declared default. Fields marked ``PER_ROUND`` belong to one assessment round and start
    over when an appeal or a re-assessment opens a new one.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    # -- recorded at registration (FR.APL.01) ---------------------------------------------------
    subject_id: UUID
    """The candidate, by pseudonymous subject id (personal data stays in the subject store)."""
    scheme_id: UUID
    scheme_code: str
    scheme_version: int
    unit_codes: tuple[str, ...]
    """The scheme's units, in scheme order."""
    scheme_methods: tuple[AssessmentMethod, ...]
    """The assessment methods the scheme allows (R19)."""
    session_id: UUID
    session_starts_on: date
    assessment_date: date
    """The session's last day: deadlines count from it (R41)."""
    purpose: Purpose
    policy: SchemePolicy
    """The scheme's policy as it was at registration (later scheme versions do not change it)."""
    distribution_due_on: date
    """The certificate is handed over by this day (R41)."""
    previous_certification_id: UUID | None
    """The certification a recertification continues (R47)."""
    logbook_evidence: tuple[str, ...] = ()
    """References to the logbook or activity evidence a recertification was registered on (R47);
    document references, never their content."""
    certificate_prefix: str = ""
    number_format: str = ""
    """The scheme's certificate prefix and number format at registration (R37); empty when
    registered before they were recorded (printing then reads the scheme)."""
    registered_at: datetime

    # -- application and portfolio ----------------------------------------------------------------
    documents_requested: tuple[str, ...] = ()
    admitted: bool = False
    rejection_reason: str = ""
    withdrawal_reason: str = ""
    self_assessment: tuple[SelfAssessment, ...] = ()
    """The FR.APL.02 entries, one per unit, in scheme order (a re-assessment replaces some)."""

    # -- the assessment round ---------------------------------------------------------------------
    units_to_assess: tuple[str, ...] = ()
    """The units of the current assessment round (all of them, or a re-assessment's)."""
    attempt: int = 1
    """Assessment attempts in this cycle, counting the current one (R54)."""
    rounds: int = 1
    """Assessment rounds started, counting the current one (an upheld appeal starts one too)."""
    assessor_id: Annotated[UUID | None, PER_ROUND] = None
    """The assessor of the current round."""
    assessor_ids: tuple[UUID, ...] = ()
    """Everyone ever assigned as assessor of this certification."""
    excluded_assessors: tuple[UUID, ...] = ()
    """Assessors an upheld appeal excludes from assessing again (R52)."""
    agreement_signed_by: Annotated[tuple[str, ...], PER_ROUND] = ()
    """Who signed FR.AK.01 with the current assessor: ``candidate``, ``assessor``."""
    agreed_methods: Annotated[tuple[AssessmentMethod, ...], PER_ROUND] = ()
    vatm: Annotated[Mapping[str, bool], PER_ROUND] = {}
    """Per unit, whether every portfolio item checked for it met VATM (FR.IA.08, R22)."""
    portfolio_verified: Annotated[bool, PER_ROUND] = False
    instrument_versions: Annotated[tuple[int, ...], PER_ROUND] = ()
    """The versions in this record of this round's FR.IA.08 verification and of its
    corrections: the instrument events a correction may name (R25)."""
    no_shows: Annotated[int, PER_ROUND] = 0
    # pre-assessment (R7, R8, R23): recorded before FR.AK.01
    apl02_reviewed_by: Annotated[UUID | None, PER_ROUND] = None
    """The assessor whose FR.APL.02 review is the latest of this round (R7)."""
    apl02_proceed: Annotated[bool | None, PER_ROUND] = None
    """That review's answer: the assessment can proceed, or not yet (R7)."""
    apl02_reasons: Annotated[str, PER_ROUND] = ""
    adjustments: Annotated[tuple[Adjustment, ...], PER_ROUND] = ()
    """The reasonable adjustments (FR.AK.07) of this round (R8)."""
    assessment_mode: Annotated[AssessmentMode | None, PER_ROUND] = None
    """On-site or remote (AJJ) (R23)."""
    """Missed assessments in this round (R56)."""
    interviewed_on: Annotated[date | None, PER_ROUND] = None
    further_evidence_open: Annotated[bool, PER_ROUND] = False
    """Further evidence was asked for and is not yet recorded (R28, R34)."""
    further_evidence: tuple[str, ...] = ()
    unit_results: Mapping[str, Verdict] = {}
    """K/BK per unit; units outside a re-assessment keep theirs."""
    recommendation: Annotated[Verdict | None, PER_ROUND] = None
    recommendation_version: Annotated[int | None, PER_ROUND] = None
    """The position in this record of the FR.AK.02/FR.AK.05 event a decision relies on (R33)."""
    follow_up: Annotated[str, PER_ROUND] = ""
    result_acknowledged: Annotated[bool | None, PER_ROUND] = None
    """The candidate's answer to the recommendation (R29): acknowledged (FR.AK.02 signed),
    rejected (FR.AK.05 penolakan hasil asesmen), or not yet given."""
    result_rejection_reason: Annotated[str, PER_ROUND] = ""

    # -- the decision and the appeal --------------------------------------------------------------
    outcome: Annotated[Verdict | None, PER_ROUND] = None
    decided_on: Annotated[date | None, PER_ROUND] = None
    justification: Annotated[str, PER_ROUND] = ""
    deciders: tuple[str, ...] = ()
    """Everyone who ever decided on this certification (kept off an appeal panel, R51)."""
    k_since: Mapping[str, date] = {}
    """Per competent unit, the decision day it became competent (the carry-over, R54)."""
    appeal_window_ends_on: Annotated[date | None, PER_ROUND] = None
    appeal_window_closed: Annotated[bool, PER_ROUND] = False
    appeal_reason: str = ""
    appeal_lodged_on: date | None = None
    appeal_decision_due_on: Annotated[date | None, PER_ROUND] = None
    appeal_panel: tuple[str, ...] = ()
    """The members of the appeal panel the certification manager formed (R51)."""

    # -- the certificate --------------------------------------------------------------------------
    certificate_number: str | None = None
    registration_number: str | None = None
    """The BNSP registration number, recorded once (R37)."""
    printed_on: date | None = None
    certificate_copy: int = 0
    """1 for the first print; each duplicate counts up and voids the copies before it."""
    holder_name_hash: str = ""
    """SHA-256 (hex) of ``holder_name_salt`` and the holder's name as printed; empty: not bound
    (printed before names were bound, or no name on file)."""
    holder_name_salt: str = ""
    """The random salt of ``holder_name_hash`` (hex), one per certificate."""
    valid_from: date | None = None
    valid_until: date | None = None
    distributed_on: date | None = None
    distribution_deadline_met: bool | None = None
    last_surveillance_on: date | None = None
    surveillance_escalation: str = ""
    """The last step recorded for an overdue surveillance: ``reminder``, ``warning`` or empty
    (none open; a surveillance recorded, or a suspension lifted, closes it), R43."""
    surveillance_respond_by: date | None = None
    """The day the open escalation step gives the holder to report by (R43)."""
    signed_by: Mapping[str, str] = {}
    """Who signed the printed certificate, by role (person ids, R40); empty: not recorded."""
    suspension_grounds: str = ""
    suspension_resolve_by: date | None = None
    revocation_grounds: str = ""
    expired_on: date | None = None
    superseded_by: UUID | None = None

    @classmethod
    def first(cls, **facts: Any) -> Self:
        """The first state: the registration ``facts``, every other field at its default.

        Like :meth:`evolve`, values are trusted to be of their declared types (an event's).
        """
        return cls.trusted({**_DEFAULTS, **facts})

    def evolve(self, **changes: Any) -> Self:
        """The next state: this one with ``changes``; this one is left as it is.

        Like :func:`dataclasses.replace`, an unknown field name is an error. Values are not
        validated again, as with ``model_copy(update=...)`` (events hold typed values): pass
        tuples for tuple fields and new dicts for mapping fields.
        """
        if not STATE_FIELDS.issuperset(changes):
            unknown = ", ".join(sorted(changes.keys() - STATE_FIELDS))
            raise TypeError(f"CertificationState has no field {unknown}")
        values = self.__dict__.copy()
        values.update(changes)
        state = object.__new__(type(self))  # as in trusted(), sharing the fields-set record
        _set(state, "__dict__", values)
        _set(state, "__pydantic_fields_set__", self.__pydantic_fields_set__)
        _set(state, "__pydantic_extra__", None)
        _set(state, "__pydantic_private__", None)
        return state

    @classmethod
    def trusted(cls, values: dict[str, Any]) -> Self:
        """An instance holding ``values``, one for every field, already of the declared types.

        What ``model_construct(**values)`` gives, without validating anything: states are built
        once per applied event and views once per query, and validating their 60-odd fields
        again costs more than decoding the event. Use :meth:`restore` for values from outside.
        """
        fields = cls.__pydantic_fields__  # what model_fields returns, without its ~5 µs wrapper
        if values.keys() != fields.keys():
            wrong = values.keys() ^ fields.keys()
            raise TypeError(f"{cls.__name__} fields missing or unknown: {', '.join(sorted(wrong))}")
        instance = object.__new__(cls)  # what model_construct builds, with nothing to fill in
        _set(instance, "__dict__", values)
        _set(instance, "__pydantic_fields_set__", set(values))
        _set(instance, "__pydantic_extra__", None)
        _set(instance, "__pydantic_private__", None)
        return instance

    def new_round(self, units: Sequence[str]) -> Self:
        """The state a new assessment round of ``units`` starts from.

        Every ``PER_ROUND`` field goes back to its declared default; results of the units outside
        the round are kept.
        """
        return self.evolve(
            **_ROUND_DEFAULTS,
            units_to_assess=tuple(units),
            rounds=self.rounds + 1,
            unit_results={u: v for u, v in self.unit_results.items() if u not in units},
        )

    @classmethod
    def restore(cls, values: Mapping[str, Any]) -> Self:
        """A state from stored plain values (a snapshot): validated, lists become tuples.

        Fields missing from ``values`` take their declared defaults.
        """
        return cls.model_validate(values)


STATE_FIELDS: Final = frozenset(CertificationState.model_fields)
"""The names of the state's fields."""
_DEFAULTS: Final[dict[str, Any]] = {
    name: field.get_default(call_default_factory=True)
    for name, field in CertificationState.model_fields.items()
    if not field.is_required()
}
_ROUND_DEFAULTS: Final[dict[str, Any]] = {
    name: field.get_default(call_default_factory=True)
    for name, field in CertificationState.model_fields.items()
    if PER_ROUND in field.metadata
}


class CertificationEvent(WorkflowEvent):
    """An event of a certification: it computes the next state from the last one."""

    def record(self, aggregate: Any) -> None:
        """Give the aggregate the next state; the state it had is left as it was."""
        aggregate.state = self.evolve(aggregate.state)

    def evolve(self, state: CertificationState) -> CertificationState:
        """The state after this event."""
        raise NotImplementedError(f"{type(self).__qualname__} does not say how it evolves")
