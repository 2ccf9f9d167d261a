"""The LSP profile commands read: ``--config``, ``CERTFLOW_CONFIG`` or ``./certflow.toml``.

Each value a command needs is taken from, in this order: its command-line flag, its environment
variable (``CERTFLOW_STORE``...), the profile, certflow's default. The profile is read once per
command, when a command first asks for a value; a profile named with ``--config`` or
``CERTFLOW_CONFIG`` must exist, ``./certflow.toml`` is used only when it is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from certflow import PROFILE_FILE, CertificateProfile, LspProfile, load_profile
from certflow.application import DEFAULT_STORE, RetentionPolicy
from certflow.domain import business_zone
from certflow.engine import InvalidInputError, Text

__all__ = [
    "certificate_profile",
    "choose",
    "chosen_profile_path",
    "key_dir",
    "lsp_code",
    "profile",
    "retention",
    "signing_key",
    "store_url",
    "zone",
]

DEFAULT_LSP_CODE = "LSP"
"""The LSP code when neither ``--lsp-code`` nor a profile gives one."""


@dataclass
class _Choice:
    path: Path | None = None
    named: bool = False
    loaded: LspProfile | None = None
    read: bool = False


_choice = _Choice()


def choose(path: Path | None) -> None:
    """Use the profile at ``path`` (from ``--config``/``CERTFLOW_CONFIG``) for this command.

    ``None`` means ``./certflow.toml`` if there is one. The file is read when first needed.
    """
    global _choice
    _choice = _Choice(path=path, named=path is not None)


def chosen_profile_path() -> Path:
    """Where this command's profile is, or would be written by ``certflow init``."""
    return _choice.path if _choice.path is not None else Path(PROFILE_FILE)


def profile() -> LspProfile | None:
    """This command's LSP profile, or None when none is named and ``./certflow.toml`` is absent.

    Raises:
        InvalidInputError: the profile is invalid.
        OSError: a profile named with ``--config`` cannot be read.
    """
    if not _choice.read:
        path = chosen_profile_path()
        if _choice.named or path.is_file():
            _choice.loaded = load_profile(path)
        _choice.read = True
    return _choice.loaded


def store_url(flag: str | None) -> str:
    """The store: ``--store``/``CERTFLOW_STORE``, else the profile's, else the default."""
    if flag is not None:
        return flag
    found = profile()
    return found.store if found is not None and found.store else DEFAULT_STORE


def lsp_code(flag: str | None) -> str:
    """The LSP code: ``--lsp-code``, else the profile's, else ``LSP``."""
    if flag is not None:
        return flag
    found = profile()
    return found.code if found is not None else DEFAULT_LSP_CODE


def key_dir(flag: Path | None) -> Path:
    """The key folder: ``--dir``/``--key-dir``, else the profile's, else ``./keys``."""
    if flag is not None:
        return flag
    found = profile()
    return found.keys.dir if found is not None else Path("keys")


def signing_key(flag: Path | None) -> Path | None:
    """A private token key named by ``--key`` or the profile's ``keys.signing``, if any."""
    if flag is not None:
        return flag
    found = profile()
    return found.keys.signing if found is not None else None


def retention() -> RetentionPolicy:
    """The LSP's retention schedule: the profile's ``retention_months``, else 36 months."""
    found = profile()
    return RetentionPolicy(min_retention_months=found.retention_months if found else 36)


def zone() -> tzinfo:
    """The LSP's business time zone: the profile's, else Asia/Jakarta (WIB)."""
    found = profile()
    return business_zone(found.timezone if found is not None else "Asia/Jakarta")


def certificate_profile(*, lsp_name: str | None, verify_url: str | None) -> CertificateProfile:
    """What certificates print: the profile, with ``--lsp-name`` and ``--verify-url`` over it.

    Raises:
        InvalidInputError: there is no profile (``certflow init`` writes one).
    """
    found = profile()
    if found is None:
        raise InvalidInputError(
            [
                Text(
                    "no LSP profile ({chosen_profile_path}): a certificate prints "
                    "the LSP's name, licence, place of issue and signatories from "
                    "it; write one with certflow init",
                    chosen_profile_path=chosen_profile_path(),
                )
            ]
        )
    printed = found.certificate_profile()
    changes = {
        name: value
        for name, value in (("lsp_name", lsp_name), ("verification_url", verify_url))
        if value is not None
    }
    return CertificateProfile.model_validate({**printed.model_dump(), **changes})
