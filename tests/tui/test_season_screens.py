"""Interviews, the rank list and letters in the app, driven with the pilot."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from imgtui.domain.interviews import InterviewEvent
from imgtui.persistence.paths import default_programs_path
from imgtui.screens.timeline import SoapItem, TimelineList
from imgtui.widgets.countdown import CountdownPane
from imgtui.widgets.letter_list import LetterList
from imgtui.widgets.rank_list import RankList

from ..conftest import NOW
from .helpers import make_app
from .test_app import pane_lines

SEASON = {"schema": 1, "programs": [
    {"name": "Mercy Hospital IM", "specialty": "Internal Medicine", "city": "Chicago", "state": "IL", "j1": "yes",
     "checked": "2026-10-01", "interview_status": "scheduled", "interview_date": "2026-12-08",
     "interview_time": "09:00", "interview_zone": "America/Chicago", "interview_format": "virtual", "rank": 2,
     "notes": "great IMG support", "letters_required": 3, "usce_required": "yes"},
    {"name": "Harbor IM", "specialty": "Internal Medicine", "city": "Newark", "state": "NJ", "checked": "2026-10-01",
     "interview_status": "scheduled", "interview_date": "2026-12-08", "interview_time": "14:00",
     "interview_zone": "America/New_York", "rank": 1},
    {"name": "Lakeside FM", "specialty": "Family Medicine", "checked": "2026-10-01", "interview_status": "completed",
     "interview_date": "2026-11-10", "thank_you": True, "rank": 3},
    {"name": "Hill Peds", "specialty": "Pediatrics", "checked": "2026-10-01", "interview_status": "completed",
     "interview_date": "2026-11-12"},
    {"name": "River IM", "specialty": "Internal Medicine", "checked": "2026-10-01", "interview_status": "invited",
     "invited_on": "2026-11-21 09:30"},
], "letters": [
    {"id": "L1", "writer": "Dr Ada Obi", "title": "Professor of Medicine", "specialty": "Internal Medicine",
     "us": "yes", "requested_on": "2026-07-01", "received_on": "2026-08-20", "programs": "all"},
    {"id": "L2", "writer": "Dr Sam Lee", "title": "Attending", "us": "no", "requested_on": "2026-07-10",
     "programs": [["Mercy Hospital IM", "Internal Medicine"]]},
], "clinical_experience": [
    {"id": "U1", "where": "Mercy Hospital, Chicago", "kind": "observership", "start": "2026-05-04",
     "end": "2026-06-26"},
]}


def write_season(document: dict | None = None) -> None:
    path = default_programs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document or SEASON))


def saved() -> dict:
    return json.loads(default_programs_path().read_text())


def ranked_names() -> list[str]:
    programs = [p for p in saved()["programs"] if p.get("rank") is not None]
    return [p["name"] for p in sorted(programs, key=lambda p: p["rank"])]


async def test_moving_a_rank_in_the_app_is_kept_after_relaunching():
    write_season()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        listing = app.screen.query_one(RankList)
        assert [(place, p.name) for place, p in listing.rows] == [
            (1, "Harbor IM"), (2, "Mercy Hospital IM"), (3, "Lakeside FM"), (None, "Hill Peds")]
        await pilot.press("shift+down")  # Harbor IM from 1 to 2
        assert ranked_names() == ["Mercy Hospital IM", "Harbor IM", "Lakeside FM"]
        assert listing.current[1].name == "Harbor IM"  # the cursor follows the moved program
        await pilot.press("K")  # and back up
        assert ranked_names() == ["Harbor IM", "Mercy Hospital IM", "Lakeside FM"]
        await pilot.press("J", "J")  # Harbor to 2, then to 3
        assert ranked_names() == ["Mercy Hospital IM", "Lakeside FM", "Harbor IM"]
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        rows = again.screen.query_one(RankList).rows
        assert [p.name for place, p in rows if place] == ["Mercy Hospital IM", "Lakeside FM", "Harbor IM"]


async def test_rank_unrank_undo_and_the_certified_mark():
    write_season()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k", "end", "a")  # Hill Peds (interviewed, not ranked) to the bottom
        assert ranked_names() == ["Harbor IM", "Mercy Hospital IM", "Lakeside FM", "Hill Peds"]
        await pilot.press("c")
        assert saved()["rank_list"]["certified"].startswith("2026-11-24T10:00")
        assert "marked certified 2026-11-24 10:00" in str(app.screen.query_one("#ranks-status").render())
        await pilot.press("home", "d")  # unrank Harbor IM: the list changed, the mark goes
        assert ranked_names() == ["Mercy Hospital IM", "Lakeside FM", "Hill Peds"]
        assert "rank_list" not in saved()
        await pilot.press("u")  # undo puts both back
        assert ranked_names() == ["Harbor IM", "Mercy Hospital IM", "Lakeside FM", "Hill Peds"]
        assert saved()["rank_list"]["certified"].startswith("2026-11-24T10:00")


async def test_the_rank_list_counts_ranks_beyond_the_twenty_the_fee_covers():
    programs = [{"name": f"P{i:02d}", "specialty": "Internal Medicine", "rank": i, "interview_status": "completed",
                 "checked": "2026-10-01"} for i in range(1, 24)]
    write_season({"schema": 1, "programs": programs})
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        status = str(app.screen.query_one("#ranks-status").render())
        assert "23 ranked · 3 beyond the 20 the fee covers ($: each costs the NRMP per-rank fee)" in status
        assert "NOT certified: certify on R3 by Wed 2027-03-03 21:00 ET ≈ projected · 99d left" in status


async def loaded(app, pilot) -> None:
    """The main view reads the program list half a second in: read it now."""
    app.files.programs.ensure_loaded()
    await pilot.pause()


async def test_the_countdown_shows_the_next_interview_and_its_conflict():
    write_season()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("3")
        await pilot.pause()
        pane = app.query_one(CountdownPane)
        lines = pane_lines(pane)
        assert lines[0].startswith("14d 00:00:00 ") and lines[0].endswith(" Interview: Mercy Hospital IM")
        assert lines[1].strip() == "Tue 2026-12-08 09:00 CST (10:00 America/New_York yours)"
        assert lines[2].strip() == "⚠ same day as Harbor IM"
        assert any("Certify your rank list: 3 ranked, not marked certified" in line for line in lines)
        # Once it has begun, the next one (Harbor IM, 14:00 ET) takes its place.
        app.session.clock = lambda: NOW + timedelta(days=14, minutes=1)
        app.main_screen.tick()
        await pilot.pause()
        assert "Interview: Harbor IM" in pane_lines(pane)[0]


async def test_the_timeline_lists_interviews_and_what_soap_needs_ready():
    write_season()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("t")
        listing = app.screen.query_one(TimelineList)
        rows = listing.rows
        names = [r.program.name for r in rows if isinstance(r, InterviewEvent)]
        assert names == ["Lakeside FM", "Hill Peds", "Mercy Hospital IM", "Harbor IM"]  # River IM: no date yet
        at = {r.program.name: i for i, r in enumerate(rows) if isinstance(r, InterviewEvent)}
        mercy = at["Mercy Hospital IM"]
        assert at["Hill Peds"] < rows.index(None) < mercy  # TODAY between the past and the coming ones
        listing.cursor = mercy
        await pilot.pause()
        detail = str(app.screen.query_one("#timeline-detail").render())
        assert "Interview: Mercy Hospital IM (Internal Medicine)" in detail and "the same day as Harbor IM" in detail
        assert "Tue 2026-12-08 09:00 CST (10:00 America/New_York yours) · virtual" in detail
        soap = [i for i, r in enumerate(rows) if isinstance(r, SoapItem)]
        assert len(soap) == len(app.session.catalog.soap_checklist) and soap == list(range(soap[0], soap[-1] + 1))
        assert rows[soap[0] - 1].id == "match_week_begins"
        match_day = next(i for i, r in enumerate(rows) if getattr(r, "id", None) == "match_day")
        assert soap[-1] < match_day
        listing.cursor = next(i for i in soap if "45" in rows[i].item.text)
        await pilot.pause()
        detail = str(app.screen.query_one("#timeline-detail").render())
        assert "If you did not match on Monday" in detail and "Choose up to 45 programs" in detail
        assert "Source: NRMP help" in detail


async def test_the_program_form_edits_the_interview_and_wants_a_zone_with_a_time():
    write_season()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "end", "enter")  # River IM (sorted by name)
        form = app.screen
        form.query_one("#pf-interview_status").value = "scheduled"
        form.query_one("#pf-interview_date").value = "2026-12-10"
        form.query_one("#pf-interview_time").value = "9:30 AM"
        form.query_one("#pf-interview_time").focus()
        await pilot.press("enter")
        assert "needed with an interview time" in str(form.query_one("#pf-error-interview_zone").render())
        form.query_one("#pf-interview_time").value = "9:30 AM PT"
        await pilot.press("enter")
        await pilot.pause()
    river = next(p for p in saved()["programs"] if p["name"] == "River IM")
    assert (river["interview_status"], river["interview_time"], river["interview_zone"]) == (
        "scheduled", "09:30", "America/Los_Angeles")


async def test_a_fifth_letter_for_a_program_is_refused_in_the_form_naming_it():
    document = dict(SEASON, letters=[{"id": f"L{i}", "writer": f"Dr {i}", "programs": "all"} for i in range(1, 5)])
    write_season(document)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "a")
        form = app.screen
        form.query_one("#rf-writer").value = "Dr Five"
        form.query_one("#rf-programs").value = "Harbor IM"
        form.query_one("#rf-writer").focus()
        await pilot.press("enter")
        error = str(form.query_one("#rf-error-programs").render())
        assert error == ("✗ Harbor IM (Internal Medicine) would get a 5th letter: ERAS assigns at most 4 to one "
                         "program")
        await pilot.press("escape")
    assert len(saved()["letters"]) == 4


async def test_letters_and_experience_are_added_edited_and_undone():
    write_season()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "a")
        form = app.screen
        form.query_one("#rf-writer").value = "Dr New"
        form.query_one("#rf-us").value = "yes"
        form.query_one("#rf-received_on").value = "2026-11-01"
        form.query_one("#rf-programs").value = "mercy hospital im; Hill Peds"
        form.query_one("#rf-writer").focus()
        await pilot.press("enter")
        await pilot.pause()
        letters = saved()["letters"]
        assert letters[-1]["id"] == "L3" and letters[-1]["programs"] == [
            ["Mercy Hospital IM", "Internal Medicine"], ["Hill Peds", "Pediatrics"]]
        assert [x.writer for x in app.screen.query_one(LetterList).rows][-1] == "Dr New"
        await pilot.press("tab", "a")  # the clinical experience list
        form = app.screen
        form.query_one("#rf-where").value = "Harbor Hospital"
        form.query_one("#rf-kind").value = "externship"
        form.query_one("#rf-start").value = "2026-02-02"
        form.query_one("#rf-where").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert saved()["clinical_experience"][-1]["kind"] == "externship"
        detail = str(app.screen.query_one("#letters-detail").render())
        assert "Programs missing what they require: 1" in detail and "letters: 2 of 3 required received" in detail
        await pilot.press("u")
        assert len(saved()["clinical_experience"]) == 1


async def test_a_fifth_letter_added_meanwhile_by_another_window_is_refused_when_saving():
    write_season()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "a")
        form = app.screen
        form.query_one("#rf-writer").value = "Dr Late"
        form.query_one("#rf-programs").value = "all"
        # Meanwhile another window gave every program four letters (this one has not reloaded).
        document = saved()
        document["letters"] = [{"id": f"X{i}", "writer": f"Dr {i}", "programs": "all"} for i in range(1, 5)]
        default_programs_path().write_text(json.dumps(document))
        messages = []
        app.notify = lambda message, **options: messages.append(message)
        form.query_one("#rf-writer").focus()
        await pilot.press("enter")
        await pilot.pause()
    assert [x["writer"] for x in saved()["letters"]] == ["Dr 1", "Dr 2", "Dr 3", "Dr 4"]
    assert any("Not saved" in m and "would get a 5th letter" in m for m in messages), messages


def countdown_blocks(lines: list[str]) -> list[list[str]]:
    """The countdowns as drawn: a row led by its value, then its label's further lines
    (indented under the label); warnings and the facts line end them."""
    blocks: list[list[str]] = []
    for line in lines:
        if line.startswith(" ") and blocks and line.strip():
            blocks[-1].append(line.strip())
        elif line[:1].isdigit() or line.startswith("—"):
            blocks.append([line])
        elif line.strip():
            break  # a warning or the facts line
    return blocks


STATUS_WORDS = ("official", "reported", "projected", "guide", "derived", "unverified", "yours", "unconfirmed",
                "~approx.")


@pytest.mark.parametrize(
    "size, options",
    [((120, 40), {}), ((200, 60), {}), ((120, 40), {"rules": "guide-2019"}), ((120, 40), {"timezone": "Asia/Kolkata"}),
     ((200, 60), {"timezone": "Asia/Kolkata"}), ((200, 60), {"rules": "guide-2019"})],
    ids=["120x40", "200x60", "120x40-guide-2019", "120x40-kolkata", "200x60-kolkata", "200x60-guide-2019"],
)
async def test_the_wide_countdown_never_loses_match_day_nor_cuts_a_date_line(size, options):
    write_season()
    app = make_app(**options)
    async with app.run_test(size=size) as pilot:
        await loaded(app, pilot)
        pane = app.query_one(CountdownPane)
        blocks = countdown_blocks(pane_lines(pane))
        titles = [block[0].split("  ", 1)[1].strip() for block in blocks]
        wanted = ("Interview: Mercy Hospital IM", "Certify your rank list", "Next:", "Match Day")
        assert [next(i for i, t in enumerate(titles) if t.startswith(w)) for w in wanted] == sorted(
            range(len(wanted))), titles  # each there, in this order (the most important first)
        for block, title in zip(blocks, titles, strict=True):
            if title.startswith("Interview"):
                assert len(block) == 1 or "yours)" in block[1] or block[1].endswith(("CST", "EST")), block
            elif len(block) == 1:  # compacted: the title, its status mark kept at the end
                assert title.removesuffix(" ~approx.")[-1] in "✓•≈§→?✎", block
            else:  # whole: its date line(s) end with the date's status
                assert block[-1].endswith(STATUS_WORDS), block
        if size == (200, 60) and not options:  # a tall window has room for every date line
            assert all(len(block) > 1 for block in blocks), blocks


async def test_the_letter_and_usce_forms_take_typing_at_once_show_their_own_keys_and_ask_before_discarding():
    from imgtui.screens.letters import LettersScreen
    from imgtui.screens.programs import ConfirmScreen
    from imgtui.widgets.keybar import KeyBar

    write_season()
    before = default_programs_path().read_bytes()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "a", *"Dr Quick")
        form = app.screen
        assert form.query_one("#rf-writer").value == "Dr Quick"  # the first field had focus
        keys = [k.description for k in form.query_one(KeyBar).keys]
        assert "Cancel" in keys and "Delete" not in keys and "Add" not in keys  # its keys, not the list's
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)  # a half-filled letter: asked first
        await pilot.press("n")
        assert app.screen is form and form.query_one("#rf-writer").value == "Dr Quick"
        await pilot.press("escape", "y")
        assert isinstance(app.screen, LettersScreen)
        await pilot.press("a", "escape")  # nothing typed: closes at once
        assert isinstance(app.screen, LettersScreen)
        await pilot.press("tab", "a", *"Mercy")  # the clinical experience form too
        assert app.screen.query_one("#rf-where").value == "Mercy"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert isinstance(app.screen, LettersScreen)
    assert default_programs_path().read_bytes() == before


async def test_one_name_per_zone_on_screen_and_the_file_name_kept_at_80_columns(monkeypatch):
    from imgtui.widgets.program_list import ProgramList

    monkeypatch.setenv("TZ", "Etc/UTC")  # a machine whose /etc/localtime is Etc/UTC
    write_season()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert str(app.query_one("#statusbar").content).endswith(" done · UTC · progress.toml")
        await pilot.press("3")
        shown = "\n".join(pane_lines(app.query_one(CountdownPane)))
        assert "(15:00 UTC yours)" in shown and "Etc/UTC" not in shown
    document = json.loads(json.dumps(SEASON))
    document["programs"][-1]["invited_on"] = "2026-11-23 14:05"  # River IM, on the person's clock
    write_season(document)
    app = make_app(timezone="Asia/Kolkata")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        status = str(app.query_one("#statusbar").content)
        assert status.endswith(" done · Kolkata · progress.toml")  # the zone shortened, not the file
        await pilot.press("3")
        shown = "\n".join(pane_lines(app.query_one(CountdownPane)))
        assert "(20:30 Asia/Kolkata yours)" in shown and "IST" not in shown
        await pilot.press("p")
        river = next(p for p in app.screen.query_one(ProgramList).rows if p.name == "River IM")
        assert "answer the invitation: the 48 h programs must give you end Wed 11-25 14:05 Asia/Kolkata" in (
            app.screen.flags[river.key])
    async with make_app(timezone="Asia/Kolkata").run_test(size=(120, 40)) as pilot:
        status = str(pilot.app.query_one("#statusbar").content)
        assert status.endswith(" done · Asia/Kolkata · ~/.config/imgtui/progress.toml")


def _key_bar_entries(app) -> tuple[str, list[str]]:
    from imgtui.widgets.keybar import KeyBar

    bar = app.screen.query_one(KeyBar)
    shown = str(bar.render())
    assert len(shown.rstrip()) <= app.size.width, shown
    return " ".join(shown.split()), [f"{k.key} {k.description}" for k in bar.keys]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_key_bar_shows_whole_entries_and_the_palette_and_the_timeline_legend_every_mark(size):
    write_season()
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await loaded(app, pilot)
        for keys in (("1",), ("5",), ("5", "o"), ("p",), ("escape", "k"), ("escape", "l"), ("escape", "t")):
            await pilot.press(*keys)
            await pilot.pause()
            shown, entries = _key_bar_entries(app)
            assert "…" not in shown and shown.endswith("^p palette"), (keys, shown)
            # Each entry shown is a whole "key description" of this screen's keys, none cut.
            words = [e for e in entries if e in shown]
            assert words, (keys, shown)
            rest = shown
            for entry in words:
                rest = rest.replace(entry, "")
            assert rest.replace("^p palette", "").strip() == "", (keys, shown)
        legend = str(app.screen.query_one("#timeline-legend").render())
        for mark in ("✓", "•", "≈", "§", "→", "?", "✎", "~", "⚠", "✔", "◆", "☐"):
            assert mark in legend
        # All of it in view: its lines, wrapped at the widget's width, fit the widget's height.
        from rich.text import Text

        widget = app.screen.query_one("#timeline-legend")
        lines = Text(legend).wrap(app.console, widget.content_region.width)
        assert 0 < len(lines) <= widget.content_region.height, (len(lines), widget.content_region)


async def test_the_outcomes_view_says_how_to_go_back_not_how_to_come_in():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        source = app.query_one("#stats-source")
        assert "o: newer Match outcomes." in str(source.render())
        await pilot.press("o")
        assert "o: back to the 2018 tables." in str(source.render())
        assert "newer Match outcomes" not in str(source.render())
        await pilot.press("o")
        assert "o: newer Match outcomes." in str(source.render())


async def test_the_visa_note_counts_stale_changes_as_the_list_below_does():
    import re

    from imgtui.widgets.visa import VisaPane

    # Two years on, every visa fact is past its six months: the note and the list agree.
    app = make_app(now=NOW + timedelta(days=730))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        pane = app.query_one(VisaPane)
        note = str(pane.query_one("#visa-note").render())
        updates = str(pane.query_one("#visa-updates").render())
        listed = re.search(r"⚠ (\d+) of these are past six months", updates)
        in_note = re.search(r"\(⚠ (\d+) of them stale\)", note)
        assert listed and in_note and listed.group(1) == in_note.group(1), (note, updates)
