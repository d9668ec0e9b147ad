"""A phone camera for flat page images: desk, perspective, uneven light, defocus, noise and JPEG.

Every effect is drawn from one ``random.Random``, so a seed reproduces the photo byte for byte, and
:func:`photograph` returns the page-to-photo homography so ground-truth quads can be mapped through
exactly the geometry the pixels went through.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import cv2
import numpy as np

DESKS = {
    "wood": ((122, 82, 52), (96, 63, 40), (142, 101, 66), (72, 49, 36)),
    "laminate": ((150, 150, 145), (112, 111, 113), (168, 162, 148)),
    "fabric": ((52, 61, 86), (61, 76, 62), (82, 81, 86), (96, 56, 52)),
    "stone": ((121, 118, 114), (92, 91, 93)),
}


@dataclass(frozen=True)
class Shot:
    """Photo size and the page's scale in it (photo px per page px), fixed before the page is drawn."""

    width: int
    height: int
    scale: float


def plan_shot(rng: random.Random, page_h: int) -> Shot:
    """A 3:4 portrait photo 1400–1700 px tall in which the page fills 78–88 % of the height."""
    height = rng.randint(1400, 1700)
    return Shot(round(height * 0.75), height, rng.uniform(0.78, 0.88) * height / page_h)


def smooth_noise(nrng: np.random.Generator, h: int, w: int, cells: int) -> np.ndarray:
    """Low-frequency noise in about -1..1: a coarse random grid upsampled smoothly."""
    grid = nrng.standard_normal((cells + 1, cells + 1)).astype(np.float32)
    out: np.ndarray = cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC)
    return out / (np.abs(out).max() + 1e-6)


def _desk(rng: random.Random, nrng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """A darker textured surface under the page: wood grain, laminate, woven fabric or stone."""
    kind = rng.choice(("wood", "wood", "laminate", "fabric", "stone"))
    base = np.array(rng.choice(DESKS[kind]), np.float32) * rng.uniform(0.8, 1.1)
    tone = 1 + 0.12 * smooth_noise(nrng, h, w, rng.randint(3, 8))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        th = rng.choice((0.0, math.pi / 2)) + rng.uniform(-0.15, 0.15)
        across = -xx * math.sin(th) + yy * math.cos(th)
        # Irregular grain: bands of random width across the board, bent by low-frequency noise.
        across = across + rng.uniform(15, 40) * smooth_noise(nrng, h, w, 4)
        across -= across.min()
        bands = nrng.standard_normal(int(across.max()) + 2).astype(np.float32)[None]
        bands = cv2.GaussianBlur(bands, (0, 0), rng.uniform(2, 6))[0]
        bands /= np.abs(bands).max() + 1e-6
        tone += rng.uniform(0.08, 0.16) * bands[across.astype(np.int32)]
        tone += 0.03 * np.sin(2 * math.pi * across / rng.uniform(25, 70))
    elif kind == "fabric":
        period = rng.uniform(3, 6)
        tone += 0.04 * np.sin(2 * math.pi * xx / period) * np.sin(2 * math.pi * yy / period)
        tone += 0.05 * nrng.standard_normal((h, w)).astype(np.float32)
    elif kind == "stone":
        tone += 0.06 * smooth_noise(nrng, h, w, 60) + 0.07 * nrng.standard_normal((h, w)).astype(np.float32)
    tone += 0.02 * nrng.standard_normal((h, w)).astype(np.float32)
    out: np.ndarray = tone[..., None] * base
    return out


def _page_corners(rng: random.Random, pw: float, ph: float, shot: Shot) -> np.ndarray:
    """Where the page's corners (TL, TR, BR, BL) land: keystone + jitter, a small turn, kept in frame."""
    v = np.zeros((4, 2))
    edges = {"top": (0, 1), "right": (1, 2), "bottom": (2, 3), "left": (3, 0)}
    tilted = [rng.choice(tuple(edges))]
    if rng.random() < 0.4:  # a camera tilted both ways
        tilted.append(rng.choice(("left", "right") if tilted[0] in ("top", "bottom") else ("top", "bottom")))
    rect = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], float) - 0.5
    for n, name in enumerate(tilted):
        a, b = edges[name]
        along = rect[b] - rect[a]
        inward = -(rect[a] + rect[b])  # towards the centre, perpendicular to this edge
        weight = 1.0 if n == 0 else rng.uniform(0.3, 0.7)
        v[a] += weight * (along + 0.3 * inward)
        v[b] += weight * (-along + 0.3 * inward)
    v += np.array([[rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5)] for _ in range(4)])
    v[:, 0] *= pw
    v[:, 1] *= ph
    worst = max(max(abs(dx) / pw, abs(dy) / ph) for dx, dy in v)
    v *= rng.uniform(0.03, 0.08) / worst  # the largest corner move is 3-8 % of its page side
    corners = rect * [pw, ph] + v
    th = math.radians(rng.uniform(-4, 4))
    corners = corners @ np.array([[math.cos(th), math.sin(th)], [-math.sin(th), math.cos(th)]])
    margin = 0.025 * shot.width
    half = np.abs(corners).max(axis=0)
    corners *= min(1.0, (shot.width / 2 - margin) / half[0], (shot.height / 2 - margin) / half[1])
    lo, hi = corners.min(axis=0), corners.max(axis=0)
    size = np.array([shot.width, shot.height], float)
    where = np.array([rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8)])
    centre = margin - lo + where * (size - 2 * margin - hi + lo)
    out: np.ndarray = (corners + centre).astype(np.float32)
    return out


