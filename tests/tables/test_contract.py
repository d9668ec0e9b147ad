"""Every registered extractor keeps the contract; the registry answers clearly."""

from __future__ import annotations

import numpy as np
import pytest

from hanji.tables import DEFAULT_EXTRACTOR, EXTRACTORS, TableExtractor, extract_tables, get_extractor


def test_registry_entries_are_extractors() -> None:
    assert DEFAULT_EXTRACTOR in EXTRACTORS
    for name, extractor in EXTRACTORS.items():
        assert isinstance(extractor, TableExtractor)
        assert extractor.name == name


def test_blank_page_has_no_tables() -> None:
    blank = np.full((300, 400, 3), 255, np.uint8)
    assert extract_tables(blank, []) == []


def test_grayscale_input_is_accepted() -> None:
    page = np.full((300, 400), 255, np.uint8)
    page[50, 20:380] = 0
    assert extract_tables(page, []) == []


def test_unknown_extractor_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        get_extractor("no-such-extractor")


def test_unavailable_extractor_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(EXTRACTORS["img2table"], "is_available", lambda: False)
    with pytest.raises(RuntimeError, match="not installed"):
        get_extractor("img2table")
