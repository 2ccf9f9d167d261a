"""The certification rules checked when a command is decided, with domain.md's rule ids.

Every rule reads a :class:`Context` built by one command of
:class:`~certflow.domain.Certification` and returns ``None`` or a sentence, in Bahasa Indonesia
and English, saying what is wrong and what to do. Rules never run on replay: events record
their ids and the outcome.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from certflow.domain.assessor import Assessor
from certflow.domain.scheme import Scheme, SchemeStatus
from certflow.domain.session import AssessmentSession
from certflow.domain.values import (
    AppealRemedy,
    AssessmentMethod,
    ConflictDeclaration,
    EvidenceCheck,
    Purpose,
    Role,
    SelfAssessment,
    Stage,
    Verdict,
)
from certflow.engine import Actor, Rule, Text, rule

if TYPE_CHECKING:
    from certflow.domain.certification import Certification

__all__ = ["ALL_RULES", "Context"]

T = Text


@dataclass(frozen=True)
class Context:
    """What a command is decided on: the record, the actor, the day, and the command's inputs."""

    trigger: str
    """The command being decided (rules shared by several moves branch on it)."""
    certification: Certification | None
    actor: Actor
    today: date
    scheme: Scheme | None = None
    session: AssessmentSession | None = None
    subject_on_file: bool = True
    purpose: Purpose = Purpose.CERTIFICATION
    previous: Certification | None = None
    entries: Sequence[SelfAssessment] = ()
    documents: Sequence[str] = ()
    reason: str = ""
    assessor: Assessor | None = None
    declaration: ConflictDeclaration | None = None
    methods: Sequence[AssessmentMethod] = ()
    appeal_explained: bool = False
    checks: Sequence[EvidenceCheck] = ()
    interviews_that_day: int = 0
    results: Mapping[str, Verdict] = field(default_factory=dict)
    recommendation: Verdict | None = None
    follow_up: str = ""
    outcome: Verdict | None = None
    justification: str = ""
    number: str = ""
    panel: Sequence[str] = ()
    remedy: AppealRemedy | None = None
    grounds: str = ""
    resolve_by: date | None = None
    superseded_by: Any = None

    @property
    def cert(self) -> Certification:
        """The certification (every rule but registration's has one)."""
        assert self.certification is not None
        return self.certification


def _codes(codes: Sequence[str]) -> str:
    return ", ".join(codes)


# -- registration and admission -----------------------------------------------------------------


@rule(
    "R1",
    T(
        "Pendaftaran menyebut versi skema yang berlaku dan ditawarkan pada jadwal yang dipilih.",
        "A registration names a current scheme version offered in the chosen session.",
    ),
)
def scheme_is_current(ctx: Context) -> Text | None:
    """R1."""
    scheme, session = ctx.scheme, ctx.session
    assert scheme is not None
    assert session is not None
    if scheme.status is not SchemeStatus.ACTIVE:
        return T(
            f"skema {scheme.code} versi {scheme.version} sudah tidak berlaku; daftarkan "
            "kandidat pada versi skema yang berlaku",
            f"scheme {scheme.code} version {scheme.version} is retired; register the candidate "
            "on the scheme's current version",
        )
    if not session.offers(scheme.id):
        return T(
            f"jadwal {session.code} tidak menawarkan skema {scheme.code}; pilih jadwal yang "
            "menawarkannya",
            f"session {session.code} does not offer scheme {scheme.code}; choose a session "
            "that offers it or add the scheme to the session",
        )
    if ctx.today > session.ends_on:
        return T(
            f"jadwal {session.code} berakhir pada {session.ends_on.isoformat()}; daftarkan "
            "kandidat pada jadwal berikutnya",
            f"session {session.code} ended on {session.ends_on.isoformat()}; register the "
            "candidate for a later session",
        )
    return None


@rule(
    "R2",
    T(
        "Pendaftaran merujuk kandidat yang identitasnya tercatat, dengan tujuan asesmen.",
        "A registration refers to a candidate whose identity is on file, with a purpose.",
    ),
)
def candidate_on_file(ctx: Context) -> Text | None:
    """R2 (the identity itself stays in the subject store, never in the event)."""
    if ctx.subject_on_file:
        return None
    return T(
        "identitas kandidat belum tercatat; tambahkan kandidat terlebih dahulu, lalu daftarkan",
        "the candidate's identity is not on file; add the candidate first, then register",
    )


