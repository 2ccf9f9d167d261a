"""JSON (an array of objects, streamed with ijson) and JSON Lines (one object per line) rows.

Neither reader builds more than one row, and neither recurses: JSON is read as ijson's flat
stream of events, the nesting counted as it opens; a JSON Lines line is read to a length limit
and its nesting counted in one pass before :func:`json.loads` (which recurses) may see it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from certflow.adapters.extras import require
from certflow.adapters.spreadsheet_cells import (
    check_cell,
    check_object,
    clean,
    refuse,
    size_checked,
    too_many_columns,
    twice,
    typed_cell,
)
from certflow.application.intake import IntakeLimits
from certflow.engine import Text

__all__ = ["json_rows", "jsonl_rows"]

_NOT_AN_ARRAY = Text("not a JSON array of objects")


def _too_deep(path: Path, row: int, limits: IntakeLimits) -> None:
    most = limits.max_depth
    refuse(
        path,
        Text("values nested more than {most} deep; a row is one flat object", most=most),
        row=row,
    )


def _row(path: Path, number: int, item: object, limits: IntakeLimits) -> dict[str, Any]:
    if not isinstance(item, dict):
        refuse(path, Text("not a JSON object"), row=number)
    check_object(path, number, item, limits)
    return {k: typed_cell(k, v) for k, v in clean(item).items()}


class _Guarded:
    """The file as ijson reads it, refused past ``max_bytes`` or a run no good cell makes.

    Between two quotes a good file holds a key, a value or a little punctuation; a longer run
    (a giant string, number or padding) is refused before ijson would hold it whole. An escaped
    quote also ends a run here, so a string that hides quotes is bounded by ``max_bytes`` only.
    """

    def __init__(self, path: Path, handle: IO[bytes], limits: IntakeLimits) -> None:
        self._path = path
        self._handle = handle
        self._limits = limits
        self._longest = 6 * limits.max_cell_chars + 64  # a character may be \\uXXXX
        self._carry = 0  # bytes since the last quote
        self._read = 0

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson asks for nothing first, to learn bytes from text
            return b""
        data = self._handle.read(size if size > 0 else 65536)
        self._read += len(data)
        if self._read > self._limits.max_bytes:
            refuse(
                self._path,
                Text("over {limits_max_bytes} bytes", limits_max_bytes=self._limits.max_bytes),
            )
        runs = data.split(b'"')
        if len(runs) == 1:
            self._carry += len(data)
            longest = self._carry
        else:
            longest = max(self._carry + len(runs[0]), max(map(len, runs[1:]), default=0))
            self._carry = len(runs[-1])
        if longest > self._longest:
            refuse(
                self._path,
                Text(
                    "over {longest} bytes without a quote: a value longer than "
                    "{limits_max_cell_chars} characters, or not an array of objects",
                    longest=self._longest,
                    limits_max_cell_chars=self._limits.max_cell_chars,
                ),
            )
        return data


def json_rows(path: Path, limits: IntakeLimits) -> Iterator[tuple[int, dict[str, Any]]]:
    """The objects of a JSON array, numbered from 1, one at a time."""
    require("intake", "ijson")
    import ijson

    with path.open("rb") as handle:
        size_checked(path, limits)
        start = handle.read(1024).lstrip()
        handle.seek(0)
        if not start.startswith(b"["):
            refuse(path, _NOT_AN_ARRAY)
        stack: list[Any] = []  # the array, the row, a list in a cell
        keys: list[Any] = []
        index = 0
        try:
            # basic_parse: parse would build each event's path, as long as the nesting is deep
            for event, value in ijson.basic_parse(_Guarded(path, handle, limits)):
                if event == "map_key":
                    keys[-1] = value
                elif event in ("start_map", "start_array"):
                    if len(stack) == 1:
                        index += 1
                        if event != "start_map":
                            refuse(path, Text("not a JSON object"), row=index)
                    if len(stack) > limits.max_depth:
                        _too_deep(path, index, limits)
                    stack.append({} if event == "start_map" else [])
                    keys.append(None)
                elif event in ("end_map", "end_array"):
                    done = stack.pop()
                    keys.pop()
                    if len(stack) == 1:
                        yield index, _row(path, index, done, limits)
                    elif stack:
                        _attach(path, index, stack[-1], keys[-1], done, limits)
                elif not stack:
                    refuse(path, _NOT_AN_ARRAY)
                elif len(stack) == 1:
                    refuse(path, Text("not a JSON object"), row=index + 1)
                else:
                    _attach(path, index, stack[-1], keys[-1], value, limits)
        except ijson.JSONError as error:
            refuse(
                path,
                Text("not a JSON array of objects ({error})", error=error),
                row=index or None,
            )


def _attach(path: Path, row: int, parent: Any, key: Any, value: Any, limits: IntakeLimits) -> None:
    """Put ``value`` in its container, refusing a row or a cell grown past the limits."""
    column = str(key) if key is not None else "?"
    check_cell(path, row, column, value, limits)
    if isinstance(parent, dict):
        if key in parent:
            twice(path, row, [str(key)])
        parent[key] = value
        if len(parent) > limits.max_columns:
            too_many_columns(path, row, limits)
    else:
        parent.append(value)
        check_cell(path, row, column, parent, limits)


class _RepeatedKeyError(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object from its pairs, a key given twice refused (``json`` keeps the last silently)."""
    item = dict(pairs)
    if len(item) < len(pairs):
        keys = [key for key, _ in pairs]
        raise _RepeatedKeyError(next(key for key in keys if keys.count(key) > 1))
    return item


def _depth(text: str) -> int:
    """How deep a JSON text nests (counted in one pass, brackets in strings left out)."""
    deepest = depth = 0
    in_string = escaped = False
    for character in text:
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif character in "]}":
            depth -= 1
    return deepest


def jsonl_rows(path: Path, limits: IntakeLimits) -> Iterator[tuple[int, dict[str, Any]]]:
    """The objects of a JSON Lines file, numbered by their line."""
    size_checked(path, limits)
    longest = limits.max_columns * (6 * limits.max_cell_chars + 16) + 2
    with path.open(encoding="utf-8") as handle:
        number = 0
        while line := handle.readline(longest + 1):
            number += 1
            if len(line) > longest:
                refuse(
                    path,
                    Text(
                        "a line longer than {longest} characters; one object per line",
                        longest=longest,
                    ),
                    row=number,
                )
            if not line.strip():
                continue
            # Counting brackets is an upper bound; only a line that may be too deep is scanned.
            if line.count("[") + line.count("{") > limits.max_depth and (
                _depth(line) > limits.max_depth
            ):
                _too_deep(path, number, limits)
            try:
                item = json.loads(line, object_pairs_hook=_once)
            except _RepeatedKeyError as repeated:
                twice(path, number, [repeated.key])
            except json.JSONDecodeError as error:
                refuse(path, Text("not JSON: {error_msg}", error_msg=error.msg), row=number)
            yield number, _row(path, number, item, limits)
