"""Operators' validation regexes run on OCR text, so a pattern that backtracks exponentially
(``(a+)+$``, ``(a|a)*``) would hang a worker on a crafted document (ReDoS). Python's engine has no
time limit, so such patterns are refused when the template is saved: no repeat may contain another
repeat or an alternation, nor a backreference, and a pattern is at most 300 characters."""

from __future__ import annotations

import importlib
import re
from typing import Any

# The stdlib's own regex parser (Python 3.11+; it has no type stubs).
sre_parse: Any = importlib.import_module("re._parser")
_codes: Any = importlib.import_module("re._constants")
BRANCH, GROUPREF, GROUPREF_EXISTS = _codes.BRANCH, _codes.GROUPREF, _codes.GROUPREF_EXISTS
MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT = _codes.MAX_REPEAT, _codes.MIN_REPEAT, _codes.POSSESSIVE_REPEAT

MAX_PATTERN = 300
_REPEATS = (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT)


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` may backtrack without bound (or is not a regex at all); None when safe."""
    if len(pattern) > MAX_PATTERN:
        return f"longer than {MAX_PATTERN} characters"
    try:
        parsed = sre_parse.parse(pattern)
    except re.error as exc:
        return f"not a valid regular expression ({exc})"
    return _walk(list(parsed), inside_repeat=False)


def _walk(items: list[Any], *, inside_repeat: bool) -> str | None:
    for op, arg in items:
        if op in (GROUPREF, GROUPREF_EXISTS):
            return "backreferences are not allowed"
        if op in _REPEATS:
            _, high, body = arg
            repeats = high is sre_parse.MAXREPEAT or high > 1
            if inside_repeat and repeats:
                return "a repeat inside a repeat can take exponential time"
            problem = _walk(list(body), inside_repeat=inside_repeat or repeats)
            if problem:
                return problem
        elif op is BRANCH:
            if inside_repeat:
                return "an alternation inside a repeat can take exponential time"
            for branch in arg[1]:
                problem = _walk(list(branch), inside_repeat=inside_repeat)
                if problem:
                    return problem
        elif isinstance(arg, tuple) and arg and isinstance(arg[-1], sre_parse.SubPattern):
            problem = _walk(list(arg[-1]), inside_repeat=inside_repeat)  # a group's body
            if problem:
                return problem
    return None
