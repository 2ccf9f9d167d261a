"""Steps that check outcomes: stages, refusals by rule id, events, deadlines."""

from __future__ import annotations

from certflow.testing.context import PolicyContext
from certflow.testing.vocabulary import parse_day, parse_stage, phrase

# -- outcomes -----------------------------------------------------------------------------------


@phrase(
    "then",
    'sertifikasi "{name}" berada pada tahap "{stage}"',
    'the certification of "{name}" is at stage "{stage}"',
    "The stage (its code name, e.g. portfolio_submitted, or the Indonesian words).",
)
def _(certflow_context: PolicyContext, name: str, stage: str) -> None:
    assert certflow_context.view(name).stage is parse_stage(stage)


@phrase(
    "then",
    'sertifikasi sebelumnya "{name}" berada pada tahap "{stage}"',
    'the previous certification of "{name}" is at stage "{stage}"',
    "The stage of the certification a recertification replaced.",
)
def _(certflow_context: PolicyContext, name: str, stage: str) -> None:
    earlier = certflow_context.earlier.get(name)
    assert earlier, f'"{name}" has no earlier certification'
    assert certflow_context.lsp.get(earlier[-1]).stage is parse_stage(stage)


@phrase(
    "then",
    "perintah diterima",
    "the command is accepted",
    "The last command was recorded.",
)
def _(certflow_context: PolicyContext) -> None:
    error = certflow_context.error
    assert error is None, f"the command was refused: {error}"


@phrase(
    "then",
    'perintah ditolak dengan aturan "{rule_id}"',
    'the command is refused under rule "{rule_id}"',
    "The last command was refused naming this rule id, and recorded nothing.",
)
def _(certflow_context: PolicyContext, rule_id: str) -> None:
    context = certflow_context
    assert context.error is not None, "the command was accepted, not refused"
    assert rule_id in context.error.rule_ids, f"refused under {context.error.rule_ids}"
    _nothing_recorded(context)


@phrase(
    "then",
    "perintah ditolak",
    "the command is refused",
    "The last command was refused (any reason) and recorded nothing.",
)
def _(certflow_context: PolicyContext) -> None:
    assert certflow_context.error is not None, "the command was accepted, not refused"
    _nothing_recorded(certflow_context)


def _nothing_recorded(context: PolicyContext) -> None:
    if context.last is not None and context.version_before is not None:
        assert context.lsp.get(context.last).version == context.version_before
    if context.recorded_before is not None:
        assert context.recorded() == context.recorded_before, "the refused command recorded"


@phrase(
    "then",
    'penolakan menyebut "{words}"',
    'the refusal says "{words}"',
    "The refusal's sentence (in either language) contains these words.",
)
def _(certflow_context: PolicyContext, words: str) -> None:
    error = certflow_context.error
    assert error is not None, "the command was accepted, not refused"
    assert words in error.text.id or words in error.text.en, str(error)


@phrase(
    "then",
    'peristiwa terakhir "{name}" adalah "{event}"',
    'the last event of "{name}" is "{event}"',
    "The last recorded event's name (e.g. AppealLodged).",
)
def _(certflow_context: PolicyContext, name: str, event: str) -> None:
    history = certflow_context.lsp.history(certflow_context.certification(name))
    assert history[-1].event == event, [h.event for h in history]


@phrase(
    "then",
    'tenggat "{deadline}" untuk "{name}" jatuh pada {day}',
    'the "{deadline}" deadline of "{name}" is due on {day}',
    "A deadline that applies now, and its due date.",
)
def _(certflow_context: PolicyContext, deadline: str, name: str, day: str) -> None:
    found = {d.name: d for d in certflow_context.view(name).deadlines}
    assert deadline in found, f"deadlines now: {sorted(found)}"
    assert found[deadline].due_on == parse_day(day)


@phrase(
    "then",
    'tenggat "{deadline}" untuk "{name}" terlewat',
    'the "{deadline}" deadline of "{name}" is missed',
    "The deadline was missed (met late, or passed unmet).",
)
def _(certflow_context: PolicyContext, deadline: str, name: str) -> None:
    found = {d.name: d for d in certflow_context.view(name).deadlines}
    assert found[deadline].status.value == "missed", found[deadline]


@phrase(
    "then",
    'tenggat "{deadline}" untuk "{name}" terpenuhi',
    'the "{deadline}" deadline of "{name}" is met',
    "The deadline was met in time.",
)
def _(certflow_context: PolicyContext, deadline: str, name: str) -> None:
    found = {d.name: d for d in certflow_context.view(name).deadlines}
    assert found[deadline].status.value == "met", found[deadline]


@phrase(
    "then",
    'sertifikat "{name}" bernomor "{number}" dan berlaku sampai {day}',
    'the certificate of "{name}" has number "{number}" and is valid until {day}',
    "Certificate number and last valid day.",
)
def _(certflow_context: PolicyContext, name: str, number: str, day: str) -> None:
    view = certflow_context.view(name)
    assert view.certificate_number == number, view.certificate_number
    assert view.valid_until == parse_day(day), view.valid_until


@phrase(
    "then",
    'data pribadi "{name}" sudah dihapus',
    'the personal data of "{name}" is erased',
    "Nothing of the candidate's personal data is left in the subject store.",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    subject = certflow_context.candidate(name)
    assert certflow_context.lsp.subjects.get(subject) is None
    assert certflow_context.lsp.personal_data_status(subject) is not None


@phrase(
    "then",
    'sertifikat "{name}" adalah salinan ke-{copy:d} bernomor "{number}"',
    'the certificate of "{name}" is copy {copy:d} with number "{number}"',
    "Which printed copy is the valid one, and its (unchanged) number.",
)
def _(certflow_context: PolicyContext, name: str, copy: int, number: str) -> None:
    view = certflow_context.view(name)
    assert (view.certificate_copy, view.certificate_number) == (copy, number)
