"""The builder's test preview draws a checkbox's state (a drawn tick), never a glyph the font lacks."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from hanji.core.geometry import Quad
from hanji.core.template_reading import FieldKind, MatchedTemplate, TemplateField, TemplatePage
from hanji.templates.preview import draw_preview

QUAD = Quad.from_sequence([[100.0, 200.0], [200.0, 200.0], [200.0, 240.0], [100.0, 240.0]])


def _red(png: bytes) -> np.ndarray:
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    return (pixels[:, :, 0] > 180) & (pixels[:, :, 1] < 60) & (pixels[:, :, 2] < 60)


def _page(checked: bool) -> TemplatePage:
    field = TemplateField("agree", "ALL", FieldKind.CHECKBOX, QUAD, "", 1.0, checked=checked)
    return TemplatePage(0, 600, 400, template=MatchedTemplate(1, "t", 1.0), fields=(field,))


def test_a_ticked_box_is_drawn_and_an_empty_one_is_not_ticked() -> None:
    image = np.full((400, 600, 3), 255, dtype=np.uint8)
    ticked, empty = _red(draw_preview(image, _page(True))), _red(draw_preview(image, _page(False)))
    label = ticked[170:200, :]  # the row above the box, where the label and its tick are drawn
    assert label.any() and empty[170:200, :].any()
    assert ticked.sum() > empty.sum() + 20  # the tick's strokes, inside the same square
    columns = np.flatnonzero((ticked ^ empty).any(axis=0))
    assert columns.min() > 100  # the difference sits right of the label's start, in the square
