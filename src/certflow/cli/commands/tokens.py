"""``certflow tokens``: credentials for the HTTP service (``certflow serve``).

``create`` issues an API token to a person in the register and prints it once (only a digest
is recorded); ``revoke`` ends it; ``list`` shows them without secrets. ``link-oidc`` links a
subject of the LSP's identity provider to a person, ``unlink-oidc`` ends that, ``links`` lists
them. Who acts is named with ``--as``: the head of the LSP or the LSP admin, by appointment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console

from certflow.application import ApiTokenView, IdentityLinkView
from certflow.cli.acting import As, acting
from certflow.cli.app import Store, opened, refusals
from certflow.cli.console import escape, t
from certflow.cli.formats import FormatOption, JsonAlias, chosen
from certflow.cli.render.tables import Column, Format, Row, emit
from certflow.engine import Text

__all__ = ["commands"]

commands = typer.Typer(
    name="tokens",
    help="Credentials for the HTTP service: API tokens and identity-provider links.",
    no_args_is_help=True,
)

Person = Annotated[
    str,
    typer.Option(
        "--person",
        help="Whose credential: a person id or MET number in the register, an assessor's "
        "register id, or a candidate's subject id.",
    ),
]
Subject = Annotated[
    str, typer.Option("--subject", help="The subject (sub) as the identity provider sends it.")
]
Issuer = Annotated[
    str,
    typer.Option(
        "--issuer",
        envvar="CERTFLOW_SERVICE_OIDC__ISSUER",
        help="The identity provider's issuer (iss), exactly as in the service's settings.",
    ),
]

TOKEN_COLUMNS = (
    Column("token_id", Text("token id")),
    Column("person_id", Text("person")),
    Column("label", Text("label")),
    Column("status", Text("status")),
    Column("expires_at", Text("expires")),
    Column("issued_by", Text("issued by")),
    Column("issued_at", Text("issued"), in_table=False),
    Column("revoked_by", Text("revoked by"), in_table=False),
    Column("revoked_at", Text("revoked"), in_table=False),
)
LINK_COLUMNS = (
    Column("issuer", Text("issuer")),
    Column("subject_digest", Text("subject (SHA-256)")),
    Column("person_id", Text("person")),
    Column("status", Text("status")),
    Column("linked_by", Text("linked by")),
    Column("linked_at", Text("linked"), in_table=False),
)


def _seconds(moment: datetime | None) -> datetime | None:
    return moment.replace(microsecond=0) if moment is not None else None


def _token_row(view: ApiTokenView) -> Row:
    return {
        "token_id": view.token_id,
        "person_id": view.person_id,
        "label": view.label,
        "status": view.status,
        "expires_at": _seconds(view.expires_at),
        "issued_by": view.issued_by,
        "issued_at": _seconds(view.issued_at),
        "revoked_by": view.revoked_by,
        "revoked_at": _seconds(view.revoked_at),
    }


def _link_row(view: IdentityLinkView) -> Row:
    return {
        "issuer": view.issuer,
        "subject_digest": view.subject_digest,
        "person_id": view.person_id,
        "status": view.status,
        "linked_by": view.linked_by,
        "linked_at": _seconds(view.linked_at),
    }


@commands.command()
@refusals
def create(
    person: Person,
    who: As = None,
    days: Annotated[
        int, typer.Option("--days", help="How long it lasts, 1 to 366 days.", min=1, max=366)
    ] = 90,
    label: Annotated[
        str, typer.Option("--label", help="What it is for, e.g. the system that uses it.")
    ] = "",
    store: Store = None,
) -> None:
    """Issue an API token to a person in the register; it is printed once, never again."""
    with opened(store) as lsp:
        issued = lsp.issue_api_token(
            person_id=person, days=days, label=label, actor=acting(lsp, who, "issue_api_token")
        )
    console = Console(stderr=True)
    console.print(
        t(
            "API token {token_id} for {person}, valid until {until}. It is shown only now; "
            "give it to its holder and keep it secret:",
            token_id=issued.token_id,
            person=escape(issued.person_id),
            until=issued.expires_at.isoformat(timespec="minutes"),
        )
    )
    typer.echo(issued.token)


@commands.command()
@refusals
def revoke(
    token_id: Annotated[str, typer.Argument(help="The token's id (tokens list shows them).")],
    who: As = None,
    reason: Annotated[str, typer.Option("--reason", help="Why it is revoked.")] = "",
    store: Store = None,
) -> None:
    """Revoke an API token: it authenticates nobody from now on."""
    with opened(store) as lsp:
        lsp.revoke_api_token(token_id, reason=reason, actor=acting(lsp, who, "revoke_api_token"))
    Console().print(f"{t('API token revoked')}: {escape(token_id.strip())}")


@commands.command("list")
@refusals
def list_(
    person: Annotated[str | None, typer.Option("--person", help="Only this person's.")] = None,
    store: Store = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """Every API token, newest first: whose, status, expiry (never a secret)."""
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        rows = [_token_row(v) for v in lsp.list_api_tokens(person_id=person)]
    if fmt is Format.TABLE and not rows:
        Console().print(t("no API tokens"))
        return
    emit(fmt, TOKEN_COLUMNS, rows, title=t("API tokens"))


@commands.command("link-oidc")
@refusals
def link_oidc(
    person: Person, subject: Subject, issuer: Issuer, who: As = None, store: Store = None
) -> None:
    """Link an identity-provider subject to a person (only its SHA-256 digest is recorded)."""
    with opened(store) as lsp:
        digest = lsp.link_identity(
            issuer=issuer,
            subject=subject,
            person_id=person,
            actor=acting(lsp, who, "link_identity"),
        )
    Console().print(f"{t('identity linked')}: {escape(person)} ({digest[:16]})")


@commands.command("unlink-oidc")
@refusals
def unlink_oidc(
    subject: Subject,
    issuer: Issuer,
    who: As = None,
    reason: Annotated[str, typer.Option("--reason", help="Why it is unlinked.")] = "",
    store: Store = None,
) -> None:
    """Unlink an identity-provider subject: it authenticates nobody from now on."""
    with opened(store) as lsp:
        lsp.unlink_identity(
            issuer=issuer, subject=subject, reason=reason, actor=acting(lsp, who, "unlink_identity")
        )
    Console().print(t("identity unlinked"))


@commands.command()
@refusals
def links(store: Store = None, output: FormatOption = None, as_json: JsonAlias = False) -> None:
    """Every identity-provider link: issuer, subject digest, person, status."""
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        rows = [_link_row(v) for v in lsp.list_identity_links()]
    if fmt is Format.TABLE and not rows:
        Console().print(t("no identity links"))
        return
    emit(fmt, LINK_COLUMNS, rows, title=t("Identity links"))
