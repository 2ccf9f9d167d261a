"""The TUK (Tempat Uji Kompetensi) register: proposed, verified for schemes, suspended, expired.

A TUK is a venue, never a person: its events carry a name, a kind and an address reference (a
hotel's or an office's address is not personal data). The LSP assigns an assessor to verify it
(R17); the assessor records the checklist, and a verification whose every item is met makes the
TUK verified for the schemes it names. A TUK *sewaktu* or *tempat kerja* is verified for one
session; a TUK *mandiri* for a validity window, after which the sweep expires it (R16). A
session may be planned, and an interview recorded, only at a TUK verified for the scheme on
those dates (R16, R24): :meth:`Tuk.refusal` says why not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from certflow.domain.assessor import Assessor
from certflow.domain.values import Role, TukKind
from certflow.engine import (
    Actor,
    Deadline,
    InvalidInputError,
    Move,
    Text,
    Workflow,
    WorkflowAggregate,
    WorkflowEvent,
    WorkflowStarted,
    rule,
)

__all__ = [
    "TUK_RULES",
    "TUK_WORKFLOW",
    "Tuk",
    "TukCheck",
    "TukContext",
    "TukStatus",
    "TukVerification",
    "tuk_id",
]

_NAMESPACE = UUID("5b0f6a3e-2d4c-4f1a-9e8b-7c6d5e4f3a2b")

_OFFICE = (Role.LSP_ADMIN, Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP)
_ASSIGNING = (Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP, Role.LSP_ADMIN)
SESSION_BOUND = frozenset({TukKind.AD_HOC, TukKind.WORKPLACE})
"""Kinds whose verification belongs to one session (R16); a TUK mandiri has a window instead."""


def tuk_id(name: str) -> UUID:
    """The deterministic id of the TUK with this name (spacing and case do not matter)."""
    return uuid5(_NAMESPACE, f"tuk:{' '.join(name.split()).casefold()}")


class TukStatus(Enum):
    """Where a TUK stands."""

    PROPOSED = "proposed"
    VERIFIED = "verified"
    SUSPENDED = "suspended"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class TukCheck:
    """One checklist item of a TUK verification (FR.MAPA / TUK checklist), and whether it is met."""

    item: str
    met: bool


@dataclass(frozen=True, slots=True)
class TukVerification:
    """One recorded verification of a TUK."""

    verification_id: str
    verifier_id: str
    verified_on: date
    fit: bool
    """Every checklist item was met."""
    checks: tuple[TukCheck, ...]
    scheme_ids: tuple[UUID, ...]
    session_id: UUID | None
    """The session it was made for (TUK sewaktu / tempat kerja); ``None`` for a TUK mandiri."""
    valid_until: date | None
    """The last day of a TUK mandiri's window; ``None`` for a session's verification."""


@dataclass(frozen=True)
class TukContext:
    """What a TUK command is decided on."""

    trigger: str
    tuk: Tuk | None
    actor: Actor
    today: date
    assessor: Assessor | None = None
    """The assessor named by an assignment (``None``: not in the assessor register)."""


@rule(
    "R17",
    Text("A TUK is verified by an assessor the LSP assigned to verify that TUK."),
)
def verifier_assigned(ctx: TukContext) -> Text | None:
    """R17: the assignee is a licensed assessor; the verifier is one of the assignees."""
    if ctx.trigger == "assign_tuk_verifier":
        if ctx.assessor is None:
            return Text(
                "the person assigned is not in the assessor register (no MET "
                "number); assign a registered assessor",
            )
        if not ctx.assessor.licensed_on(ctx.today):
            return Text(
                "assessor {assessor_met_number}'s licence has ended; assign another assessor",
                assessor_met_number=ctx.assessor.met_number,
            )
        return None
    if ctx.tuk is None or ctx.actor.id in ctx.tuk.verifiers:
        return None
    return Text(
        "{actor_id} was not assigned by the LSP to verify TUK "
        "{tuk_name}; the certification manager assigns a verifier first",
        actor_id=ctx.actor.id,
        tuk_name=ctx.tuk.name,
    )


@dataclass(frozen=True)
class VenueContext:
    """What R16 reads when a session is planned: the TUK and the session's schemes and days."""

    tuk: Tuk | None
    venue: str
    session_id: UUID
    scheme_ids: tuple[UUID, ...]
    starts_on: date
    ends_on: date


