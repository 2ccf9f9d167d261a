"""What every command shares: the root app, the common options, the exit codes, the store.

The exit codes are the constants below (``EXIT_*``), documented once, in docs/cli.md ("Exit
codes"). :func:`refusals` is the one place that turns every failure into a message that says
what to do and one of them, without a traceback; :func:`create_app` puts every command behind
it, so a command added later is covered too. :func:`opened` opens a store that exists (only
``init``, ``demo`` and ``import`` create one), read-only for commands that only read.

Nothing here names a command: each module under :mod:`certflow.cli.commands` declares its own
commands on its own ``typer.Typer`` and :func:`create_app` gathers them under ``certflow``.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import functools
import os
import sys
import traceback
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
from certflow.bootstrap import open, store_error
from certflow.cli import acting
from certflow.cli import profile as profiles
from certflow.cli.console import escape, t
from certflow.cli.language import TranslatedGroup, choose_language, translate_tree
from certflow.engine import (
    CertflowError,
    ConcurrencyConflictError,
    DefinitionError,
    InvalidInputError,
    NotFoundError,
    RejectedError,
    StoreUnavailableError,
    Text,
)

__all__ = [
    "EXIT_CODES",
    "EXIT_CONFLICT",
    "EXIT_FAILED",
    "EXIT_FINDING",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_PENDING",
    "EXIT_PIPE_CLOSED",
    "EXIT_REFUSED",
    "EXIT_UNAVAILABLE",
    "EXIT_USAGE",
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

EXIT_OK = 0
"""Done."""
EXIT_FINDING = 1
"""``audit``, ``verify``, ``verify-certificate``, ``projections check``, ``witness``: found
something (tampering, drift, a certificate not valid, an inconsistent proof)."""
EXIT_FAILED = EXIT_FINDING
"""The old name of :data:`EXIT_FINDING`."""
EXIT_USAGE = 2
"""typer's usage errors: an unknown option, a missing argument, a value of the wrong type."""
EXIT_REFUSED = 3
"""Refused by a rule (its id is printed), or invalid input data (a value, a file)."""
EXIT_NOT_FOUND = 4
"""No such record."""
EXIT_CONFLICT = 5
"""A concurrent change got there first; nothing was recorded."""
EXIT_UNAVAILABLE = 6
"""The store cannot be used: missing, unreachable, wrong credentials, locked, read-only when
the command writes, or not a certflow store."""
EXIT_PENDING = 7
"""``erase``, ``retention destroy``: recorded and deleted, but the bytes may remain until
``erase --finish`` succeeds."""
EXIT_INTERNAL = 70
"""An unexpected error: a bug in certflow (``CERTFLOW_DEBUG=1`` shows the traceback)."""
EXIT_INTERRUPTED = 130
"""Interrupted (Ctrl-C); what was recorded is kept, and running the command again finishes."""
EXIT_PIPE_CLOSED = 141
"""The output's reader stopped reading (``certflow list | head``): the rest is not printed."""
EXIT_CODES = frozenset(
    {
        EXIT_OK,
        EXIT_FINDING,
        EXIT_USAGE,
        EXIT_REFUSED,
        EXIT_NOT_FOUND,
        EXIT_CONFLICT,
        EXIT_UNAVAILABLE,
        EXIT_PENDING,
        EXIT_INTERNAL,
        EXIT_INTERRUPTED,
        EXIT_PIPE_CLOSED,
    }
)
"""Every exit code a command can end with (docs/cli.md, "Exit codes")."""
DEBUG = "CERTFLOW_DEBUG"
"""Set to ``1`` to print the traceback of an internal error."""

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
    str | None,
    typer.Option(
        "--by",
        help="Who acts: a person id in the personnel register (certflow staff list); "
        "default: certflow --as / CERTFLOW_ACTOR.",
        show_default=False,
    ),
]
"""The person a staff or data-protection command is recorded under (``None``: the global
``certflow --as``); certflow checks their appointment."""


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
    app.callback()(refusals(_root))
    for group in groups:
        _behind_refusals(group)
        app.add_typer(group)
    translate_tree(app)
    return app


def _behind_refusals(group: typer.Typer) -> None:
    """Put every command of ``group`` (and of its subgroups) behind :func:`refusals`."""
    for info in group.registered_commands:
        if info.callback is not None:
            info.callback = refusals(info.callback)
    if group.registered_callback is not None and group.registered_callback.callback is not None:
        group.registered_callback.callback = refusals(group.registered_callback.callback)
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            _behind_refusals(sub.typer_instance)


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


