"""Signed checkpoints against an insider: each tampering is caught by ``verify --checkpoint``.

The store is written, a checkpoint signed and published (a file), then more is written
legitimately (a certification and an erasure); then the store is changed behind certflow's
back, including the consistent rewrites that ``verify`` alone cannot see (the chain and its
head recomputed with certflow's own functions, or a truncation with the head copied).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from typer.testing import CliRunner

import certflow
from certflow import WIB, FixedClock, checkpoint_key, create_keys
from certflow.application import check_consistency
from certflow.application.chain import ZERO, link, nid_bytes, record_hash
from certflow.application.notes import sign_checkpoint
from certflow.cli import app
from certflow.testing import actors
from tests.support import build_world

runner = CliRunner()


@dataclass
class Store:
    url: str
    execute: Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]
    events: str
    chain: str
    head: str
    nid: str
    keys: Path
    checkpoint: Path
    """The checkpoint published after the first three certifications."""
    size: int

    def rows(self) -> list[tuple[Any, ...]]:
        return self.execute(
            f"SELECT {self.nid}, originator_id, originator_version, topic, state "
            f"FROM {self.events} ORDER BY {self.nid}",
            (),
        )

    def verify(self, *extra: str, checkpoint: Path | None = None) -> Any:
        args = ["verify", "--store", self.url, "--json", "--public-key", str(self.public)]
        args += ["--checkpoint", str(checkpoint or self.checkpoint), *extra]
        result = runner.invoke(app, args)
        return result.exit_code, json.loads(result.stdout)

    @property
    def public(self) -> Path:
        return self.keys / "lsp-signing.pub"

    def recompute_chain(self) -> None:
        """What an insider with certflow's code does: rebuild every chain row and the head."""
        last: dict[str, bytes] = {}
        head, count, nid = ZERO, 0, 0
        for nid, oid, version, topic, state in self.rows():
            oid = str(UUID(str(oid)))
            aggregate = link(last.get(oid, ZERO), record_hash(oid, version, topic, bytes(state)))
            last[oid] = aggregate
            head = link(head, nid_bytes(nid), aggregate)
            count += 1
            self.execute(
                f"UPDATE {self.chain} SET aggregate_hash = %s, chain_hash = %s "
                "WHERE notification_id = %s",
                (aggregate, head, nid),
            )
        self.execute(
            f"UPDATE {self.head} SET head = %s, count = %s, last_notification_id = %s",
            (head, count, nid),
        )


