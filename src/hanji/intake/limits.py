"""Size limits applied while decoding a file, so one request cannot exhaust memory."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class IntakeLimits:
    """Limits for one file.

    Attributes:
        max_bytes: largest file accepted, in bytes (General: 50 MB).
        max_pages: most pages a PDF or TIFF may have (General: 10; Document models: 1).
        max_pixels: most pixels one page may have. Raster images over it are refused; PDF pages
            are rendered at a lower resolution instead so they fit.
        pdf_dpi: resolution PDF pages are rendered at when they fit ``max_pixels``.
    """

    max_bytes: int = 50 * MB
    max_pages: int = 10
    max_pixels: int = 50_000_000
    pdf_dpi: int = 200

    def __post_init__(self) -> None:
        if min(self.max_bytes, self.max_pages, self.max_pixels, self.pdf_dpi) < 1:
            raise ValueError(f"every intake limit must be positive: {self!r}")


def describe_bytes(size: int) -> str:
    """``52428800`` -> ``"50 MB"``: limits are named in messages the way operators configure them."""
    if size >= MB:
        return f"{size / MB:.4g} MB"
    if size >= 1024:
        return f"{size / 1024:.4g} KB"
    return f"{size} bytes"
