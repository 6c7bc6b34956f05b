"""#11 points 1-6 as one property: any interleaving of imports, form edits, status moves,
deletes, ticks, mode switches, score edits and undos from two writers (two Controllers on the
same files, each with its own, possibly stale, view) loses no field the other wrote.

The reference is the documented rule, kept independently here: an import sets only the
fields its non-blank cells fill (a new program is added whole); an edit sets the fields it
names; undo puts back the value before only where the part still holds the value written.
After every step the files equal that reference, and every field whose latest write was the
other writer's still holds it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from imgtui.domain.patch import MISSING, Edit
from imgtui.domain.programs import STATUSES, form_edits, merge_edits, next_status
from imgtui.domain.programs_csv import read_programs
from imgtui.persistence.controller import Controller
from imgtui.persistence.program_store import ProgramStore
from imgtui.persistence.progress_store import ProgressStore

TODAY = date(2026, 11, 25)
NAMES = ["Mercy IM", "Lake IM"]
KEY = {name: (name.casefold(), "internal medicine") for name in NAMES}
FIELDS = ("city", "notes", "img_pct", "status")

writer = st.sampled_from(["A", "B"])
row = st.tuples(st.sampled_from(NAMES), st.fixed_dictionaries({}, optional={
    "city": st.sampled_from(["", "n/a", "value"]), "notes": st.sampled_from(["", "value"]),
    "img_pct": st.sampled_from(["", "n/a", "-", "value"]), "status": st.sampled_from(["", "value"])}))
operation = st.one_of(
    st.tuples(st.just("import"), writer, st.lists(row, min_size=1, max_size=3)),
    st.tuples(st.just("edit"), writer, st.sampled_from(NAMES), st.sampled_from(["city", "notes", "name"])),
    st.tuples(st.just("status"), writer, st.sampled_from(NAMES), st.sampled_from([1, -1])),
    st.tuples(st.just("delete"), writer, st.sampled_from(NAMES)),
    st.tuples(st.just("tick"), writer, st.sampled_from(["usmle_id", "step1", "my_step"])),
    st.tuples(st.just("mode"), writer),
    st.tuples(st.just("score"), writer, st.integers(1, 300)),
    st.tuples(st.just("undo"), writer, st.sampled_from(["programs", "progress"])),
    st.tuples(st.just("poll"), writer),
)


class Reference:
    """The two files as the documented rules say they must be, and who wrote each part last."""

    def __init__(self) -> None:
        self.parts: dict[tuple, object] = {}  # ("p", key) -> program | ("p", key, field) | ("g", path)
        self.stacks: dict[tuple[str, str], list[list[tuple]]] = {}
        self.last_writer: dict[tuple, tuple[str, object]] = {}


def controller(folder: Path) -> Controller:
    return Controller(ProgressStore(folder / "progress.toml", ("current", "guide-2019"), lambda: TODAY),
                      ProgramStore(folder / "programs.json", lambda: TODAY))


def file_state(folder: Path) -> tuple[dict, dict]:
    fresh = controller(folder)
    book, progress = fresh.programs.load(), fresh.progress.load()
    programs = {p.key: {f: getattr(p, f) for f in ("name", "city", "notes", "img_pct", "status")}
                for p in book.programs}
    return programs, {"mode": progress.mode, "completed": dict(progress.completed), "scores": dict(progress.scores)}


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(operations=st.lists(operation, min_size=1, max_size=14))
# The cases seen in use, always tried: an undo of an import after the other window edited one
# of its programs; a re-import over the other's status and notes; undo of a tick after the
# other's tick; a stale window's status move on a program the other deleted; a stale window's
# form edit (and rename) after the other changed another field.
@example(operations=[("import", "A", [("Mercy IM", {"city": "value"})]), ("import", "B", [("Lake IM", {})]),
                     ("edit", "B", "Mercy IM", "city"), ("undo", "A", "programs")])
@example(operations=[("import", "A", [("Mercy IM", {"status": "value", "notes": "value", "img_pct": "value"})]),
                     ("poll", "B"), ("status", "B", "Mercy IM", 1), ("import", "A", [("Mercy IM", {"city": "n/a"})]),
                     ("undo", "A", "programs"), ("undo", "A", "programs")])
@example(operations=[("tick", "A", "step1"), ("tick", "B", "usmle_id"), ("mode", "B"), ("undo", "A", "progress"),
                     ("score", "A", 250), ("undo", "B", "progress")])
@example(operations=[("import", "A", [("Mercy IM", {})]), ("poll", "B"), ("delete", "A", "Mercy IM"),
                     ("status", "B", "Mercy IM", 1), ("edit", "B", "Mercy IM", "notes"), ("undo", "A", "programs")])
@example(operations=[("import", "A", [("Mercy IM", {"notes": "value"})]), ("poll", "B"),
                     ("edit", "A", "Mercy IM", "city"), ("edit", "B", "Mercy IM", "notes"),
                     ("edit", "B", "Mercy IM", "name"), ("undo", "A", "programs")])
def test_two_writers_never_lose_each_others_fields(tmp_path_factory, operations):
    folder = tmp_path_factory.mktemp("two-writers")
    writers = {"A": controller(folder), "B": controller(folder)}
    for c in writers.values():
        c.progress.load()
        c.programs.load()
    # What each writer wrote last to each field, dropped when an undo or a later write replaces it.
    latest: dict[tuple, tuple[str, object]] = {}
    counter = 0
    for op in operations:
        counter += 1
        kind, who = op[0], op[1]
        me = writers[who]
        programs, progress = me.programs, me.progress
        if kind == "import":
            lines = ["Program,Specialty," + ",".join(FIELDS)]
            for name, cells in op[2]:
                values = []
                for f in FIELDS:
                    cell = cells.get(f, "")
                    if cell == "value":
                        cell = {"city": f"{who}{counter}c", "notes": f"{who}{counter}n",
                                "img_pct": str(counter % 101), "status": STATUSES[counter % len(STATUSES)]}[f]
                    values.append(cell)
                lines.append(f"{name},Internal Medicine," + ",".join(values))
            result = read_programs(("\n".join(lines) + "\n").encode(), TODAY)
            assert not result.problems
            applied = programs.change("import", lambda book: merge_edits(book, result.rows))
            filled = {(KEY[name], f) for name, cells in op[2] for f, cell in cells.items() if cell == "value"}
            # Only a cell with a value changes a field: a blank or "n/a" cell never erases one.
            assert {e.path for e in applied.edits if len(e.path) > 1} <= filled
        elif kind == "edit":
            shown = programs.value.find(KEY[op[2]])
            if shown is None:
                continue
            field = op[3]
            new_value = f"{shown.name}" if field == "name" else f"{who}{counter}{field[0]}"
            if field == "name":  # a rename that keeps the key (case only), through the form
                new_value = shown.name.swapcase()
            new = replace(shown, **{field: new_value})
            applied = programs.change("edit", lambda book: form_edits(book, shown, new))
            # Only the field the person changed (a rename moves the program, with its fields as they are now).
            assert all(e.path == (shown.key, field) or len(e.path) == 1 for e in applied.edits)
            if field == "name":
                assert all(e.new is MISSING or e.new.city == programs.value.find(new.key).city for e in applied.edits
                           if len(e.path) == 1)
        elif kind == "status":
            shown = programs.value.find(KEY[op[2]])
            if shown is None:
                continue
            moved = next_status(shown, op[3]).status
            applied = programs.change("status", lambda book: [Edit((shown.key, "status"), None, moved)])
        elif kind == "delete":
            shown = programs.value.find(KEY[op[2]])
            if shown is None:
                continue
            applied = programs.change("delete", lambda book: [Edit((shown.key,), None, MISSING)])
        elif kind == "tick":
            step = op[2]
            value = MISSING if step in progress.value.completed else date(2026, 1, 1 + counter % 28)
            applied = progress.change("tick", lambda p: [Edit(("completed", step), None, value)])
        elif kind == "mode":
            other = "us-img" if progress.value.mode == "non-us-img" else "non-us-img"
            applied = progress.change("mode", lambda p: [Edit(("mode",), None, other)])
        elif kind == "score":
            applied = progress.change("score", lambda p: [Edit(("scores", "step2ck"), None, op[2])])
        elif kind == "undo":
            document = programs if op[2] == "programs" else progress
            reverted = document.undo()
            if reverted is not None:
                for e in reverted.reverted:
                    forget(latest, op[2], e, who)
            verify(folder, latest)
            continue
        else:  # poll: this writer notices the other's changes
            me.poll()
            continue
        which = "progress" if kind in ("tick", "mode", "score") else "programs"
        for e in applied.edits:
            record(latest, which, e, who)
        verify(folder, latest)


SHOWN = ("name", "city", "notes", "img_pct", "status")


def record(latest: dict, which: str, e: Edit, who: str) -> None:
    if which == "programs" and len(e.path) == 1:  # a whole program added or removed
        for path in [p for p in latest if p[0] == "programs" and p[1][0] == e.path[0]]:
            latest.pop(path)
        if e.new is MISSING:
            latest[(which, e.path)] = (who, MISSING)
        else:
            for name in SHOWN:
                latest[(which, (e.path[0], name))] = (who, getattr(e.new, name))
        return
    latest[(which, e.path)] = (who, e.new)


def forget(latest: dict, which: str, e: Edit, who: str) -> None:
    """An undo by `who` put this part back: its own writes there are no longer in force. The
    other writer's are, unless they wrote the very value undone (the rule compares values)."""
    for path in [p for p in latest if p[0] == which and (p[1] == e.path or (len(e.path) == 1 and p[1][0] == e.path[0]))]:
        writer, value = latest[path]
        undone = e.new if path[1] == e.path else getattr(e.new, path[1][1], MISSING)
        if writer == who or value == undone:
            latest.pop(path)


def verify(folder: Path, latest: dict[tuple, tuple[str, object]]) -> None:
    """Every part whose latest write is still in force holds what was written: nothing lost."""
    fresh = controller(folder)
    files = {"programs": fresh.programs.load(), "progress": fresh.progress.load()}
    for (which, path), (_who, value) in latest.items():
        assert files[which].get(path) == value, (which, path, value, files[which].get(path))
