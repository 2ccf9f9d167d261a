"""Rules of the decision, withdrawal, no-shows, appeal and re-assessment."""

from __future__ import annotations

from certflow.domain.certification_dates import units_needing_reassessment
from certflow.domain.rules.context import Context, T, codes
from certflow.domain.values import Role
from certflow.engine import Text, rule

__all__ = [
    "appeal_in_window",
    "by_panel_member",
    "decided_after_assessment",
    "decider_did_not_assess",
    "departure_justified",
    "no_show_recorded",
    "panel_independent",
    "reassessment_allowed",
    "recommendation_before_decision",
]

# -- the decision -------------------------------------------------------------------------------


@rule(
    "R30",
    T(
        "Rekomendasi dan laporan asesor (FR.AK.02, FR.AK.05) ada sebelum keputusan.",
        "The assessor's recommendation and report (FR.AK.02, FR.AK.05) exist before a decision.",
    ),
)
def recommendation_before_decision(ctx: Context) -> Text | None:
    """R30."""
    if ctx.cert.state.recommendation is not None:
        return None
    return T(
        "belum ada rekomendasi asesor; asesor harus mencatat rekomendasi dan laporannya dulu",
        "there is no assessor's recommendation yet; the assessor must record it first",
    )


@rule(
    "R32",
    T(
        "Pengambil keputusan bukan asesor yang mengases kandidat.",
        "No one who assessed the candidate takes the certification decision.",
    ),
)
def decider_did_not_assess(ctx: Context) -> Text | None:
    """R32."""
    if ctx.actor.id in {str(a) for a in ctx.cert.state.assessor_ids}:
        return T(
            f"{ctx.actor.id} mengases kandidat ini dan tidak boleh memutuskan; anggota komite "
            "lain harus memutuskan",
            f"{ctx.actor.id} assessed this candidate and may not take the decision; another "
            "committee member must decide",
        )
    return None


@rule(
    "R34",
    T(
        "Keputusan yang berbeda dari rekomendasi asesor, atau pengembalian, disertai alasan.",
        "A decision departing from the recommendation, or a referral back, is justified.",
    ),
)
def departure_justified(ctx: Context) -> Text | None:
    """R34."""
    recommendation = ctx.cert.state.recommendation
    if ctx.trigger == "refer_back":
        if ctx.reason.strip():
            return None
        return T("pengembalian ke asesor memerlukan alasan", "a referral back needs a reason")
    assert ctx.outcome is not None
    if ctx.outcome is recommendation or ctx.justification.strip():
        return None
    shown = recommendation.value if recommendation else "-"
    return T(
        f"keputusan {ctx.outcome.value} berbeda dari rekomendasi asesor {shown}; berikan alasan",
        f"the decision {ctx.outcome.value} differs from the assessor's recommendation {shown}; "
        "give a justification",
    )


@rule(
    "R35",
    T(
        "Keputusan bertanggal sama dengan atau setelah asesmen.",
        "The decision is dated on or after the assessment.",
    ),
)
def decided_after_assessment(ctx: Context) -> Text | None:
    """R35."""
    interviewed_on = ctx.cert.state.interviewed_on
    if interviewed_on is None or ctx.today >= interviewed_on:
        return None
    return T(
        f"tanggal keputusan {ctx.today.isoformat()} sebelum wawancara pada "
        f"{interviewed_on.isoformat()}; catat keputusan dengan tanggal sebenarnya",
        f"the decision date {ctx.today.isoformat()} is before the interview on "
        f"{interviewed_on.isoformat()}; record the decision with its real date",
    )


# -- withdrawal, no-show --------------------------------------------------------------------


@rule(
    "R56",
    T(
        "Ketidakhadiran mengembalikan ke penugasan asesor; setelah batas skema, permohonan "
        "dianggap mundur.",
        "A no-show sends the candidate back to assignment; after the scheme's limit the "
        "application is withdrawn.",
    ),
)
def no_show_recorded(ctx: Context) -> Text | None:
    """R56."""
    state = ctx.cert.state
    if state.assessor_id is None:
        return T(
            "belum ada asesor yang ditugaskan, jadi belum ada asesmen yang terlewat",
            "no assessor is assigned, so no assessment could be missed",
        )
    if ctx.today < state.session_starts_on:
        return T(
            f"jadwal uji dimulai {state.session_starts_on.isoformat()}; ketidakhadiran hanya "
            "dicatat pada atau setelah hari pertama jadwal",
            f"the session starts on {state.session_starts_on.isoformat()}; a no-show can only "
            "be recorded on or after its first day",
        )
    return None


