"""Find where a template's sample lies in an input image: keypoint matches + a RANSAC homography.

The homography maps template (sample) pixels to input pixels. It copes with scale, rotation (any angle,
90/180-degree turns included), perspective and a page cut at the edges, as long as enough of the form's
printed structure is visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np
import numpy.typing as npt

from hanji.templates.keypoints import Landmarks

RATIO: Final = 0.8
"""Lowe's ratio test: a match must be clearly better than the runner-up (repeated strokes are ambiguous)."""

RANSAC_PX: Final = 5.0
"""Reprojection error (working pixels) under which a match counts as an inlier."""

MIN_INLIERS: Final = 25
"""Fewer inliers than this is no match: random pages give a handful by chance."""

MIN_INLIER_SHARE: Final = 0.12
"""Inliers over ratio-test survivors; a true match keeps far more than a chance one."""

Homography = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class LayoutMatch:
    """A template found in an input image.

    Attributes:
        homography: 3x3, template pixels -> input pixels.
        inliers: matches consistent with it.
        candidates: matches that passed the ratio test.
    """

    homography: Homography
    inliers: int
    candidates: int

    @property
    def score(self) -> float:
        """0..1: how strongly the layout matched (saturates at 200 inliers)."""
        return min(1.0, self.inliers / 200.0) * 0.7 + min(1.0, self.inliers / max(self.candidates, 1)) * 0.3


def match_layout(template: Landmarks, page: Landmarks) -> LayoutMatch | None:
    """Estimate the homography from ``template`` to ``page``, or None when the layout is not there."""
    if len(template) < MIN_INLIERS or len(page) < MIN_INLIERS:
        return None
    matcher = cv2.BFMatcher(cv2.NORM_HAMMING)
    pairs = matcher.knnMatch(template.descriptors, page.descriptors, k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < RATIO * p[1].distance]
    if len(good) < MIN_INLIERS:
        return None
    src = np.array([template.points[m.queryIdx] for m in good], dtype=np.float64) * template.scale
    dst = np.array([page.points[m.trainIdx] for m in good], dtype=np.float64) * page.scale
    work, mask = cv2.findHomography(src, dst, cv2.USAC_MAGSAC, RANSAC_PX, maxIters=5000, confidence=0.999)
    if work is None or mask is None:
        return None
    inliers = int(mask.sum())
    if inliers < MIN_INLIERS or inliers / len(good) < MIN_INLIER_SHARE:
        return None
    # Back to original pixels: H = S_page^-1 . H_work . S_template.
    s_t = np.diag([template.scale, template.scale, 1.0])
    s_p_inv = np.diag([1 / page.scale, 1 / page.scale, 1.0])
    homography: Homography = np.asarray(s_p_inv @ work @ s_t, dtype=np.float64)
    homography /= homography[2, 2]
    if not plausible(homography, template.width, template.height, page.width, page.height):
        return None
    return LayoutMatch(homography, inliers, len(good))


def project(homography: Homography, points: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Map ``(n, 2)`` points through ``homography``."""
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 1, 2)
    return np.asarray(cv2.perspectiveTransform(pts, homography), dtype=np.float64).reshape(-1, 2)


def plausible(homography: Homography, tw: int, th: int, pw: int, ph: int) -> bool:
    """Reject homographies no photo of a flat page produces: folded, mirrored, tiny or exploded ones."""
    corners = project(homography, [[0, 0], [tw, 0], [tw, th], [0, th]])
    if not np.all(np.isfinite(corners)):
        return False
    # Convex and clockwise (no mirror): every cross product of consecutive edges has the same sign.
    crosses = []
    for k in range(4):
        a, b, c = corners[k], corners[(k + 1) % 4], corners[(k + 2) % 4]
        crosses.append((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]))
    if not all(c > 0 for c in crosses):
        return False
    area = float(cv2.contourArea(corners.astype(np.float32)))
    page_area = float(pw * ph)
    # A form filling under 3% of the image cannot be read; over 30x the image means a wild estimate.
    return 0.03 * page_area <= area <= 30 * page_area
