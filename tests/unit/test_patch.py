"""Changes as patches (domain.patch): an edit records the value it replaced, an edit whose
container is gone changes nothing (and the rest still apply), and undo puts back only the
parts that still hold exactly what the change put there."""

from __future__ import annotations

import copy
import pickle
from datetime import date

from imgtui.domain.patch import MISSING, Applied, Edit, Reverted, apply_edits, revert
from imgtui.domain.programs import ProgramBook
from imgtui.domain.progress import Progress


def test_missing_is_one_value_that_survives_copies_and_says_what_it_is():
    assert copy.deepcopy(MISSING) is MISSING and pickle.loads(pickle.dumps(MISSING)) is MISSING
    assert repr(MISSING) == "MISSING"
    assert repr(Edit(("completed", "step1"), MISSING, date(2026, 6, 20))).count("MISSING") == 1


def test_an_edit_into_a_program_deleted_elsewhere_changes_nothing_and_the_rest_still_apply():
    book, progress = ProgramBook(), Progress()
    gone = apply_edits(book, [Edit((("Gone Hospital", "Internal Medicine"), "notes"), None, "call them")])
    assert gone == ()
    done = apply_edits(
        book,
        [
            Edit((("Gone Hospital", "Internal Medicine"), "notes"), None, "call them"),
            Edit(("letters", "L1"), None, "a letter"),
        ],
    )
    assert done == (Edit(("letters", "L1"), MISSING, "a letter"),) and book.letters == {"L1": "a letter"}
    assert apply_edits(progress, [Edit(("scores", "step2ck"), 999, 246)]) == (
        Edit(("scores", "step2ck"), MISSING, 246),  # the value found, not the edit's own `old`
    )


def test_undo_puts_back_only_parts_that_still_hold_exactly_what_the_change_put_there():
    progress = Progress(scores={"step2ck": 246, "step3": 230}, match_year=2027)
    applied = Applied(
        "three edits",
        apply_edits(
            progress,
            [
                Edit(("scores", "step2ck"), None, 250),
                Edit(("scores", "step3"), None, 1),
                Edit(("match_year",), None, 2028),
            ],
        ),
    )
    progress.put(("scores", "step2ck"), 251)  # changed elsewhere: a different value, same type
    progress.put(("scores", "step3"), True)  # equal to 1, but not the 1 this change put
    result = revert(progress, applied)
    assert result == Reverted(
        applied,
        (Edit(("match_year",), 2027, 2028),),
        (Edit(("scores", "step3"), 230, 1), Edit(("scores", "step2ck"), 246, 250)),  # newest first
    )
    assert progress.match_year == 2027 and progress.scores == {"step2ck": 251, "step3": True}