# -- appeal and re-assessment ---------------------------------------------------------------


@rule(
    "R49",
    T(
        "Banding diajukan kandidat terhadap keputusan BK dalam jangka waktu banding skema, "
        "dengan alasan tertulis.",
        "The candidate appeals a BK decision within the scheme's appeal window, with a "
        "written reason.",
    ),
)
def appeal_in_window(ctx: Context) -> Text | None:
    """R49."""
    cert = ctx.cert
    if ctx.trigger == "close_appeal_window":
        due = cert.state.appeal_window_ends_on
        if due is not None and ctx.today > due:
            return None
        return T("jangka waktu banding belum berakhir", "the appeal window has not ended yet")
    if ctx.actor.role == Role.CANDIDATE.value and ctx.actor.id != str(cert.state.subject_id):
        return T(
            "hanya kandidat sendiri yang dapat mengajukan banding",
            "only the candidate can lodge their own appeal",
        )
    ends = cert.state.appeal_window_ends_on
    if cert.state.appeal_window_closed or (ends is not None and ctx.today > ends):
        shown = ends.isoformat() if ends else "-"
        return T(
            f"jangka waktu banding berakhir pada {shown}; banding tidak dapat diajukan lagi",
            f"the appeal window ended on {shown}; an appeal can no longer be lodged",
        )
    if not ctx.reason.strip():
        return T("banding memerlukan alasan tertulis", "an appeal needs a written reason")
    return None


@rule(
    "R51",
    T(
        "Panel banding dibentuk manajer sertifikasi tanpa asesor atau pengambil keputusan yang "
        "dibanding.",
        "The certification manager forms the appeal panel without the assessors and deciders "
        "of the contested decision.",
    ),
)
def panel_independent(ctx: Context) -> Text | None:
    """R51 (forming the panel)."""
    panel = [p.strip() for p in ctx.panel if p.strip()]
    if not panel:
        return T("sebutkan anggota panel banding", "name the members of the appeal panel")
    involved = {str(a) for a in ctx.cert.state.assessor_ids} | set(ctx.cert.state.deciders)
    conflicted = [p for p in panel if p in involved]
    if conflicted:
        return T(
            f"anggota panel {codes(conflicted)} terlibat dalam asesmen atau keputusan yang "
            "dibanding; bentuk panel tanpa mereka",
            f"panel member(s) {codes(conflicted)} took part in the contested assessment or "
            "decision; form a panel without them",
        )
    return None


@rule(
    "R51",
    T(
        "Banding diputus oleh anggota panel yang dibentuk untuk banding ini.",
        "The appeal is decided by a member of the panel formed for it.",
    ),
)
def by_panel_member(ctx: Context) -> Text | None:
    """R51 (deciding the appeal)."""
    panel = ctx.cert.state.appeal_panel
    if not panel:
        return T(
            "panel banding belum dibentuk; manajer sertifikasi membentuknya terlebih dahulu",
            "no appeal panel is formed yet; the certification manager forms it first",
        )
    if ctx.actor.id not in panel:
        return T(
            f"{ctx.actor.id} bukan anggota panel banding yang dibentuk ({codes(list(panel))})",
            f"{ctx.actor.id} is not a member of the appeal panel formed ({codes(list(panel))})",
        )
    return None


@rule(
    "R54",
    T(
        "Asesmen ulang mencakup setidaknya unit BK, mempertahankan unit K dalam masa "
        "berlakunya, paling banyak sejumlah percobaan skema per siklus.",
        "A re-assessment covers at least the BK units, carries K units over within the "
        "carry-over period, and is limited to the scheme's attempts per cycle.",
    ),
)
def reassessment_allowed(ctx: Context) -> Text | None:
    """R54."""
    cert = ctx.cert
    attempt, limit = cert.state.attempt, cert.state.policy.max_attempts
    if attempt >= limit:
        return T(
            f"kandidat sudah diases {attempt} kali (batas {limit}); daftarkan pada siklus baru",
            f"the candidate was assessed {attempt} times (limit {limit}); register a new cycle",
        )
    needed = units_needing_reassessment(cert.state, ctx.today)
    given = {e.unit for e in ctx.entries}
    missing = [u for u in needed if u not in given]
    if missing:
        return T(
            f"asesmen ulang harus mencakup unit {codes(missing)}",
            f"the re-assessment must cover unit(s) {codes(missing)}",
        )
    return None
