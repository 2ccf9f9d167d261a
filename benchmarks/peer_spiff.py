"""B9's SpiffWorkflow peer: the main path as a BPMN process of fifteen user tasks in sequence.

One row per certification holds SpiffWorkflow's own JSON serialization of its workflow
(``BpmnWorkflowSerializer``). Per command, in one transaction: load the row and deserialize it,
check the READY user task is the step asked for (the process's order is its state machine), run
the checks SpiffWorkflow has no equivalent for in Python (the person and the payload, the same
functions as the CRUD peer's, on the task's data), run the task and the engine steps after it,
serialize and save the row back.
"""

from __future__ import annotations

import itertools
import sqlite3
from functools import cache
from typing import Any

from benchmarks.peer_apps import Command, Refused, Store, check_and_apply, check_person
from certflow.testing.route import STEPS


def _bpmn() -> bytes:
    """A BPMN process: a start event, the fifteen steps as user tasks in sequence, an end."""
    ids = ["start", *STEPS, "end"]
    tasks = "".join(f'<bpmn:userTask id="{s}" name="{s}"/>' for s in STEPS)
    flows = "".join(
        f'<bpmn:sequenceFlow id="flow_{i}" sourceRef="{a}" targetRef="{b}"/>'
        for i, (a, b) in enumerate(itertools.pairwise(ids))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'id="certflow_b9" targetNamespace="http://bpmn.io/schema/bpmn">'
        '<bpmn:process id="certification" isExecutable="true">'
        f'<bpmn:startEvent id="start"/>{tasks}<bpmn:endEvent id="end"/>{flows}'
        "</bpmn:process></bpmn:definitions>"
    ).encode()


@cache
def _spiff() -> tuple[Any, Any]:
    """The parsed process spec and SpiffWorkflow's serializer (made once, as an app would)."""
    from SpiffWorkflow.bpmn.parser import BpmnParser
    from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer

    parser = BpmnParser()
    parser.add_bpmn_str(_bpmn())
    return parser.get_spec("certification"), BpmnWorkflowSerializer()


@cache
def _spiff_classes() -> tuple[Any, Any]:
    from SpiffWorkflow import TaskState
    from SpiffWorkflow.bpmn import BpmnWorkflow

    return TaskState.READY, BpmnWorkflow


def spiff_problem() -> str | None:
    try:
        import SpiffWorkflow  # noqa: F401
    except ImportError:
        return "SpiffWorkflow is not installed (pip install -e '.[dev]')"
    return None


class SpiffApp(Store):
    """One row per certification: SpiffWorkflow's JSON of its process, loaded and saved back."""

    def __init__(self, path: str, settings: dict[str, str], lifecycles: int) -> None:
        super().__init__(path, settings, lifecycles)
        self.db.executescript(
            "CREATE TABLE workflow (id TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at TEXT)"
        )
        self.spec, self.serializer = _spiff()

    def handle(self, cursor: sqlite3.Cursor, command: Command) -> None:
        ready, bpmn_workflow = _spiff_classes()
        if command.step == "register":
            if cursor.execute("SELECT 1 FROM workflow WHERE id = ?", (command.case,)).fetchone():
                raise Refused("registered already")
            workflow = bpmn_workflow(self.spec)
            workflow.do_engine_steps()
        else:
            row = cursor.execute(
                "SELECT state FROM workflow WHERE id = ?", (command.case,)
            ).fetchone()
            if row is None:
                raise Refused(f"no certification {command.case}")
            workflow = self.serializer.deserialize_json(row[0])
        task = workflow.get_next_task(state=ready, manual=True)
        if task is None or task.task_spec.name != command.step:
            where = "the end" if task is None else task.task_spec.name
            raise Refused(f"{command.step} is not allowed: the process is at {where}")
        case: dict[str, Any] = task.data
        if command.step == "register":
            p = command.payload
            case |= {"subject_id": p["subject_id"], "scheme": p["scheme"]}
            case["units"] = self._units(cursor, p["scheme"])
        check_person(cursor, command, case)
        check_and_apply(cursor, command, case)
        case["last"] = {"step": command.step, "actor": command.actor, "at": command.at}
        task.run()
        workflow.do_engine_steps()
        state = self.serializer.serialize_json(workflow)
        cursor.execute(
            "INSERT INTO workflow VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE "
            "SET state = excluded.state, updated_at = excluded.updated_at",
            (command.case, state, command.at),
        )

    def completed(self, case: str) -> bool:
        row = self.db.execute("SELECT state FROM workflow WHERE id = ?", (case,)).fetchone()
        return row is not None and bool(self.serializer.deserialize_json(row[0]).is_completed())
