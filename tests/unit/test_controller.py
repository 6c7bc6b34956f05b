"""The one way the person's files are loaded, changed, saved, undone and watched
(persistence.controller): listeners are told why, undo takes back only its own change and
stays possible when it could not run, a file spoiled by hand stops all writing, and a change
made elsewhere is noticed. Real files in tmp, no sleeps: another imgtui "holding the lock" is
this test holding it, released the moment imgtui says it is waiting."""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from pathlib import Path

import pytest

from imgtui.domain.model import EASTERN
from imgtui.domain.patch import MISSING, Edit
from imgtui.domain.progress import Progress
from imgtui.persistence.controller import Controller, Document, Operation, ReadOnly
from imgtui.persistence.locked_file import Busy, DataFileError
from imgtui.persistence.locking import exclusive_lock
from imgtui.persistence.program_store import ProgramStore
from imgtui.persistence.progress_store import ProgressStore

RULES = ("current", "guide-2019")
TODAY = date(2026, 11, 25)


def progress_store(path: Path) -> ProgressStore:
    return ProgressStore(path, RULES, lambda: TODAY)


def tick(step: str, when: date = date(2026, 6, 20)):
    return lambda progress: [Edit(("completed", step), None, when)]


class OtherImgtui:
    """Another imgtui saving the file: holds its lock until `release` (or the end)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.stack = contextlib.ExitStack()
        self.stack.enter_context(exclusive_lock(path.parent / f".{path.name}.lock", timeout=0))
        self.waits = 0

    def release(self) -> None:
        self.waits += 1
        self.stack.close()


@pytest.fixture
def heard() -> list[str]:
    return []


def test_listeners_are_told_why_loaded_changed_undone_or_changed_outside(progress_path: Path, heard: list[str]):
    document = Document(progress_store(progress_path))
    document.subscribe(heard.append)
    document.load()
    document.change("tick step1", tick("step1"))
    document.undo()
    progress_path.write_text("[completed]\nusmle_id = 2026-03-02\n", encoding="utf-8")  # by hand
    assert document.poll() is True
    assert heard == ["loaded", "changed", "undone", "outside"]
    assert document.value.completed == {"usmle_id": date(2026, 3, 2)}


def test_an_unsubscribed_listener_hears_nothing_more_and_unsubscribing_a_stranger_is_harmless(
    progress_path: Path, heard: list[str]
):
    document = Document(progress_store(progress_path))
    document.subscribe(heard.append)
    document.unsubscribe(print)  # never subscribed
    document.load()
    document.unsubscribe(heard.append)
    document.change("tick step1", tick("step1"))
    assert heard == ["loaded"]


def test_poll_notices_only_changes_made_outside_this_process(progress_path: Path):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text("[completed]\nusmle_id = 2026-03-02\n", encoding="utf-8")
    document = Document(progress_store(progress_path))
    assert document.poll() is False  # never read: nothing to compare with, and nothing read
    assert document.value == Progress()
    document.load()
    assert document.poll() is False  # as read
    document.change("tick step1", tick("step1"))
    assert document.poll() is False  # its own save is not a change from outside
    progress_path.write_text("[completed]\n", encoding="utf-8")
    assert document.poll() is True
    assert document.value.completed == {}
    assert document.poll() is False  # reloaded: seen once


def test_a_change_before_the_first_load_reads_the_file_then_watches_it(progress_path: Path, heard: list[str]):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text("[completed]\nusmle_id = 2026-03-02\n", encoding="utf-8")
    document = Document(progress_store(progress_path))
    document.subscribe(heard.append)
    document.change("tick step1", tick("step1"))
    assert document.value.completed == {"usmle_id": date(2026, 3, 2), "step1": date(2026, 6, 20)}
    assert document.ensure_loaded() is document.value and heard == ["changed"]  # not read again
    progress_path.write_text("[completed]\n", encoding="utf-8")
    assert document.poll() is True


def test_a_new_document_is_empty_until_loaded(progress_path: Path):
    document = Document(progress_store(progress_path))
    assert document.value == Progress() and document.warnings == [] and document.problem is None
    assert document.undo() is None  # nothing to undo


def test_a_change_is_remembered_by_its_description_and_undone_by_it(progress_path: Path):
    document = Document(progress_store(progress_path))
    document.load()
    applied = document.change("tick Step 1", tick("step1"))
    assert applied.description == "tick Step 1"
    assert applied.edits == (Edit(("completed", "step1"), MISSING, date(2026, 6, 20)),)
    reverted = document.undo()
    assert reverted is not None and reverted.applied == applied and reverted.kept == ()
    assert document.value.completed == {}


def test_a_change_that_changes_nothing_is_not_undoable(progress_path: Path):
    document = Document(progress_store(progress_path))
    document.load()
    document.change("tick step1", tick("step1"))
    document.change("tick step1 again", tick("step1"))
    document.undo()
    assert document.value.completed == {}
    assert document.undo() is None


def test_undo_takes_back_only_its_own_change_and_keeps_what_another_window_did(progress_path: Path):
    here, there = Document(progress_store(progress_path)), Document(progress_store(progress_path))
    here.load()
    here.change("tick two", lambda p: [Edit(("completed", "step1"), None, date(2026, 6, 20)),
                                       Edit(("completed", "step2ck"), None, date(2026, 8, 1))])
    there.change("redate step2ck", tick("step2ck", date(2026, 9, 9)))
    there.change("tick usmle_id", tick("usmle_id", date(2026, 3, 2)))
    reverted = here.undo()
    assert reverted is not None
    assert [e.path for e in reverted.reverted] == [("completed", "step1")]
    assert [e.path for e in reverted.kept] == [("completed", "step2ck")]
    assert here.value.completed == {"step2ck": date(2026, 9, 9), "usmle_id": date(2026, 3, 2)}


def test_a_save_waits_for_another_imgtui_and_says_it_is_waiting(progress_path: Path):
    document = Document(progress_store(progress_path))
    document.load()
    other = OtherImgtui(progress_path)
    document.store.on_lock_wait = other.release
    document.change("tick step1", tick("step1"))
    other = OtherImgtui(progress_path)
    document.store.on_lock_wait = other.release
    document.undo()
    other = OtherImgtui(progress_path)
    document.store.on_lock_wait = other.release
    operation = document.changing("tick step2ck", tick("step2ck")).run()
    assert not operation.busy and operation.finish().edits
    assert other.waits == 1 and document.value.completed == {"step2ck": date(2026, 6, 20)}


def test_a_save_told_not_to_wait_is_busy_at_once_and_an_undo_that_was_busy_stays_undoable(progress_path: Path):
    document = Document(progress_store(progress_path))
    document.load()
    document.change("tick step1", tick("step1"))
    other = OtherImgtui(progress_path)
    document.store.on_lock_wait = other.release  # were it to wait, it would get the lock
    with pytest.raises(Busy):
        document.change("tick step2ck", tick("step2ck"), wait=False)
    operation = document.undoing().run(wait=False)
    assert operation.busy
    with pytest.raises(Busy, match="another imgtui is saving this file right now"):
        operation.finish()
    assert other.waits == 0 and document.problem is None  # busy is not a broken file
    other.release()
    assert document.value.completed == {"step1": date(2026, 6, 20)}
    reverted = document.undo()  # the change went back on the stack
    assert reverted is not None and reverted.applied.description == "tick step1"
    assert document.value.completed == {}


def test_an_undo_a_rule_refuses_stays_undoable_and_saves_nothing(progress_path: Path):
    document = Document(progress_store(progress_path))
    document.load()
    document.change("tick step1", tick("step1"))
    from imgtui.domain.patch import Refused

    def refuse(value, apply):
        raise Refused("not now")

    document.guard = refuse
    with pytest.raises(Refused, match="not now"):
        document.undo()
    document.guard = lambda value, apply: apply()
    assert document.undo() is not None and document.value.completed == {}


def test_a_file_that_cannot_be_used_is_read_only_and_says_where_and_why(progress_path: Path):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text("[completed]\nstep1 = what\n", encoding="utf-8")
    document = Document(progress_store(progress_path))
    document.load()
    assert document.value == Progress() and document.problem is not None
    with pytest.raises(ReadOnly) as refused:
        document.change("tick step1", tick("step1"))
    assert refused.value.path == progress_path and refused.value.line == 2
    assert refused.value.problem == document.problem.problem and refused.value.problem.startswith("not valid TOML")
    assert progress_path.read_text(encoding="utf-8") == "[completed]\nstep1 = what\n"


def test_a_file_spoiled_by_hand_between_saves_stops_all_writing(progress_path: Path, heard: list[str]):
    document = Document(progress_store(progress_path))
    document.load()
    document.change("tick step1", tick("step1"))
    document.subscribe(heard.append)
    progress_path.write_text("schema = 99\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="newer imgtui"):
        document.change("tick step2ck", tick("step2ck"))
    assert document.problem is not None and "newer imgtui" in document.problem.problem
    assert document.value == Progress() and heard == ["outside"]
    assert document.poll() is False  # the spoiled file is already what it shows
    with pytest.raises(ReadOnly):
        document.undo()
    assert progress_path.read_text(encoding="utf-8") == "schema = 99\n"


def test_finishing_an_operation_that_never_ran_is_a_programming_error():
    operation = Operation(Document(progress_store(Path("progress.toml"))), lambda v: v, lambda r: r)
    assert not operation.busy
    with pytest.raises(AssertionError, match=r"^finish\(\) before run\(\)$"):
        operation.finish()


def controller_at(folder: Path, made: list[str]) -> Controller:
    def programs() -> ProgramStore:
        made.append("programs")
        return ProgramStore(folder / "programs.json", lambda: TODAY)

    return Controller(progress_store(folder / "progress.toml"), programs)


CERTIFIED = datetime(2027, 2, 20, 9, 0, tzinfo=EASTERN)


def certify(book):
    return [Edit(("rank_list", "certified"), None, CERTIFIED)]


def test_the_program_list_is_made_only_when_first_wanted_and_its_listeners_wait_for_it(
    isolated_config: Path, heard: list[str]
):
    made: list[str] = []
    controller = controller_at(isolated_config, made)
    early: list[str] = []
    controller.subscribe_programs(early.append)
    controller.unsubscribe_programs(print)  # never subscribed: harmless
    assert controller.poll() == [] and controller.programs_if_made is None and made == []
    controller.programs.load()
    assert made == ["programs"] and controller.programs_if_made is controller.programs
    controller.subscribe_programs(heard.append)  # after it was made
    controller.programs.change("certify", certify)  # no guard set: nothing refuses it
    assert controller.programs.value.certified == CERTIFIED
    controller.unsubscribe_programs(early.append)
    controller.programs.undo()
    assert early == ["loaded", "changed"] and heard == ["changed", "undone"]
    controller.unsubscribe_programs(heard.append)
    controller.programs.load()
    assert heard == ["changed", "undone"]


def test_the_controller_polls_both_files_and_names_the_one_changed_outside(isolated_config: Path):
    controller = controller_at(isolated_config, [])
    controller.progress.load()
    controller.programs.load()
    controller.programs.change("certify", certify)
    assert controller.poll() == []
    (isolated_config / "programs.json").write_text('{"programs": []}\n', encoding="utf-8")
    assert controller.poll() == [controller.programs]
    assert controller.programs.value.certified is None
    (isolated_config / "progress.toml").write_text("match_year = 2028\n", encoding="utf-8")
    assert controller.poll() == [controller.progress]


def test_every_save_of_either_file_says_when_it_waits_for_another_imgtui(isolated_config: Path):
    controller = controller_at(isolated_config, [])
    waits: list[str] = []
    other: list[OtherImgtui] = []

    def told() -> None:
        waits.append("waiting")
        other[-1].release()

    controller.on_lock_wait(told)
    controller.programs.load()  # made after on_lock_wait: told too
    for document, edits in ((controller.progress, tick("step1")), (controller.programs, certify)):
        other.append(OtherImgtui(document.path))
        document.change("a change", edits)
    assert waits == ["waiting", "waiting"]
    controller.on_lock_wait(told)  # set again once the list exists
    other.append(OtherImgtui(controller.programs.path))
    controller.programs.undo()
    assert waits == ["waiting"] * 3


def test_a_program_list_made_before_anyone_listens_for_lock_waits_still_times_out_plainly(
    isolated_config: Path, monkeypatch: pytest.MonkeyPatch
):
    from imgtui.persistence import locked_file

    monkeypatch.setattr(locked_file, "LOCK_TIMEOUT", 0.02)
    controller = controller_at(isolated_config, [])
    controller.programs.load()
    other = OtherImgtui(controller.programs.path)
    with pytest.raises(DataFileError, match=r"held the lock for 0\.02 s; nothing saved"):
        controller.programs.change("certify", certify)
    other.release()
    assert controller.programs.problem is None  # a lock held too long is not a broken file
    controller.programs.change("certify", certify)
    assert controller.programs.value.certified == CERTIFIED


def test_backing_up_a_broken_file_moves_it_aside_and_starts_afresh_with_nothing_to_undo(progress_path: Path):
    document = Document(progress_store(progress_path))
    document.load()
    document.change("tick step1", tick("step1"))
    progress_path.write_text("schema = 99\n", encoding="utf-8")
    document.load()
    assert document.problem is not None
    backup = document.back_up("20261125-0900")
    assert backup == progress_path.with_name("progress.toml.bad-20261125-0900")
    assert backup.read_text(encoding="utf-8") == "schema = 99\n" and not progress_path.exists()
    assert document.problem is None and document.value == Progress() and document.undo() is None
    document.change("tick step2ck", tick("step2ck"))
    assert document.value.completed == {"step2ck": date(2026, 6, 20)}
