"""The engine contract: what every OCR engine behind the registry promises.

The docstrings here are the spec. An engine is any object with:

``name``
    The registry key (``"ppocr"``, ``"tesseract"``, ``"hybrid"``, ...).

``is_available() -> bool``
    True when its libraries and model files are installed. Must be cheap and must not load models.

``read(image, languages) -> Page``
    ``image`` is a numpy ``uint8`` array of shape ``(height, width, 3)`` in **RGB** order.
    ``languages`` are Hanji codes (``"ko"``, ``"ja"``, ``"zh-TW"``, ``"zh-CN"``, ``"en"``); English is
    always implied. Returns a :class:`hanji.core.result.Page` whose lines are in reading order, whose
    words carry 4-point quads in the input image's pixels and confidences in ``0..1``; ``index`` is 0
    (the caller renumbers pages), ``width``/``height`` are the input's, and ``rotation`` is the
    clockwise angle the engine turned the page by to read it (0 when it did not).

Engines hold heavy sessions: the registry builds each one once per process, so ``read`` must be
safe to call many times (it need not be thread-safe; workers are processes).
Engine failures raise :class:`hanji.core.errors.OcrServiceError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from hanji.core.result import Page

RgbImage = npt.NDArray[np.uint8]
"""An ``(height, width, 3)`` uint8 RGB array."""


@runtime_checkable
class OcrEngine(Protocol):
    """A text detector + recogniser that turns one page image into a :class:`Page`."""

    name: str

    def is_available(self) -> bool:
        """Whether the engine's libraries and models are installed (cheap; loads nothing)."""
        ...

    def read(self, image: RgbImage, languages: Sequence[str]) -> Page:
        """Read one upright-or-not page image; see the module docstring for the contract."""
        ...


def check_image(image: RgbImage) -> None:
    """Raise ``ValueError`` unless ``image`` is a non-empty ``(h, w, 3)`` uint8 array."""
    if image.ndim != 3 or image.shape[2] != 3 or image.dtype != np.uint8 or 0 in image.shape:
        raise ValueError(f"expected a (h, w, 3) uint8 RGB image, got {image.shape} {image.dtype}")
