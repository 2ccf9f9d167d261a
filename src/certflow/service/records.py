"""Commands on the LSP's other records as ``POST`` routes: one per row of a table.

The registers (schemes, assessors, TUKs, sessions: :mod:`.registers_table`) and the oversight
records (the personnel register, complaints, misconduct cases: :mod:`.oversight_table`) are
changed exactly as certifications are (:mod:`.commands`): each route calls the facade method of
its row with the validated request's fields, as the actor the register makes of the caller for
the row's move (:func:`certflow.application.actor_for`; never a role from the request), under
the write lock, with an ``Idempotency-Key`` whose answer is saved with the command's events and,
on an existing record, ``If-Match`` on that record's version (checked before and again inside
the save). The answer names the record (its id, address and version) and what the command
returned (an appointment's id, a verification's fitness...).

Candidates are put on file by :mod:`.candidates`: their personal data is not an event.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from certflow import CertificationBody
from certflow.application import actor_for
from certflow.engine import (
    CertflowError,
    ConcurrencyConflictError,
    DefinitionError,
    NotFoundError,
    SaveGuard,
    WorkflowAggregate,
    guarded,
    request_id,
)
from certflow.service.commands import _MATCH_PARAMETER, COMMAND_RESPONSES
from certflow.service.commands_table import method_description, method_summary, request_model
from certflow.service.context import ServiceState, service_of
from certflow.service.idempotency import (
    IDEMPOTENCY_KEY,
    KEY_PARAMETER,
    answer_response,
    expected_version,
    fingerprint,
    idempotency_key,
    replay,
    stale,
)
from certflow.service.principals import Principal, current_principal

__all__ = [
    "RECORD_RESPONSES",
    "RecordAnswer",
    "RecordCommand",
    "Target",
    "add_routes",
    "record_version",
]

Result = str | bool | None


class RecordAnswer(BaseModel):
    """A record in brief, after a command: which, where, at which version."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
                    "location": "/v1/schemes/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
                    "stage": "active",
                    "version": 1,
                    "result": None,
                }
            ]
        }
    )

    id: str
    """The record's id as its address names it (a person id, a UUID)."""
    location: str
    stage: str | None = None
    version: int | None = None
    """The record's version after the command: send it as ``If-Match`` with the next one."""
    result: Result = None
    """What the command returned, when more than the record: an appointment's or a
    declaration's id, whether a TUK was found fit."""


RECORD_RESPONSES: dict[int | str, dict[str, Any]] = {
    **COMMAND_RESPONSES,
    404: {**COMMAND_RESPONSES[404], "description": "No such record"},
}


@dataclass(frozen=True)
class Target:
    """The record a command changes, named by the last parameter of its path."""

    parameter: str
    """The path parameter (``scheme_id``, ``person_id``...)."""
    record: Callable[[Any], UUID]
    """The record's id in the store, from the path's value."""
    kind: type = UUID
    """The path parameter's type."""
    matched: bool = True
    """Whether the command changes the record as read (``If-Match``); else it adds to it (an
    appointment, a declaration: 201, and the person may be new)."""


@dataclass(frozen=True)
class RecordCommand:
    """One command of the API on a record other than a certification."""

    method: str
    """The facade method."""
    path: str
    """The route under ``/v1`` (``/schemes/{scheme_id}/retire``)."""
    tag: str
    location: str
    """The address of the record answered, with ``{id}``."""
    example: Mapping[str, Any] = field(default_factory=dict)
    trigger: str = ""
    """The move the acting person's role is found for (default: the method)."""
    target: Target | None = None
    """The record named by the path; ``None``: the command makes a new one."""
    passes_id: bool = True
    """Whether the path's value is the facade method's first argument."""
    scheme: Callable[[CertificationBody, BaseModel, Any], str | None] | None = None
    """The scheme acted on, for appointments limited to schemes."""
    answers: Callable[[Any], str] = lambda record: str(record.id)
    """The record's id as its address names it."""
    result: Callable[[Any], Result] | None = None
    summary: str = ""
    """The operation's summary (default: the first sentence of the method's docstring)."""

    @property
    def creates(self) -> bool:
        """Whether the command makes a new record or sub-record (201, no ``If-Match``)."""
        return self.target is None or not self.target.matched

    def model(self) -> type[BaseModel]:
        """The request model, from the facade method's signature."""
        skipped = {"self", "actor"}
        if self.target is not None and self.passes_id:
            names = inspect.signature(getattr(CertificationBody, self.method)).parameters
            skipped.add(next(name for name in names if name != "self"))
        return request_model(self.method, self.example, skipped=frozenset(skipped))

    @property
    def title(self) -> str:
        """The summary, else the first sentence of the facade method's docstring."""
        return self.summary or method_summary(self.method)

    @property
    def description(self) -> str:
        """The facade method's docstring, without its Args/Raises sections."""
        return method_description(self.method)


def record_version(body: CertificationBody, record: UUID) -> int:
    """The version of any record (its last event's).

    Raises:
        NotFoundError: nothing is recorded under ``record``.
    """
    entries = body.history(record)
    if not entries:
        raise NotFoundError("record", record)
    return entries[-1].version


def _answer(
    command: RecordCommand, record: UUID | None, status: int
) -> Callable[[Sequence[WorkflowAggregate[Any]]], tuple[int, str]]:
    """Composes the stored answer from the records the command saves."""

    def answer(records: Sequence[WorkflowAggregate[Any]]) -> tuple[int, str]:
        chosen: Any = next((r for r in records if r.id == record), records[0])
        name = command.answers(chosen)
        brief = RecordAnswer(
            id=name,
            location=command.location.format(id=name),
            stage=chosen.stage_name,
            version=chosen.version,
            result=command.result(chosen) if command.result is not None else None,
        )
        return status, brief.model_dump_json()

    return answer


