"""What the trust gate reads of the personnel register, kept per store between commands.

Every command passes the gate (:mod:`certflow.application.trust`), and the gate reads the acting
person's register entry and, for an assessor, the licence: two to four record loads a command,
each a query. The register changes rarely, so this cache keeps those records between commands.

Two ways a record is forgotten and loaded again when next needed:

- **This process's writes, at once**: the store calls the cache after every save through it
  (:meth:`WorkflowStore.on_save`), so an appointment ended or a declaration recorded through
  this body binds the very next check.
- **Other processes' writes, within** ``Services.register_lag`` **seconds**: before a check,
  when that long has passed since it last looked, the cache reads the event log from the last
  notification it has seen and forgets every record with a new event. With a lag of 0 it looks
  before every check (one small query; on PostgreSQL about a sixth of a command's time).

A check and the append of its command are not one transaction even with a lag of 0 (another
process can end an appointment in between), so the audit re-checks every act against the
register as recorded before it (docs/audit.md); the lag widens that window to a bounded second.
When more than :data:`_PAGE` events were written since the last look (a long gap, another
process's bulk intake), everything cached is forgotten instead of reading them all.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from uuid import UUID
from weakref import WeakKeyDictionary

from certflow.application.services import Services
from certflow.domain import Assessor, MisconductCase, Person, misconduct_case_id, person_record_id
from certflow.engine import Actor, WorkflowStore

__all__ = ["RegisterCache", "register_cache"]

_PAGE = 256
"""The most new events one refresh reads; past that the whole cache is dropped."""
_MANDATES = 4096
"""The most admissions remembered; past that they are forgotten and worked out again."""
_MISSING = object()
_monotonic = time.monotonic
"""The clock the lag is measured on (seconds; replaced in tests)."""

MandateKey = tuple[str, str, str | None, date]
"""Who says they act (the id as given), in which role, on which scheme, on which day."""
Mandate = tuple[Person | None, Actor]
"""The register entry of who acts, and the actor the gate admitted (canonical id, mandate)."""

_CACHES: WeakKeyDictionary[WorkflowStore, RegisterCache] = WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def register_cache(services: Services) -> RegisterCache:
    """The one cache of ``services``' store, shared by every gate on it."""
    with _CACHES_LOCK:
        found = _CACHES.get(services.store)
        if found is None:
            found = _CACHES[services.store] = RegisterCache(services)
            services.store.on_save(found.saved)
        return found


@lru_cache(maxsize=4096)
def _record_id(person_id: str) -> UUID:
    return person_record_id(person_id)


@lru_cache(maxsize=4096)
def _licence_key(person_id: str) -> UUID | None:
    """The assessor record id a person id is, when it is a UUID in its canonical spelling."""
    try:
        key = UUID(person_id)
    except ValueError:
        return None
    return key if str(key) == person_id else None


class RegisterCache:
    """Register entries and assessor licences of one store, by record id, kept fresh from the log.

    Call :meth:`refresh` once at the start of a check, then :meth:`person` and :meth:`licence`
    as often as needed. The records handed out are shared: read them, never change them.
    """

    def __init__(self, services: Services) -> None:
        self._s = services
        self.lock = threading.RLock()
        """Held while reading or changing the cache (a gate holds it across one check)."""
        self._seen: int | None = None
        self._looked = 0.0
        """When the log was last read (monotonic seconds)."""
        self._people: dict[UUID, Person | None] = {}
        self._licences: dict[UUID, Assessor | None] = {}
        self._cases: dict[UUID, MisconductCase | None] = {}
        """Misconduct cases by record id (R55: read by every print and assignment)."""
        self.mandates: dict[MandateKey, Mandate] = {}
        """Admissions worked out from the cached records, forgotten when any of them changes."""

    def remember(self, key: MandateKey, mandate: Mandate) -> None:
        """Keep an admission worked out from the cached records (hold :attr:`lock`)."""
        if len(self.mandates) >= _MANDATES:
            self.mandates.clear()
        self.mandates[key] = mandate

    def saved(self, record_ids: Sequence[UUID]) -> None:
        """Forget the records this process just stored (called by the store after a save)."""
        with self.lock:
            for record_id in record_ids:
                self._cases.pop(record_id, None)
                held = (
                    self._people.pop(record_id, _MISSING),
                    self._licences.pop(record_id, _MISSING),
                )
                if held[0] is not _MISSING or held[1] is not _MISSING:
                    self.mandates.clear()

    def refresh(self) -> None:
        """Forget every record another writer changed since the last look (one query).

        Looks at most once per ``register_lag`` seconds (every time when it is 0).
        """
        recorder = self._s.store.recorder
        with self.lock:
            now = _monotonic()
            if self._seen is not None and now - self._looked < self._s.register_lag:
                return
            self._looked = now
            if self._seen is None:
                self._seen = recorder.max_notification_id() or 0
                return
            new = recorder.select_notifications(start=self._seen + 1, limit=_PAGE)
            if not new:
                return
            if len(new) >= _PAGE:
                self._people.clear()
                self._licences.clear()
                self._cases.clear()
                self.mandates.clear()
                self._seen = max(recorder.max_notification_id() or 0, new[-1].id)
                return
            for notification in new:
                key = notification.originator_id
                if not isinstance(key, UUID):
                    key = UUID(str(key))
                self._cases.pop(key, None)
                held = self._people.pop(key, _MISSING), self._licences.pop(key, _MISSING)
                if held[0] is not _MISSING or held[1] is not _MISSING:
                    self.mandates.clear()
            self._seen = new[-1].id

    def person(self, person_id: str) -> Person | None:
        """The register entry of a canonical person id (as of the last refresh or later)."""
        key = _record_id(person_id)
        with self.lock:
            if self._seen is None:
                self.refresh()
            if key not in self._people:
                self._people[key] = self._s.people.find(key)
            return self._people[key]

    def licence(self, person_id: str) -> Assessor | None:
        """The assessor licence held under ``person_id`` (as of the last refresh or later)."""
        key = _licence_key(person_id)
        if key is None:
            return None
        with self.lock:
            if self._seen is None:
                self.refresh()
            if key not in self._licences:
                self._licences[key] = self._s.assessors.find(key)
            return self._licences[key]

    def misconduct(self, assessor_id: UUID) -> MisconductCase | None:
        """The misconduct case of an assessor, if any (as of the last refresh or later)."""
        key = misconduct_case_id(assessor_id)
        with self.lock:
            if self._seen is None:
                self.refresh()
            if key not in self._cases:
                self._cases[key] = self._s.misconduct.find(key)
            return self._cases[key]
