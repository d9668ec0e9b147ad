"""End to end on a real image: the ICAO specimen passport (PassportEye test data)."""

import json
from pathlib import Path

import cv2
import pytest

from hanji.clova.document import render_fields
from hanji.core.result import Page
from hanji.core.text_reader import PageImage
from hanji.documents import get_extractor
from hanji.engines.text_reader import EngineTextReader

SPECIMEN = Path(__file__).parents[1] / "data" / "documents" / "passport-td3.jpg"


@pytest.mark.slow
def test_specimen_td3_from_pixels() -> None:
    image = cv2.cvtColor(cv2.imread(str(SPECIMEN)), cv2.COLOR_BGR2RGB)
    result = render_fields(
        get_extractor("passport").extract(
            Page(0, image.shape[1], image.shape[0]), PageImage(image, EngineTextReader())
        )
    )
    assert result["mrz"]["valid"], json.dumps(result["mrz"])
    pp = {k: v[0]["text"] for k, v in result["pp"].items()}
    assert pp["num"] == "L898902C3" and pp["surName"] == "ERIKSSON" and pp["givenName"] == "ANNA MARIA"
    assert pp["birthDate"] == "740812" and pp["expireDate"] == "120415" and pp["personalNum"] == "ZE184226B"
