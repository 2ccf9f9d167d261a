"""The TUK register: propose a venue, assign its verifier, record verifications (R16, R17).

Every command passes the trust gate first: the proposer and the assigner act under their
recorded appointment, the verifier under their assessor licence, and only an assessor the LSP
assigned to this TUK may record its verification (R17). A session is planned, and an interview
recorded, only at a TUK verified for the scheme on those dates (R16, R24; see
:meth:`~certflow.application.reference_data.ReferenceData.plan_session`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from certflow.application.free_text import free_text
from certflow.application.inputs import parse
from certflow.application.services import Services, as_uuid
from certflow.application.trust import Gate
from certflow.domain import Tuk, TukCheck, TukKind, TukStatus, session_id, tuk_id
from certflow.engine import Actor, AlreadyExistsError

__all__ = ["TukCheckInput", "TukInput", "TukRegister", "TukVerificationView", "TukView"]

_Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class TukInput(BaseModel):
    """A TUK to propose: a venue, never a person."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: _Name
    """The venue's name, e.g. ``Aston Sentul Lake Resort`` (its id is derived from it)."""
    kind: TukKind
    address_ref: Annotated[str, StringConstraints(max_length=300)] = ""
    """A reference to the venue's address (a hotel's or office's address is not personal
    data); never a person's home address."""


