"""The season's fee, specialty-name and geography files: every field is read as written, and
each problem is named by file, key and what is wrong (issue #14's data, issue #18's rules)."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
import tomli_w

from imgtui import catalog as catalog_module
from imgtui.catalog import CatalogError, cached_catalog, load_catalog, with_user_facts
from imgtui.domain.model import (
    Division,
    FeeAmount,
    FeeItem,
    FeeSchedule,
    FeeTier,
    Geography,
    OutsidePlace,
    PreferenceRule,
    Provenance,
    SignalCount,
    SignalTable,
    SpecialtyName,
)

from .test_catalog import AS_OF, shipped, small_data, write_data


def sourced(title: str, url: str) -> dict:
    """A fact's source as the files write it: a title and its public address, here in
    parentheses with a full stop after, which are not part of the address."""
    return {"source": f"{title} ({url}).", "as_of": AS_OF, "status": "official"}


def provenance(title: str, url: str) -> Provenance:
    return Provenance(f"{title} ({url}).", AS_OF, "official")


APPLICATIONS = {"schedules": [
    {"service": "eras", "season": 2000, **sourced("AAMC fees", "https://aamc.example/fees/TX"), "quote": "Up to 2 free",
     "tiers": [{"from": 1, "to": 2, "fee": 0, "flat": True}, {"from": 3, "to": 3, "fee": 100_000},
               {"from": 4, "fee": 7}]},
    {"service": "residencycas", "season": 2100, "specialties": ["Emergency Medicine"],
     **sourced("CAS fees", "https://cas.example/em"), "tiers": [], "missing": "Not published yet."},
    {"service": "eras", "season": 2100, "specialties": ["Emergency Medicine"],  # the same season, another service
     **sourced("AAMC EM", "https://aamc.example/em"),
     "tiers": [{"from": 1, "to": 9_999, "fee": 1}, {"from": 10_000, "fee": 2}]},
]}

ITEMS = {"items": [
    {"id": "token", "what": "ERAS token", "applies": "season", "amounts": [
        {"season": 2000, "amount": 0, **sourced("ECFMG", "https://ecfmg.example/eras")},
        {"season": 2100, "amount": 1_000_000, "standing": True, "quote": "Effective now.",
         **sourced("ECFMG prices", "https://ecfmg.example/prices")}]},
    {"id": "step1_fee", "what": "Step 1 fee", "applies": "step:step1", "missing": "Not found."},
    {"id": "rank_fee", "what": "Ranks beyond 20", "applies": "ranks", "missing": "Not found either."},
    {"id": "cas_fee", "what": "ResidencyCAS fee", "applies": "service:residencycas", "missing": "Not found at all."},
]}

NAMES = {"specialties": [
    {"name": "Internal Medicine", "aliases": ["IM", "Internal Medicine (Categorical)"]},
    {"name": "Child Neurology", "signals_as": "Neurology"},
]}

GEOGRAPHY = {
    **sourced("Census divisions", "https://census.example/divisions"), "quote": "Groupings of States.",
    "codes_source": "Census codes, https://census.example/codes",
    "preferences": {"most": 9, "text": "Up to nine.", **sourced("MyERAS", "https://aamc.example/geo"),
                    "quote": "select up to nine"},
    "divisions": [
        {"id": "middle_atlantic", "name": "Middle Atlantic", "region": "Northeast",
         "states": [["NJ", "New Jersey"], ["NY", "New York"]]},
        {"id": "pacific", "name": "Pacific", "region": "West", "states": [["HI", "Hawaii"]]},
    ],
    "outside": [
        {"code": "PR", "name": "Puerto Rico", "text": "In no division.", **sourced("Census PR", "https://census.example/pr"),
         "quote": "Puerto Rico is not in any census division"},
        {"code": "GU", "name": "Guam", "text": "Not found.", **sourced("Census GU", "https://census.example/gu")},
    ],
}

# The least a geography file may say: no quotes, no code list, nothing outside the divisions.
BARE_GEOGRAPHY = {
    **sourced("Census divisions", "https://census.example/divisions"),
    "preferences": {"most": 1, "text": "One.", **sourced("MyERAS", "https://aamc.example/geo")},
    "divisions": [{"id": "pacific", "name": "Pacific", "region": "West", "states": [["HI", "Hawaii"]]}],
    "outside": [],
}

# An entry of a signal table takes the file's source, date, status and quote unless it has its own.
SIGNALS = {"season": 2026, **sourced("AMA", "https://ama.example/signals"), "quote": "The file's quote.", "counts": [
    {"specialty": "Internal Medicine", "gold": 3, "silver": 12},
    {"specialty": "Pediatrics", "signals": 5, "source": "AAP, https://aap.example/peds", "as_of": date(2025, 1, 1),
     "status": "reported", "quote": "Five."},
]}

SEASON_FILES = {"fees/applications.toml": APPLICATIONS, "fees/items.toml": ITEMS,
                "specialty-names.toml": NAMES, "geography.toml": GEOGRAPHY, "signals/2026.toml": SIGNALS}


@pytest.fixture(scope="module")
def season_root(tmp_path_factory) -> Path:
    """small_data() with these season files, written once: each case rewrites one file and
    puts it back."""
    data = small_data()
    data = {k: v for k, v in data.items() if not k.startswith("signals/")}
    return write_data(tmp_path_factory.mktemp("season") / "data", {**data, **SEASON_FILES})


def loaded_with(root: Path, relative: str, document: dict):
    path = root / relative
    original = path.read_text()
    path.write_text(tomli_w.dumps(document))
    try:
        return load_catalog(root)
    finally:
        path.write_text(original)


def test_every_field_of_the_fee_name_and_geography_files_is_read(season_root):
    season = load_catalog(season_root).season_facts
    assert season.schedules == (
        FeeSchedule("eras", 2000, (),
                    (FeeTier(1, 2, 0, True), FeeTier(3, 3, 100_000, False), FeeTier(4, None, 7, False)),
                    provenance("AAMC fees", "https://aamc.example/fees/TX"), "https://aamc.example/fees/TX",
                    "Up to 2 free"),
        FeeSchedule("residencycas", 2100, ("Emergency Medicine",), (), provenance("CAS fees", "https://cas.example/em"),
                    "https://cas.example/em", "", "Not published yet."),
        FeeSchedule("eras", 2100, ("Emergency Medicine",),
                    (FeeTier(1, 9_999, 1, False), FeeTier(10_000, None, 2, False)),
                    provenance("AAMC EM", "https://aamc.example/em"), "https://aamc.example/em", "", ""),
    )
    assert season.items == (
        FeeItem("token", "ERAS token", "season", (
            FeeAmount(2000, 0, provenance("ECFMG", "https://ecfmg.example/eras"), "https://ecfmg.example/eras", "",
                      False),
            FeeAmount(2100, 1_000_000, provenance("ECFMG prices", "https://ecfmg.example/prices"),
                      "https://ecfmg.example/prices", "Effective now.", True)), ""),
        FeeItem("step1_fee", "Step 1 fee", "step:step1", (), "Not found."),
        FeeItem("rank_fee", "Ranks beyond 20", "ranks", (), "Not found either."),
        FeeItem("cas_fee", "ResidencyCAS fee", "service:residencycas", (), "Not found at all."),
    )
    assert season.signals == (SignalTable(2026, (
        SignalCount("Internal Medicine", 3, 12, None, False, provenance("AMA", "https://ama.example/signals"),
                    "https://ama.example/signals", "The file's quote.", ""),
        SignalCount("Pediatrics", None, None, 5, False, Provenance("AAP, https://aap.example/peds", date(2025, 1, 1),
                                                                  "reported"), "https://aap.example/peds", "Five.", ""),
    )),)
    assert season.names == (SpecialtyName("Internal Medicine", ("IM", "Internal Medicine (Categorical)"), None),
                            SpecialtyName("Child Neurology", (), "Neurology"))
    assert season.geography == Geography(
        (Division("middle_atlantic", "Middle Atlantic", "Northeast", (("NJ", "New Jersey"), ("NY", "New York"))),
         Division("pacific", "Pacific", "West", (("HI", "Hawaii"),))),
        (OutsidePlace("PR", "Puerto Rico", "In no division.", provenance("Census PR", "https://census.example/pr"),
                      "https://census.example/pr", "Puerto Rico is not in any census division"),
         OutsidePlace("GU", "Guam", "Not found.", provenance("Census GU", "https://census.example/gu"),
                      "https://census.example/gu", "")),
        PreferenceRule(9, "Up to nine.", provenance("MyERAS", "https://aamc.example/geo"), "https://aamc.example/geo",
                       "select up to nine"),
        provenance("Census divisions", "https://census.example/divisions"), "https://census.example/divisions",
        "Groupings of States.", "Census codes, https://census.example/codes", "https://census.example/codes",
    )


def test_a_geography_without_quotes_or_a_code_list_reads_as_empty_text(season_root):
    geography = loaded_with(season_root, "geography.toml", BARE_GEOGRAPHY).season_facts.geography
    assert geography == Geography(
        (Division("pacific", "Pacific", "West", (("HI", "Hawaii"),)),), (),
        PreferenceRule(1, "One.", provenance("MyERAS", "https://aamc.example/geo"), "https://aamc.example/geo", ""),
        provenance("Census divisions", "https://census.example/divisions"), "https://census.example/divisions",
        "", "", "")


def edited(document: dict, edit) -> dict:
    changed = copy.deepcopy(document)
    edit(changed)
    return changed


def put(target: dict, fields: dict) -> None:
    """Set each field, or remove it where the value is KeyError."""
    for key, value in fields.items():
        if value is KeyError:
            del target[key]
        else:
            target[key] = value


def schedule(i: int, **fields):
    return "fees/applications.toml", lambda d: put(d["schedules"][i], fields)


def tiers(i: int, *written: dict):
    return schedule(i, tiers=list(written))


def item(i: int, **fields):
    return "fees/items.toml", lambda d: put(d["items"][i], fields)


def amount(j: int, **fields):
    return "fees/items.toml", lambda d: put(d["items"][0]["amounts"][j], fields)


def geography(edit):
    return "geography.toml", edit


A = "fees/applications.toml: schedules"
I = "fees/items.toml: items"  # noqa: E741
G = "geography.toml: "
PROBLEMS = [
    # fee tiers: from 1 without gaps, the last open-ended, each number in its range
    (*tiers(0, {"from": 1, "fee": 1}, {"from": 2, "fee": 2}),
     A + "[0].tiers[1].from: a tier follows one with no upper end"),
    (*tiers(0, {"from": 1, "to": 5, "fee": 1}), A + "[0].tiers: the last tier must have no upper end (omit `to`)"),
    (*tiers(0, {"from": 1, "to": 10_000, "fee": 1}, {"from": 10_001, "fee": 2}),
     A + "[0].tiers[1].from: expected an integer 1-10000, got 10001"),
    (*tiers(0, {"from": 1, "to": 10_001, "fee": 1}), A + "[0].tiers[0].to: expected an integer 1-10000, got 10001"),
    (*tiers(0, {"from": 1, "fee": 100_001}), A + "[0].tiers[0].fee: expected an integer 0-100000, got 100001"),
    # schedules
    (*schedule(0, service="amcas"),
     A + "[0].service: unknown application service 'amcas'; expected one of eras, residencycas"),
    (*schedule(1, missing=KeyError), A + "[1].missing: a schedule without tiers must say what was not found"),
    (*schedule(0, season=2101), A + "[0].season: expected an integer 2000-2100, got 2101"),
    ("fees/applications.toml", lambda d: d["schedules"].append({**d["schedules"][0], "quote": "again"}),
     A + "[3].season: a second eras schedule for season 2000"),
    # items and their amounts
    (*item(0, applies="fees:eras"), I + "[0].applies: expected season, ranks, step:<step id> or service:<service id>, "
                                       "got 'fees:eras'"),
    (*item(1, missing=KeyError), I + "[1].missing: an item without amounts must say what was not found"),
    (*item(0, amounts=list(reversed(ITEMS["items"][0]["amounts"]))),
     I + "[0].amounts: amounts must be in season order, one per season"),
    (*amount(1, season=2101), I + "[0].amounts[1].season: expected an integer 2000-2100, got 2101"),
    (*amount(1, amount=1_000_001), I + "[0].amounts[1].amount: expected an integer 0-1000000, got 1000001"),
    ("fees/items.toml", lambda d: d["items"].extend([{**d["items"][2]}, {**d["items"][1]}]),
     "fees/items.toml: items: item ids must be unique: rank_fee, step1_fee"),
    # specialty names
    ("specialty-names.toml", lambda d: d["specialties"][0].update(aliases=["IM", " "]),
     "specialty-names.toml: specialties[0].aliases: expected a list of names"),
    # geography
    (*geography(lambda d: d["divisions"][0]["states"].append(["PA"])),
     G + "divisions[0].states[2]: expected [\"XX\", \"State name\"], got ['PA']"),
    (*geography(lambda d: d["divisions"][1]["states"].append(["ÑY", "Nueva York"])),
     G + "divisions[1].states[1]: expected a new two-letter code, got 'ÑY'"),  # two ASCII capitals, no other letter
    (*geography(lambda d: d["outside"][1].update(code="NY")), G + "outside[1].code: NY is in a division"),
    (*geography(lambda d: d["preferences"].update(most=10)), G + "preferences.most: expected an integer 1-9, got 10"),
    (*geography(lambda d: d.update(codes_source="Census codes")),
     G + "codes_source: expected a title and a public http(s) address, got 'Census codes'"),
    # a number that may have a fraction is named as such
    ("outcomes/main-match.toml", lambda d: d["outcomes"][0].update(rate="high"),
     "outcomes/main-match.toml: outcomes[0].rate: expected an integer or a number, got 'high'"),
]


@pytest.mark.parametrize("relative, edit, message", PROBLEMS)
def test_each_problem_of_the_season_files_is_named_by_file_key_and_what_is_wrong(season_root, relative, edit, message):
    with pytest.raises(CatalogError) as error:
        loaded_with(season_root, relative, edited(SEASON_FILES.get(relative) or shipped(relative), edit))
    assert str(error.value) == message


def test_a_key_of_the_persons_own_file_that_imgtui_does_not_know_is_named_with_the_keys_it_knows(season_root, tmp_path):
    (tmp_path / "mine.toml").write_text('kind = "match"\nmatch_year = 2027\ncolour = 1\n')
    catalog = with_user_facts(load_catalog(season_root), tmp_path)
    expected = f"{tmp_path / 'mine.toml'}: colour: unknown key; expected one of kind, match_year, dates"
    assert catalog.user_problems == (expected,)


def test_a_new_process_writes_the_start_up_cache_and_the_next_one_reads_it(season_root, tmp_path, monkeypatch):
    """Each start is a new process: the model's classes are looked up afresh (`_CLASSES` empty),
    both when the cache is checked as it is written and when the next start reads it."""
    monkeypatch.setattr(catalog_module, "_CLASSES", {})
    first = cached_catalog(season_root, tmp_path)
    cached = tmp_path / "catalog.json"
    text = cached.read_text()  # written: it read back exactly
    cached.write_text(text.replace(json.dumps(first.stats_source), json.dumps("from the cache")))
    monkeypatch.setattr(catalog_module, "_CLASSES", {})
    assert cached_catalog(season_root, tmp_path).stats_source == "from the cache"
