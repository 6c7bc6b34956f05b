"""Every fact the app shows, its age, and whether it is past its refresh period (issue #13
point 8), and the data files' provenance walk (every new file; no internal paths)."""

import json
import re
import sys
from datetime import date, datetime

import pytest

from imgtui.catalog import data_dir
from imgtui.cli import main
from imgtui.domain.facts import Fact, catalog_facts, freshness
from imgtui.domain.model import EASTERN, STATUSES, Provenance

from ..conftest import NOW

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=EASTERN)


def fact(area, as_of, status="reported", on=None, superseded=False):
    return Fact("x", area, "what", "value", Provenance("https://example.org/", date.fromisoformat(as_of), status),
                date.fromisoformat(on) if on else None, superseded)


@pytest.mark.parametrize("area, as_of, now, stale", [
    ("visa", "2026-05-25", "2026-11-24", False),  # 183 days: the last fresh day
    ("visa", "2026-05-25", "2026-11-25", True),  # 184 days: past six months
    ("rules", "2025-08-19", "2026-11-24", True),
    ("dates", "2025-11-24", "2026-11-24", False),  # one season: 365 days
    ("dates", "2025-11-23", "2026-11-25", True),
    ("services", "2024-02-08", "2026-11-24", True),
    ("guide", "2018-09-15", "2026-11-24", False),  # no refresh period
])
def test_refresh_periods_by_area(catalog, area, as_of, now, stale):
    assert freshness(fact(area, as_of), catalog, at(now)).stale is stale


def test_the_guide_derived_history_and_superseded_never_go_stale(catalog):
    now = at("2026-11-24")
    assert not freshness(fact("rules", "2018-09-15", status="guide"), catalog, now).stale
    assert not freshness(fact("dates", "2020-01-01", status="derived"), catalog, now).stale
    passed = freshness(fact("dates", "2024-02-01", on="2024-02-28"), catalog, now)
    assert not passed.stale and passed.why == "history: its date has passed"
    assert not freshness(fact("outcomes", "2023-03-17", superseded=True), catalog, now).stale


def test_outcomes_go_stale_when_the_next_match_day_passes(catalog):
    outcome = fact("outcomes", "2025-03-21")
    assert not freshness(outcome, catalog, at("2026-03-20", hour=11)).stale  # before noon ET on Match Day 2026
    late = freshness(outcome, catalog, at("2026-03-20", hour=13))
    assert late.stale and "Match Day 2026-03-20 has passed" in late.why


def test_refresh_periods_are_data(catalog):
    periods = {p.id: p for p in catalog.refresh}
    assert (periods["season"].days, periods["six_months"].days, periods["one_match"].matches) == (365, 183, 1)
    assert set(periods["season"].areas) >= {"dates", "fees", "signals"}
    assert set(periods["six_months"].areas) == {"rules", "visa", "geography"}


def test_every_fact_is_listed_once_with_its_provenance(catalog):
    facts = catalog_facts(catalog)
    ids = [f.id for f in facts]
    assert len(ids) == len(set(ids))
    assert len(facts) > 120
    for f in facts:
        assert f.provenance.status in STATUSES and f.provenance.source and f.provenance.as_of
    expected = {"match.2025.september_15", "visa.h1b_fee", "outcome.2023.us_img", "service.emergency_medicine",
                "pathways.2025.oet_recency", "pathways.2027.oet_recency", "rules.current.calendar.september_15",
                "step.oet_medicine", "stats.2018.research_matched", "img_share.2024.internal_medicine"}
    assert expected <= set(ids)


