"""End to end on a SYNTHETIC 사업자등록증: render (seed 7) → real default OCR → biz-license extractor."""

import random

import pytest

from hanji.clova.document import render_fields

pytest.importorskip("rapidocr")

from benchmarks.synthetic import biz_license

from hanji.core.text_reader import PageImage
from hanji.documents import get_extractor
from hanji.engines.default import recognize
from hanji.engines.text_reader import EngineTextReader


@pytest.mark.slow
def test_rendered_biz_license_reads_back() -> None:
    doc = biz_license.render(random.Random(7))
    result = render_fields(
        get_extractor("biz-license").extract(
            recognize(doc.image, ["ko"]), PageImage(doc.image, EngineTextReader())
        )
    )
    value = {k: v[0]["formatted"].get("value", "") for k, v in result.items()}
    assert value["registerNumber"] == doc.truth["registerNumber"]
    assert value["taxType"] == doc.truth["taxType"]
    assert value["repName"] == doc.truth["repName"]
    assert result["openDate"][0]["formatted"] == dict(
        zip(("year", "month", "day"), doc.truth["openDate"].split("-"), strict=True)
    )
