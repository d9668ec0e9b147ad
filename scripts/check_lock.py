"""Fail when Hanji's installed dependency tree (with the dev extra) holds a package the lock lacks.

``pip install --require-hashes`` already refuses an unpinned dependency on a fresh environment; in
an existing one a package dropped from the lock is still installed, so this walks the tree too.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

LOCK = Path(__file__).resolve().parents[1] / "requirements" / "lock.txt"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def main() -> int:
    locked = {
        canonical(m.group(1)) for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", LOCK.read_text(), re.M)
    }
    todo = [("hanji", frozenset({"dev"}))]
    seen: set[str] = set()
    missing: list[str] = []
    while todo:
        name, extras = todo.pop()
        key = canonical(name)
        if key in seen:
            continue
        seen.add(key)
        if key != "hanji" and key not in locked:
            missing.append(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            missing.append(f"{name} (not installed)")
            continue
        for line in requires:
            req = Requirement(line)
            if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in (extras or {""})):
                todo.append((req.name, frozenset(req.extras)))
    if missing:
        print(
            "requirements/lock.txt lacks: " + ", ".join(sorted(missing)) + "; run ./scripts/lock",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
