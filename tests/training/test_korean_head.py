"""The jamo-composed CTC head: a syllable's score is the sum of its lead, vowel and tail scores."""

import pytest

torch = pytest.importorskip("torch")

from hanji.training import charset  # noqa: E402
from hanji.training.korean_head import LEADS, TAILS, VOWELS, KoreanHead  # noqa: E402


def test_syllable_scores_are_jamo_sums_in_unicode_order() -> None:
    head = KoreanHead(len(charset.characters()), dim=32).eval()
    features = torch.randn(2, 7, 384)
    with torch.no_grad():
        logits = head(features)
        x, _ = head.rnn(head.act(head.mix(features.transpose(1, 2))).transpose(1, 2))
        lead, vowel, tail = head.jamo(x).split((LEADS, VOWELS, TAILS), dim=-1)
        rest = head.rest(x)
    assert logits.shape == (2, 7, len(charset.characters()) + 1)
    syllable = "한"
    code = ord(syllable) - 0xAC00
    li, vi, ti = code // (VOWELS * TAILS), (code // TAILS) % VOWELS, code % TAILS
    k = charset.index()[syllable]
    assert torch.allclose(logits[..., k], lead[..., li] + vowel[..., vi] + tail[..., ti], atol=1e-5)
    assert torch.allclose(logits[..., 0], rest[..., 0])  # the blank
    assert torch.allclose(logits[..., charset.index()["A"]], rest[..., charset.index()["A"] - 11172])
