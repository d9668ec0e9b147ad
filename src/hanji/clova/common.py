"""Entry parts every CLOVA response type shares (General, Template, Document)."""

from __future__ import annotations

import uuid
from typing import Final

from hanji.core.result import Page
from hanji.core.wire import WireObject

LONG_IMAGE_RATIO: Final = 3.0
"""A page taller than this many widths is flagged ``longImage`` (receipts, phone screenshots)."""

VALIDATION_NOT_REQUESTED: Final = {"result": "NO_REQUESTED"}


def new_uid() -> str:
    """A fresh entry uid: 32 lowercase hex characters."""
    return uuid.uuid4().hex


def converted_image_info(page: Page) -> WireObject:
    """``convertedImageInfo``: the size of the (rasterised) page that coordinates refer to."""
    long_image = page.width > 0 and page.height / page.width > LONG_IMAGE_RATIO
    return {"width": page.width, "height": page.height, "pageIndex": page.index, "longImage": long_image}
