"""The person's own facts: TOML files in <config dir>/imgtui/facts/ add or replace facts by
id, read by the same loader, marked yours; a bad file is reported and never hides the
shipped facts (issue #13 point 9)."""

import json
from datetime import date
from pathlib import Path

import pytest

from imgtui.catalog import cached_catalog, data_dir, load_catalog, with_user_facts
from imgtui.cli import main
from imgtui.domain.timeline import find, season

from ..conftest import NOW

MATCH_DAY_2027 = """kind = "match"
match_year = 2027

[[dates]]
id = "match_day"
title = "Match Day (results at noon ET)"
date = 2027-03-19
time = "12:00"
source = "NRMP, 2027 Main Residency Match calendar, https://www.nrmp.org/match-calendars/"
as_of = 2026-12-01
"""


@pytest.fixture
def facts(isolated_config: Path) -> Path:
    folder = isolated_config / "imgtui" / "facts"
    folder.mkdir(parents=True)
    return folder


def status(capsys, *argv):
    assert main(["status", "--json", *argv], clock=lambda: NOW) == 0
    return json.loads(capsys.readouterr().out)


def deadlines(data):
    return {d["id"]: d for d in data["deadlines"]}


def test_a_facts_file_setting_match_day_2027_changes_status_and_is_yours(capsys, facts):
    before = deadlines(status(capsys))["match_day"]
    assert before["status"] == "projected"
    (facts / "match-2027.toml").write_text(MATCH_DAY_2027.replace("2027-03-19", "2027-03-26"))
    data = status(capsys)
    after = deadlines(data)["match_day"]
    assert after["at"] == "2027-03-26T12:00:00-04:00" and after["status"] == "yours"
    assert "nrmp.org/match-calendars" in after["source"]
    # What depends on it moves too: the rank order list deadline is projected from Match Day.
    assert deadlines(data)["rank_order_list_deadline"]["at"].startswith("2027-03-10")
    assert data["facts_yours"] == ["match.2027.match_day"] and data["facts_problems"] == []
    assert main(["status"], clock=lambda: NOW) == 0
    assert "✎ yours" in capsys.readouterr().out
    assert main(["facts", "--json"], clock=lambda: NOW) == 0
    listed = {f["id"]: f for f in json.loads(capsys.readouterr().out)["facts"]}
    assert listed["match.2027.match_day"]["status"] == "yours" and listed["match.2027.match_day"]["value"].startswith("2027-03-26")


def test_a_new_date_is_added_beside_the_shipped_ones(capsys, facts):
    (facts / "extra.toml").write_text(MATCH_DAY_2027.replace('id = "match_day"', 'id = "my_interview"')
                                      .replace("Match Day (results at noon ET)", "Interview at City Hospital")
                                      .replace("2027-03-19", "2027-01-12"))
    found = deadlines(status(capsys))
    assert found["my_interview"]["status"] == "yours" and found["match_day"]["status"] == "projected"


@pytest.mark.parametrize("content, message", [
    (MATCH_DAY_2027.replace("date = 2027-03-19", 'date = "soon"'), "bad.toml: dates[0].date: expected a date"),
    (MATCH_DAY_2027.replace('kind = "match"', 'kind = "rumour"'), "bad.toml: kind: expected one of match"),
    (MATCH_DAY_2027.replace("as_of = 2026-12-01\n", ""), "bad.toml: dates[0].as_of: missing"),
    ('kind = "match"\nmatch_year = 2027\ncolour = 1\n[[dates]]\n', "bad.toml: colour: unknown key"),
    (MATCH_DAY_2027.replace("Match Day (results", "Match Day\\u001b[31m (results"), "bad.toml: dates[0].title: contains a control character"),
    (MATCH_DAY_2027 + 'status = "official"\n', None),  # a status written is accepted; the fact is shown as yours
    (MATCH_DAY_2027 + 'status = "rumour"\n', "bad.toml: dates[0].status: expected one of"),
    ("not = [toml", "bad.toml: not valid TOML"),
    (MATCH_DAY_2027.replace('date = 2027-03-19', 'date = 2027-03-19\nservice = "carrier-pigeon"'),
     "bad.toml: dates[0].service: unknown application service"),
])
def test_a_broken_file_names_the_file_and_key_and_the_shipped_facts_still_load(capsys, facts, content, message):
    (facts / "bad.toml").write_text(content)
    (facts / "good.toml").write_text(MATCH_DAY_2027.replace('id = "match_day"', 'id = "my_date"'))
    data = status(capsys)
    found = deadlines(data)
    assert found["match_day"]["status"] in ("projected", "yours")  # the shipped calendar still there
    assert found["my_date"]["status"] == "yours"  # and the other file still applied
    if message is None:
        assert data["facts_problems"] == [] and found["match_day"]["status"] == "yours"
        return
    (problem,) = data["facts_problems"]
    assert message in problem and str(facts / "bad.toml").replace(str(Path.home()), "~") in problem
    assert "bad.toml" not in " ".join(data["facts_yours"])
    assert main(["status"], clock=lambda: NOW) == 0
    assert "⚠ your facts file was not used:" in capsys.readouterr().out


