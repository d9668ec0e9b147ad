"""A client that rebuilds text as ``inferText + ("\\n" if lineBreak else " ")`` (V2) gets one line per
printed row: a receipt's label … value columns and a ruled table's rows, read by the real engines."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hanji.training.edit_distance import edit_distance
from tests.clients.endpoints import Endpoint, clova_body, open_endpoint, png_bytes
from tests.clients.pages import PrintedPage, receipt_page, ruled_table_page
from tests.clients.strict_json import as_object, boolean, children, integer, string

pytestmark = pytest.mark.slow


def rebuild_lines(answer: dict[str, Any]) -> list[str]:
    """The client's loop over ``images[0].fields``: a space after each word, a newline after a lineBreak."""
    image = as_object(children(answer, "images", "$")[0], "$.images[0]")
    text = ""
    for k, item in enumerate(children(image, "fields", "$.images[0]")):
        field = as_object(item, f"$.images[0].fields[{k}]")
        path = f"$.images[0].fields[{k}]"
        text += string(field, "inferText", path) + ("\n" if boolean(field, "lineBreak", path) else " ")
    return text.rstrip("\n").split("\n")


def squash(text: str) -> str:
    """Compare rows as read, not as spaced: OCR may split ``4,500`` or join ``(주)한빛마트``."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def assert_one_line_per_row(lines: list[str], page: PrintedPage) -> None:
    printed = [" ".join(row) for row in page.rows]
    assert len(lines) == len(printed), "\n".join(lines)
    for got, want in zip(lines, printed, strict=True):
        # A misread character or two is the engine's business; a row split or merged is not.
        assert edit_distance(squash(got), squash(want)) <= max(1, len(squash(want)) // 10), (got, want)


@pytest.fixture(scope="module")
def general(hanji: TestClient) -> Endpoint:
    return open_endpoint(
        hanji,
        name="general",
        code="general",
        service_type="general",
        recognition_model="general",
        table_extraction=True,
    )


def test_receipt_label_value_rows_come_back_as_one_line_each(hanji: TestClient, general: Endpoint) -> None:
    answer = general.call(hanji, clova_body(png_bytes(receipt_page().image)))
    assert_one_line_per_row(rebuild_lines(answer), receipt_page())


def test_ruled_table_rows_come_back_as_one_line_each(hanji: TestClient, general: Endpoint) -> None:
    answer = general.call(hanji, clova_body(png_bytes(ruled_table_page().image)))
    assert_one_line_per_row(rebuild_lines(answer), ruled_table_page())


def test_rag_table_client_reads_the_same_rows_from_cells(hanji: TestClient, general: Endpoint) -> None:
    """The RAG pipeline's parser: ``tables[0].cells[…].cellTextLines[0].cellWords[…].inferText`` by
    ``rowIndex``/``columnIndex``, with ``fields`` still rebuilt into the same lines beside it."""
    page = ruled_table_page()
    answer = general.call(hanji, clova_body(png_bytes(page.image), enableTableDetection=True))
    image = as_object(answer["images"][0], "$.images[0]")
    table = as_object(children(image, "tables", "$.images[0]")[0], "$.images[0].tables[0]")
    grid: dict[tuple[int, int], str] = {}
    for k, item in enumerate(children(table, "cells", "$.tables[0]")):
        path = f"$.tables[0].cells[{k}]"
        cell = as_object(item, path)
        words = [
            string(as_object(w, path), "inferText", path)
            for line in children(cell, "cellTextLines", path)
            for w in children(as_object(line, path), "cellWords", path)
        ]
        grid[integer(cell, "rowIndex", path), integer(cell, "columnIndex", path)] = " ".join(words)
    columns = len(page.rows[0])
    rows = [[grid.get((r, c), "") for c in range(columns)] for r in range(len(page.rows))]
    assert [[squash(t) for t in row] for row in rows] == [[squash(t) for t in row] for row in page.rows]
    assert max(r for r, _ in grid) == len(page.rows) - 1
    assert_one_line_per_row(rebuild_lines(answer), page)
