"""외국인등록증 (alien registration / residence card): labelled fields, Latin names re-read if garbled.

The card prints the holder's name and country in Latin capitals beside Korean labels. A Korean OCR
pass can turn such a line into Hangul noise, so with the image at hand the value's region gets a
second, Latin-script read (PP-OCR, the MRZ reader's engine).
"""

from __future__ import annotations

import re

from hanji.core.result import Line, Word
from hanji.core.text_reader import PageImage
from hanji.documents.labelled import Labelled, find_labelled, label_pattern
from hanji.documents.personal_numbers import personal_number
from hanji.documents.regions import words_region
from hanji.documents.values import ValueObject, format_date, value_object

_LATIN = re.compile(r"^[A-Z][A-Z .,'-]*[A-Z]$")
_DATE = re.compile(r"(?:19|20)\d\d\s*[.년/-]\s*\d{1,2}\s*[.월/-]\s*\d{1,2}\s*[.일]?")
_VISA = re.compile(r"[A-H]\s*-\s*\d{1,2}(?:\s*-\s*\d{1,2})?")
_SEX = re.compile(r"(?<![A-Z])[MF](?![A-Z])|[남여]")
_LABELS = {
    "alienRegNum": label_pattern("외국인등록번호", "등록번호"),
    "name": label_pattern("성명", "Name"),
    "sex": label_pattern("성별", "Sex"),
    "nationality": label_pattern("국가/지역", "국가", "국적", "Country"),
    "visaType": label_pattern("체류자격", "Status"),
    "issueDate": label_pattern("발급일자", "발급일", "Issue Date"),
    "serialNum": label_pattern("일련번호", "Serial"),
}
_KEY_TEXT = {"name": "성명", "sex": "성별", "nationality": "국가", "visaType": "체류자격"}
_KEY_TEXT |= {"issueDate": "발급일자", "serialNum": "일련번호", "alienRegNum": "외국인등록번호"}
_VALUES: dict[str, re.Pattern[str]] = {"sex": _SEX, "visaType": _VISA, "issueDate": _DATE}


def _latin_reread(image: PageImage, words: tuple[Word, ...]) -> str | None:
    """A second reading of the words' region, kept only when it is Latin capitals."""
    crop = words_region(image, words)
    if crop is None:
        return None
    # Recognition only: the crop is one line, and detection would split it into overlapping pieces.
    text = image.reader.read_crop(crop).text.strip().upper()
    return text if _LATIN.match(text) else None


def _latin_value(found: Labelled, image: PageImage | None) -> ValueObject:
    text = found.text
    if not _LATIN.match(text) and image is not None and found.words:
        text = _latin_reread(image, found.words) or text
    return value_object(text, found.words, key_text=found.key_text)


def alien_fields(rows: list[Line], image: PageImage | None) -> tuple[dict[str, list[ValueObject]], bool]:
    """The ``ac`` object and whether the registration number passed its check digit."""
    out: dict[str, list[ValueObject]] = {}
    number = personal_number(rows, key_text="외국인등록번호")
    valid = False
    if number is not None:
        out["alienRegNum"] = [number[0]]
        valid = number[2]
    for key, label in _LABELS.items():
        if key == "alienRegNum":
            continue
        found = find_labelled(rows, _KEY_TEXT[key], label, value=_VALUES.get(key), below=True)
        if found is None:
            continue
        if key in ("name", "nationality"):
            out[key] = [_latin_value(found, image)]
        elif key == "issueDate":
            out[key] = [
                value_object(found.text, found.words, formatted=format_date(found.text), key_text="발급일자")
            ]
        elif key == "visaType":
            visa = re.sub(r"\s", "", found.text)
            out[key] = [value_object(found.text, found.words, formatted={"value": visa}, key_text="체류자격")]
        else:
            out[key] = [value_object(found.text, found.words, key_text=found.key_text)]
    return out, valid and "name" in out
