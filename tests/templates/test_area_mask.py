"""Only a template's areas reach OCR: the rest of the matched page is painted the paper colour."""

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from hanji.engines import recognize
from hanji.templates.area_mask import keep_areas, paper_colour, template_areas
from hanji.templates.schema import parse_definition
from tests.templates.forms import NANUM


def _page() -> np.ndarray:
    image = Image.new("RGB", (900, 400), (246, 243, 236))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(NANUM, 30)
    draw.text((60, 60), "성명 홍길동", fill=(20, 20, 20), font=font)
    draw.text((60, 200), "주소 서울특별시 마포구 월드컵로 42", fill=(20, 20, 20), font=font)
    draw.text((60, 300), "ORDER 58213", fill=(20, 20, 20), font=font)
    return np.asarray(image)


def test_outside_the_areas_is_paper_and_inside_is_untouched() -> None:
    page = _page()
    masked = keep_areas(page, [(50, 50, 300, 50)])
    assert masked.shape == page.shape
    assert np.array_equal(masked[50:100, 50:350], page[50:100, 50:350])
    assert (masked[180:400] == paper_colour(page)).all()
    assert tuple(paper_colour(page)) == (246, 243, 236)


def test_only_the_areas_text_is_read() -> None:
    fields = [
        {"name": "name", "boxes": [[50, 50, 300, 50]]},
        {"name": "order", "boxes": [[50, 290, 300, 50]]},
    ]
    definition = parse_definition({"title": None, "fields": fields}, sample_size=(900, 400))
    areas = template_areas(definition)
    assert areas == [(50, 50, 300, 50), (50, 290, 300, 50)]
    text = " ".join(line.text for line in recognize(keep_areas(_page(), areas), ["ko"]).lines)
    assert "홍길동" in text and "58213" in text
    assert "서울" not in text and "마포" not in text
