"""What a person reads beside an id: a name, a session code, a certificate number.

Listings carry ids (certifications, subjects, sessions, assessors); :class:`Labels` looks up,
once per id and lazily, what a reader recognises. Names come from the subject store (candidates
and assessors alike) through :meth:`~certflow.application.CertificationBody.holder_name`, which
shows an erased person as erased; session codes from the session's record; certificate numbers
and sessions of certifications from the case board (one query, made the first time one is
asked for).
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from certflow.application import CertificationBody, CertificationSummary
from certflow.domain import assessor_id
from certflow.engine import NotFoundError

__all__ = ["Labels"]


class Labels:
    """Names, session codes and certificate numbers for the ids of one listing."""

    def __init__(self, lsp: CertificationBody) -> None:
        self._lsp = lsp
        self._names: dict[UUID, str] = {}
        self._sessions: dict[UUID, str] = {}
        self._cases: dict[UUID, CertificationSummary] | None = None

    def prefetch_names(self, ids: Iterable[UUID | str]) -> None:
        """Read the names of many subjects in one query (those on file)."""
        wanted = {_uuid(i) for i in ids} - self._names.keys()
        found = self._lsp.subjects.get_many(wanted)
        self._names.update({k: v.data.name for k, v in found.items()})

    def name(self, subject_id: UUID | str) -> str:
        """The person's name; a marker when it was erased or was never on file."""
        key = _uuid(subject_id)
        if key not in self._names:
            self._names[key] = self._lsp.holder_name(key)
        return self._names[key]

    def assessor_name(self, met_number: str | None) -> str | None:
        """The name of the assessor holding a MET number (None without a number)."""
        return None if met_number is None else self.name(assessor_id(met_number))

    def session_code(self, session_id: UUID | str | None) -> str | None:
        """The session's code (``EUK-2024-11``); its id when no such session is on file."""
        if session_id is None:
            return None
        key = _uuid(session_id)
        if key not in self._sessions:
            try:
                self._sessions[key] = self._lsp.get_session(key).code
            except NotFoundError:
                self._sessions[key] = str(key)
        return self._sessions[key]

    def case(self, certification_id: UUID | str) -> CertificationSummary | None:
        """The certification's line on the case board (number, session, subject)."""
        if self._cases is None:
            self._cases = {c.id: c for c in self._lsp.list_certifications()}
        return self._cases.get(_uuid(certification_id))

    def certificate_number(self, certification_id: UUID | str) -> str | None:
        """The certification's certificate number, if one was issued."""
        found = self.case(certification_id)
        return None if found is None else found.certificate_number

    def session_of(self, certification_id: UUID | str) -> str | None:
        """The code of the session the certification was registered for."""
        found = self.case(certification_id)
        return None if found is None else self.session_code(found.session_id)

    def candidate_of(self, certification_id: UUID | str) -> str | None:
        """The name of the certification's candidate."""
        found = self.case(certification_id)
        return None if found is None else self.name(found.subject_id)


def _uuid(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))
