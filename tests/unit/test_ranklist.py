"""The rank order list: moves, adds and removes as patches; two windows moving ranks keep each
other's moves; a change takes back the certified mark; the count beyond the 20 the fee covers;
a Rank column in an import sets the order."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from imgtui.domain.programs import ProgramBook, merge_edits, parse_program
from imgtui.domain.programs_csv import read_programs
from imgtui.domain.ranklist import (
    RankError,
    add_edits,
    beyond_included,
    candidates,
    certify_edits,
    move_edits,
    ranked,
    remove_edits,
    with_uncertify,
)
from imgtui.persistence.controller import Document
from imgtui.persistence.program_store import ProgramStore

TODAY = date(2026, 11, 24)
WHEN = datetime(2027, 2, 20, 18, 0, tzinfo=ZoneInfo("America/New_York"))


def program(name, **values):
    return parse_program({"name": name, "specialty": "Internal Medicine", **values}, TODAY)


def book_of(*names_ranks, **extra):
    return ProgramBook([program(n, rank=r, **extra) for n, r in names_ranks])


def names(book):
    return [p.name for p in ranked(book.programs)]


def apply(book, edits):
    from imgtui.domain.patch import apply_edits

    apply_edits(book, edits)
    return book


def test_moves_renumber_only_what_moved():
    book = book_of(("A", 1), ("B", 2), ("C", 3), ("D", None))
    edits = move_edits(book, ("c", "internal medicine"), -1)
    assert [(e.path[0][0], e.new) for e in edits] == [("c", 2), ("b", 3)]
    assert names(apply(book, edits)) == ["A", "C", "B"]
    assert move_edits(book, ("a", "internal medicine"), -1) == []  # already first
    assert move_edits(book, ("d", "internal medicine"), 1) == []  # not ranked
    assert names(apply(book, move_edits(book, ("a", "internal medicine"), 10))) == ["C", "B", "A"]


def test_gaps_and_ties_from_an_import_become_1_to_n_on_the_first_move():
    book = book_of(("A", 10), ("B", 20), ("C", 20), ("D", 40))
    assert names(book) == ["A", "B", "C", "D"]  # ties keep the list's order
    apply(book, move_edits(book, ("d", "internal medicine"), -1))
    assert [(p.name, p.rank) for p in ranked(book.programs)] == [("A", 1), ("B", 2), ("D", 3), ("C", 4)]


def test_add_and_remove_and_the_300_limit():
    book = book_of(("A", 1), ("B", 2), ("C", None))
    apply(book, add_edits(book, ("c", "internal medicine"), max_ranks=300))
    assert names(book) == ["A", "B", "C"]
    apply(book, remove_edits(book, ("a", "internal medicine")))
    assert [(p.name, p.rank) for p in ranked(book.programs)] == [("B", 1), ("C", 2)]
    with pytest.raises(RankError, match="at most 2 programs"):
        add_edits(book, ("a", "internal medicine"), max_ranks=2)


def test_candidates_are_programs_interviewed_at_and_not_ranked():
    programs = [program("Done", interview_status="completed"), program("Status", status="interviewed"),
                program("Ranked", interview_status="completed", rank=1), program("Invited", interview_status="invited")]
    assert [p.name for p in candidates(programs)] == ["Done", "Status"]


def test_a_change_takes_back_the_certified_mark():
    book = book_of(("A", 1), ("B", 2))
    apply(book, certify_edits(book, WHEN))
    assert book.certified == WHEN
    apply(book, move_edits(book, ("b", "internal medicine"), -1))
    assert book.certified is None
    apply(book, certify_edits(book, WHEN))
    same = read_programs(b"Program,Specialty,Rank\nA,Internal Medicine,2\nB,Internal Medicine,1\n", TODAY).rows
    apply(book, with_uncertify(book, merge_edits(book, same)))
    assert book.certified == WHEN  # the import changed no rank
    rows = read_programs(b"Program,Specialty,Rank\nA,Internal Medicine,1\nB,Internal Medicine,2\n", TODAY).rows
    apply(book, with_uncertify(book, merge_edits(book, rows)))
    assert book.certified is None and names(book) == ["A", "B"]


def test_ranks_beyond_the_20_the_fee_covers():
    assert [beyond_included(n, 20) for n in (0, 19, 20, 21, 300)] == [0, 0, 0, 1, 280]


def test_a_rank_column_sets_the_order_whatever_the_row_order():
    data = b"Program,Specialty,Rank\nThird IM,Internal Medicine,3\nSecond IM,Internal Medicine,2\nFirst IM,Internal Medicine,1\n"
    book = ProgramBook()
    apply(book, merge_edits(book, read_programs(data, TODAY).rows))
    assert names(book) == ["First IM", "Second IM", "Third IM"]


def test_two_windows_moving_ranks_keep_each_others_moves(tmp_path):
    path = tmp_path / "programs.json"
    first, second = (Document(ProgramStore(path, lambda: TODAY)) for _ in range(2))
    first.change("setup", lambda book: [
        *(e for p in "ABCDE" for e in merge_edits(book, [(program(p, rank="ABCDE".index(p) + 1), frozenset({"name", "specialty", "rank"}))]))
    ])
    second.load()  # both windows show A B C D E
    first.change("move B up", lambda book: move_edits(book, ("b", "internal medicine"), -1))  # B A C D E
    # The second window has not seen that move; its own move is computed on the file as it is now.
    second.change("move E up", lambda book: move_edits(book, ("e", "internal medicine"), -1))
    assert names(Document(ProgramStore(path, lambda: TODAY)).load()) == ["B", "A", "C", "E", "D"]
    # Undo in the first window takes back only its own move.
    first.undo()
    assert names(Document(ProgramStore(path, lambda: TODAY)).load()) == ["A", "B", "C", "E", "D"]


def test_a_change_that_fails_half_way_leaves_nothing_behind(tmp_path):
    """The store reuses the value of bytes it has already read; a change that raises after
    patching part of it must not leave that half-patched value to be read again."""
    path = tmp_path / "programs.json"
    store = ProgramStore(path, lambda: TODAY)
    given, _ = store.update(lambda book: book.programs.extend([program("A", rank=1), program("B", rank=2)]))
    given.programs.clear()  # a value handed out is the caller's: the store's own is not touched

    def half(book):
        book.put((("a", "internal medicine"), "rank"), 2)
        raise KeyError("the second program went away")

    for current in (store, ProgramStore(path, lambda: TODAY)):  # bytes it wrote; bytes it has never seen
        with pytest.raises(KeyError):
            current.update(half)
        assert [(p.name, p.rank) for p in current.load().programs] == [("A", 1), ("B", 2)]


def test_moving_the_last_program_further_down_changes_nothing_not_even_the_mark():
    book = book_of(("A", 1), ("B", 2))
    apply(book, certify_edits(book, WHEN))
    assert move_edits(book, ("b", "internal medicine"), 1) == []
    assert move_edits(book, ("a", "internal medicine"), -3) == []


def test_only_an_unranked_program_of_the_book_is_added_and_only_a_ranked_one_removed():
    book = book_of(("A", 1), ("B", None))
    for key in (("a", "internal medicine"), ("nowhere", "internal medicine")):
        assert add_edits(book, key, max_ranks=300) == []
    for key in (("b", "internal medicine"), ("nowhere", "internal medicine")):
        assert remove_edits(book, key) == []
    apply(book, add_edits(book, ("b", "internal medicine"), max_ranks=300))
    assert [(p.name, p.rank) for p in ranked(book.programs)] == [("A", 1), ("B", 2)]  # at the bottom: n + 1


def test_undoing_a_change_puts_the_certified_mark_back():
    from imgtui.domain.patch import Applied, apply_edits, revert

    book = book_of(("A", 1), ("B", 2))
    apply(book, certify_edits(book, WHEN))
    for change in (lambda: move_edits(book, ("b", "internal medicine"), -1), lambda: certify_edits(book, None)):
        done = apply_edits(book, change())
        assert book.certified is None
        revert(book, Applied("change", done))
        assert book.certified == WHEN and names(book) == ["A", "B"]
