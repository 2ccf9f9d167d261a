"""Make a folder and its files read-only for real, even for root.

``chmod`` does not stop root (tests often run as root in containers), so as root the folder and
its files are made immutable with ``chattr +i`` (root cannot write them either until
``chattr -i``); as anyone else ``chmod a-w`` is enough. Where neither can be done the test is
skipped, never passed without the check.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

__all__ = ["read_only"]


def _chattr(flag: str, paths: list[Path]) -> bool:
    tool = shutil.which("chattr")
    if tool is None:
        return False
    done = subprocess.run([tool, flag, *map(str, paths)], capture_output=True, check=False)
    return done.returncode == 0


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` and every file in it read-only while the block runs."""
    paths = [*sorted(p for p in folder.iterdir() if p.is_file()), folder]
    if os.geteuid() == 0:
        if not _chattr("+i", paths):
            pytest.skip("running as root without chattr +i: cannot make a folder read-only")
        try:
            probe = folder / "write-probe"
            try:
                probe.write_text("x")
            except OSError:
                pass
            else:  # pragma: no cover - a file system that ignores the flag
                probe.unlink()
                pytest.skip("chattr +i does not stop root on this file system")
            yield
        finally:
            _chattr("-i", paths)
        return
    modes = {p: p.stat().st_mode for p in paths}
    for p in paths:
        p.chmod(modes[p] & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        yield
    finally:
        for p in reversed(paths):
            p.chmod(modes[p])
