"""Certificate tokens as compact JWS (``joserfc``), and the LSP's key set (the ``documents`` extra).

A token is ``base64url(header).base64url(payload).base64url(signature)`` (RFC 7515) with the
protected header ``{"alg": "Ed25519", "kid": KID}``: ``Ed25519`` is the fully specified name of
RFC 9864 for what older JOSE texts call ``EdDSA``, and ``KID`` is the key's RFC 7638 JWK
thumbprint. Before the library sees a token, every segment must be canonical base64url (no
padding, no stray trailing bits): a token re-encoded or damaged in a way a lenient decoder would
forgive reads ``damaged``, so one changed character never verifies.

The key set lives in ``keyset.json`` beside the PEM keys: a JWKS (``{"keys": [...]}``) of public
keys, each with ``kid``, a ``status`` (``active`` or ``revoked``) and the name of its private key
file, plus ``current``, the kid new tokens are signed with. ``keys/lsp-signing.pub`` alone (the
layout before key sets) reads as a set of that one key. :func:`public_jwks` gives the set as a
plain public JWKS (no certflow bookkeeping, no revoked keys) to publish for verifiers.

The same key secures Verifiable Credentials as VC-JOSE (:meth:`TokenKey.sign_credential`): a
compact JWS of the credential's JSON with the header ``{"alg": "EdDSA", "kid": KID, "typ":
"vc+jwt", "cty": "vc"}``. A credential is read by wallets and registries, not by certflow, so it
uses ``EdDSA`` (RFC 8037), the name every JOSE library and wallet knows, rather than RFC 9864's
``Ed25519``; the signature bytes are the same (decision 0012).
"""

from __future__ import annotations

import base64
import json
import re
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from certflow.adapters.extras import require
from certflow.adapters.keys import create_keys, load_private_key, load_public_key
from certflow.application.ports import OpenedToken, TokenState
from certflow.engine import InvalidInputError, NotFoundError, Text

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

__all__ = [
    "ALGORITHM",
    "CREDENTIAL_ALGORITHM",
    "KEY_SET_FILE",
    "KeySet",
    "TokenKey",
    "current_signer",
    "key_id",
    "key_set_of",
    "load_key_set",
    "public_jwks",
    "revoke_key",
    "rotate_keys",
    "token_signer",
]

ALGORITHM = "Ed25519"
CREDENTIAL_ALGORITHM = "EdDSA"
"""The JWS ``alg`` of a Verifiable Credential: RFC 8037's name, which wallets know."""
KEY_SET_FILE = "keyset.json"
_DEFAULT_NAME = "lsp-signing"
_HEADER_FIELDS = {"alg", "kid", "typ"}
_SEGMENT = re.compile(r"[A-Za-z0-9_-]+")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _canonical(segment: str) -> bytes | None:
    """The bytes of a canonical unpadded base64url segment, else ``None``."""
    if not _SEGMENT.fullmatch(segment) or len(segment) % 4 == 1:
        return None
    raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    return raw if _b64(raw) == segment else None


def key_id(public_key: Ed25519PublicKey) -> str:
    """The key's id: its RFC 7638 JWK thumbprint (SHA-256, base64url)."""
    require("documents", "joserfc")
    from joserfc.jwk import OKPKey

    return OKPKey.import_key(public_key).thumbprint()


