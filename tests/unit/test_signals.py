"""Program signals: counts per specialty and season, and the rules every change is held to."""

from __future__ import annotations

import pytest

from imgtui.domain.patch import MISSING, Edit, Refused
from imgtui.domain.programs import Program, ProgramBook
from imgtui.domain.programs_csv import ImportResult
from imgtui.domain.signals import (
    allowance,
    guard_signals,
    next_signal,
    screen_rows,
    signal_problems,
    signal_usage,
)
from imgtui.persistence.controller import Document
from imgtui.persistence.program_store import ProgramStore

from ..conftest import NOW


@pytest.fixture
def facts(catalog):
    return catalog.season_facts


def im(name: str, signal: str = "", **fields) -> Program:
    return Program(name, "Internal Medicine", signal=signal, **fields)


GOLD3 = [im("A", "gold"), im("B", "gold"), im("C", "gold")]


@pytest.mark.parametrize("specialty, season, words, status, from_season", [
    ("Internal Medicine", 2026, "3 gold + 12 silver", "official", 2026),
    ("IM", 2027, "3 gold + 12 silver", "projected", 2026),
    ("Family Medicine", 2026, "5", "official", 2026),
    ("Pediatrics", 2026, "5", "reported", 2026),
    ("General Surgery", 2026, "15", "projected", 2025),  # no 2026 figure: the 2025 one, marked
    ("Psychiatry", 2025, "10", "official", 2025),
    ("Emergency Medicine", 2025, "5", "official", 2025),
    ("Diagnostic Radiology", 2025, "6 gold + 6 silver", "official", 2025),
])
def test_counts_per_specialty_and_season(facts, specialty, season, words, status, from_season):
    allowed = allowance(facts, specialty, season)
    assert (allowed.words(), allowed.status, allowed.chosen.from_season) == (words, status, from_season)


def test_a_specialty_without_signals_has_none(facts):
    for specialty, season in (("Urology", 2027), ("Internal Medicine", 2020)):
        allowed = allowance(facts, specialty, season)
        assert not allowed.known and allowed.kinds == () and allowed.words() == "none"
    em = allowance(facts, "Emergency Medicine", 2026)  # moved to ResidencyCAS: its count was not found
    assert not em.known and "ResidencyCAS" in em.basis()


def test_one_more_gold_than_allowed_is_refused_naming_the_specialty_count_and_programs(facts):
    (problem,) = signal_problems(facts, 2027, GOLD3, [*GOLD3, im("D", "gold")])
    assert problem.startswith("Internal Medicine allows 3 gold signals in the ERAS 2027 season")
    assert "projected" in problem and problem.endswith("already signalled: A, B, C")


def test_up_to_the_count_is_fine_and_kinds_are_counted_apart(facts):
    assert signal_problems(facts, 2027, GOLD3[:2], GOLD3) == []
    silver = [im(f"S{i}", "silver") for i in range(12)]
    assert signal_problems(facts, 2027, GOLD3, GOLD3 + silver) == []
    assert signal_problems(facts, 2027, GOLD3 + silver, GOLD3 + [*silver, im("S12", "silver")])


def test_specialties_are_counted_apart(facts):
    fm = [Program(f"F{i}", "Family Medicine", signal="yes") for i in range(5)]
    assert signal_problems(facts, 2027, GOLD3, GOLD3 + fm) == []
    (problem,) = signal_problems(facts, 2027, GOLD3 + fm, [*GOLD3, *fm, Program("F5", "FM", signal="yes")])
    assert problem.startswith("Family Medicine allows 5 signals")


def test_the_kind_must_be_the_specialtys(facts):
    (gold_fm,) = signal_problems(facts, 2027, [], [Program("F", "Family Medicine", signal="gold")])
    assert "one kind of signal" in gold_fm
    (plain_im,) = signal_problems(facts, 2027, [], [im("A", "yes")])
    assert "gold or silver" in plain_im


def test_a_specialty_without_signals_takes_none(facts):
    (problem,) = signal_problems(facts, 2027, [], [Program("U", "Urology", signal="yes")])
    assert problem.startswith("U: Urology takes no signal")


def test_two_tracks_of_one_institution_cannot_both_hold_a_signal(facts):
    categorical = im("Mount Sinai IM Categorical", "gold", institution="Mount Sinai")
    preliminary = im("Mount Sinai IM Preliminary", "silver", institution="mount  SINAI")
    (problem,) = signal_problems(facts, 2027, [categorical], [categorical, preliminary])
    assert "Mount Sinai already holds your Internal Medicine signal" in problem and "not a track" in problem
    elsewhere = im("Lenox Hill IM", "silver", institution="Lenox Hill")
    assert signal_problems(facts, 2027, [categorical], [categorical, elsewhere]) == []
    other_specialty = Program("Mount Sinai FM", "Family Medicine", signal="yes", institution="Mount Sinai")
    assert signal_problems(facts, 2027, [categorical], [categorical, other_specialty]) == []


