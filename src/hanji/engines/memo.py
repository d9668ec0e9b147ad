"""A line recogniser that remembers what it read, by the crop's pixels.

The orientation step reads a Korean page's widest lines with the Hangul recogniser before the page
is read; when the page is upright, the line reader then asks for the same crops again. Remembering
the last few hundred readings makes those second asks free (Tesseract is the slow Korean stage).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence

from hanji.engines.base import RgbImage
from hanji.engines.stages import LineRecognizer, Reading

REMEMBERED = 256
"""Readings kept: several pages' lines, a few hundred bytes each."""


def crop_key(crop: RgbImage) -> tuple[tuple[int, ...], bytes]:
    """Identity of a crop: its shape and a digest of its pixels."""
    return tuple(crop.shape), hashlib.blake2b(crop.tobytes(), digest_size=16).digest()


class Remembering:
    """A :class:`~hanji.engines.stages.LineRecognizer` that reads each distinct crop once."""

    def __init__(self, inner: LineRecognizer, size: int = REMEMBERED) -> None:
        self.inner = inner
        self.name = inner.name
        self.size = size
        self._seen: OrderedDict[tuple[tuple[int, ...], bytes], Reading] = OrderedDict()
        self._lock = threading.Lock()

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        keys = [crop_key(c) for c in crops]
        with self._lock:
            known = {k: self._seen[key] for k, key in enumerate(keys) if key in self._seen}
            for key in {keys[k] for k in known}:
                self._seen.move_to_end(key)
        missing = [k for k in range(len(crops)) if k not in known]
        read = self.inner.recognize([crops[k] for k in missing]) if missing else []
        with self._lock:
            for k, reading in zip(missing, read, strict=True):
                self._seen[keys[k]] = reading
                self._seen.move_to_end(keys[k])
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)
        found = dict(zip(missing, read, strict=True)) | known
        return [found[k] for k in range(len(crops))]
