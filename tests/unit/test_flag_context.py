"""Mutation testing (#18): one FlagContext gives every flag a program carries, each judged on
the person's own day and clock (fixed instants and zones here, no real clock)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from imgtui.domain.flags import FlagsByProgram, Limits, all_flags, flag_context, program_flags
from imgtui.domain.letters import ClinicalExperience
from imgtui.domain.programs import Program, ProgramBook

CHICAGO = ZoneInfo("America/Chicago")
NOW = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)  # still 2026-11-24 (21:00) in Chicago
LIMITS = Limits(letters_per_program=4, interview_reply_hours=48, ranks_included=20, max_ranks=300)


def test_a_site_checked_365_days_ago_on_the_persons_own_day_is_not_stale_yet():
    program = Program("A", "IM", j1="yes", checked=date(2025, 11, 24))
    book = ProgramBook([program])
    assert program_flags(program, flag_context(book, "non-us-img", False, NOW, CHICAGO, LIMITS)) == []
    assert program_flags(program, flag_context(book, "non-us-img", False, NOW, timezone.utc, LIMITS)) == [
        "re-check the program's site (visa info over a year old)"]


def test_the_mode_and_step3_decide_the_visa_flags():
    checked = date(2026, 11, 1)
    no_visa = Program("A", "IM", j1="no", h1b="no", checked=checked)
    h1b_only = Program("B", "IM", j1="no", h1b="yes", checked=checked)
    book = ProgramBook([no_visa, h1b_only])
    img = flag_context(book, "non-us-img", False, NOW, CHICAGO, LIMITS)
    assert all_flags(book, img) == {no_visa.key: ["sponsors no visa"], h1b_only.key: ["H-1B only: needs Step 3 first"]}
    step3 = flag_context(book, "non-us-img", True, NOW, CHICAGO, LIMITS)
    assert program_flags(h1b_only, step3) == []
    us_img = flag_context(book, "us-img", False, NOW, CHICAGO, LIMITS)
    assert all_flags(book, us_img) == {no_visa.key: [], h1b_only.key: []}


def test_an_unanswered_invitation_is_timed_on_the_persons_clock_against_the_reply_hours():
    invited = Program("A", "IM", j1="yes", checked=date(2026, 11, 1), interview_status="invited",
                      invited_on=datetime(2026, 11, 22, 19, 0))  # 19:00 Chicago: 50 hours before NOW
    context = flag_context(ProgramBook([invited]), "non-us-img", False, NOW, CHICAGO, LIMITS)
    assert program_flags(invited, context) == ["invitation unanswered for 50 h: programs need hold it only 48 h"]


def test_a_required_usce_is_met_by_experience_begun_by_the_persons_today():
    program = Program("A", "IM", j1="yes", checked=date(2026, 11, 1), usce_required="yes")
    book = ProgramBook([program], experiences={"e": ClinicalExperience("e", "Mercy", "hands-on", date(2026, 11, 24))})
    assert program_flags(program, flag_context(book, "non-us-img", False, NOW, CHICAGO, LIMITS)) == []
    later = ProgramBook([program], experiences={"e": ClinicalExperience("e", "Mercy", "hands-on", date(2026, 11, 25))})
    assert program_flags(program, flag_context(later, "non-us-img", False, NOW, CHICAGO, LIMITS)) == [
        "requires US clinical experience: none recorded"]


def test_place_flags_only_when_places_are_known(catalog):
    from imgtui.domain.geography import places

    program = Program("A", "IM", state="Atlantis", j1="yes", checked=date(2026, 11, 1))
    book = ProgramBook([program])
    assert program_flags(program, flag_context(book, "non-us-img", False, NOW, CHICAGO, LIMITS)) == []
    known = places(catalog.season_facts.geography)
    context = flag_context(book, "non-us-img", False, NOW, CHICAGO, LIMITS, known, ("pacific",))
    assert program_flags(program, context) == ["unknown state 'Atlantis': no Census division"]


def test_flags_by_program_are_each_programs_flags_then_the_views_own():
    a = Program("A", "IM", j1="no", h1b="no", checked=date(2026, 11, 1))
    b = Program("B", "IM", j1="yes", checked=date(2026, 11, 1))
    book = ProgramBook([a, b])
    context = flag_context(book, "non-us-img", False, NOW, CHICAGO, LIMITS)
    flags = FlagsByProgram(book.programs, context, lambda p: [f"view flag of {p.name}"])
    assert list(flags) == [a.key, b.key] and len(flags) == 2
    assert flags[a.key] == ["sponsors no visa", "view flag of A"] and flags[b.key] == ["view flag of B"]
    assert flags[a.key] is flags[a.key]  # computed once
    assert dict(FlagsByProgram(book.programs, context)) == {a.key: ["sponsors no visa"], b.key: []}
