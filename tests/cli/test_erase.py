"""``certflow erase``: exit 7 while the erased bytes may remain, ``--finish`` to complete it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

import certflow
from certflow.cli import EXIT_PENDING, EXIT_REFUSED, app
from certflow.demo import run_demo
from certflow.demo.seed import candidates

runner = CliRunner()


def test_erase_exits_6_while_a_reader_holds_old_pages_and_0_once_finished(
    tmp_path: Path,
) -> None:
    path = tmp_path / "erase.db"
    lsp = certflow.open(f"sqlite:///{path}")
    run_demo(lsp)
    person = candidates(2024)[20]
    subject = lsp.find_candidate(nik=person.nik)
    lsp.close()
    store = f"sqlite:///{path}?erase_wait=0.2"
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM certflow_subjects").fetchone()
    erase = ["erase", str(subject), "--reason", "subject request", "--store", store]
    pending = runner.invoke(app, [*erase, "--actor", "dpo-01"])
    assert pending.exit_code == EXIT_PENDING, pending.output
    text = " ".join(pending.output.split())
    assert "personal data erased" in text
    assert "erasure pending" in text
    assert "certflow erase --finish" in text
    assert f"pending: {subject}" in text
    assert person.nik.encode() in path.read_bytes()  # it said pending: the bytes are there
    still = runner.invoke(app, ["erase", "--finish", "--store", store])
    assert still.exit_code == EXIT_PENDING
    reader.execute("COMMIT")
    reader.close()
    done = runner.invoke(app, ["erase", "--finish", "--store", store])
    assert done.exit_code == 0, done.output
    assert "physically erased" in done.output
    for file in tmp_path.glob("erase.db*"):
        data = file.read_bytes()
        assert not any(n.encode() in data for n in (person.nik, person.nrp, person.name))
    again = runner.invoke(
        app, [*erase, "--actor", "dpo-01"], env={"CERTFLOW_LANG": "id"}
    )  # idempotent, in Bahasa Indonesia
    assert again.exit_code == 0, again.output
    assert "terhapus secara fisik" in again.output
    bare = runner.invoke(app, ["erase", "--store", store])
    assert bare.exit_code == EXIT_REFUSED
    assert "SUBJECT, --reason, --as" in bare.output
    mixed = runner.invoke(app, ["erase", str(subject), "--finish", "--store", store])
    assert mixed.exit_code == EXIT_REFUSED
