"""Signed checkpoints: ``checkpoint`` makes one, ``prove`` makes proofs, ``witness`` checks them.

``verify --checkpoint`` (in :mod:`.audit`) checks the store against checkpoints.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

import typer
from rich.console import Console

from certflow import checkpoint_key
from certflow.application import (
    CheckpointKey,
    ForgedNoteError,
    SignedCheckpoint,
    check_consistency,
    check_inclusion,
)
from certflow.cli import profile as profiles
from certflow.cli.app import EXIT_FAILED, Store, opened, refusals, resolve_record
from certflow.cli.console import t
from certflow.engine import InvalidInputError, Text

__all__ = ["commands", "prove", "witness"]

commands = typer.Typer()
prove = typer.Typer(
    name="prove", help="Proofs for witnesses, from the store.", no_args_is_help=True
)
witness = typer.Typer(
    name="witness",
    help="Check proofs against checkpoints, without the store.",
    no_args_is_help=True,
)

PrivateKey = Annotated[
    Path | None,
    typer.Option(
        "--key",
        envvar="CERTFLOW_SIGNING_KEY",
        help="The LSP's private signing key [default: lsp-signing.key in the profile's key dir].",
    ),
]
PublicKey = Annotated[
    Path | None,
    typer.Option("--public-key", envvar="CERTFLOW_PUBLIC_KEY", help="The LSP's public key."),
]
LspCode = Annotated[
    str | None,
    typer.Option(help="The LSP's code, in the checkpoint's origin [default: the profile's]."),
]


def read_note(path: Path, key: CheckpointKey) -> SignedCheckpoint:
    """A checkpoint file, its signature checked; a forged or unreadable one is refused."""
    try:
        return key.read(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInputError([f"{path}: {error.strerror}"]) from None
    except (ForgedNoteError, UnicodeDecodeError) as error:
        raise InvalidInputError(
            [Text("{path}: forged or malformed checkpoint: {error}", path=path, error=error)]
        ) from None


def _public(lsp_code: str | None, public_key: Path | None) -> CheckpointKey:
    if public_key is None:
        found = profiles.key_dir(None) / "lsp-signing.pub"
        if profiles.profile() is None or not found.is_file():
            raise InvalidInputError([Text("--public-key (or CERTFLOW_PUBLIC_KEY) is needed")])
        public_key = found
    return checkpoint_key(profiles.lsp_code(lsp_code), public=public_key)


def _print(value: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(value, indent=2) + "\n")


@commands.command("checkpoint")
@refusals
def checkpoint(
    store: Store = None,
    key: PrivateKey = None,
    out: Annotated[
        Path | None, typer.Option(help="Also write the signed note here, for publication.")
    ] = None,
    lsp_code: LspCode = None,
) -> None:
    """Sign the log's size and Merkle root with the LSP's key and append it to the log."""
    signing = checkpoint_key(
        profiles.lsp_code(lsp_code), private=key or profiles.key_dir(None) / "lsp-signing.key"
    )
    with opened(store, lsp_code=lsp_code) as lsp:
        signed = lsp.checkpoint(key=signing, every=0)
    if signed is None:
        raise InvalidInputError([Text("the store is empty: nothing to checkpoint")])
    if out is not None:
        out.write_text(signed.text, encoding="utf-8")
    sys.stdout.write(signed.text)


@prove.command("inclusion")
@refusals
def prove_inclusion(
    target: Annotated[
        str, typer.Argument(help="An event position (1, 2, ...), certification id or number.")
    ],
    checkpoint: Annotated[Path, typer.Option(help="The checkpoint the proof is for.")],
    store: Store = None,
    public_key: PublicKey = None,
    lsp_code: LspCode = None,
) -> None:
    """Print (JSON) the proof that an event, or a certificate's printing, is in a checkpoint."""
    key = _public(lsp_code, public_key)
    note = read_note(checkpoint, key)
    with opened(store, lsp_code=lsp_code, readonly=True) as lsp:
        if target.strip().isdigit():
            proof = lsp.prove_inclusion(size=note.size, position=int(target))
        else:
            cid: UUID = resolve_record(lsp, target).id
            proof = lsp.prove_inclusion(size=note.size, certification_id=cid)
    _print({**proof, "checkpoint": note.text})


@prove.command("consistency")
@refusals
def prove_consistency(
    old: Annotated[Path, typer.Option(help="The earlier checkpoint.")],
    new: Annotated[Path, typer.Option(help="The later checkpoint.")],
    store: Store = None,
    public_key: PublicKey = None,
    lsp_code: LspCode = None,
) -> None:
    """Print (JSON) the proof that the log of the old checkpoint is a prefix of the new one's."""
    key = _public(lsp_code, public_key)
    before, after = read_note(old, key), read_note(new, key)
    with opened(store, lsp_code=lsp_code, readonly=True) as lsp:
        _print(lsp.prove_consistency(old=before.size, new=after.size))


def _proof(path: Path) -> dict[str, Any]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InvalidInputError(
            [Text("{path}: not a proof: {error}", path=path, error=error)]
        ) from None
    if not isinstance(value, dict):
        raise InvalidInputError([Text("{path}: not a proof", path=path)])
    return value


@witness.command("check")
@refusals
def witness_check(
    old: Annotated[Path, typer.Option(help="The earlier checkpoint.")],
    new: Annotated[Path, typer.Option(help="The later checkpoint.")],
    proof: Annotated[Path, typer.Option(help="The proof from 'certflow prove consistency'.")],
    public_key: PublicKey = None,
    lsp_code: LspCode = None,
) -> None:
    """Check, without the store, that the new checkpoint's log extends the old one's."""
    key = _public(lsp_code, public_key)
    before, after = read_note(old, key), read_note(new, key)
    if not check_consistency(_proof(proof), before, after):
        Console().print(t("[red]inconsistent[/]: the new log does not extend the old one"))
        raise typer.Exit(EXIT_FAILED)
    Console().print(
        t(
            "[green]consistent[/]: {after_size} events extend the first {before_size}",
            after_size=after.size,
            before_size=before.size,
        )
    )


@witness.command("inclusion")
@refusals
def witness_inclusion(
    proof: Annotated[Path, typer.Option(help="The proof from 'certflow prove inclusion'.")],
    checkpoint: Annotated[
        Path | None, typer.Option(help="The checkpoint (default: the one inside the proof).")
    ] = None,
    public_key: PublicKey = None,
    lsp_code: LspCode = None,
) -> None:
    """Check, without the store, that an event is in a checkpoint's log (exit 1 if not)."""
    key = _public(lsp_code, public_key)
    value = _proof(proof)
    if checkpoint is None:
        try:
            note = key.read(str(value.get("checkpoint", "")))
        except ForgedNoteError as error:
            raise InvalidInputError(
                [Text("forged or malformed checkpoint: {error}", error=error)]
            ) from None
    else:
        note = read_note(checkpoint, key)
    if not check_inclusion(value, note):
        Console().print(t("[red]not included[/]"))
        raise typer.Exit(EXIT_FAILED)
    Console().print(
        t(
            "[green]included[/]: event {value} of {note_size}",
            value=value["position"],
            note_size=note.size,
        )
    )