def _root(config: Config = None, lang: Lang = None, person: acting.GlobalAs = None) -> None:
    """Event-sourced competency certification (BNSP/LSP, ISO/IEC 17024).

    Every command reads the LSP profile (--config, CERTFLOW_CONFIG or ./certflow.toml);
    a flag or environment variable given to a command overrides the profile's value.
    A command that records a move acts as the person --as (or CERTFLOW_ACTOR) names.
    """
    profiles.choose(config)
    acting.choose(person)


P = ParamSpec("P")
R = TypeVar("R")

_OUTCOMES: tuple[tuple[type[CertflowError], Text, int], ...] = (
    (
        StoreUnavailableError,
        Text("store unavailable"),
        EXIT_UNAVAILABLE,
    ),
    (RejectedError, Text("refused"), EXIT_REFUSED),
    (NotFoundError, Text("not found"), EXIT_NOT_FOUND),
    (ConcurrencyConflictError, Text("conflict"), EXIT_CONFLICT),
    (DefinitionError, Text("internal error"), EXIT_INTERNAL),
    (CertflowError, Text("refused"), EXIT_REFUSED),
)
"""Each error family with its label (Indonesian, English) and exit code; the first match wins."""

_WRAPPED = "__certflow_refusals__"


_LISTERS = {
    "person": "certflow staff list",
    "scheme": "certflow scheme list",
    "assessor": "certflow assessor list",
    "tuk": "certflow tuk list",
    "session": "",
    "API token": "certflow tokens list",
    "identity link": "certflow tokens links",
}
"""The command that lists the records of a kind a *not found* names ("": none lists them)."""


_OS_ERRORS = {
    errno.ENOENT: Text("no such file or folder"),
    errno.EACCES: Text("permission denied"),
    errno.EPERM: Text("operation not permitted"),
    errno.EISDIR: Text("it is a folder"),
    errno.ENOTDIR: Text("not a folder"),
    errno.EEXIST: Text("it exists already"),
    errno.ENOSPC: Text("no space left on the disk"),
    errno.EROFS: Text("read-only file system"),
}
"""The operating system's reasons, in both languages (its own messages are English)."""


def refusals(command: Callable[P, R]) -> Callable[P, R]:
    """Turn every failure into a message that says what to do, and its exit code.

    certflow's errors by family (:data:`_OUTCOMES`); a file that cannot be read or written,
    a CSV field over the limit, input nested too deeply: refused (3); Ctrl-C: interrupted
    (130); anything else is a bug: one line asking to report it (70), the traceback only with
    ``CERTFLOW_DEBUG=1``. typer's own exits and usage errors pass through. Idempotent.
    """
    if getattr(command, _WRAPPED, False):
        return command

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.TyperException):  # typer's own ends and usage errors
            raise
        except (KeyboardInterrupt, typer.Abort):
            _say(
                t("interrupted"),
                t("what was recorded is kept whole; run the same command again to finish"),
            )
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except CertflowError as error:
            label, code = next((w, c) for family, w, c in _OUTCOMES if isinstance(error, family))
            message = escape(str(error))
            if isinstance(error, NotFoundError):  # the engine names no command; the CLI does
                # the label says "not found" already: the message names what, once
                missing = Text("{noun} {key}; check it", noun=Text(error.kind), key=error.key)
                message = escape(str(missing))
                lister = _LISTERS.get(error.kind, "certflow list")
                if lister:
                    message += "; " + t("{lister} shows them", lister=lister)
            if code == EXIT_INTERNAL:
                message += "; " + escape(_report())
                _debug()
            _say(str(label), message, markup=True)
            raise typer.Exit(code) from None
        except BrokenPipeError:  # the reader of the output went away (| head): say nothing more
            # so the interpreter's last flush does not fail on the closed pipe (unless standard
            # output is not a file at all, as when captured)
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_PIPE_CLOSED) from None
        except OSError as error:  # a file named on the command line: missing, unreadable...
            where = f"{error.filename}: " if error.filename else ""
            reason = _OS_ERRORS.get(error.errno or 0) or error.strerror or error
            _say(
                t("refused"),
                t(
                    "the file cannot be opened or written: {where}{reason}",
                    where=where,
                    reason=reason,
                ),
            )
            raise typer.Exit(EXIT_REFUSED) from None
        except (RecursionError, csv.Error, UnicodeError) as error:  # input beyond certflow's limits
            _say(
                t("refused"),
                t(
                    "the input cannot be read ({nature}); check the file: nested too "
                    "deeply, a field too large, or not UTF-8",
                    nature=_nature(error),
                ),
            )
            raise typer.Exit(EXIT_REFUSED) from None
        except Exception as error:
            _debug()
            _say(t("internal error"), f"{_nature(error)}; {_report()}")
            raise typer.Exit(EXIT_INTERNAL) from None

    setattr(run, _WRAPPED, True)
    return run


