"""The certification commands the API offers, as one table: move → facade method → request.

Each row names a method of :class:`~certflow.CertificationBody` (the move, as the workflow and
the register know it) and an example request. Its request model is built from the method's own
signature (:func:`request_model`): the keyword arguments other than the record's id and the
actor, each with the type the facade accepts, bounded against hostile input. The summary and
description of the operation are the method's docstring. Nothing here decides anything: the
route passes the validated fields to the method as keyword arguments.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model

from certflow import CertificationBody

__all__ = ["COMMANDS", "Command", "request_model"]

MAX_TEXT = 4000
"""The longest text field a command accepts (characters)."""
MAX_ITEMS = 200
"""The most items a list or mapping field of a command accepts."""

_SKIPPED = frozenset({"self", "certification_id", "actor"})
_TEXT = Annotated[str, Field(max_length=MAX_TEXT)]


def _is_mapping(hint: Any) -> bool:
    return get_origin(hint) in (Mapping, dict) or hint in (Mapping, dict)


def _is_model(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, BaseModel)


def _is_enum(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, Enum)


def _wire_type(hint: Any) -> Any:
    """The type a JSON request carries for a facade parameter typed ``hint``.

    ``Enum | str`` is the enum, ``Model | Mapping`` the model; sequences are bounded lists,
    mappings bounded dicts, text bounded strings.
    """
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        members = [a for a in get_args(hint) if a is not type(None)]
        if any(_is_enum(a) for a in members):
            members = [a for a in members if a is not str]
        if any(_is_model(a) for a in members):
            members = [a for a in members if not _is_mapping(a)]
        kept: Any = _wire_type(members[0]) if len(members) == 1 else Union[tuple(members)]  # noqa: UP007
        return kept | None if type(None) in get_args(hint) else kept
    if origin in (Sequence, list, tuple) and get_args(hint):
        item = _wire_type(get_args(hint)[0])
        return Annotated[list[item], Field(max_length=MAX_ITEMS)]  # type: ignore[valid-type]
    if _is_mapping(hint) and get_args(hint):
        value = _wire_type(get_args(hint)[1])
        return Annotated[dict[_TEXT, value], Field(max_length=MAX_ITEMS)]  # type: ignore[valid-type]
    if hint is str:
        return _TEXT
    return hint


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def request_model(
    method: str, example: Mapping[str, Any], *, skipped: frozenset[str] = _SKIPPED
) -> type[BaseModel]:
    """The request model of the facade method ``method``, from its signature.

    ``skipped`` are the parameters not taken from the request (the record's id from the path,
    the actor from the register, ...).
    """
    function = getattr(CertificationBody, method)
    hints = get_type_hints(function)
    fields: dict[str, Any] = {}
    for name, parameter in inspect.signature(function).parameters.items():
        if name in skipped:
            continue
        wire = _wire_type(hints[name])
        if parameter.default is inspect.Parameter.empty:
            fields[name] = (wire, ...)
        else:
            default = list(parameter.default) if isinstance(parameter.default, tuple) else None
            fields[name] = (wire, parameter.default if default is None else default)
    model: type[BaseModel] = create_model(
        f"{_camel(method)}Request",
        __config__=ConfigDict(
            extra="forbid",
            json_schema_extra={"examples": [dict(example)]},
            frozen=True,
            validate_default=True,
        ),
        __doc__=f"The request of {method}.",
        **fields,
    )
    return model


@dataclass(frozen=True)
class Command:
    """One command of the API: a facade method and an example of its request."""

    method: str
    """The facade method (the move)."""
    example: Mapping[str, Any] = field(default_factory=dict)
    creates: bool = False
    """Whether it starts a new certification (``POST /v1/certifications``)."""

    @property
    def path(self) -> str:
        """The URL segment after the certification's id (the move, with dashes)."""
        return self.method.replace("_", "-")

    @property
    def summary(self) -> str:
        """The first sentence of the facade method's docstring."""
        return method_summary(self.method)

    @property
    def description(self) -> str:
        """The facade method's docstring, without its Args/Raises sections."""
        return method_description(self.method)


def method_summary(method: str) -> str:
    """The first sentence of the facade method ``method``'s docstring (an operation's summary)."""
    doc = inspect.getdoc(getattr(CertificationBody, method)) or method
    paragraph = " ".join(doc.split("\n\n")[0].split())
    return paragraph.split(". ")[0].rstrip(".").replace("``", "")


