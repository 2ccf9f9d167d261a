"""Read models: the case board, certificate register, deadline board and assessor workload.

Each view is a table kept up to date from the notification log with its own tracking record,
in a :class:`~certflow.application.ports.ViewStore` (one per backend, in
:mod:`certflow.adapters`). A view row is a pure function of one certification's state after an
event: the projection replays the certification with the recorded events (events are facts, no
rule runs) and writes what the record now looks like, so a rebuild gives exactly the same rows.

Queries catch the views up first, so a caller reads its own writes. A long-running runner
(``certflow projections run``) keeps them current in the background: on PostgreSQL it waits on
eventsourcing's LISTEN/NOTIFY subscription, on SQLite (which has none) it polls.

The modules, one concept each: :mod:`.rows` (the results queries return), :mod:`.names` (the
views by name), :mod:`.projection` (a certification's state as view rows), :mod:`.runner`
(catch-up, rebuild, follow) and :mod:`.queries` (:class:`ReadModels`, the runner plus its
queries).
"""

from __future__ import annotations

from certflow.application.readmodels.names import VIEW_NAMES, describe
from certflow.application.readmodels.queries import ReadModels
from certflow.application.readmodels.rows import (
    CasePage,
    DeadlineBoard,
    DeadlineEntry,
    OverdueItem,
    ProjectionStatus,
    RegisterEntry,
    StageCount,
    WorkloadEntry,
)

__all__ = [
    "VIEW_NAMES",
    "CasePage",
    "DeadlineBoard",
    "DeadlineEntry",
    "OverdueItem",
    "ProjectionStatus",
    "ReadModels",
    "RegisterEntry",
    "StageCount",
    "WorkloadEntry",
    "describe",
]
