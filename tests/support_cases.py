"""Complaint (R53) and misconduct-quarantine (R55) histories for ``every_event_history``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from certflow.domain import misconduct_case_id
from certflow.testing import actors
from certflow.testing.route import wib

if TYPE_CHECKING:
    from tests.support import World


def case_histories(world: World, certified: UUID) -> list[UUID]:
    """Complaints and a misconduct case holding every event type of theirs; returns their ids.

    ``certified`` is a distributed certification: a substantiated complaint suspends it and the
    suspension is lifted again, so it ends distributed as it started. Nothing is left open: the
    complaints end resolved or withdrawn, and a sweep on these dates has nothing else due.
    """
    lsp, manager, committee = world.lsp, actors.MANAGER, actors.COMMITTEE
    # Escalated by the sweep, then withdrawn.
    world.at(date(2028, 1, 20))
    late = lsp.file_complaint(about="lsp", summary="no reply to my letter", actor=actors.ADMIN)
    lsp.sweep(at=wib(date(2028, 1, 28)))
    world.at(date(2028, 2, 1))
    lsp.withdraw_complaint(late, reason="answered by phone", actor=actors.ADMIN)
    # About a certified person, named complainant: resolved, substantiated, suspension linked.
    named = lsp.file_complaint(
        about="certified_person",
        summary="certificate shown for a scheme not held",
        certification_id=certified,
        complainant=world.candidates[7],
        actor=actors.ADMIN,
    )
    lsp.acknowledge_complaint(named, actor=actors.ADMIN)
    lsp.assign_investigator(named, investigator=manager.id, actor=manager)
    lsp.resolve_complaint(
        named,
        outcome="substantiated",
        findings="the holder misrepresented the scheme",
        actions=["suspend the certificate"],
        actor=manager,
    )
    lsp.suspend_on_complaint(
        named, grounds="certificate_misuse", resolve_by=date(2028, 3, 1), actor=committee
    )
    lsp.lift_suspension(certified, reason="corrected", actor=committee)
    # The assessor is flagged; one of the quarantined decisions is reviewed.
    lsp.flag_misconduct(
        assessor_id=world.assessor, kind="gratification", grounds="gift accepted", actor=actors.HEAD
    )
    lsp.review_quarantined(
        certified, outcome="confirmed", reason="evidence re-read", actor=actors.COMMITTEE_MEMBERS[2]
    )
    return [late, named, misconduct_case_id(world.assessor)]
