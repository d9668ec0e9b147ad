"""A second look at page pixels: the port a document extractor reads a region through.

The engines implement it (with their registered detector and recognisers); extractors receive it
with the page image, so nothing outside the engines builds an OCR session of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from hanji.core.geometry import Box


@dataclass(frozen=True)
class ReadLine:
    """One line read from pixels: text, confidence 0..1, and its box in the image given."""

    text: str
    confidence: float
    box: Box


class TextReader(Protocol):
    """Reads text from an RGB (or grey) image region."""

    def read_lines(self, image: npt.NDArray[np.uint8], alphabet: str | None = None) -> list[ReadLine]:
        """Detect and read the lines of ``image``, top to bottom.

        ``alphabet`` restricts the characters (an MRZ reads only ``A-Z0-9<``); readers that cannot
        restrict return an empty list for it.
        """
        ...

    def read_crop(self, crop: npt.NDArray[np.uint8]) -> ReadLine:
        """Read one line crop, without detection."""
        ...


@dataclass(frozen=True)
class PageImage:
    """The pixels of a page (BGR as decoded, or grey) and a reader for second looks at them."""

    pixels: npt.NDArray[np.uint8]
    reader: TextReader
