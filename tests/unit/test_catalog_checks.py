"""The checks of the data files added for the current season (#12-#15): the Step 2 CS cut-off,
the visa changes, the Match outcomes. Each problem is named by file, key and what is wrong,
each field is read into the model, and the edges of each range are accepted."""

from datetime import date, datetime

import pytest

from imgtui.catalog import load_catalog
from imgtui.domain.model import CutOff, ImgShare, Outcome, RefreshPeriod, VisaUpdate

from .test_catalog import PROV, SOURCE, broken, small_data, write_data

UPDATE = {"id": "fee", "title": "H-1B fee", "visa": "h1b", "on": date(2025, 9, 21), "text": "A new payment.",
          "meaning": "Fewer H-1B offers.", **SOURCE}
CUT_OFF = {"date": date(2021, 1, 26), "text": "Step 2 CS ended", **SOURCE}


def with_season_facts(data: dict) -> dict:
    data["visa.toml"]["updates"] = [dict(UPDATE)]
    data["steps.toml"]["steps"][1]["counts_if_before"] = dict(CUT_OFF)
    data["timing.toml"]["derived"][0]["prefer"] = "pathways_deadline"
    data["refresh.toml"]["periods"][0]["days"] = 1
    outcomes = data["outcomes/main-match.toml"]
    outcomes["outcomes"] = [{"match_year": 2000, "group": "us_img", "rate": 50.0, "matched": 50, "applicants": 100,
                             **SOURCE},
                            {"match_year": 2100, "group": "us_img", "rate": 100, "matched": 1, "applicants": 1,
                             **SOURCE},
                            {"match_year": 2025, "group": "non_us_img", "rate": 0.05, "matched": 0,
                             "applicants": 100, **SOURCE},
                            {"match_year": 2024, "group": "non_us_img", "rate": 0, "matched": 0, **SOURCE}]
    data["services.toml"]["specialties"][1]["from_match"] = 2000
    outcomes["img_share"] = [{"match_year": 2000, "specialty": "Pathology", "percent": 0, **SOURCE},
                             {"match_year": 2100, "specialty": "Pathology", "percent": 100, **SOURCE}]
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
    # the edges: years 2000 and 2100, 0 and 100 percent, as many matched as applied, 1 applicant,
    # a rate 0.05 points from matched / applicants (rounding in the source)
    assert loaded.outcomes.rows == (Outcome(2000, "us_img", 50.0, 50, 100, PROV), Outcome(2100, "us_img", 100.0, 1, 1, PROV),
                                    Outcome(2025, "non_us_img", 0.05, 0, 100, PROV), Outcome(2024, "non_us_img", 0.0, 0, None, PROV))
    assert loaded.outcomes.img_share == (ImgShare(2000, "Pathology", 0.0, PROV), ImgShare(2100, "Pathology", 100.0, PROV))
    assert loaded.derived[0].prefer == "pathways_deadline"
    assert loaded.services.names["eras"].long == "ERAS (AAMC Electronic Residency Application Service)"
    emergency = loaded.services.specialties[1]
    assert (emergency.from_match, emergency.note) == (2000, "From the 2025-26 application cycle (Match 2026), combined EM "
                                                            "programs included.")
    assert loaded.refresh[2] == RefreshPeriod("one_match", "one Match", None, 1, ("outcomes",))
    assert loaded.refresh[0][:4] == ("season", "one season", 1, None)


def test_an_outcomes_file_may_hold_only_its_title(tmp_path):
    data = small_data()
    data["outcomes/main-match.toml"] = {"title": "Nothing yet"}
    loaded = load_catalog(write_data(tmp_path / "data", data))
    assert loaded.outcomes == ("Nothing yet", (), ())


def share(data: dict, i: int) -> dict:
    return data["outcomes/main-match.toml"]["img_share"][i]


def specialty(data: dict, i: int) -> dict:
    return data["services.toml"]["specialties"][i]


