"""Calling the API as a person of the world: the principal, the keys and the versions."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from certflow.service.principals import Principal, current_principal
from certflow.testing.actors import ADMIN, COMMITTEE, HEAD, MANAGER
from certflow.testing.route import CALENDAR, UNITS
from tests.support import World

__all__ = ["Api", "main_path"]


class Api:
    """A client that acts as one person at a time (the principal the service would see)."""

    def __init__(self, app: FastAPI, client: TestClient, world: World) -> None:
        self.app = app
        self.client = client
        self.world = world

    def as_(self, person: UUID | str) -> Api:
        """Make the following requests as ``person`` (a person id or subject id)."""
        principal = Principal(str(person), f"test:{person}")
        self.app.dependency_overrides[current_principal] = lambda: principal
        return self

    def command(
        self,
        move: str,
        certification: UUID | str | None = None,
        body: dict[str, Any] | None = None,
        *,
        key: str | None = None,
        version: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """POST one command, with a fresh idempotency key and the record's current version."""
        sent = {"Idempotency-Key": key or uuid4().hex, "Accept-Language": "en"}
        if certification is None:
            path = "/v1/certifications"
        else:
            path = f"/v1/certifications/{certification}/{move.replace('_', '-')}"
            current = self.world.lsp.get(UUID(str(certification))).version
            sent["If-Match"] = f'"{current if version is None else version}"'
        sent.update(headers or {})
        return self.client.post(path, json=body or {}, headers=sent)

    def ok(self, move: str, certification: UUID | str | None = None, **body: Any) -> Any:
        """POST a command that must succeed; its answer."""
        answer = self.command(move, certification, body)
        assert answer.status_code in (200, 201), (move, answer.json())
        return answer.json()


def main_path(api: Api, n: int = 0) -> UUID:
    """Take candidate ``n`` of the world from registration to a certificate handed over."""
    world = api.world
    subject = world.candidates[n]
    assessor = world.assessor
    clock = world.clock
    clock.set(CALENDAR.register)
    made = api.as_(ADMIN.id).ok(
        "register",
        subject_id=str(subject),
        scheme_id=str(world.scheme),
        session_id=str(world.session),
    )
    cert = made["id"]
    clock.set(CALENDAR.admit)
    api.ok("admit", cert)
    clock.set(CALENDAR.submit_portfolio)
    entries = [{"unit": u, "evidence": [f"doc-{u}"]} for u in UNITS]
    api.as_(subject).ok("submit_portfolio", cert, entries=entries)
    clock.set(CALENDAR.assign_assessor)
    api.as_(MANAGER.id).ok(
        "assign_assessor", cert, assessor_id=str(assessor), declaration={"has_conflict": False}
    )
    api.as_(assessor).ok("review_self_assessment", cert, proceed=True)
    api.ok("record_assessment_mode", cert, mode="on_site")
    clock.set(CALENDAR.candidate_signs)
    agreement = {"methods": ["portfolio", "interview"], "appeal_process_explained": True}
    api.as_(subject).ok("sign_agreement", cert, **agreement)
    api.as_(assessor).ok("sign_agreement", cert, **agreement)
    clock.set(CALENDAR.verify_portfolio)
    checks = [
        {
            "unit": u,
            "evidence": f"doc-{u}",
            "valid": True,
            "authentic": True,
            "current": True,
            "sufficient": True,
        }
        for u in UNITS
    ]
    api.ok("verify_portfolio", cert, checks=checks)
    clock.set(CALENDAR.record_interview)
    api.ok("record_interview", cert)
    clock.set(CALENDAR.recommend)
    api.ok("recommend", cert, results=dict.fromkeys(UNITS, "K"), recommendation="K")
    api.as_(subject).ok("acknowledge_result", cert)
    clock.set(CALENDAR.decide)
    api.as_(COMMITTEE.id).ok("decide", cert, outcome="K", deciders=[COMMITTEE.id])
    clock.set(CALENDAR.print_certificate)
    api.as_(MANAGER.id).ok("print_certificate", cert, manager=MANAGER.id, head=HEAD.id)
    clock.set(CALENDAR.distribute_certificate)
    api.as_(ADMIN.id).ok("distribute_certificate", cert, channel="in_person")
    return UUID(cert)
