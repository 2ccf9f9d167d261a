"""Values of the pre-assessment and of the candidate's answer to the result (R7, R8, R23, R29).

Plain ``Enum`` values are stored in events: never rename one. No value here carries personal
data: an adjustment records what the LSP arranges, never the candidate's condition behind it.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from certflow.domain.values import AssessmentMethod, Text

__all__ = ["Adjustment", "AdjustmentKind", "AssessmentMode"]


class AssessmentMode(Enum):
    """Where the assessment takes place (R23)."""

    ON_SITE = "on_site"
    """At the TUK, candidate and assessor in one place (tatap muka)."""
    REMOTE = "remote"
    """Asesmen jarak jauh (AJJ): only where the scheme allows it."""


class AdjustmentKind(Enum):
    """What kind of reasonable adjustment (penyesuaian yang wajar, FR.AK.07) is arranged (R8)."""

    EXTRA_TIME = "extra_time"
    ASSISTANCE = "assistance"
    """A reader, a scribe, an interpreter."""
    FORMAT = "format"
    """Large print, oral instead of written questions, another language."""
    ENVIRONMENT = "environment"
    """An accessible room, breaks, seating."""
    METHOD = "method"
    """Another of the scheme's own assessment methods for some units."""


class Adjustment(BaseModel):
    """One FR.AK.07 line: the arrangement, the units it applies to, the method it uses (R8).

    The candidate's need itself is personal (often health) data and is not recorded here; the
    signed FR.AK.07 stays in the LSP's files.
    """

    model_config = ConfigDict(frozen=True)

    kind: AdjustmentKind
    arrangement: Text
    """What the LSP arranges, e.g. "30 menit tambahan untuk wawancara"."""
    units: tuple[Text, ...] = Field(default=())
    """The units it applies to; empty: every unit of the assessment."""
    method: AssessmentMethod | None = None
    """For ``method`` adjustments: the scheme's method used instead."""
