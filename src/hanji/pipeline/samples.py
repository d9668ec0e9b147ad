"""A template's sample image as the builder keeps it: the file's first page, decoded under the
intake limits and written as PNG. It runs as an executor task, so a hostile sample costs a worker's
memory and time, never the server's."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

from hanji.core.errors import RequestBodyInvalid
from hanji.intake.decode import decode_pages
from hanji.intake.limits import IntakeLimits


@dataclass(frozen=True)
class SamplePng:
    png: bytes
    width: int
    height: int


def sample_png(data: bytes, *, declared_format: str | None, limits: IntakeLimits) -> SamplePng:
    """Decode ``data`` (a PDF gives its first page) to PNG.

    Raises:
        ClovaError: the file is refused by intake, or its first page cannot be drawn (``0011``).
    """
    first = decode_pages(data, declared_format=declared_format, limits=limits)[0]
    if first.image is None:
        raise RequestBodyInvalid(first.error or "the first page cannot be read")
    buffer = io.BytesIO()
    Image.fromarray(first.image).save(buffer, "PNG")
    return SamplePng(buffer.getvalue(), first.width, first.height)
