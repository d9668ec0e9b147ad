"""Download headers for any file name: domain codes and template names may be Korean or Japanese,
and HTTP headers are Latin-1, so the name goes as RFC 6266's ``filename*`` (UTF-8, percent-encoded)
beside an ASCII ``filename`` for old clients."""

from __future__ import annotations

import re
from urllib.parse import quote


def attachment(filename: str) -> dict[str, str]:
    """A ``Content-Disposition: attachment`` header naming ``filename``."""
    fallback = re.sub(r"[^A-Za-z0-9._-]+", "_", filename).strip("_") or "download"
    if fallback == filename:
        return {"Content-Disposition": f'attachment; filename="{filename}"'}
    encoded = quote(filename, safe="")
    return {"Content-Disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"}
