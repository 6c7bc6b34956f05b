import json
import os
import pickle
import shutil
import subprocess
import sys
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
    ("rules/current.toml", "month = 3\n", 'month = "march"\n', "rules/current.toml: calendar[4].month: expected an integer"),
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


def test_cache_returns_what_the_loader_returns_and_is_reused(data_copy, tmp_path):
    cache_dir = tmp_path / "cache"
    first = cached_catalog(data_copy, cache_dir)
    assert first == load_catalog(data_copy)
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
])
def test_a_damaged_foreign_or_planted_cache_is_a_miss(data_copy, tmp_path, content):
    cache_dir = tmp_path / "cache"
    cached_catalog(data_copy, cache_dir)
    cached = cache_dir / CACHE
    content = content.replace(b"KEY", _same_key(cache_dir).encode())
    cached.write_bytes(content)
    assert cached_catalog(data_copy, cache_dir) == load_catalog(data_copy)
    assert cached.read_bytes() != content  # rewritten


def test_point8_a_planted_pickle_never_runs(data_copy, tmp_path):
    """The old cache was unpickled before its key was checked: a planted file ran code."""
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    for name in ("catalog.pickle", CACHE):
        (cache_dir / name).write_bytes(pickle.dumps((b"any key", Payload())))
    assert cached_catalog(data_copy, cache_dir) == load_catalog(data_copy)
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
    assert (tmp_path / "home" / ".cache" / "imgtui" / CACHE).is_file()