def test_the_institution_defaults_to_the_program_name(facts):
    assert im("Lenox Hill", "gold").institution_name == "Lenox Hill"
    (problem,) = signal_problems(facts, 2027, [im("Lenox Hill", "gold")],
                                 [im("Lenox Hill", "gold"), im("Lenox Hill prelim", "silver", institution="Lenox Hill")])
    assert "already holds" in problem


def test_a_problem_already_in_the_file_does_not_block_other_edits(facts):
    over = [*GOLD3, im("D", "gold")]  # edited by hand beyond the count
    edited = [*over[:3], im("D", "gold", notes="called the coordinator")]
    assert signal_problems(facts, 2027, over, edited) == []
    assert signal_problems(facts, 2027, over, over[:3]) == []  # removing one is always fine


def test_withdrawn_programs_keep_their_signal(facts):
    withdrawn = [im("A", "gold", status="withdrawn"), im("B", "gold"), im("C", "gold")]
    assert signal_problems(facts, 2027, withdrawn, [*withdrawn, im("D", "gold")])


def test_usage_per_specialty(facts):
    listed = [*GOLD3, im("S", "silver"), im("none"), Program("F", "FM", signal="yes"), Program("U", "Urology")]
    uses = {u.allowance.specialty: u for u in signal_usage(facts, 2027, listed)}
    assert set(uses) == {"Internal Medicine", "Family Medicine", "Urology"}
    assert uses["Internal Medicine"].words() == "gold 3 of 3 (A, B, C) · silver 1 of 12 (S) · 11 left"
    assert uses["Family Medicine"].words(names=False) == "1 of 5 · 4 left"
    assert uses["Urology"].words().startswith("no signals")
    everything = {u.allowance.specialty for u in signal_usage(facts, 2027, [], everything=True)}
    assert {"General Surgery", "Transitional Year", "Obstetrics and Gynecology"} <= everything


def rows(*programs: Program) -> ImportResult:
    """The programs as an import's rows 2, 3, … of a file whose signal column is `Signal`."""
    return ImportResult(rows=[(p, frozenset({"name", "specialty", "signal"})) for p in programs],
                        lines=list(range(2, 2 + len(programs))), titles={"signal": "Signal"})


def test_import_rows_are_screened_in_file_order(facts):
    book = ProgramBook([im("A", "gold"), im("B")])
    good, problems = screen_rows(facts, 2027, book, rows(im("B", "gold"), im("C", "gold"), im("D", "gold")))
    assert [p.name for p, _ in good] == ["B", "C"]
    (problem,) = problems  # where, like every other import problem: its line, column and program
    assert problem.startswith("line 4: Signal: D (Internal Medicine): Internal Medicine allows 3 gold signals")
    assert problem.endswith("already signalled: A, B, C")


def test_an_import_row_that_leaves_the_signal_blank_keeps_it(facts):
    book = ProgramBook(list(GOLD3))
    imported = rows(im("A"), im("D", "gold"))
    imported.rows[0] = (im("A"), frozenset({"name", "specialty", "notes"}))  # no Signal cell: the gold stays
    good, problems = screen_rows(facts, 2027, book, imported)
    assert len(good) == 1 and len(problems) == 1


def test_the_guard_refuses_a_change_that_breaks_a_rule(facts):
    book = ProgramBook(list(GOLD3) + [im("D")])
    with pytest.raises(Refused, match="allows 3 gold"):
        guard_signals(facts, 2027, book, lambda: book.put((im("D").key, "signal"), "gold"))
    assert guard_signals(facts, 2027, book, lambda: book.put((im("D").key, "signal"), "silver")) is None


