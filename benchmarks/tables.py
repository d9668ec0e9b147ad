"""Table-structure benchmark: Hanji's extractor vs the libraries tried, on real and rendered tables.

Structure is scored apart from OCR: words come from the PDF text layer (ICDAR 2013), the
annotated cell boxes (PubTabNet) or the rendering (synthetic set); only img2table/test.png is
read by Tesseract. Metric: ICDAR 2013 adjacency-relation F1 over non-empty cells (each cell and
its nearest non-empty neighbour to the right and below, compared by whitespace-free text),
micro-averaged; plus seconds per page.

    .venv/bin/python benchmarks/tables.py                      # Hanji only
    /tmp/hanji_tables_eval/venv/bin/python benchmarks/tables.py --write   # + img2table, rapid-table 0.1.3
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from hanji.core.geometry import Quad  # noqa: E402
from hanji.core.result import Table, Word  # noqa: E402
from hanji.tables import EXTRACTORS  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
GtCell = tuple[int, int, int, int, str]  # row, column, row_span, column_span, text
Extract = Callable[[np.ndarray, list[Word]], list[Table]]


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def relations(cells: Sequence[GtCell]) -> Counter[tuple[str, str, str]]:
    """Adjacency relations: each non-empty cell with its nearest non-empty neighbour right and down."""
    grid: dict[tuple[int, int], int] = {}
    for i, (r, c, rs, cs, _) in enumerate(cells):
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                grid.setdefault((rr, cc), i)
    n_rows = max((r + rs for r, _, rs, _, _ in cells), default=0)
    n_cols = max((c + cs for _, c, _, cs, _ in cells), default=0)
    out: Counter[tuple[str, str, str]] = Counter()
    for i, (r, c, rs, cs, text) in enumerate(cells):
        if not norm(text):
            continue
        for direction, lanes, start, stop in (
            ("h", range(r, r + rs), c + cs, n_cols),
            ("v", range(c, c + cs), r + rs, n_rows),
        ):
            found: set[int] = set()
            for lane in lanes:
                for k in range(start, stop):
                    j = grid.get((lane, k) if direction == "h" else (k, lane))
                    if j is not None and j != i and norm(cells[j][4]):
                        found.add(j)
                        break
            for j in found:
                out[(norm(text), norm(cells[j][4]), direction)] += 1
    return out


def table_cells(t: Table) -> list[GtCell]:
    return [
        (c.row, c.column, c.row_span, c.column_span, " ".join(ln.text for ln in c.lines)) for c in t.cells
    ]


class Score:
    def __init__(self) -> None:
        self.tp = self.pred = self.gt = 0
        self.times: list[float] = []
        self.exact = self.units = 0

    def add(self, pred: Counter[tuple[str, str, str]], gt: Counter[tuple[str, str, str]]) -> None:
        self.tp += sum((pred & gt).values())
        self.pred += sum(pred.values())
        self.gt += sum(gt.values())

    def f1(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gt if self.gt else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def timed(extract: Extract, image: np.ndarray, words: list[Word], score: Score) -> list[Table]:
    t0 = time.perf_counter()
    try:
        tables = extract(image, words)
    except Exception as exc:  # a library crash counts as no table, and is shown
        print(f"    ! {type(exc).__name__}: {exc}", file=sys.stderr)
        tables = []
    score.times.append(time.perf_counter() - t0)
    return tables


def word(text: str, x0: float, y0: float, x1: float, y1: float) -> Word:
    return Word(text, Quad.from_sequence([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]), 1.0)


# --- ICDAR 2013 ---------------------------------------------------------------------------------
def pdf_words(page: object, scale: float, height: float) -> list[Word]:
    """Words of the PDF text layer: characters joined until a space, a line change or a gap."""
    tp = page.get_textpage()  # type: ignore[attr-defined]
    words: list[Word] = []
    cur: list[tuple[str, tuple[float, float, float, float]]] = []

    def flush() -> None:
        if cur:
            text = "".join(ch for ch, _ in cur)
            x0, b, r, t = (
                min(x[1][0] for x in cur),
                min(x[1][1] for x in cur),
                max(x[1][2] for x in cur),
                max(x[1][3] for x in cur),
            )
            words.append(word(text, x0 * scale, (height - t) * scale, r * scale, (height - b) * scale))
            cur.clear()

    for i in range(tp.count_chars()):
        ch = tp.get_text_range(i, 1)
        if not ch or ch.isspace() or ch in "\x02\ufffe":
            flush()
            continue
        box = tp.get_charbox(i)
        if cur:
            pl, pb, pr, pt = cur[-1][1]
            hgt = max(pt - pb, 1.0)
            if box[0] - pr > 0.25 * hgt or box[0] < pl - 0.5 * hgt or abs(box[1] - pb) > 0.5 * hgt:
                flush()
        cur.append((ch, box))
    flush()
    return words


def icdar_gt(xml: Path) -> list[tuple[int, tuple[float, float, float, float], list[GtCell]]]:
    out = []
    for table in ET.parse(xml).getroot().iter("table"):
        for region in table.iter("region"):
            cells: list[GtCell] = []
            boxes = []
            for c in region.iter("cell"):
                r0, c0 = int(c.get("start-row", 0)), int(c.get("start-col", 0))
                r1, c1 = int(c.get("end-row", r0)), int(c.get("end-col", c0))
                bb = c.find("bounding-box")
                if bb is not None:
                    boxes.append(tuple(float(bb.get(k, 0)) for k in ("x1", "y1", "x2", "y2")))
                cells.append((r0, c0, r1 - r0 + 1, c1 - c0 + 1, (c.findtext("content") or "")))
            if boxes:
                box = (
                    min(b[0] for b in boxes),
                    min(b[1] for b in boxes),
                    max(b[2] for b in boxes),
                    max(b[3] for b in boxes),
                )
                out.append((int(region.get("page", 1)), box, cells))
    return out


def run_icdar(extractors: dict[str, Extract], dpi: int = 150, limit: int | None = None) -> dict[str, Score]:
    import pypdfium2 as pdfium

    scores = {name: Score() for name in extractors}
    folder = DATA / "icdar2013-tables"
    for pdf in sorted(folder.glob("*.pdf"))[:limit]:
        doc = pdfium.PdfDocument(str(pdf))
        stem = pdf.stem
        variants = (
            sorted(folder.glob(f"{stem}*-str.xml")) if stem.endswith("a") else [folder / f"{stem}-str.xml"]
        )
        variants += sorted(folder.glob(f"{stem[:-1]}b-str.xml")) if stem.endswith("a") else []
        gts = [icdar_gt(v) for v in variants]
        rendered: dict[int, tuple[np.ndarray, list[Word], float]] = {}
        for page_no in sorted({p for gt in gts for p, _, _ in gt}):
            page = doc[page_no - 1]
            height = page.get_height()
            img = np.asarray(page.render(scale=dpi / 72).to_pil().convert("RGB"))
            rendered[page_no] = (img, pdf_words(page, dpi / 72, height), height)
        for name, extract in extractors.items():
            best: tuple[float, Counter[tuple[str, str, str]], Counter[tuple[str, str, str]]] | None = None
            for gt in gts:
                pred_all: Counter[tuple[str, str, str]] = Counter()
                gt_all: Counter[tuple[str, str, str]] = Counter()
                for page_no, (x1, y1, x2, y2), cells in gt:
                    img, words, height = rendered[page_no]
                    s = dpi / 72
                    left, top, right, bottom = (
                        int(max(0, x1 * s - 12)),
                        int(max(0, (height - y2) * s - 12)),
                        int(x2 * s + 12),
                        int((height - y1) * s + 12),
                    )
                    crop = np.ascontiguousarray(img[top:bottom, left:right])
                    inside = [
                        word(w.text, b.left - left, b.top - top, b.right - left, b.bottom - top)
                        for w in words
                        if left <= (b := w.quad.bbox).center.x <= right and top <= b.center.y <= bottom
                    ]
                    for t in timed(extract, crop, inside, scores[name]):
                        pred_all += relations(table_cells(t))
                    gt_all += relations(cells)
                tp = sum((pred_all & gt_all).values())
                f = 2 * tp / max(1, sum(pred_all.values()) + sum(gt_all.values()))
                if best is None or f > best[0]:
                    best = (f, pred_all, gt_all)
            if best is not None:
                scores[name].add(best[1], best[2])
    return scores


# --- PubTabNet ----------------------------------------------------------------------------------
def pubtabnet_gt(entry: dict[str, object]) -> tuple[list[GtCell], list[Word]]:
    structure = entry["html"]["structure"]["tokens"]  # type: ignore[index]
    cell_data = entry["html"]["cells"]  # type: ignore[index]
    cells: list[GtCell] = []
    words: list[Word] = []
    taken: set[tuple[int, int]] = set()
    r, c, k = -1, 0, 0
    rs = cs = 1
    for tok in structure:
        if tok == "<tr>":
            r, c = r + 1, 0
        elif tok.startswith("<td"):
            rs = cs = 1
        elif "rowspan" in tok:
            rs = int(re.findall(r"\d+", tok)[0])
        elif "colspan" in tok:
            cs = int(re.findall(r"\d+", tok)[0])
        if tok in ("<td>", ">"):
            while (r, c) in taken:
                c += 1
            data = cell_data[k]
            text = html.unescape(re.sub(r"<[^>]+>", "", "".join(data["tokens"])))
            cells.append((r, c, rs, cs, text))
            if "bbox" in data and text.strip():
                words.append(word(text, *data["bbox"]))
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    taken.add((rr, cc))
            c += cs
            k += 1
    return cells, words


def run_pubtabnet(extractors: dict[str, Extract]) -> dict[str, Score]:
    scores = {name: Score() for name in extractors}
    folder = DATA / "pubtabnet"
    for line in (folder / "PubTabNet_Examples.jsonl").read_text().splitlines():
        entry = json.loads(line)
        cells, words = pubtabnet_gt(entry)
        img = np.asarray(Image.open(folder / entry["filename"]).convert("RGB"))
        for name, extract in extractors.items():
            pred: Counter[tuple[str, str, str]] = Counter()
            for t in timed(extract, img, words, scores[name]):
                pred += relations(table_cells(t))
            scores[name].add(pred, relations(cells))
    return scores


# --- img2table test.png and the rendered set ----------------------------------------------------
def tesseract_words(img: np.ndarray, lang: str = "eng") -> list[Word]:
    import tesserocr

    out = []
    with tesserocr.PyTessBaseAPI(path="/usr/share/tesseract-ocr/5/tessdata", lang=lang) as api:
        api.SetImage(Image.fromarray(img))
        api.Recognize()
        it = api.GetIterator()
        level = tesserocr.RIL.WORD
        for w in tesserocr.iterate_level(it, level):
            text = w.GetUTF8Text(level)
            bb = w.BoundingBox(level)
            if text and text.strip() and bb:
                out.append(
                    Word(
                        text.strip(),
                        Quad.from_sequence([[bb[0], bb[1]], [bb[2], bb[1]], [bb[2], bb[3]], [bb[0], bb[3]]]),
                        max(0.0, min(1.0, w.Confidence(level) / 100)),
                    )
                )
    return out


def run_img2table_png(extractors: dict[str, Extract]) -> dict[str, Score]:
    """Expected: two tables, 6×3 with a full-width title row and a 3-row merged cell, and 2×2."""
    img = np.asarray(Image.open(DATA / "img2table" / "test.png").convert("RGB"))
    words = tesseract_words(img)
    scores = {name: Score() for name in extractors}
    for name, extract in extractors.items():
        tables = timed(extract, img, words, scores[name])
        shapes = [
            (
                t.n_rows,
                t.n_columns,
                sorted((c.row_span, c.column_span) for c in t.cells if c.row_span * c.column_span > 1),
            )
            for t in tables
        ]
        expected = [(6, 3, [(1, 3), (3, 1)]), (2, 2, [])]
        scores[name].units = 2
        scores[name].exact = sum(1 for e in expected if e in shapes)
        print(f"    {name}: {shapes}", file=sys.stderr)
    return scores


def run_rendered(extractors: dict[str, Extract], persp: bool = False) -> dict[str, Score]:
    from tables_render import synthetic_set

    scores = {name: Score() for name in extractors}
    for page, img, wds, specs in synthetic_set():
        if page.endswith("-persp") != persp:
            continue
        words = [Word(str(w["text"]), Quad.from_sequence(w["quad"]), 1.0) for w in wds]  # type: ignore[arg-type]
        arr = np.asarray(img)
        gt_cells = [[(c.row, c.column, c.row_span, c.column_span, c.text) for c in s.cells] for s in specs]
        gt = sum((relations(g) for g in gt_cells), Counter())
        for name, extract in extractors.items():
            tables = timed(extract, arr, words, scores[name])
            pred = sum((relations(table_cells(t)) for t in tables), Counter())
            scores[name].add(pred, gt)
            got = sorted(
                (
                    t.n_rows,
                    t.n_columns,
                    sorted(
                        (c.row_span, c.column_span)
                        for c in t.cells
                        if c.lines or c.row_span * c.column_span > 1
                    ),
                )
                for t in tables
            )
            want = sorted(
                (
                    s.n_rows,
                    s.n_columns,
                    sorted(
                        (c.row_span, c.column_span)
                        for c in s.cells
                        if c.text or c.row_span * c.column_span > 1
                    ),
                )
                for s in specs
            )
            scores[name].units += 1
            scores[name].exact += got == want
    return scores


# --- SROIE receipts (item tables labelled by hand under tests/data/tables/sroie) -----------------
def sroie_words(path: Path) -> list[Word]:
    """The receipt's ground-truth text lines (``x1,y1,…,x4,y4,text``) as words: no OCR involved."""
    words = []
    for row in path.read_text(encoding="utf-8").splitlines():
        parts = row.split(",", 8)
        if len(parts) == 9 and parts[8].strip():
            xy = [float(v) for v in parts[:8]]
            quad = Quad.from_sequence([xy[0:2], xy[2:4], xy[4:6], xy[6:8]])
            words.append(Word(parts[8].strip(), quad, 1.0))
    return words


