"""The erasure report, its byte strings, and the store URL's ``erase_wait``."""

from __future__ import annotations

import uuid

import pytest

import certflow
from certflow import ErasureReport, ErasureState, PersonalData
from certflow.application.erasure import erasure_needles
from certflow.bootstrap import parse_store_url
from certflow.engine import InvalidInputError, Text


def test_a_physical_report_says_so_and_a_pending_one_says_what_to_do() -> None:
    subject = uuid.uuid4()
    done = ErasureReport((subject,), ErasureState.PHYSICAL)
    assert done.physical
    assert done.advice().en == "personal data physically erased from the store"
    held = ErasureReport((subject,), ErasureState.PENDING, (Text("x", "a reader"),))
    assert not held.physical
    assert "certflow erase --finish" in held.advice().en
    assert "certflow erase --finish" in held.advice().id


def test_the_needles_are_the_stored_json_fields_and_the_raw_nik() -> None:
    data = PersonalData(name='Dr. "Ana" Öz', nik="3171234567890123", nrp="87654321")
    assert erasure_needles(data) == (
        '"name":"Dr. \\"Ana\\" Öz"'.encode(),
        b'"nik":"3171234567890123"',
        b'"nrp":"87654321"',
        b"3171234567890123",
    )
    assert data.model_dump_json().encode().count(erasure_needles(data)[0]) == 1
    assert erasure_needles(PersonalData(name="Budi")) == (b'"name":"Budi"',)


def test_erase_wait_is_a_url_parameter_of_both_databases() -> None:
    assert parse_store_url("sqlite:///x.db?erase_wait=30").env["CERTFLOW_ERASE_WAIT"] == "30"
    pg = parse_store_url("postgresql://u@h/db?erase_wait=0.5")
    assert pg.env["CERTFLOW_ERASE_WAIT"] == "0.5"
    for bad in ("sqlite:///x.db?erase_wait=soon", "postgresql://u@h/db?erase_wait=-1"):
        with pytest.raises(InvalidInputError, match="erase_wait"):
            parse_store_url(bad)


def test_nothing_to_finish_in_memory() -> None:
    lsp = certflow.open("memory://")
    assert lsp.finish_erasures() == ErasureReport((), ErasureState.PHYSICAL)
    lsp.close()
