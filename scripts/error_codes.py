"""Write docs/api/errors.md from Hanji's one error hierarchy (a test checks the page is current).

.venv/bin/python scripts/error_codes.py
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from hanji.core import errors

PAGE = Path(__file__).resolve().parents[1] / "docs" / "api" / "errors.md"


def render() -> str:
    classes = [
        c
        for _, c in inspect.getmembers(errors, inspect.isclass)
        if issubclass(c, errors.HanjiError) and c.__module__ == errors.__name__
    ]
    clova = sorted(
        (c for c in classes if issubclass(c, errors.ClovaError)), key=lambda c: (c.code, c.__name__)
    )
    management = sorted((c for c in classes if not issubclass(c, errors.ClovaError)), key=lambda c: c.code)
    out = [
        "# Error codes",
        "",
        "Generated from `hanji.core.errors` by `scripts/error_codes.py`; every error Hanji answers is here.",
        "",
        "## Invoke URLs (CLOVA's codes)",
        "",
        'Body: `{"code", "message", "path", "traceId", "timestamp"}`.',
        "",
        "| code | HTTP | error | default message |",
        "|---|---|---|---|",
    ]
    out += [f"| `{c.code}` | {c.http_status} | `{c.__name__}` | {c.default_message} |" for c in clova]
    out += [
        "",
        "## Management API (`/api/v1`) and console",
        "",
        'Body: `{"error": {"code", "message", "details"}}`.',
        "",
        "| code | HTTP | error | default message |",
        "|---|---|---|---|",
    ]
    out += [f"| `{c.code}` | {c.http_status} | `{c.__name__}` | {c.default_message} |" for c in management]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    sys.exit(0)
