"""The certification scheme (skema sertifikasi): versioned reference data, recorded as events."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from certflow.domain.values import AssessmentMethod, CompetencyUnit, Role, SchemePolicy
from certflow.engine import Actor, Move, Workflow, WorkflowAggregate, WorkflowEvent, WorkflowStarted

__all__ = [
    "DEFAULT_NUMBER_FORMAT",
    "NUMBER_FIELDS",
    "SCHEME_WORKFLOW",
    "Scheme",
    "SchemeStatus",
    "format_number",
    "scheme_id",
]

DEFAULT_NUMBER_FORMAT = "{prefix}/{seq:05d}/{year}"
"""Certificate numbers unless a scheme says otherwise, e.g. ``HG-MI/00001/2024``."""
NUMBER_FIELDS = ("lsp", "prefix", "scheme", "year", "seq")
"""What a number format may use: the LSP's code, the scheme's prefix and code, the year of
printing and the running number (``{seq}`` is required)."""


def format_number(template: str, *, lsp: str, prefix: str, scheme: str, year: int, seq: int) -> str:
    """A certificate number from a scheme's format (see :data:`NUMBER_FIELDS`)."""
    return template.format(lsp=lsp, prefix=prefix, scheme=scheme, year=year, seq=seq)


_NAMESPACE = UUID("6f7d3c2e-5b1a-4f1e-9a51-2f0c8f3b9a10")

_DATA_ROLES = (Role.LSP_ADMIN, Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP)


def scheme_id(code: str, version: int) -> UUID:
    """The deterministic id of a scheme version (adding it twice is detected)."""
    return uuid5(_NAMESPACE, f"scheme:{code.strip()}:v{version}")


class SchemeStatus(Enum):
    """Whether new registrations may name this scheme version (R1)."""

    ACTIVE = "active"
    RETIRED = "retired"


SCHEME_WORKFLOW: Workflow[SchemeStatus] = Workflow(
    "scheme",
    version=1,
    stages=SchemeStatus,
    initial=SchemeStatus.ACTIVE,
    final=[SchemeStatus.RETIRED],
    moves=[
        Move("add_scheme", source=None, dest=SchemeStatus.ACTIVE, roles=_DATA_ROLES),
        Move(
            "retire_scheme",
            source=SchemeStatus.ACTIVE,
            dest=SchemeStatus.RETIRED,
            roles=_DATA_ROLES,
        ),
    ],
)


class Scheme(WorkflowAggregate[SchemeStatus]):
    """One version of a certification scheme: units, methods and policy."""

    TOPIC = "certflow/Scheme"
    workflow = SCHEME_WORKFLOW

    class Added(WorkflowStarted):
        """A scheme version was added to the LSP's register."""

        TOPIC = "certflow/Scheme.Added"
        code: str
        title: str
        version: int
        units: list[dict[str, str]]
        methods: list[AssessmentMethod]
        authority: str
        description: str
        policy: dict[str, Any]
        """The :class:`SchemePolicy` as stored (a dict; parsed when the event is applied)."""
        certificate_prefix: str
        number_format: str
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 numbered every certificate PREFIX/NNNNN/YEAR."""
            state["number_format"] = DEFAULT_NUMBER_FORMAT

        def record(self, aggregate: Any) -> None:
            """Copy the scheme's data."""
            aggregate.code = self.code
            aggregate.title = self.title
            aggregate.version = self.version
            aggregate.units = [dict(u) for u in self.units]
            aggregate.methods = list(self.methods)
            aggregate.authority = self.authority
            aggregate.description = self.description
            aggregate.policy = SchemePolicy.model_validate(self.policy)
            aggregate.certificate_prefix = self.certificate_prefix
            aggregate.number_format = self.number_format

    class Retired(WorkflowEvent):
        """The scheme version was retired; no new registration may name it."""

        TOPIC = "certflow/Scheme.Retired"

    if TYPE_CHECKING:  # set by the events; declared here for type checkers and readers
        code: str
        title: str
        version: int
        units: list[dict[str, str]]
        methods: list[AssessmentMethod]
        authority: str
        description: str
        policy: SchemePolicy
        certificate_prefix: str
        number_format: str

    @classmethod
    def add(
        cls,
        *,
        code: str,
        title: str,
        version: int,
        units: list[CompetencyUnit],
        methods: list[AssessmentMethod],
        policy: SchemePolicy,
        authority: str,
        description: str,
        certificate_prefix: str,
        number_format: str = "",
        actor: Actor,
        at: datetime,
    ) -> Scheme:
        """Add a scheme version (inputs are validated by the caller's input model)."""
        return cls.start_move(
            cls.Added,
            "add_scheme",
            id=scheme_id(code, version),
            actor=actor,
            at=at,
            code=code,
            title=title,
            version=version,
            units=[{"code": u.code, "title": u.title} for u in units],
            methods=list(methods),
            authority=authority,
            description=description,
            policy=policy.model_dump(mode="json"),
            certificate_prefix=certificate_prefix,
            number_format=number_format or DEFAULT_NUMBER_FORMAT,
        )

    def retire(self, *, actor: Actor, at: datetime) -> None:
        """Retire this scheme version."""
        self.record_move(self.Retired, self.decide_move("retire_scheme", actor), actor=actor, at=at)

    @property
    def status(self) -> SchemeStatus:
        """Active or retired."""
        return SchemeStatus(self.stage_name)

    @property
    def unit_codes(self) -> list[str]:
        """Unit codes in scheme order."""
        return [u["code"] for u in self.units]
