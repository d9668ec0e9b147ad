from hanji.clova.document import render_value
from hanji.core.geometry import Box
from hanji.core.result import Word
from hanji.documents.language import estimate_language
from hanji.documents.values import format_date, format_money, format_time, value_object


def test_value_object_shape() -> None:
    w = Word("419-27-00818", Box(1, 2, 30, 12).to_quad(), 0.9)
    read = value_object("419-27-00818", [w], formatted={"value": "4192700818"}, key_text="사업자번호")
    vo = render_value(read)
    assert list(vo) == ["text", "formatted", "keyText", "confidenceScore", "boundingPolys", "maskingPolys"]
    assert vo["boundingPolys"][0]["vertices"][0] == {"x": 1.0, "y": 2.0}
    assert vo["confidenceScore"] == 0.9 and vo["maskingPolys"] == []


def test_formatters() -> None:
    assert format_date("25/12/2018 8:13:39 PM") == {"year": "2018", "month": "12", "day": "25"}
    assert format_date("2024년 1월 3일") == {"year": "2024", "month": "01", "day": "03"}
    assert format_date("30 DEC 17") == {"year": "2017", "month": "12", "day": "30"}
    assert format_time("8:13:39 PM") == {"hour": "20", "minute": "13", "second": "39"}
    assert format_money("RM 1,234.50") == "1234.50"
    assert format_money("12,000원") == "12000"


def test_estimate_language() -> None:
    from hanji.core.result import Line, Page

    def page(text: str) -> Page:
        return Page(0, 10, 10, (Line((Word(text, Box(0, 0, 5, 5).to_quad(), 1.0),)),))

    assert estimate_language(page("사업자등록증")) == "ko"
    assert estimate_language(page("東京都の住所")) == "ja"
    assert estimate_language(page("臺北市")) == "zh-TW"
    assert estimate_language(page("TOTAL 9.00")) == "en"
