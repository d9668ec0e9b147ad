"""Who may do what: an operator's role, and the domains an editor or viewer is given.

- ``admin``: everything, operators and the audit log included.
- ``editor``: reads and changes domains, their templates, invoke URLs, keys and webhooks (only the
  domains given, when some are); creates and copies domains only when given no domain list.
- ``viewer``: reads domains and statistics (only those given, when some are).

Every role manages its own session, API tokens and password. A domain outside an operator's list is
answered as if it did not exist (``DOMAIN_NOT_FOUND``), so the list does not leak other domains.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from hanji.core.errors import DomainNotFound, Forbidden
from hanji.storage.models import Operator


class Role(enum.StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    VIEWER = "viewer"


class Permission(enum.StrEnum):
    SELF = "self"
    """One's own session, API tokens and password."""
    READ = "read"
    """Domains and everything under them, statistics."""
    EDIT = "edit"
    """Changing a domain and everything under it; template test runs."""
    CREATE_DOMAINS = "create_domains"
    """Creating and copying domains."""
    ADMIN = "admin"
    """Operators, other operators' tokens, the audit log."""


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.EDITOR: frozenset({Permission.SELF, Permission.READ, Permission.EDIT, Permission.CREATE_DOMAINS}),
    Role.VIEWER: frozenset({Permission.SELF, Permission.READ}),
}


@dataclass(frozen=True)
class Access:
    role: Role
    domain_ids: frozenset[int] | None
    """The domains given; None: every domain."""

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def sees(self, domain_id: int) -> bool:
        return self.domain_ids is None or domain_id in self.domain_ids

    def allows(self, permission: Permission, domain_id: int | None = None) -> bool:
        if permission not in _GRANTS[self.role]:
            return False
        if permission is Permission.CREATE_DOMAINS and not self.is_admin and self.domain_ids is not None:
            return False  # a new domain would fall outside the list this operator is held to
        return domain_id is None or self.sees(domain_id)

    def check(self, permission: Permission, domain_id: int | None = None) -> None:
        """Raise ``DomainNotFound`` for a domain outside the list, ``Forbidden`` for a role that lacks it."""
        if domain_id is not None and not self.sees(domain_id):
            raise DomainNotFound(details={"id": domain_id})
        if not self.allows(permission, domain_id):
            raise Forbidden(
                f"The {self.role} role does not allow this.",
                details={"role": str(self.role), "needs": str(permission)},
            )


def access_of(operator: Operator) -> Access:
    role = Role(operator.role)
    given = frozenset(d.domain_id for d in operator.scope)
    return Access(role, None if role is Role.ADMIN or not given else given)
