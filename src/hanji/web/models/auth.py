"""Sign-in sessions and API tokens."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, WithJsonSchema

from hanji.web.models.common import RequestBody, Timestamp, View


class SessionCreate(RequestBody):
    username: str
    password: str


class SessionStarted(View):
    """A new sign-in; the session itself is the HttpOnly cookie set beside this body."""

    username: str
    csrf_token: str
    """Send it as ``X-CSRF-Token`` on every unsafe request made with the cookie."""
    expires_at: Timestamp


class SessionView(View):
    """Who the caller is, and how they authenticated."""

    username: str
    via: Annotated[str, WithJsonSchema({"type": "string", "enum": ["session", "token", "basic"]})]
    csrf_token: str | None
    """The session's CSRF token; null when the caller used a token."""


DEFAULT_TOKEN_DAYS = 90


class TokenCreate(RequestBody):
    name: str = Field(min_length=1, max_length=100)
    expires_in_days: int | None = DEFAULT_TOKEN_DAYS
    """Days the token is valid, 1-3650 (default 90); null: it never expires."""


class TokenIssued(View):
    """A new API token: ``token`` is shown only here and stored hashed."""

    id: int
    token: str
    name: str
    created_at: Timestamp
    expires_at: Timestamp | None
    """null: the token never expires."""