def period(data: dict, i: int) -> dict:
    return data["refresh.toml"]["periods"][i]


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
    (setter(outcome, "matched", 101), "outcomes/main-match.toml: outcomes[0].matched: more matched (101) than applicants (100)"),
    (setter(outcome, "rate", 50.06), "outcomes/main-match.toml: outcomes[0].rate: 50.06% does not agree with 50 of 100 (50.00%)"),
    (setter(outcome, "match_year", 2101), "outcomes/main-match.toml: outcomes[0].match_year: expected an integer 2000-2100, got 2101"),
    (setter(lambda d: outcome(d, 2), "matched", 1_000_001),
     "outcomes/main-match.toml: outcomes[2].matched: expected an integer 0-1000000, got 1000001"),
    (setter(lambda d: outcome(d, 2), "applicants", 1_000_001),
     "outcomes/main-match.toml: outcomes[2].applicants: expected an integer 1-1000000, got 1000001"),
    (setter(lambda d: outcome(d, 1), "match_year", 2000),
     "outcomes/main-match.toml: outcomes[1]: (2000, 'us_img') appears twice"),
    (setter(lambda d: share(d, 1), "percent", 100.5),
     "outcomes/main-match.toml: img_share[1].percent: expected a percentage 0-100, got 100.5"),
    (setter(lambda d: share(d, 0), "match_year", 1999),
     "outcomes/main-match.toml: img_share[0].match_year: expected an integer 2000-2100, got 1999"),
    (setter(lambda d: share(d, 1), "match_year", 2101),
     "outcomes/main-match.toml: img_share[1].match_year: expected an integer 2000-2100, got 2101"),
    (setter(lambda d: share(d, 1), "match_year", 2000),
     "outcomes/main-match.toml: img_share[1]: (2000, 'Pathology') appears twice"),
    (setter(lambda d: period(d, 0), "matches", 1), "refresh.toml: periods[0].days: give either days or matches"),
    (setter(lambda d: period(d, 0), "days", 3651), "refresh.toml: periods[0].days: expected an integer 1-3650, got 3651"),
    (setter(lambda d: period(d, 2), "matches", 11), "refresh.toml: periods[2].matches: expected an integer 1-10, got 11"),
    (setter(lambda d: period(d, 2), "areas", ["outcomes", "weather"]),
     "refresh.toml: periods[2].areas: unknown area 'weather'; expected one of dates, pathways, services, rules, visa, "
     "outcomes, fees, signals, geography"),
    (setter(lambda d: period(d, 2), "areas", ["outcomes", "visa"]),
     "refresh.toml: periods[2].areas: 'visa' already has the period 'six_months'"),
    (setter(lambda d: d["timing.toml"]["derived"][0], "prefer", "match_day"),
     "timing.toml: derived[0].prefer: expected one of pathways_deadline, got 'match_day'"),
    (setter(lambda d: d["services.toml"], "default", "caspr"), "services.toml: default: unknown application service 'caspr'"),
    (setter(lambda d: specialty(d, 0), "service", "eras2"),
     "services.toml: specialties[0].service: unknown application service 'eras2'; expected one of eras, residencycas"),
    (setter(lambda d: specialty(d, 0), "names", ["ob/gyn", " "]),
     "services.toml: specialties[0].names: expected a non-empty array of specialty names"),
    (setter(lambda d: specialty(d, 1), "names", ["em", "OBGYN"]),
     "services.toml: specialties[1].names: 'obgyn' is also a name of 'obstetrics_gynecology'"),
    (setter(lambda d: specialty(d, 1), "id", "obstetrics_gynecology"),
     "services.toml: specialties[1]: 'obstetrics_gynecology' appears twice"),
    (setter(lambda d: specialty(d, 1), "from_match", 2101),
     "services.toml: specialties[1].from_match: expected an integer 2000-2100, got 2101"),
    (setter(lambda d: d["matches/2027.toml"]["dates"][1], "id", "match_day"),
     "matches/2027.toml: dates[1].id: 'match_day' appears twice"),
    (setter(lambda d: d["matches/2027.toml"]["dates"][1], "service", "caspr"),
     "matches/2027.toml: dates[1].service: unknown application service 'caspr'; expected one of eras, residencycas"),
    (setter(lambda d: d["visa.toml"], "updates", "none yet"),
     "visa.toml: updates: expected an array of tables, got 'none yet'"),
    (lambda d: d["limits.toml"].pop("limits"), "limits.toml: limits: missing"),
    (setter(lambda d: d["limits.toml"]["limits"][3], "value", 100_001),
     "limits.toml: limits[3].value: expected an integer 0-100000, got 100001"),
])
def test_each_problem_is_named_by_file_key_and_what_is_wrong(tmp_path, edit, message):
    assert broken(tmp_path, edit) == message
