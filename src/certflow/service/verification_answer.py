"""The public verification answer: what a person or a system learns about one certificate.

The answer comes from the register (:meth:`certflow.CertificationBody.verify_certificate`)
and says the status in words, the holder's name (or that it was erased), the scheme and its
units, the validity, the issuing LSP and the copy number; never a NIK or an assessment detail
(R64). A look-up by number must also name the holder: unless the name matches (normalised,
case and spacing ignored), the answer is the same "no certificate with this number and name"
as for a number that does not exist, so a wrong name never learns that a number exists.
"""

from __future__ import annotations

import hmac
import os
import re
import threading
import unicodedata
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from certflow import CertificateStatus, KeySet, NameCheck, load_key_set, public_jwks
from certflow.application import CertificateCheck
from certflow.engine import CertflowError, NotFoundError, Text, language
from certflow.service.context import ServiceState
from certflow.service.problems import ProblemError

__all__ = [
    "Tone",
    "VerificationAnswer",
    "answer_lookup",
    "answer_token",
    "key_material",
    "long_date",
    "status_words",
]

MAX_TOKEN = 2_000
MAX_NUMBER = 128
MAX_NAME = 160
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,1000}\.[A-Za-z0-9_-]{16,1000}\.[A-Za-z0-9_-]{86}")
"""A compact JWS as certflow signs it (an Ed25519 signature is 86 base64url characters): never
a certificate number, so the token routes never look a number up without its holder's name."""
_SHOWN_NAME = {NameCheck.MATCHES, NameCheck.NOT_BOUND}


class Tone(Enum):
    """The colour family of a status banner (with words, never colour alone)."""

    GOOD = "good"
    CAUTION = "caution"
    BAD = "bad"
    NEUTRAL = "neutral"


