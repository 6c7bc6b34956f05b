"""Print imgtui's import graph and any import cycles, with the project's own tools (grimp,
installed with import-linter by the test extras):

    .venv/bin/python scripts/import_graph.py            # modules, edges, cycles
    .venv/bin/python scripts/import_graph.py --cycles   # only the cycles (exit 1 if any)

Run it against any checkout (it reads the `imgtui` found on sys.path: put `src` first)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: groups of modules that import each other, directly or not."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def import_graph(package: str = "imgtui") -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports (anywhere in the file,
    function bodies included; imports only for type checkers left out)."""
    import grimp

    built = grimp.build_graph(package, exclude_type_checking_imports=True)
    return {m: set(built.find_modules_directly_imported_by(m)) for m in sorted(built.modules)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", action="store_true", help="print only the import cycles")
    args = parser.parse_args()
    sys.path.insert(0, str(Path.cwd() / "src"))
    graph = import_graph()
    cycles = strongly_connected(graph)
    if not args.cycles:
        for module, imported in graph.items():
            print(f"{module} -> {', '.join(sorted(imported)) or '(nothing of imgtui)'}")
        print()
    print(f"{len(graph)} modules, {sum(map(len, graph.values()))} imports between them, {len(cycles)} cycle(s)")
    for group in cycles:
        print("cycle:", " <-> ".join(group))
    return 1 if cycles and args.cycles else 0


if __name__ == "__main__":
    sys.exit(main())