def _report() -> str:
    return t(
        "this is a bug in certflow: please report it with the command "
        "you ran (CERTFLOW_DEBUG=1 shows the traceback)",
    )


def _nature(error: BaseException) -> str:
    kind = type(error)
    name = f"{kind.__module__}.{kind.__name__}" if kind.__name__ == "Error" else kind.__name__
    detail = " ".join(str(error).split())[:300]
    return f"{name}: {detail}" if detail else name


def _say(label: str, message: str, *, markup: bool = False) -> None:
    """One line on standard error: the label in bold red, then the message."""
    Console(stderr=True).print(
        f"[bold red]{escape(label)}[/] " + (message if markup else escape(message))
    )


def _debug() -> None:
    """The traceback of the error being handled, on standard error, when asked for."""
    if os.environ.get(DEBUG, "").strip() not in ("", "0"):
        traceback.print_exc(file=sys.stderr)


@contextmanager
def opened(
    store: str | None,
    *,
    lsp_code: str | None = None,
    create: bool = False,
    readonly: bool = False,
) -> Iterator[CertificationBody]:
    """The certification body on ``store``, closed when the block ends.

    Args:
        store: The store URL (``--store``); the profile's, else the default, when ``None``.
        lsp_code: The LSP's code for certificate numbers and tokens (``--lsp-code``); the
            profile's, else ``LSP``, when ``None``.
        create: Make the store when it does not exist (``init``, ``demo``, ``import``); any
            other command refuses a missing store (exit 6) and makes nothing.
        readonly: The command only reads: nothing is written (a read-only copy, a replica
            serve), the read models are read as the last writing command or
            ``certflow projections run`` left them, and a warning on standard error says how
            far behind they were. A command that writes catches the views up when it is done.

    Raises:
        StoreUnavailableError: the store cannot be opened, or a driver's error while the block
            runs says it cannot be used (locked, read-only, gone).
    """
    lsp = open(
        profiles.store_url(store),
        lsp_code=profiles.lsp_code(lsp_code),
        timezone=profiles.zone(),
        retention=profiles.retention(),
        create=create,
        readonly=readonly,
    )
    try:
        if not readonly:
            _auto_checkpoints(lsp)
        try:
            yield lsp
        finally:  # also when the command ends with its own exit code (a pending erasure)
            if not readonly and sys.exc_info()[0] in (None, typer.Exit):
                lsp.read_models.catch_up()  # the writer keeps the views current for readers
    except Exception as error:
        problem = store_error(error, lsp.store.display)
        if problem is None:
            raise
        raise problem from None
    finally:
        lsp.close()
    _lag_warning(lsp)


def _lag_warning(lsp: CertificationBody) -> None:
    """Say on standard error how far behind the read models this command read were."""
    behind = lsp.read_models.behind
    if not behind:
        return
    most = max(behind.values())
    views = ", ".join(sorted(behind))
    Console(stderr=True).print(
        "[yellow]"
        + escape(
            t(
                "warning: the views ({views}) are {most} events behind the log; "
                "run certflow projections catch-up (or projections run) to bring "
                "them up to date",
                views=views,
                most=most,
            )
        )
        + "[/]"
    )


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
            [Text("CERTFLOW_CHECKPOINT_EVERY/SECONDS must be numbers")]
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
        raise InvalidInputError([Text("{text!r} is not a date (YYYY-MM-DD)", text=text)]) from None


def end_of_day(text: str) -> datetime:
    """The last minute (23:59, the LSP's time) of a day given as ``YYYY-MM-DD``."""
    return datetime.combine(parse_day(text), time(23, 59), tzinfo=profiles.zone())


def business_day(lsp: CertificationBody, today: str | None) -> date:
    """The day asked for, or today on the store's business clock."""
    return lsp.clock.now().date() if today is None else parse_day(today)
