"""Read a template's fields on an input already warped into the template's frame.

Words OCR found on the aligned page are given to the box their centre falls in; a box the page OCR
left empty while it holds ink, or whose words spill into a neighbouring box, is read again from its
own crop. Checkboxes are read by ink, values normalised by their type.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from hanji.core.result import Page, Word
from hanji.intake.page import RgbImage
from hanji.templates.checkbox import ink_share, read_checkbox
from hanji.templates.schema import FieldDefinition, Rect
from hanji.templates.values import TYPE_ALPHABETS, fit_case, fits_type, follow_case, normalise

Recognise = Callable[[RgbImage], Page]
"""OCR of one image (the aligned page, or a crop of it) in that image's pixels."""

RestrictedRead = Callable[[RgbImage, str], tuple[str, float]]
"""OCR of one crop held to an alphabet (``"0123456789,.-+"``): its text and confidence."""

UNFIT_CONFIDENCE: Final = 0.3
"""A value that still holds characters its type forbids keeps at most this confidence."""

CROP_PAD: Final = 8
"""White margin (px) around a re-read crop: detectors miss text that touches the image edge."""

INK_FOR_TEXT: Final = 0.004
"""Ink share of an empty-looking box above which it is worth reading again from its crop."""

SPILL: Final = 0.35
"""A word with more than this share of its width outside its box straddles boxes: re-read the crops."""


@dataclass(frozen=True, slots=True)
class BoxText:
    """The text read in one box (one sub-field of a multi-box field), in the template's frame."""

    rect: Rect
    text: str
    confidence: float


@dataclass(frozen=True, slots=True)
class FieldReading:
    """One field read: raw box texts, the normalised value and, for checkboxes, the tick."""

    field: FieldDefinition
    boxes: tuple[BoxText, ...]
    text: str
    confidence: float
    checked: bool | None = None


def _inside(rect: Rect, x: float, y: float) -> bool:
    rx, ry, rw, rh = rect
    return rx <= x <= rx + rw and ry <= y <= ry + rh


def _spills(word: Word, rect: Rect) -> bool:
    box = word.quad.bbox
    rx, _, rw, _ = rect
    outside = max(0.0, rx - box.left) + max(0.0, box.right - (rx + rw))
    return box.width > 0 and outside / box.width > SPILL


def words_in(page: Page, rect: Rect) -> list[list[Word]]:
    """The words whose centre lies in ``rect``, as lines (top to bottom), each left to right."""
    lines: list[list[Word]] = []
    for line in page.lines:
        inside = [w for w in line.words if _inside(rect, w.quad.center.x, w.quad.center.y)]
        if inside:
            lines.append(sorted(inside, key=lambda w: w.quad.center.x))
    lines.sort(key=lambda ws: float(np.mean([w.quad.center.y for w in ws])))
    return lines


def _text_of(lines: list[list[Word]]) -> tuple[str, float]:
    words = [w for line in lines for w in line]
    if not words:
        return "", 0.0
    text = "\n".join(" ".join(w.text for w in line) for line in lines)
    return text, float(np.mean([w.confidence for w in words]))


def crop(image: RgbImage, rect: Rect, pad: int = CROP_PAD) -> RgbImage:
    """The box's pixels inside a white margin (clipped to the image)."""
    x, y, w, h = rect
    height, width = image.shape[:2]
    left, top = max(int(x), 0), max(int(y), 0)
    right, bottom = min(int(np.ceil(x + w)), width), min(int(np.ceil(y + h)), height)
    inner = image[top:bottom, left:right]
    out = np.full((inner.shape[0] + 2 * pad, inner.shape[1] + 2 * pad, 3), 255, dtype=np.uint8)
    out[pad : pad + inner.shape[0], pad : pad + inner.shape[1]] = inner
    return out


