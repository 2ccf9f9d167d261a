"""The sample intake files in examples/intake/, rebuilt from the demo's seed."""

from __future__ import annotations

import csv
import io

from certflow.demo.seed import ASSESSORS, SCHEMES, candidates

CANDIDATE_COLUMNS = ("name", "nik", "nrp", "rank", "unit", "position", "scheme")


def candidates_csv(seed: int = 2024) -> str:
    """Every demo officer on both schemes: 124 rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CANDIDATE_COLUMNS)
    for scheme in SCHEMES:
        for person in candidates(seed):
            writer.writerow(
                (
                    person.name,
                    person.nik,
                    person.nrp,
                    person.rank,
                    person.unit,
                    person.position,
                    scheme.code,
                )
            )
    return out.getvalue()


def assessors_csv() -> str:
    """The demo's 11 assessors, licensed for both schemes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("met_number", "name", "scheme_codes", "licence_valid_until"))
    codes = ";".join(scheme.code for scheme in SCHEMES)
    for met, name, valid_until in ASSESSORS:
        writer.writerow((met, name, codes, valid_until.isoformat()))
    return out.getvalue()
