"""M4: every /api/v1 route and console page checks the caller's role and domains.

The test walks every route the app serves (from its OpenAPI document and the console's router) as
each kind of operator, and compares what came back with what that role may do, worked out here from
the route's path and method on their own terms (not by asking ``web.access``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from tests.api.test_domains import create
from tests.conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
PASSWORD = "a-long-enough-password"
PUBLIC = {("POST", "/api/v1/session")}
"""Routes anyone may call: signing in."""


@dataclass(frozen=True)
class Who:
    name: str
    role: str
    scoped: bool
    """Given only the first domain (an admin is never scoped)."""


PEOPLE = [
    Who("admin", "admin", False),
    Who("ed-all", "editor", False),
    Who("ed-one", "editor", True),
    Who("view-all", "viewer", False),
    Who("view-one", "viewer", True),
]


@pytest.fixture
def world(api: TestClient) -> Iterator[dict[str, Any]]:
    """Two domains; one operator per kind, each with a bearer token."""
    mine = create(api, name="mine", code="mine").json()
    other = create(api, name="other", code="other").json()
    tokens = {"admin": api.headers["Authorization"]}
    for who in PEOPLE[1:]:
        body = {"username": who.name, "role": who.role, "password": PASSWORD}
        body["domain_ids"] = [mine["id"]] if who.scoped else []
        assert api.post("/api/v1/operators", json=body).status_code == 201
        token = api.post(
            "/api/v1/tokens", json={"name": "t"}, auth=(who.name, PASSWORD), headers={"Authorization": ""}
        )
        assert token.status_code == 201, token.text
        tokens[who.name] = f"Bearer {token.json()['token']}"
    yield {"mine": mine["id"], "other": other["id"], "tokens": tokens}


def may(who: Who, method: str, path: str) -> bool:
    """What the role may do, from the management API's rules as the docs state them."""
    read = method in ("GET", "HEAD")
    if who.role == "admin" or path in ("/api/v1/session", "/api/v1/tokens", "/api/v1/tokens/{token_id}"):
        return True
    if path.startswith(("/api/v1/me",)):
        return True
    if path.startswith(("/api/v1/operators", "/api/v1/audit")):
        return False
    if path.startswith(("/api/v1/stats", "/api/v1/results/export")):
        return True
    creates = method == "POST" and path in ("/api/v1/domains", "/api/v1/domains/{domain_id}/copy")
    if creates:
        return who.role == "editor" and not who.scoped
    if path.startswith("/api/v1/domains"):
        return read or who.role == "editor"
    raise AssertionError(f"no expectation for {method} {path}: say what each role may do here")


def api_routes(client: TestClient) -> list[tuple[str, str]]:
    spec = client.get("/openapi.json").json()
    found = [
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if path.startswith("/api/v1") and method in ("get", "post", "put", "patch", "delete")
    ]
    assert len(found) >= 40  # the whole management API, not a few routes
    return sorted(found)


def fill(path: str, domain_id: int) -> str:
    values = {"domain_id": str(domain_id), "username": "nobody", "token_id": "999999"}
    return re.sub(r"\{(\w+)(:path)?\}", lambda m: values.get(m.group(1), "999999"), path)


@pytest.mark.slow
def test_every_management_route_answers_each_role_as_its_rules_say(
    api: TestClient, world: dict[str, Any]
) -> None:
    problems = []
    for method, path in api_routes(api):
        if (method, path) in PUBLIC:
            continue
        for who in PEOPLE:
            for domain_key in ("mine", "other") if "{domain_id}" in path else ("mine",):
                url = fill(path, world[domain_key])
                headers = {"Authorization": world["tokens"][who.name]}
                response = api.request(method, url, headers=headers, json={} if method != "GET" else None)
                code = (
                    response.json().get("error", {}).get("code")
                    if response.headers.get("content-type", "").startswith("application/json")
                    and isinstance(response.json(), dict)
                    else None
                )
                hidden = who.scoped and domain_key == "other"
                if response.status_code >= 500:
                    problems.append(f"{who.name} {method} {url}: {response.status_code}")
                elif hidden:
                    if code != "DOMAIN_NOT_FOUND":
                        problems.append(
                            f"{who.name} {method} {url}: {response.status_code} {code}, not hidden"
                        )
                elif may(who, method, path) == (code == "FORBIDDEN"):
                    problems.append(f"{who.name} {method} {url}: {response.status_code} {code}")
    assert not problems, "\n".join(problems)


def console_pages(client: TestClient) -> list[str]:
    app: Any = client.app
    paths: set[str] = set()

    def walk(routes: list[Any]) -> None:
        for route in routes:
            if isinstance(route, APIRoute) and "GET" in route.methods and route.path.startswith("/console"):
                paths.add(route.path)
            elif hasattr(route, "original_router"):
                walk(route.original_router.routes)
            elif hasattr(route, "routes"):
                walk(route.routes)

    walk(app.routes)
    assert len(paths) >= 5
    return sorted(p for p in paths if p != "/console/login")


@pytest.mark.slow
def test_every_console_page_answers_each_role_as_its_rules_say(
    api: TestClient, world: dict[str, Any]
) -> None:
    problems = []
    for path in console_pages(api):
        for who in PEOPLE:
            session = TestClient(api.app, base_url="http://hanji.test")
            password = ADMIN_PASSWORD if who.name == "admin" else PASSWORD
            assert (
                session.post("/api/v1/session", json={"username": who.name, "password": password}).status_code
                == 200
            )
            for domain_key in ("mine", "other") if "{domain_id}" in path else ("mine",):
                url = fill(path, world[domain_key])
                response = session.get(url, follow_redirects=False)
                hidden = who.scoped and domain_key == "other"
                admin_page = path.startswith("/console/operators")
                editing_page = path.endswith("/try")  # runs OCR on the domain: an editor's work
                creating = path == "/console/domains/new"
                allowed = (
                    who.role == "admin"
                    or (editing_page and who.role == "editor")
                    or (not admin_page and not creating and not editing_page)
                    or (creating and who.role == "editor" and not who.scoped)
                )
                if response.status_code >= 500:
                    problems.append(f"{who.name} {url}: {response.status_code}")
                elif hidden and response.status_code != 404:
                    problems.append(f"{who.name} {url}: {response.status_code}, not hidden")
                elif not hidden and allowed != (response.status_code != 403):
                    problems.append(f"{who.name} {url}: {response.status_code}")
    assert not problems, "\n".join(problems)
