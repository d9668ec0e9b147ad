"""Layout matching and alignment on rendered forms under photo-like distortions (no OCR involved)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from hanji.templates.alignment import rect_to_input, warp_to_template
from hanji.templates.checkbox import read_checkbox
from hanji.templates.keypoints import find_landmarks
from hanji.templates.matching import match_layout
from tests.templates.forms import (
    KOREAN_FORM,
    crop_margin,
    jpeg,
    perspective,
    render_form,
    rotate,
    scale,
    to_array,
)

OCR_DATA = Path(__file__).resolve().parents[1] / "data" / "ocr"
VALUES = {
    "name": "김민수",
    "phone": ["010", "4821", "7735"],
    "birth": "1990.03.15",
    "amount": "1,250,000",
    "email": "kim@example.com",
    "agree": True,
}

DISTORTIONS: dict[str, Callable[[Image.Image], Image.Image]] = {
    "rotate+8": lambda im: rotate(im, 8),
    "rotate-8": lambda im: rotate(im, -8),
    "perspective": lambda im: perspective(im, 0.08, seed=3),
    "scale0.6": lambda im: scale(im, 0.6),
    "scale1.5": lambda im: scale(im, 1.5),
    "jpeg30": lambda im: jpeg(im, 30),
    "turn90": lambda im: im.rotate(90, expand=True),
    "turn180": lambda im: im.rotate(180),
    "cropped": crop_margin,
    "all": lambda im: jpeg(scale(perspective(rotate(im, -7), 0.06, seed=5), 0.6), 30),
}


@pytest.fixture(scope="module")
def blank() -> tuple[Image.Image, dict[str, object]]:
    return render_form(KOREAN_FORM)


def aligned_correlation(template: np.ndarray, aligned: np.ndarray) -> float:
    """Normalised correlation of the two pages' blurred ink: near 1 when every rule lines up."""
    a = cv2.GaussianBlur(255 - cv2.cvtColor(template, cv2.COLOR_RGB2GRAY), (9, 9), 0).astype(float).ravel()
    b = cv2.GaussianBlur(255 - cv2.cvtColor(aligned, cv2.COLOR_RGB2GRAY), (9, 9), 0).astype(float).ravel()
    return float(np.corrcoef(a, b)[0, 1])


@pytest.mark.parametrize("name", list(DISTORTIONS))
def test_distorted_copy_is_found_and_aligned(blank: tuple[Image.Image, dict[str, object]], name: str) -> None:
    sample = to_array(blank[0])
    filled = render_form(KOREAN_FORM, VALUES)[0]
    image = to_array(DISTORTIONS[name](filled))
    match = match_layout(find_landmarks(sample), find_landmarks(image))
    assert match is not None and match.inliers >= 100
    aligned = warp_to_template(image, match.homography, (sample.shape[1], sample.shape[0]))
    assert aligned_correlation(to_array(render_form(KOREAN_FORM, VALUES)[0]), aligned) > 0.8


def test_pure_scale_gives_a_scale_homography(blank: tuple[Image.Image, dict[str, object]]) -> None:
    sample = to_array(blank[0])
    match = match_layout(find_landmarks(sample), find_landmarks(to_array(scale(blank[0], 0.5))))
    assert match is not None
    quad = rect_to_input(match.homography, (330, 320, 420, 56))
    assert np.allclose(quad.as_lists(), [[165, 160], [375, 160], [375, 188], [165, 188]], atol=2.0)


def test_upside_down_photo_maps_the_first_corner_to_the_bottom_right(
    blank: tuple[Image.Image, dict[str, object]],
) -> None:
    sample = to_array(blank[0])
    match = match_layout(find_landmarks(sample), find_landmarks(to_array(blank[0].rotate(180))))
    assert match is not None
    first = rect_to_input(match.homography, (330, 320, 420, 56)).points[0]
    assert abs(first.x - (1000 - 330)) < 3 and abs(first.y - (1300 - 320)) < 3


def test_unrelated_pages_do_not_match(blank: tuple[Image.Image, dict[str, object]]) -> None:
    sample = find_landmarks(to_array(blank[0]))
    rng = np.random.default_rng(0)
    noise = (rng.random((900, 700, 3)) * 255).astype(np.uint8)
    white = np.full((900, 700, 3), 255, np.uint8)
    receipt = np.asarray(Image.open(OCR_DATA / "en_receipt.jpg").convert("RGB"))
    for image in (noise, white, receipt):
        assert match_layout(sample, find_landmarks(np.ascontiguousarray(image))) is None


@pytest.mark.parametrize("name", ["rotate+8", "all", "turn180"])
def test_checkbox_ticks_survive_distortion(blank: tuple[Image.Image, dict[str, object]], name: str) -> None:
    sample = to_array(blank[0])
    box = (330, 230 + 5 * 90 + 11, 34, 34)  # the 'agree' checkbox, sixth row
    landmarks = find_landmarks(sample)
    for ticked in (True, False):
        image = to_array(DISTORTIONS[name](render_form(KOREAN_FORM, {**VALUES, "agree": ticked})[0]))
        match = match_layout(landmarks, find_landmarks(image))
        assert match is not None
        reading = read_checkbox(warp_to_template(image, match.homography, (1000, 1300)), box)
        assert reading.checked is ticked and reading.confidence > 0.8
