"""Reading a filled form end to end (match, align, OCR, normalise) under distortions: values exact."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image

from hanji.core.template_reading import FieldKind, TemplatePage
from hanji.intake.limits import IntakeLimits
from hanji.templates.candidates import TemplateSpec
from hanji.templates.flow import read_with_templates
from tests.templates.forms import (
    KOREAN_FORM,
    FieldSpec,
    FormSpec,
    jpeg,
    perspective,
    render_form,
    rotate,
    scale,
    template_spec,
    to_png,
)

pytestmark = pytest.mark.slow

FILLED = {
    "name": "김민수",
    "phone": ["010", "4821", "7735"],
    "birth": "1990.03.15",
    "amount": "1,250,000",
    "email": "kim@example.com",
    "agree": True,
}
EXPECTED = {
    "name": "김민수",
    "phone": "01048217735",
    "birth": "1990-03-15",
    "amount": "1250000",
    "email": "kim@example.com",
}
OTHER = {
    "name": "박서연",
    "phone": ["02", "555", "0199"],
    "birth": "2001/12/03",
    "amount": "87,000",
    "email": "sy.park@hanji.kr",
    "agree": False,
}
OTHER_EXPECTED = {
    "name": "박서연",
    "phone": "025550199",
    "birth": "2001-12-03",
    "amount": "87000",
    "email": "sy.park@hanji.kr",
}


@pytest.fixture(scope="module")
def templates() -> list[TemplateSpec]:
    blank, definition = render_form(KOREAN_FORM)
    return [template_spec(7, "membership", definition, to_png(blank))]


def read(image: Image.Image, templates: list[TemplateSpec]) -> TemplatePage:
    [page] = read_with_templates(
        to_png(image), declared_format="png", templates=templates, languages=["ko"], limits=IntakeLimits()
    )
    return page


CASES: list[tuple[str, dict[str, Any], dict[str, str], Callable[[Image.Image], Image.Image]]] = [
    ("rotate+8 jpeg30", FILLED, EXPECTED, lambda im: jpeg(rotate(im, 8), 30)),
    (
        "rotate-8 perspective scale0.6",
        OTHER,
        OTHER_EXPECTED,
        lambda im: scale(perspective(rotate(im, -8), 0.06, seed=2), 0.6),
    ),
    ("scale1.5 turn180", FILLED, EXPECTED, lambda im: scale(im, 1.5).rotate(180)),
]


@pytest.mark.parametrize(("name", "values", "expected", "distort"), CASES, ids=[c[0] for c in CASES])
def test_fields_are_read_exactly(
    templates: list[TemplateSpec],
    name: str,
    values: dict[str, Any],
    expected: dict[str, str],
    distort: Callable[[Image.Image], Image.Image],
) -> None:
    page = read(distort(render_form(KOREAN_FORM, values)[0]), templates)
    assert page.template is not None and page.template.id == 7
    got = {f.name: f.text for f in page.fields}
    assert {k: got[k] for k in expected} == expected
    fields = {f.name: f for f in page.fields}
    assert fields["agree"].kind is FieldKind.CHECKBOX and fields["agree"].checked is values["agree"]
    assert fields["phone"].kind is FieldKind.MULTI_BOX
    assert [s.text for s in fields["phone"].boxes] == values["phone"]
    assert page.title is not None and page.title.text.replace(" ", "") == "회원가입신청서"


def test_a_page_that_is_no_template_is_not_matched(templates: list[TemplateSpec]) -> None:
    page = read(Image.new("RGB", (800, 1000), "white"), templates)
    assert page.template is None and page.fields == ()


BIRTH_BOX_FORM = FormSpec(
    title="재직 증명 신청서",
    fields=(
        FieldSpec("name", "성명", "line", "text", 360),
        FieldSpec("birth", "생년월일", "chars", "text", 480, 8),
        FieldSpec("dept", "부서", "line", "text", 360),
    ),
    seed=5,
)


@pytest.mark.parametrize(
    ("name", "birth", "dept"),
    [("최유진", "19900315", "영업2팀"), ("남궁민", "20011207", "인사팀")],
)
def test_a_name_and_one_digit_per_box_are_read_exactly(name: str, birth: str, dept: str) -> None:
    blank, definition = render_form(BIRTH_BOX_FORM)
    templates = [template_spec(3, "employment", definition, to_png(blank))]
    filled = render_form(BIRTH_BOX_FORM, {"name": name, "birth": list(birth), "dept": dept})[0]
    page = read(jpeg(rotate(filled, 3), 60), templates)
    fields = {f.name: f for f in page.fields}
    assert fields["name"].text == name
    assert [s.text for s in fields["birth"].boxes] == list(birth)
    assert fields["dept"].text == dept
