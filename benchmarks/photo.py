"""Phone-photo OCR, side by side: Hanji's default path against bare Tesseract and bare PP-OCR.

Reads the sets made by ``benchmarks.photo_pages`` (generating any that are missing with its
defaults) and prints one table per set, then a set x path summary. Each (set, path) runs in a fresh
process; the first image is read once untimed. Columns:

- CER: ``../shared/tools/ocr_eval.py``'s box-matched CER (NFKC, spaces removed, case folded). It
  gives a word to the first GT line whose *upright* box holds its centre, which on a tilted photo
  hands words to the neighbouring line; the heading says what that costs a perfect reader.
- CER quad: the same CER with words matched to the tilted GT quads (and line results split along
  their own quads), so it is free of that floor. The space columns use this matching too:
  CER with spaces kept (runs of spaces as one) and stray spaces per GT line (excess only).
- word acc (``ocr_accuracy.word_hits``), misfires (pages the engine turned; every page is upright),
  median seconds per image and the child's peak RSS.

    .venv/bin/python -m benchmarks.photo
    .venv/bin/python -m benchmarks.photo --data benchmarks/out/photo/held-out --sets ko-photo,ko-lines-photo
    .venv/bin/python -m benchmarks.photo --paths default --baseline 17b8820 --dump 15

``--baseline REV`` adds a ``previous (REV)`` row: the default path of that git revision, imported
from a detached worktree at ``/tmp/hanji-baseline-REV``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import resource
import shlex
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks.ocr_accuracy import SHARED, load_scorer, word_hits

SETS = {
    "ko-photo": "ko",
    "ja-photo": "ja",
    "zh-photo": "zh-TW",
    "en-photo": "en",
    "ko-lines-clean": "ko",
    "ko-lines-photo": "ko",
}
PATHS = ("default", "tesseract", "ppocr")
TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"
TESS_LANG = {"ko": "kor+eng", "ja": "jpn+eng", "zh-TW": "chi_tra+eng", "en": "eng"}
REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / "benchmarks" / "out" / "photo" / "tune"

Word = tuple[float, float, float, float, str]
Point = tuple[float, float]
Item = tuple[tuple[Point, Point, Point, Point], str]  # a read word or line: its quad (TL, TR, BR, BL), text
Reader = Callable[[Any], tuple[list[Item], int | None]]


def is_line_set(set_name: str) -> bool:
    return "-lines-" in set_name


def spaced(text: str) -> str:
    """The scorer's normalisation (NFKC, case folded) with runs of whitespace kept as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def boxes(items: list[Item]) -> list[Word]:
    """Items as the axis-aligned ``(x0, y0, x1, y1, text)`` tuples ocr_eval scores."""
    out: list[Word] = []
    for quad, text in items:
        xs, ys = [p[0] for p in quad], [p[1] for p in quad]
        out.append((min(xs), min(ys), max(xs), max(ys), text))
    return out


def gt_quads(folder: Path, image_id: str) -> list[tuple[list[Point], str]]:
    """The ground-truth quads of one image, corners clockwise from top-left."""
    out = []
    for row in (folder / "box" / f"{image_id}.csv").read_text(encoding="utf-8").splitlines():
        parts = row.split(",", 8)
        if len(parts) == 9:
            v = [float(x) for x in parts[:8]]
            out.append(([(v[0], v[1]), (v[2], v[3]), (v[4], v[5]), (v[6], v[7])], parts[8]))
    return out


def _lerp(a: Point, b: Point, t: float) -> Point:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def tokens_along(items: list[Item]) -> list[tuple[Point, str]]:
    """Each space-separated token with its centre placed along its item's quad by character count.

    The quad analogue of ocr_eval's ``split_words``: on a tilted line the tokens stay on the line.
    """
    out = []
    for (tl, tr, br, bl), text in items:
        toks = text.split()
        total, pos = sum(len(k) for k in toks) + len(toks) - 1, 0
        for k in toks:
            mid = (pos + len(k) / 2) / total
            pos += len(k) + 1
            top, bottom = _lerp(tl, tr, mid), _lerp(bl, br, mid)
            out.append((_lerp(top, bottom, 0.5), k))
    return out


