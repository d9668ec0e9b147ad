"""Model files shipped inside the package, each checked against the ``MANIFEST.json`` beside it.

A model's sha256 is recorded when it is trained and verified on every load, so a tampered or
half-written file is refused instead of trusted.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


class ModelIntegrityError(RuntimeError):
    """A model file does not match the sha256 its manifest records (or has no entry)."""


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_model(path: Path, retrain: str = "retrain it") -> None:
    """Check ``path`` against the ``MANIFEST.json`` beside it.

    Raises:
        ModelIntegrityError: The file is missing, has no manifest entry or its sha256 differs.
    """
    if not path.is_file():
        raise ModelIntegrityError(f"model {path} is missing; reinstall hanji or {retrain}")
    manifest = json.loads((path.parent / "MANIFEST.json").read_text())
    entry = manifest.get("models", {}).get(path.name)
    if entry is None:
        raise ModelIntegrityError(f"{path.name} is not listed in {path.parent / 'MANIFEST.json'}")
    actual = sha256_file(path)
    if actual != entry["sha256"]:
        raise ModelIntegrityError(
            f"{path.name} sha256 {actual} does not match the manifest ({entry['sha256']}); "
            f"{retrain} or restore the file"
        )


def record_model(path: Path, **facts: object) -> str:
    """Write ``path``'s size and sha256 (and ``facts``) into the manifest beside it; returns the sha."""
    manifest_path = path.parent / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {"models": {}}
    sha = sha256_file(path)
    manifest["models"][path.name] = {"bytes": path.stat().st_size, "sha256": sha, **facts}
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return sha
