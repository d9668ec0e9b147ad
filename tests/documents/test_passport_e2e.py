"""End to end on a real image: the ICAO specimen passport (PassportEye test data)."""

import json
from pathlib import Path

import pytest

cv2 = pytest.importorskip("cv2")

from hanji.core.result import Page  # noqa: E402
from hanji.documents import get_extractor  # noqa: E402

SPECIMEN = Path(__file__).parents[1] / "data" / "documents" / "passport-td3.jpg"


@pytest.mark.slow
def test_specimen_td3_from_pixels() -> None:
    image = cv2.imread(str(SPECIMEN))
    result = get_extractor("passport").extract(Page(0, image.shape[1], image.shape[0]), image)
    assert result["mrz"]["valid"], json.dumps(result["mrz"])
    pp = {k: v[0]["text"] for k, v in result["pp"].items()}
    assert pp["num"] == "L898902C3" and pp["surName"] == "ERIKSSON" and pp["givenName"] == "ANNA MARIA"
    assert pp["birthDate"] == "740812" and pp["expireDate"] == "120415" and pp["personalNum"] == "ZE184226B"
