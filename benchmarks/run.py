#!/usr/bin/env python3
"""Measure imgtui as a user over SSH feels it: the installed program, whole, in a real pty.

    .venv/bin/python benchmarks/run.py [--runs 5] [--json results.json] [--quick]

Reports medians of: first paint at 120x40 (and a minimal Textual app's, same run, as a
ratio), key-to-repaint latency (tick a step, switch mode, move in the stats table), idle
output in bytes/s with the countdown running, peak RSS, `imgtui status` wall time, and for
the program list: importing 5,000 programs, first paint with 5,000 vs none, a filter
keystroke to repaint with 5,000 (words, and a Census-division word), and the costs view's
first paint with 5,000 (c on the main screen → the itemised total on screen); for the
interview season (5,000 programs with interviews, 300 ranked): the same-day conflict check
over all of them, opening the rank list, and a rank-list move (key to repaint, the save
included).
Absolute times on shared machines are noise; the ratio is the figure to compare.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from datetime import date
from pathlib import Path

import pyte

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
SIZE = (120, 40)
READY = ("Get a USMLE/ECFMG ID", "blocked", "Match Day", "(exchange", "Specialty")  # all five panes have content


def ready(text: str) -> bool:
    return all(word in text for word in READY)


def ready_at(size: tuple[int, int]):
    """At 80x24 one pane shows at a time: the checklist, the status line and the key bar."""
    if size[0] >= 110 and size[1] >= 34:
        return ready
    return lambda text: "Get a USMLE/ECFMG ID" in text and "Checklist" in text and "Help" in text


COUNTDOWN = re.compile(r"\d+d \d\d:\d\d:\d\d")
TARGETS = {
    "first_paint_ratio": 1.3,
    "key_latency_ms": 25,
    "idle_bytes_per_s": 300,
    "peak_rss_mb": 80,
    "status_s": 0.3,
    "import_5000_s": 2.0,
    "start_5000_vs_empty": 1.25,
    "filter_key_ms": 50,
    "filter_division_key_ms": 50,
    "costs_5000_vs_empty": 1.25,
    "startup_frames": 2.0,
    "conflict_check_ms": 20,
    "rank_move_ms": 100,
}


class Pty:
    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = SIZE):
        self.screen = pyte.Screen(*size)
        self.stream = pyte.ByteStream(self.screen)
        self.bytes = 0
        self.first_frame_bytes = 0  # bytes up to and including the first complete screen
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            # The size is set before the program starts, as a terminal or sshd does; set
            # afterwards it arrives as a resize (SIGWINCH) a real start never sees.
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
            os.execve(argv[0], argv, env)

    def read_for(self, seconds: float) -> int:
        got = 0
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            if select.select([self.fd], [], [], left)[0]:
                try:
                    data = os.read(self.fd, 1 << 16)
                except OSError:
                    break
                got += len(data)
                self.feed(data)
        return got

    def feed(self, data: bytes) -> None:
        self.bytes += len(data)
        self.stream.feed(data)

    def read_burst(self, first_wait: float = 5.0, quiet: float = 0.05) -> list[tuple[float, bytes]]:
        """Everything written until the program pauses for `quiet` seconds, each piece with
        its arrival time, not yet fed to the emulator."""
        chunks: list[tuple[float, bytes]] = []
        wait = first_wait
        while select.select([self.fd], [], [], wait)[0]:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:
                break
            if not data:
                break
            chunks.append((time.perf_counter(), data))
            wait = quiet
        return chunks

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def row(self, y: int) -> tuple:
        """One line's characters and colours/attributes (a moved cursor highlight changes only
        colours), with live countdown values masked so a tick is not taken for a key press."""
        line = self.screen.buffer[y]
        chars = [line[x] for x in range(self.screen.columns)]
        text = COUNTDOWN.sub(lambda m: "#" * len(m.group()), "".join(c.data for c in chars))
        return text, tuple((c.fg, c.bg, c.reverse, c.bold) for c in chars)

    def picture(self) -> list[tuple]:
        return [self.row(y) for y in range(self.screen.lines)]

    def wait(self, condition, timeout: float = 30.0) -> float:
        start = time.perf_counter()
        while not condition(self.text()):
            if time.perf_counter() - start > timeout:
                raise TimeoutError(self.text())
            self.read_for(0.002)
        return time.perf_counter()

    def quit(self) -> float:
        os.write(self.fd, b"q")
        end = time.perf_counter() + 10
        while time.perf_counter() < end:
            self.read_for(0.02)
            pid, _status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return usage.ru_maxrss / 1024  # KiB -> MiB on Linux
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        raise RuntimeError("did not quit")


def environment(config: str, cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SSH_CONNECTION", "COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", XDG_CONFIG_HOME=config, HOME=config, XDG_CACHE_HOME=cache)
    return env


def first_paint(argv: list[str], ready, env, size: tuple[int, int] = SIZE) -> tuple[float, Pty]:
    """Seconds from exec until the bytes that complete the first useful screen have arrived.

    The bytes are read as they come and timestamped, and only then fed to the emulator:
    pyte parses ~1 MB/s, so feeding while reading would hold the program's writes back
    (the pty buffer is ~4 kB) and charge the emulator's speed to the program, more so the
    larger its first frame. A real terminal parses orders of magnitude faster."""
    terminal = Pty(argv, env, size)
    deadline = terminal.started + 30
    painted = None
    while painted is None:
        if time.perf_counter() > deadline:
            raise TimeoutError(terminal.text())
        for arrived, data in terminal.read_burst():
            terminal.feed(data)
            if painted is None and ready(terminal.text()):
                painted = arrived
                terminal.first_frame_bytes = terminal.bytes
    return painted - terminal.started, terminal


def startup_bytes(argv: list[str], ready, env, size: tuple[int, int]) -> tuple[int, int]:
    """(bytes of the first complete screen, bytes from launch until the screen is idle): what
    a start costs a slow SSH link. Idle = one second after the first frame (a countdown tick
    of ~160 bytes falls in it)."""
    _seconds, terminal = first_paint(argv, ready, env, size)
    terminal.read_for(1.0)
    terminal.quit()
    return terminal.first_frame_bytes, terminal.bytes


def key_latency(terminal: Pty, key: bytes) -> float:
    terminal.read_for(0.15)  # settle
    before = terminal.picture()
    terminal.screen.dirty.clear()
    sent = time.perf_counter()
    os.write(terminal.fd, key)
    deadline = sent + 5
    while True:
        # Only the lines pyte marks as written to are compared: cheap, so the loop's own
        # cost does not inflate the figure.
        changed = [y for y in terminal.screen.dirty if y < len(before) and terminal.row(y) != before[y]]
        terminal.screen.dirty.clear()
        if changed:
            return time.perf_counter() - sent
        if time.perf_counter() > deadline:
            raise TimeoutError(f"no repaint after {key!r}")
        terminal.read_for(0.0005)


def costs_view(terminal: Pty) -> float:
    """Seconds from c on the main screen until the costs view shows its itemised total: the
    view's own work (costs, signals, layout) for the list as it is. The main screen reads the
    list half a second after start (screens.main.PROGRAMS_AFTER), so c is pressed after that,
    as a person would; the first read itself is `first paint with 5,000 programs`."""
    terminal.read_for(1.0)  # settle, and the list read in the background
    sent = time.perf_counter()
    os.write(terminal.fd, b"c")
    return terminal.wait(lambda text: "Costs of the season" in text and "Total $" in text, timeout=10) - sent


def programs_measures(runs: int, env_for) -> dict[str, list[float]]:
    """Import 5,000 programs; start with them vs an empty list; filter keystroke -> repaint."""
    imgtui = str(BIN / "imgtui")
    out: dict[str, list[float]] = {
        "import_5000_s": [],
        "first_paint_5000_s": [],
        "first_paint_empty_s": [],
        "filter_key_ms": [],
        "filter_division_key_ms": [],
        "costs_view_ms": [],
        "costs_view_empty_ms": [],
        "programs_view_ms": [],
    }
    csv_text = subprocess.run(
        [sys.executable, str(HERE / "make_programs.py"), "5000"], capture_output=True, text=True, check=True
    ).stdout
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as full:
            csv_path = Path(full) / "programs.csv"
            csv_path.write_text(csv_text)
            start = time.perf_counter()
            subprocess.run(
                [imgtui, "programs", "import", str(csv_path)],
                env=env_for(full),
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            out["import_5000_s"].append(time.perf_counter() - start)
            for config, key in ((empty, "first_paint_empty_s"), (full, "first_paint_5000_s")):
                seconds, term = first_paint([imgtui], ready, env_for(config))
                out[key].append(seconds)
                out["costs_view_ms" if config == full else "costs_view_empty_ms"].append(costs_view(term) * 1000)
                if config == full:
                    term.read_for(0.2)
                    os.write(term.fd, b"\x1b")  # back to the main screen (alone: not an alt+ key)
                    term.wait(lambda text: "Get a USMLE/ECFMG ID" in text and "Costs of the season" not in text)
                    term.read_for(0.3)
                    sent = time.perf_counter()
                    os.write(term.fd, b"p")  # the list is read already (by the costs view)
                    out["programs_view_ms"].append((term.wait(lambda text: "of 5,000 shown" in text) - sent) * 1000)
                    os.write(term.fd, b"/")
                    term.read_for(0.3)
                    for char in b"internal j1 >=5":
                        out["filter_key_ms"].append(key_latency(term, bytes([char])) * 1000)
                    for _ in b"internal j1 >=5":
                        os.write(term.fd, b"\x7f")  # backspace: an empty filter again
                    term.read_for(0.3)
                    for char in b"division:middle-atlantic":
                        out["filter_division_key_ms"].append(key_latency(term, bytes([char])) * 1000)
                    os.write(term.fd, b"\r")  # leave the filter box, so q quits
                    term.read_for(0.2)
                term.quit()
    return out


def season_measures(runs: int, env_for) -> dict[str, list[float]]:
    """5,000 programs with interviews and a 300-entry rank list: the conflict check (in this
    process, on the installed package's own code), opening the rank list and moving a rank."""
    from zoneinfo import ZoneInfo

    from imgtui.domain.interviews import conflicts
    from imgtui.persistence.program_store import ProgramStore

    imgtui = str(BIN / "imgtui")
    out: dict[str, list[float]] = {"conflict_check_ms": [], "rank_list_open_ms": [], "rank_move_ms": []}
    csv_text = subprocess.run(
        [sys.executable, str(HERE / "make_programs.py"), "5000", "--interviews"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as config:
            csv_path = Path(config) / "season.csv"
            csv_path.write_text(csv_text)
            env = env_for(config)
            subprocess.run(
                [imgtui, "programs", "import", str(csv_path)], env=env, check=True, stdout=subprocess.DEVNULL
            )
            book = ProgramStore(Path(config) / "imgtui" / "programs.json", date.today).load()
            zone = ZoneInfo("America/New_York")
            for _ in range(5):
                start = time.perf_counter()
                clashes = conflicts(book.programs, zone)
                out["conflict_check_ms"].append((time.perf_counter() - start) * 1000)
            assert clashes, "the season CSV should have same-day interviews"
            _seconds, term = first_paint([imgtui], ready, env)
            term.read_for(0.5)  # the main view reads programs.json after its first frame
            sent = time.perf_counter()
            os.write(term.fd, b"k")
            term.wait(lambda text: "Rank list: 300 ranked" in text)
            out["rank_list_open_ms"].append((time.perf_counter() - sent) * 1000)
            for key in (b"J", b"K") * 3:  # the first program down one place and back
                out["rank_move_ms"].append(key_latency(term, key) * 1000)
            os.write(term.fd, b"\x1b")  # back to the main view, where q quits
            term.read_for(0.2)
            term.quit()
    return out


def measure(runs: int, idle_seconds: float) -> dict:
    imgtui = str(BIN / "imgtui")
    if not Path(imgtui).exists():
        sys.exit(f"{imgtui} not found: install imgtui into this environment first (pip install .)")
    results: dict[str, list[float]] = {
        k: []
        for k in (
            "minimal_first_paint_s",
            "first_paint_s",
            "first_paint_cold_s",
            "key_tick_ms",
            "key_mode_ms",
            "key_stats_ms",
            "idle_bytes_per_s",
            "peak_rss_mb",
            "minimal_rss_mb",
            "status_s",
            "startup_bytes_120x40",
            "frame_bytes_120x40",
            "startup_bytes_80x24",
            "frame_bytes_80x24",
            "minimal_startup_bytes_120x40",
            "minimal_frame_bytes_120x40",
        )
    }
    # Every start but the very first after installing finds the validated catalog cached
    # (see imgtui.catalog); the shared cache folder is that steady state, warmed here. The
    # first start is measured apart, with an empty cache folder each run.
    cache = tempfile.mkdtemp(prefix="imgtui-bench-cache-")
    with tempfile.TemporaryDirectory() as config:
        subprocess.run([imgtui, "status"], env=environment(config, cache), stdout=subprocess.DEVNULL, check=True)
    for run in range(runs):
        with tempfile.TemporaryDirectory() as config, tempfile.TemporaryDirectory() as empty_cache:
            seconds, term = first_paint([imgtui], ready, environment(config, empty_cache))
            results["first_paint_cold_s"].append(seconds)
            term.quit()
        with tempfile.TemporaryDirectory() as config:
            env = environment(config, cache)
            # Alternate the order so neither program always runs on a warmer cache.
            order = ("minimal", "imgtui") if run % 2 == 0 else ("imgtui", "minimal")
            for which in order:
                if which == "minimal":
                    seconds, term = first_paint(
                        [sys.executable, str(HERE / "minimal_app.py")],
                        lambda text: "Minimal Textual app ready" in text,
                        env,
                    )
                    results["minimal_first_paint_s"].append(seconds)
                    term.read_for(0.2)
                    results["minimal_rss_mb"].append(term.quit())
                    continue
                seconds, term = first_paint([imgtui], ready, env)
                results["first_paint_s"].append(seconds)
                for _ in range(3):
                    results["key_tick_ms"].append(key_latency(term, b" ") * 1000)
                    results["key_mode_ms"].append(key_latency(term, b"m") * 1000)
                os.write(term.fd, b"5")
                term.read_for(0.3)
                for _ in range(3):
                    results["key_stats_ms"].append(key_latency(term, b"\x1b[B") * 1000)  # down
                if run == 0:
                    term.read_for(1.5)
                    results["idle_bytes_per_s"].append(term.read_for(idle_seconds) / idle_seconds)
                results["peak_rss_mb"].append(term.quit())
            start = time.perf_counter()
            subprocess.run([imgtui, "status"], env=env, stdout=subprocess.DEVNULL, check=True)
            results["status_s"].append(time.perf_counter() - start)
            for size in ((120, 40), (80, 24)):
                with tempfile.TemporaryDirectory() as fresh:  # the default view, as at a first start
                    frame, total = startup_bytes([imgtui], ready_at(size), environment(fresh, cache), size)
                results[f"frame_bytes_{size[0]}x{size[1]}"].append(frame)
                results[f"startup_bytes_{size[0]}x{size[1]}"].append(total)
            frame, total = startup_bytes(
                [sys.executable, str(HERE / "minimal_app.py")],
                lambda text: "Minimal Textual app ready" in text,
                env,
                (120, 40),
            )
            results["minimal_frame_bytes_120x40"].append(frame)
            results["minimal_startup_bytes_120x40"].append(total)
    results.update(programs_measures(runs, lambda config: environment(config, cache)))
    results.update(season_measures(runs, lambda config: environment(config, cache)))
    shutil.rmtree(cache, ignore_errors=True)
    return results


def summarise(results: dict) -> dict:
    median = {k: statistics.median(v) for k, v in results.items() if v}
    median["first_paint_ratio"] = median["first_paint_s"] / median["minimal_first_paint_s"]
    median["first_paint_cold_ratio"] = median["first_paint_cold_s"] / median["minimal_first_paint_s"]
    median["key_latency_ms"] = statistics.median(
        results["key_tick_ms"] + results["key_mode_ms"] + results["key_stats_ms"]
    )
    median["start_5000_vs_empty"] = median["first_paint_5000_s"] / median["first_paint_empty_s"]
    median["costs_5000_vs_empty"] = median["costs_view_ms"] / median["costs_view_empty_ms"]
    for size in ("120x40", "80x24"):
        median[f"startup_frames_{size}"] = median[f"startup_bytes_{size}"] / median[f"frame_bytes_{size}"]
    median["minimal_startup_frames_120x40"] = (
        median["minimal_startup_bytes_120x40"] / median["minimal_frame_bytes_120x40"]
    )
    return median


def table(m: dict) -> str:
    rows = [
        ("first paint, imgtui (s)", f"{m['first_paint_s']:.3f}", ""),
        ("first paint, minimal Textual app (s)", f"{m['minimal_first_paint_s']:.3f}", ""),
        ("first paint ratio", f"{m['first_paint_ratio']:.2f}", f"≤ {TARGETS['first_paint_ratio']}"),
        ("first start after install: ratio", f"{m['first_paint_cold_ratio']:.2f}", "(no catalog cache yet)"),
        ("key → repaint: tick a step (ms)", f"{m['key_tick_ms']:.1f}", ""),
        ("key → repaint: switch mode (ms)", f"{m['key_mode_ms']:.1f}", ""),
        ("key → repaint: move in stats (ms)", f"{m['key_stats_ms']:.1f}", ""),
        ("key → repaint, all keys (ms)", f"{m['key_latency_ms']:.1f}", f"≤ {TARGETS['key_latency_ms']}"),
        ("idle output with countdown (bytes/s)", f"{m['idle_bytes_per_s']:.0f}", f"≤ {TARGETS['idle_bytes_per_s']}"),
        ("peak RSS, imgtui (MB)", f"{m['peak_rss_mb']:.1f}", f"≤ {TARGETS['peak_rss_mb']}"),
        ("peak RSS, minimal app (MB)", f"{m['minimal_rss_mb']:.1f}", ""),
        ("`imgtui status` wall time (s)", f"{m['status_s']:.3f}", f"≤ {TARGETS['status_s']}"),
        ("import 5,000 programs (s)", f"{m['import_5000_s']:.2f}", f"≤ {TARGETS['import_5000_s']}"),
        (
            "first paint with 5,000 programs / empty",
            f"{m['start_5000_vs_empty']:.2f}",
            f"≤ {TARGETS['start_5000_vs_empty']}",
        ),
        ("filter keystroke → repaint, 5,000 (ms)", f"{m['filter_key_ms']:.1f}", f"≤ {TARGETS['filter_key_ms']}"),
        (
            "interview conflict check, 5,000 (ms)",
            f"{m['conflict_check_ms']:.1f}",
            f"≤ {TARGETS['conflict_check_ms']}",
        ),
        ("open the rank list, 5,000 / 300 ranked (ms)", f"{m['rank_list_open_ms']:.0f}", ""),
        ("rank-list move → repaint, saved (ms)", f"{m['rank_move_ms']:.1f}", f"≤ {TARGETS['rank_move_ms']}"),
        (
            "division filter keystroke, 5,000 (ms)",
            f"{m['filter_division_key_ms']:.1f}",
            f"≤ {TARGETS['filter_division_key_ms']}",
        ),
        ("costs view: c → total shown, no programs (ms)", f"{m['costs_view_empty_ms']:.1f}", ""),
        ("costs view: c → total shown, 5,000 (ms)", f"{m['costs_view_ms']:.1f}", "(the list read in the background)"),
        (
            "costs view with 5,000 programs / none",
            f"{m['costs_5000_vs_empty']:.2f}",
            f"≤ {TARGETS['costs_5000_vs_empty']}",
        ),
        ("program list: p → shown, 5,000, list read (ms)", f"{m['programs_view_ms']:.1f}", ""),
        *(
            (
                f"start-up bytes until idle, {size} (frames)",
                f"{m[f'startup_bytes_{size}']:.0f} ({m[f'startup_frames_{size}']:.2f})",
                f"≤ {TARGETS['startup_frames']} frames of {m[f'frame_bytes_{size}']:.0f}",
            )
            for size in ("120x40", "80x24")
        ),
        (
            "minimal app: start-up bytes, 120x40 (frames)",
            f"{m['minimal_startup_bytes_120x40']:.0f} ({m['minimal_startup_frames_120x40']:.2f})",
            f"frame {m['minimal_frame_bytes_120x40']:.0f}",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'measure (median)':<{width}}  {'value':>9}  target", "-" * (width + 20)]
    lines += [f"{name:<{width}}  {value:>9}  {target}" for name, value, target in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    parser.add_argument("--quick", action="store_true", help="one run, 2 s idle: a smoke test, not a measurement")
    parser.add_argument("--json", metavar="PATH", help="also write the medians and raw samples as JSON")
    args = parser.parse_args()
    runs, idle = (1, 2.0) if args.quick else (args.runs, args.idle_seconds)
    raw = measure(runs, idle)
    medians = summarise(raw)
    print(
        f"imgtui benchmark: {runs} run(s), {SIZE[0]}x{SIZE[1]}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    print(table(medians))
    if args.json:
        Path(args.json).write_text(json.dumps({"medians": medians, "samples": raw, "targets": TARGETS}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
