"""A content-addressed blob store: files under ``<data_dir>/blobs/ab/cdef…`` named by their sha256.

Template samples and test previews live here; the database keeps only the key. The same bytes stored
twice share one file, and a key cannot point at other bytes than those it was made from.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Final

from hanji.core.errors import NotFound
from hanji.core.private_files import private_dir

_KEY: Final = re.compile(r"^[0-9a-f]{64}$")


class BlobNotFound(NotFound):
    code = "BLOB_NOT_FOUND"
    default_message = "No stored file with that key."


class BlobStore:
    """Blobs in one directory (created on first write)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @staticmethod
    def is_key(key: str) -> bool:
        return bool(_KEY.match(key))

    def path(self, key: str) -> Path:
        if not self.is_key(key):
            raise BlobNotFound()  # never build a path from an unchecked string
        return self.root / key[:2] / key[2:]

    def put(self, data: bytes) -> str:
        """Store ``data`` and return its key (its sha256 in hex)."""
        key = hashlib.sha256(data).hexdigest()
        target = self.path(key)
        if target.exists():
            return key
        private_dir(target.parent)
        # Write then rename: a reader never sees half a file, two writers of one key both succeed.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
        return key

    def get(self, key: str) -> bytes:
        path = self.path(key)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise BlobNotFound() from None

    def exists(self, key: str) -> bool:
        return self.is_key(key) and self.path(key).exists()

    def delete(self, key: str) -> None:
        if self.exists(key):
            self.path(key).unlink(missing_ok=True)