@rule(
    "R4",
    T(
        "Permohonan diterima atau ditolak oleh admin LSP; penolakan disertai alasan; portofolio "
        "hanya setelah permohonan diterima.",
        "An LSP admin admits or rejects an application; a rejection gives a reason; the "
        "portfolio comes only after admission.",
    ),
)
def admission(ctx: Context) -> Text | None:
    """R4."""
    cert = ctx.cert
    if ctx.trigger == "submit_portfolio":
        if cert.admitted:
            return None
        return T(
            "permohonan belum diterima; admin LSP harus menerimanya sebelum portofolio diserahkan",
            "the application is not admitted yet; an LSP admin must admit it before the "
            "portfolio is handed in",
        )
    if cert.admitted:
        return T(
            "permohonan sudah diterima; keputusan penerimaan tidak dapat diubah",
            "the application is admitted already; the admission cannot be changed",
        )
    if ctx.trigger == "reject_application" and not ctx.reason.strip():
        return T(
            "penolakan permohonan memerlukan alasan",
            "a rejection needs a reason",
        )
    return None


@rule(
    "R5",
    T(
        "Dokumen yang kurang diminta, bukan alasan penolakan; tahap tetap terdaftar.",
        "Missing documents are requested, not a reason to reject; the stage stays registered.",
    ),
)
def documents_named(ctx: Context) -> Text | None:
    """R5."""
    if ctx.cert.admitted:
        return T(
            "permohonan sudah diterima; dokumen tidak lagi dapat diminta sebagai syarat",
            "the application is admitted already; documents can no longer be requested",
        )
    if not [d for d in ctx.documents if d.strip()]:
        return T(
            "sebutkan dokumen yang diminta",
            "name the documents that are requested",
        )
    return None


@rule(
    "R47",
    T(
        "Sertifikasi ulang merujuk sertifikat sebelumnya pada skema yang sama (tidak dicabut) "
        "dan menggantikannya saat sertifikat barunya diserahkan.",
        "A recertification refers to the previous certificate of the same scheme (not revoked) "
        "and supersedes it when its own certificate is handed over.",
    ),
)
def recertification_linked(ctx: Context) -> Text | None:
    """R47."""
    if ctx.trigger == "supersede":
        new = ctx.superseded_by
        if new is not None and getattr(new, "previous_certification_id", None) == ctx.cert.id:
            return None
        return T(
            "hanya sertifikasi ulang yang merujuk sertifikasi ini yang dapat menggantikannya",
            "only a recertification that refers to this certification can supersede it",
        )
    previous = ctx.previous
    if ctx.purpose is not Purpose.RECERTIFICATION:
        if previous is None:
            return None
        return T(
            "hanya sertifikasi ulang yang merujuk sertifikasi sebelumnya",
            "only a recertification refers to a previous certification",
        )
    if previous is None:
        return T(
            "sertifikasi ulang memerlukan sertifikasi sebelumnya; sebutkan id-nya",
            "a recertification needs the previous certification; give its id",
        )
    scheme = ctx.scheme
    assert scheme is not None
    if previous.scheme_code != scheme.code:
        return T(
            f"sertifikasi sebelumnya adalah skema {previous.scheme_code}, bukan {scheme.code}",
            f"the previous certification is for scheme {previous.scheme_code}, not {scheme.code}",
        )
    if previous.stage not in (Stage.DISTRIBUTED, Stage.EXPIRED, Stage.SUSPENDED):
        return T(
            f"sertifikasi sebelumnya berada pada tahap {previous.stage.value}; sertifikasi "
            "ulang hanya dari sertifikat yang berlaku atau kedaluwarsa",
            f"the previous certification is {previous.stage.value}; recertification starts "
            "only from a valid or expired certificate",
        )
    return None


# -- portfolio ----------------------------------------------------------------------------------


