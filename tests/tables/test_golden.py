"""Structure of rendered tables, with words from the rendering so only structure is tested."""

from __future__ import annotations

import pytest

from hanji.core.result import Table
from hanji.tables import extract_tables

from .conftest import load_golden

PAGES = [
    "en-ruled",  # full grid, English
    "en-ruled-merged",  # grid with row and column spans, plus a horizontally-ruled table below
    "ko-hrules",  # horizontal rules only (Korean business style)
    "ja-borderless",  # aligned columns, no rules (Japanese)
    "ja-hrules-photo",  # photo-distorted: rotated, blurred, shaded, JPEG
    "ko-ruled-merged-photo",
    "ko-borderless-merged",  # "금액" centred over 공급가액/세액, no rules: one cell spanning two columns
    "ja-hrules-merged",  # the same group header between horizontal rules, plus row-spanning categories
    "en-hrules-persp",  # perspective-tilted photo (homography), heavier blur
]


def _non_empty(table: Table) -> set[tuple[int, int, int, int, str]]:
    return {
        (c.row, c.column, c.row_span, c.column_span, " ".join(ln.text for ln in c.lines))
        for c in table.cells
        if c.lines
    }


@pytest.mark.parametrize("name", PAGES)
def test_structure_matches_rendering(name: str) -> None:
    image, words, expected = load_golden(name)
    tables = extract_tables(image, words)
    assert len(tables) == len(expected)
    for got, want in zip(tables, expected, strict=True):
        assert (got.n_rows, got.n_columns) == (want["n_rows"], want["n_columns"])
        cells = {
            (c["row"], c["column"], c["row_span"], c["column_span"], c["text"])
            for c in want["cells"]
            if c["text"]
        }
        assert _non_empty(got) == cells


@pytest.mark.parametrize("name", PAGES)
def test_every_grid_position_is_covered_once(name: str) -> None:
    image, words, _ = load_golden(name)
    for table in extract_tables(image, words):
        seen = [
            (r, c)
            for cell in table.cells
            for r in range(cell.row, cell.row + cell.row_span)
            for c in range(cell.column, cell.column + cell.column_span)
        ]
        assert len(seen) == len(set(seen)) == table.n_rows * table.n_columns


def test_merged_cells_appear_once_with_spans() -> None:
    image, words, _ = load_golden("en-ruled-merged")
    grid = extract_tables(image, words)[0]
    spans = sorted((c.row_span, c.column_span) for c in grid.cells if c.row_span * c.column_span > 1)
    assert spans == [(1, 2), (2, 1), (2, 1), (2, 1)]
    assert next(c for c in grid.cells if c.column_span == 2).text == "Amount"


def test_words_are_not_duplicated_across_cells() -> None:
    image, words, _ = load_golden("ko-ruled-merged-photo")
    used = [id(w) for t in extract_tables(image, words) for c in t.cells for ln in c.lines for w in ln.words]
    assert len(used) == len(set(used))
    assert set(used) <= {id(w) for w in words}


@pytest.mark.parametrize("name", ["ko-borderless-merged", "ja-hrules-merged"])
def test_centred_group_header_spans_two_columns(name: str) -> None:
    image, words, expected = load_golden(name)
    table = extract_tables(image, words)[0]
    header = next(c for c in expected[0]["cells"] if c["column_span"] == 2)
    got = next(c for c in table.cells if c.text == header["text"])
    assert (got.row, got.column, got.row_span, got.column_span) == (header["row"], header["column"], 1, 2)
