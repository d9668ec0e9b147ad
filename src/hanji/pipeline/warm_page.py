"""The page a worker reads while it warms up: an A4 sheet (150 dpi) of printed lines, drawn here.

Printed, not blank: a blank page runs the detector but no recogniser, so the first client page
still paid for the recognisers' working memory (~90 MB of fresh pages, 0.1–0.2 s on this machine:
``benchmarks/startup.py``). Lines of many widths grow every batch shape a real page uses.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

A4_150_DPI = (1240, 1754)
LINES = (
    "INVOICE No. 2026-0417",
    "Date 04/12/2026  Time 18:42",
    "Item                       Qty    Price      Amount",
    "Paper A4 80g               12     4,500      54,000",
    "Toner cartridge black       2    38,000      76,000",
    "Total",
    "Tax 10%                                      13,000",
    "Amount due                                  143,000",
    "Thank you. Please keep this receipt for your records.",
    "Tel 02-555-0123   Fax 02-555-0199",
    "www.example.com",
    "7",
)


def warm_page_jpeg() -> bytes:
    """The warm-up page as JPEG bytes, drawn in Pillow's own font (no system font is needed)."""
    page = Image.new("RGB", A4_150_DPI, "white")
    draw = ImageDraw.Draw(page)
    y = 90
    for size in (30, 22):
        font = ImageFont.load_default(size=size)
        for text in LINES:
            draw.text((100, y), text, fill="black", font=font)
            y += int(size * 2.0)
    out = io.BytesIO()
    page.save(out, "JPEG", quality=90)
    return out.getvalue()
