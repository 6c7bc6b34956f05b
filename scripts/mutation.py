"""Mutation testing of the rules, the planner, the programs, the stores and the catalog loader.

    python scripts/mutation.py            # fresh run of everything (hours on 2 cores), then the report
    python scripts/mutation.py --workers 2 'imgtui.domain.facts.*'   # one module (minutes)
    python scripts/mutation.py --report   # the report of the last run only
    python scripts/mutation.py --keep 'imgtui.domain.plan.*'   # re-test some mutants, keep the rest

What is mutated and which tests run is configured under [tool.mutmut] in pyproject.toml (the
unit tests only). The report gives, per module, killed / total and the score over the
non-equivalent mutants; the mutants known to be equivalent (no test can tell them from the
original) are listed, with the reason, in scripts/mutation_equivalents.toml and matched by
module, function and the changed line, so they survive renumbering.

Needs the `mutation` extra: pip install -e '.[test,mutation]'.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

import tomllib

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENTS = ROOT / "scripts" / "mutation_equivalents.toml"
KILLED = {"killed", "timeout", "caught by type check", "segfault"}


class Mutant(NamedTuple):
    name: str
    module: str
    function: str
    status: str
    line: int | None
    old: str
    new: str
    diff: str


def _function_ranges(path: Path) -> dict[str, tuple[int, int]]:
    """'func' or 'Class.method' -> (first line incl. decorators, last line) in the original file."""
    ranges = {}
    tree = ast.parse(path.read_text())
    for node in tree.body:
        children = [(node, "")]
        if isinstance(node, ast.ClassDef):
            children = [(c, node.name + ".") for c in node.body]
        for child, prefix in children:
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                ranges[prefix + child.name] = (first, child.end_lineno)
    return ranges


def _changed(diff: str) -> tuple[str, str, int | None]:
    old, new, offset = [], [], None
    position = 0
    for line in diff.splitlines():
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            position = int(re.match(r"@@ -(\d+)", line)[1]) - 1
            continue
        if line.startswith("-"):
            offset = position if offset is None else offset
            old.append(line[1:].strip())
            position += 1
        elif line.startswith("+"):
            new.append(line[1:].strip())
        else:
            position += 1
    return " ⏎ ".join(old), " ⏎ ".join(new), offset


def collect() -> list[Mutant]:
    sys.path.insert(0, str(ROOT))
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code
    from mutmut.utils.file_utils import walk_mutatable_files
    from mutmut.utils.format_utils import orig_function_and_class_names_from_key

    mutants = []
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        data.load()
        if not data.exit_code_by_key:
            continue
        source_lines = Path(path).read_text().splitlines()
        ranges = _function_ranges(Path(path))
        module = str(path)[len("src/") : -len(".py")].replace("/", ".").removesuffix(".__init__")
        for name, code in data.exit_code_by_key.items():
            function, cls = orig_function_and_class_names_from_key(name)
            qualified = f"{cls}.{function}" if cls else function
            diff = get_diff_for_mutant(name, path=path)
            old, new, offset = _changed(diff)
            line = None
            first, last = ranges.get(qualified, (1, len(source_lines)))
            wanted = old.split(" ⏎ ")[0]
            candidates = [n for n in range(first, last + 1) if source_lines[n - 1].strip() == wanted]
            if candidates:
                guess = first + (offset or 0)
                line = min(candidates, key=lambda n: abs(n - guess))
            mutants.append(Mutant(name, module, qualified, status_by_exit_code[code], line, old, new, diff))
    return mutants


def load_equivalents() -> list[dict[str, str]]:
    if not EQUIVALENTS.exists():
        return []
    return tomllib.loads(EQUIVALENTS.read_text())["equivalent"]


def is_equivalent(m: Mutant, equivalents: list[dict[str, str]]) -> dict[str, str] | None:
    for e in equivalents:
        if e["module"] == m.module and e["function"] == m.function and e["old"] == m.old and e["new"] == m.new:
            return e
    return None


def report(mutants: list[Mutant], show_survivors: bool) -> int:
    equivalents = load_equivalents()
    by_module: dict[str, Counter] = defaultdict(Counter)
    alive = []
    equivalent_alive = []
    used = set()
    for m in mutants:
        counts = by_module[m.module]
        counts["total"] += 1
        if m.status in KILLED:
            counts["killed"] += 1
            continue
        e = is_equivalent(m, equivalents)
        if e is not None:
            counts["equivalent"] += 1
            used.add(id(e))
            equivalent_alive.append((m, e))
        else:
            counts[m.status] += 1
            alive.append(m)
    print(f"{'module':36} {'killed/total':>13} {'%':>6}   {'equiv':>5} {'score':>6}   survived  no-tests")
    low = False
    for module in sorted(by_module):
        c = by_module[module]
        real = c["total"] - c["equivalent"]
        score = 100 * c["killed"] / real if real else 100.0
        low |= score < 90
        print(
            f"{module:36} {c['killed']:>6}/{c['total']:<6} {100 * c['killed'] / c['total']:5.1f}%   "
            f"{c['equivalent']:>5} {score:5.1f}%   {c['survived']:>8}  {c['no tests']:>8}"
        )
    total = Counter()
    for c in by_module.values():
        total.update(c)
    real = total["total"] - total["equivalent"]
    print(
        f"{'all':36} {total['killed']:>6}/{total['total']:<6} {100 * total['killed'] / total['total']:5.1f}%   "
        f"{total['equivalent']:>5} {100 * total['killed'] / real:5.1f}%"
    )
    if show_survivors:
        print("\nAlive, not known to be equivalent:")
        for m in alive:
            print(f"  {m.module}:{m.line} [{m.status}] {m.function}: {m.old!s}  →  {m.new!s}   ({m.name})")
        print("\nAlive and equivalent (scripts/mutation_equivalents.toml):")
        for m, e in equivalent_alive:
            print(f"  {m.module}:{m.line} {m.function}: {m.old}  →  {m.new}\n      why: {e['why']}")
        stale = [e for e in equivalents if id(e) not in used]
        if stale:
            print("\nListed as equivalent but not found alive (killed now, or the code changed):")
            for e in stale:
                print(f"  {e['module']} {e['function']}: {e['old']}  →  {e['new']}")
    return 1 if low else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="only report on the last run in mutants/")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep mutants/ (re-test only what mutmut thinks changed, or the mutants named)",
    )
    parser.add_argument("--quiet", action="store_true", help="scores only, no list of survivors")
    parser.add_argument(
        "--workers", type=int, default=1, help="mutants tested at once (default 1: the machine's cores are shared)"
    )
    parser.add_argument("mutants", nargs="*", help="mutant names or globs, e.g. 'imgtui.domain.plan.*'")
    args = parser.parse_args(argv)
    mutmut = Path(sys.executable).with_name("mutmut")
    if not args.report:
        if not args.keep:
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        # One worker unless asked: the machine's cores are shared, and a run is a developer's tool, not a gate.
        subprocess.run(
            [str(mutmut), "run", "--max-children", str(args.workers), *args.mutants],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL if args.quiet else None,
        )
    import os

    os.chdir(ROOT)
    return report(collect(), not args.quiet)


if __name__ == "__main__":
    sys.exit(main())
