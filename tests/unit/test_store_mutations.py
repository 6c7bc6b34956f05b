"""progress.toml's store, through its public methods (load, update, back_up, fingerprint, dump):
the rules that mutation testing showed no test was holding (issue #18).

Imports of the persistence layer stay in this one place, so they can be repointed when the
stores move."""

from __future__ import annotations

import errno
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from imgtui.persistence.locked_file import DataFileError, Fingerprint
from imgtui.persistence.paths import default_path
from imgtui.persistence.progress_store import ProgressStore

MAX_BYTES = ProgressStore.max_bytes

RULES = ("current", "guide-2019")
TODAY = date(2026, 11, 24)


def store_at(path: Path) -> ProgressStore:
    return ProgressStore(path, RULES, lambda: TODAY)


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)


def load_error(path: Path) -> DataFileError:
    with pytest.raises(DataFileError) as error:
        store_at(path).load()
    assert error.value.path == path
    return error.value


def tick(step: str):
    return lambda progress: progress.completed.__setitem__(step, date(2026, 3, 2))


def test_the_default_file_is_progress_toml_in_the_users_config_folder(isolated_config):
    assert default_path() == isolated_config / "imgtui" / "progress.toml"


# -- errors name the file and the line ------------------------------------------------------

def test_an_error_reads_file_line_problem_and_leaves_out_a_missing_line(tmp_path):
    with_line = DataFileError(tmp_path / "p.toml", "mode: expected …", 3)
    assert str(with_line) == f"{tmp_path / 'p.toml'}, line 3: mode: expected …"
    assert with_line.describe("~/p.toml") == "~/p.toml, line 3: mode: expected …"
    assert DataFileError(tmp_path, "is a folder").describe("~/p") == "~/p: is a folder"
    assert with_line.file_unusable and with_line.line == 3 and with_line.problem == "mode: expected …"


@pytest.mark.parametrize("content, line, problem", [
    ('mode = "us-img"\n\n[completed]\nstep1 = "yesterday"\n', 4,
     "completed.step1: expected a date such as 2026-03-02, got 'yesterday'"),
    # A bad key inside a table: the line of that key in that table, not of the same key elsewhere.
    ('[completed]\nstep2ck = 2026-01-01\n\n[scores]\nstep1 = 230\nstep2ck = 999\n', 6,
     "scores.step2ck: expected a score from 1 to 300, got 999"),
    ('[scoresX]\nstep2ck = 1\n[scores]\nstep2ck = 999\n', 4, "scores.step2ck: expected a score from 1 to 300, got 999"),
    ('[scores]\n"step2ck" = 0\n', 2, "scores.step2ck: expected a score from 1 to 300, got 0"),
    ('schema = 1\n  mode = "martian"  \n', 2, "mode: expected \"non-us-img\" or \"us-img\", got 'martian'"),
    ('[ completed ]\nstep1 = "soon"\n', 2, "completed.step1: expected a date such as 2026-03-02, got 'soon'"),
    ('[plugins]\nmode = "mine"\n', None, None),  # a key in the user's own table is not ours to judge
    # No `scores =` line at the top level: no line, rather than the line of a same-named key elsewhere.
    ('[[scores]]\nstep1 = 1\n[plugins]\nscores = "mine"\n', None,
     "scores: expected a table of exam = score, got [{'step1': 1}]"),
])
def test_a_bad_value_is_reported_at_its_own_line(progress_path, content, line, problem):
    write(progress_path, content)
    if problem is None:
        assert store_at(progress_path).load().document["plugins"] == {"mode": "mine"}
        return
    error = load_error(progress_path)
    assert (error.line, error.problem) == (line, problem)


