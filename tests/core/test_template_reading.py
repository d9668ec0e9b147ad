"""A template reading as lines of words (what the searchable PDF of a Template job is made from)."""

from __future__ import annotations

from hanji.core.geometry import Quad
from hanji.core.template_reading import (
    FieldKind,
    MatchedTemplate,
    ReadArea,
    TemplateField,
    TemplatePage,
    TemplateReading,
)

QUAD = Quad.from_sequence([[10.0, 20.0], [110.0, 20.0], [110.0, 50.0], [10.0, 50.0]])


def test_title_fields_and_boxes_become_lines_and_checkboxes_are_left_out() -> None:
    page = TemplatePage(
        2,
        800,
        1000,
        template=MatchedTemplate(3, "membership", 0.9),
        title=ReadArea(QUAD, "회원 가입 신청서", 0.97, name="title"),
        fields=(
            TemplateField("name", "ALL", FieldKind.NORMAL, QUAD, "김민수", 0.9),
            TemplateField(
                "birth",
                "NUMERIC",
                FieldKind.MULTI_BOX,
                QUAD,
                "19",
                0.8,
                boxes=(ReadArea(QUAD, "1", 0.8), ReadArea(QUAD, "9", 0.9)),
            ),
            TemplateField("agree", "ALL", FieldKind.CHECKBOX, QUAD, "V", 0.9, checked=True),
            TemplateField("memo", "ALL", FieldKind.NORMAL, QUAD, "  ", 0.0),
        ),
    )
    [read] = TemplateReading((page,)).to_document().pages
    assert (read.index, read.width, read.height) == (2, 800, 1000)
    assert [[w.text for w in line.words] for line in read.lines] == [
        ["회원 가입 신청서"],
        ["김민수"],
        ["1", "9"],
    ]


def test_an_unread_page_keeps_its_place_and_error() -> None:
    [read] = TemplateReading((TemplatePage(0, 0, 0, error="bad page"),)).to_document().pages
    assert read.lines == () and read.error == "bad page"
