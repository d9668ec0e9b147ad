from hanji.engines.scripts import cjk_share, is_syllable, ks_x_1001_syllables, tesseract_lang_string


def test_tesseract_languages_always_add_english() -> None:
    assert tesseract_lang_string(["ko"]) == "kor+eng"
    assert tesseract_lang_string(["ja", "zh-TW", "en"]) == "jpn+chi_tra+eng"
    assert tesseract_lang_string([]) == "eng"


def test_script_tests() -> None:
    assert is_syllable("한") and not is_syllable("ㅁ") and not is_syllable("a")
    assert cjk_share("漢字 かな") == 1.0
    assert cjk_share("") == 0.0
    assert cjk_share("한국어 abc") == 0.0


def test_ks_x_1001_is_the_2350_common_syllables() -> None:
    syllables = ks_x_1001_syllables()
    assert len(syllables) == len(set(syllables)) == 2350
    assert "가" in syllables and "똘" in syllables and "햏" not in syllables and "똠" not in syllables
