"""certflow's transcoder gives exactly what eventsourcing's JSON transcoder gives, or its error.

Decoding: the same values; encoding: the same bytes.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from enum import IntEnum, StrEnum
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import Snapshot
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Transcoding,
    TranscodingNotRegisteredError,
    UUIDAsHex,
)
from hypothesis import given, settings
from hypothesis import strategies as st

import certflow
from certflow.application.transcodings import STORED_ENUMS, register_all
from certflow.bootstrap import services_of
from certflow.demo import run_demo
from certflow.domain import Certification
from certflow.engine.transcoder import FastJSONTranscoder, _plain


def _registered(transcoder: JSONTranscoder) -> JSONTranscoder:
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO()):
        transcoder.register(transcoding)
    register_all(transcoder)
    return transcoder


STOCK = _registered(JSONTranscoder())
FAST = _registered(FastJSONTranscoder())


def _typed(value: Any) -> Any:
    """``value`` with every leaf's type beside it: ``1 == True == 1.0`` must not pass."""
    if isinstance(value, dict):
        return ("dict", {k: _typed(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return (type(value).__name__, [_typed(v) for v in value])
    if hasattr(value, "model_dump"):  # a certification's state
        return (type(value).__name__, _typed(value.model_dump()))
    if isinstance(value, float) and value != value:
        return ("float", "nan")
    return (type(value).__name__, value)


def _same(data: bytes) -> None:
    assert _typed(FAST.decode(data)) == _typed(STOCK.decode(data))


def test_every_event_and_snapshot_of_the_demo_decodes_the_same() -> None:
    lsp = certflow.open("memory://")
    try:
        run_demo(lsp)
        store = services_of(lsp).store
        assert type(store.mapper.transcoder) is FastJSONTranscoder  # what a store decodes with
        notifications = store.recorder.select_notifications(start=1, limit=100_000)
        assert len(notifications) > 1_000
        for notification in notifications:
            _same(notification.state)
        topics = {n.topic for n in notifications}
        assert len(topics) > 30  # the kinds of record the demo writes
        certifications = {
            n.originator_id for n in notifications if n.topic.startswith("certflow/Certification.")
        }
        for cid in list(certifications)[:20]:  # a snapshot holds the nested state document
            record = store.load(Certification, UUID(str(cid)))
            snapshot = Snapshot.take(record)
            stored = store.mapper.to_stored_event(snapshot)
            _same(stored.state)
            again = store.mapper.to_domain_event(stored)
            assert _typed(again.state) == _typed(snapshot.state)  # type: ignore[attr-defined]
    finally:
        lsp.close()


_ENUMS = st.sampled_from([member for enum in STORED_ENUMS for member in enum])
_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.uuids(),
    st.dates(),
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=7)), None])),
    _ENUMS,
)
_KEYS = st.one_of(st.text(max_size=8), st.sampled_from(["_type_", "_data_", "x"]))
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(_VALUES)
def test_generated_values_decode_the_same(value: Any) -> None:
    try:
        data = STOCK.encode({"v": value})
    except (TypeError, UnicodeEncodeError):  # what eventsourcing cannot store, nobody decodes
        return
    try:
        expected = STOCK.decode(data)
    except Exception as error:  # a dict that looks transcoded: the same error either way
        with pytest.raises(type(error)):
            FAST.decode(data)
        return
    assert _typed(FAST.decode(data)) == _typed(expected)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": {"_type_": "uuid_hex", "_data_": "0123456789abcdef0123456789abcdef"}}',
        '{"_type_": "certflow.date", "_data_": "2024-11-07"}',
        '[{"_type_": "certflow.Verdict", "_data_": "K"}, {"_type_": 1}]',
        '{"_type_": "x", "_data_": 1, "more": 2}',
        '{"_data_": {"_type_": "datetime_iso", "_data_": "2024-11-07T09:00:00+07:00"}, "a": 1}',
        '"\\ud800"',  # a lone surrogate: pydantic-core refuses it, eventsourcing's json keeps it
        "12345678901234567890123456789",
        "[1e400, -0.0, 5e-324]",
        '{"a": 1, "a": 2}',
    ],
)
def test_edge_cases_decode_the_same(text: str) -> None:
    _same(text.encode("utf8", "surrogatepass"))


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('{"_type_": "nobody.knows", "_data_": "x"}', TranscodingNotRegisteredError),
        ('{"_type_": "certflow.Verdict", "_data_": "no such verdict"}', ValueError),
        ('{"a": ', json.JSONDecodeError),
        (b"\xff\xfe", UnicodeDecodeError),
    ],
)
def test_errors_are_eventsourcings(text: str | bytes, error: type[Exception]) -> None:
    data = text if isinstance(text, bytes) else text.encode()
    with pytest.raises(error) as stock:
        STOCK.decode(data)
    with pytest.raises(error) as fast:
        FAST.decode(data)
    assert str(fast.value) == str(stock.value)