def method_description(method: str) -> str:
    """The facade method ``method``'s docstring without its Args/Raises/Returns sections."""
    doc = inspect.getdoc(getattr(CertificationBody, method)) or ""
    kept: list[str] = []
    for line in doc.splitlines():
        if line.strip() in ("Args:", "Raises:", "Returns:"):
            break
        kept.append(line)
    return "\n".join(kept).strip()


_ID = "0b7e4c1a-6f4e-4e2b-9a51-3c8d2f1e7a90"
_UNITS = ["SKM.01.001.01", "SKM.01.002.01"]

COMMANDS: tuple[Command, ...] = (
    Command(
        "register",
        {"subject_id": _ID, "scheme_id": _ID, "session_id": _ID, "purpose": "sertifikasi"},
        creates=True,
    ),
    Command("request_documents", {"documents": ["KTA", "surat tugas"]}),
    Command("admit"),
    Command("reject_application", {"reason": "persyaratan dasar tidak terpenuhi"}),
    Command("withdraw", {"reason": "mutasi tugas"}),
    Command(
        "submit_portfolio",
        {"entries": [{"unit": u, "claim": "K", "evidence": [f"doc-{u}"]} for u in _UNITS]},
    ),
    Command("assign_assessor", {"assessor_id": _ID, "declaration": {"has_conflict": False}}),
    Command("review_self_assessment", {"proceed": True}),
    Command("record_adjustment", {"adjustment": {"kind": "extra_time", "arrangement": "30 menit"}}),
    Command("record_assessment_mode", {"mode": "on_site"}),
    Command(
        "sign_agreement",
        {"methods": ["portfolio", "interview"], "appeal_process_explained": True},
    ),
    Command(
        "verify_portfolio",
        {
            "checks": [
                {
                    "unit": _UNITS[0],
                    "evidence": f"doc-{_UNITS[0]}",
                    "valid": True,
                    "authentic": True,
                    "current": True,
                    "sufficient": True,
                }
            ]
        },
    ),
    Command(
        "correct_portfolio_verification",
        {
            "corrects": 7,
            "checks": [
                {
                    "unit": _UNITS[0],
                    "evidence": f"doc-{_UNITS[0]}",
                    "valid": True,
                    "authentic": True,
                    "current": True,
                    "sufficient": False,
                }
            ],
            "reason": "salah catat",
        },
    ),
    Command("record_no_show"),
    Command("record_interview"),
    Command("request_further_evidence", {"request": "sertakan laporan kegiatan 2024"}),
    Command("record_further_evidence", {"evidence": ["laporan-2024"]}),
    Command(
        "recommend",
        {"results": dict.fromkeys(_UNITS, "K"), "recommendation": "K", "follow_up": ""},
    ),
    Command("refer_back", {"reason": "bukti unit 2 belum diperiksa"}),
    Command("acknowledge_result"),
    Command("reject_result", {"reason": "saya tidak sepakat dengan hasil unit 2"}),
    Command(
        "decide",
        {
            "outcome": "K",
            "justification": "rekomendasi asesor dan bukti lengkap",
            "deciders": ["komite-teknis-01", "komite-teknis-02"],
        },
    ),
    Command("lodge_appeal", {"reason": "unit 2 dinilai tanpa bukti yang saya ajukan"}),
    Command("form_appeal_panel", {"members": ["panel-banding-01", "panel-banding-02"]}),
    Command("uphold_appeal", {"remedy": "reassessment", "reason": "bukti tidak diperiksa"}),
    Command("reject_appeal", {"reason": "bukti telah diperiksa sesuai prosedur"}),
    Command(
        "request_reassessment",
        {"entries": [{"unit": _UNITS[1], "claim": "K", "evidence": ["doc-baru"]}]},
    ),
    Command("print_certificate", {"manager": "", "head": ""}),
    Command(
        "distribute_certificate",
        {"recipient": "holder", "channel": "in_person", "receipt": "TT-2024-001"},
    ),
    Command("record_registration_number", {"number": "12345 6789 0123456 2024"}),
    Command("reissue_certificate", {"reason": "sertifikat rusak"}),
    Command("record_surveillance", {"summary": "laporan kinerja 2025 baik", "satisfactory": True}),
    Command(
        "suspend",
        {"grounds": "pelanggaran kode etik", "resolve_by": "2025-03-31", "reason": ""},
    ),
    Command("lift_suspension", {"reason": "klarifikasi diterima"}),
    Command("revoke", {"grounds": "pemalsuan bukti", "reason": "putusan komite"}),
)
"""Every certification command of the API, in the order of the path."""
