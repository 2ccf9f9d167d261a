"""The documentation site builds with ``mkdocs build --strict``: links, anchors, docstrings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_the_site_builds_strictly_and_documents_the_facade(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    # The facade's delegated methods are shown as methods, with the use case's docstring.
    api = (tmp_path / "reference" / "certflow.html").read_text()
    assert 'id="certflow.CertificationBody.admit"' in api
    assert "Admit the application" in api
    # The workflow diagrams are Mermaid blocks, rendered by the theme, not code listings.
    workflow = (tmp_path / "workflow.html").read_text()
    assert '<pre class="mermaid">' in workflow
    # Both guides are built: the operator's in Bahasa Indonesia, the developer's in English.
    assert (tmp_path / "panduan" / "index.html").is_file()
    assert (tmp_path / "dev" / "index.html").is_file()
