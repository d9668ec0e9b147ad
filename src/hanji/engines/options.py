"""This process's engine options (read once; worker processes inherit the server's environment)."""

from __future__ import annotations

from hanji.core.engine_options import EngineOptions

OPTIONS = EngineOptions.from_env()