def run_sroie(extractors: dict[str, Extract]) -> dict[str, Score]:
    """Only the tables that overlap the labelled item table are scored (totals blocks are not labelled)."""
    scores = {name: Score() for name in extractors}
    for truth_file in sorted((ROOT / "tests" / "data" / "tables" / "sroie").glob("*.json")):
        truth = json.loads(truth_file.read_text())
        img = np.asarray(Image.open(DATA / truth["image"]).convert("RGB"))
        words = sroie_words(DATA / truth["boxes"])
        gt: Counter[tuple[str, str, str]] = Counter()
        for t in truth["tables"]:
            gt += relations(
                [(c["row"], c["column"], c["row_span"], c["column_span"], c["text"]) for c in t["cells"]]
            )
        for name, extract in extractors.items():
            pred: Counter[tuple[str, str, str]] = Counter()
            for t in timed(extract, img, words, scores[name]):
                b = t.quad.bbox
                if any(
                    min(b.right, x1) > max(b.left, x0) and min(b.bottom, y1) > max(b.top, y0)
                    for x0, y0, x1, y1 in (tt["box"] for tt in truth["tables"])
                ):
                    pred += relations(table_cells(t))
            scores[name].add(pred, gt)
    return scores


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--only", nargs="*", help="extractor names (default: every available one)")
    ap.add_argument(
        "--sets",
        nargs="*",
        default=["icdar2013-tables", "pubtabnet", "img2table", "rendered", "rendered-persp", "sroie"],
    )
    ap.add_argument("--write", action="store_true", help="write benchmarks/RESULTS_tables.md")
    args = ap.parse_args()
    chosen = {
        n: e.extract for n, e in EXTRACTORS.items() if e.is_available() and (not args.only or n in args.only)
    }
    from tables_rapid import RapidTableExtractor

    rapid = RapidTableExtractor()  # benchmark-only: not a registry entry (see its docstring)
    if rapid.is_available() and (not args.only or rapid.name in args.only):
        chosen[rapid.name] = rapid.extract
    runners = {
        "icdar2013-tables": run_icdar,
        "pubtabnet": run_pubtabnet,
        "img2table": run_img2table_png,
        "rendered": run_rendered,
        "rendered-persp": lambda ex: run_rendered(ex, persp=True),
        "sroie": run_sroie,
    }
    rows = [
        "| set | extractor | adjacency P | R | F1 | exact structure | median s/page |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in args.sets:
        print(f"== {name}", file=sys.stderr)
        for ext, s in runners[name](chosen).items():
            p, r, f = s.f1()
            exact = f"{s.exact}/{s.units}" if s.units else "–"
            med = statistics.median(s.times) if s.times else 0.0
            f_cols = "– | – | –" if name == "img2table" else f"{p:.3f} | {r:.3f} | {f:.3f}"
            rows.append(f"| {name} | {ext} | {f_cols} | {exact} | {med:.3f} |")
            print(rows[-1])
    if args.write:
        head = (
            "# Table extraction benchmark\n\n2-core machine (shared), 2026-11-25. "
            "Command: `/tmp/hanji_tables_eval/venv/bin/python benchmarks/tables.py --write` "
            "(a venv with img2table + opencv-contrib-python-headless and rapid-table 0.1.3 + onnxruntime; "
            "Hanji alone runs in `.venv`).\n\n"
        )
        (ROOT / "benchmarks" / "RESULTS_tables.md").write_text(head + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
