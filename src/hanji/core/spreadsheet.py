"""Text bound for a spreadsheet cell (CSV, XLSX) that no spreadsheet will run as a formula.

OCR text is whatever the document printed — or whatever an attacker printed on it: a cell that
starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is a formula to Excel and
LibreOffice (CSV/formula injection). Such text gets a leading apostrophe, which spreadsheets show
as plain text; a plain number (``-1,200``, ``+3.5%``) is left as it is.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?%?")


def inert(text: str) -> str:
    """``text`` safe to place in a spreadsheet cell (see the module docstring)."""
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text
