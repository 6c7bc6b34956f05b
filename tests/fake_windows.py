"""Windows, as far as imgtui's portable paths can tell: no fcntl, no SIGHUP, no os.getuid,
and an `msvcrt` whose `locking` behaves as Windows' does (a per-handle byte-range lock;
LK_NBLCK fails at once with EACCES when another handle holds it; LK_UNLCK releases),
emulated with flock so that it also excludes other handles in this same process."""

from __future__ import annotations

import errno
import os
import signal
import sys
import types

LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4


def fake_msvcrt(calls: list | None = None) -> types.ModuleType:
    import fcntl  # the real one, captured before it is hidden

    module = types.ModuleType("msvcrt")

    def locking(fd: int, mode: int, nbytes: int) -> None:
        assert nbytes == 1 and os.lseek(fd, 0, os.SEEK_CUR) == 0, "imgtui locks the lock file's first byte"
        if calls is not None:
            calls.append(mode)
        if mode == LK_NBLCK:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise PermissionError(errno.EACCES, "Permission denied") from None
        elif mode == LK_UNLCK:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:
            raise AssertionError(f"imgtui never uses locking mode {mode}")

    module.locking = locking  # type: ignore[attr-defined]
    for name in ("LK_UNLCK", "LK_LOCK", "LK_NBLCK", "LK_RLCK", "LK_NBRLCK"):
        setattr(module, name, globals()[name])
    return module


def install(monkeypatch=None, calls: list | None = None) -> None:
    """Hide fcntl, SIGHUP and os.getuid, and provide the fake msvcrt (for this process; with
    `monkeypatch`, undone after the test)."""
    msvcrt = fake_msvcrt(calls)
    if monkeypatch is None:
        sys.modules["fcntl"] = None  # type: ignore[assignment]  # `import fcntl` raises ImportError
        sys.modules["msvcrt"] = msvcrt
        for owner, name in ((signal, "SIGHUP"), (os, "getuid")):
            if hasattr(owner, name):
                delattr(owner, name)
        return
    monkeypatch.setitem(sys.modules, "fcntl", None)
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.delattr(signal, "SIGHUP", raising=False)
    monkeypatch.delattr(os, "getuid", raising=False)
