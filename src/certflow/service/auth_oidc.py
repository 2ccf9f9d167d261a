"""Access tokens from the LSP's OpenID Connect identity provider, checked with PyJWT.

A token is believed only when its signature verifies under a key the provider publishes in its
JWKS (fetched by :class:`jwt.PyJWKClient`, cached), with an algorithm the settings pin (never
the one the token's header names: ``none`` and HMAC are refused before any key is read), and it
carries the configured ``iss`` and ``aud`` and an ``exp`` still to come (within the leeway).
What it yields is the issuer and the subject; a subject stands for a person only through a
recorded link (``certflow tokens link-oidc``).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import jwt
from jwt import PyJWK, PyJWKClient

from certflow.service.settings import OidcSettings

__all__ = ["OidcIdentity", "OidcUnavailableError", "OidcVerifier"]

_MIN_REFRESH_SECONDS = 60.0
"""An unknown key id refetches the JWKS at most this often (a token cannot force a fetch)."""
_JWKS_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class OidcIdentity:
    """A verified token's issuer and subject."""

    issuer: str
    subject: str


class OidcUnavailableError(Exception):
    """The provider's keys could not be read (the token may be good; try again later)."""


class OidcVerifier:
    """Verifies access tokens of one identity provider."""

    def __init__(self, settings: OidcSettings, *, client: PyJWKClient | None = None) -> None:
        self.settings = settings
        self._client = client or PyJWKClient(
            settings.jwks_url, cache_jwk_set=True, lifespan=300, timeout=_JWKS_TIMEOUT_SECONDS
        )
        self._lock = threading.Lock()
        self._refreshed = float("-inf")

    def verify(self, token: str) -> OidcIdentity | None:
        """The issuer and subject of ``token``, or ``None`` when it is not valid.

        Raises:
            OidcUnavailableError: the provider's JWKS cannot be fetched or read.
        """
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            return None
        alg, kid = header.get("alg"), header.get("kid")
        if alg not in self.settings.algorithms or not isinstance(kid, str) or not kid:
            return None
        key = self._key(kid)
        if key is None:
            return None
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=list(self.settings.algorithms),
                audience=self.settings.audience,
                issuer=self.settings.issuer,
                leeway=self.settings.leeway_seconds,
                options={"require": ["exp", "iss", "aud", self.settings.subject_claim]},
            )
        except (jwt.PyJWTError, ValueError, TypeError):  # a key of another type: not valid
            return None
        subject = claims.get(self.settings.subject_claim)
        if not isinstance(subject, str) or not subject:
            return None
        return OidcIdentity(issuer=self.settings.issuer, subject=subject)

    def _key(self, kid: str) -> PyJWK | None:
        """The provider's key ``kid``: from the cached JWKS, refetched at most once a minute."""
        try:
            found = _find(self._client.get_jwk_set(), kid)
            if found is not None:
                return found
            with self._lock:
                now = time.monotonic()
                if now - self._refreshed < _MIN_REFRESH_SECONDS:
                    return None
                self._refreshed = now
            return _find(self._client.get_jwk_set(refresh=True), kid)
        except jwt.PyJWKClientConnectionError as error:
            raise OidcUnavailableError(str(error)[:200]) from None
        except (jwt.PyJWKClientError, jwt.PyJWKSetError, jwt.InvalidKeyError) as error:
            raise OidcUnavailableError(str(error)[:200]) from None


def _find(keys: Any, kid: str) -> PyJWK | None:
    for key in keys.keys:
        if key.key_id == kid and key.public_key_use in (None, "sig"):
            assert isinstance(key, PyJWK)
            return key
    return None
