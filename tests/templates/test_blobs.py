"""The content-addressed blob store."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from hanji.storage.blobs import BlobNotFound, BlobStore


def test_put_get_is_content_addressed(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "blobs")
    key = store.put(b"sample")
    assert key == hashlib.sha256(b"sample").hexdigest()
    assert store.put(b"sample") == key and store.get(key) == b"sample" and store.exists(key)
    store.delete(key)
    assert not store.exists(key)
    with pytest.raises(BlobNotFound):
        store.get(key)


@pytest.mark.parametrize("key", ["../../etc/passwd", "ab", "A" * 64, ""])
def test_keys_that_are_not_sha256_are_refused(tmp_path: Path, key: str) -> None:
    with pytest.raises(BlobNotFound):
        BlobStore(tmp_path).get(key)
