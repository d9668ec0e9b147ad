"""Intake: turn the bytes a client sent (or an image URL) into RGB page images.

Pure functions, no HTTP server code: ``decode_pages`` sniffs the real file type and rasterises
every page; ``fetch_image`` downloads an image URL without letting it reach internal addresses.
"""

from hanji.intake.decode import DecodedPage, decode_pages
from hanji.intake.fetch import fetch_image
from hanji.intake.limits import IntakeLimits
from hanji.intake.sniff import sniff_format

__all__ = ["DecodedPage", "IntakeLimits", "decode_pages", "fetch_image", "sniff_format"]
