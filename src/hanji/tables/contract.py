"""The table-extractor contract: what every extractor in the registry promises.

An extractor finds the tables on one page image and returns their structure. It never runs OCR:
the page's words come in, and each cell's lines are built from those same words, so the text of
a cell always agrees with the page's fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from hanji.core.result import Table, Word

Image = npt.NDArray[np.uint8]
"""An RGB (H×W×3) or grayscale (H×W) page image, uint8, in the pixels the words refer to."""


@runtime_checkable
class TableExtractor(Protocol):
    """A named way of finding tables on a page.

    Attributes:
        name: Stable registry key (``"hanji"``, ``"img2table"``, …).
    """

    name: str

    def is_available(self) -> bool:
        """Say whether the extractor can run here (its optional packages are importable)."""
        ...

    def extract(self, image: Image, words: Sequence[Word]) -> list[Table]:
        """Find the tables on a page.

        Args:
            image: The page image (RGB or grayscale, uint8).
            words: The page's OCR words, in the image's pixel coordinates.

        Returns:
            Tables top to bottom. Cell indices are 0-based; a merged cell appears once with
            ``row_span``/``column_span`` > 1; every grid position is covered by exactly one cell;
            an empty cell has no lines. Each word lies in at most one cell (by its centre).
        """
        ...
