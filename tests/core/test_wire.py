"""Typed values survive the trip through JSON: every flow result rebuilds as the same value."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from hanji.core.document_fields import DocumentFields, FieldValue
from hanji.core.geometry import Quad
from hanji.core.result import Cell, Document, KeyValue, Line, Page, Table, Word
from hanji.core.template_reading import (
    FieldKind,
    MatchedTemplate,
    ReadArea,
    TableAreaReading,
    TemplateField,
    TemplatePage,
    TemplateReading,
)
from hanji.core.wire import WireError, from_wire, to_wire

QUAD = Quad.from_sequence([[1.5, 2.0], [30.0, 2.0], [30.0, 12.25], [1.5, 12.25]])
WORD = Word("서울특별시", QUAD, 0.875)


def _through_json(value: object, kind: type) -> object:
    return from_wire(json.loads(json.dumps(to_wire(value, kind), ensure_ascii=False)), kind)


def test_a_page_with_tables_and_key_values_comes_back_equal() -> None:
    line = Line((WORD, Word("강남구", QUAD, 0.5)), engine="ppocr")
    table = Table(QUAD, (Cell(0, 0, 1, 2, QUAD, (line,), 0.9),), 0.8)
    page = Page(
        3, 800, 600, (line,), (table,), rotation=180, key_values=(KeyValue("주소", "서울", (WORD,), ()),)
    )
    document = Document((page, Page(4, 0, 0, error="unreadable")))
    assert _through_json(document, Document) == document


@dataclass(frozen=True)
class Reading:
    fields: DocumentFields
    blob: bytes
    note: str | None = None


def test_a_document_tree_keeps_its_kinds_of_leaves() -> None:
    value = FieldValue("123-45-67890", {"value": "1234567890"}, "사업자번호", 0.45, (QUAD,), (QUAD,))
    period = FieldValue("2024.01.02 ~ 2024.01.03", {"start": {"year": "2024"}, "end": {"year": "2024"}})
    tree: DocumentFields = {
        "storeInfo": {"bizNum": value, "addresses": [value]},
        "visitDate": period,
        "idtype": "ID Card",
        "isConfident": False,
        "rois": [QUAD],
        "mrz": {"checks": {"number": True}},
    }
    back = _through_json(Reading(tree, b"\x00\xff"), Reading)
    assert isinstance(back, Reading)
    assert back.blob == b"\x00\xff" and back.note is None
    store = back.fields["storeInfo"]
    assert isinstance(store, dict) and store["bizNum"] == value
    assert list(store["addresses"]) == [value]
    assert back.fields["visitDate"] == period
    assert back.fields["idtype"] == "ID Card" and back.fields["isConfident"] is False
    assert list(back.fields["rois"]) == [QUAD]  # type: ignore[arg-type]


def test_a_template_reading_comes_back_equal() -> None:
    page = TemplatePage(
        0,
        1000,
        1300,
        template=MatchedTemplate(7, "신청서", 0.93),
        title=ReadArea(QUAD, "회원가입신청서", 0.9, name="title"),
        fields=(
            TemplateField(
                "phone", "NUMERIC", FieldKind.MULTI_BOX, QUAD, "010", 0.9, boxes=(ReadArea(QUAD, "0", 1.0),)
            ),
            TemplateField("agree", "ALL", FieldKind.CHECKBOX, QUAD, "V", 0.8, checked=True),
        ),
        tables=(TableAreaReading("items", QUAD, None),),
        preview_png=b"\x89PNG",
    )
    reading = TemplateReading((page, TemplatePage(1, 0, 0, error="bad page")))
    assert _through_json(reading, TemplateReading) == reading


def test_data_that_does_not_fit_its_type_is_refused() -> None:
    with pytest.raises(WireError):
        from_wire({"text": 5}, Word)
    with pytest.raises(WireError):
        from_wire("not base64 bytes", Reading)
