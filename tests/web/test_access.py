"""The route table: first match wins, and a route nobody placed is closed to all but admins."""

from __future__ import annotations

import pytest

from hanji.core.errors import DomainNotFound, Forbidden
from hanji.services.management.access import Access, Permission, Role
from hanji.web.access import needed


def test_a_new_route_nobody_placed_needs_an_admin() -> None:
    assert needed("GET", "/api/v1/brand-new-thing") is Permission.ADMIN
    assert (
        needed("POST", "/console/brand-new-page") is Permission.READ
    )  # console pages read; writes go via the API


@pytest.mark.parametrize(
    ("method", "path", "permission"),
    [
        ("GET", "/api/v1/domains", Permission.READ),
        ("POST", "/api/v1/domains", Permission.CREATE_DOMAINS),
        ("POST", "/api/v1/domains/{domain_id}/copy", Permission.CREATE_DOMAINS),
        ("DELETE", "/api/v1/domains/{domain_id}", Permission.EDIT),
        ("POST", "/api/v1/domains/{domain_id}/templates/{template_id}/test", Permission.EDIT),
        ("GET", "/api/v1/audit", Permission.ADMIN),
        ("PATCH", "/api/v1/operators/{username}", Permission.ADMIN),
        ("DELETE", "/api/v1/tokens/{token_id}", Permission.SELF),
        ("PUT", "/api/v1/me/password", Permission.SELF),
        ("GET", "/console/operators", Permission.ADMIN),
    ],
)
def test_routes_need_what_the_guide_says(method: str, path: str, permission: Permission) -> None:
    assert needed(method, path) is permission


def test_a_domain_outside_the_list_is_hidden_before_the_role_is_asked() -> None:
    viewer = Access(Role.VIEWER, frozenset({1}))
    viewer.check(Permission.READ, 1)
    with pytest.raises(Forbidden):
        viewer.check(Permission.EDIT, 1)
    with pytest.raises(DomainNotFound):
        viewer.check(Permission.EDIT, 2)  # not even "forbidden": the domain is not there for them
    editor = Access(Role.EDITOR, frozenset({1}))
    assert editor.allows(Permission.EDIT, 1) and not editor.allows(Permission.CREATE_DOMAINS)
    assert Access(Role.EDITOR, None).allows(Permission.CREATE_DOMAINS)
