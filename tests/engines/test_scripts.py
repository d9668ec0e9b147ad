from hanji.engines.scripts import hangul_share, tesseract_lang_string


def test_tesseract_languages_always_add_english() -> None:
    assert tesseract_lang_string(["ko"]) == "kor+eng"
    assert tesseract_lang_string(["ja", "zh-TW", "en"]) == "jpn+chi_tra+eng"
    assert tesseract_lang_string([]) == "eng"


def test_hangul_share() -> None:
    assert hangul_share("한국어 abc") == 0.5
    assert hangul_share("") == 0.0
    assert hangul_share("漢字 123") == 0.0
