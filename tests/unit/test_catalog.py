import json
import os
import pickle

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from imgtui.catalog import CatalogError, cached_catalog, data_dir, default_catalog, load_catalog
from imgtui.persistence.progress_store import tomllib
from imgtui.domain.model import STATUSES, Provenance


def test_shipped_data_loads_and_every_fact_has_provenance(catalog):
    facts = [*catalog.steps, *catalog.stats, *catalog.lead_times, *catalog.advice]
    facts += [a for r in catalog.rule_sets.values() for a in (*r.actions, *r.calendar)]
    facts += [d for dates in catalog.published.values() for d in dates]
    facts += [f for v in catalog.visa for f in (v.j1, v.h1b, v.guide) if f]
    season = catalog.season_facts  # the application season: fees, signal counts, geography
    facts += [*season.schedules, *(a for i in season.items for a in i.amounts)]
    facts += [c for t in season.signals for c in t.counts]
    facts += [season.geography, season.geography.preference, *season.geography.outside]
    for fact in facts:
        provenance = fact.provenance
        assert isinstance(provenance, Provenance)
        assert provenance.source.strip() and provenance.status in STATUSES and provenance.as_of.year >= 2018


def test_nothing_published_is_marked_projected(catalog):
    """Published dates are official or reported; 'projected' belongs to the rules only."""
    for dates in catalog.published.values():
        assert all(d.provenance.status in ("official", "reported") for d in dates)


# An unedited copy: what loads from it is the session's `catalog` (a test that edits the copy
# loads it itself).
@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize("file, old, new, message", [
    ("rules/current.toml", "month = 3\n", 'month = "march"\n', "rules/current.toml: calendar[5].month: expected an integer"),
    ("steps.toml", 'status = "guide"', 'status = "rumour"', "steps.toml: steps[0].status: expected one of"),
    ("steps.toml", "as_of = 2018-09-15\n", "", "steps.toml: steps[0].as_of: missing"),
    ("matches/2026.toml", "date = 2026-03-20", "date = 2026-02-30", "matches/2026.toml: not valid TOML"),
    ("stats/nrmp-2018.toml", 'values = [232, 231, 240]', 'values = [232, 231]', "stats/nrmp-2018.toml: tables[0].rows[0].values: expected 3 values"),
    ("rules/guide-2019.toml", 'requires = ["usmle_id"]', 'requires = ["a_visa"]', "rules/guide-2019.toml: actions[0].requires: unknown requirement 'a_visa'"),
    ("matches/2027.toml", "match_year = 2027", "match_year = 2028", "matches/2027.toml: match_year: must match the file name"),
])
def test_errors_name_the_file_and_key(data_copy, file, old, new, message):
    edit(data_copy / file, old, new)
    with pytest.raises(CatalogError) as error:
        load_catalog(data_copy)
    assert message in str(error.value)


def test_a_new_match_year_is_a_data_edit(data_copy):
    (data_copy / "matches" / "2028.toml").write_text(
        'match_year = 2028\n[[dates]]\nid = "match_day"\ntitle = "Match Day"\ndate = 2028-03-17\ntime = "12:00"\n'
        'source = "nrmp.org"\nas_of = 2027-06-01\nstatus = "official"\n')
    from imgtui.domain.timeline import find, season
    match_day = find(season(load_catalog(data_copy), "current", 2028), "match_day")
    assert match_day.status == "official" and match_day.day.isoformat() == "2028-03-17"


# -- the start-up cache ------------------------------------------------------------------

CACHE = "catalog.json"


def test_cache_returns_what_the_loader_returns_and_is_reused(data_copy, catalog, tmp_path):
    cache_dir = tmp_path / "cache"
    first = cached_catalog(data_copy, cache_dir)
    assert first == catalog
    cached = cache_dir / CACHE
    text = cached.read_text()
    source = json.dumps(first.stats_source)
    assert source in text
    cached.write_text(text.replace(source, json.dumps("from the cache")))
    assert cached_catalog(data_copy, cache_dir).stats_source == "from the cache"  # a hit: not re-read


def test_an_edited_data_file_is_a_miss_and_replaces_the_cache(data_copy, tmp_path):
    cache_dir = tmp_path / "cache"
    cached_catalog(data_copy, cache_dir)
    edit(data_copy / "matches" / "2026.toml", "date = 2026-03-20", "date = 2026-03-27")
    from imgtui.domain.timeline import find, season
    catalog = cached_catalog(data_copy, cache_dir)
    assert find(season(catalog, "current", 2026), "match_day").day.isoformat() == "2026-03-27"
    assert list(cache_dir.iterdir()) == [cache_dir / CACHE]
    assert cached_catalog(data_copy, cache_dir) == catalog


