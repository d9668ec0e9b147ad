"""The writer interface shared by the languages: random pieces of a business page from one ``Random``."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable

Field = Callable[[], tuple[str, str]]


def words(text: str) -> tuple[str, ...]:
    """A vocabulary list written as ``|``-separated text (items may contain spaces)."""
    return tuple(w.strip() for w in text.split("|") if w.strip())


class Writer:
    """Shared helpers; subclasses fill in the language's vocabulary and formats."""

    lang = ""
    seps: tuple[str, ...] = (": ",)
    titles: tuple[str, ...] = ()
    items: tuple[str, ...] = ()

    def __init__(self, rng: random.Random) -> None:
        self.r = rng
        self.used: set[str] = set()

    def digits(self, n: int) -> str:
        return "".join(str(self.r.randint(0, 9)) for _ in range(n))

    def money(self, lo: float = 500, hi: float = 5_000_000, step: int = 100) -> int:
        """Log-uniform amounts, so small and large sums are equally common."""
        v = 10 ** self.r.uniform(math.log10(lo), math.log10(hi))
        return max(step, int(v // step) * step)

    def day(self) -> dt.date:
        return dt.date(self.r.randint(2019, 2027), 1, 1) + dt.timedelta(days=self.r.randint(0, 364))

    def clock(self) -> str:
        t = f"{self.r.randint(0, 23):02d}:{self.r.randint(0, 59):02d}"
        return t + (f":{self.r.randint(0, 59):02d}" if self.r.random() < 0.5 else "")

    def sep(self) -> str:
        return self.r.choice(self.seps)

    def card_mask(self) -> str:
        a, d = self.digits(4), self.digits(4)
        return self.r.choice(
            (f"{a}-{self.digits(2)}**-****-{d}", f"{a}-****-****-{d}", f"****-****-****-{d}")
        )

    def field(self) -> tuple[str, str]:
        """A ``(label, value)`` pair whose label this page has not used yet (when one can be found)."""
        fields = self.fields()
        for _ in range(8):
            label, value = self.r.choice(fields)()
            if label not in self.used:
                break
        self.used.add(label)
        return label, value

    # The language parts.
    def fields(self) -> list[Field]:
        raise NotImplementedError

    def title(self) -> str:
        return self.r.choice(self.titles)

    def subtitle(self) -> str:
        raise NotImplementedError

    def company(self) -> str:
        raise NotImplementedError

    def address(self) -> str:
        raise NotImplementedError

    def amount(self) -> tuple[str, str]:
        raise NotImplementedError

    def date_line(self) -> tuple[str, str]:
        raise NotImplementedError

    def mixed(self) -> str:
        raise NotImplementedError

    def sentence(self) -> str:
        raise NotImplementedError

    def table(self) -> tuple[list[str], list[list[str]], list[bool]]:
        """Header cells, body rows and which columns are numbers (right-aligned)."""
        raise NotImplementedError

    def cells(self) -> list[str]:
        """One ruled row of ``label value`` cells, e.g. ``수량 2 | 단가 4,500 | 금액 9,000``."""
        raise NotImplementedError

    def seal(self) -> str:
        """The text of a red seal stamped next to a name (not ground truth)."""
        raise NotImplementedError