def quad_assign(
    gt: list[tuple[list[Point], str]], tokens: list[tuple[Point, str]]
) -> list[list[tuple[float, str]]]:
    """Tokens per GT line, matched to the tilted GT quads rather than to their bounding boxes.

    A token belongs to the quad it lies in (padded by a quarter of the line height, like ocr_eval),
    the one whose centre line is nearest when several hold it; each keeps its position along the line.
    """
    assigned: list[list[tuple[float, str]]] = [[] for _ in gt]
    for (x, y), text in tokens:
        best: tuple[float, int, float] | None = None
        for k, ((tl, tr, br, bl), _) in enumerate(gt):
            left, right = _lerp(tl, bl, 0.5), _lerp(tr, br, 0.5)
            ux, uy = right[0] - left[0], right[1] - left[1]
            length2 = ux * ux + uy * uy or 1.0
            t = ((x - left[0]) * ux + (y - left[1]) * uy) / length2
            top, bottom = _lerp(tl, tr, min(1, max(0, t))), _lerp(bl, br, min(1, max(0, t)))
            vx, vy = bottom[0] - top[0], bottom[1] - top[1]
            height2 = vx * vx + vy * vy or 1.0
            q = ((x - top[0]) * vx + (y - top[1]) * vy) / height2
            pad_t = 0.25 * (height2 / length2) ** 0.5
            if -pad_t <= t <= 1 + pad_t and -0.25 <= q <= 1.25 and (best is None or abs(q - 0.5) < best[0]):
                best = (abs(q - 0.5), k, t)
        if best is not None:
            assigned[best[1]].append((best[2], text))
    return assigned


def floor_cer(scorer: ModuleType, folder: Path, ids: list[str]) -> float:
    """The ocr_eval CER of a perfect word-level reader: what box matching alone costs on these images."""
    scorer.DIR = str(folder)
    dist = ref = 0
    for i in ids:
        quads = gt_quads(folder, i)
        perfect = []
        for quad, text in quads:
            for (cx, cy), tok in tokens_along([((quad[0], quad[1], quad[2], quad[3]), text)]):
                perfect.append((cx - 1, cy - 1, cx + 1, cy + 1, tok))
        d, r, _ = scorer.score(scorer.gt_lines(i), perfect)
        dist, ref = dist + d, ref + r
    return dist / max(ref, 1)


def _hanji_reader(lang: str, baseline_src: str | None) -> Reader:
    if baseline_src:
        if "hanji" in sys.modules:
            raise RuntimeError("hanji was imported before the baseline path was set")
        sys.path.insert(0, baseline_src)
    import hanji
    from hanji.engines import recognize

    if baseline_src and not str(Path(hanji.__file__).resolve()).startswith(baseline_src):
        raise RuntimeError(f"hanji came from {hanji.__file__}, not {baseline_src}")

    def read(image: Any) -> tuple[list[Item], int | None]:
        page = recognize(image, [lang])
        items: list[Item] = []
        for w in page.words:
            a, b, c, d = ((p.x, p.y) for p in w.quad.points)
            items.append(((a, b, c, d), w.text))
        return items, page.rotation

    return read


def _utf8(source: Any, *level: Any) -> str:
    """tesserocr raises "No text returned" on an empty page or word instead of returning ""."""
    try:
        return str(source.GetUTF8Text(*level) or "")
    except RuntimeError:
        return ""