def test_every_change_through_the_document_is_guarded_and_nothing_is_saved(facts, tmp_path):
    store = ProgramStore(tmp_path / "programs.json", lambda: NOW.date())
    document = Document(store)
    document.guard = lambda book, apply: guard_signals(facts, 2027, book, apply)
    document.change("list", lambda book: [Edit((p.key,), MISSING, p) for p in [*GOLD3, im("D")]])
    saved = store.path.read_bytes()
    for edits in ([Edit((im("D").key, "signal"), None, "gold")],
                  [Edit((im("E").key,), MISSING, im("E", "gold"))],
                  [Edit((im("D").key,), None, MISSING), Edit((im("D2").key,), MISSING, im("D2", "gold"))]):
        with pytest.raises(Refused):
            document.change("signal", lambda book, e=edits: e)
        assert store.path.read_bytes() == saved and len(document.undo_stack) == 1
    # Undo is held to the rules too: give A's gold up, let another take it, then undo.
    document.change("A: none", lambda book: [Edit((im("A").key, "signal"), None, "")])
    other = Document(store)
    other.change("D: gold", lambda book: [Edit((im("D").key, "signal"), None, "gold")])
    with pytest.raises(Refused):
        document.undo()
    assert [p.name for p in store.load().programs if p.signal == "gold"] == ["B", "C", "D"]


def test_the_signal_key_cycles_gold_silver_none_skipping_a_kind_used_up(facts):
    def after(program: Program, *others: Program) -> str | None:
        (use,) = signal_usage(facts, 2027, [program, *others])
        return next_signal(use, program)

    assert after(im("D")) == "gold"
    assert after(im("D", "gold")) == "silver"
    assert after(im("D", "silver")) == ""
    assert after(im("D"), *GOLD3) == "silver"  # the gold signals are all used: silver
    silver = [im(f"S{i}", "silver") for i in range(12)]
    assert after(im("D", "gold"), *GOLD3[:2], *silver) == ""  # silver used up: straight back to none
    assert after(im("D"), *GOLD3, *silver) is None  # nothing left: nothing to change to
    assert after(im("A", "gold"), *GOLD3[1:]) == "silver"  # its own gold is not counted against it
    fm = Program("F", "Family Medicine")
    assert after(fm) == "yes" and after(Program("F", "Family Medicine", signal="yes")) == ""
    assert after(fm, *[Program(f"F{i}", "Family Medicine", signal="yes") for i in range(5)]) is None


def test_whose_count_it_is_says_when_it_is_projected_from_an_earlier_season(facts):
    source = "AAIM: 2025-26 Tiered Program Signals for IM Residency Programs, official"
    assert allowance(facts, "IM", 2026).basis() == source
    assert allowance(facts, "IM", 2027).basis() == (
        source + "; the 2026 season's count, projected: 2027's is not published")
    urology = allowance(facts, "Urology", 2027)
    assert urology.basis() == "Urology is in no signal table up to the 2027 season: no signals"
    assert (urology.limit("gold"), urology.limit("yes")) == (0, 0)  # no table: no signal of any kind
    assert allowance(facts, "IM", 2027).limit("yes") == 0  # a two-tier specialty has no plain signal


def test_usage_counts_the_listed_programs_and_warns_beyond_the_count(facts):
    listed = [im(name, "gold") for name in "ABCD"] + [im("E"), Program("F", "FM")]
    uses = {u.allowance.specialty: u for u in signal_usage(facts, 2027, listed)}
    assert (uses["Internal Medicine"].listed, uses["Family Medicine"].listed) == (5, 1)
    assert uses["Internal Medicine"].words() == (
        "gold 4 of 3 (A, B, C, D) · silver 0 of 12 · 12 left · ⚠ over the count: gold")
    assert uses["Family Medicine"].words() == "0 of 5 · 5 left"


def test_usage_of_every_specialty_lists_this_and_earlier_seasons_tables_in_name_order(facts):
    uses = signal_usage(facts, 2026, [Program("A", "aerospace medicine"), Program("B", "Dermatology")], everything=True)
    names = [u.allowance.specialty for u in uses]
    assert names == sorted(names, key=str.casefold) and names[:2] == ["aerospace medicine", "Anesthesiology"]
    by_name = {u.allowance.specialty: u for u in uses}
    assert (by_name["Anesthesiology"].listed, by_name["Dermatology"].listed) == (0, 1)
    assert "Obstetrics and Gynecology" in by_name  # first in the 2026 season's own table
    assert "Obstetrics and Gynecology" not in {u.allowance.specialty for u in signal_usage(facts, 2025, [], True)}


def test_a_change_that_brings_several_problems_names_each(facts):
    problems = signal_problems(facts, 2027, [], [
        Program("U", "Urology", signal="yes"), Program("F", "Family Medicine", signal="gold"), im("I", "yes")])
    assert problems == [
        "U: Urology takes no signal in the ERAS 2027 season (Urology is in no signal table up to the 2027 season:"
        " no signals)",
        "F: Family Medicine has one kind of signal (5): mark it yes",
        "I: Internal Medicine signals are gold or silver (3 gold + 12 silver): choose one",
    ]
    # Two specialties in one change: each is held to its own count and kinds.
    assert signal_problems(facts, 2027, [], [im("A", "gold"), Program("F", "Family Medicine", signal="yes")]) == []
    first = im("Mount Sinai IM", "gold", institution="Mount Sinai")
    second = im("Mount Sinai IM Prelim", "silver", institution="Mount Sinai")
    assert len(signal_problems(facts, 2027, [], [first, second])) == 2  # each names the other