class TokenKey:
    """The LSP's current private key as a :class:`~certflow.application.ports.TokenSigner`."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        require("documents", "joserfc")
        from joserfc.jwk import OKPKey

        self._key = OKPKey.import_key(private_key)
        self._kid = self._key.thumbprint()

    @property
    def kid(self) -> str:
        """The key's id (its JWK thumbprint), put in each token's header."""
        return self._kid

    def sign_token(self, payload: bytes) -> str:
        """A compact JWS of ``payload``."""
        from joserfc import jws

        header = {"alg": ALGORITHM, "kid": self._kid}
        return jws.serialize_compact(header, payload, self._key, algorithms=[ALGORITHM])

    def sign_credential(self, credential: dict[str, Any]) -> str:
        """The credential secured as VC-JOSE: a compact JWS, ``typ`` ``vc+jwt``, ``cty`` ``vc``.

        The payload is the credential's JSON (UTF-8); ``kid`` is this key's thumbprint, the
        ``kid`` of its entry in the published JWKS (:func:`public_jwks`).
        """
        from joserfc import jws
        from joserfc.errors import SecurityWarning

        header = {"alg": CREDENTIAL_ALGORITHM, "kid": self._kid, "typ": "vc+jwt", "cty": "vc"}
        payload = json.dumps(credential, ensure_ascii=False, separators=(",", ":")).encode()
        with warnings.catch_warnings():  # joserfc flags EdDSA as deprecated by RFC 9864
            warnings.simplefilter("ignore", SecurityWarning)
            return jws.serialize_compact(
                header, payload, self._key, algorithms=[CREDENTIAL_ALGORITHM]
            )


def token_signer(private_key: Ed25519PrivateKey | Path) -> TokenKey:
    """A token signer from a private key or its PEM file."""
    if isinstance(private_key, Path):
        private_key = load_private_key(private_key)
    return TokenKey(private_key)


@dataclass
class KeySet:
    """The LSP's public keys by kid, as a :class:`~certflow.application.ports.TokenVerifier`."""

    keys: dict[str, Ed25519PublicKey] = field(default_factory=dict)
    revoked: set[str] = field(default_factory=set)
    current: str | None = None

    def open_token(self, token: str) -> OpenedToken:
        """Check form, key id and signature of a compact JWS; a bad token gets a state."""
        parts = token.strip().split(".")
        decoded = [_canonical(part) for part in parts] if len(parts) == 3 else [None]
        if any(part is None for part in decoded):
            return OpenedToken(TokenState.DAMAGED)
        header_bytes, _, signature = decoded
        assert header_bytes is not None
        assert signature is not None
        try:
            header = json.loads(header_bytes)
        except ValueError:
            return OpenedToken(TokenState.DAMAGED)
        if (
            not isinstance(header, dict)
            or not set(header) <= _HEADER_FIELDS
            or header.get("alg") != ALGORITHM
            or not isinstance(header.get("kid"), str)
            or len(signature) != 64
        ):
            return OpenedToken(TokenState.DAMAGED)
        kid: str = header["kid"]
        public = self.keys.get(kid)
        if public is None:
            return OpenedToken(TokenState.UNKNOWN_KEY, kid)
        require("documents", "joserfc")
        from joserfc import jws
        from joserfc.errors import BadSignatureError, JoseError
        from joserfc.jwk import OKPKey

        try:
            opened = jws.deserialize_compact(
                token.strip(), OKPKey.import_key(public), algorithms=[ALGORITHM]
            )
        except BadSignatureError:
            return OpenedToken(TokenState.FORGED, kid)
        except (JoseError, ValueError):
            return OpenedToken(TokenState.DAMAGED, kid)
        if kid in self.revoked:
            return OpenedToken(TokenState.REVOKED_KEY, kid)
        return OpenedToken(TokenState.SIGNED, kid, opened.payload)


def key_set_of(*public_keys: Ed25519PublicKey) -> KeySet:
    """A key set of these public keys, none revoked (the first one current)."""
    keys = {key_id(key): key for key in public_keys}
    return KeySet(keys, current=next(iter(keys), None))


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InvalidInputError(
            [Text("{path}: not a readable key set ({error})", path=path, error=error)]
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("keys"), list):
        raise InvalidInputError(
            [Text("{path}: a key set is a JSON object with a 'keys' list", path=path)]
        )
    return data


def _public_from_jwk(entry: dict[str, Any]) -> Ed25519PublicKey:
    require("documents", "joserfc")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from joserfc.jwk import OKPKey

    fields: dict[str, str | list[str]] = {
        k: str(entry[k]) for k in ("kty", "crv", "x") if k in entry
    }
    key = OKPKey.import_key(fields).get_op_key("verify")
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInputError(
            [Text("key {entry_get}: not an Ed25519 public key", entry_get=entry.get("kid"))]
        )
    return key


def load_key_set(path: Path) -> KeySet:
    """The key set in ``path``: a ``keyset.json``, a folder holding one, or a public key PEM.

    A folder without ``keyset.json`` reads as the set of its ``lsp-signing.pub``.
    """
    path = Path(path)
    if path.is_dir():
        if not (path / KEY_SET_FILE).exists():
            return key_set_of(load_public_key(path / f"{_DEFAULT_NAME}.pub"))
        path = path / KEY_SET_FILE
    if path.suffix != ".json":
        return key_set_of(load_public_key(path))
    data = _read_file(path)
    found = KeySet(current=data.get("current"))
    for entry in data["keys"]:
        public = _public_from_jwk(entry)
        kid = key_id(public)
        if entry.get("kid") != kid:
            raise InvalidInputError(
                [
                    Text(
                        "{path}: key {entry_get} is not its thumbprint",
                        path=path,
                        entry_get=entry.get("kid"),
                    )
                ]
            )
        found.keys[kid] = public
        if entry.get("status") == "revoked":
            found.revoked.add(kid)
    return found