def test_a_file_applies_completely_or_not_at_all(capsys, facts):
    two = MATCH_DAY_2027 + MATCH_DAY_2027.split("\n\n", 1)[1].replace('id = "match_day"', 'id = "other"').replace(
        "date = 2027-03-19", 'date = "never"')
    (facts / "half.toml").write_text(two)
    data = status(capsys)
    assert deadlines(data)["match_day"]["status"] == "projected" and data["facts_problems"]


def test_a_folder_or_fifo_where_a_file_should_be_is_reported(capsys, facts):
    (facts / "dir.toml").mkdir()
    data = status(capsys)
    assert any("dir.toml" in p and "folder" in p for p in data["facts_problems"])


def test_replacing_and_adding_visa_outcomes_services_and_a_pathways_season(tmp_path):
    folder = tmp_path / "facts"
    folder.mkdir()
    (folder / "visa.toml").write_text('''kind = "visa"
[[updates]]
id = "h1b_fee_expiry"
title = "H-1B payment extended"
visa = "h1b"
on = 2026-09-21
text = "Extended for a year."
meaning = "It still applies."
source = "USCIS, https://www.uscis.gov/"
as_of = 2026-10-01
[[updates]]
id = "my_note"
title = "My program's visa policy changed"
visa = "j1"
on = 2026-11-01
text = "City Hospital now sponsors the J-1 only."
meaning = "Apply there expecting a J-1."
source = "City Hospital GME office email, https://example.org/"
as_of = 2026-11-01
''')
    (folder / "outcomes.toml").write_text('''kind = "outcomes"
[[outcomes]]
match_year = 2026
group = "non_us_img"
rate = 50.0
matched = 5
applicants = 10
source = "https://example.org/"
as_of = 2026-03-20
''')
    (folder / "services.toml").write_text('''kind = "services"
[[specialties]]
id = "anesthesiology"
specialty = "Anesthesiology"
names = ["anesthesiology"]
service = "residencycas"
from_match = 2027
note = "Hypothetical, for the test."
source = "https://example.org/"
as_of = 2026-11-01
''')
    (folder / "pathways.toml").write_text('''kind = "pathways"
match_year = 2027
title = "2027 Pathways"
source = "ECFMG, https://www.ecfmg.org/"
as_of = 2026-11-01
[oet_recency]
taken_on_or_after = 2025-01-01
text = "On or after January 1, 2025."
source = "ECFMG, https://www.ecfmg.org/"
as_of = 2026-11-01
''')
    shipped = load_catalog()
    mine = with_user_facts(shipped, folder)
    assert mine.user_problems == ()
    updates = {u.id: u for u in mine.visa_updates}
    assert updates["h1b_fee_expiry"].title == "H-1B payment extended" and updates["h1b_fee_expiry"].provenance.status == "yours"
    assert updates["my_note"].provenance.status == "yours" and len(updates) == len(shipped.visa_updates) + 1
    assert any(o.match_year == 2026 and o.provenance.status == "yours" for o in mine.outcomes.rows)
    from imgtui.domain.services import service_for
    assert service_for(mine.services, "Anesthesiology", 2027).service.id == "residencycas"
    p2027 = mine.pathways_for(2027)
    assert p2027.rules_from == 2027 and p2027.oet_recency.taken_on_or_after == date(2025, 1, 1)
    assert p2027.provenance.status == "yours" and mine.pathways_for(2026).rules_from == 2025
    assert set(mine.yours) >= {"visa.h1b_fee_expiry", "visa.my_note", "outcome.2026.non_us_img",
                               "service.anesthesiology", "pathways.2027"}
    assert shipped.visa_updates != mine.visa_updates  # the shipped catalog itself is untouched
    assert {u.provenance.status for u in shipped.visa_updates} != {"yours"}


