"""Candidate (label line, value line) pairs of a page and their features, for the learned pairer.

A candidate is a line to the right of a label on its row, or below it within a few line heights
(slightly left, under or right of it), or just above it; each key keeps its nearest few. Every
candidate becomes one numeric vector: where the value sits relative to the key in units of the
page's median word height, how the two are aligned, what lies between them, how near each is to
the other among the alternatives, what each text looks like, and whether the rules paired them
(training and inference share this module).
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass

import numpy as np

from hanji.core.result import Line, Page

MAX_RIGHT, MAX_BELOW, MAX_ABOVE = 4, 6, 2
"""Nearest candidates kept per key line on its row (right of it), below it and above it."""
MAX_CANDIDATES = MAX_RIGHT + MAX_BELOW + MAX_ABOVE
_RIGHT_REACH = 40.0  # in word heights; 99 % of FUNSD right-hand answers lie within 35
_BELOW_REACH = 12.0
_ABOVE_REACH = 4.0
_LEFT_SLACK = 6.0

_LABEL_WORDS = re.compile(
    r"\b(?:date|name|no|number|to|from|re|subject|cc|fax|tel|phone|address|city|state|zip|title|"
    r"signature|signed|company|dept|department|total|amount|code|brand|telephone|attn|attention|"
    r"by|for|time|ref|reference|account|approved|requested|description|type|street)\b"
    r"|no\.|#|성명|이름|주소|전화|일자|날짜|번호|금액|합계|상호|대표자|생년월일|연락처|소속|직위",
    re.I,
)
_DATE = re.compile(r"\d{1,4}\s?[-./]\s?\d{1,2}\s?[-./]\s?\d{1,4}|\b(?:19|20)\d\d\b|\d{1,2}:\d\d")
_CHECKBOX = re.compile(r"^\s*(?:\[\s*[xX✓]?\s*\]|[☐☑☒□■✓✔xX])(?:\s|$)")
_COLON_INSIDE = re.compile(r"[:：]\s*\S")

TEXT_FEATURES = (
    "ends_colon",
    "colon_inside",
    "log_chars",
    "n_words",
    "digit_frac",
    "alpha_frac",
    "upper_frac",
    "label_word",
    "checkbox",
    "date_like",
    "paren",
    "ends_period",
    "label_like",
    "rows",
    "width",
)
PAIR_FEATURES = (
    "gap_x",
    "gap_y",
    "centre_dx",
    "centre_dy",
    "left_dx",
    "right_dx",
    "v_overlap",
    "h_overlap",
    "same_row",
    "above",
    "between",
    "between_row",
    "key_rank",
    "value_rank",
    "right_rank",
    "below_rank",
    "order_gap",
    "key_candidates",
    "value_candidates",
    "height_ratio",
    "rule_pair",
    "closer_labels",
    "closer_plain",
    "row_size",
    "column_size",
    "key_page_y",
)


def feature_names() -> list[str]:
    """Column names of :func:`pair_features`' matrix, in order."""
    return [f"key_{n}" for n in TEXT_FEATURES] + [f"value_{n}" for n in TEXT_FEATURES] + list(PAIR_FEATURES)


@dataclass(frozen=True, slots=True)
class Candidates:
    """Candidate pairs as line indices into ``page.lines`` with one feature row each."""

    keys: np.ndarray
    values: np.ndarray
    features: np.ndarray


def _text_features(line: Line, unit: float) -> list[float]:
    text = line.text.strip()
    chars = max(len(text), 1)
    letters = [c for c in text if c.isalpha()]
    box = line.bbox
    return [
        float(text.endswith((":", "："))),
        float(bool(_COLON_INSIDE.search(text))),
        float(np.log1p(len(text))),
        float(min(len(line.words), 20)),
        sum(c.isdigit() for c in text) / chars,
        len(letters) / chars,
        sum(c.isupper() for c in letters) / max(len(letters), 1),
        float(bool(_LABEL_WORDS.search(text))),
        float(bool(_CHECKBOX.match(text))),
        float(bool(_DATE.search(text))),
        float(text.startswith(("(", "["))),
        float(text.endswith(".")),
        float(len(text) <= 25 and not re.search(r"\d", text) and len(line.words) <= 4),
        min(box.height / unit, 20.0),
        min(box.width / unit, 80.0),
    ]


