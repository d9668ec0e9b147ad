"""Golden table pages: rendered images with the words and cell structure known exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from hanji.core.geometry import Quad
from hanji.core.result import Word

DATA = Path(__file__).resolve().parent.parent / "data" / "tables"


def load_golden(name: str) -> tuple[np.ndarray, list[Word], list[dict[str, Any]]]:
    """Image (RGB), words (from the rendering) and the expected tables of one golden page."""
    spec = json.loads((DATA / f"{name}.json").read_text())
    image = np.asarray(Image.open(DATA / spec["image"]).convert("RGB"))
    words = [Word(w["text"], Quad.from_sequence(w["quad"]), 1.0) for w in spec["words"]]
    return image, words, spec["tables"]
