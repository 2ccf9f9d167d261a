"""The LSP profile as a TOML file (``certflow.toml``): read with ``tomllib``, written as text.

The file has four parts: ``[lsp]`` (who the LSP is and how it prints), ``[store]`` (``url``),
``[keys]`` (where the keys are) and one ``[[signatories]]`` table per signature block. Relative
paths (logo, signature images, keys, a relative SQLite file) are read against the folder the
file is in, so a command finds the same files wherever it is run from. Every problem is an
:class:`~certflow.engine.InvalidInputError` naming the file and the setting, never a traceback.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from certflow.application.profile import LspProfile
from certflow.engine import InvalidInputError, Text

__all__ = ["PROFILE_FILE", "load_profile", "profile_from", "profile_text", "write_profile"]

PROFILE_FILE = "certflow.toml"
"""The profile's file name; commands read ``./certflow.toml`` when no ``--config`` is given."""

_MAX_BYTES = 64 * 1024
_MAX_IMAGE_BYTES = 2 * 1024 * 1024
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
_LSP_KEYS = (
    "name",
    "code",
    "licence",
    "address",
    "place_of_issue",
    "timezone",
    "verification_url",
    "logo",
    "retention_months",
)
_KEY_KEYS = ("dir", "signing", "pdf_key", "pdf_certificate", "pdf_pkcs12")


def _setting(location: tuple[int | str, ...]) -> str:
    """The name a profile setting has in the file, from a pydantic error location."""
    head, *rest = location
    if head == "signatories" and rest and isinstance(rest[0], int):
        return ".".join([f"signatories[{rest[0] + 1}]", *map(str, rest[1:])])
    if head == "store":
        return "store.url"
    if head == "keys":
        return ".".join(["keys", *map(str, rest)])
    return ".".join(["lsp", str(head), *map(str, rest)])


