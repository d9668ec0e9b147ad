"""Read a request body without ever holding more than the configured limit."""

from __future__ import annotations

from fastapi import Request

from hanji.core.errors import RequestBodyTooLarge


async def read_capped_body(request: Request, max_bytes: int) -> bytes:
    """Return the body, refusing (413 / 0011) before reading past ``max_bytes``."""
    declared = request.headers.get("content-length")
    if declared and declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
        raise RequestBodyTooLarge(f"The body is over the {max_bytes // (1024 * 1024)} MB limit.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise RequestBodyTooLarge(f"The body is over the {max_bytes // (1024 * 1024)} MB limit.")
        chunks.append(chunk)
    return b"".join(chunks)
