"""Certificate numbers that are unique by construction: a series per prefix and year, and a claim.

A number is allocated by advancing the :class:`CertificateSeries` and claimed by starting a
:class:`CertificateNumber` whose id is derived from the number itself. Both are saved in the same
transaction as the certification, so two printers racing for a number make the store refuse one
of them (a version conflict), never issue a duplicate (R37).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from certflow.domain.values import Role
from certflow.engine import Actor, Move, Workflow, WorkflowAggregate, WorkflowEvent, WorkflowStarted

__all__ = ["CertificateNumber", "CertificateSeries", "number_id", "series_id"]

_NAMESPACE = UUID("9b2e4f6a-8c1d-4e3f-a5b7-c9d1e3f5a7b9")

_PRINT_ROLES = (Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP)


def series_id(prefix: str, year: int) -> UUID:
    """The id of the number series for ``prefix`` in ``year``."""
    return uuid5(_NAMESPACE, f"series:{prefix}:{year}")


def number_id(number: str, kind: str = "number") -> UUID:
    """The id of the claim on a certificate number (or a BNSP registration number)."""
    return uuid5(_NAMESPACE, f"{kind}:{number.strip().upper()}")


class _Open(Enum):
    OPEN = "open"


SERIES_WORKFLOW: Workflow[_Open] = Workflow(
    "certificate_series",
    version=1,
    stages=_Open,
    initial=_Open.OPEN,
    moves=[
        Move("open_series", source=None, dest=_Open.OPEN, roles=_PRINT_ROLES),
        Move("allocate_number", source=_Open.OPEN, roles=_PRINT_ROLES),
    ],
)

NUMBER_WORKFLOW: Workflow[_Open] = Workflow(
    "certificate_number",
    version=1,
    stages=_Open,
    initial=_Open.OPEN,
    moves=[
        Move("claim_number", source=None, dest=_Open.OPEN, roles=(*_PRINT_ROLES, Role.LSP_ADMIN))
    ],
)


class CertificateSeries(WorkflowAggregate[_Open]):
    """The running sequence of certificate numbers for one prefix and year."""

    TOPIC = "certflow/CertificateSeries"
    workflow = SERIES_WORKFLOW

    class Opened(WorkflowStarted):
        """A number series was opened."""

        TOPIC = "certflow/CertificateSeries.Opened"
        prefix: str
        year: int

        def record(self, aggregate: Any) -> None:
            """Start at zero."""
            aggregate.prefix = self.prefix
            aggregate.year = self.year
            aggregate.last = 0

    class NumberAllocated(WorkflowEvent):
        """The next number of the series was allocated."""

        TOPIC = "certflow/CertificateSeries.NumberAllocated"
        sequence: int
        number: str

        def record(self, aggregate: Any) -> None:
            """Advance the series."""
            aggregate.last = self.sequence

    if TYPE_CHECKING:  # set by the events; declared here for type checkers and readers
        prefix: str
        year: int
        last: int

    @classmethod
    def open(cls, prefix: str, year: int, *, actor: Actor, at: datetime) -> CertificateSeries:
        """Open the series for ``prefix`` and ``year``."""
        return cls.start_move(
            cls.Opened,
            "open_series",
            id=series_id(prefix, year),
            actor=actor,
            at=at,
            prefix=prefix,
            year=year,
        )

    def allocate(self, render: Callable[[int], str], *, actor: Actor, at: datetime) -> str:
        """Allocate the next running number and return it rendered by ``render(seq)``."""
        decision = self.decide_move("allocate_number", actor)
        sequence = self.last + 1
        number = render(sequence)
        self.record_move(
            self.NumberAllocated, decision, actor=actor, at=at, sequence=sequence, number=number
        )
        return number


class CertificateNumber(WorkflowAggregate[_Open]):
    """The claim on one certificate number by one certification (its id is the number's)."""

    TOPIC = "certflow/CertificateNumber"
    workflow = NUMBER_WORKFLOW

    class Claimed(WorkflowStarted):
        """A certificate number was claimed by a certification."""

        TOPIC = "certflow/CertificateNumber.Claimed"
        number: str
        certification_id: UUID

        def record(self, aggregate: Any) -> None:
            """Keep the link."""
            aggregate.number = self.number
            aggregate.certification_id = self.certification_id

    if TYPE_CHECKING:  # set by the events; declared here for type checkers and readers
        number: str
        certification_id: UUID

    @classmethod
    def claim(
        cls,
        number: str,
        certification_id: UUID,
        *,
        actor: Actor,
        at: datetime,
        kind: str = "number",
    ) -> CertificateNumber:
        """Claim ``number`` for ``certification_id``."""
        return cls.start_move(
            cls.Claimed,
            "claim_number",
            id=number_id(number, kind),
            actor=actor,
            at=at,
            number=number.strip(),
            certification_id=certification_id,
        )