def test_the_start_up_cache_never_hides_them(tmp_path):
    folder = tmp_path / "facts"
    folder.mkdir()
    (folder / "m.toml").write_text(MATCH_DAY_2027)
    cache = tmp_path / "cache"
    cached_catalog(data_dir(), cache)  # warm
    catalog = with_user_facts(cached_catalog(data_dir(), cache), folder)
    assert find(season(catalog, "current", 2027), "match_day").status == "yours"
    (folder / "m.toml").unlink()
    catalog = with_user_facts(cached_catalog(data_dir(), cache), folder)
    assert find(season(catalog, "current", 2027), "match_day").status == "projected"


def test_shipped_data_cannot_claim_to_be_yours(tmp_path):
    import shutil

    from imgtui.catalog import CatalogError

    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    path = copy / "matches" / "2026.toml"
    path.write_text(path.read_text().replace('status = "official"', 'status = "yours"', 1))
    with pytest.raises(CatalogError, match="matches/2026.toml: dates\\[0\\].status: expected one of"):
        load_catalog(copy)


# -- what each kind of file may hold, and what it leaves alone (issue #18) ---------------------

PATHWAYS_2027 = '''kind = "pathways"
match_year = 2027
title = "2027 Pathways"
source = "ECFMG, https://www.ecfmg.org/"
as_of = 2026-11-01
'''
DEADLINE = '''[[deadlines]]
id = "close"
title = "Season closes"
date = 2027-05-31
for_match = false
source = "ECFMG, https://www.ecfmg.org/"
as_of = 2026-11-01
'''


def shown(name: str) -> str:
    return str(Path("~", ".config", "imgtui", "facts", name))


def test_each_unusable_file_is_named_with_its_key_and_problem_and_changes_nothing(catalog, facts):
    files = {
        "a-kind.toml": 'kind = "rumour"\n',
        "b-empty-outcomes.toml": 'kind = "outcomes"\n',
        "c-empty-visa.toml": 'kind = "visa"\n',
        "d-blank-pathway.toml": PATHWAYS_2027 + 'pathways = ["Pathway 1", " "]\n',
        "e-deadline-twice.toml": PATHWAYS_2027 + DEADLINE + DEADLINE,
        "f-year.toml": PATHWAYS_2027.replace("2027\n", "1999\n"),
        "g-format-character.toml": PATHWAYS_2027.replace("2027 Pathways", "2027\u200bPathways"),
    }
    for name, text in files.items():
        (facts / name).write_text(text, encoding="utf-8")
    (facts / "h-latin1.toml").write_bytes('kind = "match"\n# café\n'.encode("latin-1"))
    mine = with_user_facts(catalog, facts)
    assert list(mine.user_problems) == [
        shown("a-kind.toml") + ": kind: expected one of match, pathways, services, visa, outcomes, got 'rumour'",
        shown("b-empty-outcomes.toml") + ": outcomes: no [[outcomes]] or [[img_share]] in the file",
        shown("c-empty-visa.toml") + ": updates: no [[updates]] or [[aspects]] in the file",
        shown("d-blank-pathway.toml") + ": pathways: expected an array of pathway names",
        shown("e-deadline-twice.toml") + ": deadlines[1]: 'close' appears twice",
        shown("f-year.toml") + ": match_year: expected an integer 2000-2100, got 1999",
        shown("g-format-character.toml") + ": title: contains a control character (U+200B); write plain text",
        shown("h-latin1.toml") + ": not UTF-8 text",
    ]
    assert mine._replace(user_problems=()) == catalog


