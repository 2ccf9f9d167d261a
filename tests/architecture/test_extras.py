"""A core-only install works, and each missing extra is named when its part is used."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

# Runs in a fresh interpreter in which the optional libraries cannot be imported, as after a plain
# install of certflow-lsp with no extra (eventsourcing, pydantic and transitions only).
_CORE_ONLY = """
import importlib.abc
import sys

BLOCKED = {
    "typer", "rich", "click", "cryptography", "reportlab", "qrcode", "PIL", "openpyxl", "ijson",
    "psycopg", "psycopg_pool", "pytest", "pytest_bdd",
}


class Blocked(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, Blocked())
"""


def _run(tmp_path: Path, code: str) -> str:
    script = tmp_path / "core_only.py"
    script.write_text(_CORE_ONLY + textwrap.dedent(code))
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_library_opens_a_sqlite_store_with_the_core_alone(tmp_path: Path) -> None:
    out = _run(
        tmp_path,
        """
        import certflow
        from certflow.adapters.spreadsheets import read_rows

        lsp = certflow.open("sqlite:///core.db")
        print("views", len(lsp.read_models.status()))
        lsp.close()
        open("rows.csv", "w").write("nik,name\\n1234567890123456,Sari\\n")
        print("rows", list(read_rows(__import__("pathlib").Path("rows.csv"))))
        print("loaded", sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED))
        """,
    )
    assert "views 4" in out
    assert "rows [(2, {'nik': '1234567890123456', 'name': 'Sari'})]" in out
    assert "loaded []" in out


def test_each_part_whose_extra_is_missing_names_the_extra(tmp_path: Path) -> None:
    out = _run(
        tmp_path,
        """
        from pathlib import Path

        import certflow
        from certflow.adapters.extras import MissingExtraError
        from certflow.adapters.spreadsheets import read_rows

        def attempt(label, call):
            try:
                call()
            except MissingExtraError as error:
                assert isinstance(error, ImportError) and isinstance(error, certflow.CertflowError)
                print(label, "->", error.extra, "|", error)
            else:
                print(label, "-> worked")

        def cli():
            import certflow.cli

        lsp = certflow.open("memory://")
        attempt("keys", lambda: certflow.create_keys(Path("keys")))
        attempt("public key", lambda: certflow.load_public_key(Path("lsp.pub")))
        attempt("pdf", lambda: certflow.render_certificates(lsp, [], Path("c.pdf"), key=None))
        Path("rows.xlsx").write_bytes(b"")
        Path("rows.json").write_text("[]")
        attempt("xlsx", lambda: list(read_rows(Path("rows.xlsx"))))
        attempt("json", lambda: list(read_rows(Path("rows.json"))))
        attempt("postgres", lambda: certflow.open("postgresql://postgres@127.0.0.1/none"))
        attempt("cli", cli)
        lsp.close()
        """,
    )
    expected = {
        "keys": "documents",
        "public key": "documents",
        "pdf": "documents",
        "xlsx": "intake",
        "json": "intake",
        "postgres": "postgres",
        "cli": "cli",
    }
    lines = dict(line.split(" -> ", 1) for line in out.splitlines())
    for label, extra in expected.items():
        assert lines[label].startswith(f"{extra} |"), lines[label]
        assert f"pip install 'certflow-lsp[{extra}]'" in lines[label]
