import numpy as np
import pytest

from hanji.core.geometry import Box
from hanji.engines.transform import crop_quad, downscale, turn_clockwise, unturn_quad


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_unturn_maps_a_marked_pixel_back(rotation: int) -> None:
    image = np.zeros((40, 60, 3), np.uint8)
    image[5:10, 20:30] = 255
    turned = turn_clockwise(image, rotation)
    ys, xs = np.nonzero(turned[:, :, 0])
    found = Box(float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1)).to_quad()
    back = unturn_quad(found, rotation, 60, 40).bbox
    assert (back.left, back.top, back.right, back.bottom) == (20, 5, 30, 10)


def test_downscale_keeps_small_images_and_shrinks_big_ones() -> None:
    small = np.zeros((100, 50, 3), np.uint8)
    assert downscale(small, 200)[1] == 1.0
    big, scale = downscale(np.zeros((4000, 2000, 3), np.uint8), 1000)
    assert big.shape[:2] == (1000, 500)
    assert scale == 0.25


def test_crop_quad_straightens_a_box() -> None:
    image = np.zeros((50, 80, 3), np.uint8)
    image[10:20, 30:70] = 200
    crop = crop_quad(image, Box(30, 10, 70, 20).to_quad())
    assert crop.shape == (10, 40, 3)
    assert crop.mean() > 190
