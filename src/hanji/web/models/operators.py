"""Operators (admin only), one's own account, and API tokens as listed."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from hanji.services.management.access import Access
from hanji.storage.models import ApiToken, Operator
from hanji.web.models.common import RequestBody, Timestamp, View, iso

RoleName = Literal["admin", "editor", "viewer"]


class OperatorCreate(RequestBody):
    username: str = Field(min_length=1, max_length=64)
    role: RoleName
    domain_ids: list[int] = Field(default_factory=list, max_length=1000)
    """The domains an editor or viewer is given; empty: every domain."""
    password: str | None = Field(default=None, max_length=1024)
    """At least 12 characters; left out, one is generated and answered once."""


class OperatorUpdate(RequestBody):
    role: RoleName | None = None
    domain_ids: list[int] | None = Field(default=None, max_length=1000)


class PasswordReset(RequestBody):
    password: str | None = Field(default=None, max_length=1024)
    """Left out, one is generated and answered once."""


class PasswordChange(RequestBody):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


class OperatorView(View):
    username: str
    role: RoleName
    domain_ids: list[int]
    """Empty: every domain (always empty for an admin)."""
    created_at: Timestamp
    password_changed_at: Timestamp | None

    @classmethod
    def of(cls, operator: Operator) -> OperatorView:
        return cls(
            username=operator.username,
            role=operator.role,
            domain_ids=sorted(d.domain_id for d in operator.scope),
            created_at=iso(operator.created_at),
            password_changed_at=iso(operator.password_changed_at),
        )


class OperatorCreated(OperatorView):
    password: str | None
    """The generated password, shown only here; null when the request gave one."""


class PasswordIssued(View):
    username: str
    password: str | None
    """The generated password, shown only here; null when the request gave one."""


class AccountView(View):
    """The caller: who, with which role, over which domains, and how they authenticated."""

    username: str
    role: RoleName
    domain_ids: list[int] | None
    """The domains this operator works on; null: every domain."""
    via: Literal["session", "token", "basic"]

    @classmethod
    def of(cls, operator: Operator, access: Access, via: str) -> AccountView:
        return cls(
            username=operator.username,
            role=access.role.value,
            domain_ids=sorted(access.domain_ids) if access.domain_ids is not None else None,
            via=via,
        )


class TokenView(View):
    id: int
    name: str
    prefix: str
    """The token's first characters, to tell tokens apart (the token itself is never shown again)."""
    operator: str
    created_at: Timestamp
    last_used_at: Timestamp | None
    """Updated at most once a minute."""
    expires_at: Timestamp | None
    """null: the token never expires."""

    @classmethod
    def of(cls, token: ApiToken, operator: str) -> TokenView:
        return cls(
            id=token.id,
            name=token.name,
            prefix=token.prefix,
            operator=operator,
            created_at=iso(token.created_at),
            last_used_at=iso(token.last_used_at),
            expires_at=iso(token.expires_at),
        )
