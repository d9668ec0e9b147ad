"""Access logs without invoke keys: an invoke URL's key is a credential (with the secret), so the
server's access log writes ``/custom/v1/12/***/general`` instead of the key."""

from __future__ import annotations

import logging
import re

INVOKE_KEY = re.compile(r"(/(?:custom|external)/v1/[^/?#]+/)[^/?#]+")


def redact(path: str) -> str:
    return INVOKE_KEY.sub(r"\1***", path)


class RedactInvokeKeys(logging.Filter):
    """Rewrites the request path of uvicorn's access records (``args[2]``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redact(args[2]), *args[3:])
        return True


def redact_invoke_keys() -> None:
    """Install the filter on uvicorn's access logger, once."""
    logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactInvokeKeys) for f in logger.filters):
        logger.addFilter(RedactInvokeKeys())
