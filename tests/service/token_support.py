"""Calling the API with real API tokens, one per acting person, issued by the LSP admin."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from fastapi.testclient import TestClient
from httpx import Response

from certflow import CertificationBody
from certflow.testing.actors import ADMIN

__all__ = ["TokenApi"]


class TokenApi:
    """A client that sends each request with the bearer token of the person acting."""

    def __init__(self, client: TestClient, body: CertificationBody) -> None:
        self.client = client
        self.body = body
        self.tokens: dict[str, str] = {}
        self.person = ADMIN.id
        self.seen: list[str] = []
        """The text of every answer, to search for what must never be in one."""

    def as_(self, person: UUID | str) -> TokenApi:
        """Act as ``person`` from now on (their token is issued the first time)."""
        self.person = str(person)
        if self.person not in self.tokens:
            issued = self.body.issue_api_token(person_id=self.person, actor=ADMIN)
            self.tokens[self.person] = issued.token
        return self

    def headers(self, lang: str = "en", **extra: str) -> dict[str, str]:
        """The bearer token of the person acting, and the language."""
        return {
            "Authorization": f"Bearer {self.tokens[self.person]}",
            "Accept-Language": lang,
            **extra,
        }

    def get(self, path: str, *, lang: str = "en") -> Response:
        """GET ``path``."""
        answer = self.client.get(path, headers=self.headers(lang))
        self.seen.append(answer.text)
        return answer

    def post(
        self,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        key: str | None = None,
        match: bool = False,
        lang: str = "en",
    ) -> Response:
        """POST a command with a fresh key (or ``key``); ``match``: If-Match the record as read."""
        extra = {"Idempotency-Key": key or uuid4().hex}
        if match:
            extra["If-Match"] = self.client.get(
                path.rsplit("/", 1)[0], headers=self.headers()
            ).headers["ETag"]
        answer = self.client.post(path, json=body or {}, headers=self.headers(lang, **extra))
        self.seen.append(answer.text)
        return answer

    def ok(self, path: str, body: dict[str, Any] | None = None, **options: Any) -> Any:
        """POST a command that must succeed; its answer."""
        answer = self.post(path, body, **options)
        assert answer.status_code in (200, 201), (path, answer.json())
        return answer.json()

    def move(self, certification: str, move: str, **body: Any) -> Any:
        """A certification move, with If-Match on its version as read."""
        version = self.body.get(UUID(certification)).version
        answer = self.client.post(
            f"/v1/certifications/{certification}/{move.replace('_', '-')}",
            json=body,
            headers=self.headers(**{"Idempotency-Key": uuid4().hex, "If-Match": f'"{version}"'}),
        )
        self.seen.append(answer.text)
        assert answer.status_code == 200, (move, answer.json())
        return answer.json()
