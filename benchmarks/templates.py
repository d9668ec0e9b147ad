"""Template OCR benchmark: match and read filled copies of rendered forms under photo-like distortions.

Three templates (Korean, Japanese, English: boxed fields, underlines, one-character-per-box fields,
checkboxes) are built from blank forms; other filled copies are read clean and distorted. Reports
matching accuracy, field exact-match and seconds per page for each distortion.

Run: ``PYTHONPATH=. .venv/bin/python -m benchmarks.templates [--copies N] [--out FILE.md]``
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image
from tests.templates.forms import (
    KOREAN_FORM,
    FieldSpec,
    FormSpec,
    jpeg,
    perspective,
    render_form,
    rotate,
    scale,
    template_spec,
    to_png,
)

from hanji.core.template_reading import FieldKind
from hanji.intake.limits import IntakeLimits
from hanji.templates.candidates import TemplateSpec, decode_sample
from hanji.templates.flow import read_sample_title, read_with_templates
from hanji.templates.values import normalise

JAPANESE_FORM = FormSpec(
    title="入会申込書",
    language="ja",
    subtitle="会員登録のための申込用紙",
    fields=(
        FieldSpec("name", "氏名", "line", "text", 420),
        FieldSpec("phone", "電話番号", "boxes", "phone", 420, 3),
        FieldSpec("date", "日付", "underline", "date", 360),
        FieldSpec("count", "人数", "line", "number", 200),
        FieldSpec("member", "会員", "checkbox"),
    ),
    footer="上記の内容に相違ありません。",
    seed=11,
)
ENGLISH_FORM = FormSpec(
    title="Vehicle Service Request",
    language="en",
    subtitle="Please print clearly in block letters",
    fields=(
        FieldSpec("owner", "Owner", "underline", "text", 460),
        FieldSpec("plate", "Plate No.", "chars", "alnum", 420, 7),
        FieldSpec("phone", "Phone", "boxes", "phone", 420, 3),
        FieldSpec("date", "Date", "line", "date", 300),
        FieldSpec("cost", "Estimate", "line", "number", 300),
        FieldSpec("urgent", "Urgent", "checkbox"),
        FieldSpec("email", "E-mail", "line", "email", 520),
    ),
    footer="Signature ______________________",
    seed=23,
)

FILLS: dict[str, list[dict[str, Any]]] = {
    "ko": [
        {
            "name": "김민수",
            "phone": ["010", "4821", "7735"],
            "birth": "1990.03.15",
            "amount": "1,250,000",
            "email": "kim@example.com",
            "agree": True,
        },
        {
            "name": "박서연",
            "phone": ["02", "555", "0199"],
            "birth": "2001/12/03",
            "amount": "87,000",
            "email": "sy.park@hanji.kr",
            "agree": False,
        },
        {
            "name": "이준호",
            "phone": ["031", "778", "4410"],
            "birth": "1985년 7월 9일",
            "amount": "3,400",
            "email": "junho@mail.net",
            "agree": True,
        },
    ],
    "ja": [
        {
            "name": "山田太郎",
            "phone": ["03", "1234", "5678"],
            "date": "2024年4月1日",
            "count": "12",
            "member": True,
        },
        {
            "name": "佐藤花子",
            "phone": ["090", "8765", "4321"],
            "date": "2023/11/20",
            "count": "3",
            "member": False,
        },
        {
            "name": "鈴木一郎",
            "phone": ["06", "5550", "1212"],
            "date": "2025.01.07",
            "count": "45",
            "member": True,
        },
    ],
    "en": [
        {
            "owner": "John Smith",
            "plate": list("AB12C34"),
            "phone": ["415", "555", "0123"],
            "date": "2024-05-17",
            "cost": "1,980",
            "urgent": True,
            "email": "john@smith.org",
        },
        {
            "owner": "Mary Jones",
            "plate": list("XY98Z76"),
            "phone": ["212", "555", "0456"],
            "date": "03/12/2022",
            "cost": "450",
            "urgent": False,
            "email": "mjones@example.com",
        },
        {
            "owner": "Alan Turing",
            "plate": list("QR55T10"),
            "phone": ["617", "555", "0789"],
            "date": "1999.09.09",
            "cost": "12,300",
            "urgent": True,
            "email": "alan@bletchley.uk",
        },
    ],
}
FORMS = {"ko": KOREAN_FORM, "ja": JAPANESE_FORM, "en": ENGLISH_FORM}

DISTORTIONS: dict[str, Callable[[Image.Image], Image.Image]] = {
    "clean": lambda im: im,
    "rotate +10°": lambda im: rotate(im, 10),
    "rotate -10°": lambda im: rotate(im, -10),
    "perspective": lambda im: perspective(im, 0.08, seed=7),
    "scale 0.5×": lambda im: scale(im, 0.5),
    "scale 2×": lambda im: scale(im, 2.0),
    "JPEG q30": lambda im: jpeg(im, 30),
    "turn 90°": lambda im: im.rotate(90, expand=True),
    "turn 180°": lambda im: im.rotate(180),
    "all (rot -6°, persp, 0.7×, q30)": lambda im: jpeg(
        scale(perspective(rotate(im, -6), 0.06, seed=3), 0.7), 30
    ),
}


def expected_values(form: FormSpec, fill: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in form.fields:
        value = fill[spec.name]
        if spec.kind == "checkbox":
            out[spec.name] = bool(value)
        else:
            joined = "".join(value) if isinstance(value, list) else value
            out[spec.name] = normalise(spec.value_type, joined)
    return out


def build_templates() -> list[TemplateSpec]:
    templates = []
    for k, (lang, form) in enumerate(FORMS.items(), start=1):
        blank, definition = render_form(form)
        sample = to_png(blank)
        # As the API saves a template: the title text is read from the sample once, here.
        box = definition["title"]["box"]
        title = read_sample_title(decode_sample(sample), tuple(box), [lang])
        definition["sample"] = {"width": blank.width, "height": blank.height, "title_text": title}
        templates.append(template_spec(k, lang, definition, sample))
    return templates


def run(copies: int) -> list[dict[str, Any]]:
    templates = build_templates()
    ids = {t.name: t.id for t in templates}
    rows = []
    for name, distort in DISTORTIONS.items():
        matched = pages = exact = fields = 0
        seconds = 0.0
        for lang, form in FORMS.items():
            for fill in FILLS[lang][:copies]:
                image = distort(render_form(form, fill)[0])
                started = time.perf_counter()
                [page] = read_with_templates(
                    to_png(image),
                    declared_format="png",
                    templates=templates,
                    languages=[lang],
                    limits=IntakeLimits(),
                )
                seconds += time.perf_counter() - started
                pages += 1
                expected = expected_values(form, fill)
                fields += len(expected)
                if page.template is None or page.template.id != ids[lang]:
                    print(f"  {name} {lang}: matched {page.template}")
                    continue
                matched += 1
                got = {f.name: f.checked if f.kind is FieldKind.CHECKBOX else f.text for f in page.fields}
                for key, want in expected.items():
                    if got.get(key) == want:
                        exact += 1
                    else:
                        print(f"  {name} {lang}.{key}: want {want!r} got {got.get(key)!r}")
        rows.append(
            {
                "distortion": name,
                "pages": pages,
                "matched": matched / pages,
                "exact": exact / fields,
                "fields": fields,
                "s_per_page": seconds / pages,
            }
        )
        print(
            f"{name}: match {matched}/{pages} exact {exact}/{fields} {seconds / pages:.2f} s/page", flush=True
        )
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| distortion | pages | matching | field exact | fields | s/page |", "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['distortion']} | {r['pages']} | {r['matched']:.1%} | {r['exact']:.1%} | {r['fields']} "
            f"| {r['s_per_page']:.2f} |"
        )
    total_pages = sum(r["pages"] for r in rows)
    matched = sum(r["matched"] * r["pages"] for r in rows) / total_pages
    distorted = [r for r in rows if r["distortion"] != "clean"]
    exact_d = sum(r["exact"] * r["fields"] for r in distorted) / sum(r["fields"] for r in distorted)
    lines.append(
        f"| **all** | {total_pages} | {matched:.1%} | distorted: {exact_d:.1%} | | "
        f"{sum(r['s_per_page'] * r['pages'] for r in rows) / total_pages:.2f} |"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=2, help="filled copies per form and distortion (max 3)")
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown table here")
    args = parser.parse_args()
    rows = run(args.copies)
    text = table(rows)
    print(text)
    if args.out:
        args.out.write_text(
            "# Template OCR benchmark\n\n"
            "`PYTHONPATH=. .venv/bin/python -m benchmarks.templates --copies "
            f"{args.copies} --out {args.out}` on 2 shared CPU cores, 2026-11-25. "
            "Three templates (Korean, Japanese, English) are candidates for every page; "
            "each page is a filled copy (values differ from the blank "
            "sample), distorted as named. *Field exact*: value after type normalisation equals the truth "
            "(checkboxes: ticked state).\n\n" + text + "\n"
        )


if __name__ == "__main__":
    main()
