"""A file read against templates: match each page, align it, read the fields, map boxes back.

Input is :class:`~hanji.templates.candidates.TemplateSpec`s, output typed pages
(:mod:`hanji.core.template_reading`); ``hanji.pipeline.template`` runs it as the Template flow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final

from hanji.core.result import Page
from hanji.core.template_reading import (
    CombinedValue,
    FieldKind,
    MatchedTemplate,
    ReadArea,
    TemplateField,
    TemplatePage,
)
from hanji.engines.default import recognize
from hanji.engines.text_reader import EngineTextReader
from hanji.intake.decode import decode_pages
from hanji.intake.limits import IntakeLimits
from hanji.intake.page import RgbImage
from hanji.templates.alignment import rect_quad, rect_to_input, to_input, union_quad, warp_to_template
from hanji.templates.area_mask import keep_areas, template_areas
from hanji.templates.candidates import Candidate, TemplateSpec, load_candidate, text_similarity
from hanji.templates.keypoints import find_landmarks
from hanji.templates.matching import LayoutMatch, match_layout
from hanji.templates.preview import draw_preview
from hanji.templates.reading import FieldReading, Recognise, read_box, read_fields, words_in
from hanji.templates.schema import Combination, Rect
from hanji.templates.table_areas import read_table_areas
from hanji.templates.validation import check_fields
from hanji.templates.values import CLOVA_VALUE_TYPES

CLOSE_RACE: Final = 0.6
"""Candidates with at least this share of the best one's inliers are told apart by their title text."""

MAX_CONTENDERS: Final = 3


@dataclass(frozen=True, slots=True, eq=False)
class Choice:
    candidate: Candidate
    match: LayoutMatch
    score: float


def title_text(candidate: Candidate, recognise: Recognise) -> str:
    """The template's title text: as defined, else as read from the sample at save time, else read now.

    Reading now only happens for a template saved before title texts were kept (or a bare test candidate).
    """
    title = candidate.definition.title
    if title is None:
        return ""
    if title.text:
        return title.text
    if candidate.title_text is not None:
        return candidate.title_text
    return read_box(candidate.sample, title.box, recognise)[0]


def read_sample_title(sample: RgbImage, box: Rect, languages: Sequence[str]) -> str:
    """The text in a sample's title area, read once when a template is saved (see ``title_text``)."""
    return read_box(sample, box, lambda img: recognize(img, languages))[0]


def combine_values(combine: Sequence[Combination], texts: Mapping[str, str]) -> tuple[CombinedValue, ...]:
    """``combineResult`` items: each combination's non-empty field texts joined by its separator."""
    return tuple(
        CombinedValue(c.name, c.separator.join(t for n in c.fields if (t := texts.get(n, ""))))
        for c in combine
    )


def choose_template(image: RgbImage, candidates: Sequence[Candidate], recognise: Recognise) -> Choice | None:
    """The best-matching candidate for ``image``, or None.

    Layout (keypoint inliers) ranks the candidates; when several are close, as forms of one family
    are, the text read in each one's title area decides.
    """
    landmarks = find_landmarks(image)
    found = [(c, m) for c in candidates if (m := match_layout(c.landmarks, landmarks)) is not None]
    if not found:
        return None
    found.sort(key=lambda cm: cm[1].inliers, reverse=True)
    best = found[0][1].inliers
    contenders = [cm for cm in found if cm[1].inliers >= CLOSE_RACE * best][:MAX_CONTENDERS]
    if len(contenders) == 1:
        return Choice(found[0][0], found[0][1], found[0][1].score)
    choices = []
    for candidate, match in contenders:
        expected = title_text(candidate, recognise)
        if candidate.definition.title is None or not expected:
            similarity = 0.5
        else:
            aligned = warp_to_template(image, match.homography, candidate.size)
            similarity = text_similarity(
                read_box(aligned, candidate.definition.title.box, recognise)[0], expected
            )
        score = match.score * (0.4 + 0.6 * similarity)
        choices.append(Choice(candidate, match, score))
    return max(choices, key=lambda c: c.score)


