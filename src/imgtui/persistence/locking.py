"""An exclusive lock on a small lock file beside the data file, on every platform.

Unix uses `fcntl.flock`, Windows `msvcrt.locking` on the lock file's first byte. Both locks
belong to the open file and die with the process, so a crashed or killed imgtui never leaves
a lock behind. There is no third, unlocked path: a platform with neither module cannot save.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

LOCK_TIMEOUT = 10.0  # seconds; then the change is reported as not saved
POLL_INTERVAL = 0.01


class LockTimeout(Exception):
    """Another process held the lock for longer than the timeout."""


class LockBusy(LockTimeout):
    """The lock is taken and the caller asked not to wait (timeout 0)."""


class LockUnavailable(Exception):
    """This platform offers no file lock (or the lock file cannot be opened)."""


def _platform_module(name: str) -> ModuleType | None:
    try:
        return __import__(name)
    except ImportError:
        return None


def backend() -> str:
    """'fcntl' on Unix, 'msvcrt' on Windows; tests may force either."""
    if _platform_module("fcntl") is not None:
        return "fcntl"
    if _platform_module("msvcrt") is not None:
        return "msvcrt"
    raise LockUnavailable("this platform has neither fcntl nor msvcrt file locks")


def _try_fcntl(fd: int) -> bool:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _try_msvcrt(fd: int) -> bool:
    import msvcrt

    os.lseek(fd, 0, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    except OSError:  # locked by another process (EACCES / EDEADLOCK)
        return False
    return True


def _release_msvcrt(fd: int) -> None:
    import msvcrt

    os.lseek(fd, 0, os.SEEK_SET)
    with contextlib.suppress(OSError):
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


@contextlib.contextmanager
def exclusive_lock(
    lock_path: Path, timeout: float = LOCK_TIMEOUT, on_wait: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path` (created 0600 if missing) for the block.

    `on_wait` is called once, the first time the lock is found taken (the app says that
    another imgtui is writing). Raises LockTimeout after `timeout` seconds (LockBusy at once
    for a timeout of 0), LockUnavailable when the lock file cannot be opened."""
    kind = backend()
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise LockUnavailable(f"cannot open the lock file {lock_path}: {error.strerror}") from None
    attempt = _try_fcntl if kind == "fcntl" else _try_msvcrt
    try:
        deadline = time.monotonic() + timeout
        told = False
        while not attempt(fd):
            if not told and on_wait is not None:
                on_wait()
                told = True
            if timeout <= 0:
                raise LockBusy("another imgtui holds the lock")
            if time.monotonic() > deadline:
                raise LockTimeout(f"another imgtui has held the lock for {timeout:g} s")
            time.sleep(POLL_INTERVAL)
        try:
            yield
        finally:
            if kind == "msvcrt":
                _release_msvcrt(fd)
    finally:
        os.close(fd)  # closing also releases an fcntl lock
