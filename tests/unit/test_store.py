import multiprocessing
import os
import stat
import sys
from datetime import date
from pathlib import Path

import pytest

from imgtui.persistence.locked_file import DataFileError
from imgtui.persistence.progress_store import ProgressStore

RULES = ("current", "guide-2019")
TODAY = date(2026, 11, 24)


# #17: the store's whole contract runs twice, with the Unix lock (fcntl) and with the Windows
# path (msvcrt.locking) forced: fcntl hidden, a fake msvcrt with Windows' semantics in place.
@pytest.fixture(autouse=True, params=["fcntl", "msvcrt"])
def lock_backend(request, monkeypatch):
    from imgtui.persistence.locking import backend

    calls: list = []
    if request.param == "msvcrt":
        from .. import fake_windows

        fake_windows.install(monkeypatch, calls)
    assert backend() == request.param
    yield request.param
    if request.param == "msvcrt":
        assert all(mode in (2, 0) for mode in calls)  # only LK_NBLCK and LK_UNLCK, balanced below


def store_at(path: Path) -> ProgressStore:
    return ProgressStore(path, RULES, lambda: TODAY)


def tick(step: str, when: date = date(2026, 3, 2)):
    return lambda progress: progress.completed.__setitem__(step, when)


def test_no_file_is_normal_and_nothing_is_written(progress_path):
    progress = store_at(progress_path).load()
    assert progress.completed == {} and progress.mode == "non-us-img" and progress.rules == "current"
    assert not progress_path.exists() and not progress_path.parent.exists()


def test_first_save_creates_a_private_file(progress_path):
    store_at(progress_path).update(tick("usmle_id"))
    assert stat.S_IMODE(progress_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(progress_path.parent.stat().st_mode) == 0o700
    text = progress_path.read_text()
    assert "schema = 1" in text and "usmle_id = 2026-03-02" in text
    assert store_at(progress_path).load().completed == {"usmle_id": date(2026, 3, 2)}


def test_unknown_keys_survive_a_save(progress_path):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text('schema = 1\nnickname = "Ada"\n[completed]\nusmle_id = 2026-01-05\n'
                             '[scores]\nstep2ck = 246\nmy_mock = 230\n[plugins.calendar]\ncolour = "blue"\n')
    store_at(progress_path).update(tick("step1"))
    from imgtui.persistence.progress_store import tomllib  # the reader the app uses (tomli before 3.11)
    saved = tomllib.loads(progress_path.read_text())
    assert saved["nickname"] == "Ada" and saved["plugins"] == {"calendar": {"colour": "blue"}}
    assert saved["scores"] == {"step2ck": 246, "my_mock": 230}
    assert saved["completed"] == {"usmle_id": date(2026, 1, 5), "step1": date(2026, 3, 2)}


@pytest.mark.parametrize("content, line, words", [
    ('schema = 1\nmode = "non-us-img\n', 2, "not valid TOML"),
    ('match_year = "soon"\n', 1, "match_year"),
    ('mode = "martian"\n', 1, "mode"),
    ('schema = 2\n', 1, "newer imgtui"),
    ('[completed]\nstep1 = "yesterday"\n', 2, "completed.step1"),
    ('[scores]\nstep2ck = 999\n', 2, "scores.step2ck"),
])
def test_a_bad_file_is_reported_and_never_overwritten(progress_path, content, line, words):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text(content)
    before = progress_path.read_bytes()
    store = store_at(progress_path)
    with pytest.raises(DataFileError) as error:
        store.load()
    assert error.value.line == line and words in str(error.value) and "progress.toml" in str(error.value)
    with pytest.raises(DataFileError):
        store.update(tick("usmle_id"))
    assert progress_path.read_bytes() == before


def test_binary_junk_huge_files_and_folders_are_refused(progress_path):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_bytes(b"\x00\xff\xfe junk")
    with pytest.raises(DataFileError, match="not UTF-8"):
        store_at(progress_path).load()
    progress_path.write_bytes(b"#" * 2_000_000)
    with pytest.raises(DataFileError, match="more than"):
        store_at(progress_path).load()
    progress_path.unlink()
    progress_path.mkdir()
    with pytest.raises(DataFileError, match="folder"):
        store_at(progress_path).load()


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(progress_path, monkeypatch):
    store = store_at(progress_path)
    store.update(tick("usmle_id"))
    before = progress_path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(DataFileError, match="not saved: No space left on device"):
        store.update(tick("step1"))
    assert progress_path.read_bytes() == before
    assert sorted(p.name for p in progress_path.parent.iterdir()) == [".progress.toml.lock", "progress.toml"]


def test_a_leftover_temp_file_from_a_killed_save_is_cleaned_up(progress_path):
    store = store_at(progress_path)
    store.update(tick("usmle_id"))
    (progress_path.parent / ".progress.toml.abc123.tmp").write_text("half a fi")
    store.update(tick("step1"))
    assert not list(progress_path.parent.glob("*.tmp"))
    assert set(store.load().completed) == {"usmle_id", "step1"}


def test_writing_through_a_symlink_keeps_the_link(progress_path, tmp_path):
    real = tmp_path / "dotfiles" / "progress.toml"
    real.parent.mkdir()
    real.write_text("schema = 1\n")
    progress_path.parent.mkdir(parents=True)
    progress_path.symlink_to(real)
    store_at(progress_path).update(tick("usmle_id"))
    assert progress_path.is_symlink() and "usmle_id" in real.read_text()


def _writer(path: str, steps: list[str], backend: str = "fcntl") -> None:
    if backend == "msvcrt" and "fcntl" in sys.modules and sys.modules["fcntl"] is not None:
        # a fresh (spawned) process: make it Windows-like too (a forked one already is)
        from tests import fake_windows

        fake_windows.install()
    store = store_at(Path(path))
    for step in steps:
        store.update(tick(step))


def test_concurrent_writers_never_lose_each_others_ticks(progress_path, lock_backend):
    steps = [f"custom_{i:03d}" for i in range(120)]
    groups = [steps[i::4] for i in range(4)]
    # Forked where the machine can (a spawned child re-imports everything: ~0.3 s); a forked
    # child keeps this process's Windows-like modules, and the fake msvcrt's lock (flock on
    # the lock file) excludes across processes as Windows' does.
    forkable = "fork" in multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if forkable else "spawn")
    processes = [ctx.Process(target=_writer, args=(str(progress_path), g, lock_backend)) for g in groups]
    for p in processes:
        p.start()
    for p in processes:
        p.join(60)
        assert p.exitcode == 0
    assert set(store_at(progress_path).load().completed) == set(steps)