@rule(
    "R16",
    Text(
        "A session is scheduled only at a TUK verified for its schemes: "
        "a TUK sewaktu or tempat kerja for that session, a TUK mandiri "
        "within its verification's validity.",
    ),
)
def venue_verified(ctx: VenueContext) -> Text | None:
    """R16: the TUK is on file and verified for every scheme of the session, on its dates."""
    if ctx.tuk is None:
        return Text(
            "TUK {venue!r} is not on file; propose it and have an assigned "
            "assessor verify it before scheduling",
            venue=ctx.venue,
        )
    return ctx.tuk.refusal(ctx.scheme_ids, ctx.starts_on, ctx.ends_on, ctx.session_id)


TUK_RULES = (venue_verified, verifier_assigned)
"""The TUK rules, for the rulebook (R16, R17)."""


def _validity_ends(tuk: Any) -> date | None:
    if tuk.kind in SESSION_BOUND or tuk.stage_name not in ("verified", "suspended"):
        return None
    fit = [v.valid_until for v in tuk.verifications if v.fit and v.valid_until is not None]
    return max(fit) if fit else None


TUK_WORKFLOW: Workflow[TukStatus] = Workflow(
    "tuk",
    version=1,
    stages=TukStatus,
    initial=TukStatus.PROPOSED,
    moves=[
        Move("propose_tuk", source=None, dest=TukStatus.PROPOSED, roles=(*_OFFICE, Role.TUK_ADMIN)),
        Move(
            "assign_tuk_verifier",
            source=(TukStatus.PROPOSED, TukStatus.VERIFIED, TukStatus.EXPIRED),
            roles=_ASSIGNING,
            rules=[verifier_assigned],
            description="The LSP assigns an assessor to verify the TUK (R17).",
        ),
        Move(
            "record_tuk_verification",
            source=(TukStatus.PROPOSED, TukStatus.VERIFIED, TukStatus.EXPIRED),
            dest=TukStatus.VERIFIED,
            roles=(Role.ASSESSOR,),
            rules=[verifier_assigned],
            role_rule="R17",
            description="A verification whose every checklist item is met (R16, R17).",
        ),
        Move(
            "record_failed_tuk_verification",
            source=(TukStatus.PROPOSED, TukStatus.VERIFIED, TukStatus.EXPIRED),
            roles=(Role.ASSESSOR,),
            rules=[verifier_assigned],
            role_rule="R17",
            description="A verification with an item not met: the TUK stays where it is.",
        ),
        Move("suspend_tuk", source=TukStatus.VERIFIED, dest=TukStatus.SUSPENDED, roles=_OFFICE),
        Move("reinstate_tuk", source=TukStatus.SUSPENDED, dest=TukStatus.VERIFIED, roles=_OFFICE),
        Move(
            "expire_tuk",
            source=(TukStatus.VERIFIED, TukStatus.SUSPENDED),
            dest=TukStatus.EXPIRED,
            roles=(*_OFFICE, Role.SYSTEM),
        ),
    ],
    deadlines=[
        Deadline(
            "tuk_validity",
            rule_id="R16",
            due=_validity_ends,
            on_due="expire_tuk",
            description=Text("A TUK mandiri's verification ends after its last valid day."),
        )
    ],
)


