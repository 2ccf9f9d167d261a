"""The LSP's Ed25519 signing keys as PEM files (``cryptography``, the ``documents`` extra).

The keys returned fit :class:`~certflow.application.ports.SigningKey` and
:class:`~certflow.application.ports.VerifyingKey` as they are.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from certflow.adapters.extras import require
from certflow.application.checkpoints import CheckpointKey, key_name
from certflow.engine import InvalidInputError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

__all__ = ["checkpoint_key", "create_keys", "load_private_key", "load_public_key"]


def create_keys(directory: Path, name: str = "lsp-signing") -> tuple[Path, Path]:
    """Write a new Ed25519 key pair: ``NAME.key`` (private, mode 0600) and ``NAME.pub``."""
    directory.mkdir(parents=True, exist_ok=True)
    private_path, public_path = directory / f"{name}.key", directory / f"{name}.pub"
    if private_path.exists():
        raise InvalidInputError([f"{private_path} exists; a signing key is never overwritten"])
    require("documents", "cryptography")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(pem)
    public_path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private_path, public_path


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The LSP's private signing key from a PEM file."""
    require("documents", "cryptography")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInputError([f"{path} is not an Ed25519 private key"])
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """The LSP's public key from a PEM file."""
    require("documents", "cryptography")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = serialization.load_pem_public_key(Path(path).read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInputError([f"{path} is not an Ed25519 public key"])
    return key


def checkpoint_key(
    lsp_code: str, *, private: Path | None = None, public: Path | None = None
) -> CheckpointKey:
    """The LSP's key as checkpoints use it.

    From the private key file (to sign and check) or the public one (to check only).
    """
    if private is not None:
        signing = load_private_key(private)
        verifying = signing.public_key()
    elif public is not None:
        signing, verifying = None, load_public_key(public)
    else:
        raise InvalidInputError(["checkpoints need the LSP's private or public key"])
    return CheckpointKey(
        verifying.public_bytes_raw(), key_name(lsp_code), signing=signing, verifying=verifying
    )
