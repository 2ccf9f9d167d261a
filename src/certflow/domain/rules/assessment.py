"""Rules of the assessment: agreement, verification, interview and recommendation."""

from __future__ import annotations

from certflow.domain.rules.context import Context, T, codes
from certflow.domain.values import (
    AssessmentMethod,
    Role,
    Verdict,
)
from certflow.engine import Text, rule

__all__ = [
    "agreement_signed",
    "appeal_process_explained",
    "assessor_day_limit",
    "bk_has_follow_up",
    "by_assigned_assessor",
    "evidence_correction",
    "further_evidence_before_recommendation",
    "interview_in_session",
    "method_agreed",
    "portfolio_verified",
    "recommendation_matches_units",
    "vatm_checked",
]

# -- the assessment -----------------------------------------------------------------------------


@rule(
    "R15",
    T(
        "Hanya asesor yang ditugaskan yang mencatat asesmen kandidat.",
        "Only the assigned assessor records the assessment of a candidate.",
    ),
)
def by_assigned_assessor(ctx: Context) -> Text | None:
    """R15."""
    assigned = ctx.cert.state.assessor_id
    if assigned is None:
        return T(
            "belum ada asesor yang ditugaskan; tugaskan asesor terlebih dahulu",
            "no assessor is assigned yet; assign an assessor first",
        )
    if ctx.actor.role == Role.ASSESSOR.value and ctx.actor.id != str(assigned):
        return T(
            f"{ctx.actor.id} bukan asesor yang ditugaskan untuk kandidat ini; asesor yang "
            "ditugaskan harus mencatatnya",
            f"{ctx.actor.id} is not the assessor assigned to this candidate; the assigned "
            "assessor must record it",
        )
    return None


@rule(
    "R14",
    T(
        "Satu asesor menguji paling banyak sejumlah kandidat per hari menurut kebijakan skema.",
        "One assessor assesses at most the scheme's number of candidates per day.",
    ),
)
def assessor_day_limit(ctx: Context) -> Text | None:
    """R14."""
    limit = ctx.cert.state.policy.max_candidates_per_assessor_day
    if ctx.interviews_that_day < limit:
        return None
    return T(
        f"asesor ini sudah menguji {ctx.interviews_that_day} kandidat pada "
        f"{ctx.today.isoformat()} (batas {limit}); jadwalkan wawancara pada hari lain",
        f"this assessor already interviewed {ctx.interviews_that_day} candidates on "
        f"{ctx.today.isoformat()} (limit {limit}); hold the interview on another day",
    )


@rule(
    "R18",
    T(
        "Tidak ada bukti asesmen sebelum FR.AK.01 ditandatangani kandidat dan asesor.",
        "No assessment evidence before FR.AK.01 is signed by the candidate and the assessor.",
    ),
)
def agreement_signed(ctx: Context) -> Text | None:
    """R18."""
    cert = ctx.cert
    if ctx.trigger == "sign_agreement":
        if cert.state.assessor_id is None:
            return T(
                "belum ada asesor yang ditugaskan; FR.AK.01 ditandatangani bersama asesor",
                "no assessor is assigned yet; FR.AK.01 is signed with the assessor",
            )
        if ctx.actor.role == Role.CANDIDATE.value and ctx.actor.id != str(cert.state.subject_id):
            return T(
                "hanya kandidat sendiri yang menandatangani FR.AK.01 atas namanya",
                "only the candidate signs FR.AK.01 on their own behalf",
            )
        signer = "candidate" if ctx.actor.role == Role.CANDIDATE.value else "assessor"
        if signer in cert.state.agreement_signed_by:
            return T(
                "FR.AK.01 sudah ditandatangani oleh pihak ini",
                "FR.AK.01 is signed by this party already",
            )
        return None
    if {"candidate", "assessor"} <= set(cert.state.agreement_signed_by):
        return None
    return T(
        "FR.AK.01 belum ditandatangani kandidat dan asesor; tanda tangani persetujuan asesmen "
        "terlebih dahulu",
        "FR.AK.01 is not signed by both the candidate and the assessor; sign the assessment "
        "agreement first",
    )


@rule(
    "R19",
    T(
        "Metode yang dicatat termasuk dalam FR.AK.01 dan dalam metode skema.",
        "Every method recorded is listed in FR.AK.01 and allowed by the scheme.",
    ),
)
def method_agreed(ctx: Context) -> Text | None:
    """R19."""
    cert = ctx.cert
    if ctx.trigger == "sign_agreement":
        if not ctx.methods:
            return T("sebutkan metode asesmen yang disepakati", "name the methods agreed")
        outside = [m.value for m in ctx.methods if m not in cert.state.scheme_methods]
        if outside:
            return T(
                f"metode {codes(outside)} tidak diizinkan skema ini",
                f"method(s) {codes(outside)} are not allowed by this scheme",
            )
        if cert.state.agreed_methods and set(cert.state.agreed_methods) != set(ctx.methods):
            return T(
                "metode berbeda dengan yang sudah ditandatangani pihak lain",
                "the methods differ from those the other party signed",
            )
        return None
    needed = (
        AssessmentMethod.PORTFOLIO
        if ctx.trigger == "verify_portfolio"
        else AssessmentMethod.INTERVIEW
    )
    if needed in cert.state.agreed_methods:
        return None
    return T(
        f"metode {needed.value} tidak tercantum dalam FR.AK.01",
        f"method {needed.value} is not listed in the FR.AK.01 agreement",
    )


