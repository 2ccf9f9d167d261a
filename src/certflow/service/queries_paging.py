"""Cursor pagination for every list the API answers.

A list is read in a stable order given by a key per item (a certification's place in
registration order, an event's version, a certificate's number...). A page holds at most
``limit`` items (1 to :data:`MAX_LIMIT`, default :data:`DEFAULT_LIMIT`) after the cursor's key;
``next`` is the address of the following page and ``cursor`` its opaque cursor, both absent on
the last page. A cursor is the key of the last item sent, bound to the query it came from (its
path and filters): it stays valid while records change (nothing is sent twice, nothing that was
there is skipped) and is refused with ``400 invalid-input`` on another query.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Generic, TypeVar
from urllib.parse import urlencode

from fastapi import Query, Request
from pydantic import BaseModel, Field

from certflow.engine import Text
from certflow.service.problems import ProblemError

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "Cursor",
    "Limit",
    "Page",
    "cursor_key",
    "keyset",
    "paginate",
]

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_MAX_CURSOR = 1000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1 to {MAX_LIMIT}).")]
"""A route's ``limit`` query parameter."""
Cursor = Annotated[
    str | None,
    Query(max_length=_MAX_CURSOR, description="The cursor of the page to read (from `next`)."),
]
"""A route's ``cursor`` query parameter."""


class Page(BaseModel, Generic[T]):
    """One page of a list; follow ``next`` until it is absent."""

    items: list[T]
    next: str | None = Field(default=None, description="The address of the next page.")
    cursor: str | None = Field(default=None, description="The opaque cursor of the next page.")


def _scope(request: Request) -> str:
    """What a cursor is bound to: the path and every query parameter but the paging ones."""
    kept = sorted(
        (k, v) for k, v in request.query_params.multi_items() if k not in ("cursor", "limit")
    )
    digest = hashlib.sha256(json.dumps([request.url.path, kept]).encode())
    return digest.hexdigest()[:16]


def _encode(scope: str, key: Sequence[Any]) -> str:
    raw = json.dumps({"q": scope, "k": list(key)}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, scope: str) -> list[Any]:
    bad = ProblemError(
        "invalid-input",
        Text("the cursor is not one this query gave; start again without it"),
    )
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        found = json.loads(raw)
    except (binascii.Error, ValueError):
        raise bad from None
    if (
        not isinstance(found, dict)
        or found.get("q") != scope
        or not isinstance(found.get("k"), list)
    ):
        raise bad
    key: list[Any] = found["k"]
    if not all(isinstance(part, (str, int)) and not isinstance(part, bool) for part in key):
        raise bad
    return key


def paginate(
    items: Sequence[T],
    key: Callable[[T], Sequence[str | int]],
    *,
    request: Request,
    cursor: str | None,
    limit: int,
) -> Page[T]:
    """The page of ``items`` after ``cursor``, in the order of ``key``.

    Raises:
        ProblemError: the cursor was not made by this query (400).
    """
    scope = _scope(request)
    ordered = sorted(items, key=lambda item: list(key(item)))
    if cursor is not None:
        after = _decode(cursor, scope)
        try:
            ordered = [item for item in ordered if list(key(item)) > after]
        except TypeError:  # a key of other types than this query's
            raise _foreign() from None
    page = ordered[:limit]
    if len(ordered) <= limit:
        return Page[T](items=page)
    return _followed(page, key(page[-1]), request, scope)


def _foreign() -> ProblemError:
    """The problem of a cursor another query gave (400)."""
    return ProblemError(
        "invalid-input", Text("the cursor is not one this query gave; start again without it")
    )


def _followed(page: list[T], last: Sequence[str | int], request: Request, scope: str) -> Page[T]:
    """``page`` with the link and cursor of the page after ``last`` (the same query's key)."""
    following = _encode(scope, last)
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    params.append(("cursor", following))
    return Page[T](items=page, next=f"{request.url.path}?{urlencode(params)}", cursor=following)


def cursor_key(cursor: str | None, request: Request) -> int | None:
    """The integer key a keyset cursor carries (``None`` without a cursor).

    Raises:
        ProblemError: the cursor was not made by this query (400).
    """
    if cursor is None:
        return None
    key = _decode(cursor, _scope(request))
    if len(key) != 1 or not isinstance(key[0], int):
        raise _foreign()
    return key[0]


def keyset(items: Sequence[T], after: int | None, *, request: Request) -> Page[T]:
    """A page a keyset query already read; ``after`` is the next page's key (``None``: last)."""
    if after is None:
        return Page[T](items=list(items))
    return _followed(list(items), (after,), request, _scope(request))