def test_beyond_the_count_at_once_names_no_earlier_signals(facts):
    (problem,) = signal_problems(facts, 2027, [], [im(name, "gold") for name in "ABCD"])
    assert problem.endswith("; already signalled: none yet")


def test_a_count_already_exceeded_does_not_refuse_moving_a_signal_within_it(facts):
    over = [*GOLD3, im("D", "gold")]
    moved = [*GOLD3, im("E", "gold")]
    assert signal_problems(facts, 2027, over, moved) == []
    assert signal_problems(facts, 2027, over, [*over, im("E", "gold")])  # adding to it is refused


def test_a_count_of_one_or_two_is_said_in_the_singular_or_plural(facts):
    from imgtui.domain.model import SignalTable

    (two,) = signal_problems(facts, 2027, [], [Program(n, "Internal Medicine & Psychiatry", signal="yes")
                                                for n in "ABC"])
    assert two.startswith("Internal Medicine & Psychiatry allows 2 signals in the ERAS 2027 season")
    row = facts.signals[0].counts[0]
    one = facts._replace(signals=(SignalTable(2027, (row._replace(specialty="Urology", gold=None, silver=None,
                                                                   signals=1, unknown=False),)),))
    (problem,) = signal_problems(one, 2027, [], [Program(n, "Urology", signal="yes") for n in "AB"])
    assert problem.startswith("Urology allows 1 signal in the ERAS 2027 season")


def test_the_guard_names_every_problem_of_a_refused_change(facts):
    book = ProgramBook([im("D")])
    with pytest.raises(Refused) as refused:
        guard_signals(facts, 2027, book, lambda: book.programs.extend([im("I", "yes"), Program("U", "Urology",
                                                                                                 signal="yes")]))
    assert str(refused.value) == (
        "I: Internal Medicine signals are gold or silver (3 gold + 12 silver): choose one; "
        "U: Urology takes no signal in the ERAS 2027 season (Urology is in no signal table up to the 2027 season:"
        " no signals)")


def test_an_import_row_that_gives_up_a_signal_frees_it_for_later_rows(facts):
    book = ProgramBook(list(GOLD3))
    imported = rows(im("A"), im("D", "gold"), im("A", notes="called"), im("E", "gold"), im("F", "silver"))
    imported.rows[2] = (im("A", notes="called"), frozenset({"name", "specialty", "notes"}))  # A again: still none
    good, problems = screen_rows(facts, 2027, book, imported)
    assert [p.name for p, _ in good] == ["A", "D", "A", "F"]
    assert [p.split(":")[0] for p in problems] == ["line 5"]
    two_bad = rows(im("X", "yes"), Program("U", "Urology", signal="yes"))
    assert len(screen_rows(facts, 2027, ProgramBook([]), two_bad)[1]) == 2


def test_a_signal_of_a_kind_the_specialty_has_not_cycles_from_the_start(facts):
    (use,) = signal_usage(facts, 2027, [im("D", "yes")])  # a hand-edited file: IM has gold and silver
    assert next_signal(use, im("D", "yes")) == "gold"
    assert allowance(facts, "IM", 2027).limit("platinum") == 0


def test_over_the_count_in_two_kinds_names_both(facts):
    listed = [im(f"G{i}", "gold") for i in range(4)] + [im(f"S{i}", "silver") for i in range(13)]
    (use,) = signal_usage(facts, 2027, listed)
    assert use.words(names=False).endswith(" · 0 left · ⚠ over the count: gold, silver")


def test_a_specialty_without_signals_does_not_hide_another_ones_count(facts):
    problems = signal_problems(facts, 2027, GOLD3, [Program("U", "Urology", signal="yes"), *GOLD3, im("D", "gold")])
    assert len(problems) == 2 and problems[1].startswith("Internal Medicine allows 3 gold signals")


def test_an_import_problem_that_names_its_program_is_not_named_twice(facts):
    _, problems = screen_rows(facts, 2027, ProgramBook([]), rows(Program("U", "Urology", signal="yes")))
    assert problems == ["line 2: Signal: U: Urology takes no signal in the ERAS 2027 season (Urology is in no signal"
                        " table up to the 2027 season: no signals)"]