def _tesseract_reader(lang: str, line_set: bool) -> Reader:
    import tesserocr
    from PIL import Image

    psm = tesserocr.PSM.SINGLE_LINE if line_set else tesserocr.PSM.AUTO
    api = tesserocr.PyTessBaseAPI(path=TESSDATA, lang=TESS_LANG[lang], psm=psm)
    word = tesserocr.RIL.WORD

    def read(image: Any) -> tuple[list[Item], int | None]:
        api.SetImage(Image.fromarray(image))
        api.Recognize()
        # RIL.WORD cuts Korean and CJK into pieces that Tesseract's own page text prints without a
        # space between them; pieces are joined back so each item is one space-separated token of it.
        full, pos = _utf8(api), 0
        items: list[Item] = []
        for it in tesserocr.iterate_level(api.GetIterator(), word):
            text, box = _utf8(it, word).strip(), it.BoundingBox(word)
            if not text or not box:
                continue
            at = full.find(text, pos)
            glued = bool(items) and at == pos
            pos = at + len(text) if at >= 0 else pos
            x0, y0, x1, y1 = (float(v) for v in box)
            if glued:
                (a, _, c, _), prev = items.pop()
                x0, y0, x1, y1, text = min(a[0], x0), min(a[1], y0), max(c[0], x1), max(c[1], y1), prev + text
            items.append((((x0, y0), (x1, y0), (x1, y1), (x0, y1)), text))
        return items, None

    return read


def _ppocr_reader() -> Reader:
    import cv2
    from rapidocr import RapidOCR

    engine = RapidOCR()

    def read(image: Any) -> tuple[list[Item], int | None]:
        # Line-level results; the scorers share each line's box among its words by length.
        out = engine(cv2.cvtColor(image, cv2.COLOR_RGB2BGR), use_cls=False)
        found = out.boxes if out.boxes is not None else []
        items: list[Item] = []
        for box, text in zip(found, out.txts or (), strict=False):
            a, b, c, d = ((float(p[0]), float(p[1])) for p in box)
            items.append(((a, b, c, d), text))
        return items, None

    return read


def make_reader(path: str, lang: str, line_set: bool, baseline_src: str | None) -> Reader:
    if path in ("default", "previous"):
        return _hanji_reader(lang, baseline_src if path == "previous" else None)
    if path == "tesseract":
        return _tesseract_reader(lang, line_set)
    if path == "ppocr":
        return _ppocr_reader()
    raise ValueError(f"unknown path {path}")


def run_set(
    data: str, set_name: str, path: str, limit: int | None, baseline_src: str | None
) -> dict[str, Any]:
    """Read and score one set with one path; runs in its own process."""
    import numpy as np
    from PIL import Image

    scorer = load_scorer()
    folder = Path(data) / set_name
    scorer.DIR = str(folder)
    lang = SETS[set_name]
    read = make_reader(path, lang, is_line_set(set_name), baseline_src)
    ids = sorted(p.stem for p in (folder / "img").glob("*.jpg"))[:limit]
    dist = ref = dist_sp = ref_sp = dist_q = hits = words_total = stray = n_lines = misfires = 0
    secs: list[float] = []
    lines: list[tuple[str, str, str, int, int]] = []
    for n, i in enumerate(ids):
        image = np.array(Image.open(folder / "img" / f"{i}.jpg").convert("RGB"))
        if n == 0:
            read(image)  # build the sessions outside the timing
        start = time.perf_counter()
        items, rotation = read(image)
        secs.append(time.perf_counter() - start)
        misfires += bool(rotation)
        words = boxes(items)
        gt = scorer.gt_lines(i)
        d, r, _ = scorer.score(gt, words)
        h, t = word_hits(scorer, gt, words)
        dist, ref, hits, words_total = dist + d, ref + r, hits + h, words_total + t
        quads = gt_quads(folder, i)
        for (_, text), toks in zip(quads, quad_assign(quads, tokens_along(items)), strict=True):
            got, want = spaced(" ".join(tok for _, tok in sorted(toks))), spaced(text)
            line_dist = scorer.lev(scorer.norm(text), scorer.norm(got))
            dist_q += line_dist
            dist_sp += scorer.lev(want, got)
            ref_sp += len(want)
            stray += max(0, got.count(" ") - want.count(" "))
            n_lines += 1
            lines.append((i, text, got, line_dist, len(scorer.norm(text))))
    return {
        "set": set_name,
        "path": path,
        "n": len(ids),
        "cer": dist / max(ref, 1),
        "cer_quad": dist_q / max(ref, 1),
        "cer_spaces": dist_sp / max(ref_sp, 1),
        "stray": stray / max(n_lines, 1),
        "word_acc": hits / max(words_total, 1),
        "misfires": None if path in ("tesseract", "ppocr") else misfires,
        "median_s": statistics.median(secs) if secs else 0.0,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "lines": lines,
    }


