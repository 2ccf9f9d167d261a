"""Checkpoints as C2SP signed notes (https://c2sp.org/tlog-checkpoint, https://c2sp.org/signed-note).

A checkpoint's body is three lines and then extension lines::

    certflow/<lsp code>/<store id>      origin: which log
    1234                                tree size: how many events it covers
    <base64 of the Merkle root>         RFC 9162 root of the first 1234 events
    time 2026-12-01T03:30:00Z           extension: when it was made (UTC)

then a blank line and one signature line per signer::

    — <key name> <base64(key hash (4 bytes) || Ed25519 signature (64 bytes))>

The key hash is the first 4 bytes of ``SHA-256(key name || 0x0A || 0x01 || public key)``
(0x01: the Ed25519 signature type); the signature covers the body including its last newline.
Nothing here reads a file or a store; the keys are the ports of :mod:`.ports`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from certflow.application.ports import SigningKey, VerifyingKey

__all__ = [
    "ForgedNoteError",
    "SignedCheckpoint",
    "key_hash",
    "open_note",
    "parse_checkpoint",
    "sign_checkpoint",
    "sign_note",
]

_DASH = "\u2014 "
_ED25519 = b"\x01"


class ForgedNoteError(ValueError):
    """A note that is malformed or not signed by the expected key."""


def key_hash(name: str, public: bytes) -> bytes:
    """The 4-byte key hash of an Ed25519 key named ``name`` (``public``: 32 raw bytes)."""
    return hashlib.sha256(name.encode() + b"\n" + _ED25519 + public).digest()[:4]


@dataclass(frozen=True)
class SignedCheckpoint:
    """One signed checkpoint: the log's size and Merkle root at a moment."""

    origin: str
    size: int
    root: bytes
    time: datetime | None
    text: str
    """The whole note, as published."""

    @property
    def body(self) -> str:
        """The signed text."""
        return self.text[: self.text.rindex("\n\n") + 1]


def _body(origin: str, size: int, root: bytes, time: datetime) -> str:
    stamp = time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{origin}\n{size}\n{base64.b64encode(root).decode()}\ntime {stamp}\n"


def sign_note(body: str, *, key: SigningKey, public: bytes, key_name: str) -> str:
    """A signed note: ``body`` (ending in a newline), a blank line, the Ed25519 signature line."""
    if not body.endswith("\n") or "\n\n" in body:
        raise ValueError("a note's text ends with one newline and has no blank line")
    signature = key_hash(key_name, public) + key.sign(body.encode())
    return f"{body}\n{_DASH}{key_name} {base64.b64encode(signature).decode()}\n"


def open_note(text: str, *, key: VerifyingKey, public: bytes, key_name: str) -> str:
    """The text of a signed note, once ``key`` (named ``key_name``) is found to have signed it.

    Signatures by other keys are ignored, as the signed-note spec says.

    Raises:
        ForgedNoteError: the note is malformed, has no signature by that key, or a wrong one.
    """
    if "\n\n" not in text or not text.endswith("\n"):
        raise ForgedNoteError("not a signed note: no blank line before the signatures")
    split = text.rindex("\n\n")
    body, signatures = text[: split + 1], text[split + 2 :].splitlines()
    wanted, found = key_hash(key_name, public), False
    for line in signatures:
        if not line.startswith(_DASH):
            raise ForgedNoteError("a signature line does not start with an em dash")
        name, _, blob = line[len(_DASH) :].rpartition(" ")
        try:
            raw = base64.b64decode(blob, validate=True)
        except binascii.Error:
            raise ForgedNoteError("a signature is not base64") from None
        if name != key_name or raw[:4] != wanted:
            continue
        try:
            key.verify(raw[4:], body.encode())
        except Exception:  # any failure of the key: not its signature
            raise ForgedNoteError(f"the signature of {key_name} does not match the note") from None
        found = True
    if not found:
        raise ForgedNoteError(f"no signature by {key_name} (with this public key) on the note")
    return body


def sign_checkpoint(
    origin: str,
    size: int,
    root: bytes,
    time: datetime,
    *,
    key: SigningKey,
    public: bytes,
    key_name: str,
) -> SignedCheckpoint:
    """Sign a checkpoint with the LSP's key (``public``: its 32 raw public bytes)."""
    if not origin or any(c.isspace() for c in origin) or "+" in key_name or " " in key_name:
        raise ValueError("the origin and key name must be non-empty, without spaces or '+'")
    text = sign_note(_body(origin, size, root, time), key=key, public=public, key_name=key_name)
    return SignedCheckpoint(origin, size, root, time.astimezone(UTC).replace(microsecond=0), text)


def parse_checkpoint(
    text: str, *, key: VerifyingKey, public: bytes, key_name: str
) -> SignedCheckpoint:
    """Read a checkpoint note and check that ``key`` (named ``key_name``) signed it.

    Raises:
        ForgedNoteError: the note is malformed, has no signature by that key, or a wrong one.
    """
    body = open_note(text, key=key, public=public, key_name=key_name)
    lines = body.splitlines()
    if len(lines) < 3:
        raise ForgedNoteError("a checkpoint needs an origin, a size and a root hash")
    try:
        size, root = int(lines[1]), base64.b64decode(lines[2], validate=True)
    except (ValueError, binascii.Error):
        raise ForgedNoteError("the size or root hash line is malformed") from None
    if size < 0 or len(root) != 32 or str(size) != lines[1]:
        raise ForgedNoteError("the size or root hash line is malformed")
    time = None
    for line in lines[3:]:
        if line.startswith("time "):
            try:
                time = datetime.strptime(line[5:], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            except ValueError:
                raise ForgedNoteError("the time line is malformed") from None
    return SignedCheckpoint(lines[0], size, root, time, text)
