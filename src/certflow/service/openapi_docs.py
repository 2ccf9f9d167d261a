"""The problem answers each API route documents, as ``application/problem+json``.

Every failure is a :class:`~certflow.service.problems.Problem` document sent as
``application/problem+json``; the OpenAPI document says so for each status a route may answer
(the schema is listed under ``application/json`` too, as FastAPI derives it from the model).
``4XX`` covers the other client errors every route may meet (a problem type page describes
each), so no route documents FastAPI's default validation answer, which this service never
sends (an invalid request is ``400 invalid-input``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from certflow.service.problems import Problem

__all__ = ["problem_responses"]

_PROBLEM_SCHEMA = {"schema": {"$ref": "#/components/schemas/Problem"}}


def problem_responses(described: Mapping[int, str]) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route: each status with its description, as a problem."""
    answers: dict[int | str, dict[str, Any]] = {
        status: {
            "model": Problem,
            "description": text,
            "content": {"application/problem+json": _PROBLEM_SCHEMA},
        }
        for status, text in described.items()
    }
    answers["4XX"] = {
        "model": Problem,
        "description": "Another client error, as a problem (its type page says what to do)",
        "content": {"application/problem+json": _PROBLEM_SCHEMA},
    }
    return answers
