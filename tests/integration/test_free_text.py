"""Free text that goes into an event is refused when it holds an identifier (R58), is over its
limit or carries control characters: reasons, summaries, findings, grounds, natures, references.

Each command is fed a NIK (in groups), an e-mail address and a phone number; each is refused
with its rule id and records nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from certflow import CertificationBody, RejectedError
from certflow.application.free_text import MAX_FREE_TEXT, free_text
from certflow.bootstrap import services_of
from certflow.engine import InvalidInputError
from certflow.testing.actors import ADMIN, DPO, HEAD
from tests.support import World

IDENTIFIERS = {
    "nik": "NIK pelapor 3201 0123 4567 8901",
    "email": "hubungi ayu.lestari@example.com",
    "phone": "telp 0812-3456-7890",
}


def _count(lsp: CertificationBody) -> int:
    return services_of(lsp).store.recorder.max_notification_id() or 0


def _commands(world: World) -> dict[str, Callable[[str], Any]]:
    lsp = world.lsp
    subject = world.candidates[0]
    return {
        "complaint summary": lambda text: lsp.file_complaint(
            about="lsp", summary=text, actor=ADMIN
        ),
        "breach nature": lambda text: lsp.record_breach(
            "BR-X", nature=text, subjects_affected=1, actor=DPO
        ),
        "correction reason": lambda text: lsp.correct_personal_data(
            subject, changes={"rank": "Kombes Pol"}, reason=text, actor=ADMIN
        ),
        "disclosure reference": lambda text: lsp.record_disclosure_basis(
            recipient="divhumas",
            basis="contract",
            session_code="EUK-TEST",
            reference=text,
            actor=HEAD,
        ),
    }


@pytest.mark.parametrize("kind", sorted(IDENTIFIERS))
@pytest.mark.parametrize(
    "command",
    ["complaint summary", "breach nature", "correction reason", "disclosure reference"],
)
def test_an_identifier_in_free_text_is_refused_and_nothing_recorded(
    world: World, command: str, kind: str
) -> None:
    before = _count(world.lsp)
    with pytest.raises(RejectedError) as refused:
        _commands(world)[command](IDENTIFIERS[kind])
    assert set(refused.value.rule_ids) & {"R53", "R58", "R61", "R62", "R63"}, refused.value.rule_ids
    assert "personal data" in str(refused.value)
    assert _count(world.lsp) == before


def test_plain_descriptions_are_recorded(world: World) -> None:
    commands = _commands(world)
    commands["complaint summary"]("antrian pendaftaran terlalu panjang pada 2024-11-06")
    commands["breach nature"]("laptop admin hilang; surat No. 001/2024")
    assert len(world.lsp.list_complaints()) == 1


@pytest.mark.parametrize(
    "text",
    ["a\u202eb", "warna\x1b[31m merah", "x" * (MAX_FREE_TEXT + 1), "nol\u200blebar"],
)
def test_control_characters_and_oversized_text_are_refused(text: str) -> None:
    with pytest.raises(InvalidInputError) as refused:
        free_text(text, "reason")
    assert refused.value.rule_ids == ("R58",)
    assert "reason" in str(refused.value)


def test_dates_reference_numbers_and_short_codes_pass() -> None:
    for text in ("SK 123456", "14-11-2024", "PKS/07/X/2024", "unit MI.2 BK", "30 menit"):
        assert free_text(f"  {text} ", "reason") == text
