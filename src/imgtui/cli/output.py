"""How the command line writes: any console encoding, one line per error, exact data.

- Text (status, stats, programs list, messages, errors) is written in the console's own
  encoding; a symbol it cannot show (✓ ≈ § ⚠ → • … under cp1252, cp437 or ISO-8859-1) is
  replaced by its ASCII stand-in (sanitize.stand_in) instead of ending the command.
- Data (CSV, iCalendar, JSON) is UTF-8 bytes whatever the console's encoding: what a
  program reads back is exactly what is stored.
- Text that came from a person's file goes through sanitize.visible on its way out (`say`).
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import sys
from typing import TYPE_CHECKING, TextIO

from ..sanitize import stand_in, visible

if TYPE_CHECKING:
    from rich.console import Console

ERRORS = "imgtui-stand-ins"
# Errors of a write that has no file name of its own: the output (a full disk, /dev/full).
OUTPUT_ERRNOS = {getattr(errno, name, None) for name in ("ENOSPC", "EIO", "EFBIG", "EDQUOT")} - {None}


def _stand_ins(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(stand_in(char) for char in error.object[error.start : error.end]), error.end


codecs.register_error(ERRORS, _stand_ins)


def configure_output() -> None:
    """Make stdout and stderr fall back to ASCII stand-ins for what their encoding lacks."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) in ("strict", None):
            with contextlib.suppress(ValueError, OSError):  # a closed or detached stream: leave it
                reconfigure(errors=ERRORS)


def say(message: str, file: TextIO | None = None) -> None:
    """One line (or a few) for the person, with anything from a file made visible."""
    print(visible(message, newlines=True), file=file or sys.stdout)


def error_line(message: str) -> None:
    """`imgtui: error: …` on stderr, on one line whatever the message quotes."""
    print(f"imgtui: error: {visible(message)}", file=sys.stderr)


def warning_line(message: str) -> None:
    print(f"imgtui: warning: {visible(message)}", file=sys.stderr)


def write_data(data: str | bytes) -> None:
    """CSV, iCalendar or JSON to stdout: UTF-8 bytes, exactly, whatever the console's encoding."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    sys.stdout.flush()  # anything printed before goes first
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (tests capture stdout as text)
        sys.stdout.write(raw.decode("utf-8"))
    else:
        buffer.write(raw)
        buffer.flush()


def os_error_message(error: OSError) -> str:
    """One line naming the file and the reason: `FILE: No space left on device`."""
    reason = error.strerror or str(error)
    if error.filename is not None:
        return f"{error.filename}: {reason}"
    if error.errno in OUTPUT_ERRNOS:
        return f"cannot write the output: {reason}"
    return reason


def silence_stdout() -> None:
    """After the output failed (a closed pipe, a full disk): point stdout at the null device
    so the interpreter's last flush at exit cannot fail a second time, noisily."""
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def console() -> Console:
    """A Rich console for the plain commands: no markup (`[x]` is text), no guessing at
    highlights, and a closed pipe reported to `main` (which exits 0) instead of Rich's exit 1."""
    from rich.console import Console

    class PlainConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return PlainConsole(highlight=False, markup=False)
