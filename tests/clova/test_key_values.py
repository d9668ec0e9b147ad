"""The ``keyValues[]`` renderer (Hanji extension for General requests with ``enableKeyValue``)."""

from hanji.clova.key_values import render_key_values
from hanji.core.geometry import Box
from hanji.core.result import Word
from hanji.documents.key_values import KeyValue


def _pair() -> KeyValue:
    key = (Word("Date:", Box(10, 20, 50, 32).to_quad(), 0.99),)
    value = (
        Word("2018-01-02", Box(60, 21, 140, 33).to_quad(), 0.9),
        Word("10:00", Box(150, 20, 190, 34).to_quad(), 0.97),
    )
    return KeyValue("Date", "2018-01-02 10:00", key, value)


def test_v2_shape() -> None:
    (item,) = render_key_values([_pair()], "V2")
    assert list(item) == ["key", "value", "confidence"]
    assert item["key"] == {
        "text": "Date",
        "boundingPoly": {
            "vertices": [
                {"x": 10.0, "y": 20.0},
                {"x": 50.0, "y": 20.0},
                {"x": 50.0, "y": 32.0},
                {"x": 10.0, "y": 32.0},
            ]
        },
    }
    assert item["value"]["text"] == "2018-01-02 10:00"
    assert item["value"]["boundingPoly"]["vertices"][2] == {"x": 190.0, "y": 34.0}
    assert item["confidence"] == 0.9


def test_v1_bounding_and_empty() -> None:
    (item,) = render_key_values([_pair()], "V1")
    assert item["key"]["bounding"] == {"top": 20.0, "left": 10.0, "width": 40.0, "height": 12.0}
    assert render_key_values([]) == []
    bare = render_key_values([KeyValue("k", "v", (), ())])[0]
    assert bare == {"key": {"text": "k"}, "value": {"text": "v"}, "confidence": 0.0}
