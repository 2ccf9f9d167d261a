"""The LSP's registers: ``scheme``, ``assessor``, ``tuk``, ``session`` and ``candidate``.

Whoever records something is named with ``--as`` (their role comes from the personnel register)
and may enter it at an earlier time with ``--at``. Schemes are named by code, sessions by code,
TUKs by name, assessors by MET number, id or name. Besides adding and listing: ``scheme
retire``, ``assessor renew`` and ``tuk suspend|reinstate|expire``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from certflow.cli import lookup, render
from certflow.cli.acting import As, At, acting, assessor_key, record_at
from certflow.cli.app import JsonFlag, Store, opened, parse_day, refusals
from certflow.cli.console import escape, print_json, t
from certflow.cli.formats import FormatOption, JsonAlias, chosen
from certflow.cli.labels import Labels
from certflow.cli.render.tables import Format, emit
from certflow.domain import TukKind

__all__ = ["assessors", "candidates", "schemes", "sessions", "tuks"]

schemes = typer.Typer(name="scheme", help="Certification schemes.", no_args_is_help=True)
assessors = typer.Typer(name="assessor", help="The assessors (MET).", no_args_is_help=True)
tuks = typer.Typer(name="tuk", help="Assessment venues (TUK, R16, R17).", no_args_is_help=True)
sessions = typer.Typer(name="session", help="Assessment sessions.", no_args_is_help=True)
candidates = typer.Typer(name="candidate", help="Candidates (asesi).", no_args_is_help=True)


@schemes.command("add")
@refusals
def add_scheme(
    code: Annotated[str, typer.Argument(help="The scheme's code, e.g. SKM/LSP-HG/MI/2024.")],
    title: Annotated[str, typer.Option(help="The scheme's title.")],
    who: As = None,
    unit: Annotated[
        list[str] | None, typer.Option(help="CODE=TITLE of a competency unit (repeat).")
    ] = None,
    units_file: Annotated[
        Path | None,
        typer.Option(help="A .json or .toml file: a list (or [[units]]) of {code, title}."),
    ] = None,
    prefix: Annotated[str, typer.Option(help="The certificate number's prefix.")] = "",
    number_format: Annotated[
        str, typer.Option(help="The certificate number's format.")
    ] = "{prefix}/{seq:05d}/{year}",
    description: Annotated[str, typer.Option(help="The scheme's basis (SKKNI...).")] = "",
    version: Annotated[int, typer.Option(help="The scheme's version.", min=1)] = 1,
    at: At = None,
    store: Store = None,
) -> None:
    """Add a certification scheme with its competency units."""
    units: Any = [{"code": c, "title": n} for c, n in lookup.pairs(unit or (), "--unit").items()]
    if units_file is not None:
        data = lookup.read_data(units_file)
        units = [*units, *(data.get("units", []) if isinstance(data, dict) else data)]
    with opened(store) as lsp:
        record_at(lsp, at)
        made = lsp.add_scheme(
            code=code,
            title=title,
            units=units,
            version=version,
            description=description,
            certificate_prefix=prefix,
            number_format=number_format,
            actor=acting(lsp, who, "add_scheme", scheme=code),
        )
    Console().print(f"{t('scheme added')}: {escape(code)} ({made})")


@schemes.command("list")
@refusals
def list_schemes(
    store: Store = None, output: FormatOption = None, as_json: JsonAlias = False
) -> None:
    """Every scheme with its units."""
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        found = lsp.list_schemes()
    if as_json:  # the older --json: each scheme's full record (docs/cli.md)
        print_json([s.model_dump(mode="json") for s in found])
        return
    emit(fmt, render.SCHEME_COLUMNS, render.scheme_rows(found), title=t("Certification schemes"))


@schemes.command("show")
@refusals
def show_scheme(
    code: Annotated[str, typer.Argument(help="The scheme's code or id.")],
    store: Store = None,
    as_json: JsonFlag = False,
) -> None:
    """One scheme (its active version)."""
    with opened(store, readonly=True) as lsp:
        found = lookup.scheme(lsp, code)
    if as_json:
        print_json(found.model_dump(mode="json"))
    else:
        emit(
            Format.TABLE,
            render.SCHEME_COLUMNS,
            render.scheme_rows([found]),
            title=t("Certification schemes"),
        )


@assessors.command("add")
@refusals
def add_assessor(
    met_number: Annotated[str, typer.Argument(help="The MET registration number.")],
    name: Annotated[str, typer.Option(help="The assessor's name.")],
    scheme: Annotated[list[str], typer.Option(help="A scheme code they may assess (repeat).")],
    licence_until: Annotated[str, typer.Option(help="Last day of the licence (YYYY-MM-DD).")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Add a licensed assessor (import assessors takes a whole file)."""
    until = parse_day(licence_until)
    with opened(store) as lsp:
        record_at(lsp, at)
        made = lsp.add_assessor(
            met_number=met_number,
            name=name,
            scheme_codes=scheme,
            licence_valid_until=until,
            actor=acting(lsp, who, "add_assessor"),
        )
    Console().print(f"{t('assessor added')}: {escape(met_number)} ({made})")


