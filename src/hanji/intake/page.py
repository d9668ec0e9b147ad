"""One decoded page: an RGB image, or the reason it could not be read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

RgbImage = npt.NDArray[np.uint8]
"""Height x width x 3, RGB order, uint8, C-contiguous."""


@dataclass(frozen=True, slots=True, eq=False)
class DecodedPage:
    """A page of the input file, in page order.

    Attributes:
        index: 0-based page number in the file.
        image: the page as an RGB uint8 array, or None when ``error`` is set.
        error: why this page could not be read (rendered as ``inferResult: ERROR``), else None.
    """

    index: int
    image: RgbImage | None
    error: str | None = None

    def __post_init__(self) -> None:
        if (self.image is None) == (self.error is None):
            raise ValueError("a decoded page has exactly one of image and error")

    @property
    def width(self) -> int:
        return 0 if self.image is None else int(self.image.shape[1])

    @property
    def height(self) -> int:
        return 0 if self.image is None else int(self.image.shape[0])


@dataclass(frozen=True, slots=True, eq=False)
class PageStream:
    """A file's pages, decoded one at a time as they are iterated, so a long file never holds more
    than one decoded page; ``count`` is known (and the page limit checked) before the first page.

    Iterate it once: the pages are produced on demand.
    """

    count: int
    pages: Iterator[DecodedPage]

    def __iter__(self) -> Iterator[DecodedPage]:
        return self.pages
