"""Reference data: schemes, assessors, sessions and candidates on file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from certflow.application.inputs import AssessorInput, SchemeInput, SessionInput, parse
from certflow.application.services import Services
from certflow.application.subjects import PersonalData, SubjectKind, SubjectRecord
from certflow.application.trust import Gate
from certflow.application.views import AssessorView, SchemeView, SessionView
from certflow.domain import (
    AssessmentMethod,
    AssessmentSession,
    Assessor,
    CompetencyUnit,
    Scheme,
    SchemePolicy,
    TukKind,
    assessor_id,
    scheme_id,
    session_id,
    tuk_id,
)
from certflow.domain.scheme import DEFAULT_NUMBER_FORMAT
from certflow.engine import Actor, AlreadyExistsError, InvalidInputError, NotFoundError, Text

__all__ = ["ReferenceData"]


class ReferenceData:
    """Add and read schemes, assessors, sessions and candidates."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._gate = Gate(services)

    def add_scheme(
        self,
        *,
        code: str,
        title: str,
        units: Sequence[CompetencyUnit | Mapping[str, Any]],
        version: int = 1,
        methods: Sequence[AssessmentMethod | str] = (
            AssessmentMethod.PORTFOLIO,
            AssessmentMethod.INTERVIEW,
        ),
        policy: SchemePolicy | Mapping[str, Any] | None = None,
        authority: str = "BNSP",
        description: str = "",
        certificate_prefix: str = "",
        number_format: str = DEFAULT_NUMBER_FORMAT,
        actor: Actor,
    ) -> UUID:
        """Add a scheme version (see :class:`~certflow.application.inputs.SchemeInput`).

        Raises:
            AlreadyExistsError: this code and version are on file already.
        """
        fields: dict[str, Any] = {
            "code": code,
            "title": title,
            "units": units,
            "version": version,
            "methods": methods,
            "authority": authority,
            "description": description,
            "certificate_prefix": certificate_prefix,
            "number_format": number_format,
        }
        if policy is not None:
            fields["policy"] = policy
        spec = parse(SchemeInput, fields)
        actor = self._gate.admit(actor, "add_scheme", scheme_code=spec.code)
        new_id = scheme_id(spec.code, spec.version)
        if self._s.store.exists(new_id):
            raise AlreadyExistsError("scheme", f"{spec.code} v{spec.version}")
        scheme = Scheme.add(
            code=spec.code,
            title=spec.title,
            version=spec.version,
            units=list(spec.units),
            methods=list(spec.methods),
            policy=spec.policy,
            authority=spec.authority,
            description=spec.description,
            certificate_prefix=spec.certificate_prefix or spec.code,
            number_format=spec.number_format,
            actor=actor,
            at=self._s.now(),
        )
        self._s.store.save(scheme)
        return scheme.id

    def retire_scheme(self, scheme_id: UUID, *, actor: Actor) -> None:
        """Retire a scheme version: registrations may no longer name it (R1)."""
        scheme = self._s.schemes.load(scheme_id)
        actor = self._gate.admit(actor, "retire_scheme", scheme_code=scheme.code)
        scheme.retire(actor=actor, at=self._s.now())
        self._s.store.save(scheme)

    def add_assessor(
        self,
        *,
        met_number: str,
        name: str,
        scheme_codes: Sequence[str],
        licence_valid_until: date,
        actor: Actor,
    ) -> UUID:
        """Add a licensed assessor; the name goes to the subject store, never to an event.

        The register keeps the MET number, the schemes and the licence's last day.
        """
        spec = parse(
            AssessorInput,
            {
                "met_number": met_number,
                "name": name,
                "scheme_codes": scheme_codes,
                "licence_valid_until": licence_valid_until,
            },
        )
        actor = self._gate.admit(actor, "add_assessor")
        new_id = assessor_id(spec.met_number)
        if self._s.store.exists(new_id):
            raise AlreadyExistsError("assessor", spec.met_number)
        assessor = Assessor.add(
            met_number=spec.met_number,
            scheme_codes=list(spec.scheme_codes),
            licence_valid_until=spec.licence_valid_until,
            actor=actor,
            at=self._s.now(),
        )
        if self._s.subjects.get(new_id) is None:
            self._s.subjects.put(
                SubjectRecord(
                    subject_id=new_id, kind=SubjectKind.ASSESSOR, data=PersonalData(name=spec.name)
                )
            )
        self._s.store.save(assessor)
        return assessor.id

    def renew_assessor_licence(self, assessor_id: UUID, *, valid_until: date, actor: Actor) -> None:
        """Record an assessor's renewed licence."""
        assessor = self._s.assessors.load(assessor_id)
        actor = self._gate.admit(actor, "renew_licence")
        assessor.renew_licence(valid_until, actor=actor, at=self._s.now())
        self._s.store.save(assessor)

    def plan_session(
        self,
        *,
        code: str,
        title: str,
        venue: str,
        starts_on: date,
        ends_on: date,
        scheme_ids: Sequence[UUID],
        tuk_kind: TukKind | str | None = None,
        actor: Actor,
    ) -> UUID:
        """Plan an assessment session at a verified TUK (R16).

        ``venue`` names the TUK (see :meth:`~certflow.CertificationBody.propose_tuk`); it must
        be verified for every scheme on every day of the session: a TUK sewaktu or tempat kerja
        for this session's code, a TUK mandiri within its window. ``tuk_kind`` defaults to the
        TUK's kind (see :class:`~certflow.application.inputs.SessionInput`).

        Raises:
            RuleViolatedError: the TUK is not on file or not verified for a scheme on those
                dates (R16).
            InvalidInputError: ``tuk_kind`` is not the TUK's kind.
        """
        tuk = self._s.tuks.find(tuk_id(venue))
        if tuk_kind is None:
            tuk_kind = tuk.kind if tuk is not None else TukKind.AD_HOC
        spec = parse(
            SessionInput,
            {
                "code": code,
                "title": title,
                "venue": venue,
                "tuk_kind": tuk_kind,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "scheme_ids": scheme_ids,
            },
        )
        actor = self._gate.admit(actor, "plan_session")
        new_id = session_id(spec.code)
        if self._s.store.exists(new_id):
            raise AlreadyExistsError("session", spec.code)
        for sid in spec.scheme_ids:
            self._s.schemes.load(sid)
        if tuk is not None and tuk.kind is not spec.tuk_kind:
            raise InvalidInputError(
                [
                    Text(
                        "tuk_kind: TUK {tuk_name} is a TUK {kind_value}, not {tuk_kind_value}",
                        tuk_name=tuk.name,
                        kind_value=tuk.kind.value,
                        tuk_kind_value=spec.tuk_kind.value,
                    )
                ],
                ("R16",),
            )
        session = AssessmentSession.plan(
            code=spec.code,
            title=spec.title,
            venue=spec.venue,
            tuk_kind=spec.tuk_kind,
            starts_on=spec.starts_on,
            ends_on=spec.ends_on,
            scheme_ids=list(spec.scheme_ids),
            tuk=tuk,
            actor=actor,
            at=self._s.now(),
        )
        self._s.store.save(session)
        return session.id

    def add_candidate(
        self,
        *,
        name: str,
        nik: str | None = None,
        nrp: str | None = None,
        rank: str = "",
        unit: str = "",
        position: str = "",
        phone: str = "",
        email: str = "",
    ) -> UUID:
        """Put a candidate's personal data in the subject store; return their subject id.

        The subject id is random, so it reveals nothing about the person.
        """
        data = _personal_data(name, nik, nrp, rank, unit, position, phone, email)
        subject_id = uuid4()
        self._s.subjects.put(
            SubjectRecord(subject_id=subject_id, kind=SubjectKind.CANDIDATE, data=data)
        )
        return subject_id

    def register_candidate(
        self,
        *,
        name: str,
        nik: str | None = None,
        nrp: str | None = None,
        rank: str = "",
        unit: str = "",
        position: str = "",
        phone: str = "",
        email: str = "",
        subject_id: UUID | None = None,
        actor: Actor,
    ) -> UUID:
        """Put a candidate on file for the LSP: the personal data goes to the subject store.

        The acting person is checked as for a registration (the LSP admin; a candidate may not
        put another person on file, P3). Nothing is recorded in the event log: the name and
        NIK never enter an event (R58). ``subject_id`` is the id to file them under (a caller
        that retries, such as the HTTP service, derives it from its request); by default a
        random one, which reveals nothing about the person.

        Raises:
            NotAuthorizedError: the actor may not register candidates (P1, P2, P3).
            InvalidInputError: the data is invalid, or a person with this NIK is on file.
        """
        data = _personal_data(name, nik, nrp, rank, unit, position, phone, email)
        self._gate.admit(actor, "register")
        chosen = subject_id or uuid4()
        if self._s.subjects.get(chosen) is not None:
            raise AlreadyExistsError("subject", chosen)
        self._s.subjects.put(
            SubjectRecord(subject_id=chosen, kind=SubjectKind.CANDIDATE, data=data)
        )
        return chosen

    # -- queries -----------------------------------------------------------------------------

    def get_scheme(self, scheme_id: UUID) -> SchemeView:
        """A scheme version."""
        return SchemeView.of(self._s.schemes.load(scheme_id))

    def list_schemes(self) -> list[SchemeView]:
        """Every scheme version on file."""
        return [self.get_scheme(i) for i in self._s.schemes.ids(Scheme.Added.TOPIC)]

    def get_assessor(self, assessor_id: UUID) -> AssessorView:
        """An assessor, with the name from the subject store."""
        record = self._s.subjects.get(assessor_id)
        return AssessorView.of(
            self._s.assessors.load(assessor_id), record.data.name if record else None
        )

    def list_assessors(self) -> list[AssessorView]:
        """Every assessor on file."""
        return [self.get_assessor(i) for i in self._s.assessors.ids(Assessor.Added.TOPIC)]

    def get_session(self, session_id: UUID) -> SessionView:
        """An assessment session."""
        return SessionView.of(self._s.sessions.load(session_id))

    def list_sessions(self) -> list[SessionView]:
        """Every assessment session on file, in the order planned."""
        return [self.get_session(i) for i in self._s.sessions.ids(AssessmentSession.Planned.TOPIC)]

    def get_candidate(self, subject_id: UUID) -> SubjectRecord:
        """The personal data kept for a subject (from the subject store, never the log)."""
        record = self._s.subjects.get(subject_id)
        if record is None:
            raise NotFoundError("subject", subject_id)
        return record

    def find_candidate(self, *, nik: str) -> UUID | None:
        """The subject id of the person with this NIK, if on file."""
        record = self._s.subjects.find_by_nik(nik)
        return None if record is None else record.subject_id


def _personal_data(
    name: str,
    nik: str | None,
    nrp: str | None,
    rank: str,
    unit: str,
    position: str,
    phone: str,
    email: str,
) -> PersonalData:
    """A candidate's personal data, validated (InvalidInputError naming each bad field)."""
    return parse(
        PersonalData,
        {
            "name": name,
            "nik": nik,
            "nrp": nrp,
            "rank": rank,
            "unit": unit,
            "position": position,
            "phone": phone,
            "email": email,
        },
    )
