"""Every sentence of the verification page, rendered in the request's language.

The template holds no words of its own: it shows these, so the gettext catalog (decision 0018)
translates the page like every other message of certflow.
"""

from __future__ import annotations

from certflow import CertificateStatus
from certflow.engine import Text
from certflow.service.verification_answer import status_words

__all__ = ["labels"]

_LABELS: dict[str, Text] = {
    "title": Text("Certificate verification"),
    "lead": Text("Check that a certificate of competence is genuine and in force."),
    "number": Text("Certificate number"),
    "holder": Text("Holder"),
    "scheme": Text("Certification scheme"),
    "units": Text("Units of competency"),
    "valid_from": Text("Valid from"),
    "valid_until": Text("Valid until"),
    "issuer": Text("Issued by"),
    "licence": Text("BNSP licence"),
    "printed_copy": Text("Printed copy"),
    "checked_on": Text("Checked on"),
    "confirmed": Text("Answered from the certificate register of the LSP."),
    "no_nik": Text("The page never shows a NIK or any assessment detail."),
    "form_title": Text("Look up by number and name"),
    "form_lead": Text(
        "Type the certificate number and the holder's name as printed. The register answers "
        "only when both match."
    ),
    "form_name": Text("Holder's name"),
    "form_submit": Text("Check"),
    "incomplete": Text("Fill in both the certificate number and the holder's name."),
    "another": Text("Check another certificate"),
    "slowed_title": Text("Too many checks"),
    "offline_note": Text(
        "Checked offline from the certificate's signature: number, scheme and validity only, "
        "not confirmed against the register. Connect to the internet to see whether it was "
        "suspended or revoked."
    ),
    "offline_valid": Text("Signature genuine"),
    "offline_valid_detail": Text(
        "The certificate's signature is genuine and its validity has not ended."
    ),
    "offline_expired": Text("Signature genuine, validity ended"),
    "offline_expired_detail": Text(
        "The certificate's signature is genuine, but its validity has ended."
    ),
    "offline_other": Text("Not a certificate of this LSP"),
    "offline_other_detail": Text(
        "The certificate is signed for another LSP; check it with that LSP."
    ),
    "offline_cannot": Text("Cannot check offline"),
    "offline_cannot_detail": Text(
        "This phone has not kept the LSP's keys yet, or its browser cannot check the "
        "signature. Connect to the internet and open the page again."
    ),
    "offline_checking": Text("Checking the certificate's signature…"),
}


def labels() -> dict[str, str]:
    """The page's sentences in the request's language, and the banner of each status."""
    found = {key: text.render() for key, text in _LABELS.items()}
    for status in (
        CertificateStatus.FORGED,
        CertificateStatus.DAMAGED,
        CertificateStatus.UNKNOWN_KEY,
        CertificateStatus.REVOKED_KEY,
    ):
        _, headline, explanation = status_words(status)
        found[f"status_{status.value}"] = headline
        found[f"status_{status.value}_detail"] = explanation
    return found
