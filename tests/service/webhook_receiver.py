"""A webhook receiver on 127.0.0.1 for the tests: records every request, answers as told."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    """One request as it arrived."""

    headers: dict[str, str]
    body: bytes
    answered: int

    @property
    def event(self) -> dict[str, Any]:
        found: dict[str, Any] = json.loads(self.body)
        return found


@dataclass
class Receiver:
    """What the receiver got, and how it answers."""

    url: str = ""
    requests: list[Received] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    """Answers to the next requests, in order; then 200."""
    refused: set[str] = field(default_factory=set)
    """Event ids always answered 500."""
    delay: float = 0.0
    """Seconds to take over each answer."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, headers: dict[str, str], body: bytes) -> int:
        with self.lock:
            if self.statuses:
                status = self.statuses.pop(0)
            elif headers.get("webhook-id") in self.refused:
                status = 500
            else:
                status = 200
            self.requests.append(Received(headers, body, status))
        return status

    def delivered(self) -> list[dict[str, Any]]:
        """The events answered 200, in the order they came."""
        with self.lock:
            return [r.event for r in self.requests if r.answered == 200]


@contextmanager
def receiver(**given: Any) -> Iterator[Receiver]:
    """A receiver listening on a free loopback port until the block ends."""
    state = Receiver(**given)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length)
            headers = {k.lower(): v for k, v in self.headers.items()}
            status = state.answer(headers, body)
            if state.delay:
                time.sleep(state.delay)
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/certflow"
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
