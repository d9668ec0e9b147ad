"""Checks every management request gets before its route: values no route could store or look up.

Ids are signed 64-bit in every database Hanji supports, so a bigger number in a path or query would
crash the driver (SQLite raises OverflowError) rather than match nothing; and a JSON ``\\ud800``
escape decodes to a string that cannot be stored or rendered as UTF-8. Both are 422s here, and so
are ``NaN`` and ``Infinity``: Python's JSON reader takes them, but no box or threshold can be one
(a stored NaN box broke every later match of its template).
"""

from __future__ import annotations

import json
import re
from typing import Final

from fastapi import Request

from hanji.clova.request import SURROGATE_ESCAPE, find_lone_surrogate
from hanji.core.errors import ValidationFailed
from hanji.web.errors import is_invoke_path

_INT64: Final = range(-(2**63), 2**63)
_INTEGER: Final = re.compile(r"^[+-]?\d+$")


_NON_FINITE: Final = re.compile(r"NaN|Infinity")


def _refuse_constant(name: str) -> float:
    raise ValidationFailed(
        f"body: {name} is not a number JSON allows.",
        details={"problems": [{"field": "body", "problem": name}]},
    )


def _is_id(name: str) -> bool:
    return name == "id" or name.endswith("_id")


async def refuse_unstorable_values(request: Request) -> None:
    """Raise 422 for an out-of-range id parameter or a lone surrogate in a JSON body."""
    if is_invoke_path(request.url.path):
        return  # invoke URLs answer in CLOVA's shape and check their own input
    params = [*request.path_params.items(), *request.query_params.items()]
    for name, value in params:
        if _is_id(name) and isinstance(value, str) and _INTEGER.match(value) and int(value) not in _INT64:
            raise ValidationFailed(
                f"{name}: must be a 64-bit integer.",
                details={"problems": [{"field": name, "problem": "range"}]},
            )
    if "json" not in request.headers.get("content-type", ""):
        return
    body = await request.body()  # already read and cached by FastAPI: no second read
    text = body.decode("utf-8", "replace")
    if _NON_FINITE.search(text):
        try:
            json.loads(body, parse_constant=_refuse_constant)
        except ValidationFailed:
            raise
        except (ValueError, RecursionError):
            pass  # FastAPI reports the syntax error itself
    if not SURROGATE_ESCAPE.search(text):
        return
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return  # FastAPI reports the syntax error itself
    where = find_lone_surrogate(value)
    if where is not None:
        raise ValidationFailed(
            f"{where[:80] or 'body'}: not valid Unicode (a lone UTF-16 surrogate).",
            details={"problems": [{"field": where[:80] or "body", "problem": "lone surrogate"}]},
        )
