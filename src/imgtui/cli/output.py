"""How the command line writes: any console encoding, one line per error, exact data.

- Text (status, stats, programs list, messages, errors) is written in the console's own
  encoding; a symbol it cannot show (✓ ≈ § ⚠ → • … under cp1252, cp437 or ISO-8859-1) is
  replaced by its ASCII stand-in (sanitize.stand_in) instead of ending the command.
- Data (CSV, iCalendar, JSON: `write_data`, `write_json`) going to a file or a pipe is UTF-8
  bytes, exactly, whatever the console's encoding: what a program reads back is what is stored.
  Going to a terminal, a person reads it, and the terminal would obey an escape sequence in a
  program's name: CSV and iCalendar are shown through sanitize.visible, and JSON has each such
  character written as its `\\uXXXX` escape (the same JSON, and the same values, read back).
- Text that came from a person's file goes through sanitize.visible on its way out (`say`).
- Rich lays text out to the terminal's width; to a file or a pipe, which has none, it does not
  wrap at all (a URL stays whole, a table cell uncut), unless COLUMNS asks for a width.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import json
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from ..sanitize import stand_in, visible

if TYPE_CHECKING:
    from rich.console import Console

ERRORS = "imgtui-stand-ins"
JSON_ESCAPES = "imgtui-json-escapes"
# The width Rich lays out to when the output is no terminal: wide enough that nothing wraps.
NO_WRAP_WIDTH = 100_000
# Errors of a write that has no file name of its own: the output (a full disk, /dev/full).
OUTPUT_ERRNOS = {getattr(errno, name, None) for name in ("ENOSPC", "EIO", "EFBIG", "EDQUOT")} - {None}


def _stand_ins(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(stand_in(char) for char in error.object[error.start : error.end]), error.end


def _json_escapes(error: UnicodeError) -> tuple[str, int]:
    """What the console's encoding lacks, as JSON's own escapes (a pair for beyond U+FFFF)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(_json_escape(char) for char in error.object[error.start : error.end]), error.end


def _json_visible(char: str) -> str:
    """`char`, or its JSON escape where the sanitiser would change it (ESC, CSI, a bidi override)."""
    return char if visible(char) == char else _json_escape(char)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


codecs.register_error(ERRORS, _stand_ins)
codecs.register_error(JSON_ESCAPES, _json_escapes)


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


def stdout_is_terminal() -> bool:
    """Whether a person reads stdout on a terminal (rather than a program, from a file or a pipe)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError, OSError):  # no stdout, or a closed one
        return False


def write_data(data: str | bytes, is_json: bool = False) -> None:
    """CSV, iCalendar or JSON (`is_json`) to stdout. To a file or a pipe: UTF-8 bytes, exactly,
    whatever the console's encoding. To a terminal: nothing in it that the terminal would act on
    (see the module's doc), in the console's encoding."""
    if stdout_is_terminal():
        text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
        _show_data(text, is_json)
        return
    raw = data.encode("utf-8") if isinstance(data, str) else data
    sys.stdout.flush()  # anything printed before goes first
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (tests capture stdout as text)
        sys.stdout.write(raw.decode("utf-8"))
    else:
        buffer.write(raw)
        buffer.flush()


def write_json(value: Any, ascii_only: bool = False) -> None:
    """`value` as indented JSON data (see write_data); `ascii_only` escapes every non-ASCII character."""
    write_data(json.dumps(value, indent=2, ensure_ascii=ascii_only) + "\n", is_json=True)


def _show_data(text: str, is_json: bool) -> None:
    """Data, for a person at a terminal. JSON keeps being JSON that reads back to the same
    values: a character the sanitiser would change (ESC, the 8-bit CSI, a bidi override, DEL)
    or that the console cannot encode is written as its escape. CSV and iCalendar lines end in
    CR LF, which a terminal shows as it shows LF; any other CR (which would let a name
    overwrite the line) is made visible with the rest."""
    lines = text.replace("\r\n", "\n").split("\n")  # line by line: most are plain, checked in C
    for number, line in enumerate(lines):
        shown_line = visible(line)
        if shown_line != line:
            lines[number] = "".join(_json_visible(char) for char in line) if is_json else shown_line
    shown = "\n".join(lines)
    if not is_json:  # text: the console's encoding, with stand-ins for what it lacks
        sys.stdout.write(shown)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(shown)
        return
    buffer.write(shown.encode(getattr(sys.stdout, "encoding", None) or "utf-8", errors=JSON_ESCAPES))
    buffer.flush()


def os_error_message(error: OSError) -> str:
    """One line naming the file and the reason: `FILE: No space left on device`."""
    reason = error.strerror or str(error)
    if error.filename is not None:
        return f"{error.filename}: {reason}"
    if error.errno in OUTPUT_ERRNOS:
        return f"cannot write to standard output: {reason}"  # the file or device stdout is
    return reason


def silence_stdout() -> None:
    """After the output failed (a closed pipe, a full disk): point stdout at the null device
    so the interpreter's last flush at exit cannot fail a second time, noisily."""
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

    # A file or a pipe has no width: Rich's 80 would break URLs and cut table cells there.
    width = None if stdout_is_terminal() or os.environ.get("COLUMNS") else NO_WRAP_WIDTH
    return PlainConsole(highlight=False, markup=False, width=width)
