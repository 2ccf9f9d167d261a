"""The credential builder: identifiers, the hashed name and the validity times (no crypto)."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date
from uuid import UUID

import pytest

from certflow import WIB, InvalidInputError
from certflow.application import CredentialFacts, achievement_credential, identity_hash
from certflow.application.credentials import issuer_id, new_salt

FACTS = CredentialFacts(
    verification_url="https://lsp.example/verifikasi/v/abc",
    issuer_url="https://lsp.example",
    lsp_name="LSP Uji",
    certificate_number="HG-MI/00001/2024",
    scheme_id=UUID(int=7),
    scheme_code="SKM/HG/1",
    scheme_title="Manajemen Isu",
    units=(("M.70HMS00.031.3", "Melaksanakan Media Relations"),),
    valid_from=date(2024, 11, 14),
    valid_until=date(2027, 11, 13),
    holder_name="Siti Rahayu",
    tz=WIB,
)


def test_the_issuer_is_the_origin_of_the_verification_page() -> None:
    assert issuer_id("https://lsp.example/verifikasi?x=1") == "https://lsp.example"
    assert issuer_id(" http://localhost:8000/v ") == "http://localhost:8000"
    with pytest.raises(InvalidInputError):
        issuer_id("lsp.example/verifikasi")


def test_the_name_hash_is_sha256_of_the_nfc_name_and_salt() -> None:
    decomposed = unicodedata.normalize("NFD", "Désirée ")
    expected = hashlib.sha256("Désirée0011".encode()).hexdigest()
    assert identity_hash(decomposed, "0011") == f"sha256${expected}"
    assert new_salt() != new_salt()
    assert len(new_salt()) == 32


def test_the_credential_carries_validity_in_the_lsp_offset_and_no_licence_when_none() -> None:
    credential = achievement_credential(FACTS, salt="00ff")
    assert credential["validFrom"] == "2024-11-14T00:00:00+07:00"
    assert credential["validUntil"] == "2027-11-13T23:59:59+07:00"
    assert "identifier" not in credential["issuer"]
    assert credential["credentialSubject"]["achievement"]["id"] == f"urn:uuid:{UUID(int=7)}"
    assert "Siti" not in str(credential)
    with pytest.raises(InvalidInputError):
        achievement_credential(FACTS, salt="")
