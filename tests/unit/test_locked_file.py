"""A data file's contract (persistence.locked_file), beyond progress.toml's own tests: what is
refused and how each refusal reads, with a minimal store of plain text lines."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from imgtui.persistence.locked_file import (
    DataFileError,
    LockedFile,
    read_import_file,
    read_regular_file,
    write_atomically,
)

unix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes, sockets and /dev/null are Unix's")


class Lines(LockedFile[list]):
    """A file of text, held as a list of pieces (so a change can add to it)."""

    def parse(self, data: bytes) -> list:
        return [self.decode(data)]

    def empty(self) -> list:
        return []

    def dump(self, value: list) -> bytes:
        return "".join(value).encode("utf-8")


def test_a_save_may_fill_the_file_to_its_limit_but_never_past_it(tmp_path: Path):
    store = Lines(tmp_path / "f.txt")
    store.max_bytes = 10
    store.update(lambda v: v.append("x" * 10))  # exactly the limit: the next load reads it
    assert store.load() == ["x" * 10]
    with pytest.raises(DataFileError) as refused:
        store.update(lambda v: v.append("y"))
    assert refused.value.path == store.path and not refused.value.file_unusable  # the file itself is fine
    assert refused.value.problem == "would grow to 11 bytes, more than the 10 this file can be; nothing saved"
    assert store.load() == ["x" * 10]


def test_a_failed_write_without_a_system_reason_still_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    store = Lines(tmp_path / "f.txt")

    def refuse(src, dst):
        raise OSError("the disk went away")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DataFileError) as refused:
        store.update(lambda v: v.append("x"))
    assert (refused.value.path, refused.value.problem) == (store.path, "not saved: the disk went away")
    assert not refused.value.file_unusable


def test_a_backup_never_overwrites_an_earlier_one_and_a_failed_move_says_where_it_was_going(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    store = Lines(tmp_path / "f.txt")
    store.update(lambda v: v.append("first"))
    assert store.back_up("20261125") == tmp_path / "f.txt.bad-20261125"
    store.update(lambda v: v.append("second"))
    assert store.back_up("20261125") == tmp_path / "f.txt.bad-20261125-2"
    assert (tmp_path / "f.txt.bad-20261125").read_text() == "first"
    store.update(lambda v: v.append("third"))

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "rename", refuse)
    with pytest.raises(DataFileError) as refused:
        store.back_up("20261125")
    assert refused.value.path == store.path and not refused.value.file_unusable
    assert refused.value.problem == "cannot be moved aside to f.txt.bad-20261125-3: Permission denied"
    assert store.load() == ["third"]


def test_a_file_to_import_that_is_not_there_is_named_and_nothing_is_broken(tmp_path: Path):
    with pytest.raises(DataFileError) as missing:
        read_import_file(tmp_path / "freida.csv")
    assert (missing.value.path, missing.value.problem) == (tmp_path / "freida.csv", "no such file")
    assert not missing.value.file_unusable


@unix_only
def test_pipes_and_devices_are_refused_by_name(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe")
    for path, kind in ((tmp_path / "pipe", "a named pipe"), (Path("/dev/null"), "a character device")):
        with pytest.raises(DataFileError) as refused:
            read_regular_file(path, 1000)
        assert refused.value.problem == f"is not a regular file ({kind}); refusing to read it"


@unix_only
def test_an_export_into_a_device_writes_into_it_and_a_folder_is_refused(tmp_path: Path):
    # A named pipe in tmp stands for the device: a mutant that replaced it must not replace the
    # machine's /dev/null (as root, a mutation run did).
    pipe = tmp_path / "device"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # so that opening it to write does not wait
    try:
        write_atomically(pipe, b"exported", into_devices=True)  # written into, not replaced
        assert not pipe.is_file() and os.read(reader, 100) == b"exported"
    finally:
        os.close(reader)
    with pytest.raises(IsADirectoryError) as refused:
        write_atomically(tmp_path, b"exported", into_devices=True)
    assert (refused.value.errno, refused.value.strerror, refused.value.filename) == (
        errno.EISDIR, "is a folder", str(tmp_path))
