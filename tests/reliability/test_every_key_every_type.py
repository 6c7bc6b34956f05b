"""#11 point 9: every key of progress.toml given a value of every TOML type is one clear
message naming the key (or, where the type is acceptable, a working start): never a crash,
in the command line or in the app."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imgtui.cli import main
from imgtui.clock import frozen_clock
from imgtui.session import open_session

from ..conftest import NOW

# Every key imgtui reads, at the top level and inside its tables.
KEYS = ["schema", "mode", "rules", "match_year", "theme", "completed", "scores",
        "completed.usmle_id", "completed.step1", "scores.step1", "scores.step2ck", "scores.step3"]
TOML_TYPES = {
    "string": st.text(max_size=8),
    "integer": st.integers(-(2**63), 2**63 - 1),
    "float": st.floats(allow_nan=True, allow_infinity=True),
    "boolean": st.booleans(),
    "offset date-time": st.datetimes(timezones=st.just(timezone.utc)).map(lambda d: d.replace(microsecond=0)),
    "local date-time": st.datetimes().map(lambda d: d.replace(microsecond=0)),
    "local date": st.dates(),
    "local time": st.times().map(lambda t: t.replace(microsecond=0)),
    "array": st.lists(st.one_of(st.integers(), st.text(max_size=4)), max_size=3),
    "table": st.dictionaries(st.text(min_size=1, max_size=4), st.integers(), max_size=2),
}


def document_with(key: str, value) -> dict:
    if "." in key:
        table, name = key.split(".")
        return {table: {name: value}}
    return {key: value}


def toml_text(document: dict) -> str:
    return tomli_w.dumps(document)


@pytest.mark.parametrize("kind", sorted(TOML_TYPES))
@pytest.mark.parametrize("key", KEYS)
def test_every_key_with_every_toml_type(key, kind, tmp_path_factory):
    @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(value=TOML_TYPES[kind])
    def check(value):
        folder = tmp_path_factory.mktemp("cfg")
        path = folder / "progress.toml"
        text = toml_text(document_with(key, value))
        path.write_text(text, encoding="utf-8")
        session = open_session(clock=frozen_clock(NOW), folder=folder)
        document = session.files.progress
        document.load()
        if document.problem is not None:  # refused: a clear message naming the key
            message = str(document.problem)
            assert key.split(".")[0] in message and "progress.toml" in message and "\n" not in message
            assert path.read_text(encoding="utf-8") == text
            return
        # Accepted: everything that reads the settings works with it.
        from imgtui.domain.summary import situation, situation_json

        progress = session.progress()
        situation_json(situation(session.catalog, progress, NOW), NOW)
        from textual.app import App

        from imgtui.app import theme_of

        assert theme_of(document.value, App().available_themes) in App().available_themes

    check()


@pytest.mark.parametrize("text, words", [
    ('theme = ["light"]\n', 'theme: expected a theme name such as "dark" or "light"'),
    ('[theme]\nname = "light"\n', 'theme: expected a theme name such as "dark" or "light"'),
    ("mode = 1\n", "mode: expected"),
    ("[completed]\nstep1 = 12:00:00\n", "completed.step1: expected a date"),
    ('scores = "high"\n', "scores: expected a table"),
])
def test_the_cli_says_it_in_one_line(progress_path: Path, capsys, text, words):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text(text)
    code = main(["status"], clock=lambda: NOW)
    out, err = capsys.readouterr()
    assert code == 2 and words in err and err.count("\n") == 1 and "Traceback" not in err


async def test_the_app_starts_read_only_with_a_list_as_theme(progress_path: Path):
    from ..tui.helpers import make_app

    app = make_app('theme = ["light"]\n')
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.files.progress.problem is not None and "theme" in str(app.files.progress.problem)
