"""From per-line class probabilities to field picks: blocks of lines (store name, address), spans."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# A line joins a field only when the model is more sure than not; fixed, never tuned on held-out data.
THRESHOLD = 0.5


def pick_block(probs: np.ndarray, *, threshold: float = THRESHOLD, max_lines: int = 6) -> list[int]:
    """The most probable line plus its neighbours (in reading order) that also pass ``threshold``.

    Args:
        probs: One field's probability per line.
        threshold: Minimum probability of the seed line and of every line added to it.
        max_lines: Cap on the block length (an address rarely spans more than five lines).

    Returns:
        Sorted line indices; empty when no line passes ``threshold``.
    """
    if len(probs) == 0 or float(probs.max()) < threshold:
        return []
    seed = int(probs.argmax())
    lo = hi = seed
    while hi - lo + 1 < max_lines:
        up = probs[lo - 1] if lo > 0 else -1.0
        down = probs[hi + 1] if hi + 1 < len(probs) else -1.0
        if max(up, down) < threshold:
            break
        if up >= down:
            lo -= 1
        else:
            hi += 1
    return list(range(lo, hi + 1))


def pick_candidate(
    probs: np.ndarray, line_indices: Sequence[int], *, threshold: float = THRESHOLD
) -> int | None:
    """Index into ``line_indices`` of the candidate whose line is most probable (later wins ties).

    Later wins because payable totals are printed below subtotals and the same amount repeats.
    """
    best: tuple[float, int] | None = None
    for k, i in enumerate(line_indices):
        p = float(probs[i])
        if p >= threshold and (best is None or p >= best[0] - 1e-9):
            best = (p, k)
    return None if best is None else best[1]
