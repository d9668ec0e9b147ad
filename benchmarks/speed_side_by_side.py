"""Hanji, bare rapidocr and bare Tesseract side by side: CER and seconds per page, one process.

    PYTHONPATH=. .venv/bin/python -m benchmarks.speed_side_by_side [--limit 4] [--repeat 2]

For every set (``../shared/data/rendered/{ko,ja,zh,en}``: A4 pages; ``sroie``: real receipts; or
``--dirs`` of the same layout, e.g. pages rendered by ``benchmarks.photo_pages``) each page is read
by the three paths in turn, in an order that rotates with the page and the repetition, so the
machine's load falls on all three alike:

- ``hanji``: ``hanji.engines.recognize(image, [lang])``, the default path of a General call;
- ``rapidocr``: ``RapidOCR()`` with its defaults (PP-OCRv6 small) and the 0/180 classifier off;
- ``tesseract``: tesserocr on the page with the language's pack (``kor``, ``jpn``, ``chi_tra``,
  ``eng``), words from its iterator.

Every model is built and run once on the first page before timing. CER is the box-matched CER of
``../shared/tools/ocr_eval.py`` (imported). The table gives median wall seconds per page and the
ratios Hanji / rapidocr and Hanji / Tesseract; compare ratios, not seconds, on a shared machine.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from benchmarks.ocr_accuracy import SHARED, load_scorer

SETS = {"rendered/ko": "ko", "rendered/ja": "ja", "rendered/zh": "zh-TW", "rendered/en": "en", "sroie": "en"}
TESSERACT_PACKS = {"ko": "kor", "ja": "jpn", "zh-TW": "chi_tra", "en": "eng"}
Words = list[tuple[float, float, float, float, str]]
Reader = Callable[[np.ndarray, str], Words]


def hanji_words(image: np.ndarray, lang: str) -> Words:
    from hanji.engines import recognize

    page = recognize(image, [lang])
    return [(b.left, b.top, b.right, b.bottom, w.text) for w in page.words for b in [w.quad.bbox]]


@functools.cache
def _rapidocr() -> Any:
    from rapidocr import RapidOCR

    return RapidOCR(params={"Global.log_level": "error", "Global.use_cls": False})


def rapidocr_words(image: np.ndarray, lang: str) -> Words:
    out = _rapidocr()(image)
    words: Words = []
    for box, text in zip(out.boxes if out.boxes is not None else [], out.txts or (), strict=False):
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        words.append((min(xs), min(ys), max(xs), max(ys), text))
    return words


@functools.cache
def _tesseract(lang: str) -> Any:
    import tesserocr

    from hanji.core.engine_options import EngineOptions

    return tesserocr.PyTessBaseAPI(path=EngineOptions().tessdata, lang=TESSERACT_PACKS[lang])


def tesseract_words(image: np.ndarray, lang: str) -> Words:
    import tesserocr

    api = _tesseract(lang)
    api.SetImage(Image.fromarray(image))
    api.Recognize()
    level = tesserocr.RIL.WORD
    words: Words = []
    for word in tesserocr.iterate_level(api.GetIterator(), level):
        text, box = word.GetUTF8Text(level), word.BoundingBox(level)
        if text and box:
            words.append((*map(float, box), text))
    return words


PATHS: dict[str, Reader] = {"hanji": hanji_words, "rapidocr": rapidocr_words, "tesseract": tesseract_words}


def run_set(folder: Path, lang: str, limit: int | None, repeat: int) -> dict[str, dict[str, float]]:
    scorer = load_scorer()
    scorer.DIR = str(folder)
    ids = sorted(p.stem for p in (folder / "img").glob("*.jpg"))[:limit]
    names = list(PATHS)
    secs: dict[str, list[float]] = {n: [] for n in names}
    dist = dict.fromkeys(names, 0)
    ref = dict.fromkeys(names, 0)
    for n, page_id in enumerate(ids):
        image = np.array(Image.open(folder / "img" / f"{page_id}.jpg").convert("RGB"))
        gt = scorer.gt_lines(page_id)
        if n == 0:
            for name in names:
                PATHS[name](image, lang)  # sessions and packs loaded outside the timing
        for r in range(repeat):
            shift = (n + r) % len(names)
            for name in names[shift:] + names[:shift]:
                start = time.perf_counter()
                words = PATHS[name](image, lang)
                secs[name].append(time.perf_counter() - start)
                if r == 0:
                    d, total, _ = scorer.score(gt, words)
                    dist[name] += d
                    ref[name] += total
    return {
        name: {"cer": dist[name] / max(ref[name], 1), "s": statistics.median(secs[name]), "pages": len(ids)}
        for name in names
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=",".join(SETS), help="comma list from: " + ", ".join(SETS))
    ap.add_argument("--dirs", nargs="*", default=[], help="extra sets as DIR=LANG (img/ and box/ inside)")
    ap.add_argument("--limit", type=int, default=4, help="pages per set")
    ap.add_argument("--repeat", type=int, default=2, help="timed reads of each page per path")
    args = ap.parse_args()
    sets = [(name, SHARED / "data" / name, SETS[name]) for name in args.sets.split(",") if name]
    for extra in args.dirs:
        path, _, lang = extra.partition("=")
        sets.append((Path(path).name, Path(path), lang or "ko"))
    print(
        "| set | pages | Hanji CER | rapidocr CER | Tesseract CER | Hanji s | rapidocr s | Tesseract s "
        "| Hanji / rapidocr | Hanji / Tesseract |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, folder, lang in sets:
        r = run_set(folder, lang, args.limit, args.repeat)
        h, p, t = r["hanji"], r["rapidocr"], r["tesseract"]
        print(
            f"| {name} | {h['pages']:.0f} | {h['cer']:.3f} | {p['cer']:.3f} | {t['cer']:.3f} | {h['s']:.2f} "
            f"| {p['s']:.2f} | {t['s']:.2f} | {h['s'] / p['s']:.2f} | {h['s'] / t['s']:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
