"""Helpers for bulk loops (rebuilds, intake)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["cyclic_gc_paused", "trusted"]

M = TypeVar("M", bound=BaseModel)

_set = object.__setattr__
_EVERY_FIELD: dict[type[BaseModel], set[str]] = {}
"""Each model's field names: the fields-set record its trusted instances share (every field is
set, so assigning one adds nothing to it; ``model_copy`` copies it)."""


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a bulk loop, then restore it.

    A rebuild keeps thousands of records in its cache while it decodes and applies events; each
    automatic collection then walks all of them, which cost a quarter of a rebuild's time here.
    certflow's records, events and rows form no reference cycles, so reference counting frees
    them as usual meanwhile; anything cyclic is collected once the collector is back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def trusted(model: type[M], values: dict[str, Any]) -> M:
    """A ``model`` holding ``values``, one for every field, already checked as its validators would.

    What ``model_construct(**values)`` gives, at a quarter of its cost (pydantic's construct
    walks the fields in Python): for values validated moments before in the same pass, e.g. an
    intake row's personal data, or a view built from a typed state. Use the model's own
    constructor for anything else.
    """
    fields = model.__pydantic_fields__  # what model_fields returns, without its 5 µs wrapper
    if values.keys() != fields.keys():
        wrong = ", ".join(sorted(values.keys() ^ fields.keys()))
        raise TypeError(f"{model.__name__} fields missing or unknown: {wrong}")
    every = _EVERY_FIELD.get(model)
    if every is None:
        every = _EVERY_FIELD[model] = set(fields)
    instance = model.__new__(model)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", every)
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance
