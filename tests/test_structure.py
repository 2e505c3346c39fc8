"""The package's structure: no import cycles.

Two graphs, read from the source with ``ast``: the imports that run when a
module is imported (module level, class bodies), and every import,
including those deferred into functions for start-up speed. Neither may
have a cycle: a deferred import that goes back up the pipeline (workers
importing the pipeline that imports the workers) hides a tangle the next
change trips over.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "replycli"


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_package(name: str, modules) -> bool:
    return modules[name].name == "__init__.py"


def _imports(name: str, path: Path, modules, deferred: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if _is_package(name, modules) else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node, top: bool):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                if deferred:
                    visit(child, False)
                continue
            if isinstance(child, ast.Import):
                for alias in child.names:
                    found.add(alias.name)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (child.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                found.add(base)
                for alias in child.names:
                    found.add(f"{base}.{alias.name}")
            visit(child, top)

    visit(tree, True)
    targets = set()
    for target in found:
        # At import time a module's import also runs the packages above it,
        # except those already running (the importer's own ancestors). In
        # the graph of every import, the edges go module to module.
        parts = target.split(".")
        for i in range(1 if not deferred else len(parts), len(parts) + 1):
            t = ".".join(parts[:i])
            if t in modules and t != name and not (name + ".").startswith(t + "."):
                targets.add(t)
    return targets


def _cycles(deferred: bool) -> list[list[str]]:
    modules = _modules()
    graph = {m: _imports(m, p, modules, deferred) for m, p in modules.items()}
    cycles, state, stack = [], {}, []

    def dfs(m):
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycles.append(stack[stack.index(n):] + [n])
            elif n not in state:
                dfs(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            dfs(m)
    return cycles


def test_no_import_cycle_at_module_level():
    assert _cycles(deferred=False) == []


def test_no_import_cycle_even_through_deferred_imports():
    assert _cycles(deferred=True) == []
