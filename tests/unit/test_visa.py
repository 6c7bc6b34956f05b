"""Visa facts as of now, each with its date, status, as_of and what it means (issue #13 point 5)."""

import json

from imgtui.cli import main

from ..conftest import NOW


def status_json(capsys, *argv):
    assert main(["status", "--json", *argv], clock=lambda: NOW) == 0
    return json.loads(capsys.readouterr().out)


def test_non_us_status_lists_the_visa_items(capsys, catalog):
    items = {v["id"]: v for v in status_json(capsys)["visa"]}
    assert set(items) == {u.id for u in catalog.visa_updates}
    fee = items["h1b_fee"]
    assert fee["on"] == "2025-09-21" and "$100,000" in fee["text"] and fee["meaning"] and fee["as_of"]
    assert items["h1b_fee_guidance"]["on"] == "2025-10-20" and "change of status" in items["h1b_fee_guidance"]["text"]
    assert items["h1b_fee_expiry"]["status"] == "unverified" and "not found" in items["h1b_fee_expiry"]["text"]
    assert items["h1b_fee_court"]["on"] == "2025-12-23" and "appeal" in items["h1b_fee_court"]["text"]
    selection = items["h1b_weighted_selection"]
    assert selection["status"] == "official" and selection["on"] == "2026-02-27" and "90 FR 60864" in selection["text"]
    assert "cap-exempt" in selection["meaning"]
    assert items["j1_interview_pause"]["on"] == "2025-05-27" and "2025-06-18" in items["j1_interview_pause"]["text"]
    assert items["entry_restrictions_2025"]["on"] == "2025-06-09" and "Venezuela" in items["entry_restrictions_2025"]["text"]
    assert items["entry_restrictions_2026"]["on"] == "2026-01-01" and "Nigeria" in items["entry_restrictions_2026"]["text"]
    assert items["j1_duration_of_status"]["status"] == "unverified" and "proposed" in items["j1_duration_of_status"]["text"]
    for item in items.values():
        assert "https://" in item["source"]


def test_us_img_status_has_no_visa_items(capsys):
    assert status_json(capsys, "--mode", "us-img")["visa"] == []


def test_the_text_summary_shows_them_with_dates_and_not_legal_advice(capsys):
    assert main(["status"], clock=lambda: NOW) == 0
    out = capsys.readouterr().out
    assert "Visa: what changed in 2025-2026" in out and "Not legal advice" in out
    assert "H-1B cap: weighted selection from FY2027 (2026-02-27)" in out
    assert "unverified, as of 2026-11-25" in out


def test_no_unsupported_claim_that_most_programs_are_cap_exempt(catalog):
    cap = next(a for a in catalog.visa if a.id == "cap")
    assert "most" not in cap.h1b.text.lower()
