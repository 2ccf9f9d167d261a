"""Who acts: a person's role for a move comes from the registers, never from the caller."""

from __future__ import annotations

from uuid import uuid4

import pytest

from certflow.application import actor_for, candidate_subject
from certflow.domain import Role
from certflow.engine import NotAuthorizedError
from certflow.testing.actors import ADMIN, COMMITTEE, MANAGER
from tests.support import World


def test_staff_act_in_the_role_their_appointment_gives_them(world: World) -> None:
    assert actor_for(world.lsp, ADMIN.id, "admit").role == Role.LSP_ADMIN.value
    assert actor_for(world.lsp, COMMITTEE.id, "decide").role == Role.CERTIFICATION_COMMITTEE.value
    actor = actor_for(world.lsp, MANAGER.id, "assign_assessor", scheme="SKM/TEST/1")
    assert (actor.id, actor.role) == (MANAGER.id, Role.CERTIFICATION_MANAGER.value)


def test_an_assessor_acts_by_licence_by_register_id_or_met_number(world: World) -> None:
    by_id = actor_for(world.lsp, str(world.assessor), "recommend")
    by_met = actor_for(world.lsp, "MET.000.000001 2020", "recommend")
    assert by_id.role == by_met.role == Role.ASSESSOR.value
    assert by_id.id == by_met.id == str(world.assessor)


def test_a_candidate_acts_as_themself_and_only_in_the_candidates_moves(world: World) -> None:
    subject = world.candidates[0]
    assert candidate_subject(world.lsp, str(subject)) == subject
    assert candidate_subject(world.lsp, str(world.assessor)) is None  # an assessor's subject
    assert candidate_subject(world.lsp, "lsp-admin-01") is None
    actor = actor_for(world.lsp, str(subject), "submit_portfolio")
    assert (actor.id, actor.role) == (str(subject), Role.CANDIDATE.value)
    with pytest.raises(NotAuthorizedError) as refused:
        actor_for(world.lsp, str(subject), "decide")
    assert refused.value.rule_ids == ("P2",)


def test_nobody_the_registers_know_is_p1_and_no_fitting_role_is_p2(world: World) -> None:
    for stranger in ("nobody-01", str(uuid4()), "MET.999.999999 2020"):
        with pytest.raises(NotAuthorizedError) as unknown:
            actor_for(world.lsp, stranger, "admit")
        assert unknown.value.rule_ids == ("P1",)
    with pytest.raises(NotAuthorizedError) as no_role:
        actor_for(world.lsp, ADMIN.id, "decide")
    assert no_role.value.rule_ids == ("P2",)
    assert "lsp_admin" in str(no_role.value)
