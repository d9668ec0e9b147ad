"""Random credentials and their keyed hashes.

Secret keys, API tokens and session tokens are 256-bit random values, so a keyed hash
(HMAC-SHA256 with the server key) is as strong as a slow hash and cheap enough for every request.
Operator passwords are human-chosen and get Argon2 (see ``operators``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_credential(prefix: str) -> str:
    """A fresh credential such as ``hsk_3f…``; the prefix tells what it is when one leaks."""
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def keyed_hash(value: str, *, server_key: str) -> str:
    return hmac.new(server_key.encode(), value.encode(), hashlib.sha256).hexdigest()


def matches(value: str, stored_hash: str, *, server_key: str) -> bool:
    """Compare in constant time, so timing tells nothing about the stored hash."""
    return hmac.compare_digest(keyed_hash(value, server_key=server_key), stored_hash)


def display_prefix(credential: str) -> str:
    """The part of a credential safe to show in lists (type prefix + 6 characters)."""
    head, _, body = credential.partition("_")
    return f"{head}_{body[:6]}"


def new_invoke_key() -> str:
    return secrets.token_hex(32)
