"""What one invoke call produced: the CLOVA body and what its statistics count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class InvokeOutcome:
    body: dict[str, Any]
    """The rendered CLOVA answer (JSON of CLOVA's shape, built in ``hanji.clova``)."""
    pages: int
    table_pages: int
    template_id: int | None = None
    """Template calls: the matched template, so statistics can be asked per template."""
    success: bool = True
    """Every page read (General), the model found fields (Document), every page matched (Template)."""
