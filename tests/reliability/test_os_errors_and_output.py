"""#11 points 3, 4, 7, 10, 11 and 13, through the command line as a person runs it:
atomic files written for the person, what imports can be read back, only regular files
read, OS errors as one line, any console encoding, and nothing from a file driving the
terminal."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from imgtui.cli import main

from ..conftest import NOW

UNIX_DEVICES = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full and /dev/zero (Unix)")
EVIL = (
    "Program,Specialty,City,Weird\x1b]2;TITLE\x07\n"
    '"Evil\x1b]52;c;aGVsbG8=\x07 IM",Internal Medicine,"Chi\x1b[2Jcago","\x1b[31mred"\n'
    '"\u202eMI lacideM",Internal Medicine,"\x9b2J",\n'
)


def run(capsys, *argv):
    code = main(list(argv), clock=lambda: NOW)
    out, err = capsys.readouterr()
    return code, out, err


def imgtui(*argv: str, config: Path, stdin=None, stdout=subprocess.PIPE, timeout: float = 60, **env: str):
    """The installed console script, as a person runs it."""
    environment = {**os.environ, "XDG_CONFIG_HOME": str(config), "IMGTUI_NOW": "2026-11-24T10:00:00-05:00", **env}
    script = Path(sys.executable).parent / "imgtui"
    return subprocess.run([str(script), *argv], stdin=stdin, stdout=stdout, stderr=subprocess.PIPE,
                          env=environment, timeout=timeout)


def import_evil(tmp_path: Path, capsys) -> str:
    csv_path = tmp_path / "evil.csv"
    csv_path.write_text(EVIL, encoding="utf-8")
    code, out, err = run(capsys, "programs", "import", str(csv_path))
    assert code == 0, err
    return out + err


# -- point 13: control characters are neutralised at display ----------------------------

CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e")


def test_point13_programs_list_and_import_messages_show_controls_made_visible(tmp_path, capsys):
    said = import_evil(tmp_path, capsys)
    assert not any(c in said for c in CONTROLS) and "Weird␛]2;TITLE␇" in said  # the kept column, visible
    code, out, err = run(capsys, "programs", "list")
    assert code == 0 and not any(c in out + err for c in CONTROLS)
    assert "Evil␛]52" in out and "\\u202e" in out and "\\x9b" in out
    code, out, _ = run(capsys, "programs", "list", "--json")  # exact, as stored
    names = [p["name"] for p in json.loads(out)]
    assert names == ["Evil\x1b]52;c;aGVsbG8=\x07 IM", "\u202eMI lacideM"]


def test_point13_errors_quoting_file_text_show_controls_made_visible(tmp_path, capsys):
    csv_path = tmp_path / "bad.csv"
    csv_path.write_text("Name\x1b[2J,City\nx,y\n")
    code, out, err = run(capsys, "programs", "import", str(csv_path))
    assert code == 2 and "\x1b" not in err and err.count("\n") == 1
    assert "Name\\x1b[2J" in err or "Name␛[2J" in err  # the header as it is, made visible
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "imgtui"
    config.mkdir(parents=True, exist_ok=True)
    (config / "progress.toml").write_text('mode = "x\\u001b]2;owned\\u0007"\n')
    code, out, err = run(capsys, "status")
    assert code == 2 and "\x1b" not in err and err.count("\n") == 1


async def test_point13_the_app_shows_names_notes_and_messages_made_visible(tmp_path, capsys):
    from textual.widgets import Static

    from imgtui.widgets.program_list import ProgramList

    from ..tui.helpers import make_app, shown_notifications

    import_evil(tmp_path, capsys)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        listing = app.screen.query_one(ProgramList)
        lines = "".join(seg.text for y in range(listing.size.height) for seg in listing.render_line(y))
        assert "Evil␛]52" in lines and not any(c in lines for c in CONTROLS)
        detail = str(app.screen.query_one("#program-detail", Static).render())
        assert "Evil␛]52" in detail and not any(c in detail for c in CONTROLS)
        app.notify("from a file: \x1b]52;c;x\x07")
        await pilot.pause()
        assert any("␛]52" in text for text in shown_notifications(app))
        assert not any(c in text for text in shown_notifications(app) for c in CONTROLS)
        await pilot.press("enter")  # the edit form shows the values made visible ...
        await pilot.pause()
        assert app.screen.query_one("#pf-name").value == "Evil␛]52;c;aGVsbG8=␇ IM"
        await pilot.press("enter")  # ... and saving it untouched keeps what is stored, exactly
        await pilot.pause()
    code, out, _ = run(capsys, "programs", "list", "--json")
    assert json.loads(out)[0]["name"] == "Evil\x1b]52;c;aGVsbG8=\x07 IM"


# -- point 11 and #17.3: any locale or console encoding ----------------------------------

@pytest.mark.parametrize("encoding", ["cp1252", "cp437", "iso-8859-1", "ascii"])
def test_point11_text_output_in_any_console_encoding(tmp_path, encoding):
    config = tmp_path / "config"
    csv_path = tmp_path / "list.csv"
    csv_path.write_text("Program,Specialty,City,Notes\nHôpital Général ✓,Internal Medicine,São Paulo,≈ ok\n",
                        encoding="utf-8")
    env = {"PYTHONIOENCODING": encoding, "LANG": "C", "LC_ALL": "C"}
    assert imgtui("programs", "import", str(csv_path), config=config, **env).returncode == 0
    for argv in (["status"], ["stats"], ["programs", "list"], ["status", "--json"]):
        result = imgtui(*argv, config=config, **env)
        assert result.returncode == 0 and b"Traceback" not in result.stderr, (argv, result.stderr)
        result.stdout.decode(encoding)  # what was written is text in the console's own encoding
    status = imgtui("status", config=config, **env).stdout.decode(encoding)
    assert "≈ projected" in status or "= projected" in status  # the symbol, or its stand-in where it has none
    assert ("= projected" in status) == (encoding in ("iso-8859-1", "ascii", "cp1252"))  # cp437 has ≈
    exported = imgtui("programs", "export", "-", config=config, **env).stdout
    assert "Hôpital Général ✓".encode() in exported  # CSV is UTF-8 by definition, exact
    listed = json.loads(imgtui("programs", "list", "--json", config=config, **env).stdout.decode("utf-8"))
    assert listed[0]["name"] == "Hôpital Général ✓"
    (config / "imgtui" / "progress.toml").write_text('mode = "martian ✓"\n', encoding="utf-8")
    error = imgtui("status", config=config, **env)
    assert error.returncode == 2 and b"Traceback" not in error.stderr and error.stderr.count(b"\n") == 1


# -- point 10: operating-system errors are one line; a closed pipe is quiet ---------------

@UNIX_DEVICES
@pytest.mark.parametrize("argv", [["status"], ["status", "--json"], ["calendar"], ["programs", "export", "-"],
                                  ["stats"], ["programs", "list"]])
def test_point10_output_into_a_full_device_is_one_line(tmp_path, argv):
    with open("/dev/full", "wb") as full:
        result = imgtui(*argv, config=tmp_path, stdout=full)
    assert result.returncode != 0 and b"Traceback" not in result.stderr
    assert result.stderr.decode().splitlines() == ["imgtui: error: cannot write to standard output: No space left on device"]


@pytest.mark.parametrize("argv", [["status"], ["stats"], ["calendar"], ["facts"], ["facts", "--stale"]])  # QA #5: facts
def test_point10_a_closed_pipe_exits_0_quietly(tmp_path, argv):
    environment = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}
    script = Path(sys.executable).parent / "imgtui"
    process = subprocess.Popen([str(script), *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
    assert process.stdout is not None
    process.stdout.readline()  # `| head -1`
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0 and err == b""


def test_point10_a_full_disk_during_import_is_one_line_and_nothing_changes(tmp_path, capsys, monkeypatch):
    csv_path = tmp_path / "list.csv"
    csv_path.write_text("Program,Specialty\nMercy IM,Internal Medicine\n")
    assert run(capsys, "programs", "import", str(csv_path))[0] == 0
    stored = Path(os.environ["XDG_CONFIG_HOME"]) / "imgtui" / "programs.json"
    before = stored.read_bytes()
    csv_path.write_text("Program,Specialty\nLake IM,Internal Medicine\n")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, out, err = run(capsys, "programs", "import", str(csv_path))
    assert code == 2 and err.count("\n") == 1 and "programs.json" in err and "No space left on device" in err
    assert stored.read_bytes() == before and not list(stored.parent.glob("*.tmp"))


def test_point10_a_lock_file_that_cannot_be_created_is_one_line(tmp_path, capsys, monkeypatch):
    from imgtui.persistence import locking

    real_open = os.open

    def refuse_lock(path, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(locking.os, "open", refuse_lock)
    csv_path = tmp_path / "list.csv"
    csv_path.write_text("Program,Specialty\nMercy IM,Internal Medicine\n")
    code, out, err = run(capsys, "programs", "import", str(csv_path))
    assert code == 2 and err.count("\n") == 1 and ".programs.json.lock" in err and "Permission denied" in err


async def test_point10_back_up_and_start_fresh_in_a_read_only_folder(monkeypatch):
    from ..tui.helpers import make_app, shown_notifications

    app = make_app('mode = "martian"\n')

    def read_only(src, dst):
        raise OSError(errno.EROFS, "Read-only file system", str(src))

    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        monkeypatch.setattr(os, "rename", read_only)
        await pilot.click("#fresh")
        await pilot.pause()
        assert any("Not backed up" in t and "Read-only file system" in t for t in shown_notifications(app))
        assert app.files.progress.problem is not None  # still read-only, file untouched


# -- point 3: files written for the person are atomic --------------------------------------

@pytest.mark.parametrize("argv", [["programs", "export"], ["calendar", "-o"]])
def test_point3_a_full_disk_leaves_the_old_file_untouched_and_says_so(tmp_path, capsys, monkeypatch, argv):
    target = tmp_path / "out.file"
    target.write_bytes(b"the old file, complete\n" * 500)

    real_fdopen = os.fdopen

    class FullDisk:  # the disk fills after the first 4 kB, as seen
        def __init__(self, fd, *args, **kwargs):
            self.handle = real_fdopen(fd, *args, **kwargs)

        def write(self, data):
            self.handle.write(data[:4096])
            self.handle.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    monkeypatch.setattr(os, "fdopen", FullDisk)
    code, out, err = run(capsys, *argv, str(target))
    assert code == 2 and err.count("\n") == 1 and "No space left on device" in err and "unchanged" in err
    assert target.read_bytes() == b"the old file, complete\n" * 500
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["out.file"]  # no fragment left


@UNIX_DEVICES
def test_point3_a_device_as_the_target_is_written_not_replaced(capsys):
    code, out, err = run(capsys, "calendar", "-o", "/dev/full")
    assert code == 2 and "No space left on device" in err
    assert not Path("/dev/full").is_file()  # still the device: never replaced by a regular file


# -- point 7: only regular files, bounded reads, no hang ---------------------------------------

@UNIX_DEVICES
@pytest.mark.parametrize("where, argv", [
    ("progress.toml", ["status"]),
    ("programs.json", ["programs", "list"]),
    ("import", ["programs", "import"]),
])
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_point7_fifos_and_devices_are_refused_by_name_without_hanging(tmp_path, where, argv, kind):
    config = tmp_path / "config"
    (config / "imgtui").mkdir(parents=True)
    path = tmp_path / "list.csv" if where == "import" else config / "imgtui" / where
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    if where == "import":
        argv = [*argv, str(path)]
    result = imgtui(*argv, config=config, timeout=30)  # a hang fails here instead of freezing the suite
    message = result.stderr.decode()
    assert result.returncode == 2 and message.count("\n") == 1 and path.name in message
    assert ("named pipe" if kind == "fifo" else "character device") in message


# -- point 4: what imports can always be read back -----------------------------------------------

def test_point4_an_import_too_big_to_read_back_is_refused_before_writing(tmp_path, capsys, monkeypatch):
    """180,000 rows made a 51.7 MB programs.json that the 50 MB limit then refused. The same
    shape, scaled down: a store limit of 500 kB and rows that would need more."""
    from imgtui.persistence.program_store import ProgramStore

    monkeypatch.setattr(ProgramStore, "max_bytes", 500_000)
    small, big = tmp_path / "small.csv", tmp_path / "big.csv"
    small.write_text("Program,Specialty,Notes\nMercy IM,Internal Medicine,mine\n")
    big.write_text("Program,Specialty,Notes\n" + "".join(f"P{i},Internal Medicine,{'x' * 40}\n" for i in range(4000)))
    assert run(capsys, "programs", "import", str(small))[0] == 0
    code, out, err = run(capsys, "programs", "import", str(big))
    assert code == 2 and "more than the 500,000" in err and "nothing saved" in err and err.count("\n") == 1
    code, out, _ = run(capsys, "programs", "list", "--json")
    assert code == 0 and [p["notes"] for p in json.loads(out)] == ["mine"]  # still readable, unchanged
    assert run(capsys, "programs", "export", "-")[0] == 0
