"""Pipeline tasks by name, with plain-data inputs and outputs, so any executor can run them.

The same functions run inline, in the local process pool and on Celery workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from hanji.intake.limits import IntakeLimits


def _ping() -> dict[str, Any]:
    return {"pid": os.getpid()}


def _general(
    *,
    data: bytes,
    declared_format: str | None,
    languages: list[str],
    limits: dict[str, int],
    tables: bool,
    engine: str | None = None,
) -> dict[str, Any]:
    from hanji.pipeline.general import read_general

    document = read_general(
        data,
        declared_format=declared_format,
        languages=languages,
        limits=IntakeLimits(**limits),
        tables=tables,
        engine=engine,
    )
    return document.export()


def _document(
    *, data: bytes, declared_format: str | None, model: str, languages: list[str], limits: dict[str, int]
) -> dict[str, Any]:
    from hanji.pipeline.document import read_document

    reading = read_document(
        data, declared_format=declared_format, model=model, languages=languages, limits=IntakeLimits(**limits)
    )
    return {"page": reading.page.export(), "result": reading.result, "language": reading.language}


def _template(
    *,
    data: bytes,
    declared_format: str | None,
    templates: list[dict[str, Any]],
    languages: list[str],
    limits: dict[str, int],
    preview: bool = False,
) -> list[dict[str, Any]]:
    from hanji.templates.flow import read_with_templates

    return read_with_templates(
        data,
        declared_format=declared_format,
        templates=templates,
        languages=languages,
        limits=IntakeLimits(**limits),
        preview=preview,
    )


def _template_title(*, sample: bytes, box: list[float], languages: list[str]) -> str:
    from hanji.templates.candidates import decode_sample
    from hanji.templates.flow import read_sample_title

    x, y, w, h = (float(v) for v in box)
    return read_sample_title(decode_sample(sample), (x, y, w, h), languages)


def _template_sample(*, data: bytes, declared_format: str | None, limits: dict[str, int]) -> dict[str, Any]:
    from hanji.pipeline.samples import sample_png

    sample = sample_png(data, declared_format=declared_format, limits=IntakeLimits(**limits))
    return {"png": sample.png, "width": sample.width, "height": sample.height}


TASKS: dict[str, Callable[..., Any]] = {
    "ping": _ping,
    "general": _general,
    "document": _document,
    "template": _template,
    "template_title": _template_title,
    "template_sample": _template_sample,
}


def run_task(name: str, kwargs: dict[str, Any]) -> Any:
    """Run the task ``name``; errors it raises are ``HanjiError``s and cross process bounds as such."""
    return TASKS[name](**kwargs)


def warm_up() -> None:
    """Build every engine session in this process and run a tiny image through each model,
    so no request pays for a cold model load."""
    from hanji.engines import warm_up as warm_engines

    warm_engines()
