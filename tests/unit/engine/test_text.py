"""The language of sentences: chosen by whoever runs the engine, per context or per process."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from certflow.application.settings import environment_language
from certflow.engine import (
    LANGUAGES,
    RejectedError,
    Text,
    language,
    reset_language,
    set_default_language,
    set_language,
    use_language,
)

HELLO = Text("halo", "hello")


@pytest.fixture
def default_id() -> Iterator[None]:
    """The process default set to Indonesian for one test, then given back to the app."""
    set_default_language("id")
    yield
    set_default_language(environment_language)


def test_a_context_chooses_its_language(default_id: None) -> None:
    assert language() == "id"
    with use_language("en"):
        assert language() == "en"
        assert str(HELLO) == "hello"
        with use_language("id"):
            assert HELLO.render() == "halo"
        assert HELLO.render() == "hello"
    assert str(HELLO) == "halo"
    token = set_language("en")
    assert str(RejectedError(Text("ditolak", "refused"))) == "refused"
    reset_language(token)
    assert language() == "id"


def test_an_explicit_language_wins(default_id: None) -> None:
    with use_language("en"):
        assert HELLO.render("id") == "halo"
    assert HELLO.render("en") == "hello"


def test_the_process_default_reaches_every_thread(default_id: None) -> None:
    seen: list[str] = []
    set_default_language("en")
    with use_language("id"):  # this thread's choice; a new thread starts without one
        worker = threading.Thread(target=lambda: seen.append(language()))
        worker.start()
        worker.join()
        assert language() == "id"
    assert seen == ["en"]


def test_the_default_may_be_asked_at_every_rendering(default_id: None) -> None:
    answers = iter(["en", "id", "fr"])
    set_default_language(lambda: next(answers))
    assert [language(), language(), language()] == ["en", "id", "id"]


def test_only_known_languages_are_chosen() -> None:
    assert LANGUAGES == ("id", "en")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        set_language("fr")
    with pytest.raises(ValueError, match="unknown language"):
        set_default_language("EN")