@rule(
    "R20",
    T(
        "Kandidat diberi penjelasan tentang proses banding sebelum asesmen.",
        "The candidate is told about the appeal process before the assessment.",
    ),
)
def appeal_process_explained(ctx: Context) -> Text | None:
    """R20."""
    if ctx.actor.role != Role.CANDIDATE.value or ctx.appeal_explained:
        return None
    return T(
        "kandidat belum diberi penjelasan tentang proses banding; jelaskan lalu tanda tangani",
        "the candidate has not been told about the appeal process; explain it, then sign",
    )


@rule(
    "R21",
    T(
        "Verifikasi portofolio (FR.IA.08) dilakukan sebelum wawancara (FR.IA.09).",
        "The portfolio is verified (FR.IA.08) before the interview (FR.IA.09).",
    ),
)
def portfolio_verified(ctx: Context) -> Text | None:
    """R21."""
    if ctx.cert.state.portfolio_verified:
        return None
    return T(
        "portofolio belum diverifikasi (FR.IA.08); verifikasi portofolio sebelum wawancara",
        "the portfolio is not verified (FR.IA.08); verify it before the interview",
    )


@rule(
    "R22",
    T(
        "Setiap bukti portofolio diperiksa VATM; unit dengan bukti yang tidak VATM tidak dapat K.",
        "Every portfolio item is checked against VATM; a unit whose evidence fails VATM "
        "cannot be K.",
    ),
)
def vatm_checked(ctx: Context) -> Text | None:
    """R22."""
    cert = ctx.cert
    if ctx.trigger == "verify_portfolio":
        return _checks_cover_units(ctx)
    weak = [
        u
        for u, verdict in ctx.results.items()
        if verdict is Verdict.COMPETENT and cert.state.vatm.get(u) is False
    ]
    if not weak:
        return None
    return T(
        f"bukti unit {codes(weak)} tidak memenuhi VATM, sehingga unit itu tidak dapat K",
        f"the evidence for unit(s) {codes(weak)} fails VATM, so they cannot be K",
    )


def _checks_cover_units(ctx: Context) -> Text | None:
    """Every unit of the round has a VATM check, and every check is of a unit of the scheme."""
    state = ctx.cert.state
    missing = [u for u in state.units_to_assess if u not in {c.unit for c in ctx.checks}]
    unknown = [c.unit for c in ctx.checks if c.unit not in state.unit_codes]
    if not missing and not unknown:
        return None
    return T(
        f"unit tanpa pemeriksaan VATM: {codes(missing) or '-'}; unit di luar skema: "
        f"{codes(unknown) or '-'}",
        f"units with no VATM check: {codes(missing) or '-'}; units not in the scheme: "
        f"{codes(unknown) or '-'}",
    )


@rule(
    "R25",
    T(
        "Bukti instrumen tidak diubah; koreksi dicatat sebagai peristiwa baru yang merujuk "
        "aslinya.",
        "Instrument evidence is immutable; corrections are new events referencing the original.",
    ),
)
def evidence_correction(ctx: Context) -> Text | None:
    """R25.

    A correction names this round's verification (or a correction of it), says why, checks
    every unit again and comes before the recommendation.
    """
    state = ctx.cert.state
    if state.recommendation is not None:
        return T(
            "rekomendasi sudah dicatat; koreksi bukti hanya sebelum rekomendasi (komite merujuk "
            "kembali perkara ke asesor terlebih dahulu)",
            "the recommendation is recorded already; evidence is corrected only before it (the "
            "committee refers the case back to the assessor first)",
        )
    if ctx.corrects not in state.instrument_versions:
        known = codes([str(v) for v in state.instrument_versions]) or "-"
        return T(
            f"versi {ctx.corrects} bukan verifikasi portofolio (FR.IA.08) atau koreksinya pada "
            f"rekaman ini; versi yang dapat dikoreksi: {known}",
            f"version {ctx.corrects} is not a portfolio verification (FR.IA.08) or a correction "
            f"of it in this record; versions that may be corrected: {known}",
        )
    if not ctx.reason.strip():
        return T("sebutkan alasan koreksi", "give the reason for the correction")
    return _checks_cover_units(ctx)