def _light(rng: random.Random, h: int, w: int, corners: np.ndarray) -> np.ndarray:
    """Smooth uneven light (linear or radial fall-off, 20-45 % darker) and sometimes a soft shadow band."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    dark = rng.uniform(0.20, 0.45)
    if rng.random() < 0.5:
        th = rng.uniform(0, 2 * math.pi)
        proj = xx * math.cos(th) + yy * math.sin(th)
        ends = corners @ np.array([math.cos(th), math.sin(th)], np.float32)
        t = np.clip((proj - ends.min()) / (ends.max() - ends.min()), 0, 1)
        gain = 1 - dark * t ** rng.uniform(0.8, 1.6)
    else:
        lo, hi = corners.min(axis=0), corners.max(axis=0)
        cx, cy = rng.uniform(lo[0], hi[0]), rng.uniform(lo[1], hi[1])
        reach = max(math.hypot(px - cx, py - cy) for px, py in corners)
        t = np.clip(np.hypot(xx - cx, yy - cy) / reach, 0, 1)
        gain = 1 - dark * t ** rng.uniform(1.2, 2.2)
    if rng.random() < 0.4:
        lo, hi = corners.min(axis=0), corners.max(axis=0)
        px, py, phi = rng.uniform(lo[0], hi[0]), rng.uniform(lo[1], hi[1]), rng.uniform(0, math.pi)
        d = -(xx - px) * math.sin(phi) + (yy - py) * math.cos(phi)
        soft = rng.uniform(0.015, 0.05) * h
        if rng.random() < 0.6:  # a band, as from a phone or an arm held over the page
            band = 1 / (1 + np.exp(-(rng.uniform(0.04, 0.12) * h - np.abs(d)) / soft))
        else:  # the edge of a shadow covering one side
            band = 1 / (1 + np.exp(d / soft))
        gain *= 1 - rng.uniform(0.15, 0.35) * band
    out: np.ndarray = gain * rng.uniform(0.93, 1.05)
    return out


def _sensor(rng: random.Random, nrng: np.random.Generator, img: np.ndarray) -> np.ndarray:
    """Defocus, the phone's sharpening, brightness-dependent luma noise and a little chroma noise."""
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.6, 1.4))
    if rng.random() < 0.5:
        amount = rng.uniform(0.3, 0.9)
        img = cv2.addWeighted(img, 1 + amount, cv2.GaussianBlur(img, (0, 0), 1.6), -amount, 0)
    sigma = rng.uniform(1.5, 5.0)
    luma = nrng.standard_normal(img.shape[:2]).astype(np.float32)[..., None]
    level = np.sqrt(np.clip(img, 0, 255) / 255)
    chroma = nrng.standard_normal(img.shape).astype(np.float32)
    out: np.ndarray = img + sigma * (0.5 + 0.5 * level) * luma + 0.4 * sigma * chroma
    return out


