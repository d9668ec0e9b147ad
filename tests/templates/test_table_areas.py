"""A form with a ruled table area, combined fields and checkbox text, read end to end in input pixels."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from hanji.core.geometry import Quad
from hanji.core.result import Page
from hanji.core.template_reading import CombinedValue, MatchedTemplate, TableAreaReading, TemplatePage
from hanji.intake.limits import IntakeLimits
from hanji.intake.page import RgbImage
from hanji.templates.candidates import TemplateSpec, load_candidate
from hanji.templates.flow import read_with_templates, title_text
from hanji.templates.preview import draw_preview
from tests.templates.forms import TABLE_FORM, render_form, rotate, template_spec, to_array, to_png

ITEMS = [["Item", "Qty", "Price"], ["Bolt", "12", "3.50"], ["Nut", "40", "0.20"]]


def definition_and_sample() -> tuple[dict[str, Any], bytes]:
    blank, definition = render_form(TABLE_FORM)
    definition["fields"][1]["checkbox_text"] = {"checked": "V", "unchecked": ""}
    definition["combine"] = [{"name": "order", "fields": ["buyer", "rush"], "separator": " / "}]
    return definition, to_png(blank)


def template() -> TemplateSpec:
    return template_spec(5, "parts", *definition_and_sample())


@pytest.mark.slow
def test_table_area_combine_and_checkbox_text_are_read() -> None:
    photo = rotate(render_form(TABLE_FORM, {"buyer": "Ada Lovelace", "rush": True, "items": ITEMS})[0], 5)
    [page] = read_with_templates(
        to_png(photo), declared_format="png", templates=[template()], languages=["en"], limits=IntakeLimits()
    )
    assert page.template is not None and page.template.id == 5
    buyer, rush = page.fields
    assert buyer.text == "Ada Lovelace"
    assert rush.checked is True and rush.text == "V"
    assert page.combined == (CombinedValue("order", "Ada Lovelace / V"),)
    assert page.tables is not None
    [area] = page.tables
    assert area.name == "items" and area.table is not None
    cells = {(c.row, c.column): c.text for c in area.table.cells}
    assert cells == {(r, c): text for r, row in enumerate(ITEMS) for c, text in enumerate(row)}
    # Mapped back into the rotated photo: every cell corner lies inside it, and the rotation shows.
    for cell in area.table.cells:
        for point in cell.quad.points:
            assert 0 <= point.x <= photo.width and 0 <= point.y <= photo.height
    top_left, top_right = area.table.cells[0].quad.points[:2]
    assert top_right.y < top_left.y - 10  # turned counter-clockwise by 5°: the top edge rises to the right


def test_a_title_text_kept_at_save_time_is_not_read_again() -> None:
    definition, sample = definition_and_sample()
    definition["sample"] = {"width": 1000, "height": 1300, "title_text": "Parts Order"}
    candidate = load_candidate(template_spec(5, "parts", definition, sample))

    def no_ocr(image: RgbImage) -> Page:
        raise AssertionError("the sample was OCRed again")

    assert title_text(candidate, no_ocr) == "Parts Order"


def test_the_preview_draws_table_areas() -> None:
    quad = Quad.from_sequence([[100.0, 100.0], [300.0, 100.0], [300.0, 200.0], [100.0, 200.0]])
    blank = to_array(render_form(TABLE_FORM)[0])
    page = TemplatePage(0, 1000, 1300, template=MatchedTemplate(5, "parts", 1.0))
    with_area = replace(page, tables=(TableAreaReading("items", quad, None),))
    assert draw_preview(blank, with_area) != draw_preview(blank, page)
