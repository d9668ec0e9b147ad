"""The engines' :class:`~hanji.core.text_reader.TextReader`: second looks for document extractors."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hanji.core.text_reader import ReadLine
from hanji.engines.transform import line_crop


class EngineTextReader:
    """Reads regions with the registered PP-OCR detector and recogniser (Tesseract for alphabets)."""

    def read_lines(self, image: npt.NDArray[np.uint8], alphabet: str | None = None) -> list[ReadLine]:
        from hanji.engines.registry import detector, page_lines, recognizer

        rgb = _rgb(image)
        if alphabet:
            return [ReadLine(t, c, b) for t, c, b in page_lines(rgb, "eng", alphabet)]
        quads = detector().detect(rgb)
        readings = recognizer("ppocr").recognize([line_crop(rgb, q) for q in quads])
        lines = [
            ReadLine(r.text, r.confidence, q.bbox) for q, r in zip(quads, readings, strict=True) if r.words
        ]
        return sorted(lines, key=lambda line: line.box.center.y)

    def read_line_within(self, crop: npt.NDArray[np.uint8], alphabet: str) -> ReadLine | None:
        """One line crop (a form's box) read with only ``alphabet``'s characters; None: nothing read."""
        from hanji.engines.registry import page_lines

        lines = page_lines(_rgb(crop), "eng", alphabet, single_line=True)
        if not lines:
            return None
        text = " ".join(t for t, _, _ in lines)
        return ReadLine(text, min(c for _, c, _ in lines), lines[0][2])

    def read_crop(self, crop: npt.NDArray[np.uint8]) -> ReadLine:
        from hanji.core.geometry import Box
        from hanji.engines.registry import recognizer

        rgb = _rgb(crop)
        (reading,) = recognizer("ppocr").recognize([rgb])
        return ReadLine(reading.text, reading.confidence, Box(0, 0, rgb.shape[1], rgb.shape[0]))


def _rgb(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    if image.ndim == 2:
        return np.ascontiguousarray(np.repeat(image[:, :, None], 3, axis=2))
    return np.ascontiguousarray(image[:, :, :3])
