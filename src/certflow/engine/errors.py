"""Errors the engine raises, in two families: definition bugs and refused commands.

The tree::

    CertflowError
    ├── DefinitionError              a workflow or rule is declared wrongly (a bug, found at import)
    ├── NotFoundError                no record with that id or number exists
    ├── ConcurrencyConflictError     someone else changed the record first; reload and try again
    ├── StoreUnavailableError        the store is missing, unreachable, locked or read-only
    └── RejectedError                a command was refused; nothing was recorded
        ├── InvalidInputError        the command's input is malformed (missing or wrong fields)
        ├── AlreadyExistsError       the record the command would create exists already
        ├── TransitionNotAllowedError  the move is not possible from the current stage
        ├── NotAuthorizedError       the actor's role may not make this move
        └── RuleViolatedError        one or more business rules refused the command

Every ``RejectedError`` carries ``rule_ids`` (e.g. ``("R32",)``) and a sentence, in Bahasa
Indonesia and in English (``.text``), that says what is wrong and what to do; ``str()`` gives it
in the language chosen when it was raised (see :mod:`certflow.engine.text`). A refused command
never appends an event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from certflow.engine.text import Text, as_text

__all__ = [
    "AlreadyExistsError",
    "CertflowError",
    "ConcurrencyConflictError",
    "DefinitionError",
    "InvalidInputError",
    "NotAuthorizedError",
    "NotFoundError",
    "RejectedError",
    "RuleViolatedError",
    "StoreUnavailableError",
    "TransitionNotAllowedError",
    "VersionMismatchError",
    "Violation",
]


class CertflowError(Exception):
    """The root of every error the engine (and what is built on it) raises on purpose."""

    def __init__(self, message: str | Text) -> None:
        self.text: Text = as_text(message)
        """The message in both languages."""
        super().__init__(self.text.render())


class DefinitionError(CertflowError):
    """A workflow, move or rule is declared wrongly. This is a bug, not a refusal."""


class NotFoundError(CertflowError):
    """No record exists with the given id or number."""

    def __init__(self, kind: str, key: object) -> None:
        self.kind = kind
        self.key = key
        noun = Text(kind)  # a message of the catalog: the extractor collects NotFoundError's kinds
        super().__init__(Text("{noun} {key} was not found; check the id", noun=noun, key=key))


class ConcurrencyConflictError(CertflowError):
    """Another command changed the same record first; nothing of this command was recorded."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            Text(
                "the record was changed by another command at the same time "
                "({detail}); nothing was recorded: load it again and repeat the "
                "command",
                detail=detail,
            )
        )


class VersionMismatchError(ConcurrencyConflictError):
    """The record is not at the version the caller expected; nothing was recorded."""

    def __init__(self, expected: int, found: int) -> None:
        self.expected = expected
        self.found = found
        CertflowError.__init__(
            self,
            Text(
                "the record is at version {found}, not {expected} as expected; nothing was "
                "recorded: read it again and decide again",
                found=found,
                expected=expected,
            ),
        )
        self.detail = f"version {found}, expected {expected}"


class StoreUnavailableError(CertflowError):
    """The store cannot be used as asked; nothing was recorded.

    It does not exist (and the caller did not ask to create it), it holds no such store,
    it cannot be reached or opened (wrong path, server down, wrong database, user or
    password), it is locked by another process, or it is read-only and the command writes.
    The message says which, and what to do.
    """

    def __init__(self, store: str, message: str | Text) -> None:
        self.store = store
        """The store, as shown to people (a password is never in it)."""
        super().__init__(Text("{store}: ", store=store) + as_text(message))


@dataclass(frozen=True)
class Violation:
    """One broken business rule: its stable id and a sentence saying what is wrong."""

    rule_id: str
    """Stable rule id, e.g. ``"R32"``."""
    text: Text
    """What is wrong and what to do, in both languages."""

    @property
    def message(self) -> str:
        """The sentence in the current language."""
        return self.text.render()

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.message}"


class RejectedError(CertflowError):
    """A command was refused. Nothing was recorded and the record's version is unchanged."""

    def __init__(self, message: str | Text, rule_ids: Sequence[str] = ()) -> None:
        self.rule_ids: tuple[str, ...] = tuple(rule_ids)
        super().__init__(message)


def _cite(rule_id: str | None, message: Text) -> Text:
    return Text("{rule_id}: ", rule_id=rule_id) + message if rule_id else message


class InvalidInputError(RejectedError):
    """The command's input is malformed: a field is missing, empty or of the wrong kind."""

    def __init__(self, problems: Iterable[str | Text], rule_ids: Sequence[str] = ()) -> None:
        self.problems: tuple[Text, ...] = tuple(as_text(p) for p in problems)
        """What is wrong, one sentence each (a plain string stands for both languages)."""
        listed = Text.join(self.problems)
        message = Text("invalid input: {listed}", listed=listed)
        super().__init__(_cite(rule_ids[0] if len(rule_ids) == 1 else None, message), rule_ids)


class AlreadyExistsError(RejectedError):
    """The record the command would create exists already (e.g. the same registration twice)."""

    def __init__(self, kind: str, key: object, rule_id: str | None = None) -> None:
        self.kind = kind
        self.key = key
        noun = Text(kind)  # a message of the catalog, like NotFoundError's kind
        message = Text(
            "{noun} {key} exists already; use the existing record",
            noun=noun,
            key=key,
        )
        super().__init__(_cite(rule_id, message), (rule_id,) if rule_id else ())


class TransitionNotAllowedError(RejectedError):
    """The move cannot be made from the record's current stage."""

    def __init__(
        self,
        trigger: str,
        stage: str,
        allowed_from: Sequence[str],
        rule_id: str | None = None,
    ) -> None:
        self.trigger = trigger
        self.stage = stage
        self.allowed_from: tuple[str, ...] = tuple(allowed_from)
        where = ", ".join(self.allowed_from) if self.allowed_from else "-"
        message = Text(
            "cannot {trigger} when {stage}; it is possible only from: {where}",
            trigger=trigger,
            stage=stage,
            where=where,
        )
        super().__init__(_cite(rule_id, message), (rule_id,) if rule_id else ())


class NotAuthorizedError(RejectedError):
    """The actor's role is not one of the roles allowed to make the move."""

    def __init__(
        self,
        trigger: str,
        role: str,
        allowed_roles: Iterable[str],
        rule_id: str | None = None,
        message: Text | None = None,
    ) -> None:
        self.trigger = trigger
        self.role = role
        self.allowed_roles: tuple[str, ...] = tuple(sorted(allowed_roles))
        if message is None:
            roles = Text.join(self.allowed_roles, Text(" or "))
            message = Text(
                "role {role} may not {trigger}; ask someone with the role {roles}",
                role=role,
                trigger=trigger,
                roles=roles,
            )
        super().__init__(_cite(rule_id, message), (rule_id,) if rule_id else ())


class RuleViolatedError(RejectedError):
    """One or more business rules refused the command."""

    def __init__(self, violations: Sequence[Violation]) -> None:
        if not violations:
            raise DefinitionError("RuleViolatedError needs at least one violation")
        self.violations: tuple[Violation, ...] = tuple(violations)
        message = Text.join(_cite(v.rule_id, v.text) for v in self.violations)
        super().__init__(message, tuple(v.rule_id for v in self.violations))
