"""How the modules around the aggregate see one certification, without importing it.

The rules (:mod:`certflow.domain.rules`) and the workflow's deadlines
(:mod:`certflow.domain.certification_workflow`) read a :class:`CertificationRecord`; the command
groups the aggregate is made of (:mod:`~certflow.domain.certification_assessment`,
:mod:`~certflow.domain.certification_decision`, :mod:`~certflow.domain.certification_certificate`)
move a :class:`CertificationMoves`. :class:`~certflow.domain.Certification` satisfies both, and
since both are protocols, nothing here imports it: the aggregate depends on its rules and its
workflow, never the other way round.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from certflow.domain.certification_state import CertificationState
from certflow.domain.values import Stage
from certflow.engine import Actor, Decision, WorkflowEvent

__all__ = ["CertificationMoves", "CertificationRecord"]


class CertificationRecord(Protocol):
    """What a rule or a deadline reads of a certification: its id, its stage and its facts."""

    @property
    def id(self) -> UUID:
        """The certification's id."""
        ...

    @property
    def stage(self) -> Stage:
        """The current stage."""
        ...

    @property
    def state(self) -> CertificationState:
        """Every recorded fact of the certification."""
        ...


class CertificationMoves(CertificationRecord, Protocol):
    """What a command group needs of the aggregate: decide a move, then record its event.

    ``event`` is a class of :mod:`certflow.domain.certification_events`; the aggregate records
    its own nested class of the same name (the one the stored topic resolves to).
    """

    def _decide(
        self,
        trigger: str,
        *,
        actor: Actor,
        at: datetime,
        inputs: Mapping[str, Any] | None = None,
        dest: Stage | None = None,
    ) -> Decision[Stage]:
        """Decide a move (stage, role, rules); raises a refusal, records nothing."""
        ...

    def _record(
        self,
        event: type[WorkflowEvent],
        decision: Decision[Stage],
        *,
        actor: Actor,
        at: datetime,
        **data: Any,
    ) -> None:
        """Record a decided move as ``event`` with its ``data``."""
        ...

    def _move(
        self,
        trigger: str,
        event: type[WorkflowEvent],
        *,
        actor: Actor,
        at: datetime,
        inputs: Mapping[str, Any] | None = None,
        dest: Stage | None = None,
        **data: Any,
    ) -> Decision[Stage]:
        """Decide a move and record it as ``event`` with its ``data``."""
        ...
