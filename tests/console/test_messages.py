"""The English and Korean catalogs say the same things, and every key the console uses exists."""

from __future__ import annotations

import re
from pathlib import Path

from hanji.console.i18n import LANGUAGES, catalog

CONSOLE = Path(__file__).resolve().parents[2] / "src" / "hanji" / "console"
# t("key") in templates, Python and JavaScript; dynamic keys ("type." ~ x, `stage.${x}`) are skipped.
USED = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z0-9_-]+)+)["']""")


def test_catalogs_have_the_same_keys_and_placeholders() -> None:
    english = catalog("en")
    for lang in LANGUAGES:
        other = catalog(lang)
        assert set(other) == set(english), f"{lang}: {sorted(set(other) ^ set(english))}"
        for key, text in english.items():
            placeholders = set(re.findall(r"\{(\w+)\}", text))
            assert set(re.findall(r"\{(\w+)\}", other[key])) == placeholders, (lang, key)
            assert other[key].strip(), (lang, key)


def test_every_key_used_by_the_console_is_in_the_catalog() -> None:
    english = catalog("en")
    used: set[str] = set()
    for path in [*CONSOLE.glob("templates/*.html"), *CONSOLE.glob("static/*.js"), *CONSOLE.glob("*.py")]:
        used |= set(USED.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern found no keys"
    assert not used - set(english), sorted(used - set(english))
