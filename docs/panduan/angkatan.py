"""Menjalankan satu angkatan (jadwal uji) dengan pustaka certflow, tahap demi tahap.

Contoh untuk admin LSP: setiap fungsi adalah satu tahap yang dijalankan pada harinya (tanggal
dan jam dicatat dari jam sistem, di zona waktu profil LSP). Siapa yang bertindak selalu disebut
dengan id-nya di daftar personel; certflow memeriksa penetapannya seperti perintah baris
perintah. Perintah yang ditolak menimbulkan ``certflow.RejectedError`` dan tidak mencatat apa
pun. tests/cli/test_operator_guide.py menjalankan berkas ini apa adanya.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from uuid import UUID

import certflow
from certflow import Actor, CertificationBody, Role, Stage
from certflow.domain import session_id


def open_lsp(
    profile: Path = Path("certflow.toml"), clock: certflow.Clock | None = None
) -> CertificationBody:
    """Buka penyimpanan LSP seperti perintah ``certflow``: dari profil ``certflow.toml``."""
    lsp = certflow.load_profile(profile)
    url = lsp.store or "sqlite:///certflow.db"
    return certflow.open(url, clock=clock, timezone=lsp.timezone, lsp_code=lsp.code)


# -- Skema, TUK dan jadwal ----------------------------------------------------------------------


def add_scheme(lsp: CertificationBody, *, admin: str) -> UUID:
    """Catat skema sertifikasi beserta unit kompetensinya (satu kali per versi skema)."""
    return lsp.add_scheme(
        code="SKM/LSP-HG/MI/2024",
        title="Klaster Manajemen Isu Kehumasan",
        units=[
            {"code": "M.70HMS00.031.3", "title": "Melaksanakan Media Relations"},
            {"code": "M.70HMS00.035.3", "title": "Melaksanakan Government Relations"},
        ],
        certificate_prefix="HG-MI",
        actor=Actor(admin, Role.LSP_ADMIN),
    )


def prepare_session(
    lsp: CertificationBody,
    *,
    code: str,
    venue: str,
    starts_on: date,
    ends_on: date,
    scheme_codes: Sequence[str],
    verifier: str,
    admin: str,
    manager: str,
) -> UUID:
    """Usulkan TUK sewaktu, tugaskan verifikator, catat verifikasinya, lalu rencanakan jadwal.

    ``verifier`` adalah No. Reg. MET asesor yang memverifikasi TUK (R16, R17).
    """
    schemes = [s.id for s in lsp.list_schemes() if s.code in scheme_codes]
    tuk = lsp.propose_tuk(name=venue, kind="sewaktu", actor=Actor(admin, Role.LSP_ADMIN))
    lsp.assign_tuk_verifier(
        tuk, assessor=verifier, actor=Actor(manager, Role.CERTIFICATION_MANAGER)
    )
    fit = lsp.record_tuk_verification(
        tuk,
        checklist={"ruang asesmen memadai": True, "peralatan sesuai skema": True},
        scheme_ids=schemes,
        session_code=code,
        actor=Actor(verifier, Role.ASSESSOR),
    )
    if not fit:
        raise SystemExit(f"TUK {venue} belum memenuhi syarat; jadwal tidak direncanakan")
    return lsp.plan_session(
        code=code,
        title=f"Uji kompetensi {code}",
        venue=venue,
        starts_on=starts_on,
        ends_on=ends_on,
        scheme_ids=schemes,
        actor=Actor(admin, Role.LSP_ADMIN),
    )


# -- Angkatan: dari permohonan sampai keputusan ------------------------------------------------


def cohort(lsp: CertificationBody, session_code: str, stage: Stage | None = None) -> list[UUID]:
    """Id sertifikasi satu jadwal (yang didaftarkan ``certflow import candidates``)."""
    rows = lsp.list_certifications(session_id=session_id(session_code), stage=stage)
    return [row.id for row in rows]


def admit_all(lsp: CertificationBody, session_code: str, *, admin: str) -> int:
    """FR.APL.01 diterima (R4) untuk setiap permohonan jadwal yang belum diterima."""
    admitted = 0
    for cert in cohort(lsp, session_code, Stage.REGISTERED):
        if not lsp.get(cert).admitted:
            lsp.admit(cert, actor=Actor(admin, Role.LSP_ADMIN))
            admitted += 1
    return admitted


def submit_portfolio(
    lsp: CertificationBody, cert: UUID, entries: Sequence[Mapping[str, object]], *, admin: str
) -> None:
    """FR.APL.02: asesmen mandiri dan portofolio, dimasukkan oleh admin LSP."""
    lsp.submit_portfolio(cert, entries=entries, actor=Actor(admin, Role.LSP_ADMIN))


def assign_assessor(lsp: CertificationBody, cert: UUID, met_number: str, *, manager: str) -> None:
    """Manajer sertifikasi menugaskan asesor, dengan pernyataan konflik kepentingannya (R9-R12)."""
    (assessor,) = [a.id for a in lsp.list_assessors() if a.met_number == met_number]
    lsp.assign_assessor(
        cert,
        assessor_id=assessor,
        declaration={"has_conflict": False},
        actor=Actor(manager, Role.CERTIFICATION_MANAGER),
    )


def pre_assessment(lsp: CertificationBody, cert: UUID, met_number: str) -> None:
    """Tinjauan APL.02 (R7), cara asesmen (R23) dan FR.AK.01 ditandatangani asesi dan asesor."""
    assessor = Actor(met_number, Role.ASSESSOR)
    candidate = Actor(str(lsp.get(cert).subject_id), Role.CANDIDATE)
    lsp.review_self_assessment(cert, proceed=True, actor=assessor)
    lsp.record_assessment_mode(cert, mode="on_site", actor=assessor)
    for party in (candidate, assessor):
        lsp.sign_agreement(
            cert, methods=["portfolio", "interview"], appeal_process_explained=True, actor=party
        )


def assess(
    lsp: CertificationBody,
    cert: UUID,
    met_number: str,
    results: Mapping[str, str],
    follow_up: str = "",
) -> None:
    """Pada hari uji: FR.IA.08 (VATM), FR.IA.09 wawancara, FR.AK.02 rekomendasi dan tanda tangan.

    ``results``: K atau BK per kode unit. Rekomendasi BK wajib disertai ``follow_up``, tindak
    lanjut yang dibutuhkan asesi (R27).
    """
    assessor = Actor(met_number, Role.ASSESSOR)
    view = lsp.get(cert)
    checks = [  # VATM: valid, asli, terkini, memadai, per bukti portofolio
        {
            "unit": entry.unit,
            "evidence": evidence,
            "valid": True,
            "authentic": True,
            "current": True,
            "sufficient": True,
        }
        for entry in view.self_assessment
        for evidence in entry.evidence
    ]
    lsp.verify_portfolio(cert, checks=checks, actor=assessor)
    lsp.record_interview(cert, actor=assessor)
    overall = "K" if all(v == "K" for v in results.values()) else "BK"
    lsp.recommend(
        cert, results=dict(results), recommendation=overall, follow_up=follow_up, actor=assessor
    )
    lsp.acknowledge_result(cert, actor=Actor(str(view.subject_id), Role.CANDIDATE))


def decide(lsp: CertificationBody, cert: UUID, *, committee: str) -> None:
    """Keputusan sertifikasi oleh komite teknis, mengikuti rekomendasi asesor (R30-R35)."""
    recommended = lsp.get(cert).recommendation
    if recommended is None:
        raise SystemExit("belum ada rekomendasi asesor (FR.AK.02) untuk sertifikasi ini")
    lsp.decide(cert, outcome=recommended, actor=Actor(committee, Role.CERTIFICATION_COMMITTEE))


def appeal(
    lsp: CertificationBody,
    cert: UUID,
    *,
    reason: str,
    manager: str,
    panel: Sequence[str],
    upheld: bool,
) -> None:
    """Banding (FR.AK.04): asesi mengajukan, manajer membentuk panel, anggota panel memutus."""
    candidate = Actor(str(lsp.get(cert).subject_id), Role.CANDIDATE)
    lsp.lodge_appeal(cert, reason=reason, actor=candidate)
    lsp.form_appeal_panel(
        cert, members=list(panel), actor=Actor(manager, Role.CERTIFICATION_MANAGER)
    )
    member = Actor(panel[0], Role.APPEAL_PANEL)
    if upheld:
        lsp.uphold_appeal(
            cert, remedy="reassessment", reason="bukti belum dipertimbangkan", actor=member
        )
    else:
        lsp.reject_appeal(cert, reason="keputusan sesuai bukti", actor=member)


# -- Sertifikat ---------------------------------------------------------------------------------


def print_certificates(lsp: CertificationBody, session_code: str, *, manager: str) -> list[str]:
    """Beri nomor dan catat pencetakan setiap sertifikat K jadwal ini (R36-R38)."""
    actor = Actor(manager, Role.CERTIFICATION_MANAGER)
    return [
        lsp.print_certificate(c, actor=actor) for c in cohort(lsp, session_code, Stage.COMPETENT)
    ]


def hand_over(lsp: CertificationBody, session_code: str, *, admin: str) -> int:
    """Serah terima melalui satuan kerja pemegang (R40, R41: paling lambat 30 hari)."""
    printed = cohort(lsp, session_code, Stage.CERTIFICATE_PRINTED)
    for cert in printed:
        lsp.distribute_certificate(cert, channel="unit_liaison", actor=Actor(admin, Role.LSP_ADMIN))
    return len(printed)
