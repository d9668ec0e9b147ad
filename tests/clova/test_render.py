"""The General response: golden JSON (key order included) and each entry rule."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from hanji.clova.render import NO_TEXT_MESSAGE, render_general_response
from hanji.clova.request import ImageInput, InvokeRequest
from hanji.core.geometry import Box, Point, Quad
from hanji.core.result import Cell, Document, Line, Page, Table, Word

GOLDEN = Path(__file__).parent / "golden"
TIMESTAMP = 1723455986947


def word(text: str, left: float, top: float, right: float, bottom: float, confidence: float = 1.0) -> Word:
    return Word(text, Box(left, top, right, bottom).to_quad(), confidence)


def request(version: str = "V2", name: str = "demo") -> InvokeRequest:
    return InvokeRequest(version, "req-1", 0, ["ko"], ImageInput("pdf", name, b"%PDF-", None))


def sample_document() -> Document:
    rotated = Quad((Point(300, 100), Point(340, 110), Point(336, 126), Point(296, 116)))
    lines = (
        Line((word("2024년", 69, 114, 117, 131), word("매출", 121, 114, 160, 131, 0.987654321))),
        Line((Word("Total", rotated, 0.91234),)),
        Line((word("A", 60, 210, 70, 225, 0.99), word("1", 310, 210, 318, 225, 0.95))),
    )
    table = Table(
        Box(50, 200, 550, 300).to_quad(),
        (
            # Given out of order on purpose: rendered row-major.
            Cell(1, 0, 1, 2, Box(50, 250, 550, 300).to_quad(), (), 0.5),  # empty merged cell
            Cell(0, 0, 1, 1, Box(50, 200, 300, 250).to_quad(), (Line(lines[2].words[:1]),), 0.97),
            Cell(0, 1, 1, 1, Box(300, 200, 550, 250).to_quad(), (Line(lines[2].words[1:]),), 0.96),
        ),
        0.8765,
    )
    return Document(
        (
            Page(0, 600, 800, lines=lines, tables=(table,)),
            Page(1, 0, 0, error="encrypted PDF: remove the password and send it again"),
            Page(2, 100, 400),
        )
    )


def fixed_uids() -> itertools.count[int]:
    return itertools.count(1)


def render(
    version: str = "V2", include_tables: bool = True, document: Document | None = None
) -> dict[str, Any]:
    counter = fixed_uids()
    return render_general_response(
        request(version),
        document or sample_document(),
        timestamp_ms=TIMESTAMP,
        include_tables=include_tables,
        make_uid=lambda: f"{next(counter):032x}",
    )


def as_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(
    ("golden", "version", "include_tables"),
    [("general_v2_tables.json", "V2", True), ("general_v1.json", "V1", False)],
)
def test_golden_responses(golden: str, version: str, include_tables: bool) -> None:
    # Text comparison: json.dumps keeps dict order, so this pins key order as well as values.
    assert as_text(render(version, include_tables)) == (GOLDEN / golden).read_text(encoding="utf-8")


def test_entry_key_order() -> None:
    entries = render()["images"]
    assert list(render()) == ["version", "requestId", "timestamp", "images"]
    assert list(entries[0]) == [
        "uid",
        "name",
        "inferResult",
        "message",
        "validationResult",
        "convertedImageInfo",
        "tables",
        "fields",
    ]
    assert list(render(include_tables=False)["images"][0]) == [
        "uid",
        "name",
        "inferResult",
        "message",
        "validationResult",
        "convertedImageInfo",
        "fields",
    ]
    field = entries[0]["fields"][0]
    assert list(field) == ["valueType", "boundingPoly", "inferText", "inferConfidence", "type", "lineBreak"]
    table = entries[0]["tables"][0]
    assert list(table) == ["cells", "boundingPoly", "inferConfidence"]
    assert list(table["cells"][0]) == [
        "cellTextLines",
        "boundingPoly",
        "inferConfidence",
        "rowSpan",
        "rowIndex",
        "columnSpan",
        "columnIndex",
    ]
    assert list(table["cells"][0]["cellTextLines"][0]) == ["boundingPoly", "inferConfidence", "cellWords"]
    assert list(table["cells"][0]["cellTextLines"][0]["cellWords"][0]) == [
        "boundingPoly",
        "inferText",
        "inferConfidence",
    ]


def test_text_rebuilt_the_way_clients_do() -> None:
    fields = render()["images"][0]["fields"]
    text = "".join(f["inferText"] + ("\n" if f["lineBreak"] else " ") for f in fields)
    assert text == "2024년 매출\nTotal\nA 1\n"


def test_rag_client_path_into_tables() -> None:
    image = render()["images"][0]
    assert image["tables"][0]["cells"][0]["cellTextLines"][0]["cellWords"][0]["inferText"] == "A"


def test_page_results() -> None:
    ok, error, empty = render()["images"]
    assert (ok["inferResult"], ok["message"]) == ("SUCCESS", "SUCCESS")
    assert (error["inferResult"], error["message"]) == (
        "ERROR",
        "encrypted PDF: remove the password and send it again",
    )
    assert (error["fields"], error["tables"]) == ([], [])
    assert (empty["inferResult"], empty["message"], empty["fields"]) == ("FAILURE", NO_TEXT_MESSAGE, [])
    assert empty["convertedImageInfo"] == {"width": 100, "height": 400, "pageIndex": 2, "longImage": True}
    assert ok["convertedImageInfo"]["longImage"] is False
    assert [e["name"] for e in (ok, error, empty)] == ["demo"] * 3
    assert ok["validationResult"] == {"result": "NO_REQUESTED"}


def test_random_uids_are_32_lowercase_hex_and_distinct() -> None:
    response = render_general_response(request(), sample_document(), timestamp_ms=1, include_tables=False)
    uids = [entry["uid"] for entry in response["images"]]
    assert all(re.fullmatch(r"[0-9a-f]{32}", uid) for uid in uids)
    assert len(set(uids)) == len(uids)


def test_empty_cell_is_fully_confident() -> None:
    cells = render()["images"][0]["tables"][0]["cells"]
    empty = [c for c in cells if not c["cellTextLines"]]
    assert len(empty) == 1 and empty[0]["inferConfidence"] == 1.0
    assert (empty[0]["rowIndex"], empty[0]["columnSpan"]) == (1, 2)


def test_values_are_json_types_clients_expect() -> None:
    field = render()["images"][0]["fields"][1]
    assert field["inferConfidence"] == 0.9877
    vertex = field["boundingPoly"]["vertices"][0]
    assert isinstance(vertex["x"], float) and vertex == {"x": 121.0, "y": 114.0}


def test_v1_carries_bounding_poly_as_real_clova_does_and_bounding_beside_it() -> None:
    fields = render("V1", include_tables=False)["images"][0]["fields"]
    # A Gson-style V1 client reads fields[i].boundingPoly.vertices[0..3] as floats.
    for field in fields:
        xs = [v["x"] for v in field["boundingPoly"]["vertices"]]
        assert len(xs) == 4 and all(isinstance(x, float) for x in xs)
    assert fields[0]["bounding"] == {"top": 114.0, "left": 69.0, "width": 48.0, "height": 17.0}
    assert fields[2]["bounding"] == {"top": 100.0, "left": 296.0, "width": 44.0, "height": 26.0}
