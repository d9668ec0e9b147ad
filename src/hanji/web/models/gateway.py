"""Secret keys of a domain's invoke URLs."""

from __future__ import annotations

from hanji.storage.models import SecretKey
from hanji.web.models.common import Timestamp, View, iso


class SecretKeyView(View):
    id: int
    prefix: str
    """The secret's first characters, to tell keys apart."""
    created_at: Timestamp
    last_used_at: Timestamp | None


class SecretKeyIssued(View):
    """A new secret key: ``secret`` is shown only here and stored hashed."""

    id: int
    secret: str
    """Send it as the ``X-OCR-SECRET`` header of invoke calls."""
    prefix: str
    created_at: Timestamp


class SecretKeyList(View):
    data: list[SecretKeyView]


def secret_key_view(key: SecretKey) -> SecretKeyView:
    return SecretKeyView(
        id=key.id, prefix=key.prefix, created_at=iso(key.created_at), last_used_at=iso(key.last_used_at)
    )