def _word_unit(page: Page) -> float:
    heights = [w.quad.bbox.height for ln in page.lines for w in ln.words]
    return max(float(np.median(heights)), 1.0) if heights else 1.0


def _ranks(distance: np.ndarray, mask: np.ndarray, axis: int) -> np.ndarray:
    """Rank (0 = nearest) of each masked entry along ``axis``; stable, so ties keep line order."""
    d = np.where(mask, distance, np.inf)
    order = np.argsort(d, axis=axis, kind="stable")
    ranks = np.empty_like(order)
    idx = np.arange(d.shape[axis])
    if axis == 1:
        np.put_along_axis(ranks, order, np.broadcast_to(idx, d.shape), axis=1)
    else:
        np.put_along_axis(ranks, order, np.broadcast_to(idx[:, None], d.shape), axis=0)
    return ranks


def pair_features(page: Page, lines: list[int], rule_pairs: Set[tuple[int, int]] = frozenset()) -> Candidates:
    """Candidates among ``lines`` (indices into ``page.lines``) and their feature rows.

    Args:
        page: The page whose lines are paired.
        lines: The line indices that may take part (lines the colon rule split are left out).
        rule_pairs: ``(key, value)`` line indices the rules paired, a feature of their own.
    """
    width = len(feature_names())
    if len(lines) < 2:
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, np.zeros((0, width)))
    unit = _word_unit(page)
    boxes = [page.lines[i].bbox for i in lines]
    b = np.array([[x.left, x.top, x.right, x.bottom] for x in boxes]) / unit
    left, top, right, bottom = (b[:, c] for c in range(4))
    cx, cy = (left + right) / 2, (top + bottom) / 2
    gap_x = left[None, :] - right[:, None]  # [key, value]
    gap_y = top[None, :] - bottom[:, None]
    v_overlap = np.minimum(bottom[:, None], bottom[None, :]) - np.maximum(top[:, None], top[None, :])
    h_overlap = np.minimum(right[:, None], right[None, :]) - np.maximum(left[:, None], left[None, :])
    heights = bottom - top
    min_h = np.minimum(heights[:, None], heights[None, :])
    same_row = v_overlap > 0.5 * np.maximum(min_h, 0.5)
    dcy = cy[None, :] - cy[:, None]
    right_of = same_row & (cx[None, :] > cx[:, None]) & (gap_x <= _RIGHT_REACH) & (gap_x > -2.0)
    horizontal = (right[None, :] >= left[:, None] - _LEFT_SLACK) & (left[None, :] <= right[:, None] + 25.0)
    below = ~same_row & (dcy > 0) & (gap_y <= _BELOW_REACH) & horizontal
    above = ~same_row & (dcy < 0) & (gap_y.T <= _ABOVE_REACH) & (h_overlap > 0)
    n = len(lines)
    not_self = ~np.eye(n, dtype=bool)
    distance = np.hypot(np.maximum(gap_x, 0.0), 2.0 * np.maximum(np.maximum(gap_y, gap_y.T), 0.0))
    # Each direction keeps its own nearest few, so a far value on the row is not crowded out by
    # the many lines below a label.
    window = np.zeros((n, n), dtype=bool)
    for side, cap in ((right_of, MAX_RIGHT), (below, MAX_BELOW), (above, MAX_ABOVE)):
        side = side & not_self
        window |= side & (_ranks(distance, side, axis=1) < cap)
    key_rank = _ranks(distance, window, axis=1)
    value_rank = _ranks(distance, window, axis=0)
    right_rank = np.where(right_of, _ranks(distance, window & right_of, axis=1), MAX_CANDIDATES)
    below_dist = np.abs(gap_y) + 0.1 * np.abs(left[None, :] - left[:, None])
    below_rank = np.where(below, _ranks(below_dist, window & below, axis=1), MAX_CANDIDATES)
    k_idx, v_idx = np.nonzero(window)
    text = np.array([_text_features(page.lines[i], unit) for i in lines])
    labelish = (text[:, TEXT_FEATURES.index("ends_colon")] + text[:, TEXT_FEATURES.index("label_like")]) > 0
    # How many label-like lines compete for this value from nearer, and how many plain
    # (value-like) lines sit nearer to this key than the value does.
    masked = np.where(window, distance, np.inf)
    d_pair = masked[k_idx, v_idx][:, None]
    closer_labels = ((d_pair > masked[:, v_idx].T) & labelish[None, :]).sum(axis=1)
    closer_plain = ((d_pair > masked[k_idx, :]) & ~labelish[None, :]).sum(axis=1)
    column = (np.abs(left[:, None] - left[None, :]) < 1.0).sum(axis=1)
    page_top, page_bottom = top.min(), bottom.max()
    order = np.empty(n, dtype=np.int64)
    order[np.lexsort((left, np.round(cy)))] = np.arange(n)
    # Lines whose centre lies in the box spanning both sides sit between key and value.
    span_l = np.minimum(left[k_idx], left[v_idx])[:, None]
    span_r = np.maximum(right[k_idx], right[v_idx])[:, None]
    span_t = np.minimum(top[k_idx], top[v_idx])[:, None]
    span_b = np.maximum(bottom[k_idx], bottom[v_idx])[:, None]
    inside = (cx[None, :] > span_l) & (cx[None, :] < span_r) & (cy[None, :] > span_t) & (cy[None, :] < span_b)
    inside[np.arange(len(k_idx)), k_idx] = False
    inside[np.arange(len(k_idx)), v_idx] = False
    row_band = np.abs(cy[None, :] - cy[k_idx][:, None]) < 0.5 * heights[k_idx][:, None]
    pair = np.column_stack(
        [
            np.clip(gap_x[k_idx, v_idx], -40, 60),
            np.clip(gap_y[k_idx, v_idx], -20, 20),
            np.clip(cx[v_idx] - cx[k_idx], -60, 80),
            dcy[k_idx, v_idx],
            np.clip(left[v_idx] - left[k_idx], -60, 80),
            np.clip(right[v_idx] - right[k_idx], -60, 80),
            v_overlap[k_idx, v_idx] / np.maximum(min_h[k_idx, v_idx], 0.5),
            h_overlap[k_idx, v_idx]
            / np.maximum(np.minimum(b[k_idx, 2] - b[k_idx, 0], b[v_idx, 2] - b[v_idx, 0]), 0.5),
            same_row[k_idx, v_idx],
            above[k_idx, v_idx],
            np.minimum(inside.sum(axis=1), 10),
            np.minimum((inside & row_band).sum(axis=1), 5),
            key_rank[k_idx, v_idx],
            np.minimum(value_rank[k_idx, v_idx], MAX_CANDIDATES),
            np.minimum(right_rank[k_idx, v_idx], MAX_CANDIDATES),
            np.minimum(below_rank[k_idx, v_idx], MAX_CANDIDATES),
            np.clip(order[v_idx] - order[k_idx], -20, 40),
            window.sum(axis=1)[k_idx],
            window.sum(axis=0)[v_idx],
            np.log(np.maximum(heights[v_idx], 0.1) / np.maximum(heights[k_idx], 0.1)),
            [(lines[k], lines[v]) in rule_pairs for k, v in zip(k_idx, v_idx, strict=True)],
            np.minimum(closer_labels, 5),
            np.minimum(closer_plain, 5),
            np.minimum(same_row.sum(axis=1)[k_idx], 10),
            np.minimum(column[k_idx], 10),
            (cy[k_idx] - page_top) / max(page_bottom - page_top, 1.0),
        ]
    ).astype(np.float64)
    features = np.hstack([text[k_idx], text[v_idx], pair])
    index = np.asarray(lines, dtype=np.int64)
    return Candidates(index[k_idx], index[v_idx], features)
