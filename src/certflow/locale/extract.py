"""The Babel extraction method for certflow's sources (``pybabel extract -F babel.cfg``).

It finds, in one Python module:

* the messages: the first argument of ``Text(...)``, ``text(...)``, ``T(...)``, ``t(...)`` and
  ``N_(...)`` when it is a string and the only positional argument (the older two-sentence
  ``Text(id, en)`` form is no catalog message and is left out);
* the kind of record named by ``NotFoundError("session", ...)`` and ``AlreadyExistsError``;
* the help of the command line: every ``help="..."`` keyword argument, and the docstring of
  every function registered as a typer command or callback (``@app.command()``,
  ``@app.callback()``, ``app.callback()(function)``), as typer shows it (``inspect.cleandoc``).
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any

__all__ = ["KEYWORDS", "extract_certflow", "messages_in"]

KEYWORDS = ("Text", "text", "T", "t", "N_", "help_text")
"""The names of the calls whose first argument is a catalog message."""

KINDS = ("NotFoundError", "AlreadyExistsError")
"""Errors whose first argument, the kind of record, is a catalog message too."""

_REGISTRARS = ("command", "callback")


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _registers(decorator: ast.expr) -> bool:
    """Whether ``decorator`` is ``@x.command(...)`` / ``@x.callback(...)``."""
    call = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(call, ast.Attribute) and call.attr in _REGISTRARS


def messages_in(source: str) -> Iterator[tuple[int, str, str]]:
    """``(line, kind, message)`` for every message of ``source``; kind is the call or ``help``."""
    tree = ast.parse(source)
    functions = {
        node.name: node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node, clean=True)
            if doc and any(_registers(d) for d in node.decorator_list):
                yield node.lineno, "help", doc
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if (
            name in KEYWORDS
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and node.args[0].value
        ):
            yield node.lineno, name, node.args[0].value
        if (
            name in KINDS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, name, node.args[0].value
        for keyword in node.keywords:
            value = keyword.value
            if (
                keyword.arg == "help"
                and isinstance(value, ast.Constant)
                and isinstance(value.value, str)
                and value.value.strip()
            ):
                yield value.lineno, "help", inspect.cleandoc(value.value)
        # app.callback()(function): the function's docstring is the group's help
        if (
            isinstance(node.func, ast.Call)
            and _registers(node.func)
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in functions
        ):
            doc = ast.get_docstring(functions[node.args[0].id], clean=True)
            if doc:
                yield node.lineno, "help", doc


def extract_certflow(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Sequence[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel's extraction method interface over :func:`messages_in` (no keyword specs)."""
    encoding = str(options.get("encoding", "utf-8"))
    for line, _kind, message in messages_in(fileobj.read().decode(encoding)):
        yield line, None, message, []
