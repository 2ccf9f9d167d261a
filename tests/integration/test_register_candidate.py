"""Putting a candidate on file for an acting person, and listing the sessions."""

from __future__ import annotations

from uuid import uuid4

import pytest

from certflow import Actor, AlreadyExistsError, InvalidInputError, NotAuthorizedError, Role
from certflow.bootstrap import services_of
from certflow.testing.actors import ADMIN
from tests.support import World


def test_the_lsp_admin_puts_a_candidate_on_file_and_no_event_holds_them(world: World) -> None:
    lsp = world.lsp
    store = services_of(lsp).store
    before = sum(1 for _ in store.scan())
    made = lsp.register_candidate(name="Budi Api", nik="3201010101017701", actor=ADMIN)
    assert lsp.get_candidate(made).data.name == "Budi Api"
    assert lsp.find_candidate(nik="3201010101017701") == made
    assert sum(1 for _ in store.scan()) == before  # the subject store only
    chosen = uuid4()
    assert lsp.register_candidate(name="Citra", subject_id=chosen, actor=ADMIN) == chosen
    with pytest.raises(AlreadyExistsError):
        lsp.register_candidate(name="Dewi", subject_id=chosen, actor=ADMIN)
    with pytest.raises(InvalidInputError):
        lsp.register_candidate(name="Eko", nik="3201010101017701", actor=ADMIN)


def test_a_candidate_or_a_stranger_may_not_put_a_person_on_file(world: World) -> None:
    own = Actor(str(world.candidates[0]), Role.CANDIDATE)
    with pytest.raises(NotAuthorizedError) as caught:
        world.lsp.register_candidate(name="Teman", actor=own)
    assert caught.value.rule_ids == ("P3",)
    with pytest.raises(NotAuthorizedError) as caught:
        world.lsp.register_candidate(name="Teman", actor=Actor("orang-asing", Role.LSP_ADMIN))
    assert caught.value.rule_ids[0] in ("P1", "P2")


def test_every_planned_session_is_listed(world: World) -> None:
    assert [s.id for s in world.lsp.list_sessions()] == [world.session]
