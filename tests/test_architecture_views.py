"""Views never write models: they parse input, ask a domain function to do the work and present the result."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

VIEW_MODULES = sorted(
    [
        *(ROOT / "claims" / "views").glob("*.py"),
        *(ROOT / "api" / "routes").glob("*.py"),
        ROOT / "api" / "views.py",
        ROOT / "matching" / "views.py",
        ROOT / "workbench" / "views.py",
    ]
)
# Model and queryset writes; nothing else a view calls has methods of these names.
WRITES = {"save", "delete", "create", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}


def model_writes(source: str) -> list[str]:
    """Calls that write rows, as "line: .name(" ; route decorators such as ``@router.delete(...)`` are not calls of a model."""
    tree = ast.parse(source)
    decorators = {
        id(decorator)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        for decorator in node.decorator_list
    }
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute) or id(node) in decorators:
            continue
        name = node.func.attr
        # QuerySet.update takes keyword arguments only; dict.update (a context, a query) takes a mapping.
        if name in WRITES or (name == "update" and not node.args and node.keywords):
            found.append((node.lineno, f"{node.lineno}: .{name}("))
    return [call for _, call in sorted(found)]


def test_views_never_write_models():
    assert all(path.exists() for path in VIEW_MODULES)
    offenders = {str(path.relative_to(ROOT)): model_writes(path.read_text()) for path in VIEW_MODULES}
    assert {path: calls for path, calls in offenders.items() if calls} == {}


def test_the_rule_sees_each_kind_of_write():
    source = """
claim.save()
source.delete()
Comment.objects.create(body="x")
Claim.objects.filter(pk=1).update(status="new")
claims.update(**fields)
Claim.objects.bulk_create([])
Token.objects.get_or_create(name="x")
"""
    assert model_writes(source) == [
        "2: .save(",
        "3: .delete(",
        "4: .create(",
        "5: .update(",
        "6: .update(",
        "7: .bulk_create(",
        "8: .get_or_create(",
    ]


def test_the_rule_leaves_dicts_and_route_decorators_alone():
    source = """
@router.delete("/sources/{source_id}")
def remove_source(request):
    context.update(overrides)
    query.update({"q": q})
"""
    assert model_writes(source) == []
