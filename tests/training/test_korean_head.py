"""The jamo-composed CTC head: a syllable's score is the sum of its lead, vowel and tail scores; it
reads the backbone's three rows, the exported graph feeds it as training did, and a head trained on
the rows' mean loads widened without changing what it computes."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from hanji.engines.backends.ppocr_backbone import CHANNELS, ROWS, columns  # noqa: E402
from hanji.training import charset  # noqa: E402
from hanji.training.korean_head import (  # noqa: E402
    LEADS,
    TAILS,
    VOWELS,
    ExportedHead,
    KoreanHead,
    from_state,
    state,
)


def test_syllable_scores_are_jamo_sums_in_unicode_order() -> None:
    head = KoreanHead(len(charset.characters()), dim=32).eval()
    features = torch.randn(2, 7, ROWS * CHANNELS)
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


def test_the_exported_head_pools_the_block_as_training_columns_did() -> None:
    head = KoreanHead(len(charset.characters()), dim=32).eval()
    block = np.random.default_rng(0).normal(size=(2, CHANNELS, ROWS, 15)).astype(np.float32)
    with torch.no_grad():
        exported = ExportedHead(head)(torch.from_numpy(block))
        trained = torch.softmax(head(torch.from_numpy(columns(block))), dim=-1)
    assert exported.shape[1] == 7  # 15 block columns: 7 pairs, the odd one dropped
    assert torch.allclose(exported, trained, atol=1e-6)


def test_a_head_trained_on_the_rows_mean_loads_widened_and_computes_the_same() -> None:
    torch.manual_seed(0)
    old = KoreanHead(len(charset.characters()), dim=32, rows=1).eval()
    saved = state(old)
    del saved["rows"]  # the first checkpoints did not record it
    widened = from_state(saved).eval()
    rows = torch.randn(2, 9, ROWS, CHANNELS)
    with torch.no_grad():
        before = old(rows.mean(2))
        after = widened(rows.reshape(2, 9, ROWS * CHANNELS))
    assert widened.rows == ROWS
    assert torch.allclose(before, after, atol=1e-4)
