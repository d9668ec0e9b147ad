"""Phone photos: the page outline is found and flattened; scans and cropped pages are left alone."""

import cv2
import numpy as np

from hanji.engines.photo import find_page, flatten

from .samples import load_image


def _photo(page: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``page`` on a dark desk, seen at an angle; returns the photo and the page's corners in it."""
    h, w = page.shape[:2]
    out_w, out_h = int(w * 1.5), int(h * 1.5)
    corners = np.float32(
        [[0.18 * w, 0.2 * h], [1.3 * w, 0.12 * h], [1.35 * w, 1.32 * h], [0.12 * w, 1.25 * h]]
    )
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    matrix = cv2.getPerspectiveTransform(src, corners)
    desk = np.full((out_h, out_w, 3), 70, np.uint8)
    photo = cv2.warpPerspective(page, matrix, (out_w, out_h), dst=desk, borderMode=cv2.BORDER_TRANSPARENT)
    ramp = np.linspace(1.0, 0.7, out_w, dtype=np.float32)[None, :, None]
    return np.clip(photo * ramp, 0, 255).astype(np.uint8), corners


def test_the_outline_of_a_photographed_page_is_found() -> None:
    page = load_image("ko_cldr")
    photo, corners = _photo(page)
    found = find_page(photo)
    assert found is not None
    assert np.abs(found - corners).max() < 0.03 * max(photo.shape[:2])


def test_flattening_maps_boxes_back_to_the_photo() -> None:
    photo, corners = _photo(load_image("ko_cldr"))
    flat = flatten(photo)
    assert flat is not None
    h, w = flat.image.shape[:2]
    from hanji.core.geometry import Box

    back = flat.quad_to_photo(Box(0, 0, w, h).to_quad())
    got = np.array([[p.x, p.y] for p in back.points])
    assert np.abs(got - corners).max() < 0.03 * max(photo.shape[:2])


def test_scans_and_pages_that_fill_the_photo_are_left_alone() -> None:
    assert find_page(load_image("ko_cldr")) is None
    assert find_page(load_image("en_receipt")) is None
    photo, _ = _photo(load_image("ko_cldr"))
    assert find_page(photo[:, : photo.shape[1] // 2]) is None  # the page runs off the photo
