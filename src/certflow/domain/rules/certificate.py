"""Rules of the certificate and its maintenance."""

from __future__ import annotations

from certflow.domain.rules.context import Context, T, codes
from certflow.engine import Text, rule

__all__ = [
    "grounds_from_scheme",
    "number_is_given",
    "reissue_has_reason",
    "surveillance_recorded",
    "suspension_resolvable",
    "validity_ended",
]

# -- after the certificate ------------------------------------------------------------------


@rule(
    "R37",
    T("A certificate number is given once and never changes."),
)
def number_is_given(ctx: Context) -> Text | None:
    """R37 (uniqueness is enforced by the store; see docs/architecture.md)."""
    if ctx.trigger == "record_registration_number":
        if not ctx.number.strip():
            return T("the registration number is empty")
        if ctx.cert.state.registration_number is not None:
            number = ctx.cert.state.registration_number
            return T(
                "a registration number ({number}) is recorded already and never changes",
                number=number,
            )
        return None
    if not ctx.number.strip():
        return T("the certificate number is empty; let certflow allocate it")
    if ctx.cert.state.certificate_number is not None:
        number = ctx.cert.state.certificate_number
        return T("a certificate number ({number}) is already given", number=number)
    return None


@rule(
    "R43",
    T(
        "Surveillance is recorded on a valid certificate, with its "
        "result; an overdue one escalates: a reminder, a warning with a "
        "deadline, then the scheme's sanction.",
    ),
)
def surveillance_recorded(ctx: Context) -> Text | None:
    """R43."""
    if ctx.reason.strip():
        return None
    return T("record a summary of the surveillance (e.g. logbook or activity report)")


@rule(
    "R44",
    T("A suspension has a resolve-by date; unresolved by then, the certificate is revoked."),
)
def suspension_resolvable(ctx: Context) -> Text | None:
    """R44."""
    cert = ctx.cert
    if ctx.trigger == "suspend":
        if ctx.resolve_by is None or ctx.resolve_by <= ctx.today:
            return T("the suspension's resolve-by date must be after today")
        return None
    if ctx.trigger == "revoke":
        if ctx.grounds != "suspension_unresolved":
            return None
        if (
            cert.state.suspension_resolve_by is not None
            and ctx.today > cert.state.suspension_resolve_by
        ):
            return None
        return T("the suspension has not passed its resolve-by date")
    if ctx.reason.strip():  # lifting
        return None
    return T("lifting a suspension needs a reason (how the matter was resolved)")


@rule(
    "R45",
    T("A suspension or revocation cites grounds from the scheme's list."),
)
def grounds_from_scheme(ctx: Context) -> Text | None:
    """R45."""
    policy = ctx.cert.state.policy
    allowed = policy.suspension_grounds if ctx.trigger == "suspend" else policy.revocation_grounds
    if ctx.grounds in allowed:
        return None
    return T(
        "grounds {value} are not in the scheme's list: {codes}",
        value=ctx.grounds or "-",
        codes=codes(allowed),
    )


@rule(
    "R46",
    T("A certificate expires after the last day of its validity."),
)
def validity_ended(ctx: Context) -> Text | None:
    """R46."""
    until = ctx.cert.state.valid_until
    if until is not None and ctx.today > until:
        return None
    shown = until.isoformat() if until else "-"
    return T("the certificate is valid until {shown}", shown=shown)


@rule(
    "R48",
    T(
        "A duplicate certificate keeps number, registration and validity and voids earlier copies.",
    ),
)
def reissue_has_reason(ctx: Context) -> Text | None:
    """R48."""
    if ctx.reason.strip():
        return None
    return T("give the reason for the duplicate (e.g. lost or damaged)")
