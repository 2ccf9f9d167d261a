"""After the certificate: surveillance, suspension, revocation, definition migration, and time.

The sweep records every move that time has made due (appeal windows closed, unresolved
suspensions revoked, certificates expired); it has no thread and no sleep: a scheduler calls it.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from certflow.application.readmodels import OverdueItem
from certflow.application.services import Services
from certflow.application.trust import Gate
from certflow.domain import Certification, Complaint, Stage, Tuk
from certflow.domain.breach import Breach, BreachStatus
from certflow.engine import Actor, SweepResult

__all__ = ["Maintenance", "SweepReport"]

_SWEPT_STAGES = frozenset({Stage.NOT_YET_COMPETENT, Stage.DISTRIBUTED, Stage.SUSPENDED})


class SweepReport(SweepResult):
    """What a sweep of certifications recorded (the runtime's result, named for the facade).

    ``moves`` holds the (certification id, trigger) of each move made; ``skipped`` the
    certifications under a definition version this code does not know.
    """


class Maintenance:
    """Commands on a certificate in force, and the deadline sweep."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._gate = Gate(services)

    def record_surveillance(
        self,
        certification_id: UUID,
        *,
        summary: str,
        satisfactory: bool = True,
        actor: Actor,
    ) -> None:
        """Record a surveillance of the holder (logbook, activity report; R43)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "record_surveillance", state=certification.state)
        certification.record_surveillance(
            summary, satisfactory=satisfactory, actor=actor, at=self._s.now()
        )
        self._s.store.save(certification)

    def suspend(
        self,
        certification_id: UUID,
        *,
        grounds: str,
        resolve_by: date,
        reason: str = "",
        actor: Actor,
    ) -> None:
        """Suspend the certificate on a listed ground until ``resolve_by`` (R44, R45)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "suspend", state=certification.state)
        certification.suspend(
            grounds, resolve_by=resolve_by, reason=reason, actor=actor, at=self._s.now()
        )
        self._s.store.save(certification)

    def lift_suspension(self, certification_id: UUID, *, reason: str, actor: Actor) -> None:
        """Lift a suspension (R44)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "lift_suspension", state=certification.state)
        certification.lift_suspension(reason, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def revoke(
        self, certification_id: UUID, *, grounds: str, reason: str = "", actor: Actor
    ) -> None:
        """Revoke the certificate on one of the scheme's grounds (R44, R45)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "revoke", state=certification.state)
        certification.revoke(grounds, reason, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def migrate_definition(
        self, certification_id: UUID, *, to_version: int, reason: str, actor: Actor
    ) -> None:
        """Move a running certification to another workflow definition version (recorded)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "migrate_definition", state=certification.state)
        certification.migrate_definition(to_version, reason, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def sweep(self, *, at: datetime | None = None) -> SweepReport:
        """Record every move that time has made due, as of ``at`` (default: the clock's now).

        Closes appeal windows (R49), escalates overdue surveillance one recorded step at a time
        (reminder, warning, then the scheme's sanction, R43), revokes suspensions unresolved by
        their date (R44), expires certificates after their last valid day (R46) and TUKs
        mandiri after their verification's window (R16), escalates complaints past their
        acknowledgement or resolution deadline (R53), and records breaches not notified within
        72 hours as overdue (R63). Idempotent: a second sweep at the same time records nothing.
        Only what the deadline board shows as due is loaded.
        """
        now = at or self._s.now()
        due, skipped = self._s.read_models.sweep_candidates(
            today=now.date(), stages=_SWEPT_STAGES, known_versions=Certification.definitions
        )
        sweeper = self._gate.sweeper()
        result = self._s.certifications.sweep(due, actor=sweeper, at=now)
        tuks = self._s.tuks.sweep(self._s.tuks.ids(Tuk.Proposed.TOPIC), actor=sweeper, at=now)
        report = SweepReport(at=now, moves=[*result.moves, *tuks.moves], skipped=list(skipped))
        report.moves.extend(self._sweep_breaches(now))
        # Rows written before a definition was removed: the runtime skips them when loaded.
        report.skipped.extend(r for r in result.skipped if r not in report.skipped)
        complaints = self._s.complaints
        open_ids = [c for c in complaints.ids(Complaint.Filed.TOPIC) if complaints.load(c).is_open]
        report.moves.extend(complaints.sweep(open_ids, actor=self._gate.sweeper(), at=now).moves)
        return report

    def _sweep_breaches(self, now: datetime) -> list[tuple[UUID, str]]:
        """Breaches not notified within 72 hours, recorded as overdue (R63)."""
        runtime = self._s.store.runtime(Breach)
        open_ids = [
            i
            for i in runtime.ids(Breach.Discovered.TOPIC)
            if runtime.load(i).status is BreachStatus.DISCOVERED
        ]
        return runtime.sweep(open_ids, actor=self._gate.sweeper(), at=now).moves

    def overdue(self, *, today: date | None = None) -> list[OverdueItem]:
        """Every deadline not met and past its due date, as of ``today`` (default: the clock's).

        Read from the deadline board (caught up first); certifications that have ended are left
        out.
        """
        return self._s.read_models.overdue(today=today or self._s.now().date())
