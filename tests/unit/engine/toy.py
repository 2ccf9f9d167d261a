"""A toy workflow with no certification word: a library book that is lent and returned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any
from uuid import UUID, uuid4

from certflow.engine import (
    Actor,
    Deadline,
    Move,
    Workflow,
    WorkflowAggregate,
    WorkflowEvent,
    WorkflowStarted,
    rule,
)


class Shelf(Enum):
    AVAILABLE = "available"
    LENT = "lent"
    OVERDUE = "overdue"
    LOST = "lost"


@dataclass(frozen=True)
class LendContext:
    book: Book
    member_blocked: bool


@rule("L1", "A blocked member may not borrow.")
def member_not_blocked(ctx: LendContext) -> str | None:
    return "the member is blocked; settle their fines first" if ctx.member_blocked else None


@rule("L2", "A book is lent at most three times in the toy.")
def lend_limit(ctx: LendContext) -> str | None:
    return "this copy was lent three times; retire it" if ctx.book.times_lent >= 3 else None


def _loan_due(book: Book) -> date | None:
    return book.lent_on + timedelta(days=14) if book.stage is Shelf.LENT else None


BOOK = Workflow(
    "book",
    version=1,
    stages=Shelf,
    initial=Shelf.AVAILABLE,
    final=[Shelf.LOST],
    moves=[
        Move("catalogue", source=None, dest=Shelf.AVAILABLE, roles=["librarian"]),
        Move(
            "lend",
            source=Shelf.AVAILABLE,
            dest=Shelf.LENT,
            roles=["librarian"],
            rules=[member_not_blocked, lend_limit],
            role_rule="L0",
        ),
        Move(
            "give_back",
            source=[Shelf.LENT, Shelf.OVERDUE],
            dest=Shelf.AVAILABLE,
            roles=["librarian", "member"],
            source_rule="L3",
        ),
        Move("remind", source=[Shelf.LENT, Shelf.OVERDUE], roles=["librarian"]),
        Move(
            "close_loan",
            source=[Shelf.LENT, Shelf.OVERDUE],
            dest=[Shelf.OVERDUE, Shelf.LOST],
            roles=["librarian", "system"],
        ),
    ],
    deadlines=[
        Deadline(
            "loan",
            rule_id="L4",
            due=_loan_due,
            on_due="close_loan",
            on_due_args={"dest": Shelf.OVERDUE},
        ),
    ],
)


class Book(WorkflowAggregate):
    TOPIC = "toy/Book"
    workflow = BOOK

    class Catalogued(WorkflowStarted):
        TOPIC = "toy/Book.Catalogued"
        title: str

        def record(self, aggregate: Any) -> None:
            aggregate.title = self.title
            aggregate.times_lent = 0

    class Lent(WorkflowEvent):
        TOPIC = "toy/Book.Lent"
        member: str

        def record(self, aggregate: Any) -> None:
            aggregate.times_lent += 1
            aggregate.member = self.member
            aggregate.lent_on = self.at.date()

    class Moved(WorkflowEvent):
        TOPIC = "toy/Book.Moved"

    @classmethod
    def catalogue(cls, title: str, *, actor: Actor, at: datetime, id: UUID | None = None) -> Book:
        return cls.start_move(
            cls.Catalogued, "catalogue", id=id or uuid4(), actor=actor, at=at, title=title
        )

    def lend(self, member: str, *, blocked: bool = False, actor: Actor, at: datetime) -> None:
        decision = self.decide_move("lend", actor, LendContext(self, blocked))
        self.record_move(self.Lent, decision, actor=actor, at=at, member=member)

    def close_loan(self, *, actor: Actor, at: datetime, dest: Shelf) -> None:
        self.move("close_loan", actor=actor, at=at, dest=dest)

    def move(self, trigger: str, *, actor: Actor, at: datetime, dest: Shelf | None = None) -> None:
        self.record_move(
            self.Moved, self.decide_move(trigger, actor, dest=dest), actor=actor, at=at
        )