def encode_jpeg(rgb: np.ndarray, quality: int) -> bytes:
    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return buf.tobytes()


def photograph(page: np.ndarray, shot: Shot, rng: random.Random) -> tuple[bytes, np.ndarray]:
    """Photograph an RGB page lying on a desk; returns the JPEG bytes and the page→photo homography."""
    nrng = np.random.default_rng(rng.getrandbits(64))
    ph, pw = page.shape[:2]
    corners = _page_corners(rng, pw * shot.scale, ph * shot.scale, shot)
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    homography = cv2.getPerspectiveTransform(src, corners)
    # Low-pass before the ~0.75x resampling so thin strokes do not alias into broken glyphs.
    sigma = 0.5 * math.sqrt(max(1 / shot.scale**2 - 1, 0))
    flat = (
        cv2.GaussianBlur(page.astype(np.float32), (0, 0), sigma) if sigma > 0.05 else page.astype(np.float32)
    )
    size = (shot.width, shot.height)
    # The page warps onto black (premultiplied), the mask gives the anti-aliased paper edge.
    paper = cv2.warpPerspective(flat, homography, size, flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    alpha = cv2.warpPerspective(np.ones((ph, pw), np.float32), homography, size, flags=cv2.INTER_LINEAR)
    desk = _desk(rng, nrng, shot.height, shot.width)
    offset = np.float32([[1, 0, rng.uniform(-6, 10)], [0, 1, rng.uniform(2, 14)]])
    shade = cv2.GaussianBlur(cv2.warpAffine(alpha, offset, size), (0, 0), 0.012 * shot.height)
    desk *= (1 - rng.uniform(0.35, 0.6) * shade)[..., None]
    img = paper + desk * (1 - alpha[..., None])
    cast = np.array([1 + rng.uniform(-0.02, 0.05), 1.0, 1 + rng.uniform(-0.07, 0.02)], np.float32)
    img = img * _light(rng, shot.height, shot.width, corners)[..., None] * cast
    img = _sensor(rng, nrng, img)
    rgb = np.clip(img + 0.5, 0, 255).astype(np.uint8)
    return encode_jpeg(rgb, rng.randint(55, 85)), homography


def photograph_line(line: np.ndarray, scale: float, rng: random.Random) -> tuple[bytes, tuple[int, int]]:
    """A low-resolution phone crop of one line: light gradient, downscale, blur, noise and JPEG.

    Returns the JPEG bytes and the photo's ``(width, height)``.
    """
    nrng = np.random.default_rng(rng.getrandbits(64))
    h, w = line.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    th = rng.uniform(0, 2 * math.pi)
    proj = xx * math.cos(th) + yy * math.sin(th)
    t = (proj - proj.min()) / (np.ptp(proj) + 1e-6)
    img = line.astype(np.float32) * (1 - rng.uniform(0.08, 0.25) * t)[..., None]
    size = (max(8, round(w * scale)), max(8, round(h * scale)))
    img = cv2.resize(img, size, interpolation=cv2.INTER_AREA)
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 1.0))
    img = img + rng.uniform(1.5, 4.5) * nrng.standard_normal(img.shape[:2]).astype(np.float32)[..., None]
    rgb = np.clip(img + 0.5, 0, 255).astype(np.uint8)
    return encode_jpeg(rgb, rng.randint(55, 85)), size
