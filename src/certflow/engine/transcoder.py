"""A faster encoder and decoder for eventsourcing's JSON transcoder, giving exactly what it gives.

eventsourcing's :class:`~eventsourcing.persistence.JSONTranscoder` parses stored state with the
standard library's ``json`` and an object hook called for every JSON object, which looks the
object's ``_type_`` up and calls its :class:`~eventsourcing.persistence.Transcoding`. Reading
events is most of what a rebuild, a load and a replay do, and that parse was the larger part
of it (docs/performance.md, "A decoder of our own").

:class:`FastJSONTranscoder` decodes with
pydantic-core's JSON parser (``from_json``, in Rust; pydantic is already a dependency), then walks
the parsed value once, bottom-up as the object hook is called, replacing every
``{"_type_": name, "_data_": data}`` object by the registered transcoding's value. The common
transcodings (ids, times, and those naming a ``direct_decode``: dates, Enums) are called
directly instead of through their ``decode`` method.

Anything the fast path does not take (a lone surrogate escape, which pydantic-core refuses;
a type name not registered; a transcoding that fails) is decoded again by eventsourcing's own
decoder, so the result or the error is eventsourcing's. tests/unit/engine/test_transcoder.py
checks the two decoders agree on every event of a real store and on generated values.

It encodes to the same bytes as eventsourcing's encoder, faster: eventsourcing's hands the
value to the standard library's ``json`` with a ``default`` hook called for every id, time and
Enum; here one walk first replaces each of those by its ``{"_type_": name, "_data_": data}``
object (the registered transcoding's, looked up by exact type), and pydantic-core's ``to_json``
writes the plain result. A value the walk does not take as the ``json`` module would (a float,
whose text may differ; a subclass of ``str``, ``int``, ``dict`` or ``list``, which ``json`` writes
as its base type without the hook; a key that is not a string; an unregistered type) and any
error are left to eventsourcing's own encoder, so the bytes or the error are eventsourcing's.
The same tests check the two encoders give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, Transcoding, UUIDAsHex
from pydantic_core import from_json, to_json

__all__ = ["FastJSONTranscoder"]

Decode = Callable[[Any], Any]
Tag = tuple[str, Callable[[Any], Any]]
"""A transcoding's name and its ``encode``."""

_PLAIN = frozenset({str, int, bool, type(None)})
"""Leaves both encoders write alike, as they are."""
_BUILTIN = (str, int, float, dict, list, tuple)
"""What ``json`` writes itself: a subclass of one of these never reaches the ``default`` hook."""


class _Unusual(Exception):  # noqa: N818 (a signal, caught at once)
    """A value the fast encoder leaves to eventsourcing's."""


def _direct(transcoding: Transcoding) -> Decode:
    """The transcoding's decode, called directly where the result is known to be the same.

    eventsourcing's id and time transcodings decode with ``UUID`` and ``fromisoformat``; any
    other transcoding may name a plain callable of the same result in ``direct_decode``.
    """
    kind = type(transcoding)
    if kind is UUIDAsHex:
        return UUID
    if kind is DatetimeAsISO:
        return datetime.fromisoformat
    direct: Decode | None = getattr(transcoding, "direct_decode", None)
    return transcoding.decode if direct is None else direct


def _walk(value: Any, table: dict[str, Decode]) -> Any:
    """``value`` (a parsed dict or list) with every transcoded object decoded, inner first.

    A transcoded object whose data is a string (an id, a time, an Enum: most of them) holds
    nothing to decode first, so it is decoded here without a call of its own.
    """
    if type(value) is dict:
        for key, item in value.items():
            kind = type(item)
            if kind is dict:
                if len(item) == 2 and type(data := item.get("_data_")) is str and "_type_" in item:
                    value[key] = table[item["_type_"]](data)
                else:
                    value[key] = _walk(item, table)
            elif kind is list:
                value[key] = _walk(item, table)
        if len(value) == 2 and "_type_" in value and "_data_" in value:
            return table[value["_type_"]](value["_data_"])
        return value
    for index, item in enumerate(value):
        kind = type(item)
        if kind is dict:
            if len(item) == 2 and type(data := item.get("_data_")) is str and "_type_" in item:
                value[index] = table[item["_type_"]](data)
            else:
                value[index] = _walk(item, table)
        elif kind is list:
            value[index] = _walk(item, table)
    return value


def _plain(value: Any, tags: dict[type, Tag]) -> Any:
    """``value`` with every registered type replaced by its transcoded object.

    As ``json``'s ``default`` hook would; :class:`_Unusual` for what the walk leaves to ``json``.
    """
    kind = type(value)
    if kind is dict:
        out = {}
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            out[key] = item if type(item) in _PLAIN else _plain(item, tags)
        return out
    if kind is list or kind is tuple:
        return [item if type(item) in _PLAIN else _plain(item, tags) for item in value]
    if kind in _PLAIN:
        return value
    tag = tags.get(kind)
    if tag is None:
        raise _Unusual
    data = tag[1](value)
    return {"_type_": tag[0], "_data_": data if type(data) in _PLAIN else _plain(data, tags)}


class FastJSONTranscoder(JSONTranscoder):
    """eventsourcing's JSON transcoder with a faster encoder and decoder of the same result."""

    def __init__(self) -> None:
        super().__init__()
        self._table: dict[str, Decode] | None = None
        self._tags: dict[type, Tag] | None = None

    def register(self, transcoding: Transcoding) -> None:
        """Register ``transcoding`` (as eventsourcing's transcoder does)."""
        super().register(transcoding)
        self._table = None
        self._tags = None

    def encode(self, obj: Any) -> bytes:
        """Encode ``obj`` to exactly the bytes :meth:`JSONTranscoder.encode` gives."""
        tags = self._tags
        if tags is None:
            tags = self._tags = {
                kind: (t.name, t.encode)
                for kind, t in self.types.items()
                if not issubclass(kind, _BUILTIN)  # json writes these without the hook
            }
        try:
            return to_json(_plain(obj, tags))
        except Exception:  # eventsourcing's own encoder gives the answer, or its error
            return super().encode(obj)

    def decode(self, data: bytes) -> Any:
        """Decode ``data`` exactly as :meth:`JSONTranscoder.decode` does."""
        table = self._table
        if table is None:
            table = self._table = {name: _direct(t) for name, t in self.names.items()}
        try:
            value = from_json(data)
            kind = type(value)
            if kind is dict or kind is list:
                return _walk(value, table)
            return value
        except Exception:  # eventsourcing's own decoder gives the answer, or its error
            return super().decode(data)
