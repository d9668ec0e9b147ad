"""The documentation stays true: error codes generated from the code, links inside the repository."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_error_code_page_is_current() -> None:
    spec = importlib.util.spec_from_file_location("error_codes", ROOT / "scripts" / "error_codes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = (ROOT / "docs" / "api" / "errors.md").read_text(encoding="utf-8")
    assert page == module.render(), "run .venv/bin/python scripts/error_codes.py"


def test_readme_links_stay_inside_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#]+)", readme)
    local = [t for t in targets if not re.match(r"[a-z]+://", t)]
    assert local, "the README links its docs"
    for target in local:
        path = (ROOT / target).resolve()
        assert ROOT in path.parents or path == ROOT, f"{target} points outside the repository"
        assert path.exists(), f"{target} is missing"
    assert "/".join(("..", "shared")) not in readme  # the shared data sits beside clones, not in them
