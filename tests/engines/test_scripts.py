from hanji.engines.scripts import hangul_share, korean_words, tesseract_lang_string


def test_tesseract_languages_always_add_english() -> None:
    assert tesseract_lang_string(["ko"]) == "kor+eng"
    assert tesseract_lang_string(["ja", "zh-TW", "en"]) == "jpn+chi_tra+eng"
    assert tesseract_lang_string([]) == "eng"


def test_hangul_share() -> None:
    assert hangul_share("한국어 abc") == 0.5
    assert hangul_share("") == 0.0
    assert hangul_share("漢字 123") == 0.0


def test_korean_words_rejoin_syllables_and_restore_won() -> None:
    words = [
        ("폰", 0.9, 0.0, 0.1),
        ("어", 0.8, 0.105, 0.2),
        ("\\536,119", 0.9, 0.3, 0.5),
        ("고지", 0.9, 0.55, 0.7),
    ]
    out = korean_words(words, aspect=10.0)
    assert [w[0] for w in out] == ["폰어", "₩536,119", "고지"]
    assert out[0][1] == 0.8