def test_facts_json_lists_every_fact_with_status_source_as_of_and_stale(capsys, catalog):
    assert main(["facts", "--json"], clock=lambda: NOW) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["facts_as_of"] == "2026-11-25"
    assert len(data["facts"]) == len(catalog_facts(catalog))
    for f in data["facts"]:
        assert {"id", "what", "value", "status", "source", "as_of", "age_days", "stale", "refresh"} <= set(f)
    by_id = {f["id"]: f for f in data["facts"]}
    assert by_id["visa.h1b_fee"]["stale"] is True and by_id["visa.h1b_fee"]["refresh"] == "six months"
    assert by_id["rules.current.calendar.september_15"]["stale"] is False
    # The date a rule checks is listed with its source, and, being history, never stale.
    cs = by_id["step.step2cs.counts_if_before"]
    assert cs["value"].startswith("2021-01-26 (") and cs["status"] == "reported" and cs["stale"] is False
    assert by_id["stats.2018.research_matched"]["refresh"] is None and by_id["stats.2018.research_matched"]["status"] == "guide"
    assert main(["facts", "--json", "--stale"], clock=lambda: NOW) == 0
    assert all(f["stale"] for f in json.loads(capsys.readouterr().out)["facts"])


def test_the_text_listing_and_status_say_facts_as_of_and_what_is_stale(capsys):
    assert main(["facts"], clock=lambda: NOW) == 0
    out = capsys.readouterr().out
    assert "as of 2026-11-25" in out and "STALE" in out and "visa.h1b_fee" in out
    assert main(["status"], clock=lambda: NOW) == 0
    out = capsys.readouterr().out
    assert "Facts as of 2026-11-25;" in out and "past their refresh period" in out and "visa" in out
    assert main(["status", "--json"], clock=lambda: NOW) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["facts_as_of"] == "2026-11-25" and any(f["id"] == "visa.h1b_fee" for f in data["facts_stale"])
    assert main(["status", "--json", "--mode", "us-img"], clock=lambda: NOW) == 0
    assert not any(f["area"] == "visa" for f in json.loads(capsys.readouterr().out)["facts_stale"])


def test_reviewed_is_not_older_than_any_shipped_fact(catalog):
    assert all(f.provenance.as_of <= catalog.reviewed for f in catalog_facts(catalog))


# -- the data files' provenance walk ----------------------------------------------------------

INTERNAL = re.compile(r"shared/|seed/|\.md\b|data/|src/|/work/|current-season|facts/", re.IGNORECASE)


def provenance_tables(value, where=""):
    """Every table in a TOML document that carries a `source`."""
    if isinstance(value, dict):
        if "source" in value:
            yield where, value
        for key, child in value.items():
            yield from provenance_tables(child, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from provenance_tables(child, f"{where}[{i}]")


DATA_FILES = sorted(p.relative_to(data_dir()).as_posix() for p in data_dir().rglob("*.toml"))


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_source_is_public_and_every_fact_has_as_of_and_status(name):
    document = tomllib.loads((data_dir() / name).read_text(encoding="utf-8"))
    found = list(provenance_tables(document))
    if name not in ("refresh.toml", "specialty-names.toml"):  # periods and spellings, not facts
        assert found, f"{name}: no facts with a source"
    for where, table in found:
        source = table["source"]
        assert not INTERNAL.search(source), f"{name}: {where}: names an internal path: {source!r}"
        assert source.startswith("guide:") or "https://" in source or "http://" in source, (
            f"{name}: {where}: a source needs a public URL (or is a section of the guide): {source!r}")
        assert isinstance(table.get("as_of"), date), f"{name}: {where}: as_of"
        assert table.get("status") in STATUSES and table["status"] != "yours", f"{name}: {where}: status"


def test_every_data_file_is_read_by_the_loader(catalog):
    """A data file the loader does not read would be facts nobody sees (and nobody checks)."""
    read = {"steps.toml", "timing.toml", "visa.toml", "services.toml", "refresh.toml", "outcomes/main-match.toml"}
    read |= {"fees/applications.toml", "fees/items.toml", "geography.toml", "specialty-names.toml"}
    read |= {f"signals/{t.season}.toml" for t in catalog.season_facts.signals}
    read |= {f"rules/{r}.toml" for r in catalog.rule_sets} | {f"matches/{y}.toml" for y in catalog.published}
    read |= {f"pathways/{p.match_year}.toml" for p in catalog.pathways} | {f"stats/nrmp-{catalog.stats_year}.toml"}
    read |= {"limits.toml"} if catalog.limits else set()  # issue #15
    read |= {"soap.toml"} if catalog.soap_checklist else set()
    assert set(DATA_FILES) == read