def test_a_transcoding_registered_later_is_used() -> None:
    transcoder = _registered(FastJSONTranscoder())
    data = b'{"_type_": "later", "_data_": "2024-11-07"}'
    with pytest.raises(TranscodingNotRegisteredError):
        transcoder.decode(data)

    class Later(DatetimeAsISO):
        name = "later"

        def decode(self, data: str) -> datetime:
            return datetime.fromisoformat(data) + timedelta(days=1)

    transcoder.register(Later())
    assert transcoder.decode(data) == datetime(2024, 11, 8)
    assert transcoder.decode(b'{"_type_": "certflow.date", "_data_": "2024-11-07"}') == date(
        2024, 11, 7
    )


# -- encoding: the same bytes as eventsourcing's encoder, or its error --------------------------


def _same_bytes(value: Any) -> None:
    try:
        expected = STOCK.encode(value)
    except Exception as error:  # what eventsourcing cannot store: the same error
        stock = error
    else:
        assert FAST.encode(value) == expected
        return
    with pytest.raises(type(stock)) as fast:
        FAST.encode(value)
    assert str(fast.value) == str(stock)


def test_every_event_and_snapshot_of_the_demo_encodes_to_the_same_bytes() -> None:
    lsp = certflow.open("memory://")
    try:
        run_demo(lsp)
        store = services_of(lsp).store
        transcoder = store.mapper.transcoder
        assert type(transcoder) is FastJSONTranscoder  # what a store encodes with
        notifications = store.recorder.select_notifications(start=1, limit=100_000)
        tags = transcoder._tags
        assert tags is not None  # the store has encoded with it
        for notification in notifications:
            event = store.mapper.to_domain_event(notification)
            fields = dict(event.__dict__)
            _same_bytes(fields)
            _plain(fields, tags)  # taken by the fast walk, not left to eventsourcing's encoder
            assert store.mapper.to_stored_event(event).state == notification.state
    finally:
        lsp.close()


@settings(max_examples=400, deadline=None)
@given(_VALUES)
def test_generated_values_encode_to_the_same_bytes(value: Any) -> None:
    _same_bytes({"v": value})
    _same_bytes([value, (value,)])


class _Colour(StrEnum):
    RED = "red"


class _Size(IntEnum):
    BIG = 3


class _ColourAsName(Transcoding):
    """A transcoding of a str subclass: json writes the string and never asks it."""

    type = _Colour
    name = "colour"

    def encode(self, obj: _Colour) -> str:
        return f"never {obj.name}"

    def decode(self, data: str) -> _Colour:
        return _Colour(data)


class _Span(Transcoding):
    """A transcoding whose data holds values that are transcoded in their turn."""

    type = range
    name = "span"

    def encode(self, obj: range) -> dict[str, Any]:
        return {"from": date(2024, 1, obj.start), "ids": [UUID(int=obj.stop)]}

    def decode(self, data: dict[str, Any]) -> range:
        return range(data["from"].day, data["ids"][0].int)


_circle: list[Any] = []
_circle.append(_circle)


@pytest.mark.parametrize(
    "value",
    [
        {"s": _Colour.RED, "i": _Size.BIG, "b": True, "n": None},
        {"f": [0.1, 1e-7, 1e16, float("inf"), float("nan"), -0.0]},
        {1: "int key", None: "none key", False: "bool key", 2.5: "float key"},
        {"t": (1, (2, [3])), "e": [], "d": {}},
        {"text": 'a\x7f\x00\u2028\x08\x0c\r"\\/ é€😀'},
        {"lone": "\ud800"},
        {"circle": _circle},
        {"unknown": object()},
        {"set": {1}},
        {"span": range(7, 42), "at": datetime(2024, 11, 7, 9, tzinfo=timezone(timedelta(hours=7)))},
        {"big": 2**100, "small": -(2**70)},
    ],
    ids=[
        "subclasses",
        "floats",
        "keys",
        "nesting",
        "escapes",
        "surrogate",
        "circle",
        "unregistered",
        "set",
        "nested-transcoding",
        "big-ints",
    ],
)
def test_edge_cases_encode_the_same(value: Any) -> None:
    _same_bytes(value)


def test_a_registered_subclass_of_str_is_written_as_json_writes_it() -> None:
    stock, fast = _registered(JSONTranscoder()), _registered(FastJSONTranscoder())
    for transcoder in (stock, fast):
        transcoder.register(_ColourAsName())
        transcoder.register(_Span())
    value = {"c": _Colour.RED, "span": range(7, 42)}
    assert (
        fast.encode(value)
        == stock.encode(value)
        == (
            b'{"c":"red","span":{"_type_":"span","_data_":{"from":{"_type_":"certflow.date",'
            b'"_data_":"2024-01-07"},"ids":[{"_type_":"uuid_hex","_data_":'
            b'"0000000000000000000000000000002a"}]}}}'
        )
    )
    assert fast.decode(fast.encode(value)) == value
