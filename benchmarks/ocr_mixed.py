"""Mixed-script pages: does per-line script routing lose anything when Korean meets Japanese,
Chinese or English on one page?

Each test page is composed from two real rendered pages of ``../shared/data/rendered``: the top
half of a Korean page above the bottom half of a page in another language, ground-truth lines kept
where they fall wholly inside their half (coordinates shifted). The request asks for both
languages (``ko,ja`` …), as a client of a Korean+Japanese domain would. Scored with the shared
box-matched CER. Paths:

- ``default``: ``recognize`` (the hybrid engine: Hangul reader first, PP-OCR for the rest, merged),
- ``tesseract``: Tesseract with both language packs on the whole page,
- ``ppocr``: PP-OCR alone (no Hangul in its dictionary).

Usage: ``python -m benchmarks.ocr_mixed [--pairs ja,zh,en] [--pages 3]``
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from benchmarks.ocr_accuracy import SHARED, load_scorer

LANG_DIRS = {"ja": "ja", "zh-TW": "zh", "en": "en"}
GtLine = tuple[int, int, int, int, str]


def compose(top: Path, bottom: Path, scorer: Any) -> tuple[np.ndarray, list[GtLine]]:
    """Stack the top half of one page on the bottom half of another, with their truth lines."""
    a = np.array(Image.open(top).convert("RGB"))
    b = np.array(Image.open(bottom).convert("RGB"))
    width = min(a.shape[1], b.shape[1])
    cut_a, cut_b = a.shape[0] // 2, b.shape[0] // 2
    page = np.vstack([a[:cut_a, :width], b[cut_b:, :width]])
    truth: list[GtLine] = []
    scorer.DIR = str(top.parent.parent)
    truth += [g for g in scorer.gt_lines(top.stem) if g[3] <= cut_a and g[2] <= width]
    scorer.DIR = str(bottom.parent.parent)
    shift = cut_a - cut_b
    for x0, y0, x1, y1, text in scorer.gt_lines(bottom.stem):
        if y0 >= cut_b and x1 <= width:
            truth.append((x0, y0 + shift, x1, y1 + shift, text))
    return page, truth


def read(path: str, image: np.ndarray, languages: list[str]) -> Any:
    from hanji.engines import recognize

    return recognize(image, languages, None if path == "default" else path)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", default="ja,zh-TW,en", help="languages set beside Korean")
    parser.add_argument("--pages", type=int, default=3, help="composed pages per pair")
    parser.add_argument("--paths", default="default,tesseract,ppocr")
    args = parser.parse_args()
    scorer = load_scorer()
    ko_pages = sorted((SHARED / "data" / "rendered" / "ko" / "img").glob("*.jpg"))
    print("| pair | path | pages | CER | median s/page |")
    print("|---|---|---|---|---|")
    for other in args.pairs.split(","):
        others = sorted((SHARED / "data" / "rendered" / LANG_DIRS[other] / "img").glob("*.jpg"))
        pages = [compose(ko_pages[i], others[i], scorer) for i in range(min(args.pages, len(others)))]
        for path in args.paths.split(","):
            dist = ref = 0
            secs: list[float] = []
            for image, truth in pages:
                start = time.perf_counter()
                page = read(path, image, ["ko", other])
                secs.append(time.perf_counter() - start)
                words = [
                    (b.left, b.top, b.right, b.bottom, w.text) for w in page.words for b in [w.quad.bbox]
                ]
                d, r, _ = scorer.score(truth, words)
                dist, ref = dist + d, ref + r
            cer, median = dist / max(ref, 1), statistics.median(secs)
            print(f"| ko+{other} | {path} | {len(pages)} | {cer:.3f} | {median:.2f} |")


if __name__ == "__main__":
    main()
