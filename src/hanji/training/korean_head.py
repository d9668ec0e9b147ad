"""The trainable half of Hanji's Korean recogniser: a convolution and a two-layer BiLSTM over the
frozen backbone's columns, and a CTC classifier over :func:`hanji.training.charset.characters`.

The classifier scores a Hangul syllable as the sum of its three jamo scores (19 leads, 21 vowels,
28 tails: Unicode orders the 11,172 syllables exactly so), which makes it cheap — 68 outputs
instead of 11,172 — and lets it read syllables it saw rarely or never from the jamo it has seen.
Everything else (blank, Latin, digits, symbols) has its own score.

Its input is the backbone's three rows side by side (:data:`hanji.engines.backends.ppocr_backbone.FEATURES`).
A head trained on their mean (the first checkpoints) loads widened: each row gets a third of the
old input weights, so it computes exactly what it did and training goes on from there."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from hanji.engines.backends.ppocr_backbone import CHANNELS, ROWS

LEADS, VOWELS, TAILS = 19, 21, 28
SYLLABLES = LEADS * VOWELS * TAILS


class KoreanHead(nn.Module):
    def __init__(self, classes: int, dim: int = 192, rows: int = ROWS) -> None:
        super().__init__()
        self.classes = classes
        self.dim = dim
        self.rows = rows
        self.mix = nn.Conv1d(rows * CHANNELS, dim, kernel_size=3, padding=1)
        self.act = nn.GELU()
        self.rnn = nn.LSTM(dim, dim // 2, num_layers=2, bidirectional=True, batch_first=True, dropout=0.1)
        self.drop = nn.Dropout(0.1)
        self.jamo = nn.Linear(dim, LEADS + VOWELS + TAILS)
        self.rest = nn.Linear(dim, classes + 1 - SYLLABLES)

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        """(N, T, rows * 384) -> CTC logits (N, T, classes + 1); class 0 is the blank."""
        x = self.act(self.mix(features.transpose(1, 2))).transpose(1, 2)
        x, _ = self.rnn(x)
        x = self.drop(x)
        jamo = self.jamo(x)
        n, t = jamo.shape[:2]
        lead, vowel, tail = jamo.split((LEADS, VOWELS, TAILS), dim=-1)
        syllables = (
            lead.reshape(n, t, LEADS, 1, 1)
            + vowel.reshape(n, t, 1, VOWELS, 1)
            + tail.reshape(n, t, 1, 1, TAILS)
        ).reshape(n, t, SYLLABLES)
        rest = self.rest(x)
        # class 0 is the blank, 1..11,172 the syllables in Unicode order, then the rest
        return torch.cat((rest[..., :1], syllables, rest[..., 1:]), dim=-1)


class ExportedHead(nn.Module):
    """The head as the shipped graph runs it: straight off the backbone's (N, 384, 3, W/4) block,
    pairs of columns averaged and rows side by side as :func:`~hanji.engines.backends.ppocr_backbone.columns`
    does, ending in probabilities as PP-OCR's recogniser does."""

    def __init__(self, head: KoreanHead) -> None:
        super().__init__()
        self.head = head

    def forward(self, block: torch.Tensor) -> torch.Tensor:
        pairs = nn.functional.avg_pool2d(block, kernel_size=(1, 2))
        n, c, rows, t = pairs.shape
        features = pairs.permute(0, 3, 2, 1).reshape(n, t, rows * c)
        return torch.softmax(self.head(features), dim=-1)


def parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def state(model: KoreanHead) -> dict[str, Any]:
    return {"classes": model.classes, "dim": model.dim, "rows": model.rows, "weights": model.state_dict()}


def from_state(saved: dict[str, Any]) -> KoreanHead:
    """The head saved in ``saved``; one trained on the rows' mean comes back widened to :data:`ROWS`."""
    weights = {k: v.float() for k, v in saved["weights"].items()}
    rows = int(saved.get("rows", 1))
    if rows != ROWS:
        # mean over rows = sum of each row times 1/rows: the same function on the wider input
        weights["mix.weight"] = weights["mix.weight"].repeat(1, ROWS // rows, 1) * rows / ROWS
    model = KoreanHead(int(saved["classes"]), int(saved["dim"]))
    model.load_state_dict(weights)
    return model
