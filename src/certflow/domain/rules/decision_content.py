"""Rules of what a decision, a printed certificate and an overdue surveillance record.

R33 (the decision's content), R40 (the two signatures on a printed certificate) and R43 (the
escalation of an overdue surveillance). Who the deciders and signatories are is checked against
the personnel register by the trust gate; these rules check what the record itself must hold.
"""

from __future__ import annotations

from certflow.domain.certification_dates import surveillance_escalation_due_on
from certflow.domain.rules.context import Context, T, codes
from certflow.domain.values import Role, Verdict
from certflow.engine import Text, rule

__all__ = ["SIGNATORY_ROLES", "decision_content", "signed_by_both", "surveillance_overdue"]

SIGNATORY_ROLES = (Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP)
"""Who signs a printed certificate: the certification manager and the head of the LSP (on
behalf of BNSP), R40."""


@rule(
    "R33",
    T(
        "Keputusan merujuk rekomendasi dan laporan yang menjadi dasarnya, menyebut pengambil "
        "keputusan, tanggal, dan hasil setiap unit.",
        "The decision references the recommendation and report it relied on, names the "
        "decision-makers, its date and the outcome of every unit.",
    ),
)
def decision_content(ctx: Context) -> Text | None:
    """R33."""
    state = ctx.cert.state
    outcomes = ctx.unit_outcomes
    missing = [u for u in state.unit_codes if u not in outcomes]
    if missing:
        return T(
            f"keputusan tidak memuat hasil unit {codes(missing)}; sebutkan K atau BK untuk "
            "setiap unit skema",
            f"the decision gives no outcome for unit(s) {codes(missing)}; give K or BK for "
            "every unit of the scheme",
        )
    unknown = [u for u in outcomes if u not in state.unit_codes]
    if unknown:
        return T(
            f"unit {codes(unknown)} bukan unit skema {state.scheme_code} versi "
            f"{state.scheme_version}",
            f"unit(s) {codes(unknown)} are not units of scheme {state.scheme_code} version "
            f"{state.scheme_version}",
        )
    all_k = all(v is Verdict.COMPETENT for v in outcomes.values())
    if ctx.outcome is not None and (ctx.outcome is Verdict.COMPETENT) != all_k:
        bk = [u for u, v in outcomes.items() if v is not Verdict.COMPETENT]
        shown = codes(bk) if bk else "-"
        return T(
            f"keputusan {ctx.outcome.value} tidak sesuai hasil per unit (BK: {shown}); "
            "keputusan K hanya jika semua unit K, sebutkan unit yang BK untuk keputusan BK",
            f"the decision {ctx.outcome.value} does not match the unit outcomes (BK: {shown}); "
            "K only when every unit is K; name the BK units for a BK decision",
        )
    if not [d for d in ctx.deciders if d.strip()]:
        return T(
            "sebutkan pengambil keputusan (id personel)",
            "name the decision-makers (personnel ids)",
        )
    if state.recommendation_version is None:
        return T(
            "tidak ada rekomendasi dan laporan asesor yang dapat dirujuk keputusan",
            "there is no assessor's recommendation and report for the decision to refer to",
        )
    return None


@rule(
    "R40",
    T(
        "Sertifikat dicetak dengan tanda tangan manajer sertifikasi dan ketua LSP (atas nama "
        "BNSP), sebelum diserahkan.",
        "A certificate is printed with the signatures of the certification manager and the "
        "head of the LSP (on behalf of BNSP), before it is handed over.",
    ),
)
def signed_by_both(ctx: Context) -> Text | None:
    """R40 (printing)."""
    signed = {k: v.strip() for k, v in ctx.signatories.items() if v.strip()}
    missing = [r.value for r in SIGNATORY_ROLES if r.value not in signed]
    if missing:
        return T(
            f"tanda tangan {codes(missing)} belum ada; sertifikat ditandatangani manajer "
            "sertifikasi dan ketua LSP",
            f"the signature of {codes(missing)} is missing; a certificate is signed by the "
            "certification manager and the head of the LSP",
        )
    manager = signed[Role.CERTIFICATION_MANAGER.value]
    if manager == signed[Role.HEAD_OF_LSP.value]:
        return T(
            f"{manager} tidak dapat menandatangani dua kali; dua orang yang berbeda menandatangani",
            f"{manager} cannot sign twice; two different people sign",
        )
    return None


@rule(
    "R43",
    T(
        "Surveilan yang terlambat ditingkatkan: pengingat, peringatan dengan tenggat, lalu "
        "sanksi skema (pembekuan, atau pencabutan bila skema menetapkannya).",
        "An overdue surveillance escalates: a reminder, a warning with a deadline, then the "
        "scheme's sanction (suspension, or revocation when the scheme says so).",
    ),
)
def surveillance_overdue(ctx: Context) -> Text | None:
    """R43 (escalation, made by the sweep)."""
    due = surveillance_escalation_due_on(ctx.cert.state)
    if ctx.today > due:
        return None
    return T(
        f"langkah surveilan berikutnya jatuh tempo setelah {due.isoformat()}",
        f"the next surveillance step is due after {due.isoformat()}",
    )
