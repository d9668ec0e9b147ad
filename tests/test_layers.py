"""Imports point one way: core <- parts <- pipeline <- services <- adapters (DESIGN.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "hanji"

PARTS = {"engines", "intake", "clova", "tables", "templates", "documents", "searchable", "storage"}
# What each layer may import from hanji (besides itself). Every package and top-level module is
# listed: a new one fails ``test_every_package_has_a_rule`` until it is given its place.
ALLOWED: dict[str, set[str]] = {
    "__init__": set(),
    "core": set(),
    "config": {"core"},
    "engines": {"core"},
    "intake": {"core"},
    "clova": {"core"},
    "tables": {"core"},
    "documents": {"core"},
    "storage": {"core"},
    "searchable": {"core", "intake"},
    # Templates compose engines, intake and tables to match and read a document.
    "templates": {"core", "engines", "intake", "tables"},
    "training": {"core", "engines"},
    "pipeline": {"core", "engines", "intake", "tables", "templates", "documents"},
    "services": {"core", "config", "pipeline"} | PARTS,
    # The broker carries the pipeline's typed requests and results (as JSON made from their types).
    "broker": {"core", "config", "pipeline"},
    "runtime": {"core", "config", "storage", "services", "broker"},
    "web": {"__init__", "core", "config", "clova", "storage", "services", "runtime"},
    "api": {"core", "config", "clova", "intake", "templates", "storage", "services", "runtime", "web"},
    "console": {"__init__", "core", "config", "templates", "storage", "services", "runtime", "web"},
    "server": {"__init__", "core", "config", "services", "runtime", "web", "api", "console"},
    "workers": {"core", "config", "pipeline", "services", "runtime", "broker"},
    "cli": {
        "__init__",
        "core",
        "config",
        "pipeline",
        "services",
        "runtime",
        "web",
        "server",
        "workers",
        "broker",
        "training",
    }
    | PARTS,
}
SERVICE_ORDER = ["execution", "limits", "management", "statistics", "invocation", "jobs"]
"""Use cases inside ``services``, lowest first: each may import only those before it."""


def layer_of(path: Path) -> str:
    name = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    return "cli" if name.startswith("cli") else name


def module_name(path: Path) -> str:
    return "hanji." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")


def sources() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.parts]


def hanji_imports(path: Path) -> set[str]:
    """Dotted names this module imports from hanji, at any depth (function-level imports too);
    ``from hanji.x import y`` counts as ``hanji.x.y`` when y is a module."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "hanji":
            found.add(node.module)
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                if _is_module(candidate):
                    found.add(candidate)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "hanji")
    return found


def _is_module(dotted: str) -> bool:
    base = PACKAGE.parent.joinpath(*dotted.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _layer_of_module(dotted: str) -> str:
    parts = dotted.split(".")
    if len(parts) == 1:
        return "__init__"
    return "cli" if parts[1].startswith("cli") else parts[1]


def test_every_package_has_a_rule() -> None:
    assert {layer_of(p) for p in sources()} == set(ALLOWED)


def test_imports_point_down_only() -> None:
    problems = []
    for path in sources():
        layer = layer_of(path)
        bad = {_layer_of_module(m) for m in hanji_imports(path)} - ALLOWED[layer] - {layer}
        if bad:
            problems.append(f"{path.relative_to(PACKAGE)} imports {sorted(bad)}")
    assert not problems, "\n".join(problems)


COMPOSED_PARTS = {"engines", "tables", "documents", "templates"}
TEMPLATE_DATA = {"hanji.templates.candidates", "hanji.templates.schema", "hanji.templates.export"}
"""What layers above the pipeline may use of ``templates``: the types of a stored template, its
definition's rules and the result downloads, never the reading itself."""
COMPOSERS = {"pipeline", "cli", "training"} | COMPOSED_PARTS
"""``pipeline`` composes the parts into flows; the CLI's training commands and the training code
build the models the parts load; templates compose engines and tables to read a form."""


def test_only_the_pipeline_composes_engines_tables_documents_and_templates() -> None:
    problems = []
    for path in sources():
        layer = layer_of(path)
        if layer in COMPOSERS:
            continue
        for name in hanji_imports(path):
            part = _layer_of_module(name)
            data = any(name == d or name.startswith(d + ".") for d in TEMPLATE_DATA)
            allowed = part == "templates" and data
            if part in COMPOSED_PARTS and not allowed and name != "hanji.templates":
                problems.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not problems, "\n".join(problems)


def test_service_use_cases_import_only_those_below_them() -> None:
    problems = []
    for path in (PACKAGE / "services").rglob("*.py"):
        rel = path.relative_to(PACKAGE / "services").parts
        if len(rel) == 1:
            assert rel == ("__init__.py",), f"services/{rel[0]}: put it in a use-case package"
            continue
        own = SERVICE_ORDER.index(rel[0])
        for name in hanji_imports(path):
            parts = name.split(".")
            below = SERVICE_ORDER[:own]
            if parts[:2] == ["hanji", "services"] and len(parts) > 2 and parts[2] not in [rel[0], *below]:
                problems.append(f"services/{'/'.join(rel)} imports services.{parts[2]}")
    assert not problems, "\n".join(problems)


def test_no_module_imports_another_modules_private_names() -> None:
    problems = []
    for path in sources():
        own = module_name(path)
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not isinstance(node, ast.ImportFrom) or not node.module or node.module == own:
                continue
            if node.module.split(".")[0] != "hanji":
                continue
            private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
            if private or any(part.startswith("_") and part != "__init__" for part in node.module.split(".")):
                problems.append(
                    f"{path.relative_to(PACKAGE)}: from {node.module} import {', '.join(private)}"
                )
    assert not problems, "\n".join(problems)


def test_no_import_cycles_between_modules() -> None:
    """Counting every import, function-level ones too: a cycle hidden in a function is still one."""
    graph = {module_name(p): {m for m in hanji_imports(p) if _is_module(m)} for p in sources()}
    # A package's __init__ re-exports sit above its modules; importing the package is no cycle.
    for name, deps in graph.items():
        graph[name] = {d for d in deps if d != name and not name.startswith(d + ".")}
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append(" -> ".join([*stack[stack.index(dep) :], dep] if dep in stack else [node, dep]))
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(cycles)


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


def test_the_runtime_is_the_only_thing_kept_on_the_app() -> None:
    """Wiring is typed: the app holds one ``Runtime``, set and read back only in ``web.deps``."""
    users = sorted(
        str(path.relative_to(PACKAGE))
        for path in sources()
        if "app.state" in path.read_text() and path != PACKAGE / "web" / "deps.py"
    )
    assert users == []
    deps = (PACKAGE / "web" / "deps.py").read_text()
    assert deps.count("app.state.") == 2  # attach_runtime and get_runtime
