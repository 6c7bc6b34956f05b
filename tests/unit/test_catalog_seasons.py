"""The catalog's one-file-per-season folders read field by field: the program signal counts
(signals/<season>.toml) and the ECFMG Pathways seasons (pathways/<match year>.toml), with
the OET rules an unpublished season carries from the last published one (issue #18)."""

from __future__ import annotations

from datetime import date, time

import pytest

from imgtui.catalog import load_catalog
from imgtui.domain.model import OetMinimum, OetRecency, PathwaysDeadline, PathwaysSeason, Provenance, SignalCount

from .test_catalog import PROV, SOURCE, broken, small_data, write_data

BOARD = "Specialty board: signals, https://example.org/signals"
AAIM = "AAIM: tiered signals, https://www.im.org/signals."
SIGNALS = {
    "season": 2026, "source": BOARD, "as_of": date(2025, 9, 1), "status": "reported",
    "counts": [
        {"specialty": "Internal Medicine", "gold": 1, "silver": 100, "source": AAIM, "as_of": date(2025, 5, 6),
         "status": "official", "quote": "1 Gold and 100 Silver", "note": "one per institution"},
        {"specialty": "Family Medicine", "signals": 100},
        {"specialty": "Emergency Medicine", "unknown": True, "note": "not found"},
        {"specialty": "Anesthesiology", "gold": 100, "silver": 1},
        {"specialty": "Pathology", "signals": 1},
    ],
}


def signals_data(edit=lambda counts: None, data=None) -> dict[str, dict]:
    """small_data() with one tiny signal table of its own (no file-wide quote) for 2026."""
    data = small_data() if data is None else data
    del data["signals/2025.toml"]
    data["signals/2026.toml"] = table = {**SIGNALS, "counts": [dict(c) for c in SIGNALS["counts"]]}
    edit(table["counts"])
    return data


def test_every_field_of_a_signal_count_is_read_and_an_entry_defaults_to_the_files_source(tmp_path):
    (table,) = load_catalog(write_data(tmp_path / "data", signals_data())).season_facts.signals
    board = Provenance(BOARD, date(2025, 9, 1), "reported")
    url = "https://example.org/signals"
    assert table.season == 2026
    assert table.counts == (
        SignalCount("Internal Medicine", 1, 100, None, False, Provenance(AAIM, date(2025, 5, 6), "official"),
                    "https://www.im.org/signals", "1 Gold and 100 Silver", "one per institution"),
        SignalCount("Family Medicine", None, None, 100, False, board, url, "", ""),
        SignalCount("Emergency Medicine", None, None, None, True, board, url, "", "not found"),
        SignalCount("Anesthesiology", 100, 1, None, False, board, url, "", ""),
        SignalCount("Pathology", None, None, 1, False, board, url, "", ""),
    )


def count(i, **changes):
    def edit(counts):
        for key, value in changes.items():
            if value is None:
                del counts[i][key]
            else:
                counts[i][key] = value
    return edit


SIG = "signals/2026.toml: "
KINDS = "signals: expected gold and silver, or signals (a single kind), or unknown = true"


@pytest.mark.parametrize("edit, message", [
    (count(0, gold=0), SIG + "counts[0].gold: expected an integer 1-100, got 0"),
    (count(0, silver=101), SIG + "counts[0].silver: expected an integer 1-100, got 101"),
    (count(1, signals=0), SIG + "counts[1].signals: expected an integer 1-100, got 0"),
    # unknown means no number of any kind
    (count(2, silver=12), SIG + "counts[2].unknown: an unknown count has no numbers"),
    (count(2, note=None), SIG + "counts[2].note: an unknown count must say why in a note"),
    # two tiers come as a pair, a single kind alone
    (count(0, silver=None), SIG + "counts[0]." + KINDS),
    (count(1, gold=2), SIG + "counts[1]." + KINDS),
    (lambda counts: counts.append({"specialty": "internal MEDICINE", "signals": 5}),
     SIG + "counts: a specialty appears twice"),
])
def test_a_signal_count_is_refused_naming_the_entry_and_the_rule(tmp_path, edit, message):
    assert broken(tmp_path, lambda data: signals_data(edit, data)) == message


def test_a_signal_season_is_a_year_from_2000_to_2100(tmp_path):
    def early(data):
        del data["signals/2025.toml"]
        data["signals/1999.toml"] = {**SIGNALS, "season": 1999}

    assert broken(tmp_path, early) == "signals/1999.toml: season: expected an integer 2000-2100, got 1999"


# -- Pathways seasons ----------------------------------------------------------------------

ECFMG = "https://www.ecfmg.org/certification-pathways/"
MINIMUM = {"text": "350 in each part", **SOURCE}
RECENCY = {"taken_on_or_after": date(2023, 1, 1), "text": "On or after January 1, 2023.", **SOURCE}
SEASONS = {
    "pathways/2024.toml": {"match_year": 2024, "title": "2024 Pathways", **SOURCE},  # nothing earlier to carry
    "pathways/2025.toml": {"match_year": 2025, "title": "2025 Pathways", **SOURCE, "oet_recency": RECENCY},
    "pathways/2026.toml": {"match_year": 2026, "title": "2026 Pathways", **SOURCE},
    "pathways/2027.toml": {
        "match_year": 2027, "title": "2027 Pathways", "pathways": ["Pathway 1", "Pathway 6"], "check": ECFMG,
        **SOURCE, "status": "projected", "oet_minimum": MINIMUM,
        "deadlines": [
            {"id": "apply_by", "title": "Apply by", "date": date(2027, 1, 31), "time": "23:59", "for_match": True,
             **SOURCE},
            {"id": "close", "title": "Season closes", "date": date(2027, 5, 31), "for_match": False, **SOURCE}]},
    "pathways/2028.toml": {"match_year": 2028, "title": "2028 Pathways", **SOURCE},
}


def test_every_field_of_a_pathways_season_is_read_and_unpublished_oet_rules_come_from_the_last_published(tmp_path):
    pathways = load_catalog(write_data(tmp_path / "data", {**small_data(), **SEASONS})).pathways
    minimum = OetMinimum("350 in each part", PROV)
    recency = OetRecency(date(2023, 1, 1), "On or after January 1, 2023.", PROV)
    projected = PROV._replace(status="projected")
    assert pathways == (
        PathwaysSeason(2024, "2024 Pathways", (), (), PROV, None, None, 2024),
        PathwaysSeason(2025, "2025 Pathways", (), (), PROV, None, recency, 2025),
        PathwaysSeason(2026, "2026 Pathways", (), (), PROV, None, recency, 2025),  # carried, marked so
        # A season's own rules replace the earlier ones whole: 2025's recency is not mixed in.
        PathwaysSeason(2027, "2027 Pathways", ("Pathway 1", "Pathway 6"), (
            PathwaysDeadline("apply_by", "Apply by", date(2027, 1, 31), time(23, 59), True, PROV),
            PathwaysDeadline("close", "Season closes", date(2027, 5, 31), None, False, PROV),
        ), projected, minimum, None, 2027, ECFMG),
        PathwaysSeason(2028, "2028 Pathways", (), (), PROV, minimum, None, 2027),
    )


def test_a_projected_pathways_season_must_say_where_to_confirm_it(tmp_path):
    def unchecked(data):
        data.update(SEASONS)
        data["pathways/2027.toml"] = {k: v for k, v in SEASONS["pathways/2027.toml"].items() if k != "check"}

    assert broken(tmp_path, unchecked) == \
        "pathways/2027.toml: check: a projected season must say where to confirm it (a public URL)"
