"""Signed notes: byte for byte the reference implementation's, and what is refused.

The key pair, text and signature are the example of golang.org/x/mod/sumdb/note (its
``note_test.go`` and package documentation; BSD-style licence), the reference implementation the
C2SP signed-note spec (https://c2sp.org/signed-note) describes. Ed25519 is deterministic, so
signing the same text with the same key must give the same signature line.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certflow.application.notes import (
    ForgedNoteError,
    key_hash,
    open_note,
    parse_checkpoint,
    sign_checkpoint,
    sign_note,
)

VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
SIGNATURE = (
    "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngo"
    "tpRZb6KE6RyyBwJnAM=\n"
)
NOTE = TEXT + "\n" + SIGNATURE

PRIVATE = Ed25519PrivateKey.from_private_bytes(base64.b64decode(SKEY.split("+", 4)[4])[1:])
PUBLIC = base64.b64decode(VKEY.split("+", 2)[2])[1:]


def test_the_key_hash_is_the_reference_ones() -> None:
    assert base64.b64decode(VKEY.split("+", 2)[2])[0] == 1  # the Ed25519 type byte
    assert key_hash("PeterNeumann", PUBLIC).hex() == "c74f20a3"
    assert PRIVATE.public_key().public_bytes_raw() == PUBLIC


def test_signing_reproduces_the_reference_note_and_it_opens() -> None:
    name = "PeterNeumann"
    assert sign_note(TEXT, key=PRIVATE, public=PUBLIC, key_name=name) == NOTE
    assert open_note(NOTE, key=PRIVATE.public_key(), public=PUBLIC, key_name=name) == TEXT
    other = Ed25519PrivateKey.generate()
    cosigned = (
        NOTE + sign_note(TEXT, key=other, public=b"x" * 32, key_name="Other").split("\n\n")[1]
    )
    # a signature by another key is ignored
    assert open_note(cosigned, key=PRIVATE.public_key(), public=PUBLIC, key_name=name) == TEXT
    with pytest.raises(ForgedNoteError, match="does not match"):
        open_note(
            NOTE.replace("problem,", "problem;"),
            key=PRIVATE.public_key(),
            public=PUBLIC,
            key_name=name,
        )
    with pytest.raises(ForgedNoteError, match="no signature"):
        open_note(NOTE, key=PRIVATE.public_key(), public=PUBLIC, key_name="Someone")


def test_a_checkpoint_round_trips_and_an_edit_is_forged() -> None:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes_raw()
    signed = sign_checkpoint(
        "certflow/LSP/store",
        7,
        bytes(range(32)),
        datetime(2026, 1, 2, tzinfo=UTC),
        key=key,
        public=public,
        key_name="certflow/LSP",
    )
    lines = signed.text.split("\n")
    assert lines[:4] == [
        "certflow/LSP/store",
        "7",
        base64.b64encode(bytes(range(32))).decode(),
        "time 2026-01-02T00:00:00Z",
    ]
    assert lines[5].startswith("\u2014 certflow/LSP ")
    assert len(base64.b64decode(lines[5].rsplit(" ", 1)[1])) == 4 + 64
    read = parse_checkpoint(
        signed.text, key=key.public_key(), public=public, key_name="certflow/LSP"
    )
    assert (read.origin, read.size, read.root, read.time) == (
        "certflow/LSP/store",
        7,
        bytes(range(32)),
        datetime(2026, 1, 2, tzinfo=UTC),
    )
    with pytest.raises(ForgedNoteError):
        parse_checkpoint(
            signed.text.replace("\n7\n", "\n8\n"),
            key=key.public_key(),
            public=public,
            key_name="certflow/LSP",
        )
