"""Korean line recognisers side by side: Hanji's own (``hanji-korean``) against Tesseract
``kor+Hangul`` (what the default path read Hangul lines with before), on the same lines.

Sets (all in fonts the Korean recogniser never trained on: UnFonts and Baekmuk; UnPilgi for hand):
``clean`` — business lines (the photo benchmark's Korean writer), tight black-on-white crops;
``photo`` — the same lines photographed small, blurred, noisy and JPEG'd;
``ks`` — ten random KS X 1001 syllables a line (every one of the 2,350 appears), clean;
``hand`` — business lines in a handwriting face.
CER is edit distance over the characters with spaces removed, per set; ms per line is timed in one
process holding both recognisers, reading each line with each in turn; peak RSS is per process.

    .venv/bin/python -m benchmarks.korean_lines --lines 300
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import resource
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from benchmarks.photo_camera import photograph_line
from benchmarks.photo_pages import Face, _line_image, discover_faces, ink_ratio, line_text
from benchmarks.photo_text import WRITERS
from hanji.engines.scripts import ks_x_1001_syllables
from hanji.training.edit_distance import edit_distance as distance

READERS = ("hanji-korean", "tesseract-kor", "tesseract-kor+Hangul", "tesseract-kor|hanji-korean")
MARGINS = tuple((m, g) for g in (1.0, 0.9, 0.8, 0.7) for m in (0.0, 0.1, 0.2, 0.3))
"""Second-opinion (margin, gate) pairs reported: the pair reader's CER had it used each."""
SETS = ("clean", "photo", "ks", "hand")
SEED = 7


def faces(hand: bool) -> list[Face]:
    """UnFonts and Baekmuk faces (never in the recogniser's training), print or handwriting."""
    if hand:
        import subprocess

        out = subprocess.run(
            ["fc-list", "--format", "%{file}\t%{family}\n", ":lang=ko"], capture_output=True, text=True
        )
        rows = sorted({r.split("\t")[0] for r in out.stdout.splitlines() if "UnPilgi" in r})
        return [Face(path, 0, "UnPilgi", "Regular", False) for path in rows]
    picked = [
        f
        for f in discover_faces("ko")
        if (f.family.startswith("Un") or f.family.startswith("Baekmuk")) and "Pilgi" not in f.family
    ]
    return picked


def lines(set_name: str, count: int) -> list[tuple[np.ndarray[Any, Any], str]]:
    rng = random.Random(f"{SEED}/{set_name}")
    pool = faces(set_name == "hand")
    syllables = list(ks_x_1001_syllables())  # same order as before: EUC-KR code order
    rng.shuffle(syllables)
    out = []
    for i in range(count):
        face = rng.choice(pool)
        if set_name == "ks":
            text = "".join(syllables[(10 * i + k) % len(syllables)] for k in range(10))
        else:
            text = line_text(WRITERS["ko"](rng), rng)
        if set_name == "photo":
            size, text_px = 64, rng.uniform(18, 24)
            scale = text_px / (size * ink_ratio(face, "ko"))
            margins = tuple(round(rng.uniform(4, 14) / scale) for _ in range(4))
            img = _line_image(text, face, size, margins, rng.randint(200, 245), rng.randint(15, 70))
            jpeg, _ = photograph_line(img, scale, rng)
            img = cv2.cvtColor(
                cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB
            )
        else:
            size = rng.randint(28, 44)
            img = _line_image(text, face, size, tuple(rng.randint(3, 8) for _ in range(4)), 255, 0)
        out.append((np.ascontiguousarray(img), text))
    return out


def squeeze(text: str) -> str:
    return "".join(text.split())


