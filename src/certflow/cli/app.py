"""What every command shares: the root app, the common options, the exit codes, the store.

Exit codes: 0 success; 1 unexpected error (or, for ``audit``, ``verify`` and
``verify-certificate``, something was found); 2 usage error (typer's); 3 the command was refused
by a rule (the rule id and sentence are printed); 4 no such record; 5 a concurrent change got
there first; 6 (``erase``) an erasure is recorded but pending: bytes may remain. :func:`refusals`
is the one place that maps certflow's errors to them.

Nothing here names a command: each module under :mod:`certflow.cli.commands` declares its own
commands on its own ``typer.Typer`` and :func:`create_app` gathers them under ``certflow``.
"""

from __future__ import annotations

import errno
import functools
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar
from uuid import UUID

import typer
from rich.console import Console

from certflow import checkpoint_key
from certflow.application import (
    DEFAULT_CHECKPOINT_EVERY,
    DEFAULT_CHECKPOINT_SECONDS,
    CertificationBody,
    CertificationView,
)
from certflow.bootstrap import open
from certflow.cli import profile as profiles
from certflow.cli.console import escape, t
from certflow.cli.language import TranslatedGroup, choose_language, translate_tree
from certflow.engine import (
    CertflowError,
    ConcurrencyConflictError,
    InvalidInputError,
    NotFoundError,
    RejectedError,
    Text,
)

__all__ = [
    "EXIT_CONFLICT",
    "EXIT_FAILED",
    "EXIT_NOT_FOUND",
    "EXIT_PENDING",
    "EXIT_REFUSED",
    "ActorId",
    "JsonFlag",
    "Quiet",
    "RecordId",
    "Store",
    "Today",
    "business_day",
    "create_app",
    "end_of_day",
    "opened",
    "parse_day",
    "refusals",
    "resolve_record",
]

EXIT_FAILED = 1
EXIT_REFUSED = 3
EXIT_NOT_FOUND = 4
EXIT_CONFLICT = 5
EXIT_PENDING = 6
"""``erase``: recorded and deleted, but the bytes may remain until ``erase --finish`` succeeds."""