def test_an_invalid_data_file_is_still_an_error_with_a_cache(data_copy, tmp_path):
    cached_catalog(data_copy, tmp_path / "cache")
    edit(data_copy / "steps.toml", 'status = "guide"', 'status = "rumour"')
    with pytest.raises(CatalogError, match="steps.toml: steps"):
        cached_catalog(data_copy, tmp_path / "cache")


def _same_key(cache_dir) -> str:
    return json.loads((cache_dir / CACHE).read_text())["key"]


@pytest.mark.parametrize("content", [
    b"", b"not json", b'{"steps": []}', b"[1, 2", b'{"key": "another key", "catalog": null}',
    b'{"key":"KEY","catalog":{"n":"Catalog","f":[1]}}',  # the right key, a malformed catalog
    b'{"key":"KEY","catalog":{"n":"system","f":["touch pwned"]}}',  # a class that is not the model's
    b'{"key":"KEY","catalog":{"n":"Path","f":["/"]}}',
    b'{"key":"KEY","catalog":[' * 50_000,  # nested too deeply
], ids=["empty", "not-json", "no-key", "cut-short", "another-key", "malformed", "foreign-class", "path-class",
        "nested-too-deeply"])
def test_a_damaged_foreign_or_planted_cache_is_a_miss(data_copy, catalog, tmp_path, content):
    cache_dir = tmp_path / "cache"
    cached_catalog(data_copy, cache_dir)
    cached = cache_dir / CACHE
    content = content.replace(b"KEY", _same_key(cache_dir).encode())
    cached.write_bytes(content)
    assert cached_catalog(data_copy, cache_dir) == catalog
    assert cached.read_bytes() != content  # rewritten


def test_point8_a_planted_pickle_never_runs(data_copy, catalog, tmp_path):
    """The old cache was unpickled before its key was checked: a planted file ran code."""
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    for name in ("catalog.pickle", CACHE):
        (cache_dir / name).write_bytes(pickle.dumps((b"any key", Payload())))
    assert cached_catalog(data_copy, cache_dir) == catalog
    assert not marker.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a Unix thing")
def test_point7_a_fifo_in_place_of_the_cache_is_a_miss_not_a_hang(data_copy, tmp_path):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    for name in ("catalog.pickle", CACHE):  # the old name too: it hung every command
        os.mkfifo(cache_dir / name)
    code = ("import sys; from pathlib import Path; from imgtui.catalog import cached_catalog, load_catalog\n"
            "print(cached_catalog(Path(sys.argv[1]), Path(sys.argv[2])) == load_catalog(Path(sys.argv[1])))")
    # In a child with a timeout: a hang fails the test instead of freezing the suite.
    out = subprocess.run([sys.executable, "-c", code, str(data_copy), str(cache_dir)], capture_output=True,
                         text=True, timeout=60).stdout
    assert out.strip() == "True" and (cache_dir / CACHE).is_file()


def test_a_catalog_the_cache_cannot_hold_exactly_is_simply_not_cached(data_copy, tmp_path, monkeypatch):
    import imgtui.catalog as catalog_module

    real = catalog_module.load_catalog
    monkeypatch.setattr(catalog_module, "load_catalog",
                        lambda root: real(root)._replace(stats_source=frozenset({"not a plain value"})))
    cache_dir = tmp_path / "cache"
    assert cached_catalog(data_copy, cache_dir).stats_source == frozenset({"not a plain value"})
    assert not (cache_dir / CACHE).exists()


