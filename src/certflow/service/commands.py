"""The certification commands as ``POST`` routes, one per row of :data:`COMMANDS`.

``POST /v1/certifications`` registers a certification (201); ``POST
/v1/certifications/{id}/{move}`` makes a move on one (200). Each calls the facade method of its
row with the validated request's fields, as the actor the register makes of the caller for the
move (:func:`certflow.application.actor_for`; the role is never taken from the request), under
the process's write lock, with the preconditions of :mod:`.idempotency`. The answer is the
record's new state in brief (id, stage, version, certificate number) with ``ETag: "<version>"``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from certflow.application import actor_for
from certflow.domain import Certification
from certflow.engine import (
    CertflowError,
    ConcurrencyConflictError,
    DefinitionError,
    SaveGuard,
    WorkflowAggregate,
    guarded,
    request_id,
)
from certflow.service.access import readable, reader_of
from certflow.service.commands_table import COMMANDS, Command, request_model
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
from certflow.service.openapi_docs import STORE_UNAVAILABLE, problem_responses
from certflow.service.principals import Principal, current_principal

__all__ = ["COMMAND_RESPONSES", "CommandAnswer", "router"]

router = APIRouter(prefix="/v1", tags=["commands"])


class CommandAnswer(BaseModel):
    """A certification's state in brief, after a command."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "0b7e4c1a-6f4e-4e2b-9a51-3c8d2f1e7a90",
                    "stage": "admitted",
                    "version": 2,
                    "certificate_number": None,
                }
            ]
        }
    )

    id: UUID
    stage: str
    version: int
    """The record's version after the command: send it as ``If-Match`` with the next one."""
    certificate_number: str | None = None


COMMAND_RESPONSES: dict[int | str, dict[str, Any]] = problem_responses(
    {
        400: "Invalid input (the fields named in errors)",
        401: "Not signed in",
        403: "The caller holds no appointment allowing the move (P1, P2, P3)",
        404: "No such certification, or not one the caller may read",
        409: "Not possible in the record's stage, or changed at the same time",
        412: "If-Match names another version than the record's (its ETag is sent)",
        422: "Refused by the rules cited, or the Idempotency-Key was used for another request",
        428: "Idempotency-Key or If-Match missing",
        503: STORE_UNAVAILABLE,
    }
)
_REGISTER_RESPONSES: dict[int | str, dict[str, Any]] = {
    **{status: answer for status, answer in COMMAND_RESPONSES.items() if status != 412},
    **problem_responses(
        {
            404: "No such scheme, session or candidate",
            428: "Idempotency-Key missing",
        }
    ),
}
"""Registering makes a record: no If-Match, so no 412."""

# The If-Match header is read by the route itself (a missing one is 428, not 400), and
# declared required in the OpenAPI document here (as the Idempotency-Key, KEY_PARAMETER).
_MATCH_PARAMETER: dict[str, Any] = {
    "name": "If-Match",
    "in": "header",
    "required": True,
    "description": 'The ETag of the record as read, "<version>" (428 when missing, 412 when '
    "the record has changed since).",
    "schema": {"type": "string", "maxLength": 40},
    "example": '"3"',
}


def _answer(target: UUID | None, status: int) -> Callable[[Sequence[Any]], tuple[int, str]]:
    """Composes the stored answer from the records a command saves (see SaveGuard)."""

    def answer(records: Sequence[WorkflowAggregate[Any]]) -> tuple[int, str]:
        chosen: Any = next(
            (
                r
                for r in records
                if isinstance(r, Certification) and (target is None or r.id == target)
            ),
            records[0],
        )
        number = chosen.state.certificate_number if isinstance(chosen, Certification) else None
        brief = CommandAnswer(
            id=chosen.id,
            stage=chosen.stage_name,
            version=chosen.version,
            certificate_number=number,
        )
        return status, brief.model_dump_json()

    return answer


