"""Issuing and checking certificate tokens against the register."""

from __future__ import annotations

from datetime import UTC, date
from uuid import UUID

from certflow.application.certificates import (
    CertificateCheck,
    CertificateStatus,
    NameCheck,
    TokenClaims,
    certificate_url,
    decode_claims,
    encode_claims,
    name_matches,
    token_from,
)
from certflow.application.credentials import (
    CredentialFacts,
    CredentialSigner,
    achievement_credential,
    issuer_id,
    new_salt,
)
from certflow.application.documents import CertificateProfile
from certflow.application.personal_data import PersonalDataDesk
from certflow.application.ports import TokenSigner, TokenState, TokenVerifier
from certflow.application.records import Records
from certflow.application.services import Services
from certflow.application.views import CertificationView
from certflow.domain import Stage, SubjectStatus
from certflow.engine import InvalidInputError, NotFoundError, RejectedError, Text

__all__ = ["CertificateDesk", "check_offline", "looks_like_token"]

_IN_FORCE = {Stage.CERTIFICATE_PRINTED, Stage.DISTRIBUTED}
_BY_STAGE = {
    Stage.SUSPENDED: CertificateStatus.SUSPENDED,
    Stage.REVOKED: CertificateStatus.REVOKED,
    Stage.EXPIRED: CertificateStatus.EXPIRED,
    Stage.SUPERSEDED: CertificateStatus.SUPERSEDED,
}
_NOT_IN_FORCE = {
    Stage.SUSPENDED: ("R44", Text("suspended")),
    Stage.REVOKED: ("R45", Text("revoked")),
    Stage.EXPIRED: ("R46", Text("expired")),
    Stage.SUPERSEDED: ("R47", Text("superseded")),
}
_BY_TOKEN_STATE = {
    TokenState.DAMAGED: CertificateStatus.DAMAGED,
    TokenState.UNKNOWN_KEY: CertificateStatus.UNKNOWN_KEY,
    TokenState.REVOKED_KEY: CertificateStatus.REVOKED_KEY,
    TokenState.FORGED: CertificateStatus.FORGED,
}


def _refusal(rule: str, sentence: Text) -> RejectedError:
    """A refusal citing ``rule`` before its sentence, in both languages."""
    return RejectedError(Text("{rule}: {sentence}", rule=rule, sentence=sentence), (rule,))


def looks_like_token(text: str) -> bool:
    """Whether ``text`` is meant as a token or verification URL rather than a number."""
    text = text.strip()
    return "://" in text or ("." in text and len(text) > 40)


def _open(text: str, keys: TokenVerifier) -> TokenClaims | CertificateStatus:
    """The token's checked claims, or the status that says why there are none."""
    opened = keys.open_token(token_from(text))
    if opened.state is not TokenState.SIGNED:
        return _BY_TOKEN_STATE[opened.state]
    claims = None if opened.payload is None else decode_claims(opened.payload)
    return CertificateStatus.DAMAGED if claims is None else claims


