"""The CLOVA Template entry: key order, field shapes per type, V1/V2 polygons, no-match entry."""

from __future__ import annotations

from dataclasses import replace

from hanji.clova.request import ImageInput, InvokeRequest
from hanji.clova.template import NOT_MATCHED_MESSAGE, render_template_response
from hanji.core.geometry import Quad
from hanji.core.result import Cell, Line, Table, Word
from hanji.core.template_reading import (
    CombinedValue,
    FieldCheck,
    FieldKind,
    MatchedTemplate,
    ReadArea,
    TableAreaReading,
    TemplateField,
    TemplatePage,
)

QUAD = Quad.from_sequence([[10.0, 20.0], [110.0, 20.0], [110.0, 50.0], [10.0, 50.0]])
PAGE = TemplatePage(
    index=0,
    width=800,
    height=1000,
    template=MatchedTemplate(3, "membership", 0.9),
    title=ReadArea(QUAD, "회원 가입 신청서", 0.97, name="title"),
    fields=(
        TemplateField("name", "ALL", FieldKind.NORMAL, QUAD, "김민수", 0.9),
        TemplateField(
            "phone",
            "PHONE",
            FieldKind.MULTI_BOX,
            QUAD,
            "01048217735",
            0.99,
            boxes=(ReadArea(QUAD, "010", 1.0),),
        ),
        TemplateField("agree", "ALL", FieldKind.CHECKBOX, QUAD, "", 0.93, checked=True),
    ),
    check=FieldCheck("VALID"),
)


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
        [PAGE, TemplatePage(1, 800, 1000)],
        timestamp_ms=5,
    )
    matched, missed = body["images"]
    assert matched["fields"][0]["bounding"] == {"top": 20.0, "left": 10.0, "width": 100.0, "height": 30.0}
    assert missed["inferResult"] == "FAILURE" and missed["message"] == NOT_MATCHED_MESSAGE
    assert missed["matchedTemplate"] is None and missed["fields"] == []
    assert missed["validationResult"] == {"result": "NO_REQUESTED"}


TABLE = Table(
    QUAD,
    (
        Cell(0, 1, 1, 1, QUAD, (Line((Word("12", QUAD, 0.95),)),), 0.95),
        Cell(0, 0, 1, 1, QUAD),
    ),
    0.9,
)


def test_combine_result_and_table_areas_follow_fields() -> None:
    page = replace(
        PAGE,
        combined=(CombinedValue("contact", "김민수 01048217735"),),
        tables=(TableAreaReading("items", QUAD, TABLE), TableAreaReading("notes", QUAD, None)),
    )
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
