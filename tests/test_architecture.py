"""The house rules, read from the code's imports: each holds today and fails the day someone breaks it.

- no import loops between modules (imports inside functions count: they only hide a loop);
- apps never import the project package `workbench` (it wires them together, not the other way round);
- `documents` and `accounts` never import another app: they are the bottom floor;
- claim detection (`claims.detection`) imports neither documents nor the exports: it is pure text work;
- only tasks import tasks: domain modules announce queued work by a signal and an app's tasks ring the
  doorbell (`apps.py` connects them, `workbench` wires the beat).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("accounts", "api", "claims", "documents", "matching")
PACKAGES = (*APPS, "workbench")


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path = ROOT, modules: Iterable[str] = ()) -> set[str]:
    """Every module a file imports, at the top or inside a function.

    `from a import b` imports the module a.b when there is one (among `modules`), else the module a.
    """
    known = set(modules)
    here = module_name(path, root).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                names.add(submodule if submodule in known else module)
    return names


def project_files(root: Path = ROOT, packages: Iterable[str] = PACKAGES) -> dict[str, Path]:
    return {
        module_name(path, root): path
        for package in packages
        for path in (root / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def import_graph(root: Path = ROOT, packages: Iterable[str] = PACKAGES) -> dict[str, set[str]]:
    """Module -> the project modules it imports (names that are not modules, such as classes, dropped)."""
    files = project_files(root, packages)
    return {
        name: {imported for imported in imported_modules(path, root, files) if imported in files and imported != name}
        for name, path in files.items()
    }


def loops(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def offenders(graph: Mapping[str, set[str]], sources: str, targets: Iterable[str]) -> dict[str, list[str]]:
    """Modules under `sources` that import a module under one of `targets`."""
    prefixes = tuple(targets)

    def under(name: str, prefix: str) -> bool:
        return name == prefix or name.startswith(prefix + ".")

    return {
        module: sorted(t for t in imported if any(under(t, p) for p in prefixes))
        for module, imported in graph.items()
        if under(module, sources) and any(under(t, p) for t in imported for p in prefixes)
    }


GRAPH = import_graph()


def test_there_is_no_import_loop():
    assert loops(GRAPH) == []


def test_apps_never_import_the_project_package():
    found = {}
    for app in APPS:
        found.update(offenders(GRAPH, app, ["workbench"]))
    assert found == {}


def test_accounts_imports_no_other_app():
    assert offenders(GRAPH, "accounts", ["api", "claims", "documents", "matching", "workbench"]) == {}


def test_documents_imports_no_other_app():
    assert offenders(GRAPH, "documents", ["accounts", "api", "claims", "matching", "workbench"]) == {}


def test_detection_imports_neither_documents_nor_exports():
    assert offenders(GRAPH, "claims.detection", ["documents", "claims.exports"]) == {}


def test_only_tasks_import_tasks():
    found = {}
    for package in PACKAGES:
        found.update(offenders(GRAPH, package, [f"{app}.tasks" for app in APPS]))
    allowed = {name for name in found if name.endswith((".tasks", ".apps")) or name.startswith("workbench.")}
    assert {name: targets for name, targets in found.items() if name not in allowed} == {}


# ---- The rules see what they are meant to see ---------------------------------------------------------------


def _house(tmp_path: Path, files: Mapping[str, str]) -> dict[str, set[str]]:
    for name, source in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    return import_graph(tmp_path, ["shop"])


def test_a_loop_through_an_import_inside_a_function_is_found(tmp_path):
    graph = _house(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/orders.py": "from shop import tasks\n",
            "shop/tasks.py": "def run():\n    from shop.orders import place\n",
            "shop/stock.py": "from . import orders\n",
        },
    )
    assert loops(graph) == [["shop.orders", "shop.tasks"]]
    assert offenders(graph, "shop.stock", ["shop.orders"]) == {"shop.stock": ["shop.orders"]}


def test_a_domain_module_importing_tasks_is_an_offender(tmp_path):
    graph = _house(
        tmp_path,
        {"shop/__init__.py": "", "shop/tasks.py": "", "shop/orders.py": "from shop.tasks import ring\n"},
    )
    assert offenders(graph, "shop", ["shop.tasks"]) == {"shop.orders": ["shop.tasks"]}