@rule(
    "R6",
    T(
        "Portofolio FR.APL.02 memuat asesmen mandiri dengan bukti untuk setiap unit yang diases.",
        "The FR.APL.02 portfolio has a self-assessment with evidence for every unit assessed.",
    ),
)
def portfolio_covers_every_unit(ctx: Context) -> Text | None:
    """R6."""
    units = ctx.cert.units_to_assess
    given = [e.unit for e in ctx.entries]
    missing = [u for u in units if u not in given]
    unknown = [u for u in given if u not in ctx.cert.unit_codes]
    twice = sorted({u for u in given if given.count(u) > 1})
    problems_id, problems_en = [], []
    if missing:
        problems_id.append(f"tidak ada asesmen mandiri untuk unit {_codes(missing)}")
        problems_en.append(f"no self-assessment for unit(s) {_codes(missing)}")
    if unknown:
        problems_id.append(f"unit {_codes(unknown)} tidak ada dalam skema")
        problems_en.append(f"unit(s) {_codes(unknown)} are not in the scheme")
    if twice:
        problems_id.append(f"unit {_codes(twice)} muncul lebih dari sekali")
        problems_en.append(f"unit(s) {_codes(twice)} appear more than once")
    if not problems_id:
        return None
    return T(
        "; ".join(problems_id) + "; berikan satu entri dengan bukti untuk setiap unit",
        "; ".join(problems_en) + "; give one entry with evidence for each unit of the scheme",
    )


# -- assessor assignment ------------------------------------------------------------------------


@rule(
    "R9",
    T(
        "Lisensi asesor berlaku pada tanggal asesmen.",
        "The assessor's licence is valid on the assessment date.",
    ),
)
def licence_valid_on_assessment_date(ctx: Context) -> Text | None:
    """R9."""
    assessor = ctx.assessor
    assert assessor is not None
    day = max(ctx.cert.assessment_date, ctx.today)
    if assessor.licensed_on(day):
        return None
    until = assessor.licence_valid_until.isoformat()
    return T(
        f"lisensi asesor {assessor.met_number} berakhir pada {until}, sebelum asesmen pada "
        f"{day.isoformat()}; tugaskan asesor berlisensi atau catat perpanjangan lisensinya dulu",
        f"assessor {assessor.met_number}'s licence expired on {until}, before the assessment on "
        f"{day.isoformat()}; assign a licensed assessor or record the renewed licence first",
    )


@rule(
    "R10",
    T(
        "Asesor terdaftar untuk skema sertifikasi ini.",
        "The assessor is registered for the certification's scheme.",
    ),
)
def assessor_covers_scheme(ctx: Context) -> Text | None:
    """R10."""
    assessor = ctx.assessor
    assert assessor is not None
    code = ctx.cert.scheme_code
    if assessor.covers(code):
        return None
    return T(
        f"asesor {assessor.met_number} tidak terdaftar untuk skema {code}; tugaskan asesor "
        "yang terdaftar untuk skema ini",
        f"assessor {assessor.met_number} is not registered for scheme {code}; assign an "
        "assessor registered for this scheme",
    )


@rule(
    "R11",
    T(
        "Asesor menyatakan konflik kepentingan sebelum ditugaskan.",
        "The assessor declares any conflict of interest before assignment.",
    ),
)
def conflict_declared(ctx: Context) -> Text | None:
    """R11."""
    if ctx.declaration is not None:
        return None
    return T(
        "asesor belum menyatakan konflik kepentingan; catat pernyataannya terlebih dahulu",
        "the assessor has not declared conflicts of interest; record the declaration first",
    )


@rule(
    "R12",
    T(
        "Konflik kepentingan yang dinyatakan menghalangi penugasan kecuali dimitigasi.",
        "A declared conflict of interest blocks assignment unless it is mitigated.",
    ),
)
def conflict_mitigated(ctx: Context) -> Text | None:
    """R12."""
    declaration = ctx.declaration
    if declaration is None or not declaration.has_conflict or declaration.mitigation.strip():
        return None
    details = f" ({declaration.details.strip()})" if declaration.details.strip() else ""
    return T(
        f"asesor menyatakan konflik kepentingan{details}; tugaskan asesor lain atau minta "
        "petugas LSP mencatat mitigasinya",
        f"the assessor declared a conflict of interest{details}; assign another assessor or "
        "have an LSP officer record a mitigation",
    )


