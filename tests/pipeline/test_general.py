"""The General flow runs table extraction only when tables are asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hanji.intake.limits import IntakeLimits
from hanji.pipeline import general

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "ocr" / "en_receipt.jpg"


class TablesRan(Exception):
    pass


def _refuse(*_: Any, **__: Any) -> list[Any]:
    raise TablesRan()


@pytest.mark.slow
def test_no_table_extraction_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(general, "extract_tables", _refuse)
    data = SAMPLE.read_bytes()
    document = general.read_general(data, declared_format="jpg", languages=["en"], limits=IntakeLimits())
    assert document.pages[0].lines and document.pages[0].tables == ()
    with pytest.raises(TablesRan):  # the same call with tables on does reach the extractor
        general.read_general(
            data, declared_format="jpg", languages=["en"], limits=IntakeLimits(), tables=True
        )