def execute(
    command: Command,
    payload: BaseModel,
    *,
    request: Request,
    state: ServiceState,
    principal: Principal,
    key: str | None,
    if_match: str | None,
    certification_id: UUID | None = None,
) -> JSONResponse:
    """Run one command with its preconditions (see :mod:`.idempotency`)."""
    chosen_key = idempotency_key(key)
    fields = payload.model_dump(mode="json")
    digest = fingerprint(request.method, request.url.path, fields, principal)
    rid = request_id(principal.person, chosen_key)
    stored = state.body.answer_of(rid)
    if stored is not None:
        return replay(stored, digest)
    expected = None
    if certification_id is None:
        scheme = state.body.get_scheme(UUID(fields["scheme_id"])).code
        actor = actor_for(state.body, principal.person, command.method, scheme=scheme)
    else:
        expected = expected_version(if_match)
        view = readable(state.body, reader_of(state.body, principal), certification_id)
        scheme = view.scheme_code
        # who may make the move is said before whether the version is current (403 before 412);
        # the trust gate checks the appointment again when the facade decides the move
        actor = actor_for(state.body, principal.person, command.method, scheme=scheme)
        if view.version != expected:
            raise stale(expected, view.version)
    arguments = {name: getattr(payload, name) for name in type(payload).model_fields}
    status = 201 if command.creates else 200
    guard = SaveGuard(
        request=rid,
        fingerprint=digest,
        answer=_answer(certification_id, status),
        record_id=certification_id,
        expected_version=expected,
    )
    try:
        with state.writing() as body, guarded(guard):
            stored = body.answer_of(rid)
            if stored is not None:
                return replay(stored, digest)
            method = getattr(body, command.method)
            if certification_id is None:
                method(**arguments, actor=actor)
            else:
                method(certification_id, **arguments, actor=actor)
    except CertflowError as error:
        stored = state.body.answer_of(rid)
        if stored is not None:  # the same request, made at the same time, was recorded first
            return replay(stored, digest)
        if isinstance(error, ConcurrencyConflictError) and certification_id is not None:
            current = state.body.get(certification_id).version
            if current != expected:  # the record moved; else another record of the save did
                raise stale(expected or 0, current) from None
        raise
    if guard.stored is None:  # a command that recorded nothing: nothing to remember
        if certification_id is None:
            raise DefinitionError(f"{command.method} recorded nothing")
        return answer_response(status, _brief(state.body.get(certification_id)))
    return answer_response(guard.stored.status, guard.stored.answer)


def _brief(view: Any) -> str:
    return CommandAnswer(
        id=view.id,
        stage=view.stage.value,
        version=view.version,
        certificate_number=view.certificate_number,
    ).model_dump_json()


_ETAG = {"description": 'The record\'s version, "<version>": send it as If-Match next time.'}
_REPLAYED = {"description": "true when this is the stored answer of an earlier request"}


def _answered(command: Command) -> dict[int | str, dict[str, Any]]:
    """The success answer of a command: its status, with the headers it carries."""
    headers: dict[str, Any] = {
        "ETag": {**_ETAG, "schema": {"type": "string"}},
        "Idempotent-Replayed": {**_REPLAYED, "schema": {"type": "string", "enum": ["true"]}},
    }
    if command.creates:
        headers["Location"] = {
            "description": "The new certification's address",
            "schema": {"type": "string"},
        }
    done = "The certification registered" if command.creates else "The move recorded"
    return {201 if command.creates else 200: {"description": done, "headers": headers}}


def _route(command: Command) -> None:
    """Add the route of one command, with its own request model, to :data:`router`."""
    model = request_model(command.method, command.example)

    def endpoint(**given: Any) -> JSONResponse:
        request: Request = given["request"]
        return execute(
            command,
            given["payload"] or model(),
            request=request,
            state=given["state"],
            principal=given["principal"],
            key=request.headers.get(IDEMPOTENCY_KEY),
            if_match=request.headers.get("If-Match"),
            certification_id=given.get("certification_id"),
        )

    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters = [
        inspect.Parameter("request", keyword, annotation=Request),
        # a command whose fields all have defaults may be sent without a body
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
    if not command.creates:
        parameters[1:1] = [inspect.Parameter("certification_id", keyword, annotation=UUID)]
        headers.append(_MATCH_PARAMETER)
    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = command.method
    path = "/certifications" if command.creates else "/certifications/{certification_id}/"
    router.add_api_route(
        path if command.creates else path + command.path,
        endpoint,
        methods=["POST"],
        name=f"commands.{command.method}",
        operation_id=command.method,
        summary=command.summary,
        description=command.description,
        status_code=201 if command.creates else 200,
        response_model=CommandAnswer,
        responses={
            **(_REGISTER_RESPONSES if command.creates else COMMAND_RESPONSES),
            **_answered(command),
        },
        openapi_extra={"parameters": headers},
    )


for _command in COMMANDS:
    _route(_command)
