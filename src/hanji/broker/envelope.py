"""Task results as plain JSON: ``{"ok": value}`` or ``{"error": {type, code, message}}``.

A ``HanjiError`` raised on a worker comes back to the API as the same class with the same code
and message, so a bad file is still ``0011`` and not a generic failure.
"""

from __future__ import annotations

from typing import Any

from hanji.core import errors
from hanji.core.errors import ClovaError, HanjiError, UnknownServiceError
from hanji.core.wire import Wire


def wrap_error(exc: HanjiError) -> dict[str, Any]:
    return {"error": {"type": type(exc).__name__, "code": exc.code, "message": exc.message}}


def unwrap(reply: Any) -> Wire:
    """The task's value, or its error raised again here.

    Raises:
        HanjiError: the task failed on purpose (same class when known, else by code).
    """
    if not isinstance(reply, dict) or not ({"ok", "error"} & reply.keys()):
        raise UnknownServiceError("An OCR worker sent a reply Hanji does not understand.")
    if "error" not in reply:
        value: Wire = reply["ok"]
        return value
    raise error_from(reply["error"])


def error_from(info: dict[str, Any]) -> HanjiError:
    cls = getattr(errors, str(info.get("type")), None)
    if not (isinstance(cls, type) and issubclass(cls, HanjiError)):
        cls = _by_code(str(info.get("code")))
    exc = cls.__new__(cls)
    # Set the message as sent: ClovaError's constructor would prefix CLOVA's wording a second time.
    HanjiError.__init__(exc, str(info.get("message") or cls.default_message))
    if isinstance(exc, ClovaError):
        exc.reason = None
    return exc


def _by_code(code: str) -> type[HanjiError]:
    for cls in _subclasses(ClovaError):
        if cls.code == code:
            return cls
    return UnknownServiceError


def _subclasses(cls: type[HanjiError]) -> list[type[HanjiError]]:
    found: list[type[HanjiError]] = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found
