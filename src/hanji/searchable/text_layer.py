"""A page's invisible text: every OCR word drawn in render mode 3 across its own (possibly turned) quad.

The layer is written in the page image's pixel frame and mapped onto the PDF page by one ``cm``,
so the same code serves image pages and the pages of an input PDF. Each word is one text object
stretched (``Tz``) to its box and followed by a space where the OCR has one, so extractors see the
OCR's spaces and never invent any inside a CJK run (no gaps there).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

from hanji.core.geometry import Point, Quad
from hanji.core.result import Line, Page, Word
from hanji.searchable.font import TextFonts

Matrix = tuple[float, float, float, float, float, float]
_MIN_SIZE = 0.5  # pixels: a degenerate quad still gets a (tiny) box, so its text is not lost
_WORD_GAP = 0.25  # of the font size: the least gap left before the next word of a line


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where a word sits: baseline origin, unit reading direction, unit 'up', font size, length."""

    origin: Point
    along: Point
    up: Point
    size: float
    length: float


def page_text_layer(page: Page, fonts: TextFonts, to_page: Matrix) -> bytes:
    """The content stream that draws ``page``'s words invisibly.

    Args:
        page: the OCR result, in pixels of the page image.
        fonts: fonts holding every character of the page.
        to_page: the matrix from the image's pixels (y down) to the PDF page's user space.

    Returns:
        Content-stream bytes, balanced (``q … Q``), empty when the page has no words.
    """
    parts = list(_line_ops(page.lines, fonts))
    if not parts:
        return b""
    head = f"q {_numbers(to_page)} cm BT 3 Tr\n"
    return (head + "".join(parts) + "ET Q\n").encode("ascii")


def _line_ops(lines: tuple[Line, ...], fonts: TextFonts) -> Iterator[str]:
    for line in lines:
        words = [w for w in line.words if w.text]
        frames = [_frame(word.quad, fonts) for word in words]
        for index, (word, frame) in enumerate(zip(words, frames, strict=True)):
            following = frames[index + 1] if index + 1 < len(frames) else None
            if following is not None:
                frame = _clear_of(frame, following)
            yield _draw(word.text, frame, fonts, space_after=following is not None)


def _frame(quad: Quad, fonts: TextFonts) -> _Frame:
    top_left, top_right, bottom_right, bottom_left = quad.points
    length = (_distance(top_left, top_right) + _distance(bottom_left, bottom_right)) / 2
    size = (_distance(top_left, bottom_left) + _distance(top_right, bottom_right)) / 2
    along = _unit(_minus(top_right, top_left) if length > 0 else Point(1.0, 0.0))
    up = Point(along.y, -along.x)  # a quarter turn from the reading direction, towards the top edge
    # The font's ascent-to-descent span fills the box's height; the baseline sits the descent up.
    size = max(size, _MIN_SIZE) * 1000 / (fonts.ascent - fonts.descent)
    lift = -fonts.descent / 1000 * size
    origin = Point(bottom_left.x + up.x * lift, bottom_left.y + up.y * lift)
    return _Frame(origin, along, up, size, max(length, _MIN_SIZE))


def _clear_of(frame: _Frame, following: _Frame) -> _Frame:
    """The word drawn a little shorter where the next word's box starts (almost) at its end.

    Extractors such as poppler put a space between two words only across a visible gap (about a
    tenth of the font size), whatever space characters the text holds; OCR word boxes may touch.
    """
    end = frame.length
    start = (following.origin.x - frame.origin.x) * frame.along.x + (
        following.origin.y - frame.origin.y
    ) * frame.along.y
    wanted = _WORD_GAP * frame.size
    if start - end >= wanted:
        return frame
    shorter = max(frame.length * 0.6, start - wanted)
    return replace(frame, length=min(frame.length, shorter))


def _draw(text: str, frame: _Frame, fonts: TextFonts, *, space_after: bool) -> str:
    """One word, stretched to its box; a following space rides in the same string, past the box.

    In a string of its own the space would be a one-glyph text object without ink, which PDFium
    drops, so two words would run together; the word's stretch is set by its own glyphs only.
    """
    glyphs = [fonts.glyph(char) for char in text]
    natural = sum(g.width for g in glyphs) / 1000 * frame.size
    if space_after:
        glyphs.append(fonts.glyph(" "))
    stretch = 100 * frame.length / natural if natural > 0 else 100.0
    matrix = (frame.along.x, frame.along.y, frame.up.x, frame.up.y, frame.origin.x, frame.origin.y)
    ops = [f"{stretch:.3f} Tz {_numbers(matrix)} Tm"]
    current = ""
    run: list[str] = []
    for glyph in glyphs:
        if glyph.resource != current:
            if run:
                ops.append(f"<{''.join(run)}> Tj")
                run = []
            ops.append(f"/{glyph.resource} {frame.size:.3f} Tf")
            current = glyph.resource
        run.append(f"{glyph.code:04X}")
    ops.append(f"<{''.join(run)}> Tj")
    return " ".join(ops) + "\n"


def words_of(page: Page) -> Iterator[Word]:
    """The words the layer draws, in the order it draws them (tests compare against these)."""
    for line in page.lines:
        yield from (w for w in line.words if w.text)


def _numbers(values: tuple[float, ...]) -> str:
    return " ".join(_number(v) for v in values)


def _number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-", "-0") else text


def _distance(a: Point, b: Point) -> float:
    return math.hypot(b.x - a.x, b.y - a.y)


def _minus(a: Point, b: Point) -> Point:
    return Point(a.x - b.x, a.y - b.y)


def _unit(vector: Point) -> Point:
    norm = math.hypot(vector.x, vector.y) or 1.0
    return Point(vector.x / norm, vector.y / norm)