class Tuk(WorkflowAggregate[TukStatus]):
    """A TUK (assessment venue) and its verifications. No personal data is recorded."""

    TOPIC = "certflow/Tuk"
    workflow = TUK_WORKFLOW

    class Proposed(WorkflowStarted):
        """A TUK was proposed to the LSP."""

        TOPIC = "certflow/Tuk.Proposed"
        name: str
        kind: TukKind
        address_ref: str

        def record(self, aggregate: Any) -> None:
            """Copy the venue's data."""
            aggregate.name = self.name
            aggregate.kind = self.kind
            aggregate.address_ref = self.address_ref
            aggregate.verifiers = ()
            aggregate.verifications = ()

    class VerifierAssigned(WorkflowEvent):
        """The LSP assigned an assessor to verify the TUK (R17)."""

        TOPIC = "certflow/Tuk.VerifierAssigned"
        assessor_id: str

        def record(self, aggregate: Any) -> None:
            """Add the assignee."""
            aggregate.verifiers = (*aggregate.verifiers, self.assessor_id)

    class VerificationRecorded(WorkflowEvent):
        """The assigned assessor recorded a verification, item by item."""

        TOPIC = "certflow/Tuk.VerificationRecorded"
        verification_id: str
        verified_on: date
        fit: bool
        checklist: list[dict[str, Any]]
        scheme_ids: list[UUID]
        session_id: UUID | None
        valid_until: date | None

        def record(self, aggregate: Any) -> None:
            """Keep the verification."""
            found = TukVerification(
                verification_id=self.verification_id,
                verifier_id=self.actor_id,
                verified_on=self.verified_on,
                fit=self.fit,
                checks=tuple(TukCheck(c["item"], bool(c["met"])) for c in self.checklist),
                scheme_ids=tuple(self.scheme_ids),
                session_id=self.session_id,
                valid_until=self.valid_until,
            )
            aggregate.verifications = (*aggregate.verifications, found)

    class Suspended(WorkflowEvent):
        """The TUK was suspended: no verification of it counts until it is reinstated."""

        TOPIC = "certflow/Tuk.Suspended"
        reason: str

        def record(self, aggregate: Any) -> None:
            """Nothing beyond the stage."""

    class Reinstated(WorkflowEvent):
        """The suspension was lifted."""

        TOPIC = "certflow/Tuk.Reinstated"

        def record(self, aggregate: Any) -> None:
            """Nothing beyond the stage."""

    class Expired(WorkflowEvent):
        """The TUK's verification ended (a TUK mandiri's window passed, or the LSP ended it)."""

        TOPIC = "certflow/Tuk.Expired"

        def record(self, aggregate: Any) -> None:
            """Nothing beyond the stage."""

    if TYPE_CHECKING:  # set by the events; declared here for type checkers and readers
        name: str
        kind: TukKind
        address_ref: str
        verifiers: tuple[str, ...]
        verifications: tuple[TukVerification, ...]

    @classmethod
    def propose(
        cls, *, name: str, kind: TukKind, address_ref: str, actor: Actor, at: datetime
    ) -> Tuk:
        """Propose a TUK (inputs are validated by the caller)."""
        clean = " ".join(name.split())
        return cls.start_move(
            cls.Proposed,
            "propose_tuk",
            id=tuk_id(clean),
            actor=actor,
            at=at,
            name=clean,
            kind=kind,
            address_ref=address_ref.strip(),
        )

    def _context(self, trigger: str, actor: Actor, at: datetime, **more: Any) -> TukContext:
        return TukContext(trigger, self, actor, at.date(), **more)

    def assign_verifier(
        self, assessor_id: str, assessor: Assessor | None, *, actor: Actor, at: datetime
    ) -> None:
        """Assign an assessor (canonical person id) to verify this TUK (R17)."""
        trigger = "assign_tuk_verifier"
        decision = self.decide_move(
            trigger, actor, self._context(trigger, actor, at, assessor=assessor)
        )
        self.record_move(
            self.VerifierAssigned, decision, actor=actor, at=at, assessor_id=assessor_id
        )

    def record_verification(
        self,
        *,
        checks: tuple[TukCheck, ...],
        scheme_ids: tuple[UUID, ...],
        session_id: UUID | None,
        valid_until: date | None,
        actor: Actor,
        at: datetime,
    ) -> bool:
        """Record a verification by the assigned assessor (R16, R17); return whether it is fit.

        Raises:
            InvalidInputError: no checklist item or scheme, a TUK sewaktu or tempat kerja
                verified without its session or with a window, a TUK mandiri with a session
                or without a window, or a window ending before the verification.
        """
        problems = []
        if not checks:
            problems.append("checklist: record at least one item")
        if not scheme_ids:
            problems.append("scheme_ids: name at least one scheme")
        if self.kind in SESSION_BOUND and (session_id is None or valid_until is not None):
            problems.append(f"session: a TUK {self.kind.value} is verified for one session")
        if self.kind not in SESSION_BOUND and (session_id is not None or valid_until is None):
            problems.append("valid_until: a TUK mandiri is verified for a window, not a session")
        if valid_until is not None and valid_until < at.date():
            problems.append("valid_until: the verification cannot end before it is made")
        if problems:
            raise InvalidInputError(problems, ("R16",))
        fit = all(c.met for c in checks)
        trigger = "record_tuk_verification" if fit else "record_failed_tuk_verification"
        decision = self.decide_move(trigger, actor, self._context(trigger, actor, at))
        self.record_move(
            self.VerificationRecorded,
            decision,
            actor=actor,
            at=at,
            verification_id=f"{self.id}:{len(self.verifications) + 1}",
            verified_on=at.date(),
            fit=fit,
            checklist=[{"item": c.item, "met": c.met} for c in checks],
            scheme_ids=list(dict.fromkeys(scheme_ids)),
            session_id=session_id,
            valid_until=valid_until,
        )
        return fit

    def suspend_tuk(self, reason: str, *, actor: Actor, at: datetime) -> None:
        """Suspend the TUK: no session or interview may use it until it is reinstated."""
        decision = self.decide_move("suspend_tuk", actor)
        self.record_move(self.Suspended, decision, actor=actor, at=at, reason=reason)

    def reinstate_tuk(self, *, actor: Actor, at: datetime) -> None:
        """Lift the suspension."""
        decision = self.decide_move("reinstate_tuk", actor)
        self.record_move(self.Reinstated, decision, actor=actor, at=at)

    def expire_tuk(self, *, actor: Actor, at: datetime) -> None:
        """End the TUK's verification (made by the sweep after a TUK mandiri's window)."""
        decision = self.decide_move("expire_tuk", actor)
        self.record_move(self.Expired, decision, actor=actor, at=at)

    # -- queries -----------------------------------------------------------------------------

    def verification_for(
        self, scheme_id: UUID, first: date, last: date, session_id: UUID
    ) -> TukVerification | None:
        """The verification that lets ``scheme_id`` be assessed from ``first`` to ``last``.

        The latest verification for the scheme (and session) made by ``first`` decides: a
        later unfit one withdraws an earlier fit one.
        """
        if self.stage is not TukStatus.VERIFIED:
            return None
        bound = self.kind in SESSION_BOUND
        for v in reversed(self.verifications):
            if v.verified_on > first or scheme_id not in v.scheme_ids:
                continue
            if bound and v.session_id != session_id:
                continue
            window = bound or (v.valid_until is not None and last <= v.valid_until)
            return v if v.fit and window else None
        return None

    def refusal(
        self, scheme_ids: tuple[UUID, ...], first: date, last: date, session_id: UUID
    ) -> Text | None:
        """Why this TUK may not host ``scheme_ids`` from ``first`` to ``last`` (R16, R24)."""
        missing = [
            s for s in scheme_ids if self.verification_for(s, first, last, session_id) is None
        ]
        if not missing:
            return None
        name, stage = self.name, self.stage
        if stage is not TukStatus.VERIFIED:
            state = {
                "proposed": Text("not verified yet"),
                "suspended": Text("suspended"),
            }.get(stage.value, Text("expired"))
            return Text(
                "TUK {name} is {state}; have an assigned assessor verify it",
                name=name,
                state=state,
            )
        fit = [v for v in self.verifications if v.fit]
        scheme = missing[0]
        for_scheme = [v for v in fit if scheme in v.scheme_ids]
        if not for_scheme:
            return Text(
                "TUK {name} is not verified for this scheme ({scheme}); verify "
                "the TUK for that scheme or choose another TUK",
                name=name,
                scheme=scheme,
            )
        if self.kind in SESSION_BOUND:
            own = [v for v in for_scheme if v.session_id == session_id]
            if not own:
                return Text(
                    "the verification of TUK {kind_value} {name} was made for "
                    "another session; this TUK must be verified for this session",
                    kind_value=self.kind.value,
                    name=name,
                )
            for_scheme = own
        latest = max(for_scheme, key=lambda v: (v.valid_until or v.verified_on, v.verified_on))
        if latest.verified_on > first or latest.valid_until is None:
            return Text(
                "TUK {name} was verified on {latest_verified_on}, after {first}; "
                "it must be verified beforehand",
                name=name,
                latest_verified_on=latest.verified_on.isoformat(),
                first=first.isoformat(),
            )
        return Text(
            "TUK {name}'s verification is valid until {latest_valid_until} "
            "and does not cover {last}; verify the TUK again",
            name=name,
            latest_valid_until=latest.valid_until.isoformat(),
            last=last.isoformat(),
        )
