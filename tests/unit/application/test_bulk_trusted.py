"""``bulk.trusted``: models built from typed values without validating them."""

from __future__ import annotations

import pytest

from certflow.application.bulk import trusted
from certflow.application.views import UnitResult


def test_a_trusted_model_equals_the_validated_one_and_shares_its_fields_set() -> None:
    values = {"code": "M.70.01", "claim": None, "verdict": None}
    built = trusted(UnitResult, dict(values))
    assert built == UnitResult(**values)
    assert built.model_fields_set == set(values)
    again = trusted(UnitResult, dict(values))
    assert again.__pydantic_fields_set__ is built.__pydantic_fields_set__


def test_a_wrong_field_is_refused_even_when_the_count_is_right() -> None:
    with pytest.raises(TypeError, match="UnitResult fields missing or unknown: claim, kode"):
        trusted(UnitResult, {"code": "M.70.01", "kode": None, "verdict": None})
    with pytest.raises(TypeError, match="missing or unknown: verdict"):
        trusted(UnitResult, {"code": "M.70.01", "claim": None})
