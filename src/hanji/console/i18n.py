"""Console languages: message catalogs (``messages/<lang>.json``) and picking the reader's language.

Each string lives once per language in a flat JSON catalog. The page's scripts get the same catalog
(in a ``data-`` attribute, as CSP forbids inline scripts), so JavaScript never hard-codes a message.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from fastapi import Request

LANGUAGES = ("en", "ko")
DEFAULT_LANGUAGE = "en"
LANG_COOKIE = "hanji_lang"
MESSAGES = Path(__file__).parent / "messages"


@cache
def catalog(lang: str) -> dict[str, str]:
    """Load one language's catalog (cached for the life of the process)."""
    data: dict[str, str] = json.loads((MESSAGES / f"{lang}.json").read_text(encoding="utf-8"))
    return data


def negotiate(request: Request) -> str:
    """Pick the language: ``?lang=`` first, then the cookie, then ``Accept-Language``, then English."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    accept = request.headers.get("accept-language", "").lower()
    return "ko" if accept.startswith("ko") else DEFAULT_LANGUAGE


class Translator:
    """``t("key", name=...)``: the message in the chosen language, English when a key is missing."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        text = catalog(self.lang).get(key) or catalog(DEFAULT_LANGUAGE).get(key, key)
        return text.format(**values) if values else text

    def script_messages(self) -> str:
        """The catalog as JSON (English filling any gap) for the page's modules to read."""
        return _script_messages(self.lang)


@cache
def _script_messages(lang: str) -> str:
    return json.dumps({**catalog(DEFAULT_LANGUAGE), **catalog(lang)}, ensure_ascii=False)
