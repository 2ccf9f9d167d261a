"""The intake use case: bulk intake of candidates and assessors, as the body's delegate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from certflow.application.intake.assessors import import_assessors
from certflow.application.intake.candidates import import_candidates
from certflow.application.intake.rows import ImportReport
from certflow.application.intake_limits import DEFAULT_LIMITS, IntakeLimits
from certflow.application.services import Services
from certflow.engine import Actor

__all__ = ["Intake"]


class Intake:
    """Bulk intake of candidates and assessors from files, as a use case."""

    def __init__(self, services: Services) -> None:
        self._s = services

    def import_candidates(
        self,
        path: Path | str,
        *,
        session: str,
        scheme: str | None = None,
        actor: Actor,
        skip_invalid: bool = False,
        batch_size: int = 500,
        on_progress: Callable[[str, int], None] | None = None,
        limits: IntakeLimits = DEFAULT_LIMITS,
    ) -> ImportReport:
        """Register a file of candidates in the session with code ``session`` (FR.APL.01).

        Every row is checked before anything is written; with a bad row nothing is imported
        (``report.imported`` is false and ``report.bad`` lists row numbers and reasons) unless
        ``skip_invalid``. People are found by NIK and certification ids are deterministic, so
        the same file twice creates nothing new. ``scheme`` is the scheme code for rows without
        one. ``on_progress(phase, rows)`` is called with ``"checked"`` then ``"written"``.

        ``limits`` bound the file (size, rows, columns, cell size, JSON nesting; see
        :class:`~certflow.application.intake.IntakeLimits`); a file broken, empty or over a
        limit raises :class:`~certflow.application.intake.IntakeFileError` and nothing is
        imported.
        """
        return import_candidates(
            self._s,
            Path(path),
            session=session,
            scheme=scheme,
            actor=actor,
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            on_progress=on_progress,
            limits=limits,
        )

    def import_assessors(
        self,
        path: Path | str,
        *,
        actor: Actor,
        skip_invalid: bool = False,
        batch_size: int = 500,
        on_progress: Callable[[str, int], None] | None = None,
        limits: IntakeLimits = DEFAULT_LIMITS,
    ) -> ImportReport:
        """Add a file of assessors to the register, found again by MET number (idempotent).

        ``limits`` and the refusal of a file as for :meth:`import_candidates`.
        """
        return import_assessors(
            self._s,
            Path(path),
            actor=actor,
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            on_progress=on_progress,
            limits=limits,
        )