def test_invalid_toml_says_what_and_where_without_the_parsers_position_text(progress_path):
    write(progress_path, 'schema = 1\nmode = "non-us-img\n')
    error = load_error(progress_path)
    assert (error.line, error.problem) == (2, "not valid TOML: Illegal character '\\n'")
    write(progress_path, 'mode = "abc')  # the end of the file: no line to give
    error = load_error(progress_path)
    assert (error.line, error.problem) == (None, "not valid TOML: Unterminated string (at end of document)")


def test_deeply_nested_toml_is_refused_in_one_line(progress_path):
    write(progress_path, "a = " + "[" * 5000 + "]" * 5000 + "\n")
    error = load_error(progress_path)
    assert (error.line, error.problem) == (None, "not valid TOML: nested too deeply")


def test_bytes_that_are_not_utf8_are_reported_at_their_line(progress_path):
    write(progress_path, b'schema = 1\nmode = "us-img"\nnickname = "Caf\xe9"\n')
    error = load_error(progress_path)
    assert (error.line, error.problem) == (3, "is not UTF-8 text (byte 42)")
    write(progress_path, b"\xff")
    assert load_error(progress_path).line == 1


def test_a_file_of_exactly_the_limit_is_read_one_byte_more_is_refused(progress_path):
    assert MAX_BYTES == 1_000_000
    write(progress_path, "#" * (MAX_BYTES - 1) + "\n")
    assert store_at(progress_path).load().completed == {}
    write(progress_path, "#" * MAX_BYTES + "\n")
    error = load_error(progress_path)
    assert error.problem == "is 1,000,001 bytes, more than the 1,000,000 this file can be" and error.line is None


def test_a_folder_a_dangling_link_and_a_link_loop_are_named(progress_path, tmp_path):
    progress_path.mkdir(parents=True)
    assert load_error(progress_path).problem == "is a folder, not a file"
    progress_path.rmdir()
    progress_path.symlink_to(tmp_path / "gone.toml")
    assert load_error(progress_path).problem == "is a symbolic link to a file that does not exist"
    progress_path.unlink()
    progress_path.symlink_to(progress_path)
    assert load_error(progress_path).problem == "cannot be read: Too many levels of symbolic links"


def test_a_file_that_cannot_be_read_is_one_line(progress_path, monkeypatch):
    write(progress_path, "schema = 1\n")

    def unreadable(self):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "read", lambda fd, n: unreadable(None))
    error = load_error(progress_path)
    assert (error.problem, error.line, error.file_unusable) == ("cannot be read: Input/output error", None, True)


def test_a_folder_that_cannot_be_made_is_not_the_files_fault(tmp_path):
    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be")
    path = blocker / "imgtui" / "progress.toml"
    assert store_at(path).load().completed == {}  # no folder: no file yet, not an error
    with pytest.raises(DataFileError) as error:
        store_at(path).update(tick("usmle_id"))
    assert error.value.path == path and error.value.file_unusable is False
    assert error.value.problem == f"its folder {blocker / 'imgtui'} cannot be created: Not a directory"


# -- saving ----------------------------------------------------------------------------------

def test_update_returns_the_progress_it_saved(progress_path):
    saved, result = store_at(progress_path).update(lambda p: (p.completed.__setitem__("step1", date(2026, 3, 2)), "r")[1])
    assert result == "r"
    assert saved.completed == {"step1": date(2026, 3, 2)} == store_at(progress_path).load().completed


def test_dump_is_the_toml_a_person_can_read(progress_path):
    progress = store_at(progress_path).load()
    progress.match_year = 2027
    progress.completed["usmle_id"] = date(2026, 3, 2)
    progress.scores["step2ck"] = 246
    assert store_at(progress_path).dump(progress).decode() == (
        'schema = 1\nmode = "non-us-img"\nrules = "current"\nmatch_year = 2027\n\n'
        '[completed]\nusmle_id = 2026-03-02\n\n[scores]\nstep2ck = 246\n')


