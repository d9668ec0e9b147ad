"""Route modules answer models, not bare dicts: a ``dict[str, Any]`` return hides the body from the
OpenAPI document (and lets a key be renamed without anything noticing)."""

from __future__ import annotations

import ast
from pathlib import Path

ROUTES = Path(__file__).resolve().parents[2] / "src" / "hanji" / "api" / "routes"
BARE = {"dict[str, Any]", "Dict[str, Any]", "dict", "Any", "Mapping[str, Any]"}
EXEMPT = {
    # The job as the jobs service renders it, with CLOVA's dynamic response inside; the route sends
    # it as a JSONResponse and documents it with the JobView model (``responses=``).
    ("jobs.py", "_view"),
}


def returns_bare_dict() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(ROUTES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None:
                annotation = ast.unparse(node.returns).strip("'\"")
                parts = {p.strip() for p in annotation.split("|")}
                if parts & BARE:
                    found.append((path.name, node.name, annotation))
    return found


def test_no_route_module_returns_a_bare_dict() -> None:
    offenders = [f"{f}:{name} -> {a}" for f, name, a in returns_bare_dict() if (f, name) not in EXEMPT]
    assert not offenders, "\n".join(offenders)


def test_every_exemption_is_still_needed() -> None:
    assert {(f, name) for f, name, _ in returns_bare_dict()} >= EXEMPT