def execute(
    command: RecordCommand,
    payload: BaseModel,
    *,
    target: Any,
    request: Request,
    state: ServiceState,
    principal: Principal,
) -> JSONResponse:
    """Run one command with its preconditions (see :mod:`.idempotency`)."""
    chosen_key = idempotency_key(request.headers.get(IDEMPOTENCY_KEY))
    fields = payload.model_dump(mode="json")
    digest = fingerprint(request.method, request.url.path, fields, principal)
    rid = request_id(principal.person, chosen_key)
    stored = state.body.answer_of(rid)
    if stored is not None:
        return replay(stored, digest)
    expected = None
    record = None if command.target is None else command.target.record(target)
    if command.target is not None and command.target.matched and record is not None:
        expected = expected_version(request.headers.get("If-Match"))
    # who may make the move is said before whether the version is current (403 before 412);
    # the trust gate checks the appointment again when the facade decides the move
    scheme = command.scheme(state.body, payload, target) if command.scheme else None
    actor = actor_for(
        state.body, principal.person, command.trigger or command.method, scheme=scheme
    )
    if expected is not None and record is not None:
        current = record_version(state.body, record)
        if current != expected:
            raise stale(expected, current)
    arguments = {name: getattr(payload, name) for name in type(payload).model_fields}
    status = 201 if command.creates else 200
    guard = SaveGuard(
        request=rid,
        fingerprint=digest,
        answer=_answer(command, record, status),
        record_id=record if expected is not None else None,
        expected_version=expected,
    )
    try:
        with state.writing() as body, guarded(guard):
            stored = body.answer_of(rid)
            if stored is not None:
                return replay(stored, digest)
            method = getattr(body, command.method)
            if command.target is not None and command.passes_id:
                method(target, **arguments, actor=actor)
            else:
                method(**arguments, actor=actor)
    except CertflowError as error:
        stored = state.body.answer_of(rid)
        if stored is not None:  # the same request, made at the same time, was recorded first
            return replay(stored, digest)
        if isinstance(error, ConcurrencyConflictError) and expected is not None and record:
            current = record_version(state.body, record)
            if current != expected:  # the record moved; else another record of the save did
                raise stale(expected or 0, current) from None
        raise
    if guard.stored is None:
        raise DefinitionError(f"{command.method} recorded nothing")
    return answer_response(guard.stored.status, guard.stored.answer)


_ETAG = {"description": 'The record\'s version, "<version>": send it as If-Match next time.'}


def _answered(command: RecordCommand) -> dict[int | str, dict[str, Any]]:
    headers: dict[str, Any] = {
        "ETag": {**_ETAG, "schema": {"type": "string"}},
        "Idempotent-Replayed": {
            "description": "true when this is the stored answer of an earlier request",
            "schema": {"type": "string", "enum": ["true"]},
        },
    }
    if command.creates:
        headers["Location"] = {"description": "The record's address", "schema": {"type": "string"}}
    done = "Recorded" if command.creates else "The change recorded"
    return {201 if command.creates else 200: {"description": done, "headers": headers}}


def _route(router: APIRouter, command: RecordCommand) -> None:
    """Add the route of one command, with its own request model, to ``router``."""
    model = command.model()

    def endpoint(**given: Any) -> JSONResponse:
        return execute(
            command,
            given["payload"] or model(),
            target=given.get(command.target.parameter) if command.target else None,
            request=given["request"],
            state=given["state"],
            principal=given["principal"],
        )

    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters = [
        inspect.Parameter("request", keyword, annotation=Request),
        inspect.Parameter("payload", keyword, annotation=model)
        if any(f.is_required() for f in model.model_fields.values())
        else inspect.Parameter("payload", keyword, annotation=model | None, default=None),
        inspect.Parameter(
            "state", keyword, annotation=Annotated[ServiceState, Depends(service_of)]
        ),
        inspect.Parameter(
            "principal", keyword, annotation=Annotated[Principal, Depends(current_principal)]
        ),
    ]
    headers = [KEY_PARAMETER]
    if command.target is not None:
        kind = command.target.kind
        annotation = Annotated[str, Path(max_length=200)] if kind is str else kind
        parameters[1:1] = [
            inspect.Parameter(command.target.parameter, keyword, annotation=annotation)
        ]
        if command.target.matched:
            headers.append(_MATCH_PARAMETER)
    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = command.method
    router.add_api_route(
        command.path,
        endpoint,
        methods=["POST"],
        name=f"commands.{command.method}",
        operation_id=command.method,
        summary=command.title,
        description=command.description,
        status_code=201 if command.creates else 200,
        response_model=RecordAnswer,
        responses={**_responses(command), **_answered(command)},
        openapi_extra={"parameters": headers},
        tags=[command.tag],
    )


def _responses(command: RecordCommand) -> dict[int | str, dict[str, Any]]:
    """The problems a command documents: 412 only where it takes If-Match."""
    if command.target is not None and command.target.matched:
        return RECORD_RESPONSES
    return {
        **{status: answer for status, answer in RECORD_RESPONSES.items() if status != 412},
        428: {**RECORD_RESPONSES[428], "description": "Idempotency-Key missing"},
    }


def add_routes(router: APIRouter, table: Sequence[RecordCommand]) -> None:
    """Add a route for every command of ``table`` to ``router``."""
    for command in table:
        _route(router, command)
