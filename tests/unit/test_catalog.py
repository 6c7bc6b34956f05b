import pickle
import shutil
from pathlib import Path

import pytest

from imgtui.catalog import CatalogError, cached_catalog, data_dir, default_catalog, load_catalog
from imgtui.domain.model import STATUSES, Provenance


def test_shipped_data_loads_and_every_fact_has_provenance(catalog):
    facts = [*catalog.steps, *catalog.stats, *catalog.lead_times, *catalog.advice]
    facts += [a for r in catalog.rule_sets.values() for a in (*r.actions, *r.calendar)]
    facts += [d for dates in catalog.published.values() for d in dates]
    facts += [f for v in catalog.visa for f in (v.j1, v.h1b, v.guide) if f]
    for fact in facts:
        provenance = fact.provenance
        assert isinstance(provenance, Provenance)
        assert provenance.source.strip() and provenance.status in STATUSES and provenance.as_of.year >= 2018


def test_nothing_published_is_marked_projected(catalog):
    """Published dates are official or reported; 'projected' belongs to the rules only."""
    for dates in catalog.published.values():
        assert all(d.provenance.status in ("official", "reported") for d in dates)


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

def test_cache_returns_what_the_loader_returns_and_is_reused(data_copy, tmp_path):
    cache_dir = tmp_path / "cache"
    first = cached_catalog(data_copy, cache_dir)
    assert first == load_catalog(data_copy)
    cached = cache_dir / "catalog.pickle"
    key, _catalog = pickle.loads(cached.read_bytes())
    cached.write_bytes(pickle.dumps((key, first._replace(stats_source="from the cache"))))
    assert cached_catalog(data_copy, cache_dir).stats_source == "from the cache"  # a hit: not re-read


def test_an_edited_data_file_is_a_miss_and_replaces_the_cache(data_copy, tmp_path):
    cache_dir = tmp_path / "cache"
    cached_catalog(data_copy, cache_dir)
    edit(data_copy / "matches" / "2026.toml", "date = 2026-03-20", "date = 2026-03-27")
    from imgtui.domain.timeline import find, season
    catalog = cached_catalog(data_copy, cache_dir)
    assert find(season(catalog, "current", 2026), "match_day").day.isoformat() == "2026-03-27"
    assert list(cache_dir.iterdir()) == [cache_dir / "catalog.pickle"]
    assert cached_catalog(data_copy, cache_dir) == catalog


def test_an_invalid_data_file_is_still_an_error_with_a_cache(data_copy, tmp_path):
    cached_catalog(data_copy, tmp_path / "cache")
    edit(data_copy / "steps.toml", 'status = "guide"', 'status = "rumour"')
    with pytest.raises(CatalogError, match="steps.toml: steps"):
        cached_catalog(data_copy, tmp_path / "cache")


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps({"steps": []}), pickle.dumps(1)[:-2],
                                     pickle.dumps((b"another key", None))])
def test_a_damaged_or_foreign_cache_is_a_miss(data_copy, tmp_path, content):
    cache_dir = tmp_path / "cache"
    cached_catalog(data_copy, cache_dir)
    cached = cache_dir / "catalog.pickle"
    cached.write_bytes(content)
    assert cached_catalog(data_copy, cache_dir) == load_catalog(data_copy)
    assert cached.read_bytes() != content  # rewritten


def test_an_unwritable_cache_folder_only_costs_time(data_copy, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    assert cached_catalog(data_copy, blocker) == load_catalog(data_copy)


def test_the_default_catalog_is_cached_under_the_user_cache_folder(tmp_path):
    default_catalog.cache_clear()
    try:
        default_catalog()
    finally:
        default_catalog.cache_clear()
    assert (tmp_path / "home" / ".cache" / "imgtui" / "catalog.pickle").is_file()
