"""The checks of the data files added for the current season (#12-#15): the Step 2 CS cut-off,
the visa changes, the Match outcomes. Each problem is named by file, key and what is wrong,
each field is read into the model, and the edges of each range are accepted."""

from datetime import date, datetime

import pytest

from imgtui.catalog import load_catalog
from imgtui.domain.model import CutOff, Outcome, Provenance, VisaUpdate

from .test_catalog import SOURCE, broken, small_data, write_data

PROV = Provenance("the test", date(2024, 1, 2), "official")
UPDATE = {"id": "fee", "title": "H-1B fee", "visa": "h1b", "on": date(2025, 9, 21), "text": "A new payment.",
          "meaning": "Fewer H-1B offers.", **SOURCE}
CUT_OFF = {"date": date(2021, 1, 26), "text": "Step 2 CS ended", **SOURCE}


def with_season_facts(data: dict) -> dict:
    data["visa.toml"]["updates"] = [dict(UPDATE)]
    data["steps.toml"]["steps"][1]["counts_if_before"] = dict(CUT_OFF)
    return data


def outcome(data: dict, i: int = 0) -> dict:
    return data["outcomes/main-match.toml"]["outcomes"][i]


def test_a_visa_change_a_cut_off_and_the_outcomes_title_are_read_whole(tmp_path):
    loaded = load_catalog(write_data(tmp_path / "data", with_season_facts(small_data())))
    assert loaded.visa_updates == (
        VisaUpdate("fee", "H-1B fee", "h1b", date(2025, 9, 21), "A new payment.", "Fewer H-1B offers.", PROV),)
    step1 = next(s for s in loaded.steps if s.id == "step1")
    assert step1.counts_if_before == CutOff(date(2021, 1, 26), "Step 2 CS ended", PROV)
    assert loaded.outcomes.title == "IMGs matched to first-year positions, NRMP Main Residency Match"


def setter(getter, key, value):
    def edit(data):
        getter(with_season_facts(data))[key] = value
    return edit


@pytest.mark.parametrize("edit, message", [
    (setter(lambda d: d["steps.toml"]["steps"][1]["counts_if_before"], "date", datetime(2021, 1, 26, 9, 0)),
     "steps.toml: steps[1].counts_if_before.date: expected a date (YYYY-MM-DD), got "
     "datetime.datetime(2021, 1, 26, 9, 0)"),
    (setter(lambda d: d["visa.toml"]["updates"][0], "visa", "f1"),
     "visa.toml: updates[0].visa: expected one of j1, h1b, both, got 'f1'"),
    (setter(outcome, "group", "img"),
     "outcomes/main-match.toml: outcomes[0].group: expected one of us_img, non_us_img, got 'img'"),
    (setter(outcome, "rate", 100.5), "outcomes/main-match.toml: outcomes[0].rate: expected a percentage 0-100, got 100.5"),
    (setter(outcome, "rate", -0.5), "outcomes/main-match.toml: outcomes[0].rate: expected a percentage 0-100, got -0.5"),
])
def test_each_problem_is_named_by_file_key_and_what_is_wrong(tmp_path, edit, message):
    assert broken(tmp_path, edit) == message


@pytest.mark.parametrize("rate", [0, 100])
def test_a_rate_of_exactly_0_or_100_percent_is_accepted(tmp_path, rate):
    data = small_data()
    row = outcome(data)
    row.update(rate=rate, matched=0 if rate == 0 else row["matched"])
    row.pop("applicants", None)
    loaded = load_catalog(write_data(tmp_path / "data", data))
    assert loaded.outcomes.rows[0] == Outcome(row["match_year"], row["group"], float(rate), row["matched"], None,
                                              Provenance(row["source"], row["as_of"], row["status"]))