def test_the_same_step_changed_in_two_sessions_last_change_wins(progress_path):
    first, second = store_at(progress_path), store_at(progress_path)
    first.update(tick("step1", date(2026, 3, 1)))
    second.update(lambda p: p.completed.pop("step1", None))
    first.update(tick("usmle_id"))
    assert set(first.load().completed) == {"usmle_id"}


def test_a_lock_held_too_long_is_a_clear_message_and_nothing_is_saved(progress_path, monkeypatch):
    from imgtui.persistence import locked_file
    from imgtui.persistence.locking import exclusive_lock

    store = store_at(progress_path)
    store.update(tick("usmle_id"))
    before = progress_path.read_bytes()
    monkeypatch.setattr(locked_file, "LOCK_TIMEOUT", 0.1)
    told = []
    store.on_lock_wait = lambda: told.append(True)
    with exclusive_lock(progress_path.parent / ".progress.toml.lock"):  # another writer, in this process
        with pytest.raises(DataFileError) as error:
            store.update(tick("step1"))
        with pytest.raises(DataFileError, match="saving this file right now"):
            store.update(tick("step1"), wait=False)
    assert "held the lock for 0.1 s; nothing saved" in str(error.value) and not error.value.file_unusable
    assert told == [True] and progress_path.read_bytes() == before
    store.update(tick("step1"))  # released: saves again
    assert set(store.load().completed) == {"usmle_id", "step1"}


def test_replace_is_retried_while_windows_refuses_it(progress_path, monkeypatch):
    """Windows refuses os.replace while a reader has the file open: retried, never lost."""
    from imgtui.persistence import locked_file

    store = store_at(progress_path)
    store.update(tick("usmle_id"))
    real_replace, refusals = os.replace, []

    def replace(src, dst):
        if len(refusals) < 3:
            refusals.append(dst)
            raise PermissionError(13, "The process cannot access the file")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(locked_file, "REPLACE_PAUSE", 0.001)
    store.update(tick("step1"))
    assert len(refusals) == 3 and set(store.load().completed) == {"usmle_id", "step1"}
    refusals.clear()
    monkeypatch.setattr(locked_file, "REPLACE_RETRIES", 2)  # refused for longer than the retries
    with pytest.raises(DataFileError, match="not saved"):
        store.update(tick("step2ck"))
    assert set(store.load().completed) == {"usmle_id", "step1"} and not list(progress_path.parent.glob("*.tmp"))