@assessors.command("list")
@refusals
def list_assessors(
    store: Store = None, output: FormatOption = None, as_json: JsonAlias = False
) -> None:
    """Every assessor with their schemes and licence."""
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        found = lsp.list_assessors()
    emit(fmt, render.ASSESSOR_COLUMNS, render.assessor_rows(found), title=t("Assessors"))


@tuks.command("propose")
@refusals
def propose_tuk(
    name: Annotated[str, typer.Argument(help="The venue's name, e.g. a hotel's.")],
    kind: Annotated[TukKind, typer.Option(help="sewaktu, tempat_kerja or mandiri.")],
    who: As = None,
    address: Annotated[str, typer.Option(help="The venue's address.")] = "",
    at: At = None,
    store: Store = None,
) -> None:
    """Propose a venue as a TUK."""
    with opened(store) as lsp:
        record_at(lsp, at)
        made = lsp.propose_tuk(
            name=name, kind=kind, address_ref=address, actor=acting(lsp, who, "propose_tuk")
        )
    Console().print(f"{t('TUK proposed')}: {escape(name)} ({made})")


@tuks.command("assign-verifier")
@refusals
def assign_verifier(
    name: Annotated[str, typer.Argument(help="The TUK's name or id.")],
    assessor: Annotated[str, typer.Option(help="The verifying assessor: MET number, id, name.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Assign the assessor who verifies the TUK."""
    with opened(store) as lsp:
        record_at(lsp, at)
        venue = lookup.tuk(lsp, name)
        chosen = assessor_key(lsp, assessor)
        lsp.assign_tuk_verifier(
            venue.id, assessor=str(chosen), actor=acting(lsp, who, "assign_tuk_verifier")
        )
    Console().print(f"{t('verifier assigned')}: {escape(venue.name)}")


@tuks.command("verify")
@refusals
def verify_tuk(
    name: Annotated[str, typer.Argument(help="The TUK's name or id.")],
    scheme: Annotated[list[str], typer.Option(help="A scheme code it is verified for (repeat).")],
    check: Annotated[list[str], typer.Option(help="ITEM=yes|no, one checklist item (repeat).")],
    who: As = None,
    session: Annotated[
        str | None, typer.Option(help="The session (TUK sewaktu / tempat kerja).")
    ] = None,
    valid_until: Annotated[str | None, typer.Option(help="Until (TUK mandiri).")] = None,
    at: At = None,
    store: Store = None,
) -> None:
    """The verifier records the TUK's verification against its checklist (R16)."""
    items = {
        item: answer.lower() in {"yes", "ya", "y", "true", "1"}
        for item, answer in lookup.pairs(check, "--check").items()
    }
    until = parse_day(valid_until) if valid_until else None
    with opened(store) as lsp:
        record_at(lsp, at)
        venue = lookup.tuk(lsp, name)
        chosen = [lookup.scheme(lsp, code) for code in scheme]
        fit = lsp.record_tuk_verification(
            venue.id,
            checklist=items,
            scheme_ids=[s.id for s in chosen],
            valid_until=until,
            session_code=session,
            actor=acting(lsp, who, "record_tuk_verification", scheme=chosen[0].code),
        )
    verdict = t("fit") if fit else t("unfit")
    Console().print(f"{t('TUK verified')}: {escape(venue.name)}: {verdict}")


@tuks.command("list")
@refusals
def list_tuks(store: Store = None, output: FormatOption = None, as_json: JsonAlias = False) -> None:
    """Every TUK with its verifications."""
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        found = lsp.list_tuks()
        rows = render.tuk_rows(found, Labels(lsp))
    if as_json:  # the older --json: each TUK's full record (docs/cli.md)
        print_json([k.model_dump(mode="json") for k in found])
        return
    emit(fmt, render.TUK_COLUMNS, rows, title=t("Assessment venues (TUK)"))


@sessions.command("plan")
@refusals
def plan_session(
    code: Annotated[str, typer.Argument(help="The session's code, e.g. EUK/HUMAS-POLRI/2024-11.")],
    title: Annotated[str, typer.Option(help="The session's title.")],
    venue: Annotated[str, typer.Option(help="The TUK's name (verified for the session).")],
    starts_on: Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD).")],
    ends_on: Annotated[str, typer.Option("--to", help="Last day (YYYY-MM-DD).")],
    scheme: Annotated[list[str], typer.Option(help="A scheme code offered (repeat).")],
    who: As = None,
    tuk_kind: Annotated[TukKind | None, typer.Option(help="The TUK's kind, if not sewaktu.")] = (
        None
    ),
    at: At = None,
    store: Store = None,
) -> None:
    """Plan an assessment session at a verified TUK (R16)."""
    first, last = parse_day(starts_on), parse_day(ends_on)
    with opened(store) as lsp:
        record_at(lsp, at)
        chosen = [lookup.scheme(lsp, c) for c in scheme]
        made = lsp.plan_session(
            code=code,
            title=title,
            venue=venue,
            starts_on=first,
            ends_on=last,
            scheme_ids=[s.id for s in chosen],
            tuk_kind=tuk_kind,
            actor=acting(lsp, who, "plan_session", scheme=chosen[0].code),
        )
    Console().print(f"{t('session planned')}: {escape(code)} ({made})")


@sessions.command("show")
@refusals
def show_session(
    code: Annotated[str, typer.Argument(help="The session's code or id.")],
    store: Store = None,
    as_json: JsonFlag = False,
) -> None:
    """One session: venue, days, schemes."""
    with opened(store, readonly=True) as lsp:
        found = lookup.session(lsp, code)
        codes = [lsp.get_scheme(s).code for s in found.scheme_ids]
    if as_json:
        print_json(found.model_dump(mode="json") | {"scheme_codes": codes})
    else:
        render.session_card(Console(), found, codes)


@candidates.command("add")
@refusals
def add_candidate(
    name: Annotated[str, typer.Option(help="The name as printed on the certificate.")],
    nik: Annotated[str, typer.Option(help="The NIK (16 digits).")],
    nrp: Annotated[str | None, typer.Option(help="The NRP (police officers).")] = None,
    rank: Annotated[str, typer.Option(help="Rank.")] = "",
    unit: Annotated[str, typer.Option(help="Unit (satuan kerja).")] = "",
    position: Annotated[str, typer.Option(help="Position.")] = "",
    store: Store = None,
) -> None:
    """Put a candidate's personal data on file (the subject store); prints the subject id."""
    with opened(store) as lsp:
        made = lsp.add_candidate(
            name=name, nik=nik, nrp=nrp, rank=rank, unit=unit, position=position
        )
    Console().print(f"{t('candidate on file')}: {made}")


TukName = Annotated[str, typer.Argument(help="The TUK's name or id.")]


@schemes.command("retire")
@refusals
def retire_scheme(
    code: Annotated[str, typer.Argument(help="The scheme's code or id.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Retire a scheme (its active version): no registration may name it any more (R1)."""
    with opened(store) as lsp:
        record_at(lsp, at)
        found = lookup.scheme(lsp, code)
        lsp.retire_scheme(found.id, actor=acting(lsp, who, "retire_scheme", scheme=found.code))
    Console().print(f"{t('scheme retired')}: {escape(found.code)} v{found.version}")


@assessors.command("renew")
@refusals
def renew_assessor(
    assessor: Annotated[str, typer.Argument(help="The assessor: MET number, id or name.")],
    until: Annotated[str, typer.Option(help="Last day of the renewed licence (YYYY-MM-DD).")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Record an assessor's renewed licence, to its new last day."""
    last = parse_day(until)
    with opened(store) as lsp:
        record_at(lsp, at)
        found = assessor_key(lsp, assessor)
        lsp.renew_assessor_licence(found, valid_until=last, actor=acting(lsp, who, "renew_licence"))
    Console().print(f"{t('licence renewed')}: {escape(assessor.strip())} ({last})")


@tuks.command("suspend")
@refusals
def suspend_tuk(
    name: TukName,
    reason: Annotated[str, typer.Option(help="Why the TUK is suspended.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Suspend a verified TUK: no session is planned and no interview recorded there."""
    with opened(store) as lsp:
        record_at(lsp, at)
        venue = lookup.tuk(lsp, name)
        lsp.suspend_tuk(venue.id, reason=reason, actor=acting(lsp, who, "suspend_tuk"))
    Console().print(f"{t('TUK suspended')}: {escape(venue.name)}")


@tuks.command("reinstate")
@refusals
def reinstate_tuk(name: TukName, who: As = None, at: At = None, store: Store = None) -> None:
    """Lift a TUK's suspension."""
    with opened(store) as lsp:
        record_at(lsp, at)
        venue = lookup.tuk(lsp, name)
        lsp.reinstate_tuk(venue.id, actor=acting(lsp, who, "reinstate_tuk"))
    Console().print(f"{t('TUK reinstated')}: {escape(venue.name)}")


@tuks.command("expire")
@refusals
def expire_tuk(name: TukName, who: As = None, at: At = None, store: Store = None) -> None:
    """End a TUK's verification now, before its window ends."""
    with opened(store) as lsp:
        record_at(lsp, at)
        venue = lookup.tuk(lsp, name)
        lsp.expire_tuk(venue.id, actor=acting(lsp, who, "expire_tuk"))
    Console().print(f"{t('TUK verification ended')}: {escape(venue.name)}")