def _populate(url: str, keys: Path, out: Path) -> int:
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        world = build_world(lsp, candidates=4)
        for n in range(3):
            world.through("distributed", n)
        create_keys(keys)
        key = str(keys / "lsp-signing.key")
        made = runner.invoke(app, ["checkpoint", "--store", url, "--key", key, "--out", str(out)])
        assert made.exit_code == 0, made.output
        world.through("distributed", 3)
        lsp.erase_personal_data(world.candidates[3], reason="subject request", actor=actors.DPO)
    finally:
        lsp.close()
    return int(out.read_text().splitlines()[1])


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    keys, out = tmp_path / "keys", tmp_path / "checkpoint.txt"
    if request.param == "sqlite":
        path = tmp_path / "ckpt.db"
        url = f"sqlite:///{path}"
        size = _populate(url, keys, out)

        def execute(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
            with sqlite3.connect(path) as db:
                return db.execute(sql.replace("%s", "?"), params).fetchall()

        yield Store(
            url,
            execute,
            "stored_events",
            "certflow_chain",
            "certflow_checkpoint",
            "rowid",
            keys,
            out,
            size,
        )
        return
    import psycopg

    url = request.getfixturevalue("pg_url")
    size = _populate(url, keys, out)
    schema = url.rsplit("schema=", 1)[1]
    dbname = url.split("/")[-1].split("?")[0]

    def execute_pg(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with psycopg.connect(host="127.0.0.1", user="postgres", dbname=dbname) as db:
            cursor = db.execute(sql, params)
            return cursor.fetchall() if cursor.description else []

    yield Store(
        url,
        execute_pg,
        f"{schema}.certflow_events",
        f"{schema}.certflow_chain",
        f"{schema}.certflow_checkpoint",
        "notification_id",
        keys,
        out,
        size,
    )


def _kinds(found: dict[str, Any]) -> set[str]:
    return {f["kind"] for f in found["findings"]} | {
        f["kind"] for f in found["checkpoints"]["findings"]
    }


def test_legitimate_writes_after_a_checkpoint_pass(store: Store) -> None:
    assert len(store.rows()) > store.size
    code, found = store.verify()
    assert code == 0, found
    assert found["checkpoints"]["extended"] == [
        {"source": str(store.checkpoint), "size": store.size}
    ]


def test_a_flipped_byte_before_the_checkpoint_is_caught(store: Store) -> None:
    nid, *_, state = store.rows()[20]
    changed = bytes(state)[:-1] + bytes([bytes(state)[-1] ^ 1])
    store.execute(f"UPDATE {store.events} SET state = %s WHERE {store.nid} = %s", (changed, nid))
    code, found = store.verify()
    assert code == 1
    assert {"altered", "rewritten"} <= _kinds(found)
    assert [f["notification_id"] for f in found["findings"]] == [nid]


def test_a_deleted_row_is_caught(store: Store) -> None:
    nid = store.rows()[30][0]
    store.execute(f"DELETE FROM {store.events} WHERE {store.nid} = %s", (nid,))
    code, found = store.verify()
    assert code == 1
    assert {"deleted", "rewritten"} <= _kinds(found)


def test_an_inserted_row_is_caught(store: Store) -> None:
    _, oid, _, _, state = store.rows()[10]
    store.execute(
        f"INSERT INTO {store.events} (originator_id, originator_version, topic, state) "
        "VALUES (%s, %s, %s, %s)",
        (oid, 1000, "certflow/Certification.Revoked", state),
    )
    code, found = store.verify()
    assert code == 1
    assert "inserted" in _kinds(found)


def test_swapped_payloads_are_caught(store: Store) -> None:
    rows = store.rows()
    a, b = rows[40], rows[41]
    for (nid, *_), (*_, state) in ((a, b), (b, a)):
        store.execute(f"UPDATE {store.events} SET state = %s WHERE {store.nid} = %s", (state, nid))
    code, found = store.verify()
    assert code == 1
    assert {"altered", "rewritten"} <= _kinds(found)


def test_a_truncated_tail_is_caught(store: Store) -> None:
    cut = store.rows()[store.size - 5][0]
    store.execute(f"DELETE FROM {store.events} WHERE {store.nid} >= %s", (cut,))
    store.execute(f"DELETE FROM {store.chain} WHERE notification_id >= %s", (cut,))
    code, found = store.verify()
    assert code == 1
    assert "truncated" in {f["kind"] for f in found["checkpoints"]["findings"]}


def test_a_truncation_with_the_head_copied_is_caught(store: Store) -> None:
    rows = store.rows()
    cut = rows[store.size - 40][0]
    store.execute(f"DELETE FROM {store.events} WHERE {store.nid} >= %s", (cut,))
    store.execute(f"DELETE FROM {store.chain} WHERE notification_id >= %s", (cut,))
    last, head = store.execute(
        f"SELECT notification_id, chain_hash FROM {store.chain} ORDER BY notification_id DESC",
        (),
    )[0]
    store.execute(
        f"UPDATE {store.head} SET head = %s, count = %s, last_notification_id = %s",
        (head, store.size - 40, last),
    )
    bare = runner.invoke(app, ["verify", "--store", store.url])
    assert bare.exit_code == 0, bare.output  # the chain alone cannot see it
    code, found = store.verify()
    assert code == 1
    (finding,) = found["checkpoints"]["findings"]
    assert finding["kind"] == "truncated"
    assert f"holds {store.size - 40}" in finding["detail"]


def test_a_consistent_rewrite_with_a_recomputed_chain_is_caught(store: Store) -> None:
    nid, *_, state = store.rows()[25]
    changed = bytes(state)[:-1] + bytes([bytes(state)[-1] ^ 1])
    store.execute(f"UPDATE {store.events} SET state = %s WHERE {store.nid} = %s", (changed, nid))
    store.recompute_chain()
    bare = runner.invoke(app, ["verify", "--store", store.url])
    assert bare.exit_code == 0, bare.output  # the chain alone cannot see it
    code, found = store.verify()
    assert code == 1
    (finding,) = found["checkpoints"]["findings"]
    assert finding["kind"] == "rewritten"
    assert finding["after"] < 26 <= finding["by"] <= store.size


def test_a_later_checkpoint_brackets_a_rewrite(store: Store) -> None:
    key = str(store.keys / "lsp-signing.key")
    assert runner.invoke(app, ["checkpoint", "--store", store.url, "--key", key]).exit_code == 0
    size = len(store.rows())
    nid = store.rows()[store.size + 2][0]
    store.execute(f"UPDATE {store.events} SET state = %s WHERE {store.nid} = %s", (b"x", nid))
    store.recompute_chain()
    later = store.checkpoint.with_name("later.txt")
    lsp = certflow.open(store.url)
    try:
        logged = certflow.bootstrap.services_of(lsp).store.recorder.logged_checkpoints()  # type: ignore[attr-defined]
    finally:
        lsp.close()
    later.write_text(logged[-1].note)
    code, found = store.verify(checkpoint=later)
    assert code == 1
    (finding,) = found["checkpoints"]["findings"]
    assert (finding["kind"], finding["after"], finding["by"]) == ("rewritten", store.size, size)


def test_a_checkpoint_signed_with_another_key_is_forged(store: Store, tmp_path: Path) -> None:
    create_keys(tmp_path / "other")
    other = checkpoint_key("LSP", private=tmp_path / "other" / "lsp-signing.key")
    origin = store.checkpoint.read_text().splitlines()[0]
    assert other.signing is not None
    forged = sign_checkpoint(
        origin,
        3,
        bytes(32),
        datetime.now(UTC),
        key=other.signing,
        public=other.public,
        key_name=other.name,
    )
    path = tmp_path / "forged.txt"
    path.write_text(forged.text)
    code, found = store.verify(checkpoint=path)
    assert code == 1
    assert [f["kind"] for f in found["checkpoints"]["findings"]] == ["forged"]
    edited = tmp_path / "edited.txt"
    lines = store.checkpoint.read_text().split("\n")
    lines[1] = str(store.size - 1)
    edited.write_text("\n".join(lines))
    code, found = store.verify(checkpoint=edited)
    assert code == 1
    assert [f["kind"] for f in found["checkpoints"]["findings"]] == ["forged"]


def test_expect_root_at_size_and_the_witness_commands(store: Store, tmp_path: Path) -> None:
    root = store.checkpoint.read_text().splitlines()[2]
    assert store.verify("--expect", f"{root}@{store.size}")[0] == 0
    assert store.verify("--expect", f"{'00' * 32}@{store.size}")[0] == 1
    key, pub = str(store.keys / "lsp-signing.key"), str(store.public)
    new = tmp_path / "new.txt"
    made = runner.invoke(app, ["checkpoint", "--store", store.url, "--key", key, "--out", str(new)])
    assert made.exit_code == 0, made.output
    proof = runner.invoke(
        app,
        [
            "prove",
            "consistency",
            "--store",
            store.url,
            "--public-key",
            pub,
            "--old",
            str(store.checkpoint),
            "--new",
            str(new),
        ],
    )
    assert proof.exit_code == 0, proof.output
    (tmp_path / "proof.json").write_text(proof.stdout)
    witness = ["witness", "check", "--public-key", pub, "--proof", str(tmp_path / "proof.json")]
    ok = runner.invoke(app, [*witness, "--old", str(store.checkpoint), "--new", str(new)])
    assert ok.exit_code == 0, ok.output
    swapped = runner.invoke(app, [*witness, "--old", str(new), "--new", str(store.checkpoint)])
    assert swapped.exit_code == 1
    lsp = certflow.open(store.url)
    try:
        number = next(
            s.certificate_number for s in lsp.list_certifications() if s.certificate_number
        )
    finally:
        lsp.close()
    inclusion = runner.invoke(
        app,
        [
            "prove",
            "inclusion",
            str(number),
            "--store",
            store.url,
            "--public-key",
            pub,
            "--checkpoint",
            str(store.checkpoint),
        ],
    )
    assert inclusion.exit_code == 0, inclusion.output
    (tmp_path / "inclusion.json").write_text(inclusion.stdout)
    checked = runner.invoke(
        app,
        ["witness", "inclusion", "--public-key", pub, "--proof", str(tmp_path / "inclusion.json")],
    )
    assert checked.exit_code == 0, checked.output


def test_automatic_checkpoints_every_n_saves_verify_and_chain_up(
    durable_store_url: str, tmp_path: Path
) -> None:
    create_keys(tmp_path / "keys")
    key = checkpoint_key("LSP", private=tmp_path / "keys" / "lsp-signing.key")
    lsp = certflow.open(durable_store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        lsp.auto_checkpoint(key, every=10)
        world = build_world(lsp)
        world.through("distributed", 0)
        recorder = certflow.bootstrap.services_of(lsp).store.recorder
        logged = recorder.logged_checkpoints()  # type: ignore[attr-defined]
        assert len(logged) >= 2
        notes = [(str(n), entry.note) for n, entry in enumerate(logged)]
        assert lsp.verify_checkpoints(key=key, notes=notes).intact
        old, new = key.read(logged[0].note), key.read(logged[-1].note)
        proof = lsp.prove_consistency(old=old.size, new=new.size)
        assert check_consistency(proof, old, new)
        assert not check_consistency(proof, new, old)
    finally:
        lsp.close()


def test_the_cli_checkpoints_automatically_when_a_key_is_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_keys(tmp_path / "keys")
    url = f"sqlite:///{tmp_path / 'auto.db'}"
    monkeypatch.setenv("CERTFLOW_CHECKPOINT_KEY", str(tmp_path / "keys" / "lsp-signing.key"))
    monkeypatch.setenv("CERTFLOW_CHECKPOINT_EVERY", "50")
    ran = runner.invoke(app, ["demo", "--store", url, "--quiet"])
    assert ran.exit_code == 0, ran.output
    lsp = certflow.open(url)
    try:
        recorder = certflow.bootstrap.services_of(lsp).store.recorder
        logged = recorder.logged_checkpoints()  # type: ignore[attr-defined]
    finally:
        lsp.close()
    assert logged
    (tmp_path / "last.txt").write_text(logged[-1].note)
    public = str(tmp_path / "keys" / "lsp-signing.pub")
    checked = runner.invoke(
        app,
        [
            "verify",
            "--store",
            url,
            "--public-key",
            public,
            "--checkpoint",
            str(tmp_path / "last.txt"),
        ],
    )
    assert checked.exit_code == 0, checked.output


def test_a_memory_store_keeps_no_checkpoint_log(tmp_path: Path) -> None:
    create_keys(tmp_path / "keys")
    key = checkpoint_key("LSP", private=tmp_path / "keys" / "lsp-signing.key")
    lsp = certflow.open("memory://")
    with pytest.raises(certflow.InvalidInputError, match="checkpoint log"):
        lsp.auto_checkpoint(key)


def test_automatic_checkpoints_of_two_writers_on_one_store_all_verify(
    durable_store_url: str, tmp_path: Path
) -> None:
    """Each process reuses the record hashes it committed only when no other write came between."""
    create_keys(tmp_path / "keys")
    key = checkpoint_key("LSP", private=tmp_path / "keys" / "lsp-signing.key")
    clock = FixedClock(date(2024, 10, 14), tz=WIB)
    first = certflow.open(durable_store_url, clock=clock)
    second = certflow.open(durable_store_url, clock=clock)
    try:
        world = build_world(first, candidates=4)
        first.auto_checkpoint(key, every=3)
        second.auto_checkpoint(key, every=2)
        certs = [world.register(n) for n in range(4)]
        for n, cert in enumerate(certs * 3):
            lsp = (first, second)[n % 3 == 0]
            lsp.request_documents(cert, documents=[f"doc-{n}"], actor=actors.ADMIN)
        recorder = certflow.bootstrap.services_of(first).store.recorder
        logged = recorder.logged_checkpoints()  # type: ignore[attr-defined]
        assert len(logged) >= 4
        notes = [(str(entry.size), entry.note) for entry in logged]
        report = first.verify_checkpoints(key=key, notes=notes)
        assert report.intact, report.findings
    finally:
        second.close()
        first.close()


def test_a_checkpoint_key_in_the_environment_leaves_a_memory_store_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_keys(tmp_path / "keys")
    monkeypatch.setenv("CERTFLOW_CHECKPOINT_KEY", str(tmp_path / "keys" / "lsp-signing.key"))
    assert runner.invoke(app, ["board", "--store", "memory://"]).exit_code == 0


def test_published_checkpoints_bracket_a_rewrite_without_the_stores_log(
    store: Store, tmp_path: Path
) -> None:
    key = str(store.keys / "lsp-signing.key")
    later = tmp_path / "later.txt"
    made = runner.invoke(
        app, ["checkpoint", "--store", store.url, "--key", key, "--out", str(later)]
    )
    assert made.exit_code == 0, made.output
    size = len(store.rows())
    nid = store.rows()[store.size + 2][0]
    store.execute(f"UPDATE {store.events} SET state = %s WHERE {store.nid} = %s", (b"x", nid))
    store.recompute_chain()
    log = store.chain.replace("certflow_chain", "certflow_checkpoints")
    store.execute(f"DELETE FROM {log}", ())  # the insider removes the store's own log too
    code, found = store.verify("--checkpoint", str(later))
    assert code == 1
    (finding,) = found["checkpoints"]["findings"]
    assert (finding["kind"], finding["after"], finding["by"]) == ("rewritten", store.size, size)


def test_verify_refuses_unusable_input_without_a_traceback(store: Store, tmp_path: Path) -> None:
    base = ["verify", "--store", store.url]
    missing_key = runner.invoke(app, [*base, "--checkpoint", str(store.checkpoint)])
    assert missing_key.exit_code == 3
    assert "public-key" in missing_key.output
    absent = runner.invoke(
        app, [*base, "--public-key", str(store.public), "--checkpoint", str(tmp_path / "none")]
    )
    assert absent.exit_code == 3
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(b"\xff\xfe not a note")
    assert (
        runner.invoke(
            app, [*base, "--public-key", str(store.public), "--checkpoint", str(garbage)]
        ).exit_code
        == 3
    )
    garbage.write_text("not a note\n")
    code, found = store.verify(checkpoint=garbage)
    assert code == 1
    assert [f["kind"] for f in found["checkpoints"]["findings"]] == ["forged"]
    bad_expect = runner.invoke(app, [*base, "--expect", "zz@3"])
    assert bad_expect.exit_code == 3
    for result in (missing_key, absent, bad_expect):
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_failing_automatic_checkpoint_does_not_fail_the_stored_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The command's events are stored before the checkpoint is signed: a checkpoint that fails
    is logged and tried again after the next save; the caller sees the command succeed."""
    from certflow.application.checkpointing import Checkpoints

    create_keys(tmp_path / "keys")
    key = checkpoint_key("LSP", private=tmp_path / "keys" / "lsp-signing.key")
    lsp = certflow.open(
        f"sqlite:///{tmp_path / 'auto.db'}", clock=FixedClock(date(2024, 10, 14), tz=WIB)
    )
    real = Checkpoints.checkpoint
    calls: list[str] = []

    def flaky(self: Checkpoints, **kwargs: Any) -> Any:
        calls.append("try")
        if len(calls) == 1:
            raise OSError("disk full")
        return real(self, **kwargs)

    monkeypatch.setattr(Checkpoints, "checkpoint", flaky)
    try:
        world = build_world(lsp, candidates=1)
        lsp.auto_checkpoint(key, every=1)
        with caplog.at_level("WARNING", logger="certflow.checkpoints"):
            cert = world.register(0)  # the first checkpoint fails: the registration stands
        assert "automatic checkpoint failed" in caplog.text
        assert "disk full" in caplog.text
        assert lsp.get(cert).stage.value == "registered"
        lsp.request_documents(cert, documents=["doc"], actor=actors.ADMIN)
        recorder = certflow.bootstrap.services_of(lsp).store.recorder
        assert recorder.logged_checkpoints()  # type: ignore[attr-defined]
        assert len(calls) >= 2
    finally:
        lsp.close()
