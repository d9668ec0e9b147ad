"""Templates prepared for matching: decoded sample, its landmarks and title text, cached per process.

Landmarks of a sample take ~0.3 s to find; a worker process keeps them keyed by the sample's blob key
(content-addressed, so an edited sample gets a new key and a stale entry is never used).
"""

from __future__ import annotations

import difflib
import io
import json
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from typing import Final

import numpy as np
from PIL import Image

from hanji.intake.page import RgbImage
from hanji.templates.keypoints import Landmarks, find_landmarks
from hanji.templates.schema import TemplateDefinition, parse_definition

CACHE_SIZE: Final = 64


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    """A template as a read needs it, with its sample's bytes, so no database is needed to run it."""

    id: int
    name: str
    definition_json: str
    """The stored definition, as JSON text (parsed and checked again where it runs)."""
    sample_key: str
    """The sample's content-addressed blob key: the per-process cache of landmarks is keyed by it."""
    sample: bytes
    """The sample image (PNG)."""
    validation_url: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Candidate:
    """A template that an input page may be matched against."""

    id: int
    name: str
    definition: TemplateDefinition
    sample: RgbImage
    landmarks: Landmarks
    validation_url: str | None = None
    title_text: str | None = None
    """The title area's text read from the sample when the template was saved (None: not read yet)."""

    @property
    def size(self) -> tuple[int, int]:
        return self.landmarks.width, self.landmarks.height


_cache: OrderedDict[str, tuple[RgbImage, Landmarks]] = OrderedDict()


def decode_sample(data: bytes) -> RgbImage:
    with Image.open(io.BytesIO(data)) as image:
        return np.ascontiguousarray(np.asarray(image.convert("RGB"), dtype=np.uint8))


def _sample(key: str, data: bytes) -> tuple[RgbImage, Landmarks]:
    hit = _cache.get(key)
    if hit is not None:
        _cache.move_to_end(key)
        return hit
    image = decode_sample(data)
    entry = (image, find_landmarks(image))
    _cache[key] = entry
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return entry


def load_candidate(spec: TemplateSpec) -> Candidate:
    """A candidate ready for matching; ``definition["sample"]["title_text"]``, when there, is the
    title text read once at save time."""
    image, landmarks = _sample(spec.sample_key, spec.sample)
    stored = json.loads(spec.definition_json)
    definition = parse_definition(stored)
    sample_info = stored.get("sample") or {}
    title_text = sample_info.get("title_text")
    return Candidate(
        spec.id,
        spec.name,
        definition,
        image,
        landmarks,
        spec.validation_url,
        title_text if isinstance(title_text, str) else None,
    )


def squash(text: str) -> str:
    return unicodedata.normalize("NFKC", "".join(text.split())).casefold()


def text_similarity(a: str, b: str) -> float:
    """0..1 similarity of two texts, ignoring spaces and case."""
    x, y = squash(a), squash(b)
    if not x or not y:
        return 0.0
    return difflib.SequenceMatcher(None, x, y).ratio()
