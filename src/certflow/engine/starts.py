"""Many new records started by one decided move, stored without building each one (bulk intake).

A bulk intake starts thousands of records by the same move, decided under the same rules with
the same facts except a few that name the record (its id, the subject, a linked record). The
move is decided once, by starting the first record the ordinary way (its rules checked, its
creation event built and applied by eventsourcing). :class:`Starts` then makes the creation
event of every further record as a copy of that event with the differing facts put in:

- no rule is decided again, and no event goes through eventsourcing's constructor (keyword
  filtering, topic look-up, ``isinstance`` checks) nor is a record rebuilt from it: the records
  are new, and nothing reads them before they are stored;
- the stored form is encoded once: the first event is encoded by the store's mapper with a
  marker in place of each differing value, and every copy's bytes are those parts joined with
  the encodings of its own values. The first event's bytes made that way must equal what the
  mapper makes of it, or the parts are not used and every event is encoded by the mapper
  (e.g. with a compressor or a cipher configured).

The caller vouches that the move's rules read none of the differing facts (e.g. rules that read
the programme, the actor and the day, never the person the record is about), and that the
records do not exist yet (a copy whose record exists conflicts when stored, as any start).
"""

from __future__ import annotations

import json.encoder
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import JSONTranscoder, Mapper, StoredEvent, Transcoder

from certflow.engine.aggregate import WorkflowAggregate, WorkflowStarted

__all__ = ["Starts"]

_MARK = "\ue000certflow-start-{}\ue001"
"""A marker put in place of a differing value (private-use characters: never in an event)."""


class Starts:
    """The creation events of new records started like ``first`` (see the module's description).

    Args:
        first: a record just started by its creation move (not saved): its one pending event is
            the template, and the first of these events.
        varying: the event's fields that differ between the records (besides the record id and
            the event's timestamp, which always do).
    """

    def __init__(self, first: WorkflowAggregate[Any], varying: Sequence[str]) -> None:
        pending = first.collect_events()
        if len(pending) != 1 or not isinstance(pending[0], WorkflowStarted):
            raise TypeError("Starts needs a record with just its creation event pending")
        self.template: WorkflowStarted = pending[0]
        unknown = set(varying) - set(vars(self.template))
        if unknown:
            raise TypeError(f"{type(self.template).__qualname__} has no field {sorted(unknown)}")
        self._varying = frozenset(varying)
        self._names: tuple[str, ...] = ("timestamp", *varying)
        """The differing fields, in the order of the encoding once :meth:`stored` found it."""
        self.events: list[WorkflowStarted] = [self.template]

    def add(self, record_id: UUID, **facts: Any) -> None:
        """Start one more record: the template's event with ``facts``, this id and its own time."""
        if facts.keys() != self._varying:
            raise TypeError(f"give exactly {', '.join(sorted(self._varying))}")
        template = self.template
        event = object.__new__(type(template))
        values = event.__dict__  # a frozen dataclass: filled in place, as its __init__ would
        values.update(template.__dict__)
        values.update(facts)
        values["originator_id"] = record_id
        values["timestamp"] = template.create_timestamp()
        self.events.append(event)

    @property
    def ids(self) -> list[UUID]:
        """The ids of the records started."""
        return [event.originator_id for event in self.events]

    def stored(self, mapper: Mapper[UUID]) -> list[StoredEvent]:
        """Every event in its stored form (encoded as ``mapper`` encodes them)."""
        first = mapper.to_stored_event(self.template)
        parts = self._parts(mapper, first.state)
        if parts is None:
            return [first, *map(mapper.to_stored_event, self.events[1:])]
        encode = _value_encoder(mapper.transcoder)
        names, topic = self._names, first.topic
        # The parts with a slot for each value, filled by bytes formatting ("%" made "%%").
        layout = b"%b".join(part.replace(b"%", b"%%") for part in parts)
        out = [first]
        for event in self.events[1:]:
            values = event.__dict__
            state = layout % tuple([encode(values[name]) for name in names])
            out.append(StoredEvent(values["originator_id"], 1, topic, state))
        return out

    def _parts(self, mapper: Mapper[UUID], expected: bytes) -> list[bytes] | None:
        """The template's encoding split around the differing values; ``None`` if not exact.

        Puts :attr:`_names` in the order the values appear in the encoding.
        """
        if mapper.compressor is not None or mapper.cipher is not None:
            return None
        encode = mapper.transcoder.encode
        marked = object.__new__(type(self.template))
        marked.__dict__.update(self.template.__dict__)
        marks = {name: _MARK.format(n) for n, name in enumerate(self._names)}
        marked.__dict__.update(marks)
        try:
            state = mapper.to_stored_event(marked).state
        except (TypeError, ValueError, AttributeError, KeyError):
            # A transcoder that refuses a marker string where it expects its own type: no fast
            # path for this template, events are encoded one by one (what the fast path checks).
            return None
        quoted = {name: encode(mark) for name, mark in marks.items()}
        if any(state.count(q) != 1 for q in quoted.values()):
            return None
        names = tuple(sorted(self._names, key=lambda name: state.index(quoted[name])))
        parts: list[bytes] = []
        for name in names:
            head, state = state.split(quoted[name])
            parts.append(head)
        parts.append(state)
        values = self.template.__dict__
        joined = [parts[0]]
        for name, part in zip(names, parts[1:], strict=True):
            joined += [encode(values[name]), part]
        if b"".join(joined) != expected:
            return None
        self._names = names
        return parts


def _value_encoder(transcoder: Transcoder) -> Callable[[Any], bytes]:
    """``transcoder.encode`` for one value, without a new JSON encoder per call where it can.

    eventsourcing's JSON transcoder writes a value of a registered type (a UUID, a datetime)
    as ``{"_type_":name,"_data_":data}``; when ``data`` is text, those bytes are put together
    here directly. The first value of each type is checked against ``transcoder.encode``; a
    type whose bytes differ, or any other value, is encoded by the transcoder.
    """
    encode = transcoder.encode
    if not isinstance(transcoder, JSONTranscoder):
        return encode
    quote = (
        json.encoder.encode_basestring_ascii
        if transcoder.encoder.ensure_ascii
        else json.encoder.encode_basestring
    )
    plans: dict[type, tuple[Callable[[Any], Any], bytes] | None] = {}  # per type, if exact

    def plan(value: Any) -> tuple[Callable[[Any], Any], bytes] | None:
        transcoding = transcoder.types.get(type(value))
        data = None if transcoding is None else transcoding.encode(value)
        if transcoding is None or type(data) is not str:
            return None
        head = f'{{"_type_":{quote(transcoding.name)},"_data_":'.encode()
        return (transcoding.encode, head) if head + _tail(data) == encode(value) else None

    def _tail(data: str) -> bytes:
        return quote(data).encode() + b"}"

    def encoded(value: Any) -> bytes:
        kind = type(value)
        found = plans[kind] if kind in plans else plans.setdefault(kind, plan(value))
        if found is not None:
            data = found[0](value)
            if type(data) is str:
                return found[1] + quote(data).encode() + b"}"
        return encode(value)

    return encoded