def test_the_temp_file_is_beside_the_file_and_named_for_the_cleanup(progress_path, monkeypatch):
    replaced = []
    real_replace = os.replace

    def spy(src, dst):
        replaced.append((Path(src), Path(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    store_at(progress_path).update(tick("usmle_id"))
    [(temp, target)] = replaced
    assert target == progress_path and temp.parent == progress_path.parent
    assert temp.name.startswith(".progress.toml.") and temp.name.endswith(".tmp")


def test_a_failed_replace_raises_its_own_error_even_if_the_temp_file_cannot_be_removed(progress_path, monkeypatch):
    store_at(progress_path).update(tick("usmle_id"))

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    def stuck(path, *args, **kwargs):
        raise OSError(errno.EBUSY, "Device or resource busy")

    monkeypatch.setattr(os, "replace", full)
    monkeypatch.setattr(os, "unlink", stuck)
    with pytest.raises(DataFileError, match="not saved: No space left on device"):
        store_at(progress_path).update(tick("step1"))


def test_a_file_system_that_cannot_fsync_a_folder_still_saves(progress_path, monkeypatch):
    real_fsync = os.fsync

    def no_folder_fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", no_folder_fsync)
    store_at(progress_path).update(tick("usmle_id"))
    assert store_at(progress_path).load().completed == {"usmle_id": date(2026, 3, 2)}


def test_a_leftover_that_cannot_be_removed_does_not_stop_a_save(progress_path):
    (progress_path.parent / ".progress.toml.stuck.tmp").mkdir(parents=True)  # unlink() fails on a folder
    store_at(progress_path).update(tick("usmle_id"))
    assert store_at(progress_path).load().completed == {"usmle_id": date(2026, 3, 2)}


# -- fingerprint and back_up -------------------------------------------------------------------

def test_the_fingerprint_is_none_without_a_file_and_changes_with_each_save(progress_path):
    store = store_at(progress_path)
    assert store.fingerprint() is None
    store.update(tick("usmle_id"))
    st = os.stat(progress_path)
    first = store.fingerprint()
    assert first == Fingerprint(st.st_mtime_ns, st.st_size, st.st_ino)
    store.update(tick("step1"))
    assert store.fingerprint() != first and store.fingerprint().size == os.stat(progress_path).st_size


def test_a_bad_file_is_moved_aside_never_deleted_and_made_private(progress_path):
    write(progress_path, "mode = ")
    os.chmod(progress_path, 0o644)
    backup = store_at(progress_path).back_up("20261124-100000")
    assert backup == progress_path.with_name("progress.toml.bad-20261124-100000")
    assert backup.read_text() == "mode = " and not progress_path.exists()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_the_third_backup_of_the_same_second_does_not_overwrite_the_second(progress_path):
    store = store_at(progress_path)
    backups = []
    for n in range(1, 5):
        write(progress_path, f"bad = {n}\n[")
        backups.append(store.back_up("20261124-100000"))
    assert [b.name for b in backups] == ["progress.toml.bad-20261124-100000", "progress.toml.bad-20261124-100000-2",
                                         "progress.toml.bad-20261124-100000-3", "progress.toml.bad-20261124-100000-4"]
    assert [b.read_text() for b in backups] == [f"bad = {n}\n[" for n in range(1, 5)]


def test_backing_up_through_a_symlink_moves_the_real_file(progress_path, tmp_path):
    real = tmp_path / "dotfiles" / "progress.toml"
    write(real, "mode = ")
    progress_path.parent.mkdir(parents=True)
    progress_path.symlink_to(real)
    backup = store_at(progress_path).back_up("x")
    assert backup == real.with_name("progress.toml.bad-x") and backup.read_text() == "mode = "


def test_a_backup_whose_mode_cannot_be_changed_is_still_made(progress_path, monkeypatch):
    write(progress_path, "mode = ")

    def refuse(path, mode, *args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "chmod", refuse)
    backup = store_at(progress_path).back_up("x")
    assert backup.read_text() == "mode = " and not progress_path.exists()
