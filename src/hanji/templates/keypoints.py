"""Visual landmarks of a page: ORB keypoints on a normalised-size grey image.

Both the template's sample and the input are shrunk to the same working size first, so the scale of a
photo or scan matters little; ORB descriptors are rotation invariant, so 90/180-degree turns and tilted
photos still match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np
import numpy.typing as npt

from hanji.intake.page import RgbImage

WORK_SIDE: Final = 1100
"""Long side (px) images are resized to before detection: text strokes stay visible, detection stays fast."""

MAX_FEATURES: Final = 2000
"""Keypoints kept per image. Matching is a brute-force Hamming comparison of every pair, so its cost
grows with the square of this; 2,000 match every distorted page of ``benchmarks.templates`` as
5,000 did, at a sixth of the comparisons (``benchmarks/RESULTS_speed.md``)."""


@dataclass(frozen=True, slots=True, eq=False)
class Landmarks:
    """Keypoints of one image.

    Attributes:
        points: ``(n, 2)`` float32 keypoint positions in the *original* image's pixels.
        descriptors: ``(n, 32)`` uint8 ORB descriptors (empty when the page is blank).
        width: original image width.
        height: original image height.
        scale: working-size / original-size factor (RANSAC thresholds are set in working pixels).
    """

    points: npt.NDArray[np.float32]
    descriptors: npt.NDArray[np.uint8]
    width: int
    height: int
    scale: float

    def __len__(self) -> int:
        return int(self.points.shape[0])


def grey(image: RgbImage) -> npt.NDArray[np.uint8]:
    return np.asarray(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), dtype=np.uint8)


def find_landmarks(image: RgbImage) -> Landmarks:
    """Detect ORB keypoints on ``image`` (RGB) at the working size."""
    height, width = image.shape[:2]
    scale = (
        min(1.0, WORK_SIDE / max(height, width))
        if max(height, width) > WORK_SIDE
        else WORK_SIDE / max(height, width)
    )
    small = cv2.resize(
        grey(image),
        (max(1, round(width * scale)), max(1, round(height * scale))),
        interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR,
    )
    # Local contrast normalisation: phone photos have shading that hides faint rules and strokes.
    small = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(small)
    orb = cv2.ORB.create(nfeatures=MAX_FEATURES, scaleFactor=1.2, nlevels=8, fastThreshold=12)
    keypoints, descriptors = orb.detectAndCompute(small, None)
    if descriptors is None or not keypoints:
        return Landmarks(np.zeros((0, 2), np.float32), np.zeros((0, 32), np.uint8), width, height, scale)
    points = np.array([kp.pt for kp in keypoints], dtype=np.float32) / scale
    return Landmarks(points, np.asarray(descriptors, dtype=np.uint8), width, height, scale)
