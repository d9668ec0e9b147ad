"""The General flow runs table extraction only when tables are asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hanji.intake.limits import IntakeLimits
from hanji.pipeline import general
from hanji.pipeline.general import GeneralRequest
from hanji.pipeline.inputs import FileInput

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "ocr" / "en_receipt.jpg"


class TablesRan(Exception):
    pass


def _refuse(*_: Any, **__: Any) -> list[Any]:
    raise TablesRan()


@pytest.mark.slow
def test_no_table_extraction_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(general, "extract_tables", _refuse)
    data = SAMPLE.read_bytes()
    file = FileInput(data, "jpg", IntakeLimits())
    document = general.read_general(GeneralRequest(file, ("en",)))
    assert document.pages[0].lines and document.pages[0].tables == ()
    with pytest.raises(TablesRan):  # the same call with tables on does reach the extractor
        general.read_general(GeneralRequest(file, ("en",), tables=True))
