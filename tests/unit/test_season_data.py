"""The season's data files: every figure sourced with a public address, and errors that
name the file and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imgtui.catalog import CatalogError, data_dir, load_catalog


def test_every_season_figure_has_a_public_address_and_items_without_one_say_why(catalog):
    season = catalog.season_facts
    for fact in (*season.schedules, *(a for i in season.items for a in i.amounts)):
        assert fact.url.startswith(("https://", "http://")), fact
    for count in (c for t in season.signals for c in t.counts):
        assert count.url.startswith(("https://", "http://"))
    for item in season.items:
        assert item.amounts or item.missing, item.id


def test_nothing_is_shown_as_official_for_a_season_it_was_not_published_for(catalog):
    """The ERAS 2027 season (Match 2027) has no published fee or signal table: nothing in the
    data claims one."""
    season = catalog.season_facts
    assert all(s.season <= 2026 for s in season.schedules)
    assert all(t.season <= 2026 for t in season.signals)
    assert all(a.season <= 2026 for i in season.items for a in i.amounts)


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
    ("fees/applications.toml", "{ from = 31, fee = 30 },", "{ from = 32, fee = 30 },",
     "fees/applications.toml: schedules[1].tiers[1].from: tiers must follow each other"),
    ("fees/applications.toml", 'service = "eras"\nseason = 2026', 'service = "AMCAS"\nseason = 2026',
     "fees/applications.toml: schedules[2].service: unknown application service 'AMCAS'"),
    ("fees/items.toml", 'applies = "step:step3"', 'applies = "step:step4"',
     "fees/items.toml: items[8].applies: unknown step 'step4'"),
    ("fees/items.toml", "amount = 165\n", "", "fees/items.toml: items[0].amounts[0].amount: missing"),
    ("fees/items.toml", 'source = "ECFMG: ERAS Support Services, https://ecfmg.org/eras/"',
     'source = "ECFMG: ERAS Support Services"',
     "fees/items.toml: items[0].amounts[0].source: expected a title and a public http(s) address"),
    ("signals/2025.toml", '{ specialty = "Family Medicine", signals = 5 }',
     '{ specialty = "Family Medicine", signals = 5, gold = 2 }', "signals/2025.toml: counts[5].signals: expected gold"),
    ("signals/2026.toml", "season = 2026", "season = 2027", "signals/2026.toml: season: must match the file name"),
    ("geography.toml", '["NJ", "New Jersey"]', '["NY", "New Jersey"]',
     "geography.toml: divisions[1].states[1]: expected a new two-letter code"),
])
def test_errors_name_the_file_and_key(data_copy, file, old, new, message):
    edit(data_copy / file, old, new)
    with pytest.raises(CatalogError) as error:
        load_catalog(data_copy)
    assert message in str(error.value)


def test_a_new_seasons_fees_are_a_data_edit(data_copy):
    from imgtui.domain.costs import season_costs
    from imgtui.domain.programs import Program

    edit(data_copy / "fees/applications.toml", "# The ERAS 2027 season's fees", '''[[schedules]]
service = "eras"
season = 2027
source = "AAMC: Fees for 2027 ERAS Season, https://students-residents.aamc.org/"
as_of = 2027-06-01
status = "official"
tiers = [{ from = 1, to = 20, fee = 12 }, { from = 21, fee = 31 }]
# The ERAS 2027 season's fees''')
    costs = season_costs(load_catalog(data_copy).season_facts, 2027, [Program(str(i), "IM", status="applied") for i in range(21)], [])
    assert costs.eras_total == 20 * 12 + 31 and costs.eras.status == "official"