@rule(
    "R52",
    T(
        "Setelah banding dikabulkan, asesmen ulang dilakukan oleh asesor yang berbeda.",
        "After an upheld appeal, the re-assessment is done by a different assessor.",
    ),
)
def different_assessor_after_appeal(ctx: Context) -> Text | None:
    """R52 (the assignment half; the remedy half is on ``uphold_appeal``)."""
    if ctx.trigger == "uphold_appeal":
        if ctx.remedy is AppealRemedy.REVISED_DECISION and ctx.cert.recommendation is None:
            return T(
                "keputusan tidak dapat direvisi tanpa rekomendasi asesor; pilih asesmen ulang",
                "a decision cannot be revised without an assessor's recommendation; choose "
                "re-assessment",
            )
        return None
    assessor = ctx.assessor
    assert assessor is not None
    if assessor.id in ctx.cert.excluded_assessors:
        return T(
            f"asesor {assessor.met_number} sudah mengases kandidat ini sebelum banding; "
            "tugaskan asesor yang berbeda",
            f"assessor {assessor.met_number} assessed this candidate before the appeal; "
            "assign a different assessor",
        )
    return None


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
    assigned = ctx.cert.assessor_id
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
    limit = int(ctx.cert.policy["max_candidates_per_assessor_day"])
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
        if cert.assessor_id is None:
            return T(
                "belum ada asesor yang ditugaskan; FR.AK.01 ditandatangani bersama asesor",
                "no assessor is assigned yet; FR.AK.01 is signed with the assessor",
            )
        if ctx.actor.role == Role.CANDIDATE.value and ctx.actor.id != str(cert.subject_id):
            return T(
                "hanya kandidat sendiri yang menandatangani FR.AK.01 atas namanya",
                "only the candidate signs FR.AK.01 on their own behalf",
            )
        signer = "candidate" if ctx.actor.role == Role.CANDIDATE.value else "assessor"
        if signer in cert.agreement_signed_by:
            return T(
                "FR.AK.01 sudah ditandatangani oleh pihak ini",
                "FR.AK.01 is signed by this party already",
            )
        return None
    if {"candidate", "assessor"} <= set(cert.agreement_signed_by):
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
        outside = [m.value for m in ctx.methods if m not in cert.scheme_methods]
        if outside:
            return T(
                f"metode {_codes(outside)} tidak diizinkan skema ini",
                f"method(s) {_codes(outside)} are not allowed by this scheme",
            )
        if cert.agreed_methods and set(cert.agreed_methods) != set(ctx.methods):
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
    if needed in cert.agreed_methods:
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
    if ctx.cert.portfolio_verified:
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
        missing = [u for u in cert.units_to_assess if u not in {c.unit for c in ctx.checks}]
        unknown = [c.unit for c in ctx.checks if c.unit not in cert.unit_codes]
        if not missing and not unknown:
            return None
        return T(
            f"unit tanpa pemeriksaan VATM: {_codes(missing) or '-'}; unit di luar skema: "
            f"{_codes(unknown) or '-'}",
            f"units with no VATM check: {_codes(missing) or '-'}; units not in the scheme: "
            f"{_codes(unknown) or '-'}",
        )
    weak = [
        u
        for u, verdict in ctx.results.items()
        if verdict is Verdict.COMPETENT and cert.vatm.get(u) is False
    ]
    if not weak:
        return None
    return T(
        f"bukti unit {_codes(weak)} tidak memenuhi VATM, sehingga unit itu tidak dapat K",
        f"the evidence for unit(s) {_codes(weak)} fails VATM, so they cannot be K",
    )


