"""The test suite stands alone: nothing under tests/ reads the shared evaluation data beside the clone.

Only ``benchmarks/`` may read ``../shared/data``; tests use the small copies in ``tests/data``.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SHARED_PATH = re.compile(r"""(\.\./shared|/work/shared|["']shared["']\s*/|/\s*["']shared["'])""")


def test_no_test_reads_the_shared_folder() -> None:
    offenders = [
        f"{path.relative_to(TESTS)}:{n}"
        for path in TESTS.rglob("*.py")
        if path != Path(__file__)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SHARED_PATH.search(line)
    ]
    assert not offenders, "tests must use tests/data, not ../shared: " + ", ".join(offenders)
