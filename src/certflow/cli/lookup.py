"""What the workflow commands are given, found: schemes, sessions, TUKs, cases, small files.

A command names things the way people do: a scheme by its code, a session by its code, a TUK by
its name, a case by its id or certificate number. Each is found here or refused as *not found*
(exit 4); a structured input (a scheme's units, a portfolio, a verification) comes from
repeated ``KEY=VALUE`` options or a small JSON or TOML file, and the library's own models
validate it.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from uuid import UUID

from certflow.application import (
    CertificationBody,
    CertificationView,
    SchemeView,
    SessionView,
    TukView,
)
from certflow.cli.app import resolve_record
from certflow.cli.console import t
from certflow.domain import SchemeStatus, session_id, tuk_id
from certflow.engine import InvalidInputError, NotFoundError

__all__ = [
    "case",
    "case_keys",
    "entry",
    "pairs",
    "per_case",
    "read_data",
    "scheme",
    "session",
    "tuk",
]


def scheme(lsp: CertificationBody, key: str) -> SchemeView:
    """The scheme ``key`` names: its id, or its code (the active version, else the latest)."""
    text = key.strip()
    found = [s for s in lsp.list_schemes() if text in {s.code, str(s.id)}]
    if not found:
        raise NotFoundError("scheme", text)
    current = [s for s in found if s.status is SchemeStatus.ACTIVE] or found
    return max(current, key=lambda s: s.version)


def session(lsp: CertificationBody, code: str) -> SessionView:
    """The assessment session with this code (or id)."""
    text = code.strip()
    try:
        key = UUID(text)
    except ValueError:
        key = session_id(text)
    try:
        return lsp.get_session(key)
    except NotFoundError:
        raise NotFoundError("session", text) from None


def tuk(lsp: CertificationBody, key: str) -> TukView:
    """The TUK with this name (as proposed) or id."""
    text = key.strip()
    try:
        found = UUID(text)
    except ValueError:
        found = tuk_id(text)
    try:
        return lsp.get_tuk(found)
    except NotFoundError:
        raise NotFoundError("tuk", text) from None


def case(lsp: CertificationBody, key: str) -> CertificationView:
    """The certification ``key`` names: its id or its certificate number."""
    return resolve_record(lsp, key)


def pairs(values: Iterable[str], option: str) -> dict[str, str]:
    """``KEY=VALUE`` options as a mapping, in the order given; a repeated key is refused."""
    found: dict[str, str] = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip():
            raise InvalidInputError(
                [t("{option} {value!r}: write it as KEY=VALUE", option=option, value=value)]
            )
        if key.strip() in found:
            raise InvalidInputError(
                [t("{option} {key!r} is given twice", option=option, key=key.strip())]
            )
        found[key.strip()] = rest.strip()
    return found


def read_data(path: Path) -> Any:
    """The content of a small ``.json`` or ``.toml`` file (validated by whoever uses it).

    Raises:
        InvalidInputError: another kind of file, or one that does not parse.
        OSError: the file cannot be read.
    """
    suffix = path.suffix.lower()
    raw = path.read_bytes()
    try:
        if suffix == ".json":
            return json.loads(raw.decode("utf-8"))
        if suffix == ".toml":
            return tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidInputError(
            [t("{path}: cannot be read: {error}", path=path, error=error)]
        ) from None
    raise InvalidInputError([t("{path}: use a .json or .toml file", path=path)])


def per_case(file: Path | None, cases: list[str] | None) -> dict[str, Any]:
    """What ``--file`` gives each case (by id or certificate number); empty without a file.

    Raises:
        InvalidInputError: cases are named as arguments too, or the file is not a table.
    """
    if file is None:
        return {}
    if cases:
        raise InvalidInputError([t("give the cases either as arguments or in --file, not both")])
    data = read_data(file)
    if not isinstance(data, dict) or not data:
        raise InvalidInputError(
            [t("{file}: expected a table of cases (id or number: entries)", file=file)]
        )
    return data


def case_keys(cases: list[str] | None, given: dict[str, Any]) -> list[str]:
    """The cases named: the file's, else the arguments; refused when there are none."""
    keys = list(given) or list(cases or [])
    if not keys:
        raise InvalidInputError([t("name the cases, or give --file")])
    return keys


def entry(given: dict[str, Any], view: CertificationView) -> Any:
    """What the file gives ``view``, under its id or its certificate number (None: nothing)."""
    for key in (str(view.id), view.certificate_number or ""):
        if key in given:
            return given[key]
    return None