@rule(
    "R24",
    T(
        "Wawancara asesmen pertama berlangsung dalam jadwal uji kompetensi.",
        "The first assessment's interview takes place during the assessment session.",
    ),
)
def interview_in_session(ctx: Context) -> Text | None:
    """R24 (re-assessments are held after the session, so only the first attempt)."""
    cert = ctx.cert
    if cert.rounds > 1 or cert.session_starts_on <= ctx.today <= cert.assessment_date:
        return None
    start, end = cert.session_starts_on.isoformat(), cert.assessment_date.isoformat()
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
    units = cert.units_to_assess
    missing = [u for u in units if u not in ctx.results]
    unknown = [u for u in ctx.results if u not in units]
    if missing or unknown:
        return T(
            f"unit tanpa K/BK: {_codes(missing) or '-'}; unit yang tidak diases: "
            f"{_codes(unknown) or '-'}; berikan K atau BK untuk setiap unit yang diases",
            f"units with no K/BK: {_codes(missing) or '-'}; units not being assessed: "
            f"{_codes(unknown) or '-'}; give K or BK for each unit assessed",
        )
    all_k = all(v is Verdict.COMPETENT for v in ctx.results.values())
    if ctx.recommendation is Verdict.COMPETENT and not all_k:
        bk = [u for u, v in ctx.results.items() if v is Verdict.NOT_YET_COMPETENT]
        return T(
            f"rekomendasi keseluruhan K tetapi unit {_codes(bk)} BK; rekomendasikan BK atau "
            "perbaiki hasil unit",
            f"the overall recommendation is K but unit(s) {_codes(bk)} are BK; recommend BK "
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
    if cert.recommendation is not None:
        return T(
            "rekomendasi sudah dicatat; asesmen lanjut hanya sebelum rekomendasi",
            "the recommendation is recorded already; further evidence comes only before it",
        )
    if ctx.trigger == "request_further_evidence":
        if cert.further_evidence_open:
            return T(
                "asesmen lanjut sudah diminta dan belum dipenuhi",
                "further evidence is requested already and not yet supplied",
            )
        if not ctx.reason.strip():
            return T("sebutkan bukti tambahan yang diminta", "name the further evidence needed")
        return None
    if ctx.trigger == "record_further_evidence":
        if cert.further_evidence_open:
            return None
        return T("tidak ada asesmen lanjut yang diminta", "no further evidence was requested")
    if cert.further_evidence_open:
        return T(
            "asesmen lanjut yang diminta belum dipenuhi; catat buktinya sebelum rekomendasi",
            "the further evidence requested is not supplied yet; record it before recommending",
        )
    return None


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
    if ctx.cert.recommendation is not None:
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
    if ctx.actor.id in {str(a) for a in ctx.cert.assessor_ids}:
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
    recommendation = ctx.cert.recommendation
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
    interviewed_on = ctx.cert.interviewed_on
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
    if ctx.cert.assessor_id is None:
        return T(
            "belum ada asesor yang ditugaskan, jadi belum ada asesmen yang terlewat",
            "no assessor is assigned, so no assessment could be missed",
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
        due = cert.appeal_window_ends_on
        if due is not None and ctx.today > due:
            return None
        return T("jangka waktu banding belum berakhir", "the appeal window has not ended yet")
    if ctx.actor.role == Role.CANDIDATE.value and ctx.actor.id != str(cert.subject_id):
        return T(
            "hanya kandidat sendiri yang dapat mengajukan banding",
            "only the candidate can lodge their own appeal",
        )
    ends = cert.appeal_window_ends_on
    if cert.appeal_window_closed or (ends is not None and ctx.today > ends):
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
        "Panel banding tidak memuat asesor atau pengambil keputusan yang dibanding.",
        "The appeal panel excludes the assessors and deciders of the contested decision.",
    ),
)
def independent_panel(ctx: Context) -> Text | None:
    """R51."""
    panel = [p.strip() for p in ctx.panel if p.strip()]
    if not panel:
        return T("sebutkan anggota panel banding", "name the members of the appeal panel")
    if ctx.actor.id not in panel:
        return T(
            f"{ctx.actor.id} bukan anggota panel yang disebut",
            f"{ctx.actor.id} is not a member of the panel named",
        )
    involved = {str(a) for a in ctx.cert.assessor_ids} | set(ctx.cert.deciders)
    conflicted = [p for p in panel if p in involved]
    if conflicted:
        return T(
            f"anggota panel {_codes(conflicted)} terlibat dalam asesmen atau keputusan yang "
            "dibanding; bentuk panel tanpa mereka",
            f"panel member(s) {_codes(conflicted)} took part in the contested assessment or "
            "decision; form a panel without them",
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
    limit = int(cert.policy["max_attempts"])
    if cert.attempt >= limit:
        return T(
            f"kandidat sudah diases {cert.attempt} kali (batas {limit}); daftarkan pada siklus "
            "baru",
            f"the candidate was assessed {cert.attempt} times (limit {limit}); register a new "
            "cycle",
        )
    needed = cert.units_needing_reassessment(ctx.today)
    given = {e.unit for e in ctx.entries}
    missing = [u for u in needed if u not in given]
    if missing:
        return T(
            f"asesmen ulang harus mencakup unit {_codes(missing)}",
            f"the re-assessment must cover unit(s) {_codes(missing)}",
        )
    return None


# -- after the certificate ------------------------------------------------------------------


@rule(
    "R37",
    T(
        "Nomor sertifikat diberikan sekali dan tidak pernah berubah.",
        "A certificate number is given once and never changes.",
    ),
)
def number_is_given(ctx: Context) -> Text | None:
    """R37 (uniqueness is enforced by the store; see docs/architecture.md)."""
    if not ctx.number.strip():
        return T(
            "nomor sertifikat kosong; biarkan certflow memberikannya",
            "the certificate number is empty; let certflow allocate it",
        )
    if ctx.cert.certificate_number is not None:
        number = ctx.cert.certificate_number
        return T(
            f"nomor sertifikat ({number}) sudah diberikan",
            f"a certificate number ({number}) is already given",
        )
    return None


@rule(
    "R43",
    T(
        "Surveilan dicatat untuk sertifikat yang berlaku, dengan hasilnya.",
        "Surveillance is recorded on a valid certificate, with its result.",
    ),
)
def surveillance_recorded(ctx: Context) -> Text | None:
    """R43."""
    if ctx.reason.strip():
        return None
    return T(
        "catat ringkasan hasil surveilan (mis. logbook atau laporan kegiatan)",
        "record a summary of the surveillance (e.g. logbook or activity report)",
    )


@rule(
    "R44",
    T(
        "Pembekuan memiliki batas penyelesaian; jika tidak diselesaikan, sertifikat dicabut.",
        "A suspension has a resolve-by date; unresolved by then, the certificate is revoked.",
    ),
)
def suspension_resolvable(ctx: Context) -> Text | None:
    """R44."""
    cert = ctx.cert
    if ctx.trigger == "suspend":
        if ctx.resolve_by is None or ctx.resolve_by <= ctx.today:
            return T(
                "batas penyelesaian pembekuan harus setelah hari ini",
                "the suspension's resolve-by date must be after today",
            )
        return None
    if ctx.trigger == "revoke":
        if ctx.grounds != "suspension_unresolved":
            return None
        if cert.suspension_resolve_by is not None and ctx.today > cert.suspension_resolve_by:
            return None
        return T(
            "pembekuan belum melewati batas penyelesaiannya",
            "the suspension has not passed its resolve-by date",
        )
    if ctx.reason.strip():  # lifting
        return None
    return T(
        "pencabutan pembekuan memerlukan alasan (bagaimana masalahnya diselesaikan)",
        "lifting a suspension needs a reason (how the matter was resolved)",
    )


@rule(
    "R45",
    T(
        "Pembekuan dan pencabutan menyebut alasan dari daftar skema.",
        "A suspension or revocation cites grounds from the scheme's list.",
    ),
)
def grounds_from_scheme(ctx: Context) -> Text | None:
    """R45."""
    key = "suspension_grounds" if ctx.trigger == "suspend" else "revocation_grounds"
    allowed = [str(g) for g in ctx.cert.policy[key]]
    if ctx.grounds in allowed:
        return None
    return T(
        f"alasan {ctx.grounds or '-'} tidak ada dalam daftar skema: {_codes(allowed)}",
        f"grounds {ctx.grounds or '-'} are not in the scheme's list: {_codes(allowed)}",
    )


@rule(
    "R46",
    T(
        "Sertifikat kedaluwarsa setelah tanggal akhir masa berlakunya.",
        "A certificate expires after the last day of its validity.",
    ),
)
def validity_ended(ctx: Context) -> Text | None:
    """R46."""
    until = ctx.cert.valid_until
    if until is not None and ctx.today > until:
        return None
    shown = until.isoformat() if until else "-"
    return T(
        f"sertifikat masih berlaku sampai {shown}",
        f"the certificate is valid until {shown}",
    )


ALL_RULES: tuple[Rule[Any], ...] = (
    scheme_is_current,
    candidate_on_file,
    admission,
    documents_named,
    portfolio_covers_every_unit,
    licence_valid_on_assessment_date,
    assessor_covers_scheme,
    conflict_declared,
    conflict_mitigated,
    assessor_day_limit,
    by_assigned_assessor,
    agreement_signed,
    method_agreed,
    appeal_process_explained,
    portfolio_verified,
    vatm_checked,
    interview_in_session,
    recommendation_matches_units,
    bk_has_follow_up,
    further_evidence_before_recommendation,
    recommendation_before_decision,
    decider_did_not_assess,
    departure_justified,
    decided_after_assessment,
    number_is_given,
    surveillance_recorded,
    suspension_resolvable,
    grounds_from_scheme,
    validity_ended,
    recertification_linked,
    appeal_in_window,
    independent_panel,
    different_assessor_after_appeal,
    reassessment_allowed,
    no_show_recorded,
)
"""Every business rule of the certification workflow (role and stage rules are on the moves)."""
