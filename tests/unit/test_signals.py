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