def read_box(image: RgbImage, rect: Rect, recognise: Recognise) -> tuple[str, float]:
    """OCR one box from its own crop; the box's printed border is cut away first."""
    x, y, w, h = rect
    # Inset by a few pixels: a box's frame read as "|" or "1" would corrupt a short value.
    inset = min(4.0, w / 8, h / 8)
    inner = (x + inset, y + inset, max(1.0, w - 2 * inset), max(1.0, h - 2 * inset))
    page = recognise(crop(image, inner))
    return _text_of([list(line.words) for line in page.lines])


def read_text_field(
    field: FieldDefinition, image: RgbImage, page: Page, recognise: Recognise
) -> tuple[BoxText, ...]:
    """Each box's text: the page OCR's words, or the box's own crop read again when that looks better."""
    results: list[BoxText] = []
    for rect in field.boxes:
        lines = words_in(page, rect)
        text, confidence = _text_of(lines)
        words = [w for line in lines for w in line]
        empty_with_ink = not words and ink_share(image, rect, inset=0.12) > INK_FOR_TEXT
        straddles = any(_spills(w, rect) for w in words)
        if empty_with_ink or straddles:
            text, confidence = read_box(image, rect, recognise)
        results.append(BoxText(rect, text, confidence))
    return tuple(results)


def read_field(
    field: FieldDefinition,
    image: RgbImage,
    page: Page,
    recognise: Recognise,
    restricted: RestrictedRead | None = None,
) -> FieldReading:
    """Read one field on the aligned image: checkbox by ink, text by OCR, then normalise by type.

    A typed value holding characters its type forbids is read again with the recogniser held to the
    type's alphabet (``restricted``); what still does not fit keeps a low confidence.
    A checkbox's text is ``""``, or its configured ``checkbox_text`` (Premium text conversion).
    """
    if field.checkbox:
        tick = read_checkbox(image, field.boxes[0])
        label = "" if field.checkbox_text is None else field.checkbox_text[0 if tick.checked else 1]
        return FieldReading(
            field, (BoxText(field.boxes[0], label, tick.confidence),), label, tick.confidence, tick.checked
        )
    boxes = read_text_field(field, image, page, recognise)
    alphabet = TYPE_ALPHABETS.get(field.value_type)
    if (
        alphabet
        and restricted is not None
        and not fits_type(field.value_type, normalise(field.value_type, "".join(b.text for b in boxes)))
    ):
        boxes = tuple(_reread(image, b, alphabet, restricted) for b in boxes)
    if field.multi_box:
        # Box order is the reading order (e.g. phone 010 | 4821 | 7735): join without separators.
        boxes = tuple(BoxText(b.rect, normalise(field.value_type, b.text), b.confidence) for b in boxes)
        joined = "".join(b.text.replace("\n", "") for b in boxes)
    else:
        joined = boxes[0].text
    lettered = field.value_type in ("alnum", "alphabet")
    regex = field.validation.regex if lettered else None
    text = fit_case(normalise(field.value_type, joined), case=field.case, regex=regex)
    if field.multi_box and lettered:
        # A one-character box alone cannot tell ``c`` from ``C``: the whole value's case decides.
        boxes = tuple(BoxText(b.rect, follow_case(b.text, text), b.confidence) for b in boxes)
    read = [b.confidence for b in boxes if b.text]
    confidence = float(np.mean(read)) if read else 0.0
    if not fits_type(field.value_type, text):
        confidence = min(confidence, UNFIT_CONFIDENCE)  # said, not hidden: a client can check it
    return FieldReading(field, boxes, text, confidence)


def _reread(image: RgbImage, box: BoxText, alphabet: str, restricted: RestrictedRead) -> BoxText:
    """``box`` read again from its crop within ``alphabet``; as it was when that reads nothing."""
    text, confidence = restricted(crop(image, box.rect), alphabet)
    return BoxText(box.rect, text, confidence) if text.strip() else box


def read_fields(
    fields: Sequence[FieldDefinition],
    image: RgbImage,
    page: Page,
    recognise: Recognise,
    restricted: RestrictedRead | None = None,
) -> list[FieldReading]:
    """Read every field, in the template's order."""
    return [read_field(f, image, page, recognise, restricted) for f in fields]
