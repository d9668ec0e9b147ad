"""Imports point one way: core <- parts <- pipeline <- services <- adapters (DESIGN.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "hanji"

# What each layer may import from hanji (besides itself).
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "engines": {"core"},
    "intake": {"core"},
    "clova": {"core"},
    "tables": {"core"},
    "templates": {"core", "engines", "intake", "clova", "tables"},
    "documents": {"core"},
    "storage": {"core"},
    "pipeline": {"core", "engines", "intake", "clova", "tables", "templates", "documents"},
    "services": {
        "core",
        "config",
        "storage",
        "pipeline",
        "engines",
        "intake",
        "clova",
        "tables",
        "templates",
        "documents",
    },
    "config": {"core"},
}


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def hanji_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("hanji."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("hanji."))
    return found


def test_imports_point_down_only() -> None:
    problems = []
    for path in PACKAGE.rglob("*.py"):
        layer = layer_of(path)
        if layer not in ALLOWED or "migrations" in path.parts:
            continue  # adapters (api, console, cli, workers) may import anything below them
        bad = hanji_imports(path) - ALLOWED[layer] - {layer}
        if bad:
            problems.append(f"{path.relative_to(PACKAGE)} imports {sorted(bad)}")
    assert not problems, "\n".join(problems)
