"""The CLOVA Template entry: key order, field shapes per type, V1/V2 polygons, no-match entry."""

from __future__ import annotations

from typing import Any

from hanji.clova.request import ImageInput, InvokeRequest
from hanji.clova.template import NOT_MATCHED_MESSAGE, render_template_response

QUAD = [[10.0, 20.0], [110.0, 20.0], [110.0, 50.0], [10.0, 50.0]]
PAGE: dict[str, Any] = {
    "index": 0,
    "width": 800,
    "height": 1000,
    "error": None,
    "template": {"id": 3, "name": "membership", "score": 0.9},
    "title": {"name": "title", "quad": QUAD, "text": "회원 가입 신청서", "confidence": 0.97},
    "fields": [
        {
            "name": "name",
            "value_type": "ALL",
            "type": "NORMAL",
            "quad": QUAD,
            "text": "김민수",
            "confidence": 0.9,
        },
        {
            "name": "phone",
            "value_type": "PHONE",
            "type": "MULTI_BOX",
            "quad": QUAD,
            "text": "01048217735",
            "confidence": 0.99,
            "sub_fields": [{"quad": QUAD, "text": "010", "confidence": 1.0}],
        },
        {
            "name": "agree",
            "value_type": "ALL",
            "type": "CHECKBOX",
            "quad": QUAD,
            "text": "",
            "confidence": 0.93,
            "checked": True,
        },
    ],
    "validation": {"result": "VALID"},
}


def request(version: str = "V2") -> InvokeRequest:
    return InvokeRequest(version, "r1", 0, None, ImageInput("png", "demo", b"", None))


def test_matched_entry_has_clova_keys_in_order() -> None:
    body = render_template_response(request(), [PAGE], timestamp_ms=5, make_uid=lambda: "a" * 32)
    [entry] = body["images"]
    assert list(entry) == [
        "uid",
        "name",
        "inferResult",
        "message",
        "matchedTemplate",
        "validationResult",
        "convertedImageInfo",
        "title",
        "fields",
    ]
    assert entry["matchedTemplate"] == {"id": 3, "name": "membership"}
    assert entry["validationResult"] == {"result": "VALID"}
    normal, multi, check = entry["fields"]
    assert list(normal) == [
        "name",
        "valueType",
        "boundingPoly",
        "inferText",
        "inferConfidence",
        "type",
        "lineBreak",
    ]
    assert list(multi) == [
        "name",
        "valueType",
        "type",
        "inferText",
        "inferConfidence",
        "boundingPoly",
        "subFields",
    ]
    assert multi["subFields"][0]["inferText"] == "010"
    assert list(check) == [
        "name",
        "valueType",
        "type",
        "checked",
        "inferText",
        "inferConfidence",
        "boundingPoly",
    ]
    assert entry["title"]["boundingPoly"]["vertices"][0] == {"x": 10.0, "y": 20.0}


def test_v1_uses_bounding_and_no_match_is_a_failure() -> None:
    body = render_template_response(
        request("V1"),
        [PAGE, {**PAGE, "template": None, "fields": [], "title": None, "validation": None}],
        timestamp_ms=5,
    )
    matched, missed = body["images"]
    assert matched["fields"][0]["bounding"] == {"top": 20.0, "left": 10.0, "width": 100.0, "height": 30.0}
    assert missed["inferResult"] == "FAILURE" and missed["message"] == NOT_MATCHED_MESSAGE
    assert missed["matchedTemplate"] is None and missed["fields"] == []
    assert missed["validationResult"] == {"result": "NO_REQUESTED"}


TABLE: dict[str, Any] = {
    "quad": QUAD,
    "confidence": 0.9,
    "cells": [
        {
            "row": 0,
            "column": 1,
            "row_span": 1,
            "column_span": 1,
            "quad": QUAD,
            "lines": [{"words": [{"text": "12", "quad": QUAD, "confidence": 0.95}]}],
            "confidence": 0.95,
        },
        {"row": 0, "column": 0, "row_span": 1, "column_span": 1, "quad": QUAD, "lines": []},
    ],
}


def test_combine_result_and_table_areas_follow_fields() -> None:
    page = {
        **PAGE,
        "combine": [{"name": "contact", "text": "김민수 01048217735"}],
        "tables": [
            {"name": "items", "quad": QUAD, "table": TABLE},
            {"name": "notes", "quad": QUAD, "table": None},
        ],
    }
    [entry] = render_template_response(request(), [page], timestamp_ms=5)["images"]
    assert list(entry)[-3:] == ["fields", "combineResult", "tables"]
    assert entry["combineResult"] == [{"name": "contact", "inferText": "김민수 01048217735"}]
    items, notes = entry["tables"]
    assert list(items) == ["name", "cells", "boundingPoly", "inferConfidence"]
    first, second = items["cells"]
    assert (first["rowIndex"], first["columnIndex"], first["cellTextLines"]) == (0, 0, [])
    assert first["inferConfidence"] == 1.0
    assert second["cellTextLines"][0]["cellWords"][0]["inferText"] == "12"
    assert notes == {
        "name": "notes",
        "cells": [],
        "boundingPoly": items["boundingPoly"],
        "inferConfidence": 0.0,
    }
    [plain] = render_template_response(request(), [PAGE], timestamp_ms=5)["images"]
    assert "combineResult" not in plain and "tables" not in plain
