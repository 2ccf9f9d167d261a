"""PostgreSQL: with other writers about, the chain's tips are asked for in the insert's pipeline.

Under the events table's lock a writer needs the chain's head and the last aggregate hash of each
record it extends. A lone writer knows them from its own last commit; after another writer's
commit they are read, and for a while after that (:data:`ASK_AHEAD_FOR` transactions) the read
is sent right after the lock and before the insert, in the same pipeline
(:meth:`certflow.adapters.sql.chain.Chainer.ask`), so it costs no round trip of its own while
the lock is held. A lost race must still surface as the conflict a writer retries.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import certflow
from certflow import WIB, FixedClock
from certflow.adapters.sql.chain import ASK_AHEAD_FOR
from certflow.application.chain import verify
from certflow.bootstrap import services_of
from certflow.testing import actors
from tests.support import build_world

pytestmark = pytest.mark.postgres


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement sent through psycopg's cursors, in the order sent."""
    import psycopg

    sent: list[str] = []
    execute = psycopg.Cursor.execute

    def logged(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(query if isinstance(query, str) else query.as_string(self))
        return execute(self, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", logged)
    return sent


def _open(url: str) -> certflow.CertificationBody:
    return certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))


def _chainer(lsp: certflow.CertificationBody) -> Any:
    return services_of(lsp).store.recorder.chainer  # type: ignore[attr-defined]


def _kind(statement: str) -> str:
    text = " ".join(statement.split())
    for kind, marker in (
        ("lock", "LOCK TABLE"),
        ("notify", "NOTIFY"),
        ("tips", "SELECT 'checkpoint'"),
        ("chain", "WITH moved AS"),
        ("insert", "INSERT INTO"),
    ):
        if marker in text:
            return kind
    return "other"


def test_turns_send_the_tips_ahead_and_a_lone_writer_sends_nothing(
    pg_url: str, statements: list[str]
) -> None:
    first, second = _open(pg_url), _open(pg_url)
    try:
        world = build_world(first, candidates=4)
        certs = [world.register(n) for n in range(4)]
        for n in range(ASK_AHEAD_FOR + 1):  # settle: the first writer alone for a while
            first.request_documents(certs[n % 4], documents=[f"KTP-{n}"], actor=actors.ADMIN)
        alone = _chainer(first).sent_ahead
        statements.clear()
        for n, cert in enumerate(certs):
            first.request_documents(cert, documents=[f"alone-{n}"], actor=actors.ADMIN)
        assert _chainer(first).sent_ahead == alone  # a lone writer knows its tips
        assert "tips" not in [_kind(s) for s in statements]
        for n in range(6):  # two writers taking turns, two transactions a turn
            lsp, cert = (first, second)[n % 2], certs[n % 4]
            lsp.request_documents(cert, documents=[f"turn-{n}"], actor=actors.ADMIN)
            lsp.request_documents(cert, documents=[f"again-{n}"], actor=actors.ADMIN)
        assert _chainer(first).sent_ahead > alone
        assert _chainer(second).sent_ahead > 0
        # A read of the tips is either sent ahead (under the lock, before the insert) or, where
        # nothing was asked, read after the insert in a round trip of its own.
        kinds = [_kind(s) for s in statements]
        ahead = after = 0
        for at in [i for i, kind in enumerate(kinds) if kind == "tips"]:
            if kinds[at - 2 : at] == ["lock", "notify"] and kinds[at + 1] == "insert":
                ahead += 1
            else:
                assert kinds[at - 1] == "insert", kinds[at - 3 : at + 2]
                after += 1
        used = _chainer(first).sent_ahead - alone + _chainer(second).sent_ahead
        assert ahead >= used > 0  # some asked ahead went unread: the writer's own tips sufficed
        assert after > 0  # the first transaction after another writer's had asked nothing
        report = verify(services_of(first).store.recorder)
        assert report.intact, report.findings[:3]
        assert report.chained == report.records
    finally:
        second.close()
        first.close()


def test_a_lost_race_with_the_tips_sent_ahead_is_a_conflict(pg_url: str) -> None:
    first, second = _open(pg_url), _open(pg_url)
    try:
        world = build_world(first, candidates=2)
        cert = world.register(0)
        stale = services_of(second).certification(cert)
        first.request_documents(cert, documents=["KTP"], actor=actors.ADMIN)
        second.request_documents(world.register(1), documents=["KTP"], actor=actors.ADMIN)
        first.request_documents(cert, documents=["KK"], actor=actors.ADMIN)
        # The second writer's last transaction had to read the tips: its next one sends them
        # ahead, and its insert loses the race on the record the first writer moved on.
        asked = _chainer(second).sent_ahead
        stale.request_documents(["late"], actor=actors.ADMIN, at=first.clock.now())
        with pytest.raises(certflow.ConcurrencyConflictError):
            services_of(second).store.save(stale)
        assert _chainer(second).sent_ahead == asked  # nothing of the failed one was kept
        second.request_documents(cert, documents=["retried"], actor=actors.ADMIN)
        assert _chainer(second).sent_ahead == asked + 1  # the retry asked again, and used it
        report = verify(services_of(first).store.recorder)
        assert report.intact, report.findings[:3]
    finally:
        second.close()
        first.close()
