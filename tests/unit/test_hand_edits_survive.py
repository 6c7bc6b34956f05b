"""#11 point 6 (comments survive, a string score stays as written) and point 17 (a
progress.toml starting with a UTF-8 BOM loads)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from imgtui.domain.patch import MISSING, Edit
from imgtui.persistence.controller import Document
from imgtui.persistence.progress_store import ProgressStore, tomllib

RULES = ("current", "guide-2019")
HAND_WRITTEN = """\
# My IMG journey, edited by hand
match_year = 2027   # the Match I aim for

[completed]          # the dates I finished things
usmle_id = 2026-03-02  # the ID came in March
# step1 is next

[scores]
step1 = "Pass"   # pass/fail era
step2ck = "246"  # as on the transcript
"""


def document_at(path: Path) -> Document:
    document = Document(ProgressStore(path, RULES, lambda: date(2026, 11, 25)))
    document.load()
    return document


def test_comments_and_layout_survive_ticks_settings_and_scores(progress_path: Path):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text(HAND_WRITTEN, encoding="utf-8")
    document = document_at(progress_path)
    document.change("tick", lambda p: [Edit(("completed", "step1"), None, date(2026, 6, 20))])
    text = progress_path.read_text(encoding="utf-8")
    for line in HAND_WRITTEN.splitlines():
        assert line in text  # every comment, blank line and value as written
    assert "step1 = 2026-06-20" in text
    document.change("mode", lambda p: [Edit(("mode",), None, "us-img")])
    document.change("year", lambda p: [Edit(("match_year",), None, 2028)])
    document.change("untick", lambda p: [Edit(("completed", "usmle_id"), None, MISSING)])
    text = progress_path.read_text(encoding="utf-8")
    assert "# My IMG journey, edited by hand" in text and "# the dates I finished things" in text
    assert "match_year = 2028   # the Match I aim for" in text and 'mode = "us-img"' in text
    assert "usmle_id" not in text and 'step1 = "Pass"   # pass/fail era' in text
    document.undo()
    document.undo()
    assert "usmle_id = 2026-03-02" in progress_path.read_text(encoding="utf-8")
    assert "match_year = 2027   # the Match I aim for" in progress_path.read_text(encoding="utf-8")


def test_a_string_score_stays_as_written_until_it_is_changed(progress_path: Path):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text('[scores]\nstep1 = "Pass"\nstep2ck = "246"\n', encoding="utf-8")
    document = document_at(progress_path)
    assert document.value.scores == {"step1": "pass", "step2ck": 246}  # understood as values
    document.change("tick", lambda p: [Edit(("completed", "usmle_id"), None, date(2026, 3, 2))])
    saved = tomllib.loads(progress_path.read_text(encoding="utf-8"))
    assert saved["scores"] == {"step1": "Pass", "step2ck": "246"}  # kept as written
    document.change("scores", lambda p: [Edit(("scores", "step2ck"), None, 250)])
    assert tomllib.loads(progress_path.read_text(encoding="utf-8"))["scores"] == {"step1": "Pass", "step2ck": 250}


def test_a_file_imgtui_wrote_itself_is_saved_without_loading_tomlkit(tmp_path: Path):
    """Start-up and key presses do not pay for the layout-keeping writer."""
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from pathlib import Path\n"
        "from imgtui.persistence.progress_store import ProgressStore\n"
        f"store = ProgressStore(Path({str(tmp_path / 'p.toml')!r}), ('current',), lambda: date(2026, 11, 25))\n"
        "store.update(lambda p: p.completed.__setitem__('usmle_id', date(2026, 1, 1)))\n"
        "store.update(lambda p: p.completed.__setitem__('step1', date(2026, 2, 1)))\n"
        "print('tomlkit' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_point17_a_progress_file_with_a_utf8_bom_loads_and_saves(progress_path: Path):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_bytes("\ufeff# saved by Notepad\nmode = \"us-img\"\n[completed]\nusmle_id = 2026-03-02\n"
                              .encode("utf-8"))
    document = document_at(progress_path)
    assert document.problem is None and document.value.mode == "us-img"
    document.change("tick", lambda p: [Edit(("completed", "step1"), None, date(2026, 6, 20))])
    text = progress_path.read_text(encoding="utf-8-sig")
    assert "# saved by Notepad" in text and "step1 = 2026-06-20" in text


def test_values_keep_the_way_they_were_written_and_left_out_defaults_stay_left_out(progress_path: Path):
    progress_path.parent.mkdir(parents=True)
    hand_written = "match_year = 2_027\ntheme = 'light'   # a literal string\n\n[completed]\nusmle_id = 2026-03-02\n"
    progress_path.write_text(hand_written, encoding="utf-8")
    document = document_at(progress_path)
    document.change("tick", lambda p: [Edit(("completed", "step1"), None, date(2026, 6, 20))])
    # schema, mode and rules were left out (they mean their defaults): not added by a save.
    assert progress_path.read_text(encoding="utf-8") == hand_written + "step1 = 2026-06-20\n"


def test_an_error_names_the_line_of_a_key_in_a_nested_table():
    from imgtui.persistence.progress_store import line_of

    text = "[plugins]\nx = 1\n[plugins.timer]\n'x' = 2\n"
    assert (line_of(text, "plugins.timer.x"), line_of(text, "plugins.x"), line_of(text, "x")) == (4, 2, None)