_WORDS: dict[CertificateStatus, tuple[Tone, Text, Text]] = {
    CertificateStatus.VALID: (
        Tone.GOOD,
        Text("Valid"),
        Text("The certificate is genuine and in force."),
    ),
    CertificateStatus.SUSPENDED: (
        Tone.CAUTION,
        Text("Suspended"),
        Text(
            "The certificate is genuine but suspended: it is not in force until the LSP lifts "
            "the suspension."
        ),
    ),
    CertificateStatus.REVOKED: (
        Tone.BAD,
        Text("Revoked"),
        Text("The certificate was revoked by the LSP: it is no longer in force."),
    ),
    CertificateStatus.EXPIRED: (
        Tone.CAUTION,
        Text("Expired"),
        Text("The certificate is genuine but its validity has ended."),
    ),
    CertificateStatus.SUPERSEDED: (
        Tone.CAUTION,
        Text("Superseded"),
        Text("The certificate was replaced by a newer certificate of the same holder."),
    ),
    CertificateStatus.VOID: (
        Tone.BAD,
        Text("Void copy"),
        Text("This printed copy was replaced by a later copy; only the latest copy counts."),
    ),
    CertificateStatus.FORGED: (
        Tone.BAD,
        Text("Forged"),
        Text(
            "The signature does not match or the data was altered: this is not a genuine "
            "certificate of this LSP."
        ),
    ),
    CertificateStatus.DAMAGED: (
        Tone.NEUTRAL,
        Text("Unreadable"),
        Text(
            "The code could not be read whole. Scan it again, or look the certificate up by "
            "number and name."
        ),
    ),
    CertificateStatus.UNKNOWN_KEY: (
        Tone.BAD,
        Text("Unknown signing key"),
        Text(
            "The certificate is signed with a key this LSP does not hold: it is not a "
            "certificate of this LSP."
        ),
    ),
    CertificateStatus.REVOKED_KEY: (
        Tone.BAD,
        Text("Signing key revoked"),
        Text(
            "The certificate is signed with a key the LSP has revoked: it cannot be trusted; "
            "ask the LSP."
        ),
    ),
    CertificateStatus.UNKNOWN: (
        Tone.NEUTRAL,
        Text("Not found"),
        Text("There is no certificate with this number in the register."),
    ),
}
_NO_MATCH = Text("There is no certificate with this number and name in the register.")
_MONTHS = {
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def status_words(status: CertificateStatus) -> tuple[Tone, str, str]:
    """The banner of ``status``: its tone, headline and explanation, in the request's language."""
    tone, headline, explanation = _WORDS[status]
    return tone, headline.render(), explanation.render()


def long_date(day: date | None) -> str:
    """``14 November 2024`` with the month named in the request's language."""
    if day is None:
        return ""
    return f"{day.day} {_MONTHS[language()][day.month - 1]} {day.year}"


class VerificationUnit(BaseModel):
    """One unit of competency of the certificate's scheme."""

    code: str
    title: str


class VerificationIssuer(BaseModel):
    """The LSP that issued the certificate (the one whose register answered)."""

    code: str
    name: str | None = None
    licence: str | None = None
    """Its BNSP licence number."""


class VerificationAnswer(BaseModel):
    """The register's answer about one certificate, as the verification page shows it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "valid",
                    "headline": "Berlaku",
                    "explanation": "Sertifikat asli dan berlaku.",
                    "number": "HG-MI/00001/2024",
                    "scheme_code": "SKM/HG/1",
                    "scheme_title": "Manajemen Isu",
                    "units": [{"code": "M.70HMS00.031.3", "title": "Melaksanakan Media Relations"}],
                    "valid_from": "2024-11-14",
                    "valid_until": "2027-11-13",
                    "holder": "Budi Santoso",
                    "holder_erased": False,
                    "copy_number": 1,
                    "issuer": {
                        "code": "LSP-HUMAS",
                        "name": "LSP Humas Polri",
                        "licence": "BNSP-LSP-1234-ID",
                    },
                    "checked_on": "2025-01-06",
                    "lang": "id",
                }
            ]
        }
    )

    status: CertificateStatus
    """valid, suspended, revoked, expired, superseded, void, forged, damaged, unknown_key,
    revoked_key or unknown."""
    headline: str
    """The status in words, in the answer's language."""
    explanation: str
    """What the status means for the person holding the paper."""
    number: str | None = None
    scheme_code: str | None = None
    scheme_title: str | None = None
    units: list[VerificationUnit] = Field(default_factory=list)
    valid_from: date | None = None
    valid_until: date | None = None
    holder: str | None = None
    """The holder's name as on file (``None`` when erased, altered or not on file)."""
    holder_note: str | None = None
    """Why no name is shown (erased, altered after issue, not on file)."""
    holder_erased: bool = False
    copy_number: int | None = None
    """The printed copy the token is from (a later copy voids the earlier ones)."""
    issuer: VerificationIssuer
    checked_on: date
    lang: str


def _issuer(state: ServiceState) -> VerificationIssuer:
    if state.profile is None:
        return VerificationIssuer(code=state.lsp_code)
    profile = state.profile
    return VerificationIssuer(code=profile.code, name=profile.name, licence=profile.licence)


def _bare(
    state: ServiceState, status: CertificateStatus, detail: Text | None = None
) -> VerificationAnswer:
    _, headline, explanation = status_words(status)
    return VerificationAnswer(
        status=status,
        headline=headline,
        explanation=detail.render() if detail is not None else explanation,
        issuer=_issuer(state),
        checked_on=state.body.clock.now().date(),
        lang=language(),
    )


def _full(state: ServiceState, check: CertificateCheck) -> VerificationAnswer:
    """The answer for a check the register gave (status and what may be shown)."""
    if check.number is None or check.scheme_code is None:
        return _bare(state, check.status)
    _, headline, explanation = status_words(check.status)
    units: list[VerificationUnit] = []
    try:
        view = state.body.get_by_number(check.number)
        scheme = state.body.get_scheme(view.scheme_id)
        units = [VerificationUnit(code=unit.code, title=unit.title) for unit in scheme.units]
    except NotFoundError:
        pass
    shown = check.name_check in _SHOWN_NAME
    return VerificationAnswer(
        status=check.status,
        headline=headline,
        explanation=explanation,
        number=check.number,
        scheme_code=check.scheme_code,
        scheme_title=check.scheme_title,
        units=units,
        valid_from=check.valid_from,
        valid_until=check.valid_until,
        holder=check.holder if shown else None,
        holder_note=None if shown else _holder_note(check.name_check),
        holder_erased=check.name_check is NameCheck.ERASED,
        copy_number=check.copy_number,
        issuer=_issuer(state),
        checked_on=check.checked_on,
        lang=language(),
    )


def _holder_note(check: NameCheck | None) -> str:
    if check is NameCheck.ERASED:
        return Text(
            "The holder's personal data has been erased; the name is no longer kept."
        ).render()
    if check is NameCheck.ALTERED:
        return Text("The name on file differs from the name printed; ask the LSP.").render()
    return Text("The holder's name is not on file.").render()


def answer_token(state: ServiceState, token: str) -> VerificationAnswer:
    """The answer for a token from a QR code: its signature first, then the register."""
    token = token.strip()
    if len(token) > MAX_TOKEN or not _TOKEN.fullmatch(token):
        return _bare(state, CertificateStatus.DAMAGED)
    keys, _ = key_material(state)
    check = state.body.verify_certificate(token, public_key=keys)
    if check.status is CertificateStatus.UNKNOWN and check.issuer is not None:
        return _bare(
            state,
            CertificateStatus.UNKNOWN,
            Text(
                "The certificate is signed for another LSP ({code}); check it with that LSP.",
                code=check.issuer,
            ),
        )
    return _full(state, check)


def normalised_name(name: str) -> str:
    """A name as compared: NFKC, case-folded, spacing collapsed, control characters dropped."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(text.casefold().split())


def answer_lookup(state: ServiceState, number: str, name: str) -> VerificationAnswer:
    """The answer for a number and the holder's name; a wrong name learns nothing."""
    number, name = number.strip(), name.strip()
    not_found = _bare(state, CertificateStatus.UNKNOWN, _NO_MATCH)
    if not number or not name or len(number) > MAX_NUMBER or len(name) > MAX_NAME:
        return not_found
    if "://" in number or ("." in number and len(number) > 40):  # a token is not a number
        return not_found
    check = state.body.verify_certificate(number)
    given = normalised_name(name).encode()
    on_file = normalised_name(check.holder or "").encode()
    same = hmac.compare_digest(given, on_file)
    if check.status is CertificateStatus.UNKNOWN or check.name_check not in _SHOWN_NAME or not same:
        return not_found
    return _full(state, check)


class _KeyFiles:
    """The LSP's key set, read again when its files change (one reader per process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[Path, tuple[tuple[float, ...], KeySet, dict[str, Any]]] = {}

    def get(self, folder: Path) -> tuple[KeySet, dict[str, Any]]:
        stamp = tuple(_mtime(folder / name) for name in ("keyset.json", "lsp-signing.pub"))
        stamp = (*stamp, _mtime(folder))
        with self._lock:
            seen = self._seen.get(folder)
            if seen is not None and seen[0] == stamp:
                return seen[1], seen[2]
        try:
            keys, jwks = load_key_set(folder), public_jwks(folder)
        except (CertflowError, OSError, ValueError) as error:
            raise ProblemError(
                "store-unavailable",
                Text("the LSP's public keys cannot be read now; tokens cannot be checked"),
                status=503,
            ) from error
        with self._lock:
            self._seen[folder] = (stamp, keys, jwks)
        return keys, jwks


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return -1.0


_KEYS = _KeyFiles()


def key_material(state: ServiceState) -> tuple[KeySet, dict[str, Any]]:
    """The LSP's key set and its public JWKS (no revoked keys, no private data)."""
    return _KEYS.get(state.key_dir)
