"""``hanji train``: fit the learned models shipped in the package (receipt line model, Korean recogniser)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import numpy as np
import typer
from rich.progress import track

from hanji.core.result import Page
from hanji.documents.pair_model import PAIR_MODEL, load_pair_model
from hanji.documents.receipt_model import RECEIPT_MODEL, load_line_model
from hanji.documents.training.boost import BoostParams

train_app = typer.Typer(help="Train the learned document models.", no_args_is_help=True)


def _load_page(image_path: Path, cache: Path | None, lang: str) -> Page:
    """The OCR Page of ``image_path``: from ``cache`` when recorded there, else read and recorded."""
    cached = cache / f"{image_path.stem}.page.json" if cache else None
    if cached is not None and cached.exists():
        return Page.from_dict(json.loads(cached.read_text()))
    import cv2

    from hanji.engines.default import recognize

    bgr = cv2.imread(str(image_path))
    if bgr is None:
        raise typer.BadParameter(f"cannot read image {image_path}")
    rgb = np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), dtype=np.uint8)
    page = recognize(rgb, [lang])
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(page.export(), ensure_ascii=False))
    return page


def _row(name: str, scores: dict[str, float]) -> str:
    cells = " | ".join(f"{scores[f]:.3f}" for f in ("company", "date", "address", "total", "overall"))
    return f"| {name} | {cells} |"


@train_app.command("receipt")
def train_receipt(
    data: Annotated[
        list[Path], typer.Option(help="SROIE-layout folder with img/ and key/ (repeat for several).")
    ],
    out: Annotated[
        Path, typer.Option(help="Model JSON to write (its MANIFEST.json beside it).")
    ] = RECEIPT_MODEL,
    pages: Annotated[
        Path | None, typer.Option(help="Folder of recorded OCR Page JSON (ID.page.json), read and filled.")
    ] = None,
    lang: Annotated[str, typer.Option(help="OCR language for receipts not yet recorded.")] = "en",
    limit: Annotated[int | None, typer.Option(help="Use only the first N receipts (by ID).")] = None,
    folds: Annotated[
        int, typer.Option(help="Also cross-validate over this many folds of receipts (0: skip).")
    ] = 0,
    learner: Annotated[str, typer.Option(help="boost (gradient-boosted trees) or softmax.")] = "boost",
) -> None:
    """Fit the receipt line model on every receipt given and write it.

    With ``--folds 5`` it first scores, on each held-out fold (receipts dealt with a fixed seed),
    the rules alone and a model of each learner fitted on the other folds, and prints SROIE F1 per
    field as mean ± std over the folds.
    """
    from hanji.documents.training.sroie import (
        LEARNERS,
        cross_validate,
        cv_table,
        evaluate,
        load_examples,
        train_line_model,
        write_model,
    )

    chosen = next((name for name in LEARNERS if name == learner), None)
    if chosen is None:
        raise typer.BadParameter(f"--learner must be one of {', '.join(LEARNERS)}, not {learner!r}")
    missing = [str(d) for d in data if not any((d / "key").glob("*.json"))]
    if missing:
        raise typer.BadParameter(f"no key/*.json under {', '.join(missing)}")
    examples = load_examples(data, lambda image: _load_page(image, pages, lang), limit=limit)
    if len(examples) < max(folds, 2):
        raise typer.BadParameter(f"need at least {max(folds, 2)} receipts, found {len(examples)}")
    typer.echo(f"receipts: {len(examples)} ({examples[0].id}..{examples[-1].id})")
    if folds:
        for row in cv_table(cross_validate(examples, folds)):
            typer.echo(row)
    dump = train_line_model(examples, chosen)
    digest = write_model(dump, out)
    model = load_line_model(out)  # proves the manifest check passes on what was just written
    typer.echo("\n| in-sample / extractor | company | date | address | total | overall |")
    typer.echo("|---|---|---|---|---|---|")
    typer.echo(_row("rules", evaluate(examples, None)))
    typer.echo(_row(f"rules+{chosen}", evaluate(examples, model)))
    typer.echo(f"wrote {out} ({out.stat().st_size:,} bytes, sha256 {digest})")


@train_app.command("recognizer")
def train_recognizer(
    work: Annotated[
        Path, typer.Option(help="Working folder: cached shards (data/), head.pt, history.jsonl.")
    ] = Path("build/recognizer"),
    shards: Annotated[
        int, typer.Option(help="Training shards to have under data/ (kept across runs).")
    ] = 300,
    lines_per_shard: Annotated[int, typer.Option(help="Synthetic lines per shard.")] = 1024,
    validation_lines: Annotated[int, typer.Option(help="Lines per validation set.")] = 256,
    minutes: Annotated[float, typer.Option(help="Training time for this run (it resumes head.pt).")] = 60.0,
    lr: Annotated[float, typer.Option(help="Peak learning rate.")] = 2e-3,
    decay_samples: Annotated[
        int, typer.Option(help="Samples (over all runs) by which the learning rate has decayed.")
    ] = 450_000,
    restart_schedule: Annotated[
        bool, typer.Option(help="Start the learning-rate cosine again at this run's first sample.")
    ] = False,
    threads: Annotated[int, typer.Option(help="CPU threads for the fit.")] = 1,
    renderers: Annotated[
        int, typer.Option(help="Processes rendering shards beside the fit (one CPU each).")
    ] = 1,
    keep_shards: Annotated[
        int, typer.Option(help="Newest shards the fit holds in memory (~80 MB each).")
    ] = 120,
    export: Annotated[
        Path | None, typer.Option(help="Write the ONNX recogniser here afterwards (its manifest beside it).")
    ] = None,
) -> None:
    """Train Hanji's Korean line recogniser: synthetic lines in Korean fonts from Debian packages,
    pushed once through PP-OCRv6's frozen backbone, and a CTC head fitted on them.

    Shards are rendered by a second process while the head trains on those already written; a
    later run keeps the shards and resumes the checkpoint. Needs the ``train`` extra (torch, onnx).
    """
    import multiprocessing

    try:
        from hanji.training.korean_fit import fit
        from hanji.training.line_shards import generate, generate_validation
    except ImportError as exc:
        raise typer.BadParameter(f"{exc.name} is missing: pip install 'hanji[train]'") from exc
    data = work / "data"
    generate_validation(data, validation_lines)
    generate(data, shards=1, lines_per_shard=lines_per_shard)
    spawn = multiprocessing.get_context("spawn")
    count = max(renderers, 1)
    renderers_running = [
        spawn.Process(
            target=generate,
            args=(data,),
            kwargs={"shards": shards, "lines_per_shard": lines_per_shard, "first": k, "every": count},
            daemon=True,
        )
        for k in range(count)
    ]
    for renderer in renderers_running:
        renderer.start()
    try:
        point = fit(
            work,
            minutes=minutes,
            lr=lr,
            decay_samples=decay_samples,
            threads=threads,
            keep_shards=keep_shards,
            restart_schedule=restart_schedule,
        )
    finally:
        for renderer in renderers_running:
            renderer.terminate()
            renderer.join()
    typer.echo(f"step {point.step}, {point.samples:,} samples, loss {point.loss}, validation CER {point.cer}")
    if export is not None:
        from hanji.training.korean_export import export as write_onnx

        digest = write_onnx(work / "head.pt", export, {"samples": point.samples, "validation_cer": point.cer})
        from hanji.engines.backends.korean import KoreanModel

        KoreanModel(export, threads=1)  # proves the manifest check passes on what was just written
        typer.echo(f"wrote {export} ({export.stat().st_size:,} bytes, sha256 {digest})")


@train_app.command("pairer")
def train_pairer(
    data: Annotated[Path, typer.Option(help="FUNSD-layout folder with annotations/ID.json.")],
    out: Annotated[
        Path, typer.Option(help="Model JSON to write (its MANIFEST.json beside it).")
    ] = PAIR_MODEL,
    folds: Annotated[
        int, typer.Option(help="Also cross-validate over this many folds by form (0: skip).")
    ] = 0,
    limit: Annotated[int | None, typer.Option(help="Use only the first N forms (by ID).")] = None,
    trees: Annotated[int, typer.Option(help="Boosted trees in the ensemble.")] = BoostParams().trees,
) -> None:
    """Fit the key–value pair model on every form (threshold by an inner 3-fold cross-validation).

    With ``--folds 5`` it first scores the rules and a model fitted without each held-out fold
    (folds drawn by form with a fixed seed) and prints pair precision, recall and F1 per fold.
    """
    from hanji.documents.training.funsd import (
        cross_validate,
        cv_table,
        load_forms,
        prepare,
        train_pair_model,
        write_model,
    )

    forms = load_forms(data, limit=limit)
    if len(forms) < 3:
        raise typer.BadParameter(f"need at least 3 forms under {data / 'annotations'}, found {len(forms)}")
    prepared = [prepare(f) for f in track(forms, description="Candidate pairs")]
    params = BoostParams(trees=trees)
    if folds:
        for row in cv_table(cross_validate(prepared, params, folds)):
            typer.echo(row)
    dump = train_pair_model(prepared, params)
    digest = write_model(dump, out)
    load_pair_model(out)  # proves the manifest check passes on what was just written
    typer.echo(
        f"wrote {out} ({out.stat().st_size:,} bytes, sha256 {digest}), {len(forms)} forms, "
        f"threshold {dump['threshold']:.2f}"
    )
