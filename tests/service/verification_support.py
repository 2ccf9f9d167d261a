"""Certificates to verify: printed, revoked, erased and forged tokens over a world's register."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

from certflow import CertificationBody, current_signer
from certflow.adapters.keys import create_keys
from tests.support import ADMIN, COMMITTEE, World, build_world, write_profile_file

__all__ = ["HOSTILE", "NIKS", "Printed", "print_world"]

HOSTILE = "<script>alert('x')</script> & \"Kandidat\""
"""A holder's name that would run as script if the page did not escape it."""
NIKS = tuple(f"32010101010100{n:02d}" for n in range(6))
"""The NIKs of the world's candidates: none may appear in any answer (R64)."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Printed:
    """The world, its profile and keys, and one token per case."""

    world: World
    profile: Path
    keys: Path
    valid: str
    revoked: str
    erased: str
    hostile: str
    forged: str
    """The valid token with its validity altered (signature no longer matches)."""
    number: str
    """The valid certificate's number; its holder is ``Kandidat 0``."""
    hostile_number: str


def print_world(lsp: CertificationBody, folder: Path) -> Printed:
    """Four candidates certified: 0 valid, 1 revoked, 2 erased, 3 with a hostile name."""
    world = build_world(lsp, candidates=4)
    lsp.correct_personal_data(
        world.candidates[3], changes={"name": HOSTILE}, reason="test", actor=ADMIN
    )
    certs = [world.through("distributed", n) for n in range(4)]
    keys = folder / "keys"
    create_keys(keys)
    profile = write_profile_file(folder, keys=keys)
    signer = current_signer(keys)
    tokens = [lsp.certificate_token(cert, key=signer) for cert in certs]
    lsp.revoke(certs[1], grounds="ethics_breach", actor=COMMITTEE)
    lsp.erase_personal_data(world.candidates[2], reason="subject request", actor=ADMIN)
    header, payload, signature = tokens[0].split(".")
    claims = json.loads(_unb64(payload))
    altered = _b64(json.dumps({**claims, "u": "2099-12-31"}, separators=(",", ":")).encode())
    return Printed(
        world=world,
        profile=profile,
        keys=keys,
        valid=tokens[0],
        revoked=tokens[1],
        erased=tokens[2],
        hostile=tokens[3],
        forged=f"{header}.{altered}.{signature}",
        number=str(lsp.get(certs[0]).certificate_number),
        hostile_number=str(lsp.get(certs[3]).certificate_number),
    )