def test_an_unwritable_cache_folder_only_costs_time(data_copy, catalog, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    assert cached_catalog(data_copy, blocker) == catalog


def test_the_default_catalog_is_cached_under_the_user_cache_folder(isolated_config):
    default_catalog.cache_clear()
    try:
        default_catalog()
    finally:
        default_catalog.cache_clear()
    assert (isolated_config.parent / ".cache" / "imgtui" / CACHE).is_file()


# -- every field read, every problem named: a small data folder built here (issue #18) --------

import copy  # noqa: E402
import functools  # noqa: E402
import os  # noqa: E402
import stat  # noqa: E402
from datetime import date, datetime, time  # noqa: E402

import tomli_w  # noqa: E402

import imgtui.catalog as catalog_module  # noqa: E402
from imgtui.domain.model import (  # noqa: E402
    Action,
    Advice,
    CalendarRule,
    Catalog,
    ChecklistItem,
    DerivedRule,
    LeadTime,
    Limit,
    PublishedDate,
    Requirement,
    RuleSet,
    StatsColumn,
    StatsRow,
    StatsTable,
    Step,
    VisaAspect,
    VisaFact,
)

AS_OF = date(2024, 1, 2)
SOURCE = {"source": "the test", "as_of": AS_OF, "status": "official"}
PROV = Provenance("the test", AS_OF, "official")


def small_data() -> dict[str, dict]:
    """The smallest data folder that uses every kind of fact, as file name -> TOML document."""
    return {
        "steps.toml": {"steps": [
            {"id": "usmle_id", "title": "Get an ID", "group": "ecfmg", "rules": ["current"],
             "modes": ["us-img", "non-us-img"], "after": [], "why": "It opens everything.", **SOURCE},
            {"id": "step1", "title": "Pass Step 1", "group": "usmle", "rules": ["current"], "modes": ["non-us-img"],
             "after": ["usmle_id"], "why": "The first exam.", "satisfied_by": ["old_step1"], **SOURCE},
        ]},
        "rules/current.toml": {
            "id": "current", "title": "Current", "description": "Today's rules.", **SOURCE,
            "use_published_dates": True,
            "requirements": [{"id": "id_req", "title": "An ID", "steps": ["usmle_id"]}],
            "actions": [{"id": "apply", "title": "Apply", "requires": ["id_req"], "printed": "as printed",
                         "reading": "how to read it", **SOURCE},
                        {"id": "rank", "title": "Rank", "requires": [], **SOURCE}],
            "calendar": [
                {"id": "match_day", "title": "Match Day", "rule": "nth_weekday", "month": 3, "weekday": "friday",
                 "n": 3, "year_offset": 0, "time": "12:00", **SOURCE},
                {"id": "leap", "title": "Leap day", "rule": "fixed", "month": 2, "day": 29, "year_offset": -1,
                 "time": "23:59", "approximate": True, **SOURCE},
                {"id": "before", "title": "Before", "rule": "days_before", "of": "match_day", "days": 0, **SOURCE},
                {"id": "after", "title": "After", "rule": "days_after", "of": "before", "days": 366,
                 "time": "09:30", **SOURCE},
            ]},
        "matches/2027.toml": {"match_year": 2027, "dates": [
            {"id": "match_day", "title": "Match Day 2027", "date": date(2027, 3, 19), "time": "00:00", **SOURCE},
            {"id": "extra", "title": "Extra", "date": date(2026, 10, 1), **SOURCE}]},
        "stats/a-2017.toml": {**SOURCE, "year": 2017, "source": "zzz older", "tables": []},
        "stats/b-2018.toml": {**SOURCE, "year": 2018, "source": "NRMP 2018", "tables": [
            {"id": "step1_matched", "title": "Step 1", "unit": "score", **SOURCE,
             "columns": ["us_img_matched", "non_us_img_matched"], "column_titles": ["US IMG", 2],
             "column_groups": ["us_img", "non_us_img"],
             "rows": [{"specialty": "IM", "printed": "230N/A", "values": [230, "N/A"]},
                      {"specialty": "Peds", "printed": "2.50", "values": [2.5, 0], "uncertain": ["us_img_matched"],
                       "note": "two readings"}]}]},
        "timing.toml": {
            "lead_times": [{"id": "lag", "title": "Scores", "days": 730, "text": "Four weeks.", **SOURCE},
                           {"id": "none", "title": "No margin", "days": 0, "text": "None.", **SOURCE}],
            "advice": [{"id": "step1_ideal", "title": "Step 1 ideal", "step": "step1", "kind": "ideal",
                        "text": "Before August.", "before": {"month": 12, "day": 31, "year_offset": 1}, **SOURCE},
                       {"id": "step1_required", "title": "Step 1 required", "step": "step1", "kind": "required",
                        "text": "Before January.", "before": {"month": 1, "day": 1, "year_offset": -3}, **SOURCE}],
            "derived": [{"id": "step1_safe", "step": "step1", "also_steps": ["usmle_id"], "title": "Step 1 safe",
                         "anchor": {"current": "match_day"}, "lead_time": "lag", "modes": ["non-us-img"],
                         "text": "Scores take time."},
                        {"id": "id_safe", "step": "usmle_id", "title": "ID safe", "anchor": {"current": "step1_safe"},
                         "lead_time": "none", "modes": ["us-img", "non-us-img"], "text": "Before Step 1."}]},
        "visa.toml": {"aspects": [
            {"id": "sponsor", "title": "Sponsor", "j1": {"text": "ECFMG", **SOURCE}, "h1b": {"text": "The program", **SOURCE},
             "guide": {"text": "The guide said", **SOURCE}},
            {"id": "cap", "title": "Cap", "j1": {"text": "No cap", **SOURCE}, "h1b": {"text": "Cap-exempt", **SOURCE}}]},
        # The kinds added for issue #13 have tests of their own (test_services, test_outcomes,
        # test_facts, test_pathways): here the shipped files, so the folder is complete.
        **{name: shipped(name) for name in ("services.toml", "refresh.toml", "outcomes/main-match.toml")},
        "limits.toml": {"limits": [
            {"id": name, "title": f"The {name}", "value": value, "text": "Why.", **SOURCE}
            for name, value in (("letters_per_program", 4), ("interview_reply_hours", 48), ("ranks_included", 0),
                                ("max_ranks", 100_000))]},
        "soap.toml": {"checklist": [{"id": "eligible", "text": "Check it.", **SOURCE}]},
        # Issue #14's season facts (tests of their own: test_costs, test_signals, test_geography,
        # test_season_data); the exam fees only for the steps this folder has.
        **{name: shipped(name) for name in ("fees/applications.toml", "signals/2025.toml", "signals/2026.toml",
                                            "geography.toml", "specialty-names.toml")},
        "fees/items.toml": {"items": [i for i in shipped("fees/items.toml")["items"]
                                      if i["applies"] in ("season", "ranks", "step:step1")
                                      or i["applies"].startswith("service:")]},
    }


def shipped(relative: str) -> dict:
    return copy.deepcopy(_shipped(relative))  # each test may edit its copy


@functools.lru_cache(maxsize=None)
def _shipped(relative: str) -> dict:
    return tomllib.loads((data_dir() / relative).read_text(encoding="utf-8"))


EXPECTED = Catalog(
    steps=(Step("usmle_id", "Get an ID", "ecfmg", ("current",), ("us-img", "non-us-img"), (), "It opens everything.", PROV),
           Step("step1", "Pass Step 1", "usmle", ("current",), ("non-us-img",), ("usmle_id",), "The first exam.", PROV,
                ("old_step1",))),
    rule_sets={"current": RuleSet(
        "current", "Current", "Today's rules.", PROV, True, (Requirement("id_req", "An ID", ("usmle_id",)),),
        (Action("apply", "Apply", ("id_req",), PROV), Action("rank", "Rank", (), PROV)),
        (CalendarRule("match_day", "Match Day", "nth_weekday", PROV, month=3, weekday=4, n=3, time=time(12, 0)),
         CalendarRule("leap", "Leap day", "fixed", PROV, month=2, day=29, year_offset=-1, time=time(23, 59),
                      approximate=True),
         CalendarRule("before", "Before", "days_before", PROV, of="match_day", days=0),
         CalendarRule("after", "After", "days_after", PROV, of="before", days=366, time=time(9, 30))))},
    published={2027: (PublishedDate("match_day", "Match Day 2027", date(2027, 3, 19), time(0, 0), PROV),
                      PublishedDate("extra", "Extra", date(2026, 10, 1), None, PROV))},
    stats_year=2018,
    stats_source="NRMP 2018",
    stats=(StatsTable("step1_matched", "Step 1", "score",
                      (StatsColumn("us_img_matched", "US IMG", "us_img"), StatsColumn("non_us_img_matched", "2", "non_us_img")),
                      (StatsRow("IM", "230N/A", (230, None)),
                       StatsRow("Peds", "2.50", (2.5, 0), ("us_img_matched",), "two readings")), PROV),),
    visa=(VisaAspect("sponsor", "Sponsor", VisaFact("ECFMG", PROV), VisaFact("The program", PROV), VisaFact("The guide said", PROV)),
          VisaAspect("cap", "Cap", VisaFact("No cap", PROV), VisaFact("Cap-exempt", PROV))),
    lead_times=(LeadTime("lag", "Scores", 730, "Four weeks.", PROV), LeadTime("none", "No margin", 0, "None.", PROV)),
    advice=(Advice("step1_ideal", "Step 1 ideal", "step1", "ideal", "Before August.", 12, 31, 1, PROV),
            Advice("step1_required", "Step 1 required", "step1", "required", "Before January.", 1, 1, -3, PROV)),
    derived=(DerivedRule("step1_safe", "step1", ("usmle_id",), "Step 1 safe", {"current": "match_day"}, "lag",
                         ("non-us-img",), "Scores take time."),
             DerivedRule("id_safe", "usmle_id", (), "ID safe", {"current": "step1_safe"}, "none",
                         ("us-img", "non-us-img"), "Before Step 1.")),
    limits=(Limit("letters_per_program", "The letters_per_program", 4, "Why.", PROV),
            Limit("interview_reply_hours", "The interview_reply_hours", 48, "Why.", PROV),
            Limit("ranks_included", "The ranks_included", 0, "Why.", PROV),
            Limit("max_ranks", "The max_ranks", 100_000, "Why.", PROV)),
    soap_checklist=(ChecklistItem("eligible", "Check it.", PROV),),
)


# The fields of the kinds written out above (the newer kinds are compared in their own tests).
EXPECTED_FIELDS = ("steps", "rule_sets", "published", "stats_year", "stats_source", "stats", "visa", "lead_times",
                   "advice", "derived", "limits", "soap_checklist")


_TOML_TEXT: dict[str, str] = {}  # repr(document) -> its TOML: most cases differ from small_data() in one file


def write_data(root: Path, data: dict[str, dict]) -> Path:
    for relative, document in data.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        key = repr(document)
        if key not in _TOML_TEXT:
            _TOML_TEXT[key] = tomli_w.dumps(document)
        path.write_text(_TOML_TEXT[key])
    return root


def test_every_field_of_every_fact_is_read(tmp_path):
    loaded = load_catalog(write_data(tmp_path / "data", small_data()))
    for field in EXPECTED_FIELDS:
        assert getattr(loaded, field) == getattr(EXPECTED, field), field
    assert loaded.rule_sets["current"].calendar[1].year_offset == -1
    assert all(c.weekday is None for c in loaded.rule_sets["current"].calendar[1:])
    assert [c.year_offset for c in loaded.rule_sets["current"].calendar] == [0, -1, 0, 0]


def test_of_two_statistics_files_of_the_same_year_the_first_by_name_is_shown(tmp_path):
    data = small_data()
    data["stats/c-2018.toml"] = {**data["stats/b-2018.toml"], "source": "zzz later file"}
    assert load_catalog(write_data(tmp_path / "data", data)).stats_source == "NRMP 2018"


def broken(tmp_path, edit) -> str:
    data = copy.deepcopy(small_data())
    edit(data)
    with pytest.raises(CatalogError) as error:
        load_catalog(write_data(tmp_path / "data", data))
    return str(error.value)


def step(i):
    return lambda data: data["steps.toml"]["steps"][i]


def setter(getter, key, value):
    def edit(data):
        target = getter(data)
        if value is KeyError:
            del target[key]
        else:
            target[key] = value
    return edit


def calendar(i):
    return lambda data: data["rules/current.toml"]["calendar"][i]


def rules(data):
    return data["rules/current.toml"]


def advice(i):
    return lambda data: data["timing.toml"]["advice"][i]


def derived(i):
    return lambda data: data["timing.toml"]["derived"][i]


def table(data):
    return data["stats/b-2018.toml"]["tables"][0]


def row(i):
    return lambda data: table(data)["rows"][i]


R = "rules/current.toml: "
T = "timing.toml: "
S = "stats/b-2018.toml: tables[0]."

BAD = [
    # kinds and the words for them
    (setter(step(0), "title", 5), "steps.toml: steps[0].title: expected a string, got 5"),
    (setter(step(0), "title", True), "steps.toml: steps[0].title: expected a string, got True"),
    (setter(step(0), "title", KeyError), "steps.toml: steps[0].title: missing"),
    (setter(step(0), "title", "  "), "steps.toml: steps[0].title: must not be empty"),
    (setter(step(0), "group", KeyError), "steps.toml: steps[0].group: missing"),
    (setter(step(0), "why", []), "steps.toml: steps[0].why: expected a string, got []"),
    (setter(step(0), "after", "usmle_id"), "steps.toml: steps[0].after: expected an array, got 'usmle_id'"),
    (setter(step(0), "rules", ["Current"]), "steps.toml: steps[0].rules[0]: expected an id (a-z, 0-9, _ or -), got 'Current'"),
    (setter(step(1), "satisfied_by", [3]), "steps.toml: steps[1].satisfied_by[0]: expected an id (a-z, 0-9, _ or -), got 3"),
    (setter(step(0), "modes", ["martian"]), "steps.toml: steps[0].modes: unknown mode 'martian'; expected non-us-img or us-img"),
    (setter(step(0), "status", "rumour"),
     "steps.toml: steps[0].status: expected one of official, reported, projected, guide, derived, unverified, got 'rumour'"),
    (setter(step(0), "as_of", "2024"), "steps.toml: steps[0].as_of: expected a date (YYYY-MM-DD), got '2024'"),
    (setter(step(0), "as_of", datetime(2024, 1, 2, 9, 0)),
     "steps.toml: steps[0].as_of: expected a date (YYYY-MM-DD), got datetime.datetime(2024, 1, 2, 9, 0)"),
    (lambda data: data["steps.toml"]["steps"].append(7), "steps.toml: steps[2]: expected a table, got 7"),
    (setter(calendar(0), "approximate", "yes"), R + "calendar[0].approximate: expected true or false, got 'yes'"),
    (setter(rules, "use_published_dates", 1), R + "use_published_dates: expected true or false, got 1"),
    (setter(rules, "title", KeyError), R + "title: missing"),
    (setter(rules, "description", ""), R + "description: must not be empty"),
    (setter(rules, "source", KeyError), R + "source: missing"),
    # the calendar rules
    (setter(calendar(0), "rule", "monthly"), R + "calendar[0].rule: expected one of fixed, nth_weekday, days_after, days_before, got 'monthly'"),
    (setter(calendar(0), "weekday", "fri"), R + "calendar[0].weekday: expected a weekday name, got 'fri'"),
    (setter(calendar(0), "time", "9:00"), R + "calendar[0].time: expected HH:MM (Eastern), got '9:00'"),
    (setter(calendar(0), "time", "9am"), R + "calendar[0].time: expected HH:MM (Eastern), got '9am'"),
    (setter(calendar(0), "time", "24:00"), R + "calendar[0].time: expected HH:MM (Eastern), got '24:00'"),
    (setter(calendar(0), "time", "12:60"), R + "calendar[0].time: expected HH:MM (Eastern), got '12:60'"),
    (setter(calendar(0), "time", 12), R + "calendar[0].time: expected a string, got 12"),
    (setter(calendar(0), "month", 13), R + "calendar[0].month: expected an integer 1-12, got 13"),
    (setter(calendar(0), "month", 0), R + "calendar[0].month: expected an integer 1-12, got 0"),
    (setter(calendar(0), "month", KeyError), R + "calendar[0].month: missing"),
    (setter(calendar(0), "n", 5), R + "calendar[0].n: expected an integer 1-4, got 5"),  # no fifth Friday in 2027
    (setter(calendar(0), "n", 0), R + "calendar[0].n: expected an integer 1-4, got 0"),
    (setter(calendar(1), "day", 32), R + "calendar[1].day: expected an integer 1-31, got 32"),
    (setter(calendar(1), "day", 30), R + "calendar[1].day: no day 30 in month 2"),
    (setter(calendar(1), "year_offset", -4), R + "calendar[1].year_offset: expected an integer -3-1, got -4"),
    (setter(calendar(1), "year_offset", 2), R + "calendar[1].year_offset: expected an integer -3-1, got 2"),
    (setter(calendar(3), "days", 367), R + "calendar[3].days: expected an integer 0-366, got 367"),
    (setter(calendar(3), "days", -1), R + "calendar[3].days: expected an integer 0-366, got -1"),
    (setter(calendar(3), "of", "nowhere"), R + "calendar[3].of: unknown calendar id 'nowhere'"),
    (setter(calendar(3), "of", KeyError), R + "calendar[3].of: missing"),
    # requirements and actions
    (lambda data: rules(data)["requirements"][0]["steps"].append("step9"), R + "requirements[0].steps: unknown step 'step9'"),
    (setter(lambda data: rules(data)["requirements"][0], "title", KeyError), R + "requirements[0].title: missing"),
    (setter(lambda data: rules(data)["actions"][1], "requires", ["a_visa"]), R + "actions[1].requires: unknown requirement 'a_visa'"),
    (setter(rules, "id", "mine"), "rules/current.toml: id: must match the file name ('current'), got 'mine'"),
    # published dates
    (setter(lambda data: data["matches/2027.toml"], "match_year", 2028), "matches/2027.toml: match_year: must match the file name (2027), got 2028"),
    (setter(lambda data: data["matches/2027.toml"], "match_year", KeyError), "matches/2027.toml: match_year: missing"),
    (setter(lambda data: data["matches/2027.toml"]["dates"][0], "date", "2027-03-19"),
     "matches/2027.toml: dates[0].date: expected a date (YYYY-MM-DD), got '2027-03-19'"),
    (setter(lambda data: data["matches/2027.toml"]["dates"][0], "date", datetime(2027, 3, 19, 12, 0)),
     "matches/2027.toml: dates[0].date: expected a date (YYYY-MM-DD), got datetime.datetime(2027, 3, 19, 12, 0)"),
    (setter(lambda data: data["matches/2027.toml"]["dates"][1], "time", "noon"),
     "matches/2027.toml: dates[1].time: expected HH:MM (Eastern), got 'noon'"),
    # statistics
    (setter(table, "column_titles", ["US IMG"]), S + "columns: columns, column_titles and column_groups must have the same length"),
    (setter(table, "column_groups", ["us_img", "non_us_img", "img"]), S + "columns: columns, column_titles and column_groups must have the same length"),
    (setter(table, "unit", "points"), S + "unit: expected score, count or percent, got 'points'"),
    (setter(row(0), "values", [230]), S + "rows[0].values: expected 2 values, got 1"),
    (setter(row(0), "values", [230, -1]), S + "rows[0].values[1]: expected a number or \"N/A\", got -1"),
    (setter(row(0), "values", [True, 1]), S + "rows[0].values[0]: expected a number or \"N/A\", got True"),
    (setter(row(0), "values", ["n/a", 1]), S + "rows[0].values[0]: expected a number or \"N/A\", got 'n/a'"),
    (setter(row(1), "uncertain", ["all_img"]), S + "rows[1].uncertain: unknown column 'all_img'"),
    (setter(row(1), "note", KeyError), S + "rows[1].note: a row with uncertain or surprising cells must say why in a note"),
    (setter(row(1), "printed", KeyError), S + "rows[1].printed: missing"),
    (setter(table, "id", KeyError), S + "id: missing"),
    (setter(lambda data: data["stats/b-2018.toml"], "year", 1989), "stats/b-2018.toml: year: expected an integer 1990-2100, got 1989"),
    (setter(lambda data: data["stats/b-2018.toml"], "year", 2101), "stats/b-2018.toml: year: expected an integer 1990-2100, got 2101"),
    (setter(lambda data: data["stats/b-2018.toml"], "status", "rumour"), "stats/b-2018.toml: status: expected one of official, reported, projected, guide, derived, unverified, got 'rumour'"),
    # timing: lead times, advice, derived dates
    (setter(lambda data: data["timing.toml"]["lead_times"][0], "days", 731), T + "lead_times[0].days: expected an integer 0-730, got 731"),
    (setter(lambda data: data["timing.toml"]["lead_times"][0], "days", -1), T + "lead_times[0].days: expected an integer 0-730, got -1"),
    (setter(advice(0), "before", KeyError), T + "advice[0].before: missing"),
    (setter(advice(0), "before", {"month": 13, "day": 1, "year_offset": 0}), T + "advice[0].before.month: expected an integer 1-12, got 13"),
    (setter(advice(0), "before", {"month": 1, "day": 32, "year_offset": 0}), T + "advice[0].before.day: expected an integer 1-31, got 32"),
    (setter(advice(0), "before", {"month": 1, "day": 1, "year_offset": 2}), T + "advice[0].before.year_offset: expected an integer -3-1, got 2"),
    (setter(advice(0), "before", {"month": 1, "day": 1, "year_offset": -4}), T + "advice[0].before.year_offset: expected an integer -3-1, got -4"),
    (setter(advice(0), "before", 5), T + "advice[0].before: expected a table, got 5"),
    (setter(derived(0), "anchor", {"guide-2019": "match_day"}), T + "derived[0].anchor.guide-2019: unknown rule set 'guide-2019'"),
    (setter(derived(0), "anchor", {"current": "nowhere"}),
     T + "derived[0].anchor.current: unknown anchor 'nowhere': expected a calendar id of current or a derived id"),
    (setter(derived(0), "anchor", {"current": 5}),
     T + "derived[0].anchor.current: unknown anchor 5: expected a calendar id of current or a derived id"),
    (setter(derived(0), "lead_time", "forever"), T + "derived[0].lead_time: unknown lead time 'forever'"),
    (setter(derived(0), "step", "step9"), T + "derived[0].step: unknown step 'step9'"),
    (setter(derived(0), "also_steps", ["usmle_id", "step9"]), T + "derived[0].also_steps: unknown step 'step9'"),
    (setter(derived(0), "modes", ["martian"]), T + "derived[0].modes: unknown mode 'martian'; expected non-us-img or us-img"),
    (setter(derived(0), "text", KeyError), T + "derived[0].text: missing"),
    # visa
    (setter(lambda data: data["visa.toml"]["aspects"][1], "j1", KeyError), "visa.toml: aspects[1].j1: missing"),
    (setter(lambda data: data["visa.toml"]["aspects"][1], "h1b", {"text": "x"}), "visa.toml: aspects[1].h1b.status: missing"),
    # across the files
    (setter(step(0), "rules", ["current", "guide-2019"]), "steps.toml: steps[0].rules: unknown rule set 'guide-2019'"),
    (lambda data: data["steps.toml"]["steps"].append({**data["steps.toml"]["steps"][1], "title": "Again"}),
     "steps.toml: steps[2].id: 'step1' appears twice for rules 'current', mode 'non-us-img'"),
    (setter(step(0), "after", ["step1"]), "steps.toml: steps[0].after: 'step1' is not a step of rules 'current', mode 'us-img'"),
    (lambda data: data.pop("timing.toml"), "timing.toml: missing from "),
    # limits and the SOAP checklist (issue #15)
    (lambda data: data["limits.toml"]["limits"].pop(1), "limits.toml: limits: no limit with id 'interview_reply_hours' (imgtui applies it)"),
    (setter(lambda data: data["limits.toml"]["limits"][0], "value", "four"), "limits.toml: limits[0].value: expected an integer, got 'four'"),
    (setter(lambda data: data["soap.toml"]["checklist"][0], "status", "rumour"), "soap.toml: checklist[0].status: expected one of official, reported, projected, guide, derived, unverified, got 'rumour'"),
    (lambda data: data.pop("soap.toml"), "soap.toml: missing from "),
]


@pytest.mark.parametrize("edit, message", BAD)
def test_each_problem_is_named_by_file_key_and_what_is_wrong(tmp_path, edit, message):
    text = broken(tmp_path, edit)
    assert text == message or (message.endswith("from ") and text == message + str(tmp_path / "data"))


def test_the_edges_of_each_range_are_accepted(tmp_path):
    data = small_data()
    data["matches/2000.toml"] = {"match_year": 2000, "dates": []}
    data["matches/2100.toml"] = {"match_year": 2100, "dates": []}
    data["stats/c-1990.toml"] = {**data["stats/a-2017.toml"], "year": 1990}
    data["stats/d-2100.toml"] = {**data["stats/a-2017.toml"], "year": 2100}
    loaded = load_catalog(write_data(tmp_path / "data", data))
    assert set(loaded.published) == {2000, 2027, 2100} and loaded.stats_year == 2100
    data["matches/2101.toml"] = {"match_year": 2101, "dates": []}
    assert broken(tmp_path / "again", lambda d: d.update(data)) == \
        "matches/2101.toml: match_year: expected an integer 2000-2100, got 2101"
    data.pop("matches/2101.toml")
    data["matches/1999.toml"] = {"match_year": 1999, "dates": []}
    assert broken(tmp_path / "third", lambda d: d.update(data)) == \
        "matches/1999.toml: match_year: expected an integer 2000-2100, got 1999"


def test_a_folder_with_no_rule_sets_or_no_statistics_is_named(tmp_path):
    data = small_data()
    root = write_data(tmp_path / "data", {k: v for k, v in data.items() if not k.startswith("rules/")})
    with pytest.raises(CatalogError) as error:
        load_catalog(root)
    assert str(error.value) == f"rules/: no rule sets in {root / 'rules'}"
    root = write_data(tmp_path / "other", {k: v for k, v in data.items() if not k.startswith("stats/")})
    with pytest.raises(CatalogError) as error:
        load_catalog(root)
    assert str(error.value) == f"stats/: no statistics files in {root / 'stats'}"


def test_the_data_folder_is_inside_an_installed_package_or_at_the_checkout_root(tmp_path, monkeypatch):
    installed = tmp_path / "site-packages" / "imgtui"
    (installed / "data").mkdir(parents=True)
    monkeypatch.setattr(catalog_module, "__file__", str(installed / "catalog.py"))
    assert data_dir() == installed / "data"
    checkout = tmp_path / "checkout"
    (checkout / "src" / "imgtui").mkdir(parents=True)
    monkeypatch.setattr(catalog_module, "__file__", str(checkout / "src" / "imgtui" / "catalog.py"))
    assert data_dir() == checkout / "data"


def test_moving_a_data_file_into_a_subfolder_is_a_cache_miss(data_copy, tmp_path):
    """A file moved aside (matches/old/2027.toml) is no longer read: the cache must not hand it back."""
    cache_dir = tmp_path / "cache"
    assert 2027 in cached_catalog(data_copy, cache_dir).published
    (data_copy / "matches" / "old").mkdir()
    (data_copy / "matches" / "2027.toml").rename(data_copy / "matches" / "old" / "2027.toml")
    assert 2027 not in cached_catalog(data_copy, cache_dir).published


def test_the_cache_is_written_atomically_into_a_private_folder(data_copy, tmp_path, monkeypatch):
    replaced = []
    real_replace = os.replace

    def spy(src, dst):
        replaced.append((Path(src), Path(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    cache_dir = tmp_path / "cache"
    cached_catalog(data_copy, cache_dir)
    [(temp, target)] = replaced
    assert target == cache_dir / CACHE and temp.parent == cache_dir
    assert temp.name.startswith(f".{CACHE}.") and temp.name.endswith(".tmp")
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700


def test_a_cache_that_cannot_be_replaced_costs_only_time_and_leaves_no_temp_file(data_copy, catalog, tmp_path, monkeypatch):
    def full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    cache_dir = tmp_path / "cache"
    assert cached_catalog(data_copy, cache_dir) == catalog
    assert list(cache_dir.iterdir()) == []


def test_a_cache_holding_anything_but_a_catalog_under_the_right_key_is_a_miss(tmp_path):
    root = write_data(tmp_path / "data", small_data())
    cache_dir = tmp_path / "cache"
    catalog = cached_catalog(root, cache_dir)
    planted = {"key": _same_key(cache_dir), "catalog": {"n": "Provenance", "f": ["x", {"d": "2024-01-02"}, "official"]}}
    (cache_dir / CACHE).write_text(json.dumps(planted, separators=(",", ":")))
    assert cached_catalog(root, cache_dir) == catalog
    rewritten = json.dumps({"key": planted["key"], "catalog": {"n": "Catalog"}}, separators=(",", ":"))[:-2]
    assert (cache_dir / CACHE).read_text().startswith(rewritten)
