"""Made-up business text for the phone-photo pages: one writer per language, all driven by one ``Random``.

A writer hands out *pieces* of a page — a title, ``(label, value)`` pairs, amounts, dates, mixed-script
lines, sentences, table headers and rows — and the page layout decides how they sit on the page.
Everything is random and invented; the Korean lists start from ``benchmarks/synthetic/common.py``.
Country, currency and language names are the CLDR spellings of each locale, written out here so the
data does not depend on whether ``babel`` is installed.
"""

from benchmarks.photo_text.base import Writer
from benchmarks.photo_text.en import EnWriter
from benchmarks.photo_text.ja import JaWriter
from benchmarks.photo_text.ko import KoWriter
from benchmarks.photo_text.zh import ZhWriter

WRITERS: dict[str, type[Writer]] = {"ko": KoWriter, "ja": JaWriter, "zh": ZhWriter, "en": EnWriter}

__all__ = ["WRITERS", "EnWriter", "JaWriter", "KoWriter", "Writer", "ZhWriter"]
