"""The trainable half of Hanji's Korean recogniser: a convolution and a two-layer BiLSTM over the
frozen backbone's columns, and a CTC classifier over :func:`hanji.training.charset.characters`.

The classifier scores a Hangul syllable as the sum of its three jamo scores (19 leads, 21 vowels,
28 tails: Unicode orders the 11,172 syllables exactly so), which makes it cheap — 68 outputs
instead of 11,172 — and lets it read syllables it saw rarely or never from the jamo it has seen.
Everything else (blank, Latin, digits, symbols) has its own score."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

FEATURE_DIM = 384
LEADS, VOWELS, TAILS = 19, 21, 28
SYLLABLES = LEADS * VOWELS * TAILS


class KoreanHead(nn.Module):
    def __init__(self, classes: int, dim: int = 192) -> None:
        super().__init__()
        self.classes = classes
        self.dim = dim
        self.mix = nn.Conv1d(FEATURE_DIM, dim, kernel_size=3, padding=1)
        self.act = nn.GELU()
        self.rnn = nn.LSTM(dim, dim // 2, num_layers=2, bidirectional=True, batch_first=True, dropout=0.1)
        self.drop = nn.Dropout(0.1)
        self.jamo = nn.Linear(dim, LEADS + VOWELS + TAILS)
        self.rest = nn.Linear(dim, classes + 1 - SYLLABLES)

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        """(N, T, 384) -> CTC logits (N, T, classes + 1); class 0 is the blank."""
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
    """The head as the shipped graph runs it: straight off the backbone's (N, 384, 1, T) output,
    ending in probabilities as PP-OCR's recogniser does."""

    def __init__(self, head: KoreanHead) -> None:
        super().__init__()
        self.head = head

    def forward(self, pooled: torch.Tensor) -> torch.Tensor:
        features = pooled.squeeze(2).transpose(1, 2)
        return torch.softmax(self.head(features), dim=-1)


def parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def state(model: KoreanHead) -> dict[str, Any]:
    return {"classes": model.classes, "dim": model.dim, "weights": model.state_dict()}


def from_state(saved: dict[str, Any]) -> KoreanHead:
    model = KoreanHead(int(saved["classes"]), int(saved["dim"]))
    model.load_state_dict({k: v.float() for k, v in saved["weights"].items()})
    return model