def baseline_worktree(rev: str) -> Path:
    """A detached worktree of ``rev`` under /tmp, made once; the main tree is not touched."""
    where = Path(f"/tmp/hanji-baseline-{rev}")
    if not (where / "src" / "hanji").is_dir():
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(where), rev], check=True)
    return where


def ensure_data(data: Path, sets: list[str]) -> None:
    """Generate the sets ``data`` lacks with photo_pages' defaults (font split from the folder name).

    In a child process, so the parent's peak RSS — which Linux hands on to every child — stays small.
    """
    missing = [s for s in sets if not any((data / s / "img").glob("*.jpg"))]
    if missing:
        split = data.name if data.name in ("tune", "held-out") else "tune"
        print(f"generating {', '.join(missing)} in {data} ({split} fonts)", flush=True)
        command = [
            "-m",
            "benchmarks.photo_pages",
            "--out",
            str(data),
            "--fonts",
            split,
            "--sets",
            ",".join(missing),
        ]
        subprocess.run([sys.executable, *command], check=True, cwd=REPO)


def row_label(row: dict[str, Any]) -> str:
    return f"previous ({row['rev']})" if row["path"] == "previous" else row["path"]


def table(rows: list[dict[str, Any]], floor: float) -> str:
    """Markdown table of one set's rows; ``floor`` is what box matching costs a perfect reader."""
    first = next((r for r in rows if "error" not in r), rows[0])
    unit = "lines" if is_line_set(first["set"]) else "pages"
    cer = "line CER" if unit == "lines" else "CER"
    out = [
        f"### {first['set']} ({first.get('n', '?')} {unit}, lang {SETS[first['set']]})",
        "",
        f"{cer} is ocr_eval's, matching words to the GT lines' upright boxes: a perfect reader scores "
        f"{floor:.3f} on these pages. The quad columns match words to the tilted GT quads instead.",
        "",
    ]
    if unit == "lines":
        out = [out[0], "", "One line per image: the GT box is the whole image.", ""]
    out += [
        f"| path | {cer} | CER quad | CER quad, spaces kept | stray spaces/line | word acc | misfires "
        f"| median s/{unit[:-1]} | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "error" in r:
            out.append(f"| {row_label(r)} | failed: {r['error']} |  |  |  |  |  |  |  |")
            continue
        misfires = "n/a" if r["misfires"] is None else f"{r['misfires']} / {r['n']}"
        out.append(
            f"| {row_label(r)} | {r['cer']:.3f} | {r['cer_quad']:.3f} | {r['cer_spaces']:.3f} "
            f"| {r['stray']:.2f} | {r['word_acc']:.3f} | {misfires} "
            f"| {r['median_s']:.2f} | {r['rss_mb']:.0f} |"
        )
    return "\n".join(out) + "\n"


def summary(results: dict[str, list[dict[str, Any]]]) -> str:
    """Set x path CER, and default/previous speed where both ran."""
    labels = list(dict.fromkeys(row_label(r) for rows in results.values() for r in rows))
    prev = next((lab for lab in labels if lab.startswith("previous")), None)
    head = ["set", *labels] + (["default/previous time"] if prev else [])
    out = [
        "### Summary: CER / CER quad (spaces removed)",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for set_name, rows in results.items():
        by = {row_label(r): r for r in rows}
        cells = [set_name]
        for lab in labels:
            r = by.get(lab)
            cells.append(
                "" if r is None else "failed" if "error" in r else f"{r['cer']:.3f} / {r['cer_quad']:.3f}"
            )
        if prev:
            d, p = by.get("default"), by.get(prev)
            ok = d and p and "error" not in d and "error" not in p and p["median_s"] > 0
            cells.append(f"{d['median_s'] / p['median_s']:.2f}x" if ok and d and p else "")
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def dump(rows: list[dict[str, Any]], path: str, n: int) -> str:
    """The ``n`` GT lines with the most edit errors for one path: reference against what was read."""
    row = next((r for r in rows if r["path"] == path and "error" not in r), None)
    if row is None:
        return ""
    wrong = [line for line in row["lines"] if line[3]]
    if not wrong:
        return f"#### {row['set']}, {row_label(row)}: no wrong lines\n"
    worst = sorted(wrong, key=lambda x: (x[3], x[3] / max(x[4], 1)), reverse=True)[:n]
    title = f"#### worst {len(worst)} of {len(wrong)} wrong lines: {row['set']}, {row_label(row)}"
    out = [title + " (quad matching; edits/ref chars)", "", "```"]
    for image, want, got, d, length in worst:
        out += [
            f"{image}  {d}/{length}  ref: {want}",
            f"{'':>{len(image)}}  {'':>{len(str(d)) + len(str(length)) + 1}}  got: {got}",
        ]
    return "\n".join([*out, "```"]) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder made by benchmarks.photo_pages")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated, from: " + ", ".join(SETS))
    ap.add_argument("--paths", default=",".join(PATHS), help="comma-separated, from: " + ", ".join(PATHS))
    ap.add_argument("--baseline", metavar="REV", help="also run the default path of this git revision")
    ap.add_argument("--limit", type=int, default=None, help="at most N images per set")
    ap.add_argument("--dump", type=int, default=0, metavar="N", help="print the N worst GT lines per set")
    ap.add_argument("--dump-path", default="default", help="whose lines --dump prints (default: default)")
    ap.add_argument(
        "--out-md", type=Path, help="append the tables and the command line to this markdown file"
    )
    a = ap.parse_args()
    if not (SHARED / "tools" / "ocr_eval.py").is_file():
        raise SystemExit(f"needs the shared scorer at {SHARED / 'tools' / 'ocr_eval.py'} (set HANJI_SHARED)")
    sets, paths = a.sets.split(","), a.paths.split(",")
    if bad := [s for s in sets if s not in SETS] + [p for p in paths if p not in PATHS]:
        ap.error(f"unknown sets or paths: {', '.join(bad)}")
    ensure_data(a.data, sets)
    scorer = load_scorer()
    runs = [(p, None) for p in paths]
    if a.baseline:
        runs.append(("previous", str((baseline_worktree(a.baseline) / "src").resolve())))
    command = "python -m benchmarks.photo " + shlex.join(sys.argv[1:])
    report = [f"## Phone-photo OCR, {dt.date.today():%Y-%m-%d}", "", f"`{command}`", ""]
    results: dict[str, list[dict[str, Any]]] = {}
    ctx = mp.get_context("spawn")
    for set_name in sets:
        rows = []
        for path, src in runs:
            try:
                with ctx.Pool(1) as pool:
                    row = pool.apply(run_set, (str(a.data), set_name, path, a.limit, src))
            except Exception as exc:  # a broken path is reported as a row, the others still run
                row = {"set": set_name, "path": path, "error": f"{type(exc).__name__}: {exc}"[:200]}
            rows.append(row | {"rev": a.baseline})
        results[set_name] = rows
        folder = a.data / set_name
        ids = sorted(p.stem for p in (folder / "img").glob("*.jpg"))[: a.limit]
        text = table(rows, floor_cer(scorer, folder, ids)) + (
            ("\n" + dump(rows, a.dump_path, a.dump)) if a.dump else ""
        )
        print(text, flush=True)
        report.append(text)
    text = summary(results)
    print(text, flush=True)
    report.append(text)
    if a.out_md:
        with a.out_md.open("a", encoding="utf-8") as f:
            f.write("\n".join(report) + "\n")


if __name__ == "__main__":
    main()
