"""A data file of the person's (progress.toml, programs.json), read and written so that
nothing is ever lost or clobbered.

- Reads take only regular files, and never more than the file's limit (plus one byte to
  tell that it is over): a FIFO, a device or a link to /dev/zero is refused by name.
- Saves are atomic: a temp file in the same folder, fsync, os.replace, fsync of the folder.
  Every file written for the person (exports, calendars) uses the same `write_atomically`.
- The file is mode 0600 and its folder 0700 where the platform has such modes.
- Every save takes an exclusive lock (locking.py), re-reads the file and applies the change
  to what is on disk, so two imgtui processes never lose each other's changes.
- A file that cannot be read or validated is reported (file, line, problem) and never
  written: a save raises before touching it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from .locking import LOCK_TIMEOUT, LockBusy, LockTimeout, LockUnavailable, exclusive_lock

T = TypeVar("T")
R = TypeVar("R")

REPLACE_RETRIES = 20  # Windows refuses os.replace while a reader has the file open: retry briefly
REPLACE_PAUSE = 0.05


class DataFileError(Exception):
    """A data file cannot be used as it is (it has been left untouched), or a change to it
    could not be saved now."""

    def __init__(self, path: Path, problem: str, line: int | None = None, file_unusable: bool = True):
        self.path, self.problem, self.line = path, problem, line
        # False: the file is fine but could not be written now (folder, lock, disk): not read-only.
        self.file_unusable = file_unusable
        super().__init__(self.describe(str(path)))

    def describe(self, shown_path: str) -> str:
        return f"{shown_path}" + (f", line {self.line}" if self.line else "") + f": {self.problem}"


class Busy(DataFileError):
    """Another imgtui holds the lock right now (raised only when asked not to wait)."""

    def __init__(self, path: Path):
        super().__init__(path, "another imgtui is saving this file right now", file_unusable=False)


class Fingerprint(NamedTuple):
    mtime_ns: int
    size: int
    inode: int


def read_regular_file(path: Path, limit: int) -> bytes | None:
    """The bytes of `path`, or None when there is no such file. Raises DataFileError for
    anything that is not a regular file or is bigger than `limit` bytes; never blocks on a
    FIFO and never reads more than limit + 1 bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (FileNotFoundError, NotADirectoryError):
        if os.path.islink(path):
            raise DataFileError(path, "is a symbolic link to a file that does not exist") from None
        return None
    except IsADirectoryError:
        raise DataFileError(path, "is a folder, not a file") from None
    except OSError as error:
        raise DataFileError(path, f"cannot be read: {error.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DataFileError(path, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise DataFileError(path, f"is not a regular file ({_kind(info.st_mode)}); refusing to read it")
        if info.st_size > limit:
            raise DataFileError(path, f"is {info.st_size:,} bytes, more than the {limit:,} this file can be")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise DataFileError(path, f"cannot be read: {error.strerror}") from None
    finally:
        os.close(fd)
    if total > limit:  # it grew while we read
        raise DataFileError(path, f"is more than the {limit:,} bytes this file can be")
    return b"".join(chunks)


MAX_IMPORT_BYTES = 100_000_000  # a CSV of every program in the country is a few MB


def read_import_file(path: Path) -> bytes:
    """A file the person asks to import: a regular file, bounded; DataFileError otherwise."""
    data = read_regular_file(path, MAX_IMPORT_BYTES)
    if data is None:
        raise DataFileError(path, "no such file", file_unusable=False)
    return data


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a plain file"


def write_atomically(target: Path, data: bytes, mode: int | None = 0o600, into_devices: bool = False) -> None:
    """Write `data` beside `target`, fsync, and rename it into place; on any failure the old
    file is untouched and the temp file removed. Raises OSError. `mode` None: keep the mode
    of the file replaced (a new file is 0600). `into_devices`: a file the person named that is
    a device or a pipe (/dev/stdout) is written into, not replaced (exports); imgtui's own
    files and cache always replace whatever is there."""
    try:
        existing: os.stat_result | None = os.stat(target)
    except OSError:
        existing = None
    if into_devices and existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_in_place(target, data, existing.st_mode)  # /dev/stdout, a FIFO: never replaced by a file
        return
    if mode is None and existing is not None:
        mode = stat.S_IMODE(existing.st_mode)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        _replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if sys.platform != "win32":  # make the rename itself durable (folders cannot be opened on Windows)
        with contextlib.suppress(OSError):
            dir_fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _write_in_place(target: Path, data: bytes, kind: int) -> None:
    """A target that is not a regular file (a terminal, a pipe, /dev/null) is written to as
    it is; a folder is refused. There is no old content to keep there."""
    if stat.S_ISDIR(kind):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    with open(target, "wb") as handle:
        handle.write(data)
        handle.flush()


def _replace(temp: str, target: Path) -> None:
    for attempt in range(REPLACE_RETRIES):
        try:
            os.replace(temp, target)
            return
        except PermissionError:  # Windows: another program has the file open for a moment
            if attempt == REPLACE_RETRIES - 1:
                raise
            time.sleep(REPLACE_PAUSE)


class LockedFile(Generic[T]):
    """One data file, read and written under the contract above. Subclasses give `parse`
    (bytes -> value, raising DataFileError), `empty` (the value when there is no file) and
    `dump` (value -> bytes)."""

    max_bytes = 1_000_000

    def __init__(self, path: Path):
        self.path = Path(path)
        self.on_lock_wait: Callable[[], None] | None = None  # told when another writer holds the lock

    # -- reading -------------------------------------------------------------------------
    def fingerprint(self) -> Fingerprint | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return Fingerprint(st.st_mtime_ns, st.st_size, st.st_ino)

    def load(self) -> T:
        """The saved value; `empty()` when there is no file yet. Raises DataFileError."""
        return self._read()[1]

    def _read(self) -> tuple[bytes | None, T]:
        data = read_regular_file(self.path, self.max_bytes)
        return data, (self.empty() if data is None else self.parse(data))

    def decode(self, data: bytes) -> str:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise DataFileError(self.path, f"is not UTF-8 text (byte {error.start})", line) from None

    def parse(self, data: bytes) -> T:
        raise NotImplementedError

    def empty(self) -> T:
        raise NotImplementedError

    def dump(self, value: T) -> bytes:
        raise NotImplementedError

    def dump_over(self, value: T, previous: bytes | None) -> bytes:
        """The bytes to save in place of `previous` (what was on disk): `dump` unless the
        store keeps something of the old file (progress.toml keeps comments and layout)."""
        return self.dump(value)

    def warnings(self, value: T) -> list[str]:
        """What is odd in a usable file (a date in the future): told, never refused."""
        return []

    # -- writing -------------------------------------------------------------------------
    def update(self, change: Callable[[T], R], wait: bool = True) -> tuple[T, R]:
        """Under the lock: load what is on disk now, apply `change`, write it atomically.
        Returns the new value and what `change` returned. `wait` False: raise Busy at once
        when another imgtui holds the lock (the app then waits off its UI thread)."""
        with self._locked(wait):
            previous, value = self._read()
            result = change(value)
            data = self.dump_over(value, previous)
            if len(data) > self.max_bytes:  # never write what the next load would refuse
                raise DataFileError(
                    self.path,
                    f"would grow to {len(data):,} bytes, more than the {self.max_bytes:,} "
                    "this file can be; nothing saved",
                    file_unusable=False,
                )
            try:
                write_atomically(self._target(), data)
            except OSError as error:
                raise DataFileError(self.path, f"not saved: {error.strerror or error}", file_unusable=False) from None
            return value, result

    def back_up(self, stamp: str) -> Path:
        """Move a file that cannot be used aside (nothing is deleted); return where it went."""
        target = self._target()
        with self._locked():
            backup = target.with_name(f"{target.name}.bad-{stamp}")
            counter = 1
            while backup.exists():
                counter += 1
                backup = target.with_name(f"{target.name}.bad-{stamp}-{counter}")
            try:
                os.rename(target, backup)
            except OSError as error:
                raise DataFileError(
                    self.path, f"cannot be moved aside to {backup.name}: {error.strerror}", file_unusable=False
                ) from None
        with contextlib.suppress(OSError):
            if backup.is_file():
                os.chmod(backup, 0o600)
        return backup

    def _target(self) -> Path:
        # Write through a symlink (dotfile managers link this file) instead of replacing it.
        return Path(os.path.realpath(self.path))

    def _make_folder(self, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise DataFileError(
                self.path, f"its folder {folder} cannot be created: {error.strerror}", file_unusable=False
            ) from None

    @contextlib.contextmanager
    def _locked(self, wait: bool = True) -> Iterator[None]:
        target = self._target()
        self._make_folder(target.parent)
        try:
            with exclusive_lock(
                target.parent / f".{target.name}.lock",
                timeout=LOCK_TIMEOUT if wait else 0,
                on_wait=self.on_lock_wait if wait else None,
            ):
                self._remove_stale_temp_files(target)
                yield
        except LockBusy:
            raise Busy(self.path) from None
        except LockTimeout as error:
            raise DataFileError(self.path, f"{error}; nothing saved", file_unusable=False) from None
        except LockUnavailable as error:
            raise DataFileError(self.path, f"{error}; nothing saved", file_unusable=False) from None

    @staticmethod
    def _remove_stale_temp_files(target: Path) -> None:
        # Only a writer holding the lock creates temp files, so any found now are from a
        # process that died mid-save: the real file is intact (os.replace never ran).
        for leftover in target.parent.glob(f".{target.name}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()
