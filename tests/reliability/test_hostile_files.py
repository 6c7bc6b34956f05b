"""Whatever is in progress.toml, the loader either returns progress or raises its own
documented error, and a file it refuses is never overwritten."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imgtui.persistence.locked_file import DataFileError
from imgtui.persistence.progress_store import ProgressStore

RULES = ("current", "guide-2019")


def store_at(path: Path) -> ProgressStore:
    return ProgressStore(path, RULES, lambda: date(2026, 11, 24))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes(tmp_path: Path, data: bytes):
    path = tmp_path / "progress.toml"
    path.write_bytes(data)
    try:
        store_at(path).load()
    except DataFileError as error:
        assert "progress.toml" in str(error)
    assert path.read_bytes() == data


toml_keys = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
toml_scalars = st.one_of(
    st.booleans(), st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=False), st.text(max_size=20),
    st.dates(), st.times().map(lambda t: t.replace(microsecond=0)),
    st.datetimes().map(lambda d: d.replace(microsecond=0)),
)
toml_values = st.recursive(toml_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                                 st.dictionaries(toml_keys, inner, max_size=4)),
                           max_leaves=12)
known = {
    "schema": st.one_of(st.integers(-3, 3), toml_values),
    "mode": st.one_of(st.sampled_from(["us-img", "non-us-img", "martian"]), toml_values),
    "rules": st.one_of(st.sampled_from(["current", "guide-2019", "2031"]), toml_values),
    "match_year": st.one_of(st.integers(1990, 2110), toml_values),
    "completed": st.one_of(st.dictionaries(toml_keys, st.one_of(st.dates(), toml_values), max_size=5), toml_values),
    "scores": st.one_of(st.dictionaries(st.sampled_from(["step1", "step2ck", "step3", "mock"]),
                                        st.one_of(st.integers(-5, 400), st.sampled_from(["pass", "fail", "x"]),
                                                  toml_values), max_size=4), toml_values),
}
documents = st.fixed_dictionaries({}, optional={**known}).flatmap(
    lambda base: st.dictionaries(toml_keys, toml_values, max_size=3).map(lambda extra: {**extra, **base}))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents)
def test_arbitrary_toml(tmp_path: Path, document: dict):
    import tomli_w

    path = tmp_path / "progress.toml"
    try:
        text = tomli_w.dumps(document)
    except (TypeError, ValueError):
        return  # not representable as TOML
    path.write_text(text, encoding="utf-8")
    store = store_at(path)
    try:
        store.load()
    except DataFileError as error:
        assert "progress.toml" in str(error)
        with pytest.raises(DataFileError):
            store.update(lambda p: p.completed.__setitem__("usmle_id", date(2026, 1, 1)))
        assert path.read_text(encoding="utf-8") == text  # refused, so untouched
        return
    # Accepted: a save keeps every key it does not know, exactly.
    store.update(lambda p: p.completed.__setitem__("usmle_id", date(2026, 1, 1)))
    from imgtui.persistence.progress_store import tomllib  # the reader the app uses (tomli before 3.11)
    after = tomllib.loads(path.read_text(encoding="utf-8"))
    for key, value in document.items():
        if key not in ("schema", "mode", "rules", "match_year", "completed", "scores"):
            assert after[key] == value


def test_a_config_folder_that_cannot_be_created(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    store = store_at(blocker / "imgtui" / "progress.toml")
    assert store.load().completed == {}  # reading: no file yet, fine
    with pytest.raises(DataFileError) as error:
        store.update(lambda p: p.completed.__setitem__("usmle_id", date(2026, 1, 1)))
    assert "cannot be created" in str(error.value) and not error.value.file_unusable


def test_deeply_nested_junk(tmp_path: Path):
    path = tmp_path / "progress.toml"
    path.write_text("x = " + "[" * 100000)
    with pytest.raises(DataFileError):
        store_at(path).load()


def test_a_dangling_symlink(tmp_path: Path):
    path = tmp_path / "progress.toml"
    path.symlink_to(tmp_path / "gone.toml")
    with pytest.raises(DataFileError, match="does not exist"):
        store_at(path).load()
