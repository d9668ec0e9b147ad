"""Liveness and readiness bodies."""

from __future__ import annotations

from typing import Literal

from hanji.web.models.common import View


class Health(View):
    status: Literal["ok"]


class Readiness(View):
    """200 when every check is ``ok``, else 503 with the same body."""

    status: Literal["ready", "not ready"]
    checks: dict[str, str]
    """Per dependency: ``ok`` or ``error: <exception type>``."""