def public_jwks(path: Path) -> dict[str, Any]:
    """The key set's public keys in force as a plain JWKS (RFC 7517), to publish for verifiers.

    Each key is ``{"kty": "OKP", "crv": "Ed25519", "x": ..., "kid": THUMBPRINT, "use": "sig"}``;
    revoked keys are left out, and so is certflow's bookkeeping (status, dates, file names) and
    ``alg``, since one key signs certificate tokens (``Ed25519``) and credentials (``EdDSA``).
    ``path`` is read as by :func:`load_key_set`.
    """
    found = load_key_set(path)
    return {
        "keys": [
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "x": _b64(public.public_bytes_raw()),
                "kid": kid,
                "use": "sig",
            }
            for kid, public in found.keys.items()
            if kid not in found.revoked
        ]
    }


def _entry(public: Ed25519PublicKey, private_file: str) -> dict[str, Any]:
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": _b64(public.public_bytes_raw()),
        "kid": key_id(public),
        "alg": ALGORITHM,
        "use": "sig",
        "status": "active",
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "private_key": private_file,
    }


def _write(directory: Path, data: dict[str, Any]) -> None:
    target = directory / KEY_SET_FILE
    temporary = target.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    temporary.replace(target)


def _current_data(directory: Path) -> dict[str, Any]:
    """The folder's key set file, or one made from its ``lsp-signing.pub`` (the old layout)."""
    if (directory / KEY_SET_FILE).exists():
        return _read_file(directory / KEY_SET_FILE)
    public_path = directory / f"{_DEFAULT_NAME}.pub"
    if not public_path.exists():
        return {"current": None, "keys": []}
    entry = _entry(load_public_key(public_path), f"{_DEFAULT_NAME}.key")
    return {"current": entry["kid"], "keys": [entry]}


def rotate_keys(directory: Path) -> str:
    """Add a new key pair to the folder's key set and make it current; return its kid.

    The keys before it stay in the set, so the certificates they signed keep verifying.
    The first call on a folder with no key set starts one (with ``lsp-signing`` if present).
    """
    directory = Path(directory)
    data = _current_data(directory)
    name = _DEFAULT_NAME if not data["keys"] else f"{_DEFAULT_NAME}-{len(data['keys']) + 1}"
    _, public_path = create_keys(directory, name)
    entry = _entry(load_public_key(public_path), f"{name}.key")
    data["keys"].append(entry)
    data["current"] = entry["kid"]
    _write(directory, data)
    return str(entry["kid"])


def revoke_key(directory: Path, kid: str) -> None:
    """Mark a key of the folder's set revoked; tokens it signed then read ``revoked_key``.

    The current key cannot be revoked: rotate first, so new tokens have a key.
    """
    directory = Path(directory)
    data = _current_data(directory)
    entries = [e for e in data["keys"] if e.get("kid") == kid]
    if not entries:
        raise NotFoundError("key", kid)
    if data.get("current") == kid:
        raise InvalidInputError(
            [Text("key {kid} is current; rotate first, then revoke it", kid=kid)]
        )
    entries[0]["status"] = "revoked"
    entries[0]["revoked"] = datetime.now(UTC).isoformat(timespec="seconds")
    _write(directory, data)


def current_signer(directory: Path) -> TokenKey:
    """The signer for the folder's current key (``lsp-signing.key`` without a key set)."""
    directory = Path(directory)
    data = _current_data(directory)
    if not data["keys"]:
        raise InvalidInputError(
            [
                Text(
                    "no signing key in {directory}: create the LSP's keys with "
                    "certflow keys create (or certflow init), or name the key folder "
                    "with --key-dir",
                    directory=directory,
                )
            ]
        )
    for entry in data["keys"]:
        if entry.get("kid") == data.get("current"):
            return token_signer(directory / str(entry["private_key"]))
    raise NotFoundError("current signing key", str(directory))
