"""The service's settings: the ``[service]`` table of ``certflow.toml``, then the environment.

Every setting has an environment variable ``CERTFLOW_SERVICE_<NAME>`` (nested tables with
``__``, e.g. ``CERTFLOW_SERVICE_OIDC__ISSUER``), which wins over the file. The profile itself
(LSP name, code, zone, keys, store) is the one every command reads: ``CERTFLOW_CONFIG`` or
``./certflow.toml``; ``CERTFLOW_STORE`` wins over its store as it does for the command line.
Settings are read with pydantic-settings (its TOML and environment sources), so a wrong value
is an :class:`~certflow.engine.InvalidInputError` naming the setting, never a traceback.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    InitSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from certflow.application import validation_problem
from certflow.engine import InvalidInputError, Text

__all__ = ["OidcSettings", "ServiceSettings", "load_settings"]

_MAX_PROFILE_BYTES = 64 * 1024


class OidcSettings(BaseModel):
    """The LSP's OpenID Connect identity provider, whose access tokens the service accepts."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    issuer: Annotated[str, Field(min_length=8, max_length=300)]
    """The ``iss`` every token must carry, exactly."""
    audience: Annotated[str, Field(min_length=1, max_length=300)]
    """The ``aud`` every token must carry (the service's client id or URL)."""
    jwks_url: Annotated[str, Field(min_length=8, max_length=500)]
    """Where the provider publishes its signing keys (JWKS)."""
    algorithms: tuple[str, ...] = ("RS256",)
    """The signature algorithms accepted; pinned, never taken from the token's header."""
    subject_claim: str = "sub"
    """The claim naming the principal, linked to a person with ``certflow tokens link``."""
    leeway_seconds: Annotated[int, Field(ge=0, le=300)] = 30
    """Clock skew allowed on ``exp`` and ``nbf``."""

    @field_validator("algorithms")
    @classmethod
    def _algorithms(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        allowed = {"RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"}
        if not value or not set(value) <= allowed:
            raise ValueError(f"use one or more of {', '.join(sorted(allowed))}")
        return value


class ServiceSettings(BaseSettings):
    """How ``certflow serve`` runs: where it listens, who it trusts, what it publishes."""

    model_config = SettingsConfigDict(
        env_prefix="CERTFLOW_SERVICE_",
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    host: str = "127.0.0.1"
    """The address to listen on (behind a reverse proxy: loopback)."""
    port: Annotated[int, Field(ge=1, le=65535)] = 8000
    workers: Annotated[int, Field(ge=1, le=64)] = 1
    """uvicorn worker processes; each opens the store once."""
    base_url: Annotated[str | None, Field(max_length=200)] = None
    """The public address the service is mounted at: the QR code of every certificate printed
    holds ``<base_url>/v/<token>``. Default: the profile's ``verification_url`` itself, path
    included (``https://lsp.example/verifikasi``): behind a reverse proxy that serves the
    service under that path, set ``root_path`` to it. Keep the two equal, or the certificates
    printed point elsewhere than the service."""
    root_path: Annotated[str, Field(max_length=200, pattern=r"^(/[A-Za-z0-9._~-]+)*$")] = ""
    """The path prefix a reverse proxy serves the service under and strips before passing the
    request on (``/verifikasi`` when ``base_url`` is ``https://lsp.example/verifikasi``): given
    to uvicorn as its ``root_path``, so the pages' own links carry it. Empty: served at ``/``."""
    store: Annotated[str | None, Field(max_length=500)] = None
    """The store URL; default ``CERTFLOW_STORE``, then the profile's, then certflow's."""
    oidc: OidcSettings | None = None
    """Accept access tokens from this identity provider (besides certflow's own API tokens)."""
    trusted_proxies: tuple[str, ...] = ("127.0.0.1",)
    """Addresses whose ``X-Forwarded-For`` is believed (for rate limits and logs)."""
    verification_token_burst: Annotated[int, Field(ge=1, le=100_000)] = 30
    """Verification answers by token (``/v/<token>``, ``/v1/verifications/<token>``) one client
    address may ask for in a burst before it must wait (a token bucket per worker process)."""
    verification_token_per_minute: Annotated[float, Field(gt=0, le=100_000)] = 30.0
    """How fast that allowance comes back: answers by token per minute and client address."""
    verification_lookup_burst: Annotated[int, Field(ge=1, le=10_000)] = 5
    """Look-ups by number and name (``/verify``, ``/v1/verifications?number=&name=``) one
    client address may make in a burst: fewer than by token, against guessing names."""
    verification_lookup_per_minute: Annotated[float, Field(gt=0, le=10_000)] = 2.0
    """How fast that allowance comes back: look-ups per minute and client address."""
    log_level: str = "info"
    language: str = "id"
    """The language of answers when a request's ``Accept-Language`` names neither id nor en."""

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in ("id", "en"):
            raise ValueError("use id or en")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Arguments first, then the environment, then the profile's ``[service]`` table."""
        return (init_settings, env_settings, InitSettingsSource(settings_cls, _file_table()))


def profile_path() -> Path | None:
    """The profile file: ``CERTFLOW_CONFIG``, else ``./certflow.toml`` when it exists."""
    named = os.environ.get("CERTFLOW_CONFIG")
    if named:
        return Path(named)
    local = Path("certflow.toml")
    return local if local.is_file() else None


def _file_table() -> dict[str, Any]:
    path = profile_path()
    if path is None:
        return {}
    try:
        raw = path.read_bytes()[: _MAX_PROFILE_BYTES + 1]
        if len(raw) > _MAX_PROFILE_BYTES:
            raise InvalidInputError([Text("{path}: the profile is too large", path=path)])
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InvalidInputError(
            [Text("{path}: the profile cannot be read ({error})", path=path, error=error)]
        ) from None
    table = data.get("service", {})
    if not isinstance(table, dict):
        raise InvalidInputError([Text("{path}: [service] must be a table", path=path)])
    return table


def load_settings(**given: Any) -> ServiceSettings:
    """The service's settings from ``given``, the environment and the profile.

    Raises:
        InvalidInputError: a setting is unknown or invalid; the message names it.
    """
    try:
        return ServiceSettings(**given)
    except ValidationError as error:
        problems = [
            Text(
                "service setting {name}: {message}",
                name=".".join(str(part) for part in item["loc"]) or "-",
                message=validation_problem(item),
            )
            for item in error.errors()
        ]
        raise InvalidInputError(problems) from None
