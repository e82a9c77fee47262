"""Measure Plein's structure: which apps import which, cycles, imports inside functions, sizes.

    python scripts/architecture.py            # summary
    python scripts/architecture.py --edges    # every app-to-app import, with where it happens

Counts imports of the running code (tests and migrations left out); `TYPE_CHECKING` imports are
listed apart because they never run.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src" / "plein"


def modules(include_tests: bool = False):
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "migrations" in parts or (not include_tests and "tests" in parts):
            continue
        yield path, parts


def app_of(name: str) -> str | None:
    bits = name.split(".")
    return bits[1] if len(bits) > 1 and bits[0] == "plein" else None


def module_name(parts: tuple[str, ...]) -> str:
    names = ["plein", *parts]
    names[-1] = names[-1].removesuffix(".py")
    if names[-1] == "__init__":
        names.pop()
    return ".".join(names)


class Visitor(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool):
        self.module, self.is_package = module, is_package
        self.depth = 0
        self.functions: list[str] = []
        self.type_checking = 0
        self.found: list[tuple[str, int, str]] = []  # (target, line, "top"|"function"|"typing")

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_If(self, node):
        test = ast.unparse(node.test)
        if test.endswith("TYPE_CHECKING"):
            self.type_checking += 1
            for child in node.body:
                self.visit(child)
            self.type_checking -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def where(self) -> str:
        if self.type_checking:
            return "typing"
        if self.functions[:1] == ["ready"] and self.module.endswith(".apps"):
            return "ready"  # AppConfig.ready(): where Django wants modules that use models
        return "function" if self.depth else "top"

    def visit_Import(self, node):
        for alias in node.names:
            self.found.append((alias.name, node.lineno, self.where()))

    def visit_ImportFrom(self, node):
        if node.level:
            base = self.module.split(".")
            if not self.is_package:
                base = base[:-1]
            base = base[: len(base) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
        else:
            target = node.module or ""
        for alias in node.names:
            self.found.append(
                (f"{target}.{alias.name}" if target else alias.name, node.lineno, self.where())
            )


def scan(include_tests: bool = False):
    edges = []  # (from_app, to_app, file, line, kind)
    in_function = []
    for path, parts in modules(include_tests):
        name = module_name(parts)
        visitor = Visitor(name, path.name == "__init__.py")
        visitor.visit(ast.parse(path.read_text(), str(path)))
        here = app_of(name)
        for target, line, kind in visitor.found:
            if kind == "function" and target.startswith("plein."):
                in_function.append((path, line, target))
            there = app_of(target)
            if here and there and here != there:
                edges.append((here, there, path.relative_to(ROOT.parent), line, kind))
    return edges, in_function


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one app (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def long_functions(limit: int):
    found = []
    for path, _parts in modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > limit:
                    found.append((length, f"{path.relative_to(ROOT.parent)}::{node.name}"))
    return sorted(found, reverse=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", action="store_true", help="list every app-to-app import")
    parser.add_argument("--in-function", action="store_true", help="list imports inside functions")
    args = parser.parse_args()
    edges, in_function = scan()
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b, _f, _l, kind in edges:
        if kind != "typing":
            graph[a].add(b)
    apps = sorted({p.parent.name for p in ROOT.glob("*/apps.py")})
    groups = cycles(graph)
    in_cycles = sorted({app for group in groups for app in group})
    print(f"apps: {len(apps)}; apps in import cycles: {len(in_cycles)} {in_cycles}")
    print(
        f"imports of plein code inside functions: {len(in_function)} "
        f"in {len({p for p, _l, _t in in_function})} files "
        f"(besides imports in AppConfig.ready())"
    )
    sizes = sorted(
        ((len(p.read_text().splitlines()), p.relative_to(ROOT.parent)) for p, _ in modules()),
        reverse=True,
    )
    print("largest modules:", ", ".join(f"{p} {n}" for n, p in sizes[:6]))
    print(f"modules over 600 lines: {sum(1 for n, _ in sizes if n > 600)}")
    longs = long_functions(60)
    print(
        f"functions over 60 lines: {len(longs)}:", ", ".join(f"{n} {name}" for n, name in longs[:8])
    )
    if args.edges:
        for a, b, f, line, kind in sorted(edges):
            print(f"{a} -> {b}  {f}:{line} ({kind})")
    if args.in_function:
        for path, line, target in in_function:
            print(f"{path.relative_to(ROOT.parent)}:{line} {target}")


if __name__ == "__main__":
    main()