def test_a_file_of_one_kind_replaces_by_id_and_keeps_every_other_fact(catalog, facts):
    source = 'source = "Mine, https://example.org/"\nas_of = 2026-11-01\n'
    (facts / "a-aspect.toml").write_text(  # aspects only: no [[updates]] needed
        'kind = "visa"\n[[aspects]]\nid = "cap"\ntitle = "Cap"\n[aspects.j1]\ntext = "No cap"\n' + source
        + '[aspects.h1b]\ntext = "Cap-exempt at universities"\n' + source)
    (facts / "b-share.toml").write_text(  # img_share only: no [[outcomes]] needed
        'kind = "outcomes"\n[[img_share]]\nmatch_year = 2024\nspecialty = "Pathology"\npercent = 40.0\n' + source)
    (facts / "c-match-2031.toml").write_text(  # a Match year nothing was shipped for
        'kind = "match"\nmatch_year = 2031\n[[dates]]\nid = "match_day"\ntitle = "Match Day"\ndate = 2031-03-21\n'
        + source)
    (facts / "d-service.toml").write_text(
        'kind = "services"\n[[specialties]]\nid = "emergency_medicine"\nspecialty = "Emergency Medicine"\n'
        'names = ["em"]\nservice = "eras"\nfrom_match = 2027\nnote = "Back on ERAS, for the test."\n' + source)
    # The 2026 season publishes its own OET rule: 2027 now carries 2026's, 2024 and 2025 keep theirs.
    (facts / "e-pathways-2026.toml").write_text(PATHWAYS_2027.replace("2027", "2026")
                                               + '[oet_recency]\ntaken_on_or_after = 2024-01-01\ntext = "Since 2024."\n'
                                               + source)
    mine = with_user_facts(catalog, facts)
    assert mine.user_problems == ()
    assert list(mine.yours) == ["visa.aspect.cap", "img_share.2024", "match.2031.match_day",
                                "service.emergency_medicine", "pathways.2026"]
    assert [a.id for a in mine.visa] == [a.id for a in catalog.visa]
    aspects = {a.id: a for a in mine.visa}
    assert aspects["cap"].h1b.text == "Cap-exempt at universities" and aspects["sponsor"] == catalog.visa[0]
    assert mine.visa_updates == catalog.visa_updates
    shares = {(s.match_year, s.specialty): s for s in mine.outcomes.img_share}
    assert len(shares) == len(catalog.outcomes.img_share) and shares[2024, "Pathology"].percent == 40.0
    assert shares[2024, "Pathology"].provenance.status == "yours" and mine.outcomes.rows == catalog.outcomes.rows
    assert [d.date for d in mine.published[2031]] == [date(2031, 3, 21)]
    assert {y: d for y, d in mine.published.items() if y != 2031} == catalog.published
    services = mine.services.specialties
    assert [s.id for s in services] == ["emergency_medicine", "obstetrics_gynecology"]  # yours looked up first
    assert services[0].service == "eras" and services[1] == catalog.services.specialties[0]
    seasons = {p.match_year: p for p in mine.pathways}
    assert [p.match_year for p in mine.pathways] == [2024, 2025, 2026, 2027]
    shipped = {p.match_year: p for p in catalog.pathways}
    assert seasons[2024] == shipped[2024] and seasons[2025] == shipped[2025]
    assert seasons[2026].rules_from == 2026 and seasons[2026].oet_minimum is None
    assert seasons[2027].rules_from == 2026 and seasons[2027].oet_recency.taken_on_or_after == date(2024, 1, 1)
    assert seasons[2027].oet_minimum is None and seasons[2027].title == shipped[2027].title


def test_a_missing_folder_is_no_problem_and_an_unreadable_one_is_named(catalog, tmp_path):
    assert with_user_facts(catalog, tmp_path / "none") == catalog._replace(yours=(), user_problems=())
    not_a_folder = tmp_path / "facts"
    not_a_folder.write_text("a file where the folder should be")
    with pytest.raises(OSError) as error:
        list(not_a_folder.iterdir())
    assert error.value.strerror
    assert with_user_facts(catalog, not_a_folder).user_problems == (
        f"{not_a_folder}: cannot be read: {error.value.strerror}",)


def test_a_file_removed_while_the_folder_is_read_is_skipped_and_the_next_still_applies(catalog, facts, monkeypatch):
    import imgtui.persistence.locked_file as locked_file

    real = locked_file.read_regular_file

    def removed_first(path, limit):
        if path.name == "a.toml":
            path.unlink()  # gone between the listing and the reading
        return real(path, limit)

    monkeypatch.setattr(locked_file, "read_regular_file", removed_first)
    (facts / "a.toml").write_text(MATCH_DAY_2027)
    (facts / "b.toml").write_text(MATCH_DAY_2027.replace('id = "match_day"', 'id = "my_date"'))
    mine = with_user_facts(catalog, facts)
    assert mine.yours == ("match.2027.my_date",) and mine.user_problems == ()
