"""The file a flow reads: its bytes, the format the client declared, and the intake limits."""

from __future__ import annotations

from dataclasses import dataclass

from hanji.intake.limits import IntakeLimits


@dataclass(frozen=True, slots=True)
class FileInput:
    data: bytes
    declared_format: str | None
    limits: IntakeLimits
