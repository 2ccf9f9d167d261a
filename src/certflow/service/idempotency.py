"""The preconditions of a command: its ``Idempotency-Key`` and the ``If-Match`` version.

**Idempotency.** Every command ``POST`` carries an ``Idempotency-Key`` (missing: ``428
precondition-required``). The key is scoped to the caller: the request record's id is a UUID5
of the principal's person and the key (:func:`certflow.engine.request_id`). The request's
fingerprint is a SHA-256 of the method, the path, the validated body (canonical JSON) and the
principal. The first time, the command runs and its answer is stored *in the same transaction
as the command's events* (:mod:`certflow.engine.requests`), so the answer exists exactly when
the change does, in every process and after a restart. A retry with the same key and the same
fingerprint gets the stored answer (same status and body, header ``Idempotent-Replayed: true``)
and records nothing; the same key with another fingerprint is ``422 idempotency-key-reused``.
Two requests with the same key at the same time: one stores the answer, the other's save
conflicts on the request record and it answers with the stored one. A refused command stores
nothing, so repeating it runs it again.

**If-Match.** A command on an existing certification must send ``If-Match: "<version>"`` (the
``ETag`` of the record as read; missing: ``428``): a stale version is ``412 version-mismatch``
with the current ``ETag``, checked before the command and again inside the save, so a writer
that moved the record in between makes the save fail instead of being overwritten.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from fastapi.responses import JSONResponse

from certflow.engine import RequestAnswered, Text
from certflow.service.principals import Principal
from certflow.service.problems import ProblemError

__all__ = [
    "IDEMPOTENCY_KEY",
    "KEY_PARAMETER",
    "MAX_KEY_LENGTH",
    "answer_response",
    "expected_version",
    "fingerprint",
    "idempotency_key",
    "replay",
    "reused",
    "stale",
]

IDEMPOTENCY_KEY = "Idempotency-Key"
MAX_KEY_LENGTH = 255
"""The longest idempotency key accepted (printable ASCII)."""
KEY_PARAMETER: dict[str, Any] = {
    "name": IDEMPOTENCY_KEY,
    "in": "header",
    "required": True,
    "description": "The same key on a retry returns the first answer and records nothing "
    "twice (428 when missing; 422 when used before for another request).",
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
    "example": "6f1d3c2e-4b5a-4c7d-9e8f-0a1b2c3d4e5f",
}
"""The header in the OpenAPI document (read by the route itself: a missing one is 428)."""


def idempotency_key(value: str | None) -> str:
    """The request's idempotency key.

    Raises:
        ProblemError: none was sent (428), or it is empty, too long or not printable ASCII.
    """
    if value is None:
        raise ProblemError(
            "precondition-required",
            Text("send an Idempotency-Key header with every command (a UUID will do)"),
        )
    key = value.strip()
    if not key or len(key) > MAX_KEY_LENGTH or not all(" " <= c <= "~" for c in key):
        raise ProblemError(
            "invalid-input",
            Text(
                "Idempotency-Key must be 1 to {limit} printable ASCII characters",
                limit=MAX_KEY_LENGTH,
            ),
        )
    return key


def fingerprint(method: str, path: str, body: Mapping[str, Any], principal: Principal) -> str:
    """What makes two requests the same request: method, path, body and caller (SHA-256)."""
    canonical = json.dumps(
        [method.upper(), path, body, principal.person],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def answer_response(status: int, answer: str, *, replayed: bool = False) -> JSONResponse:
    """The response of a command from its answer (JSON text with ``id`` and ``version``).

    An answer without a version (a candidate put on file: no record is versioned) has no ETag.
    """
    body = json.loads(answer)
    headers = {} if body.get("version") is None else {"ETag": f'"{body["version"]}"'}
    if status == 201:  # a record's answer names its address; a certification's is implied
        headers["Location"] = body.get("location") or f"/v1/certifications/{body['id']}"
    if replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(body, status_code=status, headers=headers)


def replay(stored: RequestAnswered, request_fingerprint: str) -> JSONResponse:
    """The stored answer of a request made before with this key.

    Raises:
        ProblemError: the key was used for a different request (422).
    """
    if stored.fingerprint != request_fingerprint:
        raise reused()
    return answer_response(stored.status, stored.answer, replayed=True)


def reused() -> ProblemError:
    """The 422 problem of a key sent again with a different request."""
    return ProblemError(
        "idempotency-key-reused",
        Text(
            "this Idempotency-Key was used for a different request; nothing was "
            "recorded: use a new key for a new request"
        ),
    )


def expected_version(if_match: str | None) -> int:
    """The version an ``If-Match`` header names (``"3"``; ``W/"3"`` and ``3`` also read).

    Raises:
        ProblemError: no header, ``*`` or a list (428), or not a version (412).
    """
    if if_match is None or if_match.strip() == "*" or "," in if_match:
        raise ProblemError(
            "precondition-required",
            Text(
                'send If-Match: "<version>" with the ETag of the record as you read it; '
                "a change to a record you have not read is never made"
            ),
        )
    text = if_match.strip().removeprefix("W/").strip('"')
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise ProblemError(
            "version-mismatch",
            Text("If-Match {value!r} names no version of the record", value=if_match[:40]),
        )
    return int(text)


def stale(expected: int, current: int) -> ProblemError:
    """The 412 problem of a command sent for ``expected`` on a record at ``current``."""
    return ProblemError(
        "version-mismatch",
        Text(
            "the record is at version {current}, not {expected}: read it again and decide "
            "again; nothing was recorded",
            current=current,
            expected=expected,
        ),
        headers={"ETag": f'"{current}"'},
    )
