"""The pre-assessment and the candidate's answer to the result, as use cases.

The FR.APL.02 review (R7), reasonable adjustments (FR.AK.07, R8), the assessment mode (R23)
and the acknowledgement or rejection of the result (FR.AK.02 / FR.AK.05, R29). Each command
loads the certification, admits the actor through the trust gate, runs one command of the
aggregate at the clock's time and saves what it recorded; a refusal saves nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from certflow.application.free_text import free_text
from certflow.application.inputs import parse
from certflow.application.services import Services, as_enum
from certflow.application.trust import Gate
from certflow.domain import Adjustment, AssessmentMode
from certflow.engine import Actor

__all__ = ["PreAssessment"]


class PreAssessment:
    """Commands between the assignment and FR.AK.01, and the candidate's answer to the result."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._gate = Gate(services)

    def review_self_assessment(
        self, certification_id: UUID, *, proceed: bool, reasons: str = "", actor: Actor
    ) -> None:
        """Record the assigned assessor's FR.APL.02 review: proceed, or not yet (R7).

        Not yet (``proceed=False``) needs reasons and defers the assessment
        (``assessment_deferred``); a later review with ``proceed=True`` brings it back. FR.AK.01
        cannot be signed before a proceed review by the assessor assigned then.
        """
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "review_self_assessment", state=certification.state)
        text = free_text(reasons, "reasons") if reasons.strip() else ""
        certification.review_self_assessment(proceed, text, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def record_adjustment(
        self,
        certification_id: UUID,
        *,
        adjustment: Adjustment | Mapping[str, Any],
        actor: Actor,
    ) -> None:
        """Record a reasonable adjustment (FR.AK.07) before FR.AK.01 (R8).

        ``adjustment`` names its kind, the arrangement, the units it applies to (none: all) and,
        for a ``method`` adjustment, the scheme's method used instead; it may not add or swap
        units nor use a method outside the scheme. The candidate's need itself is not recorded.
        """
        parsed = parse(Adjustment, adjustment, "R8")
        free_text(parsed.arrangement, "arrangement")  # the arrangement, never the need (R58)
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "record_adjustment", state=certification.state)
        certification.record_adjustment(parsed, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def record_assessment_mode(
        self, certification_id: UUID, *, mode: AssessmentMode | str, actor: Actor
    ) -> None:
        """Record the assessment mode, ``on_site`` or ``remote`` (AJJ), before FR.AK.01 (R23).

        Remote assessment is refused unless the scheme's policy allows it.
        """
        chosen = as_enum(AssessmentMode, mode, "mode", "R23")
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "record_assessment_mode", state=certification.state)
        certification.record_assessment_mode(chosen, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def acknowledge_result(self, certification_id: UUID, *, actor: Actor) -> None:
        """Record the candidate's acknowledgement of the result (FR.AK.02 signed, R29).

        The candidate acts on their own case, or the assigned assessor records the signed form.
        """
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "acknowledge_result", state=certification.state)
        certification.acknowledge_result(actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def reject_result(self, certification_id: UUID, *, reason: str, actor: Actor) -> None:
        """Record the candidate's rejection of the result with a reason (FR.AK.05, R29).

        A BK decision after it can be appealed (R49) from the day it is taken.
        """
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "reject_result", state=certification.state)
        text = free_text(reason, "reason") if reason.strip() else ""
        certification.reject_result(text, actor=actor, at=self._s.now())
        self._s.store.save(certification)
