"""What each route's entry in the OpenAPI document says it answers, written the same way.

Every route documents its success answer with an example (:func:`example_answer`; a model's
own ``json_schema_extra`` examples serve too), or its media type and an example where the
answer is not JSON (:func:`media_answer`: the HTML pages, the server-sent events), and the
problems it can really answer (:func:`problem_responses`).

Every failure is a :class:`~certflow.service.problems.Problem` document sent as
``application/problem+json``; the OpenAPI document says so for each status a route may answer
(the schema is listed under ``application/json`` too, as FastAPI derives it from the model).
``4XX`` covers the other client errors every route may meet (a problem type page describes
each), so no route documents FastAPI's default validation answer, which this service never
sends (an invalid request is ``400 invalid-input``). The verification pages answer their
failures as pages (:func:`page_responses`).

FastAPI drops every ``null`` from the document it builds, examples included (fastapi#5559), so
an example of a required field that may be null would no longer match its own schema;
:func:`install_examples` puts the examples back as the routes and models wrote them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, get_args

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from pydantic import BaseModel

from certflow.service.problems import Problem

__all__ = [
    "STORE_UNAVAILABLE",
    "example_answer",
    "install_examples",
    "media_answer",
    "page_responses",
    "problem_responses",
]

_PROBLEM_SCHEMA = {"schema": {"$ref": "#/components/schemas/Problem"}}
STORE_UNAVAILABLE = "The register (the store) cannot be reached now; try again later"
"""The description of a ``503`` of a route that reads or writes the store."""


def problem_responses(
    described: Mapping[int, str], *, json_too: bool = True
) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route: each status with its description, as a problem.

    Args:
        described: each status the route may answer, with when.
        json_too: list the schema under the route's own media type too (FastAPI does, from
            the model); ``False`` for a route whose success is not ``application/json``.
    """
    answers: dict[int | str, dict[str, Any]] = {
        status: _problem(text, json_too) for status, text in described.items()
    }
    answers["4XX"] = _problem(
        "Another client error, as a problem (its type page says what to do)", json_too
    )
    return answers


def _problem(description: str, json_too: bool) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": description,
        "content": {"application/problem+json": _PROBLEM_SCHEMA},
    }
    if json_too:
        answer["model"] = Problem
    return answer


def example_answer(
    example: Any,
    *,
    status: int = 200,
    description: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> dict[int | str, dict[str, Any]]:
    """A JSON success answer with its example (and the headers it carries, described)."""
    answer: dict[str, Any] = {"content": {"application/json": {"example": example}}}
    if description is not None:
        answer["description"] = description
    if headers:
        answer["headers"] = {
            name: {"description": text, "schema": {"type": "string"}}
            for name, text in headers.items()
        }
    return {status: answer}


def media_answer(
    media_type: str,
    example: str,
    *,
    description: str,
    status: int = 200,
    schema: Mapping[str, Any] | None = None,
) -> dict[int | str, dict[str, Any]]:
    """A success answer that is not JSON (a page, an event stream): its media type, an example.

    ``schema``: what the body is (default: text); for ``text/event-stream``, the schema of one
    event, as OpenAPI 3.1 tools read it (3.2 names it ``itemSchema``).
    """
    shape = dict(schema) if schema is not None else {"type": "string"}
    return {
        status: {
            "description": description,
            "content": {media_type: {"schema": shape, "example": example}},
        }
    }


def page_responses(described: Mapping[int, str]) -> dict[int | str, dict[str, Any]]:
    """The failures of a page, each answered as the page itself (``text/html``) saying why.

    Any other client error reaches the service's one error path: a problem (``4XX``).
    """
    answers: dict[int | str, dict[str, Any]] = {
        status: {"description": text, "content": {"text/html": {"schema": {"type": "string"}}}}
        for status, text in described.items()
    }
    answers["4XX"] = problem_responses({}, json_too=False)["4XX"]
    return answers


def install_examples(app: FastAPI, routers: Sequence[APIRouter]) -> None:
    """Have ``app``'s OpenAPI document keep the examples of ``routers``' routes whole.

    ``routers``: the app's own router and those it includes (without a prefix).
    """
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        restore_examples(routers, schema)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def restore_examples(routers: Sequence[APIRouter], schema: dict[str, Any]) -> None:
    """Copy the routes' and response models' examples, as written, into ``schema``."""
    components = schema.get("components", {}).get("schemas", {})
    routes = [r for router in routers for r in router.routes]
    for route in routes:
        if not isinstance(route, APIRoute) or not route.include_in_schema:
            continue
        item = schema.get("paths", {}).get(route.path_format, {})
        for method in route.methods or ():
            documented = item.get(method.lower(), {}).get("responses", {})
            for status, answer in route.responses.items():
                for media, given in answer.get("content", {}).items():
                    target = documented.get(str(status), {}).get("content", {}).get(media)
                    if target is not None:
                        target.update(
                            {k: v for k, v in given.items() if k in ("example", "examples")}
                        )
        for model in _models(route):
            extra = model.model_config.get("json_schema_extra")
            found = components.get(model.__name__)
            if isinstance(extra, dict) and "examples" in extra and found is not None:
                found["examples"] = extra["examples"]


def _models(route: APIRoute) -> Iterator[type[BaseModel]]:
    """The models a route answers with (its response model, or the item of a list of them)."""
    candidates = [route.response_model, *(a.get("model") for a in route.responses.values())]
    for candidate in candidates:
        for kind in (candidate, *get_args(candidate)):
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                yield kind
