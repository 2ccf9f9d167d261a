"""A certificate replaced by its recertification (R47) reads as superseded on the page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from certflow import CertificationBody, current_signer
from certflow.adapters.keys import create_keys
from certflow.service import ServiceSettings, create_app
from tests.support import ADMIN, COMMITTEE, build_world, write_profile_file


def test_the_old_certificate_of_a_recertified_holder_is_superseded(
    lsp: CertificationBody, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = build_world(lsp, candidates=1)
    old = world.through("distributed")
    keys = tmp_path / "keys"
    create_keys(keys)
    monkeypatch.setenv("CERTFLOW_CONFIG", str(write_profile_file(tmp_path, keys=keys)))
    old_token = lsp.certificate_token(old, key=current_signer(keys))

    # two years on, the holder recertifies (R47): surveillance on file, a logbook, a new cycle
    world.at(date(2027, 9, 1))
    lsp.renew_assessor_licence(world.assessor, valid_until=date(2030, 12, 31), actor=ADMIN)
    world.path.verify_tuk("Polda Metro Jaya", [world.scheme], session_code="EUK-2027")
    session = lsp.plan_session(
        code="EUK-2027",
        title="Sertifikasi ulang",
        venue="Polda Metro Jaya",
        starts_on=date(2027, 10, 6),
        ends_on=date(2027, 10, 7),
        scheme_ids=[world.scheme],
        actor=ADMIN,
    )
    lsp.record_surveillance(old, summary="logbook 2025-2027 ditelaah", actor=ADMIN)
    new = lsp.register(
        subject_id=world.candidates[0],
        scheme_id=world.scheme,
        session_id=session,
        purpose="sertifikasi_ulang",
        previous_certification_id=old,
        logbook=["LOGBOOK-2027-001"],
        actor=ADMIN,
    )
    for step in (world.admit, world.submit, world.assign, world.sign, world.verify):
        step(new)
    world.at(date(2027, 10, 6))
    lsp.record_interview(new, actor=world.assessor_actor())
    world.recommend(new)
    world.at(date(2027, 10, 10))
    lsp.decide(new, outcome="K", actor=COMMITTEE)
    world.print(new, date(2027, 10, 20))
    world.distribute(new, date(2027, 10, 25))
    new_token = lsp.certificate_token(new, key=current_signer(keys))

    app = create_app(ServiceSettings(), body=lsp)
    with TestClient(app) as client:
        for lang, words in (("id", "Digantikan"), ("en", "Superseded")):
            answer = client.get(f"/v1/verifications/{old_token}", params={"lang": lang}).json()
            assert answer["status"] == "superseded"
            page = client.get(f"/v/{old_token}", params={"lang": lang})
            assert 'data-status="superseded"' in page.text
            assert words in page.text, page.text
        assert client.get(f"/v1/verifications/{new_token}").json()["status"] == "valid"
