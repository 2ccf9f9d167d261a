"""The signatories of a printed certificate, checked against the personnel register (R40).

A part of :class:`~certflow.application.trust.Gate`, kept in its own module for size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from certflow.domain import REGISTER_ID, CertificationState, PersonnelRegister, Role
from certflow.domain.personnel_values import refusal_text
from certflow.engine import Actor, RuleViolatedError, Text, Violation

if TYPE_CHECKING:
    from certflow.application.services import Services
    from certflow.application.trust_cache import RegisterCache

__all__ = ["SignatoryChecks"]


class SignatoryChecks:
    """Who signs a certificate: the gate's check of the two R40 signatories."""

    if TYPE_CHECKING:
        _s: Services
        _cache: RegisterCache

        def _resolve(self, identifier: str) -> str: ...

    def signatories(
        self, actor: Actor, state: CertificationState, *, manager: str = "", head: str = ""
    ) -> dict[str, str]:
        """Who signs a certificate printed today, by role, checked against the register (R40).

        The certification manager and the head of the LSP (on behalf of BNSP) each must hold
        that appointment covering the scheme on the print date. Left out, a signatory is the
        printing ``actor`` when they hold that role, and the head is the register's head (its
        root of trust); either way the register decides, never the caller's word.
        """
        today = self._s.now().date()
        self._cache.refresh()
        named = {
            Role.CERTIFICATION_MANAGER: manager.strip(),
            Role.HEAD_OF_LSP: head.strip(),
        }
        for role in named:
            if not named[role] and actor.role == role.value:
                named[role] = actor.id
        if not named[Role.HEAD_OF_LSP]:
            found = self._s.store.find(PersonnelRegister, REGISTER_ID)
            named[Role.HEAD_OF_LSP] = found.head if found is not None else ""
        signed: dict[str, str] = {}
        violations: list[Violation] = []
        for role, given in named.items():
            if not given:
                violations.append(
                    Violation(
                        "R40",
                        Text(
                            "name the {role_value} who signs the certificate",
                            role_value=role.value,
                        ),
                    )
                )
                continue
            person_id = self._resolve(given)
            record = self._cache.person(person_id)
            if record is None or record.appointment_for(role, state.scheme_code, today) is None:
                text = refusal_text(person_id, role.value, state.scheme_code, today)
                violations.append(Violation("R40", text))
            signed[role.value] = person_id
        if violations:
            raise RuleViolatedError(tuple(violations))
        return signed
