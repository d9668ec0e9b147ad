"""The words of store names and addresses a receipt model was trained on, used to repair one-letter
misreads in what it extracts.

A low-resolution print loses a stroke here and there (``JALAU``, ``SELAUGOR``, ``PHARHACY``,
``BIk``), and a single wrong letter makes the whole field wrong. The words that recur across
receipts — street and place words, company forms, trades — are learned from the training truths
with the number of receipts holding each; a token that is not one of them but one substituted
letter away from a word held by several receipts (and clearly the likeliest such word) is read as
that word. Below eight characters, where one letter reaches many words, the letter may only change
into one the recogniser often takes it for.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from string import ascii_uppercase

MIN_RECEIPTS = 2
"""A word is learned when at least this many training receipts hold it."""
MIN_TARGET = 5
"""A misread is repaired only into a word this many training receipts hold: a rarer one is as
likely a different name."""
_LONG = 8
"""From this many characters on, any one letter of a token may be the misread one."""
_SHORT = 3
"""Shorter tokens are never repaired."""
NAME_SHORTEST = 5
"""Names are repaired from five characters on: shorter tokens in a name are mostly the owners'
names (``WAH``, ``AIK``, ``SUN``), one letter from a learned word and rightly so."""
_LOOK_ALIKE = ("IL1JT", "O0DQUC", "NMHKUR", "S5", "G6Y", "B8", "Z2", "CE", "AE", "VY")
"""Characters the recogniser takes for one another on thermal prints (measured on the SROIE line
truths: 1/L, I/L, 0/O, N/M, U/N, C/E, G/Y ...)."""
_TOKEN = re.compile(r"[A-Za-z0-9]+")


def _look_alike(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _LOOK_ALIKE)


def learn_store_words(texts: Iterable[str], min_receipts: int = MIN_RECEIPTS) -> dict[str, int]:
    """Each receipt's truth name and address text in, ``{word: receipts holding it}`` out (words of
    three letters or more, upper case, those held by at least ``min_receipts``)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({w for w in re.findall(r"[A-Z]{3,}", text.upper())})
    return {w: n for w, n in sorted(counts.items()) if n >= min_receipts}


def _edits(token: str) -> Iterable[str]:
    """Upper-case strings one substituted letter from ``token``: a look-alike letter, or any letter
    in a long token (where one letter changes few words into others). A digit is replaced only
    between letters (``F1R``, ``J1N``); one at an end is part of the name (``UPTOWN3``)."""
    for i, c in enumerate(token):
        if c.isdigit() and not (0 < i < len(token) - 1 and token[i - 1].isalpha() and token[i + 1].isalpha()):
            continue
        for letter in ascii_uppercase:
            if letter != c and (len(token) >= _LONG or _look_alike(c, letter)):
                yield token[:i] + letter + token[i + 1 :]


def _in_case_of(word: str, like: str) -> str:
    if like.isupper() or not any(c.isalpha() for c in like):
        return word
    return word.capitalize() if like[:1].isupper() else word.lower()


@dataclass(frozen=True, slots=True)
class StoreWords:
    """Learned words with the number of training receipts that held each."""

    counts: Mapping[str, int] = field(default_factory=dict)

    def _repair(self, token: str, shortest: int) -> str:
        upper = token.upper()
        letters = sum(c.isalpha() for c in upper)
        if len(upper) < shortest or upper in self.counts or letters < len(upper) - 1 or letters < 2:
            return token
        found = Counter({w: n for w in set(_edits(upper)) if (n := self.counts.get(w, 0)) >= MIN_TARGET})
        best = found.most_common(2)
        if not best or (len(best) == 2 and best[1][1] * 2 > best[0][1]):
            return token  # no word, or two about as likely
        return _in_case_of(best[0][0], token)

    def repair(self, text: str, shortest: int = _SHORT) -> str:
        """``text`` with each token of ``shortest`` characters or more that is one misread away
        from a learned word read as that word."""
        if not self.counts:
            return text
        return _TOKEN.sub(lambda m: self._repair(m.group(0), shortest), text)
