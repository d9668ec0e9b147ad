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
    "searchable": {"core", "intake"},
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
        "searchable",
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


OCR_LIBRARIES = {"tesserocr", "rapidocr", "onnxruntime"}
BACKENDS = PACKAGE / "engines" / "backends"
BACKEND_USERS = {PACKAGE / "engines" / "registry.py"}
"""Inside ``engines`` only the registry builds backends; every other module gets stages from it."""
MODEL_BUILDERS = {PACKAGE / "training", PACKAGE / "cli_train.py"}
"""Training builds the model files backends load (an adapter, like the CLI that runs it): it may
use a backend directly, and is the one thing that may."""


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_only_backends_import_ocr_libraries() -> None:
    problems = []
    for path in PACKAGE.rglob("*.py"):
        if BACKENDS in path.parents:
            continue
        libraries = {m.split(".")[0] for m in _imported_modules(path)} & OCR_LIBRARIES
        if libraries:
            problems.append(f"{path.relative_to(PACKAGE)} imports {sorted(libraries)}")
    assert not problems, "\n".join(problems)


def test_engines_reach_backends_only_through_the_registry() -> None:
    problems = []
    for path in (PACKAGE / "engines").rglob("*.py"):
        if BACKENDS in path.parents or path in BACKEND_USERS:
            continue
        if any(m.startswith("hanji.engines.backends") for m in _imported_modules(path)):
            problems.append(str(path.relative_to(PACKAGE)))
    for path in PACKAGE.rglob("*.py"):
        if (
            PACKAGE / "engines" in path.parents
            or path in MODEL_BUILDERS
            or MODEL_BUILDERS & set(path.parents)
        ):
            continue
        if any(m.startswith("hanji.engines.backends") for m in _imported_modules(path)):
            problems.append(str(path.relative_to(PACKAGE)))
    assert not problems, "modules importing engine backends directly: " + ", ".join(problems)


def test_engine_modules_have_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {}
    for path in (PACKAGE / "engines").rglob("*.py"):
        name = "hanji." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        graph[name] = {m for m in _imported_modules(path) if m.startswith("hanji.engines") and m != name}
    graph.pop("hanji.engines", None)  # the package's re-exports sit above everything
    for deps in graph.values():
        deps.discard("hanji.engines")
    seen: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        seen[node] = 1
        for dep in sorted(graph.get(node, ())):
            assert seen.get(dep) != 1, "import cycle: " + " -> ".join([*stack, node, dep])
            if dep not in seen:
                visit(dep, [*stack, node])
        seen[node] = 2

    for node in sorted(graph):
        if node not in seen:
            visit(node, [])
