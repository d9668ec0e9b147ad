"""``hanji ocr``: read files offline, without a server, with a progress bar."""

from __future__ import annotations

import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from hanji.clova.render import render_general_response
from hanji.clova.request import ImageInput, InvokeRequest
from hanji.core.errors import HanjiError
from hanji.core.languages import parse_language_list
from hanji.core.result import Document, Table
from hanji.intake.limits import IntakeLimits
from hanji.pipeline.general import GeneralRequest, read_general
from hanji.pipeline.inputs import FileInput
from hanji.searchable.writer import write_searchable_pdf
from hanji.tables import export


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    clova = "clova"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"
    pdf = "pdf"


TABLE_FORMATS = {OutputFormat.csv, OutputFormat.xlsx, OutputFormat.html}


def ocr_command(
    files: Annotated[list[Path], typer.Argument(help="Images, TIFFs or PDFs to read.", show_default=False)],
    lang: Annotated[str, typer.Option(help="Comma list of ko, ja, zh-TW, zh-CN, en.")] = "ko",
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            help="text, json (result tree), clova (V2 response), pdf (searchable PDF); "
            "with --tables also csv, xlsx, html (tables only).",
        ),
    ] = OutputFormat.text,
    engine: Annotated[
        str | None, typer.Option(help="Engine: ppocr, tesseract, hybrid (default: best per language).")
    ] = None,
    tables: Annotated[bool, typer.Option("--tables", help="Also find tables.")] = False,
    out: Annotated[
        Path | None, typer.Option(help="Write one output file per input into this folder.")
    ] = None,
    max_pages: Annotated[int, typer.Option(help="Most pages read from one PDF/TIFF.")] = 100,
) -> None:
    """Read FILES and print (or write) their text, result tree, CLOVA response or tables."""
    try:
        languages = parse_language_list(lang)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--lang") from None
    if output_format in TABLE_FORMATS and not tables:
        raise typer.BadParameter("csv, xlsx and html export tables: add --tables.", param_hint="--format")
    if output_format is OutputFormat.xlsx and out is None:
        raise typer.BadParameter("xlsx is binary: give --out DIR to write workbooks.", param_hint="--format")
    if output_format is OutputFormat.pdf and out is None and (len(files) > 1 or sys.stdout.isatty()):
        raise typer.BadParameter(
            "pdf is binary: give --out DIR (one PDF per input), or redirect one file's PDF: > out.pdf",
            param_hint="--format",
        )
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise typer.BadParameter(f"no such file: {', '.join(missing)}", param_hint="FILES")
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)

    failures = 0
    limits = IntakeLimits(max_pages=max_pages)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        disable=len(files) == 1 and out is None,
    ) as progress:
        for path in files:
            task = progress.add_task(path.name, total=None)

            def advance(done: int, total: int, task: TaskID = task) -> None:
                progress.update(task, completed=done, total=total)

            try:
                file = FileInput(path.read_bytes(), path.suffix.lstrip(".") or None, limits)
                request = GeneralRequest(file, tuple(languages), tables=tables, engine=engine)
                document = read_general(request, on_page=advance)
            except HanjiError as exc:
                failures += 1
                typer.secho(f"{path}: error [{exc.code}]: {exc.message}", err=True, fg=typer.colors.RED)
                continue
            for page in document.pages:
                if page.error:
                    failures += 1
                    typer.secho(
                        f"{path} page {page.index + 1}: {page.error}", err=True, fg=typer.colors.YELLOW
                    )
            if output_format is OutputFormat.pdf:
                _emit_pdf(path, document, languages, out)
            else:
                _emit(path, document, output_format, out)
    if failures:
        raise typer.Exit(1)


def _emit_pdf(path: Path, document: Document, languages: list[str], out: Path | None) -> None:
    """The searchable PDF of one input: into ``out`` (never over the input itself) or to stdout."""
    data = path.read_bytes()
    if out is None:
        write_searchable_pdf(data, document, sys.stdout.buffer, languages=languages)
        sys.stdout.buffer.flush()
        return
    target = out / f"{path.stem}.pdf"
    if target.resolve() == path.resolve():
        target = out / f"{path.stem}.ocr.pdf"
    with target.open("wb") as handle:
        write_searchable_pdf(data, document, handle, languages=languages)


def _emit(path: Path, document: Document, fmt: OutputFormat, out: Path | None) -> None:
    all_tables: list[Table] = [t for page in document.pages for t in page.tables]
    suffix = {"text": "txt", "clova": "json"}.get(fmt.value, fmt.value)
    if fmt is OutputFormat.xlsx:
        assert out is not None
        (out / f"{path.stem}.xlsx").write_bytes(export.to_xlsx(all_tables))
        return
    if fmt is OutputFormat.text:
        text = document.text + "\n"
    elif fmt is OutputFormat.json:
        text = json.dumps(document.export(), ensure_ascii=False, indent=2)
    elif fmt is OutputFormat.clova:
        request = InvokeRequest(
            "V2", path.name, int(time.time() * 1000), None, ImageInput(path.suffix, path.name, b"", None)
        )
        response = render_general_response(
            request, document, timestamp_ms=int(time.time() * 1000), include_tables=bool(all_tables)
        )
        text = json.dumps(response, ensure_ascii=False, indent=2)
    elif fmt is OutputFormat.html:
        text = export.to_html(all_tables)
    else:
        if out is not None:
            for number, table in enumerate(all_tables, 1):
                (out / f"{path.stem}-table{number}.csv").write_text(export.to_csv(table), encoding="utf-8")
            return
        text = "\n".join(export.to_csvs(all_tables))
    if out is not None:
        (out / f"{path.stem}.{suffix}").write_text(text, encoding="utf-8")
    else:
        typer.echo(text)