class TukCheckInput(BaseModel):
    """One checklist item as the verifier records it."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    item: _Name
    met: bool


class _Checklist(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    checks: tuple[TukCheckInput, ...] = Field(min_length=1)
    scheme_ids: tuple[UUID, ...] = Field(min_length=1)


class TukVerificationView(BaseModel):
    """One verification of a TUK."""

    model_config = ConfigDict(frozen=True)

    verification_id: str
    verifier_id: str
    verified_on: date
    fit: bool
    checklist: tuple[tuple[str, bool], ...]
    scheme_ids: tuple[UUID, ...]
    session_id: UUID | None
    valid_until: date | None


class TukView(BaseModel):
    """A TUK, its assigned verifiers and its verifications."""

    model_config = ConfigDict(frozen=True)

    id: UUID
    name: str
    kind: TukKind
    address_ref: str
    status: TukStatus
    verifiers: tuple[str, ...]
    verifications: tuple[TukVerificationView, ...]

    @classmethod
    def of(cls, tuk: Tuk) -> TukView:
        """Build the view."""
        return cls(
            id=tuk.id,
            name=tuk.name,
            kind=tuk.kind,
            address_ref=tuk.address_ref,
            status=tuk.stage,
            verifiers=tuple(tuk.verifiers),
            verifications=tuple(
                TukVerificationView(
                    verification_id=v.verification_id,
                    verifier_id=v.verifier_id,
                    verified_on=v.verified_on,
                    fit=v.fit,
                    checklist=tuple((c.item, c.met) for c in v.checks),
                    scheme_ids=v.scheme_ids,
                    session_id=v.session_id,
                    valid_until=v.valid_until,
                )
                for v in tuk.verifications
            ),
        )


class TukRegister:
    """Commands and queries of the TUK register."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._gate = Gate(services)

    def propose_tuk(
        self, *, name: str, kind: TukKind | str, address_ref: str = "", actor: Actor
    ) -> UUID:
        """Propose a TUK (sewaktu, tempat_kerja or mandiri); return its id.

        Raises:
            AlreadyExistsError: a TUK of this name is on file already.
        """
        spec = parse(TukInput, {"name": name, "kind": kind, "address_ref": address_ref}, "R16")
        free_text(spec.name, "name", limit=200)
        free_text(spec.address_ref, "address_ref", limit=200)
        actor = self._gate.admit(actor, "propose_tuk")
        if self._s.store.exists(tuk_id(spec.name)):
            raise AlreadyExistsError("TUK", spec.name)
        tuk = Tuk.propose(
            name=spec.name,
            kind=spec.kind,
            address_ref=spec.address_ref,
            actor=actor,
            at=self._s.now(),
        )
        self._s.store.save(tuk)
        return tuk.id

    def assign_tuk_verifier(self, tuk_id: UUID | str, *, assessor: str, actor: Actor) -> None:
        """Assign an assessor (MET number or register id) to verify the TUK (R17).

        Raises:
            NotAuthorizedError: the assigner holds no appointment (P1, P2).
            RuleViolatedError: the person named is not a licensed assessor (R17).
        """
        tuk = self._s.tuks.load(as_uuid(tuk_id))
        actor = self._gate.admit(actor, "assign_tuk_verifier")
        holder = self._gate.resolve(assessor.strip())
        tuk.assign_verifier(holder, self._gate.licence(holder), actor=actor, at=self._s.now())
        self._s.store.save(tuk)

    def record_tuk_verification(
        self,
        tuk_id: UUID | str,
        *,
        checklist: Mapping[str, bool] | Sequence[TukCheckInput | Mapping[str, object]],
        scheme_ids: Sequence[UUID],
        valid_until: date | None = None,
        session_code: str | None = None,
        actor: Actor,
    ) -> bool:
        """Record the assigned assessor's verification, item by item; return whether it is fit.

        A verification whose every item is met makes the TUK verified for ``scheme_ids``. A TUK
        sewaktu or tempat kerja is verified for the session ``session_code`` (planned later or
        already; no ``valid_until``); a TUK mandiri for the window from today up to
        ``valid_until`` (required; no session).

        Raises:
            NotAuthorizedError: the verifier is not an assessor (R17) or their licence does not
                cover a scheme (R9, R10).
            RuleViolatedError: the assessor was not assigned to this TUK (R17).
            InvalidInputError: no checklist item or scheme, or a session or window missing.
        """
        items = (
            [{"item": k, "met": v} for k, v in checklist.items()]
            if isinstance(checklist, Mapping)
            else list(checklist)
        )
        spec = parse(_Checklist, {"checks": items, "scheme_ids": scheme_ids}, "R17")
        tuk = self._s.tuks.load(as_uuid(tuk_id))
        schemes = [self._s.schemes.load(s) for s in spec.scheme_ids]
        admitted = actor
        for scheme in schemes:
            admitted = self._gate.admit(actor, "record_tuk_verification", scheme_code=scheme.code)
        now = self._s.now()
        fit = tuk.record_verification(
            checks=tuple(TukCheck(c.item, c.met) for c in spec.checks),
            scheme_ids=spec.scheme_ids,
            session_id=session_id(session_code) if session_code else None,
            valid_until=valid_until,
            actor=admitted,
            at=now,
        )
        self._s.store.save(tuk)
        return fit

    def suspend_tuk(self, tuk_id: UUID | str, *, reason: str, actor: Actor) -> None:
        """Suspend a verified TUK: no session is planned and no interview recorded there."""
        tuk = self._s.tuks.load(as_uuid(tuk_id))
        actor = self._gate.admit(actor, "suspend_tuk")
        tuk.suspend_tuk(free_text(reason, "reason"), actor=actor, at=self._s.now())
        self._s.store.save(tuk)

    def reinstate_tuk(self, tuk_id: UUID | str, *, actor: Actor) -> None:
        """Lift a TUK's suspension."""
        tuk = self._s.tuks.load(as_uuid(tuk_id))
        actor = self._gate.admit(actor, "reinstate_tuk")
        tuk.reinstate_tuk(actor=actor, at=self._s.now())
        self._s.store.save(tuk)

    def expire_tuk(self, tuk_id: UUID | str, *, actor: Actor) -> None:
        """End a TUK's verification before its window does (the sweep ends it after)."""
        tuk = self._s.tuks.load(as_uuid(tuk_id))
        actor = self._gate.admit(actor, "expire_tuk")
        tuk.expire_tuk(actor=actor, at=self._s.now())
        self._s.store.save(tuk)

    # -- queries -----------------------------------------------------------------------------

    def get_tuk(self, tuk_id: UUID | str) -> TukView:
        """A TUK by id (see :func:`certflow.domain.tuk_id` for the id of a name)."""
        return TukView.of(self._s.tuks.load(as_uuid(tuk_id)))

    def list_tuks(self) -> list[TukView]:
        """Every TUK on file."""
        return [self.get_tuk(i) for i in self._s.tuks.ids(Tuk.Proposed.TOPIC)]
