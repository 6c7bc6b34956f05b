"""QA 2026-11-26, the command line's text output: a pipe has no width (#18)."""

from __future__ import annotations

import json
import re

import pytest

from imgtui.cli import main

from ..conftest import NOW

URL = re.compile(r"https?://\S+")


def run(capsys, *argv: str) -> str:
    code = main(list(argv), clock=lambda: NOW)
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture
def piped(monkeypatch):
    """stdout is a pipe (as under capsys), and nothing asks for a width."""
    monkeypatch.delenv("COLUMNS", raising=False)


def test_piped_facts_keep_every_url_whole(capsys, piped):
    facts = json.loads(run(capsys, "facts", "--json"))["facts"]
    urls = {url for f in facts for url in URL.findall(f["source"])}
    lines = run(capsys, "facts").splitlines()
    assert len(urls) > 50
    broken = [url for url in urls if not any(url in line for line in lines)]
    assert not broken  # at 80 columns Rich broke them mid-word


def test_piped_program_list_keeps_each_program_on_one_line(capsys, piped, tmp_path):
    source = tmp_path / "list.csv"
    source.write_text(
        "Program,Specialty,City,State,Notes\n"
        "University of Somewhere Long Named Internal Medicine Residency,Internal Medicine,Chicago,IL,\n"
    )
    run(capsys, "programs", "import", str(source))
    rows = [line for line in run(capsys, "programs", "list").splitlines() if "Somewhere" in line]
    assert len(rows) == 1  # one line: the name, the specialty and every flag uncut
    assert "University of Somewhere Long Named Internal Medicine Residency" in rows[0]
    assert "Internal Medicine" in rows[0].split("Residency", 1)[1] and "…" not in rows[0]


def test_columns_still_sets_a_width(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    assert max(len(line) for line in run(capsys, "facts").splitlines()) <= 60


def test_facts_say_one_day_not_one_days(capsys, piped):
    """QA #19: `imgtui facts` printed "1 days before match_day"."""
    text = run(capsys, "facts")
    assert "SOAP ends (final List of Unfilled Programs posted): 1 day before match_day" in text
    assert "16 days before match_day" in text and not re.search(r"\b1 days\b", text)