Store = Annotated[
    str | None,
    typer.Option(
        "--store",
        envvar="CERTFLOW_STORE",
        help="Where records are kept: sqlite:///file.db, postgresql://user@host/db, memory:// "
        "[default: the profile's store.url, else sqlite:///certflow.db]",
        show_default=False,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
Today = Annotated[str | None, typer.Option(help="As of this day (YYYY-MM-DD); default: today.")]
RecordId = Annotated[str, typer.Argument(help="A certification id or a certificate number.")]
ActorId = Annotated[
    str,
    typer.Option(
        "--by",
        envvar="CERTFLOW_ACTOR",
        help="Who acts: a person id in the personnel register (certflow staff list).",
    ),
]
"""The person a staff command is recorded under; certflow checks their appointment."""


def create_app(groups: Iterable[typer.Typer]) -> typer.Typer:
    """The ``certflow`` app holding ``groups``, in the order ``certflow --help`` lists them.

    A group made with a ``name`` becomes a subcommand (``certflow keys create``); the commands
    of a group without one sit directly under ``certflow``.
    """
    app = typer.Typer(
        cls=TranslatedGroup,
        name="certflow",
        help="Event-sourced competency certification (BNSP/LSP, ISO/IEC 17024).",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    app.callback()(_root)
    for group in groups:
        app.add_typer(group)
    translate_tree(app)
    return app


Config = Annotated[
    Path | None,
    typer.Option(
        "--config",
        envvar="CERTFLOW_CONFIG",
        help="The LSP profile (default: ./certflow.toml when present; certflow init writes it).",
        dir_okay=False,
    ),
]


Lang = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="The language of messages and help: id (Bahasa Indonesia) or en (English) "
        "(default: CERTFLOW_LANG, else the locale, else id).",
        metavar="id|en",
        is_eager=True,
        callback=choose_language,
        show_default=False,
    ),
]


def _root(config: Config = None, lang: Lang = None) -> None:
    """Event-sourced competency certification (BNSP/LSP, ISO/IEC 17024).

    Every command reads the LSP profile (--config, CERTFLOW_CONFIG or ./certflow.toml);
    a flag or environment variable given to a command overrides the profile's value.
    """
    profiles.choose(config)


P = ParamSpec("P")
R = TypeVar("R")

_OUTCOMES: tuple[tuple[type[CertflowError], Text, int], ...] = (
    (RejectedError, Text("ditolak", "refused"), EXIT_REFUSED),
    (NotFoundError, Text("tidak ditemukan", "not found"), EXIT_NOT_FOUND),
    (ConcurrencyConflictError, Text("konflik", "conflict"), EXIT_CONFLICT),
    (CertflowError, Text("galat", "error"), EXIT_FAILED),
)
"""Each error family with its label (Indonesian, English) and exit code; the first match wins."""


_OS_ERRORS = {
    errno.ENOENT: Text("berkas atau folder tidak ada", "no such file or folder"),
    errno.EACCES: Text("tidak ada izin", "permission denied"),
    errno.EPERM: Text("tidak diizinkan", "operation not permitted"),
    errno.EISDIR: Text("itu sebuah folder", "it is a folder"),
    errno.ENOTDIR: Text("bukan folder", "not a folder"),
    errno.EEXIST: Text("sudah ada", "it exists already"),
    errno.ENOSPC: Text("ruang disk habis", "no space left on the disk"),
    errno.EROFS: Text("sistem berkas hanya-baca", "read-only file system"),
}
"""The operating system's reasons, in both languages (its own messages are English)."""


def refusals(command: Callable[P, R]) -> Callable[P, R]:
    """Turn certflow's errors into a message and a distinct exit code, without a traceback."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except CertflowError as error:
            label, code = next((w, c) for family, w, c in _OUTCOMES if isinstance(error, family))
            message = escape(str(error))
            if isinstance(error, NotFoundError):  # the engine names no command; the CLI does
                lister = "certflow staff list" if error.kind == "person" else "certflow list"
                message += "; " + t(f"{lister} menampilkannya", f"{lister} shows them")
            Console(stderr=True).print(f"[bold red]{label}[/] {message}")
            raise typer.Exit(code) from None
        except OSError as error:  # a file named on the command line: missing, unreadable...
            where = f"{error.filename}: " if error.filename else ""
            reason = _OS_ERRORS.get(error.errno or 0) or error.strerror or error
            Console(stderr=True).print(
                f"[bold red]{t('ditolak', 'refused')}[/] "
                + escape(
                    t(
                        f"berkas tidak dapat dibuka atau ditulis: {where}{reason}",
                        f"the file cannot be opened or written: {where}{reason}",
                    )
                )
            )
            raise typer.Exit(EXIT_REFUSED) from None

    return run


@contextmanager
def opened(store: str | None, *, lsp_code: str | None = None) -> Iterator[CertificationBody]:
    """The certification body on ``store``, closed when the block ends.

    Args:
        store: The store URL (``--store``); the profile's, else the default, when ``None``.
        lsp_code: The LSP's code for certificate numbers and tokens (``--lsp-code``); the
            profile's, else ``LSP``, when ``None``.
    """
    lsp = open(
        profiles.store_url(store),
        lsp_code=profiles.lsp_code(lsp_code),
        timezone=profiles.zone(),
        retention=profiles.retention(),
    )
    try:
        _auto_checkpoints(lsp)
        yield lsp
    finally:
        lsp.close()


CHECKPOINT_KEY = "CERTFLOW_CHECKPOINT_KEY"
"""The environment variable naming the private key that signs automatic checkpoints."""


def _auto_checkpoints(lsp: CertificationBody) -> None:
    """Sign checkpoints as commands are saved, when ``CERTFLOW_CHECKPOINT_KEY`` names a key.

    ``CERTFLOW_CHECKPOINT_EVERY`` (saves, default 1000) and ``CERTFLOW_CHECKPOINT_SECONDS``
    (default 3600) set how often; a memory store keeps no checkpoint log and is left alone.
    """
    path = os.environ.get(CHECKPOINT_KEY, "").strip()
    if not path:
        return
    try:
        every = int(os.environ.get("CERTFLOW_CHECKPOINT_EVERY", DEFAULT_CHECKPOINT_EVERY))
        seconds = float(os.environ.get("CERTFLOW_CHECKPOINT_SECONDS", DEFAULT_CHECKPOINT_SECONDS))
    except ValueError:
        raise InvalidInputError(
            [
                Text(
                    "CERTFLOW_CHECKPOINT_EVERY/SECONDS harus berupa angka",
                    "CERTFLOW_CHECKPOINT_EVERY/SECONDS must be numbers",
                )
            ]
        ) from None
    key = checkpoint_key(lsp.lsp_code, private=Path(path))
    try:
        lsp.auto_checkpoint(key, every=every, seconds=seconds)
    except InvalidInputError:
        return  # a memory store: no checkpoint log


def resolve_record(lsp: CertificationBody, key: str) -> CertificationView:
    """The certification a command names, by its id or by its certificate number."""
    try:
        return lsp.get(UUID(key.strip()))
    except ValueError:
        return lsp.get_by_number(key)


def parse_day(text: str) -> date:
    """A day given as ``YYYY-MM-DD``; anything else is refused as invalid input."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(
            [
                Text(
                    f"{text!r} bukan tanggal (YYYY-MM-DD)",
                    f"{text!r} is not a date (YYYY-MM-DD)",
                )
            ]
        ) from None


def end_of_day(text: str) -> datetime:
    """The last minute (23:59, the LSP's time) of a day given as ``YYYY-MM-DD``."""
    return datetime.combine(parse_day(text), time(23, 59), tzinfo=profiles.zone())


def business_day(lsp: CertificationBody, today: str | None) -> date:
    """The day asked for, or today on the store's business clock."""
    return lsp.clock.now().date() if today is None else parse_day(today)