def _field_result(reading: FieldReading, choice: Choice) -> TemplateField:
    h = choice.match.homography
    field = reading.field
    area = (
        rect_quad(field.boxes[0])
        if len(field.boxes) == 1
        else union_quad([rect_quad(b) for b in field.boxes])
    )
    kind = (
        FieldKind.CHECKBOX if field.checkbox else FieldKind.MULTI_BOX if field.multi_box else FieldKind.NORMAL
    )
    return TemplateField(
        name=field.name,
        value_type=CLOVA_VALUE_TYPES[field.value_type],
        kind=kind,
        quad=to_input(h, area),
        text=reading.text,
        confidence=reading.confidence,
        checked=bool(reading.checked) if field.checkbox else None,
        boxes=tuple(
            ReadArea(rect_to_input(h, b.rect), b.text, b.confidence)
            for b in (reading.boxes if kind is FieldKind.MULTI_BOX else ())
        ),
    )


def restricted_read(crop: RgbImage, alphabet: str) -> tuple[str, float]:
    """A box's crop read by the engines held to ``alphabet`` (Tesseract's whitelist, one line)."""
    line = EngineTextReader().read_line_within(crop, alphabet)
    return ("", 0.0) if line is None else (line.text, line.confidence)


def read_page(
    image: RgbImage, candidates: Sequence[Candidate], languages: Sequence[str], *, index: int = 0
) -> TemplatePage:
    """Match, align and read one page image."""
    recognise: Recognise = lambda img: recognize(img, languages)  # noqa: E731
    choice = choose_template(image, candidates, recognise)
    height, width = image.shape[:2]
    if choice is None:
        return TemplatePage(index, width, height)
    candidate = choice.candidate
    aligned = warp_to_template(image, choice.match.homography, candidate.size)
    # Only the template's areas are read: the rest of the page costs detection, not recognition.
    page: Page = recognise(keep_areas(aligned, template_areas(candidate.definition)))
    readings = read_fields(candidate.definition.fields, aligned, page, recognise, restricted_read)
    title = candidate.definition.title
    title_read = None
    if title is not None:
        lines = words_in(page, title.box)
        words = [w for line in lines for w in line]
        title_read = ReadArea(
            rect_to_input(choice.match.homography, title.box),
            " ".join(" ".join(w.text for w in line) for line in lines),
            min((w.confidence for w in words), default=0.0),
            name=title.name,
        )
    definition = candidate.definition
    values = {r.field.name: ("true" if r.checked else "") if r.field.checkbox else r.text for r in readings}
    return TemplatePage(
        index,
        width,
        height,
        template=MatchedTemplate(candidate.id, candidate.name, round(choice.score, 4)),
        title=title_read,
        fields=tuple(_field_result(r, choice) for r in readings),
        combined=(
            combine_values(definition.combine, {r.field.name: r.text for r in readings})
            if definition.combine
            else None
        ),
        tables=(
            read_table_areas(definition.tables, aligned, page, choice.match.homography)
            if definition.tables
            else None
        ),
        check=check_fields(definition.fields, values),
        validation_url=candidate.validation_url,
    )


def read_with_templates(
    data: bytes,
    *,
    declared_format: str | None,
    templates: Sequence[TemplateSpec],
    languages: Sequence[str],
    limits: IntakeLimits,
    preview: bool = False,
) -> list[TemplatePage]:
    """Read every page of a file against candidate templates; with ``preview`` each page carries a
    PNG of what was read drawn over it."""
    candidates = [load_candidate(t) for t in templates]
    pages: list[TemplatePage] = []
    for decoded in decode_pages(data, declared_format=declared_format, limits=limits):
        if decoded.image is None:
            pages.append(TemplatePage(decoded.index, 0, 0, error=decoded.error))
            continue
        result = read_page(decoded.image, candidates, languages, index=decoded.index)
        if preview:
            result = replace(result, preview_png=draw_preview(decoded.image, result))
        pages.append(result)
    return pages
