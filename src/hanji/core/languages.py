"""Language codes Hanji accepts, as CLOVA spells them."""

from __future__ import annotations

from typing import Final

DOMAIN_LANGUAGES: Final = ("ko", "ja", "zh-TW")
"""Languages a domain may enable; English is always on and need not be listed."""

EXTRA_LANGUAGES: Final = ("zh-CN", "en")
"""Accepted too (the spec allows adding them)."""

ALL_LANGUAGES: Final = DOMAIN_LANGUAGES + EXTRA_LANGUAGES


def parse_language_list(value: str) -> list[str]:
    """Split a CLOVA ``lang`` value such as ``"ko, ja"`` into known codes (case-insensitive)."""
    by_lower = {code.lower(): code for code in ALL_LANGUAGES}
    out: list[str] = []
    for raw in value.split(","):
        token = raw.strip()
        if not token:
            continue
        code = by_lower.get(token.lower())
        if code is None:
            raise ValueError(f"unknown language {token!r}; use one of {', '.join(ALL_LANGUAGES)}")
        if code not in out:
            out.append(code)
    return out
