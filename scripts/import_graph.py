"""The import graph of the `assistant` package, and its cycles.

    python scripts/import_graph.py            # cycles (exit 1 if any), then module sizes
    python scripts/import_graph.py --dot      # the graph in Graphviz dot form

Every import counts: module level, inside functions and under `if TYPE_CHECKING:`
(a cycle hidden from the interpreter is still a cycle in the design). `from a.b
import c` counts as an import of `a.b.c` when that is a module, else of `a.b`.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "assistant"


def module_files() -> dict[str, Path]:
    """Module name -> file, for every module of the package."""
    modules: dict[str, Path] = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _resolve(name: str, current: str, level: int, is_package: bool) -> str:
    if level == 0:
        return name
    base = current.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """The package modules `module` imports (anywhere in its file)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module or "", module, node.level, is_package)
            names = []
            for alias in node.names:
                full = f"{base}.{alias.name}"
                names.append(full if full in known else base)
        else:
            continue
        for name in names:
            # `import a.b.c` also runs a and a.b; the edge that matters is the target.
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module and name.startswith(PACKAGE):
                found.add(name)
    return found


def graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports. A package's own `__init__` is skipped
    as a target of its submodules (importing a.b runs a/__init__, which is not a use)."""
    files = module_files()
    known = set(files)
    edges = {m: imports_of(m, p, known) for m, p in files.items()}
    for module, targets in edges.items():
        edges[module] = {t for t in targets if not module.startswith(t + ".")}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    sys.setrecursionlimit(10000)

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def main(argv: list[str]) -> int:
    edges = graph()
    if "--dot" in argv:
        print("digraph assistant {")
        for module in sorted(edges):
            for target in sorted(edges[module]):
                print(f'  "{module}" -> "{target}";')
        print("}")
        return 0
    found = cycles(edges)
    for component in found:
        print("cycle:", " <-> ".join(component))
    print(f"{len(edges)} modules, {sum(map(len, edges.values()))} imports, {len(found)} cycles")
    sizes = sorted(
        ((sum(1 for _ in p.open(encoding="utf-8")), m) for m, p in module_files().items()),
        reverse=True,
    )
    print("largest modules:", ", ".join(f"{m} {n}" for n, m in sizes[:8]))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
