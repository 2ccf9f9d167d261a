"""Issuing and checking certificate tokens against the register."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from certflow.application.certificates import (
    CertificateCheck,
    CertificateStatus,
    NameCheck,
    name_matches,
    read_token,
    sign_token,
)
from certflow.application.personal_data import PersonalDataDesk
from certflow.application.ports import SigningKey, VerifyingKey
from certflow.application.records import Records
from certflow.application.services import Services
from certflow.application.views import CertificationView
from certflow.domain import Stage, SubjectStatus
from certflow.engine import InvalidInputError, NotFoundError, RejectedError, Text

__all__ = ["CertificateDesk", "check_offline"]

_IN_FORCE = {Stage.CERTIFICATE_PRINTED, Stage.DISTRIBUTED}
_BY_STAGE = {
    Stage.SUSPENDED: CertificateStatus.SUSPENDED,
    Stage.REVOKED: CertificateStatus.REVOKED,
    Stage.EXPIRED: CertificateStatus.EXPIRED,
    Stage.SUPERSEDED: CertificateStatus.SUPERSEDED,
}


def _payload_dates(payload: dict[str, Any]) -> tuple[date, date]:
    return date.fromisoformat(payload["f"]), date.fromisoformat(payload["u"])


def _genuine(token: str, public_key: VerifyingKey) -> dict[str, Any] | None:
    """The payload of a token signed by ``public_key`` with every field needed, else ``None``."""
    payload = read_token(token, public_key)
    if payload is None or not {"n", "s", "f", "u"} <= set(payload):
        return None
    return payload


def check_offline(token: str, public_key: VerifyingKey, today: date) -> CertificateCheck:
    """Check a token with the LSP's public key and the dates only (no register at hand)."""
    payload = _genuine(token, public_key)
    if payload is None:
        return CertificateCheck(status=CertificateStatus.FORGED, checked_on=today, offline=True)
    return _offline_answer(payload, today)


def _offline_answer(payload: dict[str, Any], today: date) -> CertificateCheck:
    valid_from, valid_until = _payload_dates(payload)
    status = CertificateStatus.VALID if today <= valid_until else CertificateStatus.EXPIRED
    return CertificateCheck(
        status=status,
        number=payload["n"],
        scheme_code=payload["s"],
        valid_from=valid_from,
        valid_until=valid_until,
        copy_number=payload.get("c"),
        checked_on=today,
        offline=True,
    )


class CertificateDesk:
    """Issue verification tokens and answer verification requests against the register."""

    def __init__(
        self, services: Services, records: Records, personal_data: PersonalDataDesk
    ) -> None:
        self._s = services
        self._records = records
        self._personal_data = personal_data

    def certificate_token(self, certification_id: UUID | str, *, key: SigningKey) -> str:
        """The signed token printed (as a QR code) on the certificate's current copy."""
        view = self._records.get(certification_id)
        if view.certificate_number is None or view.valid_from is None:
            raise RejectedError(
                Text(
                    "sertifikat belum dicetak; cetak dahulu, lalu terbitkan tokennya",
                    "the certificate is not printed yet; print it, then issue its token",
                ),
                ("R36",),
            )
        assert view.valid_until is not None
        assert view.printed_on is not None
        payload = {
            "v": 1,
            "l": self._s.lsp_code,
            "n": view.certificate_number,
            "s": view.scheme_code,
            "f": view.valid_from.isoformat(),
            "u": view.valid_until.isoformat(),
            "i": view.printed_on.isoformat(),
            "c": view.certificate_copy,
        }
        return sign_token(payload, key)

    def verify_certificate(
        self, token_or_number: str, *, public_key: VerifyingKey | None = None
    ) -> CertificateCheck:
        """Is this certificate genuine and in force? A token needs the LSP's public key.

        The answer shows number, scheme, validity, status and the holder's name (or that it was
        erased); never a NIK or an assessment detail (R64).
        """
        today = self._s.now().date()
        text = token_or_number.strip()
        if "." in text and len(text) > 40:  # a token
            if public_key is None:
                raise InvalidInputError(["a token is checked with the LSP's public key"])
            payload = _genuine(text, public_key)
            if payload is None:
                return CertificateCheck(status=CertificateStatus.FORGED, checked_on=today)
            number = str(payload["n"])
            if payload.get("l") not in (None, self._s.lsp_code):
                return CertificateCheck(
                    status=CertificateStatus.UNKNOWN, checked_on=today, number=number
                )
            view = self._registered(number)
            if view is None:
                return CertificateCheck(
                    status=CertificateStatus.UNKNOWN, checked_on=today, number=number
                )
            if (payload["s"], *_payload_dates(payload)) != (
                view.scheme_code,
                view.valid_from,
                view.valid_until,
            ):
                return CertificateCheck(
                    status=CertificateStatus.FORGED, checked_on=today, number=number
                )
            copy = int(payload.get("c") or 1)
            return self._answer(view, today, void=copy < view.certificate_copy, copy=copy)
        view = self._registered(text)
        if view is None:
            return CertificateCheck(status=CertificateStatus.UNKNOWN, number=text, checked_on=today)
        return self._answer(view, today, void=False, copy=view.certificate_copy)

    def _registered(self, number: str) -> CertificationView | None:
        try:
            view = self._records.get_by_number(number)
        except NotFoundError:
            return None
        return view if view.certificate_number is not None else None

    def _answer(
        self, view: CertificationView, today: date, *, void: bool, copy: int
    ) -> CertificateCheck:
        if void:
            status = CertificateStatus.VOID
        elif view.stage in _IN_FORCE:
            assert view.valid_until is not None
            status = (
                CertificateStatus.VALID if today <= view.valid_until else CertificateStatus.EXPIRED
            )
        else:
            status = _BY_STAGE.get(view.stage, CertificateStatus.UNKNOWN)
        scheme = self._s.schemes.load(view.scheme_id)
        holder, name_check = self._holder(view)
        return CertificateCheck(
            status=status,
            number=view.certificate_number,
            scheme_code=view.scheme_code,
            scheme_title=scheme.title,
            valid_from=view.valid_from,
            valid_until=view.valid_until,
            holder=holder,
            name_check=name_check,
            copy_number=copy,
            checked_on=today,
        )

    def _holder(self, view: CertificationView) -> tuple[str, NameCheck]:
        """The name to show, checked against the salted hash recorded at issue."""
        record = self._s.subjects.get(view.subject_id)
        if record is None:
            erased = self._personal_data.personal_data_status(view.subject_id)
            check = NameCheck.ERASED if erased is SubjectStatus.ERASED else NameCheck.NOT_ON_FILE
            return self._personal_data.holder_name(view.subject_id), check
        name = record.data.name
        if not view.holder_name_hash:
            return name, NameCheck.NOT_BOUND
        if name_matches(name, view.holder_name_hash, view.holder_name_salt):
            return name, NameCheck.MATCHES
        altered = Text(
            "[nama pemegang diubah setelah sertifikat terbit]",
            "[holder's name altered after the certificate was issued]",
        )
        return altered.render(), NameCheck.ALTERED
