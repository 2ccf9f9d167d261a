"""The gettext catalog holds every message in Bahasa Indonesia, compiled, and no pair is left."""

from __future__ import annotations

import ast
import io
import string
from pathlib import Path

import pytest

pytest.importorskip("babel")
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from certflow.engine import Text, use_language

SRC = Path(__file__).parents[2] / "src" / "certflow"
LOCALE = SRC / "locale"
PO = LOCALE / "id" / "LC_MESSAGES" / "certflow.po"
MO = PO.with_suffix(".mo")
METHOD = "certflow.locale.extract:extract_certflow"
MESSAGE_CALLS = {"t", "text", "Text", "T"}
DEFINITIONS = {SRC / "engine" / "text.py", SRC / "cli" / "console.py"}


def _extracted() -> dict[str, str]:
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SRC), method_map=[("**.py", METHOD)]
    ):
        assert isinstance(message, str)
        found.setdefault(message, f"{filename}:{lineno}")
    return found


def _catalog(path: Path = PO) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale="id", domain="certflow")


def _fields(message: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}


def test_every_message_has_an_indonesian_translation() -> None:
    extracted = _extracted()
    assert len(extracted) > 100, "the extractor found too few messages"
    catalog = _catalog()
    missing = {m: where for m, where in extracted.items() if catalog.get(m) is None}
    untranslated = {
        m: where
        for m, where in extracted.items()
        if (entry := catalog.get(m)) is not None and (not entry.string or entry.fuzzy)
    }
    assert not missing, f"not in {PO.name} (run the codemod / pybabel update): {missing}"
    assert not untranslated, f"empty or fuzzy msgstr in {PO.name}: {untranslated}"


def test_a_translation_keeps_the_placeholders() -> None:
    for entry in _catalog():
        if entry.id and isinstance(entry.id, str) and isinstance(entry.string, str):
            formatted = "{" in entry.id and "{{" not in entry.id.replace("{{", "")
            if formatted and _fields(entry.id):
                assert _fields(entry.string) == _fields(entry.id), entry.id


def test_the_compiled_catalog_is_current() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalog())
    assert MO.read_bytes() == compiled.getvalue(), (
        f"{MO.name} is stale: pybabel compile -d src/certflow/locale -D certflow"
    )


def test_the_template_lists_what_the_sources_say() -> None:
    template = _catalog(LOCALE / "certflow.pot")
    assert {m.id for m in template if m.id} == set(_extracted()), (
        "certflow.pot is stale: see docs/decisions/0018-gettext-catalogs.md"
    )


def test_no_bilingual_pair_is_left() -> None:
    """Every message is a catalog message: ``t(id, en)`` / ``Text(id, en)`` pairs are converted."""
    pairs = []
    for path in SRC.rglob("*.py"):
        if path in DEFINITIONS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) != 2:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if name in MESSAGE_CALLS and all(
                isinstance(a, ast.Constant | ast.JoinedStr) for a in node.args
            ):
                pairs.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not pairs, f"bilingual pairs left (run the i18n codemod): {pairs}"


def test_a_message_renders_from_the_catalog_in_either_language() -> None:
    message = Text("{value!r}: choose id or en", value=Text("session"))
    assert message.render("en") == "'session': choose id or en"
    assert message.render("id") == "'jadwal': pilih id atau en"  # the parameter translated too
    with use_language("id"):
        assert str(Text("Options")) == "Opsi"
    assert Text("halo", "hello").render("en") == "hello"  # a pair for workflows of your own