def _table(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise InvalidInputError([Text("{path}: [{name}] must be a table", path=path, name=name)])
    return value


def _resolve(base: Path, value: Any) -> Any:
    if isinstance(value, str) and value.strip():
        path = Path(value.strip()).expanduser()
        return path if path.is_absolute() else base / path
    return value


def _store_url(base: Path, url: Any) -> Any:
    """A relative SQLite file is read against the profile's folder."""
    if isinstance(url, str) and url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        rest = url[len("sqlite:///") :]
        if rest and not rest.startswith(":memory:"):
            return f"sqlite:///{base / rest}"
    return url


def _fields(data: dict[str, Any], path: Path) -> dict[str, Any]:
    base = path.parent.resolve()
    unknown = sorted(set(data) - {"lsp", "store", "keys", "signatories", "service"})
    if unknown:
        raise InvalidInputError(
            [Text("{path}: unknown section {unknown}", path=path, unknown=", ".join(unknown))]
        )
    lsp, store, keys = (_table(data, name, path) for name in ("lsp", "store", "keys"))
    problems = [f"{path}: unknown setting lsp.{k}" for k in sorted(set(lsp) - set(_LSP_KEYS))]
    problems += [f"{path}: unknown setting store.{k}" for k in sorted(set(store) - {"url"})]
    problems += [f"{path}: unknown setting keys.{k}" for k in sorted(set(keys) - set(_KEY_KEYS))]
    signatories = data.get("signatories", [])
    if not isinstance(signatories, list) or not all(isinstance(s, dict) for s in signatories):
        problems.append(f"{path}: signatories must be [[signatories]] tables")
        signatories = []
    if problems:
        raise InvalidInputError(problems)
    fields: dict[str, Any] = dict(lsp)
    if "logo" in fields:
        fields["logo"] = _resolve(base, fields["logo"])
    if "url" in store:
        fields["store"] = _store_url(base, store["url"])
    fields["keys"] = {name: _resolve(base, value) for name, value in keys.items()}
    fields["keys"].setdefault("dir", base / "keys")
    fields["signatories"] = [
        {
            **entry,
            **({"signature": _resolve(base, entry["signature"])} if "signature" in entry else {}),
        }
        for entry in signatories
    ]
    return fields


def _check_image(path: Path | None, setting: str, problems: list[str]) -> None:
    if path is None:
        return
    try:
        with path.open("rb") as image:
            head = image.read(8)
            image.seek(0, os.SEEK_END)
            size = image.tell()
    except OSError as error:
        problems.append(f"{setting}: {path}: {error.strerror or error}")
        return
    if not head.startswith(_IMAGE_MAGIC):
        problems.append(f"{setting}: {path} is not a PNG or JPEG image")
    elif size > _MAX_IMAGE_BYTES:
        problems.append(f"{setting}: {path} is over 2 MiB; use a smaller image")


def profile_from(fields: dict[str, Any], source: str = "profile") -> LspProfile:
    """An :class:`LspProfile` from its fields, each problem named as the file names it.

    Raises:
        InvalidInputError: a field is missing or invalid (``lsp.code: ...``), or a logo or
            signature image is missing, not a PNG/JPEG, or over 2 MiB.
    """
    try:
        profile = LspProfile.model_validate(fields)
    except ValidationError as error:
        raise InvalidInputError(
            [
                f"{source}: {_setting(e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
                for e in error.errors()
            ]
        ) from None
    problems: list[str] = []
    _check_image(profile.logo, "lsp.logo", problems)
    for number, signatory in enumerate(profile.signatories, start=1):
        _check_image(signatory.signature, f"signatories[{number}].signature", problems)
    if problems:
        raise InvalidInputError([f"{source}: {problem}" for problem in problems])
    return profile


def load_profile(path: Path) -> LspProfile:
    """The LSP profile in the TOML file at ``path``.

    Raises:
        InvalidInputError: the file is too large, not UTF-8 TOML, has an unknown or invalid
            setting, or names an image that is missing or not a PNG/JPEG.
        OSError: the file cannot be read.
    """
    path = Path(path)
    with path.open("rb") as handle:
        raw = handle.read(_MAX_BYTES + 1)
    if len(raw) > _MAX_BYTES:
        raise InvalidInputError([Text("{path}: over 64 KiB; a profile is a few lines", path=path)])
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInputError([Text("{path}: not UTF-8 text", path=path)]) from None
    except tomllib.TOMLDecodeError as error:
        raise InvalidInputError(
            [Text("{path}: not valid TOML: {error}", path=path, error=error)]
        ) from None
    return profile_from(_fields(data, path), str(path))


def _value(value: object) -> str:
    return json.dumps(str(value), ensure_ascii=False)


def profile_text(profile: LspProfile, base: Path | None = None) -> str:
    """The profile as ``certflow.toml`` text, with comments; paths relative to ``base``."""

    def where(path: Path) -> str:
        if base is not None and path.is_relative_to(base):
            return _value(path.relative_to(base).as_posix())
        return _value(path)

    lines = [
        "# certflow: the LSP profile. Every command reads it; command-line flags override it.",
        '# Reference: docs/cli.md ("The LSP profile"). Paths are relative to this file.',
        "",
        "[lsp]",
        f"name = {_value(profile.name)}",
        f"code = {_value(profile.code)}  # capitals, digits, hyphens; in tokens and numbers",
        f"licence = {_value(profile.licence)}  # the BNSP licence number",
        f"address = {_value(profile.address)}",
        f"place_of_issue = {_value(profile.place_of_issue)}",
        f"timezone = {_value(profile.timezone)}  # Asia/Jakarta, Asia/Makassar or Asia/Jayapura",
        f"verification_url = {_value(profile.verification_url)}",
        f"logo = {where(profile.logo)}" if profile.logo else '# logo = "logo.png"  # PNG/JPEG',
        f"retention_months = {profile.retention_months}  # R60: kept after a BK/withdrawal",
        "",
        "[store]",
        f"url = {_value(profile.store)}" if profile.store else '# url = "sqlite:///certflow.db"',
        "",
        "[keys]",
        f"dir = {where(profile.keys.dir)}  # the token key set and the PDF certificate",
        '# pdf_pkcs12 = "keys/lsp.p12"  # a CA\'s certificate (e.g. BSrE); passphrase in '
        "CERTFLOW_PDF_PASSPHRASE",
    ]
    for signatory in profile.signatories:
        lines += [
            "",
            "[[signatories]]",
            f"name = {_value(signatory.name)}",
            f"role_id = {_value(signatory.role_id)}",
            f"role_en = {_value(signatory.role_en)}",
            f"signature = {where(signatory.signature)}"
            if signatory.signature
            else '# signature = "signatures/name.png"  # PNG/JPEG, drawn above the line',
        ]
    return "\n".join(lines) + "\n"


def write_profile(path: Path, profile: LspProfile) -> None:
    """Write ``profile`` to a new file at ``path``; an existing file is never overwritten.

    Raises:
        InvalidInputError: ``path`` exists.
    """
    path = Path(path)
    text = profile_text(profile, path.parent.resolve())
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise InvalidInputError(
            [
                Text(
                    "{path} exists; a profile is never overwritten (edit it, or remove it first)",
                    path=path,
                )
            ]
        ) from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)