@rule(
    "R24",
    T(
        "Wawancara asesmen pertama berlangsung dalam jadwal uji kompetensi, di TUK yang "
        "terverifikasi untuk skemanya hari itu, dan mencatat TUK-nya.",
        "The first assessment's interview takes place during the assessment session, at a TUK "
        "verified for its scheme that day, and records the TUK.",
    ),
)
def interview_in_session(ctx: Context) -> Text | None:
    """R24 (re-assessments are held after the session, so only the first attempt).

    With the session's TUK in the context, it must be verified for the scheme on the day (R16).
    """
    cert = ctx.cert
    if cert.state.rounds > 1:
        return None
    if cert.state.session_starts_on <= ctx.today <= cert.state.assessment_date:
        if ctx.tuk is None:
            return None
        return ctx.tuk.refusal((cert.state.scheme_id,), ctx.today, ctx.today, cert.state.session_id)
    start, end = cert.state.session_starts_on.isoformat(), cert.state.assessment_date.isoformat()
    return T(
        f"tanggal wawancara {ctx.today.isoformat()} di luar jadwal ({start} s.d. {end}); "
        "catat dengan tanggal sebenarnya",
        f"the interview date {ctx.today.isoformat()} is outside the session ({start} to "
        f"{end}); record it with the date it took place",
    )


@rule(
    "R26",
    T(
        "Rekomendasi memuat K/BK untuk setiap unit dan K hanya jika semua unit K.",
        "The recommendation has K/BK for every unit and is K only if every unit is K.",
    ),
)
def recommendation_matches_units(ctx: Context) -> Text | None:
    """R26."""
    cert = ctx.cert
    units = cert.state.units_to_assess
    missing = [u for u in units if u not in ctx.results]
    unknown = [u for u in ctx.results if u not in units]
    if missing or unknown:
        return T(
            f"unit tanpa K/BK: {codes(missing) or '-'}; unit yang tidak diases: "
            f"{codes(unknown) or '-'}; berikan K atau BK untuk setiap unit yang diases",
            f"units with no K/BK: {codes(missing) or '-'}; units not being assessed: "
            f"{codes(unknown) or '-'}; give K or BK for each unit assessed",
        )
    all_k = all(v is Verdict.COMPETENT for v in ctx.results.values())
    if ctx.recommendation is Verdict.COMPETENT and not all_k:
        bk = [u for u, v in ctx.results.items() if v is Verdict.NOT_YET_COMPETENT]
        return T(
            f"rekomendasi keseluruhan K tetapi unit {codes(bk)} BK; rekomendasikan BK atau "
            "perbaiki hasil unit",
            f"the overall recommendation is K but unit(s) {codes(bk)} are BK; recommend BK "
            "or correct the unit results",
        )
    if ctx.recommendation is Verdict.NOT_YET_COMPETENT and all_k:
        return T(
            "semua unit K, maka rekomendasi keseluruhan harus K",
            "every unit is K, so the overall recommendation must be K",
        )
    return None


@rule(
    "R27",
    T(
        "Rekomendasi BK menyebut tindak lanjut yang dibutuhkan kandidat.",
        "A BK recommendation states the follow-up the candidate needs.",
    ),
)
def bk_has_follow_up(ctx: Context) -> Text | None:
    """R27."""
    if ctx.recommendation is not Verdict.NOT_YET_COMPETENT or ctx.follow_up.strip():
        return None
    return T(
        "rekomendasi BK memerlukan catatan tindak lanjut (kesenjangan dan bukti atau pelatihan "
        "tambahan)",
        "a BK recommendation needs follow-up notes (gaps and further evidence or training)",
    )


@rule(
    "R28",
    T(
        "Asesmen lanjut diminta dan dipenuhi sebelum rekomendasi dicatat.",
        "Further evidence is requested and supplied before the recommendation is recorded.",
    ),
)
def further_evidence_before_recommendation(ctx: Context) -> Text | None:
    """R28."""
    cert = ctx.cert
    if cert.state.recommendation is not None:
        return T(
            "rekomendasi sudah dicatat; asesmen lanjut hanya sebelum rekomendasi",
            "the recommendation is recorded already; further evidence comes only before it",
        )
    if ctx.trigger == "request_further_evidence":
        if cert.state.further_evidence_open:
            return T(
                "asesmen lanjut sudah diminta dan belum dipenuhi",
                "further evidence is requested already and not yet supplied",
            )
        if not ctx.reason.strip():
            return T("sebutkan bukti tambahan yang diminta", "name the further evidence needed")
        return None
    if ctx.trigger == "record_further_evidence":
        if cert.state.further_evidence_open:
            return None
        return T("tidak ada asesmen lanjut yang diminta", "no further evidence was requested")
    if cert.state.further_evidence_open:
        return T(
            "asesmen lanjut yang diminta belum dipenuhi; catat buktinya sebelum rekomendasi",
            "the further evidence requested is not supplied yet; record it before recommending",
        )
    return None