def accuracy(reader: str, count: int, queue: Any) -> None:
    """One reader over every set in its own process: CER per set and the process's peak RSS."""
    from hanji.engines.registry import recognizer
    from hanji.engines.second_opinion import SecondOpinion

    rec = recognizer(reader)
    result: dict[str, Any] = {}
    for set_name in SETS:
        errors = total = 0
        worst: list[tuple[int, str, str]] = []
        by_margin = dict.fromkeys(MARGINS, 0)
        for img, text in lines(set_name, count):
            got = rec.recognize([img])[0].text
            d = distance(squeeze(got), squeeze(text))
            errors, total = errors + d, total + len(squeeze(text))
            worst.append((d, text, got))
            if isinstance(rec, SecondOpinion):
                first, second = rec.first.recognize([img])[0], rec.second.recognize([img])[0]
                for margin, gate in MARGINS:
                    pick = SecondOpinion(rec.first, rec.second, margin, gate).pick(first, second)
                    by_margin[(margin, gate)] += distance(squeeze(pick.text), squeeze(text))
        result[set_name] = errors / max(total, 1)
        result[f"{set_name}-worst"] = sorted(worst, reverse=True)[:3]
        result[f"{set_name}-margins"] = {m: e / max(total, 1) for m, e in by_margin.items()}
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((reader, result))


def speed(count: int) -> dict[str, float]:
    """ms per line of each reader, interleaved line by line on the clean and photo sets."""
    from hanji.engines.registry import recognizer

    recs = {name: recognizer(name) for name in READERS}
    sample = lines("clean", count) + lines("photo", count)
    for rec in recs.values():
        rec.recognize([sample[0][0]])
    spent = dict.fromkeys(READERS, 0.0)
    for img, _ in sample:
        for name, rec in recs.items():
            began = time.perf_counter()
            rec.recognize([img])
            spent[name] += time.perf_counter() - began
    return {name: 1000 * s / len(sample) for name, s in spent.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=300, help="lines per set")
    ap.add_argument("--speed-lines", type=int, default=60, help="lines per set for the timing")
    a = ap.parse_args()
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    results: dict[str, dict[str, Any]] = {}
    for reader in READERS:  # one at a time: each process's RSS is its own reader's
        proc = ctx.Process(target=accuracy, args=(reader, a.lines, queue))
        proc.start()
        name, result = queue.get()
        proc.join()
        results[name] = result
    timing = speed(a.speed_lines)
    from hanji.engines.backends.korean import MODEL

    size = {
        "hanji-korean": MODEL.stat().st_size / 1e6,
        "tesseract-kor": tessdata_mb(("kor",)),
        "tesseract-kor+Hangul": tessdata_mb(("kor", "Hangul")),
    }
    size["tesseract-kor|hanji-korean"] = size["hanji-korean"] + size["tesseract-kor"]
    print(f"| reader | {' | '.join(SETS)} | ms/line | peak RSS MB | model MB |")
    print("|---|" + "---|" * (len(SETS) + 3))
    for reader in READERS:
        r = results[reader]
        cells = " | ".join(f"{r[s]:.3f}" for s in SETS)
        print(f"| {reader} | {cells} | {timing[reader]:.1f} | {r['rss_mb']:.0f} | {size[reader]:.1f} |")
    ratios = ", ".join(f"{r} {timing[r] / timing['tesseract-kor']:.2f}" for r in READERS)
    print(f"\n{a.lines} lines per set, seed {SEED}; time per line / tesseract-kor's: {ratios}")
    pair = results["tesseract-kor|hanji-korean"]
    print("\n| margin | gate | " + " | ".join(SETS) + " |\n|---|---|" + "---|" * len(SETS))
    for key in MARGINS:
        cells = " | ".join(f"{pair[f'{s}-margins'][key]:.3f}" for s in SETS)
        print(f"| {key[0]} | {key[1]} | {cells} |")
    for reader in READERS:
        for s in SETS:
            for d, want, got in results[reader][f"{s}-worst"]:
                print(f"  {reader} {s} d={d}: {want!r} -> {got!r}")


def tessdata_mb(packs: tuple[str, ...]) -> float:
    from hanji.engines.options import OPTIONS

    files = [Path(OPTIONS.tessdata) / f"{pack}.traineddata" for pack in packs]
    return sum(f.stat().st_size for f in files if f.is_file()) / 1e6


if __name__ == "__main__":
    main()
