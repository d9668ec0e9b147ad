"""The Korean recogniser's classes: every syllable, in the Unicode order the jamo head relies on."""

from hanji.engines.scripts import ks_x_1001_syllables
from hanji.training import charset


def test_every_syllable_and_the_ks_x_1001_set_are_classes() -> None:
    chars = charset.characters()
    assert len(set(chars)) == len(chars)
    assert chars[:11172] == tuple(charset.HANGUL_SYLLABLES)
    assert len(ks_x_1001_syllables()) == 2350
    assert set(ks_x_1001_syllables()) <= set(chars)
    assert chars[-1] == " "
    for symbol in "₩㈜※·「」~%１Ａ":
        assert symbol in charset.index()


def test_index_is_one_based_after_the_blank() -> None:
    assert charset.index()["가"] == 1
    assert charset.index()["힣"] == 11172
