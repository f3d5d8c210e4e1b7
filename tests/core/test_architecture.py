"""The shape of the house (docs/architecture.md), checked: no import cycle, small modules, tenancy
only in scope.py, routers without SQL, logic without Request, core and accounts importing downward.

``PENDING`` lists the files that still break a rule while the redesign lands domain by domain; a file
that now follows the rule must leave the list (the test says so), so the list only shrinks.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
API = ROOT / "api"
FRONTEND = ROOT / "frontend"
MAX_LINES = 400
DOMAINS = ("directory", "experts", "ideas", "indicators", "migrants")

PENDING: dict[str, set[str]] = {
    "lines": set(),
    "tenancy": set(),
    "request": set(),
    "sql": set(),
    "app": set(),
    "downward": set(),
    "cycles": set(),
    "scope": set(),
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in API.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every api module imported anywhere in the file, function-local imports included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = package.split(".")
                base = ".".join(pkg[: len(pkg) - node.level + 1] + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        for target in targets:
            if target in known and target != name:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    return {name: _imports(name, path, known) for name, path in mods.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
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
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    import sys

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def _package_parents(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """A package's __init__ importing its own children is not a cycle of behaviour."""
    return {m: {d for d in deps if not d.startswith(m + ".")} for m, deps in graph.items()}


def test_no_import_cycle_in_api() -> None:
    cycles = _cycles(_package_parents(_graph()))
    _ratchet("cycles", sorted(m for c in cycles for m in c))


def test_core_imports_no_domain_and_nothing_imports_the_app() -> None:
    graph = _graph()
    upward = []
    for name, deps in graph.items():
        if name.startswith("api.core"):
            bad = {d for d in deps if not d.startswith("api.core")}
            assert not bad, f"{name} (core) imports {sorted(bad)}"
        below = name.startswith(("api.accounts", "api.tenants", "api.municipalities"))
        if below and any(d.split(".")[1] in DOMAINS for d in deps):
            upward.append(str(_modules()[name].relative_to(ROOT)))
    _ratchet("downward", sorted(upward))
    offenders = sorted(
        str(p.relative_to(ROOT))
        for n, p in _modules().items()
        if ({"api.main", "api.asgi", "api.cli"} & graph[n]) and n not in ("api.main", "api.asgi", "api.cli")
    )
    _ratchet("app", offenders)


def _ratchet(rule: str, offenders: list[str]) -> None:
    allowed = PENDING[rule]
    new = sorted(set(offenders) - allowed)
    fixed = sorted(allowed - set(offenders))
    assert not new, f"rule {rule!r} broken by: {new}"
    assert not fixed, f"rule {rule!r} now holds for {fixed}: remove them from PENDING"


def _line_count(path: Path) -> int:
    return sum(1 for _ in path.open(encoding="utf-8"))


def test_no_module_over_400_lines() -> None:
    files = [*API.rglob("*.py"), *FRONTEND.rglob("*.js"), *FRONTEND.rglob("*.css")]
    offenders = sorted(
        str(p.relative_to(ROOT)) for p in files if "vendor" not in p.parts and _line_count(p) > MAX_LINES
    )
    _ratchet("lines", offenders)


TENANCY = re.compile(r"municipality_id\s*==|organization_id\s*==|\.municipality_id\s*\.in_\(")


def test_tenancy_filters_only_in_scope_modules() -> None:
    offenders = []
    for path in API.rglob("*.py"):
        if path.name == "scope.py" or "demo" in path.parts or path.name.startswith("demo"):
            continue
        if path.parts[len(API.parts)] in ("core", "accounts", "tenants", "municipalities"):
            continue
        if TENANCY.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(ROOT)))
    _ratchet("tenancy", sorted(offenders))


def test_logic_takes_no_request_and_routers_hold_no_sql() -> None:
    request_offenders, sql_offenders = [], []
    for path in API.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        rel = str(path.relative_to(ROOT))
        is_router = path.name == "router.py" or path.name.endswith("_router.py") or "router_" in path.name
        is_logic = not is_router and path.parts[len(API.parts)] in DOMAINS and path.name != "deps.py"
        if is_logic and re.search(r"from fastapi import[^\n]*\bRequest\b", text):
            request_offenders.append(rel)
        if is_router and re.search(r"\bsa\.select\(|\bselect\(|session\.exec\(|session\.execute\(", text):
            sql_offenders.append(rel)
    _ratchet("request", sorted(request_offenders))
    _ratchet("sql", sorted(sql_offenders))


@pytest.mark.parametrize("domain", DOMAINS)
def test_domain_has_one_scope_module(domain: str) -> None:
    has = (API / domain / "scope.py").exists()
    assert has or domain in PENDING["scope"], f"{domain} has no scope.py"
    assert not (has and domain in PENDING["scope"]), f"{domain} has scope.py: remove it from PENDING"
