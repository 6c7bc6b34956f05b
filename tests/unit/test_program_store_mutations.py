"""programs.json's store and book, through their public methods (load, update, dump, upsert,
remove): the rules that mutation testing showed no test was holding (issue #18).

Imports of the persistence layer stay in this one place, so they can be repointed when the
stores move."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from imgtui.domain.programs import ProgramBook, parse_program
from imgtui.persistence.locked_file import DataFileError
from imgtui.persistence.paths import PROGRAMS_FILE as FILE_NAME
from imgtui.persistence.paths import default_programs_path
from imgtui.persistence.program_store import ProgramStore

TODAY = date(2026, 11, 24)


def program(**values):
    return parse_program({"name": "Mercy IM", "specialty": "Internal Medicine", **values}, TODAY)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "imgtui" / FILE_NAME


def store_at(path: Path) -> ProgramStore:
    return ProgramStore(path, lambda: TODAY)


def write(path: Path, content) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content))


def load_error(path: Path) -> DataFileError:
    with pytest.raises(DataFileError) as error:
        store_at(path).load()
    assert error.value.path == path and error.value.file_unusable
    return error.value


def test_programs_json_sits_beside_progress_toml(isolated_config):
    assert default_programs_path() == isolated_config / "imgtui" / "programs.json"


@pytest.mark.parametrize("content, line, problem", [
    ('{\n "programs": []\n "x": 1}', 3, "not valid JSON: Expecting ',' delimiter"),
    ("[" * 100_000, None, "not valid JSON: maximum recursion depth exceeded while decoding a JSON array from a unicode string"),
    ("[]", None, 'expected an object with a "programs" list'),
    ({"programs": {"a": 1}}, None, 'expected an object with a "programs" list'),
    ({"schema": 2, "programs": []}, None, "schema 2 is not one this imgtui reads (1)"),
    ({"schema": True, "programs": []}, None, "schema True is not one this imgtui reads (1)"),
    ({"schema": "1", "programs": []}, None, "schema '1' is not one this imgtui reads (1)"),
    ({"programs": [{"name": "A", "specialty": "IM"}, 5]}, None, "programs[1]: expected an object, got 5"),
    ({"programs": [{"name": "A", "specialty": "IM", "extra": ["x"]}]}, None, "programs[0].extra: expected an object"),
    ({"programs": [{"name": "A", "specialty": "IM"}, {"specialty": "IM"}]}, None, "programs[1].name: is required"),
    ({"programs": [], "letters": {}}, None, "letters: expected a list"),
])
def test_a_bad_file_is_reported_with_where_and_what(path, content, line, problem):
    write(path, content)
    error = load_error(path)
    assert (error.line, error.problem) == (line, problem)


def test_a_file_without_schema_or_programs_is_an_empty_list(path):
    write(path, {"my_key": 1})
    book = store_at(path).load()
    assert book.programs == [] and book.document == {"my_key": 1}


def test_load_reads_programs_with_their_extra_columns_as_text(path):
    write(path, {"schema": 1, "sort": "name", "programs": [
        {"name": "A", "specialty": "IM", "checked": TODAY.isoformat(), "extra": {"FREIDA ID": 14, "Rank": "3"}},
        {"name": "B", "specialty": "IM", "extra": None}]})
    book = store_at(path).load()
    assert [p.name for p in book.programs] == ["A", "B"]
    assert book.programs[0].extra == {"FREIDA ID": "14", "Rank": "3"} and book.programs[0].checked == TODAY
    assert book.programs[1].extra == {}
    assert book.document == {"sort": "name"}


def test_dump_keeps_unknown_keys_writes_utf8_and_one_program_per_line(path):
    book = ProgramBook([program(name="Café Médical", checked="2026-10-01")], {"sort": "name"})
    text = store_at(path).dump(book).decode("utf-8")
    assert json.loads(text) == {"schema": 1, "sort": "name", "programs": [{
        "name": "Café Médical", "specialty": "Internal Medicine", "city": "", "state": "", "j1": "unknown",
        "h1b": "unknown", "img_pct": None, "min_step": None, "interviews": None, "status": "researching",
        "checked": "2026-10-01", "notes": ""}]}
    # One program per line, compact (issue #15: each line is encoded once per program value).
    assert "Café Médical" in text and text.startswith('{\n "schema": 1,\n "sort": "name",\n "programs": [\n  {"name": ')
    assert text.endswith('"notes": ""}\n ]\n}\n')


def test_an_empty_list_and_kept_keys_are_written_as_plain_utf8(path):
    text = store_at(path).dump(ProgramBook([], {"sort": "Café"})).decode("utf-8")
    assert text == '{\n "schema": 1,\n "sort": "Café",\n "programs": []\n}\n'


def test_a_save_validates_only_what_another_window_wrote_and_encodes_only_changed_programs(path, monkeypatch):
    from imgtui.persistence import program_store

    parsed: list[str] = []
    encoded: list[str] = []
    real_parse, real_record = program_store.parse_program, program_store.to_stored_record
    monkeypatch.setattr(program_store, "parse_program", lambda r, *a: parsed.append(r["name"]) or real_parse(r, *a))
    monkeypatch.setattr(program_store, "to_stored_record", lambda p: encoded.append(p.name) or real_record(p))
    other, mine = store_at(path), store_at(path)
    other.update(lambda b: [b.upsert(program(name=n)) for n in ("A", "B", "C")])
    assert encoded == ["A", "B", "C"]
    mine.load()  # written by another window: validated once
    assert parsed == ["A", "B", "C"]
    parsed.clear(), encoded.clear()
    mine.update(lambda b: b.upsert(program(name="B", img_pct="9")))  # the bytes it just read: not again
    assert parsed == [] and encoded == ["A", "B", "C"]  # its first save encodes every program
    encoded.clear()
    mine.update(lambda b: b.upsert(program(name="C", img_pct="7")))  # the bytes it just wrote: not again
    assert parsed == [] and encoded == ["C"]  # then only the program changed
    assert [(p.name, p.img_pct) for p in store_at(path).load().programs] == [("A", None), ("B", 9), ("C", 7)]


def test_update_returns_the_book_and_what_the_change_returned(path):
    book, added = store_at(path).update(lambda b: b.upsert(program()))
    assert added is True and [p.name for p in book.programs] == ["Mercy IM"]
    book, added = store_at(path).update(lambda b: b.upsert(program(img_pct="9")))
    assert added is False and book.programs[0].img_pct == 9


def test_a_saved_program_reads_back_the_same(path):
    original = program(j1="yes", h1b="no", img_pct="12.5", min_step="220", interviews="3", status="applied",
                       checked="2026-10-01", notes="likes IMGs", city="Chicago", state="IL")
    store_at(path).update(lambda b: b.upsert(original))
    assert store_at(path).load().programs == [original]


def test_remove_takes_out_one_program_and_later_positions_stay_right():
    book = ProgramBook()
    for name in ("A", "B", "C"):
        book.upsert(program(name=name))
    removed = book.remove(program(name="A").key)
    assert removed.name == "A" and [p.name for p in book.programs] == ["B", "C"]
    assert book.remove(program(name="A").key) is None and book.remove(("x", "y")) is None
    assert book.upsert(program(name="C", img_pct="7")) is False  # still found where it now is
    assert [(p.name, p.img_pct) for p in book.programs] == [("B", None), ("C", 7)]
    assert book.upsert(program(name="D")) is True and book.index(program(name="D").key) == 2


def test_a_check_date_after_the_stores_today_still_loads(tmp_path):
    """A stored date never locks the list (issue #11): it loads, and is only warned about."""
    path = tmp_path / FILE_NAME
    write(path, {"programs": [{"name": "A", "specialty": "IM", "checked": (TODAY + timedelta(days=3)).isoformat()}]})
    assert ProgramStore(path, lambda: TODAY).load().programs[0].checked == TODAY + timedelta(days=3)
