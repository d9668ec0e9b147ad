"""What a Template or Document call costs next to a General call on the same page, in one process.

    PYTHONPATH=. .venv/bin/python -m benchmarks.flow_costs [--repeat 3]

The flows are the ones every invoke URL, job and console call runs (``hanji.pipeline``):

- Template: filled copies of the Korean, Japanese and English forms of ``benchmarks.templates``,
  each read by ``TemplateRequest`` (match among the three templates, then read) and by
  ``GeneralRequest`` in the form's language;
- Document: the first SROIE receipts, read by ``DocumentRequest(model="receipt")`` and by
  ``GeneralRequest``.

The two calls on a page alternate (which goes first swaps every repetition); the table gives the
median seconds of each and their ratio. Models are built before timing.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from tests.templates.forms import render_form, to_png

from benchmarks.templates import FILLS, FORMS, build_templates
from hanji.intake.limits import IntakeLimits
from hanji.pipeline.document import DocumentRequest
from hanji.pipeline.general import GeneralRequest
from hanji.pipeline.inputs import FileInput
from hanji.pipeline.template import TemplateRequest

SROIE = Path(__file__).resolve().parents[2] / "shared" / "data" / "sroie" / "img"


def timed_pair(first: Callable[[], object], second: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median seconds of ``first`` and ``second``, alternated."""
    a: list[float] = []
    b: list[float] = []
    for r in range(repeat):
        for fn, out in ((first, a), (second, b)) if r % 2 == 0 else ((second, b), (first, a)):
            started = time.perf_counter()
            fn()
            out.append(time.perf_counter() - started)
    return statistics.median(a), statistics.median(b)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--receipts", type=int, default=3)
    args = ap.parse_args()
    limits = IntakeLimits()
    templates = tuple(build_templates())
    rows = []
    for lang, form in FORMS.items():
        file = FileInput(to_png(render_form(form, FILLS[lang][0])[0]), "png", limits)
        general = GeneralRequest(file, (lang,))
        template = TemplateRequest(file, templates, (lang,))
        general.run(), template.run()  # warm the language's models
        t, g = timed_pair(template.run, general.run, args.repeat)
        rows.append((f"template form {lang}", t, g))
    for path in sorted(SROIE.glob("*.jpg"))[: args.receipts]:
        file = FileInput(path.read_bytes(), "jpg", limits)
        general = GeneralRequest(file, ("en",))
        document = DocumentRequest(file, "receipt", ("en",))
        general.run(), document.run()
        d, g = timed_pair(document.run, general.run, args.repeat)
        rows.append((f"receipt {path.stem}", d, g))
    print("| page | call s | General s | call / General |\n|---|---|---|---|")
    for name, call, general_s in rows:
        print(f"| {name} | {call:.2f} | {general_s:.2f} | {call / general_s:.2f} |", flush=True)


if __name__ == "__main__":
    main()
