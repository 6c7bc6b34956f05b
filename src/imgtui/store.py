"""progress.toml: read, validate, and save without ever losing or clobbering anything.

- Saves are atomic: a temp file in the same folder, fsync, os.replace, fsync of the folder.
- The file is mode 0600; its folder is created 0700.
- Every save takes an exclusive lock, re-reads the file and applies the change to what is
  on disk, so two imgtui processes never lose each other's ticks (the last change to the
  *same* key wins; other keys are untouched).
- A file that cannot be read or validated is reported (file, line, problem) and never
  written: `update` raises before touching it.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple

from .domain.progress import Progress, ProgressError, parse_progress, to_document

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: saves stay atomic but are not locked
    fcntl = None

FILE_NAME = "progress.toml"
MAX_BYTES = 1_000_000  # a real progress file is a few KB; anything this big is not ours
LOCK_TIMEOUT = 10.0


def default_path() -> Path:
    import platformdirs

    return platformdirs.user_config_path("imgtui", appauthor=False) / FILE_NAME


class ProgressFileError(Exception):
    """progress.toml cannot be used as it is; it has been left untouched."""

    def __init__(self, path: Path, problem: str, line: int | None = None, file_unusable: bool = True):
        self.path, self.problem, self.line = path, problem, line
        # False: the file is fine but could not be written now (folder, lock): not read-only.
        self.file_unusable = file_unusable
        super().__init__(self.describe(str(path)))

    def describe(self, shown_path: str) -> str:
        return f"{shown_path}" + (f", line {self.line}" if self.line else "") + f": {self.problem}"


class Fingerprint(NamedTuple):
    mtime_ns: int
    size: int
    inode: int


class LockedFile:
    """One file in the config folder, read and written under the safety contract above.
    progress.toml and programs.json both use it: one mechanism, one set of guarantees."""

    max_bytes = MAX_BYTES

    def __init__(self, path: Path):
        self.path = Path(path)

    def fingerprint(self) -> Fingerprint | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return Fingerprint(st.st_mtime_ns, st.st_size, st.st_ino)

    def _read_text(self) -> str | None:
        path = self.path
        try:
            st = os.stat(path)
        except NotADirectoryError:  # a file where a folder should be: no progress file can exist yet
            return None
        except FileNotFoundError:
            if path.is_symlink():
                raise ProgressFileError(path, "is a symbolic link to a file that does not exist") from None
            return None
        except OSError as error:
            raise ProgressFileError(path, f"cannot be read: {error.strerror}") from None
        if os.path.isdir(path):
            raise ProgressFileError(path, "is a folder, not a file")
        if st.st_size > self.max_bytes:
            raise ProgressFileError(path, f"is {st.st_size:,} bytes, more than the {self.max_bytes:,} this file can be")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ProgressFileError(path, f"cannot be read: {error.strerror}") from None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ProgressFileError(path, f"is not UTF-8 text (byte {error.start})", line) from None

    def back_up(self, stamp: str) -> Path:
        """Move a file that cannot be used aside (nothing is deleted); return where it went."""
        target = self._target()
        backup = target.with_name(f"{target.name}.bad-{stamp}")
        counter = 1
        while backup.exists():
            counter += 1
            backup = target.with_name(f"{target.name}.bad-{stamp}-{counter}")
        with self._locked():
            os.rename(target, backup)
        with contextlib.suppress(OSError):
            if backup.is_file():
                os.chmod(backup, 0o600)
        return backup

    # -- writing -------------------------------------------------------------------------
    def _apply(self, change: Callable[[Any], Any]) -> tuple[Any, Any]:
        """Under the lock: load what is on disk now, apply `change`, write it atomically.
        Subclasses provide load() (raising ProgressFileError) and dump(value) -> bytes."""
        with self._locked():
            value = self.load()
            result = change(value)
            self._write_atomically(self.dump(value))
            return value, result

    def _target(self) -> Path:
        # Write through a symlink (dotfile managers link this file) instead of replacing it.
        return Path(os.path.realpath(self.path))

    def _make_folder(self, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise ProgressFileError(self.path, f"its folder {folder} cannot be created: {error.strerror}",
                                    file_unusable=False) from None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        target = self._target()
        self._make_folder(target.parent)
        if fcntl is None:  # pragma: no cover
            yield
            return
        lock_path = target.parent / f".{target.name}.lock"
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise ProgressFileError(self.path, f"cannot lock {lock_path}: {error.strerror}", file_unusable=False) from None
        try:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise ProgressFileError(self.path, "another imgtui has held the lock for 10 s; nothing saved",
                                                file_unusable=False) from None
                    time.sleep(0.01)
            self._remove_stale_temp_files(target)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    @staticmethod
    def _remove_stale_temp_files(target: Path) -> None:
        # Only a writer holding the lock creates temp files, so any found now are from a
        # process that died mid-save: the real file is intact (os.replace never ran).
        for leftover in target.parent.glob(f".{target.name}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()

    def _write_atomically(self, data: bytes) -> None:
        target = self._target()
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        with contextlib.suppress(OSError):  # make the rename itself durable
            dir_fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


class ProgressStore(LockedFile):
    """progress.toml: the steps, settings and scores."""

    def __init__(self, path: Path, rule_sets: tuple[str, ...], today: Callable[[], date]):
        super().__init__(path)
        self.rule_sets = rule_sets
        self.today = today

    def load(self) -> Progress:
        """The saved progress; defaults when there is no file yet. Raises ProgressFileError."""
        text = self._read_text()
        if text is None:
            return Progress()
        try:
            document = tomllib.loads(text)
        except RecursionError:  # e.g. thousands of nested arrays: not a progress file
            raise ProgressFileError(self.path, "not valid TOML: nested too deeply") from None
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            match = re.search(r"\(at line (\d+), column \d+\)", message)
            problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
            raise ProgressFileError(self.path, f"not valid TOML: {problem}", int(match[1]) if match else None) from None
        try:
            return parse_progress(document, self.rule_sets, self.today())
        except ProgressError as error:
            raise ProgressFileError(self.path, str(error), _line_of(text, error.key)) from None

    def dump(self, progress: Progress) -> bytes:
        import tomli_w

        return tomli_w.dumps(to_document(progress)).encode("utf-8")

    def update(self, change: Callable[[Progress], None]) -> Progress:
        """Apply `change` to the progress as it is on disk now, and save it atomically."""
        return self._apply(change)[0]


def _line_of(text: str, dotted_key: str) -> int | None:
    """The line where a (possibly dotted) key is set, for error messages."""
    *tables, name = dotted_key.split(".")
    section_ok = not tables
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            section_ok = stripped.strip("[] ") == ".".join(tables) if tables else False
            continue
        if section_ok and re.match(rf'["\']?{re.escape(name)}["\']?\s*=', stripped):
            return number
    return None
