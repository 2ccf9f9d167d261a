"""Files certflow writes for people (certificates, reports): new, whole, never through a link.

Every writer checks its paths before any is written (:func:`check_new`), then writes each one
whole or not at all (:func:`write_new`): a temporary file in the same folder, synced, then
linked to the name (which fails if the name appeared meanwhile) or, when the caller allows
``replace``, renamed over it (a symbolic link in the way is replaced, never followed).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from certflow.engine import InvalidInputError, Text

__all__ = ["check_new", "safe_name", "write_new"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str, fallback: str) -> str:
    """``text`` made safe as part of a file name, or ``fallback`` when nothing is left.

    ASCII letters, digits, ``.``, ``_`` and ``-`` stay; each run of anything else (``/``,
    spaces, ``..``) becomes one ``-``.
    """
    return _UNSAFE.sub("-", text).strip(".-") or fallback


def check_new(paths: Sequence[Path], *, replace: bool = False) -> None:
    """Refuse, before anything is written, a path whose folder is missing or which exists.

    Raises:
        FileNotFoundError: a path's folder does not exist (the CLI names it, exit 3).
        InvalidInputError: a path exists (or is a link) and ``replace`` is not allowed; the
            message says how many and names the first.
    """
    for path in paths:
        if not path.parent.is_dir():
            raise FileNotFoundError(errno.ENOENT, "no such folder", str(path))
    taken = [] if replace else [p for p in paths if p.exists() or p.is_symlink()]
    if taken:
        more: Text | str = ""
        if len(taken) > 1:
            more = Text(
                " ({taken_count} of the {paths_count} files exist)",
                taken_count=len(taken),
                paths_count=len(paths),
            )
        raise InvalidInputError(
            [
                Text(
                    "{taken} already exists{more}; it is not overwritten (move it "
                    "away, or --replace where the command offers it)",
                    taken=taken[0],
                    more=more,
                )
            ]
        )


def write_new(path: Path, data: bytes, *, replace: bool = False) -> None:
    """Write ``data`` to ``path`` whole or not at all, never through a symbolic link.

    Raises:
        InvalidInputError: ``path`` exists (without ``replace``), or appeared while written.
    """
    check_new([path], replace=replace)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".part"
    )
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise InvalidInputError(
                    [
                        Text(
                            "{path} appeared while it was written; it is not overwritten",
                            path=path,
                        )
                    ]
                ) from None
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)
