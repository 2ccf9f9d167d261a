"""The events of the FR.IA.08 instrument evidence: a verification's VATM checks and corrections.

Instrument evidence is immutable (R25): a recorded :class:`PortfolioVerified
<certflow.domain.certification_events.PortfolioVerified>` is never changed; a mistake in it is
put right by a new :class:`EvidenceCorrected` that names the version it corrects. Both compute
the VATM outcome with :func:`checked`, so the latest of them wins on replay. Nested into
:class:`~certflow.domain.Certification` under the same names; the explicit ``TOPIC`` is stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from certflow.domain.certification_state import CertificationEvent, CertificationState

__all__ = ["VATM", "EvidenceCorrected", "checked", "vatm_of"]

VATM = ("valid", "authentic", "current", "sufficient")
"""The four flags every portfolio item is checked for (valid, asli, terkini, memadai)."""


def vatm_of(checks: Sequence[Mapping[str, Any]]) -> dict[str, bool]:
    """Per unit, whether every item checked for it meets VATM."""
    vatm: dict[str, bool] = {}
    for check in checks:
        ok = all(check[k] for k in VATM)
        vatm[check["unit"]] = vatm.get(check["unit"], True) and ok
    return vatm


def checked(
    state: CertificationState, checks: Sequence[Mapping[str, Any]], version: int
) -> CertificationState:
    """The state after an instrument event at ``version`` recorded ``checks``.

    Its VATM outcome replaces the last one, and its version may be corrected from now on (R25).
    """
    return state.evolve(
        vatm=vatm_of(checks),
        portfolio_verified=True,
        instrument_versions=(*state.instrument_versions, version),
    )


class EvidenceCorrected(CertificationEvent):
    """The assessor corrected a recorded FR.IA.08 verification (or a correction of it), R25.

    The event corrected stays as it was in the history; this one records the checks as they
    should have been, the version it corrects and why.
    """

    TOPIC = "certflow/Certification.EvidenceCorrected"
    corrects: int
    """The version in this record of the :class:`PortfolioVerified` or the earlier
    :class:`EvidenceCorrected` this corrects."""
    checks: list[dict[str, Any]]
    """The corrected VATM checks, of the same shape as ``PortfolioVerified.checks``."""
    reason: str

    def evolve(self, state: CertificationState) -> CertificationState:
        """The corrected checks give the VATM outcome, as a verification's would."""
        return checked(state, self.checks, self.originator_version)