def check_offline(token: str, keys: TokenVerifier, today: date) -> CertificateCheck:
    """Check a token or URL with the LSP's key set and the dates only (no register at hand)."""
    claims = _open(token, keys)
    if isinstance(claims, CertificateStatus):
        return CertificateCheck(status=claims, checked_on=today, offline=True)
    status = CertificateStatus.VALID if today <= claims.u else CertificateStatus.EXPIRED
    return CertificateCheck(
        status=status,
        number=claims.n,
        scheme_code=claims.s,
        valid_from=claims.f,
        valid_until=claims.u,
        copy_number=claims.c,
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

    def certificate_token(self, certification_id: UUID | str, *, key: TokenSigner) -> str:
        """The signed token (compact JWS) printed, in the QR code, on the current copy."""
        view = self._records.get(certification_id)
        if view.certificate_number is None or view.valid_from is None:
            raise RejectedError(
                Text("the certificate is not printed yet; print it, then issue its token"),
                ("R36",),
            )
        assert view.valid_until is not None
        assert view.printed_on is not None
        claims = TokenClaims(
            v=2,
            l=self._s.lsp_code,
            n=view.certificate_number,
            s=view.scheme_code,
            f=view.valid_from,
            u=view.valid_until,
            i=view.printed_on,
            c=view.certificate_copy,
        )
        return key.sign_token(encode_claims(claims))

    def credential(
        self,
        certification_id: UUID | str,
        *,
        key: CredentialSigner,
        profile: CertificateProfile | None = None,
    ) -> str:
        """The certificate as a W3C Verifiable Credential (Open Badges 3.0), secured as VC-JOSE.

        Only a printed certificate in force, whose holder's name on file is the one bound at
        issue, is exported; anything else is refused (R36 not printed, R44 suspended, R45
        revoked, R46 expired, R47 superseded, R59 personal data erased, R37 the name on file
        altered since issue). Nothing is recorded. The holder appears only as a salted hash of
        their name, with a fresh salt each export (:mod:`certflow.application.credentials`).

        Args:
            certification_id: the certification.
            key: the LSP's current signing key (:func:`certflow.current_signer`).
            profile: the LSP's name, licence and verification page (the default profile if
                ``None``).

        Returns:
            The compact JWS (``typ`` ``vc+jwt``) whose payload is the credential's JSON.
        """
        chosen = profile or CertificateProfile()
        view = self._records.get(certification_id)
        today = self._s.now()
        self._refuse_unless_in_force(view, today.date())
        assert view.valid_from is not None
        assert view.valid_until is not None
        assert view.certificate_number is not None
        scheme = self._s.schemes.load(view.scheme_id)
        facts = CredentialFacts(
            verification_url=certificate_url(
                chosen.verification_url, self.certificate_token(view.id, key=key)
            ),
            issuer_url=issuer_id(chosen.verification_url),
            lsp_name=chosen.lsp_name,
            licence=chosen.licence,
            certificate_number=view.certificate_number,
            scheme_id=view.scheme_id,
            scheme_code=view.scheme_code,
            scheme_title=scheme.title,
            units=tuple((unit["code"], unit["title"]) for unit in scheme.units),
            valid_from=view.valid_from,
            valid_until=view.valid_until,
            holder_name=self._bound_name(view),
            tz=today.tzinfo or UTC,
        )
        return key.sign_credential(achievement_credential(facts, salt=new_salt()))

    def _refuse_unless_in_force(self, view: CertificationView, today: date) -> None:
        if view.certificate_number is None or view.valid_from is None:
            raise _refusal(
                "R36",
                Text(
                    "the certificate is not printed yet; a credential is for a printed certificate",
                ),
            )
        assert view.valid_until is not None
        stage = view.stage
        if stage in _IN_FORCE and today > view.valid_until:
            stage = Stage.EXPIRED
        if stage in _IN_FORCE:
            return
        rule, state = _NOT_IN_FORCE.get(stage, ("R36", Text("not in force")))
        raise _refusal(
            rule,
            Text(
                "the certificate is {state}; a credential is for a certificate in force",
                state=state,
            ),
        )

    def _bound_name(self, view: CertificationView) -> str:
        """The holder's name on file, if it is the one bound at issue; else a refusal."""
        record = self._s.subjects.get(view.subject_id)
        if record is None:
            raise _refusal(
                "R59",
                Text("the holder's personal data was erased; no name can be bound"),
            )
        name = record.data.name
        if view.holder_name_hash and not name_matches(
            name, view.holder_name_hash, view.holder_name_salt
        ):
            raise _refusal(
                "R37",
                Text("the holder's name was altered after the certificate was issued"),
            )
        return name

    def verify_certificate(
        self, token_or_number: str, *, public_key: TokenVerifier | None = None
    ) -> CertificateCheck:
        """Is this certificate genuine and in force? A token or URL needs the LSP's key set.

        ``public_key`` is the key set (:func:`certflow.load_key_set`, or
        :func:`certflow.key_set_of` for one public key). The answer shows number, scheme,
        validity, status and the holder's name (or that it was erased); never a NIK or an
        assessment detail (R64). A bad token is answered with a status, never an exception.
        """
        today = self._s.now().date()
        text = token_or_number.strip()
        if not looks_like_token(text):
            view = self._registered(text)
            if view is None:
                return CertificateCheck(
                    status=CertificateStatus.UNKNOWN, number=text, checked_on=today
                )
            return self._answer(view, today, void=False, copy=view.certificate_copy)
        if public_key is None:
            raise InvalidInputError([Text("a token is checked with the LSP's key set")])
        claims = _open(text, public_key)
        if isinstance(claims, CertificateStatus):
            return CertificateCheck(status=claims, checked_on=today)
        number = claims.n
        view = None if claims.l != self._s.lsp_code else self._registered(number)
        if view is None:
            return CertificateCheck(
                status=CertificateStatus.UNKNOWN,
                checked_on=today,
                number=number,
                issuer=claims.l if claims.l != self._s.lsp_code else None,
            )
        if (claims.s, claims.f, claims.u) != (view.scheme_code, view.valid_from, view.valid_until):
            return CertificateCheck(
                status=CertificateStatus.FORGED, checked_on=today, number=number
            )
        return self._answer(view, today, void=claims.c < view.certificate_copy, copy=claims.c)

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
        altered = Text("[holder's name altered after the certificate was issued]")
        return altered.render(), NameCheck.ALTERED
